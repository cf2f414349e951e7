"""Each source's citations in reading order, and where a citation sits among them: the row the reader opens at.

One answer for every way into the reader (enter on a fact, a fact's citation, a lookup hit on a paragraph,
a quote in the reader itself), from the per-corpus table of each source's (fact, citation) pairs.
"""

from __future__ import annotations

from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Cite, Corpus, Fact, Record


def quote_row(corpus: Corpus, fact: Record, cite: Cite) -> int | None:
    """The row of (fact, cite) among the citations of cite's source; None when the pair is not there."""
    for row, (other, other_cite) in enumerate(citing(corpus, cite.src)):
        if other_cite is cite and other.id == fact.id:
            return row
    return None


def first_quote_in(corpus: Corpus, source_id: str, paragraph: int) -> int | None:
    """The row of the first citation anchored in a paragraph of a source; None when none is."""
    for row, (_, cite) in enumerate(citing(corpus, source_id)):
        if cite.anchor is not None and cite.anchor.paragraph == paragraph:
            return row
    return None


def fact_in(corpus: Corpus, source_id: str, paragraph: int, current: int | None = None) -> Fact | None:
    """The fact a paragraph's quote supports: the current citation's when it is in that paragraph, else the
    first one anchored there."""
    pairs = citing(corpus, source_id)
    if current is not None and 0 <= current < len(pairs):
        anchor = pairs[current][1].anchor
        if anchor is not None and anchor.paragraph == paragraph:
            return pairs[current][0]
    row = first_quote_in(corpus, source_id, paragraph)
    return pairs[row][0] if row is not None else None


def citing(corpus: Corpus, source_id: str) -> list[tuple[Fact, Cite]]:
    """Every (fact, citation) pair citing a source, in reading order of the quote (unanchored last)."""
    return _citations(corpus).get(source_id, [])


def facts_citing_count(corpus: Corpus, source_id: str) -> int:
    return len({fact.id for fact, _ in citing(corpus, source_id)})


@per_corpus
def _citations(corpus: Corpus) -> dict[str, list[tuple[Fact, Cite]]]:
    """Source id -> its (fact, citation) pairs in reading order: one pass over the facts for all sources."""
    table: dict[str, list[tuple[Fact, Cite]]] = {}
    for fact in corpus.facts():
        for cite in fact.cites:
            table.setdefault(cite.src, []).append((fact, cite))

    def key(pair: tuple[Fact, Cite]) -> tuple[int, int, int]:
        anchor = pair[1].anchor
        return (0, anchor.paragraph, anchor.start) if anchor else (1, 0, 0)

    for pairs in table.values():
        pairs.sort(key=key)
    return table
