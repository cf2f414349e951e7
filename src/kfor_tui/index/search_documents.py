"""Everything a corpus holds as lookup documents: nations, organisations, people, places, every fact, every
source and every paragraph, each with the words it is found by and the one line it is shown as."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kfor_tui.dates import When
from kfor_tui.index.chronology import entries_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.involvement import nations_of, refs_of
from kfor_tui.index.search_terms import date_terms, tokens
from kfor_tui.model import Contingent, Corpus, Organisation, Person, Place, Record, quantities_of
from kfor_tui.nations import NATIONS

ENTITY_KINDS = ("nation", "organisation", "person", "place")


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
class Document:
    """What the index knows of one hit: the words of its names and of its text."""

    hit: Hit
    names: list[str]
    text: list[str]


def documents(corpus: Corpus) -> Iterator[Document]:
    present: set[str] = {"XKX", "SRB"}
    for record in corpus.facts():
        present.update(nations_of(corpus, record))
    entities: tuple[Organisation | Person | Place, ...] = (*corpus.organisations, *corpus.people, *corpus.places)
    for entity in entities:
        if entity.nation:
            present.add(entity.nation)
    for code in sorted(present):
        nation = NATIONS[code]
        names = [code, nation.alpha2, nation.name, nation.demonym, *nation.aliases]
        yield Document(
            Hit("nation", code, f"{nation.name} ({code})", nations=(code,)),
            [t for n in names if n for t in tokens(n)],
            [],
        )
    for entity in entities:
        short = entity.short if isinstance(entity, Organisation) else None
        roles = entity.roles if isinstance(entity, Person) else ()
        names = [entity.name, *entity.aliases, short or ""]
        text = [entity.note or "", *(role.title for role in roles)]
        label = entity.name + (f" ({short})" if short else "")
        if roles:
            label += f", {roles[0].title}" + (f" ({corpus.name_of(roles[0].org)})" if roles[0].org else "")
        nations = (entity.nation,) if entity.nation else ()
        yield Document(
            Hit(entity.kind, entity.id, label, nations=nations),
            [t for n in names for t in tokens(n)],
            [t for x in text for t in tokens(x)],
        )
    for record in corpus.facts():
        yield _fact_doc(corpus, record)
    for source in corpus.sources:
        yield Document(
            Hit(
                "source",
                source.id,
                f"{source.publisher}: {source.title}",
                date=source.published_label(),
                grade=source.reliability,
            ),
            tokens(source.title),
            tokens(source.publisher) + date_terms(source.published),
        )
        for number, paragraph in enumerate(source.paragraphs):
            line = " ".join(paragraph.split())
            yield Document(
                Hit(
                    "paragraph",
                    source.id,
                    line,
                    date=source.published_label(),
                    ref=f"{source.id}:{number + 1}",
                    grade=source.reliability,
                    paragraph=number,
                ),
                [],
                tokens(paragraph),
            )


def _fact_doc(corpus: Corpus, record: Record) -> Document:
    entries = entries_of(corpus, record)
    if isinstance(record, Contingent):
        label = f"{record.name} ({'/'.join(record.nations())})"
    else:
        label = entries[0].title if entries else getattr(record, "title", None) or record.id
    when = entries[0].when if entries else None
    title_words = tokens(getattr(record, "title", None) or getattr(record, "name", None) or "")
    text: list[str] = []
    for value in (
        getattr(record, "summary", None),
        getattr(record, "role", None),
        getattr(record, "rank", None),
        record.note,
        label,
    ):
        if value:
            text += tokens(value)
    for named in refs_of(record):
        text += tokens(corpus.name_of(named))
        entity = corpus.by_id.get(named)
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
    first = record.cites[0] if record.cites else None
    ref = f"{first.src}:{first.anchor.paragraph + 1}" if first and first.anchor else (first.src if first else None)
    hit = Hit(
        record.kind,
        record.id,
        label,
        date=when.describe() if when else None,
        ref=ref,
        grade=fact_grade(corpus, record),
        nations=nations_of(corpus, record),
    )
    return Document(hit, title_words, text)
