"""The chart view (t from the nations pane or a dossier): one subject's strength over time, the cursor on a
point, up/down to the previous or next subject (missions first, then nations by name), enter to the fact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.strength_series import Series, charted_keys, series_of
from kfor_tui.model import Corpus, Record
from kfor_tui.ui import bindings
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.strength_chart import StrengthChart


def chart_location(key: str, point: int | None = None) -> Location:
    """The chart of a subject; `point` None puts the cursor on the latest point."""
    return Location("chart", key, -1 if point is None else point)


class ChartView(View):
    view_name = "chart"
    BINDINGS = [bindings.FACT, bindings.CONFLICT]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        self.series: Series = series_of(corpus, location.key or "")
        count = len(self.series.points)
        row = location.row
        self.start_at = (count - 1 if not 0 <= row < count else row) if count else None

    def title(self) -> Content:
        return Content(f"Strength over time: {self.series.name} ({self.series.what})")

    def _subjects(self) -> tuple[str, ...]:
        return charted_keys(self.corpus)

    def compose(self) -> ComposeResult:
        yield Static(self._summary(), id="chart-summary", classes="summary")
        yield StrengthChart(self.corpus, self.series, cursor=self.start_at, id="strength-chart")

    def _summary(self) -> Content:
        series = self.series
        keys = self._subjects()
        place = f"{keys.index(series.key) + 1} of {len(keys)} charted" if series.key in keys else "not charted"
        if not series.points:
            return Content(f"{series.name}: no dated {series.what} stated  ({place})")
        first, last = series.points[0], series.points[-1]
        span = first.date_text if first is last else f"{first.date_text} to {last.date_text}"
        count = len(series.points)
        undated = f"; {len(series.undated)} undated, not drawn" if series.undated else ""
        return Content(f"{series.name}: {count} stated, {span}{undated}  ({place})")

    def chart(self) -> StrengthChart:
        return self.query_one("#strength-chart", StrengthChart)

    def focus_first(self) -> None:
        self.chart().focus()

    def current_location(self) -> Location:
        cursor = self.chart().cursor
        return self.location.at(-1 if cursor is None else cursor)

    def fact_at_cursor(self) -> Record | None:
        point = self.chart().point
        return self.corpus.by_id.get(point.fact) if point is not None else None

    def action_fact_detail(self) -> None:
        self.chart().action_open_point()

    def on_strength_chart_subject_step(self, message: StrengthChart.SubjectStep) -> None:
        message.stop()
        keys = self._subjects()
        if not keys:
            return
        if self.series.key in keys:
            at = keys.index(self.series.key) + message.direction
        else:
            at = 0 if message.direction > 0 else len(keys) - 1
        if 0 <= at < len(keys):
            self.post_message(Navigate(chart_location(keys[at])))
        else:
            self.app.notify(
                "This is the first charted subject." if at < 0 else "This is the last charted subject.", markup=False
            )

    def on_strength_chart_moved(self, message: StrengthChart.Moved) -> None:
        message.stop()
