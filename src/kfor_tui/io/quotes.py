"""Find a cited quote in its source's paragraphs, tolerant of white space and quote-mark style only.

Matching is on normalised text (runs of white space as one space, curly quotes and apostrophes as straight
ones), and the match is mapped back to offsets in the original paragraph so the reader can mark it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


_SLOW = re.compile(r"\s{2,}|[^\S ]")
_MARKS = re.compile("[" + re.escape("".join(chr(c) for c in _QUOTE_MARKS)) + "]")


def normalise(text: str) -> tuple[str, list[int] | None, int]:
    """Normalised text, and how to map its offsets back: a list of original offsets, or None when every
    character stayed in place after the leading `shift` spaces (the common case: no runs of white space)."""
    if _MARKS.search(text):  # most text has no curly quotes, and this search costs far less than translate
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
    """Every (paragraph index, start, end) where the quote occurs, offsets into the original paragraph.

    When it occurs more than once, the occurrences that begin and end on word boundaries come first (in text
    order, then the others in text order): the loader anchors the quote to the first, and "25 soldiers" must
    mark the "25 soldiers" of a paragraph, not the end of "125 soldiers" earlier in it."""
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
    if len(hits) > 1:
        hits.sort(key=lambda hit: _is_cut(paragraphs[hit[0]], hit[1], hit[2]))  # stable: text order kept
    return hits


# Characters that continue a number between two digits: "4,443", "1.200", "4 443" with a no-break or thin space.
_NUMBER_JOINS = frozenset(",.\u00a0\u2009\u202f")
_LONGEST_SHOWN = 40


def _in_word(char: str) -> bool:
    """A letter, digit or combining mark: part of a word or number."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _unspaced(char: str) -> bool:
    """Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar), where every
    character boundary may be a word boundary."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or 0x0E00 <= code <= 0x0EFF
        or 0x1000 <= code <= 0x109F
        or 0x1780 <= code <= 0x17FF
    )


def _joined(text: str, boundary: int) -> bool:
    """Whether offset `boundary` falls inside a word or number of `text` (between two of its characters)."""
    if boundary <= 0 or boundary >= len(text):
        return False
    before, after = text[boundary - 1], text[boundary]
    if _in_word(before) and _in_word(after):
        return not (_unspaced(before) or _unspaced(after))
    if before in _NUMBER_JOINS and after.isdigit():  # 25|,000 is cut at the comma
        return boundary >= 2 and text[boundary - 2].isdigit()
    if after in _NUMBER_JOINS and before.isdigit():  # 25,|000
        return boundary + 1 < len(text) and text[boundary + 1].isdigit()
    return False


def _is_cut(paragraph: str, start: int, end: int) -> bool:
    return _joined(paragraph, start) or _joined(paragraph, end)


def _word_at(text: str, boundary: int) -> str:
    """The whole word or number that `boundary` falls inside, shortened when it is very long."""

    def part_of(index: int) -> bool:
        char = text[index]
        if char in _NUMBER_JOINS:
            return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
        return _in_word(char) and not _unspaced(char)

    left = boundary
    while left > 0 and part_of(left - 1):
        left -= 1
    right = boundary
    while right < len(text) and part_of(right):
        right += 1
    word = text[left:right]
    if len(word) > _LONGEST_SHOWN:
        head = max(0, min(boundary - left - _LONGEST_SHOWN // 2, len(word) - _LONGEST_SHOWN))
        tail = "..." if head + _LONGEST_SHOWN < len(word) else ""
        word = ("..." if head else "") + word[head : head + _LONGEST_SHOWN] + tail
    return word


def cut_at(paragraph: str, start: int, end: int) -> str | None:
    """Why the matched quote paragraph[start:end] is not a whole stretch of text, or None when it is.

    A quote that starts or ends inside a word or a number changes what the source says: "Poland 25" is found in
    "Poland 258", "4,44" in "4,443", "25" in "25,000". A space or punctuation on either side is a clean cut, and
    so is a quote that begins or ends with punctuation, except a thousands separator or decimal point between
    two digits ("25," of "25,000"), which is still inside the number."""
    problems = []
    if _joined(paragraph, start):
        problems.append(f'starts inside the word or number "{_word_at(paragraph, start)}"')
    if _joined(paragraph, end):
        problems.append(f'ends inside the word or number "{_word_at(paragraph, end)}"')
    return "the quote " + " and ".join(problems) if problems else None
