"""A readable briefing pack in Markdown: marking at top and bottom, every fact with numbered citations."""

from __future__ import annotations

from kfor_tui.index.chronology import chronology
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.model import Cite, Corpus, Record
from kfor_tui.nations import NATIONS


def _md(text: str | None) -> str:
    """Briefing text as inert Markdown: one line, table pipes and emphasis characters escaped."""
    if not text:
        return ""
    text = " ".join(text.split())
    for char in "\\`*_[]<|#":
        text = text.replace(char, "\\" + char)
    return text


class _Citations:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.numbers: dict[tuple[str, str], int] = {}
        self.cites: list[Cite] = []

    def refs(self, record: Record) -> str:
        marks = []
        for cite in record.cites:
            key = (cite.src, cite.quote)
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                self.cites.append(cite)
            marks.append(f"[{self.numbers[key]}]")
        return f"{''.join(marks)} (grade {fact_grade(self.corpus, record)})" if marks else ""


def to_markdown(corpus: Corpus) -> str:
    marking = " / ".join(corpus.markings()) or "UNMARKED"
    cites = _Citations(corpus)
    out = [f"**{_md(marking)}**", "", "# KFOR briefing pack", ""]
    for briefing in corpus.briefings:
        out.append(
            f"- **{_md(briefing.title)}**, as of {briefing.as_of.isoformat()}"
            + (f", by {_md(briefing.author)}" if briefing.author else "")
        )
        if briefing.summary:
            out.append(f"  {_md(briefing.summary)}")
    out += [
        "",
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
            f"| {_md(nation)} | {_md(c.name)} | {_md(c.role)} | {_md(corpus.name_of(c.camp) if c.camp else '')} "
            f"| {_md(strength)} | {_md(c.period.describe() if c.period else '')} | {cites.refs(c)} |"
        )
    out += ["", "## Chronology", ""]
    year = None
    for entry in chronology(corpus):
        if entry.year != year:
            year = entry.year
            out += ["", f"### {year if year else 'Undated'}", ""]
        nations = ", ".join(entry.nations)
        out.append(
            f"- **{_md(entry.when.describe())}**: {_md(entry.title)}"
            + (f" ({nations})" if nations else "")
            + f" {cites.refs(entry.record)}"
        )
    if corpus.tensions:
        out += ["", "## Tensions", ""]
        for t in corpus.tensions:
            out.append(f"### {_md(t.title)} ({_md(t.when.describe())})")
            out.append("")
            if t.summary:
                out += [_md(t.summary), ""]
            for casualty in t.casualties:
                out.append(f"- {casualty.kind}: {_md(casualty.count.display())} ({_md(casualty.group)})")
            for r in t.responses:
                out.append(
                    f"- response, {r.kind}: {_md(r.text)}" + (f" ({_md(r.strength.display())})" if r.strength else "")
                )
            out += [f"- sources: {cites.refs(t)}", ""]
    if corpus.conflicts:
        out += ["", "## Conflicting reports", "", "Kept side by side, never merged.", ""]
        for conflict in corpus.conflicts:
            out.append(f"- **{_md(conflict.title)}**" + (f": {_md(conflict.note)}" if conflict.note else ""))
            for claim in conflict.claims:
                record = corpus.by_id.get(claim)
                if record is not None:
                    title = getattr(record, "title", None) or getattr(record, "name", None) or claim
                    out.append(f"  - {_md(title)} {cites.refs(record)}")
    out += ["", "## Citations", ""]
    for number, cite in enumerate(cites.cites, 1):
        source = corpus.source(cite.src)
        if source is None:
            continue
        where = f", paragraph {cite.anchor.paragraph + 1}" if cite.anchor else ""
        url = f" <{source.url}>" if source.url and source.url.startswith(("http://", "https://")) else ""
        clean = f' (meaning: "{_md(cite.clean)}")' if cite.clean else ""
        out.append(
            f'{number}. "{_md(cite.quote)}"{clean}: {_md(source.title)}, {_md(source.publisher)}, '
            f"{source.published_label()}{where}; grade {cite_grade(corpus, cite)}.{url}"
        )
    out += ["", f"**{_md(marking)}**", ""]
    return "\n".join(out)
