"""The whole numbers a text states, so a record's figure can be checked against the words it cites.

A figure of 4444 citing "4,443 personnel" passed every other check: the quote was found, only the number was
wrong. `numbers_in` reads every amount a quote states, in digits or in words, and the loader compares.

The set answers "could this text be stating N?", so where a text can be read two ways, both readings are in it
and a correct record is never flagged because of the reader's guess. It does not judge meaning: years, ages,
unit numbers and the digits of "F-16" are numbers too.

Digits
    - Thousands separators: "4,443", "4.443" (a dot followed by exactly three digits, the European way),
      "4 443" with a space, no-break space (U+00A0), thin space (U+2009) or narrow no-break space (U+202F).
      Every group after the first has exactly three digits and all use one separator; the first group has
      one to three digits and does not start with 0 ("0.443" is a decimal).
    - A plain space also separates two numbers ("group 2 150 soldiers"), so "4 443" states 4443, 4 and 443.
      The no-break and thin spaces are only ever grouping, so "4\u00a0443" states 4443 alone.
    - A decimal point or decimal comma makes a fraction, and a fraction is not a whole number: "1.5" and
      "2.5" state nothing (not 1, 5, 15 or 1500). A decimal comma is a comma followed by one or two digits
      ("1,5"); a comma followed by three is a thousands separator and by four or more is punctuation.
    - A scale word after the digits multiplies: "5 thousand" = 5000, "2 million", "1.2 million" = 1200000
      (before a scale word a dot is always a decimal point), "3 hundred", "3 hundred thousand", "2 dozen".
      The result counts when it is whole: "1.2345 thousand" states nothing. The digits alone are not also
      stated ("5 thousand" is not 5). Abbreviations ("1.2m", "5k", "2bn") are not read.
    - Digits count wherever they stand, ordinal suffix or not: "21st" states 21, "2024-03" states 2024 and 3.

Words (case-insensitive)
    - "zero" to "nineteen", the tens "twenty" to "ninety" and their compounds ("twenty-eight", "twenty eight").
    - "hundred" alone, "a hundred", "one hundred" = 100; "two hundred" = 200; "fifteen hundred" = 1500;
      "two hundred and fifty" = 250; "a thousand", "one thousand" = 1000, "five thousand" = 5000,
      "two thousand five hundred" = 2500; "two million"; "a dozen" = 12, "two dozen" = 24 ("half a dozen"
      states nothing).
    - Bare "thousand", "million" and "dozen" state nothing ("a few dozen", "thousands", "dozens" are vague).
    - Ordinals in words are positions, not amounts: "first", "twenty-first", "third" state nothing, and a
      number word joined to an ordinal or a fraction ("two-thirds", "twenty-first") is left out with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_MULTIPLIERS = {"hundred": 100, "dozen": 12, **_SCALES}

_SMALL: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
_SMALL.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
_SMALL["fourty"] = 40  # a common misspelling that still states the number

_ORDINAL_NEXT = (
    r"(?![-\u2010\u2011 ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|quarter|half|halves)s?\b)"
)
# Longest first, so "seventeen" is not read as "seven"; each word must end at a word boundary.
_WORD = "(?:" + "|".join(sorted((*_SMALL, *_MULTIPLIERS), key=len, reverse=True)) + r")\b" + _ORDINAL_NEXT
_JOIN = r"(?:\s*[-\u2010\u2011]\s*|\s+(?:and\s+)?)"
_MULTIPLIER_WORDS = "|".join(_MULTIPLIERS)
# Texts are lowercased before matching (faster than IGNORECASE); each pattern opens with a lookahead on its
# first characters, which lets the regex engine skip straight to candidates.
_WORDS = re.compile(
    rf"(?=[abdefhmnostz])\b(?:(?<!half )(?<!half-)a\s+(?=(?:{_MULTIPLIER_WORDS})\b))?"
    rf"{_WORD}(?:{_JOIN}{_WORD})*"
)

_SPACES = " \u00a0\u2009\u202f"
_DIGITS = re.compile(
    r"(?=[0-9])(?:"  # a match always begins at the first digit of a run: every branch ends before a digit
    r"(?P<comma>[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?![0-9])(?:\.(?P<comma_frac>[0-9]+))?"
    r"|(?P<dot>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?![0-9])(?:,(?P<dot_frac>[0-9]{1,2})(?![0-9]))?"
    rf"|(?P<space>[1-9][0-9]{{0,2}}(?:[{_SPACES}][0-9]{{3}})+)(?![0-9])"
    r"|(?P<plain>[0-9]+)(?:\.(?P<point>[0-9]+)|,(?P<decimal_comma>[0-9]{1,2})(?![0-9]))?"
    r")"
    r"(?:[ \u00a0]+(?P<scale>(?:hundred[ \u00a0]+)?(?:thousand|million|billion)|hundred|dozen)\b)?"
)
_TOKEN = re.compile(r"[a-z]+")
# Before a scale word a dot is a decimal point: "1.200 million" is 1.2 million, not 1200 million.
_AS_DECIMAL = re.compile(r"([0-9]+)\.([0-9]+)")


@lru_cache(maxsize=8192)
def numbers_in(text: str) -> frozenset[int]:
    """Every whole number `text` states, in digits or words (the rules are in the module docstring)."""
    low = text.lower()
    found: set[int] = set()
    for match in _DIGITS.finditer(low):
        _digits(match, found)
    for match in _WORDS.finditer(low):
        tokens = _TOKEN.findall(match.group())
        if tokens[0] in _MULTIPLIERS and _follows_digits(low, match.start()):
            while tokens and tokens[0] in _MULTIPLIERS:
                del tokens[0]  # "5 hundred": the digits read their multiplier already
        found.update(_words(tokens))
    return frozenset(found)


def amounts_in(text: str) -> list[tuple[int, int, int]]:
    """Each amount `text` states with where it stands: (start, end, value), in text order, read by the rules
    of `numbers_in`, one reading per stretch of text: "4 443" is 4443 here (numbers_in also has 4 and 443),
    and number words that make several numbers ("one two") give each with the stretch's span. For the
    capture form's hints (index/capture_hints.py), which need to say where a number was found."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lowercases to two ("İ"): keep it, so offsets stay in place
        low = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    found: list[tuple[int, int, int]] = []
    for match in _DIGITS.finditer(low):
        values: set[int] = set()
        _digits(match, values)
        if values:
            found.append((match.start(), match.end(), max(values)))
    for match in _WORDS.finditer(low):
        tokens = _TOKEN.findall(match.group())
        if tokens[0] in _MULTIPLIERS and _follows_digits(low, match.start()):
            continue  # "5 hundred": read with its digits above
        found.extend((match.start(), match.end(), value) for value in _words(tokens))
    return sorted(found)


def states(text: str, value: int) -> bool:
    """Whether `text` states the whole number `value` anywhere."""
    return value in numbers_in(text)


def _follows_digits(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < start - 1 and index >= 0 and "0" <= text[index] <= "9"


def _digits(match: re.Match[str], found: set[int]) -> None:
    scale = match.group("scale")
    multiplier = 1
    for word in scale.lower().split() if scale else ():
        multiplier *= _MULTIPLIERS[word]  # "3 hundred thousand"
    grouped = match.group("comma") or match.group("dot") or match.group("space")
    if match.group("dot") and scale and not match.group("dot_frac"):
        decimal = _AS_DECIMAL.fullmatch(match.group("dot"))
        if decimal:  # "1.200 million"
            _add_fraction(decimal.group(1), decimal.group(2), multiplier, found)
            return
    if grouped is not None:
        whole = re.sub(f"[,.{_SPACES}]", "", grouped)
        fraction = match.group("comma_frac") or match.group("dot_frac") or ""
        _add_fraction(whole, fraction, multiplier, found)
        if match.group("space") and " " in grouped and not scale:
            found.update(int(part) for part in re.split(f"[{_SPACES}]", grouped))
        return
    fraction = match.group("point") or match.group("decimal_comma") or ""
    _add_fraction(match.group("plain"), fraction, multiplier, found)


def _add_fraction(whole: str, fraction: str, multiplier: int, found: set[int]) -> None:
    """Add whole.fraction * multiplier when that is a whole number."""
    fraction = fraction.rstrip("0")
    denominator = 10 ** len(fraction)
    numerator = (int(whole) * denominator + (int(fraction) if fraction else 0)) * multiplier
    if numerator % denominator == 0:
        found.add(numerator // denominator)


def _words(tokens: list[str]) -> list[int]:
    """The numbers a run of number words states: one for "two thousand five hundred and six", several when
    the words do not make one number ("one two three", "between two hundred and three hundred")."""
    values: list[int] = []
    total = 0
    current: int | None = None
    last_scale = 0
    previous = ""  # the kind of the previous token: small, hundred, scale, dozen, and

    def flush() -> None:
        nonlocal total, current, last_scale
        if current is not None or total:
            values.append(total + (current or 0))
        total, current, last_scale = 0, None, 0

    for index, token in enumerate(tokens):
        if token == "a":
            flush()
            current, previous = 1, "small"  # the regex only keeps "a" before a multiplier
            continue
        if token == "and":
            if previous not in ("hundred", "scale") or _starts_bigger(tokens, index + 1):
                flush()
                previous = ""
            else:
                previous = "and"
            continue
        if token in _SMALL:
            value = _SMALL[token]
            if current is None:
                current = value
            elif previous == "small" and current % 100 >= 20 and current % 10 == 0 and 0 < value < 10:
                current += value  # twenty-eight
            elif previous in ("hundred", "and") and current % 100 == 0:
                current += value  # two hundred (and) five
            else:
                flush()
                current = value
            previous = "small"
        elif token == "hundred":
            if current is None:
                current = 100
            elif current < 100 and previous != "hundred":
                current *= 100  # fifteen hundred
            else:
                flush()
                current = 100
            previous = "hundred"
        elif token == "dozen":
            if current is not None and previous != "dozen":
                current *= 12
            previous = "dozen"
        else:  # thousand, million, billion
            scale = _SCALES[token]
            if current is None:
                if total:
                    flush()
                previous = ""
                continue  # bare "thousand" states no amount
            if total and scale >= last_scale:
                amount = current
                current = None
                flush()
                current = amount
            total += current * scale
            current, last_scale, previous = None, scale, "scale"
    flush()
    return values


def _starts_bigger(tokens: list[str], start: int) -> bool:
    """Whether the number words from `start` reach a multiplier: after "two hundred", "and three hundred"
    starts a new number rather than adding three."""
    for token in tokens[start:]:
        if token in _MULTIPLIERS:
            return True
        if token not in _SMALL:
            return False
    return False
