"""The problems of a save, said where the writer can act on them: a problem of the new block at the form
field it concerns (by the line of the key it is reported at), any other with its path:line:col, and for a
delete each record that still names the one to go."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kfor_tui.io.fields import describe
from kfor_tui.io.positions import Positions
from kfor_tui.io.record_fields import SECTION_OF_KIND, field_for_key
from kfor_tui.io.save_check import Trial

_KIND_OF_SECTION = {section: kind for kind, section in SECTION_OF_KIND.items() if kind != "meeting"}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A problem of a save: `field` is the form field it concerns (or, for a key the form does not show, the
    TOML key; None for the record or the file as a whole), `line` its line in the block (1-based, None when
    it is elsewhere), `severity` "error" (the save was refused) or "warning"."""

    field: str | None
    message: str
    severity: str = "error"
    line: int | None = None


def block_problems(
    checked: Trial, block: str | None, start: int, section: str | None, table: dict[str, Any] | None, new_id: Any
) -> list[FieldProblem]:
    """Every problem of the new block, at its form field (an edit that keeps an old error is refused too),
    and the problems the change adds elsewhere, with their place."""
    fields: list[tuple[int, str | None]] = []
    if block is not None and section is not None and table is not None:
        fields = _field_lines(block, section, table)
    lines = block.count("\n") if block is not None else 0
    added = Counter(checked.added)
    out = []
    for problem in checked.problems:
        line = problem.line - 1 - start
        if block is not None and problem.path == checked.shown and 0 <= line < lines:
            at = bisect_right([number for number, _ in fields], line) - 1
            name = fields[at][1] if at >= 0 else None
            out.append(FieldProblem(name, problem.message, problem.severity, line + 1))
        elif added[problem]:
            added[problem] -= 1
            duplicate = isinstance(new_id, str) and problem.message.startswith(f"duplicate id '{new_id}'")
            out.append(FieldProblem("id" if duplicate else None, str(problem), problem.severity))
    return out


def _field_lines(block: str, section: str, table: dict[str, Any]) -> list[tuple[int, str | None]]:
    """(0-based line in the block, form field) for each key of the record and its citations, and (line, None)
    for the headers, sorted: a problem belongs to the key at or above its line."""
    kind = _KIND_OF_SECTION.get(section)
    if section == "visits" and table.get("kind") == "meeting":
        kind = "meeting"
    positions = Positions(block)
    found: dict[int, str | None] = {positions.of((section, 0))[0] - 1: None}
    for key in table:
        if key == "cite" and isinstance(table[key], list):
            for number, cite in enumerate(table[key]):
                found[positions.of((section, 0, "cite", number))[0] - 1] = None
                for name in cite if isinstance(cite, dict) else ():
                    found.setdefault(positions.of((section, 0, "cite", number, name))[0] - 1, name)
            continue
        found.setdefault(positions.of((section, 0, key))[0] - 1, field_for_key(kind, key) if kind else key)
    return sorted(found.items())


def named_by(checked: Trial, record_id: str) -> list[FieldProblem]:
    """Each record of the corpus that names `record_id` (outside the record itself): a delete must wait."""
    out = []
    for file in checked.files:
        shown = checked.shown if file.report.path == checked.stand_in else file.report.path
        for reference in file.report.references:
            if reference.target != record_id:
                continue
            owner = next((located for located in file.records if reference.path[: len(located[1])] == located[1]), None)
            if owner is None or owner[0].id == record_id:
                continue
            record, at = owner
            line, col = file.positions.of(reference.path)
            where = describe(reference.path[len(at) :]) or "a field"
            out.append(
                FieldProblem(
                    None,
                    f"'{record_id}' is named by {record.kind} '{record.id}' ({where}) at {shown}:{line}:{col}: "
                    "remove it there first",
                )
            )
    return out
