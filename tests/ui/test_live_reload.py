"""Live reload in the app: an edited briefing updates the open view in place (view, cursor row, history
kept), a broken save keeps the last good data with a notice, --no-watch turns it off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import all_rows, loaded, record_notices, table

from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.nations import NationsPane
from kfor_tui.ui.views.sources import SourcesPane


@pytest.fixture
def copy(tmp_path: Path, minimal: Path) -> Path:
    path = tmp_path / "minimal.toml"
    shutil.copy(minimal, path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a new stamp even on a coarse-mtime file system


async def wait_for(pilot, condition, seconds: float = 3.0) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_edited_title_appears_with_view_and_cursor_kept(copy: Path) -> None:
    app = KforApp([copy])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("1")
        t = table(app, "#nations-table")
        kfor = next(i for i, row in enumerate(all_rows(t)) if "Kosovo Force" in row)
        await pilot.press(*["j"] * kfor)
        assert t.cursor_row == kfor
        history = len(app.main.host.history)
        edit(copy, 'name = "Kosovo Force"', 'name = "Kosovo Force Renamed"')

        def shown() -> bool:
            tables = app.screen.query("#nations-table")
            return bool(tables) and any("Kosovo Force Renamed" in row for row in all_rows(tables.first()))

        assert await wait_for(pilot, shown)
        assert isinstance(app.view, NationsPane)
        assert table(app, "#nations-table").cursor_row == kfor
        assert len(app.main.host.history) == history
        assert any("reloaded" in n and "minimal.toml" in n for n in notes)
        assert app.corpus is not None and not app.corpus.problems
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.search_index is not None
        assert any(
            h.label.startswith("Kosovo Force Renamed") or "Renamed" in h.label
            for h in app.search_index.search("Renamed", limit=5)
        )


async def test_broken_save_keeps_last_good_data_with_a_notice(copy: Path) -> None:
    app = KforApp([copy])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("3")
        assert isinstance(app.view, SourcesPane)
        rows_before = all_rows(app.view.active_table())
        text = copy.read_text(encoding="utf-8")
        before = copy.stat().st_mtime_ns
        copy.write_text(text[: len(text) // 2].replace("Ministers meet", "Half written"), encoding="utf-8")
        os.utime(copy, ns=(before + 10**9, before + 10**9))

        def noticed() -> bool:
            return any("has errors, showing the last good version" in n for n in notes)

        assert await wait_for(pilot, noticed)
        await pilot.pause()
        assert isinstance(app.view, SourcesPane)
        assert all_rows(app.view.active_table()) == rows_before  # the old data stays
        assert app.corpus is not None and app.corpus.source("src-a") is not None
        assert any("showing the last good version" in p.message for p in app.corpus.problems)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "last good version" in "\n".join(all_rows(app.view.active_table()))


async def test_deleted_file_records_disappear_with_a_notice(tmp_path: Path, minimal: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(minimal, folder / "minimal.toml")
    app = KforApp([folder])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.corpus is not None and app.corpus.sources
        (folder / "minimal.toml").unlink()
        assert await wait_for(pilot, lambda: any("was deleted" in n for n in notes))
        await pilot.pause()
        assert app.corpus is not None and not app.corpus.sources
        assert isinstance(app.view, NationsPane)


async def test_no_watch_changes_nothing(copy: Path) -> None:
    app = KforApp([copy], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        corpus = app.corpus
        edit(copy, 'name = "Kosovo Force"', 'name = "Kosovo Force Renamed"')
        await pilot.pause(1.5)
        assert app.corpus is corpus
        assert not any("Renamed" in row for row in all_rows(table(app, "#nations-table")))
        assert not app.watching


def test_watch_setting_and_flag(monkeypatch, tmp_path: Path) -> None:
    from kfor_tui.cli import _flags, build_parser
    from kfor_tui.settings import load_settings

    env = {"KFOR_CONFIG": str(tmp_path / "config.toml")}
    assert load_settings({}, env).watch is True
    assert load_settings({}, {**env, "KFOR_WATCH": "0"}).watch is False
    assert load_settings(_flags(build_parser().parse_args(["--no-watch"])), env).watch is False
    assert _flags(build_parser().parse_args([]))["watch"] is None
    app = KforApp([], settings=load_settings({}, {**env, "KFOR_WATCH": "off"}))
    assert app.watching is False


async def test_lookup_index_is_reused_at_the_next_start(minimal: Path, tmp_path: Path, monkeypatch) -> None:
    """With the load cache on, a second start over unchanged briefings takes the lookup index from the
    cache instead of building it again, and lookup still finds the same things."""
    from kfor_tui.index import search

    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(tmp_path / "cache"))
    builds: list[int] = []
    real = search.SearchIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls, corpus):  # type: ignore[no-untyped-def]
        builds.append(1)
        return real(cls, corpus)

    monkeypatch.setattr(search.SearchIndex, "build", classmethod(counting))
    found, rows = [], []
    for _ in range(2):
        app = KforApp([minimal], watch=False, persist_theme=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(app, pilot)
            assert app.search_index is not None
            found.append([h.id for h in app.search_index.search("novo", limit=5)])
            rows.append(all_rows(table(app, "#nations-table")))
    assert builds == [1] and found[0] == found[1] and found[0]
    # the nations pane's rows too: kept beside the corpus, and the same when read back
    assert len(list((tmp_path / "cache").glob("subjects-*.cache"))) == 1
    assert rows[0] == rows[1] and rows[0]


async def test_a_save_that_adds_an_error_says_so_and_the_fix_clears_it(copy: Path) -> None:
    """A file that still loads but now has a wrong quote: the notice counts the error, `!` lists it, and
    saving the fix clears it."""
    app = KforApp([copy])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        edit(copy, 'quote = "4,443 personnel"', 'quote = "4,444 personnel"')
        assert await wait_for(pilot, lambda: any("now 1 error" in n for n in notes))
        assert any("reloaded" in n and "press ! to list them" in n for n in notes)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "quote not found" in "\n".join(all_rows(app.view.active_table()))
        edit(copy, 'quote = "4,444 personnel"', 'quote = "4,443 personnel"')
        assert await wait_for(pilot, lambda: app.corpus is not None and not app.corpus.problems)


async def test_a_failed_reload_is_listed_once_and_cleared_by_the_next(copy: Path, monkeypatch) -> None:
    app = KforApp([copy])
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        real = app.session.loader.reload
        calls = []

        def failing():  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) == 1:
                raise MemoryError("no room")
            return real()

        monkeypatch.setattr(app.session.loader, "reload", failing)
        edit(copy, 'name = "Kosovo Force"', 'name = "Kosovo Force Renamed"')
        assert await wait_for(pilot, lambda: any("reload failed: MemoryError: no room" in n for n in notes))
        assert app.corpus is not None
        failed = [p for p in app.corpus.problems if p.message.startswith("reload failed")]
        assert len(failed) == 1
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "reload failed: MemoryError" in "\n".join(all_rows(app.view.active_table()))
        edit(copy, 'name = "Kosovo Force Renamed"', 'name = "Kosovo Force Again"')
        assert await wait_for(pilot, lambda: app.corpus is not None and not app.corpus.problems)
        assert sum("reload failed" in n for n in notes) == 1
