"""Where a record is written in a briefing's text, so that an edit or a delete changes its lines and no other.

The rule: a record's block starts at its own `[[section]]` header line and runs up to the next table header
that is not one of its own sub-tables (its `[[section.cite]]` tables are part of it; any other `[[x]]` or
`[x]` ends it), less the blank and comment lines that close that stretch. Comments and blank lines between
a record's last line and the next header belong to what follows (a `# ---- Slovenia` banner above the next
record); comments inside the record stay with it; comments above its header are not its own. A trailing
line is dropped from the block only when the block still parses to the same data without it, so a line
that merely looks like a comment inside a multi-line string is never cut off.

A record written inline (`figures = [{ ... }]`) has no block of its own: editing it is refused, with why.
Lines are counted on "\\n" alone, as TOML and io/positions.py count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import tomli

from kfor_tui.io.positions import KeyPath, Positions


class BlockError(ValueError):
    """Why a record's block cannot be found (the message is one line, for the writer)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A record's lines: `first` (its header) to `last`, both included, 0-based indexes into
    text.split("\\n"); `section` and `index` say which table of the file it is."""

    section: str
    index: int
    first: int
    last: int


def _header(section: str) -> re.Pattern[str]:
    name = re.escape(section)
    return re.compile(rf'^[ \t]*\[\[[ \t]*(?:{name}|"{name}"|\'{name}\')[ \t]*\]\][ \t]*(?:#.*)?\r?$')


_ANY_HEADER = re.compile(r"^[ \t]*\[")


def find_block(text: str, record_id: str) -> Block:
    """The block of the record whose id is `record_id`. BlockError when the text is not TOML, holds no such
    record or holds it twice, or writes it inline."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise BlockError(f"the file is not valid TOML ({exc}): fix it first") from exc
    found = [
        (section, index)
        for section, items in data.items()
        if isinstance(items, list)
        for index, item in enumerate(items)
        if isinstance(item, dict) and item.get("id") == record_id
    ]
    if not found:
        raise BlockError(f"no record '{record_id}' in this file")
    if len(found) > 1:
        raise BlockError(f"'{record_id}' is written {len(found)} times in this file: fix the duplicate first")
    section, index = found[0]
    positions = Positions(text)
    lines = text.split("\n")
    first = positions.of((section, index))[0] - 1
    if not _header(section).match(lines[first]):
        raise BlockError(f"'{record_id}' is not written as a [[{section}]] table of its own: edit it in the file")
    own = (section, index)
    later = [line for line, path in _table_lines(data, positions, lines) if line > first and path[:2] != own]
    end = min(later, default=len(lines))  # exclusive
    return Block(section, index, first, _last_line(lines, first, end))


def _table_lines(data: dict[str, Any], positions: Positions, lines: list[str]) -> list[tuple[int, KeyPath]]:
    """(0-based line, key path) of every table written with a header ([x], [[x]], [x.y], ...)."""
    out: list[tuple[int, KeyPath]] = []

    def visit(value: Any, path: KeyPath) -> None:
        if isinstance(value, dict):
            if path:
                line = positions.of(path)[0] - 1
                if _ANY_HEADER.match(lines[line]):
                    out.append((line, path))
            for key, item in value.items():
                visit(item, (*path, key))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                if isinstance(item, dict):
                    visit(item, (*path, number))

    visit(data, ())
    return out


def _last_line(lines: list[str], first: int, end: int) -> int:
    """The last line of the block: trailing blank and comment lines dropped while the rest parses the same."""
    last = end - 1
    try:
        whole = tomli.loads("\n".join(lines[first:end]) + "\n")  # the newline: a CRLF line ends in "\r"
    except tomli.TOMLDecodeError:
        return last
    while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        try:
            if tomli.loads("\n".join(lines[first:last]) + "\n") != whole:
                break
        except tomli.TOMLDecodeError:
            break
        last -= 1
    return last


def replaced(text: str, block: Block, new: str) -> str:
    """`text` with the block's lines replaced by `new` (a block ending in a newline); every other byte kept.
    A file written with CRLF line ends gets them in the new lines too."""
    lines = text.split("\n")
    crlf = lines[block.first].endswith("\r")
    body = new.removesuffix("\n").split("\n")
    if crlf:
        body = [line.removesuffix("\r") + "\r" for line in body]
    return "\n".join([*lines[: block.first], *body, *lines[block.last + 1 :]])


def removed(text: str, block: Block) -> str:
    """`text` without the block's lines and the blank lines right after them (so no gap is left where it
    was); at the end of the file, without the blank lines before it either. Every other byte kept."""
    lines = text.split("\n")
    after = block.last + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    before = block.first
    if after == len(lines):  # the block ended the file: no blank lines left hanging at its end
        while before > 0 and not lines[before - 1].strip():
            before -= 1
        return "\n".join(lines[:before]) + "\n" if before else ""
    return "\n".join([*lines[:before], *lines[after:]])
