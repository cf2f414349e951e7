"""Every dated record in one ordered list: visits, contingent arrivals and ends, tensions, figures, events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kfor_tui.dates import When
from kfor_tui.index.involvement import nations_of
from kfor_tui.index.labels import figure_set_title, figure_title, role_title
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Contingent, Corpus, Event, Figure, FigureSet, HeldRole, Record, Source, Tension, Visit


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the chronology. `kind` is a word a reader filters by; `status` says planned or actual."""

    when: When
    kind: str
    title: str
    record: Record
    nations: tuple[str, ...]
    status: str  # "actual" | "planned" | "expected"

    @property
    def sort_key(self) -> tuple[date, int, str]:
        return (self.when.sort_key(), 0 if self.when.start else 1, self.title)

    @property
    def year(self) -> int | None:
        point = self.when.start or self.when.end
        return point.year if point else None


def _names(corpus: Corpus, refs: tuple[str, ...] | list[str]) -> str:
    return ", ".join(corpus.name_of(ref) for ref in refs)


def _point(when: When, start: bool) -> When:
    """One end of a period as a dated entry of its own, keeping the source's words."""
    if start:
        return When(start=when.start, end=None, text=when.text, basis=when.basis, kind=when.kind)
    return When(
        start=None,
        end=when.end,
        is_range=True,
        text=when.text,
        basis=when.end_basis or "stated",
        kind=when.end_kind or "actual",
        end_bound=when.end_bound,
    )


def entries_for(corpus: Corpus, record: Record) -> list[Entry]:
    nations = nations_of(corpus, record)
    out: list[Entry] = []

    def add(when: When, kind: str, title: str) -> None:
        status = when.kind if not when.is_range or when.start else (when.end_kind or when.kind)
        out.append(Entry(when, kind, title, record, nations, status))

    if isinstance(record, Visit):
        who = _names(corpus, [v.person for v in record.visitors])
        add(record.when, "visit", record.title or f"Visit by {who}")
    elif isinstance(record, Contingent):
        label = f"{record.name} ({'/'.join(record.nations())})"
        if record.period and record.period.start:
            add(_point(record.period, True), "contingent", f"{label} deployed")
        if record.period and record.period.end:
            add(_point(record.period, False), "contingent", f"{label}: end of deployment")
    elif isinstance(record, Tension):
        add(record.when, "tension", record.title)
    elif isinstance(record, Figure):
        add(record.as_of, "figure", figure_title(corpus, record))
    elif isinstance(record, FigureSet):
        add(record.as_of, "figures", figure_set_title(corpus, record))
    elif isinstance(record, HeldRole):
        add(record.as_of, "role", role_title(corpus, record))
    elif isinstance(record, Event):
        add(record.when, record.event_kind, record.title)
        if record.period and record.period.end:
            add(_point(record.period, False), record.event_kind, f"{record.title}: end")
    return out


@per_corpus
def chronology(corpus: Corpus) -> list[Entry]:
    """Every entry in date order (built once per corpus; do not mutate)."""
    entries = [entry for entries in _entries_by_fact(corpus).values() for entry in entries]
    entries.sort(key=lambda e: e.sort_key)
    return entries


@per_corpus
def _entries_by_fact(corpus: Corpus) -> dict[str, list[Entry]]:
    return {record.id: entries_for(corpus, record) for record in corpus.facts()}


def entries_of(corpus: Corpus, record: Record) -> list[Entry]:
    """entries_for(corpus, record), made once per corpus for the records in it (do not mutate)."""
    entries = _entries_by_fact(corpus).get(record.id)
    if entries and entries[0].record is record:
        return entries
    return entries_for(corpus, record)


@per_corpus
def filtered(corpus: Corpus, kind: str | None = None, nation: str | None = None) -> list[Entry]:
    """The chronology narrowed to one kind and/or one nation (filtering here, not in the widgets)."""
    return [
        entry
        for entry in chronology(corpus)
        if (kind is None or entry.kind == kind) and (nation is None or nation in entry.nations)
    ]


@per_corpus
def by_year(
    corpus: Corpus, kind: str | None = None, nation: str | None = None
) -> tuple[list[Entry | str], dict[int, int]]:
    """The filtered chronology as list rows: a heading (a str: the year, or "undated") before each year's
    entries; and year -> row of its heading (0 for undated)."""
    return grouped_by_year(filtered(corpus, kind, nation))


def grouped_by_year(entries: Iterable[Entry]) -> tuple[list[Entry | str], dict[int, int]]:
    """Entries in chronology order as list rows under their years' headings (see by_year)."""
    rows: list[Entry | str] = []
    headings: dict[int, int] = {}
    year: int | str | None = "start"
    for entry in entries:
        if entry.year != year:
            year = entry.year
            headings[year or 0] = len(rows)
            rows.append(str(year) if year is not None else "undated")
        rows.append(entry)
    return rows, headings


@per_corpus
def kinds_and_nations(corpus: Corpus) -> tuple[frozenset[str], frozenset[str]]:
    """Every entry kind and nation code in the chronology (what a filter may name)."""
    entries = chronology(corpus)
    return frozenset(e.kind for e in entries), frozenset(code for e in entries for code in e.nations)


@per_corpus
def sources_by_date(corpus: Corpus) -> list[Source]:
    """Sources oldest first (undated last), then by title."""
    return sorted(corpus.sources, key=lambda s: (s.published.sort_key() if s.published else date.max, s.title))
