"""The briefing pack as a document before it is Markdown or HTML: sections of headings, paragraphs, tables and
lists whose text is made of spans that say what each piece is (briefing text, the pack's own words, a grade,
a citation number, a web address). Each format escapes and links the spans its own way, and since both are
written from one document, both packs state the same facts in the same order with the same numbers.

Briefing text is only ever a `Text` or a `Quote`: untrusted, made inert by the format that writes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """Text from a briefing: untrusted, written as one line."""

    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A source's own words, as the source printed them: shown between straight double quotes."""

    text: str


@dataclass(frozen=True, slots=True)
class Plain:
    """The pack's own words, and values from closed lists it formats itself (dates, kinds, counts)."""

    text: str


@dataclass(frozen=True, slots=True)
class Grade:
    """An Admiralty grade ('B2'), from index/grades.py."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    spans: Inline


@dataclass(frozen=True, slots=True)
class Marks:
    """Citation numbers, '[1][2]': each names an entry of the pack's list of citations."""

    numbers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class WebLink:
    """A source's web address: a link where it is one plain http(s) word, else text."""

    url: str


@dataclass(frozen=True, slots=True)
class InPack:
    """Words that point at another place in the pack (`anchor`: an id the pack itself made)."""

    spans: Inline
    anchor: str


Span = Text | Quote | Plain | Grade | Strong | Marks | WebLink | InPack
Inline = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (a mission, a visit, a year, a source)."""

    spans: Inline
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list: its line, a second line under it (`more`), and the entries nested in it."""

    spans: Inline
    more: Inline = ()
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Numbered:
    """The list of citations: each entry with its number, which the `Marks` in the text name."""

    entries: tuple[tuple[int, Inline], ...]


Block = Heading | Paragraph | Table | Items | Numbered


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the pack. `spaced`: the Markdown pack leaves one more blank line under its heading
    (the chronology's, whose first block is a year heading)."""

    title: str
    anchor: str
    blocks: tuple[Block, ...]
    spaced: bool = False


@dataclass(frozen=True, slots=True)
class Pack:
    """The whole pack: the marking for its top and bottom, what it is as known on, the briefings it is made
    from, and its sections in order."""

    marking: str
    title: str
    known: Inline
    briefings: Items
    sections: tuple[Section, ...]
