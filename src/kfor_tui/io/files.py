"""One briefing file's loaded form: its bytes read (or found in the load cache), parsed, sanitised and built
into records, with the problems found in the file on its own. The checks across files come after, in
io/assemble.py, on a copy (LoadedFile.for_checks), so that the loaded form itself stays as read: the cache
stores it and live reload keeps it as a file's last good version.

    probe(path, shown, limits) -> Probe      bytes read and hashed, not parsed: decides whether the cache has it
    from_probe(probe, cache) -> LoadedFile   from the cache, or parsed and built (and given to the cache)
    read_file(path, limits, cache) -> LoadedFile
    from_bytes(shown, data) -> LoadedFile    bytes already read, parsed and built (io/parallel_read.py's workers)
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from kfor_tui.io.builders import build_file
from kfor_tui.io.cache import Cache, digest
from kfor_tui.io.cache_codec import CachedFile
from kfor_tui.io.fields import FileReport
from kfor_tui.io.positions import KeyPath, Positions
from kfor_tui.io.reading import MAX_FILE_BYTES, Limits, display_path, parse_bytes, read_bytes, read_toml
from kfor_tui.io.sanitise import clean_source, sanitise
from kfor_tui.model import Briefing, Problem, Record

Located = tuple[Record, KeyPath]  # a record with the key path of its table, for positions of its problems
Meta = tuple[str, int, int, int, bytes]  # shown path, size, mtime_ns, per-file size limit, digest of the bytes
Signature = tuple[Any, ...]  # what an assembled corpus depends on (corpus_signature)


class _Scan:
    """A text's key positions, scanned on first use. One is shared by a file and its copies, so that a file
    with problems is scanned once, however often it is checked again."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        self.positions: Positions | None = None


@dataclass
class LoadedFile:
    """What one file gives: its report (findings, references, where each citation was written), its text, its
    [briefing] and records, and `fatal`, the problems that stopped it loading (unreadable, not TOML, ...)."""

    report: FileReport
    text: str | None
    briefing: Briefing | None
    records: list[Located]
    fatal: tuple[Problem, ...] = ()
    _scan: _Scan = field(default_factory=_Scan, repr=False, compare=False)

    @classmethod
    def unread(cls, shown: str, fatal: tuple[Problem, ...] = ()) -> LoadedFile:
        """A file that gives no records: it could not be read or parsed (`fatal` says why), or is gone."""
        return cls(FileReport(shown), None, None, [], fatal)

    @property
    def broken(self) -> bool:
        """True when the file does not load: unreadable, not TOML, or no [briefing]."""
        return bool(self.fatal) or self.briefing is None

    @property
    def positions(self) -> Positions:
        """Key positions, scanned only when this file has something to report."""
        scan = self._scan
        if scan.positions is None:
            scan.positions = Positions(self.text or "")
        return scan.positions

    def for_checks(self) -> LoadedFile:
        """A copy whose report the cross-file checks may add to, leaving this one as it was read."""
        report = self.report
        fresh = replace(
            report,
            findings=list(report.findings),
            references=list(report.references),
            cite_paths=dict(report.cite_paths),
        )
        return replace(self, report=fresh)

    def finding_problems(self) -> list[Problem]:
        """The report's findings as problems at their line and column (the text is scanned only if there are any)."""
        findings = self.report.findings
        if not findings:
            return []
        positions, shown = self.positions, self.report.path
        out = []
        for finding in findings:
            line, col = positions.of(finding.path)
            out.append(Problem(shown, line, col, finding.severity, finding.message))
        return out


class Probe(NamedTuple):
    """One file's bytes read and hashed but not parsed: enough to find it in the cache."""

    shown: str  # the path as shown
    data: bytes | None  # None when the file cannot be read: `fatal` says why
    fatal: list[Problem]
    key: str  # the cache key (cache_key)
    meta: Meta | None  # what the cache entry must match; None when the file could not be read


def cache_key(path: Path) -> str:
    return os.path.abspath(path)


def corpus_signature(probes: list[Probe], problems: list[Problem]) -> Signature:
    """What the assembled corpus depends on: each file's key and content digest, in order, the problems
    found while finding them, and the paths as shown."""
    return (tuple((p.key, p.meta) for p in probes), tuple(problems), tuple(p.shown for p in probes))


# A file changed this close to the moment its stat is taken may change again within the same timestamp
# (a coarse clock: 2 s on FAT): its stat then proves nothing, and stat_signature gives none.
RACY_NS = 3_000_000_000
StatSignature = tuple[tuple[tuple[str, int, int, int, int, int], ...], tuple[Problem, ...]]


def stat_signature(files: list[Path], problems: list[Problem]) -> StatSignature | None:
    """The files as one stat each sees them (path, size, mtime, ctime, inode, device), without reading them,
    and the problems found while finding them; None when a file cannot be stat'ed or changed too recently to
    tell (RACY_NS). It keys what the first screen shows before the files are read and checked byte by byte:
    an edit changes the ctime even when a tool puts the size and mtime back, and the ctime cannot be set."""
    now = time.time_ns()
    out = []
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            return None
        if max(info.st_mtime_ns, info.st_ctime_ns) >= now - RACY_NS:
            return None
        out.append((str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
    return tuple(out), tuple(problems)


def probe(path: Path, shown: str, limits: Limits | None) -> Probe:
    key = cache_key(path)
    try:
        info = os.stat(path)  # before reading: a write during the read makes the next load miss
    except OSError:
        info = None
    data, fatal = read_bytes(path, shown, limits)
    if data is None or info is None:
        return Probe(shown, None, fatal, key, None)
    limit = limits.file_bytes if limits else MAX_FILE_BYTES
    return Probe(shown, data, fatal, key, (shown, info.st_size, info.st_mtime_ns, limit, digest(data)))


def from_probe(probe: Probe, cache: Cache, defer: bool = False) -> LoadedFile:
    """The file's loaded form from the cache, or parsed and built (and given to the cache; with `defer`,
    encoded only when the cache is saved: the caller must not change the file before)."""
    if probe.data is None or probe.meta is None:
        return LoadedFile.unread(probe.shown, tuple(probe.fatal))
    stored = cache.get(probe.key, probe.meta)
    if stored is not None:
        return from_cache(stored, probe.data)
    file = from_bytes(probe.shown, probe.data)
    cache.put(probe.key, probe.meta, to_cache(file), defer=defer)
    return file


def read_file(path: Path, limits: Limits | None = None, cache: Cache | None = None) -> LoadedFile:
    """One file's loaded form, through the cache when there is one."""
    shown = display_path(path)
    if cache is None:
        return _parsed(shown, *read_toml(path, shown, limits))
    return from_probe(probe(path, shown, limits), cache)


def from_bytes(shown: str, data: bytes) -> LoadedFile:
    """The loaded form of one file's bytes: parsed, sanitised and built."""
    return _parsed(shown, *parse_bytes(data, shown))


def _parsed(shown: str, text: str | None, data: dict[str, Any] | None, fatal: list[Problem]) -> LoadedFile:
    if data is None:
        return LoadedFile.unread(shown, tuple(fatal))
    report = FileReport(shown)
    if not clean_source(text or ""):
        data = sanitised(data, (), report)
    briefing, records = build_file(report, data)
    return LoadedFile(report, text, briefing, records)


def to_cache(file: LoadedFile) -> CachedFile:
    """A file's loaded form as the cache stores it (io/cache_codec.py). cite_paths is keyed by id(Cite), which
    means nothing outside this process, so each citation's key path is stored by position instead: one per
    cite of the records, in order (None for a cite without one)."""
    report = file.report
    where = report.cite_paths
    cite_paths = [where.get(id(cite)) for record, _ in file.records for cite in record.cites]
    return (report.path, report.findings, report.references, cite_paths, file.briefing, file.records, file.fatal)


def from_cache(stored: CachedFile, data: bytes) -> LoadedFile:
    """The loaded form `to_cache` stored, with `data`, the file's bytes, as its text (b"" when they are not the
    bytes the entry was made from: problems are then reported at line 1)."""
    path, findings, references, cite_paths, briefing, records, fatal = stored
    cites = (cite for record, _ in records for cite in record.cites)
    where = {id(cite): at for cite, at in zip(cites, cite_paths, strict=True) if at is not None}
    report = FileReport(path, findings, references, where)
    text = None if fatal else data.decode("utf-8").removeprefix("\ufeff")  # as parse_bytes gave it
    return LoadedFile(report, text, briefing, records, fatal)


def sanitised(value: Any, path: KeyPath, report: FileReport) -> Any:
    """Parsed TOML with every string (keys too) made safe to show (io/sanitise.py), each change a warning."""
    if isinstance(value, str):
        clean, found = sanitise(value)
        for message in found:
            report.warning(path, message)
        return clean
    if isinstance(value, dict):
        return {sanitise(k)[0]: sanitised(v, (*path, k), report) for k, v in value.items()}
    if isinstance(value, list):
        return [sanitised(v, (*path, i), report) for i, v in enumerate(value)]
    return value
