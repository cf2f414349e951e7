"""Plain text and Markdown into paragraphs, characters made safe, and a publication date the text gives.

Part of `kfor-tui import` (io/article_import.py). The text is untrusted: what the briefing loader would warn
about (io/sanitise.py: control characters, bidirectional overrides, zero-width characters) is removed here
and counted, so the imported briefing passes `check --strict` and its cleaning note says what went.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# The characters io/sanitise.py reports (each a warning, so an error under --strict); NEL (U+0085) is a C1
# control. Line and paragraph separators break a paragraph's one line apart: they become spaces.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_RISKY = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}]")
_SEPARATORS = re.compile("[\u2028\u2029]")
_CHAR_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?")


def _xml_safe(code: int) -> bool:
    """A character XML 1.0 can hold (lxml refuses the others)."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code <= 0xFFFD) or (
        0x10000 <= code <= 0x10FFFF
    )


_BLANKS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")  # not the no-break space: the article's own spacing


@dataclass
class CharCleaner:
    """Cleans every string bound for the briefing and counts what it removed, by kind."""

    removed: Counter[str] = field(default_factory=Counter)

    def clean(self, text: str) -> str:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _SEPARATORS.sub(" ", text)

        def drop(match: re.Match[str]) -> str:
            char = match.group()
            if char in _BIDI:
                self.removed["bidirectional override"] += 1
            elif char in _ZERO_WIDTH:
                self.removed["zero-width character"] += 1
            else:
                self.removed[f"control character U+{ord(char):04X}"] += 1
            return ""

        return _RISKY.sub(drop, text)

    def clean_html(self, html: str) -> str:
        """`clean`, and character references to what XML cannot hold (C0 controls, surrogates, U+FFFE,
        U+FFFF, past U+10FFFF: '&#27;'), which the page parser would decode and lxml then refuse."""

        def drop(match: re.Match[str]) -> str:
            number = match.group(1)
            try:
                code = int(number[1:], 16) if number[0] in "xX" else int(number)
            except ValueError:
                return match.group()
            if _xml_safe(code):
                return match.group()
            self.removed[f"control character U+{min(code, 0x10FFFF + 1):04X}"] += 1
            return ""

        return _CHAR_REFERENCE.sub(drop, self.clean(html))

    def line(self, text: str) -> str:
        """One line: cleaned, runs of white space (newlines, tabs) as one space, trimmed."""
        return _BLANKS.sub(" ", self.clean(text)).strip()

    def summary(self) -> str:
        """'3 control characters (U+001B), 1 bidirectional override', or '' when nothing was removed."""
        controls = sorted(kind.removeprefix("control character ") for kind in self.removed if kind.startswith("c"))
        parts = []
        count = sum(n for kind, n in self.removed.items() if kind.startswith("control"))
        if count:
            parts.append(f"{count} control character{'s' * (count != 1)} ({', '.join(controls[:6])})")
        for kind in ("bidirectional override", "zero-width character"):
            if self.removed[kind]:
                parts.append(f"{self.removed[kind]} {kind}{'s' * (self.removed[kind] != 1)}")
        return ", ".join(parts)


def collapse(text: str) -> str:
    """Runs of white space (not the no-break space) as one space, trimmed: a paragraph is one line."""
    return _BLANKS.sub(" ", text).strip()


# ---- paragraphs

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_MD_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
_MD_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
WRAP_MIN = 50  # a block whose longest line is shorter is a list of labels, not wrapped prose


def split_paragraphs(text: str, markdown: bool = False) -> tuple[list[str], list[str]]:
    """Paragraphs of a plain text or Markdown file, and the Markdown images left out (their alt text).

    With blank lines, a paragraph is a block between them: its lines are joined by a space when they are
    wrapped prose (Markdown always), else each line stays a paragraph (a site's name and section label
    above a headline). Without any blank line, each line is a paragraph (text copied from a web page). In
    Markdown, headings and list items start paragraphs of their own, and the markup around the words
    (links, emphasis, code) goes."""
    images: list[str] = []
    if markdown:
        text = _HTML_COMMENT.sub("", text)
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    blank_separated = any(not line.strip() for line in lines)
    paragraphs: list[str] = []
    block: list[str] = []

    def flush() -> None:
        lines_of = [line for line in (collapse(part) for part in block) if line]
        block.clear()
        if not lines_of:
            return
        if markdown or _wrapped(lines_of):
            paragraphs.append(" ".join(lines_of))
        else:
            paragraphs.extend(lines_of)

    for raw in lines:
        line = raw.strip()
        if markdown:
            if _MD_RULE.match(raw):
                flush()
                continue
            heading = _MD_HEADING.match(raw)
            item = _MD_ITEM.match(raw)
            if heading or item:
                flush()
                line = heading.group(1) if heading else raw[item.end() :] if item else line
            line = _markdown_inline(line.removeprefix(">").strip() if line.startswith(">") else line, images)
            if heading:
                block.append(line)
                flush()
                continue
        if not line:
            flush()
        else:
            block.append(line)
            if not blank_separated:
                flush()
    flush()
    return paragraphs, images


def _wrapped(lines: list[str]) -> bool:
    """Lines of one prose paragraph wrapped at a width: long, and all but the last of a similar length."""
    if len(lines) == 1:
        return True
    widest = max(len(line) for line in lines)
    return widest >= WRAP_MIN and all(len(line) >= widest // 2 for line in lines[:-1])


def _markdown_inline(line: str, images: list[str]) -> str:
    def image(match: re.Match[str]) -> str:
        images.append(match.group(1) or "(no description)")
        return ""

    line = _MD_IMAGE.sub(image, line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    previous = None
    while previous != line:  # **bold _and italic_**: one layer a pass
        previous, line = line, _MD_EMPHASIS.sub(r"\2", line)
    return line


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Markdown's YAML front matter as flat `key: value` strings (nothing else of YAML is read), and the
    text after it. Quotes around a value go; lists and nested keys are ignored."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    values: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        pair = _FRONT_KEY.match(line)
        if pair and pair.group(2) and pair.group(2)[0] not in "[{|>&*!":
            value = pair.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            values.setdefault(pair.group(1).lower(), value)
    return values, text[match.end() :]


# ---- dates the text states

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
)
_TODAY = re.compile(rf"\btoday\s*[(,]\s*{_DATE}(?:\s*\))?", re.I)
_DATELINE = re.compile(
    rf"^(?:(?:published|posted|date)(?:\s+on)?\s*:?\s*)?{_DATE}(?:\s*[,|–-]?\s*\d{{1,2}}:\d{{2}}.*)?$", re.I
)


@dataclass(frozen=True)
class TextDate:
    """A publication date found in the text: the day (ISO), the words, and whether it is a dateline (a
    line holding only the date, which is taken out of the paragraphs)."""

    day: str
    text: str
    dateline: bool = False


def _iso(match: re.Match[str]) -> str | None:
    from datetime import date

    groups = match.groupdict()
    for n in "123":
        if groups.get(f"y{n}"):
            year, month, day = groups[f"y{n}"], groups[f"m{n}"], groups[f"d{n}"]
            number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            try:
                return date(int(year), number, int(day)).isoformat()
            except ValueError:
                return None
    return None


def publication_date(paragraphs: list[str]) -> TextDate | None:
    """The date a text gives for itself: a dateline ('Published: 13 June 2023', or the date alone) among
    the first three or last two paragraphs, else 'today (13 June 2023)' in the text. Dates of events in
    the text are never taken for the publication date."""
    ends = [*paragraphs[:3], *paragraphs[-2:]]
    for paragraph in ends:
        if len(paragraph) <= 80:
            match = _DATELINE.match(paragraph)
            if match and (day := _iso(match)):
                return TextDate(day, paragraph, dateline=True)
    for paragraph in paragraphs:
        match = _TODAY.search(paragraph)
        if match and (day := _iso(match)):
            return TextDate(day, match.group())
    return None


def parse_day(text: str) -> str | None:
    """The day a short text names ('22 March 2024', 'March 22, 2024'), as YYYY-MM-DD; None if none."""
    match = re.search(_DATE, text[:200], re.I)
    return _iso(match) if match else None
