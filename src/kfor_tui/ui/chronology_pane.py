"""Pane 2: every dated record in one ordered table, grouped by year, filterable by kind and nation."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.chronology import Entry, chronology
from kfor_tui.model import Corpus
from kfor_tui.nations import NATIONS
from kfor_tui.ui.history import Place
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.view_base import Navigate, View, cell, date_cell, fact_title, flexible, grade_cell, header_cell, place_for_fact


@dataclass(frozen=True, slots=True)
class ChronologyFilter:
    kind: str | None = None
    nation: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.kind or self.nation)

    def matches(self, entry: Entry) -> bool:
        return (self.kind is None or entry.kind == self.kind) and (self.nation is None or self.nation in entry.nations)

    def describe(self) -> str:
        parts = [f"kind={self.kind}" if self.kind else "", f"nation={self.nation}" if self.nation else ""]
        return " ".join(p for p in parts if p)


def parse_filter(corpus: Corpus, text: str) -> tuple[ChronologyFilter, list[str]]:
    """'visit LUX' -> kind visit, nation LUX; words that are neither are returned as not understood."""
    entries = chronology(corpus)
    kinds = {e.kind for e in entries}
    codes = {code for e in entries for code in e.nations}
    kind = nation = None
    unknown = []
    for word in text.split():
        low = word.casefold()
        if low in kinds:
            kind = low
        elif word.upper() in codes or word.upper() in NATIONS:
            nation = word.upper()
        else:
            named = [c for c in codes if NATIONS.get(c) and NATIONS[c].name.casefold().startswith(low)]
            if named:
                nation = sorted(named)[0]
            else:
                unknown.append(word)
    return ChronologyFilter(kind, nation), unknown


class ChronologyPane(View):
    view_name = "chronology"

    def __init__(self, corpus, place, width, flt: ChronologyFilter | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(corpus, place, width)
        self.filter = flt or ChronologyFilter()
        self.entries: dict[int, Entry] = {}
        self.year_rows: dict[int, int] = {}

    def title(self) -> Content:
        shown = sum(1 for _ in self.entries)
        suffix = f", filter {self.filter.describe()}" if self.filter.active else ""
        return Content(f"Chronology: {shown} entries{suffix}")

    def compose(self) -> ComposeResult:
        yield KeyedTable(id="chronology-table")

    def on_mount(self) -> None:
        table = self.query_one("#chronology-table", KeyedTable)
        narrow = self.width < 70
        fixed = [12 if narrow else 15, 10, 7, 7]
        table.add_column("Date", width=fixed[0], key="date")
        table.add_column("Kind", width=fixed[1], key="kind")
        table.add_column("Title", width=flexible(self.width, fixed), key="title")
        table.add_column("Nations", width=7, key="nations")
        table.add_column("Grade", width=7, key="grade")
        year: int | None | str = "start"
        for entry in chronology(self.corpus):
            if not self.filter.matches(entry):
                continue
            if entry.year != year:
                year = entry.year
                label = str(year) if year is not None else "undated"
                self.year_rows[year or 0] = table.row_count
                table.skip_rows.add(table.row_count)
                table.add_row(header_cell(f"-- {label} --"), cell(""), cell(""), cell(""), cell(""),
                              key=f"year:{label}")
            self.entries[table.row_count] = entry
            table.add_row(cell(date_cell(entry.when)), cell(entry.kind),
                          fact_title(self.corpus, entry.record, entry.title, entry.status),
                          cell(" ".join(entry.nations)), grade_cell(self.corpus, entry.record),
                          key=f"entry:{table.row_count}")
        self.restore_row(table, self.place.row or 1)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        entry = self.entries.get(event.cursor_row)
        if entry is not None:
            self.post_message(Navigate(place_for_fact(self.corpus, entry.record)))

    def current_entry(self) -> Entry | None:
        table = self.query_one("#chronology-table", KeyedTable)
        return self.entries.get(table.cursor_row)

    def years(self) -> list[int]:
        return sorted(self.year_rows)

    def jump_to_year(self, year: int) -> bool:
        """Move to the first entry of `year`, or of the first later year; False when there is none."""
        later = [y for y in self.years() if y >= year]
        if not later:
            return False
        table = self.query_one("#chronology-table", KeyedTable)
        row = self.year_rows[later[0]]
        table.move_cursor(row=min(row + 1, table.row_count - 1))
        return True
