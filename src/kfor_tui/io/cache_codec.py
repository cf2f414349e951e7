"""What the load cache stores, as data: MessagePack (msgspec), decoded against the model's own types.

Nothing here runs code from a file. Every value is decoded *typed*: msgspec builds exactly the model's frozen
Structs (Source, Cite, When, Quantity...) from their fields, checks every field's type as it goes, and
refuses anything else (a missing field, a string where a number belongs, an array too short or too long).
Reading a cache file (io/cache.py) checks its digest first; this module is the second wall, and a failure
of either is a miss (CacheDataError), never an exception that escapes, never a changed record.

Shapes:

* a file's loaded form (`CachedFile`, what io/files.py's to_cache gives): a 7-tuple of its shown path,
  findings, references, the key path of each citation (positional: one entry per cite of its records, in
  order, None when it has none), its [briefing], its records and its fatal problems. A file's records are of
  several classes, which msgspec cannot tell apart by their fields, so each is stored as
  `[kind, record, key path]`: the record class's `kind` ("source", "visit"...) tags it.
* the corpus: a sequence of frames (io/cache.py reads and checks them one at a time, so a warm start never
  holds the whole encoded corpus): first its head (the records per section, the section of each record in
  `by_id` order, briefings, problems, files), then each section's records in batches of BATCH, each batch a
  plain array of one record class. `by_id` is rebuilt in its original order from the head.
* anything else (the lookup index, the nations pane's rows): `encode_frames(value)` /
  `decode_frames(frame, type)`, typed by the caller (msgspec's dataclass, list, dict and tuple support). A
  list or dict, or such a field of a dataclass (the index's documents and postings), is cut into frames of
  CHUNK items, so that reading a large one never holds all of its encoded bytes at once. Small values
  (signatures, the per-file entries' frames): `encode_value` / `decode_value(data, type)`.

Repeated texts: a word of a fixed set (a date's basis, a quantity's qualifier) is typed as a literal, so the
decoder gives the one shared string; a corpus's origins, file paths, briefing ids and cited sources are shared
again as each frame is decoded (_share). Other texts (names, quotes) stay as decoded.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any, TypeVar

import msgspec
from msgspec.structs import force_setattr

from kfor_tui.dates import When
from kfor_tui.io.fields import Finding, Reference
from kfor_tui.model import (
    Briefing,
    Conflict,
    Contingent,
    Corpus,
    Event,
    Figure,
    FigureSet,
    HeldRole,
    Organisation,
    Person,
    Place,
    Problem,
    Record,
    Source,
    Tension,
    Visit,
)
from kfor_tui.quantities import Quantity

T = TypeVar("T")
KeyPathShape = tuple[str | int, ...]  # io.positions.KeyPath, spelled so that msgspec can check it

# A file's loaded form as the cache keeps it: path, findings, references, each cite's key path (positional),
# briefing, records with their key paths, fatal problems.
CachedFile = tuple[
    str,
    list[Finding],
    list[Reference],
    list["KeyPathShape | None"],
    Briefing | None,
    list[tuple[Record, KeyPathShape]],
    tuple[Problem, ...],
]

# The corpus's sections of records, in the order of Corpus's fields; tests/test_cache.py checks that this
# covers every field of Corpus that holds records.
SECTIONS: tuple[tuple[str, type[Record]], ...] = (
    ("sources", Source),
    ("organisations", Organisation),
    ("people", Person),
    ("places", Place),
    ("contingents", Contingent),
    ("visits", Visit),
    ("tensions", Tension),
    ("figures", Figure),
    ("figure_sets", FigureSet),
    ("events", Event),
    ("roles", HeldRole),
    ("conflicts", Conflict),
)
RECORD_TYPES = {cls.kind: cls for _, cls in SECTIONS}  # a record's tag -> its class
SHORT = 64  # characters: a longer text is shared only by chance (io/fields.py interns the same)
BATCH = 1024  # records per frame of the corpus: a few MiB at most (a source holds its article's paragraphs)
CHUNK = 4096  # items of a list or dict per frame of encode_frames


class CacheDataError(ValueError):
    """Cache data that does not decode to the shape expected: the entry is a miss, and is rebuilt."""


_ENCODER = msgspec.msgpack.Encoder()


_DECODERS: dict[object, msgspec.msgpack.Decoder[Any]] = {}


def _decoder(shape: Any) -> msgspec.msgpack.Decoder[Any]:
    """A decoder for `shape`, made on first use (msgspec reads the types' hints then: a cold start that only
    writes the cache never pays for it)."""
    decoder = _DECODERS.get(shape)
    if decoder is None:
        decoder = _DECODERS[shape] = msgspec.msgpack.Decoder(shape)
    return decoder


def _decode(decoder: msgspec.msgpack.Decoder[Any], data: bytes | memoryview) -> Any:
    try:
        return decoder.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError) as exc:
        raise CacheDataError(f"cache data of the wrong shape: {exc}") from None


# ---------------------------------------------------------------------------------------- a file's form

_FILE_SHAPE = tuple[
    str,
    list[Finding],
    list[Reference],
    list[KeyPathShape | None],
    Briefing | None,
    list[tuple[str, msgspec.Raw, KeyPathShape]],
    tuple[Problem, ...],
]


def encode_file(value: CachedFile) -> bytes:
    """A file's loaded form as MessagePack; TypeError or ValueError when it holds something the cache cannot
    store (then the file is simply not cached)."""
    path, findings, references, cite_paths, briefing, records, fatal = value
    tagged = []
    for record, where in records:
        if RECORD_TYPES.get(type(record).kind) is not type(record):
            raise TypeError(f"not a record the cache knows: {type(record).__name__}")
        tagged.append((record.kind, record, where))
    return _ENCODER.encode((path, findings, references, cite_paths, briefing, tagged, fatal))


def decode_file(data: bytes | memoryview) -> CachedFile:
    """The loaded form encode_file stored; CacheDataError when the data is not one."""
    path, findings, references, cite_paths, briefing, tagged, fatal = _decode(_decoder(_FILE_SHAPE), data)
    records: list[tuple[Record, KeyPathShape]] = []
    for kind, raw, where in tagged:
        cls = RECORD_TYPES.get(kind)
        if cls is None:
            raise CacheDataError(f"unknown record kind {kind!r}")
        records.append((_decode(_decoder(cls), raw), where))
    if len(cite_paths) != sum(len(record.cites) for record, _ in records):
        raise CacheDataError("the citations' key paths do not match the records")
    return path, findings, references, cite_paths, briefing, records, fatal


# --------------------------------------------------------------------------------------------- a corpus

# head: records per section, the section of each record in by_id order, briefings, problems, files
_HEAD_SHAPE = tuple[tuple[int, ...], bytes, tuple[Briefing, ...], tuple[Problem, ...], tuple[str, ...]]
_SECTION_SHAPES = [tuple[cls, ...] for _, cls in SECTIONS]  # type: ignore[valid-type]


def encode_corpus(corpus: Corpus) -> Iterator[bytes]:
    """The corpus as frames (see the module's docstring). ValueError when its `by_id` is not exactly its
    records by id (a corpus not made by assemble): such a corpus is not cached."""
    sections = [getattr(corpus, name) for name, _ in SECTIONS]
    section_of = {id(record): number for number, section in enumerate(sections) for record in section}
    if len(section_of) != len(corpus.by_id):
        raise ValueError("by_id does not hold exactly the corpus's records")
    order = bytearray()
    for ident, record in corpus.by_id.items():
        number = section_of.get(id(record))
        if number is None or ident != record.id:
            raise ValueError("by_id does not hold exactly the corpus's records")
        order.append(number)
    counts = tuple(len(section) for section in sections)
    yield _ENCODER.encode((counts, bytes(order), corpus.briefings, corpus.problems, corpus.files))
    for section in sections:
        for start in range(0, len(section), BATCH):
            yield _ENCODER.encode(section[start : start + BATCH])


def decode_corpus(frame: Callable[[], bytes | memoryview]) -> Corpus:
    """The corpus encode_corpus stored, reading its frames one at a time with `frame()` (which raises when
    there is none left); CacheDataError when they do not make one."""
    counts, order, briefings, problems, files = _decode(_decoder(_HEAD_SHAPE), frame())
    if len(counts) != len(SECTIONS) or min(counts) < 0 or sum(counts) != len(order):
        raise CacheDataError("the corpus's head does not match its sections")
    sections: list[tuple[Record, ...]] = []
    shared: dict[Any, Any] = {}  # texts, origins, dates and quantities: each equal to itself only
    for count, shape in zip(counts, _SECTION_SHAPES, strict=True):
        decoder = _decoder(shape)
        parts: list[tuple[Record, ...]] = []
        got = 0
        while got < count:
            part = _decode(decoder, frame())
            if not part or got + len(part) > count:
                raise CacheDataError("a section of the corpus does not have its records")
            _share(part, shared)
            parts.append(part)
            got += len(part)
        sections.append(parts[0] if len(parts) == 1 else tuple(chain.from_iterable(parts)))
    taken = [iter(section).__next__ for section in sections]
    try:
        records = [taken[number]() for number in order]
    except (IndexError, StopIteration):
        raise CacheDataError("the corpus's order does not match its sections") from None
    by_id = {record.id: record for record in records}
    if len(by_id) != len(records):
        raise CacheDataError("the corpus holds one id twice")
    named: dict[str, Any] = {name: section for (name, _), section in zip(SECTIONS, sections, strict=True)}
    return Corpus(briefings=briefings, problems=problems, files=files, by_id=by_id, **named)


_SHARED_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
_UNIQUE = {"id", "note", "summary", "paragraphs", "cites", "origin", "briefing"}  # one of a kind, or done apart


def _shared_fields(cls: type[Record]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A record class's fields that hold a short text, a tuple of texts, and a date or quantity (by their
    types), less those that are one of a kind or shared apart: what _share looks at."""
    found = _SHARED_FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        names = [name for name in cls.__struct_fields__ if name not in _UNIQUE]
        text = tuple(name for name in names if hints[name] in (str, str | None))
        texts = tuple(name for name in names if hints[name] in (tuple[str, ...], tuple[str, ...] | None))
        values = tuple(name for name in names if hints[name] in (When, When | None, Quantity, Quantity | None))
        found = _SHARED_FIELDS[cls] = (text, texts, values)
    return found


def share_places(records: Iterable[Record], shared: dict[Any, Any]) -> None:
    """One object for each repeated origin, briefing id and cited source of decoded records, which the
    builders make once per file and per id (io/parallel_read.py shares these in what a worker sends). They
    are replaced in place, on records no one else holds yet (msgspec's force_setattr)."""
    one, setter = shared.setdefault, force_setattr
    for record in records:
        setter(record, "origin", one(record.origin, record.origin))
        setter(record, "briefing", one(record.briefing, record.briefing))
        for cite in record.cites:
            setter(cite, "src", one(cite.src, cite.src))
            if cite.origin is not None:
                setter(cite, "origin", one(cite.origin, cite.origin))


def _share(records: tuple[Record, ...], shared: dict[Any, Any]) -> None:
    """share_places, and one object for each repeated short text, date and quantity of the records just
    decoded, as the builders share texts (decoded, each would be a copy of its own: ~80 MiB of a warm start at
    10,000 articles). Texts longer than SHORT (titles of articles, summaries) are left as they are."""
    if not records:
        return
    share_places(records, shared)
    one, setter = shared.setdefault, force_setattr
    text, texts, values = _shared_fields(type(records[0]))
    for record in records:
        for name in text:
            value = getattr(record, name)
            if value is not None and len(value) <= SHORT:
                setter(record, name, one(value, value))
        for name in texts:
            value = getattr(record, name)
            if value:
                setter(record, name, tuple([one(item, item) for item in value]))
        for name in values:
            value = getattr(record, name)
            if value is not None:
                setter(record, name, one(value, value))


# ------------------------------------------------------------------------------------------ other values


def encode_value(value: object) -> bytes:
    """Any value of data (dataclasses, lists, dicts, tuples, strings, numbers) as MessagePack; TypeError or
    ValueError when it holds something else."""
    return _ENCODER.encode(value)


def decode_value(data: bytes | memoryview, shape: type[T] | Any) -> T:
    """The value encode_value stored, checked against `shape` (a type, e.g. list[Subject]) as it is decoded;
    CacheDataError when it is not of that shape."""
    return _decode(_decoder(shape), data)  # type: ignore[no-any-return]  # checked by msgspec against `shape`


# ----------------------------------------------------------------------------------- values in frames

Head = list[tuple[str, str, int]]  # per part: the field's name ("" for a whole value), its kind, its frames


def _kind(value_or_type: Any, is_type: bool) -> str:
    """How a part is cut into frames: "list" and "dict" by CHUNK items, a "value" whole."""
    if is_type:
        origin = typing.get_origin(value_or_type) or value_or_type
        return "list" if origin is list else "dict" if origin is dict else "value"
    return "list" if isinstance(value_or_type, list) else "dict" if isinstance(value_or_type, dict) else "value"


def _chunks(part: Any) -> list[Any]:
    kind = _kind(part, is_type=False)
    if kind == "list":
        return [part[start : start + CHUNK] for start in range(0, len(part), CHUNK)]
    if kind == "dict":
        items = iter(part.items())
        return [dict(islice(items, CHUNK)) for _ in range(0, len(part), CHUNK)]
    return [part]


def encode_frames(value: object) -> Iterator[bytes]:
    """A value as frames: a head naming its parts (a dataclass's fields, in order, or the value itself) and
    how many frames each takes, then the parts, lists and dicts cut into frames of CHUNK items."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
    else:
        parts = [("", value)]
    cut = [(name, _kind(part, is_type=False), _chunks(part)) for name, part in parts]
    yield _ENCODER.encode([(name, kind, len(chunks)) for name, kind, chunks in cut])
    for _, _, chunks in cut:
        for chunk in chunks:
            yield _ENCODER.encode(chunk)


def _decode_part(frame: Callable[[], bytes | memoryview], shape: Any, kind: str, count: int) -> Any:
    if kind != _kind(shape, is_type=True) or count < 0 or (kind == "value" and count != 1):
        raise CacheDataError("a part of another kind than its type")
    decoder = _decoder(shape)
    if kind == "value":
        return _decode(decoder, frame())
    if kind == "list":
        out: list[Any] = []
        for _ in range(count):
            out.extend(_decode(decoder, frame()))
        return out
    table: dict[Any, Any] = {}
    for _ in range(count):
        chunk = _decode(decoder, frame())
        if table.keys() & chunk.keys():
            raise CacheDataError("a key twice")
        table.update(chunk)
    return table


def decode_frames(frame: Callable[[], bytes | memoryview], shape: type[T] | Any) -> T:
    """The value encode_frames stored, reading its frames with `frame()`, each part checked against its type
    in `shape` (a dataclass's fields' types, or `shape` itself); CacheDataError when it is not of that shape.
    A dataclass is made with its __init__ from its checked fields."""
    head: Head = _decode(_decoder(Head), frame())
    if dataclasses.is_dataclass(shape) and isinstance(shape, type):
        fields = dataclasses.fields(shape)
        hints = typing.get_type_hints(shape)
        if [name for name, _, _ in head] != [field.name for field in fields] or not all(f.init for f in fields):
            raise CacheDataError(f"not the fields of {shape.__name__}")
        values = {name: _decode_part(frame, hints[name], kind, count) for name, kind, count in head}
        return typing.cast("T", shape(**values))  # made with its own __init__ from its checked fields
    if len(head) != 1 or head[0][0] != "":
        raise CacheDataError("not a whole value")
    _, kind, count = head[0]
    return _decode_part(frame, shape, kind, count)  # type: ignore[no-any-return]  # checked against `shape`
