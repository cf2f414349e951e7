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
    (?P<string>"{3}[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"{3,5}  # multi-line basic string
      | '{3}[^']*(?:'(?!'')[^']*)*'{3,5}               # multi-line literal string
      | "[^"\\\n]*(?:\\.[^"\\\n]*)*"?                 # basic string (to its end, or to the line's)
      | '[^'\n]*'?)                                    # literal string
    | (?P<comment>\#[^\n]*)
    | (?P<newline>\n)
    | (?P<open>[\[{])
    | (?P<close>[\]}])
    | (?P<equals>=)
    | (?P<dot>\.)
    """,
    re.VERBOSE | re.DOTALL,
)
# What lies between two tokens before a bare key starts: blanks, and commas on their own (as the tokens of a
# scan that also matched words would split it: a comma right after a blank is part of the blank).
_BLANK = re.compile(r"(?:[ \t\r][ \t\r,]*|[^\S \t\r\n]|,+(?!\S))*")


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
    """The offset where nesting first passes `limit`, or None. Words and blanks are not tokens (the regular
    expression skips them); a bare key is seen as the text before a statement's first token."""
    mode = "statement"  # statement | header | key | value | rest (of a header's line)
    header = key = brackets = segments = 0
    start = after = 0
    blank = _BLANK.match
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        at, before, after = match.start(), after, match.end()
        if kind == "newline":
            if mode != "value" or brackets == 0:
                mode, key, brackets = "statement", 0, 0
            continue
        if kind == "comment":
            continue
        if mode == "statement":
            blanks = blank(text, before, at)  # always a match, maybe an empty one
            word = blanks.end() if blanks is not None else before
            if word < at:  # a bare key, then this token in it
                start, key, mode = word, 1, "key"
            elif kind == "open":
                start, segments, mode = at, 1 + text.startswith("[[", at), "header"
                continue
            else:
                start, key, mode = at, 1, "key"
                continue
        if mode == "header":
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
                    return at
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


def depth_of(data: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply parsed data nests (the length of the longest key path to a value), counted up to one level
    past `limit`, without recursion: level by level, over the tables and arrays alone (no key paths are made,
    so it costs a fraction of deepest_path's walk)."""
    level: list[Any] = [data] if isinstance(data, (dict, list)) else []
    depth = 0
    while level and depth <= limit:
        below: list[Any] = []
        filled = False
        for container in level:
            items = container.values() if isinstance(container, dict) else container
            if items:
                filled = True
                below += [item for item in items if isinstance(item, (dict, list))]
        if not filled:
            break
        depth += 1
        level = below
    return depth


def may_be_too_deep(data_depth: int, limit: int = MAX_DEPTH) -> bool:
    """Whether the text of parsed data that nests `data_depth` levels can nest deeper than `limit` as the
    scan counts it. The scan counts at most one level more than the data holds (the bracket of an empty
    array, which has no value inside), so a file parsed without error whose data nests less than half the
    limit need not be scanned: the scan (a tokenizer in Python) costs more than parsing the file."""
    return data_depth >= limit // 2
