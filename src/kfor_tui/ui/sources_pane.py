"""Pane 3: every source with publisher, date, reliability and how many facts cite it."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.nation_summary import facts_citing_count
from kfor_tui.ui.history import Place
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.view_base import Navigate, View, cell, flexible


class SourcesPane(View):
    view_name = "sources"

    def title(self) -> Content:
        return Content(f"Sources ({len(self.corpus.sources)})")

    def compose(self) -> ComposeResult:
        yield KeyedTable(id="sources-table")

    def on_mount(self) -> None:
        table = self.query_one("#sources-table", KeyedTable)
        fixed = [16, 11, 3, 5]
        table.add_column("Publisher", width=16, key="publisher")
        table.add_column("Published", width=11, key="published")
        table.add_column("Rel", width=3, key="reliability")
        table.add_column("Facts", width=5, key="facts")
        table.add_column("Title", width=flexible(self.width, fixed), key="title")
        by_date = sorted(self.corpus.sources, key=lambda s: (s.published.sort_key() if s.published else date.max, s.title))
        for source in by_date:
            table.add_row(cell(source.publisher), cell(source.published_label()), cell(source.reliability),
                          cell(facts_citing_count(self.corpus, source.id)), cell(source.title),
                          key=source.id)
        self.restore_row(table, self.place.row)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        self.post_message(Navigate(Place("reader", str(event.row_key.value), 0)))
