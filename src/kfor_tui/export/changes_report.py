"""`kfor-tui changes` as text, JSON lines or a Markdown morning brief: added, changed (field by field) and
removed facts (kfor_tui.index.changes), each with its citations, under a header saying what was compared."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from kfor_tui.export.markdown_text import md
from kfor_tui.index.changes import FieldChange, RecordChange

_HEADINGS = {"added": "Added", "changed": "Changed", "removed": "Removed"}
_INLINE = 60  # a field change whose values are both this short is one line: 'field: old -> new'


@dataclass(frozen=True, slots=True)
class Compared:
    """What a list of changes is between: 'since the review of 1 Dec 10:40', and what to say of it."""

    since: str  # 'since the review of 1 Dec 10:40', 'since 2024-01-01 by source publication date', ...
    notes: tuple[str, ...] = ()  # further lines: 'never reviewed: every fact is new', 'as known on 30 Jun 2023'
    markings: tuple[str, ...] = ()


def counts(changes: Sequence[RecordChange]) -> str:
    """'3 added, 1 changed, 0 removed'."""
    return ", ".join(f"{sum(c.change == what for c in changes):,} {what}" for what in _HEADINGS)


def as_text(changes: Sequence[RecordChange], compared: Compared) -> str:
    lines = [f"marking: {' / '.join(compared.markings)}"] if compared.markings else []
    lines.append(f"changes {compared.since}: {counts(changes)} facts")
    lines += list(compared.notes)
    if not changes:
        lines.append("no changes")
    for change in changes:
        lines.append("")
        when = change.when or "undated"
        lines.append(f"{change.change.upper()}  {change.kind}  {change.id}  {when}  {change.title}")
        for field in change.fields:
            lines += _field_lines(field)
        lines += [f"  source: {cite}" for cite in change.cites]
    return "\n".join(lines) + "\n"


def _field_lines(field: FieldChange) -> list[str]:
    old, new = field.old or "(none)", field.new or "(none)"
    if len(old) <= _INLINE and len(new) <= _INLINE:
        return [f"  {field.field}: {old} -> {new}"]
    return [f"  {field.field}:", f"    was: {old}", f"    now: {new}"]


def as_json_lines(changes: Sequence[RecordChange]) -> str:
    """One JSON object per change and line: change, id, kind, title, when, fields [{field, old, new}], cites."""
    out = [
        json.dumps(
            {
                "change": change.change,
                "id": change.id,
                "kind": change.kind,
                "title": change.title,
                "when": change.when,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in change.fields],
                "cites": list(change.cites),
            },
            ensure_ascii=False,
        )
        for change in changes
    ]
    return "".join(line + "\n" for line in out)


def as_markdown(changes: Sequence[RecordChange], compared: Compared) -> str:
    """A morning brief: the marking at top and bottom, the counts, then each group with its facts."""
    marking = " / ".join(compared.markings) or "UNMARKED"
    lines = [f"**{md(marking)}**", "", f"# Morning brief: changes {md(compared.since)}", ""]
    lines += [*(f"*{md(note)}*  " for note in compared.notes), f"{counts(changes)} facts.", ""]
    if not changes:
        lines += ["No changes.", ""]
    for what, heading in _HEADINGS.items():
        group = [change for change in changes if change.change == what]
        if not group:
            continue
        lines += [f"## {heading} ({len(group):,})", ""]
        for change in group:
            lines += [f"### {md(change.when or 'undated')}: {md(change.title)}", ""]
            lines += [f"*{md(change.kind)}* `{change.id.replace('`', '')}`", ""]
            for field in change.fields:
                lines += [f"- **{md(field.field)}**", f"  - was: {md(field.old) or '(none)'}"]
                lines += [f"  - now: {md(field.new) or '(none)'}"]
            if change.fields:
                lines.append("")
            lines += [f"{number}. {md(cite)}" for number, cite in enumerate(change.cites, 1)]
            lines.append("")
    lines += ["---", "", f"**{md(marking)}**"]
    return "\n".join(lines) + "\n"
