"""Pane 5, what is new: the facts new or changed since the last review and those removed, and under the list
the fields of the row under the cursor as reviewed and as they read now, side by side."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.changes import FieldChange
from kfor_tui.index.facts import reported_by, title_of, when_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.review_state import ReviewState, field_changes
from kfor_tui.model import Corpus, Record
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.base import View, location_for_fact
from kfor_tui.ui.views.cells import cell, date_cell, fact_title, flexible, grade_cell, header_cell
from kfor_tui.ui.virtual_table import VirtualTable

# one list row each: ("heading", label) | ("new" | "changed", Record) | ("removed", RecordChange)
Line = tuple[str, Any]


class ReviewView(View):
    view_name = "review"
    BINDINGS = [*bindings.FACT_KEYS]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        self.state: ReviewState | None = self.options.review
        self.lines: list[Line] = self._lines()

    def _lines(self) -> list[Line]:
        state = self.state
        facts = self.corpus.facts()
        if state is None:
            return [("heading", f"Not reviewed yet ({len(facts):,})"), *(("new", fact) for fact in facts)]
        new = [fact for fact in facts if fact.id in state.new]
        changed = [fact for fact in facts if fact.id in state.changed]
        lines: list[Line] = []
        for label, what, records in (
            ("New", "new", new),
            ("Changed", "changed", changed),
            ("Removed", "removed", list(state.removed)),
        ):
            if records:
                lines.append(("heading", f"{label} since {state.since_label()} ({len(records):,})"))
                lines.extend((what, record) for record in records)
        return lines

    def note(self) -> str:
        """What the list is, above it: the first time, how reviewing works; then what the marks are against."""
        state = self.state
        if state is None:
            return (
                "Nothing is marked reviewed yet (or the review database is off: the notices say why). R marks "
                "every fact listed here reviewed, r the one under the cursor; from then on this pane lists what "
                "is new, changed or removed since, and every list marks it NEW or CHANGED."
            )
        if not self.lines:
            return f"Nothing new, changed or removed since your review of {state.since_label()}."
        return (
            f"Since your review of {state.since_label()}. enter opens a fact at its source, i its detail; r marks "
            "one fact reviewed, R all listed."
        )

    def title(self) -> Content:
        """The counts are in the header beside it (every view shows them)."""
        return Content("What is new" if self.state is not None else "What is new: nothing reviewed yet")

    def compose(self) -> ComposeResult:
        yield Static(Content(self.note()), id="review-note", classes="summary")
        yield VirtualTable(id="review-list")
        yield Static(Content(""), id="review-diff-title", classes="summary")
        yield KeyedTable(id="review-diff")

    def on_mount(self) -> None:
        table = self.query_one("#review-list", VirtualTable)
        fixed = [8, 12 if self.width < 70 else 17, 7]
        table.add_column("Mark", width=8, key="mark")
        table.add_column("Date", width=fixed[1], key="date")
        table.add_column("Fact", width=flexible(self.width, fixed), key="fact")
        table.add_column("Grade", width=7, key="grade")
        table.skip_rows = {row for row, (what, _) in enumerate(self.lines) if what == "heading"}
        table.set_rows(len(self.lines), self._cells, self._text)
        diff = self.query_one("#review-diff", KeyedTable)
        diff.add_column("Field", width=12, key="field")
        half = max(16, (self.width - 12 - 2 * 4 - 3) // 2)
        diff.add_column("As reviewed", width=half, key="old")
        diff.add_column("Now", width=half, key="new")
        first = next((row for row, (what, _) in enumerate(self.lines) if what != "heading"), 0)
        self.restore_row(table, self.location.row or first)
        self.show_changes(table.cursor_row)

    def _cells(self, row: int) -> list[Text]:
        what, item = self.lines[row]
        if what == "heading":
            return [cell(""), cell(""), header_cell(item), cell("")]
        if what == "removed":
            return [cell("REMOVED", "bold"), cell(""), cell(f"{item.kind}: {item.title}"), cell("")]
        when = when_of(item)
        mark = "CHANGED" if what == "changed" else "NEW" if self.state is not None else ""
        return [
            cell(mark, "bold underline"),
            cell(date_cell(when) if when else "undated"),
            fact_title(self.corpus, item, title_of(self.corpus, item)),
            grade_cell(self.corpus, item),
        ]

    def _text(self, row: int) -> str:
        return " ".join(c.plain for c in self._cells(row))

    def _line(self, row: int) -> Line:
        return self.lines[row] if 0 <= row < len(self.lines) else ("", None)

    def changes_at(self, row: int) -> tuple[str, tuple[FieldChange, ...]]:
        """(what the diff table says of the row, its field changes): a changed fact's changed fields, a removed
        fact's fields as reviewed, a new fact's fields as they read now."""
        what, item = self._line(row)
        if what == "changed" and self.state is not None:
            source = f"{reported_by(self.corpus, item)}, {fact_grade(self.corpus, item)}"
            return f"Changed: {title_of(self.corpus, item)} ({source})", field_changes(self.state, self.corpus, item.id)
        if what == "removed" and self.state is not None:
            return f"Removed: {item.title}", field_changes(self.state, self.corpus, item.id)
        return "", ()

    def show_changes(self, row: int) -> None:
        label, changes = self.changes_at(row)
        self.query_one("#review-diff-title", Static).update(
            Content(label + (": its fields as reviewed and now" if changes else ""))
        )
        diff = self.query_one("#review-diff", KeyedTable)
        diff.clear()
        for change in changes:
            diff.add_row(
                cell(change.field, "bold"),
                cell(change.old if change.old is not None else "(none)", wrap=True),
                cell(change.new if change.new is not None else "(none)", wrap=True),
                height=None,
            )
        diff.display = bool(changes)
        self.query_one("#review-diff-title", Static).display = bool(label)

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        event.stop()
        self.show_changes(event.cursor_row)

    def fact_at_cursor(self) -> Record | None:
        what, item = self._line(self.query_one("#review-list", VirtualTable).cursor_row)
        return item if what in ("new", "changed") else None

    def shown_ids(self) -> tuple[str, ...]:
        """R: every fact listed, and the removed ones (their absence is then the reviewed state)."""
        return tuple(item.id for what, item in self.lines if what in ("new", "changed", "removed"))

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        what, item = self._line(event.cursor_row)
        if what in ("new", "changed"):
            self.post_message(Navigate(location_for_fact(self.corpus, item)))
