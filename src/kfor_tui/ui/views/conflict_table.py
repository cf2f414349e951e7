"""Competing claims of a conflicts record, side by side: one column per claim."""

from __future__ import annotations

from rich.text import Text

from kfor_tui.index.facts import source_count, title_of, when_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.model import Conflict, Contingent, Corpus, Figure
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.views.cells import cell, header_cell


def claim_value(record: object) -> str:
    if isinstance(record, Figure):
        return record.value.display()
    if isinstance(record, Contingent) and record.strength is not None:
        return record.strength.display()
    return getattr(record, "summary", None) or ""


def fill_conflicts(
    table: KeyedTable, corpus: Corpus, conflicts: list[Conflict], width: int, limit: int | None = None
) -> None:
    """Rows: for each conflict a title row, then what / when / value / grade / sources / quote per claim.
    With `limit`, the first `limit` conflicts and a line saying how many more: every row wraps and is measured
    when the table is laid out, and a table of every conflict of a large corpus is no use to read."""
    more = len(conflicts) - limit if limit is not None and len(conflicts) > limit else 0
    conflicts = conflicts[:limit] if more else conflicts
    claims_max = max((len(c.claims) for c in conflicts), default=2)
    label_width = 8
    column = max(12, (width - label_width - 2 * (claims_max + 1) - 3) // max(1, claims_max))
    table.add_column("", width=label_width, key="label")
    for i in range(claims_max):
        table.add_column(Text(f"Claim {i + 1}"), width=column, key=f"claim{i}")
    blanks = [cell("", wrap=True)] * claims_max
    for conflict in conflicts:
        table.skip_rows.add(table.row_count)
        table.add_row(header_cell("CONFLICT"), cell(conflict.title, "bold", wrap=True), *blanks[1:], height=None)
        records = [corpus.by_id.get(claim) for claim in conflict.claims]
        rows = {
            "Fact": [title_of(corpus, r) if r else claim for r, claim in zip(records, conflict.claims, strict=False)],
            "Date": [when.describe() if r is not None and (when := when_of(r)) is not None else "" for r in records],
            "Value": [claim_value(r) for r in records],
            "Grade": [f"{fact_grade(corpus, r)}, {source_count(r)} src" if r else "" for r in records],
            "Quote": [(r.cites[0].quote if r and r.cites else "") for r in records],
        }
        for label, values in rows.items():
            padded = values + [""] * (claims_max - len(values))
            table.add_row(cell(label, "bold", wrap=True), *[cell(v, wrap=True) for v in padded], height=None)
    if more:
        table.add_row(
            cell(""),
            cell(
                f"... and {more:,} more conflicts: each fact marked CONFLICT above shows its own "
                "claims side by side (i)",
                "italic",
                wrap=True,
            ),
            *blanks[1:],
            height=None,
        )
