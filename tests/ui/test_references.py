"""Every reference followable: a fact's detail lists the records it names and the records that name it, and
enter opens them; a tension lists the responses that name it, a response names its tension back; a person's
page lists their roles with dates; notes and summaries are whole."""

from __future__ import annotations

from pathlib import Path

from helpers import loaded, table
from painted import highlighted_rows, screen_lines
from test_cursor_invariant import settle

from kfor_tui.index.references import Reference, references, referring, related
from kfor_tui.io.loader import bundled_briefings, load
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.location import Location
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.views.nation_detail import NationDetail

DATA = Path(__file__).resolve().parent.parent / "data"
RELATED = DATA / "related.toml"
TENSION = "tension-police-attack-north-2023-09"
REINFORCEMENT = "fig-kfor-additional-troops-2023-09"


def painted(app: KforApp) -> str:
    return "\n".join(line.text.rstrip() for line in screen_lines(app))


def squeezed(text: str) -> str:
    return " ".join(text.split())


def targets(refs: list[Reference]) -> dict[str, str]:
    return {ref.target: ref.relation for ref in refs}


def test_a_tension_lists_what_names_it_and_a_response_names_it_back() -> None:
    corpus = load([bundled_briefings()])
    tension = corpus.by_id[TENSION]
    # the reinforcement figure's note records it as a response to the attack: followable both ways
    assert targets(related(corpus, tension))[REINFORCEMENT] == "Names this in its note"
    assert targets(related(corpus, corpus.by_id[REINFORCEMENT]))[TENSION] == "Named in the note"
    # the tension's own fields: place, actors with their side, who responded
    shown = {(ref.relation, ref.target) for ref in references(corpus, tension)}
    assert ("Actor (claimed responsibility)", "person:milan-radoicic") in shown
    assert ("Response (reinforcement) by", "org:kfor") in shown and ("Place", "place:northern-kosovo") in shown
    # an event about a tension is a response to it, listed first; the event names the tension as what it is about
    kurti = corpus.by_id["tension-kurti-serbian-forces-claim-2024-03"]
    first = related(corpus, kurti)[0]
    assert (first.relation, first.target, first.back) == (
        "Response (event about it)",
        "evt-kfor-statement-2024-03-22",
        True,
    )
    assert targets(references(corpus, corpus.by_id["evt-kfor-statement-2024-03-22"]))[kurti.id] == "About"
    assert [r.target for r in referring(corpus, "tension-kfor-peacekeepers-injured-2023-05")] == [
        "evt-nato-reinforcements-arrive-2023-06-05"
    ]


def test_only_references_that_resolve_are_listed_and_a_plain_word_is_never_taken_for_an_id() -> None:
    corpus = load([bundled_briefings()])
    for record in corpus.facts():
        for ref in related(corpus, record):
            assert ref.target in corpus.by_id or ref.kind == "nation", (record.id, ref)
            assert ref.target != record.id
    # a conflict's claims lead to each other and to the conflict
    claim = corpus.by_id["ctg-lux-kfor-since-1999"]
    refs = targets(related(corpus, claim))
    assert refs["conflict-lux-kfor-continuity"] == "In conflict"
    assert refs["ctg-lux-kfor-1999-2017"] == "Conflicting claim"


async def test_the_tension_detail_opens_its_response_which_opens_the_tension_back() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.main.host.go(Location("fact", TENSION))
        await settle(app, pilot)
        detail = app.view
        assert isinstance(detail, FactDetail)
        # the note and the summary whole, wrapped in the fields (tab: the fields get the room)
        fields = table(app, "#fact-fields")
        await pilot.press("tab", "tab")
        assert fields.has_focus
        await pilot.press("G")
        await pilot.pause()
        flat = squeezed(painted(app))
        assert "Kosovo' in 2023, recorded there as evt-gbr-kfor-deployment-2023." in flat  # the note's last words
        # the Related table: tab from the citations
        await pilot.press("shift+tab")
        related_table = table(app, "#fact-related")
        assert related_table.has_focus
        rows = [related_table.row_text(row) for row in range(related_table.row_count)]
        row = next(i for i, text in enumerate(rows) if "KFOR deployed in all: around 1000 additional soldiers" in text)
        await pilot.press(*["j"] * row)
        await pilot.pause()
        shown = squeezed(" ".join(highlighted_rows(app, related_table)))
        assert shown.startswith("Names this in its figure KFOR deployed in all")  # the row wraps its cells
        await pilot.press("enter")
        await settle(app, pilot)
        response = app.view
        assert isinstance(response, FactDetail) and response.location.key == REINFORCEMENT
        await pilot.press("tab")
        back = table(app, "#fact-related")
        assert back.has_focus
        flat = squeezed(painted(app))
        assert "Named in the note tension Armed attack on Kosovo police in" in flat
        target = next(i for i in range(back.row_count) if "Armed attack on Kosovo police" in back.row_text(i))
        await pilot.press(*["j"] * target, "enter")
        await settle(app, pilot)
        assert isinstance(app.view, FactDetail) and app.view.location.key == TENSION


async def test_an_entity_on_a_related_row_opens_its_page() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.main.host.go(Location("fact", TENSION))
        await settle(app, pilot)
        await pilot.press("tab")
        related_table = table(app, "#fact-related")
        row = next(i for i in range(related_table.row_count) if "Milan Radoičić" in related_table.row_text(i))
        await pilot.press(*["j"] * row, "enter")
        await settle(app, pilot)
        page = app.view
        assert isinstance(page, NationDetail) and page.location.key == "person:milan-radoicic"
        assert "Milan Radoičić" in painted(app)


async def test_a_person_page_lists_their_roles_with_dates() -> None:
    app = KforApp([RELATED], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        # from the cited role's detail, its Person row
        await app.main.host.go(Location("fact", "role-ulutas-commander"))
        await settle(app, pilot)
        await pilot.press("tab")
        related_table = table(app, "#fact-related")
        row = next(i for i in range(related_table.row_count) if related_table.row_text(i).startswith("Person"))
        await pilot.press(*["j"] * row, "enter")
        await settle(app, pilot)
        page = app.view
        assert isinstance(page, NationDetail) and page.location.key == "person:ulutas"
        lines = painted(app).splitlines()
        background = next(line for line in lines if "KFOR Commander, Kosovo Force" in line)
        assert background.split()[:5] == ["Oct", "2023", "->", "Oct", "2024"]  # the background role's period
        cited = next(line for line in lines if "KFOR Commander: Major General Ozkan Ulutas" in line)
        assert cited.split()[:3] == ["20", "Mar", "2024"] and cited.rstrip().endswith("C- 1src")
        assert any("Background roles, uncited (1)" in line for line in lines)
        # enter on the background role: its organisation
        facts = table(app, "#nation-facts")
        await pilot.press("g")
        assert "KFOR Commander, Kosovo Force" in highlighted_rows(app, facts)[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.view, NationDetail) and app.view.location.key == "org:kfor"


async def test_an_entity_page_shows_its_note_whole(minimal: Path) -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await app.main.host.go(Location("nation", "person:yuriko-backes"))
        await settle(app, pilot)
        flat = squeezed(painted(app))
        assert "Role as given by chronicle.lu for her working visit to Kosovo, 2-3 July 2025." in flat
        assert "Nation: Luxembourg (nation)" in flat


def test_snapshot_fact_detail_with_related_records(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.app.main.host.go(Location("fact", "tension-north-attack"))
        await pilot.pause()
        await pilot.press("tab")  # the Related table, with the room to show it
        await pilot.pause()

    assert snap_compare(KforApp([RELATED]), terminal_size=(80, 24), run_before=run_before)
