"""What every view of the app has: the place it shows, its lists, search, and one layer for `esc` to remove."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from kfor_tui.dates import When
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.nation_summary import citing, conflicts_of, source_count
from kfor_tui.model import Corpus, Record
from kfor_tui.ui import marks
from kfor_tui.ui.history import Place
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.virtual_table import VirtualTable

ListTable = KeyedTable | VirtualTable


class Navigate(Message):
    """Ask the app to show a place (and record it in the history)."""

    def __init__(self, place: Place) -> None:
        super().__init__()
        self.place = place


def flexible(width: int, fixed: list[int], minimum: int = 16) -> int:
    """Width left for the one flexible column of a table with `fixed` columns, cell padding and scrollbar."""
    return max(minimum, width - sum(fixed) - 2 * (len(fixed) + 1) - 3)


def cell(value: object, style: str = "", wrap: bool = False) -> Text:
    """Every table cell is a Text: briefing text is never parsed as markup. List rows stay one line, cut
    with an ellipsis, so a screen holds as many rows as it can; detail tables pass wrap=True."""
    return Text("" if value is None else str(value), style=style, no_wrap=not wrap, overflow="ellipsis")


def date_cell(when: When) -> str:
    """The date by precision; a trailing * marks a date the source did not state (inferred, or its year taken
    from the publication date). The fact detail (i) says which."""
    stated = when.basis == "stated" and (when.end_basis or "stated") == "stated"
    return when.display() + ("" if stated else "*")


def header_cell(value: str) -> Text:
    return Text(value, style="bold underline")


def place_for_fact(corpus: Corpus, fact: Record) -> Place:
    """Where `enter` on a fact goes: its first source, at the quote; the fact itself when it cites nothing."""
    for cite in fact.cites:
        pairs = citing(corpus, cite.src)
        for index, (other, other_cite) in enumerate(pairs):
            if other.id == fact.id and other_cite is cite:
                return Place("reader", cite.src, index)
    return Place("fact", fact.id)


def grade_cell(corpus: Corpus, fact: Record) -> Text:
    """Grade and the number of sources backing the fact, e.g. 'B2 1src'."""
    grade = fact_grade(corpus, fact)
    text = cell("")
    text.append(grade, marks.grade_style(grade))
    text.append(f" {source_count(fact)}src")
    return text


def fact_title(corpus: Corpus, fact: Record, title: str, status: str = "actual", wrap: bool = False) -> Text:
    """The fact's title, led by the word CONFLICT (reverse video) when it is a claim in a conflicts record,
    and by PLANNED or EXPECTED when it had not happened when reported: words, not colour."""
    text = cell("", wrap=wrap)
    if conflicts_of(corpus, fact.id):
        text.append("CONFLICT", marks.style("kfor-conflict"))
        text.append(" ")
    if status != "actual":
        text.append(status.upper(), marks.style("kfor-planned"))
        text.append(" ")
    text.append(title)
    return text


class View(Vertical):
    """Base of the panes and detail views."""

    view_name = "view"

    def __init__(self, corpus: Corpus, place: Place, width: int) -> None:
        super().__init__(classes="view")
        self.corpus = corpus
        self.place = place
        self.width = width

    def title(self) -> Content:
        return Content(self.view_name)

    def status(self) -> Content:
        table = self.active_table()
        if table is not None and table.matches:
            return Content(f"match {table.match_index + 1}/{len(table.matches)}  (n/N step, esc clears)")
        return Content("")

    def tables(self) -> list[ListTable]:
        return list(self.query("KeyedTable, VirtualTable"))  # type: ignore[arg-type]

    def active_table(self) -> ListTable | None:
        focused = self.app.focused
        if isinstance(focused, (KeyedTable, VirtualTable)) and focused in self.tables():
            return focused
        tables = self.tables()
        return tables[0] if tables else None

    def focus_first(self) -> None:
        widgets = [w for w in self.query("KeyedTable, VirtualTable, KeyedOptionList") if w.display]
        if widgets:
            widgets[0].focus()

    def current_place(self) -> Place:
        table = self.active_table()
        return self.place.at(table.cursor_row if table is not None else 0)

    def search(self, term: str) -> int:
        table = self.active_table()
        return table.search(term) if table is not None else 0

    def step(self, direction: int) -> bool:
        table = self.active_table()
        return table.step_match(direction) if table is not None else False

    def clear_layer(self) -> bool:
        """Remove the innermost layer this view has (search, then filter); False when there is none."""
        return any(table.clear_search() for table in self.tables())

    def restore_row(self, table: ListTable, row: int) -> None:
        if table.row_count:
            row = min(max(0, row), table.row_count - 1)
            while row in table.skip_rows and row + 1 < table.row_count:
                row += 1
            table.move_cursor(row=row)
