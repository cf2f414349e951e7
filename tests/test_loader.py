"""The loader through its public function: what loads, and every problem with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfor_tui.index.grades import cite_grade
from kfor_tui.io.loader import load
from kfor_tui.model import Contingent, Visit
from support import MINIMAL

HEAD = """format = "kfor-briefing/1"

[briefing]
id = "b-{n}"
title = "T"
as_of = 2025-07-10
marking = "UNCLASSIFIED"
"""

SOURCE = """
[[sources]]
id = "src-{n}"
title = "Article"
publisher = "Outlet"
published = "2025-07-05"
paragraphs = ["Around 500 Turkish service members arrived on 5 June.", "Second paragraph mentions KFOR."]
"""


def brief(n: int = 1, body: str = "") -> str:
    return HEAD.format(n=n) + SOURCE.format(n=n) + body


def messages(corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def test_minimal_fixture_loads_clean():
    corpus = load([MINIMAL])
    assert corpus.problems == ()
    assert len(corpus.sources) == 1 and len(corpus.facts()) == 3
    contingent = corpus.by_id["ctg-benelux"]
    assert isinstance(contingent, Contingent)
    assert contingent.strength is None  # the source gives the three national figures, no total
    assert [(s.nation, s.strength.value) for s in contingent.composition] == [("LUX", 7), ("BEL", 5), ("NLD", 1)]
    assert contingent.period.display() == "Apr 2025 -> Apr 2026"
    assert cite_grade(corpus, contingent.cites[0]) == "B2"


def test_verified_quote_is_anchored_in_its_paragraph():
    corpus = load([MINIMAL])
    visit = corpus.by_id["visit-backes"]
    assert isinstance(visit, Visit)
    anchor = visit.cites[0].anchor
    source = corpus.source("src-a")
    assert anchor.paragraph == 0
    # the file says Luxembourg’s with a curly apostrophe; the quote uses a straight one
    assert source.paragraphs[0][anchor.start : anchor.end].startswith("On Wednesday 2")
    assert cite_grade(corpus, visit.cites[0]) == "B-"


def test_syntax_error_is_reported_at_its_line(write):
    path = write("broken.toml", 'format = "kfor-briefing/1"\n[briefing]\nid = = "x"\n')
    corpus = load([path])
    [problem] = corpus.problems
    assert (problem.line, problem.severity) == (3, "error")
    assert "TOML syntax" in problem.message
    assert str(problem).startswith(f"{problem.path}:3:")


def test_one_broken_file_never_hides_the_others(write):
    good = write("good.toml", brief(1))
    bad = write("bad.toml", "this is [not toml")
    corpus = load([good.parent])
    assert [s.id for s in corpus.sources] == ["src-1"]
    assert len(corpus.errors()) == 1 and corpus.errors()[0].path.endswith("bad.toml")
    assert bad.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ('format = "kfor-briefing/1"\ntitle = "caf\xe9"\n'.encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_content_gets_a_clear_message(write, content, message):
    path = write("odd.toml", content)
    [problem] = load([path]).problems
    assert message in problem.message


def test_non_utf8_is_reported_at_the_byte(write):
    path = write("latin.toml", 'format = "kfor-briefing/1"\ntitle = "caf\xe9"\n'.encode("latin-1"))
    [problem] = load([path]).problems
    assert (problem.line, problem.col) == (2, 13)


def test_oversized_file(write, monkeypatch):
    import kfor_tui.io.reading as reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    path = write("big.toml", brief(1))
    [problem] = load([path]).problems
    assert "over the" in problem.message and "limit" in problem.message


def test_missing_path_and_empty_folder(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    corpus = load([tmp_path / "nope.toml", tmp_path / "empty"])
    assert [p.message for p in corpus.problems] == ["no such file or folder", "no .toml briefing files in this folder"]


def test_unreadable_file(write, monkeypatch):
    path = write("secret.toml", brief(1))

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # chmod 0 does not stop root, who runs CI
    [problem] = load([path]).problems
    assert problem.message == "cannot read file: Permission denied"


def test_folder_given_as_a_file_name(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "dir.toml" / "inner.toml").write_text(brief(1))
    assert load([tmp_path / "dir.toml"]).problems == ()


def test_unknown_and_missing_fields_point_at_the_key(write):
    body = """
[[contingents]]
id = "ctg-1"
nmae = "Typo"
mission = "org:none"
nation = "TUR"
[[contingents.cite]]
src = "src-1"
quote = "Around 500 Turkish service members"
"""
    path = write("fields.toml", brief(1, body))
    found = messages(load([path]))
    text = path.read_text().splitlines()
    typo_line = text.index('nmae = "Typo"') + 1
    assert any(
        m.endswith(
            f"fields.toml:{typo_line}:1: error: unknown field 'nmae' in [[contingents]] #1; did you mean 'name'?"
        )
        for m in found
    ), found
    assert any("missing required field 'name'" in m for m in found)
    assert any("unknown organisation id 'org:none'" in m for m in found)


def test_wrong_types_and_bad_values(write):
    body = """
[[figures]]
id = "fig-1"
subject = "src-1"
metric = "personel"
value = { value = 10, low = 20 }
as_of = "2025-13"
[[figures.cite]]
src = "src-1"
quote = "Second paragraph"
credibility = 9
[[figures]]
id = "fig-2"
subject = "src-1"
metric = "personnel"
value = "four"
as_of = 2025-07-01
[[figures.cite]]
src = "src-1"
quote = "Second paragraph"
"""
    found = "\n".join(messages(load([write("types.toml", brief(1, body))])))
    assert "did you mean 'personnel'?" in found
    assert "value 10 is below low (20)" in found
    assert "month 13 does not exist" in found
    assert "'credibility' must be between 1 and 6, not 9" in found
    assert "'value' must be an integer or a table" in found


def test_ids_are_unique_across_files(write):
    a = write("a.toml", brief(1))
    b = write("b.toml", brief(2).replace('id = "src-2"', 'id = "src-1"'))
    corpus = load([a, b])
    [problem] = corpus.problems
    assert problem.path.endswith("b.toml")
    assert "duplicate id 'src-1': already used at" in problem.message and "a.toml:" in problem.message


def test_references_resolve_across_files(write):
    entities = write(
        "entities.toml",
        HEAD.format(n=9)
        + """
[[organisations]]
id = "org:kfor"
name = "Kosovo Force"
""",
    )
    facts = write(
        "facts.toml",
        brief(
            1,
            """
[[figures]]
id = "fig-1"
subject = "org:kfor"
metric = "personnel"
value = { value = 500, qualifier = "about", text = "Around 500" }
as_of = "2025-06"
[[figures.cite]]
src = "src-1"
quote = "Around 500 Turkish service members"
""",
        ),
    )
    assert load([entities, facts]).problems == ()
    assert any("unknown record id 'org:kfor'" in m for m in messages(load([facts])))


def test_reference_of_the_wrong_kind(write):
    body = """
[[contingents]]
id = "ctg-1"
name = "X"
mission = "src-1"
nation = "TUR"
[[contingents.cite]]
src = "src-1"
quote = "Around 500"
"""
    found = messages(load([write("kind.toml", brief(1, body))]))
    assert any("'src-1' is a source, but contingents[1].mission needs an organisation" in m for m in found)


def test_unmatched_quote_is_an_error_never_dropped(write):
    body = """
[[events]]
id = "ev-1"
title = "Arrival"
kind = "deployment"
when = "2025-06-05"
[[events.cite]]
src = "src-1"
quote = "Around 600 Turkish service members"
"""
    corpus = load([write("q.toml", brief(1, body))])
    [problem] = corpus.problems
    assert problem.severity == "error"
    assert "quote not found in source 'src-1': \"Around 600 Turkish service members\"" in problem.message
    assert corpus.by_id["ev-1"].cites[0].anchor is None


def test_ambiguous_quote_warns_and_para_chooses(write):
    body = """
[[events]]
id = "ev-1"
title = "T"
kind = "statement"
when = "2025-07"
[[events.cite]]
src = "src-1"
quote = "KFOR"
"""
    found = messages(load([write("amb.toml", brief(1, body.replace("KFOR", "e")))]))
    assert any("warning: quote occurs" in m for m in found)
    corpus = load([write("para.toml", brief(2, body.replace("src-1", "src-2") + "para = 2\n"))])
    assert corpus.problems == ()
    assert corpus.by_id["ev-1"].cites[0].anchor.paragraph == 1


def test_dates_must_make_sense(write):
    body = """
[[visits]]
id = "v-1"
visitors = [{ person = "person:x" }]
when = "2025-08-01"
[[visits.cite]]
src = "src-1"
quote = "Second paragraph"

[[people]]
id = "person:x"
name = "X"

[[contingents]]
id = "ctg-1"
name = "Battalion"
mission = "org:m"
nation = "TUR"
period = { start = "2025-06", end = "2026-06" }
[[contingents.cite]]
src = "src-1"
quote = "Around 500"

[[organisations]]
id = "org:m"
name = "Mission"
"""
    text = brief(1, body).replace('published = "2025-07-05"', 'published = "2025-07-11"')
    found = "\n".join(messages(load([write("dates.toml", text)])))
    assert "source published 11 Jul 2025, after the briefing's as_of 2025-07-10" in found
    assert "'when' 1 Aug 2025, after its sources were published" in found
    assert "'period' ends Jun 2026, after its sources were published" in found and 'end_kind = "planned"' in found


def test_composition_must_sum_to_strength(write):
    body = """
[[organisations]]
id = "org:m"
name = "Mission"
[[contingents]]
id = "ctg-1"
name = "Detachment"
mission = "org:m"
lead_nation = "LUX"
composition = [{ nation = "LUX", strength = 7 }, { nation = "BEL", strength = 5 }]
strength = 13
[[contingents.cite]]
src = "src-1"
quote = "Around 500"
"""
    path = write("sum.toml", brief(1, body))
    [problem] = [p for p in load([path]).problems if p.severity == "error"]  # (and the numbers' quote, a warning)
    assert problem.message == "composition sums to 12 (LUX 7 + BEL 5), but strength is 13"
    assert (
        problem.line
        == path.read_text()
        .splitlines()
        .index('composition = [{ nation = "LUX", strength = 7 }, { nation = "BEL", strength = 5 }]')
        + 1
    )


def test_nation_codes_are_checked(write):
    body = """
[[people]]
id = "person:x"
name = "X"
nation = "lux"
[[people]]
id = "person:y"
name = "Y"
nation = "KOS"
"""
    found = messages(load([write("n.toml", brief(1, body))]))
    assert any("unknown nation code 'lux'; did you mean 'LUX' (Luxembourg)?" in m for m in found)
    assert any(
        "unknown nation code 'KOS'; did you mean 'XKX' (Kosovo)?; nations are ISO 3166-1 alpha-3 codes "
        "(Kosovo: XKX)" in m
        for m in found
    )


def test_fact_without_citation(write):
    body = """
[[events]]
id = "ev-1"
title = "T"
kind = "statement"
when = "2025-07"
"""
    [problem] = load([write("nocite.toml", brief(1, body))]).problems
    assert "has no citation" in problem.message


def test_wrong_format_marker(write):
    [problem] = load([write("v0.toml", brief(1).replace("kfor-briefing/1", "kfor-brief/0.1"))]).problems
    assert 'format must be "kfor-briefing/1"' in problem.message


def test_control_characters_are_made_visible_and_warned(write):
    text = brief(1).replace("Second paragraph", "Second \\u001b]0;PWN\\u0007 paragraph")
    corpus = load([write("esc.toml", text)])
    assert "\x1b" not in corpus.source("src-1").paragraphs[1]
    assert "^[]0;PWN^G" in corpus.source("src-1").paragraphs[1]
    assert all(p.severity == "warning" for p in corpus.problems) and corpus.problems


def test_folder_is_searched_recursively_and_in_order(write):
    write("b/second.toml", brief(2))
    write("a/first.toml", brief(1))
    write("a/.hidden/skip.toml", "junk")
    write("notes.txt", "not a briefing")
    corpus = load([write("a/first.toml", brief(1)).parent.parent])
    assert [s.id for s in corpus.sources] == ["src-1", "src-2"]
    assert corpus.problems == ()


def test_all_problems_at_once(write):
    body = """
[[events]]
id = "Bad Id"
title = "T"
kind = "rumour"
when = "2025-02-30"
[[events.cite]]
src = "src-404"
quote = "x"
"""
    found = messages(load([write("many.toml", brief(1, body))]))
    assert len(found) >= 4


@pytest.mark.parametrize(
    "body, message",
    [
        ('\n[[events]]\nid = "e"\ntitle = "T"\nkind = "statement"\nwhen = "2025"\ncite = []\n', "'cite' is empty"),
        (
            '\n[[visits]]\nid = "v"\nvisitors = []\nwhen = "2025"\n[[visits.cite]]\nsrc = "src-1"\nquote = "KFOR"\n',
            "'visitors' must name at least one visitor",
        ),
        (
            '\n[[organisations]]\nid = "org:m"\nname = "M"\n[[contingents]]\nid = "c"\nname = "C"\nmission = "org:m"\n'
            'lead_nation = "LUX"\n[[contingents.cite]]\nsrc = "src-1"\nquote = "KFOR"\n',
            "'lead_nation' needs a 'composition'",
        ),
        (
            '\n[[events]]\nid = "e"\ntitle = "T"\nkind = "statement"\nwhen = "/2025"\n'
            '[[events.cite]]\nsrc = "src-1"\nquote = "KFOR"\n',
            "write an open end as '..'",
        ),
    ],
)
def test_empty_lists_and_half_given_fields_are_reported(write, body, message):
    found = messages(load([write("half.toml", brief(1, body))]))
    assert any(message in m for m in found), found
