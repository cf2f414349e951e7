"""The amounts a stretch of source text states, with the words that qualify them, as docs/format.md records a
Quantity: the number stated, how the amount relates to it ("around 1000" is about 1000, "well over 4,000"
more than 4,000), and the source's own words.

The numbers are read by io/stated_numbers.py, the reader the loader checks quotes with, so a number offered
here is one the check will find in the quote. Vague words ("several hundred") give the format's house-rule
range, marked as such: it is kfor-tui's rule, not the source's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kfor_tui.io.stated_numbers import amounts_in

_QUALIFIERS = {
    "well over": "more_than",
    "more than": "more_than",
    "over": "more_than",
    "in excess of": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "up to": "at_most",
    "at most": "at_most",
    "a maximum of": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "just under": "less_than",
    "under": "less_than",
    "below": "less_than",
    "almost": "less_than",
    "nearly": "less_than",
    "around": "about",
    "about": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
}
_QUALIFIER = re.compile(r"\b(" + "|".join(re.escape(words) for words in _QUALIFIERS) + r")\s+$", re.IGNORECASE)
# The format's house rule for vague words (docs/format.md, Quantity): the range, as the form takes it
_VAGUE = {"several hundred": "200-900", "hundreds": "200-999", "dozens": "24-99", "a number of": "2+"}
_VAGUE_WORDS = re.compile(r"\b(several hundred|hundreds|dozens|a number of)\b", re.IGNORECASE)
_WORD = re.compile(r"(?:[ \u00a0]+|-)([A-Za-z][A-Za-z'’-]*)")
_STOP_WORDS = (
    "from in of to who which that and or were was are is have has had will would at on for with by as since "
    "while after before during into than the a an may might can could should must"
)
_STOP = frozenset(_STOP_WORDS.split())
_RANGE_JOIN = re.compile(r"\s*(?:-|–|to)\s*")
_PEOPLE_WORDS = (
    "personnel soldiers troops members servicemen servicewomen staff officers peacekeepers military men women "
    "people marines airmen sailors instructors specialists engineers medics police gendarmes strong"
)
PEOPLE = frozenset(_PEOPLE_WORDS.split())
NATION_NOUNS = frozenset(("countries", "nations", "states", "allies", "contributors"))


@dataclass(frozen=True, slots=True)
class AmountPhrase:
    """An amount: `value` as the capture form takes it ("4443", "60-120", "2+"), its `qualifier`, where the
    number stands (`span`) and where the qualifying words do (`qualifier_span`, None when there are none),
    the source's words for it (`words_span`: qualifier, number and what is counted), the words after the
    number (`nouns`, lowercased), and `house_rule` when the value is the format's range for vague words."""

    span: tuple[int, int]
    value: str
    qualifier: str
    qualifier_span: tuple[int, int] | None
    words_span: tuple[int, int]
    nouns: tuple[str, ...]
    house_rule: bool = False

    @property
    def counts(self) -> str:
        """ "people", "nations" or "" by what the words after the number count."""
        if PEOPLE & set(self.nouns):
            return "people"
        return "nations" if NATION_NOUNS & set(self.nouns) else ""


def amount_phrases(text: str, skip: list[tuple[int, int]]) -> list[AmountPhrase]:
    """The amounts of `text` in text order, leaving out numbers inside `skip` (the date phrases), ordinals
    ("42nd") and designations ("F-16")."""
    found: list[AmountPhrase] = []
    for match in _VAGUE_WORDS.finditer(text):
        nouns, words_end = _nouns(text, match.end())
        house = _VAGUE[match.group(1).lower()]
        found.append(AmountPhrase(match.span(), house, "vague", match.span(), (match.start(), words_end), nouns, True))
    skip = [*skip, *(phrase.span for phrase in found)]  # "several hundred" is not also 100
    numbers = [
        (start, end, value)
        for start, end, value in amounts_in(text)
        if not any(start < right and left < end for left, right in skip) and not _designation(text, start, end)
    ]
    index = 0
    while index < len(numbers):
        start, end, value = numbers[index]
        shown = str(value)
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        if following is not None and _joins(text, start, end, following[0]):
            shown, end = f"{value}-{following[2]}", following[1]
            index += 1
        found.append(_phrase(text, start, end, shown))
        index += 1
    return sorted(found, key=lambda phrase: phrase.span)


def _designation(text: str, start: int, end: int) -> bool:
    after = text[end : end + 2].lower()
    before = text[max(0, start - 2) : start]
    return after[:2] in ("st", "nd", "rd", "th") or (len(before) == 2 and before[1] == "-" and before[0].isalpha())


def _joins(text: str, start: int, end: int, next_start: int) -> bool:
    """Whether two numbers make one stated range: "60-120", "60 to 120", "between 60 and 120"."""
    between = text[end:next_start]
    if _RANGE_JOIN.fullmatch(between):
        return True
    return bool(re.fullmatch(r"\s+and\s+", between)) and bool(re.search(r"\bbetween\s+$", text[:start], re.IGNORECASE))


def _phrase(text: str, start: int, end: int, shown: str) -> AmountPhrase:
    qualifier, qualifier_span = ("exact", None)
    match = _QUALIFIER.search(text, 0, start)
    words_start = start
    if match is not None and "-" not in shown:
        qualifier, qualifier_span = _QUALIFIERS[match.group(1).lower()], match.span(1)
        words_start = match.start(1)
    elif "-" in shown:
        opener = re.search(r"\b(between|from)\s+$", text[:start], re.IGNORECASE)
        words_start = opener.start(1) if opener else start
    nouns, words_end = _nouns(text, end)
    return AmountPhrase((start, end), shown, qualifier, qualifier_span, (words_start, words_end), nouns)


def _nouns(text: str, end: int) -> tuple[tuple[str, ...], int]:
    """Up to three words after a number, stopping at punctuation or a word that starts another phrase."""
    words: list[str] = []
    position = end
    while len(words) < 3:
        match = _WORD.match(text, position)
        if match is None or match.group(1).lower() in _STOP:
            break
        words.append(match.group(1).lower())
        position = match.end()
        if words[-1] in PEOPLE or words[-1] in NATION_NOUNS:
            break  # what is counted ends the phrase: "4,443 personnel", not "4,443 personnel remain"
    return tuple(words), position
