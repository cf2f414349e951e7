"""The capture form and what comes with it: which kind of fact to capture (`a` in the reader), one field a line
with where its value came from in words ("found in the text", "inferred"), the quote the selection made (not
editable), and a problem under the field it is about. The form never writes: on save it hands its values to
the caller (ui/edit_record.py), which writes or answers with the problems to show; `esc` cancels.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Static
from textual.widgets.option_list import Option

from kfor_tui.io.sanitise import shown_name
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedOptionList

KINDS = (
    ("figure", "a number at a date: personnel, nations, a national share"),
    ("contingent", "a national force in the mission: its strength, unit"),
    ("visit", "someone's visit: who, when, where"),
    ("meeting", "a visit of kind meeting: who met whom, when"),
    ("event", "an announcement, decision, statement, pledge, extension"),
    ("tension", "a security incident or crisis"),
    ("role", "a role a person held at a date"),
)
BASIS_WORDS = {"found": "found in the text", "inferred": "inferred", "default": "default"}
READ_ONLY = frozenset({"quote"})  # the selection: to quote other words, select them


class KindChooser(ModalScreen[str | None]):
    """Which kind of fact the selection is the quote of; `enter` chooses, `esc` cancels."""

    BINDINGS = bindings.CHOOSE_KIND

    def __init__(self, quote: str) -> None:
        super().__init__()
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="kind-box", classes="form-box"):
            yield Static(Content.assemble(("Capture the selection as:", "bold"), "  (enter chooses, esc cancels)"))
            yield Static(Content("\u201c" + " ".join(self.quote.split()) + "\u201d"), id="kind-quote")
            yield KeyedOptionList(
                *(Option(Content.assemble((kind.ljust(11), "bold"), what), id=kind) for kind, what in KINDS),
                id="kind-list",
            )

    def on_mount(self) -> None:
        self.query_one(KeyedOptionList).focus()

    def on_option_list_option_selected(self, event: KeyedOptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class FormField:
    """One line of the form: the field's name (as record_block takes it), its label, whether it is required,
    a help text (the help line's, while the field has focus), its first value and where that value came from."""

    name: str
    label: str
    required: bool = False
    help: str = ""
    value: str = ""
    basis: str = ""  # "found" | "inferred" | "" (typed, or the record's own value)
    note: str = ""  # how the hint was worked out ("year from the publication date")
    choices: tuple[str, ...] = ()  # a closed list: typing completes from it


Submit = Callable[["CaptureForm", dict[str, str]], None]
T = TypeVar("T")


class CaptureForm(ModalScreen[str | None]):
    """The fields of one record. `submit(form, values)` is called on ctrl+s or the Save button; it writes and
    closes the form (`form.dismiss(record_id)`), or shows problems with `form.show_problems`."""

    BINDINGS = bindings.CAPTURE_FORM

    def __init__(self, title: str, fields: Sequence[FormField], submit: Submit, where: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit
        self.where = where
        self.saving = False  # a save is being checked and written: neither saved again nor cancelled meanwhile

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="form-box"):
            yield Static(Content.assemble((self.form_title, "bold")), id="form-title")
            if self.where:
                yield Static(Content(self.where), id="form-where")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    if field.name in READ_ONLY:
                        yield Static(
                            Content.assemble((f"{field.label}: ", "bold"), "\u201c", field.value, "\u201d"),
                            id=f"field-{field.name}",
                            classes="form-quote",
                        )
                        continue
                    with Horizontal(classes="form-row"):
                        label = field.label + (" *" if field.required else "")
                        yield Static(Content(label), classes="form-label")
                        yield Input(  # no placeholder: with no colour it would read as a value; help is below
                            value=field.value,
                            id=f"field-{field.name}",
                            compact=True,
                            suggester=SuggestFromList(field.choices) if field.choices else None,
                        )
                        yield Static(self._basis(field, field.value), id=f"basis-{field.name}", classes="form-basis")
                    yield Static(Content(""), id=f"problem-{field.name}", classes="form-problem")
            yield Static(Content(""), id="form-message")
            yield Static(Content(""), id="form-help")
            with Horizontal(id="form-buttons"):
                yield Button(Content("Save (ctrl+s)"), id="form-save", compact=True)
                yield Button(Content("Cancel (esc)"), id="form-cancel", compact=True)
                yield Static(Content("* required; tab: next field"), id="form-legend")

    def _basis(self, field: FormField, value: str) -> Content:
        """Where the value came from, in words: found in the text, inferred, edited (changed from either)."""
        if field.basis and value != field.value:
            return Content("edited")
        return Content(BASIS_WORDS.get(field.basis, ""))

    def on_mount(self) -> None:
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()
            self.call_after_refresh(self._to_start)

    def _to_start(self) -> None:
        """Each prefilled value shown from its start (an Input scrolls to the cursor at the end)."""
        for widget in self.query(Input):
            if not widget.has_focus:
                widget.cursor_position = 0

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The help line says what the focused field takes and, for a value the form filled in, where it came
        from and how it was worked out."""
        name = (event.widget.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is None:
            return
        origin = BASIS_WORDS.get(field.basis, "")
        why = f"{origin}: {field.note}" if origin and field.note else origin
        parts: list[str | tuple[str, str]] = [(field.label, "bold"), ": ", field.help]
        if why:
            parts += ["  ", (f"[{why}]", "italic")]
        self.query_one("#form-help", Static).update(Content.assemble(*parts))

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is not None:
            self.query_one(f"#basis-{name}", Static).update(self._basis(field, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in a field goes to the next one (ctrl+s or the Save button saves)."""
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def values(self) -> dict[str, str]:
        """What the form holds now, by field name (the read-only quote with its value)."""
        out: dict[str, str] = {}
        for field in self.fields:
            if field.name in READ_ONLY:
                out[field.name] = field.value
            else:
                out[field.name] = self.query_one(f"#field-{field.name}", Input).value
        return out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.saving and action in ("save", "cancel"))

    def action_save(self) -> None:
        if self.saving:
            return
        self.show_problems(())
        self.submit(self, self.values())

    def save_in_thread(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run `job` (checking the record among the corpus, then writing it) off the UI thread: a corpus of
        thousands of files takes a while. `done(result)` then runs on the UI thread. Meanwhile the form says
        so and keeps its keys to itself: a cancel must not come after the file was written."""
        self.saving = True
        self._say("Checking the record as `check` would, then saving...")

        async def run() -> None:
            try:
                result = await asyncio.to_thread(job)
            except Exception as exc:  # noqa: BLE001 - said in the form, never a traceback
                self.saving = False
                self.show_problems([], general=f"Not saved: {type(exc).__name__}: {shown_name(str(exc))}")
                return
            self.saving = False
            self._say("")
            done(result)

        self.run_worker(run(), group="save", exclusive=True, exit_on_error=False, description="check and save")

    def _say(self, text: str) -> None:
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "-shown")

    def show_problems(self, problems: Sequence[tuple[str | None, str]], general: str = "") -> None:
        """Each (field, message) under its field (a field the form does not show, or None: below the fields);
        the first field with a problem gets the focus."""
        by_field: dict[str, list[str]] = {}
        rest: list[str] = [general] if general else []
        shown = {f.name for f in self.fields if f.name not in READ_ONLY}
        for field, message in problems:
            if field in shown:
                by_field.setdefault(field, []).append(message)
            else:
                rest.append(f"{field}: {message}" if field else message)
        for name in shown:
            messages = by_field.get(name, [])
            widget = self.query_one(f"#problem-{name}", Static)
            widget.update(Content("^ " + "; ".join(messages)) if messages else Content(""))
            widget.set_class(bool(messages), "-shown")
        if problems and not rest:
            rest.append(f"Not saved: {len(problems)} problem(s), shown under the field.")
        self._say("\n".join(rest))
        first = next((f.name for f in self.fields if f.name in by_field), None)
        if first is not None:
            field_input = self.query_one(f"#field-{first}", Input)
            field_input.focus()
            field_input.scroll_visible()

    def action_cancel(self) -> None:
        self.dismiss(None)
