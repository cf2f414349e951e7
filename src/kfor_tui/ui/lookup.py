"""The `:` lookup prompt: answers as you type from the one search index and lands on the hit in its view
(the palette, ctrl+p, answers from the same index: ui/commands.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kfor_tui.index import search
from kfor_tui.index.citations import first_quote_in
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedOptionList
from kfor_tui.ui.location import Location

if TYPE_CHECKING:
    from kfor_tui.model import Corpus

KIND_WIDTH = 13  # "organisation" and a space
KIND_WORDS = {"figure_set": "figure table"}
COMMAND = re.compile(r"^\s*(theme|q|quit)(?:\s+(.*)|\s*$)", re.IGNORECASE)


def location_for_hit(corpus: Corpus, hit: search.Hit, query: str) -> Location:
    """Where a hit leads: entities to their dossier, facts to their detail, paragraphs into the reader at
    the paragraph, with the words looked up marked."""
    if hit.kind in ("nation", "organisation", "person", "place"):
        return Location("nation", hit.id)
    if hit.kind == "source":
        return Location("reader", hit.id)
    if hit.kind == "paragraph" and hit.paragraph is not None:
        row = first_quote_in(corpus, hit.id, hit.paragraph) or 0
        return Location("reader", hit.id, row, paragraph=hit.paragraph, highlight=query)
    return Location("fact", hit.id)


def hit_line(hit: search.Hit, width: int = 80) -> Content:
    """One line per hit: its kind in words, the label cut to fit, then date and grade; briefing text stays data."""
    extra = "  ".join(part for part in (hit.date or "", hit.grade or "") if part)
    room = max(12, width - KIND_WIDTH - len(extra) - 4)
    label = hit.label if len(hit.label) <= room else hit.label[: room - 1] + "\u2026"
    kind = KIND_WORDS.get(hit.kind, hit.kind)
    return Content.assemble((f"{kind:<{KIND_WIDTH - 1}} ", "bold"), label, ("  " + extra if extra else "", "dim"))


class LookupScreen(ModalScreen[tuple[search.Hit, str] | None]):
    """`:` prompt: type, see ranked hits of every kind, enter lands on the highlighted one."""

    BINDINGS = bindings.LOOKUP

    def __init__(self, index: search.SearchIndex | None, initial: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial = initial
        self.hits: list[search.Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-box"):
            yield KeyedOptionList(id="lookup-hits")  # keeps the highlighted hit in view on a resize
            yield Static(
                Content("type a name, camp, date or number (or theme NAME, q); enter opens, esc closes"),
                id="lookup-help",
            )
            yield Input(value=self.initial, placeholder="lookup", id="lookup-input")

    def on_mount(self) -> None:
        self.query_one("#lookup-hits", OptionList).can_focus = False
        self.query_one("#lookup-input", Input).focus()
        self._update(self.initial)
        if self.index is None:  # still being built: hear when it is ready
            signal: Signal[search.SearchIndex] | None = getattr(self.app, "index_ready", None)
            if signal is not None:
                signal.subscribe(self, self.index_ready)

    @on(Input.Changed, "#lookup-input")
    def changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, query: str) -> None:
        command = COMMAND.match(query)
        if command:
            self.hits = self._commands(command.group(1).lower(), (command.group(2) or "").strip())
        elif self.index is None:  # still being built (a large corpus): keep what is typed, search when ready
            self.hits = []
            self.query_one("#lookup-hits", OptionList).set_options([])
            self.query_one("#lookup-help", Static).update(
                Content("preparing lookup: results appear as soon as the index is ready; esc closes")
            )
            return
        else:
            self.hits = self.index.search(query, limit=50) if query.strip() else []
        hits = self.query_one("#lookup-hits", OptionList)
        width = min(110, self.app.size.width) - 4
        hits.set_options([Option(hit_line(hit, width)) for hit in self.hits])
        if self.hits:
            hits.highlighted = 0
        count = f"{len(self.hits)}{'+' if len(self.hits) == 50 else ''} hits" if query.strip() else ""
        none = "nothing found; " if query.strip() and not self.hits else ""
        self.query_one("#lookup-help", Static).update(
            Content(f"{count}  {none}enter opens the highlighted hit, up/down choose, esc closes".strip())
        )

    def index_ready(self, index: search.SearchIndex) -> None:
        """The index arrived while the prompt was open: search what has been typed."""
        self.index = index
        self._update(self.query_one("#lookup-input", Input).value)

    def _commands(self, name: str, argument: str) -> list[search.Hit]:
        """`:theme NAME` (prefix of a theme name) and `:q`; they appear as hits, enter runs them."""
        if name == "theme":
            names = sorted(self.app.available_themes)
            chosen = [n for n in names if n.startswith(argument)] or names
            return [search.Hit("command", f"theme:{n}", f"Theme: {n}") for n in chosen]
        return [search.Hit("command", "quit", "Quit kfor-tui")]

    def action_move(self, step: int) -> None:
        hits = self.query_one("#lookup-hits", OptionList)
        if self.hits:
            current = hits.highlighted if hits.highlighted is not None else 0
            hits.highlighted = max(0, min(len(self.hits) - 1, current + step))

    @on(Input.Submitted, "#lookup-input")
    def submitted(self, event: Input.Submitted) -> None:
        hits = self.query_one("#lookup-hits", OptionList)
        if self.hits and hits.highlighted is not None:
            self.dismiss((self.hits[hits.highlighted], event.value))

    @on(OptionList.OptionSelected, "#lookup-hits")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((self.hits[event.option_index], self.query_one("#lookup-input", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
