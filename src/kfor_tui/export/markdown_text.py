"""What every part of the Markdown pack writes with: briefing text made inert, citations numbered once for
the whole pack, a link only where it cannot break out of itself, and a day as the pack says it."""

from __future__ import annotations

from datetime import date

from kfor_tui.dates import MONTHS
from kfor_tui.index.grades import fact_grade
from kfor_tui.model import Cite, Corpus, Record


def md(text: str | None) -> str:
    """Briefing text as inert Markdown: one line, table pipes and emphasis characters escaped."""
    if not text:
        return ""
    text = " ".join(text.split())
    for char in "\\`*_[]<|#":
        text = text.replace(char, "\\" + char)
    return text


def link(url: str | None) -> str:
    """'<https://...>' for a web address that is one word; anything else as inert text (a space or an angle
    bracket would end the link and let the rest be read as Markdown)."""
    if not url:
        return ""
    plain = url.startswith(("http://", "https://")) and not any(ch.isspace() or ch in "<>" for ch in url)
    return f"<{url}>" if plain else md(url)


def day(value: date) -> str:
    """'13 Jun 2023'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


class Citations:
    """Every citation the pack shows, numbered in the order first shown; the list at the end gives each one's
    quote, source, paragraph and grade."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.numbers: dict[tuple[str, str], int] = {}
        self.cites: list[Cite] = []

    def number(self, cite: Cite) -> str:
        key = (cite.src, cite.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.cites.append(cite)
        return f"[{self.numbers[key]}]"

    def marks(self, record: Record) -> str:
        return "".join(self.number(cite) for cite in record.cites)

    def refs(self, record: Record) -> str:
        """'[1][2] (grade C2)': the record's citations and its grade by the one rule (index/grades.py)."""
        marks = self.marks(record)
        return f"{marks} (grade {fact_grade(self.corpus, record)})" if marks else ""
