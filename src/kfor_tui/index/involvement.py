"""Which nations a record concerns, directly or through the people and organisations it names."""

from __future__ import annotations

from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Contingent, Corpus, Event, Figure, FigureSet, HeldRole, Record, Tension, Visit


def nation_of_entity(corpus: Corpus, ref: str | None) -> str | None:
    record = corpus.by_id.get(ref or "")
    return getattr(record, "nation", None) if record is not None else None


def nation_of_person(corpus: Corpus, ref: str) -> str | None:
    """The nation a person acts for: their role's organisation's nation; none when that organisation is
    international (a NATO or EU official visits for the alliance, not for the country of birth)."""
    person = corpus.by_id.get(ref)
    roles = getattr(person, "roles", ())
    if roles and roles[0].org:
        org = corpus.by_id.get(roles[0].org)
        if org is not None:
            return getattr(org, "nation", None)
    return getattr(person, "nation", None)


def nations_of(corpus: Corpus, record: Record) -> tuple[str, ...]:
    """Nation codes a fact concerns, most direct first (contributor before host); worked out once per
    corpus for its facts (the panes, the chronology and the lookup index all ask)."""
    found = _nations_by_fact(corpus).get(record.id)
    if found is not None and found[0] is record:
        return found[1]
    return _nations_of(corpus, record)


@per_corpus
def _nations_by_fact(corpus: Corpus) -> dict[str, tuple[Record, tuple[str, ...]]]:
    return {fact.id: (fact, _nations_of(corpus, fact)) for fact in corpus.facts()}


def _nations_of(corpus: Corpus, record: Record) -> tuple[str, ...]:
    codes: list[str | None] = []
    if isinstance(record, Contingent):
        codes.extend(record.nations())
    elif isinstance(record, Visit):
        for visitor in record.visitors:
            codes.append(visitor.nation or nation_of_person(corpus, visitor.person))
        codes.append(record.host_nation)
        codes.extend(nation_of_entity(corpus, place) for place in record.where)
        for meeting in record.meetings:
            codes.extend(nation_of_person(corpus, ref) for ref in meeting.with_)
    elif isinstance(record, Tension):
        codes.extend(c.nation for c in record.casualties)
        codes.extend(nation_of_entity(corpus, a.who) for a in record.actors)
        codes.extend(nation_of_entity(corpus, place) for place in record.where)
    elif isinstance(record, Figure):
        codes.append(record.nation or (None if record.national else nation_of_entity(corpus, record.subject)))
    elif isinstance(record, FigureSet):
        codes.extend(row.nation for row in record.rows)  # a row of unknown nation concerns none of its candidates
    elif isinstance(record, Event):
        codes.extend(record.nations)
        codes.extend(nation_of_person(corpus, ref) for ref in record.actors)
    elif isinstance(record, HeldRole):
        codes.append(nation_of_entity(corpus, record.org))  # whom the role serves, not the holder's nationality
    return tuple(dict.fromkeys(code for code in codes if code))


def refs_of(record: Record) -> tuple[str, ...]:
    """Every entity id a fact names (people, organisations, places), for 'facts about X'."""
    refs: list[str | None] = []
    if isinstance(record, Contingent):
        refs += [record.mission, record.unit, record.parent_unit, record.camp]
    elif isinstance(record, Visit):
        refs += [v.person for v in record.visitors] + list(record.where)
        for meeting in record.meetings:
            refs += [*meeting.with_, meeting.where]
    elif isinstance(record, Tension):
        refs += [a.who for a in record.actors] + list(record.where) + [r.by for r in record.responses]
    elif isinstance(record, (Figure, FigureSet)):
        refs.append(record.subject)
    elif isinstance(record, Event):
        refs += [*record.actors, *record.where, *record.about]
    elif isinstance(record, HeldRole):
        refs += [record.person, record.org]
    refs += [c.attributed_to for c in record.cites]
    return tuple(dict.fromkeys(ref for ref in refs if ref))
