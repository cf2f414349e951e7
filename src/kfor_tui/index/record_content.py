"""What a record says, as plain JSON data: the thing a review remembers and a comparison compares.

`content_of(record)` is every field of a record except where it was written (`id`, `briefing`, `origin`),
under the names a briefing file uses (`kind`, `with`, `cite`, `for`), with its kind as `type`. Citations keep
what their writer stated (source, quote, `for`, paragraph, credibility, attribution, clean terms, note) and
lose what the loader derives (the quote's anchor, its origin). A date is its stated EDTF form and metadata,
a quantity its stated numbers, qualifier, words and unit: nothing derived (display forms, earliest and
latest days) is kept, so a new rule for showing a date changes no digest. Empty values (None, empty lists)
are left out, so a field added to the format later changes no digest of a record that does not use it.

`digest_of(content)` is the blake2b digest of the canonical JSON (sorted keys, no spaces, UTF-8 text; defined
in kfor_tui.io.content_digest, which the review database uses too): equal content, equal digest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kfor_tui.dates import When
from kfor_tui.frozen import Frozen
from kfor_tui.io.content_digest import canonical_json, digest_of
from kfor_tui.model import Record
from kfor_tui.quantities import Quantity

__all__ = ["FIELD_NAMES", "canonical_json", "content_of", "digest_of", "quantity_fields", "when_fields"]

# the briefing file's names for fields the model spells otherwise (the JSON export uses them too)
FIELD_NAMES = {
    "org_kind": "kind",
    "place_kind": "kind",
    "visit_kind": "kind",
    "tension_kind": "kind",
    "event_kind": "kind",
    "with_": "with",
    "cites": "cite",
    "fields": "for",
}
_NOT_CONTENT = frozenset({"id", "briefing", "origin", "anchor"})


def when_fields(when: When) -> dict[str, Any]:
    """A date as stated: its EDTF form and how it was obtained (every key, None included)."""
    return {
        "edtf": when.edtf(),
        "text": when.text,
        "basis": when.basis,
        "kind": when.kind,
        "end_basis": when.end_basis,
        "end_kind": when.end_kind,
        "end_bound": when.end_bound,
    }


def quantity_fields(quantity: Quantity) -> dict[str, Any]:
    """A quantity as stated: its numbers, qualifier, words and unit (every key, None included)."""
    return {
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "qualifier": quantity.qualifier,
        "text": quantity.text,
        "unit": quantity.unit,
    }


def _compact(out: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in out.items() if value is not None and value != []}


def _value(value: Any) -> Any:
    if isinstance(value, When):
        return _compact(when_fields(value))
    if isinstance(value, Quantity):
        return _compact(quantity_fields(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Frozen):
        return _fields(value)
    if isinstance(value, (tuple, list)):
        return [_value(item) for item in value]
    return value


def _fields(obj: Any) -> dict[str, Any]:
    out = {
        FIELD_NAMES.get(field, field): _value(getattr(obj, field))
        for field in type(obj).__struct_fields__
        if field not in _NOT_CONTENT
    }
    return _compact(out)


def content_of(record: Record) -> dict[str, object]:
    """The record's content: JSON data (str, int, bool, lists, dicts), keys in sorted order."""
    out = {"type": record.kind, **_fields(record)}
    return dict(sorted(out.items()))
