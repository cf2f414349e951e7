"""A source's paragraphs with every cited quote marked (reverse video and «…»; the current one ▶«…»),
the facts citing it below (or beside it on wide screens); n/N step through the quotes."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.widgets import Static
from textual.widgets.option_list import Option

from kfor_tui.index.citations import citing, fact_in
from kfor_tui.index.facts import title_of
from kfor_tui.index.grades import cite_grade
from kfor_tui.model import Cite, Corpus, Fact, Record, Source
from kfor_tui.ui import bindings, marks
from kfor_tui.ui.compat import wrapped_line_count
from kfor_tui.ui.list_keys import KeyedOptionList, KeyedTable
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import Navigate
from kfor_tui.ui.terminal import glyphs
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.cells import cell, flexible
from kfor_tui.ui.views.reader_selection import SelectingView

QUOTE_STYLE = "reverse"  # no theme colour on purpose: reverse stays readable on the highlighted row in every theme
CURRENT_STYLE = "reverse bold underline"


FOUND_STYLE = "bold underline"
SELECTED_STYLE = "reverse underline"  # with ⟦…⟧ markers: the selection reads with no colour at all


class Paragraph(Content):
    """A paragraph's Content with a cheaper height: the OptionList measures every option when a source opens
    and on every width change, and Content.get_height builds the styled lines to count them. This counts the
    same line breaks (the word wrapping Content uses) without building them; anything unusual (tabs, no-wrap,
    line padding) falls back to Content's own."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        plain = self.plain
        if "\t" in plain or rules.get("line_pad", 0) or rules.get("text_wrap", "wrap") == "nowrap" or width < 1:
            return super().get_height(rules, width)
        fold = rules.get("text_overflow", "fold") == "fold"
        key = (width, fold)
        known = getattr(self, "_rows_for", None)  # the list asks again on every change: keep the last answer
        if known is not None and known[0] == key:
            return int(known[1])
        height = sum(wrapped_line_count(line, width, fold) for line in plain.split("\n"))
        self._rows_for = (key, height)
        return height


def mark_paragraph(
    text: str,
    number: int,
    quotes: list[tuple[int, int, bool]],
    found: Sequence[tuple[int, int]] = (),
    selected: tuple[int, int] | None = None,
) -> Content:
    """The paragraph as Content: each (start, end, current) quote in reverse video between « and »;
    words a lookup found, bold and underlined between ⟨ and ⟩; the selection (v) underlined between ⟦ and ⟧."""
    chosen = [selected] if selected is not None and selected[1] > selected[0] else []
    points = sorted(
        {
            0,
            len(text),
            *(s for s, _, _ in quotes),
            *(e for _, e, _ in quotes),
            *(s for s, _ in [*found, *chosen]),
            *(e for _, e in [*found, *chosen]),
        }
    )
    g = glyphs()  # Unicode or --ascii (ui/terminal.py)
    parts: list[str | tuple[str, str]] = [(f"{g.paragraph}{number} ", "dim")]
    for i, point in enumerate(points):
        for start, end, _ in quotes:
            if end == point and end > start:
                parts.append((g.quote_close, marks.content_style("kfor-quote-marker")))
        for start, end, current in quotes:
            if start == point and end > start:
                parts.append(
                    (g.current + g.quote_open if current else g.quote_open, marks.content_style("kfor-quote-marker"))
                )
        parts += [(g.found_close, "bold") for start, end in found if end == point]
        parts += [(g.select_close, "bold") for start, end in chosen if end == point]
        parts += [(g.found_open, "bold") for start, end in found if start == point]
        parts += [(g.select_open, "bold") for start, end in chosen if start == point]
        if i + 1 < len(points):
            segment = text[point : points[i + 1]]
            inside = [q for q in quotes if q[0] <= point and points[i + 1] <= q[1]]
            style = CURRENT_STYLE if any(q[2] for q in inside) else QUOTE_STYLE if inside else ""
            if any(s <= point and points[i + 1] <= e for s, e in found):
                style = f"{style} {FOUND_STYLE}".strip()
            if any(s <= point and points[i + 1] <= e for s, e in chosen):  # in a quote: the quote's reverse lifted
                style = "bold underline" if inside else f"{style} {SELECTED_STYLE}".strip()
            parts.append((segment, style) if style else segment)
    content = Content.assemble(*parts)
    return Paragraph(content.plain, list(content.spans), strip_control_codes=False)


class SourceReader(SelectingView):
    view_name = "reader"
    BINDINGS = [*bindings.FACT_KEYS, bindings.SOURCE_INFO]

    def __init__(self, corpus: Corpus, location: Location, width: int, options: ViewOptions | None = None) -> None:
        super().__init__(corpus, location, width, options)
        self.source: Source | None = corpus.source(location.key or "")
        self.pairs: list[tuple[Fact, Cite]] = citing(corpus, location.key or "")
        self.current = min(max(0, location.row), max(0, len(self.pairs) - 1))
        self.matches: list[int] = []
        self.match_index = -1

    def title(self) -> Content:
        return Content(f"Source: {self.source.title}" if self.source else f"Source {self.location.key}")

    def status(self) -> Content:
        selected = self.selection_status()
        if selected is not None:
            return selected
        if self.matches:
            paragraph = self.matches[self.match_index] + 1
            return Content(
                f"match {self.match_index + 1}/{len(self.matches)} (paragraph {paragraph}; n/N step, esc clears)"
            )
        if not self.pairs:
            return Content("This source is cited by no fact yet: v selects a sentence to capture one.")
        fact, _cite = self.pairs[self.current]
        return Content(
            f"quote {self.current + 1}/{len(self.pairs)} (n/N; v selects): {title_of(self.corpus, fact)}"
            "  (enter opens the fact)"
        )

    def compose(self) -> ComposeResult:
        source = self.source
        if source is None:
            yield Static(Content(f"No source {self.location.key!r} in the corpus."), classes="note")
            return
        yield Static(
            Content.assemble(
                (source.title, "bold"),
                "\n",
                source.publisher,
                ", ",
                source.published_label(),
                ", reliability ",
                (source.reliability, "bold"),
                *((" (", source.reliability_note, ")") if source.reliability_note else ()),
                *(("\n", source.url) if source.url else ()),
            ),
            id="reader-header",
            classes="summary",
        )
        with Vertical(id="reader-body", classes="-side" if self.width >= 120 else ""):
            # a long article keeps its scrollbar's room from the start: the OptionList measures every paragraph
            # again when its width changes, as it does when a scrollbar appears
            yield KeyedOptionList(id="reader-text", classes="-long" if len(source.paragraphs) > 100 else "")
            yield KeyedTable(id="reader-facts")

    def _quotes_in(self, paragraph: int) -> list[tuple[int, int, bool]]:
        out = []
        for index, (_, cite) in enumerate(self.pairs):
            if cite.anchor and cite.anchor.paragraph == paragraph:
                out.append((cite.anchor.start, cite.anchor.end, index == self.current))
        return out

    def _prompt(self, paragraph: int) -> Content:
        assert self.source is not None
        text = self.source.paragraphs[paragraph]
        found: list[tuple[int, int]] = []
        if self.location.highlight and paragraph == self.location.paragraph:
            from kfor_tui.index.search_terms import match_spans

            found = match_spans(text, self.location.highlight)
        chosen = self.selection
        selected = (chosen.start, chosen.end) if chosen is not None and chosen.paragraph == paragraph else None
        return mark_paragraph(text, paragraph + 1, self._quotes_in(paragraph), found, selected)

    def redraw_paragraph(self, index: int) -> None:
        if self.source is not None and 0 <= index < len(self.source.paragraphs):
            self.paragraph_list().replace_option_prompt_at_index(index, self._prompt(index))

    def on_mount(self) -> None:
        if self.source is None:
            return
        text = self.query_one("#reader-text", KeyedOptionList)
        text.add_options([Option(self._prompt(i), id=f"p{i}") for i in range(len(self.source.paragraphs))])
        table = self.query_one("#reader-facts", KeyedTable)
        width = self.width // 2 if self.width >= 120 else self.width
        fixed = [3, 3, 10]
        table.add_column("#", width=3, key="n")
        table.add_column("Grd", width=3, key="grade")
        table.add_column("Kind", width=10, key="kind")
        table.add_column("Fact citing this source (enter opens it)", width=flexible(width, fixed), key="fact")
        for index, (fact, cite) in enumerate(self.pairs):
            where = "" if cite.anchor else " (quote not found in the text)"
            table.add_row(
                cell(index + 1),
                cell(cite_grade(self.corpus, cite)),
                cell(fact.kind),
                cell(title_of(self.corpus, fact) + where),
            )
        self.show_quote(self.current)
        if self.location.paragraph is not None and self.location.paragraph < len(self.source.paragraphs):
            text.highlighted = self.location.paragraph
            text.scroll_to_highlight(top=True)
            text.focus()

    def current_pair(self) -> tuple[Fact, Cite] | None:
        return self.pairs[self.current] if self.pairs else None

    def show_quote(self, index: int) -> None:
        """Make quote `index` current: restyle, highlight its paragraph (scrolling to it) and its fact row."""
        if not self.pairs or self.source is None:
            return
        old = self.pairs[self.current][1].anchor
        self.current = index % len(self.pairs)
        new = self.pairs[self.current][1].anchor
        text = self.query_one("#reader-text", KeyedOptionList)
        for anchor in {old, new}:
            if anchor is not None and anchor.paragraph < len(self.source.paragraphs):
                text.replace_option_prompt_at_index(anchor.paragraph, self._prompt(anchor.paragraph))
        if new is not None:
            text.highlighted = new.paragraph
            text.scroll_to_highlight(top=False)
        table = self.query_one("#reader-facts", KeyedTable)
        if table.row_count:
            table.move_cursor(row=self.current)
        self.location = self.location.at(self.current)

    def search(self, term: str) -> int:
        needle = term.casefold()
        paragraphs = self.source.paragraphs if self.source else ()
        self.matches = [i for i, text in enumerate(paragraphs) if needle in text.casefold()]
        self.match_index = 0 if self.matches else -1
        if self.matches:
            self._highlight_match()
        return len(self.matches)

    def _highlight_match(self) -> None:
        text = self.query_one("#reader-text", KeyedOptionList)
        text.highlighted = self.matches[self.match_index]
        text.focus()

    def clear_layer(self) -> bool:
        if self.clear_selection():
            return True
        had = bool(self.matches)
        self.matches, self.match_index = [], -1
        return had

    def step(self, direction: int) -> bool:
        if self.matches:
            self.match_index = (self.match_index + direction) % len(self.matches)
            self._highlight_match()
            return True
        if self.pairs:
            self.show_quote(self.current + direction)
        return True

    def current_location(self) -> Location:
        return self.location.at(self.current)

    def action_source_info(self) -> None:
        """I: what is known about this source (URL, reliability note, cleaning); i stays the marked quote's fact."""
        if self.source is not None:
            self.post_message(Navigate(Location("source", self.source.id)))

    def fact_at_cursor(self) -> Record | None:
        pair = self.current_pair()
        return pair[0] if pair is not None else None

    def yank_text(self) -> tuple[str, str] | None:
        """The current quote with its citation, or the source itself when nothing cites it."""
        from kfor_tui.ui.yank import fact_citation, source_citation

        pair = self.current_pair()
        if pair is not None:
            return "current quote with its citation", fact_citation(self.corpus, pair[0], pair[1])
        return ("source citation", source_citation(self.source)) if self.source is not None else None

    def on_option_list_option_selected(self, event: KeyedOptionList.OptionSelected) -> None:
        event.stop()
        fact = fact_in(self.corpus, self.location.key or "", event.option_index, self.current)
        if fact is not None:
            self.post_message(Navigate(Location("fact", fact.id)))
        else:
            self.app.notify("No cited quote in this paragraph.", markup=False)

    def on_data_table_row_highlighted(self, event: KeyedTable.RowHighlighted) -> None:
        event.stop()
        if event.data_table.has_focus and event.cursor_row != self.current and event.cursor_row < len(self.pairs):
            self.show_quote(event.cursor_row)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        if event.cursor_row < len(self.pairs):
            self.post_message(Navigate(Location("fact", self.pairs[event.cursor_row][0].id)))
