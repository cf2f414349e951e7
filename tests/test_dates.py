from datetime import date

import pytest

from kfor_tui.dates import DateError, DatePoint, parse_period, parse_when


@pytest.mark.parametrize(
    "text, shown",
    [
        ("2025-07-02", "2 Jul 2025"),
        ("2024-03", "Mar 2024"),
        ("1999", "1999"),
        ("2023-06~", "~Jun 2023"),
        ("2023-06-04?", "4 Jun 2023?"),
        ("2025-07-02/2025-07-03", "2-3 Jul 2025"),
        ("1999/..", "1999 ->"),
        ("../2028-12", "until Dec 2028"),
        ("2025-04/2026-04", "Apr 2025 -> Apr 2026"),
        ("2024-03/2024-05", "Mar-May 2024"),
    ],
)
def test_display_by_precision(text, shown):
    assert parse_when(text).display() == shown


def test_toml_date_is_a_day():
    when = parse_when(date(2025, 7, 2))
    assert when.start == DatePoint(2025, 7, 2)
    assert when.start.precision == "day"


def test_bounds_of_partial_dates():
    when = parse_when("2024-02")
    assert when.lower() == date(2024, 2, 1)
    assert when.upper() == date(2024, 2, 29)
    assert parse_when("2023").upper() == date(2023, 12, 31)
    assert parse_when("1999/..").upper() is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("2025-13", "month 13"),
        ("2023-02-29", "no day 29"),
        ("July 2025", "not a date"),
        ("2026/2025", "starts after it ends"),
        ("../..", "at least one end"),
    ],
)
def test_bad_dates_say_why(text, message):
    with pytest.raises(DateError, match=message):
        parse_when(text)


def test_until_at_least():
    when = parse_period(
        {
            "end": "2028-12",
            "end_bound": "no_earlier_than",
            "end_kind": "planned",
            "text": "until at least December 2028",
        }
    )
    assert when.display() == "until >= Dec 2028"
    assert when.planned
    assert "planned" in when.describe()


def test_basis_and_kind_in_words():
    when = parse_when("2024-03-21", basis="year_from_published", kind="planned")
    assert when.describe() == "21 Mar 2024, planned, year from published"


def test_sort_key_orders_open_starts_by_end():
    assert parse_when("../2028-12").sort_key() == date(2028, 12, 1)
