"""Per-nation and per-organisation queries for the reader: strength, the facts about it, grades, conflicts.

Pure Python over a Corpus: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kfor_tui.dates import When
from kfor_tui.index.chronology import entries_of
from kfor_tui.index.involvement import nation_of_entity, nations_of, refs_of
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import (
    Cite, Conflict, Contingent, Corpus, Event, Fact, Figure, Organisation, Person, Place, Record, Source, Tension, Visit,
)
from kfor_tui.nations import NATIONS
from kfor_tui.quantities import Quantity

ALWAYS_LISTED = ("XKX", "SRB")
SUBJECTS_FORMAT = 1  # bump when Subject or Strength change shape: rows kept in the load cache are then rebuilt


@dataclass(frozen=True, slots=True)
class Strength:
    """A nation's current strength: the sum of its latest contingent strengths, honest about estimates."""

    total: int | None
    exact: bool
    parts: int

    def display(self) -> str:
        if self.total is None:
            return "-"
        return f"{'' if self.exact else '~'}{self.total:,}"


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
    """What the corpus last reports of a mission's size: the first thing an officer asks."""

    mission: Organisation
    personnel: Figure | None  # the latest personnel/strength/troops figure
    nations: Figure | None  # the latest count of contributing nations


@dataclass(slots=True)
class Dossier:
    """Everything the corpus says about one nation or organisation, in sections."""

    subject: Subject
    contingents: list[Contingent] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    visits_by: list[Visit] = field(default_factory=list)
    visits_to: list[Visit] = field(default_factory=list)
    tensions: list[Tension] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def when_of(fact: Record) -> When | None:
    if isinstance(fact, Contingent):
        return fact.period or fact.strength_as_of
    if isinstance(fact, (Visit, Tension, Event)):
        return fact.when
    if isinstance(fact, Figure):
        return fact.as_of
    return None


def title_of(corpus: Corpus, fact: Record) -> str:
    if isinstance(fact, Contingent):
        unit = f" ({corpus.name_of(fact.unit)})" if fact.unit else ""
        return f"{fact.name}{unit}"
    entries = entries_of(corpus, fact)
    if entries:
        return entries[0].title
    return getattr(fact, "title", None) or fact.id


def grade_of(corpus: Corpus, fact: Record) -> str:
    """The best Admiralty grade among the fact's citations; 'F-' when it cites nothing."""
    grades = [corpus.grade(cite) for cite in fact.cites]
    if not grades:
        return "F-"
    return min(grades, key=lambda g: (g[0], g[1] if g[1] != "-" else "9"))


def source_count(fact: Record) -> int:
    return len({cite.src for cite in fact.cites})


def conflicts_of(corpus: Corpus, fact_id: str) -> list[Conflict]:
    return _conflicts_by_fact(corpus).get(fact_id, [])


@per_corpus
def _conflicts_by_fact(corpus: Corpus) -> dict[str, list[Conflict]]:
    table: dict[str, list[Conflict]] = {}
    for conflict in corpus.conflicts:
        for fact_id in dict.fromkeys(conflict.claims):
            table.setdefault(fact_id, []).append(conflict)
    return table


def _share(contingent: Contingent, code: str) -> Quantity | None:
    for share in contingent.composition:
        if share.nation == code:
            return share.strength
    if contingent.nations() == (code,) or (contingent.nation == code and not contingent.composition):
        return contingent.strength
    return None


def _latest_key(contingent: Contingent) -> tuple:
    when = contingent.strength_as_of or contingent.period
    return (when.sort_key() if when else When(start=None, end=None).sort_key(),)


@per_corpus
def _contingents_by_nation(corpus: Corpus) -> dict[str, list[Contingent]]:
    table: dict[str, list[Contingent]] = {}
    for contingent in corpus.contingents:
        for code in contingent.nations():
            table.setdefault(code, []).append(contingent)
    return table


@per_corpus
def _strength_figures(corpus: Corpus) -> dict[str, list[Figure]]:
    """Subject id -> its personnel/strength/troops figures."""
    table: dict[str, list[Figure]] = {}
    for figure in corpus.figures:
        if figure.metric in ("personnel", "strength", "troops"):
            table.setdefault(figure.subject, []).append(figure)
    return table


def strength_of(corpus: Corpus, code: str) -> Strength:
    latest: dict[str, Contingent] = {}
    for contingent in _contingents_by_nation(corpus).get(code, ()):
        if _share(contingent, code) is None:
            continue
        unit = contingent.unit or contingent.name
        if unit not in latest or _latest_key(contingent) >= _latest_key(latest[unit]):
            latest[unit] = contingent
    total, exact = 0, True
    for contingent in latest.values():
        quantity = _share(contingent, code)
        best = quantity.best() if quantity else None
        if best is None:
            exact = False
            continue
        total += best
        exact = exact and quantity.exact  # type: ignore[union-attr]
    if not latest:
        return Strength(None, True, 0)
    return Strength(total, exact, len(latest))


def _org_strength(corpus: Corpus, org_id: str) -> Strength:
    figures = _strength_figures(corpus).get(org_id, [])
    if not figures:
        return Strength(None, True, 0)
    latest = max(figures, key=lambda f: f.as_of.sort_key())
    return Strength(latest.value.best(), latest.value.exact, 1)


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
    plural = {"contingent": "contingents", "visit": "visits", "tension": "tensions", "figure": "figures", "event": "events"}
    return ", ".join(f"{n} {kind if n == 1 else plural.get(kind, kind + 's')}" for kind, n in counts.items())


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
        return Subject(key, "organisation", record.short or "", record.name, _org_strength(corpus, key), _summary(facts))
    if isinstance(record, (Person, Place)):
        facts = _facts_for_org(corpus, key)
        return Subject(key, record.kind, record.nation or "", record.name, Strength(None, True, 0), _summary(facts))
    nation = NATIONS.get(key)
    facts = _facts_for_nation(corpus, key)
    return Subject(key, "nation", key, nation.name if nation else key, strength_of(corpus, key), _summary(facts))


@per_corpus
def subjects(corpus: Corpus) -> list[Subject]:
    """Every nation in the corpus (plus Kosovo and Serbia), then every organisation."""
    nations = [subject_for(corpus, code) for code in nation_codes(corpus)]
    nations.sort(key=lambda s: s.name)
    # organisations that facts are about, plus the mission, alliances and international bodies
    organisations = [subject_for(corpus, org.id) for org in corpus.organisations
                     if org.org_kind in ("mission", "alliance", "io") or _facts_for_org(corpus, org.id)]
    return nations + organisations


def sort_subjects(items: list[Subject], by: str) -> list[Subject]:
    """Sort by 'name' or by 'strength' (largest first, unknown last); nations stay before organisations."""
    def key(s: Subject) -> tuple:
        group = 0 if s.kind == "nation" else 1
        if by == "strength":
            return (group, s.strength.total is None, -(s.strength.total or 0), s.name)
        return (group, s.name.casefold())
    return sorted(items, key=key)


@per_corpus
def headlines(corpus: Corpus) -> list[Headline]:
    """For each mission (organisation kind "mission") with figures: its latest reported size and number of
    contributing nations, each kept with its own date and source (they may come from different reports)."""
    out = []
    for org in corpus.organisations:
        if org.org_kind != "mission":
            continue
        figures = [f for f in corpus.figures if f.subject == org.id]

        def latest(metrics: tuple[str, ...]) -> Figure | None:
            found = [f for f in figures if f.metric in metrics]
            return max(found, key=lambda f: f.as_of.sort_key()) if found else None

        personnel, nations = latest(("personnel", "strength", "troops")), latest(("contributing_nations",))
        if personnel or nations:
            out.append(Headline(org, personnel, nations))
    return out


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
            result.figures.append(fact)
        elif isinstance(fact, Visit):
            by = {v.nation or nation_of_entity(corpus, v.person) for v in fact.visitors}
            by |= {v.person for v in fact.visitors}
            if key in by:
                result.visits_by.append(fact)
            if fact.host_nation == key or key in fact.where or not (key in by):
                result.visits_to.append(fact)
        elif isinstance(fact, Tension):
            result.tensions.append(fact)
        elif isinstance(fact, Event):
            result.events.append(fact)
    result.figures.sort(key=lambda f: f.as_of.sort_key())
    for group in (result.contingents, result.visits_by, result.visits_to, result.tensions, result.events):
        group.sort(key=lambda f: (when_of(f) or When(start=None, end=None)).sort_key())
    seen: dict[str, None] = {}
    for fact in facts:
        for cite in fact.cites:
            seen[cite.src] = None
    result.sources = [s for s in (corpus.source(src) for src in seen) if s is not None]
    return result


def citing(corpus: Corpus, source_id: str) -> list[tuple[Fact, Cite]]:
    """Every (fact, citation) pair citing a source, in reading order of the quote (unanchored last)."""
    return _citations(corpus).get(source_id, [])


def facts_citing_count(corpus: Corpus, source_id: str) -> int:
    return len({fact.id for fact, _ in citing(corpus, source_id)})


@per_corpus
def _citations(corpus: Corpus) -> dict[str, list[tuple[Fact, Cite]]]:
    """Source id -> its (fact, citation) pairs in reading order: one pass over the facts for all sources."""
    table: dict[str, list[tuple[Fact, Cite]]] = {}
    for fact in corpus.facts():
        for cite in fact.cites:
            table.setdefault(cite.src, []).append((fact, cite))

    def key(pair: tuple[Fact, Cite]) -> tuple:
        anchor = pair[1].anchor
        return (0, anchor.paragraph, anchor.start) if anchor else (1, 0, 0)
    for pairs in table.values():
        pairs.sort(key=key)
    return table
