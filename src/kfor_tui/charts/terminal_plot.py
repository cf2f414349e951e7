"""A strength series laid out on a grid of terminal cells: a true time axis, a linear axis from 0, one mark per
stated number, shaped by what the source's words allow.

Why a layout of our own rather than a plotting library: the chart's cursor steps from point to point and must
know exactly which cells each point's mark covers (to paint the current one reversed); a range is a bar between
its stated bounds and "more than" an open-ended mark, which scatter and line plots do not draw; and --ascii must
use plain characters, not braille dots. The grid is a pure function of the series and the size, so the widget
that paints it (ui/views/strength_chart.py) is a thin line-API renderer and the layout is tested without Textual.

Marks never join two points with a line: between two reports nothing is stated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from kfor_tui.index.strength_series import Point, Series, recent_series
from kfor_tui.model import Corpus

Cell = tuple[str, str]  # (character, role): the role names what the cell shows, the widget styles it


@dataclass(frozen=True, slots=True)
class Marks:
    """The characters a chart draws: Unicode box drawing and shapes, or plain ASCII (--ascii)."""

    exact: str
    about: str
    above: str
    below: str
    bar: str  # a stated range's body
    bar_top: str
    bar_bottom: str
    vague: str  # a vague amount's body (the house rule's range, not the source's numbers)
    vague_end: str
    open: str  # the open side of "more than" / "fewer than"
    axis_y: str
    axis_x: str
    corner: str
    tick: str
    conflict: str


UNICODE_MARKS = Marks(
    exact="\u25cf",  # ●
    about="\u25cb",  # ○
    above="\u25b2",  # ▲
    below="\u25bc",  # ▼
    bar="\u2503",  # ┃
    bar_top="\u252c",  # ┬
    bar_bottom="\u2534",  # ┴
    vague="\u2506",  # ┆
    vague_end="?",
    open="\u250a",  # ┊
    axis_y="\u2502",  # │
    axis_x="\u2500",  # ─
    corner="\u2514",  # └
    tick="\u253c",  # ┼
    conflict="!",
)
ASCII_MARKS = Marks(
    exact="*",
    about="o",
    above="^",
    below="v",
    bar="|",
    bar_top="+",
    bar_bottom="+",
    vague=":",
    vague_end="?",
    open=".",
    axis_y="|",
    axis_x="-",
    corner="+",
    tick="+",
    conflict="!",
)

LEGEND_WORDS = {
    "exact": "as stated",
    "about": "about",
    "range": "range",
    "vague": "vague (house range)",
    "above": "more than",
    "below": "fewer than",
}


def marks_for(ascii: bool) -> Marks:
    return ASCII_MARKS if ascii else UNICODE_MARKS


def legend(series: Series, ascii: bool = False) -> list[tuple[str, str, str]]:
    """(shape, mark, words) for each shape the series uses, in a fixed order, then ("conflict", mark, words) when
    a point is a claim in a conflict: what a reader needs to tell the marks apart without colour."""
    m = marks_for(ascii)
    glyph = {"exact": m.exact, "about": m.about, "range": m.bar, "vague": m.vague, "above": m.above, "below": m.below}
    used = {p.shape for p in series.points}
    out = [(shape, glyph[shape], LEGEND_WORDS[shape]) for shape in glyph if shape in used]
    if any(p.conflicts for p in series.points):
        out.append(("conflict", m.conflict, "conflict"))
    return out


@dataclass(frozen=True, slots=True)
class Plot:
    """`rows[y][x]`: the cell at column x of line y. `cells[i]`: the cells of point i's mark (what the cursor
    paints as current); `columns[i]`: its column."""

    width: int
    height: int
    rows: tuple[tuple[Cell, ...], ...]
    cells: tuple[tuple[tuple[int, int], ...], ...]
    columns: tuple[int, ...]


def nice_top(top: int) -> int:
    """The axis's top: the smallest 1, 2, 2.5 or 5 times a power of ten at or above the largest number stated."""
    if top <= 0:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5, 10):
            if step * scale >= top:
                return step * scale
        if scale >= 10 and 25 * scale // 10 >= top:
            return 25 * scale // 10
        scale *= 10


def _year_step(years: int, room: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if (years // step + 1) * 5 <= room:
            return step
    return 1000


def layout(series: Series, width: int, height: int, ascii: bool = False) -> Plot:
    """The series on a `width` x `height` grid: the plot, its x axis line and a line of years below it."""
    m = marks_for(ascii)
    width, height = max(width, 20), max(height, 5)
    top = nice_top(series.top())
    plot_rows = height - 2  # the axis line and the years below
    # the scale: 0 and the top, halves from 7 lines, quarters from 13 (a label is on the line its value is drawn on)
    parts = 4 if plot_rows >= 13 and top % 4 == 0 else 2 if plot_rows >= 7 and top % 2 == 0 else 1
    labels = {top * i // parts: f"{top * i // parts:,}" for i in range(parts + 1)}
    label_width = max(len(text) for text in labels.values())
    axis_x = label_width + 1  # the column of the y axis
    first_col, last_col = axis_x + 2, width - 2  # a column of room on each side of the marks

    grid: list[list[Cell]] = [[(" ", "") for _ in range(width)] for _ in range(height)]

    per_unit = (plot_rows - 1) / top

    def row_of(value: int) -> int:
        return plot_rows - 1 - round(value * per_unit)

    for value, text in labels.items():
        y = row_of(value)
        for i, ch in enumerate(text.rjust(label_width)):
            grid[y][i] = (ch, "axis")
    for y in range(plot_rows):
        grid[y][axis_x] = (m.axis_y, "axis")
    grid[plot_rows][axis_x] = (m.corner, "axis")
    for x in range(axis_x + 1, width):
        grid[plot_rows][x] = (m.axis_x, "axis")

    first, last = series.first_day(), series.last_day()
    if first is None or last is None:
        return Plot(width, height, tuple(tuple(r) for r in grid), (), ())
    if (last - first).days < 60:  # one date (or a few days): half a year either side, so the axis has a scale
        first, last = date.fromordinal(first.toordinal() - 183), date.fromordinal(last.toordinal() + 183)
    origin, per_day = first.toordinal(), (last_col - first_col) / max(1, (last - first).days)

    def column_of(day: date) -> int:
        return first_col + round((day.toordinal() - origin) * per_day)

    _years(grid, m, first, last, column_of, plot_rows, axis_x, width)

    taken: set[tuple[int, int]] = set()
    placed: dict[tuple[object, ...], tuple[int, tuple[tuple[int, int], ...]]] = {}
    cells: list[tuple[tuple[int, int], ...]] = []
    columns: list[int] = []
    for point in series.points:
        start = column_of(point.start)
        # reports that fall on the very same cells share one mark (the cursor still stops at each, and the
        # readout says each as stated); a claim in a conflict never shares: it moves aside, never on top
        low_row = row_of(point.low) if point.low is not None else None
        high_row = row_of(point.high) if point.high is not None else None
        same = (start, point.shape, low_row, high_row, point.fact if point.conflicts else None)
        found = placed.get(same)
        if found is None:
            drawn = _mark(point, m, row_of, plot_rows)
            ys = [y for y, _, _ in drawn]
            x = start
            for candidate in (start, start + 1, start - 1, start + 2, start - 2, start + 3):
                if first_col - 1 <= candidate <= width - 1 and not any((candidate, y) in taken for y in ys):
                    x = candidate
                    break
            for y, ch, role in drawn:
                grid[y][x] = (ch, "conflict" if point.conflicts and role != "open" else role)
                taken.add((x, y))
            if point.conflicts:
                grid[plot_rows][x] = (m.conflict, "conflict")
            found = placed[same] = (x, tuple((x, y) for y, _, _ in drawn))
        columns.append(found[0])
        cells.append(found[1])
    return Plot(width, height, tuple(tuple(r) for r in grid), tuple(cells), tuple(columns))


def _mark(point: Point, m: Marks, row_of: Callable[[int], int], plot_rows: int) -> list[tuple[int, str, str]]:
    """The cells of one point's mark, top to bottom: (line, character, role)."""
    shape, low, high = point.shape, point.low, point.high
    if shape in ("exact", "about") and low is not None:
        return [(row_of(low), m.exact if shape == "exact" else m.about, shape)]
    if shape == "above" and low is not None:
        y = row_of(low)
        return [*((oy, m.open, "open") for oy in range(0, y)), (y, m.above, shape)]
    if shape == "below" and high is not None:
        y = row_of(high)
        return [(y, m.below, shape), *((oy, m.open, "open") for oy in range(y + 1, plot_rows))]
    # a range: a bar between its bounds (a vague amount's bar is dashed and ends in '?')
    top_y, bottom_y = row_of(high if high is not None else 0), row_of(low if low is not None else 0)
    vague = shape == "vague"
    body, top_end, bottom_end = (m.vague, m.vague_end, m.vague_end) if vague else (m.bar, m.bar_top, m.bar_bottom)
    if top_y == bottom_y:
        return [(top_y, body, shape)]
    return [
        (top_y, top_end, shape),
        *((y, body, shape) for y in range(top_y + 1, bottom_y)),
        (bottom_y, bottom_end, shape),
    ]


def _years(
    grid: list[list[Cell]],
    m: Marks,
    first: date,
    last: date,
    column_of: Callable[[date], int],
    axis_y: int,
    axis_x: int,
    width: int,
) -> None:
    """Ticks on the axis line at the first of January of each labelled year, the year below each."""
    years = list(range(first.year + (first > date(first.year, 1, 1)), last.year + 1))
    step = _year_step(len(years), width - axis_x - 2)
    free_from = axis_x + 1
    labelled = [year for year in years if year % step == 0] or years[:1]
    for year in labelled:
        x = column_of(date(year, 1, 1))
        if not axis_x < x < width:
            continue
        grid[axis_y][x] = (m.tick, "axis")
        text = str(year)
        start = min(x, width - len(text))
        if start >= free_from:
            for i, ch in enumerate(text):
                grid[axis_y + 1][start + i] = (ch, "axis")
            free_from = start + len(text) + 1
    if not labelled:  # no new year inside the axis: its two ends by month
        left, right = _month(first), _month(last)
        for i, ch in enumerate(left):
            grid[axis_y + 1][axis_x + 1 + i] = (ch, "axis")
        for i, ch in enumerate(right):
            grid[axis_y + 1][width - len(right) + i] = (ch, "axis")


def _month(day: date) -> str:
    return day.strftime("%b %Y")


UNICODE_LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"  # ▁ to █
ASCII_LEVELS = ".-=#"


def trend(series: Series, width: int, ascii: bool = False) -> str:
    """A one-line trend of the latest `width` points, oldest first: a single number (or "about") as a bar whose
    height is its share of the largest single number shown; a range, a vague amount or a bound as its chart
    mark, since it has no one height. Empty below two points: one report is not a trend."""
    m = marks_for(ascii)
    levels = ASCII_LEVELS if ascii else UNICODE_LEVELS
    # one number stated twice for one date (a contingent and a national figure of one article) is one bar
    distinct = list({(p.start, p.end, p.compact): p for p in series.points}.values())
    shown = distinct[-width:] if width > 0 and len(distinct) > 1 else ()
    top = max((p.low or 0 for p in shown if p.shape in ("exact", "about")), default=0)
    out = []
    for point in shown:
        if point.shape in ("exact", "about") and point.low is not None and top > 0:
            out.append(levels[(point.low * (len(levels) - 1) + top // 2) // top])
        else:
            out.append({"range": m.bar, "vague": m.vague, "above": m.above, "below": m.below}.get(point.shape, "?"))
    return "".join(out)


def trends_of(corpus: Corpus, keys: Iterable[str], width: int, ascii: bool = False) -> dict[str, str]:
    """Each subject's trend (above) over its latest `width` stated strengths, for those that have one: the
    nations pane's Trend column, and the same kept with its first screen."""
    out: dict[str, str] = {}
    for key in keys:
        shown = trend(recent_series(corpus, key, width), width, ascii=ascii)
        if shown:
            out[key] = shown
    return out
