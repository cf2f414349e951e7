"""One search index over everything in a corpus: names, records, sources and every paragraph.

Built once per load. Matching is diacritic- and case-insensitive ("zvecan" finds Zvečan), by prefix as you
type, fuzzy for typos ("barduany" finds Barduani), and understands numbers ("4,443" = "4443") and dates
("June 2023" = "2023-06"). Names rank above record text, record text above paragraph text.
"""

from __future__ import annotations

import heapq
import operator
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import ClassVar

from kfor_tui.index.search_documents import ENTITY_KINDS, Document, Hit, documents
from kfor_tui.index.search_terms import query_terms
from kfor_tui.model import Corpus

__all__ = ["KIND_ORDER", "Hit", "SearchIndex"]

SHORT_TEXT_LIMIT = 2000
BROAD_LIMIT = 40_000
KIND_ORDER = (
    "nation",
    "organisation",
    "person",
    "place",
    "contingent",
    "visit",
    "tension",
    "figure",
    "figure_set",
    "event",
    "role",
    "source",
    "paragraph",
)

# weights of a query token's best match in a document
NAME_EXACT, NAME_PREFIX, NAME_FUZZY = 10.0, 6.0, 4.0
TEXT_EXACT, TEXT_PREFIX, TEXT_FUZZY = 3.0, 2.0, 1.0


@dataclass
class SearchIndex:
    FORMAT: ClassVar[int] = 3  # bump when the index's shape changes: a cached index of another shape is rebuilt

    docs: list[Hit] = field(default_factory=list)
    name_postings: dict[str, list[int]] = field(default_factory=dict)
    text_postings: dict[str, list[int]] = field(default_factory=dict)
    vocab: list[str] = field(default_factory=list)
    short_vocab: list[str] = field(default_factory=list)  # names of nations, people, places, organisations
    _cache: dict[str, dict[int, float]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, corpus: Corpus) -> SearchIndex:
        index = cls()
        entity_names: set[str] = set()
        for doc in documents(corpus):
            index._add(doc)
            if doc.hit.kind in ENTITY_KINDS:
                entity_names.update(doc.names)
        index.vocab = sorted(set(index.name_postings) | set(index.text_postings))
        index.short_vocab = sorted(entity_names)
        return index

    def _add(self, doc: Document) -> None:
        number = len(self.docs)
        self.docs.append(doc.hit)
        for term in set(doc.names):
            self.name_postings.setdefault(term, []).append(number)
        for term in set(doc.text):
            self.text_postings.setdefault(term, []).append(number)

    # -- matching --------------------------------------------------------------------------------
    def _expand(self, term: str) -> list[tuple[str, bool]]:
        """Vocabulary terms a query term matches: (term, exact-or-prefix?). One or two letters match by prefix
        only the names of nations, people, places and organisations, so the first keystrokes stay fast on
        any corpus; longer terms match every word by prefix, and by one or two typos when nothing else does."""
        vocab = self.vocab if len(term) >= 3 else self.short_vocab
        out: list[tuple[str, bool]] = []
        start = bisect_left(vocab, term)
        for candidate in vocab[start:]:
            if not candidate.startswith(term):
                break
            out.append((candidate, True))
        if not out and len(term) >= 4 and not term.isdigit():
            out = [(candidate, False) for candidate in self._fuzzy(term)]
        return out

    def _fuzzy(self, term: str) -> list[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        edits = 1 if len(term) < 8 else 2
        found = process.extract(term, self.vocab, scorer=Levenshtein.distance, score_cutoff=edits, limit=8)
        return [match for match, _, _ in found]

    def clear_cache(self) -> None:
        self._cache.clear()

    def _scores(self, term: str) -> dict[int, float]:
        """Each document's best match weight for one query term. Kept for the last few terms: typing
        'novo selo' a letter at a time scores 'novo' once."""
        cached = self._cache.get(term)
        if cached is None:
            if len(self._cache) >= 32:
                self._cache.clear()
            cached = self._cache[term] = self._score_term(term)
        return cached

    def _score_term(self, term: str) -> dict[int, float]:
        layers: list[tuple[float, list[int]]] = []
        short = len(term) < 3
        for candidate, direct in self._expand(term):
            exact = candidate == term
            name_weight = NAME_EXACT if exact else NAME_PREFIX if direct else NAME_FUZZY
            text_weight = TEXT_EXACT if exact else TEXT_PREFIX if direct else TEXT_FUZZY
            if candidate in self.name_postings:
                layers.append((name_weight, self.name_postings[candidate]))
            postings = self.text_postings.get(candidate)
            # a word of one or two letters counts in text only when typed whole and not everywhere ("a", "of")
            if postings and not (short and (not exact or len(postings) > SHORT_TEXT_LIMIT)):
                layers.append((text_weight, postings))
        if sum(len(docs) for _, docs in layers) > BROAD_LIMIT:
            # a prefix such as "202" or "the" that opens onto most of the corpus: wait for more letters,
            # keep names and the word typed whole
            layers = [(w, docs) for w, docs in layers if w >= NAME_FUZZY or w == TEXT_EXACT]
        layers.sort(key=lambda layer: layer[0])
        scores: dict[int, float] = {}
        for weight, docs in layers:  # heavier layers last, so each document keeps its best weight
            scores.update(dict.fromkeys(docs, weight))
        return scores

    def search(
        self, query: str, *, kinds: tuple[str, ...] = (), nation: str | None = None, limit: int | None = 20
    ) -> list[Hit]:
        terms = list(dict.fromkeys(query_terms(query)))
        if not terms:
            return []
        per_term = sorted((self._scores(term) for term in terms), key=len)
        total = per_term[0]  # read only: it may be the cached scores of the term
        for scores in per_term[1:]:
            total = {doc: total[doc] + scores[doc] for doc in total.keys() & scores.keys()}
            if not total:
                return []
        docs = self.docs
        if kinds or nation:
            total = {
                doc: score
                for doc, score in total.items()
                if (not kinds or docs[doc].kind in kinds)
                and (not nation or nation in docs[doc].nations or docs[doc].id == nation)
            }
        # best score first; among equals, documents in index order: names, then facts, then text
        ranked = zip(
            map(operator.neg, total.values()), total.keys(), strict=True
        )  # tuples compare in C: no key function
        chosen = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
        return [_scored(docs[doc], -negative) for negative, doc in chosen]


def _scored(hit: Hit, score: float) -> Hit:
    from dataclasses import replace

    return replace(hit, score=score)
