"""One search index over everything in a corpus: names, records, sources and every paragraph.

Built once per load. Matching is diacritic- and case-insensitive ("zvecan" finds Zvečan), by prefix as you
type, fuzzy for typos ("barduany" finds Barduani), and understands numbers ("4,443" = "4443") and dates
("June 2023" = "2023-06"). Names rank above record text, record text above paragraph text.
"""

from __future__ import annotations

import heapq
import operator
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import ClassVar
from datetime import datetime
from functools import lru_cache

from kfor_tui.dates import When
from kfor_tui.index.chronology import entries_of
from kfor_tui.index.involvement import nations_of, refs_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.model import Contingent, Corpus, Record, quantities_of
from kfor_tui.nations import NATIONS

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae",
                          "Æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "’": "'"})
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[,.]\d{3})+)(?![\d]|[.,]\d)")
_TOKEN = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|[a-z0-9]+")
_MONTH_WORD = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?", re.I)

SHORT_TEXT_LIMIT = 2000
BROAD_LIMIT = 40_000
ENTITY_KINDS = ("nation", "organisation", "person", "place")
KIND_ORDER = ("nation", "organisation", "person", "place", "contingent", "visit", "tension", "figure", "figure_set",
              "event", "role", "source", "paragraph")

# weights of a query token's best match in a document
NAME_EXACT, NAME_PREFIX, NAME_FUZZY = 10.0, 6.0, 4.0
TEXT_EXACT, TEXT_PREFIX, TEXT_FUZZY = 3.0, 2.0, 1.0


def fold(text: str) -> str:
    """Lower case without diacritics: 'Zvečan' and 'Zveçan' both become 'zvecan'."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    """Search terms of a text: folded words, numbers without thousands separators, ISO dates whole."""
    return list(_tokens(text)) if len(text) <= 160 else _split(text)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Names, roles and labels recur across thousands of records: each is tokenised once."""
    return tuple(_split(text))


def _split(text: str) -> list[str]:
    folded = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[,.]", "", m.group(2)), fold(text))
    return _TOKEN.findall(folded)


def date_terms(when: When | None) -> list[str]:
    """'2023', '2023-06', '2023-06-05' for each end of a date, so dates are found at any precision."""
    if when is None:
        return []
    out: list[str] = []
    for point in (when.start, when.end):
        if point is None:
            continue
        out.append(f"{point.year:04d}")
        if point.month:
            out.append(f"{point.year:04d}-{point.month:02d}")
            if point.day:
                out.append(f"{point.year:04d}-{point.month:02d}-{point.day:02d}")
    return out


def query_terms(query: str) -> list[str]:
    """Terms of a typed query; a written date such as 'June 2023' or '2 Jul 2025' becomes '2023-06' / '2025-07-02'."""
    if _MONTH_WORD.search(query) and re.search(r"\b\d{4}\b", query):
        iso = _parse_written_date(query)
        if iso:
            return [iso]
    return tokens(query)


def _parse_written_date(text: str) -> str | None:
    from dateutil import parser  # only when a query looks like a date

    try:
        first = parser.parse(text, default=datetime(2000, 1, 1))
        second = parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.day == second.day:
        return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"
    return f"{first.year:04d}-{first.month:02d}" if first.month == second.month else f"{first.year:04d}"


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where a query's words occur in a text, as (start, end) offsets of whole words in the original text:
    diacritic- and case-insensitive, by prefix, numbers with or without separators, typos within one or two edits."""
    chars: list[str] = []
    where: list[int] = []
    for offset, char in enumerate(text):
        for folded in fold(char):
            chars.append(folded)
            where.append(offset)
    folded = "".join(chars)
    spans: list[tuple[int, int]] = []
    for term in query_terms(query):
        if "-" in term:
            continue
        if term.isdigit():
            pattern = re.compile(r"(?<![0-9])" + r"[,.]?".join(term) + r"(?![0-9])")
            spans += [(where[m.start()], where[m.end() - 1] + 1) for m in pattern.finditer(folded)]
            continue
        for m in re.finditer(r"[a-z0-9]+", folded):
            word = m.group()
            if word.startswith(term) or (len(term) >= 4 and _close(term, word)):
                spans.append((where[m.start()], where[m.end() - 1] + 1))
    return sorted(set(spans))


def _close(term: str, word: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    edits = 1 if len(term) < 8 else 2
    return Levenshtein.distance(term, word, score_cutoff=edits) <= edits


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what it is, where it leads, one line to show."""

    kind: str
    id: str  # record id, nation code, or source id for a paragraph
    label: str
    date: str | None = None
    ref: str | None = None  # "source-id:paragraph" (paragraph counted from 1)
    grade: str | None = None
    nations: tuple[str, ...] = ()
    paragraph: int | None = None  # 0-based, for paragraph hits
    score: float = 0.0


@dataclass(slots=True)
class _Doc:
    hit: Hit
    names: list[str]
    text: list[str]


@dataclass
class SearchIndex:
    FORMAT: ClassVar[int] = 2  # bump when the index's shape changes: a cached index of another shape is rebuilt

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
        for doc in _documents(corpus):
            index._add(doc)
            if doc.hit.kind in ENTITY_KINDS:
                entity_names.update(doc.names)
        index.vocab = sorted(set(index.name_postings) | set(index.text_postings))
        index.short_vocab = sorted(entity_names)
        return index

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the per-term cache (it fills again as people type, and may change meanwhile)."""
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    def _add(self, doc: _Doc) -> None:
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

    def search(self, query: str, *, kinds: tuple[str, ...] = (), nation: str | None = None,
               limit: int | None = 20) -> list[Hit]:
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
            total = {doc: score for doc, score in total.items()
                     if (not kinds or docs[doc].kind in kinds)
                     and (not nation or nation in docs[doc].nations or docs[doc].id == nation)}
        # best score first; among equals, documents in index order: names, then facts, then text
        ranked = zip(map(operator.neg, total.values()), total.keys())  # tuples compare in C: no key function
        chosen = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
        return [_scored(docs[doc], -negative) for negative, doc in chosen]


def _scored(hit: Hit, score: float) -> Hit:
    from dataclasses import replace

    return replace(hit, score=score)


# -- documents ---------------------------------------------------------------------------------------
def _documents(corpus: Corpus):  # type: ignore[no-untyped-def]
    present: set[str] = {"XKX", "SRB"}
    for record in corpus.facts():
        present.update(nations_of(corpus, record))
    for entity in (*corpus.people, *corpus.places, *corpus.organisations):
        if entity.nation:
            present.add(entity.nation)
    for code in sorted(present):
        nation = NATIONS[code]
        names = [code, nation.alpha2, nation.name, nation.demonym, *nation.aliases]
        yield _Doc(Hit("nation", code, f"{nation.name} ({code})", nations=(code,)),
                   [t for n in names if n for t in tokens(n)], [])
    for entity in (*corpus.organisations, *corpus.people, *corpus.places):
        names = [entity.name, *entity.aliases, getattr(entity, "short", None) or ""]
        text = [entity.note or ""] + [role.title for role in getattr(entity, "roles", ())]
        label = entity.name + (f" ({entity.short})" if getattr(entity, "short", None) else "")
        roles = getattr(entity, "roles", ())
        if roles:
            label += f", {roles[0].title}" + (f" ({corpus.name_of(roles[0].org)})" if roles[0].org else "")
        nations = (entity.nation,) if entity.nation else ()
        yield _Doc(Hit(entity.kind, entity.id, label, nations=nations),
                   [t for n in names for t in tokens(n)], [t for x in text for t in tokens(x)])
    for record in corpus.facts():
        yield _fact_doc(corpus, record)
    for source in corpus.sources:
        yield _Doc(Hit("source", source.id, f"{source.publisher}: {source.title}", date=source.published_label(),
                       grade=source.reliability),
                   tokens(source.title), tokens(source.publisher) + date_terms(source.published))
        for number, paragraph in enumerate(source.paragraphs):
            line = " ".join(paragraph.split())
            yield _Doc(Hit("paragraph", source.id, line, date=source.published_label(),
                           ref=f"{source.id}:{number + 1}", grade=source.reliability, paragraph=number),
                       [], tokens(paragraph))


def _fact_doc(corpus: Corpus, record: Record) -> _Doc:
    entries = entries_of(corpus, record)
    if isinstance(record, Contingent):
        label = f"{record.name} ({'/'.join(record.nations())})"
    else:
        label = entries[0].title if entries else getattr(record, "title", None) or record.id
    when = entries[0].when if entries else None
    title_words = tokens(getattr(record, "title", None) or getattr(record, "name", None) or "")
    text: list[str] = []
    for value in (getattr(record, "summary", None), getattr(record, "role", None), getattr(record, "rank", None),
                  record.note, label):
        if value:
            text += tokens(value)
    for ref in refs_of(record):
        text += tokens(corpus.name_of(ref))
        entity = corpus.by_id.get(ref)
        for alias in getattr(entity, "aliases", ()) if entity is not None else ():
            text += tokens(alias)
    for cite in record.cites:
        text += tokens(cite.quote) + (tokens(cite.clean) if cite.clean else [])
    for _, quantity in quantities_of(record):
        if quantity.value is not None:
            text.append(str(quantity.value))
        if quantity.text:
            text += tokens(quantity.text)
    for dated in (getattr(record, name, None) for name in ("when", "as_of", "period", "strength_as_of")):
        if isinstance(dated, When):
            text += date_terms(dated)
    cite = record.cites[0] if record.cites else None
    ref = f"{cite.src}:{cite.anchor.paragraph + 1}" if cite and cite.anchor else (cite.src if cite else None)
    hit = Hit(record.kind, record.id, label, date=when.describe() if when else None, ref=ref,
              grade=fact_grade(corpus, record), nations=nations_of(corpus, record))
    return _Doc(hit, title_words, text)


from kfor_tui._pickling import fast_pickle_all  # noqa: E402

fast_pickle_all(globals())
