"""Strength over time, as the sources state it: the points a chart draws for a mission or a nation.

A point is one stated number of one fact at that fact's date: never a midpoint, a sum or a merge of two
reports. Its `shape` says what the source's words allow a chart to draw (a dot for a number, a bar between a
range's bounds, an open-ended mark for "more than"), and two reports that disagree stay two points, each
naming the conflict it is a claim in. Facts whose strength has no date are kept aside (`undated`): a true
time axis has no place for them, and a chart says how many it leaves out.

Pure Python over a Corpus: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kfor_tui.dates import When
from kfor_tui.index.facts import conflicts_of, reported_by
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.nation_summary import mission_figures
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.index.strengths import stated_strengths
from kfor_tui.model import Corpus, Figure, Organisation, Record
from kfor_tui.quantities import Quantity

# what each shape draws; the chart's legend and docs/keys.md name them the same way
SHAPES = ("exact", "about", "range", "vague", "above", "below")


@dataclass(frozen=True, slots=True, eq=False)
class Point:
    """One stated strength at its date. `low`/`high` are the numbers the mark spans, both as stated: equal for
    a single number, a range's bounds, or one bound with the other side open (None: the mark runs to the
    chart's edge, "more than 4,000" upwards, "fewer than 100" down to nothing). Its grade and who reports it
    are worked out when asked: a chart of a thousand points reads them for one."""

    fact: str
    quantity: Quantity
    when: When
    start: date  # the earliest day the date can be
    end: date  # the latest (the same day for a day; the month's last day for "Mar 2024")
    shape: str
    low: int | None
    high: int | None
    record: Record
    corpus: Corpus
    conflicts: tuple[str, ...] = ()  # ids of the conflicts it is a claim in

    @property
    def grade(self) -> str:
        return fact_grade(self.corpus, self.record)

    @property
    def source(self) -> str:
        """Who reports it: the publishers of the sources it cites."""
        return reported_by(self.corpus, self.record)

    @property
    def source_id(self) -> str | None:
        """The first source it cites."""
        return self.record.cites[0].src if self.record.cites else None

    @property
    def value(self) -> str:
        """The number as stated: the source's words when kept ("well over 4,000 troops")."""
        return self.quantity.display()

    @property
    def compact(self) -> str:
        """The number in compact form ('>4,000', '200-900?'), for a label beside the mark."""
        return self.quantity.number()

    @property
    def date_text(self) -> str:
        return self.when.display()


@dataclass(frozen=True, slots=True)
class Series:
    """The points of one subject, oldest first; ties keep corpus order, so a conflict's claims stay apart."""

    key: str
    name: str
    what: str  # "personnel" for a mission, "stated strength" for a nation
    points: tuple[Point, ...] = ()
    undated: tuple[str, ...] = ()  # facts with a stated strength but no date

    def top(self) -> int:
        """The largest number any point states (a bound or a range's end included); 0 when none."""
        return max((n for p in self.points for n in (p.low, p.high) if n is not None), default=0)

    def first_day(self) -> date | None:
        return min((p.start for p in self.points), default=None)

    def last_day(self) -> date | None:
        return max((p.end for p in self.points), default=None)

    def latest(self) -> int | None:
        """The index of the latest point (the last of those on the latest date), None when there is none."""
        return len(self.points) - 1 if self.points else None


def shape_of(quantity: Quantity) -> tuple[str, int | None, int | None] | None:
    """What a quantity lets a chart draw: (shape, low, high), or None when it states no number at all."""
    q = quantity
    if q.qualifier == "vague":
        low = q.low if q.low is not None else q.value
        high = q.high if q.high is not None else q.value
        return ("vague", low, high) if low is not None or high is not None else None
    if q.qualifier in ("at_least", "more_than"):
        bound = q.value if q.value is not None else q.low
        return ("above", bound, None) if bound is not None else None
    if q.qualifier in ("at_most", "less_than"):
        bound = q.value if q.value is not None else q.high
        return ("below", None, bound) if bound is not None else None
    if q.low is not None and q.high is not None:
        return ("range", q.low, q.high)
    if q.value is not None:
        return ("exact" if q.qualifier == "exact" else "about", q.value, q.value)
    if q.low is not None:
        return ("above", q.low, None)
    if q.high is not None:
        return ("below", None, q.high)
    return None


def _point(corpus: Corpus, fact_id: str, quantity: Quantity, when: When | None) -> Point | None:
    drawn = shape_of(quantity)
    fact = corpus.by_id.get(fact_id)
    if drawn is None or when is None or fact is None:
        return None
    start = when.lower() or when.upper()
    end = when.upper() or start
    if start is None or end is None:
        return None
    shape, low, high = drawn
    return Point(
        fact=fact_id,
        quantity=quantity,
        when=when,
        start=start,
        end=end,
        shape=shape,
        low=low,
        high=high,
        record=fact,
        corpus=corpus,
        conflicts=tuple(c.id for c in conflicts_of(corpus, fact_id)),
    )


Stated = tuple[str, Quantity, When | None]  # (fact id, quantity, date) as the fact states them


def _series(corpus: Corpus, key: str, name: str, what: str, stated: list[Stated]) -> Series:
    points: list[Point] = []
    undated: list[str] = []
    for fact_id, quantity, when in stated:
        point = _point(corpus, fact_id, quantity, when)
        if point is not None:
            points.append(point)
        elif when is None and shape_of(quantity) is not None:
            undated.append(fact_id)
    points.sort(key=lambda p: (p.start, p.end))  # stable: same-day reports keep corpus order
    return Series(key, name, what, tuple(points), tuple(dict.fromkeys(undated)))


def _stated(corpus: Corpus, key: str) -> tuple[str, str, list[Stated]] | None:
    """(name, what, every stated strength) of a mission or a nation; None for anything else."""
    record = corpus.by_id.get(key)
    if isinstance(record, Organisation):
        figures = [f for f in mission_figures(corpus, key) if isinstance(f, Figure) and f.metric == "personnel"]
        return record.short or record.name, "personnel", [(f.id, f.value, f.as_of) for f in figures]
    strengths = stated_strengths(corpus).get(key)
    if strengths is None:
        return None
    stated = [(s.fact, s.quantity, s.when) for s in strengths if s.fact is not None and s.quantity is not None]
    return corpus.name_of(key), "stated strength", stated


@per_corpus
def series_of(corpus: Corpus, key: str) -> Series:
    """The strength over time of a mission or organisation (its personnel figures as a whole, never a nation's
    share) or of a nation (every strength stated for it: national figures, rows of figure tables, contingents'
    shares); an empty series for anything else. Worked out for one subject when first asked."""
    found = _stated(corpus, key)
    if found is None:
        return Series(key, corpus.name_of(key), "stated strength")
    return _series(corpus, key, *found)


@per_corpus
def recent_series(corpus: Corpus, key: str, count: int) -> Series:
    """The latest `count` dated points of a subject (a one-line trend), without the cost of all of them."""
    found = _stated(corpus, key)
    if found is None:
        return Series(key, corpus.name_of(key), "stated strength")
    name, what, stated = found
    dated = [item for item in stated if item[2] is not None and shape_of(item[1]) is not None]
    recent = _series(corpus, key, name, what, dated[-2 * count :])  # stated oldest first; a margin for ties
    return Series(key, name, what, recent.points[-count:])


def _dated(stated: list[Stated]) -> bool:
    return any(when is not None and shape_of(quantity) is not None for _, quantity, when in stated)


@per_corpus
def charted_keys(corpus: Corpus) -> tuple[str, ...]:
    """Every subject with at least one dated point: missions first, then nations by name."""
    missions = []
    for org in corpus.organisations:
        found = _stated(corpus, org.id)
        if found is not None and _dated(found[2]):
            missions.append(org.id)
    nations = []
    for code in stated_strengths(corpus):
        found = _stated(corpus, code)
        if found is not None and found[2] and _dated(found[2]):
            nations.append((found[0], code))
    return (*missions, *(code for _, code in sorted(nations)))
