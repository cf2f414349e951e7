"""The detail of a nation or organisation: contingents, figures over time, visits by and to, tensions,
events, and the sources that mention it; competing claims side by side below."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.index.facts import conflicts_of, reported_by, title_of, when_of
from kfor_tui.index.labels import figure_title
from kfor_tui.index.nation_summary import dossier
from kfor_tui.index.references import references
from kfor_tui.index.strength_series import series_of
from kfor_tui.model import Conflict, Contingent, Corpus, Figure, FigureSet, Person, Record, Role
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.base import View, location_for_fact
from kfor_tui.ui.views.cells import cell, date_cell, fact_title, flexible, grade_cell, header_cell
from kfor_tui.ui.views.conflict_table import fill_conflicts
from kfor_tui.ui.views.fact_detail import kind_word, location_of
from kfor_tui.ui.views.strength_chart import StrengthChart
from kfor_tui.ui.virtual_table import VirtualTable

CONFLICTS_SHOWN = 25  # side by side below the facts; each fact's own are in its detail (i)
CHART_MIN_HEIGHT = 22  # a shorter terminal keeps the dossier's rows; t shows the chart on its own


class NationDetail(View):
    view_name = "nation"
    BINDINGS = [*bindings.FACT_KEYS, bindings.CHART]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        self.dossier = dossier(corpus, location.key or "")
        # one list row each: ("heading", label) | ("fact", Record) | ("role", Role) (a person's background
        # role) | ("ref", Reference) | ("note", Text) (a line of the entity's note) | ("source", Source) |
        # ("empty", None)
        self.lines: list[tuple[str, Any]] = []
        self.series = series_of(corpus, self.dossier.subject.key)

    def title(self) -> Content:
        subject = self.dossier.subject
        return Content(f"{subject.name}{f' ({subject.code})' if subject.code else ''}")

    def compose(self) -> ComposeResult:
        subject = self.dossier.subject
        stated = subject.strength
        when = f" ({stated.date()})" if stated.when is not None else ""
        strength = (
            ("  strength: ", (stated.display(), "bold"), when)
            if subject.kind in ("nation", "organisation")
            else (f"  {subject.kind}",)
        )
        yield Static(
            Content.assemble(
                (subject.name, "bold"),
                f" ({subject.code})" if subject.code else "",
                *strength,
                "  ",
                subject.summary,
            ),
            id="nation-summary",
            classes="summary",
        )
        if self.series.points and self.app.size.height >= CHART_MIN_HEIGHT:
            # how big, and how it changed, above the rows; the point of the row under the cursor is marked
            self.add_class("-charted")
            yield StrengthChart(self.corpus, self.series, follows=True, id="nation-chart")
        yield VirtualTable(id="nation-facts")
        if self._conflicts():
            yield KeyedTable(id="nation-conflicts", classes="conflicts")

    def _facts(self) -> list[Record]:
        d = self.dossier
        return [
            *d.contingents,
            *d.mission_figures,
            *d.national_figures,
            *d.roles,
            *d.visits_by,
            *d.visits_to,
            *d.tensions,
            *d.events,
        ]

    def _conflicts(self) -> list[Conflict]:
        seen: dict[str, Conflict] = {}
        for fact in self._facts():
            for conflict in conflicts_of(self.corpus, fact.id):
                seen[conflict.id] = conflict
        return list(seen.values())

    def _describe(self, fact: Record) -> str:
        name = self.corpus.name_of
        if isinstance(fact, Contingent):
            parts = [fact.name]
            if fact.unit:
                parts.append(f"unit {name(fact.unit)}")
            if fact.role:
                parts.append(f"role {fact.role}")
            if fact.camp:
                parts.append(f"camp {name(fact.camp)}")
            if fact.strength is not None:
                parts.append(f"strength {fact.strength.display()}")
            shares = ", ".join(f"{s.nation} {s.strength.display()}" for s in fact.composition)
            if shares:
                parts.append(f"({shares})")
            return "; ".join(parts)
        if isinstance(fact, Figure):  # a number: whose report it is, beside it
            return f"{figure_title(self.corpus, fact, within=self.location.key)} ({reported_by(self.corpus, fact)})"
        if isinstance(fact, FigureSet):
            return f"{title_of(self.corpus, fact)} ({reported_by(self.corpus, fact)})"
        return title_of(self.corpus, fact)

    def on_mount(self) -> None:
        d = self.dossier
        table = self.query_one("#nation-facts", VirtualTable)
        name = d.subject.name
        whole = f"{d.subject.code or name} as a whole" if d.subject.kind == "organisation" else name
        contingents: tuple[str, Sequence[Record]] = ("Contingents", d.contingents)
        # a mission's own size first: "how big is it, and do the reports agree?" is the first question about it
        sections: list[tuple[str, Sequence[Record]]] = [
            *([contingents] if d.subject.kind != "organisation" else []),
            (
                f"Figures for {whole}",
                d.mission_figures,
            ),
            *([contingents] if d.subject.kind == "organisation" else []),
            ("National figures", d.national_figures),
            ("Roles", d.roles),
            (f"Visits by {name}", d.visits_by),
            (f"Visits to {name}", d.visits_to),
            ("Tensions", d.tensions),
            ("Events", d.events),
        ]
        lines = self.lines
        subject = self.corpus.by_id.get(d.subject.key)
        if isinstance(subject, Person) and subject.roles:
            lines.append(("heading", f"Background roles, uncited ({len(subject.roles)})"))
            lines.extend(("role", role) for role in subject.roles)
        for label, all_facts in sections:
            facts = [fact for fact in all_facts if self.options.shows(fact.id)]  # u: new or changed only
            if facts:
                lines.append(("heading", f"{label} ({len(facts)})"))
                lines.extend(("fact", fact) for fact in facts)
        refs = references(self.corpus, subject) if subject is not None else []
        if refs:
            lines.append(("heading", f"Related ({len(refs)})"))
            lines.extend(("ref", ref) for ref in refs)
        note_at = len(lines)
        if d.sources:
            lines.append(("heading", f"Sources mentioning it ({len(d.sources)})"))
            lines.extend(("source", source) for source in d.sources)
        if not lines:
            lines.append(("empty", None))
        # the date as wide as the widest shown (within bounds), the fact everything the others leave
        widest = max((len(self._date(what, item)) for what, item in lines), default=4)
        fixed = [min(max(4, widest), 12 if self.width < 70 else 24), 7]  # a date is never cut
        if subject is not None and subject.note:
            # the note whole, a line a row (the cursor stops on each, so all of it scrolls into view)
            text = Text(" ".join(subject.note.split()))
            wrapped = text.wrap(self.app.console, flexible(self.width, fixed), overflow="fold")
            lines[note_at:note_at] = [("heading", "Note"), *(("note", line) for line in wrapped)]
        table.add_column("Date", width=fixed[0], key="date")
        table.add_column("Fact", width=flexible(self.width, fixed), key="fact")
        table.add_column("Grade", width=7, key="grade")
        table.skip_rows = {row for row, (what, _) in enumerate(lines) if what == "heading"}
        table.set_rows(len(lines), self._cells)
        conflicts = self._conflicts()
        if conflicts:
            fill_conflicts(
                self.query_one("#nation-conflicts", KeyedTable),
                self.corpus,
                conflicts,
                self.width,
                limit=CONFLICTS_SHOWN,
            )
        self.restore_row(table, self.location.row or 1)

    def _date(self, what: str, item: Any) -> str:
        if what == "fact":
            when = when_of(item)
            return date_cell(when) if when else "undated"
        if what == "source":
            return str(item.published_label())
        if what == "role":
            return date_cell(item.period) if item.period else "undated"
        return ""

    def _cells(self, row: int) -> list[Text]:
        what, item = self.lines[row]
        if what == "heading":
            return [cell(""), header_cell(item)]
        if what == "fact":
            return [
                cell(self._date(what, item)),
                fact_title(self.corpus, item, self._describe(item), review=self.options.mark_of(item.id)),
                grade_cell(self.corpus, item),
            ]
        if what == "source":
            return [
                cell(self._date(what, item)),
                cell(f"{item.publisher}: {item.title}"),
                cell(f"{item.reliability} (rel)"),
            ]
        if what == "role":
            return [cell(self._date(what, item)), cell(self._role(item)), cell("")]
        if what == "note":
            return [cell(""), item, cell("")]
        if what == "ref":
            return [cell(""), cell(f"{item.relation}: {item.name} ({kind_word(item.kind)})"), cell("")]
        return [cell(""), cell("Nothing in the corpus is about this yet.")]

    def _role(self, role: Role) -> str:
        """A background role as the briefing gives it, uncited (a cited role is a fact, listed under Roles); its
        period is in the date column."""
        org = f", {self.corpus.name_of(role.org)}" if role.org else ""
        return f"{role.title}{org}"

    def line_at_cursor(self) -> tuple[str, Any]:
        row = self.query_one("#nation-facts", VirtualTable).cursor_row
        return self.lines[row] if 0 <= row < len(self.lines) else ("", None)

    def fact_at_cursor(self) -> Record | None:
        what, item = self.line_at_cursor()
        return item if what == "fact" else None

    def shown_ids(self) -> tuple[str, ...]:
        """R: every fact the dossier lists."""
        return tuple(dict.fromkeys(item.id for what, item in self.lines if what == "fact"))

    def action_fact_detail(self) -> None:
        """i: a fact's detail; a source's information; a related record or a role's organisation."""
        what, item = self.line_at_cursor()
        if what == "source":
            self.post_message(Navigate(Location("source", item.id)))
        elif what in ("ref", "role"):
            self._open(what, item)
        else:
            super().action_fact_detail()

    def _open(self, what: str, item: Any) -> None:
        if what == "ref":
            self.post_message(Navigate(location_of(item)))
        elif what == "role" and item.org and item.org in self.corpus.by_id:
            self.post_message(Navigate(Location("nation", item.org)))

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        what, item = self.lines[event.cursor_row]
        if what == "fact":
            self.post_message(Navigate(location_for_fact(self.corpus, item)))
        elif what == "source":
            self.post_message(Navigate(Location("reader", item.id, 0)))
        else:
            self._open(what, item)

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        for chart in self.query("#nation-chart").results(StrengthChart):
            what, item = self.lines[event.cursor_row] if 0 <= event.cursor_row < len(self.lines) else ("", None)
            chart.show_fact(item.id if what == "fact" and item is not None else None)

    def action_strength_chart(self) -> None:
        """t: the subject's strength over time on its own, at the point of the row's fact (else the latest)."""
        fact = self.fact_at_cursor()
        points = [p.fact for p in self.series.points]
        at = points.index(fact.id) if fact is not None and fact.id in points else None
        self.post_message(Navigate(Location("chart", self.dossier.subject.key, -1 if at is None else at)))

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()  # the conflicts table below: rows are claims side by side, nothing to open
