"""The sections of the briefing pack that answer a reader's questions: how big the mission is as each report
says, each nation's strength with its date, the contingents, the visits with their meetings, the chronology
by year and the tensions with their responses (the evidence behind them: pack_evidence.py).

Numbers as stated (the source's words), dates with how they were obtained, grades from index/grades.py; a
national figure is never listed as the mission's, and conflicting claims stay side by side.
"""

from __future__ import annotations

from kfor_tui.export.pack_citations import Citations
from kfor_tui.export.pack_document import (
    Block,
    Grade,
    Heading,
    Inline,
    InPack,
    Item,
    Items,
    Paragraph,
    Plain,
    Section,
    Span,
    Strong,
    Table,
    Text,
)
from kfor_tui.index.chronology import chronology
from kfor_tui.index.facts import conflicts_of, title_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.labels import METRIC_WORDS
from kfor_tui.index.nation_groups import missions
from kfor_tui.index.nation_summary import mission_figures
from kfor_tui.index.strengths import Strength, stated_strengths
from kfor_tui.model import Contingent, Corpus, Figure, FigureSet, Meeting, Record, Visit
from kfor_tui.nations import NATIONS

CONFLICTS_ANCHOR = "conflicting-reports"


def joined(parts: list[Inline], sep: str) -> Inline:
    out: list[Span] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Plain(sep))
        out += part
    return tuple(out)


def _metric(metric: str) -> str:
    return METRIC_WORDS.get(metric) or metric.replace("_", " ")


def _sources_of(corpus: Corpus, record: Record) -> Inline:
    """'Euronews Albania, Mar 2024; NATO, 13 Jun 2023': who reported the record, and when."""
    found = (corpus.source(src) for src in dict.fromkeys(cite.src for cite in record.cites))
    return joined([(Text(s.publisher), Plain(", "), Text(s.published_label())) for s in found if s is not None], "; ")


def _conflict_mark(corpus: Corpus, record: Record) -> Inline:
    if not conflicts_of(corpus, record.id):
        return ()
    return (Plain(" (CONFLICT: see "), InPack((Plain("Conflicting reports"),), CONFLICTS_ANCHOR), Plain(")"))


def mission_size(corpus: Corpus, cites: Citations) -> Section | None:
    """Each mission's figures as a whole (its size, its number of contributing nations...), oldest first."""
    blocks: list[Block] = []
    for mission in missions(corpus):
        figures = mission_figures(corpus, mission.id)
        if not figures:
            continue
        name: Inline = (
            (Text(mission.short), Plain(" ("), Text(mission.name), Plain(")"))
            if mission.short
            else (Text(mission.name),)
        )
        rows = tuple(
            (
                (Text(figure.as_of.describe()),),
                (Text(_metric(figure.metric)), *_conflict_mark(corpus, figure)),
                (Text(figure.value.display()),),
                (Grade(fact_grade(corpus, figure)),),
                _sources_of(corpus, figure),
                (cites.marks(figure),),
            )
            for figure in figures
        )
        blocks += [
            Heading(name),
            Paragraph(
                (
                    Plain(
                        "Figures for the mission as a whole, as each report states them, oldest first. National "
                        "figures are under National strengths, never here."
                    ),
                )
            ),
            Table(("As of", "Figure", "As stated", "Grade", "Reported by", "Cited"), rows),
        ]
    return Section("Mission size", "mission-size", tuple(blocks)) if blocks else None


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


def national_strengths(corpus: Corpus, cites: Citations) -> Section | None:
    """Every strength a source states for a nation, with the date it holds for and its grade: each as stated,
    oldest first, none summed or merged."""
    table = stated_strengths(corpus)
    if not table:
        return None
    rows: list[tuple[Inline, ...]] = []
    for code in sorted(table, key=lambda c: NATIONS[c].name if c in NATIONS else c):
        for strength in table[code]:
            record = corpus.by_id.get(strength.fact or "")
            stated = strength.quantity.display() if strength.quantity is not None else ""
            rows.append(
                (
                    (Text(corpus.name_of(code)),),
                    (Text(stated),),
                    (Text(_strength_date(record, strength)),),
                    (Text(_strength_of_what(corpus, record)), *(_conflict_mark(corpus, record) if record else ())),
                    (Grade(fact_grade(corpus, record)),) if record is not None else (),
                    (cites.marks(record),) if record is not None else (),
                )
            )
    intro = Plain("Each nation's strength as each source states it, with the date it was stated for, oldest first.")
    header = ("Nation", "As stated", "As of", "Of", "Grade", "Cited")
    return Section("National strengths", "national-strengths", (Paragraph((intro,)), Table(header, tuple(rows))))


def contingents(corpus: Corpus, cites: Citations) -> Section:
    rows: list[tuple[Inline, ...]] = []
    for c in sorted(corpus.contingents, key=lambda c: NATIONS[c.nations()[0]].name if c.nations() else ""):
        nation = " / ".join(NATIONS[n].name for n in c.nations())
        shares = "; ".join(f"{NATIONS[s.nation].name} {s.strength.display()}" for s in c.composition)
        strength = (c.strength.display() if c.strength else "") + (f" ({shares})" if shares else "")
        rows.append(
            (
                (Text(nation),),
                (Text(c.name),),
                (Text(c.role or ""),),
                (Text(corpus.name_of(c.camp) if c.camp else ""),),
                (Text(strength),),
                (Text(c.period.describe() if c.period else ""),),
                cites.refs(c),
            )
        )
    header = ("Nation", "Contingent", "Role", "Camp", "Strength", "Period", "Cited")
    return Section("Contingents", "contingents", (Table(header, tuple(rows)),))


def _names(corpus: Corpus, refs: tuple[str, ...]) -> list[Inline]:
    return [(Text(corpus.name_of(ref)),) for ref in refs]


def _meeting(corpus: Corpus, meeting: Meeting) -> Inline:
    parts: list[Inline] = [
        (Plain("with "), *joined(_names(corpus, meeting.with_), ", "))
        if meeting.with_
        else (Plain("with (not stated)"),)
    ]
    if meeting.where:
        parts.append((Plain("at "), Text(corpus.name_of(meeting.where))))
    if meeting.when is not None:
        parts.append((Plain("on "), Text(meeting.when.describe())))
    if meeting.topics:
        parts.append((Plain("topics: "), *joined([(Text(topic),) for topic in meeting.topics], "; ")))
    return joined(parts, ", ")


def _visit(corpus: Corpus, visit: Visit, cites: Citations) -> list[Block]:
    visitors: list[Inline] = []
    for visitor in visit.visitors:
        about = [visitor.role or "", corpus.name_of(visitor.nation) if visitor.nation else ""]
        said = joined([(Text(part),) for part in about if part], ", ")
        visitors.append((Text(corpus.name_of(visitor.person)), *((Plain(" ("), *said, Plain(")")) if said else ())))
    items = [Item((Plain("Visitors: "), *joined(visitors, "; ")))]
    if visit.visit_kind:
        items.append(Item((Plain("Kind: "), Text(visit.visit_kind))))
    if visit.where or visit.host_nation:
        where = joined(_names(corpus, visit.where), ", ") or (Plain("not stated"),)
        host = (Plain("; host nation: "), Text(corpus.name_of(visit.host_nation))) if visit.host_nation else ()
        items.append(Item((Plain("Where: "), *where, *host)))
    if visit.topics:
        items.append(Item((Plain("Topics: "), *joined([(Text(topic),) for topic in visit.topics], "; "))))
    if visit.meetings:
        meetings = tuple(Item(_meeting(corpus, meeting)) for meeting in visit.meetings)
        items.append(Item((Plain("Meetings:"),), children=meetings))
    items.append(Item((Plain("Sources: "), *cites.refs(visit))))
    title = (Text(title_of(corpus, visit)), Plain(" ("), Text(visit.when.describe()), Plain(")"))
    return [Heading(title), Items(tuple(items))]


def visits(corpus: Corpus, cites: Citations) -> Section | None:
    """Each visit with who came, where, the topics and every meeting (with whom, where, when, about what)."""
    if not corpus.visits:
        return None
    blocks: list[Block] = []
    for visit in sorted(corpus.visits, key=lambda v: v.when.sort_key()):
        blocks += _visit(corpus, visit, cites)
    return Section("Visits", "visits", tuple(blocks))


def chronology_by_year(corpus: Corpus, cites: Citations) -> Section:
    blocks: list[Block] = []
    items: list[Item] = []
    year: int | None = None
    for entry in chronology(corpus):
        if entry.year != year:
            if items:
                blocks.append(Items(tuple(items)))
                items = []
            year = entry.year
            blocks.append(Heading((Plain(str(year) if year else "Undated"),)))
        nations = ", ".join(entry.nations)
        items.append(
            Item(
                (
                    Strong((Text(entry.when.describe()),)),
                    Plain(": "),
                    Text(entry.title),
                    Plain(f" ({nations})" if nations else ""),
                    Plain(" "),
                    *cites.refs(entry.record),
                )
            )
        )
    if items:
        blocks.append(Items(tuple(items)))
    spaced = bool(blocks) and isinstance(blocks[0], Heading)
    return Section("Chronology", "chronology", tuple(blocks), spaced=spaced)


def tensions(corpus: Corpus, cites: Citations) -> Section | None:
    if not corpus.tensions:
        return None
    blocks: list[Block] = []
    for t in corpus.tensions:
        blocks.append(Heading((Text(t.title), Plain(" ("), Text(t.when.describe()), Plain(")"))))
        if t.summary:
            blocks.append(Paragraph((Text(t.summary),)))
        items = [
            Item(
                (
                    Plain(f"{casualty.kind}: "),
                    Text(casualty.count.display()),
                    Plain(" ("),
                    Text(casualty.group),
                    Plain(")"),
                )
            )
            for casualty in t.casualties
        ]
        for r in t.responses:
            strength = (Plain(" ("), Text(r.strength.display()), Plain(")")) if r.strength else ()
            items.append(Item((Plain(f"response, {r.kind}: "), Text(r.text or ""), *strength)))
        items.append(Item((Plain("sources: "), *cites.refs(t))))
        blocks.append(Items(tuple(items)))
    return Section("Tensions", "tensions", tuple(blocks))
