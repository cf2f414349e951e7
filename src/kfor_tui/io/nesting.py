"""A bound on how deeply a TOML file may nest, for every TOML kfor-tui reads (briefings, config.toml, themes).

A 1 KB file can nest a thousand levels (`a.a.a.a... = 1`, or `[[[[...]]]]`), and any code that walks such
data by recursion, the TOML parser's included, then fails with RecursionError. So the text is scanned
before it is parsed (the scan finds where the nesting passes the limit, for a `path:line:col` message), and
the parsed data is walked without recursion as a backstop. Nothing kfor-tui reads needs more than a handful
of levels; MAX_DEPTH leaves room and is not a setting.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 32

Where = tuple[int, int]  # line, column (1-based)


def too_deep_message(limit: int = MAX_DEPTH) -> str:
    return f"nesting deeper than {limit} levels (tables, arrays and dotted keys together); not read"


_TOKENS = re.compile(
    r"""
    (?P<string>"{3}(?:[^\\]|\\.)*?"{3,5}     # multi-line basic string
      | '{3}.*?'{3,5}                        # multi-line literal string
      | "(?:[^"\\\n]|\\.)*"?                 # basic string (to its end, or to the line's)
      | '[^'\n]*'?)                          # literal string
    | (?P<comment>\#[^\n]*)
    | (?P<newline>\n)
    | (?P<open>[\[{])
    | (?P<close>[\]}])
    | (?P<equals>=)
    | (?P<dot>\.)
    | (?P<other>[^\s"'\#\[\]{}=.]+ | [ \t\r,]+)
    """,
    re.VERBOSE | re.DOTALL,
)


def deepest_point(text: str, limit: int = MAX_DEPTH) -> Where | None:
    """Where the TOML text first nests deeper than `limit`: table headers, dotted keys and the brackets of
    arrays and inline tables together. Strings and comments are skipped; None when it never does. A scan of
    tokens (one regular expression), not a parser: it only has to find where depth grows."""
    found = _scan(text, limit)
    if found is None:
        return None
    line = text.count("\n", 0, found) + 1
    return line, found - (text.rfind("\n", 0, found) + 1) + 1


def _scan(text: str, limit: int) -> int | None:
    """The offset where nesting first passes `limit`, or None."""
    mode = "statement"  # statement | header | key | value | rest (of a header's line)
    header = key = brackets = segments = 0
    start = 0
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "newline":
            if mode != "value" or brackets == 0:
                mode, key, brackets = "statement", 0, 0
        elif kind == "comment" or (kind == "other" and not match.group().strip(" \t\r,")):
            continue
        elif mode == "statement":
            if kind == "open":
                start, segments, mode = match.start(), 1 + text.startswith("[[", match.start()), "header"
            else:
                start, key, mode = match.start(), 1, "key"
        elif mode == "header":
            if kind == "dot":
                segments += 1
            elif kind == "close":
                header, mode = segments, "rest"
                if header > limit:
                    return start
        elif mode == "key":
            if kind == "dot":
                key += 1
            elif kind == "equals":
                mode = "value"
                if header + key > limit:
                    return start
        elif mode == "value":
            if kind == "open":
                brackets += 1
                if header + key + brackets > limit:
                    return match.start()
            elif kind == "close":
                brackets = max(0, brackets - 1)
    return None


def deepest_path(data: Any, limit: int = MAX_DEPTH) -> tuple[str | int, ...] | None:
    """The key path of the first value nested deeper than `limit` in parsed data, found without recursion;
    None when there is none. The backstop for what the text scan cannot see (keys inside inline tables)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > limit:
            return path
        if isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return None
