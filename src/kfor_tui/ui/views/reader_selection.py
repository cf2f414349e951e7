"""The reader's selection keys: `v` selects the first sentence of the current paragraph, `w`/`b` move it by
sentence (across paragraphs), `l`/`h` grow or shrink it by a word at its end, `H`/`L` at its start, `a`
captures it as the quote of a new fact, `esc` clears it. Drawn by the reader between ⟦ and ⟧ and underlined,
and said in the status line, so it reads with no colour and in --ascii."""

from __future__ import annotations

from textual.content import Content

from kfor_tui.model import Source
from kfor_tui.ui import bindings
from kfor_tui.ui.list_keys import KeyedOptionList
from kfor_tui.ui.selection import Selection, first_sentence, move_end, move_start, step_sentence
from kfor_tui.ui.terminal import glyphs
from kfor_tui.ui.views.base import View

SELECTION_ACTIONS = frozenset({"select_sentence", "select_end", "select_start", "capture"})


def shown_selection(text: str, room: int) -> str:
    """The selected text in `room` cells: whole when it fits, else its start and its end around an ellipsis
    (growing or shrinking at either end stays visible)."""
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    mark = glyphs().ellipsis
    half = max(4, (room - len(mark) - 2) // 2)
    return f"{text[:half].rstrip()} {mark} {text[-half:].lstrip()}"


class SelectingView(View):
    """A view of one source's paragraphs (the reader) with the selection keys. The reader gives `source`,
    the paragraph list and `redraw_paragraph`."""

    BINDINGS = [bindings.SELECT, *bindings.SELECTION]

    source: Source | None
    selection: Selection | None = None

    def redraw_paragraph(self, index: int) -> None:
        raise NotImplementedError

    def paragraph_list(self) -> KeyedOptionList:
        return self.query_one("#reader-text", KeyedOptionList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECTION_ACTIONS and self.selection is None:
            return False  # shown, and working, only while there is a selection
        return super().check_action(action, parameters)

    def selection_status(self) -> Content | None:
        """The status line while there is a selection: its text, then what to do with it."""
        if self.selection is None or self.source is None:
            return None
        text = self.selection.text(self.source.paragraphs)
        head, tail = "Selected: ", "  a captures, esc clears"
        room = max(12, self.width - 2 - len(head) - len(tail) - 2)
        return Content.assemble(head, ("\u201c" + shown_selection(text, room) + "\u201d", "bold"), tail)

    def _select(self, selection: Selection | None) -> None:
        """Make `selection` the selection: redraw the paragraphs it leaves and enters, keep it in view."""
        old, self.selection = self.selection, selection
        for changed in {s.paragraph for s in (old, selection) if s is not None}:
            self.redraw_paragraph(changed)
        if selection is not None:
            text = self.paragraph_list()
            if text.highlighted != selection.paragraph:
                text.highlighted = selection.paragraph
            text.scroll_to_highlight()
        self.screen.refresh_bindings()
        refresh_chrome = getattr(self.screen, "refresh_chrome", None)
        if callable(refresh_chrome):
            refresh_chrome()

    def action_select(self) -> None:
        """v: the first sentence of the paragraph under the cursor."""
        if self.source is None:
            return
        found = first_sentence(self.source.paragraphs, self.paragraph_list().highlighted or 0)
        if found is None:
            self.app.notify("There is no text here to select.", markup=False)
            return
        self._select(found)

    def action_select_sentence(self, direction: int) -> None:
        if self.selection is not None and self.source is not None:
            self._select(step_sentence(self.source.paragraphs, self.selection, direction))

    def action_select_end(self, direction: int) -> None:
        if self.selection is not None and self.source is not None:
            text = self.source.paragraphs[self.selection.paragraph]
            self._select(move_end(text, self.selection, direction))

    def action_select_start(self, direction: int) -> None:
        if self.selection is not None and self.source is not None:
            text = self.source.paragraphs[self.selection.paragraph]
            self._select(move_start(text, self.selection, direction))

    def clear_selection(self) -> bool:
        """esc: the selection is the innermost layer; False when there is none."""
        if self.selection is None:
            return False
        self._select(None)
        return True

    def action_capture(self) -> None:
        """c: the selection as the quote of a new fact (ui/edit_record.py asks which kind, then the form)."""
        if self.selection is None or self.source is None:
            return
        from kfor_tui.ui.edit_record import start_capture

        start_capture(self, self.corpus, self.source, self.selection)
