"""Reload briefings that changed on disk, re-reading only the files whose stat changed. Pure: no Textual.

A `Loader` keeps each file's parsed form keyed by path with its stat stamp (size, mtime_ns, inode).
`reload()` expands the paths again (so a new file in a watched folder is picked up and a deleted one
dropped), re-reads only files that are new or whose stamp changed, and re-assembles the corpus (the
cross-file checks always run on the whole set). A changed file that no longer loads (TOML syntax error,
unreadable, no [briefing]) keeps its last good records in the corpus, with a problem saying so and its
actual errors. `load(paths)` in loader.py stays the one-shot way to read briefings.

    loader = Loader(paths)
    corpus = loader.load()
    if loader.changed():                  # cheap: expand + one stat per file
        corpus, changes = loader.reload()
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from kfor_tui.io import loader as _loader
from kfor_tui.io.reading import display_path, display_paths, expand
from kfor_tui.model import Corpus, Problem

Stamp = tuple[int, int, int]
LAST_GOOD = "file has errors, showing the last good version"


@dataclass(frozen=True)
class Change:
    """One file that changed since the last load: 'reloaded', 'added', 'broken' (kept its last good
    version), 'invalid' (has errors and no good version to keep) or 'deleted'."""

    path: str
    what: str

    @property
    def message(self) -> str:
        return {
            "reloaded": f"reloaded {self.path}",
            "added": f"loaded new file {self.path}",
            "broken": f"{self.path} has errors, showing the last good version",
            "invalid": f"{self.path} has errors: press ! to list them",
            "deleted": f"{self.path} was deleted; its records are gone",
        }[self.what]

    @property
    def severity(self) -> str:
        return {"broken": "error", "invalid": "error", "deleted": "warning"}.get(self.what, "information")


@dataclass
class _Entry:
    stamp: Stamp | None
    current: Any  # _File as last read
    good: Any  # the last _File that loaded (has a [briefing]), or None


def stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _broken(file: Any) -> bool:
    return bool(file.fatal) or file.briefing is None


def _copy(file: Any) -> Any:
    """A _File whose report the cross-file checks may add to without touching the cached one."""
    report = file.report
    fresh = replace(report, findings=list(report.findings), references=list(report.references),
                    cite_paths=dict(report.cite_paths))
    return replace(file, report=fresh)


class Loader:
    """Loads `paths` once, then reloads re-reading only what changed. reload(), after_first_load() and
    store() take a lock, so the app's watch and index workers may call them from their own threads."""

    def __init__(self, paths: list[Path], limits: Any = None,
                 progress: Callable[[str, int, int], None] | None = None) -> None:
        self.paths = list(paths)
        self.limits = limits
        self.progress = progress  # called as (phase, done, total): "reading" per file, then "checking" once
        self.parses = 0  # files read and parsed so far (tests and measurements)
        self._entries: dict[str, _Entry] = {}
        self._dirs: list[Path] = []
        self._seen: dict[str, Stamp | None] = {}
        self._loaded = False
        self._cache: Any = None  # opened on the first load: the persistent cache (io/cache.py), or None
        self._unsaved: list[str] | None = None  # cache keys of the first load, until after_first_load()
        self._signed: tuple[tuple[Any, ...], Corpus] | None = None  # (signature, corpus) of the first load
        self._lock = threading.Lock()  # reload (watch worker), after_first_load and store (index worker)

    def _expand(self) -> tuple[list[Path], list[Problem]]:
        return expand(self.paths, self.limits)

    def _read(self, path: Path) -> Any:
        self.parses += 1
        return _loader._load_file(path, self.limits, self._cache)

    def _folders(self) -> list[Path]:
        """Folders below the folders named (as expand walks them): a file added or removed changes one's mtime."""
        out: list[Path] = []
        for path in self.paths:
            if path.is_dir():
                for folder, dirs, _ in os.walk(path, followlinks=False):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    out.append(Path(folder))
        return out

    def _watched(self) -> dict[str, Stamp | None]:
        """Stamps of everything whose change means a reload: the files read, the folders, the paths named."""
        found = {key: stamp(Path(key)) for key in self._entries}
        for path in (*self.paths, *self._dirs):
            found["dir:" + str(path)] = stamp(path)
        return found

    def changed(self) -> bool:
        """True when a file was added, deleted or changed since the last (re)load: one stat per file and
        folder (about 4 ms for 1,000 files), no reading."""
        if not self._loaded:
            return True
        return self._watched() != self._seen

    def load(self) -> Corpus:
        corpus, _ = self.reload()
        return corpus

    def reload(self) -> tuple[Corpus, list[Change]]:
        """The corpus as the files are now, and what changed since the last (re)load."""
        with self._lock, _loader._gc_paused():
            if self._unsaved is not None and self._cache is not None:  # a reload before after_first_load()
                keys, self._unsaved = self._unsaved, None
                self._cache.save(keys)
            return self._reload()

    def _reload(self) -> tuple[Corpus, list[Change]]:
        first = not self._loaded
        self._loaded = True
        if first:
            self._cache = _loader.Cache.open(self.paths)
        self._dirs = self._folders()  # before expand: a file added meanwhile is seen by the next poll
        dirs_seen = {"dir:" + str(p): stamp(p) for p in (*self.paths, *self._dirs)}
        files, problems = self._expand()
        probed: dict[str, tuple[Stamp | None, Any]] = {}
        signature = None
        self._signed = None  # a reload's corpus has no signature: derived data is not cached for it
        if first and self._cache is not None:
            corpus, probed, signature = self._whole_from_cache(files, problems)
            if corpus is not None:
                self._signed = (signature, corpus)
                self._seen = {**{key: entry.stamp for key, entry in self._entries.items()}, **dirs_seen}
                return corpus, []
        entries: dict[str, _Entry] = {}
        changes: list[Change] = []
        progress = self.progress
        for number, path in enumerate(files, 1):
            if progress is not None:
                progress("reading", number, len(files))
            key = str(path)
            if key in probed:  # first load, read already: parse and build, pickling for the cache later
                now, probe = probed[key]
                self.parses += 1
                file = _loader._from_probe(probe, self._cache, defer=True)
                entries[key] = _Entry(now, file, None if _broken(file) else file)
                continue
            now = stamp(path)  # before reading: a write during the read changes it again for the next poll
            old = self._entries.get(key)
            if old is not None:
                old = self._materialised(path, old, unchanged=now is not None and old.stamp == now)
            if old is not None and now is not None and old.stamp == now:
                entries[key] = old
                continue
            file = self._read(path)
            bad = _broken(file)
            good = file if not bad else (old.good if old is not None else None)
            entries[key] = _Entry(now, file, good)
            if not first:
                shown = display_path(path)
                if bad:
                    changes.append(Change(shown, "broken" if good is not None else "invalid"))
                else:
                    changes.append(Change(shown, "reloaded" if old is not None else "added"))
        for key, entry in self._entries.items():
            if key not in entries:
                shown = entry.current.report.path if entry.current is not None else display_path(Path(key))
                changes.append(Change(shown, "deleted"))
        self._entries = entries
        keys = [_loader.cache_key(Path(key)) for key in entries]
        if self._cache is not None and not probed:
            self._cache.save(keys)
        self._seen = {**{key: entry.stamp for key, entry in entries.items()}, **dirs_seen}

        used = []
        for entry in entries.values():
            file = entry.current
            if _broken(file) and entry.good is not None:
                problems.extend(self._kept_problems(file))
                file = entry.good
            used.append((entry, file, _copy(file)))
        if progress is not None:
            progress("checking", len(files), len(files))
        corpus = _loader._assemble([copy for _, _, copy in used], problems, display_paths(files))
        for _, original, copy in used:
            if original._positions is None and copy._positions is not None:
                original._positions = copy._positions  # scanned once, kept for the next assembly
        if probed and self._cache is not None:
            self._signed = (signature, corpus)
            self._cache.put_corpus(signature, corpus)
            self._unsaved = keys  # written by after_first_load(), once the corpus is on screen
        return corpus, changes

    def cached(self, name: str, corpus: Corpus, version: object) -> Any:
        """Data derived from `corpus` (the lookup index) stored with store() at an earlier start, when
        `corpus` is this loader's first load and no briefing file changed since; else None."""
        signed = self._signed
        if signed is None or signed[1] is not corpus or self._cache is None:
            return None
        return self._cache.get_extra(name, (version, signed[0]))

    def store(self, name: str, corpus: Corpus, version: object, value: Any) -> None:
        """Keep data derived from the first load's corpus for the next start (see cached)."""
        signed = self._signed
        if signed is not None and signed[1] is corpus and self._cache is not None:
            with self._lock:
                self._cache.put_extra(name, (version, signed[0]), value)

    def after_first_load(self) -> None:
        """Write the cache a first load left unwritten (pickling the corpus and every file's loaded form takes
        about as long as building them): call it once the corpus is on screen, from any one thread."""
        with self._lock, _loader._gc_paused():
            keys, self._unsaved = self._unsaved, None
            if keys is not None and self._cache is not None:
                self._cache.save(keys)

    def _materialised(self, path: Path, entry: _Entry, unchanged: bool) -> _Entry:
        """The entry with its file's loaded form, when the first load took the corpus whole from the cache
        (and so never built the files). An unchanged file is read again and found in the cache; a changed
        one's previous form is the cache's entry for it (its text is gone: a kept version's warnings are then
        reported at line 1)."""
        if entry.current is not None:
            return entry
        if unchanged:
            file = _loader._load_file(path, self.limits, self._cache)
        else:
            stored = self._cache.previous(_loader.cache_key(path)) if self._cache is not None else None
            if stored is None:
                return _Entry(entry.stamp, _loader._File(_loader.FileReport(display_path(path)), None, None, []), None)
            file = _loader._from_cache(stored, b"")
        return _Entry(entry.stamp, file, None if _broken(file) else file)

    def _whole_from_cache(self, files: list[Path], problems: list[Problem]
                          ) -> tuple[Corpus | None, dict[str, tuple[Stamp | None, Any]], tuple[Any, ...]]:
        """At the first load, the corpus assembled last time when no file changed since (as `load` does):
        the files' bytes are read and hashed, not parsed, and the cross-file checks are not run again. The
        files' loaded forms are fetched from the cache later, when a reload needs them."""
        progress = self.progress
        stamps = [stamp(path) for path in files]  # before reading, as in _reload
        probes = []
        for number, (path, shown) in enumerate(zip(files, display_paths(files)), 1):
            if progress is not None:
                progress("reading", number, len(files))
            probes.append(_loader._probe(path, shown, self.limits))
        signature = _loader.corpus_signature(probes, problems)
        corpus = self._cache.get_corpus(signature)
        if corpus is None:  # the probes (bytes read, digests taken) serve the load that follows
            return None, {str(path): (now, probe) for path, now, probe in zip(files, stamps, probes)}, signature
        self._cache.save([key for _, _, _, key, _ in probes])
        self._entries = {str(path): _Entry(now, None, None) for path, now in zip(files, stamps)}
        return corpus, {}, signature

    @staticmethod
    def _kept_problems(file: Any) -> list[Problem]:
        """A broken file shown at its last good version: say so, and give its actual errors."""
        shown = file.report.path
        out = [Problem(shown, 1, 1, "error", LAST_GOOD), *file.fatal]
        for finding in file.report.findings:
            line, col = file.positions.of(finding.path)
            out.append(Problem(shown, line, col, finding.severity, finding.message))
        return out
