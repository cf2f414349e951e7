"""The Markdown pack as a reader gets it from `kfor-tui export --format markdown`: the mission's size as each
report states it, national strengths with their dates, visits with their meetings, conflicts with their
explanation, the sources with reliability and notes; briefing text stays inert Markdown."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from hostile import MARKUP, write_hostile
from kfor_tui import cli


def export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(["export", "--format", "markdown", *args]) == 0
    return capsys.readouterr().out


def section(text: str, title: str) -> str:
    """The text of the `## title` section, up to the next section."""
    assert f"\n## {title}\n" in text, f"no section {title!r}"
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def rows(part: str, *words: str) -> list[str]:
    return [line for line in part.splitlines() if all(word in line for word in words)]


def cells(line: str) -> list[str]:
    """A table row's cells, split at the pipes Markdown reads (not the escaped ones)."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


@pytest.fixture(scope="module")
def pack() -> str:
    """The pack of the bundled briefings, made once for the module."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["export", "--format", "markdown"]) == 0
    return out.getvalue()


def test_the_mission_size_is_the_missions_own_series_with_dates_grades_and_sources(pack: str) -> None:
    size = section(pack, "Mission size")
    [latest] = rows(size, "4,443 personnel")
    assert cells(latest)[:5] == [
        "Mar 2024, inferred",
        "personnel",
        "4,443 personnel",
        "C2",
        "European Western Balkans, Mar 2024",
    ]
    [first] = rows(size, "well over 4,000 troops")
    assert cells(first)[:4] == ["13 Jun 2023", "personnel", "well over 4,000 troops", "B2"]
    assert rows(size, "28 countries", "contributing nations", "C2") and rows(size, "over 30 nations", "Oct 2025", "F2")
    assert size.index("well over 4,000") < size.index("4,443") < size.index("over 30 nations")  # oldest first
    for national in ("90 members", "103 soldiers", "approximately 1,200", "52 rotations"):
        assert national not in size  # a nation's number is never the mission's


def test_national_strengths_say_when_each_was_stated_and_how_strong_the_report_is(pack: str) -> None:
    strengths = section(pack, "National strengths")
    turkey = cells(rows(strengths, "Türkiye")[0])
    assert turkey[:3] == ["Türkiye", "Around 500 Turkish service members", "13 Jun 2023"] and turkey[4] == "B2"
    assert rows(strengths, "Albania", "90 members", "Mar 2024", "C2")
    # a contingent without its own date holds for the day its source was published, and says so
    assert rows(strengths, "Belgium", "| 5 |", "Jul 2025", "the source's publication date", "Benelux Detachment", "B2")
    assert rows(strengths, "United Kingdom", "a number of hundred troopers", "Oct 2025", "F2")
    assert "4,443" not in strengths


def test_visits_come_with_their_meetings(pack: str) -> None:
    visits = section(pack, "Visits")
    backes = visits.split("### Luxembourg Defence Minister Backes' working visit to Kosovo (2-3 Jul 2025)", 1)[1]
    backes = backes.split("\n### ", 1)[0]
    assert "Yuriko Backes (Minister of Defence, Luxembourg)" in backes
    assert "host nation: Kosovo" in backes
    assert "  - with Enrico Barduani, at Camp Film City, topics: KFOR headquarters" in backes
    assert "with Vjosa Osmani, at Pristina, topics: bilateral relations" in backes
    assert "Russian disinformation campaigns" in backes and "(grade B2)" in backes
    assert "with Jens Stoltenberg, topics: Slovenia's presence in KFOR" in visits


def test_conflicts_keep_each_claim_as_stated_beside_the_explanation(pack: str) -> None:
    conflicts = section(pack, "Conflicting reports")
    pledge = conflicts.split("Date of Kosovo's pledge on the FSK", 1)[1].split("\n- **", 1)[0]
    assert "  - Explanation: The article contradicts itself" in pledge
    assert '"its 2023 pledge": RKS News (rks.news), Mar 2025; grade F5' in pledge
    assert "Kosovo's authorities, under then-Prime Minister Hashim Thaçi" in pledge and "grade F2" in pledge


def test_sources_say_who_published_when_how_reliable_and_what_was_cleaned(pack: str) -> None:
    sources = section(pack, "Sources")
    ewb = sources.split("### Bulgaria and Slovenia strengthening presence in KFOR", 1)[1].split("\n### ", 1)[0]
    assert "- Publisher: European Western Balkans" in ewb
    assert "- URL: <https://europeanwesternbalkans.com/?p=49720>" in ewb
    assert "- Published: Mar 2024 (basis: inferred)" in ewb
    assert "- Reliability: C (Fairly reliable): Specialised regional news portal" in ewb
    assert "- Note on the text (cleaning and provenance): Cleaning: removed the site debris" in ewb
    assert "- Published: 13 Jun 2023 (basis: stated)" in sources
    # a machine-rewritten text: each garbled quote beside its plain meaning
    uk = sources.split("### UK extends its contribution to NATO's Kosovo Force", 1)[1].split("\n### ", 1)[0]
    assert "Reliability: F (Reliability cannot be judged): Content-aggregation site" in uk
    assert re.search(r'"[^"]*NATO Kosovo Pressure \(KFOR\)[^"]*" means "[^"]*NATO Kosovo Force \(KFOR\)', uk)


def test_the_pack_keeps_its_marking_and_numbered_citations(pack: str) -> None:
    lines = pack.strip().splitlines()
    assert lines[0] == lines[-1] == "**UNCLASSIFIED // OPEN SOURCE**"
    citations = section(pack, "Citations")
    assert '1. "our KFOR mission on the ground, with well over 4,000 troops"' in citations
    assert '(meaning: "includes troops from over 30 nations")' in citations


def test_as_known_on_a_date_is_said_and_the_pack_is_worked_out_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    text = export(capsys, "--as-of", "2023-06-30")
    assert "\nAs known on 30 Jun 2023" in text.split("## ", 1)[0]
    size = section(text, "Mission size")
    assert "well over 4,000 troops" in size and "4,443" not in size
    assert "2024" not in section(text, "National strengths")


def test_hostile_text_stays_inert_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = export(capsys, str(write_hostile(tmp_path)))
    escaped = MARKUP.replace("[", "\\[").replace("]", "\\]")
    assert MARKUP not in text and "[b]bold" not in text and "\x1b" not in text
    sources = section(text, "Sources")
    assert f"- Reliability: B (Usually reliable): reliability-note {escaped}" in sources
    assert f"- Note on the text (cleaning and provenance): source-note {escaped}" in sources
    assert "- URL: http://example.org/url " in sources  # an address with spaces is text, not a link
    assert f'means "cite-clean-figure {escaped}' in sources
    assert f"meeting-topic {escaped}" in section(text, "Visits")
    assert f"Explanation: conflict-note {escaped}" in section(text, "Conflicting reports")
    for title in ("Mission size", "National strengths"):
        table = [line for line in section(text, title).splitlines() if line.startswith("|")]
        assert table and all(len(cells(line)) == 6 for line in table), (
            title
        )  # the text's brackets and escapes split no cell
    for line in text.splitlines():
        assert not line.startswith("#") or line.startswith(("# KFOR briefing pack", "## ", "### ")), line
