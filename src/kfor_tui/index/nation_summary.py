"""Per-nation and per-organisation queries for the reader: the nations pane's rows, the headline of a mission's
size, and dossiers (strength as stated is index/strengths.py; the pane's groups index/nation_groups.py).

Pure Python over a Corpus: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kfor_tui.dates import When
from kfor_tui.index.facts import when_of
from kfor_tui.index.involvement import nation_of_entity, nations_of, refs_of
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.index.strengths import Strength, latest, strength_of
from kfor_tui.model import (
    Contingent,
    Corpus,
    Event,
    Fact,
    Figure,
    FigureSet,
    HeldRole,
    Organisation,
    Person,
    Place,
    Source,
    Tension,
    Visit,
)
from kfor_tui.nations import NATIONS

ALWAYS_LISTED = ("XKX", "SRB")
SUBJECTS_FORMAT = 2  # bump when Subject or Strength change shape: rows kept in the load cache are then rebuilt


@dataclass(frozen=True, slots=True)
class Subject:
    """One row of the nations pane: a nation (ISO code) or an organisation record."""

    key: str
    kind: str  # "nation" | "organisation"
    code: str
    name: str
    strength: Strength
    summary: str


@dataclass(frozen=True, slots=True)
class Headline:
    """One line of what the corpus last reports of a mission's size. Figures on one line come from one report
    (the same source and date: "4,443 personnel from 28 countries"); a newer report that gives only part of
    the picture gets a line of its own, never merged into another report's sentence."""

    mission: Organisation
    figures: tuple[Figure, ...]


@dataclass(slots=True)
class Dossier:
    """Everything the corpus says about one nation or organisation, in sections. Figures for a mission as a
    whole and national figures are kept apart: a nation's 90 soldiers are never shown as the mission's."""

    subject: Subject
    contingents: list[Contingent] = field(default_factory=list)
    mission_figures: list[Figure] = field(default_factory=list)
    national_figures: list[Figure | FigureSet] = field(default_factory=list)
    roles: list[HeldRole] = field(default_factory=list)
    visits_by: list[Visit] = field(default_factory=list)
    visits_to: list[Visit] = field(default_factory=list)
    tensions: list[Tension] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def mission_figures(corpus: Corpus, org_id: str) -> list[Figure]:
    """Figures about a mission or organisation as a whole (no nation), oldest first."""
    return [f for f in _figures_of(corpus).get(org_id, []) if not f.national]


@per_corpus
def _figures_of(corpus: Corpus) -> dict[str, list[Figure]]:
    table: dict[str, list[Figure]] = {}
    for figure in sorted(corpus.figures, key=lambda f: f.as_of.sort_key()):
        table.setdefault(figure.subject, []).append(figure)
    return table


def _org_strength(corpus: Corpus, org_id: str) -> Strength:
    found = [(0, Strength(f.value, f.as_of, f.id)) for f in mission_figures(corpus, org_id) if f.metric == "personnel"]
    return latest(found)


def _facts_for_nation(corpus: Corpus, code: str) -> list[Fact]:
    return list(_facts_by_nation(corpus).get(code, ()))


@per_corpus
def _facts_by_nation(corpus: Corpus) -> dict[str, list[Fact]]:
    """Nation code -> facts concerning it, in corpus order."""
    table: dict[str, list[Fact]] = {}
    for fact in corpus.facts():
        for code in nations_of(corpus, fact):
            table.setdefault(code, []).append(fact)
    return table


@per_corpus
def _facts_by_ref(corpus: Corpus) -> dict[str, list[Fact]]:
    """Entity id -> facts naming it."""
    table: dict[str, list[Fact]] = {}
    for fact in corpus.facts():
        refs = set(refs_of(fact))
        if isinstance(fact, Contingent):
            refs.add(fact.mission)
        for ref in refs:
            table.setdefault(ref, []).append(fact)
    return table


def _facts_for_org(corpus: Corpus, org_id: str) -> list[Fact]:
    return list(_facts_by_ref(corpus).get(org_id, ()))


def _summary(facts: list[Fact]) -> str:
    counts: dict[str, int] = {}
    for fact in facts:
        counts[fact.kind] = counts.get(fact.kind, 0) + 1
    if not counts:
        return "no facts"
    return ", ".join(
        f"{n} {KIND_WORDS.get(kind, kind) if n == 1 else PLURAL.get(kind, kind + 's')}" for kind, n in counts.items()
    )


KIND_WORDS = {"figure_set": "figure table"}
PLURAL = {
    "contingent": "contingents",
    "visit": "visits",
    "tension": "tensions",
    "figure": "figures",
    "figure_set": "figure tables",
    "event": "events",
    "role": "roles",
}


@per_corpus
def nation_codes(corpus: Corpus) -> list[str]:
    codes: dict[str, None] = dict.fromkeys(_facts_by_nation(corpus))
    for contingent in corpus.contingents:
        for code in contingent.nations():
            codes[code] = None
    for code in ALWAYS_LISTED:
        codes[code] = None
    return list(codes)


def subject_for(corpus: Corpus, key: str) -> Subject:
    record = corpus.by_id.get(key)
    if isinstance(record, Organisation):
        facts = _facts_for_org(corpus, key)
        return Subject(
            key, "organisation", record.short or "", record.name, _org_strength(corpus, key), _summary(facts)
        )
    if isinstance(record, (Person, Place)):
        facts = _facts_for_org(corpus, key)
        return Subject(key, record.kind, record.nation or "", record.name, Strength(), _summary(facts))
    nation = NATIONS.get(key)
    facts = _facts_for_nation(corpus, key)
    return Subject(key, "nation", key, nation.name if nation else key, strength_of(corpus, key), _summary(facts))


@per_corpus
def subjects(corpus: Corpus) -> list[Subject]:
    """Every nation in the corpus (plus Kosovo and Serbia), then every organisation."""
    nations = [subject_for(corpus, code) for code in nation_codes(corpus)]
    nations.sort(key=lambda s: s.name)
    # organisations that facts are about, plus the mission, alliances and international bodies
    organisations = [
        subject_for(corpus, org.id)
        for org in corpus.organisations
        if org.org_kind in ("mission", "alliance", "io") or _facts_for_org(corpus, org.id)
    ]
    return nations + organisations


def sort_subjects(items: list[Subject], by: str) -> list[Subject]:
    """Sort by 'name' or by 'strength' (the number stated, largest first; a range by its low end; unknown
    last); nations stay before organisations."""

    def key(s: Subject) -> tuple[object, ...]:
        group = 0 if s.kind == "nation" else 1
        if by == "strength":
            return (group, *s.strength.sort_key(), s.name.casefold())
        return (group, s.name.casefold())

    return sorted(items, key=key)


@per_corpus
def headlines(corpus: Corpus) -> list[Headline]:
    """For each mission with figures of its own: its latest reported size, with the number of contributing
    nations when the same report gives it; then a newer report of the number of nations on a line of its own."""
    out = []
    for org in corpus.organisations:
        if org.org_kind != "mission":
            continue
        figures = mission_figures(corpus, org.id)
        sizes = [f for f in figures if f.metric == "personnel"]
        counts = [f for f in figures if f.metric == "contributing_nations"]
        lines: list[tuple[Figure, ...]] = []
        if sizes:
            size = sizes[-1]
            same = [c for c in counts if c.as_of == size.as_of and _same_report(size, c)]
            lines.append((size, same[-1]) if same else (size,))
        if counts and (
            not lines
            or (counts[-1] not in lines[0] and (not sizes or counts[-1].as_of.sort_key() > sizes[-1].as_of.sort_key()))
        ):
            lines.append((counts[-1],))
        out += [Headline(org, line) for line in lines]
    return out


def _same_report(a: Figure, b: Figure) -> bool:
    """Two figures from one report: they cite the same sentence (or at least the same source)."""
    return bool({c.src for c in a.cites} & {c.src for c in b.cites})


@per_corpus
def dossier(corpus: Corpus, key: str) -> Dossier:
    """Everything about one nation or organisation (kept per corpus: do not mutate)."""
    subject = subject_for(corpus, key)
    is_org = subject.kind != "nation"
    facts = _facts_for_org(corpus, key) if is_org else _facts_for_nation(corpus, key)
    result = Dossier(subject)
    for fact in facts:
        if isinstance(fact, Contingent):
            result.contingents.append(fact)
        elif isinstance(fact, Figure):
            (result.national_figures if fact.national else result.mission_figures).append(fact)
        elif isinstance(fact, FigureSet):
            result.national_figures.append(fact)
        elif isinstance(fact, HeldRole):
            result.roles.append(fact)
        elif isinstance(fact, Visit):
            by = {v.nation or nation_of_entity(corpus, v.person) for v in fact.visitors}
            by |= {v.person for v in fact.visitors}
            if key in by:
                result.visits_by.append(fact)
            if fact.host_nation == key or key in fact.where or key not in by:
                result.visits_to.append(fact)
        elif isinstance(fact, Tension):
            result.tensions.append(fact)
        elif isinstance(fact, Event):
            result.events.append(fact)
    for group in (
        result.contingents,
        result.mission_figures,
        result.national_figures,
        result.roles,
        result.visits_by,
        result.visits_to,
        result.tensions,
        result.events,
    ):
        group.sort(key=lambda f: (when_of(f) or When(start=None, end=None)).sort_key())
    seen: dict[str, None] = {}
    for fact in facts:
        for cite in fact.cites:
            seen[cite.src] = None
    result.sources = [s for s in (corpus.source(src) for src in seen) if s is not None]
    return result
