"""Pane 4: every conflicts record on one board, each claim on a row of its own under the conflict's title, in
aligned columns (the value as its record states it, date, grade, source), its quote wrapped beneath, and the
conflict's explanation whole below its claims. The claims are never merged: each keeps its own grade and
source. `enter` or `i` opens the claim under the cursor, `y` copies the conflict with all its claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content

from kfor_tui.index.facts import title_of, when_of
from kfor_tui.index.grades import cite_grade
from kfor_tui.model import Cite, Conflict, Contingent, Corpus, Record
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.base import ListTable, View
from kfor_tui.ui.views.cells import date_cell, flexible, grade_cell
from kfor_tui.ui.virtual_table import VirtualTable

GAP = "  "  # between the columns of a claim row
WIDE = 100  # from this text width a claim row has a Source column and its quotes need not name the source again
# the rows the cursor stops on: each claim, and each line of a conflict's title and explanation (so text of any
# length can be read at any terminal size)
STOPS = ("heading", "claim", "why", "empty")
QUOTE_INDENT = 4
WHY_INDENT = 2


def claim_text(corpus: Corpus, record: Record) -> str:
    """What the claim says, as its record states it: a figure's title holds its number as stated, a
    contingent adds its stated strength; the date is a column of its own."""
    text = title_of(corpus, record)
    if isinstance(record, Contingent) and record.strength is not None:
        text += f", strength {record.strength.display()}"
    return text


def source_text(corpus: Corpus, cite: Cite) -> str:
    source = corpus.source(cite.src)
    return f"{source.publisher}, {source.published_label()}" if source is not None else cite.src


def quote_text(cite: Cite) -> str:
    return f"\u00ab{cite.quote}\u00bb" + (f" (meaning: {cite.clean})" if cite.clean else "")


def paragraphs(text: str) -> list[str]:
    """A note's paragraphs (blank lines apart), each on one line: TOML's line breaks are not the reader's."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def conflict_citation(corpus: Corpus, conflict: Conflict) -> str:
    """What `y` copies: the conflict's title and explanation, then every claim with its grade and citations."""
    from kfor_tui.ui.yank import fact_citation

    lines = [f"CONFLICT: {conflict.title}"]
    if conflict.note:
        lines.append("Why they differ: " + "\n".join(paragraphs(conflict.note)))
    for number, claim in enumerate(conflict.claims, 1):
        record = corpus.by_id.get(claim)
        shown = fact_citation(corpus, record) if record is not None else f"{claim} (not in the corpus)"
        lines.append(f"Claim {number}: {shown}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the board: a claim or a line of a conflict's title or explanation (the rows the cursor
    stops on), or a line that belongs to the claim above it (the rest of its words, a quote) or the gap
    before the next conflict."""

    what: str  # "claim" | "more" (the rest of its words) | "heading" | "quote" | "why" | "gap" | "empty"
    conflict: int = -1  # index into the board's conflicts
    claim: int = -1  # index into that conflict's claims
    text: Text | None = None  # the line as drawn; for a claim, the first line of its words


class BoardTable(VirtualTable):
    """A VirtualTable that scrolls what belongs to the row under the cursor into view with it: a claim's
    wrapped words and quotes (lines the cursor never stops on would otherwise never scroll into view at the
    end of the list); then, when there is room, the conflict's title and claims together, then all of it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # cursor row -> the row ranges to show with it, most wanted first
        self.wanted: dict[int, tuple[tuple[int, int], ...]] = {}

    def scroll_to_cursor(self) -> None:
        rows = self._visible_rows()
        cursor = self.cursor_row
        if rows <= 0 or cursor not in self.wanted:
            super().scroll_to_cursor()
            return
        low, high = cursor - rows + 1, cursor  # the tops that keep the cursor row in view
        own, *more = self.wanted[cursor]
        if own[1] - own[0] >= rows:
            low = high = cursor  # too tall to show whole: from the cursor row down
        for first, last in (own, *more):
            if max(low, last - rows + 1) <= min(high, first):
                low, high = max(low, last - rows + 1), min(high, first)
        top = min(max(self._top(), low), high)  # moving as little as can be
        if top != self._top():
            self.scroll_to(y=top, animate=False, immediate=True)


class ConflictsBoard(View):
    """Location key: a conflict id, to open the board with the cursor on that conflict's first claim."""

    view_name = "conflicts"
    BINDINGS = [*bindings.FACT_KEYS]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        # with u, the conflicts with a claim new or changed since the last review, each with all its claims
        self.conflicts: list[Conflict] = [
            conflict for conflict in corpus.conflicts if any(self.options.shows(claim) for claim in conflict.claims)
        ]
        self.lines: list[Line] = []
        self.claim_rows: dict[str, list[int]] = {}  # conflict id -> its claim rows

    def title(self) -> Content:
        count = len(self.conflicts)
        if self.options.unreviewed_only:
            total = len(self.corpus.conflicts)
            return Content(f"Conflicts: {count:,} of {total:,} with a claim new or changed since the last review")
        if not count:
            return Content("Conflicts: none in these briefings")
        return Content(f"Conflicts: {count:,} in these briefings")

    def status(self) -> Content:
        shown = super().status()
        if shown.plain or not self.conflicts:
            return shown
        return Content("enter/i opens the claim, y copies the conflict with its claims")

    def compose(self) -> ComposeResult:
        yield BoardTable(id="conflicts-table")

    # ---------------------------------------------------------------- layout

    def on_mount(self) -> None:
        table = self.query_one("#conflicts-table", BoardTable)
        width = flexible(self.width, [], 20)
        self._widths(width)
        table.add_column(self._header(), width=width, key="board")
        self._lay_out(width, self.app.console)
        table.skip_rows = {row for row, line in enumerate(self.lines) if line.what not in STOPS}
        table.wanted = self._wanted()
        table.set_rows(len(self.lines), self._cells, self._text, key_of=self._key)
        self.restore_row(table, self.location.row)

    def _claims(self) -> list[tuple[int, int, Record | None]]:
        return [
            (c, n, self.corpus.by_id.get(claim))
            for c, conflict in enumerate(self.conflicts)
            for n, claim in enumerate(conflict.claims)
        ]

    def _widths(self, width: int) -> None:
        """Columns as wide as what they hold (within bounds); the claim's words get the rest."""
        records = [record for _, _, record in self._claims() if record is not None]
        dates = [date_cell(when) for record in records if (when := when_of(record)) is not None]
        self.date_width = min(20, max([4, *(len(d) for d in dates)]))
        self.grade_width = max([5, *(len(grade_cell(self.corpus, record).plain) for record in records)])
        self.wide = width >= WIDE
        sources = [source_text(self.corpus, record.cites[0]) for record in records if record.cites]
        self.source_width = min(32, max([6, *(len(s) for s in sources)])) if self.wide else 0
        fixed = self.date_width + self.grade_width + self.source_width + len(GAP) * (3 if self.wide else 2)
        self.value_width = max(12, width - fixed)

    def _header(self) -> str:
        parts = [
            "Claim (as its record states it)".ljust(self.value_width)[: self.value_width],
            "Date".ljust(self.date_width),
            "Grade".ljust(self.grade_width),
        ]
        if self.wide:
            parts.append("Source".ljust(self.source_width))
        return GAP.join(parts).rstrip()

    def _lay_out(self, width: int, console: Console) -> None:
        def wrapped(text: Text, indent: int, conflict: int, what: str, claim: int = -1) -> None:
            for line in text.wrap(console, max(8, width - indent), overflow="fold"):
                line.rstrip()
                self.lines.append(Line(what, conflict, claim, Text(" " * indent) + line))

        if not self.conflicts:
            empty = "No conflict has a claim new or changed since the last review (u shows all)."
            shown = empty if self.options.unreviewed_only else "No conflicts are recorded in these briefings."
            self.lines.append(Line("empty", text=Text(shown)))
            return
        total = len(self.conflicts)
        for c, conflict in enumerate(self.conflicts):
            if c:
                self.lines.append(Line("gap", c, text=Text("")))
            heading = Text.assemble(
                ("CONFLICT", marks.style("kfor-conflict")), (f" {c + 1} of {total}: ", "bold"), (conflict.title, "bold")
            )
            wrapped(heading, 0, c, "heading")
            for n, claim in enumerate(conflict.claims):
                self.claim_rows.setdefault(conflict.id, []).append(len(self.lines))
                record = self.corpus.by_id.get(claim)
                if record is None:
                    self.lines.append(Line("claim", c, n, Text(claim, style="bold")))
                    wrapped(Text(f"{claim} is not in these briefings."), QUOTE_INDENT, c, "quote", n)
                    continue
                # the claim's words whole: the first line on the claim's row, the rest under it
                words = Text(claim_text(self.corpus, record), style="bold")
                mark = self.options.mark_of(record.id)  # NEW or CHANGED since the last review: a word
                if mark:
                    words = Text.assemble((mark, marks.style("kfor-review")), " ", words)
                first, *rest = words.wrap(console, self.value_width, overflow="fold") or [words]
                self.lines.append(Line("claim", c, n, first))
                self.lines += [Line("more", c, n, line) for line in rest]
                for cite in record.cites:
                    said = f"; said by {self.corpus.name_of(cite.attributed_to)}" if cite.attributed_to else ""
                    if self.wide and len(record.cites) == 1 and not said:
                        quote = Text(quote_text(cite))
                    else:
                        quote = Text.assemble(
                            (f"{source_text(self.corpus, cite)}, {cite_grade(self.corpus, cite)}{said}: ", "dim"),
                            quote_text(cite),
                        )
                    wrapped(quote, QUOTE_INDENT, c, "quote", n)
            notes = paragraphs(conflict.note or "") or ["No explanation is recorded with this conflict."]
            for number, paragraph in enumerate(notes):
                lead = ("Why they differ: " if number == 0 else "", "bold")
                wrapped(Text.assemble(lead, (paragraph, "italic")), WHY_INDENT, c, "why")

    def _wanted(self) -> dict[int, tuple[tuple[int, int], ...]]:
        """For each cursor stop, the rows to show with it: a claim's own lines (its words and quotes), then the
        conflict's title and claims together, then the whole conflict; a line of the title or explanation,
        then all of it, then the whole conflict."""
        wanted: dict[int, tuple[tuple[int, int], ...]] = {}
        by_conflict: dict[int, list[int]] = {}
        for row, line in enumerate(self.lines):
            by_conflict.setdefault(line.conflict, []).append(row)
        for c in range(len(self.conflicts)):
            rows = by_conflict[c]
            first, last = rows[0], rows[-1]
            heading = [row for row in rows if self.lines[row].what == "heading"]
            claims = [row for row in rows if self.lines[row].what == "claim"]
            why = [row for row in rows if self.lines[row].what == "why"]
            claims_end = why[0] - 1 if why else last
            together = (heading[0] if heading else first, claims_end)
            for i, row in enumerate(claims):
                end = claims[i + 1] - 1 if i + 1 < len(claims) else claims_end
                wanted[row] = ((row, end), together, (first, last))
            for row in heading:
                wanted[row] = ((row, row), together, (first, last))
            for row in why:
                wanted[row] = ((row, row), (why[0], why[-1]), (first, last))
        return wanted

    # ---------------------------------------------------------------- rows

    def _cells(self, row: int) -> list[Text]:
        line = self.lines[row]
        record = self.record_at(row)
        if line.what != "claim" or record is None:
            return [line.text or Text("")]
        when = when_of(record)
        parts = [
            (line.text or Text("")).copy(),
            Text(date_cell(when) if when is not None else "undated"),
            grade_cell(self.corpus, record),
        ]
        if self.wide:
            parts.append(Text(source_text(self.corpus, record.cites[0]) if record.cites else "cites no source"))
        widths = [self.value_width, self.date_width, self.grade_width, self.source_width]
        out = Text(no_wrap=True, end="")
        for number, (part, width) in enumerate(zip(parts, widths, strict=False)):
            part.truncate(width, overflow="ellipsis", pad=True)
            out.append_text(Text(GAP) + part if number else part)
        out.rstrip()
        return [out]

    def _text(self, row: int) -> str:
        """The row's words for `/`: a claim with its date, grade and every source and quote."""
        line = self.lines[row]
        if line.what != "claim":
            return line.text.plain if line.text is not None else ""
        record = self.record_at(row)
        if record is None:
            return self.conflicts[line.conflict].claims[line.claim]
        when = when_of(record)
        words = [self.options.mark_of(record.id) or "", claim_text(self.corpus, record)]
        words.append(date_cell(when) if when else "undated")
        words.append(grade_cell(self.corpus, record).plain)
        words += [f"{source_text(self.corpus, cite)} {quote_text(cite)}" for cite in record.cites]
        return " ".join(word for word in words if word)

    def _key(self, row: int) -> str | None:
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        if line is None or line.what != "claim":
            return None
        return self.conflicts[line.conflict].claims[line.claim]

    def record_at(self, row: int) -> Record | None:
        key = self._key(row)
        return self.corpus.by_id.get(key) if key is not None else None

    # ---------------------------------------------------------------- where the cursor is

    def restore_row(self, table: ListTable, row: int) -> None:
        """On the conflict the location names: the row given when it is one of that conflict's claims (the
        cursor came back there), else the conflict's first claim."""
        rows = self.claim_rows.get(self.location.key or "")
        if rows and row not in rows:
            row = rows[0]
        elif not self.location.key and not row and self.claim_rows:
            row = next(iter(self.claim_rows.values()))[0]  # the board opens on its first claim
        super().restore_row(table, row)

    def current_location(self) -> Location:
        table = self.query_one("#conflicts-table", BoardTable)
        row = table.cursor_row
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        key = self.conflicts[line.conflict].id if line is not None and line.conflict >= 0 else self.location.key
        return Location(self.view_name, key, row)

    def current_conflict(self) -> Conflict | None:
        table = self.query_one("#conflicts-table", BoardTable)
        line = self.lines[table.cursor_row] if 0 <= table.cursor_row < len(self.lines) else None
        return self.conflicts[line.conflict] if line is not None and line.conflict >= 0 else None

    def fact_at_cursor(self) -> Record | None:
        return self.record_at(self.query_one("#conflicts-table", BoardTable).cursor_row)

    def shown_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(claim for conflict in self.conflicts for claim in conflict.claims))

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        """enter: the claim's fact, with its fields and every citation."""
        event.stop()
        record = self.record_at(event.cursor_row)
        if record is not None:
            self.post_message(Navigate(Location("fact", record.id)))

    def yank_text(self) -> tuple[str, str] | None:
        conflict = self.current_conflict()
        if conflict is None:
            return None
        return "conflict with its claims", conflict_citation(self.corpus, conflict)
