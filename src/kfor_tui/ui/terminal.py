"""What the terminal can show: colour depth (--color), NO_COLOR, and the glyphs (Unicode or --ascii).

Standard library only: `configure_colour` must run before Textual is imported, because Textual reads
TEXTUAL_COLOR_SYSTEM once, at import time (textual.constants).
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from dataclasses import dataclass

COLOR_MODES = ("auto", "truecolor", "256", "16", "none")
_TEXTUAL_COLOR_SYSTEM = {"truecolor": "truecolor", "256": "256", "16": "standard", "none": "standard"}


def no_color_requested(environ: MutableMapping[str, str] | None = None) -> bool:
    """NO_COLOR per no-color.org: present AND not empty. (Textual alone also treats NO_COLOR= as set.)"""
    environ = os.environ if environ is None else environ
    return bool(environ.get("NO_COLOR"))


def configure_colour(mode: str = "auto", environ: MutableMapping[str, str] | None = None) -> bool:
    """Prepare the environment for Textual from `--color MODE`; returns True when the app must draw without colour.

    - truecolor / 256 / 16: force that colour depth (TEXTUAL_COLOR_SYSTEM; 16 = Rich's 'standard').
    - none: no colour at all (the app's NoColor filter), like NO_COLOR=1.
    - auto: Textual's own detection (TERM, COLORTERM), or TEXTUAL_COLOR_SYSTEM if the user set it.
    An empty NO_COLOR is removed (it means 'not set'); a non-empty one means no colour unless --color asks for depth.
    """
    if mode not in COLOR_MODES:
        raise ValueError(f"--color must be one of {', '.join(COLOR_MODES)}, not {mode!r}")
    real = environ is None or environ is os.environ
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR") == "":
        environ.pop("NO_COLOR", None)
    no_color = mode == "none" or (mode == "auto" and no_color_requested(environ))
    if mode == "none":
        environ["NO_COLOR"] = "1"
    elif mode != "auto":
        environ.pop("NO_COLOR", None)  # an explicit colour depth turns colour back on (no-color.org allows it)
    if mode in _TEXTUAL_COLOR_SYSTEM:
        environ["TEXTUAL_COLOR_SYSTEM"] = _TEXTUAL_COLOR_SYSTEM[mode]
        constants = sys.modules.get("textual.constants")
        if constants is not None and real:  # Textual already imported (tests, embedding): patch the value it read
            constants.COLOR_SYSTEM = _TEXTUAL_COLOR_SYSTEM[mode]  # type: ignore[attr-defined]  # a module found at run time
    return no_color


@dataclass(frozen=True)
class Glyphs:
    """Every symbol the app draws itself, in one table: Unicode by default, plain ASCII with --ascii."""

    quote_open: str
    quote_close: str
    current: str
    found_open: str
    found_close: str
    select_open: str  # the reader's selection (what `a` captures as a quote)
    select_close: str
    paragraph: str
    ellipsis: str
    bar_done: str
    bar_left: str


UNICODE = Glyphs(
    quote_open="\u00ab",
    quote_close="\u00bb",
    current="\u25b6",
    found_open="\u27e8",
    found_close="\u27e9",
    select_open="\u27e6",
    select_close="\u27e7",
    paragraph="\u00b6",
    ellipsis="\u2026",
    bar_done="\u2588",
    bar_left="\u2591",
)
ASCII = Glyphs(
    quote_open="<<",
    quote_close=">>",
    current=">",
    found_open="[",
    found_close="]",
    select_open="[[",
    select_close="]]",
    paragraph="#",
    ellipsis="~",
    bar_done="#",
    bar_left=".",
)

_glyphs = UNICODE


def glyphs() -> Glyphs:
    """The glyph table chosen at startup."""
    return _glyphs


def use_ascii(enabled: bool) -> Glyphs:
    """Choose the glyph table (called once, when the app starts)."""
    global _glyphs
    _glyphs = ASCII if enabled else UNICODE
    return _glyphs


# Characters Textual draws itself (scrollbars, footer separators, borders, ellipses) and their ASCII stand-ins,
# for the --ascii line filter. Every replacement is one cell wide, like the character it replaces.
_BOX = {**{chr(c): "-" for c in range(0x2500, 0x2580)}, **{chr(c): " " for c in range(0x2580, 0x25A0)}}
for _ch in "\u2502\u2503\u2506\u2507\u250a\u250b\u2551\u257d\u257f":
    _BOX[_ch] = "|"
for _ch in "\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c\u256d\u256e\u256f\u2570\u2554\u2557\u255a\u255d":
    _BOX[_ch] = "+"
ASCII_MAP = str.maketrans(
    {
        **_BOX,
        "\u2026": "~",
        "\u25b6": ">",
        "\u25c0": "<",
        "\u25b2": "^",
        "\u25bc": "v",
        "\u00ab": "<",
        "\u00bb": ">",
        "\u27e8": "[",
        "\u27e9": "]",
        "\u27e6": "[",
        "\u27e7": "]",
        "\u00b6": "#",
        "\u2b58": "o",
        "\u2022": "*",
        "\u00b7": ".",
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)


def to_ascii(text: str) -> str:
    """Replace the drawing characters and symbols of ASCII_MAP; other text is left as it is."""
    return text.translate(ASCII_MAP)


_KEY_NAMES = {
    "\u2191": "up",
    "\u2193": "down",
    "\u2190": "left",
    "\u2192": "right",
    "\u23ce": "enter",
    "\u21e5": "tab",
    "\u232b": "backspace",
    "\u2326": "delete",
    "\u238b": "esc",
    "\u21e7": "shift+",
}


def ascii_key_display(shown: str) -> str:
    """A key as Textual shows it ('↑', '⏎', '^p') in plain ASCII ('up', 'enter', '^p')."""
    for symbol, name in _KEY_NAMES.items():
        shown = shown.replace(symbol, name)
    return to_ascii(shown).encode("ascii", "replace").decode("ascii")
