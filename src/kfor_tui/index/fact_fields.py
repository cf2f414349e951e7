"""A fact's content as labelled lines for a reader: names instead of ids, dates and numbers in words."""

from __future__ import annotations

from collections.abc import Iterable

from kfor_tui.dates import When
from kfor_tui.index.labels import nation_label, row_label
from kfor_tui.model import Contingent, Corpus, Event, Figure, FigureSet, HeldRole, Record, Tension, Visit
from kfor_tui.quantities import Quantity


def _q(quantity: Quantity | None) -> str:
    if quantity is None:
        return ""
    number = quantity.number()
    return quantity.display() + (f" ({number})" if quantity.text and number not in quantity.text else "")


def _w(when: When | None) -> str:
    if when is None:
        return ""
    words = f' ("{when.text}")' if when.text else ""
    return when.describe() + words


def fact_fields(corpus: Corpus, record: Record) -> list[tuple[str, str]]:
    """(label, value) pairs, empty values left out."""
    name = corpus.name_of

    def names(refs: Iterable[str]) -> str:
        return ", ".join(name(r) for r in refs)

    rows: list[tuple[str, str]] = []
    if isinstance(record, Contingent):
        rows += [("Mission", name(record.mission)), ("Nation", name(record.nation) if record.nation else "")]
        if record.lead_nation:
            rows.append(("Lead nation", name(record.lead_nation)))
            rows += [(f"  {name(s.nation)}", _q(s.strength)) for s in record.composition]
        rows += [
            ("Unit", name(record.unit) if record.unit else ""),
            ("Parent unit", name(record.parent_unit) if record.parent_unit else ""),
            ("Role", record.role or ""),
            ("Camp", name(record.camp) if record.camp else ""),
            (
                "Strength",
                _q(record.strength) + (f", as of {_w(record.strength_as_of)}" if record.strength_as_of else ""),
            ),
            ("Period", _w(record.period)),
        ]
    elif isinstance(record, Visit):
        for visitor in record.visitors:
            person = corpus.by_id.get(visitor.person)
            roles = getattr(person, "roles", ())
            role = visitor.role or (roles[0].title if roles else "")
            rows.append(
                (
                    "Visitor",
                    name(visitor.person)
                    + (f", {role}" if role else "")
                    + (f" ({visitor.nation})" if visitor.nation else ""),
                )
            )
        rows += [
            ("Kind", (record.visit_kind or "").replace("_", " ")),
            ("When", _w(record.when)),
            ("Where", names(record.where)),
            ("Host nation", name(record.host_nation) if record.host_nation else ""),
        ]
        for meeting in record.meetings:
            text = names(meeting.with_) + (f" at {name(meeting.where)}" if meeting.where else "")
            text += (f", {_w(meeting.when)}" if meeting.when else "") + (
                f": {'; '.join(meeting.topics)}" if meeting.topics else ""
            )
            rows.append(("Meeting", text))
        rows.append(("Topics", "; ".join(record.topics)))
    elif isinstance(record, Tension):
        # what happened, then what was done about it (the responses), then who and what it cost, whole
        rows += [
            ("When", _w(record.when)),
            ("Where", names(record.where)),
            ("Kind", (record.tension_kind or "").replace("_", " ")),
        ]
        for response in record.responses:
            text = response.text or ""
            text += f" ({_q(response.strength)})" if response.strength else ""
            text += (f", by {name(response.by)}" if response.by else "") + (
                f", {_w(response.when)}" if response.when else ""
            )
            rows.append((f"Response: {response.kind}", text))
        rows.append(("Actors", "; ".join(name(a.who) + (f" ({a.side})" if a.side else "") for a in record.actors)))
        rows += [
            (c.kind.capitalize(), f"{_q(c.count)}: {c.group}" + (f" ({c.nation})" if c.nation else ""))
            for c in record.casualties
        ]
        rows.append(("Summary", record.summary or ""))
    elif isinstance(record, Figure):
        rows += [
            ("Subject", name(record.subject)),
            ("Metric", record.metric.replace("_", " ")),
            ("Nation", nation_label(record.nation, record.one_of) if record.national else ""),
            ("Value", _q(record.value)),
            ("As of", _w(record.as_of)),
        ]
    elif isinstance(record, FigureSet):
        rows += [
            ("Subject", name(record.subject)),
            ("Metric", record.metric.replace("_", " ")),
            ("As of", _w(record.as_of)),
        ]
        rows += [(f"  {row_label(row)}", _q(row.value)) for row in record.rows]
        rows.append(("Total", _q(record.total) + (" (stated)" if record.total is not None else "")))
    elif isinstance(record, HeldRole):
        rows += [
            ("Person", name(record.person)),
            ("Role", record.title),
            ("Rank", record.rank or ""),
            ("Organisation", name(record.org) if record.org else ""),
            ("Held", _w(record.as_of)),
            ("Period", _w(record.period)),
        ]
    elif isinstance(record, Event):
        rows += [
            ("Kind", record.event_kind),
            ("When", _w(record.when)),
            ("Actors", names(record.actors)),
            ("Nations", names(record.nations)),
            ("Where", names(record.where)),
            ("Period", _w(record.period)),
            ("About", names(record.about)),
            ("Summary", record.summary or ""),
        ]
    return [(label, value) for label, value in rows if value]
