"""Quick lookup over the bundled briefings: ranking, diacritics, fuzzy, numbers and dates."""

from __future__ import annotations

import json

import pytest

from kfor_tui.index.search import SearchIndex
from kfor_tui.index.search_terms import fold, query_terms, tokens
from kfor_tui.io.loader import bundled_briefings, load
from support import run_cli


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(load([bundled_briefings()]))


def test_folding_and_tokens():
    assert fold("Zvečan") == fold("Zveçan") == fold("ZVECAN") == "zvecan"
    assert fold("Gërvalla") == "gervalla" and fold("Đorđe") == "dorde"
    assert tokens("4,443 personnel from 28 countries") == ["4443", "personnel", "from", "28", "countries"]
    assert tokens("1.200 Soldaten") == ["1200", "soldaten"]


@pytest.mark.parametrize(
    "query, term",
    [
        ("June 2023", "2023-06"),
        ("2 Jul 2025", "2025-07-02"),
        ("2023-06", "2023-06"),
        ("March 2024", "2024-03"),
    ],
)
def test_written_dates_become_iso_terms(query, term):
    assert query_terms(query) == [term]


def test_exact_name_ranks_above_paragraph_hits(index):
    hits = index.search("novo selo")
    assert hits[0].kind == "place" and hits[0].label == "Camp Novo Selo"
    assert any(h.kind == "paragraph" for h in hits)
    kinds = [h.kind for h in hits]
    assert kinds.index("place") < kinds.index("paragraph")


def test_prefix_as_you_type(index):
    for typed in ("n", "no", "nov", "novo"):
        assert any(h.label == "Camp Novo Selo" for h in index.search(typed, limit=None)), typed


def test_fuzzy_finds_a_typo(index):
    hit = index.search("barduany")[0]
    assert hit.kind == "person" and hit.id == "person:enrico-barduani"
    assert "Commander" in hit.label


def test_diacritics_either_way(index):
    assert index.search("gervalla")[0].id == index.search("Gërvalla")[0].id
    assert index.search("zvecan") and index.search("zvecan")[0].id == index.search("Zvečan")[0].id


@pytest.mark.parametrize("query", ["4443", "4,443"])
def test_numbers_with_or_without_separator(index, query):
    hit = index.search(query)[0]
    assert hit.kind == "figure" and "4,443" in hit.label
    assert hit.ref and hit.ref.startswith("src-") and hit.grade


@pytest.mark.parametrize("query", ["June 2023", "2023-06"])
def test_dates(index, query):
    hits = index.search(query, limit=None)
    assert any(h.id == "ctg-tur-battalion-kfor-2023" for h in hits)
    assert all(h.kind != "paragraph" for h in hits[:3])


def test_kind_and_nation_filters(index):
    hits = index.search("kfor", kinds=("contingent",), nation="TUR", limit=None)
    assert hits and all(h.kind == "contingent" and "TUR" in h.nations for h in hits)


def test_paragraph_hit_points_at_its_paragraph(index):
    hits = index.search("ammunition production", kinds=("paragraph",))
    assert hits[0].ref.endswith(":13") and hits[0].paragraph == 12


def test_nothing_found(index):
    assert index.search("qqqzzzxxy") == []
    assert index.search("   ") == []


def test_cli_search_prints_the_figure_with_its_source():
    out = run_cli("search", "4,443")
    assert out.returncode == 0
    first = out.stdout.splitlines()[0]
    assert first.startswith("figure") and "4,443" in first and "[src-ewb-2024-03" in first
    assert "\x1b" not in out.stdout


def test_cli_search_json_and_exit_1_when_nothing_found():
    out = run_cli("search", "barduany", "--json", "--limit", "1")
    [line] = out.stdout.splitlines()
    assert json.loads(line)["id"] == "person:enrico-barduani"
    missing = run_cli("search", "qqqzzzxxy")
    assert missing.returncode == 1 and missing.stdout == "" and "nothing found" in missing.stderr
    assert run_cli("search", "kfor", "--kind", "bogus").returncode == 2
