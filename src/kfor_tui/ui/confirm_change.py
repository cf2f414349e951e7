"""Before an edit or a delete is written: the change as a unified diff of the briefing file, and `y` to write
it or `n`/`esc` not to. Lines added and removed keep their + and - (and bold or strike-through), so the
preview reads with no colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from kfor_tui.io.sanitise import sanitise
from kfor_tui.ui import bindings


def diff_content(diff: str) -> Content:
    """A unified diff as Content: added lines bold, removed lines struck through, the rest as they are; every
    line through the loader's sanitiser, since a file name or a comment can hold what a terminal would act on."""
    parts: list[str | tuple[str, str]] = []
    for raw in diff.splitlines():
        line = sanitise(raw)[0]  # the file's own text and name: controls and bidi made visible, as on load
        if line.startswith(("+++", "---")):
            parts.append((line, "dim"))
        elif line.startswith("+"):
            parts.append((line, "bold"))
        elif line.startswith("-"):
            parts.append((line, "strike"))
        elif line.startswith("@@"):
            parts.append((line, "underline"))
        else:
            parts.append(line)
        parts.append("\n")
    return Content.assemble(*parts[:-1]) if parts else Content("(no change)")


def first_change(diff: str) -> int:
    """The line of the diff's first added or removed line (its context shown above it when scrolled there)."""
    lines = diff.splitlines()
    return next((i for i, line in enumerate(lines) if line[:1] in "+-" and line[:3] not in ("+++", "---")), 0)


class ConfirmChange(ModalScreen[bool]):
    """`y` writes the change previewed; `n` or `esc` leaves the file as it is."""

    BINDINGS = bindings.CONFIRM

    def __init__(self, title: str, diff: str) -> None:
        super().__init__()
        self.confirm_title = title
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="form-box"):
            yield Static(Content.assemble((self.confirm_title, "bold")), id="confirm-title")
            with ScrollableContainer(id="confirm-diff"):  # lines unwrapped, as in the file: left/right scroll
                yield Static(diff_content(self.diff), id="confirm-text")
            yield Static(
                Content.assemble(
                    ("y", "bold"), " write this change   ", ("n", "bold"), " or ", ("esc", "bold"), " do not"
                ),
                id="confirm-keys",
            )

    def on_mount(self) -> None:
        view = self.query_one("#confirm-diff", ScrollableContainer)
        view.focus()
        self.call_after_refresh(view.scroll_to, 0, max(0, first_change(self.diff) - 3), animate=False)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
