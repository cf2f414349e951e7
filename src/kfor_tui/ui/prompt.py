"""A one-line prompt at the bottom of the screen (search, filter, year); `esc` cancels it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kfor_tui.ui import bindings


class Prompt(ModalScreen[str | None]):
    BINDINGS = bindings.PROMPT

    def __init__(self, label: str, hint: str = "", value: str = "") -> None:
        super().__init__()
        self.label = label
        self.hint = hint
        self.value = value

    def compose(self) -> ComposeResult:
        with Horizontal(id="prompt-box"):
            yield Static(Content(self.label), id="prompt-label")
            yield Input(value=self.value, placeholder=self.hint, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
