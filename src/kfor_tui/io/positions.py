"""Line and column of every key in a TOML text, so that semantic errors point at the offending key.

TOML parsers return plain dicts without positions. This scanner re-reads a text that has already parsed,
and is run only for files that have something to report, so it costs nothing on a clean load.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right

KeyPath = tuple["str | int", ...]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.offsets: dict[KeyPath, int] = {}

    # -- low level -------------------------------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def skip_space(self, newlines: bool = False) -> None:
        text, n = self.text, len(self.text)
        while self.i < n:
            ch = text[self.i]
            if ch in " \t" or (newlines and ch in "\r\n"):
                self.i += 1
            elif ch == "#" and newlines:
                while self.i < n and text[self.i] != "\n":
                    self.i += 1
            else:
                break

    def skip_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end + 1

    def record(self, path: KeyPath, offset: int) -> None:
        self.offsets.setdefault(path, offset)

    # -- keys ------------------------------------------------------------------------------------
    def key(self) -> tuple[list[str], int]:
        parts: list[str] = []
        start = self.i
        while True:
            self.skip_space()
            ch = self.peek()
            if ch == '"':
                parts.append(self.basic_string())
            elif ch == "'":
                end = self.text.index("'", self.i + 1)
                parts.append(self.text[self.i + 1 : end])
                self.i = end + 1
            else:
                begin = self.i
                while self.i < len(self.text) and self.text[self.i] in _BARE:
                    self.i += 1
                if self.i == begin:
                    raise ValueError("key expected")
                parts.append(self.text[begin : self.i])
            self.skip_space()
            if self.peek() == ".":
                self.i += 1
                continue
            return parts, start

    def basic_string(self) -> str:
        self.i += 1
        out: list[str] = []
        while self.text[self.i] != '"':
            if self.text[self.i] == "\\":
                out.append(self.text[self.i : self.i + 2])
                self.i += 2
            else:
                out.append(self.text[self.i])
                self.i += 1
        self.i += 1
        return "".join(out)

    # -- values ----------------------------------------------------------------------------------
    def value(self, path: KeyPath) -> None:
        text = self.text
        if text.startswith('"""', self.i) or text.startswith("'''", self.i):
            quote = text[self.i : self.i + 3]
            self.i += 3
            while not text.startswith(quote, self.i):
                self.i += 2 if (quote == '"""' and text[self.i] == "\\") else 1
            self.i += 3
            while self.peek() == quote[0]:
                self.i += 1
        elif self.peek() == '"':
            self.basic_string()
        elif self.peek() == "'":
            self.i = text.index("'", self.i + 1) + 1
        elif self.peek() == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_space(newlines=True)
                if self.peek() == "]":
                    self.i += 1
                    return
                self.record((*path, index), self.i)
                self.value((*path, index))
                index += 1
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.i += 1
        elif self.peek() == "{":
            self.i += 1
            while True:
                self.skip_space(newlines=True)
                if self.peek() == "}":
                    self.i += 1
                    return
                parts, start = self.key()
                self.record((*path, *parts), start)
                self.i += 1  # '='
                self.skip_space()
                self.value((*path, *parts))
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.i += 1
        else:
            while self.i < len(text) and text[self.i] not in ",]}\n#":
                self.i += 1

    # -- document --------------------------------------------------------------------------------
    def document(self) -> None:
        table: KeyPath = ()
        arrays: dict[KeyPath, int] = {}
        while True:
            self.skip_space(newlines=True)
            if self.i >= len(self.text):
                return
            if self.peek() == "[":
                is_array = self.peek(2) == "[["
                self.i += 2 if is_array else 1
                parts, start = self.key()
                resolved: KeyPath = ()
                for part in parts[:-1]:
                    resolved = (*resolved, part)
                    if resolved in arrays:
                        resolved = (*resolved, arrays[resolved] - 1)
                resolved = (*resolved, parts[-1])
                self.record(resolved, start)
                if is_array:
                    index = arrays.get(resolved, 0)
                    arrays[resolved] = index + 1
                    resolved = (*resolved, index)
                    self.record(resolved, start)
                table = resolved
                self.skip_line()
                continue
            parts, start = self.key()
            path = (*table, *parts)
            self.record(path, start)
            self.i += 1  # '='
            self.skip_space()
            self.value(path)
            self.skip_line()


class Positions:
    """Maps key paths to 1-based (line, col); a path without its own entry takes its nearest parent's."""

    def __init__(self, text: str) -> None:
        scanner = _Scanner(text)
        with contextlib.suppress(ValueError, IndexError):  # keep what was found before the scanner lost its way
            scanner.document()
        self._offsets = scanner.offsets
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._text = text

    def of(self, path: KeyPath) -> tuple[int, int]:
        for length in range(len(path), 0, -1):
            offset = self._offsets.get(path[:length])
            if offset is not None:
                return self._line_col(offset)
        return (1, 1)

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1
