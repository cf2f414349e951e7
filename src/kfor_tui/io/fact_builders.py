"""The facts of a briefing file, table by table: contingents, visits, tensions, figures and figure sets,
events, roles held, and the conflicts between claims (see docs/format.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

from kfor_tui.io.fields import Table, quantity_of
from kfor_tui.model import (
    Actor,
    Casualty,
    CasualtyKind,
    Conflict,
    Contingent,
    Event,
    EventKind,
    Figure,
    FigureRow,
    FigureSet,
    HeldRole,
    Meeting,
    Metric,
    Record,
    Response,
    ResponseKind,
    Share,
    Tension,
    TensionKind,
    Visit,
    VisitKind,
    Visitor,
)
from kfor_tui.quantities import Quantity

VISIT_KINDS: tuple[VisitKind, ...] = get_args(VisitKind)
TENSION_KINDS: tuple[TensionKind, ...] = get_args(TensionKind)
CASUALTY_KINDS: tuple[CasualtyKind, ...] = get_args(CasualtyKind)
RESPONSE_KINDS: tuple[ResponseKind, ...] = get_args(ResponseKind)
METRICS: tuple[Metric, ...] = get_args(Metric)
NATIONAL_METRICS = ("national_contribution",)  # a figure of these metrics is one nation's, never the mission's
UNKNOWN_NATION = "unknown"  # nation = "unknown" (with one_of = [...]): the source does not say whose it is
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
ACTOR_KINDS = ("organisation", "person")
FACT_KINDS = ("contingent", "visit", "tension", "figure", "figure_set", "event", "role")


def _contingent(t: Table) -> Contingent | None:
    name, mission = t.text("name", True), t.ref("mission", "organisation", required=True)
    nation, lead = t.nation("nation"), t.nation("lead_nation")
    shares = []
    for share in t.subtables("composition", ("nation", "strength"), "a composition entry"):
        code = share.nation("nation", required=True)
        strength = share.quantity("strength", required=True)
        if code and strength:
            shares.append(Share(code, strength))
    if not t.has("nation") and not t.has("lead_nation"):
        t.report.error(t.path, f"{t.what} needs 'nation', or 'lead_nation' with 'composition'")
    if t.has("nation") and t.has("lead_nation"):
        t.report.error(t.at("lead_nation"), "give either 'nation' or 'lead_nation', not both")
    if t.has("composition") and not t.has("lead_nation"):
        t.report.error(t.at("composition"), "'composition' goes with 'lead_nation'")
    if t.has("lead_nation") and not t.data.get("composition"):
        t.report.error(t.at("lead_nation"), "'lead_nation' needs a 'composition' listing each nation's strength")
    rest: dict[str, Any] = dict(
        composition=tuple(shares),
        unit=t.ref("unit", "organisation"),
        parent_unit=t.ref("parent_unit", "organisation"),
        role=t.text("role"),
        camp=t.ref("camp", "place"),
        strength=t.quantity("strength"),
        strength_as_of=t.when("strength_as_of"),
        period=t.period("period"),
        note=t.text("note"),
        cites=t.cites(required=True),
    )
    if not (name and mission):
        return None
    return Contingent(**t.common, name=name, mission=mission, nation=nation, lead_nation=lead, **rest)


def _visit(t: Table) -> Visit | None:
    visitors = []
    for v in t.subtables("visitors", ("person", "role", "nation"), "a visitor"):
        person = v.ref("person", "person", required=True)
        if person:
            visitors.append(Visitor(person, v.text("role"), v.nation("nation")))
    if "visitors" not in t.data:
        t.report.error(t.path, f"{t.what} is missing required field 'visitors'")
    elif t.data["visitors"] == []:
        t.report.error(t.at("visitors"), "'visitors' must name at least one visitor")
    meetings = []
    for m in t.subtables("meetings", ("with", "where", "when", "topics"), "a meeting"):
        when = m.date_value(m.at("when"), m.data["when"]) if "when" in m.data else None
        meetings.append(Meeting(m.refs("with", *ACTOR_KINDS), m.ref("where", "place"), when, m.texts("topics")))
    when = t.when("when", required=True)
    rest: dict[str, Any] = dict(
        title=t.text("title"),
        visit_kind=t.choice("kind", VISIT_KINDS),
        where=t.refs("where", "place"),
        host_nation=t.nation("host_nation"),
        meetings=tuple(meetings),
        topics=t.texts("topics"),
        note=t.text("note"),
        cites=t.cites(required=True),
    )
    if when is None or not visitors:
        return None
    return Visit(**t.common, visitors=tuple(visitors), when=when, **rest)


def _tension(t: Table) -> Tension | None:
    title, when = t.text("title", True), t.when("when", required=True)
    actors = [
        Actor(who, a.text("side"))
        for a in t.subtables("actors", ("who", "side"), "an actor")
        if (who := a.ref("who", *ACTOR_KINDS, required=True))
    ]
    casualties = []
    for c in t.subtables("casualties", ("kind", "group", "nation", "count"), "a casualty entry"):
        kind, group = c.choice("kind", CASUALTY_KINDS, True), c.text("group", True)
        count, nation = c.quantity("count", required=True), c.nation("nation")
        if kind and group and count:
            casualties.append(Casualty(kind, group, count, nation))
    responses = []
    for r in t.subtables("responses", ("kind", "by", "text", "strength", "when"), "a response"):
        response_kind = r.choice("kind", RESPONSE_KINDS, True)
        strength = (
            quantity_of(r.report, r.data["strength"], r.at("strength"), "strength") if "strength" in r.data else None
        )
        when_r = r.date_value(r.at("when"), r.data["when"]) if "when" in r.data else None
        if response_kind:
            responses.append(Response(response_kind, r.text("text"), r.ref("by", *ACTOR_KINDS), strength, when_r))
    rest: dict[str, Any] = dict(
        where=t.refs("where", "place"),
        tension_kind=t.choice("kind", TENSION_KINDS),
        actors=tuple(actors),
        casualties=tuple(casualties),
        summary=t.text("summary"),
        responses=tuple(responses),
        note=t.text("note"),
        cites=t.cites(required=True),
    )
    if not (title and when):
        return None
    return Tension(**t.common, title=title, when=when, **rest)


def _nation_or_unknown(t: Table) -> tuple[str | None, tuple[str, ...] | None]:
    """`nation`, or nation = "unknown" with the candidates in `one_of`: (code, None) or (None, candidates)."""
    if t.data.get("nation") == UNKNOWN_NATION:
        return None, t.nations("one_of")
    if t.has("one_of"):
        t.report.error(
            t.at("one_of"),
            "'one_of' lists the candidates of a row whose nation the source does not "
            'give: write nation = "unknown" with it',
        )
    return t.nation("nation"), None


def _check_metric(t: Table, metric: str | None, national: bool, unit: str | None) -> None:
    if metric in NATIONAL_METRICS and not national:
        t.report.warning(
            t.path,
            f"a '{metric}' figure is one nation's: give 'nation' (or nation = \"unknown\" "
            "with one_of = [...] when the source does not say whose)",
        )
    if metric == "other" and unit is None:
        t.report.warning(
            t.at("value"),
            "metric 'other': say what is counted with unit = \"...\" in the value "
            '(e.g. { value = 120, unit = "EUR per day" })',
        )


def _figure(t: Table) -> Figure | None:
    subject = t.ref("subject", required=True)
    metric = t.choice("metric", METRICS, True)
    value, as_of = t.quantity("value", required=True), t.when("as_of", required=True)
    nation, one_of = _nation_or_unknown(t)
    _check_metric(t, metric, t.has("nation"), value.unit if value else "")
    rest: dict[str, Any] = dict(nation=nation, one_of=one_of, note=t.text("note"), cites=t.cites(required=True))
    if not (subject and metric and value and as_of):
        return None
    return Figure(**t.common, subject=subject, metric=metric, value=value, as_of=as_of, **rest)


def _figure_set(t: Table) -> FigureSet | None:
    title, subject = t.text("title", True), t.ref("subject", required=True)
    metric = t.choice("metric", METRICS, True)
    as_of, total = t.when("as_of", required=True), t.quantity("total")
    rows = []
    for r in t.subtables("rows", ("nation", "one_of", "value", "label"), "a row"):
        value = r.quantity("value", required=True)
        nation, one_of = _nation_or_unknown(r)
        if metric in NATIONAL_METRICS and nation is None and one_of is None:
            r.report.warning(r.path, "a row of national figures needs 'nation' (or nation = \"unknown\" with one_of)")
        if value is not None:
            rows.append(FigureRow(value, nation, one_of, r.text("label")))
    if "rows" not in t.data:
        t.report.error(t.path, f"{t.what} is missing required field 'rows'")
    if metric == "other" and not all(row.value.unit for row in rows):
        t.report.warning(t.at("rows"), "metric 'other': say what is counted with unit = \"...\" in each value")
    _check_rows_total(t, rows, total)
    rest: dict[str, Any] = dict(total=total, note=t.text("note"), cites=t.cites(required=True))
    if not (title and subject and metric and as_of):
        return None
    return FigureSet(**t.common, title=title, subject=subject, metric=metric, as_of=as_of, rows=tuple(rows), **rest)


def _check_rows_total(t: Table, rows: list[FigureRow], total: Quantity | None) -> None:
    """Rows that should make up the total: say so when exact rows do not add up to an exact total."""
    if total is None or not total.exact or not rows or not all(row.value.exact for row in rows):
        return
    summed = sum(row.value.value or 0 for row in rows)  # exact: every value is given
    stated = total.value or 0
    if summed == stated:
        return
    unnamed = [row for row in rows if row.nation is None]
    detail = ""
    if unnamed:
        shown = ", ".join(
            f"{row.value.value:,}" + (f" (one of {'/'.join(row.one_of)})" if row.one_of else "") for row in unnamed
        )
        detail = f"; unnamed rows: {shown}"
    t.report.warning(
        t.at("rows"),
        f"the rows sum to {summed:,}, but the total is {total.value:,} "
        f"(a difference of {abs(stated - summed):,}{detail})",
    )


def _role(t: Table) -> HeldRole | None:
    person, title = t.ref("person", "person", required=True), t.text("title", True)
    as_of = t.when("as_of", required=True)
    rest: dict[str, Any] = dict(
        org=t.ref("org", "organisation"),
        rank=t.text("rank"),
        period=t.period("period"),
        note=t.text("note"),
        cites=t.cites(required=True),
    )
    if not (person and title and as_of):
        return None
    return HeldRole(**t.common, person=person, title=title, as_of=as_of, **rest)


def _event(t: Table) -> Event | None:
    title, kind, when = t.text("title", True), t.choice("kind", EVENT_KINDS, True), t.when("when", required=True)
    rest: dict[str, Any] = dict(
        actors=t.refs("actors", *ACTOR_KINDS),
        nations=t.nations("nations"),
        where=t.refs("where", "place"),
        period=t.period("period"),
        about=t.refs("about"),
        summary=t.text("summary"),
        note=t.text("note"),
        cites=t.cites(required=True),
    )
    if not (title and kind and when):
        return None
    return Event(**t.common, title=title, event_kind=kind, when=when, **rest)


def _conflict(t: Table) -> Conflict | None:
    title = t.text("title", True)
    claims = t.refs("claims", *FACT_KINDS)
    if "claims" not in t.data:
        t.report.error(t.path, f"{t.what} is missing required field 'claims'")
    elif len(claims) < 2:
        t.report.error(t.at("claims"), "'claims' must name at least two fact ids")
    if not title or len(claims) < 2:
        return None
    return Conflict(**t.common, title=title, claims=claims, note=t.text("note"))


FACT_BUILDERS: dict[str, Callable[[Table], Record | None]] = {
    "contingents": _contingent,
    "visits": _visit,
    "tensions": _tension,
    "figures": _figure,
    "figure_sets": _figure_set,
    "events": _event,
    "roles": _role,
    "conflicts": _conflict,
}
