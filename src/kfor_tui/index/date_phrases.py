"""The dates a stretch of source text states, each worked out the way docs/format.md records dates.

A source rarely gives a whole date: "On 21 March" has no year, "last week" and "in September of last year"
count from the day the source was written. The missing parts come from the source's publication date, and
never from today: python-dateutil fills a phrase's gaps from `default`, a datetime built from that date,
and relativedelta counts weeks, months and weekdays back from it. Each phrase keeps its basis:

    stated                 the phrase gives the whole date ("21 March 2024", "September 2023", "in 2027")
    year_from_published    day and month given, the year is the publication's ("On 21 March")
    relative_to_published  counted from the publication ("last week", "in September of last year")
    inferred               "currently", "now": the publication date itself

Without a publication date a phrase that needs one is still found (its words are worth keeping) but has no
date (`edtf` None). Nothing here guesses beyond that: a day the source does not fix (a weekday in a source
dated only to the month) is given at the precision that is known, with a note saying so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from kfor_tui.dates import DatePoint

_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
_M = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept|Sep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\b\.?"
)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = r"(?P<{0}>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])"
_Y = r"(?P<year>(?:1[89]|20)[0-9]{2})(?![0-9])"
_REL = r"(?P<rel>last|this|next)"

# (rank, pattern): lower ranks are more specific; a phrase inside one already found is not read again
_PATTERNS = [
    (
        0,
        rf"(?:{_WD},?\s+)?{_D.format('d1')}\s*(?:-|–|and|to)\s*(?:{_WD},?\s+)?{_D.format('day')}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?",
    ),
    (0, rf"(?:{_WD},?\s+)?(?:the\s+)?{_D.format('day')}\s+(?:of\s+)?{_M}(?:,?\s+{_Y}|\s+of\s+{_REL}\s+year)?"),
    (0, rf"(?:{_WD},?\s+)?{_M}\s+{_D.format('day')}(?:,?\s+{_Y})?"),
    (1, rf"{_M}\s+(?:of\s+)?{_Y}"),
    (2, rf"{_M}\s+(?:of\s+)?{_REL}\s+year"),
    (2, rf"(?P<relfirst>last|this|next)\s+{_M}"),
    (
        2,
        r"(?P<word>yesterday|today|(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next)\s+(?:week|month|year))\b",
    ),
    (2, rf"(?:{_REL}|on)\s+(?P<wd>{_WD})"),
    (3, rf"(?:in|since|until|by|from|during|early|late|mid-?)\s+{_M}"),
    (4, r"(?P<now>currently|now|at present|presently|at the moment|to date)\b"),
    (5, rf"(?<![0-9,.]){_Y}(?!,[0-9])"),
]
_COMPILED = [(rank, re.compile(r"\b" + pattern, re.IGNORECASE)) for rank, pattern in _PATTERNS]
_LEADING = re.compile(r"\b(?:on|in)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase at text[start:end] (with a leading "on" or "in"), its date as EDTF (None when it needs
    a publication date there is not), its basis, `planned` when it lies ahead of the source, and a note."""

    start: int
    end: int
    edtf: str | None
    basis: str
    rank: int
    planned: bool = False
    note: str = ""


def date_phrases(text: str, published: DatePoint | None) -> list[DatePhrase]:
    """Every date phrase of `text`, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DatePhrase] = []
    for rank, pattern in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < right and left < end for left, right in taken):
                continue
            month = match.groupdict().get("month")
            if month and not month[0].isupper():
                continue  # "may", "march": verbs unless written as a month
            phrase = _dated(match, rank, published)
            taken.append(match.span())
            if phrase is None:  # "31 February": a date that does not exist is no date, nor is any part of it
                continue
            lead = _LEADING.search(text, 0, start)
            if lead:
                start = lead.start()
            found.append(DatePhrase(start, end, *phrase))
    return sorted(found, key=lambda phrase: phrase.start)


def _dated(match: re.Match[str], rank: int, pub: DatePoint | None) -> tuple[str | None, str, int, bool, str] | None:
    """(edtf, basis, rank, planned, note) of a matched phrase; None when it names no real date."""
    groups = {key: value for key, value in match.groupdict().items() if value}
    try:
        if "now" in groups:
            return (_edtf(pub), "inferred", rank, False, "the source's publication date") if pub else None
        if "word" in groups:
            return _relative_word(groups["word"].lower(), rank, pub)
        if "wd" in groups:
            return _weekday(groups["wd"].lower(), groups.get("rel", "").lower(), rank, pub)
        if "month" in groups:
            return _month_phrase(groups, rank, pub)
        return groups["year"], "stated", rank, False, ""
    except ValueError:  # 31 February, a year dateutil cannot hold
        return None


def _month_phrase(groups: dict[str, str], rank: int, pub: DatePoint | None) -> tuple[str | None, str, int, bool, str]:
    month = _MONTH_NAMES[groups["month"].lower().rstrip(".")]
    rel = (groups.get("rel") or groups.get("relfirst") or "").lower()
    if "year" in groups:
        year, basis, note = int(groups["year"]), "stated", ""
    elif pub is None:
        return None, "relative_to_published" if rel else "year_from_published", rank, False, "no publication date"
    elif "relfirst" in groups:
        year, basis, note = _month_relative(month, rel, pub), "relative_to_published", ""
    elif rel:
        year, basis, note = pub.year + {"last": -1, "next": 1}.get(rel, 0), "relative_to_published", ""
    else:
        year, basis, note = pub.year, "year_from_published", f"the year is the source's ({pub.year})"
    if "day" not in groups:
        return f"{year:04d}-{month:02d}", basis, rank, _after(pub, date(year, month, 1)), note
    from dateutil import parser as dateparser  # here: the app starts without it, as dates.knowledge_day does

    default = datetime(year, month, 1)
    first = dateparser.parse(f"{groups.get('d1', groups['day'])} {calendar.month_name[month]}", default=default)
    last = dateparser.parse(f"{groups['day']} {calendar.month_name[month]}", default=default)
    edtf = first.date().isoformat() if first == last else f"{first.date().isoformat()}/{last.date().isoformat()}"
    planned = _after(pub, first.date())
    if planned and basis == "year_from_published" and pub is not None:
        note = f"after the source's date ({pub.edtf()}): planned then, or the year before?"
    return edtf, basis, rank, planned, note


def _month_relative(month: int, rel: str, pub: DatePoint) -> int:
    """The year of "last September" (the latest before the publication), "this" and "next September"."""
    if rel == "this":
        return pub.year
    if pub.month is None:
        return pub.year + (-1 if rel == "last" else 1)
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month > pub.month else pub.year + 1


def _relative_word(word: str, rank: int, pub: DatePoint | None) -> tuple[str | None, str, int, bool, str] | None:
    basis = "relative_to_published"
    if pub is None:
        return None, basis, rank, False, "no publication date"
    step = -1 if word.startswith(("last", "yesterday")) else 1 if word.startswith("next") else 0
    unit = word.rsplit(" ", 1)[-1]
    if unit in ("today", "yesterday"):
        unit = "day"
    coarse = f"the source's date is known only to the {pub.precision}: the {unit} cannot be worked out"
    if unit == "year":
        return f"{pub.year + step:04d}", basis, rank, step > 0, ""
    if unit == "month":
        if pub.month is None:
            return f"{pub.year:04d}", basis, rank, False, coarse
        shifted = date(pub.year, pub.month, 1) + relativedelta(months=step)
        return f"{shifted.year:04d}-{shifted.month:02d}", basis, rank, step > 0, ""
    if pub.day is None:
        return _coarse(pub), basis, rank, False, coarse
    day = pub.lower()
    if unit == "day":
        return (day + timedelta(days=step)).isoformat(), basis, rank, False, ""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", basis, rank, step > 0, ""


def _weekday(name: str, rel: str, rank: int, pub: DatePoint | None) -> tuple[str | None, str, int, bool, str]:
    basis = "relative_to_published"
    if pub is None:
        return None, basis, rank, False, "no publication date"
    if pub.day is None:
        note = f"the source's date is known only to the {pub.precision}: the day cannot be worked out"
        return _coarse(pub), basis, rank, False, note
    wanted: weekday = (MO, TU, WE, TH, FR, SA, SU)[_DAYS.index(name)]
    day = pub.lower()
    if rel == "next":
        found = day + timedelta(days=1) + relativedelta(weekday=wanted(+1))
    elif rel == "this":
        found = day - timedelta(days=day.weekday()) + relativedelta(weekday=wanted(+1))
    else:  # "on Friday", "last Friday": the latest one before the source was written
        found = day - timedelta(days=1 if rel == "last" else 0) + relativedelta(weekday=wanted(-1))
    return found.isoformat(), basis, rank, found > day, ""


def _after(pub: DatePoint | None, day: date) -> bool:
    return pub is not None and day > pub.upper()


def _edtf(pub: DatePoint) -> str:
    return DatePoint(pub.year, pub.month, pub.day).edtf()


def _coarse(pub: DatePoint) -> str:
    return DatePoint(pub.year, pub.month).edtf()
