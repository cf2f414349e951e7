"""The kfor-tui app: its lifetime, and thin workers that run the session's work in threads and post what it
returns. What is shown lives in the main screen and its view host; how it looks in ui/looks.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.signal import Signal
from textual.widget import MountError

from kfor_tui.io.reading import Limits, display_path
from kfor_tui.session import ChronologyView, CorpusSession, Review
from kfor_tui.ui import bindings
from kfor_tui.ui.compat import app_keymap, quitting
from kfor_tui.ui.hangup import watch_for_hangup
from kfor_tui.ui.keymap import ClashReporter, settings_problems
from kfor_tui.ui.looks import Looks, SaveTheme, css_variables, save_to_settings, variable_defaults
from kfor_tui.ui.main_screen import MainScreen
from kfor_tui.ui.messages import (
    CorpusLoaded,
    CorpusReloaded,
    FilesChanged,
    FirstScreenKept,
    IndexReady,
    LoadProgress,
    MarkReviewed,
    RecordSaved,
    ReviewRead,
    ShowAsOf,
    WatchStopped,
)

if TYPE_CHECKING:
    from textual.command import Provider

    from kfor_tui.index.search import Hit, SearchIndex
    from kfor_tui.io.watch import BriefingWatcher  # imported when watching starts (watchfiles loads a Rust library)
    from kfor_tui.model import Corpus
    from kfor_tui.settings import Settings
    from kfor_tui.ui.themes import LoadResult
    from kfor_tui.ui.views.base import View


PROGRESS_EVERY = 0.05  # seconds between two reports of the first load's progress


def lookup_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (Textual calls this then)."""
    from kfor_tui.ui.commands import LookupCommands

    return LookupCommands


class KforApp(App[int]):
    """Read KFOR briefings: nations, chronology and the sources every fact cites."""

    CSS_PATH = "kfor_tui.tcss"
    TITLE = "kfor-tui"
    COMMANDS = {lookup_commands}
    BINDINGS = bindings.APP

    def __init__(
        self,
        paths: list[Path],
        *,
        corpus: Corpus | None = None,
        settings: Settings | None = None,
        theme: str | None = None,
        themes: LoadResult | None = None,
        no_color: bool | None = None,
        ascii: bool = False,
        persist_theme: bool = True,
        save_theme: SaveTheme | None = None,
        watch: bool | None = None,
        as_of: date | None = None,
    ) -> None:
        super().__init__()
        self.looks = Looks(
            self, theme, themes, no_color, ascii, (save_theme or save_to_settings) if persist_theme else None
        )
        self.settings = settings
        self.session = CorpusSession(paths, Limits.from_settings(settings) if settings is not None else None)
        self.session.as_of = as_of
        self.review = Review()  # the review marks of the corpus on screen (read after the first screen)
        self._reviewed: Corpus | None = None  # the corpus the last ReviewRead was for
        self._review_said: str | None = None  # why marks are off, said once
        self.given = corpus  # a corpus loaded by the caller (tests, benchmarks): shown without loading
        self.watching = (settings.watch if settings is not None else True) if watch is None else watch
        self.search_index: SearchIndex | None = None
        self._indexed: Corpus | None = None  # the corpus the last IndexReady was for (its index may be None)
        self.index_ready: Signal[SearchIndex] = Signal(self, "index-ready")
        self.clashes = ClashReporter(self)
        self.animation_level = "none"
        self._watcher: BriefingWatcher | None = None  # once the briefings are on screen
        self._landing: RecordSaved | None = None  # a record just written: where the next reload lands

    # ---------------------------------------------------------------- what is shown

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def corpus(self) -> Corpus | None:
        """The corpus on screen (None while the first load runs)."""
        return self.main.corpus if self.screen_stack else None

    @property
    def view(self) -> View | None:
        return self.main.view if self.screen_stack else None

    @property
    def ready(self) -> bool:
        """The briefings are on screen, lookup is ready for them (or known to be unavailable) and their review
        marks are read (or known to be off)."""
        return self.lookup_ready and self._reviewed is self.corpus

    @property
    def lookup_ready(self) -> bool:
        """The lookup index of the corpus on screen is built (or known to be unavailable)."""
        corpus = self.corpus
        return corpus is not None and self._indexed is corpus

    @property
    def as_of(self) -> date | None:
        """The knowledge date the briefings are shown as of (--as-of, @); None: as the files are now."""
        return self.session.as_of

    # ---------------------------------------------------------------- looks (ui/looks.py)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(super().get_theme_variable_defaults())

    def get_css_variables(self) -> dict[str, str]:
        return css_variables(super().get_css_variables())

    def validate_theme(self, theme_name: str) -> str:
        """A switch to a theme the app cannot use keeps the current one, with a notice (Textual calls this
        before applying any `app.theme = name`: the palette, :theme). Not yet during Looks' own setup."""
        looks: Looks | None = getattr(self, "looks", None)
        return theme_name if looks is None else looks.vet(theme_name)

    def refresh_css(self, animate: bool = True) -> None:
        """The backstop of validate_theme: a theme that fails as it is applied goes back to the last good one."""
        try:
            super().refresh_css(animate)
        except Exception as exc:
            if not self.looks.recover(exc):
                raise

    def get_key_display(self, binding: Binding) -> str:
        return self.looks.key_display(binding, super().get_key_display(binding))

    # ---------------------------------------------------------------- lifetime

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.looks.theme_changed)
        watch_for_hangup(self)
        if self.looks.errors:
            self.notify(
                "\n".join(self.looks.errors), title="Theme problems", severity="warning", markup=False, timeout=10
            )
        if self.settings is not None:  # the user's [keymap], and once, what was wrong with the settings
            self.set_keymap(self.settings.keymap)
            if problems := settings_problems(self.settings):
                self.notify("\n".join(problems), title="Settings", severity="warning", markup=False, timeout=12)
        if self.given is not None:
            self.post_message(CorpusLoaded(self.session.shown(self.given)))
        else:
            self.load()

    def on_unmount(self) -> None:
        self.stop_watching()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette":  # not while loading, nor over a prompt or an overlay
            return self.corpus is not None and self.screen is self.main
        return True

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        self.clashes.report(clashed_bindings, node, app_keymap(self))

    # ---------------------------------------------------------------- workers: the session's work, off the UI thread

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load the briefings")
    def load(self) -> None:
        started = time.monotonic()
        last_phase, last_posted = "", 0.0

        def progress(phase: str, done: int, total: int) -> None:
            """Reported per file; posted at most every PROGRESS_EVERY seconds (and at a phase's start and end):
            each report repaints the status line on the UI thread, which would slow the load it reports."""
            nonlocal last_phase, last_posted
            now = time.monotonic()
            if phase == last_phase and done < total and now - last_posted < PROGRESS_EVERY:
                return
            last_phase, last_posted = phase, now
            self.post_message(LoadProgress(phase, done, total, now - started))

        kept = self.session.preview()
        if kept is not None:
            self.post_message(FirstScreenKept(kept))
        self.post_message(CorpusLoaded(self.session.shown(self.session.open(progress))))

    # Every worker has a description: Textual otherwise names a worker by repr() of its arguments, on the UI
    # thread, and the repr of a corpus grows with it.
    @work(thread=True, exclusive=True, group="index", exit_on_error=False, description="build the lookup index")
    def build_index(self, corpus: Corpus) -> None:
        self.post_message(IndexReady(self.session.index(corpus, self._chronology()), corpus))

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False, description="reload changed briefings")
    def reload(self) -> None:
        reloaded = self.session.reload(self._chronology())
        if reloaded is None:
            return
        reloaded = replace(reloaded, corpus=self.session.shown(reloaded.corpus))
        self.post_message(CorpusReloaded(reloaded))
        self.post_message(IndexReady(self.session.index(reloaded.corpus, self._chronology()), reloaded.corpus))
        self.post_message(ReviewRead(self.session.review(reloaded.corpus), reloaded.corpus))

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False, description="show another knowledge date")
    def show_as_of(self, day: date | None) -> None:
        """Work the briefings out again as known on `day` (None: as the files are now), from the corpus loaded."""
        self.session.as_of = day
        loaded = self.session.corpus if self.given is None else self.given
        if loaded is None:
            return
        corpus = self.session.shown(loaded)
        from kfor_tui.session import Reloaded

        self.post_message(CorpusReloaded(Reloaded(corpus)))
        self.post_message(IndexReady(self.session.index(corpus, self._chronology()), corpus))
        self.post_message(ReviewRead(self.session.review(corpus), corpus))

    @work(thread=True, group="review", exit_on_error=False, description="read the review marks")
    def read_review(self, corpus: Corpus) -> None:
        self.post_message(ReviewRead(self.session.review(corpus), corpus))

    @work(thread=True, group="review", exit_on_error=False, description="mark records reviewed")
    def write_review(self, corpus: Corpus, ids: tuple[str, ...]) -> None:
        self.post_message(ReviewRead(self.session.mark_reviewed(corpus, ids), corpus, marked=len(ids)))

    def _chronology(self) -> ChronologyView:
        flt = self.main.host.options.chronology
        return ChronologyView(flt.kind, flt.nation)

    # ---------------------------------------------------------------- what the workers report

    # Each report is dropped once the app is closing (quitting, or its screens taken down): its screen may be
    # gone already.

    def _ending(self) -> bool:
        return quitting(self) or not self.screen_stack or not isinstance(self.screen_stack[0], MainScreen)

    def on_load_progress(self, message: LoadProgress) -> None:
        if not self._ending():
            self.main.show_load_progress(message)

    async def on_first_screen_kept(self, message: FirstScreenKept) -> None:
        if not self._ending() and self.corpus is None:
            with self._unless_ending():
                await self.main.show_preview(message.first)

    async def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        if self._ending():
            return
        with self._unless_ending():
            await self.main.show(message.corpus, self.as_of)
        if self._ending():
            return
        self.call_after_refresh(self.build_index, message.corpus)  # after the first screen: it competes for the CPU
        self.call_after_refresh(self.read_review, message.corpus)
        problems = message.corpus.problems
        if problems:
            errors = len(message.corpus.errors())
            self.notify(
                f"{len(problems)} problem(s) in the briefings ({errors} error(s)): press ! to list them.",
                title="Briefing problems",
                severity="error" if errors else "warning",
                markup=False,
                timeout=8,
            )
        self.call_after_refresh(self.start_watching)  # after the first screen too: watchfiles loads a Rust library

    @contextmanager
    def _unless_ending(self) -> Iterator[None]:
        """Showing what a worker reported: a widget the app took down meanwhile, because it began to close
        while the view was being built, ends it quietly; anything else is raised."""
        try:
            yield
        except (MountError, NoMatches):
            if not self._ending():
                raise

    def on_index_ready(self, message: IndexReady) -> None:
        if self._ending() or message.corpus is not self.corpus:
            return  # built for a corpus a reload has replaced since
        self.search_index = message.index
        self._indexed = message.corpus
        self.main.refresh_chrome()
        if message.index is None:
            self.notify(
                "Lookup is not available: the search index could not be built.", markup=False, severity="warning"
            )
        else:
            self.index_ready.publish(message.index)

    async def on_corpus_reloaded(self, message: CorpusReloaded) -> None:
        """Show the reloaded corpus where the reader was (view, cursor row, history kept); say what changed.
        After a record was written from the app, land on it instead, with one notice saying so."""
        if self._ending():
            return
        notice = message.reloaded.notice()
        landing, written = self._landing, display_path(self._landing.path) if self._landing is not None else ""
        if landing is not None and not landing.arrived(message.reloaded.corpus):
            if any(c.path == written for c in message.reloaded.changes):
                self._landing = None  # the file was read again without it: shown as known on a date before it
            landing = None  # else a reload of something else, or one that came before the write
        if landing is not None and notice is not None and notice[1] == "information":
            notice = None if all(c.path == written for c in message.reloaded.changes) else notice
        if notice is not None:
            text, severity = notice
            self.notify(
                text,
                title="Briefings reloaded",
                severity=severity,
                markup=False,
                timeout=10 if severity == "error" else 4,
            )
        if message.reloaded.corpus is not self.corpus:
            await self.main.show(message.reloaded.corpus, self.as_of)
        if landing is not None:
            self._landing = None
            where, said = landing.landing(message.reloaded.corpus)
            if where is not None:
                await self.main.host.go(where)
            self.notify(said, markup=False, timeout=6)

    def on_record_saved(self, message: RecordSaved) -> None:
        """A record was written from the app: reload now (the watcher may also see the write: the second
        reload finds nothing changed) and land on it once the reloaded corpus has it."""
        self._landing = message
        self.reload()

    async def on_review_read(self, message: ReviewRead) -> None:
        """Show the marks read (or written) for the corpus on screen; say once why they are off."""
        if self._ending() or message.corpus is not self.corpus:
            return
        self.review = message.review
        self._reviewed = message.corpus
        off = message.review.off
        if off is not None and off != self._review_said and self.as_of is None:
            self.notify(f"Review marks are off: {off}", title="Review", severity="warning", markup=False, timeout=8)
        self._review_said = off
        if message.review.warnings and not message.marked:
            self.notify("\n".join(message.review.warnings), title="Review", severity="warning", markup=False)
        if message.marked and off is None:
            what = "record" if message.marked == 1 else "records"
            self.notify(f"Marked {message.marked:,} {what} reviewed.", title="Review", markup=False, timeout=3)
        elif message.marked:
            self.notify(f"Nothing marked reviewed: {off}", title="Review", severity="warning", markup=False)
        await self.main.host.set_review(message.review.state)
        self.main.refresh_chrome()

    def on_show_as_of(self, message: ShowAsOf) -> None:
        if message.day != self.as_of:
            self.show_as_of(message.day)

    def on_mark_reviewed(self, message: MarkReviewed) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        if self.as_of is not None:
            self.notify(
                "Marking reviewed works on the briefings as they are now: press @ and clear the date first.",
                severity="warning",
                markup=False,
            )
            return
        self.write_review(corpus, message.ids)

    # ---------------------------------------------------------------- live reload (kfor_tui.io.watch)

    def start_watching(self) -> None:
        """Watch the loaded briefings (inotify, or polling where that sees nothing): a change reloads them.
        Only when the app loaded the briefings itself; it only reads them, never writes."""
        if not self.watching or self.given is not None or self._watcher is not None:
            return
        from kfor_tui.io.watch import BriefingWatcher

        def changed(paths: set[Path]) -> None:  # called in the watcher's thread: post_message is thread-safe
            self.post_message(FilesChanged(paths))

        def stopped(why: str) -> None:
            self.post_message(WatchStopped(why))

        self._watcher = BriefingWatcher(self.session.paths, changed, on_error=stopped)
        self._watcher.start()
        self.reload()  # a file saved between the first load and the watcher's start is seen now

    def stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    def on_files_changed(self, message: FilesChanged) -> None:
        self.reload()

    def on_watch_stopped(self, message: WatchStopped) -> None:
        self._watcher = None
        self.notify(
            f"Briefings are no longer watched for changes: {message.why}",
            title="Live reload",
            severity="warning",
            markup=False,
            timeout=10,
        )

    # ---------------------------------------------------------------- lookup

    async def open_hit(self, hit: Hit, query: str) -> None:
        """Land on a lookup hit; `:theme NAME` and `:q` come here as hits too."""
        if hit.kind == "command":
            if hit.id.startswith("theme:"):
                self.theme = hit.id.removeprefix("theme:")
            elif hit.id == "quit":
                self.exit(0)
            return
        await self.main.open_location_for_hit(hit, query)
