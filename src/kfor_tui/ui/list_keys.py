"""DataTable and OptionList with the keys of loved TUIs (j/k, g/G, ctrl+d/ctrl+u), in-view search, the
current row kept in view when the list is resized, and the terminal's own cursor on the current row.

The terminal cursor follows the focused list's current row, so screen readers and braille displays follow
the selection: a list sets `App.cursor_position` (as Textual's Input does) whenever it draws that row.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import DataTable, OptionList

from kfor_tui.ui import bindings
from kfor_tui.ui.compat import option_line, row_top
from kfor_tui.ui.row_search import RowSearch, place_terminal_cursor, plain


class KeyedTable(RowSearch, DataTable[Text]):
    """A row-cursor DataTable with vim motion, `enter` to open, and search matches to step through."""

    BINDINGS = [bindings.OPEN_ROW, *bindings.LIST]

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

    def cursor_offset(self) -> Offset | None:
        """Screen position of the current row's first cell, or None when it is not on screen."""
        if not self.row_count:
            return None
        box = self.content_region
        y = box.y + row_top(self, self.cursor_row) - int(self.scroll_y)
        return Offset(box.x, y) if box.y <= y < box.bottom else None

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        place_terminal_cursor(self, y, self.cursor_offset)
        return strip

    def on_focus(self) -> None:
        self.refresh()  # draw the current row again: it places the terminal cursor

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

    BINDINGS = [bindings.OPEN_OPTION, *bindings.LIST]

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

    def cursor_offset(self) -> Offset | None:
        """Screen position of the highlighted option's first line, or None when it is not on screen."""
        if self.highlighted is None:
            return None
        line = option_line(self, self.highlighted)
        if line is None:
            return None
        box = self.content_region
        y = box.y + line - int(self.scroll_y)
        return Offset(box.x, y) if box.y <= y < box.bottom else None

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        place_terminal_cursor(self, y, self.cursor_offset)
        return strip

    def on_focus(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        """OptionList keeps its scroll offset on a resize, which can leave the highlighted option out of view:
        scroll it back once the options are measured for the new width."""
        self.call_after_refresh(self.scroll_to_highlight)
