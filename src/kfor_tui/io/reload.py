"""Load briefings, then reload those that changed on disk, re-reading only the files whose stat changed.
Pure: no Textual. This is the one load path: `io.loader.load` is a Loader's first load.

A `Loader` keeps each file's loaded form (io/files.py) keyed by path with its stat stamp (size, mtime_ns,
inode). The first load goes through the persistent cache (io/cache.py) when there is one: when no file
changed since the last load of the same paths the assembled corpus is reused whole; otherwise unchanged
files skip parsing and building. A first load with many files to build builds them on every core
(io/parallel_read.py), and gives what one core gives. `reload()` expands the paths again (so a new file in
a watched folder is picked up and a deleted one dropped), re-reads only files that are new or whose stamp
changed, and re-assembles the corpus (the cross-file checks, io/assemble.py, always run on the whole set).
A changed file that no longer loads (TOML syntax error, unreadable, no [briefing]) keeps its last good
records in the corpus, with a problem saying so and its actual errors.

    loader = Loader(paths)
    corpus = loader.load()
    loader.after_first_load()             # write the cache (the app does it once the corpus is on screen)
    if loader.changed():                  # cheap: expand + one stat per file
        corpus, changes = loader.reload()
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kfor_tui.io.assemble import assemble, paused_gc
from kfor_tui.io.cache import Cache
from kfor_tui.io.files import (
    LoadedFile,
    Probe,
    Signature,
    StatSignature,
    cache_key,
    corpus_signature,
    from_cache,
    from_probe,
    probe,
    read_file,
    stat_signature,
    to_cache,
)
from kfor_tui.io.parallel_read import PARALLEL_FILES, Job, load_in_workers, workers_for
from kfor_tui.io.reading import Limits, display_path, display_paths, expand
from kfor_tui.model import Corpus, Problem

T = TypeVar("T")
Stamp = tuple[int, int, int]
Progress = Callable[[str, int, int], None]
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


# The folders below the paths, their stamps, the files found, the problems of finding them, their stat signature
_Listing = tuple[list[Path], dict[str, "Stamp | None"], list[Path], list[Problem], "StatSignature | None"]


@dataclass
class _Entry:
    stamp: Stamp | None
    # The file as last read. None until a reload needs it when the first load took the corpus whole from the
    # cache (the files were then not built: _materialised).
    current: LoadedFile | None
    good: LoadedFile | None  # the last version that loaded (current, unless current is broken), or None

    @classmethod
    def of(cls, stamp: Stamp | None, file: LoadedFile, last_good: LoadedFile | None = None) -> _Entry:
        return cls(stamp, file, last_good if file.broken else file)


def stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


class Loader:
    """Loads `paths` once, then reloads re-reading only what changed. reload(), after_first_load() and
    store() take a lock, so the app's watch and index workers may call them from their own threads."""

    def __init__(
        self,
        paths: list[Path],
        limits: Limits | None = None,
        progress: Progress | None = None,
        parallel_from: int = PARALLEL_FILES,
    ) -> None:
        self.paths = list(paths)
        self.limits = limits
        self.progress = progress  # called as (phase, done, total): "reading" as files are read, then "checking" once
        # A first load that must build at least this many files builds them in worker processes, one per core
        # (io/parallel_read.py); fewer are built here, where no process has to be started.
        self.parallel_from = parallel_from
        self.parses = 0  # files read and parsed so far (tests and measurements)
        self.parallel = 0  # of those, files built in worker processes (tests and measurements)
        self._entries: dict[str, _Entry] = {}
        self._dirs: list[Path] = []
        self._seen: dict[str, Stamp | None] = {}
        self._loaded = False
        self._cache: Cache | None = None  # opened on the first load; None when caching is off
        self._unsaved: list[str] | None = None  # cache keys of the first load, until after_first_load()
        self._signed: tuple[Signature, Corpus] | None = None  # (signature, corpus) of the first load
        self._stats: StatSignature | None = None  # the first load's files as stat saw them: keep_preview's key
        self._listed: _Listing | None = None  # preview()'s listing of the files, which the first load takes
        self._lock = threading.Lock()  # reload (watch worker), after_first_load and store (index worker)

    # ------------------------------------------------------------------------------------------ public

    def changed(self) -> bool:
        """True when a file was added, deleted or changed since the last (re)load: one stat per file and
        folder, no reading."""
        if not self._loaded:
            return True
        return self._watched() != self._seen

    def load(self) -> Corpus:
        """The first load (a later call reloads, as reload() does)."""
        corpus, _ = self.reload()
        return corpus

    def reload(self) -> tuple[Corpus, list[Change]]:
        """The corpus as the files are now, and what changed since the last (re)load."""
        with self._lock, paused_gc():
            self._save_first_load()  # a reload before after_first_load(): the cache is written first
            return self._reload()

    def after_first_load(self) -> None:
        """Write the cache a first load left unwritten (encoding the corpus and every file's loaded form is a
        cost of its own, bench/bench.py's "cache write"): call it once the corpus is on screen, from any one
        thread. io.loader.load calls it at once."""
        with self._lock, paused_gc():
            self._save_first_load()

    def cached(self, name: str, corpus: Corpus, version: object, shape: type[T] | Any) -> T | None:
        """Data derived from `corpus` (the lookup index) stored with store() at an earlier start, when
        `corpus` is this loader's first load and no briefing file changed since, decoded as `shape` (a type:
        SearchIndex, list[Subject]; io/cache_codec.py); else None."""
        signed = self._signed
        if signed is None or signed[1] is not corpus or self._cache is None:
            return None
        return self._cache.get_extra(name, (version, signed[0]), shape)

    def preview(self, name: str, version: object, shape: type[T] | Any) -> T | None:
        """Data kept by keep_preview() at an earlier start (what the first screen shows), before the first
        load, when no briefing file changed since as far as one stat of each tells (io/files.stat_signature):
        the files are listed but not read. The first load then reads and checks them all, so whatever is
        shown from this is replaced by the corpus as it is. None when nothing fits."""
        with self._lock:
            if self._loaded:
                return None
            if self._cache is None:
                self._cache = Cache.open(self.paths)
            if self._cache is None:
                return None
            self._listed = self._listing()  # the first load lists the files no second time
            stats = self._listed[-1]
            return None if stats is None else self._cache.get_extra(name, (version, "stat", stats), shape)

    def keep_preview(self, name: str, corpus: Corpus, version: object, value: Any) -> None:
        """Keep what the first screen of the first load's `corpus` shows, for preview() at the next start, keyed
        by the files' stats as taken before they were read (a file written meanwhile is then a miss)."""
        signed, stats = self._signed, self._stats
        if signed is not None and signed[1] is corpus and stats is not None and self._cache is not None:
            with self._lock:
                self._cache.put_extra(name, (version, "stat", stats), value)

    def store(self, name: str, corpus: Corpus, version: object, value: Any) -> None:
        """Keep data derived from the first load's corpus for the next start (see cached)."""
        signed = self._signed
        if signed is not None and signed[1] is corpus and self._cache is not None:
            with self._lock:
                self._cache.put_extra(name, (version, signed[0]), value)

    # ----------------------------------------------------------------------------------------- loading

    def _reload(self) -> tuple[Corpus, list[Change]]:
        first = not self._loaded
        self._loaded = True
        if first and self._cache is None:  # not opened by preview()
            self._cache = Cache.open(self.paths)
        self._signed = None  # only a first load's corpus has a signature: derived data is cached for it alone
        listed, self._listed = self._listed or self._listing(with_stats=first), None
        self._dirs, dirs_seen, files, problems, stats = listed
        if first:
            self._stats = stats
        if not first:
            return self._reload_changed(files, problems, dirs_seen)
        if self._cache is None:
            return self._first_load(files, problems, dirs_seen), []
        return self._first_from_cache(self._cache, files, problems, dirs_seen), []

    def _listing(self, with_stats: bool = True) -> _Listing:
        """The folders below the paths with their stamps, taken first (a file added meanwhile is seen by the
        next poll), then the files and the problems of finding them, and the files' stat signature (before
        they are read, as the stamps: keep_preview's key; None when the cache is off or for a reload)."""
        dirs = self._folders()
        dirs_seen = {"dir:" + str(p): stamp(p) for p in (*self.paths, *dirs)}
        files, problems = expand(self.paths, self.limits)
        stats = stat_signature(files, problems) if with_stats and self._cache is not None else None
        return dirs, dirs_seen, files, problems, stats

    def _first_load(self, files: list[Path], problems: list[Problem], dirs_seen: dict[str, Stamp | None]) -> Corpus:
        """The first load without a cache: every file read, parsed and built (in worker processes when there
        are enough of them)."""
        entries: dict[str, _Entry] = {}
        workers = workers_for(len(files), self.parallel_from)
        if workers:
            stamps = [stamp(path) for path in files]  # before reading, as below
            shown = display_paths(files)
            jobs = [
                Job(str(path), name, None, now[0] if now is not None else 0)
                for path, name, now in zip(files, shown, stamps, strict=True)
            ]
            loaded = self._in_workers(jobs, lambda index: read_file(files[index], self.limits), workers)
            for path, now, file in zip(files, stamps, loaded, strict=True):
                entries[str(path)] = _Entry.of(now, file)
        else:
            for number, path in enumerate(files, 1):
                self._report("reading", number, len(files))
                now = stamp(path)  # before reading: a write during the read changes it again for the next poll
                entries[str(path)] = _Entry.of(now, self._read(path))
        self._keep(entries, dirs_seen)
        return self._assembled(files, problems)

    def _first_from_cache(
        self, cache: Cache, files: list[Path], problems: list[Problem], dirs_seen: dict[str, Stamp | None]
    ) -> Corpus:
        """The first load through the cache. Every file's bytes are read and hashed (probed); when none
        changed, the corpus assembled last time is reused whole, and the files' loaded forms are fetched from
        the cache later, when a reload needs them. Otherwise each file is found in the cache or parsed, and
        what is new is encoded and written later, by after_first_load()."""
        stamps = [stamp(path) for path in files]  # before reading, as in _reload_changed
        shown = display_paths(files)
        probes = self._probes(files, shown)
        signature = corpus_signature(probes, problems)
        keys = [found.key for found in probes]
        dropped = cache.may_have_corpus(signature)
        if dropped:  # the files' bytes are not needed when the kept corpus decodes: let them go first (they
            # would add the corpus's size on disk to the peak memory of a warm start)
            probes = [found._replace(data=b"") for found in probes]
        corpus: Corpus | None = cache.get_corpus(signature)
        if corpus is None and dropped:  # a damaged corpus file: the files are read again, as on any miss
            probes = self._probes(files, shown)
            signature = corpus_signature(probes, problems)
            keys = [found.key for found in probes]
        if corpus is not None:
            cache.save(keys)
            self._keep({str(path): _Entry(now, None, None) for path, now in zip(files, stamps, strict=True)}, dirs_seen)
        else:
            loaded = self._from_probes(cache, probes)
            self._keep(
                {str(path): _Entry.of(now, file) for path, now, file in zip(files, stamps, loaded, strict=True)},
                dirs_seen,
            )
            corpus = self._assembled(files, problems)
            cache.put_corpus(signature, corpus)
            self._unsaved = keys  # written by after_first_load(), once the corpus is on screen
        self._signed = (signature, corpus)
        return corpus

    def _probes(self, files: list[Path], shown: list[str]) -> list[Probe]:
        """Each file read and hashed (io/files.probe), the progress reported as they are."""
        probes: list[Probe] = []
        for number, (path, name) in enumerate(zip(files, shown, strict=True), 1):
            self._report("reading", number, len(files))
            probes.append(probe(path, name, self.limits))
        return probes

    def _from_probes(self, cache: Cache, probes: list[Probe]) -> list[LoadedFile]:
        """Each probed file's loaded form: from the cache, or parsed and built and given to the cache (written
        by after_first_load), in worker processes when enough files are not in the cache."""
        total = len(probes)
        missing = [
            index
            for index, found in enumerate(probes)
            if found.data is not None and found.meta is not None and not cache.has(found.key, found.meta)
        ]
        workers = workers_for(len(missing), self.parallel_from)
        if not workers:
            loaded = []
            for number, found in enumerate(probes, 1):
                self._report("reading", number, total)
                self.parses += 1
                loaded.append(from_probe(found, cache, defer=True))
            return loaded
        out: list[LoadedFile | None] = [None] * total
        wanted = set(missing)
        done = 0
        for index, found in enumerate(probes):  # in the cache, or unreadable: no worker needed
            if index not in wanted:
                done += 1
                self._report("reading", done, total)
                self.parses += 1
                out[index] = from_probe(found, cache, defer=True)
        jobs = [Job(probes[i].key, probes[i].shown, probes[i].data, len(probes[i].data or b"")) for i in missing]
        built = self._in_workers(jobs, lambda job: from_probe(probes[missing[job]], cache, defer=True), workers, done)
        for index, file in zip(missing, built, strict=True):
            found = probes[index]
            if found.meta is not None:
                cache.put(found.key, found.meta, to_cache(file), defer=True)  # as from_probe does
            out[index] = file
        loaded = [file for file in out if file is not None]
        assert len(loaded) == total, "every file is loaded from the cache, by a worker or alone"
        return loaded

    def _in_workers(
        self, jobs: list[Job], alone: Callable[[int], LoadedFile], workers: int, done: int = 0
    ) -> list[LoadedFile]:
        """load_in_workers, counting the files parsed and reporting progress as "reading", after `done` files
        loaded before these jobs."""
        total = done + len(jobs)

        def progress(count: int) -> None:
            self._report("reading", done + count, total)

        loaded = load_in_workers(jobs, alone, self.limits, progress, workers)
        self.parses += len(jobs)
        self.parallel += loaded.by_workers
        return loaded.files

    def _reload_changed(
        self, files: list[Path], problems: list[Problem], dirs_seen: dict[str, Stamp | None]
    ) -> tuple[Corpus, list[Change]]:
        """A reload: files whose stamp is unchanged keep their loaded form; the others are read again (through
        the cache), and each is reported as a Change, as are the files gone."""
        entries: dict[str, _Entry] = {}
        changes: list[Change] = []
        for number, path in enumerate(files, 1):
            self._report("reading", number, len(files))
            key = str(path)
            now = stamp(path)  # before reading: a write during the read changes it again for the next poll
            old = self._entries.get(key)
            if old is not None:
                old = self._materialised(path, old, unchanged=now is not None and old.stamp == now)
                if now is not None and old.stamp == now:
                    entries[key] = old
                    continue
            file = self._read(path)
            entry = entries[key] = _Entry.of(now, file, old.good if old is not None else None)
            if file.broken:
                what = "broken" if entry.good is not None else "invalid"
            else:
                what = "reloaded" if old is not None else "added"
            changes.append(Change(display_path(path), what))
        for key, gone in self._entries.items():
            if key not in entries:
                shown = gone.current.report.path if gone.current is not None else display_path(Path(key))
                changes.append(Change(shown, "deleted"))
        self._keep(entries, dirs_seen)
        if self._cache is not None:
            self._cache.save([cache_key(Path(key)) for key in entries])
        return self._assembled(files, problems), changes

    def _assembled(self, files: list[Path], problems: list[Problem]) -> Corpus:
        """The corpus of the files kept (a broken file at its last good version, with a problem saying so),
        checked on copies, so that the kept loaded forms stay as read."""
        found = list(problems)
        checked: list[LoadedFile] = []
        for entry in self._entries.values():
            file = entry.current
            assert file is not None, "every file is read or materialised before the corpus is assembled"
            if file.broken and entry.good is not None:
                found.extend(_kept_problems(file))
                file = entry.good
            checked.append(file.for_checks())
        self._report("checking", len(files), len(files))
        return assemble(checked, found, display_paths(files))

    def _materialised(self, path: Path, entry: _Entry, unchanged: bool) -> _Entry:
        """The entry with its file's loaded form, when the first load took the corpus whole from the cache
        (and so never built the files). An unchanged file is read again and found in the cache; a changed
        one's previous form is the cache's entry for it (its text is gone: a kept version's warnings are then
        reported at line 1)."""
        if entry.current is not None:
            return entry
        if unchanged:
            return _Entry.of(entry.stamp, read_file(path, self.limits, self._cache))
        stored = self._cache.previous(cache_key(path)) if self._cache is not None else None
        if stored is None:
            return _Entry(entry.stamp, LoadedFile.unread(display_path(path)), None)
        return _Entry.of(entry.stamp, from_cache(stored, b""))

    def _read(self, path: Path) -> LoadedFile:
        self.parses += 1
        return read_file(path, self.limits, self._cache)

    def _keep(self, entries: dict[str, _Entry], dirs_seen: dict[str, Stamp | None]) -> None:
        """Take `entries` as the files loaded now, and their stamps as seen (before the corpus is assembled:
        a corpus that fails to assemble is not retried until something changes again)."""
        self._entries = entries
        self._seen = {**{key: entry.stamp for key, entry in entries.items()}, **dirs_seen}

    def _save_first_load(self) -> None:
        keys, self._unsaved = self._unsaved, None
        if keys is not None and self._cache is not None:
            self._cache.save(keys)

    def _report(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)

    # ---------------------------------------------------------------------------------------- watching

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


def _kept_problems(file: LoadedFile) -> list[Problem]:
    """A broken file shown at its last good version: say so, and give its actual errors."""
    return [Problem(file.report.path, 1, 1, "error", LAST_GOOD), *file.fatal, *file.finding_problems()]
