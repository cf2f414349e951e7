"""What a running app has painted, read from its SVG screenshot rather than from widget state.

A list can hold the right cursor row while the screen shows the highlight elsewhere (a line left stale in
Textual's line cache): only the painted frame tells. `app.export_screenshot()` renders the screen through the
same caches as a real terminal frame and Rich writes it as SVG: one `<text>` per run of styled characters,
clipped to `...-line-Y`, and one `<rect fill=...>` per run with a background. This module turns that back into
lines of text with the background colour of every cell.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.terminal_theme import SVG_EXPORT_THEME
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget

# Rich's export_svg geometry (its defaults, which Textual's export_screenshot uses): 20 px characters with a
# 0.61 aspect ratio, lines 1.22 characters apart, backgrounds starting 1.5 px down each line
CHAR_WIDTH = 20 * 0.61
LINE_HEIGHT = 20 * 1.22
RECT_TOP = 1.5

# the highlight each kind of list paints on its current row
CURSOR_COMPONENT = {
    "VirtualTable": "virtual-table--cursor",
    "DataTable": "datatable--cursor",
    "OptionList": "option-list--option-highlighted",
}

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>',
    re.S,
)
_RECT = re.compile(
    r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
    r'height="[\d.]+" shape-rendering="crispEdges"/>'
)


@dataclass(frozen=True)
class Line:
    """One screen line, cell by cell: the character shown ("" in the second cell of a wide one) and the
    background painted (lower-case #rrggbb, or None where the terminal's own background shows)."""

    y: int
    chars: tuple[str, ...]
    backgrounds: tuple[str | None, ...]

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def text_of(self, start: int = 0, end: int | None = None) -> str:
        """The text of cells start..end."""
        return "".join(self.chars[start:end])

    def share(self, colour: str, start: int = 0, end: int | None = None) -> float:
        """The fraction of cells start..end painted with `colour`."""
        cells = self.backgrounds[start:end]
        return sum(1 for c in cells if c == colour) / len(cells) if cells else 0.0


def screen_lines(app: App) -> list[Line]:
    """Every line of the app's screen (and the screens under a modal) as painted now."""
    width, height = app.size
    svg = app.export_screenshot()
    chars = [[" "] * width for _ in range(height)]
    fills: list[list[str | None]] = [[None] * width for _ in range(height)]
    for x, y, fill in _cells_of_rects(svg):
        if 0 <= y < height and 0 <= x < width:
            fills[y][x] = fill
    for match in _TEXT.finditer(svg):
        column, y = round(float(match.group(1)) / CHAR_WIDTH), int(match.group(2))
        if not 0 <= y < height:
            continue
        for char in html.unescape(match.group(3)).replace("\xa0", " "):
            if column >= width:
                break
            chars[y][column] = char
            span = cell_len(char)
            for blank in range(column + 1, min(width, column + span)):
                chars[y][blank] = ""  # the second cell of a wide character
            column += max(1, span)
    return [Line(y, tuple(chars[y]), tuple(fills[y])) for y in range(height)]


def _cells_of_rects(svg: str) -> Iterator[tuple[int, int, str]]:
    for match in _RECT.finditer(svg):
        fill = match.group(1).lower()
        x = round(float(match.group(2)) / CHAR_WIDTH)
        y = round((float(match.group(3)) - RECT_TOP) / LINE_HEIGHT)
        for offset in range(round(float(match.group(4)) / CHAR_WIDTH)):
            yield x + offset, y, fill


def background_of(style: Style) -> str:
    """The colour Rich's SVG paints behind text in `style` (reverse video paints the foreground colour)."""
    colour = style.color if style.reverse else style.bgcolor
    if colour is None or colour.is_default:
        fallback = SVG_EXPORT_THEME.foreground_color if style.reverse else SVG_EXPORT_THEME.background_color
        return Color.from_triplet(fallback).get_truecolor().hex.lower()
    return colour.get_truecolor(SVG_EXPORT_THEME).hex.lower()


def cursor_style(widget: Widget) -> Style:
    """The style the list paints its current row with, as it is now (focused or not)."""
    for cls in type(widget).__mro__:
        if cls.__name__ in CURSOR_COMPONENT:
            return widget.get_component_rich_style(CURSOR_COMPONENT[cls.__name__])
    raise TypeError(f"no cursor component known for {type(widget).__name__}")


def painted(app: App, colour: str | Style, region: Region | None = None) -> list[tuple[str, bool]]:
    """Each screen line's text and whether most of it (of `region`'s columns, when given) is painted with
    the background `colour` (a #rrggbb string or a Style)."""
    fill = background_of(colour) if isinstance(colour, Style) else colour.lower()
    start, end = (region.x, region.right) if region is not None else (0, None)
    return [(line.text, line.share(fill, start, end) > 0.5) for line in screen_lines(app)]


def highlighted_lines(app: App, widget: Widget, lines: list[Line] | None = None) -> list[tuple[int, str]]:
    """(screen y, text) of each line inside the widget's content region (less its scrollbars) painted with its
    cursor background; the text is cut to the region's columns, right-stripped. A wrapped row gives several.
    `lines`: the screen_lines(app) already read for this frame."""
    region = widget.scrollable_content_region
    fill = background_of(cursor_style(widget))
    found = []
    for line in lines if lines is not None else screen_lines(app):
        if region.y <= line.y < region.bottom and line.share(fill, region.x, region.right) > 0.5:
            found.append((line.y, line.text_of(region.x, region.right).rstrip()))
    return found


def highlighted_rows(app: App, widget: Widget) -> list[str]:
    """The text of every line inside the widget painted as its current row."""
    return [text for _, text in highlighted_lines(app, widget)]


def painted_strips(app: App[object]) -> list[object]:
    """The screen's rendered strips with their segments' styles, links and click actions, which the SVG
    drops: the only way to check that no data became a live action. Reads the screen's compositor (a private
    part of Textual): this helper is the one place the tests do."""
    compositor = app.screen._compositor
    return list(compositor.render_strips())
