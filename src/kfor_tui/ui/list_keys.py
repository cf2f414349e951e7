"""DataTable and OptionList with the keys of loved TUIs (j/k, g/G, ctrl+d/ctrl+u), in-view search, and the
current row kept in view when the list is resized."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, OptionList

LIST_BINDINGS = [
    Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("g,home", "go_top", "Top", show=False, id="top"),
    Binding("G,end", "go_bottom", "Bottom", show=False, id="bottom"),
    Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="half-page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="half-page-up"),
]


def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return getattr(value, "plain", None) or str(value)


class RowSearch:
    """`/` within a table: the rows whose text holds the term (headings skipped), stepped through with n/N.
    For tables with row_count, row_text(row), skip_rows, cursor_row and move_cursor(row=)."""

    matches: list[int]
    match_index: int
    skip_rows: set[int]

    def searchable(self) -> list[str]:
        """Each row's text, case-folded ("" for headings). VirtualTable keeps this between searches."""
        skip = self.skip_rows
        return ["" if row in skip else self.row_text(row).casefold()  # type: ignore[attr-defined]
                for row in range(self.row_count)]  # type: ignore[attr-defined]

    def search(self, term: str) -> int:
        needle = term.casefold()
        self.matches = [row for row, text in enumerate(self.searchable()) if needle in text]
        self.match_index = -1
        if self.matches:
            after = [i for i, row in enumerate(self.matches) if row >= self.cursor_row]  # type: ignore[attr-defined]
            self.match_index = after[0] if after else 0
            self.move_cursor(row=self.matches[self.match_index])  # type: ignore[attr-defined]
        return len(self.matches)

    def step_match(self, direction: int) -> bool:
        if not self.matches:
            return False
        self.match_index = (self.match_index + direction) % len(self.matches)
        self.move_cursor(row=self.matches[self.match_index])  # type: ignore[attr-defined]
        return True

    def clear_search(self) -> bool:
        had = bool(self.matches)
        self.matches, self.match_index = [], -1
        return had


class KeyedTable(RowSearch, DataTable):
    """A row-cursor DataTable with vim motion, `enter` to open, and search matches to step through."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", show=False, id="open"), *LIST_BINDINGS]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self.matches: list[int] = []
        self.match_index = -1
        self.skip_rows: set[int] = set()

    def action_go_top(self) -> None:
        self.move_cursor(row=0)

    def action_go_bottom(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    def action_half_page(self, direction: int) -> None:
        step = max(1, (self.scrollable_content_region.height or 2) // 2)
        row = min(max(0, self.cursor_row + direction * step), max(0, self.row_count - 1))
        self.move_cursor(row=row)

    def row_text(self, row: int) -> str:
        return " ".join(plain(cell) for cell in self.get_row_at(row))

    def on_resize(self) -> None:
        """A new size may leave the cursor row out of view (a shorter terminal, or a view laid out before its
        final size): bring it back, so the row `enter` acts on is always the one seen highlighted."""
        if self.row_count:
            self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        if self.is_mounted and self.row_count:
            self.move_cursor(row=self.cursor_row)


class KeyedOptionList(OptionList):
    """An OptionList with vim motion."""

    BINDINGS = [Binding("enter", "select", "Open", show=False, id="open"), *LIST_BINDINGS]

    def action_go_top(self) -> None:
        self.action_first()

    def action_go_bottom(self) -> None:
        self.action_last()

    def action_half_page(self, direction: int) -> None:
        if self.option_count == 0:
            return
        step = max(1, self.scrollable_content_region.height // 4)
        current = self.highlighted or 0
        self.highlighted = min(max(0, current + direction * step), self.option_count - 1)

    def on_resize(self) -> None:
        """OptionList keeps its scroll offset on a resize, which can leave the highlighted option out of view:
        scroll it back once the options are measured for the new width."""
        self.call_after_refresh(self.scroll_to_highlight)
