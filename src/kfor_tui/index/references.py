"""The records a record names, and the records that name it: what a detail view lists as "Related" so that
every reference can be followed (About, Actors, responses, people, places, organisations, the ids a note
names) and a tension can show the events about it while each of them names the tension back.

Only references that resolve are listed: an id the corpus holds, or a nation code. A relation is said in the
record's own terms ("About", "Actor (attackers)", "Named in the note"): nothing is linked by guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kfor_tui.index.facts import conflicts_of, title_of
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import (
    FACT_TYPES,
    Conflict,
    Contingent,
    Corpus,
    Event,
    Figure,
    FigureSet,
    HeldRole,
    Organisation,
    Person,
    Place,
    Record,
    Tension,
    Visit,
)
from kfor_tui.nations import NATIONS

# an id as the format allows it (io/fields.py ID_PATTERN) written inside free text: only words with a - or :
# in them are looked up, so a plain word is never taken for a record
_MENTION = re.compile(r"(?<![A-Za-z0-9_.:-])[a-z0-9][a-z0-9_.:-]*[-:][a-z0-9_.:-]*[a-z0-9](?![A-Za-z0-9_:-])")

ABOUT = "about"  # the codes of the relations that are listed back on the record they lead to
NOTE = "note"
NAMED_IN_NOTE = "Named in the note"
NOTE_NAMES_THIS = "Names this in its note"


@dataclass(frozen=True, slots=True)
class Reference:
    """One followable link of a record: how it relates, what it leads to, and that record's kind and name.
    `back` is True for a record that names this one (an event about a tension, a note naming it)."""

    relation: str
    target: str  # a record id, or a nation code when kind is "nation"
    kind: str  # the target's record kind ("tension", "person", "source", "conflict", ...) or "nation"
    name: str
    back: bool = False


def kind_of(corpus: Corpus, target: str) -> str | None:
    """The kind of what an id or code names: a record's kind, "nation", or None when nothing has it."""
    record = corpus.by_id.get(target)
    if record is not None:
        return record.kind
    return "nation" if target in NATIONS else None


def name_of(corpus: Corpus, target: str) -> str:
    """A fact by its title (as lists show it), anything else by its name or title."""
    record = corpus.by_id.get(target)
    if record is not None and isinstance(record, FACT_TYPES):
        return title_of(corpus, record)
    return corpus.name_of(target)


def references(corpus: Corpus, record: Record) -> list[Reference]:
    """What `record` names, in the order of its fields, each (relation, target) once."""
    found: dict[tuple[str, str], Reference] = {}
    for _code, relation, target in _named(corpus, record):
        kind = kind_of(corpus, target)
        if kind is None or target == record.id or (relation, target) in found:
            continue
        found[(relation, target)] = Reference(relation, target, kind, name_of(corpus, target))
    return list(found.values())


def referring(corpus: Corpus, target: str) -> list[Reference]:
    """The records that name `target` in a way worth following back: events about it (a tension's are the
    responses to it) and records whose note names it."""
    return list(_referring(corpus).get(target, ()))


def related(corpus: Corpus, record: Record) -> list[Reference]:
    """What a detail view lists as Related: the events about the record first (a tension's responses), then
    what its fields name, then the records a note names or that name it in theirs. A record only a note
    names is listed once, and not at all when a field already links it (the field says more than the
    mention)."""
    forward, back = references(corpus, record), referring(corpus, record.id)
    linked = {r.target for r in forward if r.relation != NAMED_IN_NOTE}
    linked |= {r.target for r in back if r.relation != NOTE_NAMES_THIS}
    about = [r for r in back if r.relation != NOTE_NAMES_THIS]
    fields = [r for r in forward if r.relation != NAMED_IN_NOTE]
    named = [r for r in forward if r.relation == NAMED_IN_NOTE and r.target not in linked]
    mentioned = {r.target for r in named}
    naming = [r for r in back if r.relation == NOTE_NAMES_THIS and r.target not in linked | mentioned]
    return about + fields + named + naming


def _named(corpus: Corpus, record: Record) -> Iterator[tuple[str, str, str]]:
    """(code, relation, target) for each reference a record makes, unresolved ones included."""
    if isinstance(record, Contingent):
        yield "field", "Mission", record.mission
        for code in record.nations():
            label = "Lead nation" if code == record.lead_nation else "Nation"
            yield "field", label, code
        for relation, ref in (("Unit", record.unit), ("Parent unit", record.parent_unit), ("Camp", record.camp)):
            if ref:
                yield "field", relation, ref
    elif isinstance(record, Visit):
        for visitor in record.visitors:
            yield "field", "Visitor", visitor.person
        if record.host_nation:
            yield "field", "Host nation", record.host_nation
        for place in record.where:
            yield "field", "Place", place
        for meeting in record.meetings:
            for who in meeting.with_:
                yield "field", "Met", who
            if meeting.where:
                yield "field", "Meeting place", meeting.where
    elif isinstance(record, Tension):
        for place in record.where:
            yield "field", "Place", place
        for actor in record.actors:
            yield "field", f"Actor ({actor.side})" if actor.side else "Actor", actor.who
        for response in record.responses:
            if response.by:
                yield "field", f"Response ({response.kind}) by", response.by
    elif isinstance(record, Figure):
        yield "field", "Subject", record.subject
        if record.nation:
            yield "field", "Nation", record.nation
    elif isinstance(record, FigureSet):
        yield "field", "Subject", record.subject
        for row in record.rows:
            if row.nation:
                yield "field", "Row", row.nation
    elif isinstance(record, HeldRole):
        yield "field", "Person", record.person
        if record.org:
            yield "field", "Organisation", record.org
    elif isinstance(record, Event):
        for ref in record.about:
            yield ABOUT, "About", ref
        for ref in record.actors:
            yield "field", "Actor", ref
        for code in record.nations:
            yield "field", "Nation", code
        for place in record.where:
            yield "field", "Place", place
    elif isinstance(record, (Organisation, Place)):
        if record.parent:
            yield "field", "Part of", record.parent
        if record.nation:
            yield "field", "Nation", record.nation
    elif isinstance(record, Person):
        if record.nation:
            yield "field", "Nation", record.nation
    elif isinstance(record, Conflict):
        for claim in record.claims:
            yield "field", "Claim", claim
    for cite in record.cites:
        if cite.attributed_to:
            yield "field", "Said by", cite.attributed_to
    if isinstance(record, FACT_TYPES):
        for conflict in conflicts_of(corpus, record.id):
            yield "field", "In conflict", conflict.id
            for claim in conflict.claims:
                yield "field", "Conflicting claim", claim
    for mention in _MENTION.findall(record.note or ""):
        yield NOTE, NAMED_IN_NOTE, mention


def _all_records(corpus: Corpus) -> Iterator[Record]:
    yield from corpus.facts()
    yield from corpus.conflicts
    yield from corpus.sources
    yield from corpus.organisations
    yield from corpus.people
    yield from corpus.places


@per_corpus
def _referring(corpus: Corpus) -> dict[str, list[Reference]]:
    """Target id -> the back references to it, once per corpus."""
    table: dict[str, dict[tuple[str, str], Reference]] = {}
    for record in _all_records(corpus):
        for code, _relation, target in _named(corpus, record):
            if code not in (ABOUT, NOTE) or target == record.id or target not in corpus.by_id:
                continue
            if code == ABOUT:
                tension = isinstance(corpus.by_id[target], Tension)
                relation = "Response (event about it)" if tension else "About it"
            else:
                relation = NOTE_NAMES_THIS
            back = table.setdefault(target, {})
            if (relation, record.id) not in back:
                back[(relation, record.id)] = Reference(
                    relation, record.id, record.kind, name_of(corpus, record.id), back=True
                )
    return {target: list(refs.values()) for target, refs in table.items()}
