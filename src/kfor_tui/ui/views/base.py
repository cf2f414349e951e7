"""What every view has: the location it shows, its lists, `/` search, one layer for `esc` to remove, and
what `i` and `y` act on. A view owns its keys (BINDINGS from ui/bindings.py) and answers the capabilities
below; the screen asks the view, never which kind of view it is."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeGuard, runtime_checkable

from textual.containers import Vertical
from textual.content import Content

from kfor_tui.index.citations import quote_row
from kfor_tui.index.facts import conflicts_of
from kfor_tui.model import Corpus, Record
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import MarkReviewed, Navigate, Reshow
from kfor_tui.ui.row_search import RowSearch
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.virtual_table import VirtualTable

if TYPE_CHECKING:
    from typing import TypeAlias

    from kfor_tui.ui.list_keys import KeyedTable

    ListTable: TypeAlias = KeyedTable | VirtualTable
else:
    # A view's lists are KeyedTables and VirtualTables, the two lists that search their rows: told apart by
    # that at run time, so views that show only VirtualTables (the first screen) never import DataTable.
    ListTable = RowSearch


def is_list_table(widget: object) -> TypeGuard[ListTable]:
    return isinstance(widget, RowSearch)


@runtime_checkable
class HasFact(Protocol):
    """A view with a fact under its cursor: `i` opens it, `y` copies it with its citations."""

    def fact_at_cursor(self) -> Record | None: ...


@runtime_checkable
class Yankable(Protocol):
    """A view that knows what `y` copies: (what, text), or None when there is nothing."""

    def yank_text(self) -> tuple[str, str] | None: ...


def location_for_fact(corpus: Corpus, fact: Record) -> Location:
    """Where `enter` on a fact goes: its first source, at the quote; the fact itself when it cites nothing."""
    for cite in fact.cites:
        row = quote_row(corpus, fact, cite)
        if row is not None:
            return Location("reader", cite.src, row)
    return Location("fact", fact.id)


class View(Vertical):
    """Base of the panes and detail views. `width` is the terminal width the view is laid out for."""

    view_name = "view"

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(classes="view")
        self.corpus = corpus
        self.location = location
        self.width = width
        self.options = options or ViewOptions()

    def title(self) -> Content:
        return Content(self.view_name)

    def status(self) -> Content:
        table = self.active_table()
        if table is not None and table.matches:
            return Content(f"match {table.match_index + 1}/{len(table.matches)}  (n/N step, esc clears)")
        return Content("")

    def tables(self) -> list[ListTable]:
        return [w for w in self.query("KeyedTable, VirtualTable") if is_list_table(w)]

    def active_table(self) -> ListTable | None:
        focused = self.app.focused
        tables = self.tables()
        if is_list_table(focused) and focused in tables:
            return focused
        return tables[0] if tables else None

    def focus_first(self) -> None:
        widgets = [w for w in self.query("KeyedTable, VirtualTable, KeyedOptionList") if w.display]
        if widgets:
            widgets[0].focus()

    def current_location(self) -> Location:
        table = self.active_table()
        return self.location.at(table.cursor_row if table is not None else 0)

    def search(self, term: str) -> int:
        table = self.active_table()
        return table.search(term) if table is not None else 0

    def step(self, direction: int) -> bool:
        table = self.active_table()
        return table.step_match(direction) if table is not None else False

    def clear_layer(self) -> bool:
        """Remove the innermost layer this view has (search); False when there is none."""
        return any(table.clear_search() for table in self.tables())

    def restore_row(self, table: ListTable, row: int) -> None:
        if table.row_count:
            row = min(max(0, row), table.row_count - 1)
            while row in table.skip_rows and row + 1 < table.row_count:
                row += 1
            table.move_cursor(row=row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A view's keys work, and show, only while no prompt or overlay is open over it."""
        return self.screen.is_active

    # ---------------------------------------------------------------- capabilities (i, y)

    def fact_at_cursor(self) -> Record | None:
        return None

    def action_fact_detail(self) -> None:
        """i: the fact under the cursor, with its fields and every citation."""
        fact = self.fact_at_cursor()
        if fact is not None:
            self.post_message(Navigate(Location("fact", fact.id)))

    def action_open_conflict(self) -> None:
        """c: the conflicts board at the conflict the fact under the cursor is a claim in."""
        fact = self.fact_at_cursor()
        conflicts = conflicts_of(self.corpus, fact.id) if fact is not None else []
        if conflicts:
            self.post_message(Navigate(Location("conflicts", conflicts[0].id)))
        else:
            self.app.notify("The fact here is in no conflict.", markup=False)

    def shown_ids(self) -> tuple[str, ...]:
        """The records this view lists (what R marks reviewed); none by default."""
        return ()

    def action_mark_reviewed(self) -> None:
        """r: the record under the cursor as reviewed."""
        fact = self.fact_at_cursor()
        if fact is not None:
            self.post_message(MarkReviewed((fact.id,)))

    def action_mark_all_reviewed(self) -> None:
        """R: every record this view lists as reviewed."""
        ids = self.shown_ids()
        if ids:
            self.post_message(MarkReviewed(ids))

    def action_unreviewed_only(self) -> None:
        """u: show only what is new or changed since the last review, or everything again."""
        self.post_message(Reshow(replace(self.options, unreviewed_only=not self.options.unreviewed_only)))

    def yank_text(self) -> tuple[str, str] | None:
        """y: the fact under the cursor with its citations, else the current row's text."""
        from kfor_tui.ui.yank import fact_citation

        fact = self.fact_at_cursor()
        if fact is not None:
            return "fact with its citations", fact_citation(self.corpus, fact)
        table = self.active_table()
        if table is not None and table.row_count:
            text = " ".join(table.row_text(table.cursor_row).split())
            if text:
                return "current row", text
        return None
