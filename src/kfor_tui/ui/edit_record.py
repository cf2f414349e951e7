"""Writing a briefing file from the app: capture a selection as a new fact (`a` in the reader), edit a fact's
record (`E`) or delete it (`D`) in the fact's detail. The form and the preview are screens of their own
(ui/capture_form.py, ui/confirm_change.py); the text written and every check before it are
io/record_writer.py's, the same checks as `check`. Nothing is written before the writer has said yes: a
refused save keeps the form open with the problems under their fields, and a cancel leaves the file as it
was, byte for byte. After a write the app reloads once and lands on the record (messages.RecordSaved).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widget import Widget

from kfor_tui.index.capture_hints import FieldSpec, Hint, capture_fields, hints
from kfor_tui.io.reading import display_path, expand, read_toml
from kfor_tui.io.record_span import find_block
from kfor_tui.io.record_writer import (
    FieldError,
    SaveResult,
    append_record,
    delete_record,
    preview,
    record_block,
    replace_record,
    writable,
)
from kfor_tui.io.sanitise import shown_name
from kfor_tui.model import Corpus, Record, Source
from kfor_tui.ui.capture_form import CaptureForm, FormField, KindChooser
from kfor_tui.ui.confirm_change import ConfirmChange
from kfor_tui.ui.form_values import KIND_OF_SECTION, form_values
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import RecordSaved
from kfor_tui.ui.selection import Selection


def loaded_files(app: App[Any]) -> list[Path]:
    """The briefing files the app loads: the corpus a save is checked among (as `check` would check them)."""
    session = getattr(app, "session", None)
    files, _ = expand(list(getattr(session, "paths", [])))
    return files


def briefing_file(app: App[Any], record: Record) -> Path | None:
    """The file a record was loaded from: the loaded file shown as the record's origin."""
    return next((path for path in loaded_files(app) if display_path(path) == record.origin.path), None)


def _warn(app: App[Any], text: str) -> None:
    app.notify(text, title="Not written", severity="warning", markup=False, timeout=10)


def _target(widget: Widget, record: Record, doing: str) -> Path | None:
    """The file to write `record`'s change into, or None after saying why it cannot be written."""
    path = briefing_file(widget.app, record)
    if path is None:
        _warn(widget.app, f"Cannot {doing}: the file that holds {record.id} is not among the files loaded.")
        return None
    why = writable(path)
    if why is not None:
        _warn(widget.app, f"Cannot {doing}: {why}.")
        from kfor_tui.ui.copy_briefings import offer_copy

        offer_copy(widget.app, path)
        return None
    return path


def _saved(view: Widget, form: CaptureForm, path: Path, result: SaveResult, verb: str) -> None:
    """After a save ran: close the form and land on the record, or keep the form open with the problems
    (warnings a save that went through carries are said in the landing's reload notice by `check`'s lines)."""
    if not result.ok or result.record_id is None:
        problems = [(p.field, p.message) for p in result.problems if p.severity == "error"]
        form.show_problems(problems or [(None, "Not saved.")])
        return
    form.dismiss(result.record_id)
    view.post_message(RecordSaved(path, verb, result.record_id))


def _credibility(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 6:
        return int(text)
    raise FieldError("credibility", f"'{text}' is not a credibility: a number from 1 to 6, or nothing")


def _block(kind: str, values: dict[str, str], source_id: str) -> str:
    """The record's TOML text from the form's values (FieldError for a value that cannot be its field)."""
    credibility = _credibility(values.get("credibility", ""))
    rest = {name: value for name, value in values.items() if name not in ("quote", "credibility")}
    return record_block(kind, rest, source_id, values.get("quote", ""), credibility)


def _fields(specs: list[FieldSpec], values: dict[str, str], found: list[Hint] | None = None) -> list[FormField]:
    """The form's lines: each field's value from the record (edit), else a hint (capture), else its default,
    and in words where it came from."""
    by_field = {hint.field: hint for hint in found or []}
    out = []
    for spec in specs:
        hint = by_field.get(spec.name)
        if spec.name in values:
            value, basis, note = values[spec.name], "", ""
        elif hint is not None:
            value, basis, note = hint.value, hint.basis, hint.note
        else:
            value, basis, note = spec.default, "default" if spec.default else "", ""
        choices = f" (one of: {', '.join(spec.choices)})" if spec.choices and spec.name != "credibility" else ""
        help_text = spec.help + choices
        out.append(FormField(spec.name, spec.label, spec.required, help_text, value, basis, note, spec.choices))
    return out


# ---------------------------------------------------------------- a: capture the selection


def start_capture(view: Widget, corpus: Corpus, source: Source, selection: Selection) -> None:
    """Which kind, then the form prefilled from the selection; saving appends the record to the source's file."""
    path = _target(view, source, "capture")
    if path is None:
        return
    quote = selection.text(source.paragraphs)

    def chosen(kind: str | None) -> None:
        if kind is None:
            return
        found = hints(quote, kind, source.published, taken=corpus.by_id.keys())
        fields = _fields(capture_fields(kind), {"quote": quote}, found)

        def submit(form: CaptureForm, values: dict[str, str]) -> None:
            try:
                block = _block(kind, values, source.id)
            except FieldError as exc:
                form.show_problems([(exc.field, exc.message)])
                return
            files = loaded_files(view.app)
            form.save_in_thread(
                lambda: append_record(path, block, files), lambda r: _saved(view, form, path, r, "captured")
            )

        where = f"From: {source.publisher}, {source.published_label()}: {source.title}\nInto: {display_path(path)}"
        view.app.push_screen(CaptureForm(f"Capture a {kind}", fields, submit, where))

    view.app.push_screen(KindChooser(quote), chosen)


# ---------------------------------------------------------------- E and D: edit or delete a record


def _table_of(path: Path, record: Record) -> tuple[str, dict[str, Any]] | None:
    """(section, table) of `record` as its file holds it now."""
    _, data, _ = read_toml(path, display_path(path))
    for section in KIND_OF_SECTION:
        for table in (data or {}).get(section, []):
            if isinstance(table, dict) and table.get("id") == record.id:
                return section, table
    return None


def _written_at(path: Path, record: Record) -> str:
    """path:line of the record's [[section]] header, for a writer sent to edit it in the file."""
    try:
        line = find_block(path.read_bytes().decode("utf-8"), record.id).first + 1
    except (OSError, UnicodeDecodeError, ValueError):
        return display_path(path)
    return f"{display_path(path)}:{line}"


def start_edit(view: Widget, record: Record) -> None:
    """The form with the record's values; saving shows the change as a diff, `y` writes it."""
    path = _target(view, record, "edit")
    if path is None:
        return
    found = _table_of(path, record)
    held = form_values(*found) if found is not None else None
    if held is None:
        _warn(view.app, f"{record.kind.replace('_', ' ')} records are edited in the file: {_written_at(path, record)}")
        return
    if held.unheld:
        _warn(
            view.app,
            f"{record.id} has parts the form does not hold ({', '.join(held.unheld)}); an edit here would lose "
            f"them: edit it in the file, {_written_at(path, record)}",
        )
        return
    fields = _fields(capture_fields(held.kind), held.values)

    def submit(form: CaptureForm, values: dict[str, str]) -> None:
        try:
            block = _block(held.kind, values, held.source)
        except FieldError as exc:
            form.show_problems([(exc.field, exc.message)])
            return
        diff = preview(path, record.id, block)
        if diff.startswith("cannot preview"):
            form.show_problems([], general=f"Not saved: {diff.strip()}")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                files = loaded_files(view.app)
                form.save_in_thread(
                    lambda: replace_record(path, record.id, block, files),
                    lambda r: _saved(view, form, path, r, "edited"),
                )

        view.app.push_screen(ConfirmChange(f"Write this change to {display_path(path)}?", diff), confirmed)

    title = f"Edit {held.kind} {record.id}"
    view.app.push_screen(CaptureForm(title, fields, submit, f"In {display_path(path)}"))


def start_delete(view: Widget, record: Record, title: str) -> None:
    """The deletion as a diff; `y` deletes, then the reader lands on the record's first source."""
    path = _target(view, record, "delete")
    if path is None:
        return
    diff = preview(path, record.id, None)
    if diff.startswith("cannot preview"):
        _warn(view.app, f"Cannot delete {record.id}: {diff.strip()}")
        return
    then = Location("reader", record.cites[0].src) if record.cites else Location("nations")

    async def delete() -> None:
        files = loaded_files(view.app)
        try:
            result = await asyncio.to_thread(delete_record, path, record.id, files)
        except Exception as exc:  # noqa: BLE001 - said, never a traceback
            _warn(view.app, f"Not deleted: {type(exc).__name__}: {shown_name(str(exc))}")
            return
        if not result.ok:
            _warn(view.app, "Not deleted: " + "; ".join(p.message for p in result.problems))
            return
        view.post_message(RecordSaved(path, "deleted", record.id, title, then))

    def confirmed(yes: bool | None) -> None:
        if yes:
            view.run_worker(delete(), group="save", exclusive=True, exit_on_error=False, description="delete a record")

    view.app.push_screen(ConfirmChange(f"Delete {record.id} from {display_path(path)}?", diff), confirmed)
