"""The briefings as known on a date (knowledge time): only what sources published by then had reported."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from msgspec import structs

from kfor_tui.cli import main
from kfor_tui.index.as_known import as_known, as_known_label
from kfor_tui.index.chronology import chronology
from kfor_tui.index.grades import fact_grade
from kfor_tui.io.loader import bundled_briefings, load
from kfor_tui.model import Conflict, Corpus
from support import MINIMAL

JUNE_2023 = "brief-2023-06-nato-eu-geoana-lajcak"


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load([bundled_briefings()])


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_as_known_on_30_june_2023_keeps_the_june_2023_briefing_only(bundled):
    known = as_known(bundled, date(2023, 6, 30))
    assert {fact.briefing for fact in known.facts()} == {JUNE_2023}
    assert {fact.id for fact in known.facts()} == {f.id for f in bundled.facts() if f.briefing == JUNE_2023}
    assert [source.id for source in known.sources] == ["src-nato-2023-06-13-geoana-lajcak"]
    assert {b.id for b in known.briefings} == {JUNE_2023, "kfor-reference"}  # the entities' briefing stays
    assert len(known.organisations) == len(bundled.organisations) and len(known.people) == len(bundled.people)
    assert known.conflicts == ()  # every conflict of the bundled briefings is between later reports
    assert known.problems == bundled.problems
    records = [*known.sources, *known.organisations, *known.people, *known.places, *known.facts()]
    order = list(bundled.by_id)
    assert list(known.by_id) == sorted((r.id for r in records), key=order.index)  # file order, as loaded
    assert all(known.by_id[r.id] is r for r in records)
    [kfor] = [figure for figure in known.figures if figure.subject == "org:kfor"]
    assert kfor.value.display() == "well over 4,000 troops"


def test_a_month_only_publication_counts_from_the_last_day_of_its_month(bundled):
    source = "src-ewb-2024-03-kfor-bgr-svn-alb"  # published = "2024-03"
    assert source not in {s.id for s in as_known(bundled, date(2024, 3, 30)).sources}
    assert source in {s.id for s in as_known(bundled, date(2024, 3, 31)).sources}
    assert as_known(bundled, date(2024, 3, 31)) is as_known(bundled, date(2024, 3, 31))  # worked out once


def test_a_source_without_a_date_is_known_on_no_date(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace('published = "2025-07"\n', "")
    path = tmp_path / "undated.toml"
    path.write_text(text, encoding="utf-8")
    corpus = load([path])
    assert corpus.facts() and not corpus.errors()
    known = as_known(corpus, date(9999, 12, 31))
    assert known.facts() == () and known.sources == ()
    assert known.organisations == corpus.organisations


def test_later_citations_are_dropped_and_the_grade_is_the_one_of_then(bundled):
    figure = next(f for f in bundled.figures if f.id == "fig-kfor-troops-2023-06")
    doubtful = tuple(structs.replace(cite, credibility=4) for cite in figure.cites)  # B4 in June 2023
    confirmed = next(f for f in bundled.facts() if f.briefing != JUNE_2023 and fact_grade(bundled, f) == "B2")
    later = tuple(structs.replace(cite, fields=()) for cite in confirmed.cites)
    both = structs.replace(figure, cites=(*doubtful, *later))  # ... and later confirmed at B2
    corpus = dataclasses.replace(
        bundled,
        figures=tuple(both if f is figure else f for f in bundled.figures),
        by_id={**bundled.by_id, figure.id: both},
    )
    assert fact_grade(corpus, both) == "B2"
    known = as_known(corpus, date(2023, 6, 30))
    kept = known.by_id[figure.id]
    assert kept.cites == doubtful and fact_grade(known, kept) == "B4"


def test_a_conflict_stays_while_two_of_its_claims_do(bundled):
    june = [f.id for f in bundled.facts() if f.briefing == JUNE_2023]
    later = next(f.id for f in bundled.facts() if f.briefing != JUNE_2023)
    conflicts = (
        Conflict(id="c-two", title="two known", claims=(june[0], june[1], later)),
        Conflict(id="c-one", title="one known", claims=(june[0], later)),
    )
    corpus = dataclasses.replace(bundled, conflicts=conflicts, by_id={**bundled.by_id, **{c.id: c for c in conflicts}})
    known = as_known(corpus, date(2023, 6, 30))
    assert [(c.id, c.claims) for c in known.conflicts] == [("c-two", (june[0], june[1]))]
    assert "c-one" not in known.by_id and known.by_id["c-two"] is known.conflicts[0]


def test_what_was_planned_then_shows_as_planned(bundled):
    known = as_known(bundled, date(2024, 3, 31))
    after = [entry for entry in chronology(known) if (entry.when.upper() or date.min) > date(2024, 3, 31)]
    assert after, "the March 2024 article reports plans until 2027"
    assert all(entry.status in ("planned", "expected") for entry in after)


def test_as_known_label():
    assert as_known_label(date(2023, 6, 13)) == "as known on 13 Jun 2023"


def test_json_export_as_of_holds_no_fact_known_only_later(capsys, bundled):
    code, out, _ = run(capsys, "export", "--format", "json", "--as-of", "2023-06-30")
    assert code == 0
    data = json.loads(out)
    assert data["as_known_on"] == "2023-06-30"
    published = {s.id: s.published for s in bundled.sources}
    sections = ("contingents", "visits", "tensions", "figures", "figure_sets", "events", "roles")
    facts = [fact for section in sections for fact in data[section]]
    assert facts
    for fact in facts:
        assert fact["cite"], fact["id"]
        for cite in fact["cite"]:
            when = published[cite["src"]]
            assert when is not None and when.upper() <= date(2023, 6, 30), (fact["id"], cite["src"])
    strengths = [f["value"]["display"] for f in data["figures"] if f["subject"] == "org:kfor"]
    assert strengths == ["well over 4,000 troops"]
    assert not [f for f in data["figures"] if f["as_of"]["edtf"].startswith(("2024", "2025"))]
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and "as_known_on" not in json.loads(out)


def test_markdown_pack_as_of_says_so(capsys):
    code, out, _ = run(capsys, "export", "--format", "markdown", "--as-of", "2023-06")
    assert code == 0
    assert "as known on 30 jun 2023" in out.lower()
    assert "4,443" not in out  # the July 2025 strength was not known then


def test_search_as_of(capsys):
    code, out, err = run(capsys, "search", "troops", "--as-of", "June 2023", "--json")
    assert code == 0 and "as known on 30 Jun 2023" in err
    hits = [json.loads(line) for line in out.splitlines()]
    assert "fig-kfor-troops-2023-06" in {hit["id"] for hit in hits}
    assert all(not (hit["date"] or "").endswith(("2024", "2025")) for hit in hits)
    assert run(capsys, "search", "4,443")[0] == 0
    assert run(capsys, "search", "4,443", "--as-of", "2023-06-30")[0] == 1  # the July 2025 strength


@pytest.mark.parametrize("bad", ["2023-02-30", "yesterday", "2023-13", "30/06"])
def test_a_bad_as_of_date_is_a_usage_error(capsys, bad):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "json", "--as-of", bad])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--as-of" in err and "Traceback" not in err
