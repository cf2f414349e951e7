"""Pane 1: every nation in the corpus (plus Kosovo, Serbia and the organisations) with strength and summary."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.facts import conflicts_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.nation_summary import Headline, headlines, sort_subjects, subjects
from kfor_tui.model import Corpus, Figure
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate, Reshow
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible
from kfor_tui.ui.virtual_table import VirtualTable

NOUNS = {"personnel": "personnel", "contributing_nations": "nations"}


def headline_text(corpus: Corpus, headline: Headline) -> Content:
    """'KFOR: 4,443 personnel from 28 countries (Mar 2024, C2)': the figures of one report in one sentence, with
    that report's date and grade; CONFLICT and the other report's value where another report disagrees."""

    def value(figure: Figure) -> str:
        shown = figure.value.display()  # the source's words ("over 30 nations") when it gave them
        return shown if any(ch.isalpha() for ch in shown) else f"{shown} {NOUNS.get(figure.metric, '')}".rstrip()

    mission = headline.mission
    parts: list[str | tuple[str, str]] = [(mission.short or mission.name, "bold"), ":"]
    for number, figure in enumerate(headline.figures):
        parts += [" from " if number else " ", (value(figure), "bold")]
    grades = " / ".join(dict.fromkeys(fact_grade(corpus, figure) for figure in headline.figures))
    parts.append(f" ({headline.figures[0].as_of.display()}, {grades})")
    for figure in headline.figures:
        others = [
            claim.value.display()
            for conflict in conflicts_of(corpus, figure.id)
            for claim_id in conflict.claims
            if claim_id != figure.id and isinstance(claim := corpus.by_id.get(claim_id), Figure)
        ]
        if others:
            parts += [" ", ("CONFLICT", marks.content_style("kfor-conflict")), " also " + " / ".join(others)]
    return Content.assemble(*parts)


class NationsPane(View):
    view_name = "nations"
    BINDINGS = [bindings.SORT]

    def title(self) -> Content:
        if self.options.nation_sort == "strength":
            return Content("Nations by stated strength (ranges by low end)")
        return Content("Nations (by name)")

    def compose(self) -> ComposeResult:
        lines = [headline_text(self.corpus, h) for h in headlines(self.corpus)]
        if lines:
            yield Static(Content("\n").join(lines), id="nations-headline", classes="summary")
        yield VirtualTable(id="nations-table")

    def on_mount(self) -> None:
        table = self.query_one("#nations-table", VirtualTable)
        narrow = self.width < 70
        fixed = [4, 16 if narrow else 22, 8, 11]
        table.add_column("Code", width=4, key="code")
        table.add_column("Name", width=fixed[1], key="name")
        table.add_column("Strength", width=8, key="strength")
        table.add_column("As of", width=11, key="as-of")
        table.add_column("Summary", width=flexible(self.width, fixed, 12), key="summary")
        self.subjects = sort_subjects(subjects(self.corpus), self.options.nation_sort)
        table.set_rows(len(self.subjects), self._cells, key_of=lambda row: self.subjects[row].key)
        self.restore_row(table, self.location.row)

    def _cells(self, row: int) -> list[Text]:
        subject = self.subjects[row]
        label = subject.code if subject.kind == "nation" else (subject.code or "org")
        return [
            cell(label),
            cell(subject.name),
            cell(subject.strength.display()),
            cell(subject.strength.date()),
            cell(subject.summary),
        ]

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        key = event.table.row_key(event.cursor_row)
        if key is not None:
            self.post_message(Navigate(Location("nation", key)))

    def action_sort(self) -> None:
        """s: by name, or by the strength each nation's sources state."""
        sort = "strength" if self.options.nation_sort == "name" else "name"
        self.post_message(Reshow(replace(self.options, nation_sort=sort)))
