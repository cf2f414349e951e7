"""The hostile fixture (tests/hostile.py) in every pane and reader: the app stays up, briefing text is shown
literally (markup as typed, escapes as caret text), and clicking on it runs nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import all_rows, loaded, table
from painted import painted_strips, screen_lines

from hostile import BIG_PARAGRAPHS, MARKUP, SHOWN, write_hostile
from kfor_tui.io.loader import load
from kfor_tui.model import Corpus
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.help_overlay import HelpOverlay
from kfor_tui.ui.list_keys import KeyedOptionList
from kfor_tui.ui.location import Location as Place
from kfor_tui.ui.lookup import LookupScreen
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.views.nation_detail import NationDetail
from kfor_tui.ui.views.nations import NationsPane
from kfor_tui.ui.views.problems import SHOWN_LIMIT, ProblemsView
from kfor_tui.ui.views.reader import SourceReader
from kfor_tui.ui.views.sources import SourcesPane

ESCAPED = [SHOWN[raw] for raw in SHOWN if raw.startswith(("\x1b", "\x9b"))]  # ^[]0;PWN^G, <9B>31m, ...


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def corpus(hostile: Path) -> Corpus:
    corpus = load([hostile])
    assert not corpus.errors(), corpus.errors()[:3]  # a valid briefing: every quote found in the sanitised text
    return corpus


def screen_text(app: KforApp) -> str:
    return "\n".join(line.text for line in screen_lines(app))


def live_actions(app: KforApp) -> list[str]:
    """Click actions and links on screen that came from data (a Footer key's own @click is fine)."""
    found = []
    for strip in painted_strips(app):
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            meta = style.meta
            if "quit" in str(meta.get("@click", "")) or "evil" in (style.link or ""):
                found.append(f"{segment.text!r} {meta} {style.link}")
    return found


def assert_safe(app: KforApp) -> str:
    """The app is up, nothing raw reached the screen, and no data became a click action or link."""
    assert app.is_running and app.return_code is None
    shown = screen_text(app)
    for raw in ("\x1b", "\x9b", "\x07", "\r", "\u202e"):
        assert raw not in shown, repr(raw)
    assert live_actions(app) == []
    return shown


def literal(text: str) -> None:
    """Markup and escapes appear as typed / as caret text."""
    assert MARKUP in text, text[:300]
    for escaped in ESCAPED:
        assert escaped in text, (escaped, text[:300])


async def click_all_over(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Click across the view (mouse is off in the app, but Pilot sends clicks anyway); nothing may run.
    (live_actions() checks every cell for a data-made action; these clicks prove it end to end.)"""
    for y in (1, 4, 14):
        for x in (5, 45):
            await pilot.click(offset=(x, y))
            assert app.is_running and app.return_code is None, (x, y)
    await pilot.pause()


async def test_hostile_file_opens_in_every_pane(hostile: Path) -> None:
    app = KforApp([hostile])  # the real path: read, sanitised and loaded by the app's worker
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.view, NationsPane)
        shown = assert_safe(app)
        banner = app.screen.query_one("#banner-top").render().plain  # type: ignore[union-attr]
        literal(banner)
        assert "marking" in shown and "[@click=app.quit]x[/]" in shown
        rows = all_rows(table(app, "#nations-table"))
        assert any(MARKUP in row and "^[]0;PWN^G" in row for row in rows), rows
        await click_all_over(app, pilot)
        for key in ("2", "3"):
            await pilot.press(key)
            assert_safe(app)
            rows = all_rows(app.view.active_table())  # type: ignore[union-attr]
            assert any(MARKUP in row for row in rows), rows
            literal("\n".join(rows))
            await click_all_over(app, pilot)
        await pilot.press("3")  # a click on the cursor row opens it, as it should: go back to the pane
        assert isinstance(app.view, SourcesPane)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpOverlay)
        assert_safe(app)
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.view, ProblemsView)
        rows = all_rows(table(app, "#problems-table"))
        assert len(rows) == SHOWN_LIMIT + 1 and "more: run `kfor-tui check`" in rows[-1]  # 60,000 warnings, cut
        assert any("control character U+001B shown as ^[" in row for row in rows)
        assert any("bidirectional override U+202E removed" in row for row in rows)
        assert_safe(app)
        await pilot.press("G", "ctrl+d")
        await click_all_over(app, pilot)
        await pilot.press("1")
        assert isinstance(app.view, NationsPane) and app.is_running


async def test_every_nation_row_and_fact_detail(corpus: Corpus) -> None:
    app = KforApp([], corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        count = table(app, "#nations-table").row_count
        assert count >= 3
        for row in range(count):
            await app.main.host.go(Place("nations", row=row))
            await pilot.press("enter")
            assert isinstance(app.view, NationDetail), row
            assert_safe(app)
            facts = "\n".join(all_rows(table(app, "#nation-facts")))
            if "Nothing in the corpus" not in facts:
                literal(facts)
            await pilot.press("j", "j", "G")
            if app.view.fact_at_cursor() is not None:  # type: ignore[union-attr]
                await pilot.press("i")
                assert isinstance(app.view, FactDetail)
                assert_safe(app)
                text = "\n".join(
                    t.row_text(i) for t in app.view.query("KeyedTable, VirtualTable") for i in range(t.row_count)
                )
                text += "\n".join(w.render().plain for w in app.view.query("Static"))  # type: ignore[union-attr]
                literal(text)
                await click_all_over(app, pilot)
        # the chronology's facts, each in its fact detail (notes, roles, quotes, clean text)
        await pilot.press("2")
        chrono = table(app, "#chronology-table")
        for row in [r for r in range(chrono.row_count) if not chrono.row_text(r).startswith("--")]:
            await app.main.host.go(Place("chronology", row=row))
            await pilot.press("i")
            if isinstance(app.view, FactDetail):
                assert_safe(app)
                await pilot.press("tab", "G")
                assert_safe(app)
        assert app.is_running


async def test_readers_of_every_source(corpus: Corpus) -> None:
    app = KforApp([], corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        for source in corpus.sources:
            started = time.perf_counter()
            await app.main.host.go(Place("reader", source.id))
            await pilot.pause()
            opened = time.perf_counter() - started
            reader = app.view
            assert isinstance(reader, SourceReader)
            text = reader.query_one("#reader-text", KeyedOptionList)
            assert text.option_count == len(source.paragraphs)
            header = reader.query_one("#reader-header").render().plain  # type: ignore[union-attr]
            literal(header)
            assert_safe(app)
            literal(text.get_option_at_index(1).prompt.plain)  # type: ignore[union-attr]
            await pilot.press("n", "n", "N", "G", "ctrl+d", "ctrl+u", "g")
            assert_safe(app)
            if len(source.paragraphs) == BIG_PARAGRAPHS:
                assert opened < 6, f"the {BIG_PARAGRAPHS:,}-paragraph reader took {opened:.1f} s to open"
                text.focus()
                await pilot.press("G")
                assert text.highlighted == BIG_PARAGRAPHS - 1
                assert "Big paragraph 10000" in screen_text(app)
                await pilot.press("ctrl+u", "n")  # next quote: wraps round through 0, 4,999 and 9,999
                assert text.highlighted in {0, 4_999, BIG_PARAGRAPHS - 1}
                assert_safe(app)
            await pilot.press("tab", "j", "shift+tab")
            assert_safe(app)
            await click_all_over(app, pilot)
            await pilot.press("i")
            assert isinstance(app.view, FactDetail)
            assert_safe(app)


async def test_lookup_and_search_with_hostile_words(corpus: Corpus) -> None:
    app = KforApp([], corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.workers.wait_for_complete()  # the lookup index
        await pilot.press("colon", *"[@click=app.quit]")
        assert isinstance(app.screen, LookupScreen)
        assert_safe(app)
        await pilot.press("backspace", *"x[/] PWN")
        assert_safe(app)
        await click_all_over(app, pilot)
        await pilot.press("enter")
        assert_safe(app)
        await pilot.press("3", "slash", *"[/]", "enter")
        assert_safe(app)
        await pilot.press("enter", "slash", *"^[]0;PWN", "enter", "n")
        assert isinstance(app.view, SourceReader)
        assert_safe(app)
