"""Styles of the app's marks (grades, CONFLICT, PLANNED, quote markers), coloured by the theme's kfor-*
variables. Colour only adds to what bold, reverse video and words already say, so with no colour (or
a theme without these variables) every mark still reads."""

from __future__ import annotations

from rich.color import ANSI_COLOR_NAMES
from rich.style import Style
from textual.color import Color, ColorParseError

# variable -> default (theme colours); themes may set their own in [variables]
MARK_VARIABLES: dict[str, str] = {
    "kfor-grade-good": "$success",  # source reliability A, B
    "kfor-grade-fair": "$warning",  # C, D
    "kfor-grade-poor": "$error",  # E, F (F: cannot be judged)
    "kfor-conflict": "$error",
    "kfor-planned": "$accent",
    "kfor-quote-marker": "$accent",
    "kfor-review": "$accent",  # NEW / CHANGED since the last review
}

_BASE = {
    "kfor-grade-good": Style(),
    "kfor-grade-fair": Style(),
    "kfor-grade-poor": Style(),
    "kfor-conflict": Style(bold=True, reverse=True),
    "kfor-planned": Style(bold=True),
    "kfor-quote-marker": Style(bold=True),
    "kfor-review": Style(bold=True, underline=True),
}
_styles: dict[str, Style] = dict(_BASE)
_markup: dict[str, str] = {name: str(base) if base else "" for name, base in _BASE.items()}
_ANSI_NAMES = {number: name for name, number in ANSI_COLOR_NAMES.items() if number < 16}


def set_theme(variables: dict[str, str]) -> None:
    """Take the colours of the current theme (called by the app whenever the theme changes). A theme on
    the terminal's own palette keeps ANSI colours, so the terminal's palette still decides."""
    for name, base in _BASE.items():
        value = variables.get(name)
        try:
            colour = Color.parse(value) if value else None
        except (ColorParseError, ValueError):
            colour = None
        if colour is None:
            _styles[name], _markup[name] = base, str(base) if base else ""
            continue
        rich_name = _ANSI_NAMES.get(colour.ansi) if colour.ansi is not None else None
        _styles[name] = base + Style.parse(rich_name or colour.hex)
        _markup[name] = " ".join(part for part in (str(base) if base else "", value) if part)


def style(name: str) -> Style:
    """For rich Text (table cells)."""
    return _styles[name]


def content_style(name: str) -> str:
    """For Textual Content (the reader's paragraphs)."""
    return _markup[name]


def grade_style(grade: str) -> Style:
    """The style of a grade by its source reliability letter."""
    letter = grade[:1]
    return style("kfor-grade-good" if letter in "AB" else "kfor-grade-fair" if letter in "CD" else "kfor-grade-poor")
