"""A nation's strength as its sources state it: every number stated for it (contingents and their shares,
national figures, rows of figure tables), each with its date and the fact it comes from, and the latest.

Pure Python over a Corpus: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kfor_tui.dates import When
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Contingent, Corpus
from kfor_tui.quantities import Quantity

STRENGTH_METRICS = ("personnel", "national_contribution")  # a force's size; not cumulative totals or rotations


@dataclass(frozen=True, slots=True)
class Strength:
    """The latest strength a source states for a nation or organisation: one number as stated (never a sum or
    a midpoint), with its date and the fact it comes from."""

    quantity: Quantity | None = None
    when: When | None = None
    fact: str | None = None  # id of the contingent, figure or figure set

    def display(self) -> str:
        return self.quantity.number() if self.quantity is not None else "-"

    def date(self) -> str:
        return self.when.display() if self.when is not None else ""

    def sort_key(self) -> tuple[bool, int, bool]:
        """Largest first by the number stated (a range by its low end), exact before approximate, unknown last."""
        number = self.quantity.sort_number() if self.quantity is not None else None
        return (number is None, -(number or 0), not (self.quantity is not None and self.quantity.exact))


def _share(contingent: Contingent, code: str) -> Quantity | None:
    for share in contingent.composition:
        if share.nation == code:
            return share.strength
    if contingent.nation == code and not contingent.composition:
        return contingent.strength
    return None


def stated_on(corpus: Corpus, contingent: Contingent) -> When | None:
    """When a contingent's strength was stated: its strength_as_of, else the publication date of the source
    cited for it (docs/format.md)."""
    if contingent.strength_as_of is not None:
        return contingent.strength_as_of
    cites = [c for c in contingent.cites if not c.fields or {"strength", "composition"} & set(c.fields)]
    for cite in cites or contingent.cites:
        source = corpus.source(cite.src)
        if source is not None and source.published is not None:
            return source.published
    return None


@per_corpus
def _stated_strengths(corpus: Corpus) -> dict[str, list[tuple[int, Strength]]]:
    """Nation code -> every strength a source states for it, with a preference (0: a national figure, 1: a
    row of a figure set, 2: a contingent's share): contingents, national figures and figure sets alike."""
    table: dict[str, list[tuple[int, Strength]]] = {}
    for contingent in corpus.contingents:
        for code in contingent.nations():
            quantity = _share(contingent, code)
            if quantity is not None:
                table.setdefault(code, []).append((2, Strength(quantity, stated_on(corpus, contingent), contingent.id)))
    for figure in corpus.figures:
        if figure.nation and figure.metric in STRENGTH_METRICS:
            table.setdefault(figure.nation, []).append((0, Strength(figure.value, figure.as_of, figure.id)))
    for figure_set in corpus.figure_sets:
        if figure_set.metric in STRENGTH_METRICS:
            for row in figure_set.rows:
                if row.nation:
                    table.setdefault(row.nation, []).append((1, Strength(row.value, figure_set.as_of, figure_set.id)))
    return table


def _when(strength: Strength) -> date:
    return strength.when.sort_key() if strength.when else date.min


def latest(found: list[tuple[int, Strength]]) -> Strength:
    if not found:
        return Strength()
    return max(found, key=lambda pair: (_when(pair[1]), -pair[0]))[1]


def strength_of(corpus: Corpus, code: str) -> Strength:
    """The latest strength any source states for a nation."""
    return latest(_stated_strengths(corpus).get(code, []))


@per_corpus
def stated_strengths(corpus: Corpus) -> dict[str, list[Strength]]:
    """Nation code -> every strength a source states for it, oldest first (undated first): each as stated,
    none summed or merged with another."""
    return {
        code: sorted((strength for _, strength in found), key=_when)
        for code, found in _stated_strengths(corpus).items()
    }
