"""A strength series as an inline SVG chart for the printed pack: a true time axis, a linear axis from 0, and
one mark per stated number, shaped by what the source's words allow.

Each mark sits at its date: in the middle of the days the date can mean, with a thin line spanning them (a
month, a year) where that is wider than the mark, so a date known to the year is not passed off as a day. The
shapes differ by form, not only by colour, so the chart reads in black-and-white print: a filled circle for
an exact number, a hollow one for "about", a capped bar between a stated range's bounds, a dashed bar marked
'?' for a vague amount (the house rule's range, not the source's numbers), a triangle up with a dashed line
to the top edge for "more than", a triangle down with a dashed line to 0 for "fewer than". Claims of a
conflict are separate marks in a dashed box, labelled '!'; reports of the same date stand side by side.
Every mark is labelled with its compact number and its citation numbers in the pack.

No line joins two marks: between two reports nothing is stated. Nothing here works out a number the sources
did not state; the axis ticks are the chart's scale, not figures.

Pure Python over a Series (index/strength_series.py): no I/O. Every text and attribute value is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from kfor_tui.index.strength_series import SHAPES, Point, Series

FONT = 10  # px in the chart's own units; the page scales the chart to its column
INK = "#111"
CONFLICT_INK = "#b00020"  # told apart without colour too: a dashed box and '!'
GRID = "#c8c8c8"
SPAN_INK = "#777"
DASH = "3 2"
MARK = 4.5  # a circle's radius, a triangle's half width
CAP = 5.0  # half the width of a range's caps
LEFT, TOP, RIGHT = 58.0, 22.0, 14.0  # room for the value axis, for labels above the marks, and at the right
UNDATED_AXIS = date(2000, 1, 1)  # the axis of a series with no dated point: one empty year

LEGEND_WORDS = {
    "exact": "exact number",
    "about": "about (approximate)",
    "range": "range the source states",
    "vague": "vague amount (house range)",
    "above": "more than / at least",
    "below": "fewer than / at most",
    "conflict": "conflicting reports, kept apart",
    "span": "the days the date can mean",
}


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def el(tag: str, text: str | None = None, /, **attributes: float | str | None) -> str:
    """One SVG element, every attribute value and its text escaped; a `_` in a name is `-` (stroke_width),
    `class_` is `class`, None leaves the attribute out."""
    shown = " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(_n(v) if isinstance(v, (int, float)) else v, quote=True)}"'
        for name, v in attributes.items()
        if v is not None
    )
    opening = f"<{tag} {shown}" if shown else f"<{tag}"
    return f"{opening}/>" if text is None else f"{opening}>{escape(text, quote=True)}</{tag}>"


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the text's width in a sans-serif face: enough to keep labels apart."""
    narrow = sum(ch in ",.;:[]()!|'il " for ch in text)
    return (len(text) - narrow) * size * 0.64 + narrow * size * 0.36


def nice_step(top: float, ticks: int = 5) -> int:
    """The axis step: 1, 2 or 5 times a power of ten, giving about `ticks` steps up to `top`."""
    raw = max(top / ticks, 1)
    scale = 1
    while scale * 10 <= raw:
        scale *= 10
    return next(step * scale for step in (1, 2, 5, 10) if step * scale >= raw)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def caption(series: Series) -> str:
    """What the chart shows, and what it leaves out: 'KFOR: personnel as each source states it, Jun 1999 to
    Jun 2025: 8 dated figures, each drawn apart, never joined; 1 figure has no date and is not drawn.'"""
    if series.points:
        first, last = series.points[0].date_text, series.points[-1].date_text
        dates = f"{first} to {last}" if first != last else first
    else:
        dates = "no dated figure"
    undated = len(series.undated)
    if undated == 1:
        left_out = "1 figure has no date and is not drawn"
    elif undated:
        left_out = f"{undated:,} figures have no date and are not drawn"
    else:
        left_out = "no figure without a date"
    drawn = plural(len(series.points), "dated figure")
    shown = f"{series.name}: {series.what} as each source states it, {dates}"
    return f"{shown}: {drawn}, each drawn apart, never joined; {left_out}."


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def gap(self, other: Box) -> tuple[float, float]:
        """The empty space between two boxes, across and down (0 where they overlap that way)."""
        return max(self.x0 - other.x1, other.x0 - self.x1, 0), max(self.y0 - other.y1, other.y0 - self.y1, 0)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class Frame:
    """Where the plot lies in the chart, and its scales: whole years across, 0 to `y_top` up."""

    left: float
    top: float
    right: float
    bottom: float
    first: date
    last: date
    y_top: int

    def x(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return self.left + (day - self.first).days * (self.right - self.left) / span

    def y(self, value: float) -> float:
        return self.bottom - value * (self.bottom - self.top) / self.y_top


def _frame(series: Series, width: float, plot_height: float) -> Frame:
    first_day, last_day = series.first_day() or UNDATED_AXIS, series.last_day() or UNDATED_AXIS
    top = series.top() * 1.12  # room above the largest number for its label
    step = nice_step(top or 1)
    return Frame(
        left=LEFT,
        top=TOP,
        right=width - RIGHT,
        bottom=TOP + plot_height,
        first=date(first_day.year, 1, 1),
        last=date(last_day.year + 1, 1, 1),
        y_top=step * max(1, math.ceil(top / step)),
    )


def _axes(frame: Frame, what: str) -> list[str]:
    out = []
    for value in range(0, frame.y_top + 1, nice_step(frame.y_top)):
        y = frame.y(value)
        out.append(el("line", x1=frame.left, y1=y, x2=frame.right, y2=y, stroke=GRID, stroke_width=0.6))
        out.append(el("text", f"{value:,}", x=frame.left - 5, y=y + FONT * 0.35, text_anchor="end"))
    years = list(range(frame.first.year, frame.last.year + 1))
    room = (frame.right - frame.left) / max(1, len(years) - 1)
    every = next((k for k in (1, 2, 5, 10, 20, 50, 100) if room * k >= 34), 200)
    for year in years:
        x = frame.x(date(year, 1, 1))
        labelled = year % every == 0 or len(years) <= 2
        out.append(el("line", x1=x, y1=frame.bottom, x2=x, y2=frame.bottom + (5 if labelled else 2.5), stroke=INK))
        if labelled:
            out.append(el("text", str(year), x=x, y=frame.bottom + 6 + FONT, text_anchor="middle"))
    out.append(el("line", x1=frame.left, y1=frame.bottom, x2=frame.right, y2=frame.bottom, stroke=INK))
    out.append(el("line", x1=frame.left, y1=frame.top, x2=frame.left, y2=frame.bottom, stroke=INK))
    middle = (frame.top + frame.bottom) / 2
    out.append(
        el("text", f"{what} as stated", x=12, y=middle, text_anchor="middle", transform=f"rotate(-90 12 {_n(middle)})")
    )
    words = "date as stated (a thin line spans the days a date can mean)"
    if text_width(words) > frame.right - frame.left:
        words = "date as stated"
    out.append(el("text", words, x=(frame.left + frame.right) / 2, y=frame.bottom + 8 + 2 * FONT, text_anchor="middle"))
    return out


def _triangle(x: float, y: float, up: bool, colour: str) -> str:
    tip, base = (y - MARK * 1.2, y + MARK * 0.8) if up else (y + MARK * 1.2, y - MARK * 0.8)
    points = f"{_n(x)},{_n(tip)} {_n(x - MARK)},{_n(base)} {_n(x + MARK)},{_n(base)}"
    return el("polygon", points=points, fill=colour, stroke=colour)


def _shape(shape: str, x: float, y_low: float, y_high: float, colour: str, frame: Frame) -> tuple[list[str], Box]:
    """The mark of one shape at x between two heights (equal for one number or a bound): its SVG and its box."""
    if shape in ("exact", "about"):
        fill = colour if shape == "exact" else "#fff"
        circle = el("circle", cx=x, cy=y_low, r=MARK, fill=fill, stroke=colour, stroke_width=1.6)
        return [circle], Box(x - MARK, y_low - MARK, x + MARK, y_low + MARK)
    if shape == "above":
        start = y_low - MARK * 1.2
        dashed = el("line", x1=x, y1=start, x2=x, y2=frame.top, stroke=colour, stroke_width=1.3, stroke_dasharray=DASH)
        return [dashed, _triangle(x, y_low, True, colour)], Box(x - MARK, start, x + MARK, y_low + MARK)
    if shape == "below":
        start = y_high + MARK * 1.2
        dashed = el(
            "line", x1=x, y1=start, x2=x, y2=frame.bottom, stroke=colour, stroke_width=1.3, stroke_dasharray=DASH
        )
        return [dashed, _triangle(x, y_high, False, colour)], Box(x - MARK, y_high - MARK, x + MARK, start)
    # a bar between two heights: solid with caps for a stated range, dashed and marked '?' for a vague amount
    dash = DASH if shape == "vague" else None
    out = [el("line", x1=x, y1=y_low, x2=x, y2=y_high, stroke=colour, stroke_width=2.2, stroke_dasharray=dash)]
    for y in (y_low, y_high):
        out.append(
            el("line", x1=x - CAP, y1=y, x2=x + CAP, y2=y, stroke=colour, stroke_width=1.6, stroke_dasharray=dash)
        )
    if shape == "vague":
        out.append(el("text", "?", x=x + CAP + 1, y=(y_low + y_high) / 2 + FONT * 0.35, font_weight="bold"))
    right = x + CAP + (7 if shape == "vague" else 0)
    return out, Box(x - CAP, min(y_low, y_high) - 1, right, max(y_low, y_high) + 1)


def _heights(point: Point, frame: Frame) -> tuple[float, float]:
    """(low, high) on the chart: a bound's height twice, a single number's twice, a range's two ends; a
    range with an open side runs to the top edge or to 0."""
    if point.shape == "above":
        return frame.y(point.low or 0), frame.y(point.low or 0)
    if point.shape == "below":
        return frame.y(point.high or 0), frame.y(point.high or 0)
    low = frame.y(point.low) if point.low is not None else frame.bottom
    high = frame.y(point.high) if point.high is not None else frame.top
    return low, high


def _spread(points: tuple[Point, ...]) -> list[float]:
    """Horizontal offsets that set reports of the same date side by side instead of on top of each other."""
    groups: dict[tuple[date, date], list[int]] = {}
    for index, point in enumerate(points):
        groups.setdefault((point.start, point.end), []).append(index)
    offsets = [0.0] * len(points)
    for members in groups.values():
        for rank, index in enumerate(members):
            offsets[index] = (rank - (len(members) - 1) / 2) * (MARK * 2 + 6)
    return offsets


def _place_label(
    text: str, mark: Box, marks: list[Box], taken: list[Box], frame: Frame, width: float
) -> tuple[Box, bool]:
    """The place nearest its mark for a mark's label that covers no other mark, line or label and is not
    nearer another mark than its own (the least crowded place when there is none); True when it is away from
    its mark, so a leader line must join them."""
    w, h = text_width(text), FONT * 1.2
    cx, cy = mark.centre
    candidates: list[tuple[float, Box]] = []
    for row in range(-7, 8):
        y0 = cy - h / 2 + row * h
        for x0 in (
            *(mark.x1 + 3 + 6 * k for k in range(9)),
            *(mark.x0 - 3 - w - 6 * k for k in range(9)),
            *(cx - w / 2 + 6 * k for k in range(-6, 7)),
        ):
            box = Box(x0, y0, x0 + w, y0 + h)
            if box.x0 < frame.left + 2 or box.x1 > width - 2 or box.y0 < 2 or box.y1 > frame.bottom - 1:
                continue
            if box.overlap(mark) > 0:
                continue
            gap_x, gap_y = box.gap(mark)
            score = gap_x + 1.5 * gap_y + 2 * abs(row) + (0 if box.x0 >= mark.x1 else 1)
            if any(sum(box.gap(other)) < gap_x + gap_y + 3 for other in marks if other is not mark):
                score += 40  # nearer another mark: a reader would take it for that one's
            candidates.append((score, box))
    candidates.sort(key=lambda pair: pair[0])
    best: tuple[float, Box] | None = None
    for score, box in candidates:
        room = Box(box.x0 - 3, box.y0, box.x1 + 3, box.y1)  # a little air between neighbouring labels
        crowding = sum(room.overlap(other) for other in taken)
        if crowding == 0:
            return box, _away(box, mark)
        if best is None or crowding + score < best[0]:
            best = (crowding + score, box)
    box = best[1] if best is not None else Box(mark.x1 + 4, cy - h / 2, mark.x1 + 4 + w, cy + h / 2)
    return box, _away(box, mark)


def _away(label: Box, mark: Box) -> bool:
    """Whether a label is away from its mark: not right beside it on its line, nor right above or below it."""
    gap_x, gap_y = label.gap(mark)
    cx, cy = mark.centre
    beside = label.y0 <= cy <= label.y1 and gap_x <= 6
    over = label.x0 <= cx <= label.x1 and gap_y <= 4
    return not (beside or over)


def _label_text(point: Point, cited: Mapping[str, tuple[int, ...]]) -> str:
    numbers = "".join(f"[{n}]" for n in cited.get(point.fact, ()))
    return " ".join(part for part in (point.compact, numbers, "!" if point.conflicts else "") if part)


def _date_span(x0: float, x1: float, y: float) -> list[str]:
    """A thin line across the days a date can mean, with a tick at each end."""
    out = [el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=SPAN_INK, stroke_width=1)]
    out += [el("line", x1=x, y1=y - 2.5, x2=x, y2=y + 2.5, stroke=SPAN_INK, stroke_width=1) for x in (x0, x1)]
    return out


def _marks(series: Series, frame: Frame, cited: Mapping[str, tuple[int, ...]], width: float) -> list[str]:
    out: list[str] = []
    drawn: list[tuple[Point, Box]] = []
    lines: list[Box] = []  # the thin lines a label should not cover either: date spans, open-ended dashes
    for point, offset in zip(series.points, _spread(series.points), strict=True):
        colour = CONFLICT_INK if point.conflicts else INK
        x0, x1 = frame.x(point.start), frame.x(point.end + timedelta(days=1))
        x = (x0 + x1) / 2 + offset
        low, high = _heights(point, frame)
        anchor = high if point.shape == "below" else low
        title = f"{point.value} ({point.date_text}; grade {point.grade}; {point.source})"
        out.append(f'<g class="mark mark-{escape(point.shape, quote=True)}">' + el("title", title))
        if point.shape == "above":
            lines.append(Box(x - 1.5, frame.top, x + 1.5, anchor))
        elif point.shape == "below":
            lines.append(Box(x - 1.5, anchor, x + 1.5, frame.bottom))
        if x1 - x0 > MARK * 2:  # the days the date can mean, where wider than the mark
            out += _date_span(x0 + 0.5, x1 - 0.5, anchor)
            lines.append(Box(x0, anchor - 3, x1, anchor + 3))
        parts, box = _shape(point.shape, x, low, high, colour, frame)
        out += parts
        if point.conflicts:
            box = Box(box.x0 - 3, box.y0 - 3, box.x1 + 3, box.y1 + 3)
            out.append(
                el(
                    "rect",
                    x=box.x0,
                    y=box.y0,
                    width=box.x1 - box.x0,
                    height=box.y1 - box.y0,
                    fill="none",
                    stroke=colour,
                    stroke_width=1.2,
                    stroke_dasharray="2 1.5",
                )
            )
        out.append("</g>")
        drawn.append((point, box))
    marks = [box for _, box in drawn]
    taken = [*marks, *lines]
    for point, box in drawn:
        text = _label_text(point, cited)
        label, away = _place_label(text, box, marks, taken, frame, width)
        taken.append(label)
        if away:
            cx, cy = box.centre
            lx = min(max(cx, label.x0), label.x1)
            ly = label.y1 if label.y1 <= box.y0 else label.y0 if label.y0 >= box.y1 else (label.y0 + label.y1) / 2
            out.append(el("line", x1=cx, y1=cy, x2=lx, y2=ly, stroke=SPAN_INK, stroke_width=0.6))
        weight = "bold" if point.conflicts else None
        out.append(el("text", text, class_="label", x=label.x0, y=label.y1 - FONT * 0.3, font_weight=weight))
    return out


def _legend_mark(key: str, x: float, mid: float, frame: Frame) -> list[str]:
    if key == "conflict":
        box = el(
            "rect",
            x=x - 6,
            y=mid - 6,
            width=12,
            height=12,
            fill="none",
            stroke=CONFLICT_INK,
            stroke_width=1.2,
            stroke_dasharray="2 1.5",
        )
        return [box, el("text", "!", x=x, y=mid + FONT * 0.35, text_anchor="middle", font_weight="bold")]
    if key == "span":
        return _date_span(x - 8, x + 8, mid)
    half = 6.0 if key in ("range", "vague") else 0.0
    inside = Frame(frame.left, mid - 7, frame.right, mid + 7, frame.first, frame.last, frame.y_top)
    return _shape(key, x, mid + half, mid - half, INK, inside)[0]


def _legend(series: Series, frame: Frame, width: float, top: float) -> tuple[list[str], float]:
    """A row (or rows) of the marks the chart uses, each with what it means; the SVG and its height."""
    used = [shape for shape in SHAPES if any(p.shape == shape for p in series.points)]
    keys = [*used, *(["conflict"] if any(p.conflicts for p in series.points) else []), "span"]
    out: list[str] = []
    x, y = frame.left, top + FONT
    for key in keys:
        words = LEGEND_WORDS[key]
        item_width = 24 + text_width(words)
        if x + item_width > width - 4 and x > frame.left:
            x, y = frame.left, y + FONT * 1.8
        out += _legend_mark(key, x + 8, y - FONT * 0.35, frame)
        out.append(el("text", words, x=x + 22, y=y))
        x += item_width + 14
    return out, y + FONT * 0.8 - top


def svg_chart(
    series: Series,
    cited: Mapping[str, tuple[int, ...]] | None = None,
    *,
    width: int = 640,
    plot_height: int = 190,
    chart_id: str = "chart",
) -> str:
    """The chart as one <svg> element. `cited`: fact id -> the numbers of its citations in the pack, shown
    beside its mark; `chart_id`: a prefix for the ids inside it, unique on the page."""
    frame = _frame(series, width, plot_height)
    body = _axes(frame, series.what) + _marks(series, frame, cited or {}, width)
    legend_top = frame.bottom + 10 + 3 * FONT
    legend, legend_height = _legend(series, frame, width, legend_top)
    height = legend_top + legend_height + 6
    title_id = f"{chart_id}-title"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {_n(height)}" '
        f'width="{width}" height="{_n(height)}" role="img" aria-labelledby="{escape(title_id, quote=True)}" '
        f'font-family="sans-serif" font-size="{FONT}" fill="{INK}">'
    )
    return "\n".join([head, el("title", caption(series), id=title_id), *body, *legend, "</svg>"])
