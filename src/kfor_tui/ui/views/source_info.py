"""What is known about one source, whole and wrapped: publisher, title, URL, language, published date and how
it is known, the reliability grade with its meaning and the note that justifies it, the source's note on its
cleaning and provenance, the machine-rewritten phrases with their plain meaning, and how many facts cite it.
`enter` opens its text in the reader."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from kfor_tui.dates import When
from kfor_tui.index.citations import citing
from kfor_tui.index.facts import title_of
from kfor_tui.io.sanitise import shown_name
from kfor_tui.model import RELIABILITY, Source
from kfor_tui.ui.list_keys import KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.views.base import View
from kfor_tui.ui.views.cells import cell, flexible

BASIS_WORDS = {
    "stated": "stated by the source",
    "inferred": "inferred",
    "year_from_published": "year taken from the publication date",
    "relative_to_published": "worked out from the publication date",
}
KIND_PLURALS = {"figure_set": "figure tables", "figure": "figures", "role": "roles"}


def published_text(when: When | None) -> str:
    """The publication date with how it is known: '4 Jul 2025, stated by the source ("4 July 2025")'."""
    if when is None:
        return "date unknown (the briefing does not give it)"
    basis = BASIS_WORDS.get(when.basis, when.basis.replace("_", " "))
    words = f' ("{when.text}")' if when.text else ""
    return f"{when.display()}, {basis}{words}"


def paragraphs_of(text: str) -> str:
    """A note as written, its TOML line breaks joined: paragraphs (blank lines apart) kept apart."""
    return "\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


class SourceInfo(View):
    view_name = "source"

    @property
    def source(self) -> Source | None:
        return self.corpus.source(self.location.key or "")

    def title(self) -> Content:
        source = self.source
        return Content(f"About the source: {source.title if source else self.location.key}")

    def status(self) -> Content:
        shown = super().status()
        return shown if shown.plain else Content("enter opens the source's text in the reader")

    def compose(self) -> ComposeResult:
        source = self.source
        if source is None:
            yield Static(Content(f"No source {self.location.key!r} in the corpus."), classes="note")
            return
        yield KeyedTable(id="source-fields")

    def rows(self, source: Source) -> list[tuple[str, str]]:
        """(label, value) of every line of the view, whole."""
        pairs = citing(self.corpus, source.id)
        facts = {fact.id: fact for fact, _ in pairs}
        kinds: dict[str, int] = {}
        for fact in facts.values():
            kinds[fact.kind] = kinds.get(fact.kind, 0) + 1
        by_kind = ", ".join(
            f"{n} {fact_kind.replace('_', ' ') if n == 1 else KIND_PLURALS.get(fact_kind, fact_kind + 's')}"
            for fact_kind, n in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
        )
        lost = sum(1 for _, cite in pairs if cite.anchor is None)
        cited = f"{len(facts)} fact(s), {len(pairs)} quote(s)" + (f": {by_kind}" if by_kind else "")
        cited += f"; {lost} quote(s) not found in the text" if lost else ""
        rows = [
            ("Title", source.title),
            ("Publisher", source.publisher),
            ("URL", shown_name(source.url) if source.url else "not given"),
            ("Language", source.language),
            ("Published", published_text(source.published)),
            ("Reliability", f"{source.reliability}: {RELIABILITY.get(source.reliability, 'unknown grade')}"),
            ("Why that grade", paragraphs_of(source.reliability_note) if source.reliability_note else "not given"),
            ("Note", paragraphs_of(source.note) if source.note else "none"),
        ]
        rows += [
            ("Rewritten", f"\u00ab{cite.quote}\u00bb means \u00ab{cite.clean}\u00bb ({title_of(self.corpus, fact)})")
            for fact, cite in pairs
            if cite.clean
        ]
        rows += [
            ("Cited by", cited if pairs else "no fact"),
            ("Text", f"{len(source.paragraphs)} paragraph(s): enter opens them in the reader"),
            ("File", shown_name(source.origin.path)),
        ]
        return [(label, value) for label, value in rows if value]

    def on_mount(self) -> None:
        source = self.source
        if source is None:
            return
        table = self.query_one("#source-fields", KeyedTable)
        rows = self.rows(source)
        label = max(len(name) for name, _ in rows)
        table.add_column("", width=label, key="field")
        table.add_column("What is known about the source", width=flexible(self.width, [label]), key="value")
        for index, (name, value) in enumerate(rows):
            table.add_row(cell(name, "bold", wrap=True), cell(value, wrap=True), key=str(index), height=None)
        self.restore_row(table, self.location.row)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        """enter, on any line: the source's text."""
        event.stop()
        if self.source is not None:
            self.post_message(Navigate(Location("reader", self.source.id, 0)))

    def yank_text(self) -> tuple[str, str] | None:
        """The source as a citation (title, publisher, date, URL, reliability)."""
        from kfor_tui.ui.yank import source_citation

        source = self.source
        return ("source citation", source_citation(source)) if source is not None else None
