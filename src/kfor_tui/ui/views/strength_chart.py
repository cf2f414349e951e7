"""The strength chart: a series laid out by charts/terminal_plot.py, painted line by line, with a cursor that
steps from point to point and a readout of the current point as its source states it.

Two uses: the chart view (t), where the chart has the focus and its own keys; and a dossier's chart, which
has no cursor of its own and marks the point of the fact under the dossier's table cursor, so the row painted
as current and the point painted as current are always the same fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from kfor_tui.charts.terminal_plot import Plot, layout, legend
from kfor_tui.index.facts import conflicts_of, reported_by
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.strength_series import Point, Series
from kfor_tui.model import Corpus, Record, quantities_of
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.terminal import ASCII, glyphs
from kfor_tui.ui.views.cells import date_cell

READOUT_LINES = 2  # the current point; its conflict, or the legend (a dossier's chart: the point alone)
ROLE_CLASSES = {  # few classes: each is styled anew whenever a chart is mounted
    "axis": "strength-chart--axis",
    "exact": "strength-chart--mark",
    "about": "strength-chart--mark",
    "range": "strength-chart--mark",
    "vague": "strength-chart--mark",
    "above": "strength-chart--bound",
    "below": "strength-chart--bound",
    "open": "strength-chart--bound",
    "conflict": "strength-chart--conflict",
    "cursor": "strength-chart--cursor",
}


def other_claims(corpus: Corpus, point: Point) -> list[str]:
    """The other claims of every conflict the point is in: "4,500 (NATO, B2)", each as its report states it."""
    out: list[str] = []
    for conflict in conflicts_of(corpus, point.fact):
        for claim_id in conflict.claims:
            claim = corpus.by_id.get(claim_id)
            if claim_id == point.fact or claim is None:
                continue
            value = _stated_value(claim)
            out.append(f"{value} ({reported_by(corpus, claim)}, {fact_grade(corpus, claim)})")
    return list(dict.fromkeys(out))


def _stated_value(record: Record) -> str:
    """A claim's own number (a figure's value, a contingent's strength), compact; its id when it states none."""
    stated = [quantity for name, quantity in quantities_of(record) if name in ("value", "strength")]
    return stated[0].number() if stated else record.id


_LAID_OUT: dict[tuple[int, int, int, bool], tuple[Series, Plot]] = {}
_LAID_OUT_KEPT = 8  # charts opened again (back, forward, the next subject and back) are not laid out again


def laid_out(series: Series, width: int, height: int, ascii: bool) -> Plot:
    """The series' layout at this size, remembered for the last few series (a series of a loaded corpus never
    changes: series_of answers once per corpus)."""
    key = (id(series), width, height, ascii)
    found = _LAID_OUT.get(key)
    if found is not None and found[0] is series:
        return found[1]
    plot = layout(series, width, height, ascii=ascii)
    if len(_LAID_OUT) >= _LAID_OUT_KEPT:
        del _LAID_OUT[next(iter(_LAID_OUT))]
    _LAID_OUT[key] = (series, plot)
    return plot


class StrengthChart(Widget, can_focus=True):
    """A line-API chart of one series. `cursor` is the index of the current point (None: no point is current,
    as in a dossier whose table cursor is on a row that is not a charted fact)."""

    BINDINGS = bindings.CHART_KEYS

    COMPONENT_CLASSES = {
        "strength-chart--axis",
        "strength-chart--mark",
        "strength-chart--bound",
        "strength-chart--conflict",
        "strength-chart--cursor",
    }

    DEFAULT_CSS = """
    StrengthChart {
        height: 1fr;
        min-height: 7;
        background: $surface;
        color: $foreground;
        & > .strength-chart--axis { color: $text-muted; }
        & > .strength-chart--mark { color: $accent; text-style: bold; }
        & > .strength-chart--bound { color: $warning; text-style: bold; }
        & > .strength-chart--conflict { color: $error; text-style: bold; }
        & > .strength-chart--cursor { text-style: reverse bold; }
    }
    """

    cursor: reactive[int | None] = reactive(None, always_update=True)

    @dataclass
    class SubjectStep(Message):
        """up/down in the chart view: the previous or next subject's chart."""

        direction: int

    @dataclass
    class Moved(Message):
        """The current point changed (the view remembers it for back/forward)."""

        chart: StrengthChart
        index: int | None

    def __init__(
        self,
        corpus: Corpus,
        series: Series,
        *,
        cursor: int | None = None,
        follows: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.corpus = corpus
        self.series = series
        self.follows = follows  # a dossier's chart: no keys, the point of the table's current row
        if follows:
            self.can_focus = False
        self._plot: Plot | None = None
        self._styles: dict[str, Style] = {}  # role -> style, until the theme or the CSS changes
        self.set_reactive(StrengthChart.cursor, cursor)

    # ------------------------------------------------------------------ state

    @property
    def point(self) -> Point | None:
        index = self.cursor
        return self.series.points[index] if index is not None and 0 <= index < len(self.series.points) else None

    def show_series(self, series: Series, cursor: int | None) -> None:
        self.series = series
        self._plot = None
        self.cursor = cursor

    def show_fact(self, fact_id: str | None) -> None:
        """A dossier's chart: the point of this fact current, or none when the fact is not charted."""
        found = next((i for i, p in enumerate(self.series.points) if p.fact == fact_id), None)
        if found != self.cursor:
            self.cursor = found

    def watch_cursor(self, index: int | None) -> None:
        self.post_message(self.Moved(self, index))
        self.refresh()

    def on_resize(self) -> None:
        self._plot = None

    @property
    def readout_lines(self) -> int:
        return 1 if self.follows else READOUT_LINES

    def plot(self) -> Plot:
        width, height = max(20, self.size.width), max(5, self.size.height - self.readout_lines)
        if self._plot is None or (self._plot.width, self._plot.height) != (width, height):
            self._plot = laid_out(self.series, width, height, glyphs() is ASCII)
        return self._plot

    # ------------------------------------------------------------------ keys

    def action_point(self, step: int) -> None:
        count = len(self.series.points)
        if count:
            current = self.cursor if self.cursor is not None else (count - 1 if step > 0 else 0)
            self.cursor = min(count - 1, max(0, current + step))

    def action_first_point(self) -> None:
        if self.series.points:
            self.cursor = 0

    def action_last_point(self) -> None:
        if self.series.points:
            self.cursor = len(self.series.points) - 1

    def action_open_point(self) -> None:
        """enter: the current point's fact, with its fields and every citation."""
        point = self.point
        if point is not None:
            self.post_message(Navigate(Location("fact", point.fact)))

    def action_subject(self, direction: int) -> None:
        self.post_message(self.SubjectStep(direction))

    # ------------------------------------------------------------------ painting

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            name = ROLE_CLASSES.get(role)
            style = self._styles[role] = self.get_component_rich_style(name) if name else Style()
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        plot = self.plot()
        if y >= plot.height:
            lines = self.readout()
            line = lines[y - plot.height] if y - plot.height < len(lines) else Text("")
            line.no_wrap, line.end = True, ""
            line.truncate(width, overflow="ellipsis", pad=True)
            return Strip(list(Segment.apply_style(line.render(self.app.console), base)), width)
        current = set(plot.cells[self.cursor]) if self.cursor is not None and self.cursor < len(plot.cells) else set()
        cursor_style = self._style("cursor")
        segments: list[Segment] = []
        for x, (ch, role) in enumerate(plot.rows[y][:width]):
            style = base + self._style(role)
            if (x, y) in current:
                style += cursor_style
            segments.append(Segment(ch, style))
        return Strip(Segment.simplify(segments), min(width, plot.width)).extend_cell_length(width, base)

    def readout(self) -> list[Text]:
        """The current point as stated (value, date, grade, who reports it); below it, the other claims of its
        conflict, or the legend of the marks."""
        series, point = self.series, self.point
        first = Text()
        if not series.points:
            first.append(f"No dated {series.what} is stated for {series.name}.")
        elif point is None:
            last = series.points[-1]
            first.append(f"{len(series.points)} stated; latest ")
            first.append(last.value, "bold")
            first.append(f"  {date_cell(last.when)}  ")
            first.append(last.grade, marks.grade_style(last.grade))
            first.append(f"  {last.source}")
        else:
            index = series.points.index(point)
            first.append(f"{glyphs().current} {index + 1}/{len(series.points)}  ")
            first.append(point.value, "bold")
            first.append(f"  {date_cell(point.when)}  ")
            first.append(point.grade, marks.grade_style(point.grade))
            first.append(f"  {point.source}")
        second = Text()
        others = other_claims(self.corpus, point) if point is not None else []
        if self.follows:  # one line: the point, and the other claims when it is in a conflict
            if others:
                first.append("  ")
                first.append("CONFLICT", marks.style("kfor-conflict"))
                first.append(" also " + " / ".join(others))
            return [first]
        if others:
            second.append("CONFLICT", marks.style("kfor-conflict"))
            second.append(" also " + " / ".join(others))
        else:
            for role, mark, words in legend(series, ascii=glyphs() is ASCII):
                second.append(mark, self._style(role))
                second.append(f" {words}  ")
        return [first, second]

    def point_text(self) -> str:
        """The readout's first line as plain text (what `y` copies and tests read)."""
        return self.readout()[0].plain
