"""Pane 3: every source with publisher, date, reliability and how many facts cite it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.chronology import sources_by_date
from kfor_tui.index.citations import facts_citing_count
from kfor_tui.model import Source
from kfor_tui.ui import bindings
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible
from kfor_tui.ui.virtual_table import VirtualTable


class SourcesPane(View):
    """enter opens a source's text; i (or I) what is known about it."""

    view_name = "sources"
    BINDINGS = [bindings.FACT, bindings.SOURCE_INFO]

    def title(self) -> Content:
        return Content(f"Sources ({len(self.corpus.sources)})")

    def compose(self) -> ComposeResult:
        yield VirtualTable(id="sources-table")

    def on_mount(self) -> None:
        table = self.query_one("#sources-table", VirtualTable)
        self.sources = sources_by_date(self.corpus)
        # the publisher and date as wide as they are (a wide terminal shows whole publisher names), the title
        # everything the other columns leave
        publisher = min(max([9, *(len(s.publisher) for s in self.sources)]), 16 if self.width < 100 else 30)
        published = max([9, *(len(s.published_label()) for s in self.sources)])
        fixed = [publisher, published, 3, 5]
        table.add_column("Publisher", width=publisher, key="publisher")
        table.add_column("Published", width=published, key="published")
        table.add_column("Rel", width=3, key="reliability")
        table.add_column("Facts", width=5, key="facts")
        table.add_column("Title", width=flexible(self.width, fixed), key="title")
        table.set_rows(len(self.sources), self._cells, self._text, key_of=lambda row: self.sources[row].id)
        self.restore_row(table, self.location.row)

    def _cells(self, row: int) -> list[Text]:
        source = self.sources[row]
        return [
            cell(source.publisher),
            cell(source.published_label()),
            cell(source.reliability),
            cell(facts_citing_count(self.corpus, source.id)),
            cell(source.title),
        ]

    def _text(self, row: int) -> str:
        source = self.sources[row]
        return " ".join(
            (
                source.publisher,
                source.published_label(),
                source.reliability,
                str(facts_citing_count(self.corpus, source.id)),
                source.title,
            )
        )

    def source_at_cursor(self) -> Source | None:
        table = self.query_one("#sources-table", VirtualTable)
        return self.corpus.source(table.row_key(table.cursor_row) or "") if table.row_count else None

    def yank_text(self) -> tuple[str, str] | None:
        """The source under the cursor as a citation (title, publisher, date, URL, reliability)."""
        from kfor_tui.ui.yank import source_citation

        source = self.source_at_cursor()
        return ("source citation", source_citation(source)) if source is not None else super().yank_text()

    def action_fact_detail(self) -> None:
        """i: what is known about the source under the cursor (its URL, reliability note, cleaning)."""
        self.action_source_info()

    def action_source_info(self) -> None:
        source = self.source_at_cursor()
        if source is not None:
            self.post_message(Navigate(Location("source", source.id)))

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        key = event.table.row_key(event.cursor_row)
        if key is not None:
            self.post_message(Navigate(Location("reader", key, 0)))
