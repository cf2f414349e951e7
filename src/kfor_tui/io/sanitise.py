"""Make untrusted text safe to show: control characters become visible, bidi overrides and zero-width
characters are removed. Applied once at ingestion to every string read from a briefing, so that quotes
are matched on the same text the reader shows."""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_RISKY = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}]")


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return "^" + chr(code + 0x40)  # caret notation, as less shows it: ESC -> ^[
    if code == 0x7F:
        return "^?"
    if code <= 0x9F:
        return f"<{code:02X}>"  # C1 controls, e.g. <9B> for CSI
    return ""


def clean_source(text: str) -> bool:
    """True when sanitising every string parsed from this TOML text would change nothing and find nothing,
    so the parsed tree can skip the per-string pass. Sound because without a backslash no escape can
    produce a character absent from the text, every string is a substring of it, and a substring of NFC text
    cut at ASCII quote marks (starters that compose with nothing) is itself NFC."""
    return (
        "\\" not in text
        and "\r" not in text
        and not _RISKY.search(text)
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def sanitise(text: str) -> tuple[str, list[str]]:
    """Return the text as it may be shown, and a description of each kind of character neutralised."""
    if text.isascii():
        if text.isprintable():
            return text, []
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if not _RISKY.search(text):
        return text, []
    found: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in _BIDI:
            found[f"bidirectional override U+{ord(char):04X} removed"] = None
        elif char in _ZERO_WIDTH:
            found[f"zero-width character U+{ord(char):04X} removed"] = None
        else:
            found[f"control character U+{ord(char):04X} shown as {_visible(char)}"] = None
        return _visible(char)

    return _RISKY.sub(replace, text), list(found)


_NAME_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NAME_RISKY = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}\ud800-\udfff\\\\]")


def shown_name(name: str) -> str:
    """A file or folder name (or any text from outside a briefing: a path in the environment) as it may be
    printed: one line, no escape sequence, nothing that reorders the line. Unlike briefing text nothing is
    removed, so the name shown still tells which file it is: newline, tab and CR as \\n \\t \\r, other
    controls in caret form (ESC as ^[), C1 controls as <9B>, bidi and zero-width characters as <U+202E>,
    bytes that are not UTF-8 (surrogate escapes) as <xFF>, and a backslash doubled so none of these can be
    forged by a name that spells one out."""
    if name.isascii() and name.isprintable() and "\\" not in name:
        return name

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if char == "\\":
            return "\\\\"
        if char in _NAME_ESCAPES:
            return _NAME_ESCAPES[char]
        if 0xDC80 <= code <= 0xDCFF:
            return f"<x{code - 0xDC00:02X}>"
        if 0xD800 <= code <= 0xDFFF or char in _BIDI or char in _ZERO_WIDTH:
            return f"<U+{code:04X}>"
        return _visible(char)

    return _NAME_RISKY.sub(replace, name)
