"""`?`: the keys of the current view, read from the active bindings, in an overlay that `esc` removes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.terminal import glyphs
from kfor_tui.ui.views.cells import cell

LEGEND = (
    (
        "B2, F-",
        "grade: source reliability A-F, then information credibility 1-6 (- not assessed); a fact is as strong "
        "as its weakest cited part; 2src = backed by 2 sources",
    ),
    (
        ">4,000 200-900?",
        "numbers as stated: > more than, ~ about; ? a vague amount's house-rule range, never a midpoint",
    ),
    ("CONFLICT", "reports disagree; the detail shows the claims side by side"),
    ("PLANNED", "had not happened when reported (also EXPECTED)"),
    ("Apr 2025*", "date not stated by the source: inferred, or year taken from the publication date"),
    ("~Jun 2023", "approximate date; 1999 -> open end; until >= Dec 2028 at least until"),
    ("{quote_open}quote{quote_close} {current}", "a cited quote in the reader; {current} marks the current one"),
)


def legend() -> list[tuple[str, str]]:
    """LEGEND with the glyphs of this terminal (Unicode, or ASCII with --ascii)."""
    g = glyphs().__dict__
    return [(mark.format(**g), meaning.format(**g)) for mark, meaning in LEGEND]


def help_rows(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(keys, what it does, binding ids) of every enabled key of a screen: keys of one action together, the
    app's own (id-carrying) bindings first."""
    grouped: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for active in screen.active_bindings.values():
        if not active.enabled:
            continue
        binding = active.binding
        keys, description, ids = grouped.setdefault(binding.action, ([], [binding.description or binding.action], []))
        shown = binding.key_display or screen.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
        if binding.id and binding.id not in ids:
            ids.append(binding.id)
            description[0] = binding.description or description[0]
    rows = [(", ".join(keys), description[0], ", ".join(ids)) for keys, description, ids in grouped.values()]
    rows.sort(key=lambda row: not row[2])
    return rows


class HelpOverlay(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def __init__(self, title: str, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Content.assemble(("Keys: ", "bold"), self.help_title, "   (esc closes)"), id="help-title")
            yield KeyedTable(id="help-table")

    def on_mount(self) -> None:
        table = self.query_one("#help-table", KeyedTable)
        table.add_column("Key", width=12, key="key")
        table.add_column("Action", width=28, key="action")
        table.add_column("Binding id", width=18, key="id")
        for key, description, ident in self.rows:
            table.add_row(cell(key), cell(description), cell(ident))
        table.add_row(cell("Marks", "bold underline"), cell(""), cell(""))
        for mark, meaning in legend():
            table.add_row(cell(mark), cell(meaning, wrap=True), cell(""), height=None)
        table.focus()
