"""The kfor-tui app: marking banners, header, one view at a time, a footer of the keys that work here."""

from __future__ import annotations

import gc
import os
import sys
import time
from functools import partial
from pathlib import Path

from rich.segment import Segment
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.geometry import Offset
from textual.message import Message
from textual.widgets import Static

from kfor_tui.index.search import Hit as SearchHit
from kfor_tui.index.search import SearchIndex
from kfor_tui.model import Corpus, Problem
from kfor_tui.settings import Settings
from kfor_tui.ui.chronology_pane import ChronologyFilter, ChronologyPane, parse_filter
from kfor_tui.ui.fact_detail import FactDetail
from kfor_tui.ui.help_overlay import HelpOverlay
from kfor_tui.ui.key_footer import KeyFooter
from kfor_tui.ui.list_keys import KeyedOptionList, KeyedTable
from kfor_tui.ui import marks
from kfor_tui.ui.history import History, Place
from kfor_tui.ui.lookup import LookupCommands, LookupScreen, place_for_hit
from kfor_tui.ui.nation_detail import NationDetail
from kfor_tui.ui.nations_pane import NationsPane
from kfor_tui.ui.problems_view import ProblemsView
from kfor_tui.ui.prompt import Prompt
from kfor_tui.ui.source_reader import SourceReader
from kfor_tui.ui.sources_pane import SourcesPane
from kfor_tui.ui.terminal import to_ascii, use_ascii
from kfor_tui.ui.themes import APP_VARIABLES, DEFAULT_THEME, LoadResult, load_themes
from kfor_tui.ui.view_base import Navigate, View
from kfor_tui.ui.virtual_table import VirtualTable

ROOT_VIEWS = ("nations", "chronology", "sources")
POLL_COST_RATIO = 30  # poll the files at most once per 30x the time a poll takes (~3% of a core) ...
POLL_MAX_S = 2.0  # ... but at least every 2 s, so an edit shows soon on any corpus
NEEDS_CORPUS = {"show_pane", "problems", "back", "forward", "dismiss", "search", "search_step", "close", "sort",
                "filter", "jump_year", "fact_detail", "help", "lookup", "command_palette", "yank"}


class CorpusLoaded(Message):
    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class LoadProgress(Message):
    """How far the first load has got (io/reload.py's progress callback, at most ten a second)."""

    def __init__(self, phase: str, done: int, total: int, elapsed: float) -> None:
        super().__init__()
        self.phase, self.done, self.total, self.elapsed = phase, done, total, elapsed


def progress_text(phase: str, done: int, total: int, elapsed: float, width: int = 20) -> str:
    """'Reading briefings: 3,214 of 10,000 files  [████░░░░]  32%  1.4 s' (ASCII with --ascii)."""
    from kfor_tui.ui.terminal import glyphs

    if phase == "checking":
        return f"Checking {total:,} files (ids, references, quotes, dates)...  {elapsed:.1f} s"
    share = done / total if total else 1.0
    filled = round(width * share)
    bar = glyphs().bar_done * filled + glyphs().bar_left * (width - filled)
    return f"Reading briefings: {done:,} of {total:,} files  [{bar}]  {share:.0%}  {elapsed:.1f} s"


class IndexReady(Message):
    """The lookup index, built after the first screen is up so it never delays it."""

    def __init__(self, index: SearchIndex | None, corpus: Corpus | None = None) -> None:
        super().__init__()
        self.index = index
        self.corpus = corpus  # the corpus it indexes: an index of a corpus since replaced is dropped


class CorpusReloaded(Message):
    """Files changed on disk and were reloaded (kfor_tui.io.reload); `changes` says which and how."""

    def __init__(self, corpus: Corpus, changes: list) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.corpus = corpus
        self.changes = changes


class AsciiFilter(LineFilter):
    """--ascii: replace the box drawing and symbols Textual draws itself (scrollbars, footer, borders)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [segment if segment.text.isascii() else Segment(to_ascii(segment.text), segment.style, segment.control)
                for segment in segments]


class KforApp(App[int]):
    """Read KFOR briefings: nations, chronology and the sources every fact cites."""

    CSS_PATH = "kfor_tui.tcss"
    TITLE = "kfor-tui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {LookupCommands}
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="palette"),
        Binding("colon", "lookup", "Lookup", id="lookup"),
        Binding("1", "show_pane('nations')", "Nations", id="pane-nations"),
        Binding("2", "show_pane('chronology')", "Chronology", id="pane-chronology"),
        Binding("3", "show_pane('sources')", "Sources", id="pane-sources"),
        Binding("exclamation_mark", "problems", "Problems", show=False, id="problems"),
        Binding("left_square_bracket", "back", "Back", id="back"),
        Binding("right_square_bracket", "forward", "Fwd", show=False, id="forward"),
        Binding("escape", "dismiss", "Remove a layer, back", show=False, id="dismiss"),
        Binding("slash", "search", "Search", show=False, id="search"),
        Binding("n", "search_step(1)", "Next match or quote", show=False, id="search-next"),
        Binding("N", "search_step(-1)", "Previous match or quote", show=False, id="search-previous"),
        Binding("s", "sort", "Sort", id="sort"),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("Y", "jump_year", "Year", id="jump-year"),
        Binding("i", "fact_detail", "Fact", show=False, id="fact-detail"),
        Binding("y", "yank", "Copy", show=False, id="yank"),
        Binding("tab", "app.focus_next", "Next part", show=False, id="focus-next"),
        Binding("shift+tab", "app.focus_previous", "Previous part", show=False, id="focus-previous"),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding("q", "close", "Close", id="close"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
    ]

    def __init__(self, paths: list[Path], *, corpus: Corpus | None = None, settings: Settings | None = None,
                 theme: str | None = None, themes: LoadResult | None = None, no_color: bool | None = None,
                 ascii: bool = False, persist_theme: bool = True, watch: bool | None = None) -> None:
        super().__init__()
        self._setup_looks(theme, themes, no_color, ascii, persist_theme)  # themes, colour, glyphs
        # ---- settings and keymap (kfor_tui.settings, kfor_tui.ui.keymap)
        self.settings = settings
        self._keymap_reported: set[frozenset[str]] = set()
        # ----
        self.paths = paths
        self.corpus: Corpus | None = corpus
        # ---- live reload (kfor_tui.io.reload): on unless --no-watch / KFOR_WATCH=0 / watch = false; only when
        # the app loaded the briefings itself. The app only reads briefing files, never writes them.
        self.watch = (settings.watch if settings is not None else True) if watch is None else watch
        self.watch_interval = 0.5
        self._last_poll = 0.0
        self._poll_cost = 0.0  # seconds the last check of the files took
        self.load_limits = None  # kfor_tui.io.reading.Limits; None = from the settings (max_file_mb, max_total_mb)
        self._loader = None
        self._watch_timer = None
        # ----
        self.search_index: SearchIndex | None = None
        self.history = History()
        self._kept: dict[str, tuple[tuple[object, ...] | None, View]] = {}  # root panes kept mounted (go)
        self._view_width = 0
        self._subjects_stored = False  # the nations pane's rows are in the load cache
        self.nation_sort = "name"
        self.chrono_filter = ChronologyFilter()
        self.animation_level = "none"
        self._announced = False
        self._width_class = ""

    # ---------------------------------------------------------------- themes, colour, glyphs (ui/themes.py, ui/terminal.py)

    def _setup_looks(self, theme: str | None, themes: LoadResult | None, no_color: bool | None, ascii: bool,
                     persist_theme: bool) -> None:
        """Register kfor-tui's themes (shipped, user, terminal) in place of Textual's, pick one, and set up
        no-colour (NO_COLOR only when non-empty, or --color none) and ASCII glyphs."""
        from textual.filter import Monochrome, NoColor
        from textual.theme import BUILTIN_THEMES

        loaded = themes if themes is not None else load_themes()
        self.theme_errors = list(loaded.errors)
        for registered in loaded.themes.values():
            self.register_theme(registered)
        wanted = theme if theme in loaded.themes else DEFAULT_THEME if DEFAULT_THEME in loaded.themes else "terminal-dark"
        if theme and theme not in loaded.themes:
            self.theme_errors.append(f"No theme {theme!r}; using {wanted}. Themes: {', '.join(sorted(loaded.themes))}")
        self.theme = wanted
        for name in BUILTIN_THEMES:
            if name not in loaded.themes:
                self.unregister_theme(name)
        self._refresh_truecolor_filter(self.ansi_theme)  # an ansi theme chosen before the theme watcher runs
        self._persist_theme = persist_theme
        self._persisted_theme = wanted
        if no_color is None:
            from kfor_tui.ui.terminal import no_color_requested

            no_color = no_color_requested()
        self.no_color = no_color
        self._filters = [f for f in self._filters if not isinstance(f, (Monochrome, NoColor))]
        if no_color:
            self._filters.append(NoColor())  # default colours only (39/49): no colour at all, styles kept
        self.ascii_mode = ascii
        use_ascii(ascii)
        if ascii:
            self._filters.append(AsciiFilter())
        self.set_class(no_color, "-no-color")
        self.set_class(ascii, "-ascii")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def get_key_display(self, binding: Binding) -> str:
        """--ascii: key names instead of arrows and symbols (↑ -> up, ⏎ -> enter)."""
        shown = super().get_key_display(binding)
        if not self.ascii_mode or shown.isascii():
            return shown
        from kfor_tui.ui.terminal import ascii_key_display

        return ascii_key_display(shown)

    def get_css_variables(self) -> dict[str, str]:
        from kfor_tui.ui.themes import resolve_references

        self.theme_variables = resolve_references(super().get_css_variables())
        marks.set_theme(self.theme_variables)
        return self.theme_variables

    def _theme_changed(self, theme) -> None:  # type: ignore[no-untyped-def]
        """Redraw the view in the new theme's mark colours; remember a theme chosen in the app (palette)."""
        view = self.view
        if view is not None and self.corpus is not None:
            self.call_later(self._redraw, view)
        if not self._persist_theme or theme.name == self._persisted_theme:
            return
        self._persisted_theme = theme.name
        try:
            from kfor_tui import settings  # type: ignore[attr-defined]

            settings.save_setting("theme", theme.name)  # type: ignore[attr-defined]
        except (OSError, ValueError) as exc:  # read-only folder, full disk, a broken config.toml
            self.notify(f"Theme not saved: {exc}", title="Settings", severity="warning", markup=False)
        except Exception:  # noqa: BLE001 - never let saving a preference take the app down
            pass

    async def _redraw(self, view: View) -> None:
        """Rebuild a view in place (new theme colours), unless the user has moved on since."""
        if self.view is view:
            await self.go(view.current_place(), record=False)

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="banner-top", classes="marking")
        yield Static(Content("kfor-tui: loading briefings..."), id="header")
        yield Container(Static(Content("Loading briefings..."), classes="note"), id="view")
        yield Static(Content(""), id="status")
        yield KeyFooter(compact=True)
        yield Static(Content(""), id="banner-bottom", classes="marking")

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._watch_terminal()
        if self.theme_errors:
            self.notify("\n".join(self.theme_errors), title="Theme problems", severity="warning", markup=False,
                        timeout=10)
        self._apply_width(self.size.width)
        self.apply_settings()
        if self.corpus is not None:
            self.post_message(CorpusLoaded(self.corpus))
        else:
            self.load_corpus()

    def _watch_terminal(self) -> None:
        """Quit when the terminal goes away. A dropped SSH link or a killed tmux hangs up the terminal, but a
        process started under another (`make run`) may get no SIGHUP, and Textual's input thread then spins on
        end-of-file at full CPU for ever, on a shared host. Once a second, one isatty() call notices."""
        if self.is_headless:
            return
        try:
            fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        except (OSError, ValueError):
            return
        if fd < 0 or not os.isatty(fd):
            return

        def check() -> None:
            if not os.isatty(fd):
                self.exit(return_code=129)  # 128 + SIGHUP, as if hung up

        self.set_interval(1.0, check, name="terminal watch")

    def _prepare_first_view(self, loader, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
        """Work out the nations pane's rows here, in the load worker, not on the UI thread when the pane
        mounts (0.5 s at 10,000 articles), or take them from the load cache when no briefing changed."""
        from kfor_tui.index.nation_summary import SUBJECTS_FORMAT, headlines, subjects

        headlines(corpus)
        stored = loader.cached("subjects", corpus, SUBJECTS_FORMAT)
        if isinstance(stored, list):
            subjects.seed(corpus, stored)  # type: ignore[attr-defined]
            self._subjects_stored = True
        else:
            subjects(corpus)

    def _warm_panes(self, corpus: Corpus) -> None:
        """Work out the panes' rows in a worker (each query is kept per corpus), so that showing a pane costs
        the UI thread nothing (at 10,000 articles: 0.5 s for the nations, 0.7 s for the chronology)."""
        from kfor_tui.index.chronology import by_year, sources_by_date
        from kfor_tui.index.nation_summary import citing, headlines, subjects

        headlines(corpus)
        subjects(corpus)
        flt = self.chrono_filter
        by_year(corpus, flt.kind, flt.nation)
        sources_by_date(corpus)
        citing(corpus, "")  # the sources pane's fact counts

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load the briefings")
    def load_corpus(self) -> None:
        """Read the briefings off the UI thread; never touches widgets, only posts the result."""
        from kfor_tui.io.reload import Loader

        try:
            limits = self.load_limits
            if limits is None and self.settings is not None:
                from kfor_tui.io.reading import Limits

                limits = Limits.from_settings(self.settings)  # max_file_mb, max_total_mb
            started = time.monotonic()
            last = [0.0]

            def progress(phase: str, done: int, total: int) -> None:
                now = time.monotonic()
                if phase == "reading" and done < total and now - last[0] < 0.1:
                    return
                last[0] = now
                self.post_message(LoadProgress(phase, done, total, now - started))

            loader = Loader(self.paths, limits, progress)
            corpus = loader.load()
            loader.progress = None  # reloads are quick and announced when done
            self._loader = loader
            self._prepare_first_view(loader, corpus)
        except Exception as exc:  # noqa: BLE001 - the app never shows a traceback
            corpus = Corpus(problems=(Problem(", ".join(map(str, self.paths)), 1, 1, "error",
                                              f"could not load: {type(exc).__name__}: {exc}"),))
        self.post_message(CorpusLoaded(corpus))

    # description given: Textual otherwise names a worker by repr() of its arguments, on the UI thread, and
    # the repr of a 100,000-record corpus takes seconds
    @work(thread=True, exclusive=True, group="index", exit_on_error=False, description="build the lookup index")
    def build_index(self, corpus: Corpus) -> None:
        self._post_index(corpus)

    def _post_index(self, corpus: Corpus) -> None:
        """Build the lookup index (in a worker thread) and post it; a failure loses lookup, not the briefing."""
        enabled = gc.isenabled()
        gc.disable()  # as while loading (io/loader.py): many objects made, none freed
        try:
            self._warm_panes(corpus)  # first, so that 2 and 3 open at once later
            loader = self._loader
            index: SearchIndex | None = None
            if loader is not None:  # kept from the last start when no briefing changed since
                index = loader.cached("search-index", corpus, SearchIndex.FORMAT)
            built = not isinstance(index, SearchIndex)
            if built:
                index = SearchIndex.build(corpus)
            index.search("warm up barduany June 2023", limit=1)  # import the fuzzy and date parsers now
        except Exception:  # noqa: BLE001
            index, built = None, False
        finally:
            gc.freeze()  # like the corpus, the index lives until the next reload: the collector need not scan it
            if enabled:
                gc.enable()
        self.post_message(IndexReady(index, corpus))
        loader = self._loader
        if loader is not None:
            try:
                loader.after_first_load()  # write the load cache, now that the corpus is on screen
                if index is not None and built:
                    loader.store("search-index", corpus, SearchIndex.FORMAT, index)  # for the next start
                if not self._subjects_stored:
                    from kfor_tui.index.nation_summary import SUBJECTS_FORMAT, subjects

                    loader.store("subjects", corpus, SUBJECTS_FORMAT, subjects(corpus))
                    self._subjects_stored = True
            except Exception:  # noqa: BLE001 - a cache not written only costs speed next time
                pass

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.corpus is not None:
            return
        for note in self.query("#view .note").results(Static):
            note.update(Content(progress_text(message.phase, message.done, message.total, message.elapsed)))

    def on_index_ready(self, message: IndexReady) -> None:
        if message.corpus is not None and message.corpus is not self.corpus:
            return  # built for a corpus a reload has replaced since
        self.search_index = message.index
        self.refresh_chrome()
        if message.index is not None:
            for screen in self.screen_stack:
                if isinstance(screen, LookupScreen) and screen.index is None:
                    screen.index_ready(message.index)
        if message.index is None:
            self.notify("Lookup is not available: the search index could not be built.", markup=False,
                        severity="warning")

    async def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        self.corpus = message.corpus
        marking = " / ".join(self.corpus.markings()) or "NO MARKING"
        for banner in self.query(".marking"):
            banner.update(Content(marking))
        await self.go(Place("nations"))
        # the lookup index once the first screen is drawn: building it competes for the interpreter
        self.call_after_refresh(self.build_index, self.corpus)
        problems = self.corpus.problems
        if problems and not self._announced:
            self._announced = True
            errors = len(self.corpus.errors())
            self.notify(f"{len(problems)} problem(s) in the briefings ({errors} error(s)): press ! to list them.",
                        title="Briefing problems", severity="error" if errors else "warning", markup=False, timeout=8)
        self.start_watching()

    # ---------------------------------------------------------------- live reload (kfor_tui.io.reload)

    def start_watching(self) -> None:
        """Poll the loaded files every `watch_interval` seconds: a timer starts a short thread worker that stats
        them (a stat per file and folder, no reading) and reloads only what changed. A timer rather than one
        endless worker, so waiting for the app's workers to finish never waits forever."""
        if self.watch and self._loader is not None and self._watch_timer is None:
            self._watch_timer = self.set_interval(self.watch_interval, self._poll_files, name="watch briefings")

    def stop_watching(self) -> None:
        if self._watch_timer is not None:
            self._watch_timer.stop()
            self._watch_timer = None

    def _poll_files(self) -> None:
        if any(w.group == "watch" and not w.is_finished for w in self.workers):
            return  # the last poll (or its reload) is still running
        # a poll stats every file (60 ms for 10,000): poll less often on a big corpus, so that watching
        # costs ~3% of a core at most while the app sits idle (every 0.5 s up to ~1,000 files, 2 s at 10,000)
        wait = min(POLL_MAX_S, max(self.watch_interval, POLL_COST_RATIO * self._poll_cost))
        if time.monotonic() - self._last_poll < wait:
            return
        self._last_poll = time.monotonic()
        self.check_files()

    @work(thread=True, group="watch", exit_on_error=False, description="check the briefing files")
    def check_files(self) -> None:
        """Off the UI thread: reload when something changed and post the result; never touches widgets."""
        loader = self._loader
        if loader is None:
            return
        try:
            started = time.monotonic()
            changed = loader.changed()
            self._poll_cost = time.monotonic() - started
            if not changed:
                return
            corpus, changes = loader.reload()
            self._warm_panes(corpus)
        except Exception as exc:  # noqa: BLE001 - a failed reload keeps what is on screen
            self.post_message(CorpusReloaded(self.corpus or Corpus(), [f"reload failed: {type(exc).__name__}: {exc}"]))
            return
        self.post_message(CorpusReloaded(corpus, changes))
        self._post_index(corpus)

    async def on_corpus_reloaded(self, message: CorpusReloaded) -> None:
        """Swap in the reloaded corpus, keeping the view, its cursor row and the history; say what changed."""
        self._notify_changes(message.changes)
        if message.corpus is self.corpus:
            return
        self.corpus = message.corpus
        marking = " / ".join(self.corpus.markings()) or "NO MARKING"
        for banner in self.query(".marking"):
            banner.update(Content(marking))
        view = self.view
        if view is None:
            return
        place = view.current_place()
        self.history.update(place)
        try:
            await self.go(place, record=False)
        except Exception:  # noqa: BLE001 - the record shown is gone or changed shape: fall back to its pane
            await self.go(Place(place.view if place.view in ROOT_VIEWS else "nations"), record=False)

    def _notify_changes(self, changes: list) -> None:  # type: ignore[type-arg]
        texts = [c if isinstance(c, str) else c.message for c in changes]
        bad = [c for c in changes if isinstance(c, str) or c.severity == "error"]
        if not texts:
            return
        if len(texts) > 4:
            deleted = sum(1 for c in changes if getattr(c, "what", "") == "deleted")
            texts = [f"{len(texts)} files changed: {len(bad)} with errors, {deleted} deleted; press ! for problems"]
        severity = "error" if bad else "warning" if any(getattr(c, "what", "") == "deleted" for c in changes) \
            else "information"
        self.notify("\n".join(texts), title="Briefings reloaded", severity=severity, markup=False,
                    timeout=10 if bad else 4)

    def header_text(self) -> Content:
        corpus = self.corpus
        if corpus is None:
            return Content("kfor-tui")
        title = corpus.briefings[0].title if len(corpus.briefings) == 1 else f"{len(corpus.briefings):,} briefings"
        dates = [b.as_of for b in corpus.briefings]
        as_of = f" as of {max(dates):%-d %b %Y}" if dates else ""
        view = self.view
        where = view.title() if view is not None else Content("")
        return Content.assemble((title, "bold"), as_of, " | ", where)

    @property
    def view(self) -> View | None:
        try:
            views = [v for v in self.query_one("#view", Container).query_children(View) if v.display]
        except Exception:  # noqa: BLE001 - before compose
            return None
        return views[0] if views else None

    def refresh_chrome(self) -> None:
        self.query_one("#header", Static).update(self.header_text())
        view = self.view
        status = view.status() if view is not None else Content("")
        if not status.plain and self.corpus is not None and self.search_index is None and self.corpus.facts():
            status = Content("Preparing lookup (: and ctrl+p)...")
        elif not status.plain and self.corpus is not None and self.corpus.problems:
            status = Content(f"{len(self.corpus.problems)} problem(s): press ! to list them")
        self.query_one("#status", Static).update(status)
        self.refresh_bindings()

    def _apply_width(self, width: int) -> None:
        self.screen.set_class(width < 70, "-narrow")
        self.screen.set_class(width >= 120, "-wide")

    @property
    def view_width(self) -> int:
        """The width views are laid out for: the last resize's (App.size may not have caught up yet)."""
        return self._view_width or self.size.width

    async def on_resize(self, event) -> None:  # type: ignore[no-untyped-def]
        self._apply_width(event.size.width)
        self._view_width = event.size.width
        view = self.view
        if view is not None and view.width != event.size.width and self.corpus is not None:
            await self.go(view.current_place(), record=False)

    # ---------------------------------------------------------------- navigation

    def build(self, place: Place) -> View:
        assert self.corpus is not None
        width = self.view_width
        if place.view == "nations":
            return NationsPane(self.corpus, place, width, self.nation_sort)
        if place.view == "chronology":
            return ChronologyPane(self.corpus, place, width, self.chrono_filter)
        if place.view == "sources":
            return SourcesPane(self.corpus, place, width)
        if place.view == "nation":
            return NationDetail(self.corpus, place, width)
        if place.view == "reader":
            return SourceReader(self.corpus, place, width)
        if place.view == "fact":
            return FactDetail(self.corpus, place, width)
        return ProblemsView(self.corpus, place, width)

    async def go(self, place: Place, record: bool = True) -> None:
        """Show a place. With `record`, remember where we were and add the place to the history."""
        current = self.view
        if record:
            if current is not None:
                self.history.update(current.current_place())
            self.history.visit(place)
        container = self.query_one("#view", Container)
        key = self._keep_key(place)
        kept = self._kept.get(place.view)
        view = kept[1] if kept is not None and kept[0] == key else None
        for child in list(container.children):
            if child is view:
                continue
            held = self._kept.get(child.place.view) if isinstance(child, View) else None
            if held is not None and held[1] is child and held[0] == self._keep_key(child.place):
                child.display = False  # a pane kept for later: hidden, not rebuilt
            else:
                if held is not None and held[1] is child:
                    del self._kept[child.place.view]
                await child.remove()
        if view is not None:
            view.display = True
            view.place = place
            table = view.active_table()
            if table is not None:
                view.restore_row(table, place.row)
        else:
            view = self.build(place)
            await container.mount(view)
            if key is not None:
                self._kept[place.view] = (key, view)
        view.focus_first()
        self.call_after_refresh(self.refresh_chrome)
        self.refresh_chrome()

    def _keep_key(self, place: Place) -> tuple[object, ...] | None:
        """The three panes stay mounted (hidden) while what they show is unchanged (same corpus, width,
        theme, sort and filter), so switching between them is a repaint and each keeps its cursor."""
        if place.view not in ROOT_VIEWS:
            return None
        shown_by = {"nations": self.nation_sort, "chronology": self.chrono_filter}.get(place.view)
        # id first: a reloaded corpus differs by id at once, never compared field by field
        return (id(self.corpus), self.corpus, self.view_width, self.theme, shown_by)

    async def on_navigate(self, message: Navigate) -> None:
        message.stop()
        await self.go(message.place)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_CORPUS and self.corpus is None:
            return False
        if action in NEEDS_CORPUS and self.screen is not self.screen_stack[0]:
            return False  # an overlay or prompt is open: it owns the keys
        view = self.view
        if action == "sort":
            return isinstance(view, NationsPane)
        if action in ("filter", "jump_year"):
            return isinstance(view, ChronologyPane)
        if action == "fact_detail":
            return isinstance(view, (ChronologyPane, NationDetail, SourceReader))
        if action == "back":
            return self.history.can_back()
        if action == "forward":
            return self.history.can_forward()
        return True

    async def action_show_pane(self, name: str) -> None:
        """1/2/3: the pane, where its cursor was left (a pane kept mounted remembers it)."""
        kept = self._kept.get(name)
        place = Place(name)
        if kept is not None and kept[0] == self._keep_key(place) and kept[1] is not self.view:
            place = kept[1].current_place()
        await self.go(place)

    async def action_problems(self) -> None:
        await self.go(Place("problems"))

    async def action_back(self) -> None:
        view = self.view
        if view is not None:
            self.history.update(view.current_place())
        place = self.history.back()
        if place is not None:
            await self.go(place, record=False)

    async def action_forward(self) -> None:
        view = self.view
        if view is not None:
            self.history.update(view.current_place())
        place = self.history.forward()
        if place is not None:
            await self.go(place, record=False)

    async def action_dismiss(self) -> None:
        """esc: remove one layer: search, then filter, then go back."""
        view = self.view
        if view is not None and view.clear_layer():
            self.refresh_chrome()
            return
        if isinstance(view, ChronologyPane) and self.chrono_filter.active:
            self.chrono_filter = ChronologyFilter()
            await self.go(view.place.at(0), record=False)
            return
        if self.history.can_back():
            await self.action_back()

    async def action_close(self) -> None:
        """q: close the current view (back to where you came from); at a top-level pane, quit."""
        view = self.view
        if view is not None and view.place.view not in ROOT_VIEWS and self.history.can_back():
            await self.action_back()
            return
        self.exit(0)

    def action_search(self) -> None:
        def done(term: str | None) -> None:
            view = self.view
            if not term or view is None:
                return
            found = view.search(term)
            if not found:
                self.notify(f"No match for {term!r} in this view.", markup=False)
            self.refresh_chrome()

        self.push_screen(Prompt("/", "search this view (n/N step, esc clears)"), done)

    def action_search_step(self, direction: int) -> None:
        view = self.view
        if view is not None:
            view.step(direction)
            self.refresh_chrome()

    async def action_sort(self) -> None:
        view = self.view
        if isinstance(view, NationsPane):
            self.nation_sort = "strength" if self.nation_sort == "name" else "name"
            await self.go(Place("nations"), record=False)

    def action_filter(self) -> None:
        current = self.chrono_filter.describe().replace("kind=", "").replace("nation=", "")

        async def done(text: str | None) -> None:
            if text is None or self.corpus is None:
                return
            flt, unknown = parse_filter(self.corpus, text)
            if unknown:
                self.notify(f"Not a kind or nation: {' '.join(unknown)}", markup=False, severity="warning")
            self.chrono_filter = flt
            await self.go(Place("chronology"), record=False)

        self.push_screen(Prompt("filter:", "a kind (visit, tension...) and/or a nation (LUX, Germany); empty clears",
                                current), done)

    def action_jump_year(self) -> None:
        def done(text: str | None) -> None:
            view = self.view
            if not text or not isinstance(view, ChronologyPane):
                return
            if not text.strip().isdigit() or not view.jump_to_year(int(text.strip())):
                self.notify(f"No entries in or after {text!r}.", markup=False, severity="warning")
            self.refresh_chrome()

        self.push_screen(Prompt("year:", "e.g. 2023"), done)

    async def action_fact_detail(self) -> None:
        view = self.view
        if isinstance(view, ChronologyPane):
            entry = view.current_entry()
            if entry is not None:
                await self.go(Place("fact", entry.record.id))
        elif isinstance(view, SourceReader):
            pair = view.current_pair()
            if pair is not None:
                await self.go(Place("fact", pair[0].id))
        elif isinstance(view, NationDetail):
            fact = view.fact_at_cursor()
            if fact is not None:
                await self.go(Place("fact", fact.id))

    # ---------------------------------------------------------------- lookup

    async def open_hit(self, hit: SearchHit, query: str) -> None:
        if hit.kind == "command":  # from the : prompt: theme NAME, q
            if hit.id.startswith("theme:"):
                self.theme = hit.id.removeprefix("theme:")
            elif hit.id == "quit":
                self.exit(0)
            return
        if self.corpus is not None:
            await self.go(place_for_hit(self.corpus, hit, query))

    def action_lookup(self) -> None:
        """`:` opens at once; while the index is still being built (a large corpus) the prompt takes what is
        typed and shows the hits as soon as the index is ready."""

        async def done(result: tuple[SearchHit, str] | None) -> None:
            if result is not None:
                await self.open_hit(*result)

        self.push_screen(LookupScreen(self.search_index), done)

    def palette_commands(self) -> list[tuple[str, object, str]]:
        """The app's own commands for the palette: panes, actions and themes, named 'group: action'."""
        run = self.run_action
        commands: list[tuple[str, object, str]] = [
            ("Go to: Nations", partial(run, "show_pane('nations')"), "key 1"),
            ("Go to: Chronology", partial(run, "show_pane('chronology')"), "key 2"),
            ("Go to: Sources", partial(run, "show_pane('sources')"), "key 3"),
            ("Go to: Problems", partial(run, "problems"), "key !"),
            ("Go: Back", partial(run, "back"), "key ["),
            ("Go: Forward", partial(run, "forward"), "key ]"),
            ("Lookup: open the : prompt", partial(run, "lookup"), "key :"),
            ("Help: keys of this view", partial(run, "help"), "key ?"),
            ("Copy: the current fact with its citation (OSC 52)", partial(run, "yank"), "key y"),
            ("App: Quit", partial(run, "quit"), "key ctrl+q"),
        ]
        for name in sorted(self.available_themes):
            commands.append((f"Theme: {name}", partial(setattr, self, "theme", name), "switch colours"))
        return commands

    def help_rows(self) -> list[tuple[str, str, str]]:
        """The keys of the current view: every enabled active binding, keys of one action together,
        the app's own (id-carrying) bindings first."""
        grouped: dict[str, list] = {}
        for active in self.screen.active_bindings.values():
            if not active.enabled:
                continue
            binding = active.binding
            entry = grouped.setdefault(binding.action, [[], binding.description or binding.action, []])
            shown = binding.key_display or self.get_key_display(binding)
            if shown not in entry[0]:
                entry[0].append(shown)
            if binding.id and binding.id not in entry[2]:
                entry[2].append(binding.id)
                entry[1] = binding.description or entry[1]
        rows = [(", ".join(keys), description, ", ".join(ids))
                for keys, description, ids in grouped.values()]
        rows.sort(key=lambda row: not row[2])
        return rows

    def action_help(self) -> None:
        view = self.view
        title = view.title() if view is not None else Content("")
        self.push_screen(HelpOverlay(title.plain, self.help_rows()))

    # ---------------------------------------------------------------- settings, keymap, copy, cursor
    # (kfor_tui.settings, kfor_tui.ui.keymap, kfor_tui.ui.yank; docs/keys.md, docs/ssh.md)

    def apply_settings(self) -> None:
        """Apply the user's [keymap] and say, once, what was wrong with the settings or the keymap."""
        settings = self.settings
        if settings is None:
            return
        from kfor_tui.ui.keymap import check_keymap

        problems = [*settings.warnings, *check_keymap(settings.keymap)]
        if settings.keymap:
            self.set_keymap(settings.keymap)
        if problems:
            self.notify("\n".join(problems), title="Settings", severity="warning", markup=False, timeout=12)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:  # type: ignore[no-untyped-def]
        """Textual found keys two bindings share after the keymap: say so once per set (it calls this per key).
        A binding with two default keys ("j,down") is re-keyed once per key, and Textual then reports the
        binding clashing with its own new key: that is not a clash, so it is left out."""
        keymap = self._keymap
        clashed_bindings = {b for b in clashed_bindings
                            if not (b.id and b.key in [k.strip() for k in keymap.get(b.id, "").split(",")])}
        if not clashed_bindings:
            return
        ids = frozenset(b.id or b.action for b in clashed_bindings)
        if ids in self._keymap_reported:
            return
        self._keymap_reported.add(ids)
        self.notify(f"keymap clash in {type(node).__name__}: {', '.join(sorted(ids))} lost their key to the keymap",
                    title="Settings", severity="warning", markup=False)

    def yank_text(self) -> tuple[str, str] | None:
        """(what, text) for `y`: the current fact with its citation(s), a source, or the current row."""
        from kfor_tui.ui.yank import fact_citation, source_citation

        view, corpus = self.view, self.corpus
        if view is None or corpus is None:
            return None
        if isinstance(view, ChronologyPane):
            entry = view.current_entry()
            if entry is not None:
                return "fact with its citations", fact_citation(corpus, entry.record, title=entry.title, when=entry.when)
        elif isinstance(view, NationDetail):
            fact = view.fact_at_cursor()
            if fact is not None:
                return "fact with its citations", fact_citation(corpus, fact)
        elif isinstance(view, FactDetail):
            fact = view.fact
            if fact is not None:
                cites = view.query("#fact-cites")
                if cites and cites.first().has_focus and fact.cites:
                    row = min(cites.first(KeyedTable).cursor_row, len(fact.cites) - 1)
                    return "fact with this citation", fact_citation(corpus, fact, fact.cites[row])
                return "fact with its citations", fact_citation(corpus, fact)
        elif isinstance(view, SourceReader):
            pair = view.current_pair()
            if pair is not None:
                return "current quote with its citation", fact_citation(corpus, pair[0], pair[1])
            if view.source is not None:
                return "source citation", source_citation(view.source)
        elif isinstance(view, SourcesPane):
            table = view.active_table()
            if table is not None and table.row_count:
                source = corpus.source(table.row_key(table.cursor_row) or "")
                if source is not None:
                    return "source citation", source_citation(source)
        table = view.active_table()
        if table is not None and table.row_count:
            text = " ".join(table.row_text(table.cursor_row).split())
            if text:
                return "current row", text
        return None

    def action_yank(self) -> None:
        """y: copy through OSC 52 (reaches the officer's own clipboard over SSH). Never opens a browser."""
        found = self.yank_text()
        if found is None:
            self.notify("Nothing to copy here.", markup=False)
            return
        what, text = found
        self.copy_to_clipboard(text)
        first = text.splitlines()[0]
        self.notify(f"Copied {what} ({len(text)} characters, OSC 52): {first[:70]}", title="Copied", markup=False)

    @property  # type: ignore[override]
    def cursor_position(self) -> Offset:
        """Where Textual leaves the (hidden) terminal cursor after each frame: on the focused row of a list,
        so screen readers and braille displays follow the selection; elsewhere where a widget put it."""
        try:
            focused = self.focused
            if isinstance(focused, VirtualTable):
                offset = focused.cursor_offset()
                if offset is not None:
                    return offset
            elif isinstance(focused, KeyedTable) and focused.row_count:
                region = focused._get_row_region(focused.cursor_row)
                box = focused.content_region
                y = box.y + region.y - int(focused.scroll_y)
                if box.y <= y < box.bottom:
                    return Offset(box.x, y)
            elif isinstance(focused, KeyedOptionList) and focused.highlighted is not None:
                focused._update_lines()
                line = focused._line_cache.index_to_line.get(focused.highlighted)
                box = focused.content_region
                if line is not None and box.y <= box.y + line - int(focused.scroll_y) < box.bottom:
                    return Offset(box.x, box.y + line - int(focused.scroll_y))
        except Exception:  # noqa: BLE001 - the cursor is a courtesy; a frame must never fail for it
            pass
        return self._cursor_stored

    @cursor_position.setter
    def cursor_position(self, value: Offset) -> None:
        self._cursor_stored = value
