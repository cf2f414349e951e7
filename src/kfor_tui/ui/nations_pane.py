"""Pane 1: every nation in the corpus (plus Kosovo, Serbia and the organisations) with strength and summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.nation_summary import sort_subjects, subjects
from kfor_tui.ui.history import Place
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.view_base import Navigate, View, cell, flexible


class NationsPane(View):
    view_name = "nations"

    def __init__(self, corpus, place, width, sort_by: str = "name") -> None:  # type: ignore[no-untyped-def]
        super().__init__(corpus, place, width)
        self.sort_by = sort_by

    def title(self) -> Content:
        return Content(f"Nations (by {self.sort_by})")

    def compose(self) -> ComposeResult:
        yield KeyedTable(id="nations-table")

    def on_mount(self) -> None:
        table = self.query_one("#nations-table", KeyedTable)
        narrow = self.width < 70
        fixed = [4, 16 if narrow else 22, 8]
        table.add_column("Code", width=4, key="code")
        table.add_column("Name", width=fixed[1], key="name")
        table.add_column("Strength", width=8, key="strength")
        table.add_column("Summary", width=flexible(self.width, fixed, 12), key="summary")
        for subject in sort_subjects(subjects(self.corpus), self.sort_by):
            label = subject.code if subject.kind == "nation" else (subject.code or "org")
            table.add_row(cell(label), cell(subject.name), cell(subject.strength.display()),
                          cell(subject.summary), key=subject.key)
        self.restore_row(table, self.place.row)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        self.post_message(Navigate(Place("nation", str(event.row_key.value))))

    def cursor_key(self) -> str | None:
        table = self.query_one("#nations-table", KeyedTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
