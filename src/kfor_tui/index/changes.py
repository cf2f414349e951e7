"""What changed between two readings of the briefings: added, changed (field by field) and removed facts.

Both readings are maps of record id -> content (kfor_tui.index.record_content), so a reading may come from
a corpus loaded now, from the briefing files at a git revision, from the briefings as known on a date, or
from the review database (which keeps the content of every record as it was reviewed). Only facts are
compared (`facts_content`): they are what the lists show and what a review marks; a conflict is a relation
between facts, and a new or changed claim shows as its fact.

Changes come added first, then changed, then removed; within each, by the record's date (undated last),
then by id: a morning brief reads in the order things happened, and the same readings always give the same
list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from msgspec import structs

from kfor_tui.dates import DateError, When, parse_when
from kfor_tui.index.facts import title_of, when_of
from kfor_tui.index.grades import cite_grade
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.index.record_content import canonical_json, content_of
from kfor_tui.io.sanitise import sanitise
from kfor_tui.model import Cite, Corpus
from kfor_tui.quantities import Quantity

ChangeKind = Literal["added", "changed", "removed"]
Content = Mapping[str, object]
_ORDER = {"added": 0, "changed": 1, "removed": 2}
_DATE_KEYS = ("when", "as_of", "period", "strength_as_of")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's value before and after, as display strings; None where the field had no value."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A fact added, changed or removed. `title`, `when` and `cites` describe the record as it is now (as it was,
    for a removed one): `cites` are readable citation lines, 'NATO, 13 Jun 2023, B2: “quote”'."""

    change: ChangeKind
    id: str
    kind: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    cites: tuple[str, ...] = ()
    when: str | None = None  # the record's date as displayed; None when it has none


@per_corpus
def facts_content(corpus: Corpus) -> dict[str, dict[str, object]]:
    """Fact id -> content, for every fact of the corpus (file order)."""
    return {fact.id: content_of(fact) for fact in corpus.facts()}


def compare(
    old: Mapping[str, Content],
    new: Mapping[str, Content],
    *,
    old_corpus: Corpus | None = None,
    new_corpus: Corpus | None = None,
) -> list[RecordChange]:
    """Every difference between two readings. The corpora (optional) name records and sources: a record is
    described from the corpus that holds it (the new one, or the old one for a removed record), and a citation's
    publisher, date and grade come from there; without one, from the content itself."""
    now = new_corpus or Corpus()
    before = old_corpus or now
    out: list[tuple[tuple[int, date, int, str], RecordChange]] = []
    for ident, content in new.items():
        previous = old.get(ident)
        if previous is None:
            out.append(_described("added", ident, content, now, ()))
        elif previous != content:
            out.append(_described("changed", ident, content, now, diff_fields(previous, content)))
    for ident, content in old.items():
        if ident not in new:
            corpus = before if ident in before.by_id else now
            out.append(_described("removed", ident, content, corpus, ()))
    out.sort(key=lambda pair: pair[0])
    return [change for _, change in out]


def diff_fields(old: Content, new: Content) -> tuple[FieldChange, ...]:
    """The fields whose content differs, in the order of the content's keys (sorted), as display strings."""
    out: list[FieldChange] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after or (key == "type" and (before is None or after is None)):
            continue
        old_text, new_text = shown(before), shown(after)
        if old_text == new_text:  # a difference the display form does not show (a note of a citation)
            old_text, new_text = _exact(before), _exact(after)
        out.append(FieldChange(key, old_text, new_text))
    return tuple(out)


def shown(value: object) -> str | None:
    """A content value as one line: a date or a quantity as displayed, a list joined with '; ', a part as
    'name: value' pairs, every text made safe to show. None for no value."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, str):
        return sanitise(value)[0]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        items = [shown(item) for item in value]
        return "; ".join(item for item in items if item is not None) or None
    if isinstance(value, dict):
        if (when := when_from(value)) is not None:
            return when.describe()
        if (quantity := _quantity_from(value)) is not None:
            return _quantity_text(quantity)
        if "quote" in value and "src" in value:
            return _cite_text(value)
        parts = [(key, shown(item)) for key, item in value.items()]
        return ", ".join(f"{key}: {text}" for key, text in parts if text is not None) or None
    return str(value)


def when_from(value: object) -> When | None:
    """The date a content value states (kfor_tui.index.record_content.when_fields), or None."""
    if not isinstance(value, dict) or not isinstance(value.get("edtf"), str):
        return None
    meta = {key: value[key] for key in ("text", "basis", "kind", "end_basis", "end_kind", "end_bound") if key in value}
    if not all(isinstance(item, str) for item in meta.values()):
        return None
    try:
        return structs.replace(parse_when(value["edtf"]), **meta)
    except (DateError, TypeError):
        return None


def _quantity_from(value: Mapping[str, Any]) -> Quantity | None:
    if not isinstance(value.get("qualifier"), str):
        return None
    numbers = {key: value.get(key) for key in ("value", "low", "high")}
    words = {key: value.get(key) for key in ("text", "unit")}
    if not all(n is None or (isinstance(n, int) and not isinstance(n, bool)) for n in numbers.values()):
        return None
    if not all(w is None or isinstance(w, str) for w in words.values()):
        return None
    return Quantity(qualifier=value["qualifier"], **numbers, **words)


def _quantity_text(quantity: Quantity) -> str:
    """The source's words and, when they differ, the figure: 'well over 4,000 troops (>4,000)'."""
    shown_text = sanitise(quantity.display())[0]
    number = sanitise(quantity.number())[0]
    return shown_text if shown_text == number else f"{shown_text} ({number})"


def _cite_text(value: Mapping[str, Any]) -> str:
    named = value.get("for")
    extra = [f"for {'/'.join(str(shown(item)) for item in named)}"] if isinstance(named, list) and named else []
    extra += [f"credibility {value['credibility']}"] if value.get("credibility") is not None else []
    extra += [f"attributed to {shown(value['attributed_to'])}"] if value.get("attributed_to") else []
    return f"“{shown(value['quote'])}” ({', '.join([str(shown(value['src'])), *extra])})"


def _exact(value: object) -> str | None:
    return None if value is None else sanitise(canonical_json({"": value})[4:-1])[0]


def _described(
    change: ChangeKind, ident: str, content: Content, corpus: Corpus, fields: tuple[FieldChange, ...]
) -> tuple[tuple[int, date, int, str], RecordChange]:
    record = corpus.by_id.get(ident)
    if record is not None and record.kind == content.get("type"):
        title, when = title_of(corpus, record), when_of(record)
    else:
        title, when = _content_title(ident, content, corpus), _content_when(content)
    kind = str(content.get("type", "record"))
    cites = content.get("cite")
    lines = (
        tuple(cite_line(corpus, cite) for cite in cites if isinstance(cite, dict)) if isinstance(cites, list) else ()
    )
    key = (_ORDER[change], when.sort_key() if when else date.max, 0 if when else 1, ident)
    shown_when = when.display() if when is not None else None
    return key, RecordChange(change, ident, kind, sanitise(title)[0], fields, lines, shown_when)


def cite_line(corpus: Corpus, cite: Mapping[str, Any]) -> str:
    """'NATO, 13 Jun 2023, B2: “quote”' for a citation's content, the grade by kfor_tui.index.grades; a source the
    corpus does not hold (a removed fact's, gone with it) is named by its id, with no grade: none can be given."""
    src = str(cite.get("src", "?"))
    quote = f"“{shown(cite.get('quote')) or ''}”"
    source = corpus.source(src)
    if source is None:
        return sanitise(f"{src} (source not loaded): {quote}")[0]
    credibility = cite.get("credibility")
    graded = Cite(src=src, quote="", credibility=credibility if isinstance(credibility, int) else None)
    return sanitise(f"{source.publisher}, {source.published_label()}, {cite_grade(corpus, graded)}: {quote}")[0]


def _content_title(ident: str, content: Content, corpus: Corpus) -> str:
    for key in ("title", "name"):
        if isinstance(content.get(key), str):
            return str(content[key])
    if "metric" in content and "value" in content:
        return f"{shown(content.get('subject'))} {shown(content.get('metric'))}: {shown(content.get('value'))}"
    visitors = content.get("visitors")
    if isinstance(visitors, list):  # a visit names no title of its own: its visitors do, as the lists say it
        people = [corpus.name_of(str(v["person"])) for v in visitors if isinstance(v, dict) and v.get("person")]
        return f"Visit by {', '.join(p for p in people if p)}" if any(people) else ident
    return ident


def _content_when(content: Content) -> When | None:
    for key in _DATE_KEYS:
        if (when := when_from(content.get(key))) is not None:
            return when
    return None
