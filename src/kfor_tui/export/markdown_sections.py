"""The parts of the Markdown pack that answer a reader's questions directly: how big the mission is as each
report says, each nation's strength with its date, the visits with their meetings, the conflicting reports
with their explanation, and the sources with their reliability and notes.

Numbers as stated (the source's words), dates with how they were obtained, grades from index/grades.py; a
national figure is never listed as the mission's, and conflicting claims stay side by side.
"""

from __future__ import annotations

from datetime import date

from kfor_tui.export.markdown_text import Citations, link, md
from kfor_tui.index.citations import facts_citing_count
from kfor_tui.index.facts import conflicts_of, title_of, when_of
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.index.labels import METRIC_WORDS
from kfor_tui.index.nation_groups import missions
from kfor_tui.index.nation_summary import mission_figures
from kfor_tui.index.strengths import Strength, stated_strengths
from kfor_tui.model import RELIABILITY, Cite, Contingent, Corpus, Figure, FigureSet, Meeting, Record, Source, Visit
from kfor_tui.nations import NATIONS


def _metric(metric: str) -> str:
    return METRIC_WORDS.get(metric) or metric.replace("_", " ")


def _sources_of(corpus: Corpus, record: Record) -> str:
    """'Euronews Albania, Mar 2024; NATO, 13 Jun 2023': who reported the record, and when."""
    found = (corpus.source(src) for src in dict.fromkeys(cite.src for cite in record.cites))
    return "; ".join(f"{md(s.publisher)}, {md(s.published_label())}" for s in found if s is not None)


def _conflict_mark(corpus: Corpus, record: Record) -> str:
    return " (CONFLICT: see Conflicting reports)" if conflicts_of(corpus, record.id) else ""


def mission_size(corpus: Corpus, cites: Citations) -> list[str]:
    """Each mission's figures as a whole (its size, its number of contributing nations...), oldest first."""
    out: list[str] = []
    for mission in missions(corpus):
        figures = mission_figures(corpus, mission.id)
        if not figures:
            continue
        name = md(mission.short) + f" ({md(mission.name)})" if mission.short else md(mission.name)
        out += [
            f"### {name}",
            "",
            "Figures for the mission as a whole, as each report states them, oldest first. National figures are "
            "under National strengths, never here.",
            "",
            "| As of | Figure | As stated | Grade | Reported by | Cited |",
            "|---|---|---|---|---|---|",
        ]
        for figure in figures:
            out.append(
                f"| {md(figure.as_of.describe())} | {md(_metric(figure.metric))}{_conflict_mark(corpus, figure)} "
                f"| {md(figure.value.display())} | {fact_grade(corpus, figure)} | {_sources_of(corpus, figure)} "
                f"| {cites.marks(figure)} |"
            )
        out.append("")
    return ["## Mission size", "", *out] if out else []


def _strength_of_what(corpus: Corpus, record: Record | None) -> str:
    if isinstance(record, Contingent):
        return record.name + (" (its share)" if record.composition else "")
    if isinstance(record, Figure):
        subject = corpus.by_id.get(record.subject)
        return f"{_metric(record.metric)} to {getattr(subject, 'short', None) or corpus.name_of(record.subject)}"
    if isinstance(record, FigureSet):
        return record.title
    return ""


def _strength_date(record: Record | None, strength: Strength) -> str:
    if strength.when is None:
        return "date unknown"
    shown = strength.when.describe()
    if isinstance(record, Contingent) and record.strength_as_of is None:
        shown += " (the source's publication date)"
    return shown


def national_strengths(corpus: Corpus, cites: Citations) -> list[str]:
    """Every strength a source states for a nation, with the date it holds for and its grade: each as stated,
    oldest first, none summed or merged."""
    table = stated_strengths(corpus)
    if not table:
        return []
    out = [
        "## National strengths",
        "",
        "Each nation's strength as each source states it, with the date it was stated for, oldest first.",
        "",
        "| Nation | As stated | As of | Of | Grade | Cited |",
        "|---|---|---|---|---|---|",
    ]
    for code in sorted(table, key=lambda c: NATIONS[c].name if c in NATIONS else c):
        for strength in table[code]:
            record = corpus.by_id.get(strength.fact or "")
            stated = strength.quantity.display() if strength.quantity is not None else ""
            grade = fact_grade(corpus, record) if record is not None else ""
            out.append(
                f"| {md(corpus.name_of(code))} | {md(stated)} | {md(_strength_date(record, strength))} "
                f"| {md(_strength_of_what(corpus, record))}{_conflict_mark(corpus, record) if record else ''} "
                f"| {grade} | {cites.marks(record) if record is not None else ''} |"
            )
    return [*out, ""]


def _names(corpus: Corpus, refs: tuple[str, ...]) -> str:
    return ", ".join(md(corpus.name_of(ref)) for ref in refs)


def _meeting(corpus: Corpus, meeting: Meeting) -> str:
    parts = [f"with {_names(corpus, meeting.with_)}" if meeting.with_ else "with (not stated)"]
    if meeting.where:
        parts.append(f"at {md(corpus.name_of(meeting.where))}")
    if meeting.when is not None:
        parts.append(f"on {md(meeting.when.describe())}")
    if meeting.topics:
        parts.append("topics: " + "; ".join(md(topic) for topic in meeting.topics))
    return ", ".join(parts)


def _visit(corpus: Corpus, visit: Visit, cites: Citations) -> list[str]:
    visitors = []
    for visitor in visit.visitors:
        about = [visitor.role or "", corpus.name_of(visitor.nation) if visitor.nation else ""]
        said = ", ".join(md(part) for part in about if part)
        visitors.append(md(corpus.name_of(visitor.person)) + (f" ({said})" if said else ""))
    out = [f"### {md(title_of(corpus, visit))} ({md(visit.when.describe())})", ""]
    out.append("- Visitors: " + "; ".join(visitors))
    if visit.visit_kind:
        out.append(f"- Kind: {md(visit.visit_kind)}")
    if visit.where or visit.host_nation:
        where = _names(corpus, visit.where) or "not stated"
        host = f"; host nation: {md(corpus.name_of(visit.host_nation))}" if visit.host_nation else ""
        out.append(f"- Where: {where}{host}")
    if visit.topics:
        out.append("- Topics: " + "; ".join(md(topic) for topic in visit.topics))
    if visit.meetings:
        out.append("- Meetings:")
        out += [f"  - {_meeting(corpus, meeting)}" for meeting in visit.meetings]
    out += [f"- Sources: {cites.refs(visit)}", ""]
    return out


def visits(corpus: Corpus, cites: Citations) -> list[str]:
    """Each visit with who came, where, the topics and every meeting (with whom, where, when, about what)."""
    if not corpus.visits:
        return []
    out = ["## Visits", ""]
    for visit in sorted(corpus.visits, key=lambda v: v.when.sort_key()):
        out += _visit(corpus, visit, cites)
    return out


def quoted(cite: Cite) -> str:
    """The quote as the source printed it, and its plain meaning when the words were machine-rewritten."""
    clean = f' (meaning: "{md(cite.clean)}")' if cite.clean else ""
    return f'"{md(cite.quote)}"{clean}'


def conflicts(corpus: Corpus, cites: Citations) -> list[str]:
    """Each conflict: its explanation, then every claim with its date, grade and each source's own words."""
    if not corpus.conflicts:
        return []
    out = ["## Conflicting reports", "", "Kept side by side, never merged.", ""]
    for conflict in corpus.conflicts:
        out.append(f"- **{md(conflict.title)}**")
        if conflict.note:
            out.append(f"  - Explanation: {md(conflict.note)}")
        for claim in conflict.claims:
            record = corpus.by_id.get(claim)
            if record is None:
                continue
            when = when_of(record)
            dated = f" ({md(when.describe())})" if when is not None else ""
            out.append(f"  - Claim: {md(title_of(corpus, record))}{dated}, grade {fact_grade(corpus, record)}")
            for cite in record.cites:
                source = corpus.source(cite.src)
                said = f"{md(source.publisher)}, {md(source.published_label())}" if source is not None else ""
                out.append(f"    - {quoted(cite)}: {said}; grade {cite_grade(corpus, cite)} {cites.number(cite)}")
    return [*out, ""]


def _rewritten(corpus: Corpus) -> dict[str, dict[tuple[str, str], None]]:
    """Source id -> the (quote, clean) pairs of its citations whose words were machine-rewritten."""
    table: dict[str, dict[tuple[str, str], None]] = {}
    for record in corpus.by_id.values():
        for cite in record.cites:
            if cite.clean:
                table.setdefault(cite.src, {})[(cite.quote, cite.clean)] = None
    return table


def _published(source: Source) -> str:
    when = source.published
    if when is None:
        return "date unknown"
    shown = f"{when.display()} (basis: {when.basis.replace('_', ' ')})"
    return shown + (f', printed as "{md(when.text)}"' if when.text else "")


def sources(corpus: Corpus) -> list[str]:
    """Every source by publication date: publisher, title, address, date and how it is known, reliability
    with why, the note on how its text was cleaned, and its machine-rewritten phrases with their meaning."""
    if not corpus.sources:
        return []
    rewritten = _rewritten(corpus)
    out = ["## Sources", ""]
    undated = date.max
    for source in sorted(corpus.sources, key=lambda s: s.published.sort_key() if s.published else undated):
        out += [f"### {md(source.title)}", "", f"- Publisher: {md(source.publisher)}"]
        if source.url:
            out.append(f"- URL: {link(source.url)}")
        out += [f"- Published: {_published(source)}", f"- Language: {md(source.language)}"]
        label = RELIABILITY.get(source.reliability, "")
        note = f": {md(source.reliability_note)}" if source.reliability_note else ""
        out.append(f"- Reliability: {source.reliability} ({label}){note}")
        if source.note:
            out.append(f"- Note on the text (cleaning and provenance): {md(source.note)}")
        phrases = rewritten.get(source.id, {})
        if phrases:
            out.append("- Machine-rewritten phrases, each with its plain meaning:")
            out += [f'  - "{md(quote)}" means "{md(clean)}"' for quote, clean in phrases]
        facts = facts_citing_count(corpus, source.id)
        out += [f"- Cited by {facts} fact{'s' * (facts != 1)}", ""]
    return out
