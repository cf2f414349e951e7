"""A persistent cache of what loading each briefing file produced, so that a warm start skips TOML parsing
and record building. The cross-file checks (ids, references, quotes, dates) still run on every load.

Two cache files per corpus (the list of paths given to `load`), in the user cache folder
(platformdirs.user_cache_path("kfor-tui"); KFOR_CACHE_DIR overrides it; KFOR_CACHE=0 turns caching off).
One holds, per source file, the file's key and a pickle of its loaded form (records, briefing, findings,
references, fatal problems) taken before the cross-file checks add to it; the other the assembled corpus.

Trade-off of the key: an entry is found by the file's absolute path and must match its shown path, size,
mtime_ns, the per-file size limit, the cache format and kfor-tui's version, *and* the blake2b digest of the
bytes read now. The bytes are read and hashed on every load (a small fraction of parsing them: bench/bench.py
measures both), so a hit never depends on timestamps alone: an edit that keeps the size and mtime (coarse
clocks, tools that restore mtimes) is still seen. Skipping the read for an unchanged stamp would save that
fraction but could return stale records; correctness wins.

Anything wrong with the cache file (missing, truncated, corrupt, another format or version, unreadable) makes
it empty; an entry that fails to unpickle is a miss. The file is rewritten atomically after a load that
changed something. The cache lives in the user's own cache folder (created 0700) and its files are written
0600: it is trusted like the user's other files, as pickle requires, and only while that holds: a cache file
or folder that another user could write (a shared KFOR_CACHE_DIR) is never read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, BinaryIO

from kfor_tui import __version__

FORMAT = 3  # bump when the records of kfor_tui.model change shape: older caches are then ignored
HEADER = ("kfor-tui-cache", FORMAT, __version__)  # opens every cache file: one with another is ignored


def cache_folder() -> Path | None:
    """Where cache files go, or None when caching is turned off (KFOR_CACHE=0)."""
    if os.environ.get("KFOR_CACHE", "1").strip().lower() in ("0", "no", "false", "off"):
        return None
    folder = os.environ.get("KFOR_CACHE_DIR")
    if folder:
        return Path(folder)
    import platformdirs  # only when a cache is used

    return platformdirs.user_cache_path("kfor-tui")


def _private(path: Path) -> bool:
    """Owned by this user and writable by no one else: only then is a pickle in it trusted."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _open_private(path: Path) -> BinaryIO:
    """The file opened for reading, refused (OSError, so a miss) unless it is private to this user."""
    handle = path.open("rb")
    info = os.fstat(handle.fileno())
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        handle.close()
        raise PermissionError(f"{path} is not private to this user: not read")
    return handle


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Cache:
    """The entries of one corpus: get() before parsing a file, put() after, save() once at the end.

    Two files: `files-*.pickle` holds the per-file entries (read only when a file must be looked up) and
    `corpus-*.pickle` the corpus assembled last time, as two pickles in a row (its signature, then the corpus),
    so a warm start streams the corpus straight from the file and never holds the per-file entries or the
    file's bytes in memory."""

    def __init__(self, path: Path, whole_path: Path | None = None) -> None:
        self.path = path
        self.whole_path = whole_path or path.with_name(path.name.replace("files-", "corpus-", 1))
        self._entries: dict[str, tuple[tuple[Any, ...], bytes]] | None = None
        self.used: dict[str, tuple[tuple[Any, ...], bytes]] = {}
        self.dirty = False
        self._whole: tuple[tuple[Any, ...], Any] | None = None  # (signature, corpus) to write at save()
        self.pending: dict[str, tuple[tuple[Any, ...], Any]] = {}  # put(defer=True): pickled at save()

    @property
    def entries(self) -> dict[str, tuple[tuple[Any, ...], bytes]]:
        if self._entries is None:
            self._entries = {}
            try:
                with _open_private(self.path) as handle:
                    stored = pickle.load(handle)
                if (
                    isinstance(stored, tuple)
                    and len(stored) == 2
                    and stored[0] == HEADER
                    and isinstance(stored[1], dict)
                ):
                    self._entries = stored[1]
            except Exception:  # noqa: BLE001 - a missing, truncated or corrupt cache is an empty one
                self._entries = {}
        return self._entries

    @classmethod
    def open(cls, paths: list[Path]) -> Cache | None:
        """The cache for a load of `paths`, or None when caching is off, or when the folder is not the user's
        own (another user could then plant a pickle, which runs code when loaded: see _private)."""
        folder = cache_folder()
        if folder is None or (folder.exists() and not _private(folder)):
            return None
        names = "\0".join(str(Path(p).absolute()) for p in paths)
        name = hashlib.blake2b(f"{HEADER}\0{names}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return cls(folder / f"files-{name}.pickle", folder / f"corpus-{name}.pickle")

    def _extra_path(self, name: str) -> Path:
        return self.whole_path.with_name(self.whole_path.name.replace("corpus-", f"{name}-", 1))

    def get_extra(self, name: str, signature: tuple[Any, ...]) -> Any:
        """Something derived from the corpus with this signature (the lookup index), stored by put_extra, or
        None: read as the corpus is, streamed after its signature."""
        return _read_pair(self._extra_path(name), signature)

    def put_extra(self, name: str, signature: tuple[Any, ...], value: Any) -> None:
        _write_pair(self._extra_path(name), signature, value)

    def get(self, key: str, meta: tuple[Any, ...]) -> Any:
        """The stored loaded form for this file and key, or None."""
        entry = self.entries.get(key)
        if entry is None or not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != meta:
            return None
        try:
            value = pickle.loads(entry[1])
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None
        self.used[key] = entry
        return value

    def previous(self, key: str) -> Any:
        """The loaded form last stored for this file, whatever its content now (unpickled), or None."""
        entry = self.entries.get(key)
        try:
            return pickle.loads(entry[1]) if isinstance(entry, tuple) and len(entry) == 2 else None
        except Exception:  # noqa: BLE001 - a damaged entry: nothing to keep
            return None

    def get_corpus(self, signature: tuple[Any, ...]) -> Any:
        """The corpus assembled last time from exactly these files (same keys and digests, in the same
        order, with the same problems from finding them), or None. The cross-file checks are a pure function
        of the files, so when none changed their result is reused whole."""
        return _read_pair(self.whole_path, signature)

    def put_corpus(self, signature: tuple[Any, ...], corpus: Any) -> None:
        self._whole = (signature, corpus)

    def put(self, key: str, meta: tuple[Any, ...], value: Any, defer: bool = False) -> None:
        """Store a file's loaded form; with `defer`, pickle it only at save() (the caller promises not to
        change `value` meanwhile), so a first load can show the corpus before paying for the cache."""
        if defer:
            self.pending[key] = (meta, value)
            self.dirty = True
        else:
            self._pickled(key, meta, value)

    def _pickled(self, key: str, meta: tuple[Any, ...], value: Any) -> None:
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something unpicklable: just not cached
            return
        self.used[key] = (meta, payload)
        self.dirty = True

    def save(self, keys: list[str]) -> None:
        """Keep the entries of the files in `keys` (the files loaded now; others are dropped), and write what
        changed: the per-file entries, and the corpus given to put_corpus."""
        from kfor_tui.io.atomic import write_atomic

        whole, self._whole = self._whole, None
        if whole is not None:
            _write_pair(self.whole_path, *whole)
        pending, self.pending = self.pending, {}
        for key, (meta, value) in pending.items():
            self._pickled(key, meta, value)
        if self._entries is None and not self.used:
            return  # the per-file entries were not needed: nothing of them changed
        kept = {}
        for key in keys:
            entry = self.used.get(key) or self.entries.get(key)
            if entry is not None:
                kept[key] = entry
        self.used = {}
        if not self.dirty and kept.keys() == self.entries.keys():
            return
        self._entries, self.dirty = kept, False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(self.path, pickle.dumps((HEADER, kept), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only or full cache folder only costs speed


def _read_pair(path: Path, signature: tuple[Any, ...]) -> Any:
    """The value stored with _write_pair under this signature, or None. Two pickles in a row, the header with
    the signature and then the value, so that a miss reads only the first."""
    try:
        with _open_private(path) as handle:
            if pickle.load(handle) != (HEADER, signature):
                return None
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, truncated, corrupt, another version: a miss
        return None


def _write_pair(path: Path, signature: tuple[Any, ...], value: Any) -> None:
    from kfor_tui.io.atomic import write_atomic

    try:
        data = pickle.dumps((HEADER, signature), protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(
            value, protocol=pickle.HIGHEST_PROTOCOL
        )
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, data)
    except Exception:  # noqa: BLE001 - unpicklable, read-only or full: it only costs speed
        pass
