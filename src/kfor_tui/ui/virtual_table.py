"""A one-line-per-row table drawn with Textual's line API: only the rows on screen are ever built.

A DataTable builds every row up front, on every pane switch. Here a
view hands over how many rows there are and a function that makes the cells of row i; the table asks for the
rows it shows, keeps a bounded cache of drawn lines, and does the cursor, scrolling, vim keys and in-view search
itself. Cells are rich Text (briefing text is never markup), cut to their column with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kfor_tui.ui import bindings
from kfor_tui.ui.row_search import RowSearch, place_terminal_cursor, plain

CellsOf = Callable[[int], Sequence[Text]]
TextOf = Callable[[int], str]
KeyOf = Callable[[int], "str | None"]
_CACHE_ROWS = 512  # drawn lines kept; a screen is ~20, so scrolling back and forth rarely redraws


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int
    key: str | None = None


class VirtualTable(RowSearch, ScrollView, can_focus=True):
    """Rows made on demand by the view: `set_rows(count, cells_of, text_of, key_of)`, or `add_row` for short
    tables. Row 0 of the screen is the header; the cursor is a row number."""

    BINDINGS = [bindings.OPEN_ROW, *bindings.LIST, *bindings.PAGES]

    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor"}

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .virtual-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class RowMessage(Message):
        """Something happened at a row of the table (its `control`)."""

        def __init__(self, table: VirtualTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> VirtualTable:
            return self.table

    class RowSelected(RowMessage):
        """`enter` (or a double click) on a row."""

    class RowHighlighted(RowMessage):
        """The cursor moved to another row (a view showing the row's details follows it)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.skip_rows: set[int] = set()
        self.matches: list[int] = []
        self.match_index = -1
        self.cursor_row = 0
        self._count = 0
        self._cells_of: CellsOf = lambda row: ()
        self._text_of: TextOf | None = None
        self._key_of: KeyOf = lambda row: None
        self._eager: list[tuple[Sequence[Text], str | None]] = []
        self._lines: dict[int, Strip] = {}
        self._header: Strip | None = None
        self._fitted: tuple[int, list[int]] | None = None  # (available width, column widths)
        self._searchable: list[str] | None = None

    # ------------------------------------------------------------------ content

    def add_column(self, label: str, *, width: int, key: str | None = None) -> None:
        self.columns.append(Column(label, width, key))
        self._changed()

    def set_rows(
        self, count: int, cells_of: CellsOf, text_of: TextOf | None = None, key_of: KeyOf | None = None
    ) -> None:
        """Show `count` rows; `cells_of(i)` makes row i's cells when it comes into view. `text_of(i)` is the
        row's plain text for `/` search (default: the cells' text) and `key_of(i)` names what the row shows."""
        self._count, self._cells_of, self._text_of = count, cells_of, text_of
        self._key_of = key_of or (lambda row: None)
        self._eager = []
        self._changed()

    def add_row(self, *cells: Text, key: str | None = None) -> None:
        """Append one row built now: for tables of a few hundred rows at most."""
        if self._cells_of != self._eager_cells:
            self._eager = []
            self._cells_of, self._text_of, self._key_of = self._eager_cells, None, self._eager_key
        self._eager.append((cells, key))
        self._count = len(self._eager)
        self._changed()

    def _eager_cells(self, row: int) -> Sequence[Text]:
        return self._eager[row][0]

    def _eager_key(self, row: int) -> str | None:
        return self._eager[row][1]

    def _changed(self) -> None:
        self._lines.clear()
        self._header = None
        self._fitted = None
        self._searchable = None
        # fewer rows than before: the cursor stays on a row that exists, so enter never acts on none. The
        # scroll offset is brought within the new height by Textual, which keeps the cursor row in view.
        self.cursor_row = min(self.cursor_row, max(0, self._count - 1))
        self.virtual_size = Size(self._line_width(), self._count + 1)
        self.refresh()

    def searchable(self) -> list[str]:
        """The rows' folded text, made at the first `/` and kept until the rows change: making it means making
        every row's text, the next searches only scan it."""
        if self._searchable is None:
            self._searchable = super().searchable()
        return self._searchable

    @property
    def row_count(self) -> int:
        return self._count

    def get_row_at(self, row: int) -> Sequence[Text]:
        return self._cells_of(row)

    def row_key(self, row: int) -> str | None:
        return self._key_of(row) if 0 <= row < self._count else None

    def row_text(self, row: int) -> str:
        if self._text_of is not None:
            return self._text_of(row)
        return " ".join(plain(cell) for cell in self._cells_of(row))

    # ------------------------------------------------------------------ cursor and scrolling

    def move_cursor(self, *, row: int, direction: int = 0) -> None:
        """Put the cursor on `row` (clamped); a row in skip_rows (a group heading) is passed over in the
        direction of travel (or forwards), unless there is nothing but headings that way."""
        if not self._count:
            self.cursor_row = 0
            return
        row = min(max(0, row), self._count - 1)
        step = direction or 1
        probe = row
        while probe in self.skip_rows and 0 <= probe + step < self._count:
            probe += step
        if probe not in self.skip_rows:
            row = probe
        elif direction:  # only headings beyond: try the other way
            probe = row
            while probe in self.skip_rows and 0 <= probe - step < self._count:
                probe -= step
            row = probe if probe not in self.skip_rows else row
        old, self.cursor_row = self.cursor_row, row
        self._refresh_row(old)
        self._refresh_row(row)
        self.scroll_to_cursor()
        if row != old:
            self.post_message(self.RowHighlighted(self, row))

    def scroll_to_cursor(self) -> None:
        rows = self._visible_rows()
        if rows <= 0:
            self.call_after_refresh(self._scroll_once_sized)
            return
        top = self._top()
        if self.cursor_row < top:  # scrolling up: show the group heading above the row too
            heading = self.cursor_row - 1 in self.skip_rows
            self.scroll_to(y=self.cursor_row - heading, animate=False, immediate=True)
        elif self.cursor_row >= top + rows:
            self.scroll_to(y=self.cursor_row - rows + 1, animate=False, immediate=True)

    def _scroll_once_sized(self) -> None:
        if self._visible_rows() > 0:
            self.scroll_to_cursor()

    def _visible_rows(self) -> int:
        return self.scrollable_content_region.height - 1  # less the header

    def _top(self) -> int:
        """The first row on screen: the one drawn on line 1, under the header."""
        return self.scroll_offset.y

    def _refresh_row(self, row: int) -> None:
        """Repaint the one line that shows `row`, where it is on screen now.

        Row r is drawn on line r - top + 1 of the widget (line 0 is the header, which does not scroll), and
        `refresh` takes that line. ScrollView.refresh_line does not fit: it expects a line of the scrolled
        content and subtracts the scroll offset again, so once scrolled it repaints another line and the line
        cache keeps drawing the cursor on the row it left. A move that scrolls repaints every line anyway."""
        y = row - self._top() + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, max(self.virtual_size.width, self.size.width), 1))

    def cursor_offset(self) -> Offset | None:
        """Screen position of the cursor row's first cell (for the terminal cursor), or None when hidden."""
        if not self._count:
            return None
        box = self.content_region
        y = box.y + 1 + self.cursor_row - self._top()
        return Offset(box.x, y) if box.y < y < box.bottom else None

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1, direction=1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1, direction=-1)

    def action_go_top(self) -> None:
        self.move_cursor(row=0, direction=1)

    def action_go_bottom(self) -> None:
        self.move_cursor(row=self._count - 1, direction=-1)

    def action_half_page(self, direction: int) -> None:
        step = max(1, self._visible_rows() // 2)
        self.move_cursor(row=self.cursor_row + direction * step, direction=direction)

    def action_page(self, direction: int) -> None:
        step = max(1, self._visible_rows())
        self.move_cursor(row=self.cursor_row + direction * step, direction=direction)

    def action_select_cursor(self) -> None:
        if self._count:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self._count:
            return
        row = self._top() + event.y - 1
        if row < self._count:
            self.move_cursor(row=row)
            if event.chain >= 2:
                self.action_select_cursor()

    # ------------------------------------------------------------------ drawing

    def _line_width(self) -> int:
        return sum(column.width + 2 for column in self.columns)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._header = None

    def _widths(self) -> list[int]:
        """Column widths that fit the table's width: it cannot scroll sideways, so when the columns asked for
        are wider (a narrow terminal), the widest give up cells first, down to 4 each."""
        available = self.scrollable_content_region.width or self.size.width
        if self._fitted is not None and self._fitted[0] == available:
            return self._fitted[1]
        widths = [column.width for column in self.columns]
        excess = sum(w + 2 for w in widths) - available if available else 0
        while excess > 0:
            widest = max(range(len(widths)), key=lambda i: widths[i])
            if widths[widest] <= 4:
                break
            cut = min(
                excess, widths[widest] - 4, max(1, widths[widest] - sorted(widths)[-2] if len(widths) > 1 else excess)
            )
            widths[widest] -= cut
            excess -= cut
        self._fitted = (available, widths)
        return widths

    def on_resize(self) -> None:
        """New widths redraw every row; a new height may leave the cursor row out of view: bring it back."""
        self._lines.clear()
        self._header = None
        self._fitted = None
        self.scroll_to_cursor()

    def _draw(self, cells: Sequence[Text]) -> list[Segment]:
        line = Text(no_wrap=True, end="")
        for width, value in zip(self._widths(), cells, strict=False):
            text = value.copy() if isinstance(value, Text) else Text(str(value))
            text.no_wrap, text.end = True, ""
            text.truncate(width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(text)
            line.append(" ")
        return list(line.render(self.app.console))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        if y == 0:
            if self._header is None:
                style = base + self.get_component_rich_style("virtual-table--header")
                header = [Text(column.label) for column in self.columns]
                self._header = Strip(list(Segment.apply_style(self._draw(header), style)))
            return self._header.crop_extend(0, width, base + self.get_component_rich_style("virtual-table--header"))
        row = self._top() + y - 1
        if row >= self._count:
            return Strip.blank(width, base)
        strip = self._lines.get(row)
        if strip is None:
            if len(self._lines) >= _CACHE_ROWS:
                self._lines.clear()
            strip = Strip(list(Segment.apply_style(self._draw(self._cells_of(row)), base)))
            self._lines[row] = strip
        strip = strip.crop_extend(0, width, base)
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("virtual-table--cursor")
            strip = Strip([Segment(text, (style or Style()) + cursor, control) for text, style, control in strip])
            place_terminal_cursor(self, y, self.cursor_offset)
        return strip

    def on_focus(self) -> None:
        self._refresh_row(self.cursor_row)  # draw the current row again: it places the terminal cursor
