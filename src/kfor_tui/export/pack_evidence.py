"""The sections of the briefing pack that show the evidence: conflicting reports with their explanation and
each claim's own quotes, the sources with their reliability and notes, and the numbered list of every cited
quote with its source, paragraph and grade."""

from __future__ import annotations

from datetime import date

from kfor_tui.export.pack_citations import Citations
from kfor_tui.export.pack_document import (
    Block,
    Grade,
    Heading,
    Inline,
    InPack,
    Item,
    Items,
    Marks,
    Numbered,
    Paragraph,
    Plain,
    Quote,
    Section,
    Strong,
    Text,
    WebLink,
)
from kfor_tui.export.pack_sections import CONFLICTS_ANCHOR
from kfor_tui.index.citations import facts_citing_count
from kfor_tui.index.facts import title_of, when_of
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.model import RELIABILITY, Cite, Corpus, Source


def quoted(cite: Cite) -> Inline:
    """The quote as the source printed it, and its plain meaning when the words were machine-rewritten."""
    clean = (Plain(" (meaning: "), Quote(cite.clean), Plain(")")) if cite.clean else ()
    return (Quote(cite.quote), *clean)


def conflicts(corpus: Corpus, cites: Citations) -> Section | None:
    """Each conflict: its explanation, then every claim with its date, grade and each source's own words."""
    if not corpus.conflicts:
        return None
    items: list[Item] = []
    for conflict in corpus.conflicts:
        parts: list[Item] = []
        if conflict.note:
            parts.append(Item((Plain("Explanation: "), Text(conflict.note))))
        for claim in conflict.claims:
            record = corpus.by_id.get(claim)
            if record is None:
                continue
            when = when_of(record)
            dated = (Plain(" ("), Text(when.describe()), Plain(")")) if when is not None else ()
            quotes = []
            for cite in record.cites:
                source = corpus.source(cite.src)
                said = (Text(source.publisher), Plain(", "), Text(source.published_label())) if source else ()
                grade = (Plain("; grade "), Grade(cite_grade(corpus, cite)), Plain(" "), Marks((cites.number(cite),)))
                quotes.append(Item((*quoted(cite), Plain(": "), *said, *grade)))
            claimed = (Plain("Claim: "), Text(title_of(corpus, record)), *dated, Plain(", grade "))
            parts.append(Item((*claimed, Grade(fact_grade(corpus, record))), children=tuple(quotes)))
        items.append(Item((Strong((Text(conflict.title),)),), children=tuple(parts)))
    intro = Paragraph((Plain("Kept side by side, never merged."),))
    return Section("Conflicting reports", CONFLICTS_ANCHOR, (intro, Items(tuple(items))))


def _rewritten(corpus: Corpus) -> dict[str, dict[tuple[str, str], None]]:
    """Source id -> the (quote, clean) pairs of its citations whose words were machine-rewritten."""
    table: dict[str, dict[tuple[str, str], None]] = {}
    for record in corpus.by_id.values():
        for cite in record.cites:
            if cite.clean:
                table.setdefault(cite.src, {})[(cite.quote, cite.clean)] = None
    return table


def _published(source: Source) -> Inline:
    when = source.published
    if when is None:
        return (Plain("date unknown"),)
    shown = Plain(f"{when.display()} (basis: {when.basis.replace('_', ' ')})")
    return (shown, Plain(", printed as "), Quote(when.text)) if when.text else (shown,)


def source_anchors(corpus: Corpus) -> dict[str, str]:
    """Source id -> the anchor of its entry under Sources, in the order the section lists them (by
    publication date, undated last)."""
    undated = date.max
    ordered = sorted(corpus.sources, key=lambda s: s.published.sort_key() if s.published else undated)
    return {source.id: f"source-{index}" for index, source in enumerate(ordered, 1)}


def sources(corpus: Corpus) -> Section | None:
    """Every source by publication date: publisher, title, address, date and how it is known, reliability
    with why, the note on how its text was cleaned, and its machine-rewritten phrases with their meaning."""
    if not corpus.sources:
        return None
    rewritten = _rewritten(corpus)
    blocks: list[Block] = []
    for source_id, anchor in source_anchors(corpus).items():
        source = corpus.source(source_id)
        if source is None:
            continue
        items = [Item((Plain("Publisher: "), Text(source.publisher)))]
        if source.url:
            items.append(Item((Plain("URL: "), WebLink(source.url))))
        items += [
            Item((Plain("Published: "), *_published(source))),
            Item((Plain("Language: "), Text(source.language))),
        ]
        label = RELIABILITY.get(source.reliability, "")
        note = (Plain(": "), Text(source.reliability_note)) if source.reliability_note else ()
        items.append(Item((Plain("Reliability: "), Grade(source.reliability), Plain(f" ({label})"), *note)))
        if source.note:
            items.append(Item((Plain("Note on the text (cleaning and provenance): "), Text(source.note))))
        phrases = rewritten.get(source.id, {})
        if phrases:
            meanings = tuple(Item((Quote(quote), Plain(" means "), Quote(clean))) for quote, clean in phrases)
            items.append(Item((Plain("Machine-rewritten phrases, each with its plain meaning:"),), children=meanings))
        facts = facts_citing_count(corpus, source.id)
        items.append(Item((Plain(f"Cited by {facts} fact{'s' * (facts != 1)}"),)))
        blocks += [Heading((Text(source.title),), anchor), Items(tuple(items))]
    return Section("Sources", "sources", tuple(blocks))


def citations(corpus: Corpus, cites: Citations) -> Section:
    """Every citation the pack numbered, in number order: the quote, its source (title, publisher, date,
    paragraph), its grade, and the source's address."""
    anchors = source_anchors(corpus)
    entries: list[tuple[int, Inline]] = []
    for number, cite in enumerate(cites.cites, 1):
        source = corpus.source(cite.src)
        if source is None:
            continue
        where = f", paragraph {cite.anchor.paragraph + 1}" if cite.anchor else ""
        url = (Plain(" "), WebLink(source.url)) if source.url else ()
        title = InPack((Text(source.title),), anchors.get(source.id, "sources"))
        said = (Plain(", "), Text(source.publisher), Plain(f", {source.published_label()}{where}; grade "))
        entries.append(
            (number, (*quoted(cite), Plain(": "), title, *said, Grade(cite_grade(corpus, cite)), Plain("."), *url))
        )
    return Section("Citations", "citations", (Numbered(tuple(entries)),) if entries else ())
