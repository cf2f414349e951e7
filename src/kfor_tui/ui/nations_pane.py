"""Pane 1: every nation in the corpus (plus Kosovo, Serbia and the organisations) with strength and summary."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.nation_summary import Headline, conflicts_of, headlines, sort_subjects, subjects
from kfor_tui.model import Corpus, Figure
from kfor_tui.ui import marks
from kfor_tui.ui.history import Place
from kfor_tui.ui.view_base import Navigate, View, cell, flexible
from kfor_tui.ui.virtual_table import VirtualTable


def headline_text(corpus: Corpus, headline: Headline) -> Content:
    """'KFOR: 4,443 personnel (Mar 2024, C2) from over 30 nations (Oct 2025, F2)': each figure as reported,
    with its own date and grade, since they may come from different reports."""

    def told(figure: Figure) -> tuple[str | tuple[str, str], ...]:
        """Date and grade; and when another report disagrees, the word CONFLICT and the other values."""
        grade = corpus.grade(figure.cites[0]) if figure.cites else "F-"
        others = [claim.value.display() for conflict in conflicts_of(corpus, figure.id) for claim_id in conflict.claims
                  if claim_id != figure.id and isinstance(claim := corpus.by_id.get(claim_id), Figure)]
        disputed = (" ", ("CONFLICT", marks.content_style("kfor-conflict")), " also " + " / ".join(others)) \
            if others else ()
        return (f" ({figure.as_of.display()}, ", grade, ")", *disputed)

    def value(figure: Figure, noun: str) -> str:
        shown = figure.value.display()  # the source's words ("over 30 nations") when it gave them
        return shown if any(ch.isalpha() for ch in shown) else f"{shown} {noun}"

    mission = headline.mission
    parts: list[str | tuple[str, str]] = [(mission.short or mission.name, "bold"), ":"]
    if headline.personnel is not None:
        parts += [" ", (value(headline.personnel, headline.personnel.metric), "bold"), *told(headline.personnel)]
    if headline.nations is not None:
        parts += [" from " if headline.personnel is not None else " ", (value(headline.nations, "nations"), "bold"),
                  *told(headline.nations)]
    return Content.assemble(*parts)


class NationsPane(View):
    view_name = "nations"

    def __init__(self, corpus, place, width, sort_by: str = "name") -> None:  # type: ignore[no-untyped-def]
        super().__init__(corpus, place, width)
        self.sort_by = sort_by

    def title(self) -> Content:
        return Content(f"Nations (by {self.sort_by})")

    def compose(self) -> ComposeResult:
        lines = [headline_text(self.corpus, h) for h in headlines(self.corpus)]
        if lines:
            yield Static(Content("\n").join(lines), id="nations-headline", classes="summary")
        yield VirtualTable(id="nations-table")

    def on_mount(self) -> None:
        table = self.query_one("#nations-table", VirtualTable)
        narrow = self.width < 70
        fixed = [4, 16 if narrow else 22, 8]
        table.add_column("Code", width=4, key="code")
        table.add_column("Name", width=fixed[1], key="name")
        table.add_column("Strength", width=8, key="strength")
        table.add_column("Summary", width=flexible(self.width, fixed, 12), key="summary")
        self.subjects = sort_subjects(subjects(self.corpus), self.sort_by)
        table.set_rows(len(self.subjects), self._cells, key_of=lambda row: self.subjects[row].key)
        self.restore_row(table, self.place.row)

    def _cells(self, row: int) -> list[Text]:
        subject = self.subjects[row]
        label = subject.code if subject.kind == "nation" else (subject.code or "org")
        return [cell(label), cell(subject.name), cell(subject.strength.display()), cell(subject.summary)]

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        key = event.table.row_key(event.cursor_row)
        if key is not None:
            self.post_message(Navigate(Place("nation", key)))

    def cursor_key(self) -> str | None:
        table = self.query_one("#nations-table", VirtualTable)
        return table.row_key(table.cursor_row)
