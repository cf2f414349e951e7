"""Typed, immutable records of a briefing corpus. No I/O and no Textual here: io builds them, index and ui read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import msgspec

from kfor_tui.dates import When
from kfor_tui.frozen import Frozen
from kfor_tui.quantities import Quantity

# The words of the format's closed lists, as literal types: the model says which words a field takes, and a
# record read back from the load cache shares these very strings (and is refused holding any other).
Reliability = Literal["A", "B", "C", "D", "E", "F"]
OrgKind = Literal[
    "mission", "alliance", "armed_force", "unit", "ministry", "government", "io", "media", "group", "other"
]
PlaceKind = Literal["country", "region", "city", "town", "village", "camp", "crossing", "other"]
VisitKind = Literal["official", "working", "state", "troop_visit", "meeting", "other"]
TensionKind = Literal["armed_attack", "clash", "riot", "protest", "border_incident", "political", "other"]
CasualtyKind = Literal["killed", "injured", "detained", "missing"]
ResponseKind = Literal["reinforcement", "patrols", "statement", "alert", "other"]
Metric = Literal["personnel", "contributing_nations", "national_contribution", "deployed_total", "rotations", "other"]
EventKind = Literal[
    "announcement",
    "decision",
    "statement",
    "pledge",
    "extension",
    "report",
    "meeting",
    "recognition",
    "deployment",
    "other",
]

RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}


class Origin(Frozen, frozen=True):
    """Where a record or value was written: the file and the line and column of its key."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Problem(Frozen, frozen=True):
    """One finding of the loader, printed as `path:line:col: severity: message`."""

    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class Anchor(Frozen, frozen=True):
    """Where a verified quote sits: paragraph index and character offsets into that paragraph's text."""

    paragraph: int
    start: int
    end: int


class Cite(Frozen, frozen=True, kw_only=True):
    src: str
    quote: str
    fields: tuple[str, ...] = ()
    para: int | None = None
    credibility: int | None = None
    attributed_to: str | None = None
    clean: str | None = None
    note: str | None = None
    anchor: Anchor | None = None
    origin: Origin | None = None


class Record(Frozen, frozen=True, kw_only=True):
    """Fields every record has: its id, where it was written, which briefing holds it, notes and citations."""

    id: str
    briefing: str = ""
    origin: Origin = msgspec.field(default_factory=lambda: Origin(""))
    note: str | None = None
    cites: tuple[Cite, ...] = ()

    kind = "record"


class Briefing(Frozen, frozen=True, kw_only=True):
    id: str
    title: str
    as_of: date
    marking: str
    author: str | None = None
    summary: str | None = None
    path: str = ""
    origin: Origin = msgspec.field(default_factory=lambda: Origin(""))


class Source(Record, frozen=True, kw_only=True):
    title: str
    publisher: str
    url: str | None = None
    published: When | None = None
    language: str = "en"
    reliability: Reliability = "F"
    reliability_note: str | None = None
    paragraphs: tuple[str, ...] = ()

    kind = "source"

    def published_label(self) -> str:
        return self.published.display() if self.published else "date unknown"


class Organisation(Record, frozen=True, kw_only=True):
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    org_kind: OrgKind | None = None
    nation: str | None = None
    parent: str | None = None

    kind = "organisation"


class Role(Frozen, frozen=True):
    title: str
    org: str | None = None
    period: When | None = None


class Person(Record, frozen=True, kw_only=True):
    name: str
    aliases: tuple[str, ...] = ()
    nation: str | None = None
    roles: tuple[Role, ...] = ()

    kind = "person"


class Place(Record, frozen=True, kw_only=True):
    name: str
    aliases: tuple[str, ...] = ()
    place_kind: PlaceKind | None = None
    nation: str | None = None
    parent: str | None = None

    kind = "place"


class Share(Frozen, frozen=True):
    """One nation's part of a multinational contingent."""

    nation: str
    strength: Quantity


class Contingent(Record, frozen=True, kw_only=True):
    name: str
    mission: str
    nation: str | None = None
    lead_nation: str | None = None
    composition: tuple[Share, ...] = ()
    unit: str | None = None
    parent_unit: str | None = None
    role: str | None = None
    camp: str | None = None
    strength: Quantity | None = None
    strength_as_of: When | None = None
    period: When | None = None

    kind = "contingent"

    def nations(self) -> tuple[str, ...]:
        codes = [self.nation or self.lead_nation or ""] + [share.nation for share in self.composition]
        return tuple(dict.fromkeys(code for code in codes if code))


class Visitor(Frozen, frozen=True):
    person: str
    role: str | None = None
    nation: str | None = None


class Meeting(Frozen, frozen=True):
    with_: tuple[str, ...] = ()
    where: str | None = None
    when: When | None = None
    topics: tuple[str, ...] = ()


class Visit(Record, frozen=True, kw_only=True):
    visitors: tuple[Visitor, ...]
    when: When
    title: str | None = None
    visit_kind: VisitKind | None = None
    where: tuple[str, ...] = ()
    host_nation: str | None = None
    meetings: tuple[Meeting, ...] = ()
    topics: tuple[str, ...] = ()

    kind = "visit"


class Actor(Frozen, frozen=True):
    who: str
    side: str | None = None


class Casualty(Frozen, frozen=True):
    kind: CasualtyKind
    group: str
    count: Quantity
    nation: str | None = None


class Response(Frozen, frozen=True):
    kind: ResponseKind
    text: str | None = None
    by: str | None = None
    strength: Quantity | None = None
    when: When | None = None


class Tension(Record, frozen=True, kw_only=True):
    title: str
    when: When
    where: tuple[str, ...] = ()
    tension_kind: TensionKind | None = None
    actors: tuple[Actor, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    summary: str | None = None
    responses: tuple[Response, ...] = ()

    kind = "tension"


class Figure(Record, frozen=True, kw_only=True):
    """A number reported at a date. A national figure names its nation, or says the source lost it:
    `one_of` is then a tuple (the candidate nations, perhaps none), and the figure is never the mission's."""

    subject: str
    metric: Metric
    value: Quantity
    as_of: When
    nation: str | None = None
    one_of: tuple[str, ...] | None = None

    kind = "figure"

    @property
    def national(self) -> bool:
        return self.nation is not None or self.one_of is not None


class FigureRow(Frozen, frozen=True):
    """One row of a figure set: a nation's number, or (nation None, `one_of` a tuple) a row whose nation the
    source does not give. `label` is the row's own words when the source has them."""

    value: Quantity
    nation: str | None = None
    one_of: tuple[str, ...] | None = None
    label: str | None = None


class FigureSet(Record, frozen=True, kw_only=True):
    """Figures reported together (a contributing-nations table), with the total the source gives."""

    title: str
    subject: str
    metric: Metric
    as_of: When
    rows: tuple[FigureRow, ...] = ()
    total: Quantity | None = None

    kind = "figure_set"


class HeldRole(Record, frozen=True, kw_only=True):
    """A role a person held at a date, as a source reports it ("KFOR Commander Major General Enrico
    Barduani"): cited and graded like any fact, unlike the background `roles` of a person."""

    person: str
    title: str
    as_of: When
    org: str | None = None
    rank: str | None = None
    period: When | None = None

    kind = "role"


class Event(Record, frozen=True, kw_only=True):
    title: str
    event_kind: EventKind
    when: When
    actors: tuple[str, ...] = ()
    nations: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    period: When | None = None
    about: tuple[str, ...] = ()
    summary: str | None = None

    kind = "event"


class Conflict(Record, frozen=True, kw_only=True):
    title: str
    claims: tuple[str, ...]

    kind = "conflict"


def quantities_of(record: Record) -> list[tuple[str, Quantity]]:
    """Every quantity a record states, with the name of the field that holds it (what a citation's `for`
    names)."""
    out: list[tuple[str, Quantity]] = []
    if isinstance(record, Contingent):
        out += [("strength", record.strength)] if record.strength is not None else []
        out += [("composition", share.strength) for share in record.composition]
    elif isinstance(record, Figure):
        out.append(("value", record.value))
    elif isinstance(record, FigureSet):
        out += [("rows", row.value) for row in record.rows]
        out += [("total", record.total)] if record.total is not None else []
    elif isinstance(record, Tension):
        out += [("casualties", casualty.count) for casualty in record.casualties]
        out += [("responses", response.strength) for response in record.responses if response.strength is not None]
    return out


FACT_TYPES = (Contingent, Visit, Tension, Figure, FigureSet, Event, HeldRole)
ENTITY_TYPES = (Organisation, Person, Place)
Fact = Contingent | Visit | Tension | Figure | FigureSet | Event | HeldRole


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """Everything loaded from a set of briefing files, in file order, plus every problem found."""

    briefings: tuple[Briefing, ...] = ()
    sources: tuple[Source, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    contingents: tuple[Contingent, ...] = ()
    visits: tuple[Visit, ...] = ()
    tensions: tuple[Tension, ...] = ()
    figures: tuple[Figure, ...] = ()
    figure_sets: tuple[FigureSet, ...] = ()
    events: tuple[Event, ...] = ()
    roles: tuple[HeldRole, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    by_id: dict[str, Record] = field(default_factory=dict, compare=False, hash=False)

    def facts(self) -> tuple[Fact, ...]:
        return (
            *self.contingents,
            *self.visits,
            *self.tensions,
            *self.figures,
            *self.figure_sets,
            *self.events,
            *self.roles,
        )

    def source(self, source_id: str) -> Source | None:
        record = self.by_id.get(source_id)
        return record if isinstance(record, Source) else None

    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def markings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.marking for b in self.briefings))

    def name_of(self, ref: str) -> str:
        """A readable name for an id or nation code; the id itself when unknown."""
        from kfor_tui.nations import NATIONS

        record = self.by_id.get(ref)
        if record is not None:
            for attr in ("name", "title"):
                value = getattr(record, attr, None)
                if value and isinstance(value, str):
                    return value
        nation = NATIONS.get(ref)
        return nation.name if nation else ref
