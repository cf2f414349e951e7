"""The briefings an app has open: the loader, the corpus on screen, its lookup index and the work each load
needs before the panes can show it. No Textual: the app's workers are thin shims that call these methods in
a thread and post what they return, and the tests drive a session without an app.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kfor_tui.index.first_screen import TREND_WIDTH, FirstScreen, first_screen
from kfor_tui.index.nation_summary import SUBJECTS_FORMAT, Subject, headlines, subjects
from kfor_tui.io.reading import Limits
from kfor_tui.io.reload import Change, Loader
from kfor_tui.model import Corpus, Problem

if TYPE_CHECKING:  # the lookup index and the other panes' queries are imported after the first screen
    from kfor_tui.index.review_state import ReviewState
    from kfor_tui.index.search import SearchIndex
    from kfor_tui.io.review_store import ReviewStore

Progress = Callable[[str, int, int], None]  # (phase, files done, files in all)
Severity = Literal["information", "warning", "error"]
# what the load cache keeps beside the corpus
INDEX_SLOT, SUBJECTS_SLOT, FIRST_SCREEN_SLOT = "search-index", "subjects", "first-screen"


@dataclass(frozen=True)
class Reloaded:
    """Files changed on disk and were read again: the new corpus, what changed, and the errors and warnings
    the changed files have now (a file that reloads can still carry problems: the notice must say so)."""

    corpus: Corpus
    changes: list[Change] = field(default_factory=list)
    failure: str | None = None
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # shown path -> (errors, warnings)

    def notice(self) -> tuple[str, Severity] | None:
        """(text, severity) of the notice saying what changed; None when nothing did."""
        if self.failure is not None:
            return f"reload failed: {self.failure}; showing the briefings as they were (! lists it)", "error"
        if not self.changes:
            return None
        errors = sum(self.counts.get(c.path, (0, 0))[0] for c in self.changes if c.what != "deleted")
        warnings = sum(self.counts.get(c.path, (0, 0))[1] for c in self.changes if c.what != "deleted")
        bad = errors or any(c.severity == "error" for c in self.changes)
        deleted = sum(1 for c in self.changes if c.what == "deleted")
        if len(self.changes) > 4:
            text = f"{len(self.changes)} files changed, {deleted} deleted"
        else:
            text = "\n".join(change.message for change in self.changes)
        if errors or warnings:
            found = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
            text += f"\nnow {found} in the changed files: press ! to list them"
        return text, "error" if bad else "warning" if warnings or deleted else "information"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _counts(corpus: Corpus) -> dict[str, tuple[int, int]]:
    """Errors and warnings per file of a corpus."""
    out: dict[str, tuple[int, int]] = {}
    for problem in corpus.problems:
        errors, warnings = out.get(problem.path, (0, 0))
        out[problem.path] = (errors + 1, warnings) if problem.severity == "error" else (errors, warnings + 1)
    return out


@dataclass(frozen=True)
class Review:
    """What the review database says of the corpus shown: its marks, or why there are none (`off`)."""

    state: ReviewState | None = None
    off: str | None = None  # why marks are off: the database cannot be used, or the briefings are as of a date
    warnings: tuple[str, ...] = ()  # what reading left out (damaged rows)


@dataclass(frozen=True)
class ChronologyView:
    """The chronology filter the pane shows, so its rows are worked out for the filter in use."""

    kind: str | None = None
    nation: str | None = None


class CorpusSession:
    """Loads `paths` once, then reloads what changes; builds the lookup index after the first screen and keeps
    it, with the nations pane's rows, in the load cache for the next start over unchanged briefings."""

    def __init__(self, paths: list[Path], limits: Limits | None = None) -> None:
        self.paths = list(paths)
        self.loader = Loader(self.paths, limits)
        self.corpus: Corpus | None = None  # as the files are now
        self.as_of: date | None = None  # show the briefings as known on this date (knowledge time)
        self._review_lock = threading.Lock()  # one review read or write at a time: marks come back in order
        self._subjects_stored = False
        self._previewed: FirstScreen | None = None  # the first screen shown before the first load, if any

    def shown(self, corpus: Corpus) -> Corpus:
        """The corpus as shown: as the files are now, or as known on `as_of` (its panes worked out here, in the
        caller's thread, like the first load's)."""
        if self.as_of is None:
            return corpus
        from kfor_tui.index.as_known import as_known

        known = as_known(corpus, self.as_of)
        self.warm(known)
        return known

    # ---------------------------------------------------------------- the review database

    def review(self, corpus: Corpus) -> Review:
        """The NEW and CHANGED marks of `corpus` from the review database. Never raises: a database that cannot
        be used turns the marks off and says why; the briefings are shown all the same."""
        if self.as_of is not None:
            return Review(off="not while the briefings are shown as known on a date")
        from kfor_tui.index.review_state import review_state
        from kfor_tui.io.review_store import review_db_path

        if not os.path.lexists(review_db_path()):  # nothing marked yet: the database is made by the first mark
            return Review(review_state(corpus, {}))
        return self._with_store(lambda store: None, corpus)

    def mark_reviewed(self, corpus: Corpus, ids: Iterable[str], at: datetime | None = None) -> Review:
        """Record `ids` of `corpus` as reviewed now, as they read now (one transaction), and the marks after."""
        if self.as_of is not None:
            return Review(off="not while the briefings are shown as known on a date")
        from kfor_tui.index.record_content import content_of

        ids = list(ids)
        items = [(record.id, content_of(record)) for i in ids if (record := corpus.by_id.get(i)) is not None]
        gone = [i for i in ids if i not in corpus.by_id]  # removed records, seen: no longer listed as removed
        when = at or datetime.now().astimezone()
        return self._with_store(lambda store: store.mark(items, when, forget=gone), corpus)

    def _with_store(self, act: Callable[[ReviewStore], None], corpus: Corpus) -> Review:
        from kfor_tui.io.review_store import StoreError

        try:
            with self._review_lock:
                return self._in_store(act, corpus)
        except StoreError as exc:  # its message is the one line a user can act on
            return Review(off=str(exc))
        except Exception as exc:  # noqa: BLE001 - marks off, briefings still shown
            return Review(off=f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _in_store(act: Callable[[ReviewStore], None], corpus: Corpus) -> Review:
        from kfor_tui.index.review_state import review_state
        from kfor_tui.io.review_store import StoreUnavailable, open_store, review_db_path

        store = open_store(review_db_path())
        if isinstance(store, StoreUnavailable):
            return Review(off=store.reason)
        try:
            act(store)
            return Review(review_state(corpus, store.reviewed()), warnings=tuple(store.warnings))
        finally:
            store.close()

    def preview(self) -> FirstScreen | None:
        """The first screen as the last start over these briefings showed it, when no file changed since as
        far as their stats tell; None otherwise, and when the briefings are shown as known on a date. The first
        load that follows reads every file and replaces it with the corpus as it is. Never raises."""
        if self.as_of is not None:
            return None
        try:
            self._previewed = self.loader.preview(FIRST_SCREEN_SLOT, FirstScreen.FORMAT, FirstScreen)
        except Exception:  # noqa: BLE001 - no preview: the first load shows the screen as before
            self._previewed = None
        return self._previewed

    def open(self, progress: Progress | None = None) -> Corpus:
        """The first load, with the nations pane's rows worked out (or taken from the cache) so that the
        first screen costs the UI thread nothing. Never raises: a failure is a problem in an empty corpus."""
        self.loader.progress = progress
        try:
            corpus = self.loader.load()
            headlines(corpus)
            stored = self.loader.cached(SUBJECTS_SLOT, corpus, SUBJECTS_FORMAT, list[Subject])
            if stored is not None:
                subjects.seed(corpus, stored)
                self._subjects_stored = True
            else:
                subjects(corpus)
        except Exception as exc:  # noqa: BLE001 - the app shows a problem, never a traceback
            where = ", ".join(map(str, self.paths))
            corpus = Corpus(problems=(Problem(where, 1, 1, "error", f"could not load: {type(exc).__name__}: {exc}"),))
        finally:
            self.loader.progress = None  # reloads are quick and announced when done
        self.corpus = corpus
        return corpus

    def index(self, corpus: Corpus, chronology: ChronologyView = ChronologyView()) -> SearchIndex | None:
        """The panes' rows and the lookup index of `corpus`, from the load cache when no briefing changed since
        the last start; then the cache is written. None when the index cannot be built (lookup is lost, not
        the briefing)."""
        from kfor_tui.index.search import SearchIndex
        from kfor_tui.io.assemble import paused_gc

        index: SearchIndex | None = None
        built = False
        try:
            with paused_gc():  # many objects made, none freed; the index then lives as long as the corpus
                self.warm(corpus, chronology)
                index = self.loader.cached(INDEX_SLOT, corpus, SearchIndex.FORMAT, SearchIndex)
                if index is None:
                    index, built = SearchIndex.build(corpus), True
                index.search("warm up barduany June 2023", limit=1)  # imports the fuzzy and date parsers now
        except Exception:  # noqa: BLE001
            index, built = None, False
        self._store(corpus, index if built else None)
        return index

    def _store(self, corpus: Corpus, index: SearchIndex | None) -> None:
        """Write the load cache once the corpus is on screen; a cache not written only costs speed next time."""
        from kfor_tui.index.search import SearchIndex

        try:
            self.loader.after_first_load()
            if index is not None:
                # stored without its per-term cache of scores, which fills again as people type
                self.loader.store(INDEX_SLOT, corpus, SearchIndex.FORMAT, replace(index, _cache={}))
            if not self._subjects_stored:
                self.loader.store(SUBJECTS_SLOT, corpus, SUBJECTS_FORMAT, subjects(corpus))
                self._subjects_stored = True
            previewed = self._previewed
            if previewed is None or replace(previewed, trends={}) != first_screen(corpus):
                self.loader.keep_preview(FIRST_SCREEN_SLOT, corpus, FirstScreen.FORMAT, _with_trends(corpus))
        except Exception:  # noqa: BLE001
            pass

    @staticmethod
    def warm(corpus: Corpus, chronology: ChronologyView = ChronologyView()) -> None:
        """Work out the panes' rows now, in the caller's thread (each query is kept per corpus), so showing a
        pane costs the UI thread nothing."""
        from kfor_tui.index.chronology import by_year, sources_by_date
        from kfor_tui.index.citations import citing

        headlines(corpus)
        subjects(corpus)
        by_year(corpus, chronology.kind, chronology.nation)
        sources_by_date(corpus)
        citing(corpus, "")  # the citations of every source are worked out together

    def reload(self, chronology: ChronologyView = ChronologyView()) -> Reloaded | None:
        """The corpus as the files are now, when something changed; None when nothing did."""
        try:
            if not self.loader.changed():
                return None
            corpus, changes = self.loader.reload()
            self.warm(corpus, chronology)
        except Exception as exc:  # noqa: BLE001 - a failed reload keeps what is on screen, and lists why
            why = f"{type(exc).__name__}: {exc}"
            shown = self.corpus or Corpus()
            where = ", ".join(shown.files) or ", ".join(map(str, self.paths))
            failed = Problem(where, 1, 1, "error", f"reload failed: {why}; showing the briefings as they were")
            kept = tuple(p for p in shown.problems if not p.message.startswith("reload failed: "))
            corpus = replace(shown, problems=(*kept, failed))
            self.warm(corpus, chronology)
            self.corpus = corpus
            return Reloaded(corpus, failure=why)
        self.corpus = corpus
        return Reloaded(corpus, changes, counts=_counts(corpus))


def _with_trends(corpus: Corpus) -> FirstScreen:
    """The first screen with each row's trend in both glyph sets, for the load cache (a terminal from 96
    columns wide shows them)."""
    from kfor_tui.charts.terminal_plot import trends_of

    shown = first_screen(corpus)
    keys = [item.key for item in shown.rows if isinstance(item, Subject)]
    unicode, ascii = (trends_of(corpus, keys, TREND_WIDTH, ascii=plain) for plain in (False, True))
    trends = {key: (unicode.get(key, ""), ascii.get(key, "")) for key in keys if key in unicode or key in ascii}
    return replace(shown, trends=trends)
