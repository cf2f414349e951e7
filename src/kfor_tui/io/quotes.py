"""Find a cited quote in its source's paragraphs, tolerant of white space and quote-mark style only.

Matching is on normalised text (runs of white space as one space, curly quotes and apostrophes as straight
ones), and the match is mapped back to offsets in the original paragraph so the reader can mark it.
"""

from __future__ import annotations

_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset of the original character."""
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for offset, char in enumerate(text.translate(_QUOTE_MARKS)):
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
    return "".join(out), where


def find_quote(quote: str, paragraphs: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Every (paragraph index, start, end) where the quote occurs, offsets into the original paragraph."""
    needle, _ = normalise(quote)
    if not needle:
        return []
    hits: list[tuple[int, int, int]] = []
    for index, paragraph in enumerate(paragraphs):
        hay, where = normalise(paragraph)
        start = hay.find(needle)
        while start >= 0:
            end = start + len(needle) - 1
            hits.append((index, where[start], where[end] + 1))
            start = hay.find(needle, start + 1)
    return hits
