"""One fact: what it says, every citation with its grade (enter opens the quote), and competing claims."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.citations import quote_row
from kfor_tui.index.fact_fields import fact_fields
from kfor_tui.index.facts import conflicts_of, source_count, title_of, when_of
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.index.involvement import nations_of
from kfor_tui.model import Record
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible
from kfor_tui.ui.views.conflict_table import fill_conflicts


class FactDetail(View):
    view_name = "fact"

    @property
    def fact(self) -> Record | None:
        return self.corpus.by_id.get(self.location.key or "")

    def title(self) -> Content:
        fact = self.fact
        return Content(f"Fact: {title_of(self.corpus, fact) if fact else self.location.key}")

    def compose(self) -> ComposeResult:
        fact = self.fact
        if fact is None:
            yield Static(Content(f"No record {self.location.key!r} in the corpus."), classes="note")
            return
        when = when_of(fact)
        nations = ", ".join(self.corpus.name_of(c) for c in nations_of(self.corpus, fact)) or "none named"
        conflicts = conflicts_of(self.corpus, fact.id)
        lines = Content.assemble(
            (f"{fact.kind.upper()} ", "bold"),
            title_of(self.corpus, fact),
            "\n",
            ("When: ", "bold"),
            when.describe() if when else "undated",
            "   ",
            ("Grade: ", "bold"),
            fact_grade(self.corpus, fact),
            f" ({source_count(fact)} source(s))",
            ("   CONFLICT" if conflicts else "", "bold reverse"),
            "\n",
            ("Nations: ", "bold"),
            nations,
            *((("\nNote: ", "bold"), fact.note) if fact.note else ()),
        )
        yield Static(lines, id="fact-summary", classes="summary")
        yield KeyedTable(id="fact-fields")
        yield KeyedTable(id="fact-cites")
        if conflicts:
            yield KeyedTable(id="fact-conflicts", classes="conflicts")

    def on_mount(self) -> None:
        fact = self.fact
        if fact is None:
            return
        fields = self.query_one("#fact-fields", KeyedTable)
        fields.add_column("Field", width=14, key="field")
        fields.add_column("Value", width=flexible(self.width, [14]), key="value")
        for label, value in fact_fields(self.corpus, fact):
            fields.add_row(cell(label, "bold"), cell(value, wrap=True), height=None)
        table = self.query_one("#fact-cites", KeyedTable)
        fixed = [3, 20]
        table.add_column("Grd", width=3, key="grade")
        table.add_column("Source", width=20, key="source")
        table.add_column("Quote (enter opens it in the source)", width=flexible(self.width, fixed), key="quote")
        for index, cite in enumerate(fact.cites):
            source = self.corpus.source(cite.src)
            name = f"{source.publisher}, {source.published_label()}" if source else cite.src
            quote = f"\u00ab{cite.quote}\u00bb" + (f" (meaning: {cite.clean})" if cite.clean else "")
            who = f"; said by {self.corpus.name_of(cite.attributed_to)}" if cite.attributed_to else ""
            table.add_row(
                cell(cite_grade(self.corpus, cite), wrap=True),
                cell(name + who, wrap=True),
                cell(quote, wrap=True),
                key=str(index),
                height=None,
            )
        conflicts = conflicts_of(self.corpus, fact.id)
        if conflicts:
            fill_conflicts(self.query_one("#fact-conflicts", KeyedTable), self.corpus, conflicts, self.width)
        self.restore_row(table, self.location.row)

    def focus_first(self) -> None:
        """The citations first: enter on a fact opens its quote; tab reaches the fields."""
        cites = self.query("#fact-cites")
        if cites:
            cites.first().focus()
        else:
            super().focus_first()

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        fact = self.fact
        if fact is None or event.data_table.id != "fact-cites":
            return
        cite = fact.cites[event.cursor_row]
        row = quote_row(self.corpus, fact, cite)
        if row is not None:
            self.post_message(Navigate(Location("reader", cite.src, row)))

    def yank_text(self) -> tuple[str, str] | None:
        """The fact with the citation under the cursor when the citations have focus, else with all of them."""
        from kfor_tui.ui.yank import fact_citation

        fact = self.fact
        if fact is None:
            return None
        cites = self.query_one("#fact-cites", KeyedTable)
        if cites.has_focus and fact.cites:
            row = min(cites.cursor_row, len(fact.cites) - 1)
            return "fact with this citation", fact_citation(self.corpus, fact, fact.cites[row])
        return "fact with its citations", fact_citation(self.corpus, fact)
