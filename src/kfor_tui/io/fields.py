"""Typed access to one TOML table, reporting every problem at the key it concerns.

Each accessor converts a value or records a problem and returns None; nothing raises, so one bad field
never hides the others.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from kfor_tui.dates import BASES, END_BOUNDS, KINDS, DateError, When, parse_period, parse_when
from kfor_tui.io.positions import KeyPath
from kfor_tui.model import Cite, Origin
from kfor_tui.nation_suggestions import suggest
from kfor_tui.nations import NATIONS
from kfor_tui.quantities import BOUND_QUALIFIERS, QUALIFIERS, Qualifier, Quantity

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
_TYPE_NAMES = {str: "a string", int: "an integer", list: "an array", dict: "a table", bool: "a boolean"}


@dataclass
class Finding:
    severity: str
    path: KeyPath
    message: str


@dataclass
class Reference:
    """An id used somewhere, to be resolved once every file is loaded."""

    path: KeyPath
    target: str
    kinds: tuple[str, ...]  # record kinds it may name; empty = any record


@dataclass
class FileReport:
    """Problems and references collected while reading one file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    cite_paths: dict[int, KeyPath] = field(default_factory=dict)  # id(Cite) -> where it was written

    def error(self, path: KeyPath, message: str) -> None:
        self.findings.append(Finding("error", path, one_line(message)))

    def warning(self, path: KeyPath, message: str) -> None:
        self.findings.append(Finding("warning", path, one_line(message)))


W = TypeVar("W", bound=str)  # a word of a closed list (a literal type of the model)


def _shared(value: str) -> str:
    """Short texts (ids, references, codes, kinds, names) as one object per distinct text (sys.intern): the
    same place or organisation named in thousands of files is then one string in memory."""
    return sys.intern(value) if len(value) <= 64 else value


def one_line(message: str) -> str:
    """A message quoting the file's text (a value, a quote) kept to one line: `check` prints one problem a line."""
    return message.replace("\r", "\\r").replace("\n", "\\n") if "\n" in message or "\r" in message else message


def describe(path: KeyPath) -> str:
    """A key path as a reader writes it, counting array entries from 1: contingents[2].cite[1].quote."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Table:
    """One TOML table of a briefing, read field by field."""

    def __init__(self, report: FileReport, data: Any, path: KeyPath, allowed: Iterable[str], what: str) -> None:
        self.report = report
        self.path = path
        self.what = what
        self.common: dict[str, Any] = {}  # id, briefing and origin of the record this table builds
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not self.ok:
            report.error(path, f"{what} must be a table, not {_type_name(data)}")
            return
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; {what} takes: {', '.join(allowed)}"
                report.error((*path, key), f"unknown field '{key}' in {what}{suggestion}")

    def origin(self) -> Origin:
        return Origin(self.report.path)  # line and column are filled in when problems are reported

    def at(self, key: str) -> KeyPath:
        return (*self.path, key)

    def has(self, key: str) -> bool:
        return key in self.data

    def subtables(self, key: str, allowed: tuple[str, ...], what: str) -> list[Table]:
        """The tables of an array of inline tables (`composition`, `visitors`...), each checked like a table."""
        raw = self.data.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.report.error(self.at(key), f"'{key}' must be an array of tables")
            return []
        tables = [Table(self.report, item, (*self.path, key, i), allowed, what) for i, item in enumerate(raw)]
        return [table for table in tables if table.ok]

    def _get(self, key: str, kind: type, required: bool) -> Any:
        if key not in self.data:
            if required:
                self.report.error(self.path, f"{self.what} is missing required field '{key}'")
            return None
        value = self.data[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            self.report.error(self.at(key), f"'{key}' must be {_TYPE_NAMES[kind]}, not {_type_name(value)}")
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, str, required)
        if value is not None and required and not value.strip():
            self.report.error(self.at(key), f"'{key}' must not be empty")
            return None
        return _shared(value) if value is not None else None

    def integer(self, key: str, low: int | None = None, high: int | None = None) -> int | None:
        value: int | None = self._get(key, int, False)
        if value is not None and low is not None and value < low:
            limit = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.report.error(self.at(key), f"'{key}' must be {limit}, not {value}")
            return None
        if value is not None and high is not None and value > high:
            self.report.error(self.at(key), f"'{key}' must be between {low} and {high}, not {value}")
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, list, False)
        if value is None:
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                out.append(_shared(item))
            else:
                self.report.error((*self.path, key, index), f"'{key}' must hold strings, not {_type_name(item)}")
        return tuple(out)

    def choice(self, key: str, choices: tuple[W, ...], required: bool = False) -> W | None:
        """One of `choices` (the very word of the list, typed as the list's words are), or None: missing, or
        reported as not one of them."""
        value = self.text(key, required)
        if value is None:
            return None
        for word in choices:
            if word == value:
                return word
        hint = difflib.get_close_matches(value, choices, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        self.report.error(self.at(key), f"'{key}' must be one of {', '.join(choices)}; not '{value}'{suggestion}")
        return None

    def ref(self, key: str, *kinds: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None:
            self.report.references.append(Reference(self.at(key), value, kinds))
        return value

    def refs(self, key: str, *kinds: str) -> tuple[str, ...]:
        values = self.texts(key)
        for index, value in enumerate(values):
            self.report.references.append(Reference((*self.path, key, index), value, kinds))
        return values

    def ident(self) -> str | None:
        value = self.text("id", required=True)
        if value is not None and not ID_PATTERN.match(value):
            self.report.error(self.at("id"), f"id '{value}' must be lowercase letters, digits and - _ . : only")
        return value

    def nation(self, key: str, required: bool = False) -> str | None:
        return self._nation(self.at(key), self.text(key, required))

    def nations(self, key: str) -> tuple[str, ...]:
        return tuple(code for i, code in enumerate(self.texts(key)) if self._nation((*self.path, key, i), code))

    def _nation(self, path: KeyPath, code: str | None) -> str | None:
        if code is None:
            return None
        if code not in NATIONS:
            meant = suggest(code)
            hint = f"; did you mean '{meant}' ({NATIONS[meant].name})?" if meant else ""
            self.report.error(
                path, f"unknown nation code '{code}'{hint}; nations are ISO 3166-1 alpha-3 codes (Kosovo: XKX)"
            )
            return None
        return code

    def when(self, key: str, required: bool = False) -> When | None:
        raw = self.data.get(key)
        meta_keys = (f"{key}_text", f"{key}_basis", f"{key}_kind")
        text = self.text(meta_keys[0])
        basis = self.choice(meta_keys[1], BASES)
        kind = self.choice(meta_keys[2], KINDS)
        if raw is None:
            if required:
                self.report.error(self.path, f"{self.what} is missing required field '{key}'")
            for meta in meta_keys:
                if meta in self.data:
                    self.report.error(self.at(meta), f"'{meta}' given without '{key}'")
            return None
        return self.date_value(self.at(key), raw, text=text, basis=basis, kind=kind)

    def date_value(self, path: KeyPath, raw: Any, **meta: str | None) -> When | None:
        if not isinstance(raw, (str, date)) or isinstance(raw, bool):
            hint = (
                f'; quote partial dates: {path[-1]} = "{raw}"'
                if isinstance(raw, int) and not isinstance(raw, bool) and 1000 <= raw <= 9999
                else ""
            )
            self.report.error(
                path, f'a date must be a string like "2025-07" or a TOML date, not {_type_name(raw)}{hint}'
            )
            return None
        try:
            return parse_when(raw, **meta)
        except DateError as exc:
            self.report.error(path, str(exc))
            return None

    def period(self, key: str) -> When | None:
        raw = self.data.get(key)
        if raw is None:
            return None
        table = Table(self.report, raw, self.at(key), PERIOD_KEYS, f"'{key}' (a period)")
        if not table.ok:
            return None
        parts = {}
        for end in ("start", "end"):
            value = table.data.get(end)
            if value is not None and table.date_value(table.at(end), value) is None:
                return None
            parts[end] = value
        for name in ("start_basis", "end_basis"):
            table.choice(name, BASES)
        for name in ("start_kind", "end_kind"):
            table.choice(name, KINDS)
        table.choice("end_bound", END_BOUNDS)
        table.text("text")
        if parts["start"] is None and parts["end"] is None:
            self.report.error(self.at(key), f"'{key}' needs a start or an end")
            return None
        try:
            return parse_period(table.data)
        except DateError as exc:
            self.report.error(self.at(key), str(exc))
            return None

    def quantity(self, key: str, required: bool = False) -> Quantity | None:
        if key not in self.data:
            if required:
                self.report.error(self.path, f"{self.what} is missing required field '{key}'")
            return None
        return quantity_of(self.report, self.data[key], self.at(key), key)

    def cites(self, required: bool) -> tuple[Cite, ...]:
        raw = self.data.get("cite")
        if raw is None:
            if required:
                self.report.error(self.path, f"{self.what} has no citation: add a [[...cite]] table with src and quote")
            return ()
        if not isinstance(raw, list):
            self.report.error(self.at("cite"), "'cite' must be an array of tables ([[x.cite]])")
            return ()
        if required and not raw:
            self.report.error(self.at("cite"), f"{self.what} has no citation: 'cite' is empty")
        out = []
        for index, item in enumerate(raw):
            table = Table(self.report, item, (*self.path, "cite", index), CITE_KEYS, "a citation")
            if not table.ok:
                continue
            src = table.ref("src", "source", required=True)
            quote = table.text("quote", required=True)
            attributed = table.ref("attributed_to", "organisation", "person")
            if src is None or quote is None:
                continue
            cite = Cite(
                src=src,
                quote=quote,
                fields=table.texts("for"),
                para=table.integer("para", 1, None),
                credibility=table.integer("credibility", 1, 6),
                attributed_to=attributed,
                clean=table.text("clean"),
                note=table.text("note"),
                origin=Origin(self.report.path),
            )
            self.report.cite_paths[id(cite)] = table.path
            out.append(cite)
        return tuple(out)


def quantity_of(report: FileReport, raw: Any, path: KeyPath, key: str) -> Quantity | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw < 0:
            report.error(path, f"'{key}' must not be negative")
            return None
        return Quantity(value=raw)
    if not isinstance(raw, dict):
        report.error(
            path,
            f"'{key}' must be an integer or a table like "
            f'{{ value = 500, qualifier = "about", text = "around 500" }}, not {_type_name(raw)}',
        )
        return None
    table = Table(report, raw, path, QUANTITY_KEYS, f"'{key}' (a quantity)")
    value, low, high = (table.integer(name, 0, None) for name in ("value", "low", "high"))
    qualifier: Qualifier = table.choice("qualifier", QUALIFIERS) or "exact"
    text, unit = table.text("text"), table.text("unit")
    if value is None and low is None and high is None:
        if not any(name in raw for name in ("value", "low", "high")):
            report.error(path, f"'{key}' needs a value, low or high")
        return None
    if low is not None and high is not None and low > high:
        report.error(path, f"'{key}': low ({low}) is greater than high ({high})")
    elif value is not None and low is not None and value < low:
        report.error(path, f"'{key}': value {value} is below low ({low})")
    elif value is not None and high is not None and value > high:
        report.error(path, f"'{key}': value {value} is above high ({high})")
    hint = _qualifier_hint(qualifier, value, low, high)
    if hint:
        report.warning(path, f"'{key}': {hint}")
    return Quantity(value=value, low=low, high=high, qualifier=qualifier, text=text, unit=unit)


def _qualifier_hint(qualifier: str, value: int | None, low: int | None, high: int | None) -> str | None:
    """What is inconsistent between a quantity's qualifier and its numbers (docs/format.md, Quantity)."""
    if qualifier in BOUND_QUALIFIERS:
        if value is None or low is not None or high is not None:
            example = {
                "more_than": 'well over 4,000: { value = 4000, qualifier = "more_than" }',
                "at_least": 'at least 5: { value = 5, qualifier = "at_least" }',
                "less_than": 'fewer than 6,000: { value = 6000, qualifier = "less_than" }',
                "at_most": 'at most 30: { value = 30, qualifier = "at_most" }',
            }[qualifier]
            return (
                f"qualifier '{qualifier}' takes the number the source states as value, with no low or high ({example})"
            )
    elif qualifier == "vague":
        if value is not None:
            return "a vague amount has no single value: keep its words in text, with low and high from the house rule"
        if low is None and high is None:
            return 'a vague amount needs the house rule\'s low and/or high ("several hundred" = 200-900)'
    elif qualifier == "exact" and value is None and (low is None or high is None):
        bound = "at_least" if low is not None else "at_most"
        stated = low if low is not None else high
        return f'a single bound is not an exact amount: write {{ value = {stated}, qualifier = "{bound}" }}'
    elif qualifier == "exact" and value is not None and (low is not None or high is not None):
        return 'an exact value has no range: drop low and high, or use qualifier "about"'
    return None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, date):
        return "a date"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


PERIOD_KEYS = ("start", "end", "start_basis", "end_basis", "start_kind", "end_kind", "end_bound", "text")
QUANTITY_KEYS = ("value", "low", "high", "qualifier", "text", "unit")
CITE_KEYS = ("src", "quote", "para", "for", "credibility", "attributed_to", "clean", "note")
