"""The app's messages, in one place: what the workers report, and how views ask to be shown.

Dataclass messages (Textual calls Message.__post_init__ for them). Those that only say "how far" or "what
changed" replace an older one still waiting in the queue, so a burst of them costs one repaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.message import Message

from kfor_tui.index.search import SearchIndex
from kfor_tui.model import Corpus
from kfor_tui.session import Reloaded, Review
from kfor_tui.ui.location import Location


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
class Reshow(Message):
    """Ask the view host to show the current pane again with other options (a sort, a filter)."""

    options: object  # kfor_tui.ui.view_host.ViewOptions
