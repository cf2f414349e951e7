"""Find briefing files and turn their bytes into TOML data, with a clear message for every way that fails."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomli

from kfor_tui.model import Problem

MAX_FILE_BYTES = 8 * 1024 * 1024


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it."""
    if not path.is_absolute():
        return os.path.normpath(path)
    try:
        return os.path.relpath(path, Path.cwd()) if path.is_relative_to(Path.cwd()) else str(path)
    except (ValueError, OSError):
        return str(path)


def expand(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named, and *.toml files found below folders named (hidden folders and links to folders skipped)."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        shown = display_path(path) if path.is_absolute() else str(path)
        if path.is_dir():
            found = []
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(folder) / name for name in sorted(names) if name.endswith(".toml"))
            if not found:
                problems.append(Problem(shown, 1, 1, "error", "no .toml briefing files in this folder"))
            for file in found:
                add(file)
        elif path.exists():
            add(path)
        elif path.is_symlink():
            problems.append(Problem(shown, 1, 1, "error", "broken symbolic link"))
        else:
            problems.append(Problem(shown, 1, 1, "error", "no such file or folder"))
    return files, problems


def read_toml(path: Path, shown: str) -> tuple[str | None, dict[str, Any] | None, list[Problem]]:
    """Text and parsed data of one file, or the problem that stops it loading."""
    def fail(message: str, line: int = 1, col: int = 1) -> tuple[None, None, list[Problem]]:
        return None, None, [Problem(shown, line, col, "error", message)]

    try:
        size = path.stat().st_size
        if not path.is_file():
            return fail("not a regular file")
        if size > MAX_FILE_BYTES:
            return fail(f"file is {size / 1048576:.1f} MiB, over the {MAX_FILE_BYTES // 1048576} MiB limit for a briefing")
        data = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror or exc}")
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
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        message = getattr(exc, "msg", str(exc))
        return fail(f"TOML syntax: {message}", line, col)
    except RecursionError:
        return fail("TOML nested too deeply to read")
    except (ValueError, OverflowError) as exc:
        return fail(f"TOML syntax: {exc}")
    return text, parsed, []
