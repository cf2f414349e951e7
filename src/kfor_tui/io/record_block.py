"""The TOML text of one captured record: its [[section]] table and one [[section.cite]] table.

Every value is written by tomli_w (strings with their quotes, backslashes, newlines and any other text a
source holds escaped as TOML requires); this module only joins what tomli_w wrote into `key = value` lines
and inline tables, so no text a writer typed or a source printed is ever pasted raw into TOML. A value that
cannot be the field it is typed into ("abc" as a number) raises FieldError naming the field; everything
else (an unknown nation code, a quote the source does not hold) is left to the loader's checks, which
io/record_writer.py runs on the block before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomli_w

from kfor_tui.io.record_fields import SECTION_OF_KIND, FieldSpec, capture_fields

_LIST_SPLIT = re.compile(r"[,\s]+")
# 4443, 4,443, 4.443, 4 443 (no-break and thin spaces too); a range 60-120; 2+ (a low bound only)
_NUMBER = r"[0-9]{1,3}(?:[,.\u00a0\u2009\u202f ][0-9]{3})+|[0-9]+"
_AMOUNT = re.compile(rf"^(?P<low>{_NUMBER})(?:\s*(?:-|–|to)\s*(?P<high>{_NUMBER})|\s*(?P<plus>\+))?$")


class FieldError(ValueError):
    """A value that cannot be the field it was typed into; `field` is the form field's name."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def toml_value(value: Any) -> str:
    """One value as TOML text on one line: scalars as tomli_w writes them, arrays and tables inline."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(key)} = {toml_value(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0}).rsplit(" = ", 1)[0]


def record_block(
    kind: str, values: Mapping[str, str], source_id: str, quote: str, credibility: int | None = None
) -> str:
    """The TOML text of one record of capture kind `kind` (io/record_fields.py) from the form's strings in
    `values` (a missing or blank field is left out: absent means unknown), cited by one [[section.cite]]
    with `source_id`, `quote` and `credibility`. Ends with a newline. `values` may also hold `quote` and
    `credibility` (the form shows them): the arguments win. FieldError for a required field left blank,
    a field the kind does not have, a choice not in its list, a number that is not one."""
    fields = capture_fields(kind)  # ValueError for an unknown kind
    by_name = {spec.name: spec for spec in fields}
    for name in values:
        if name not in by_name:
            raise FieldError(name, f"a {kind} has no field '{name}'")
    given = {name: text.strip() for name, text in values.items() if isinstance(text, str) and text.strip()}
    for spec in fields:
        if spec.required and spec.shape != "cite" and spec.name not in given:
            raise FieldError(spec.name, f"'{spec.label}' is required")
    if not quote.strip():
        raise FieldError("quote", "select the words that state the fact: the quote is required")
    if credibility is not None and not (isinstance(credibility, int) and 1 <= credibility <= 6):
        raise FieldError("credibility", "credibility is a number from 1 to 6")
    table: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in given or spec.shape in ("part", "cite"):
            continue
        table[spec.toml_key] = _value(spec, given[spec.name], given, fields)
        if kind == "meeting" and spec.name == "visitors":
            table["kind"] = "meeting"
    if kind == "meeting" and "topics" in table and "meetings" in table:
        table["meetings"][0]["topics"] = table.pop("topics")
    cite: dict[str, Any] = {"src": source_id, "quote": quote}
    if credibility is not None:
        cite["credibility"] = credibility
    section = SECTION_OF_KIND[kind]
    lines = [f"[[{section}]]", *(f"{_key(key)} = {toml_value(value)}" for key, value in table.items())]
    lines += ["", f"[[{section}.cite]]", *(f"{_key(key)} = {toml_value(value)}" for key, value in cite.items())]
    return "\n".join(lines) + "\n"


def _value(spec: FieldSpec, text: str, given: dict[str, str], fields: list[FieldSpec]) -> Any:
    if spec.shape == "choice":
        if text not in spec.choices:
            raise FieldError(spec.name, f"'{text}' is not one of: {', '.join(spec.choices)}")
        return text
    if spec.shape == "ids":
        return [item for item in _LIST_SPLIT.split(text) if item]
    if spec.shape == "topics":
        return [item.strip() for item in text.split(";") if item.strip()]
    if spec.shape == "visitors":
        return [{"person": item} for item in _LIST_SPLIT.split(text) if item]
    if spec.shape == "meeting":
        return [{"with": [item for item in _LIST_SPLIT.split(text) if item]}]
    if spec.shape == "amount":
        return _quantity(spec, text, given, [f for f in fields if f.shape == "part" and f.toml_key == spec.name])
    return text


def _quantity(spec: FieldSpec, text: str, given: dict[str, str], parts: list[FieldSpec]) -> int | dict[str, Any]:
    """A Quantity: a plain integer when the source states an exact number and nothing else is known, else an
    inline table keeping the qualifier, the source's words and the unit."""
    match = _AMOUNT.match(text)
    if match is None:
        raise FieldError(
            spec.name, f"'{text}' is not a whole number: write 4443 or 4,443, a range 60-120, or 2+ for 'a number of'"
        )
    low = _number(match.group("low"))
    high = _number(match.group("high")) if match.group("high") else None
    quantity: dict[str, Any] = {"value": low} if high is None and not match.group("plus") else {"low": low}
    if high is not None:
        quantity["high"] = high
    for part in parts:
        if part.name not in given:
            continue
        if part.name == "qualifier":
            if given[part.name] not in part.choices:
                raise FieldError(part.name, f"'{given[part.name]}' is not one of: {', '.join(part.choices)}")
            if given[part.name] != "exact":
                quantity["qualifier"] = given[part.name]
        else:
            quantity["text" if part.name.endswith("_text") else part.name] = given[part.name]
    return low if list(quantity) == ["value"] else quantity


def _number(text: str) -> int:
    return int(re.sub(r"[^0-9]", "", text))
