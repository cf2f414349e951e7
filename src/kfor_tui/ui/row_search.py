"""`/` search within a list (the rows whose text holds the term, stepped through with n/N) and the terminal's
own cursor on the current row, for both kinds of list: the DataTable and OptionList ones (ui/list_keys.py)
and the tables drawn with the line API (ui/virtual_table.py). Apart from list_keys.py, so the first screen,
which shows only the latter, does not import DataTable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.text import Text
from textual.geometry import Offset
from textual.widget import Widget


def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return getattr(value, "plain", None) or str(value)


class Rows(Protocol):
    """What `/` search needs of a table."""

    skip_rows: set[int]
    cursor_row: int

    @property
    def row_count(self) -> int: ...

    def row_text(self, row: int) -> str: ...

    def move_cursor(self, *, row: int) -> None: ...


class RowSearch:
    """`/` within a table: the rows whose text holds the term (headings skipped), stepped through with n/N."""

    matches: list[int]
    match_index: int

    def searchable(self) -> list[str]:
        """Each row's text, case-folded ("" for headings). VirtualTable keeps this between searches."""
        table: Rows = self  # type: ignore[assignment]  # RowSearch is mixed into tables that are Rows
        return ["" if row in table.skip_rows else table.row_text(row).casefold() for row in range(table.row_count)]

    def search(self, term: str) -> int:
        table: Rows = self  # type: ignore[assignment]  # RowSearch is mixed into tables that are Rows
        needle = term.casefold()
        self.matches = [row for row, text in enumerate(self.searchable()) if needle in text]
        self.match_index = -1
        if self.matches:
            after = [i for i, row in enumerate(self.matches) if row >= table.cursor_row]
            self.match_index = after[0] if after else 0
            table.move_cursor(row=self.matches[self.match_index])
        return len(self.matches)

    def step_match(self, direction: int) -> bool:
        if not self.matches:
            return False
        table: Rows = self  # type: ignore[assignment]  # as in search
        self.match_index = (self.match_index + direction) % len(self.matches)
        table.move_cursor(row=self.matches[self.match_index])
        return True

    def clear_search(self) -> bool:
        had = bool(self.matches)
        self.matches, self.match_index = [], -1
        return had


def place_terminal_cursor(widget: Widget, y: int, cursor_offset: Callable[[], Offset | None]) -> None:
    """Put the terminal cursor on the focused list's current row when line `y` being drawn is that row."""
    if widget.has_focus:
        offset = cursor_offset()
        if offset is not None and offset.y == widget.content_region.y + y:
            widget.app.cursor_position = offset
