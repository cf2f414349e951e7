"""The briefing pack as one document for both its formats (markdown_export.py, html_export.py): the marking,
what it is as known on, the briefings it is made from, then the mission's size as reported, national
strengths, contingents, visits, the chronology, tensions, conflicting reports, the sources with their
reliability, and every cited quote numbered, in that order."""

from __future__ import annotations

from datetime import date

from kfor_tui.dates import MONTHS
from kfor_tui.export import pack_evidence as evidence
from kfor_tui.export import pack_sections as sections
from kfor_tui.export.pack_citations import Citations
from kfor_tui.export.pack_document import Inline, Item, Items, Pack, Plain, Strong, Text
from kfor_tui.model import Corpus

TITLE = "KFOR briefing pack"
UNMARKED = "UNMARKED"


def day(value: date) -> str:
    """'13 Jun 2023'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def marking_of(corpus: Corpus) -> str:
    """The handling marking of every briefing in the pack, each once: 'UNCLASSIFIED // OPEN SOURCE'."""
    return " / ".join(corpus.markings()) or UNMARKED


def _briefings(corpus: Corpus) -> Items:
    items = []
    for briefing in corpus.briefings:
        author = (Plain(", by "), Text(briefing.author)) if briefing.author else ()
        line: Inline = (Strong((Text(briefing.title),)), Plain(f", as of {briefing.as_of.isoformat()}"), *author)
        items.append(Item(line, more=(Text(briefing.summary),) if briefing.summary else ()))
    return Items(tuple(items))


def build_pack(corpus: Corpus, *, as_known_on: date | None = None) -> tuple[Pack, Citations]:
    """The pack, and its citation numbers (what a chart beside it names); `as_known_on`: the day the corpus
    was cut to (what sources published by then had reported), said under the title."""
    cites = Citations(corpus)
    known: Inline = ()
    if as_known_on is not None:
        known = (
            Plain(f"As known on {day(as_known_on)}: only what sources published on or before that day had reported."),
        )
    body = (
        sections.mission_size(corpus, cites),
        sections.national_strengths(corpus, cites),
        sections.contingents(corpus, cites),
        sections.visits(corpus, cites),
        sections.chronology_by_year(corpus, cites),
        sections.tensions(corpus, cites),
        evidence.conflicts(corpus, cites),
        evidence.sources(corpus),
        evidence.citations(corpus, cites),
    )
    pack = Pack(marking_of(corpus), TITLE, known, _briefings(corpus), tuple(s for s in body if s is not None))
    return pack, cites
