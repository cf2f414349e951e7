"""A record's table as the strings of the capture form, for `E` (edit): the inverse of io/record_block.py.

The form holds one record of a capture kind and one citation. Saving an edit replaces the whole block, so a
record with anything the form does not hold (a period, a second citation, a citation's `for`, a visitor's
role) is not offered for editing: those parts would be lost. `unheld` names them, so the refusal can say
what to edit in the file instead. No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kfor_tui.io.record_fields import FieldSpec, capture_fields

KIND_OF_SECTION = {
    "figures": "figure",
    "contingents": "contingent",
    "visits": "visit",
    "events": "event",
    "tensions": "tension",
    "roles": "role",
}
CITE_KEYS = frozenset({"src", "quote", "credibility"})


@dataclass
class FormValues:
    """The form's strings for one record (`values`, quote and credibility included), the citation's source,
    and what the record holds that the form cannot (`unheld`: empty when it may be edited)."""

    kind: str
    values: dict[str, str] = field(default_factory=dict)
    source: str = ""
    unheld: list[str] = field(default_factory=list)


def capture_kind(section: str, table: Mapping[str, Any]) -> str | None:
    """The capture kind of a record in `section` (a visit of kind meeting is a meeting); None for a section
    the form does not hold (figure_sets, entities)."""
    kind = KIND_OF_SECTION.get(section)
    if kind == "visit" and table.get("kind") == "meeting":
        return "meeting"
    return kind


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return " ".join(value.split()) if "\n" in value else value
    if isinstance(value, (int, date, datetime)):
        return value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return None


def _names(value: Any, separator: str) -> str | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return separator.join(value)
    return None


def _amount(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, dict):
        return None
    low, high, number = value.get("low"), value.get("high"), value.get("value")
    if number is not None and low is None and high is None:
        return _text(number)
    if number is None and low is not None and high is not None:
        return f"{low}-{high}"
    if number is None and low is not None and high is None:
        return f"{low}+"
    return None


def form_values(section: str, table: Mapping[str, Any]) -> FormValues | None:
    """The form's strings for `table` (one record of `section` as TOML parsed it); None when the section is
    not a capture kind."""
    kind = capture_kind(section, table)
    if kind is None:
        return None
    specs = capture_fields(kind)
    out = FormValues(kind)
    held: set[str] = {"id", "cite"} | ({"kind"} if kind == "meeting" else set())
    for spec in specs:
        if spec.shape in ("cite", "part"):  # the citation's; an amount's parts come with the amount
            continue
        key = spec.toml_key
        if key not in table:
            continue
        text = _field_text(spec, table[key], specs, out)
        if text is None:
            out.unheld.append(key)
            continue
        held.add(key)
        if text:
            out.values[spec.name] = text
    if "id" in table:
        out.values["id"] = str(table["id"])
    out.unheld += [key for key in table if key not in held]
    _cite(table.get("cite"), out)
    return out


def _field_text(spec: FieldSpec, value: Any, specs: list[FieldSpec], out: FormValues) -> str | None:
    """The form string of one field ("" for a part the amount leaves out); None when the form cannot hold it."""
    if spec.shape in ("text", "choice"):
        return _text(value)
    if spec.shape == "ids":
        return _names(value, ", ")
    if spec.shape == "topics":
        return _names(value, "; ")
    if spec.shape == "visitors":
        people = [v.get("person") for v in value if isinstance(v, dict) and set(v) == {"person"}]
        return ", ".join(p for p in people if isinstance(p, str)) if len(people) == len(value) else None
    if spec.shape == "meeting":
        if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)):
            return None
        meeting = value[0]
        if set(meeting) - {"with", "topics"}:
            return None
        if "topics" in meeting:
            topics = _names(meeting["topics"], "; ")
            if topics is None:
                return None
            out.values["topics"] = topics
        return _names(meeting.get("with", []), ", ")
    if spec.shape == "amount":
        parts = {_part_key(p.name): p.name for p in specs if p.shape == "part" and p.toml_key == spec.name}
        if isinstance(value, dict):
            if set(value) - {"value", "low", "high", *parts}:
                return None
            for key, name in parts.items():
                part = value.get(key)
                if isinstance(part, str):
                    out.values[name] = part
        return _amount(value)
    return None


def _part_key(name: str) -> str:
    """The key of a Quantity a form field is written under: `value_text` -> text; qualifier, unit as named."""
    return "text" if name.endswith("_text") else name


def _cite(cites: Any, out: FormValues) -> None:
    """The one citation the form holds: its quote, credibility and source."""
    if not isinstance(cites, list) or not cites:
        out.unheld.append("cite")
        return
    if len(cites) > 1:
        out.unheld.append(f"{len(cites)} citations (the form holds one)")
    first = cites[0]
    if not isinstance(first, dict):
        return
    extra = sorted(set(first) - CITE_KEYS)
    if extra:
        out.unheld.append("the citation's " + ", ".join(extra))
    out.source = str(first.get("src", ""))
    out.values["quote"] = str(first.get("quote", ""))
    credibility = first.get("credibility")
    if isinstance(credibility, int) and not isinstance(credibility, bool):
        out.values["credibility"] = str(credibility)
