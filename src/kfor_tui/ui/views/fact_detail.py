"""One fact: what it says (its summary and note whole), every citation with its grade (enter opens the quote),
the records it names and that name it (enter opens them), and competing claims."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.citations import quote_row
from kfor_tui.index.fact_fields import fact_fields
from kfor_tui.index.facts import conflicts_of, source_count, title_of, when_of
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.index.involvement import nations_of
from kfor_tui.index.references import Reference, related
from kfor_tui.index.review_state import field_changes
from kfor_tui.model import FACT_TYPES, Record
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import MarkReviewed, Navigate
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible
from kfor_tui.ui.views.conflict_table import fill_conflicts

FACT_KINDS = frozenset(kind.kind for kind in FACT_TYPES)


def location_of(reference: Reference) -> Location:
    """Where following a reference goes: a fact's detail, a source's information, a conflict's row on the
    board, and for a nation, organisation, person or place its dossier."""
    if reference.kind in FACT_KINDS:
        return Location("fact", reference.target)
    if reference.kind == "source":
        return Location("source", reference.target)
    if reference.kind == "conflict":
        return Location("conflicts", reference.target)
    return Location("nation", reference.target)


def kind_word(kind: str) -> str:
    return kind.replace("_", " ")


class FactDetail(View):
    view_name = "fact"
    BINDINGS = [
        bindings.CONFLICT,
        bindings.SOURCE_INFO,
        bindings.MARK_REVIEWED,
        bindings.EDIT_RECORD,
        bindings.DELETE_RECORD,
    ]

    @property
    def fact(self) -> Record | None:
        return self.corpus.by_id.get(self.location.key or "")

    def title(self) -> Content:
        fact = self.fact
        return Content(f"Fact: {title_of(self.corpus, fact) if fact else self.location.key}")

    def status(self) -> Content:
        shown = super().status()
        if shown.plain:
            return shown
        return Content("enter opens the quote or record; I source; E edit; D delete; tab next part")

    def compose(self) -> ComposeResult:
        fact = self.fact
        if fact is None:
            yield Static(Content(f"No record {self.location.key!r} in the corpus."), classes="note")
            return
        when = when_of(fact)
        nations = ", ".join(self.corpus.name_of(c) for c in nations_of(self.corpus, fact)) or "none named"
        conflicts = conflicts_of(self.corpus, fact.id)
        mark = self.options.mark_of(fact.id)
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
            (f"   {mark} since your review" if mark else "", "bold underline"),
            "\n",
            ("Nations: ", "bold"),
            nations,
        )
        yield Static(lines, id="fact-summary", classes="summary")
        if mark == "CHANGED":
            yield KeyedTable(id="fact-changes")
        yield KeyedTable(id="fact-fields")
        yield KeyedTable(id="fact-cites")
        self.related = related(self.corpus, fact)
        if self.related:
            yield KeyedTable(id="fact-related")
        if conflicts:
            yield KeyedTable(id="fact-conflicts", classes="conflicts")

    def on_mount(self) -> None:
        fact = self.fact
        if fact is None:
            return
        if self.options.mark_of(fact.id) == "CHANGED":
            self._fill_changes(fact)
        self._fill_fields(fact)
        table = self.query_one("#fact-cites", KeyedTable)
        fixed = [3, 20 if self.width < 100 else 30]
        table.add_column("Grd", width=3, key="grade")
        table.add_column("Source", width=fixed[1], key="source")
        table.add_column("Quote (enter opens it in the source)", width=flexible(self.width, fixed), key="quote")
        for index, cite in enumerate(fact.cites):
            source = self.corpus.source(cite.src)
            name = f"{source.publisher}, {source.published_label()}" if source else cite.src
            quote = f"\u00ab{cite.quote}\u00bb" + (f" (meaning: {cite.clean})" if cite.clean else "")
            quote += f" Note: {cite.note}" if cite.note else ""
            who = f"; said by {self.corpus.name_of(cite.attributed_to)}" if cite.attributed_to else ""
            table.add_row(
                cell(cite_grade(self.corpus, cite), wrap=True),
                cell(name + who, wrap=True),
                cell(quote, wrap=True),
                key=str(index),
                height=None,
            )
        if self.related:
            self._fill_related()
        conflicts = conflicts_of(self.corpus, fact.id)
        if conflicts:
            fill_conflicts(self.query_one("#fact-conflicts", KeyedTable), self.corpus, conflicts, self.width)
        self.restore_row(table, self.location.row)

    def _fill_changes(self, fact: Record) -> None:
        """A fact CHANGED since the last review: each changed field as reviewed and as it reads now, side by side."""
        review = self.options.review
        changes = field_changes(review, self.corpus, fact.id) if review is not None else ()
        table = self.query_one("#fact-changes", KeyedTable)
        half = max(16, (self.width - 14 - 2 * 4 - 3) // 2)
        table.add_column("Changed", width=14, key="field")
        table.add_column("As reviewed", width=half, key="old")
        table.add_column("Now", width=half, key="new")
        for change in changes:
            table.add_row(
                cell(change.field, "bold", wrap=True),
                cell(change.old if change.old is not None else "(none)", wrap=True),
                cell(change.new if change.new is not None else "(none)", wrap=True),
                height=None,
            )

    def action_mark_reviewed(self) -> None:
        """r: this fact as reviewed (as it reads now)."""
        fact = self.fact
        if fact is not None:
            self.post_message(MarkReviewed((fact.id,)))

    def action_edit_record(self) -> None:
        """E: this fact's record in the capture form; the change is previewed before it is written."""
        fact = self.fact_at_cursor()
        if fact is not None:
            from kfor_tui.ui.edit_record import start_edit

            start_edit(self, fact)

    def action_delete_record(self) -> None:
        """D: delete this fact's record from its file, after a preview of the deletion."""
        fact = self.fact_at_cursor()
        if fact is not None:
            from kfor_tui.ui.edit_record import start_delete

            start_delete(self, fact, title_of(self.corpus, fact))

    def _fill_fields(self, fact: Record) -> None:
        """Every field, then the analyst's note: whole, wrapped in the column (the table scrolls)."""
        rows = fact_fields(self.corpus, fact)
        if fact.note:
            rows.append(("Note", " ".join(fact.note.split())))
        fields = self.query_one("#fact-fields", KeyedTable)
        label = min(max((len(name) for name, _ in rows), default=5), 16 if self.width < 100 else 26)
        fields.add_column("Field", width=label, key="field")
        fields.add_column("Value", width=flexible(self.width, [label]), key="value")
        for name, value in rows:
            fields.add_row(cell(name, "bold", wrap=True), cell(value, wrap=True), height=None)

    def _fill_related(self) -> None:
        table = self.query_one("#fact-related", KeyedTable)
        narrow = self.width < 100
        relation = min(max(len(r.relation) for r in self.related), 18 if narrow else 32)
        kind = max(4, max(len(kind_word(r.kind)) for r in self.related))
        table.add_column("Related", width=relation, key="relation")
        table.add_column("Kind", width=kind, key="kind")
        table.add_column("Record (enter opens it)", width=flexible(self.width, [relation, kind]), key="name")
        for index, reference in enumerate(self.related):
            table.add_row(
                cell(reference.relation, wrap=True),
                cell(kind_word(reference.kind), wrap=True),
                cell(reference.name, wrap=True),
                key=str(index),
                height=None,
            )

    def focus_first(self) -> None:
        """The citations first: enter on a fact opens its quote; tab reaches the related records and fields."""
        cites = self.query("#fact-cites")
        if cites:
            cites.first().focus()
        else:
            super().focus_first()

    def fact_at_cursor(self) -> Record | None:
        """The fact shown (C opens its conflict on the board)."""
        fact = self.fact
        return fact if isinstance(fact, FACT_TYPES) else None

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        fact = self.fact
        if fact is None:
            return
        if event.data_table.id == "fact-related" and self.related:
            self.post_message(Navigate(location_of(self.related[event.cursor_row])))
            return
        if event.data_table.id != "fact-cites":
            return
        cite = fact.cites[event.cursor_row]
        row = quote_row(self.corpus, fact, cite)
        if row is not None:
            self.post_message(Navigate(Location("reader", cite.src, row)))

    def action_source_info(self) -> None:
        """I: the information about the source of the citation under the cursor (the first when elsewhere)."""
        fact = self.fact
        if fact is None or not fact.cites:
            return
        cites = self.query_one("#fact-cites", KeyedTable)
        row = min(cites.cursor_row, len(fact.cites) - 1) if cites.has_focus else 0
        self.post_message(Navigate(Location("source", fact.cites[row].src)))

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
