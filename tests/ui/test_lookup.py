"""Quick lookup in the app: the `:` prompt and the ctrl+p palette answer as you type and land on the hit."""

from __future__ import annotations

from helpers import loaded
from textual.command import CommandPalette
from textual.widgets import OptionList

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.commands import palette_commands
from kfor_tui.ui.lookup import LookupScreen
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.views.nation_detail import NationDetail
from kfor_tui.ui.views.reader import SourceReader


def hit_lines(app: KforApp) -> list[str]:
    hits = app.screen.query_one("#lookup-hits", OptionList)
    return [hits.get_option_at_index(i).prompt.plain for i in range(hits.option_count)]  # type: ignore[union-attr]


async def palette_results(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The palette searches in the background: wait (up to a second) until it lists something."""
    for _ in range(20):
        await pilot.pause(0.05)
        if app.screen.query_one("CommandList", OptionList).option_count:
            return


async def test_colon_lookup_updates_per_keystroke_and_lands_on_the_camp() -> None:
    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("colon")
        assert isinstance(app.screen, LookupScreen)
        await pilot.press("n", "o")
        assert any("Camp Novo Selo" in line for line in hit_lines(app))
        await pilot.press("v", "o")
        lines = hit_lines(app)
        assert lines[0].startswith("place") and "Camp Novo Selo" in lines[0]
        assert any(line.startswith("contingent") and "Benelux" in line for line in lines)  # its facts
        assert any(line.startswith("paragraph") for line in lines)
        await pilot.press("enter")
        assert isinstance(app.view, NationDetail) and app.view.location.key == "place:camp-novo-selo"
        await pilot.press("left_square_bracket")
        assert not isinstance(app.view, NationDetail)


async def test_colon_lookup_arrows_choose_and_escape_closes() -> None:
    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("colon", *"4,443")
        assert hit_lines(app)[0].startswith("figure") and "4,443" in hit_lines(app)[0]
        await pilot.press("enter")
        assert isinstance(app.view, FactDetail) and app.view.location.key == "fig-kfor-personnel-2024-03"
        await pilot.press("colon", *"zzzqqqxx")
        assert hit_lines(app) == []
        assert "nothing found" in app.screen.query_one("#lookup-help").render().plain  # type: ignore[union-attr]
        await pilot.press("escape")
        assert not isinstance(app.screen, LookupScreen) and isinstance(app.view, FactDetail)


async def test_paragraph_hit_opens_the_reader_at_the_paragraph_with_the_words_marked() -> None:
    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("colon", *"ammunition production")
        lines = hit_lines(app)
        index = next(i for i, line in enumerate(lines) if line.startswith("paragraph"))
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        view = app.view
        assert isinstance(view, SourceReader) and view.location.paragraph == 12
        text = app.screen.query_one("#reader-text", OptionList)
        assert text.highlighted == 12
        marked = text.get_option_at_index(12).prompt.plain  # type: ignore[union-attr]
        assert "\u27e8ammunition\u27e9 \u27e8production\u27e9" in marked


async def test_palette_finds_a_typo_and_lands_on_the_commander() -> None:
    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"barduany")
        await palette_results(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.view, NationDetail) and app.view.location.key == "person:enrico-barduani"


async def test_palette_commands_switch_panes() -> None:
    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        names = [name for name, _, _ in palette_commands(app)]
        assert "Go to: Chronology" in names and any(n.startswith("Theme: ") for n in names)
        await pilot.press("ctrl+p", *"go to chron")
        await palette_results(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.view is not None and app.view.location.view == "chronology"


async def test_colon_theme_and_quit_commands() -> None:
    app = KforApp([bundled_briefings()], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("colon", *"theme high")
        assert hit_lines(app) == ["command      Theme: high-contrast"]
        await pilot.press("enter")
        assert app.theme == "high-contrast"
        await pilot.press("colon", "q")
        assert hit_lines(app)[0].startswith("command      Quit")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_colon_opens_while_the_index_is_built_and_answers_when_ready(monkeypatch) -> None:
    """On a large corpus the index takes seconds after the first screen: `:` opens at once, keeps what is
    typed, and shows the hits as soon as the index is ready."""
    import threading

    from textual.widgets import Static

    from kfor_tui.index import search

    gate = threading.Event()
    real = search.SearchIndex.build.__func__  # type: ignore[attr-defined]

    def slow(cls, corpus):  # type: ignore[no-untyped-def]
        gate.wait(20)
        return real(cls, corpus)

    monkeypatch.setattr(search.SearchIndex, "build", classmethod(slow))
    app = KforApp([bundled_briefings()], persist_theme=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.view is not None:
                break
        assert app.search_index is None
        await pilot.press("colon", *"novo")
        assert isinstance(app.screen, LookupScreen)
        assert "preparing lookup" in str(app.screen.query_one("#lookup-help", Static).render())
        assert hit_lines(app) == []
        gate.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if hit_lines(app):
                break
        assert any("Camp Novo Selo" in line for line in hit_lines(app))
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LookupScreen)
