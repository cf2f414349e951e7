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

from kfor_tui.index.facts import conflicts_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.nation_groups import ContributorCount, contributor_counts, grouped
from kfor_tui.index.nation_summary import Headline, Subject, headlines, subjects
from kfor_tui.model import Corpus, Figure
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate, Reshow
from kfor_tui.ui.terminal import ASCII, glyphs
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible, header_cell
from kfor_tui.ui.virtual_table import VirtualTable

TREND_FROM, TREND_WIDTH = 96, 8  # the terminal width from which each row shows its trend, and the trend's width
NOUNS = {"personnel": "personnel", "contributing_nations": "nations"}


def _value(figure: Figure) -> str:
    shown = figure.value.display()  # the source's words ("over 30 nations") when it gave them
    return shown if any(ch.isalpha() for ch in shown) else f"{shown} {NOUNS.get(figure.metric, '')}".rstrip()


def _conflicting(corpus: Corpus, figure: Figure) -> list[str]:
    """The values of the other claims of every conflict the figure is in."""
    return [
        claim.value.display()
        for conflict in conflicts_of(corpus, figure.id)
        for claim_id in conflict.claims
        if claim_id != figure.id and isinstance(claim := corpus.by_id.get(claim_id), Figure)
    ]


def headline_text(corpus: Corpus, headline: Headline) -> Content:
    """'KFOR: 4,443 personnel from 28 countries (Mar 2024, C2)': the figures of one report in one sentence, with
    that report's date and grade; CONFLICT and the other report's value where another report disagrees."""
    mission = headline.mission
    parts: list[str | tuple[str, str]] = [(mission.short or mission.name, "bold"), ":"]
    for number, figure in enumerate(headline.figures):
        parts += [" from " if number else " ", (_value(figure), "bold")]
    grades = " / ".join(dict.fromkeys(fact_grade(corpus, figure) for figure in headline.figures))
    parts.append(f" ({headline.figures[0].as_of.display()}, {grades})")
    for figure in headline.figures:
        others = _conflicting(corpus, figure)
        if others:
            parts += [" ", ("CONFLICT", marks.content_style("kfor-conflict")), " also " + " / ".join(others)]
    return Content.assemble(*parts)


def count_text(corpus: Corpus, count: ContributorCount) -> Content:
    """'9 of 28 contributing nations named in these briefings (KFOR, Mar 2024, C2)' when the latest report states
    an exact number; when it does not ('over 30 nations', shown on the headline's own line) the count goes beside
    the latest exact one, with its date; with no exact one, the report's own words beside the count: '9
    contributing nations named here; KFOR: over 30 nations (Oct 2025, F2)'. The number of rows is never shown
    as the mission's."""
    mission = count.mission.short or count.mission.name
    nations = "nation" if count.named == 1 else "nations"
    stated = count.stated
    if stated is None:
        named = f"{count.named} contributing {nations} named here"
        return Content(f"{named}; no report gives {mission}'s number of nations")
    when = f"{stated.as_of.display()}, {fact_grade(corpus, stated)}"
    parts: list[str | tuple[str, str]]
    if stated.value.exact and stated.value.value is not None:
        parts = [
            (f"{count.named} of {stated.value.number()}", "bold"),
            f" contributing nations named in these briefings ({mission}, {when})",
        ]
    elif count.exact is not None:  # the latest report is not exact ('over 30 nations', on the headline's
        # second line): the count goes beside the latest exact one, with its date
        exact = count.exact
        parts = [
            (f"{count.named} of {exact.value.number()}", "bold"),
            f" contributing nations named in these briefings ({exact.as_of.display()}, {fact_grade(corpus, exact)})",
        ]
    else:
        parts = [
            (f"{count.named}", "bold"),
            f" contributing {nations} named here; {mission}: ",
            (_value(stated), "bold"),
            f" ({when})",
        ]
    others = _conflicting(corpus, stated)
    if others:
        parts += [" ", ("CONFLICT", marks.content_style("kfor-conflict")), " also " + " / ".join(others)]
    return Content.assemble(*parts)


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

    def compose(self) -> ComposeResult:
        lines = [headline_text(self.corpus, h) for h in headlines(self.corpus)]
        if lines:
            yield Static(Content("\n").join(lines), id="nations-headline", classes="summary")
        counts = [count_text(self.corpus, count) for count in contributor_counts(self.corpus)]
        if counts:
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
        for group in grouped(self.corpus, subjects(self.corpus), self.options.nation_sort):
            self.rows += [group.label, *group.subjects]
        # a trend where the width allows and some row has one (two or more dated numbers)
        self.trends: dict[str, str] = {}
        if self.width >= TREND_FROM:  # the series and the plot imported only then (80 columns has no trends)
            from kfor_tui.charts.terminal_plot import trend
            from kfor_tui.index.strength_series import recent_series

            ascii = glyphs() is ASCII
            for item in self.rows:
                if not isinstance(item, str):
                    shown = trend(recent_series(self.corpus, item.key, TREND_WIDTH), TREND_WIDTH, ascii=ascii)
                    if shown:
                        self.trends[item.key] = shown
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
