"""One briefing file's parsed TOML into typed records, field by field (see docs/format.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from kfor_tui.io.fact_builders import FACT_BUILDERS
from kfor_tui.io.fields import FileReport, Table
from kfor_tui.io.positions import KeyPath
from kfor_tui.model import (
    Briefing,
    Organisation,
    OrgKind,
    Origin,
    Person,
    Place,
    PlaceKind,
    Record,
    Reliability,
    Role,
    Source,
)

FORMAT = "kfor-briefing/1"
RELIABILITIES: tuple[Reliability, ...] = get_args(Reliability)
ORG_KINDS: tuple[OrgKind, ...] = get_args(OrgKind)
PLACE_KINDS: tuple[PlaceKind, ...] = get_args(PlaceKind)

TOP_KEYS = (
    "format",
    "briefing",
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
COMMON = ("id", "note", "cite")


def _date_keys(name: str) -> tuple[str, str, str, str]:
    """A Date field's keys: the date and its _text, _basis and _kind."""
    return (name, f"{name}_text", f"{name}_basis", f"{name}_kind")


KEYS = {
    "briefing": ("id", "title", "as_of", "marking", "author", "summary"),
    "sources": (
        "id",
        "title",
        "publisher",
        "url",
        *_date_keys("published"),
        "language",
        "reliability",
        "reliability_note",
        "paragraphs",
        "note",
    ),
    "organisations": (*COMMON, "name", "short", "aliases", "kind", "nation", "parent"),
    "people": (*COMMON, "name", "aliases", "nation", "roles"),
    "places": (*COMMON, "name", "aliases", "kind", "nation", "parent"),
    "contingents": (
        *COMMON,
        "name",
        "mission",
        "nation",
        "lead_nation",
        "composition",
        "unit",
        "parent_unit",
        "role",
        "camp",
        "strength",
        *_date_keys("strength_as_of"),
        "period",
    ),
    "visits": (*COMMON, "title", "visitors", "kind", *_date_keys("when"), "where", "host_nation", "meetings", "topics"),
    "tensions": (
        *COMMON,
        "title",
        *_date_keys("when"),
        "where",
        "kind",
        "actors",
        "casualties",
        "summary",
        "responses",
    ),
    "figures": (*COMMON, "subject", "metric", "nation", "one_of", "value", *_date_keys("as_of")),
    "figure_sets": (*COMMON, "title", "subject", "metric", *_date_keys("as_of"), "total", "rows"),
    "events": (
        *COMMON,
        "title",
        "kind",
        *_date_keys("when"),
        "actors",
        "nations",
        "where",
        "period",
        "about",
        "summary",
    ),
    "roles": (*COMMON, "person", "title", "org", "rank", *_date_keys("as_of"), "period"),
    "conflicts": ("id", "title", "claims", "note"),
}


def build_file(report: FileReport, data: dict[str, Any]) -> tuple[Briefing | None, list[tuple[Record, KeyPath]]]:
    """Records of one file with the key path of each; problems go to the report."""
    top = Table(report, data, (), TOP_KEYS, "a briefing file")
    fmt = top.text("format", required=True)
    if fmt is not None and fmt != FORMAT:
        report.error(("format",), f'format must be "{FORMAT}", not "{fmt}"')
        return None, []
    briefing = _briefing(report, data.get("briefing"))
    briefing_id = briefing.id if briefing else ""
    origin = Origin(report.path)
    records: list[tuple[Record, KeyPath]] = []
    for section, builder in BUILDERS.items():
        raw = data.get(section)
        if raw is None:
            continue
        if not isinstance(raw, list):
            report.error((section,), f"'{section}' must be an array of tables: write [[{section}]]")
            continue
        for index, item in enumerate(raw):
            path = (section, index)
            table = Table(report, item, path, KEYS[section], f"[[{section}]] #{index + 1}")
            if not table.ok:
                continue
            ident = table.ident()
            table.common = {"id": ident or "", "briefing": briefing_id, "origin": origin}
            record = builder(table)
            if record is not None and ident is not None:
                records.append((record, path))
    return briefing, records


def _briefing(report: FileReport, raw: Any) -> Briefing | None:
    if raw is None:
        report.error((), "the file has no [briefing] table (id, title, as_of, marking)")
        return None
    table = Table(report, raw, ("briefing",), KEYS["briefing"], "[briefing]")
    if not table.ok:
        return None
    ident, title, marking = table.ident(), table.text("title", True), table.text("marking", True)
    as_of_raw = table.data.get("as_of")
    as_of = None
    if as_of_raw is None:
        report.error(("briefing",), "[briefing] is missing required field 'as_of'")
    else:
        when = table.date_value(table.at("as_of"), as_of_raw)
        if when is not None:
            if when.is_range or when.start is None or when.start.precision != "day":
                report.error(table.at("as_of"), "'as_of' must be a single day, like 2025-07-10")
            else:
                as_of = when.start.lower()
    author, summary = table.text("author"), table.text("summary")
    if None in (ident, title, marking, as_of):
        return None
    assert ident and title and marking and isinstance(as_of, date)
    return Briefing(
        id=ident, title=title, as_of=as_of, marking=marking, author=author, summary=summary, path=report.path
    )


def _source(t: Table) -> Source | None:
    title, publisher = t.text("title", True), t.text("publisher", True)
    paragraphs = t.texts("paragraphs")
    if "paragraphs" not in t.data:
        t.report.error(t.path, f"{t.what} is missing required field 'paragraphs'")
    elif not paragraphs:
        t.report.error(t.at("paragraphs"), "'paragraphs' must hold the article text, one string per paragraph")
    published = t.when("published")
    if published is not None and published.is_range:
        t.report.error(t.at("published"), "'published' is a single date, not a range")
    if title is None or publisher is None:
        return None
    return Source(
        **t.common,
        title=title,
        publisher=publisher,
        url=t.text("url"),
        published=published,
        language=t.text("language") or "en",
        reliability=t.choice("reliability", RELIABILITIES) or "F",
        reliability_note=t.text("reliability_note"),
        paragraphs=paragraphs,
        note=t.text("note"),
    )


def _organisation(t: Table) -> Organisation | None:
    name = t.text("name", True)
    rest: dict[str, Any] = dict(
        short=t.text("short"),
        aliases=t.texts("aliases"),
        org_kind=t.choice("kind", ORG_KINDS),
        nation=t.nation("nation"),
        parent=t.ref("parent", "organisation"),
        note=t.text("note"),
        cites=t.cites(required=False),
    )
    return Organisation(**t.common, name=name, **rest) if name else None


def _person(t: Table) -> Person | None:
    name = t.text("name", True)
    roles = []
    raw_roles = t.data.get("roles")
    for index, raw in enumerate(raw_roles if isinstance(raw_roles, list) else []):
        role = Table(t.report, raw, (*t.path, "roles", index), ("title", "org", "period"), "a role")
        if role.ok and (title := role.text("title", True)):
            roles.append(Role(title=title, org=role.ref("org", "organisation"), period=role.period("period")))
    if "roles" in t.data and not isinstance(t.data["roles"], list):
        t.report.error(t.at("roles"), '\'roles\' must be an array of tables like { title = "...", org = "org:x" }')
    rest: dict[str, Any] = dict(
        aliases=t.texts("aliases"),
        nation=t.nation("nation"),
        roles=tuple(roles),
        note=t.text("note"),
        cites=t.cites(required=False),
    )
    return Person(**t.common, name=name, **rest) if name else None


def _place(t: Table) -> Place | None:
    name = t.text("name", True)
    rest: dict[str, Any] = dict(
        aliases=t.texts("aliases"),
        place_kind=t.choice("kind", PLACE_KINDS),
        nation=t.nation("nation"),
        parent=t.ref("parent", "place"),
        note=t.text("note"),
        cites=t.cites(required=False),
    )
    return Place(**t.common, name=name, **rest) if name else None


BUILDERS: dict[str, Callable[[Table], Record | None]] = {
    "sources": _source,
    "organisations": _organisation,
    "people": _person,
    "places": _place,
    **FACT_BUILDERS,
}
