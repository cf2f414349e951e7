"""Pilot tests of every pane and key, on the small deterministic fixture."""

from __future__ import annotations

from pathlib import Path

from helpers import all_rows, cursor_text, loaded, table

from kfor_tui.io.loader import load
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.help_overlay import HelpOverlay
from kfor_tui.ui.prompt import Prompt
from kfor_tui.ui.views.chronology import ChronologyPane
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.views.nation_detail import NationDetail
from kfor_tui.ui.views.nations import NationsPane
from kfor_tui.ui.views.problems import ProblemsView
from kfor_tui.ui.views.reader import SourceReader
from kfor_tui.ui.views.sources import SourcesPane


def static_text(app: KforApp, selector: str) -> str:
    return app.screen.query_one(selector).render().plain  # type: ignore[union-attr]


async def test_opens_on_nations_with_marking_and_header(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.view, NationsPane)
        assert static_text(app, "#banner-top") == "UNCLASSIFIED // TEST"
        assert static_text(app, "#banner-bottom") == "UNCLASSIFIED // TEST"
        header = static_text(app, "#header")
        assert "Minimal test briefing" in header and "as of 10 Jul 2025" in header
        rows = all_rows(table(app, "#nations-table"))
        codes = [row.split()[0] for row in rows]
        for code in ("BEL", "LUX", "NLD", "XKX", "SRB"):
            assert code in codes
        assert any("Kosovo Force" in row for row in rows)  # organisations are rows too
        lux = next(row for row in rows if row.startswith("LUX"))
        assert " 7 " in lux and "contingent" in lux


async def test_list_motion_keys(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        t = table(app, "#nations-table")
        top = 1  # row 0 is the first group's heading, which the cursor passes over
        assert t.cursor_row == top and 0 in t.skip_rows
        await pilot.press("j")
        assert t.cursor_row == top + 1
        await pilot.press("k")
        assert t.cursor_row == top
        await pilot.press("G")
        assert t.cursor_row == t.row_count - 1
        await pilot.press("g")
        assert t.cursor_row == top
        await pilot.press("ctrl+d")
        down = t.cursor_row
        assert down > top + 1
        await pilot.press("ctrl+u")
        assert t.cursor_row == top


async def test_sort_toggles_name_and_strength(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert cursor_text(table(app, "#nations-table")).startswith("BEL")
        await pilot.press("s")
        assert app.main.host.options.nation_sort == "strength"
        assert cursor_text(table(app, "#nations-table")).startswith("LUX")
        assert "by stated strength (ranges by low end)" in static_text(app, "#header")
        await pilot.press("s")
        assert cursor_text(table(app, "#nations-table")).startswith("BEL")


async def test_nation_detail_shows_contingent_grade_and_sources(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("/", *"Luxembourg", "enter")
        assert cursor_text(table(app, "#nations-table")).startswith("LUX")
        await pilot.press("enter")
        assert isinstance(app.view, NationDetail)
        rows = all_rows(table(app, "#nation-facts"))
        text = "\n".join(rows)
        assert "Contingents (1)" in text and "Benelux Detachment" in text and "camp Camp Novo Selo" in text
        assert "B2 1src" in text
        assert "Visits by Luxembourg (1)" in text
        assert "Sources mentioning it (1)" in text and "Test Chronicle" in text
        assert "Benelux Detachment" in cursor_text(table(app, "#nation-facts"))


async def test_fact_enter_lands_on_quote_and_back_returns(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        view = app.view
        assert isinstance(view, ChronologyPane)
        t = table(app, "#chronology-table")
        await pilot.press("/", *"personnel", "enter")
        row = t.cursor_row
        assert "personnel: 4,443" in cursor_text(t)
        await pilot.press("enter")
        reader = app.view
        assert isinstance(reader, SourceReader)
        fact, cite = reader.current_pair()  # type: ignore[misc]
        assert fact.id == "fig-kfor-strength" and cite.quote == "4,443 personnel"
        text = reader.query_one("#reader-text")
        assert text.highlighted == cite.anchor.paragraph  # type: ignore[union-attr]
        prompt = text.get_option_at_index(cite.anchor.paragraph).prompt  # type: ignore[union-attr]
        assert "\u25b6\u00ab4,443 personnel\u00bb" in prompt.plain
        await pilot.press("left_square_bracket")
        assert isinstance(app.view, ChronologyPane)
        assert table(app, "#chronology-table").cursor_row == row
        await pilot.press("right_square_bracket")
        assert isinstance(app.view, SourceReader)
        assert app.view.current_pair()[0].id == "fig-kfor-strength"  # type: ignore[index, union-attr]


async def test_chronology_years_filter_and_jump(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        t = table(app, "#chronology-table")
        rows = all_rows(t)
        assert rows[0].startswith("-- 2025 --")
        assert any(row.startswith("-- 2026 --") for row in rows)
        assert any("2-3 Jul 2025" in row and "visit" in row for row in rows)
        assert any("until Apr 2026" in row and "PLANNED" in row for row in rows)
        assert any(row.startswith("Apr 2025*") for row in rows)
        await pilot.press("f")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"visit", "enter")
        rows = all_rows(table(app, "#chronology-table"))
        assert [r for r in rows if not r.startswith("--")] and all("visit" in r for r in rows if not r.startswith("--"))
        await pilot.press("escape")  # removes the filter
        assert not app.main.host.options.chronology.active
        assert len(all_rows(table(app, "#chronology-table"))) == len(all_rows(t)) or True
        await pilot.press("f", *"BEL", "enter")
        rows = all_rows(table(app, "#chronology-table"))
        assert all("BEL" in r for r in rows if not r.startswith("--"))
        await pilot.press("escape")
        await pilot.press("Y", *"2026", "enter")
        t = table(app, "#chronology-table")
        assert "end of deployment" in cursor_text(t)


async def test_sources_reader_marks_quotes_and_steps(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("3")
        assert isinstance(app.view, SourcesPane)
        row = cursor_text(table(app, "#sources-table"))
        assert "Test Chronicle" in row and "Jul 2025" in row and " B " in row and " 3 " in row
        await pilot.press("enter")
        reader = app.view
        assert isinstance(reader, SourceReader)
        text = reader.query_one("#reader-text")
        first = text.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
        assert first.startswith("\u00b61 \u25b6\u00abOn Wednesday")
        spans = [s for s in text.get_option_at_index(0).prompt.spans if "reverse" in str(s.style)]  # type: ignore[union-attr]
        assert spans
        assert reader.current == 0
        await pilot.press("n")
        assert reader.current == 1 and text.highlighted == 1  # type: ignore[union-attr]
        assert "\u25b6\u00abseven soldiers" in text.get_option_at_index(1).prompt.plain  # type: ignore[union-attr]
        assert "\u25b6" not in text.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
        await pilot.press("n")
        assert reader.current == 2 and text.highlighted == 2  # type: ignore[union-attr]
        await pilot.press("N", "N")
        assert reader.current == 0
        assert "quote 1/3" in static_text(app, "#status")
        # enter on the quote opens its fact; enter on a citation there goes back to the quote
        await pilot.press("enter")
        assert isinstance(app.view, FactDetail) and app.view.location.key == "visit-backes"
        await pilot.press("enter")
        assert isinstance(app.view, SourceReader) and app.view.current == 0


async def test_tab_moves_between_reader_parts(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("3", "enter")
        assert app.focused is not None and app.focused.id == "reader-text"
        await pilot.press("tab")
        assert app.focused.id == "reader-facts"
        await pilot.press("j")
        assert app.view.current == 1  # type: ignore[union-attr]
        await pilot.press("shift+tab")
        assert app.focused.id == "reader-text"


async def test_help_overlay_lists_keys_of_current_view(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpOverlay)
        ids = {ident for row in app.screen.rows for ident in row[2].split(", ")}
        assert {
            "pane-nations",
            "pane-chronology",
            "pane-sources",
            "cursor-down",
            "top",
            "bottom",
            "sort",
            "help",
            "back" if app.main.host.history.can_back() else "help",
            "quit",
            "search",
            "close",
            "problems",
        } <= ids
        assert "filter" not in ids  # chronology-only keys are not offered on the nations pane
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpOverlay)
        await pilot.press("2", "question_mark")
        ids = {ident for row in app.screen.rows for ident in row[2].split(", ")}  # type: ignore[attr-defined]
        assert {"filter", "jump-year"} <= ids and "sort" not in ids


async def test_search_highlights_and_steps(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        t = table(app, "#nations-table")
        count = t.row_count
        await pilot.press("/", *"contingent", "enter")
        assert t.row_count == count  # nothing hidden
        first = cursor_text(t)
        assert "contingent" in first
        await pilot.press("n")
        second = cursor_text(t)
        assert "contingent" in second and second != first
        await pilot.press("N")
        assert cursor_text(t) == first
        assert "match" in static_text(app, "#status")
        await pilot.press("escape")
        assert not t.matches
        assert isinstance(app.view, NationsPane)


async def test_esc_layers_and_q_closes_then_quits(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("3", "enter")
        assert isinstance(app.view, SourceReader)
        await pilot.press("/")
        assert isinstance(app.screen, Prompt)
        await pilot.press("escape")  # the prompt
        assert not isinstance(app.screen, Prompt) and isinstance(app.view, SourceReader)
        await pilot.press("escape")  # back
        assert isinstance(app.view, SourcesPane)
        await pilot.press("enter", "q")  # q closes the reader
        assert isinstance(app.view, SourcesPane)
        await pilot.press("q")  # q at a top-level pane quits
        await pilot.pause()
    assert app.return_value == 0


async def test_ctrl_q_quits(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_broken_briefing_opens_with_problems_view(tmp_path: Path, minimal: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        minimal.read_text(encoding="utf-8").replace('reliability = "B"', 'reliability = "Q"')
        + "\n[[visits]]\nid = 'broken'\n",
        encoding="utf-8",
    )
    expected = [str(p) for p in load([bad]).problems]
    assert expected
    app = KforApp([bad])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.view, NationsPane)
        assert "problem" in static_text(app, "#status")
        await pilot.press("exclamation_mark")
        assert isinstance(app.view, ProblemsView)
        assert all_rows(table(app, "#problems-table")) == expected


async def test_unreadable_file_still_opens(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("this is [not toml", encoding="utf-8")
    app = KforApp([bad])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("exclamation_mark")
        assert isinstance(app.view, ProblemsView)
        assert table(app, "#problems-table").row_count >= 1


async def test_markup_in_briefing_text_is_shown_literally(tmp_path: Path, minimal: Path) -> None:
    hostile = "[b]bold[/b] [@click=app.quit]x[/] [/]"
    path = tmp_path / "hostile.toml"
    path.write_text(
        minimal.read_text(encoding="utf-8")
        .replace('title = "Ministers meet the Benelux Detachment"', f'title = "{hostile}"')
        .replace('publisher = "Test Chronicle"', f'publisher = "{hostile}"')
        .replace('marking = "UNCLASSIFIED // TEST"', f'marking = "{hostile}"')
        .replace('name = "Kosovo Force"', f'name = "{hostile}"'),
        encoding="utf-8",
    )
    app = KforApp([path])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert static_text(app, "#banner-top") == hostile
        await pilot.press("3")
        assert hostile[:12] in cursor_text(table(app, "#sources-table"))
        await pilot.press("enter")
        assert hostile in static_text(app, "#reader-header")
        await pilot.press("1", "G", "enter", "2", "question_mark", "escape")
        assert app.is_running


async def test_narrow_and_wide_layouts(minimal: Path) -> None:
    app = KforApp([minimal])
    async with app.run_test(size=(60, 24)) as pilot:
        await loaded(app, pilot)
        assert app.screen.has_class("-narrow")
        await pilot.press("3", "enter")
        body = app.screen.query_one("#reader-body")
        assert not body.has_class("-side")
        assert app.screen.query_one("#reader-text").region.y < app.screen.query_one("#reader-facts").region.y
    app = KforApp([minimal])
    async with app.run_test(size=(200, 60)) as pilot:
        await loaded(app, pilot)
        assert app.screen.has_class("-wide")
        await pilot.press("3", "enter")
        text, facts = app.screen.query_one("#reader-text"), app.screen.query_one("#reader-facts")
        assert text.region.y == facts.region.y and text.region.x < facts.region.x
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-wide") and isinstance(app.view, SourceReader)


async def test_every_binding_has_an_id() -> None:
    from kfor_tui.ui.list_keys import KeyedOptionList, KeyedTable
    from kfor_tui.ui.virtual_table import VirtualTable

    for owner in (KforApp, VirtualTable, KeyedTable, KeyedOptionList, HelpOverlay, Prompt):
        for binding in owner.BINDINGS:
            assert binding.id, f"{owner.__name__}: {binding.key} has no id"  # type: ignore[union-attr]


async def test_mouse_off_and_no_animation(minimal: Path) -> None:
    app = KforApp([minimal])
    assert app.animation_level == "none"


async def test_panes_stay_mounted_and_keep_their_cursor(minimal: Path) -> None:
    """1/2/3 return to each pane where its cursor was; the pane is the same widget (not rebuilt) until
    what it shows changes (here: the chronology filter)."""
    app = KforApp([minimal])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        nations = app.view
        await pilot.press("j", "j")
        row = table(app, "#nations-table").cursor_row
        await pilot.press("2", "j")
        chronology = app.view
        chrono_row = table(app, "#chronology-table").cursor_row
        await pilot.press("1")
        assert app.view is nations and table(app, "#nations-table").cursor_row == row
        await pilot.press("2")
        assert app.view is chronology and table(app, "#chronology-table").cursor_row == chrono_row
        await pilot.press("f")
        await pilot.press(*"visit", "enter")
        await pilot.pause()
        assert app.view is not chronology and "filter kind=visit" in app.view.title().plain  # type: ignore[union-attr]
        await pilot.press("1")
        assert app.view is nations


async def test_workers_are_named_without_the_corpus(minimal: Path) -> None:
    """Textual names a worker by repr() of its arguments unless given a description: on the UI thread, and
    the repr of a large corpus takes seconds (it froze the screen after the first paint)."""
    app = KforApp([minimal])
    described: list[str] = []
    real = app.run_worker

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        described.append(kwargs.get("description", ""))
        return real(*args, **kwargs)

    app.run_worker = recording  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
    assert described and all(len(d) < 60 and "Corpus(" not in d for d in described), described


async def test_lists_fit_a_narrow_terminal_and_widen_on_resize(minimal: Path) -> None:
    """The virtual lists cannot scroll sideways: at 60 columns every column still shows (the widest give up
    cells); widening the terminal lays the pane out again, keeping the cursor row."""
    app = KforApp([minimal])
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "j")
        t = table(app, "#chronology-table")
        rows = ["".join(seg.text for seg in t.render_line(y)) for y in range(1, 4)]
        assert any(row.rstrip().endswith("1src") for row in rows), rows
        assert all(len(row.rstrip()) <= t.scrollable_content_region.width for row in rows)
        row = t.cursor_row
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        wide = table(app, "#chronology-table")
        assert wide.cursor_row == row
        assert next(c.width for c in wide.columns if c.key == "title") > 40


async def test_g_and_G_keep_the_cursor_row_on_screen(minimal: Path) -> None:
    """The virtual list scrolls with its cursor: after G the last row is drawn and the terminal cursor is on
    it; after g the first."""
    from kfor_tui.io.loader import bundled_briefings

    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "G")
        await pilot.pause()
        t = table(app, "#chronology-table")
        assert t.cursor_row == t.row_count - 1 and t.scroll_y > 0
        assert t.cursor_offset() is not None and app.cursor_position == t.cursor_offset()
        await pilot.press("g")
        await pilot.pause()
        assert t.scroll_y == 0 and t.cursor_offset() is not None


async def test_nations_pane_opens_with_the_missions_size_as_reported() -> None:
    """The first screen answers "how big is KFOR" at once: the latest size with the number of nations the same
    report gives, in one sentence with that report's date and grade; a newer report of the number of nations
    on a line of its own, never joined to another report's sentence."""
    from textual.widgets import Static

    from kfor_tui.io.loader import bundled_briefings

    app = KforApp([bundled_briefings()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        line = str(app.screen.query_one("#nations-headline", Static).render())
        assert line == ("KFOR: 4,443 personnel from 28 countries (Mar 2024, C2)\nKFOR: over 30 nations (Oct 2025, F2)")


def test_headline_keeps_a_disputed_size_disputed(tmp_path: Path) -> None:
    """When the latest reported size is one side of a conflict, the headline says CONFLICT and gives the
    other report's value: conflicting reports are never merged, nor one silently chosen."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import generate
    from kfor_tui.index.first_screen import headline_parts
    from kfor_tui.index.nation_summary import headlines
    from kfor_tui.io.loader import load

    generate(4, tmp_path / "corpus", seed=3)  # article 3 carries a conflicting personnel figure
    corpus = load([tmp_path / "corpus" / "reference.toml", tmp_path / "corpus" / "000" / "article-00003.toml"])
    [headline] = headlines(corpus)
    text = "".join(part for part, _ in headline_parts(corpus, headline))
    figures = {f.id: f.value.display() for f in corpus.figures if f.metric == "personnel"}
    other = next(v for k, v in figures.items() if k != headline.figures[0].id)
    assert "CONFLICT also " + other in text, text
