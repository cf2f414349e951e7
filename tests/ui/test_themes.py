"""Themes, colour depth, NO_COLOR and --ascii in the running app: Pilot for behaviour, snapshots of the source
reader in every shipped theme, and the real terminal bytes in tmux (pipe-pane)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import loaded, record_notices, run_in_tmux

from kfor_tui.ui.app import KforApp
from kfor_tui.ui.commands import palette_commands
from kfor_tui.ui.themes import bundled_themes_dir, load_themes

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal.toml"
COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"
SHIPPED = sorted(load_themes([bundled_themes_dir()]).themes)


@pytest.fixture(autouse=True)
def _private_config(tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """Never read or write the real user config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


async def test_only_kfor_themes_are_offered() -> None:
    app = KforApp([MINIMAL], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        assert app.theme == "kfor-dark"
        assert sorted(app.available_themes) == SHIPPED
        palette = [name for name, _, _ in palette_commands(app) if name.startswith("Theme: ")]
        assert palette == [f"Theme: {name}" for name in SHIPPED]


async def test_broken_user_theme_is_named_and_app_starts(_private_config: Path) -> None:
    folder = _private_config / "kfor-tui" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "not-a-colour"\n', encoding="utf-8")
    (folder / "ok.toml").write_text('name = "ok"\nprimary = "#00ff00"\n', encoding="utf-8")
    app = KforApp([MINIMAL], persist_theme=False)
    messages = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        theme_messages = [m for m in messages if "mine.toml" in m]
        assert len(theme_messages) == 1 and "primary" in theme_messages[0]
        assert "ok" in app.available_themes and "mine" not in app.available_themes
        app.theme = "ok"
        await pilot.pause()
        assert app.screen.query_one("#header")  # still running


async def test_theme_flag_and_unknown_theme_fallback() -> None:
    app = KforApp([MINIMAL], theme="night", persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        assert app.theme == "night" and "-theme-night" in app.classes
    app = KforApp([MINIMAL], theme="nope", persist_theme=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        assert app.theme == "kfor-dark"
        assert any("No theme 'nope'" in note for note in notes)


async def test_a_chosen_theme_is_saved() -> None:
    saved: list[str] = []
    app = KforApp([MINIMAL], save_theme=saved.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        assert saved == []  # starting does not write anything
        app.theme = "amber"
        await pilot.pause()
        await pilot.pause()
    assert saved == ["amber"]


async def test_no_color_cursor_is_reverse_video() -> None:
    app = KforApp([MINIMAL], no_color=True, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot.app, pilot)
        assert "-no-color" in app.classes
        table = app.screen.query_one("VirtualTable")
        style = table.get_component_rich_style("virtual-table--cursor")
        assert style.reverse and style.bold
        await pilot.press("3", "enter", "tab")  # the reader's facts: a DataTable
        table = app.screen.query_one("#reader-facts")
        style = table.get_component_rich_style("datatable--cursor")
        assert style.reverse and style.bold


async def test_ascii_glyphs_in_reader_and_legend() -> None:
    app = KforApp([MINIMAL], ascii=True, persist_theme=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot.app, pilot)
            await pilot.press("3", "enter")
            await pilot.pause()
            from kfor_tui.ui.views.reader import mark_paragraph

            text = mark_paragraph("a quote here", 1, [(2, 7, True)]).plain
            assert text == "#1 a ><<quote>> here"
    finally:
        from kfor_tui.ui.terminal import use_ascii

        use_ascii(False)


@pytest.mark.parametrize("theme", SHIPPED)
def test_source_reader_in_every_theme(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press("3", "enter", "n")
        await pilot.pause()

    app = KforApp([MINIMAL], theme=theme, themes=load_themes([bundled_themes_dir()]), persist_theme=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# ---------------------------------------------------------------- the real bytes, in tmux


def needs_tmux(test):  # type: ignore[no-untyped-def]
    test = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")(test)
    return pytest.mark.skipif(not COMMAND.exists(), reason="kfor-tui is not installed in .venv")(test)


SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def _run_in_tmux(
    tmp_path: Path, env: str, args: str, *keys: tuple[str, str], wait_for: str = "Luxembourg"
) -> tuple[bytes, str]:
    """The real command on the minimal fixture in a truecolor-capable tmux: (bytes written, last screen)."""
    data, screens = run_in_tmux(tmp_path, f"{args} {MINIMAL}", list(keys), env=env, wait_first=wait_for, colorterm=True)
    return data, screens[-1]


def _colours(data: bytes) -> dict[str, bool]:
    params = [m.group(1) for m in SGR.finditer(data)]
    return {
        "truecolor": any(re.search(rb"(^|;)[34]8;2;", p) for p in params),
        "256": any(re.search(rb"(^|;)[34]8;5;", p) for p in params),
        "any": any(re.search(rb"(^|;)(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|$)", p) for p in params),
        "reverse": any(re.search(rb"(^|;)7(;|$)", p) for p in params),
    }


READER = (("3", "Test Chronicle"), ("Enter", "quote 1/3"), ("n", "quote 2/3"))


@needs_tmux
def test_color_16_emits_no_256_or_truecolor(tmp_path: Path) -> None:
    data, _ = _run_in_tmux(tmp_path, "", "--color 16", *READER)
    found = _colours(data)
    assert found["any"] and not found["256"] and not found["truecolor"], found


@needs_tmux
def test_no_color_emits_no_colour_but_keeps_reverse(tmp_path: Path) -> None:
    data, screen = _run_in_tmux(tmp_path, "NO_COLOR=1", "", *READER)
    found = _colours(data)
    assert not found["any"] and found["reverse"], found
    assert "\u25b6\u00ab" in screen  # the current quote keeps its glyph
    data, _ = _run_in_tmux(tmp_path, "", "--color none", *READER)
    assert not _colours(data)["any"]


@needs_tmux
def test_empty_no_color_keeps_colour(tmp_path: Path) -> None:
    data, _ = _run_in_tmux(tmp_path, "NO_COLOR=", "")
    assert _colours(data)["truecolor"]


@needs_tmux
def test_ascii_screen_has_no_unicode_chrome(tmp_path: Path) -> None:
    _, screen = _run_in_tmux(tmp_path, "", "--ascii", *READER)
    assert "><<seven soldiers" in screen and "#1 <<On Wednesday" in screen
    assert [ch for ch in screen if not ch.isascii()] == []  # the fixture's only non-ASCII is the ’, folded to '
    _, screen = _run_in_tmux(tmp_path, "", "--ascii", ("?", "Binding id"))
    assert "up, k" in screen and [ch for ch in screen if not ch.isascii()] == []


@needs_tmux
def test_unknown_theme_flag_exits_2() -> None:
    result = subprocess.run(
        [str(COMMAND), "--theme", "nope", str(MINIMAL)], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 2
    assert "no theme 'nope'" in result.stderr and "high-contrast" in result.stderr
