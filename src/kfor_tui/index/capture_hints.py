"""What a selected stretch of source text already says about the record a writer is capturing from it: the
capture form's fields prefilled, each marked as found in the text (with where) or inferred (and why).

    hints(selection, kind, published) -> [Hint]   one per field it can fill, in the form's order
    capture_fields(kind) -> [FieldSpec]           the form's fields (io/record_fields.py)

Found: a number and its qualifier ("around 1000" -> 1000, about; index/amount_phrases.py), a nation by code,
name or demonym ("Slovenian" -> SVN), a date phrase (index/date_phrases.py), a kind's telling word
("announced" -> announcement). Inferred: what follows from those or from the source (a date's year from the
publication, the metric from what is counted, the suggested id, the mission as subject). Nothing is
invented: a field nothing supports gets no hint, and every value a hint offers is checked again on save.
No I/O, no Textual, and never today's date: a date needs the source's publication date to be completed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from kfor_tui.dates import DatePoint, When
from kfor_tui.index.amount_phrases import AmountPhrase, amount_phrases
from kfor_tui.index.date_phrases import DatePhrase, date_phrases
from kfor_tui.io.record_fields import ID_PREFIX, MISSION, FieldSpec, capture_fields
from kfor_tui.nations import NATIONS

__all__ = ["FieldSpec", "Hint", "capture_fields", "hints"]


@dataclass(frozen=True, slots=True)
class Hint:
    """A value for the form's field `field`: `basis` "found" when the selection states it, at `span`
    (offsets into the selection), or "inferred" (span None) when worked out, with `note` saying how."""

    field: str
    value: str
    basis: Literal["found", "inferred"]
    span: tuple[int, int] | None
    note: str = ""


_DATE_FIELD = {"figure": "as_of", "role": "as_of", "contingent": "strength_as_of"}
_AMOUNT_FIELD = {"figure": "value", "contingent": "strength"}
_KIND_WORDS = {
    "event": [
        (r"\bextend|\bextension", "extension"),
        (r"\bpledg", "pledge"),
        (r"\bdeploy|\bsend-off|\bsent off\b|\barriv", "deployment"),
        (r"\brecogni[sz]", "recognition"),
        (r"\bannounc", "announcement"),
        (r"\bdecided\b|\bdecision\b", "decision"),
        (r"\bmet\b|\bmeeting\b", "meeting"),
        (r"\breport\b", "report"),
        (r"\bstated\b|\bsaid\b|\bstatement\b|\bcalled on\b", "statement"),
    ],
    "tension": [
        (r"\battack|\bassault|\bshooting|\bambush", "armed_attack"),
        (r"\bclash", "clash"),
        (r"\briot", "riot"),
        (r"\bprotest|\bdemonstrat", "protest"),
        (r"\bborder\b|\bboundary line\b", "border_incident"),
    ],
    "visit": [
        (r"\bstate visit", "state"),
        (r"\bworking visit", "working"),
        (r"\bofficial visit", "official"),
        (r"\bvisit(?:ed|s)? (?:the )?(?:troops|soldiers|contingent)", "troop_visit"),
        (r"\bmet\b|\bmeeting\b", "meeting"),
    ],
}
_RANK = re.compile(
    r"\b(?:(?:Lieutenant|Major|Brigadier|Rear|Vice) )?(?:General|Admiral)\b|\b(?:Lieutenant )?Colonel\b|\bCommodore\b"
)
_TITLE = re.compile(
    r"\b(?:KFOR |Deputy )?Commander(?: of KFOR)?\b|\b(?:Deputy )?Secretary General\b|\bChief of (?:the )?(?:General )?"
    r"Staff\b|\b(?:Prime |Defence |Foreign )?Minister(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?\b|\bAmbassador\b"
)
_NOT_CODES = frozenset({"AND", "ARE", "CAN", "MAR", "PER", "BEN", "TON", "DOM"})
_MISSION_WORD = re.compile(r"\bKFOR\b")
_SLUG = re.compile(r"[^a-z0-9]+")


def hints(selection: str, kind: str, published: When | None, *, taken: Collection[str] = ()) -> list[Hint]:
    """Hints for a `kind` record (io/record_fields.CAPTURE_KINDS) captured from `selection`, a stretch of a
    source published on `published` (the source's date: it completes dates that lack a year and dates
    counted from it). `taken`: ids already used, so that the suggested id is new. ValueError for an unknown
    kind."""
    order = [spec.name for spec in capture_fields(kind)]
    pub = (published.start or published.end) if published is not None else None
    out: dict[str, Hint] = {}
    dates = date_phrases(selection, pub)
    amounts = amount_phrases(selection, [(phrase.start, phrase.end) for phrase in dates])
    nations = nation_mentions(selection)
    date_field = _DATE_FIELD.get(kind, "when")
    _date_hints(out, selection, dates, date_field, kind, pub)
    amount = _chosen(amounts)
    if kind in _AMOUNT_FIELD and amount is not None:
        _amount_hints(out, selection, amount, _AMOUNT_FIELD[kind])
    _nation_hints(out, kind, nations, selection)
    if kind == "figure":
        _metric_hint(out, amount, "nation" in out)
    for name in ("subject", "mission"):
        if name in order:
            mission = _MISSION_WORD.search(selection)
            span = mission.span() if mission else None
            out[name] = Hint(name, MISSION, "found" if span else "inferred", span, "" if span else "the mission")
    for pattern, value in _KIND_WORDS.get("visit" if kind == "meeting" else kind, []):
        word = re.search(pattern, selection, re.IGNORECASE)
        if word and "kind" in order:
            out["kind"] = Hint("kind", value, "found", word.span())
            break
    if kind == "role":
        for name, regex in (("rank", _RANK), ("title", _TITLE), ("org", _MISSION_WORD)):
            match = regex.search(selection)
            if match:
                out[name] = Hint(name, MISSION if name == "org" else match.group(), "found", match.span())
    first = nations[0][2] if nations else ""
    out["id"] = Hint(
        "id", _suggested_id(kind, out, first, taken), "inferred", None, "kind, what it concerns and its date"
    )
    return [out[name] for name in order if name in out]


def _chosen(amounts: list[AmountPhrase]) -> AmountPhrase | None:
    """The amount the record most likely states: the first that counts people or nations, else the first."""
    return next((amount for amount in amounts if amount.counts), amounts[0] if amounts else None)


def _date_hints(
    out: dict[str, Hint], text: str, dates: list[DatePhrase], name: str, kind: str, pub: DatePoint | None
) -> None:
    phrase = min(dates, key=lambda found: (found.rank, found.start), default=None)
    if phrase is None:
        if pub is not None and kind in ("figure", "role"):
            note = "no date in the selection: the source's publication date"
            out[name] = Hint(name, DatePoint(pub.year, pub.month, pub.day).edtf(), "inferred", None, note)
            out[f"{name}_basis"] = Hint(f"{name}_basis", "inferred", "inferred", None, note)
        return
    span = (phrase.start, phrase.end)
    out[f"{name}_text"] = Hint(f"{name}_text", text[phrase.start : phrase.end], "found", span)
    if phrase.edtf is None:
        return
    stated = phrase.basis == "stated"
    note = phrase.note or (
        "" if stated else f"from '{text[phrase.start : phrase.end]}', {phrase.basis.replace('_', ' ')}"
    )
    out[name] = Hint(name, phrase.edtf, "found" if stated else "inferred", span if stated else None, note)
    out[f"{name}_basis"] = Hint(f"{name}_basis", phrase.basis, "inferred", None, note)
    if phrase.planned and f"{name}_kind" in {spec.name for spec in capture_fields(kind)}:
        out[f"{name}_kind"] = Hint(f"{name}_kind", "planned", "inferred", None, "after the source's date")


def _amount_hints(out: dict[str, Hint], text: str, amount: AmountPhrase, name: str) -> None:
    note = "the format's house rule for vague words" if amount.house_rule else ""
    if amount.house_rule:
        out[name] = Hint(name, amount.value, "inferred", None, note)
    else:
        out[name] = Hint(name, amount.value, "found", amount.span)
    if amount.qualifier_span is not None:
        out["qualifier"] = Hint("qualifier", amount.qualifier, "found", amount.qualifier_span)
    else:
        out["qualifier"] = Hint("qualifier", "exact", "inferred", None, "no word qualifies the number")
    words = amount.words_span
    out[f"{name}_text"] = Hint(f"{name}_text", text[words[0] : words[1]], "found", words)


def _metric_hint(out: dict[str, Hint], amount: AmountPhrase | None, national: bool) -> None:
    if amount is None or not amount.counts:
        return
    if amount.counts == "nations":
        out["metric"] = Hint("metric", "contributing_nations", "inferred", None, "it counts countries")
        out.pop("nation", None)  # the mission's nations, not one nation's figure
    elif national:
        out["metric"] = Hint("metric", "national_contribution", "inferred", None, "one nation's people")
    else:
        out["metric"] = Hint("metric", "personnel", "inferred", None, "people, and no nation named")


def _nation_hints(out: dict[str, Hint], kind: str, nations: list[tuple[int, int, str]], text: str) -> None:
    if not nations:
        return
    if kind == "event":
        codes = list(dict.fromkeys(code for _, _, code in nations))
        note = "named: " + ", ".join(text[start:end] for start, end, _ in nations)
        out["nations"] = Hint("nations", ", ".join(codes), "found", nations[0][:2], note)
        return
    if kind in ("visit", "meeting"):
        host = next((n for n in nations if re.search(r"\b(?:to|in)\s+$", text[: n[0]], re.IGNORECASE)), None)
        if host is not None:
            out["host_nation"] = Hint("host_nation", host[2], "found", host[:2], f"'{text[host[0] : host[1]]}'")
        return
    contributors = [n for n in nations if n[2] != "XKX"]  # Kosovo is where KFOR serves, not a contributor
    if kind in ("figure", "contingent") and contributors:
        start, end, code = contributors[0]
        out["nation"] = Hint("nation", code, "found", (start, end), f"'{text[start:end]}'")
        if kind == "contingent":
            demonym = NATIONS[code].demonym or NATIONS[code].name
            out["name"] = Hint("name", f"{demonym} contingent", "inferred", None, "from the nation")


@lru_cache(maxsize=1)
def _nation_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Names, demonyms (and their plurals), aliases and alpha-3 codes of every nation, longest first."""
    names: dict[str, str] = {}
    for code, nation in NATIONS.items():
        for name in (nation.name, nation.demonym, nation.demonym + "s" if nation.demonym else "", *nation.aliases):
            if name:
                names.setdefault(name, code)
        if code not in _NOT_CODES:
            names.setdefault(code, code)
    names.update({"UK": "GBR", "U.K.": "GBR"})
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), names


def nation_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, alpha-3 code) of each nation `text` names, in text order ("Slovenian" -> SVN)."""
    pattern, names = _nation_pattern()
    return [(match.start(), match.end(), names[match.group()]) for match in pattern.finditer(text)]


def _suggested_id(kind: str, out: dict[str, Hint], nation: str, taken: Collection[str]) -> str:
    """Kind prefix, what it concerns, and its date: fig-kfor-personnel-2024-03, ctg-bgr-kfor-2024-03-21."""
    value = {name: hint.value for name, hint in out.items()}
    mission = (value.get("subject") or value.get("mission") or "").rsplit(":", 1)[-1]
    metric = {"personnel": "personnel", "contributing_nations": "nations", "deployed_total": "deployed"}
    parts = {
        "figure": [mission, value.get("nation", "") or metric.get(value.get("metric", ""), value.get("metric", ""))],
        "contingent": [value.get("nation", ""), mission],
        "event": [value.get("nations", "").split(",")[0], value.get("kind", "")],
        "tension": [value.get("kind", "")],
        "visit": [value.get("host_nation", "") or nation],
        "meeting": [value.get("host_nation", "") or nation],
        "role": [value.get("title", "")],
    }[kind]
    date = next((value[name] for name in ("as_of", "strength_as_of", "when") if value.get(name)), "")
    words = [ID_PREFIX[kind], *parts, date.split("/")[0].rstrip("~?")]
    base = "-".join(part for part in (_SLUG.sub("-", word.lower()).strip("-") for word in words) if part)
    suggestion, number = base, 2
    while suggestion in taken:
        suggestion, number = f"{base}-{number}", number + 1
    return suggestion
