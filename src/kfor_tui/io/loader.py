"""Load briefing files into one Corpus: every file that can be read is read, every problem is reported.

The one-shot way to read briefings (the commands check, export and search). It is the app's load
(io/reload.py) with the load cache written at once; the parts are io/files.py (one file's loaded form) and
io/assemble.py (the checks across files)."""

from __future__ import annotations

from pathlib import Path

from kfor_tui.io.package_data import bundled_folder
from kfor_tui.io.reading import Limits
from kfor_tui.io.reload import Loader
from kfor_tui.model import Corpus


def bundled_briefings() -> Path:
    """The briefings shipped with kfor-tui."""
    return bundled_folder("briefings")


def load(paths: list[Path], limits: Limits | None = None) -> Corpus:
    """Every briefing below `paths`, checked. Uses the persistent cache (io/cache.py) unless KFOR_CACHE=0:
    when no file changed since the last load of the same paths the assembled corpus is reused whole;
    otherwise unchanged files skip parsing and building, and the cross-file checks run again."""
    loader = Loader(paths, limits)
    corpus = loader.load()
    loader.after_first_load()  # nothing is on screen to wait for: write the cache now
    return corpus
