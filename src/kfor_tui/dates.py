"""Dates as honest as their sources: day, month or year precision, ranges, open ends, approximate.

A small subset of EDTF (ISO 8601-2) is parsed by hand: it is all the format needs, and a hand parser can
say exactly what is wrong with a date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Any, Literal, get_args

from kfor_tui.frozen import Frozen

# The words a date's metadata takes. Typed as literals, so that a date read back from the load cache shares
# these very strings instead of holding a copy of each (a warm start at 10,000 articles: 350,000 of them).
Basis = Literal["stated", "year_from_published", "relative_to_published", "inferred"]
Kind = Literal["actual", "planned", "expected"]
EndBound = Literal["exact", "no_earlier_than", "no_later_than"]
BASES: tuple[Basis, ...] = get_args(Basis)
KINDS: tuple[Kind, ...] = get_args(Kind)
END_BOUNDS: tuple[EndBound, ...] = get_args(EndBound)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?]?)$")


class DateError(ValueError):
    """A date string that is not in the format's EDTF subset, or names a day that does not exist."""


class DatePoint(Frozen, frozen=True):
    """A date known to the day, the month or the year, possibly approximate (~) or uncertain (?)."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def lower(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def upper(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "?" if self.uncertain else "")

    def display(self) -> str:
        if self.day and self.month:  # a day always comes with its month (parse_point)
            text = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        elif self.month:
            text = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        return ("~" if self.approximate else "") + text + ("?" if self.uncertain else "")


class When(Frozen, frozen=True, kw_only=True):
    """A dated fact: one date or a span, with the source's own words and how the date was obtained.

    `start` or `end` is None when that end is open or unknown. `kind`/`end_kind` separate what happened
    from what was planned; `end_bound` says "until at least" (no_earlier_than) or "by" (no_later_than).
    """

    start: DatePoint | None
    end: DatePoint | None
    is_range: bool = False
    text: str | None = None
    basis: Basis = "stated"
    end_basis: Basis | None = None
    kind: Kind = "actual"
    end_kind: Kind | None = None
    end_bound: EndBound = "exact"

    def lower(self) -> date | None:
        """Earliest day the fact can be on; None when the start is open."""
        if self.start is not None:
            return self.start.lower()
        return None

    def upper(self) -> date | None:
        """Latest day the fact can be on; None when the end is open."""
        point = self.end if self.is_range else self.start
        return point.upper() if point is not None else None

    def sort_key(self) -> date:
        point = self.start or self.end
        return point.lower() if point is not None else date.min

    def edtf(self) -> str:
        if not self.is_range:
            return self.start.edtf() if self.start else ".."
        return f"{self.start.edtf() if self.start else '..'}/{self.end.edtf() if self.end else '..'}"

    @property
    def planned(self) -> bool:
        return self.kind != "actual" or (self.end_kind or "actual") != "actual"

    def display(self) -> str:
        """Short form by precision: '2 Jul 2025', '2-3 Jul 2025', '~Jun 2023', '1999 ->', 'until >= Dec 2028'."""
        if not self.is_range:
            return self.start.display() if self.start else "date unknown"
        start, end = self.start, self.end
        end_text = ""
        if end is not None:
            bound = {"no_earlier_than": ">= ", "no_later_than": "<= "}.get(self.end_bound, "")
            end_text = bound + end.display()
        if start is None:
            return f"until {end_text}" if end_text else "date unknown"
        if end is None:
            return f"{start.display()} ->"
        if self.end_bound == "exact" and not (start.approximate or end.approximate or start.uncertain or end.uncertain):
            if start.day and end.day and start.year == end.year and start.month == end.month:
                return f"{start.day}-{end.display()}"
            if start.month and end.month and not start.day and not end.day and start.year == end.year:
                return f"{MONTHS[start.month - 1]}-{end.display()}"
        return f"{start.display()} -> {end_text}"

    def describe(self) -> str:
        """The display form with planned/actual and basis spelled out in words, not colour."""
        parts = [self.display()]
        if self.kind != "actual":
            parts.append(self.kind)
        if self.end_kind and self.end_kind != "actual" and self.end_kind != self.kind:
            parts.append(f"end {self.end_kind}")
        if self.basis != "stated":
            parts.append(self.basis.replace("_", " "))
        return ", ".join(parts)


def parse_point(text: str) -> DatePoint:
    match = _POINT.match(text)
    if not match:
        raise DateError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ or ?")
    year, month, day, flag = match.groups()
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        raise DateError(f"{text!r}: month {m} does not exist")
    if d is not None and m is not None and not 1 <= d <= calendar.monthrange(y, m)[1]:
        raise DateError(f"{text!r}: {MONTHS[m - 1]} {y} has no day {d}")
    return DatePoint(y, m, d, approximate=flag == "~", uncertain=flag == "?")


def parse_when(value: str | date, **meta: str | None) -> When:
    """Parse a Date value (EDTF subset string or a TOML local date) into a When."""
    if isinstance(value, date):
        return When(start=DatePoint(value.year, value.month, value.day), end=None, **_meta(meta))
    text = value.strip()
    if "/" not in text:
        return When(start=parse_point(text), end=None, **_meta(meta))
    left, _, right = text.partition("/")
    if "" in (left, right):
        raise DateError(f"{text!r}: write an open end as '..', as in '1999/..' or '../2028-12'")
    start = None if left == ".." else parse_point(left)
    end = None if right == ".." else parse_point(right)
    if start is None and end is None:
        raise DateError(f"{text!r}: a range needs at least one end")
    if start and end and start.lower() > end.upper():
        raise DateError(f"{text!r}: the range starts after it ends")
    return When(start=start, end=end, is_range=True, **_meta(meta))


def parse_period(table: dict[str, Any]) -> When:
    """A Period inline table ({start, end, *_basis, *_kind, end_bound, text}) as a ranged When."""
    start = _point_of(table.get("start"))
    end = _point_of(table.get("end"))
    if start and end and start.lower() > end.upper():
        raise DateError("the period starts after it ends")
    return When(
        start=start,
        end=end,
        is_range=True,
        text=table.get("text"),
        basis=table.get("start_basis") or "stated",
        end_basis=table.get("end_basis"),
        kind=table.get("start_kind") or "actual",
        end_kind=table.get("end_kind"),
        end_bound=table.get("end_bound") or "exact",
    )


def _point_of(value: str | date | None) -> DatePoint | None:
    if value is None:
        return None
    if isinstance(value, date):
        return DatePoint(value.year, value.month, value.day)
    when = parse_when(value)
    if when.is_range:
        raise DateError(f"{value!r}: a period's start or end is a single date, not a range")
    return when.start


def _meta(meta: dict[str, str | None]) -> dict[str, Any]:
    return {key: value for key, value in meta.items() if value is not None}


def knowledge_day(text: str) -> date:
    """The day a `--as-of` (or the app's @) names: YYYY-MM-DD, or a month or year meaning its last day
    ("2023-06" is 30 Jun 2023: all that was known during it); also "13 June 2023" or "June 2023" in words.
    python-dateutil would take a missing day from today, so words are parsed twice with two defaults and a
    day that moves with them was not given."""
    stripped = text.strip()
    if _POINT.match(stripped):
        point = parse_point(stripped)  # says which day does not exist
        if point.approximate or point.uncertain:
            raise DateError(f"{text!r}: give a date, not an approximate one")
        return point.upper()
    if not stripped or len(stripped) > 40 or not re.search(r"\d{4}", stripped):
        raise DateError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (or '13 June 2023')")
    from dateutil import parser as dateparser

    try:
        first = dateparser.parse(stripped, default=datetime(1, 1, 1), dayfirst=True).date()
        second = dateparser.parse(stripped, default=datetime(4, 12, 28), dayfirst=True).date()
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (or '13 June 2023')") from exc
    if first.year != second.year:
        raise DateError(f"{text!r}: give the year")
    month = first.month if first.month == second.month else 12
    day = first.day if first.day == second.day else calendar.monthrange(first.year, month)[1]
    return date(first.year, month, day)


def day_label(day: date) -> str:
    """13 Jun 2023: how a knowledge date is said in the header and in exports."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
