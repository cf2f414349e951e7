"""Remappable keys ([keymap] -> App.set_keymap), `y` copies a citation through OSC 52, the terminal cursor
follows the focused row, and docs/keys.md is generated from the bindings."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import all_rows, cursor_text, loaded, record_notices, table
from painted import screen_lines

from kfor_tui.settings import load_settings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.help_overlay import HelpOverlay, help_rows
from kfor_tui.ui.keymap import check_keymap, documented, keys_markdown

KEYS_MD = Path(__file__).resolve().parents[2] / "docs" / "keys.md"


def settings_with(tmp_path: Path, toml: str, **env: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    return load_settings({}, {"KFOR_CONFIG": str(path), **env})


async def test_remapped_key_moves_the_cursor_and_shows_in_help_and_footer(minimal: Path, tmp_path: Path) -> None:
    settings = settings_with(tmp_path, '[keymap]\ncursor-down = "ctrl+n"\nhelp = "f1"\n')
    app = KforApp([minimal], settings=settings)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        t = table(app, "#chronology-table")
        start = t.cursor_row
        await pilot.press("ctrl+n")
        assert t.cursor_row == start + 1
        await pilot.press("j")  # the keymap replaces the default key
        assert t.cursor_row == start + 1
        keys = {key for key, active in app.screen.active_bindings.items() if active.binding.id == "help"}
        assert keys == {"f1"}  # what the footer shows
        rows = {ident: key for key, _, idents in help_rows(app.screen) for ident in idents.split(", ")}
        shown_key = app.get_key_display(
            next(a.binding for a in app.screen.active_bindings.values() if a.binding.id == "cursor-down")
        )
        assert shown_key == "^n" and "^n" in rows["cursor-down"].split(", ")
        assert "j" not in rows["cursor-down"].split(", ")
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpOverlay)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpOverlay)
        shown = all_rows(app.screen.query_one("#help-table"))
        assert any("cursor-down" in row and "^n" in row for row in shown)
    assert notes == []  # a good keymap says nothing


async def test_unknown_id_and_clash_are_reported_once(minimal: Path, tmp_path: Path) -> None:
    settings = settings_with(tmp_path, 'mystery = 1\n[keymap]\nfrobnicate = "x"\ntop = "k"\n')
    app = KforApp([minimal], settings=settings)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "k", "k")
        settings_notes = [n for n in notes if "frobnicate" in n]
        assert len(settings_notes) == 1
        note = settings_notes[0]
        assert "unknown setting 'mystery'" in note
        assert "unknown binding id 'frobnicate'" in note
        assert "keymap clash in lists: k is bound to cursor-up, top" in note


def test_check_keymap_finds_shadowing_between_lists_and_app() -> None:
    problems = check_keymap({"sort": "j"})
    assert problems == ["keymap clash: j in lists (cursor-down) hides sort"]
    assert check_keymap({"cursor-down": "ctrl+n", "cursor-up": "ctrl+p,k"}) == [
        "keymap clash: ctrl+p in lists (cursor-up) hides palette"
    ]
    assert check_keymap({"jump-year": "x", "yank": "c"}) == []


async def test_y_copies_the_current_fact_with_its_citation(minimal: Path) -> None:
    app = KforApp([minimal])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        t = table(app, "#chronology-table")
        row = cursor_text(t)
        entry = app.view.current_entry()  # type: ignore[union-attr]
        await pilot.press("y")
        text = app.clipboard
        cite = entry.record.cites[0]
        source = app.corpus.source(cite.src)  # type: ignore[union-attr]
        assert text.splitlines()[0].startswith(entry.title)
        assert f"\u00ab{cite.quote}\u00bb" in text and "[grade " in text
        assert source.title in text and source.publisher in text and source.published_label() in text
        if source.url:
            assert source.url in text
        # the OSC 52 bytes on the wire: tests/ui/test_ssh_tmux.py
        assert notes[-1].startswith("Copied fact with its citations") and entry.title[:20] in notes[-1]
        assert row == cursor_text(t)  # y no longer jumps to a year
        # the reader copies the current quote only
        await pilot.press("3", "enter")
        _fact, quote = app.view.current_pair()  # type: ignore[union-attr]
        await pilot.press("y")
        assert f"\u00ab{quote.quote}\u00bb" in app.clipboard and notes[-1].startswith("Copied current quote")
        # the nations pane has no fact: the row is copied, and said so
        await pilot.press("1", "y")
        assert notes[-1].startswith("Copied current row")


async def test_Y_still_jumps_to_a_year(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "Y", *"2026", "enter")
        assert "end of deployment" in cursor_text(table(app, "#chronology-table"))


async def test_terminal_cursor_sits_on_the_focused_row(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        t = table(app, "#chronology-table")

        def row_on_screen() -> str:
            y = app.cursor_position.y
            return screen_lines(app)[y].text

        for _ in range(3):
            await pilot.press("j")
            await pilot.pause()
            assert app.cursor_position.x == t.content_region.x
            assert cursor_text(t).split()[0] in row_on_screen()
        await pilot.press("G")
        await pilot.pause()
        assert t.content_region.y <= app.cursor_position.y < t.content_region.bottom
        assert cursor_text(t)[:10].strip() in row_on_screen()
        await pilot.press("3", "enter")  # the reader: the paragraph list
        await pilot.press("tab", "shift+tab")
        await pilot.pause()
        focused = app.focused
        assert focused is not None and focused.content_region.contains(*app.cursor_position)


def test_docs_keys_md_is_generated_from_the_bindings() -> None:
    text = keys_markdown()
    for _scope, ident, _keys, _description in documented():
        assert f"| `{ident}` |" in text
    if os.environ.get("KFOR_UPDATE_DOCS"):
        KEYS_MD.write_text(text, encoding="utf-8")
    assert KEYS_MD.exists() and KEYS_MD.read_text(encoding="utf-8") == text, (
        "docs/keys.md is out of date: run KFOR_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/ui/test_keymap.py"
    )
