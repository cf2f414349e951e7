"""docs/briefing.schema.json: the schema is valid, the bundled briefings pass it, and bad records fail it."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).parent.parent
SCHEMA_PATH = ROOT / "docs" / "briefing.schema.json"
BRIEFINGS = ROOT / "briefings"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def jsonable(value: Any) -> Any:
    """TOML dates and times as ISO strings (how editors see them), recursively."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


def json_path(path: Any) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def flatten(errors: Any) -> list[Any]:
    """Errors with the sub-errors of anyOf/oneOf, which say which branch failed and why."""
    out: list[Any] = []
    for error in errors:
        out.append(error)
        out.extend(flatten(error.context or []))
    return out


def describe(errors: list[Any]) -> str:
    return "\n".join(f"  {json_path(e.absolute_path)}: {e.message}" for e in errors)


def errors_of(validator: Draft202012Validator, document: Any) -> list[Any]:
    return sorted(flatten(validator.iter_errors(document)), key=lambda e: list(map(str, e.absolute_path)))


# --- the schema itself ---------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_object_is_closed(schema: dict[str, Any]) -> None:
    """Unknown fields are errors: every object schema says additionalProperties: false."""
    open_objects: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            types = node.get("type")
            is_object = types == "object" or (isinstance(types, list) and "object" in types)
            if is_object and node.get("additionalProperties") is not False:
                open_objects.append(where)
            for key, child in node.items():
                walk(child, f"{where}/{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, f"{where}/{i}")

    walk(schema, "#")
    assert not open_objects, f"object schemas without additionalProperties: false: {open_objects}"


# --- the bundled briefings -----------------------------------------------------------------------


def _briefing_files() -> list[Any]:
    files = sorted(BRIEFINGS.rglob("*.toml")) if BRIEFINGS.is_dir() else []
    if not files:
        return [pytest.param(None, id="no-briefings")]
    return [pytest.param(path, id=path.relative_to(BRIEFINGS).as_posix()) for path in files]


@pytest.mark.parametrize("path", _briefing_files())
def test_bundled_briefing_matches_schema(path: Path | None, validator: Draft202012Validator) -> None:
    if path is None:
        pytest.fail(f"no briefing files (*.toml) found under {BRIEFINGS}")
    with path.open("rb") as fh:
        document = jsonable(tomllib.load(fh))
    errors = errors_of(validator, document)
    if errors:
        pytest.fail(f"{path.relative_to(ROOT)} does not match the schema:\n{describe(errors)}", pytrace=False)


# --- inline documents ----------------------------------------------------------------------------

VALID: dict[str, Any] = {
    "format": "kfor-briefing/1",
    "briefing": {
        "id": "test-briefing",
        "title": "Test briefing",
        "as_of": "2025-07-31",
        "marking": "UNCLASSIFIED // OPEN SOURCE",
    },
    "sources": [
        {
            "id": "src-chronicle-2025-07",
            "title": "Luxembourg minister visits KFOR",
            "publisher": "Chronicle",
            "published": "2025-07-04",
            "published_text": "4 July 2025",
            "published_basis": "stated",
            "language": "en",
            "reliability": "B",
            "paragraphs": [
                "Seven soldiers from Luxembourg, five from Belgium and one from the Netherlands serve in the "
                "detachment.",
            ],
        }
    ],
    "organisations": [{"id": "org:kfor", "name": "Kosovo Force", "short": "KFOR", "kind": "mission"}],
    "people": [
        {
            "id": "person:yuriko-backes",
            "name": "Yuriko Backes",
            "nation": "LUX",
            "roles": [{"title": "Minister of Defence", "org": "org:kfor", "period": {"start": "2023-11"}}],
        }
    ],
    "places": [{"id": "place:camp-novo-selo", "name": "Camp Novo Selo", "kind": "camp", "nation": "XKX"}],
    "contingents": [
        {
            "id": "benelux-detachment",
            "name": "Benelux Detachment",
            "mission": "org:kfor",
            "lead_nation": "LUX",
            "composition": [
                {"nation": "LUX", "strength": 7},
                {"nation": "BEL", "strength": 5},
                {"nation": "NLD", "strength": 1},
            ],
            "strength": 13,
            "strength_as_of": "2025-07",
            "camp": "place:camp-novo-selo",
            "period": {
                "start": "2025-04",
                "start_basis": "inferred",
                "end": "2026-04",
                "end_kind": "planned",
                "text": "for one year, until April 2026",
            },
            "cite": [
                {
                    "src": "src-chronicle-2025-07",
                    "quote": "seven soldiers from Luxembourg, five from Belgium and one from the Netherlands",
                    "for": ["composition", "strength"],
                    "credibility": 2,
                }
            ],
        }
    ],
    "visits": [
        {
            "id": "visit-backes-2025-07",
            "visitors": [{"person": "person:yuriko-backes"}],
            "kind": "troop_visit",
            "when": "2025-07-02/2025-07-03",
            "when_text": "Wednesday 2 and Thursday 3 July 2025",
            "when_basis": "year_from_published",
            "host_nation": "XKX",
            "meetings": [{"with": ["org:kfor"], "where": "place:camp-novo-selo", "when": "2025-07-02"}],
            "cite": [{"src": "src-chronicle-2025-07", "quote": "Seven soldiers from Luxembourg"}],
        }
    ],
    "tensions": [
        {
            "id": "tension-1",
            "title": "Clash in the north",
            "when": "2023-05~",
            "kind": "clash",
            "casualties": [
                {
                    "kind": "injured",
                    "group": "KFOR soldiers",
                    "count": {"value": 90, "qualifier": "about", "text": "some 90"},
                }
            ],
            "responses": [
                {"kind": "reinforcement", "by": "org:kfor", "strength": {"low": 500, "qualifier": "more_than"}}
            ],
            "cite": [{"src": "src-chronicle-2025-07", "quote": "Seven soldiers"}],
        }
    ],
    "figures": [
        {
            "id": "figure-1",
            "subject": "org:kfor",
            "metric": "personnel",
            "value": {"low": 4001, "qualifier": "more_than", "text": "well over 4,000"},
            "as_of": "2025-07",
            "cite": [{"src": "src-chronicle-2025-07", "quote": "Seven soldiers"}],
        }
    ],
    "events": [
        {
            "id": "event-1",
            "title": "Mandate extended",
            "kind": "extension",
            "when": "2025-06",
            "period": {"end": "2028-12", "end_bound": "no_earlier_than", "end_kind": "planned"},
            "about": ["benelux-detachment"],
            "cite": [{"src": "src-chronicle-2025-07", "quote": "Seven soldiers"}],
        }
    ],
    "conflicts": [{"id": "conflict-1", "title": "Strength disputed", "claims": ["figure-1", "benelux-detachment"]}],
}


def test_inline_valid_document_passes(validator: Draft202012Validator) -> None:
    errors = errors_of(validator, VALID)
    assert not errors, describe(errors)


def test_toml_local_date_is_accepted(validator: Draft202012Validator) -> None:
    text = """
format = "kfor-briefing/1"
[briefing]
id = "b"
title = "T"
as_of = 2025-07-31
marking = "UNCLASSIFIED"
[[visits]]
id = "v"
visitors = [{ person = "person:p" }]
when = 2025-07-02
[[visits.cite]]
src = "s"
quote = "q"
"""
    errors = errors_of(validator, jsonable(tomllib.loads(text)))
    assert not errors, describe(errors)


@pytest.mark.parametrize(
    "date",
    ["2025-07-02", "2024-03", "1999", "2023-06~", "2023-06-04?", "2025-07-02/2025-07-03", "1999/..", "../2028-12"],
)
def test_documented_date_forms_are_accepted(validator: Draft202012Validator, date: str) -> None:
    doc = copy.deepcopy(VALID)
    doc["visits"][0]["when"] = date
    assert not errors_of(validator, doc)


@pytest.mark.parametrize(
    "quantity",
    [13, {"value": 500, "qualifier": "about", "text": "Around 500"}, {"low": 200, "high": 900, "qualifier": "vague"}],
)
def test_documented_quantity_forms_are_accepted(validator: Draft202012Validator, quantity: Any) -> None:
    doc = copy.deepcopy(VALID)
    doc["contingents"][0]["strength"] = quantity
    assert not errors_of(validator, doc)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("sources", 0, "published_kind"), "actual"),
        (("contingents", 0, "strength_as_of_text"), "as of July"),
        (("contingents", 0, "strength_as_of_basis"), "inferred"),
        (("figures", 0, "as_of_text"), "in July"),
        (("figures", 0, "as_of_basis"), "year_from_published"),
        (("tensions", 0, "when_kind"), "expected"),
        (("events", 0, "when_kind"), "planned"),
        (("visits", 0, "when_kind"), "planned"),
    ],
    ids=lambda v: v[-1] if isinstance(v, tuple) else str(v),
)
def test_date_meta_beside_a_date_field_is_accepted(
    validator: Draft202012Validator, path: tuple[Any, ...], value: str
) -> None:
    doc = copy.deepcopy(VALID)
    _set(doc, path, value)
    errors = errors_of(validator, doc)
    assert not errors, describe(errors)


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _delete(doc: dict[str, Any], path: tuple[Any, ...]) -> None:
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


# (what, path to change, new value or DELETE, path where the error must be reported)
DELETE = object()
BAD_CASES = [
    ("unknown field in a source", ("sources", 0, "auther"), "someone", ("sources", 0)),
    ("missing quote in a cite", ("contingents", 0, "cite", 0, "quote"), DELETE, ("contingents", 0, "cite", 0)),
    ("reliability G", ("sources", 0, "reliability"), "G", ("sources", 0, "reliability")),
    ("credibility 7", ("contingents", 0, "cite", 0, "credibility"), 7, ("contingents", 0, "cite", 0, "credibility")),
    ("bad date 2025-13", ("visits", 0, "when"), "2025-13", ("visits", 0, "when")),
    (
        "quantity with a string value",
        ("contingents", 0, "strength"),
        {"value": "13"},
        ("contingents", 0, "strength", "value"),
    ),
    # beyond the brief's minimum
    ("wrong format", ("format",), "kfor-briefing/2", ("format",)),
    ("missing briefing", ("briefing",), DELETE, ()),
    ("empty cite list", ("events", 0, "cite"), [], ("events", 0, "cite")),
    ("missing cite on a fact", ("figures", 0, "cite"), DELETE, ("figures", 0)),
    ("lowercase nation", ("places", 0, "nation"), "xkx", ("places", 0, "nation")),
    ("upper-case id", ("organisations", 0, "id"), "ORG:KFOR", ("organisations", 0, "id")),
    ("quantity table without a number", ("figures", 0, "value"), {"qualifier": "about"}, ("figures", 0, "value")),
    ("negative quantity", ("contingents", 0, "strength"), -1, ("contingents", 0, "strength")),
    ("unknown qualifier", ("figures", 0, "value", "qualifier"), "roughly", ("figures", 0, "value", "qualifier")),
    ("unknown end_bound", ("events", 0, "period", "end_bound"), "later", ("events", 0, "period", "end_bound")),
    ("unknown basis", ("visits", 0, "when_basis"), "guessed", ("visits", 0, "when_basis")),
    ("unknown event kind", ("events", 0, "kind"), "rumour", ("events", 0, "kind")),
    ("contingent with nation and lead_nation", ("contingents", 0, "nation"), "LUX", ("contingents", 0)),
    ("contingent lead_nation without composition", ("contingents", 0, "composition"), DELETE, ("contingents", 0)),
    ("conflict with one claim", ("conflicts", 0, "claims"), ["figure-1"], ("conflicts", 0, "claims")),
    ("as_of not a day", ("briefing", "as_of"), "2025-07", ("briefing", "as_of")),
    ("open range both ends", ("visits", 0, "when"), "../..", ("visits", 0, "when")),
    ("unknown top-level table", ("notes",), [], ()),
    ("blank title", ("events", 0, "title"), "  ", ("events", 0, "title")),
    ("id starting with a dash", ("places", 0, "id"), "-camp", ("places", 0, "id")),
    ("period with neither start nor end", ("events", 0, "period"), {"text": "for a while"}, ("events", 0, "period")),
    (
        "period start as a range",
        ("contingents", 0, "period", "start"),
        "2025-04/2025-05",
        ("contingents", 0, "period", "start"),
    ),
    ("published as a range", ("sources", 0, "published"), "2025-07-01/2025-07-04", ("sources", 0, "published")),
    ("published_text without published", ("sources", 0, "published"), DELETE, ("sources", 0)),
    (
        "composition entry without strength",
        ("contingents", 0, "composition", 0, "strength"),
        DELETE,
        ("contingents", 0, "composition", 0),
    ),
    ("casualty without count", ("tensions", 0, "casualties", 0, "count"), DELETE, ("tensions", 0, "casualties", 0)),
    ("meeting with date meta", ("visits", 0, "meetings", 0, "when_text"), "2 July", ("visits", 0, "meetings", 0)),
    ("empty paragraphs", ("sources", 0, "paragraphs"), [], ("sources", 0, "paragraphs")),
    ("empty visitors", ("visits", 0, "visitors"), [], ("visits", 0, "visitors")),
]


@pytest.mark.parametrize(("what", "path", "value", "where"), BAD_CASES, ids=[case[0] for case in BAD_CASES])
def test_bad_document_is_rejected(
    validator: Draft202012Validator, what: str, path: tuple[Any, ...], value: Any, where: tuple[Any, ...]
) -> None:
    doc = copy.deepcopy(VALID)
    if value is DELETE:
        _delete(doc, path)
    else:
        _set(doc, path, value)
    errors = errors_of(validator, doc)
    assert errors, f"{what}: accepted by the schema"
    assert any(tuple(e.absolute_path) == where for e in errors), (
        f"{what}: expected an error at {json_path(where)}, got:\n{describe(errors)}"
    )
