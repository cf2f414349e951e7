"""The briefings as known on a day: knowledge time, beside the valid time every fact carries.

A fact's valid time is when it happened (its `when`, `as_of`, `period`); its knowledge time is when it was
published, the publication dates of the sources it cites. `as_known(corpus, day)` keeps what sources
published on or before `day` had reported:

- a source is known on `day` when its publication date is stated and the latest day that date can mean is on
  or before `day` (a month-only "2024-03" counts as 31 Mar 2024: a source that might be later is out; an
  approximate or uncertain date counts by the latest day it states). A source without a publication date is
  known on no date;
- a fact is kept when at least one of its citations is of a known source, and keeps only those citations
  (so its grade is the grade it had then). A fact that cites nothing is known on no date. Its fields are not
  split: a kept fact shows every field, whichever of its sources stated it;
- organisations, people and places are kept (they are background, not reports), with their citations of
  known sources only; conflicts are kept when at least two of their claims are, and name only those;
- a briefing is kept when it holds a kept record; the problems of the load are kept as they are.

A fact dated after `day` stays: a source published by then reported it as planned or expected, and the
fact's own date says so (`When.kind`), which is what every view shows.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TypeVar

from msgspec import structs

from kfor_tui.dates import day_label
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Conflict, Corpus, Record, Source

R = TypeVar("R", bound=Record)


def known_on(source: Source, day: date) -> bool:
    """The source was published on or before `day`, whatever day its stated date may mean."""
    latest = source.published.upper() if source.published is not None else None
    return latest is not None and latest <= day


def as_known_label(day: date) -> str:
    """'as known on 13 Jun 2023': how the header and every export say which knowledge date they show."""
    return f"as known on {day_label(day)}"


@per_corpus
def as_known(corpus: Corpus, day: date) -> Corpus:
    """The corpus as sources published on or before `day` reported it (see the module's docstring)."""
    sources = tuple(source for source in corpus.sources if known_on(source, day))
    known = {source.id for source in sources}

    def facts(records: tuple[R, ...]) -> tuple[R, ...]:
        return tuple(fact for fact in (_cited_known(record, known) for record in records) if fact.cites)

    narrowed = dataclasses.replace(
        corpus,
        sources=sources,
        organisations=tuple(_cited_known(record, known) for record in corpus.organisations),
        people=tuple(_cited_known(record, known) for record in corpus.people),
        places=tuple(_cited_known(record, known) for record in corpus.places),
        contingents=facts(corpus.contingents),
        visits=facts(corpus.visits),
        tensions=facts(corpus.tensions),
        figures=facts(corpus.figures),
        figure_sets=facts(corpus.figure_sets),
        events=facts(corpus.events),
        roles=facts(corpus.roles),
    )
    kept_facts = {fact.id for fact in narrowed.facts()}
    conflicts: list[Conflict] = []
    for conflict in corpus.conflicts:
        claims = tuple(claim for claim in conflict.claims if claim in kept_facts)
        if len(claims) >= 2:
            conflicts.append(structs.replace(_cited_known(conflict, known), claims=claims))
    records: list[Record] = [
        *narrowed.sources,
        *narrowed.organisations,
        *narrowed.people,
        *narrowed.places,
        *narrowed.facts(),
        *conflicts,
    ]
    by_id = {record.id: record for record in records}
    holding = {record.briefing for record in records}
    return dataclasses.replace(
        narrowed,
        conflicts=tuple(conflicts),
        briefings=tuple(briefing for briefing in corpus.briefings if briefing.id in holding),
        by_id={ident: by_id[ident] for ident in corpus.by_id if ident in by_id},
    )


def _cited_known(record: R, known: set[str]) -> R:
    cites = tuple(cite for cite in record.cites if cite.src in known)
    return record if len(cites) == len(record.cites) else structs.replace(record, cites=cites)
