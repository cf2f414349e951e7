"""The pack's citation numbers: every citation it shows, numbered in the order first shown, once for the whole
pack (a quote cited twice keeps its number); the list at the end gives each one's quote, source, paragraph
and grade."""

from __future__ import annotations

from kfor_tui.export.pack_document import Grade, Inline, Marks, Plain
from kfor_tui.index.grades import fact_grade
from kfor_tui.model import Cite, Corpus, Record


class Citations:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.numbers: dict[tuple[str, str], int] = {}
        self.cites: list[Cite] = []

    def number(self, cite: Cite) -> int:
        key = (cite.src, cite.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.cites.append(cite)
        return self.numbers[key]

    def marks(self, record: Record) -> Marks:
        return Marks(tuple(self.number(cite) for cite in record.cites))

    def refs(self, record: Record) -> Inline:
        """'[1][2] (grade C2)': the record's citations and its grade by the one rule (index/grades.py)."""
        marks = self.marks(record)
        if not marks.numbers:
            return ()
        return (marks, Plain(" (grade "), Grade(fact_grade(self.corpus, record)), Plain(")"))

    def shown(self, record: Record) -> tuple[int, ...]:
        """The numbers the pack already gave the record's citations, numbering nothing new (a chart drawn
        after the list was made names only what the list holds)."""
        found = (self.numbers.get((cite.src, cite.quote)) for cite in record.cites)
        return tuple(dict.fromkeys(n for n in found if n is not None))
