"""The whole validated corpus as JSON, normalised and documented in docs/format.md ("JSON export")."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from kfor_tui import __version__
from kfor_tui.dates import When
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.model import CREDIBILITY, FACT_TYPES, RELIABILITY, Cite, Corpus, Record
from kfor_tui.quantities import Quantity

_RENAMED = {
    "org_kind": "kind",
    "place_kind": "kind",
    "visit_kind": "kind",
    "tension_kind": "kind",
    "event_kind": "kind",
    "with_": "with",
    "cites": "cite",
}


def when_json(when: When) -> dict[str, Any]:
    lower, upper = when.lower(), when.upper()
    point = when.start or when.end
    return {
        "edtf": when.edtf(),
        "display": when.display(),
        "earliest": lower.isoformat() if lower else None,
        "latest": upper.isoformat() if upper else None,
        "precision": point.precision if point else None,
        "text": when.text,
        "basis": when.basis,
        "kind": when.kind,
        "end_basis": when.end_basis,
        "end_kind": when.end_kind,
        "end_bound": when.end_bound,
    }


def quantity_json(quantity: Quantity) -> dict[str, Any]:
    return {
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "qualifier": quantity.qualifier,
        "text": quantity.text,
        "unit": quantity.unit,
        "display": quantity.display(),
    }


def _value(value: Any, corpus: Corpus) -> Any:
    if isinstance(value, When):
        return when_json(value)
    if isinstance(value, Quantity):
        return quantity_json(value)
    if isinstance(value, Cite):
        out = _fields(value, corpus)
        out.pop("origin", None)
        out["for"] = out.pop("fields")
        out["grade"] = cite_grade(corpus, value)
        if value.anchor:
            out["anchor"] = {
                "paragraph": value.anchor.paragraph + 1,
                "start": value.anchor.start,
                "end": value.anchor.end,
            }
        return out
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return _fields(value, corpus)
    if isinstance(value, (tuple, list)):
        return [_value(item, corpus) for item in value]
    return value


def _fields(obj: Any, corpus: Corpus) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        name = _RENAMED.get(field.name, field.name)
        out[name] = _value(getattr(obj, field.name), corpus)
    return out


def record_json(record: Record, corpus: Corpus) -> dict[str, Any]:
    out = {"type": record.kind, **_fields(record, corpus)}
    out["origin"] = record.origin.path
    if record.kind == "source":
        out["reliability_label"] = RELIABILITY[out["reliability"]]
    elif record.cites or isinstance(record, FACT_TYPES):
        out["grade"] = fact_grade(corpus, record)
    return out


def corpus_json(corpus: Corpus) -> dict[str, Any]:
    sections = (
        "sources",
        "organisations",
        "people",
        "places",
        "contingents",
        "visits",
        "tensions",
        "figures",
        "figure_sets",
        "events",
        "roles",
        "conflicts",
    )
    return {
        "format": "kfor-briefing/1",
        "exported_by": f"kfor-tui {__version__}",
        "markings": list(corpus.markings()),
        "briefings": [{**_fields(b, corpus), "origin": b.path} for b in corpus.briefings],
        **{section: [record_json(r, corpus) for r in getattr(corpus, section)] for section in sections},
        "grades": {"reliability": RELIABILITY, "credibility": {str(k): v for k, v in CREDIBILITY.items()}},
        "warnings": [str(p) for p in corpus.warnings()],
    }


def to_json(corpus: Corpus) -> str:
    return json.dumps(corpus_json(corpus), ensure_ascii=False, indent=2) + "\n"
