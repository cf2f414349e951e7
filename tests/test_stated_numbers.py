"""numbers_in: the whole numbers a quote states, so a figure of 4444 citing "4,443 personnel" is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kfor_tui.io.stated_numbers import numbers_in, states

# text: exactly the numbers it states
CASES: list[tuple[str, set[int]]] = [
    # digits and thousands separators
    ("4,443 personnel", {4443}),
    ("4443 personnel", {4443}),
    ("4\u00a0443 personnel", {4443}),
    ("4\u202f443 personnel", {4443}),
    ("4\u2009443 personnel", {4443}),
    ("1,234,567", {1234567}),
    ("1.234.567", {1234567}),
    ("1\u00a0234\u00a0567", {1234567}),
    ("1.200 soldiers", {1200}),
    ("25.000 Soldaten", {25000}),
    ("1,200.0", {1200}),
    ("0", {0}),
    ("007", {7}),
    # a plain space may group thousands or part two numbers: both readings
    ("4 443 personnel", {4443, 4, 443}),
    ("in 2024 150 soldiers", {2024, 150}),
    # decimals are not whole numbers, and their digits are not read apart
    ("1.5", set()),
    ("2.5 per cent", set()),
    ("0.443", set()),
    ("1,200.5", set()),
    ("1,5", set()),
    ("4,44", set()),
    ("2.50", set()),
    # a comma followed by four digits is punctuation
    ("2024,500 soldiers", {2024, 500}),
    ("4,4431", {4, 4431}),
    # scale words after digits
    ("5 thousand", {5000}),
    ("2 million", {2000000}),
    ("1.2 million", {1200000}),
    ("1.200 million", {1200000}),
    ("1,5 million", {1500000}),
    ("2\u00a0million", {2000000}),
    ("3 hundred", {300}),
    ("3 hundred thousand", {300000}),
    ("2 dozen", {24}),
    ("1.2345 thousand", set()),
    ("1.2m", set()),  # abbreviations are not read
    # digits wherever they stand
    ("21st", {21}),
    ("the 42nd Mechanised Battalion", {42}),
    ("F-16 jets", {16}),
    ("as_of 2024-03", {2024, 3}),
    ("from 1999 to 2017", {1999, 2017}),
    ("25%", {25}),
    # words
    ("one", {1}),
    ("Seven soldiers", {7}),
    ("TWELVE", {12}),
    ("nineteen", {19}),
    ("zero", {0}),
    ("thirty", {30}),
    ("twenty-eight", {28}),
    ("twenty eight", {28}),
    ("Twenty\u2011Eight", {28}),
    ("ninety-nine", {99}),
    ("a hundred", {100}),
    ("one hundred", {100}),
    ("hundred", {100}),
    ("two hundred", {200}),
    ("two hundred and fifty", {250}),
    ("one hundred twenty-eight", {128}),
    ("fifteen hundred", {1500}),
    ("twenty-five hundred", {2500}),
    ("a thousand", {1000}),
    ("one thousand", {1000}),
    ("five thousand", {5000}),
    ("two thousand five hundred", {2500}),
    ("two thousand and five", {2005}),
    ("two million", {2000000}),
    ("two million three thousand", {2003000}),
    ("a dozen", {12}),
    ("two dozen", {24}),
    ("seven soldiers from Luxembourg, five from Belgium and one from the Netherlands", {7, 5, 1}),
    ("Over those eighteen years, approximately 1,200 soldiers were deployed in 52 rotations", {18, 1200, 52}),
    # separate numbers stay separate
    ("one two three", {1, 2, 3}),
    ("between two hundred and three hundred", {200, 300}),
    ("two thousand three thousand", {2000, 3000}),
    ("ten twenty", {10, 20}),
    # vague words, ordinals and fractions state no amount
    ("thousand", set()),
    ("thousands of troops", set()),
    ("hundreds", set()),
    ("dozens", set()),
    ("a few dozen", set()),
    ("half a dozen", set()),
    ("the first", set()),
    ("twenty-first", set()),
    ("the twenty first century", set()),
    ("eighth", set()),
    ("fourteenth", set()),
    ("two-thirds", set()),
    ("one quarter", set()),
    # words inside other words are not numbers
    ("someone alone often", set()),
    ("Poland", set()),
    ("a three-day visit", {3}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_numbers_in(text: str, expected: set[int]) -> None:
    assert numbers_in(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "value", "stated"),
    [
        ("Currently, the KFOR mission consists of 4,443 personnel from 28 countries.", 4443, True),
        ("Currently, the KFOR mission consists of 4,443 personnel from 28 countries.", 4444, False),
        ("Currently, the KFOR mission consists of 4,443 personnel from 28 countries.", 443, False),
        ("Poland 258", 25, False),
        ("Poland 258", 258, True),
        ("around 1000 additional soldiers", 1000, True),
        ("several hundred", 100, True),  # "hundred" alone is 100: the caller weighs a vague quantity's words
    ],
)
def test_states(text: str, value: int, stated: bool) -> None:
    assert states(text, value) is stated


def test_result_is_cached_and_immutable() -> None:
    text = "4,443 personnel from 28 countries"
    assert numbers_in(text) is numbers_in(text)
    assert isinstance(numbers_in(text), frozenset)


@given(st.integers(min_value=0, max_value=10**7))
def test_every_integer_written_with_or_without_commas(n: int) -> None:
    assert n in numbers_in(f"{n:,}")
    assert n in numbers_in(str(n))
    assert n in numbers_in(f"about {n:,} soldiers.")
    assert n in numbers_in(f"{n:,}".replace(",", "\u00a0"))


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_a_decimal_is_never_read_as_its_digits(whole: int, tenths: int) -> None:
    text = f"{whole}.{tenths:02d}".rstrip("0")
    if text.endswith("."):
        return
    assert numbers_in(text) == frozenset()
