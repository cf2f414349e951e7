"""The reader's selection: a run of one paragraph's text that moves by sentence and grows or shrinks by a word.
It becomes a quote, and a quote must sit inside one paragraph (the loader anchors quotes per paragraph), so a
selection never spans two; moving by sentence crosses paragraphs. No Textual: the reader draws it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A word with what may sit inside it ("4,443", "NATO’s", "42nd", "U.S", "two-year"), or a run of punctuation:
# shrinking "…28 countries." by a word drops the full stop first, so a quote can end without it.
_TOKEN = re.compile(r"\w+(?:[’'.,:/\-]\w+)*|[^\w\s]+")
# The end of a sentence: . ! ? or … with any closing quotes or brackets, before white space.
_END = re.compile(r"[.!?\u2026]+[\"'”’»)\]]*(?=\s)")
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "brig", "capt", "cpt", "sgt", "cpl", "pvt"),
        *("adm", "cmdr", "st", "no", "nos", "vol", "art", "para", "e.g", "i.e", "etc", "vs", "approx"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)


@dataclass(frozen=True, slots=True)
class Selection:
    """Characters start..end of paragraph `paragraph` (0-based), as in an Anchor."""

    paragraph: int
    start: int
    end: int

    def text(self, paragraphs: Sequence[str]) -> str:
        return paragraphs[self.paragraph][self.start : self.end]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, without the white space between them. A full stop after
    an abbreviation or an initial ("Gen.", "J.") or before a lower-case word ends no sentence."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if end <= start or not _ends_sentence(text, match.start(), end):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _ends_sentence(text: str, stop: int, end: int) -> bool:
    following = text[_skip_space(text, end) : _skip_space(text, end) + 1]
    if following and following.islower():
        return False
    if text[stop] != ".":
        return True
    word = re.search(r"(\S+)$", text[:stop])
    before = word.group(1).lstrip("(\"'“‘«").casefold() if word else ""
    return not (before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()))


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word or run of punctuation."""
    return [match.span() for match in _TOKEN.finditer(text)]


def first_sentence(paragraphs: Sequence[str], paragraph: int) -> Selection | None:
    """The first sentence of `paragraph`, or of the next paragraph with text; None when there is none."""
    for index in range(max(0, paragraph), len(paragraphs)):
        found = sentences(paragraphs[index])
        if found:
            return Selection(index, *found[0])
    return None


def step_sentence(paragraphs: Sequence[str], current: Selection, direction: int) -> Selection:
    """The next sentence after the selection (direction 1) or the one before it (-1), into the paragraphs
    after or before; the selection itself at either end of the text."""
    spans = sentences(paragraphs[current.paragraph])
    if direction > 0:
        later = [s for s in spans if s[0] >= current.end]
        if later:
            return Selection(current.paragraph, *later[0])
        following = (i for i in range(current.paragraph + 1, len(paragraphs)) if sentences(paragraphs[i]))
        index = next(following, None)
        return Selection(index, *sentences(paragraphs[index])[0]) if index is not None else current
    earlier = [s for s in spans if s[1] <= current.start]
    if earlier:
        return Selection(current.paragraph, *earlier[-1])
    preceding = (i for i in range(current.paragraph - 1, -1, -1) if sentences(paragraphs[i]))
    index = next(preceding, None)
    return Selection(index, *sentences(paragraphs[index])[-1]) if index is not None else current


def move_end(text: str, current: Selection, direction: int) -> Selection:
    """Grow the selection by the next word at its end (1) or shrink it by its last word (-1); it keeps one."""
    spans = tokens(text)
    if direction > 0:
        later = [end for start, end in spans if start >= current.end]
        return Selection(current.paragraph, current.start, later[0]) if later else current
    inside = [end for start, end in spans if current.start <= start and end < current.end]
    return Selection(current.paragraph, current.start, inside[-1]) if inside else current


def move_start(text: str, current: Selection, direction: int) -> Selection:
    """Grow the selection by the word before its start (-1) or shrink it by its first word (1); it keeps one."""
    spans = tokens(text)
    if direction < 0:
        earlier = [start for start, end in spans if end <= current.start]
        return Selection(current.paragraph, earlier[-1], current.end) if earlier else current
    inside = [start for start, end in spans if current.start < start and end <= current.end]
    return Selection(current.paragraph, inside[0], current.end) if inside else current
