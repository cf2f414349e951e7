"""What every fact has, asked by lists, dossiers, details and exports alike: its date, its title, how many
sources back it, and the conflicts it is a claim in."""

from __future__ import annotations

from kfor_tui.dates import When
from kfor_tui.index.chronology import entries_of
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Conflict, Contingent, Corpus, Event, Figure, FigureSet, HeldRole, Record, Tension, Visit


def when_of(fact: Record) -> When | None:
    if isinstance(fact, Contingent):
        return fact.period or fact.strength_as_of
    if isinstance(fact, (Visit, Tension, Event)):
        return fact.when
    if isinstance(fact, (Figure, FigureSet, HeldRole)):
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


def reported_by(corpus: Corpus, fact: Record) -> str:
    """Who reports the fact: the publishers of the sources it cites, each once ('NATO / EWB')."""
    publishers = [source.publisher for cite in fact.cites if (source := corpus.source(cite.src)) is not None]
    return " / ".join(dict.fromkeys(publishers)) or "no source"
