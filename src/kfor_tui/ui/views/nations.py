"""Pane 1, the first screen: who is in the mission. The mission's size as reported, how many contributing
nations these briefings name beside the number a report states, then the rows in labelled groups
(index/nation_groups.py): contributing nations, the host and other nations, organisations and units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.first_screen import TREND_WIDTH, FirstScreen, Part, first_screen
from kfor_tui.index.nation_groups import grouped
from kfor_tui.index.nation_summary import Subject, subjects
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate, Reshow
from kfor_tui.ui.terminal import ASCII, glyphs
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible, header_cell
from kfor_tui.ui.virtual_table import VirtualTable

TREND_FROM = 96  # the terminal width from which each row shows its trend


def styled(parts: list[Part]) -> Content:
    """Parts of index/first_screen.py as styled text: the text is never parsed as markup, and a role is one
    of three, each with its own style (a role read from the load cache is checked against them)."""
    styles = {"": "", "bold": "bold", "conflict": marks.content_style("kfor-conflict")}
    return Content.assemble(*((text, styles[role]) for text, role in parts))


class GroupedTable(VirtualTable):
    """The nations table: a group's heading (a row of one cell, skipped by the cursor) spans the line."""

    def _draw(self, cells: Sequence[Text]) -> list[Segment]:
        if len(cells) != 1:
            return super()._draw(cells)
        text = cells[0].copy()
        text.no_wrap, text.end = True, ""
        text.truncate(max(1, sum(width + 2 for width in self._widths()) - 2), overflow="ellipsis")
        line = Text(" ", end="")
        line.append_text(text)
        return list(line.render(self.app.console))


class NationsPane(View):
    view_name = "nations"
    BINDINGS = [bindings.SORT, bindings.FACT, bindings.CHART]

    def title(self) -> Content:
        if self.options.nation_sort == "strength":
            return Content("Nations by stated strength (ranges by low end)")
        return Content("Nations (by name)")

    # Set by the view host to paint the first screen kept in the load cache while the corpus is read.
    preview: FirstScreen | None = None

    def shown(self) -> FirstScreen:
        return self.preview if self.preview is not None else first_screen(self.corpus)

    def compose(self) -> ComposeResult:
        shown = self.shown()
        if shown.headlines:
            lines = [styled(parts) for parts in shown.headlines]
            yield Static(Content("\n").join(lines), id="nations-headline", classes="summary")
        if shown.counts:
            counts = [styled(parts) for parts in shown.counts]
            yield Static(Content("\n").join(counts), id="nations-count", classes="summary")
        yield GroupedTable(id="nations-table")

    def on_mount(self) -> None:
        table = self.query_one("#nations-table", VirtualTable)
        narrow = self.width < 70
        fixed = [4, 16 if narrow else 22, 8, 11]
        table.add_column("Code", width=4, key="code")
        table.add_column("Name", width=fixed[1], key="name")
        table.add_column("Strength", width=8, key="strength")
        table.add_column("As of", width=11, key="as-of")
        self.rows: list[str | Subject] = []
        if self.preview is not None or self.options.nation_sort == "name":
            self.rows = list(self.shown().rows)
        else:
            for group in grouped(self.corpus, subjects(self.corpus), self.options.nation_sort):
                self.rows += [group.label, *group.subjects]
        # a trend where the width allows and some row has one (two or more dated numbers)
        self.trends: dict[str, str] = {}
        if self.width >= TREND_FROM and self.preview is not None:
            ascii = glyphs() is ASCII
            kept = {key: both[1] if ascii else both[0] for key, both in self.preview.trends.items()}
            self.trends = {key: shown for key, shown in kept.items() if shown}
        elif self.width >= TREND_FROM:  # the series and the plot imported only then (80 columns has no trends)
            from kfor_tui.charts.terminal_plot import trends_of

            keys = [item.key for item in self.rows if not isinstance(item, str)]
            self.trends = trends_of(self.corpus, keys, TREND_WIDTH, ascii=glyphs() is ASCII)
        if self.trends:
            fixed.append(TREND_WIDTH)
            table.add_column("Trend", width=TREND_WIDTH, key="trend")
        table.add_column("Summary", width=flexible(self.width, fixed, 12), key="summary")
        table.skip_rows = {row for row, item in enumerate(self.rows) if isinstance(item, str)}
        table.set_rows(len(self.rows), self._cells, key_of=self._key)
        self.restore_row(table, self.location.row)

    def _key(self, row: int) -> str | None:
        item = self.rows[row]
        return None if isinstance(item, str) else item.key

    def _cells(self, row: int) -> list[Text]:
        subject = self.rows[row]
        if isinstance(subject, str):
            return [header_cell(f"-- {subject} --")]
        label = subject.code if subject.kind == "nation" else (subject.code or "org")
        cells = [cell(label), cell(subject.name), cell(subject.strength.display()), cell(subject.strength.date())]
        if self.trends:
            cells.append(cell(self.trends.get(subject.key, ""), "bold"))
        return [*cells, cell(subject.summary)]

    def _open(self, row: int) -> None:
        key = self.query_one("#nations-table", VirtualTable).row_key(row)
        if key is not None:  # a group heading opens nothing (the cursor never rests on one)
            self.post_message(Navigate(Location("nation", key)))

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        self._open(event.cursor_row)

    def action_fact_detail(self) -> None:
        """i: the row's dossier, as enter opens it (a nation or an organisation is not one fact)."""
        self._open(self.query_one("#nations-table", VirtualTable).cursor_row)

    def action_strength_chart(self) -> None:
        """t: the strength over time of the row's nation or organisation, the cursor on its latest point."""
        table = self.query_one("#nations-table", VirtualTable)
        key = table.row_key(table.cursor_row)
        if key is not None:
            self.post_message(Navigate(Location("chart", key, -1)))

    def action_sort(self) -> None:
        """s: by name, or by the strength each nation's sources state (within each group)."""
        sort = "strength" if self.options.nation_sort == "name" else "name"
        self.post_message(Reshow(replace(self.options, nation_sort=sort)))
