"""The whole validated corpus as JSON, normalised and documented in docs/format.md ("JSON export")."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kfor_tui import __version__
from kfor_tui.dates import When
from kfor_tui.frozen import Frozen
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.index.record_content import FIELD_NAMES, quantity_fields, when_fields
from kfor_tui.model import CREDIBILITY, FACT_TYPES, RELIABILITY, Cite, Corpus, Record
from kfor_tui.quantities import Quantity


def when_json(when: When) -> dict[str, Any]:
    """A date as stated (kfor_tui.index.record_content) and its derived forms: display, earliest, latest."""
    lower, upper = when.lower(), when.upper()
    point = when.start or when.end
    stated = when_fields(when)
    return {
        "edtf": stated.pop("edtf"),
        "display": when.display(),
        "earliest": lower.isoformat() if lower else None,
        "latest": upper.isoformat() if upper else None,
        "precision": point.precision if point else None,
        **stated,
    }


def quantity_json(quantity: Quantity) -> dict[str, Any]:
    return {**quantity_fields(quantity), "display": quantity.display()}


def _value(value: Any, corpus: Corpus) -> Any:
    if isinstance(value, When):
        return when_json(value)
    if isinstance(value, Quantity):
        return quantity_json(value)
    if isinstance(value, Cite):
        out = _fields(value, corpus)
        out.pop("origin", None)
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
    if isinstance(value, Frozen):
        return _fields(value, corpus)
    if isinstance(value, (tuple, list)):
        return [_value(item, corpus) for item in value]
    return value


def _fields(obj: Any, corpus: Corpus) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in type(obj).__struct_fields__:
        out[FIELD_NAMES.get(field, field)] = _value(getattr(obj, field), corpus)
    return out


def record_json(record: Record, corpus: Corpus) -> dict[str, Any]:
    out = {"type": record.kind, **_fields(record, corpus)}
    out["origin"] = record.origin.path
    if record.kind == "source":
        out["reliability_label"] = RELIABILITY[out["reliability"]]
    elif record.cites or isinstance(record, FACT_TYPES):
        out["grade"] = fact_grade(corpus, record)
    return out


def corpus_json(corpus: Corpus, as_known_on: date | None = None) -> dict[str, Any]:
    """The corpus for scripts; `as_known_on`: the knowledge date it was narrowed to (kfor_tui.index.as_known),
    said at the top so that no reader takes it for the briefings as they are now."""
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
    known = {"as_known_on": as_known_on.isoformat()} if as_known_on is not None else {}
    return {
        "format": "kfor-briefing/1",
        "exported_by": f"kfor-tui {__version__}",
        **known,
        "markings": list(corpus.markings()),
        "briefings": [{**_fields(b, corpus), "origin": b.path} for b in corpus.briefings],
        **{section: [record_json(r, corpus) for r in getattr(corpus, section)] for section in sections},
        "grades": {"reliability": RELIABILITY, "credibility": {str(k): v for k, v in CREDIBILITY.items()}},
        "warnings": [str(p) for p in corpus.warnings()],
    }


def to_json(corpus: Corpus, as_known_on: date | None = None) -> str:
    return json.dumps(corpus_json(corpus, as_known_on), ensure_ascii=False, indent=2) + "\n"
