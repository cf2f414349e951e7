"""A briefing nested a thousand levels deep, opened with the others or saved while the app is open: the other
briefings stay on screen, the problem names the file and its line, once, and fixing the file clears it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from helpers import all_rows, loaded, record_notices

from kfor_tui.ui.app import KforApp
from support import MINIMAL

DEEP = 'format = "kfor-briefing/1"\nnote = "a\\tb"\n' + "deep" + ".a" * 1000 + " = 1\n"


async def test_a_deep_file_never_empties_the_corpus(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "good.toml")
    (tmp_path / "deep.toml").write_text(DEEP, encoding="utf-8")
    app = KforApp([tmp_path], persist_theme=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.corpus is not None and len(app.corpus.briefings) == 1 and app.corpus.facts()
        [problem] = app.corpus.problems
        assert str(problem).startswith(f"{tmp_path / 'deep.toml'}:3:1: error: nesting deeper than 32 levels")
        assert any("1 problem(s)" in note for note in notes)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "deep.toml:3:1: error: nesting deeper" in "".join(all_rows(app.view.active_table()))


async def test_a_deep_save_while_open_is_reported_once_and_cleared_by_the_fix(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    shutil.copy(MINIMAL, good)
    app = KforApp([tmp_path], persist_theme=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        text = good.read_text(encoding="utf-8")
        stamp = good.stat().st_mtime_ns
        good.write_text(text + "deep" + ".a" * 1000 + " = 1\n", encoding="utf-8")
        os.utime(good, ns=(stamp + 10**9, stamp + 10**9))
        for _ in range(100):
            if any("showing the last good version" in n for n in notes):
                break
            await pilot.pause(0.05)
        assert sum("showing the last good version" in n for n in notes) == 1
        assert app.corpus is not None and app.corpus.facts()  # the last good version stays on screen
        assert any("nesting deeper than 32 levels" in p.message for p in app.corpus.problems)
        good.write_text(text, encoding="utf-8")
        os.utime(good, ns=(stamp + 2 * 10**9, stamp + 2 * 10**9))
        for _ in range(100):
            if app.corpus is not None and not app.corpus.problems:
                break
            await pilot.pause(0.05)
        assert app.corpus is not None and not app.corpus.problems
