"""Pane 2: every dated record in one ordered table, grouped by year, filterable by kind and nation."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.chronology import Entry, by_year, filtered, grouped_by_year, kinds_and_nations
from kfor_tui.index.facts import source_count
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Corpus, Record
from kfor_tui.nations import NATIONS
from kfor_tui.ui import bindings
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate, Reshow
from kfor_tui.ui.prompt import Prompt
from kfor_tui.ui.view_options import ChronologyFilter, ViewOptions
from kfor_tui.ui.views.base import View, location_for_fact
from kfor_tui.ui.views.cells import cell, date_cell, fact_title, flexible, grade_cell, header_cell, marks_text
from kfor_tui.ui.virtual_table import VirtualTable


def parse_filter(corpus: Corpus, text: str) -> tuple[ChronologyFilter, list[str]]:
    """'visit LUX' -> kind visit, nation LUX; words that are neither are returned as not understood."""
    kinds, codes = kinds_and_nations(corpus)
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


@per_corpus
def _widest(corpus: Corpus, kind: str | None, nation: str | None) -> tuple[int, int, int]:
    """The widest date, kind and nations the filtered chronology shows: one pass, once per corpus and filter."""
    date = kinds = nations = 0
    for entry in filtered(corpus, kind, nation):
        date = max(date, len(date_cell(entry.when)))
        kinds = max(kinds, len(entry.kind))
        nations = max(nations, len(" ".join(entry.nations)))
    return date, kinds, nations


def column_widths(corpus: Corpus, kind: str | None, nation: str | None, width: int) -> list[int]:
    """Date, kind, nations and grade as wide as what they show, within bounds that leave the title its room
    on a narrow terminal (a longer value is cut, whole in the fact's detail); the title gets the rest. Below 100
    columns there is no nations column (0): the title needs the room more, and `f` filters by nation."""
    date, kinds, nations = _widest(corpus, kind, nation)
    narrow = width < 100
    return [
        min(max(date, 10), 12 if width < 70 else 17 if narrow else 24),  # 10: a year's heading, "-- 2023 --"
        min(max(kinds, 4), 10 if narrow else 14),
        0 if narrow else min(max(nations, 7), 15),
        7,
    ]


class ChronologyPane(View):
    """The rows come from the index (filtered and grouped there, once per corpus and filter); the table draws
    only the ones on screen, so a pane of any length opens as fast as a short one."""

    view_name = "chronology"
    BINDINGS = [bindings.FILTER, bindings.JUMP_YEAR, *bindings.FACT_KEYS]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        self.filter = self.options.chronology
        self.with_nations = True  # a nations column (wide terminals)
        if self.options.unreviewed_only:  # u: only what is new or changed since the last review
            entries = filtered(corpus, self.filter.kind, self.filter.nation)
            self.rows, self.year_rows = grouped_by_year(e for e in entries if self.options.shows(e.record.id))
        else:
            self.rows, self.year_rows = by_year(corpus, self.filter.kind, self.filter.nation)

    def title(self) -> Content:
        shown = len(self.rows) - len(self.year_rows)
        suffix = f", filter {self.filter.describe()}" if self.filter.active else ""
        suffix += ", new or changed only (u: all)" if self.options.unreviewed_only else ""
        return Content(f"Chronology: {shown:,} entries{suffix}")

    def compose(self) -> ComposeResult:
        yield VirtualTable(id="chronology-table")

    def on_mount(self) -> None:
        table = self.query_one("#chronology-table", VirtualTable)
        fixed = column_widths(self.corpus, self.filter.kind, self.filter.nation, self.width)
        table.add_column("Date", width=fixed[0], key="date")
        table.add_column("Kind", width=fixed[1], key="kind")
        shown = [width for width in fixed if width]
        table.add_column("Title", width=flexible(self.width, shown), key="title")
        self.with_nations = bool(fixed[2])
        if self.with_nations:
            table.add_column("Nations", width=fixed[2], key="nations")
        table.add_column("Grade", width=fixed[3], key="grade")
        table.skip_rows = set(self.year_rows.values())
        table.set_rows(len(self.rows), self._cells, self._text)
        self.restore_row(table, self.location.row or 1)

    def _cells(self, row: int) -> list[Text]:
        entry = self.rows[row]
        if isinstance(entry, str):
            return [header_cell(f"-- {entry} --")]
        return [
            cell(date_cell(entry.when)),
            cell(entry.kind),
            fact_title(
                self.corpus, entry.record, entry.title, entry.status, review=self.options.mark_of(entry.record.id)
            ),
            *([cell(" ".join(entry.nations))] if self.with_nations else []),
            grade_cell(self.corpus, entry.record),
        ]

    def _text(self, row: int) -> str:
        entry = self.rows[row]
        if isinstance(entry, str):
            return f"-- {entry} --"
        marks = marks_text(self.corpus, entry.record, entry.status, self.options.mark_of(entry.record.id))
        return " ".join(
            (
                date_cell(entry.when),
                entry.kind,
                marks + entry.title,
                *entry.nations,
                fact_grade(self.corpus, entry.record),
                f"{source_count(entry.record)}src",
            )
        )

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        entry = self.current_entry(event.cursor_row)
        if entry is not None:
            self.post_message(Navigate(location_for_fact(self.corpus, entry.record)))

    def current_entry(self, row: int | None = None) -> Entry | None:
        if row is None:
            row = self.query_one("#chronology-table", VirtualTable).cursor_row
        entry = self.rows[row] if 0 <= row < len(self.rows) else None
        return entry if isinstance(entry, Entry) else None

    def fact_at_cursor(self) -> Record | None:
        entry = self.current_entry()
        return entry.record if entry is not None else None

    def shown_ids(self) -> tuple[str, ...]:
        """R: every fact this chronology lists (with its filter)."""
        return tuple(dict.fromkeys(row.record.id for row in self.rows if isinstance(row, Entry)))

    def yank_text(self) -> tuple[str, str] | None:
        """The fact as the row shows it (this entry's title and date), with its citations."""
        from kfor_tui.ui.yank import fact_citation

        entry = self.current_entry()
        if entry is None:
            return super().yank_text()
        return "fact with its citations", fact_citation(self.corpus, entry.record, title=entry.title, when=entry.when)

    def clear_layer(self) -> bool:
        """esc: the search, then the filter."""
        if super().clear_layer():
            return True
        if self.filter.active:
            self.post_message(Reshow(replace(self.options, chronology=ChronologyFilter())))
            return True
        return False

    def action_filter(self) -> None:
        """f: show one kind and/or one nation ('visit LUX'); empty clears."""
        current = self.filter.describe().replace("kind=", "").replace("nation=", "")

        def done(text: str | None) -> None:
            if text is None:
                return
            flt, unknown = parse_filter(self.corpus, text)
            if unknown:
                self.app.notify(f"Not a kind or nation: {' '.join(unknown)}", markup=False, severity="warning")
            self.post_message(Reshow(replace(self.options, chronology=flt)))

        self.app.push_screen(
            Prompt("filter:", "a kind (visit, tension...) and/or a nation (LUX, Germany); empty clears", current), done
        )

    def action_jump_year(self) -> None:
        """Y: to the first entry of a year, or of the first later year."""

        def done(text: str | None) -> None:
            if not text:
                return
            if not text.strip().isdigit() or not self.jump_to_year(int(text.strip())):
                self.app.notify(f"No entries in or after {text!r}.", markup=False, severity="warning")

        self.app.push_screen(Prompt("year:", "e.g. 2023"), done)

    def jump_to_year(self, year: int) -> bool:
        """Move to the first entry of `year`, or of the first later year; False when there is none."""
        later = [y for y in sorted(self.year_rows) if y >= year]
        if not later:
            return False
        table = self.query_one("#chronology-table", VirtualTable)
        heading = self.year_rows[later[0]]
        table.move_cursor(row=heading + 1)
        table.scroll_to(y=heading, animate=False, immediate=True)  # the year from the top: its heading, then it
        return True
