"""What is known about a source, whole: `i` on the sources pane and `I` in the reader open it; it shows the
URL as text, the reliability grade with its meaning and the whole note that justifies it, the cleaning note
and the machine-rewritten phrases with their plain meaning, how many facts cite it; enter opens its text."""

from __future__ import annotations

from pathlib import Path

from helpers import loaded, table
from painted import screen_lines
from test_cursor_invariant import settle

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.location import Location
from kfor_tui.ui.views.reader import SourceReader
from kfor_tui.ui.views.source_info import SourceInfo
from kfor_tui.ui.views.sources import SourcesPane

DATA = Path(__file__).resolve().parent.parent / "data"
RELATED = DATA / "related.toml"
NEWSTECH = "src-newstech24-2025-10-uk-kfor"


def squeezed(app: KforApp) -> str:
    return " ".join(" ".join(line.text.split()) for line in screen_lines(app))


async def open_from_sources(app: KforApp, pilot, source_id: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("3")
    await settle(app, pilot)
    assert isinstance(app.view, SourcesPane)
    sources = table(app, "#sources-table")
    row = next(r for r in range(sources.row_count) if sources.row_key(r) == source_id)  # type: ignore[union-attr]
    await pilot.press("g", *["j"] * row, "i")
    await settle(app, pilot)


async def test_i_on_the_sources_pane_shows_url_reliability_note_whole_and_counts() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await open_from_sources(app, pilot, NEWSTECH)
        view = app.view
        assert isinstance(view, SourceInfo) and view.location.key == NEWSTECH
        flat = squeezed(app)
        assert "About the source: UK extends its contribution" in flat
        assert "URL https://newstech24.com/uk-extends-nato-peacekeeping-positio n-in-kosovo-to-2028" in flat
        assert "Published Oct 2025, inferred" in flat
        assert "Reliability F: Reliability cannot be judged" in flat
        # the reliability note whole, first words to last (it used to be cut to one line)
        assert "Why that grade Content-aggregation site publishing machine-rewritten (synonym-spun)" in flat
        assert "the facts agree with other reporting of the announcement, hence credibility 2 on the cites." in flat
        # further down: the cleaning note, the rewritten phrases with their meaning, the counts
        await pilot.press("G")
        await pilot.pause()
        flat = squeezed(app)
        assert "Rewritten «" in flat and "» means «" in flat
        assert "Cited by 9 fact(s), 19 quote(s): 7 events, 1 contingent, 1 figure" in flat
        fields = table(app, "#source-fields")
        rewritten = [fields.row_text(r) for r in range(fields.row_count) if fields.row_text(r).startswith("Rewritten")]
        assert any("NATO Kosovo Pressure (KFOR)" in row.split(" means ")[0] for row in rewritten)
        assert any("NATO Kosovo Force (KFOR)" in row.split(" means ")[1] for row in rewritten)
        assert "paragraph(s): enter opens them in the reader" in flat
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.view, SourceReader) and app.view.location.key == NEWSTECH


async def test_the_reader_reaches_the_source_information_with_I_and_keeps_i_for_the_quote() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.main.host.go(Location("reader", NEWSTECH, 0))
        await settle(app, pilot)
        assert isinstance(app.view, SourceReader)
        await pilot.press("I")
        await settle(app, pilot)
        assert isinstance(app.view, SourceInfo) and app.view.location.key == NEWSTECH
        assert "Why that grade" in squeezed(app)
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        await pilot.press("i")  # the marked quote's fact, as before
        await settle(app, pilot)
        assert app.view is not None and app.view.location.view == "fact"


async def test_a_cleaning_note_and_rewritten_phrase_are_shown() -> None:
    app = KforApp([RELATED], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await open_from_sources(app, pilot, "src-wire")
        flat = squeezed(app)
        assert "URL https://wire.example/kfor-reinforced" in flat
        assert 'Published 20 Mar 2024, stated by the source ("20 March 2024")' in flat
        assert "Reliability C: Fairly reliable" in flat
        assert "Note Cleaning: removed the site banner and two photo credits." in flat
        assert (
            "Rewritten «KFOR tripled the variety of patrols along the boundary.» means «KFOR tripled the number of"
            in flat
        )
        assert "Cited by 5 fact(s), 5 quote(s): 2 figures, 1 event, 1 role, 1 tension" in flat


async def test_I_in_a_fact_detail_opens_its_citation_source() -> None:
    app = KforApp([RELATED], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.main.host.go(Location("fact", "fig-kfor-gazette"))
        await settle(app, pilot)
        await pilot.press("I")
        await settle(app, pilot)
        assert isinstance(app.view, SourceInfo) and app.view.location.key == "src-gazette"
        assert "URL not given" in squeezed(app)


def test_snapshot_source_info(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press("3", "j", "i")  # the wire: a URL, notes and a rewritten phrase
        await pilot.pause()

    assert snap_compare(KforApp([RELATED]), terminal_size=(80, 24), run_before=run_before)


async def test_hostile_text_in_source_information_related_records_and_the_board(tmp_path: Path) -> None:
    """The hostile fixture's text (markup, escape sequences, bidi) in every new view: shown literally, the app
    stays up, and no data becomes an action or a link; the URL is text."""
    from test_hostile import assert_safe, click_all_over, literal

    from hostile import write_hostile
    from kfor_tui.io.loader import load
    from kfor_tui.ui.views.conflicts import ConflictsBoard
    from kfor_tui.ui.views.fact_detail import FactDetail

    corpus = load([write_hostile(tmp_path)])
    assert not corpus.errors()
    app = KforApp([], corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        for source in corpus.sources[:3]:
            await app.main.host.go(Location("source", source.id))
            await settle(app, pilot)
            assert isinstance(app.view, SourceInfo)
            fields = table(app, "#source-fields")
            literal(" ".join(fields.row_text(r) for r in range(fields.row_count)))
            assert_safe(app)
            await click_all_over(app, pilot)
        for fact in corpus.facts()[:5]:
            await app.main.host.go(Location("fact", fact.id))
            await settle(app, pilot)
            assert isinstance(app.view, FactDetail)
            await pilot.press("tab", "j", "G")
            assert_safe(app)
        await pilot.press("4")
        await settle(app, pilot)
        assert isinstance(app.view, ConflictsBoard)
        board = table(app, "#conflicts-table")
        literal(" ".join(board.row_text(r) for r in range(board.row_count)))
        await pilot.press("j", "G", "y")
        assert_safe(app)
        await click_all_over(app, pilot)
        assert_safe(app)
