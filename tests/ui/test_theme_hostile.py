"""Hostile themes and settings in the running app (Pilot): the app starts with one clear notice for each broken
theme file or config.toml, a switch to a theme it cannot use (`:theme`, the palette) keeps the current theme
and says why, and an app that stops on an error exits non-zero."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import loaded, record_notices
from textual.theme import Theme
from textual.widgets import OptionList

from kfor_tui.settings import load_settings
from kfor_tui.ui import looks
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.themes import bundled_themes_dir, load_themes

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal.toml"
GOOD = 'name = "ok"\nprimary = "#00ff00"\n'

# file -> (contents, what its one line must say). Each was accepted before, and stopped the app (or hung it).
HOSTILE: dict[str, tuple[str | bytes | None, str]] = {
    "nan.toml": ('name = "nan"\nprimary = "#ff0000"\ntext_alpha = nan\n', "nan.toml: text_alpha: nan is not a finite"),
    "huge.toml": (
        'name = "huge"\nprimary = "#ff0000"\nluminosity_spread = 1e308\n',
        "huge.toml: luminosity_spread: 1e+308 is out of range (0 to 1)",
    ),
    "undefined.toml": (
        'name = "undefined"\nprimary = "#ff0000"\n[variables]\nfooter-key-foreground = "$nope"\n',
        "undefined.toml: variables.footer-key-foreground: $nope is not defined",
    ),
    "inject.toml": (
        'name = "inject"\nprimary = "#ff0000"\n[variables]\n'
        'block-cursor-text-style = "bold; } Screen { display: none"\n',
        "inject.toml: variables.block-cursor-text-style: 'bold; } Screen { display: none' is not a text style",
    ),
    "brace.toml": (
        'name = "brace"\nprimary = "#ff0000"\n[variables]\nkfor-conflict = "#ff0000 } Screen {"\n',
        "brace.toml: variables.kfor-conflict: '#ff0000 } Screen {': after the colour only an opacity like 50%",
    ),
    "cycle.toml": (
        'name = "cycle"\nprimary = "#ff0000"\n[variables]\n'
        'kfor-planned = "$kfor-conflict"\nkfor-conflict = "$kfor-planned"\n',
        "cycle.toml: variables.kfor-planned: a cycle of references (kfor-planned -> kfor-conflict -> kfor-planned)",
    ),
    "opacity.toml": (
        'name = "opacity"\nprimary = "#ff0000"\n[variables]\nbackground = "#000000 50%"\n',
        "opacity.toml: variables.background: Textual uses $background as a plain colour",
    ),
    "deep.toml": (
        'name = "deep"\nprimary = "#ff0000"\nx = ' + "[" * 3000 + "]" * 3000 + "\n",
        "deep.toml:3:36: nesting deeper than 32 levels",
    ),
    "binary.toml": (b'name = "binary"\nprimary = "\xff"\n', "binary.toml:2:12: not UTF-8: byte 0xff"),
    "fifo.toml": (None, "fifo.toml:1:1: a FIFO, not a regular file; not opened"),
}


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def write_themes(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ok.toml").write_text(GOOD, encoding="utf-8")
    for name in names:
        content = HOSTILE[name][0]
        if content is None:
            os.mkfifo(folder / name)
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")


def theme_notice(notes: list[str]) -> list[str]:
    return [line for note in notes for line in note.splitlines() if ".toml" in line]


async def test_every_hostile_theme_file_is_one_line_of_one_notice_and_the_app_runs(_private_config: Path) -> None:
    folder = _private_config / "kfor-tui" / "themes"
    write_themes(folder, list(HOSTILE))
    app = KforApp([MINIMAL], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        lines = theme_notice(notes)
        assert len(lines) == len(HOSTILE), lines
        for name, (_, expected) in HOSTILE.items():
            [line] = [line for line in lines if f"/{name}" in line or line.startswith(name)]
            assert expected in line, (expected, line)
        assert app.theme == "kfor-dark" and "ok" in app.available_themes
        assert not {Path(n).stem for n in HOSTILE} & set(app.available_themes)
        app.theme = "ok"
        await pilot.pause()
        assert app.theme == "ok" and app.is_running and app.return_code is None


@pytest.mark.parametrize("name", ["nan.toml", "huge.toml", "undefined.toml", "inject.toml", "fifo.toml"])
async def test_a_config_that_picks_a_hostile_theme_starts_on_the_default(
    _private_config: Path, tmp_path: Path, name: str
) -> None:
    write_themes(_private_config / "kfor-tui" / "themes", [name])
    config = tmp_path / "config.toml"
    stem = Path(name).stem
    config.write_text(f'theme = "{stem}"\n', encoding="utf-8")
    settings = load_settings({}, {"KFOR_CONFIG": str(config)})
    app = KforApp([MINIMAL], settings=settings, theme=settings.theme, persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.theme == "kfor-dark" and app.is_running
        text = "\n".join(notes)
        assert HOSTILE[name][1] in text
        assert f"No theme {stem!r}; using kfor-dark" in text


# ---- config.toml -----------------------------------------------------------------------------------------

CONFIGS: dict[str, tuple[str | None, str]] = {
    "fifo": (None, ":1:1: a FIFO, not a regular file; not opened; using defaults"),
    "deep": ("a = " + "[" * 5000 + "]" * 5000 + "\n", ":1:36: nesting deeper than 32 levels"),
    "deep tables": ("[" + ".".join(["t"] * 100) + "]\n", ":1:1: nesting deeper than 32 levels"),
    "nan": ("max_file_mb = nan\n", ":1:1: max_file_mb must be a positive number of MiB, finite"),
    "inf": ("max_total_mb = inf\n", ":1:1: max_total_mb must be a positive number of MiB, finite"),
    "broken": ('theme = "amber\n', ":1:15: not valid TOML"),
    "swapped types": ("mouse = 'yes'\n", ":1:1: mouse must be true or false, not 'yes'; ignored"),
    "bad theme name": ('theme = "\\u001b[2J"\n', ":1:1: theme must be a theme name"),
    "bad keymap": ('[keymap]\nyank = "\\u0007"\n', ":2:1: keymap 'yank' must be keys like"),
}


@pytest.mark.parametrize("case", CONFIGS)
async def test_a_hostile_config_is_one_notice_and_the_app_starts(tmp_path: Path, case: str) -> None:
    config = tmp_path / "config.toml"
    text, expected = CONFIGS[case]
    if text is None:
        os.mkfifo(config)
    else:
        config.write_text(text, encoding="utf-8")
    settings = load_settings({}, {"KFOR_CONFIG": str(config)})
    app = KforApp([MINIMAL], settings=settings, theme=settings.theme, persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.is_running and app.return_code is None and app.theme == "kfor-dark"
        [notice] = [note for note in notes if str(config) in note]
        assert notice.splitlines() == [f"{config}{expected}{notice.split(expected, 1)[1]}"]
        assert "\x1b" not in notice and "\x07" not in notice


# ---- switching at run time ------------------------------------------------------------------------------


def with_broken(*themes: Theme) -> object:
    """The shipped themes plus `themes`, registered as if they had loaded (a Theme given in code is not
    checked at load; the app checks a theme as it is applied)."""
    result = load_themes([bundled_themes_dir()])
    for theme in themes:
        result.themes[theme.name] = theme
    return result


UNDEFINED = Theme(name="broken", primary="#ff0000", variables={"footer-key-foreground": "$nope"})
INJECTED = Theme(name="injected", primary="#ff0000", variables={"block-cursor-text-style": "bold; } Screen {"})
NAN = Theme(name="nan", primary="#ff0000", luminosity_spread=float("nan"))


async def test_colon_theme_broken_keeps_the_current_theme_with_a_notice() -> None:
    saved: list[str] = []
    app = KforApp([MINIMAL], themes=with_broken(UNDEFINED), save_theme=saved.append, watch=False)  # type: ignore[arg-type]
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("colon", *"theme broken")
        hits = app.screen.query_one("#lookup-hits", OptionList)
        assert hits.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "kfor-dark" and app.is_running and app.return_code is None
        assert notes[-1] == (
            "Theme 'broken' not used: variables.footer-key-foreground: $nope is not defined: name a colour of the "
            "theme ($primary, $error...) or a variable. Keeping kfor-dark."
        )
        await pilot.press("colon", *"theme amber", "enter")  # a good theme still switches, and is remembered
        await pilot.pause()
        assert app.theme == "amber"
        await pilot.pause()
    assert saved == ["amber"]


@pytest.mark.parametrize("theme", [UNDEFINED, INJECTED, NAN], ids=lambda t: t.name)
async def test_the_palettes_switch_to_a_broken_theme_is_refused(theme: Theme) -> None:
    app = KforApp([MINIMAL], themes=with_broken(theme), persist_theme=False, watch=False)  # type: ignore[arg-type]
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.theme = "night"
        await pilot.pause()
        app.theme = theme.name  # what the palette's "Theme: NAME" does
        await pilot.pause()
        await pilot.pause()
        assert app.theme == "night" and app.is_running and app.return_code is None
        assert notes[-1].startswith(f"Theme {theme.name!r} not used: ") and notes[-1].endswith("Keeping night.")


async def test_a_broken_theme_given_at_start_falls_back_with_a_notice() -> None:
    app = KforApp([MINIMAL], theme="broken", themes=with_broken(UNDEFINED), persist_theme=False, watch=False)  # type: ignore[arg-type]
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.theme == "kfor-dark" and app.is_running
        assert any(
            line.startswith("Theme 'broken' not used: variables.footer-key-foreground: $nope is not defined")
            and line.endswith("; using kfor-dark")
            for note in notes
            for line in note.splitlines()
        ), notes


async def test_a_theme_that_fails_as_it_is_applied_goes_back_to_the_last_good_one(monkeypatch) -> None:
    """The backstop: were a broken theme to pass every check, the failure in Textual's refresh_css is caught
    and the last good theme put back, with a notice; the theme is not saved."""
    monkeypatch.setattr(looks.Looks, "problem", lambda self, theme: None)
    saved: list[str] = []
    app = KforApp([MINIMAL], themes=with_broken(INJECTED), save_theme=saved.append, watch=False)  # type: ignore[arg-type]
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.theme = "injected"
        for _ in range(5):
            await pilot.pause()
        assert app.theme == "kfor-dark" and app.is_running and app.return_code is None
        assert any(note.startswith("Theme 'injected' could not be applied (") for note in notes), notes
        app.theme = "amber"
        await pilot.pause()
        await pilot.pause()
    assert saved == ["amber"]


# ---- the exit code ---------------------------------------------------------------------------------------

CHILD = r"""
import sys
from kfor_tui import cli
from kfor_tui.ui import app as app_module

mode = sys.argv[1]
real_run = app_module.KforApp.run
app_module.KforApp.run = lambda self, *a, **k: real_run(self, *a, **{**k, "headless": True})

def on_ready(self):
    if mode == "crash":
        raise RuntimeError("boom")
    self.exit(return_code=int(mode)) if mode != "quit" else self.exit(0)

app_module.KforApp.on_ready = on_ready
sys.exit(cli.main([sys.argv[2], "--no-watch"]))
"""


@pytest.mark.parametrize(("mode", "code"), [("crash", 1), ("quit", 0), ("129", 129)])
def test_the_app_exits_non_zero_when_it_stops_on_an_error(tmp_path: Path, mode: str, code: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KFOR_CONFIG": str(tmp_path / "none.toml")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(MINIMAL)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == code, out.stdout[-2000:] + out.stderr[-2000:]
    if mode == "crash":
        assert "boom" in out.stdout + out.stderr


def test_a_fifo_theme_is_never_opened(_private_config: Path) -> None:
    folder = _private_config / "kfor-tui" / "themes"
    write_themes(folder, ["fifo.toml"])
    opened = threading.Event()

    def writer() -> None:
        with open(folder / "fifo.toml", "w"):
            opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        result = load_themes()
        assert [e for e in result.errors if "fifo.toml" in e] == [
            f"{folder / 'fifo.toml'}:1:1: a FIFO, not a regular file; not opened"
        ]
        assert "ok" in result.themes and not opened.is_set()
    finally:
        with open(folder / "fifo.toml") as reader:
            reader.read()
        thread.join(timeout=5)
