"""The app's messages, in one place: what the workers report, and how views ask to be shown.

Dataclass messages (Textual calls Message.__post_init__ for them). Those that only say "how far" or "what
changed" replace an older one still waiting in the queue, so a burst of them costs one repaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from kfor_tui.model import Corpus
from kfor_tui.session import Reloaded, Review
from kfor_tui.ui.location import Location

if TYPE_CHECKING:
    from kfor_tui.index.first_screen import FirstScreen
    from kfor_tui.index.search import SearchIndex  # built after the first screen


@dataclass
class LoadProgress(Message):
    """How far the first load has got: files read of all, then the cross-file checks."""

    phase: str
    done: int
    total: int
    elapsed: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


@dataclass
class FirstScreenKept(Message):
    """The first screen the load cache kept at the last start, shown while the first load reads the files."""

    first: FirstScreen


@dataclass
class CorpusLoaded(Message):
    corpus: Corpus


@dataclass
class IndexReady(Message):
    """The lookup index of `corpus` (None: it could not be built), built after the first screen is up."""

    index: SearchIndex | None
    corpus: Corpus


@dataclass
class FilesChanged(Message):
    """The watcher saw briefing files change on disk (posted from its thread)."""

    paths: set[Path]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FilesChanged)


@dataclass
class WatchStopped(Message):
    """The watcher stopped on an error (posted from its thread): edits are no longer seen."""

    why: str


@dataclass
class CorpusReloaded(Message):
    """Changed files were read again: the new corpus and what changed."""

    reloaded: Reloaded


@dataclass
class Navigate(Message):
    """Ask the view host to show a location and record it in the history."""

    location: Location


@dataclass
class ReviewRead(Message):
    """The review marks of `corpus` (or why they are off), read or written in a worker."""

    review: Review
    corpus: Corpus
    marked: int = 0  # records just marked reviewed (0: the marks were only read)


@dataclass
class ShowAsOf(Message):
    """Show the briefings as known on `day` (None: as the files are now)."""

    day: date | None


@dataclass
class MarkReviewed(Message):
    """Record these records as reviewed (the app writes the review store and shows the marks again)."""

    ids: tuple[str, ...]


@dataclass
class RecordSaved(Message):
    """A record was written to a briefing file from the app (ui/edit_record.py): the app reloads once and lands
    on it (`then` for a record deleted), saying what was done."""

    path: Path
    verb: str  # "captured" | "edited" | "deleted"
    record_id: str
    title: str = ""  # the title of a record deleted (it is gone from the reloaded corpus)
    then: Location | None = None  # where to land after a delete

    def arrived(self, corpus: Corpus) -> bool:
        """The reloaded corpus shows the change: the record is there (captured, edited) or gone (deleted)."""
        return (self.record_id in corpus.by_id) != (self.verb == "deleted")

    def landing(self, corpus: Corpus) -> tuple[Location | None, str]:
        """Where the reloaded app goes, and what it says: "captured: <title> (new)", "edited: ...", "deleted: ..."."""
        from kfor_tui.index.facts import title_of

        record = corpus.by_id.get(self.record_id)
        title = title_of(corpus, record) if record is not None else self.title or self.record_id
        where = self.then if self.verb == "deleted" else Location("fact", self.record_id)
        return where, f"{self.verb}: {title}{' (new)' if self.verb == 'captured' else ''}"


@dataclass
class Reshow(Message):
    """Ask the view host to show the current pane again with other options (a sort, a filter)."""

    options: object  # kfor_tui.ui.view_host.ViewOptions
