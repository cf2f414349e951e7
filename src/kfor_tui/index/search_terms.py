"""A text as search terms: folded (no case, no diacritics), numbers without thousands separators, dates at
every precision; and where a query's words occur in a text, for marking them. Used to build the lookup index
and to mark what a lookup found in the reader."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import lru_cache

from kfor_tui.dates import When

_SPECIAL = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "þ": "th",
        "’": "'",
    }
)
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[,.]\d{3})+)(?![\d]|[.,]\d)")
_TOKEN = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|[a-z0-9]+")
_MONTH_WORD = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?", re.I)


def fold(text: str) -> str:
    """Lower case without diacritics: 'Zvečan' and 'Zveçan' both become 'zvecan'."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    """Search terms of a text: folded words, numbers without thousands separators, ISO dates whole."""
    return list(_tokens(text)) if len(text) <= 160 else _split(text)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Names, roles and labels recur across thousands of records: each is tokenised once."""
    return tuple(_split(text))


def _split(text: str) -> list[str]:
    folded = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[,.]", "", m.group(2)), fold(text))
    return _TOKEN.findall(folded)


def date_terms(when: When | None) -> list[str]:
    """'2023', '2023-06', '2023-06-05' for each end of a date, so dates are found at any precision."""
    if when is None:
        return []
    out: list[str] = []
    for point in (when.start, when.end):
        if point is None:
            continue
        out.append(f"{point.year:04d}")
        if point.month:
            out.append(f"{point.year:04d}-{point.month:02d}")
            if point.day:
                out.append(f"{point.year:04d}-{point.month:02d}-{point.day:02d}")
    return out


def query_terms(query: str) -> list[str]:
    """Terms of a typed query; a written date such as 'June 2023' or '2 Jul 2025' becomes '2023-06' / '2025-07-02'."""
    if _MONTH_WORD.search(query) and re.search(r"\b\d{4}\b", query):
        iso = _parse_written_date(query)
        if iso:
            return [iso]
    return tokens(query)


def _parse_written_date(text: str) -> str | None:
    from dateutil import parser  # only when a query looks like a date

    try:
        first = parser.parse(text, default=datetime(2000, 1, 1))
        second = parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.day == second.day:
        return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"
    return f"{first.year:04d}-{first.month:02d}" if first.month == second.month else f"{first.year:04d}"


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where a query's words occur in a text, as (start, end) offsets of whole words in the original text:
    diacritic- and case-insensitive, by prefix, numbers with or without separators, typos within one or two edits."""
    chars: list[str] = []
    where: list[int] = []
    for offset, char in enumerate(text):
        for folded in fold(char):
            chars.append(folded)
            where.append(offset)
    folded = "".join(chars)
    spans: list[tuple[int, int]] = []
    for term in query_terms(query):
        if "-" in term:
            continue
        if term.isdigit():
            pattern = re.compile(r"(?<![0-9])" + r"[,.]?".join(term) + r"(?![0-9])")
            spans += [(where[m.start()], where[m.end() - 1] + 1) for m in pattern.finditer(folded)]
            continue
        for m in re.finditer(r"[a-z0-9]+", folded):
            word = m.group()
            if word.startswith(term) or (len(term) >= 4 and _close(term, word)):
                spans.append((where[m.start()], where[m.end() - 1] + 1))
    return sorted(set(spans))


def _close(term: str, word: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    edits = 1 if len(term) < 8 else 2
    return Levenshtein.distance(term, word, score_cutoff=edits) <= edits
