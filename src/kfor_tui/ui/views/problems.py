"""The loader's problems, the same lines as `kfor-tui check` prints."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible

SHOWN_LIMIT = 1_000


class ProblemsView(View):
    view_name = "problems"

    def title(self) -> Content:
        return Content(f"Problems ({len(self.corpus.problems)})")

    def compose(self) -> ComposeResult:
        if not self.corpus.problems:
            yield Static(Content("No problems: every briefing loaded cleanly."), classes="note")
        yield KeyedTable(id="problems-table")

    def on_mount(self) -> None:
        table = self.query_one("#problems-table", KeyedTable)
        table.add_column("Problem (path:line:col: severity: message)", width=flexible(self.width, []), key="problem")
        problems = self.corpus.problems
        # at most SHOWN_LIMIT wrapped rows (a table measures every row when it is laid out), errors first;
        # `kfor-tui check` prints them all
        shown = (
            problems
            if len(problems) <= SHOWN_LIMIT
            else sorted(problems, key=lambda p: p.severity != "error")[:SHOWN_LIMIT]
        )
        for problem in shown:
            style = "bold" if problem.severity == "error" else ""
            table.add_row(cell(str(problem), style, wrap=True), height=None)
        if len(shown) < len(problems):
            table.add_row(
                cell(
                    f"... and {len(problems) - len(shown):,} more: run `kfor-tui check` to list them all",
                    "italic",
                    wrap=True,
                ),
                height=None,
            )
        self.restore_row(table, self.location.row)
