"""Find a cited quote in its source's paragraphs, tolerant of white space and quote-mark style only.

Matching is on normalised text (runs of white space as one space, curly quotes and apostrophes as straight
ones), and the match is mapped back to offsets in the original paragraph so the reader can mark it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


_SLOW = re.compile(r"\s{2,}|[^\S ]")
_MARKS = re.compile("[" + re.escape("".join(chr(c) for c in _QUOTE_MARKS)) + "]")


def normalise(text: str) -> tuple[str, list[int] | None, int]:
    """Normalised text, and how to map its offsets back: a list of original offsets, or None when every
    character stayed in place after the leading `shift` spaces (the common case: no runs of white space)."""
    if _MARKS.search(text):  # str.translate with a dict costs ~30x this search; most text has no curly quotes
        text = text.translate(_QUOTE_MARKS)
    if not _SLOW.search(text):
        body = text.strip(" ")
        return body, None, len(text) - len(text.lstrip(" "))
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for offset, char in enumerate(text):
        if char.isspace():
            if in_space or not out:
                continue
            in_space = True
            out.append(" ")
        else:
            in_space = False
            out.append(char)
        where.append(offset)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where, 0


@lru_cache(maxsize=256)
def _normalised(paragraphs: tuple[str, ...]) -> tuple[tuple[str, list[int] | None, int], ...]:
    return tuple(normalise(paragraph) for paragraph in paragraphs)


def find_quote(quote: str, paragraphs: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Every (paragraph index, start, end) where the quote occurs, offsets into the original paragraph."""
    needle = normalise(quote)[0]
    if not needle:
        return []
    hits: list[tuple[int, int, int]] = []
    for index, (hay, where, shift) in enumerate(_normalised(paragraphs)):
        start = hay.find(needle)
        while start >= 0:
            end = start + len(needle) - 1
            if where is None:
                hits.append((index, start + shift, end + shift + 1))
            else:
                hits.append((index, where[start], where[end] + 1))
            start = hay.find(needle, start + 1)
    return hits
