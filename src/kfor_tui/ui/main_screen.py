"""The main screen: the handling marking at top and bottom, a header saying what is shown, the view host,
a status line and a footer of the keys that work here; the keys that move between views.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from kfor_tui.dates import DateError, day_label, knowledge_day
from kfor_tui.ui import bindings
from kfor_tui.ui.key_footer import KeyFooter
from kfor_tui.ui.location import Location
from kfor_tui.ui.messages import LoadProgress, ShowAsOf
from kfor_tui.ui.terminal import glyphs
from kfor_tui.ui.view_host import ViewHost

if TYPE_CHECKING:  # the prompts, the help and the lookup are imported when first opened
    from kfor_tui.index.first_screen import FirstScreen
    from kfor_tui.index.search import Hit
    from kfor_tui.model import Corpus
    from kfor_tui.ui.commands import LookupHost
    from kfor_tui.ui.views.base import View

NEEDS_CORPUS = {
    "show_pane",
    "problems",
    "back",
    "forward",
    "remove_layer",
    "search",
    "search_step",
    "close",
    "yank",
    "help",
    "lookup",
    "as_of",
}
# While the first screen kept by the load cache is shown, before the corpus is loaded: these work (a pane
# asked for opens once the corpus is there; lookup takes what is typed meanwhile).
PREVIEW_ACTIONS = {"show_pane", "close", "help", "lookup"}
_RANK = {ident: rank for rank, ident in enumerate(bindings.DISPLAY_ORDER)}


def progress_text(phase: str, done: int, total: int, elapsed: float, width: int = 20) -> str:
    """'Reading briefings: 3,214 of 10,000 files  [████░░░░]  32%  1.4 s' (ASCII with --ascii)."""
    if phase == "checking":
        return f"Checking {total:,} files (ids, references, quotes, dates)...  {elapsed:.1f} s"
    share = done / total if total else 1.0
    filled = round(width * share)
    bar = glyphs().bar_done * filled + glyphs().bar_left * (width - filled)
    return f"Reading briefings: {done:,} of {total:,} files  [{bar}]  {share:.0%}  {elapsed:.1f} s"


class MainScreen(Screen[None]):
    BINDINGS = bindings.SCREEN

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="banner-top", classes="marking")
        yield Static(Content("kfor-tui: loading briefings..."), id="header")
        yield ViewHost(id="view")
        yield Static(Content(""), id="status")
        yield KeyFooter(compact=True)
        yield Static(Content(""), id="banner-bottom", classes="marking")

    @property
    def host(self) -> ViewHost:
        return self.query_one(ViewHost)

    @property
    def corpus(self) -> Corpus | None:
        return self.host.corpus

    @property
    def view(self) -> View | None:
        return self.host.view

    known_on: date | None = None  # the knowledge date of the corpus shown (--as-of, @); None: as the files are now

    async def show(self, corpus: Corpus, known_on: date | None = None) -> None:
        """Show a corpus, first loaded or reloaded, as known on a date or now; the marking banners say what it
        is marked."""
        self.known_on = known_on
        self._mark(corpus.markings())
        await self.host.show(corpus)
        self.load_note = ""

    async def show_preview(self, first: FirstScreen) -> None:
        """Before the first load is done: the first screen as the load cache kept it at the last start over
        the same, unchanged files (the corpus then replaces it, at the same row)."""
        self._mark(first.markings)
        self.load_note = "Reading the briefings..."
        self.load_share = ""
        await self.host.show_preview(first)

    def _mark(self, markings: tuple[str, ...]) -> None:
        marking = " / ".join(markings) or "NO MARKING"
        for banner in self.query(".marking").results(Static):
            banner.update(Content(marking))

    load_note = ""  # while a kept first screen is shown: how far the first load has got
    load_share = ""  # the same, in short ("74%")

    def show_load_progress(self, message: LoadProgress) -> None:
        """How far the first load has got: in the loading note, or under a kept first screen."""
        host = self.host
        if host.corpus is None:
            shown = progress_text(message.phase, message.done, message.total, message.elapsed)
            if host.preview is None:
                host.show_progress(shown)
            else:
                self.load_note = shown
                self.load_share = f" ({message.done / message.total:.0%})" if message.total else ""
                self.refresh_chrome()

    # ---------------------------------------------------------------- chrome

    def on_view_host_location_changed(self, message: ViewHost.LocationChanged) -> None:
        self.refresh_chrome()
        self.call_after_refresh(self.refresh_chrome)

    def header_text(self) -> Content:
        corpus, first = self.corpus, self.host.preview
        if corpus is not None:
            from kfor_tui.index.first_screen import header_of

            title, latest = header_of(corpus)
        elif first is not None:  # the kept first screen, as the corpus said it at the last start
            title, latest = first.title, first.latest
        else:
            return Content("kfor-tui")
        known_on = self.known_on
        if known_on is not None:
            as_of: str | tuple[str, str] = (f" as known on {day_label(known_on)}", "bold reverse")
        else:
            as_of = f" as of {day_label(latest)}" if latest is not None else ""
        view = self.view
        where = view.title() if view is not None else Content("")
        review = self.host.options.review
        counts = (" | ", review.counts_text()) if review is not None and known_on is None else ()
        fits = self.size.width - 2
        header = Content.assemble((title, "bold"), as_of, " | ", where, *counts)
        if counts and header.cell_length > fits:  # the review counts matter more than the date, then the title
            header = Content.assemble((title, "bold"), " | ", where, *counts)
            if header.cell_length > fits:
                header = Content.assemble(where, *counts)
        return header

    def refresh_chrome(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#header", Static).update(self.header_text())
        view, corpus = self.view, self.corpus
        status = view.status() if view is not None else Content("")
        if not status.plain and corpus is None and self.host.preview is not None:
            pending = self.host.pending
            if pending is not None:
                what = f"{pending.view} {pending.key}" if pending.key else pending.view
                status = Content(f"Opening {what} once the briefings are read{self.load_share}...")
            else:
                status = Content(self.load_note)
        elif not status.plain and corpus is not None and not getattr(self.app, "lookup_ready", True) and corpus.facts():
            status = Content("Preparing lookup (: and ctrl+p)...")
        elif not status.plain and corpus is not None and corpus.problems:
            status = Content(f"{len(corpus.problems)} problem(s): press ! to list them")
        self.query_one("#status", Static).update(status)
        self.refresh_bindings()

    def on_screen_suspend(self) -> None:
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 70, "-narrow")
        self.set_class(event.size.width >= 120, "-wide")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work here in one fixed order (bindings.DISPLAY_ORDER) for the footer and the help,
        wherever they are declared: a view's own keys would otherwise come first."""
        found = super().active_bindings
        order = sorted(found.items(), key=lambda item: _RANK.get(item[1].binding.id or "", -1))
        return dict(order)

    # ---------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_active:
            return False  # a prompt or an overlay is open: it owns the keys, and the footer says none of these
        if action in NEEDS_CORPUS and self.corpus is None:
            return self.host.preview is not None and action in PREVIEW_ACTIONS
        if action == "back":
            return self.host.history.can_back()
        if action == "forward":
            return self.host.history.can_forward()
        return True

    async def action_show_pane(self, name: str) -> None:
        await self.host.show_pane(name)

    def action_as_of(self) -> None:
        """@: show the briefings as known on a date (only what sources published by then), or as they are now."""
        from kfor_tui.ui.prompt import Prompt

        current = self.known_on

        def done(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                if current is not None:
                    self.post_message(ShowAsOf(None))
                return
            try:
                day = knowledge_day(text)
            except DateError as exc:
                self.app.notify(str(exc), severity="warning", markup=False)
                return
            self.post_message(ShowAsOf(day))

        self.app.push_screen(
            Prompt(
                "as known on:",
                "a date: 2023-06-30, 2023-06 (its last day), 13 June 2023; empty: as the files are now",
                current.isoformat() if current else "",
            ),
            done,
        )

    async def action_problems(self) -> None:
        await self.host.go(Location("problems"))

    async def action_back(self) -> None:
        await self.host.back()

    async def action_forward(self) -> None:
        await self.host.forward()

    async def action_remove_layer(self) -> None:
        """esc: remove one layer: search, then filter, then go back."""
        await self.host.remove_layer()

    async def action_close(self) -> None:
        """q: close the current view (back to where you came from); at a top-level pane, quit."""
        if not await self.host.close():
            self.app.exit(0)

    def action_search(self) -> None:
        from kfor_tui.ui.prompt import Prompt

        def done(term: str | None) -> None:
            view = self.view
            if not term or view is None:
                return
            if not view.search(term):
                self.app.notify(f"No match for {term!r} in this view.", markup=False)
            self.refresh_chrome()

        self.app.push_screen(Prompt("/", "search this view (n/N step, esc clears)"), done)

    def action_search_step(self, direction: int) -> None:
        view = self.view
        if view is not None:
            view.step(direction)
            self.refresh_chrome()

    def action_yank(self) -> None:
        """y: copy through OSC 52 (reaches the officer's own clipboard over SSH). Never opens a browser."""
        view = self.view
        found = view.yank_text() if view is not None else None
        if found is None:
            self.app.notify("Nothing to copy here.", markup=False)
            return
        what, text = found
        self.app.copy_to_clipboard(text)
        first = text.splitlines()[0]
        self.app.notify(f"Copied {what} ({len(text)} characters, OSC 52): {first[:70]}", title="Copied", markup=False)

    def action_help(self) -> None:
        from kfor_tui.ui.help_overlay import HelpOverlay, help_rows

        view = self.view
        title = view.title() if view is not None else Content("")
        self.app.push_screen(HelpOverlay(title.plain, help_rows(self)))

    def action_lookup(self) -> None:
        """`:` opens at once; while the index is still being built (a large corpus) the prompt takes what is
        typed and shows the hits as soon as the index is ready."""
        from kfor_tui.ui.lookup import LookupScreen

        host = cast("LookupHost", self.app)

        async def done(result: tuple[Hit, str] | None) -> None:
            if result is not None:
                await host.open_hit(*result)

        self.app.push_screen(LookupScreen(host.search_index), done)

    async def open_location_for_hit(self, hit: Hit, query: str) -> None:
        from kfor_tui.ui.lookup import location_for_hit

        corpus = self.corpus
        if corpus is not None:
            await self.host.go(location_for_hit(corpus, hit, query))
