"""The fields a writer fills in to capture a fact, kind by kind, and the TOML key each one is written under.

One table serves both sides of capture: the form shows these fields in this order (index/capture_hints.py
prefills them), and io/record_block.py turns the strings typed into them into a TOML block. A form field is
a plain string; its `shape` says how it becomes a TOML value, and `key` names the record key it is written
under (several form fields may make one value: `value`, `qualifier`, `value_text` and `unit` are one
Quantity, so a problem the loader reports at `value` belongs to all of them and is shown at `value`).

The capture kinds are the record kinds of docs/format.md, plus "meeting": a visit whose kind is meeting,
with whom the visitors met (`with`). Tables a form cannot hold well (a contingent's composition and period,
a tension's casualties) are left to the file: edit the block by hand once it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from kfor_tui.dates import BASES, KINDS
from kfor_tui.io.fact_builders import EVENT_KINDS, METRICS, TENSION_KINDS, VISIT_KINDS
from kfor_tui.quantities import QUALIFIERS

CAPTURE_KINDS = ("figure", "contingent", "visit", "meeting", "event", "tension", "role")
SECTION_OF_KIND = {
    "figure": "figures",
    "contingent": "contingents",
    "visit": "visits",
    "meeting": "visits",
    "event": "events",
    "tension": "tensions",
    "role": "roles",
}
ID_PREFIX = {
    "figure": "fig",
    "contingent": "ctg",
    "visit": "visit",
    "meeting": "meeting",
    "event": "evt",
    "tension": "tension",
    "role": "role",
}
MISSION = "org:kfor"  # the default subject of a figure and mission of a contingent (briefings/reference.toml)

# How a form string becomes a TOML value (io/record_block.py):
#   text     a string, as typed (surrounding white space removed)
#   choice   one of `choices`
#   ids      record ids, separated by commas or spaces -> an array of strings
#   topics   phrases separated by ";" -> an array of strings
#   amount   the number of a Quantity: 4443, 4,443, a range 60-120, or 2+ (a low bound only)
#   part     a part of the Quantity named by `key` (qualifier, the verbatim words, the unit)
#   visitors person ids -> [{ person = id }, ...]
#   meeting  ids of those met -> meetings = [{ with = [...] }]
#   cite     written in the [[section.cite]] table (the quote, the credibility)
SHAPES = ("text", "choice", "ids", "topics", "amount", "part", "visitors", "meeting", "cite")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the capture form: `name` (what hints and problems call it), `label` and `help` to show,
    `required` when the record cannot be saved without it, `choices` for a closed list, `default` to start
    from, `read_only` for the quote (it is the selection, and only the selection), `shape` and `key` as in
    the module docstring."""

    name: str
    label: str
    required: bool
    help: str
    choices: tuple[str, ...] = ()
    default: str = ""
    read_only: bool = False
    shape: str = "text"
    key: str = ""

    @property
    def toml_key(self) -> str:
        return self.key or self.name


def _id(kind: str) -> FieldSpec:
    return FieldSpec(
        "id",
        "Id",
        True,
        f"unique in the corpus: lowercase a-z 0-9 - _ . : (e.g. {ID_PREFIX[kind]}-kfor-2024-03)",
    )


def _date(name: str, label: str, required: bool, kind: bool = False) -> list[FieldSpec]:
    fields = [
        FieldSpec(name, label, required, "2024-03-21, 2024-03, 2024, a range 2025-07-02/2025-07-03, ~ approximate"),
        FieldSpec(f"{name}_text", f"{label}: words", False, "the source's own words for the date ('On 21 March')"),
        FieldSpec(
            f"{name}_basis",
            f"{label}: basis",
            False,
            "how the date was obtained (stated when the source gives it whole)",
            choices=BASES,
            default="stated",
            shape="choice",
        ),
    ]
    if kind:
        help_text = "actual, or planned/expected when it had not happened when the source wrote"
        fields.append(FieldSpec(f"{name}_kind", f"{label}: kind", False, help_text, KINDS, "actual", shape="choice"))
    return fields


def _amount(name: str, label: str, required: bool, unit: bool = False) -> list[FieldSpec]:
    fields = [
        FieldSpec(name, label, required, "the number the source states: 4443 or 4,443; a range 60-120", shape="amount"),
        FieldSpec(
            "qualifier",
            "Qualifier",
            False,
            "around = about, more than = more_than, at least = at_least, up to = at_most, fewer than = less_than",
            QUALIFIERS,
            "exact",
            shape="part",
            key=name,
        ),
        FieldSpec(
            f"{name}_text",
            f"{label}: words",
            False,
            "the source's words ('around 500 soldiers')",
            shape="part",
            key=name,
        ),
    ]
    if unit:
        fields.append(
            FieldSpec(
                "unit",
                "Unit",
                False,
                "what is counted, when not people or nations ('EUR per day')",
                shape="part",
                key=name,
            )
        )
    return fields


def _ids(name: str, label: str, help_text: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, label, required, help_text + " (ids, separated by commas)", shape="ids")


_NATION_HELP = "ISO alpha-3 code: LUX, GBR, XKX (Kosovo)"
_TAIL = [
    FieldSpec("note", "Note", False, "what the source does not say, and how you read it"),
    FieldSpec(
        "quote", "Quote", True, "the selection, verified against the source when saved", read_only=True, shape="cite"
    ),
    FieldSpec(
        "credibility",
        "Credibility",
        False,
        "1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged",
        ("1", "2", "3", "4", "5", "6"),
        shape="cite",
    ),
]


def _fields(kind: str) -> list[FieldSpec]:
    if kind == "figure":
        metric_help = "personnel: the mission's size; national_contribution: one nation's troops"
        return [
            FieldSpec("subject", "Subject", True, "id of what is counted (org:kfor)", default=MISSION),
            FieldSpec("metric", "Metric", True, metric_help, METRICS, shape="choice"),
            FieldSpec("nation", "Nation", False, "whose number it is, for a national figure: " + _NATION_HELP),
            *_amount("value", "Value", True, unit=True),
            *_date("as_of", "As of", True),
        ]
    if kind == "contingent":
        return [
            FieldSpec("name", "Name", True, "e.g. Bulgarian contingent"),
            FieldSpec("mission", "Mission", True, "organisation id of the mission (org:kfor)", default=MISSION),
            FieldSpec("nation", "Nation", True, "the contributing nation: " + _NATION_HELP),
            FieldSpec("role", "Role", False, "what it does"),
            FieldSpec("camp", "Camp", False, "place id of its camp"),
            *_amount("strength", "Strength", False),
            *_date("strength_as_of", "Strength as of", False),
        ]
    if kind in ("visit", "meeting"):
        meeting = [
            FieldSpec(
                "with", "Met with", False, "ids of the people or organisations met", shape="meeting", key="meetings"
            )
        ]
        return [
            FieldSpec("title", "Title", kind == "meeting", "one line"),
            FieldSpec(
                "visitors", "Visitors", True, "person ids of the visitors, separated by commas", shape="visitors"
            ),
            *(meeting if kind == "meeting" else []),
            *(
                []
                if kind == "meeting"
                else [FieldSpec("kind", "Kind", False, "the kind of visit", VISIT_KINDS, shape="choice")]
            ),
            *_date("when", "When", True, kind=True),
            FieldSpec("host_nation", "Host nation", False, "the nation visited: " + _NATION_HELP),
            _ids("where", "Where", "place ids"),
            FieldSpec("topics", "Topics", False, "what was discussed, separated by ;", shape="topics"),
        ]
    if kind == "event":
        return [
            FieldSpec("title", "Title", True, "one line"),
            FieldSpec("kind", "Kind", True, "what happened", EVENT_KINDS, shape="choice"),
            *_date("when", "When", True, kind=True),
            _ids("actors", "Actors", "people and organisations"),
            FieldSpec("nations", "Nations", False, "nations concerned: codes separated by commas", shape="ids"),
            _ids("where", "Where", "place ids"),
            _ids("about", "About", "records it concerns"),
            FieldSpec("summary", "Summary", False, "what the source says happened"),
        ]
    if kind == "tension":
        return [
            FieldSpec("title", "Title", True, "one line"),
            FieldSpec("kind", "Kind", False, "what kind of incident", TENSION_KINDS, shape="choice"),
            *_date("when", "When", True),
            _ids("where", "Where", "place ids"),
            FieldSpec("summary", "Summary", False, "what the source says happened"),
        ]
    if kind == "role":
        return [
            FieldSpec("person", "Person", True, "person id"),
            FieldSpec("title", "Title", True, "the role: KFOR Commander"),
            FieldSpec("org", "Organisation", False, "organisation id the role belongs to"),
            FieldSpec("rank", "Rank", False, "Major General"),
            *_date("as_of", "As of", True),
        ]
    raise ValueError(f"unknown capture kind {kind!r}: one of {', '.join(CAPTURE_KINDS)}")


def capture_fields(kind: str) -> list[FieldSpec]:
    """The fields of the capture form for `kind`, in order: `id` first, then the record's own fields, then
    `note`, the `quote` (read-only: the selection) and its `credibility`. ValueError for an unknown kind."""
    return [_id(kind), *_fields(kind), *_TAIL] if kind in ID_PREFIX else _fields(kind)


def field_for_key(kind: str, key: str) -> str:
    """The form field a TOML key of a `kind` record is shown at: the field of that name, else the first one
    written under it (`meetings` -> `with`), else the key itself (a key the form does not show)."""
    fields = capture_fields(kind)
    for spec in fields:
        if spec.name == key:
            return spec.name
    for spec in fields:
        if spec.toml_key == key:
            return spec.name
    return key
