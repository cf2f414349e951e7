"""Save, edit and delete one record of a briefing file: checked as `kfor-tui check` checks, written atomically,
every other byte of the file kept.

    writable(path) -> None | why not         read-only, bundled with kfor-tui, not a regular file, too big,
                                             not a kfor briefing
    append_record(path, block)               the file's bytes unchanged, then a blank line, then the block
    replace_record(path, record_id, block)   the record's lines (io/record_span.py says which) replaced
    delete_record(path, record_id)           the record's lines removed; refused while another record names it
    preview(path, record_id, block) -> str   the unified diff a save would make
    read_block(path, record_id) -> str       the record's lines as they are (to edit them)

Each save runs the file as it would be through the loader among its corpus (io/save_check.py; `context`
names the corpus's paths, by default the briefing files beside it). The save is refused, and the file not
touched, when the change adds an error: one in the new block is reported at its form field (FieldProblem,
io/record_fields.py names the fields), one elsewhere (a reference the change breaks) with its path:line:col.
Warnings the change adds are returned with a save that went through. The file is written with
io/atomic.write_atomic (its mode kept), and only if its bytes are still those the change was made from.
The blocks themselves come from io/record_block.record_block.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from kfor_tui.io.atomic import write_atomic
from kfor_tui.io.builders import TOP_KEYS
from kfor_tui.io.package_data import bundled_folder
from kfor_tui.io.reading import MAX_FILE_BYTES, display_path
from kfor_tui.io.record_block import FieldError, record_block
from kfor_tui.io.record_span import BlockError, find_block, removed, replaced
from kfor_tui.io.save_check import trial
from kfor_tui.io.save_problems import FieldProblem, block_problems, named_by

__all__ = [
    "FieldError",
    "FieldProblem",
    "SaveResult",
    "append_record",
    "delete_record",
    "preview",
    "read_block",
    "record_block",
    "replace_record",
    "writable",
]

_FORMAT_LINE = re.compile(r"""^[ \t]*format[ \t]*=[ \t]*(["'])kfor-briefing/1\1""", re.MULTILINE)
_RECORD_SECTIONS = tuple(key for key in TOP_KEYS if key not in ("format", "briefing"))


@dataclass
class SaveResult:
    """`ok` when the file was written; `record_id` the record saved (None for a delete or a refusal)."""

    ok: bool
    record_id: str | None
    problems: list[FieldProblem] = field(default_factory=list)


def writable(path: Path) -> str | None:
    """None when a save may write `path`; else why not, in one line naming the file as it is shown. A
    symbolic link is followed (the file it names is written, the link stays), and the checks are of that file."""
    shown = display_path(path)
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except OSError as exc:
        return f"{shown}: {exc.strerror or 'cannot be read'}"
    if not stat.S_ISREG(info.st_mode):
        return f"{shown} is not a regular file"
    bundled = Path(os.path.realpath(bundled_folder("briefings")))
    if real.is_relative_to(bundled):
        return f"{shown} is a briefing bundled with kfor-tui: capture into a copy of it"
    if not os.access(real, os.W_OK) or not info.st_mode & (stat.S_IWUSR if info.st_uid == os.geteuid() else 0o222):
        return f"{shown} is read-only: capture into a copy of it, or make it writable"
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return f"the folder of {shown} is read-only: a save writes a new file beside it, then renames it"
    if info.st_size > MAX_FILE_BYTES:
        return f"{shown} is over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit for one briefing"
    try:
        text = real.read_bytes().decode("utf-8")
    except OSError as exc:
        return f"{shown}: {exc.strerror or 'cannot be read'}"
    except UnicodeDecodeError:
        return f"{shown} is not a kfor briefing: it is not UTF-8 text"
    if not _FORMAT_LINE.search(text):
        return f'{shown} is not a kfor briefing: it has no format = "kfor-briefing/1"'
    return None


def append_record(path: Path, block: str, context: Sequence[Path] | None = None) -> SaveResult:
    """Add `block` at the end of the file: its bytes, a newline if they lack one, a blank line, the block."""
    return _save(path, None, block, context)


def replace_record(path: Path, record_id: str, block: str, context: Sequence[Path] | None = None) -> SaveResult:
    """Put `block` where the record `record_id` is written (its id may change: whatever named the old id
    must then still resolve, or the save is refused)."""
    return _save(path, record_id, block, context)


def delete_record(path: Path, record_id: str, context: Sequence[Path] | None = None) -> SaveResult:
    """Remove the record `record_id`; refused while another record names it (a conflict's claims, an event's
    `about`, a citation's source), naming each."""
    return _save(path, record_id, None, context)


def read_block(path: Path, record_id: str) -> str:
    """The lines of the record `record_id` as the file has them (ending in a newline): what an edit starts
    from. BlockError (a ValueError) when they cannot be found; OSError when the file cannot be read."""
    text = path.read_bytes().decode("utf-8")
    found = find_block(text, record_id)
    return "\n".join(text.split("\n")[found.first : found.last + 1]) + "\n"


def preview(path: Path, record_id: str | None, block: str | None) -> str:
    """The unified diff of the file now and as a save would leave it (append: record_id None; replace: both;
    delete: block None); one line saying why when the change cannot be made. The text is the file's own:
    show it as text, never as markup."""
    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
        after, _ = _changed(text, record_id, _normal(block))
    except (OSError, UnicodeDecodeError, BlockError) as exc:
        return f"cannot preview {shown}: {_why(exc)}"
    diff = difflib.unified_diff(_lines(text), _lines(after), fromfile=shown, tofile=f"{shown} (after saving)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in diff)


def _normal(block: str | None) -> str | None:
    """A block with "\n" line ends and a final newline (the file's own line ends are used when writing)."""
    return None if block is None else block.replace("\r\n", "\n").removesuffix("\n") + "\n"


def _lines(text: str) -> list[str]:
    pieces = text.split("\n")
    return [piece + "\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return str(exc)


def _changed(text: str, record_id: str | None, block: str | None) -> tuple[str, int]:
    """The text after the change, and the 0-based line where the block starts in it (-1 for a delete)."""
    if record_id is None:
        assert block is not None, "an append has a block"
        newline = "\r\n" if "\r\n" in text else "\n"
        head = text + ("" if text.endswith("\n") or not text else newline) + newline
        body = block if newline == "\n" else block.replace("\n", "\r\n")
        return head + body, head.count("\n")
    found = find_block(text, record_id)
    if block is None:
        return removed(text, found), -1
    return replaced(text, found, block), found.first


def _save(path: Path, record_id: str | None, block: str | None, context: Sequence[Path] | None) -> SaveResult:
    block = _normal(block)
    why = writable(path)
    if why is not None:
        return _refused(FieldProblem(None, why))
    section, table = None, None
    if block is not None:
        try:
            section, table = _block_record(block)
        except ValueError as exc:
            return _refused(FieldProblem(None, str(exc)))
    try:
        before = path.read_bytes()
        text = before.decode("utf-8")
        after, start = _changed(text, record_id, block)
    except (OSError, UnicodeDecodeError, BlockError) as exc:
        return _refused(FieldProblem(None, f"{display_path(path)}: {_why(exc)}"))
    checked = trial(path, before, after.encode("utf-8"), context)
    if block is None and record_id is not None:
        named = named_by(checked, record_id)
        if named:
            return SaveResult(False, None, named)
    problems: list[FieldProblem] = []
    new_id = table.get("id") if table is not None else None
    problems += block_problems(checked, block, start, section, table, new_id)
    if checked.broken and not any(p.severity == "error" for p in problems):
        problems.append(FieldProblem(None, f"{checked.shown} would no longer load"))
    if block is not None and isinstance(new_id, str) and not any(p.severity == "error" for p in problems):
        saved = checked.corpus.by_id.get(new_id)
        if saved is None or saved.origin.path != checked.stand_in:
            problems.append(FieldProblem(None, f"the record '{new_id}' did not load from the block"))
    if any(problem.severity == "error" for problem in problems):
        return SaveResult(False, None, problems)
    try:
        if path.read_bytes() != before:
            return _refused(FieldProblem(None, f"{checked.shown} changed on disk while saving: try again"))
        write_atomic(path, after.encode("utf-8"))
    except OSError as exc:
        return _refused(FieldProblem(None, f"cannot write {checked.shown}: {_why(exc)}"))
    return SaveResult(True, new_id if isinstance(new_id, str) else None, problems)


def _refused(problem: FieldProblem) -> SaveResult:
    return SaveResult(False, None, [problem])


def _block_record(block: str) -> tuple[str, dict[str, Any]]:
    """The section and table of the one record a block holds; ValueError saying what is wrong with it."""
    try:
        data = tomli.loads(block)
    except tomli.TOMLDecodeError as exc:
        raise ValueError(f"the block is not TOML: {exc}") from exc
    sections = list(data)
    items = data.get(sections[0]) if len(sections) == 1 else None
    if len(sections) != 1 or sections[0] not in _RECORD_SECTIONS or not isinstance(items, list) or len(items) != 1:
        raise ValueError("the block must hold exactly one record: a [[section]] table and its own sub-tables")
    first = next((line for line in block.split("\n") if line.strip() and not line.lstrip().startswith("#")), "")
    if not first.lstrip().startswith("[["):
        raise ValueError(f"the block must start with its [[{sections[0]}]] header")
    table = items[0]
    if not isinstance(table, dict) or not isinstance(table.get("id"), str):
        raise ValueError("the record needs an id")
    return sections[0], table
