"""A readable briefing pack in Markdown: marking at top and bottom, the mission's size as reported, national
strengths, contingents, visits, the chronology, tensions, conflicting reports, the sources with their
reliability, and every cited quote numbered (the sections that answer questions: markdown_sections.py)."""

from __future__ import annotations

from datetime import date

from kfor_tui.export import markdown_sections as sections
from kfor_tui.export.markdown_text import Citations, day, link, md
from kfor_tui.index.chronology import chronology
from kfor_tui.index.grades import cite_grade
from kfor_tui.model import Corpus
from kfor_tui.nations import NATIONS


def _briefings(corpus: Corpus) -> list[str]:
    out = []
    for briefing in corpus.briefings:
        out.append(
            f"- **{md(briefing.title)}**, as of {briefing.as_of.isoformat()}"
            + (f", by {md(briefing.author)}" if briefing.author else "")
        )
        if briefing.summary:
            out.append(f"  {md(briefing.summary)}")
    return out


def _contingents(corpus: Corpus, cites: Citations) -> list[str]:
    out = [
        "## Contingents",
        "",
        "| Nation | Contingent | Role | Camp | Strength | Period | Cited |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in sorted(corpus.contingents, key=lambda c: NATIONS[c.nations()[0]].name if c.nations() else ""):
        nation = " / ".join(NATIONS[n].name for n in c.nations())
        shares = "; ".join(f"{NATIONS[s.nation].name} {s.strength.display()}" for s in c.composition)
        strength = (c.strength.display() if c.strength else "") + (f" ({shares})" if shares else "")
        out.append(
            f"| {md(nation)} | {md(c.name)} | {md(c.role)} | {md(corpus.name_of(c.camp) if c.camp else '')} "
            f"| {md(strength)} | {md(c.period.describe() if c.period else '')} | {cites.refs(c)} |"
        )
    return out


def _chronology(corpus: Corpus, cites: Citations) -> list[str]:
    out = ["## Chronology", ""]
    year = None
    for entry in chronology(corpus):
        if entry.year != year:
            year = entry.year
            out += ["", f"### {year if year else 'Undated'}", ""]
        nations = ", ".join(entry.nations)
        out.append(
            f"- **{md(entry.when.describe())}**: {md(entry.title)}"
            + (f" ({nations})" if nations else "")
            + f" {cites.refs(entry.record)}"
        )
    return out


def _tensions(corpus: Corpus, cites: Citations) -> list[str]:
    if not corpus.tensions:
        return []
    out = ["## Tensions", ""]
    for t in corpus.tensions:
        out += [f"### {md(t.title)} ({md(t.when.describe())})", ""]
        if t.summary:
            out += [md(t.summary), ""]
        for casualty in t.casualties:
            out.append(f"- {casualty.kind}: {md(casualty.count.display())} ({md(casualty.group)})")
        for r in t.responses:
            out.append(f"- response, {r.kind}: {md(r.text)}" + (f" ({md(r.strength.display())})" if r.strength else ""))
        out += [f"- sources: {cites.refs(t)}", ""]
    return out


def _citations(corpus: Corpus, cites: Citations) -> list[str]:
    out = ["## Citations", ""]
    for number, cite in enumerate(cites.cites, 1):
        source = corpus.source(cite.src)
        if source is None:
            continue
        where = f", paragraph {cite.anchor.paragraph + 1}" if cite.anchor else ""
        url = f" {link(source.url)}" if source.url else ""
        out.append(
            f"{number}. {sections.quoted(cite)}: {md(source.title)}, {md(source.publisher)}, "
            f"{source.published_label()}{where}; grade {cite_grade(corpus, cite)}.{url}"
        )
    return out


def to_markdown(corpus: Corpus, *, as_known_on: date | None = None) -> str:
    """The pack; `as_known_on`: the day the corpus was cut to (what sources published by then had reported),
    said under the title."""
    marking = " / ".join(corpus.markings()) or "UNMARKED"
    cites = Citations(corpus)
    out = [f"**{md(marking)}**", "", "# KFOR briefing pack", ""]
    if as_known_on is not None:
        out += [
            f"As known on {day(as_known_on)}: only what sources published on or before that day had reported.",
            "",
        ]
    out += _briefings(corpus)
    body = [
        sections.mission_size(corpus, cites),
        sections.national_strengths(corpus, cites),
        _contingents(corpus, cites),
        sections.visits(corpus, cites),
        _chronology(corpus, cites),
        _tensions(corpus, cites),
        sections.conflicts(corpus, cites),
        sections.sources(corpus),
        _citations(corpus, cites),
    ]
    for part in body:
        while part and not part[-1]:
            part.pop()
        if part:
            out += ["", *part]
    out += ["", f"**{md(marking)}**", ""]
    return "\n".join(out)
