"""Find briefing files and turn their bytes into TOML data, with a clear message for every way that fails."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import tomli

from kfor_tui.io.nesting import MAX_DEPTH, deepest_path, deepest_point, depth_of, may_be_too_deep, too_deep_message
from kfor_tui.io.sanitise import shown_name
from kfor_tui.model import Problem

MIB = 1024 * 1024
MAX_FILE_BYTES = 8 * MIB
MAX_TOTAL_BYTES = 1024 * MIB


class _HasValues(Protocol):
    """What Limits.from_settings reads of a kfor_tui.settings.Settings (io does not import settings)."""

    @property
    def values(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class Limits:
    """How much is read: one file at most `file_bytes`, all files together at most `total_bytes`.
    Sizes are taken with stat before anything is read, so an oversized file costs no memory.
    Set with the settings max_file_mb and max_total_mb (KFOR_MAX_FILE_MB, KFOR_MAX_TOTAL_MB)."""

    file_bytes: int = MAX_FILE_BYTES
    total_bytes: int = MAX_TOTAL_BYTES

    @classmethod
    def from_settings(cls, settings: _HasValues) -> Limits:
        """From a kfor_tui.settings.Settings (values in MiB; a missing one keeps its default)."""
        values = settings.values or {}
        file_mb, total_mb = values.get("max_file_mb"), values.get("max_total_mb")
        return cls(
            MAX_FILE_BYTES if file_mb is None else int(file_mb * MIB),
            MAX_TOTAL_BYTES if total_mb is None else int(total_mb * MIB),
        )


def _mib(size: int) -> str:
    """2048 MiB, 0.5 MiB, 1 KiB, 100 bytes: never a misleading '0 MiB'."""
    if size >= MIB // 10:
        return f"{size / MIB:.1f}".removesuffix(".0") + " MiB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KiB"
    return f"{size} bytes"


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as the user should see it: relative to the working folder (`cwd`, looked up when not given)
    when inside it, and safe to print (a name is data too: io/sanitise.shown_name)."""
    return shown_name(_relative(path, cwd))


def _relative(path: Path, cwd: Path | None) -> str:
    if not path.is_absolute():
        return os.path.normpath(path)
    try:
        cwd = cwd or Path.cwd()
        return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
    except (ValueError, OSError):
        return str(path)


def display_paths(paths: list[Path]) -> list[str]:
    """display_path of each, looking the working folder up once."""
    try:
        cwd: Path | None = Path.cwd()
    except OSError:
        cwd = None
    return [display_path(path, cwd) for path in paths]


def expand(paths: list[Path], limits: Limits | None = None) -> tuple[list[Path], list[Problem]]:
    """Files named, and *.toml files found below folders named (hidden folders and links to folders skipped;
    links to files followed). Once the files' sizes add up to more than `limits.total_bytes`, the rest are
    left out with one error; files over the per-file limit or not regular are left to read_toml to report."""
    limits = limits or Limits(MAX_FILE_BYTES, MAX_TOTAL_BYTES)
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(path: Path, key: str | None = None) -> None:
        if key is None:
            try:
                key = str(path.resolve())
            except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13): read_toml reports it
                key = str(path.absolute())
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        shown = display_path(path) if path.is_absolute() else shown_name(str(path))
        if path.is_dir():
            found = _toml_files(path)
            if not found:
                problems.append(Problem(shown, 1, 1, "error", "no .toml briefing files in this folder"))
            for file, key in found:
                add(file, key)
        elif path.exists():
            add(path)
        elif path.is_symlink():
            looped = False
            try:
                os.stat(path)
            except OSError as exc:
                looped = exc.errno == errno.ELOOP
            problems.append(Problem(shown, 1, 1, "error", "symbolic link loop" if looped else "broken symbolic link"))
        else:
            problems.append(Problem(shown, 1, 1, "error", "no such file or folder"))
    return _within_total(files, limits, problems), problems


def _toml_files(top: Path) -> list[tuple[Path, str | None]]:
    """The *.toml files below a folder, in os.walk's order (each folder's files by name, then its folders by
    name, depth first), with each file's real path when it is not a link (its folder's real path and its
    name: one realpath per folder, not one per file); None for a link, which add() resolves. Hidden folders
    and links to folders are not entered."""
    found: list[tuple[Path, str | None]] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            continue  # as os.walk: a folder that cannot be listed is passed over
        real = os.path.realpath(folder)
        names: list[tuple[str, bool]] = []
        folders: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith(".") and not _is_link(entry):
                    folders.append(entry.name)
            elif entry.name.endswith(".toml"):
                names.append((entry.name, _is_link(entry)))
        for name, link in sorted(names):
            found.append((folder / name, None if link else os.path.join(real, name)))
        stack.extend(folder / name for name in sorted(folders, reverse=True))
    return found


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _within_total(files: list[Path], limits: Limits, problems: list[Problem]) -> list[Path]:
    total = 0
    for index, path in enumerate(files):
        try:
            info = path.stat()
        except OSError:
            continue  # read_toml reports it
        if not stat.S_ISREG(info.st_mode) or info.st_size > limits.file_bytes:
            continue  # not read, so not counted
        if total + info.st_size > limits.total_bytes:
            left = len(files) - index
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "error",
                    f"not read, nor the {left - 1} file{'s' * (left != 2)} after it: the briefings "
                    f"add up to more than the {_mib(limits.total_bytes)} total limit "
                    f"(max_total_mb, KFOR_MAX_TOTAL_MB)"
                    if left > 1
                    else f"not read: the briefings add up to more than the {_mib(limits.total_bytes)} "
                    f"total limit (max_total_mb, KFOR_MAX_TOTAL_MB)",
                )
            )
            return files[:index]
        total += info.st_size
    return files


def read_toml(
    path: Path, shown: str, limits: Limits | None = None
) -> tuple[str | None, dict[str, Any] | None, list[Problem]]:
    """Text and parsed data of one file, or the problem that stops it loading. Never blocks on a FIFO or
    device, never reads a file over the size limit into memory."""
    data, problems = read_bytes(path, shown, limits)
    if data is None:
        return None, None, problems
    return parse_bytes(data, shown)


def read_bytes(path: Path, shown: str, limits: Limits | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one file, or the problem that stops it being read (not regular, over the limit, unreadable)."""
    limit = limits.file_bytes if limits else MAX_FILE_BYTES

    def fail(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, 1, 1, "error", message)]

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return fail("not a regular file (a folder, FIFO, socket or device); not read")
        if info.st_size > limit:
            return fail(
                f"file is {_mib(info.st_size)}, over the {_mib(limit)} limit for one briefing "
                f"(max_file_mb, KFOR_MAX_FILE_MB); not read"
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # a file that grew since stat is still cut off at the limit
        if len(data) > limit:
            return fail(
                f"file is over the {_mib(limit)} limit for one briefing (max_file_mb, KFOR_MAX_FILE_MB); not read"
            )
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror or exc}")
    return data, []


_Failed = tuple[None, None, list[Problem]]


def parse_bytes(data: bytes, shown: str) -> tuple[str | None, dict[str, Any] | None, list[Problem]]:
    """Text and parsed data of one file's bytes, or the problem that stops it loading."""

    def fail(message: str, line: int = 1, col: int = 1) -> _Failed:
        return None, None, [Problem(shown, line, col, "error", message)]

    if b"\x00" in data:
        return fail("binary file (it contains NUL bytes), not a TOML briefing")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8", line, col)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return fail('empty file: a briefing starts with format = "kfor-briefing/1"')
    try:
        parsed = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError, OverflowError) as exc:
        return _too_deep(text, fail) or _parse_error(text, exc, fail)
    depth = depth_of(parsed)
    if may_be_too_deep(depth):  # the nesting as written, at its line and column
        too_deep = _too_deep(text, fail)
        if too_deep is not None:
            return too_deep
    path = deepest_path(parsed) if depth > MAX_DEPTH else None
    if path is not None:  # nesting the scan cannot see (dotted keys inside inline tables)
        shown_path = ".".join(str(part) for part in path[:3])
        return fail(f"{too_deep_message()} (under {shown_path}...)")
    return text, parsed, []


def _too_deep(text: str, fail: Callable[..., _Failed]) -> _Failed | None:
    """The error of a text that nests too deeply, at the place the nesting passes the limit, or None. Such a
    text is reported so whether or not the parser read it (the parser recurses into nested arrays and tables,
    and may fail on deep ones with RecursionError)."""
    deep = deepest_point(text)
    return fail(too_deep_message(), *deep) if deep is not None else None


def _parse_error(text: str, exc: Exception, fail: Callable[..., _Failed]) -> _Failed:
    """The problem for an exception of the TOML parser."""
    if isinstance(exc, tomli.TOMLDecodeError):
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        message = getattr(exc, "msg", str(exc))
        if getattr(exc, "pos", None) == len(text) and (
            "Unterminated string" in message or message.startswith("Expected \"'")
        ):
            opening = _unclosed_string(text)  # tomli points at the end of the file; the reader needs the start
            if opening is not None:
                line = text.count("\n", 0, opening) + 1
                col = opening - (text.rfind("\n", 0, opening) + 1) + 1
                return fail(f"TOML syntax: string opened here is never closed ({message})", line, col)
        hint = _unquoted_date(text, line, col)
        if hint is not None:
            return fail(f"TOML syntax: {message}; {hint[0]}", line, hint[1])
        return fail(f"TOML syntax: {message}", line, col)
    if isinstance(exc, RecursionError):
        return fail(too_deep_message())
    return _other_syntax_error(text, exc, fail)


_EDTF_END = r"(?:[0-9]{4}(?:-[0-9]{1,2}){0,2}[~?%]?|\.\.)"
_UNQUOTED_DATE = re.compile(
    r"(?P<key>(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*=[ \t]*"
    rf"(?P<value>{_EDTF_END}(?:/{_EDTF_END})?)(?=[ \t]*(?:[,}}\]#\r]|$))"
)


def _unquoted_date(text: str, line: int, col: int) -> tuple[str, int] | None:
    """When the syntax error at line:col is a date that TOML cannot hold (a month, a year with ~, a range)
    written without quotes, say how to write it, and the column where the value starts. TOML's own message
    ("Expected newline or end of document after a statement") does not tell the writer that only a full day
    is a TOML date."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    row = text[start : end if end >= 0 else len(text)]
    for match in _UNQUOTED_DATE.finditer(row):
        if match.start("value") <= col - 1 <= match.end("value"):
            key, value = match.group("key"), match.group("value")
            if "/" in value:
                what = "date ranges"
            elif value[-1] in "~?%" and value.count("-") == 2:
                what = "approximate and uncertain dates"
            else:
                what = "partial dates"
            return f'{what} are strings: write {key} = "{value}"', match.start("value") + 1
    return None


def _other_syntax_error(text: str, exc: Exception, fail: Callable[..., _Failed]) -> _Failed:
    """A ValueError from inside the parser rather than a TOMLDecodeError: today only an integer longer than
    Python converts (4,300 digits). Point at it when it can be found."""
    digits = sys.get_int_max_str_digits()
    if "integer string conversion" in str(exc) and digits:
        match = re.search(rf"[0-9_]{{{digits + 1},}}", text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return fail(f"TOML syntax: integer has more than {digits} digits", line, col)
        return fail(f"TOML syntax: integer has more than {digits} digits")
    return fail(f"TOML syntax: {exc}")


def _unclosed_string(text: str) -> int | None:
    """Offset of the opening quote of the first string that is never closed, skipping comments."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith('"""', i) or text.startswith("'''", i):
            quote = text[i : i + 3]
            j = i + 3
            while True:
                j = text.find(quote, j)
                if j < 0:
                    return i
                if quote == '"""' and (len(text[:j]) - len(text[:j].rstrip("\\"))) % 2:
                    j += 1  # an escaped quote
                    continue
                break
            i = j + 3
        elif ch in "\"'":
            j = i + 1
            while j < n and text[j] != ch and text[j] != "\n":
                j += 2 if ch == '"' and text[j] == "\\" else 1
            if j >= n or text[j] != ch:
                return i
            i = j + 1
        else:
            i += 1
    return None
