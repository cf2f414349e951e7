"""Every dated record in one ordered list: visits, contingent arrivals and ends, tensions, figures, events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kfor_tui.dates import When
from kfor_tui.index.involvement import nations_of
from kfor_tui.model import Contingent, Corpus, Event, Figure, Record, Tension, Visit


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
    return When(start=None, end=when.end, is_range=True, text=when.text, basis=when.end_basis or "stated",
                kind=when.end_kind or "actual", end_bound=when.end_bound)


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
        subject = corpus.name_of(record.subject)
        nation = f" ({record.nation})" if record.nation else ""
        add(record.as_of, "figure", f"{subject}{nation}: {record.metric.replace('_', ' ')} {record.value.display()}")
    elif isinstance(record, Event):
        add(record.when, record.event_kind, record.title)
        if record.period and record.period.end:
            add(_point(record.period, False), record.event_kind, f"{record.title}: end")
    return out


def chronology(corpus: Corpus) -> list[Entry]:
    entries = [entry for record in corpus.facts() for entry in entries_for(corpus, record)]
    entries.sort(key=lambda e: e.sort_key)
    return entries
