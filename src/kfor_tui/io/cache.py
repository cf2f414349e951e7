"""A persistent cache of what loading each briefing file produced, so that a warm start skips TOML parsing
and record building. The cross-file checks (ids, references, quotes, dates) still run on every load.

Files, per corpus (the list of paths given to `load`, hashed into NAME), in the user cache folder
(platformdirs.user_cache_path("kfor-tui"); KFOR_CACHE_DIR overrides it; KFOR_CACHE=0 turns caching off):
`files-NAME.cache` holds, per source file, the file's key and its loaded form (records, briefing, findings,
references, fatal problems) taken before the cross-file checks add to it; `corpus-NAME.cache` the assembled
corpus; `search-index-NAME.cache`, `subjects-NAME.cache` and `first-screen-NAME.cache` what the app derives
from it (session.py; the first screen is keyed by the files' stats instead: Loader.preview).

Data, never code: every file is MessagePack (io/cache_codec.py) decoded against the model's own types, never
a pickle. Layout of a file:

    MAGIC (16 bytes) | FORMAT (2 bytes) | len + kfor-tui's version | len + slot ("corpus"...) | signature (32)
    then frames:  length (8 bytes) | blake2b-256 of the payload (32) | payload

`signature` is the blake2b of what the content depends on (the files' keys and digests, the problems found
while finding them: files.corpus_signature); a file for other briefings, another format, version or slot is a
miss from its first bytes. Each frame's digest is keyed with the header's digest and salted with the frame's
number, so a frame is checked, against its own file and place, before a byte of it is decoded. Anything
wrong (missing, unreadable, truncated, a flipped bit anywhere, trailing bytes, a payload that does not
decode to the expected shape) makes it a miss: ignored, and rewritten by the next save. Never an exception,
never silently changed data.

Trade-off of the key: an entry is found by the file's absolute path and must match its shown path, size,
mtime_ns, the per-file size limit, the cache format and kfor-tui's version, *and* the blake2b digest of the
bytes read now. The bytes are read and hashed on every load (a small fraction of parsing them: bench/bench.py
measures both), so a hit never depends on timestamps alone: an edit that keeps the size and mtime (coarse
clocks, tools that restore mtimes) is still seen. Skipping the read for an unchanged stamp would save that
fraction but could return stale records; correctness wins.

Privacy: the folder is created 0700 and files are written 0600 (atomically: a temp file `.NAME.XXXXXXXX.tmp`,
fsync, rename). A cache file or folder that another user could write (a shared KFOR_CACHE_DIR) is never read:
the digest proves the file is whole, not who wrote it.

Bounded: after each write the cache folder is kept under `cache_max_mb` (default 512 MiB; KFOR_CACHE_MAX_MB,
config.toml): the corpora used least recently (a file's mtime is set when it is read) are deleted whole
until the rest fits, the corpus just written last. Temp files left by a killed writer are swept once per
process when the cache is first opened (those older than STALE_TMP_S: a younger one may be another
kfor-tui's write in progress). `kfor-tui cache info` / `kfor-tui cache clear` show and empty it.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from kfor_tui import __version__
from kfor_tui.io.cache_codec import (
    CacheDataError,
    CachedFile,
    decode_corpus,
    decode_file,
    decode_frames,
    decode_value,
    encode_corpus,
    encode_file,
    encode_frames,
    encode_value,
)
from kfor_tui.model import Corpus

T = TypeVar("T")

FORMAT = 7  # bump when the records of kfor_tui.model change shape: older caches are then ignored
HEADER = ("kfor-tui-cache", FORMAT, __version__)  # part of every cache file's name: another one is not read
MAGIC = b"kfor-tui cache\r\n"  # the first 16 bytes of every cache file
SUFFIX = ".cache"
LEGACY_SUFFIX = ".pickle"  # FORMAT <= 3 (pickles): never read again; counted, evicted and cleared as ours
DIGEST_SIZE = 32
NO_SIGNATURE = bytes(DIGEST_SIZE)
FRAME_HEAD = 8 + DIGEST_SIZE
FRAME_BYTES = 4 * 1024 * 1024  # the per-file entries are written in frames of about this size
MIB = 1024 * 1024
DEFAULT_MAX_MB = 512
MAX_MB_ENV = "KFOR_CACHE_MAX_MB"
STALE_TMP_S = 300  # a temp file this old is a killed writer's: no write of a cache file takes 5 minutes
SLOT = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
NAME = re.compile(
    rf"(?P<slot>{SLOT.pattern})-(?P<corpus>[0-9a-f]{{32}})(?P<suffix>{re.escape(SUFFIX)}|{re.escape(LEGACY_SUFFIX)})"
)
# a temp file of a write of a cache file: `.NAME.XXXXXXXX.tmp` (io/atomic.py's newer writer adds `kfor-tui.`)
TEMP = re.compile(rf"\.(?P<name>{NAME.pattern})\.(?:kfor-tui\.)?[A-Za-z0-9_]+\.tmp")

Meta = tuple[str, int, int, int, bytes]  # io/files.py's Meta: shown path, size, mtime_ns, size limit, digest
Entry = tuple[Meta, bytes]  # a file's meta and its encoded loaded form


# ------------------------------------------------------------------------------------------- the folder


def cache_location() -> Path:
    """The cache folder, whether caching is on or not: KFOR_CACHE_DIR, else the user cache folder."""
    folder = os.environ.get("KFOR_CACHE_DIR")
    if folder:
        return Path(folder)
    import platformdirs  # only when a cache is used

    return platformdirs.user_cache_path("kfor-tui")


def cache_enabled() -> bool:
    return os.environ.get("KFOR_CACHE", "1").strip().lower() not in ("0", "no", "false", "off")


def cache_folder() -> Path | None:
    """Where cache files go, or None when caching is turned off (KFOR_CACHE=0)."""
    return cache_location() if cache_enabled() else None


_max_mb: float | None = None  # set by configure() from the settings; else KFOR_CACHE_MAX_MB, else the default


def configure(max_mb: float | None) -> None:
    """Take the cap from the settings (`cache_max_mb`, already checked by kfor_tui.settings); None: the
    environment's KFOR_CACHE_MAX_MB, else the default (io does not import the settings)."""
    global _max_mb
    _max_mb = max_mb


def max_bytes() -> int:
    """The most bytes the cache folder may hold (cache_max_mb)."""
    mb: float | None = _max_mb
    if mb is None:
        try:
            mb = float(os.environ.get(MAX_MB_ENV, "").strip())
        except ValueError:
            mb = None
        if mb is not None and not (math.isfinite(mb) and 0 < mb < 2**40):
            mb = None
    return int((DEFAULT_MAX_MB if mb is None else mb) * MIB)


def private(path: Path) -> bool:
    """Owned by this user and writable by no one else: only then is a cache file in it read."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _open_own(path: Path, private_only: bool = True) -> BinaryIO:
    """The file opened for reading, refused (OSError, so a miss) unless it is a regular file of this user's,
    and (`private_only`) writable by no one else. Never follows a link, never blocks on a FIFO."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or (private_only and info.st_mode & 0o022):
            raise PermissionError(f"{path} is not a regular file private to this user: not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True)
class CacheFile:
    """One of kfor-tui's files in the cache folder: its slot ("corpus"...), the corpus it belongs to (the hash
    in its name), size and last use (mtime: set when written and when read)."""

    path: Path
    slot: str
    corpus: str
    size: int
    used: float


def _looks_ours(path: Path, suffix: str) -> bool:
    """A cache file begins with MAGIC, an old pickle cache file with pickle's protocol opcode."""
    try:
        with _open_own(path, private_only=False) as handle:  # counted and removed even if others could write it
            start = handle.read(len(MAGIC))
    except OSError:
        return False
    return start == MAGIC if suffix == SUFFIX else start[:1] == b"\x80"


def cache_files(folder: Path) -> list[CacheFile]:
    """kfor-tui's cache files in `folder` (by name and first bytes, regular files of this user's): nothing
    else in the folder is ever counted, evicted or cleared."""
    found: list[CacheFile] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        match = NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        path = Path(entry.path)
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and _looks_ours(path, match["suffix"]):
            found.append(CacheFile(path, match["slot"], match["corpus"], info.st_size, info.st_mtime))
    return found


def temp_files(folder: Path, older_than: float | None = None) -> list[Path]:
    """The temp files kfor-tui's atomic writes of cache files leave behind when killed (`.NAME.XXXXXXXX.tmp`),
    only those last written more than `older_than` seconds ago when given."""
    found: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if TEMP.fullmatch(entry.name) is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            continue
        if older_than is None or now - info.st_mtime > older_than:
            found.append(Path(entry.path))
    return found


_swept: set[str] = set()  # folders whose stale temp files this process has removed


def sweep(folder: Path) -> int:
    """Remove the stale temp files of killed writes, once per folder per process; how many were removed."""
    key = str(folder.absolute())
    if key in _swept:
        return 0
    _swept.add(key)
    removed = 0
    for path in temp_files(folder, older_than=STALE_TMP_S):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def enforce_cap(folder: Path, keep: str | None = None, cap: int | None = None) -> list[Path]:
    """Delete the least recently used corpora's files until the folder's cache files fit in `cap` (default
    max_bytes()); the corpus `keep` (just written) goes last, and only if it alone is over the cap. The paths
    removed."""
    cap = max_bytes() if cap is None else cap
    files = cache_files(folder)
    total = sum(file.size for file in files)
    removed: list[Path] = []
    if total <= cap:
        return removed
    groups: dict[str, list[CacheFile]] = {}
    for file in files:
        groups.setdefault(file.corpus, []).append(file)
    order = sorted(groups, key=lambda name: (name == keep, max(file.used for file in groups[name])))
    for name in order:
        if total <= cap:
            break
        for file in groups[name]:
            try:
                file.path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                continue
            total -= file.size
            removed.append(file.path)
    return removed


def clear(folder: Path) -> tuple[list[CacheFile], list[str]]:
    """Remove every kfor-tui cache file and temp file in `folder`, nothing else: (the files removed, the
    problems: 'NAME: reason' for each file that could not be)."""
    removed: list[CacheFile] = []
    problems: list[str] = []
    stale = [CacheFile(path, "temp", "", _size(path), 0.0) for path in temp_files(folder)]
    for file in [*cache_files(folder), *stale]:
        try:
            file.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(f"{file.path.name}: {exc.strerror or exc}")
            continue
        removed.append(file)
    return removed, problems


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


# ------------------------------------------------------------------------------------- reading, writing


def _header(slot: str, signature: bytes) -> bytes:
    version = __version__.encode("utf-8")
    name = slot.encode("ascii")
    return b"".join(
        (MAGIC, FORMAT.to_bytes(2, "big"), bytes((len(version),)), version, bytes((len(name),)), name, signature)
    )


def _frame_digest(key: bytes, number: int, payload: bytes | memoryview) -> bytes:
    return hashlib.blake2b(payload, digest_size=DIGEST_SIZE, key=key, salt=number.to_bytes(16, "big")).digest()


def signature_digest(signature: tuple[Any, ...]) -> bytes | None:
    """What a cache file's content depends on, as 32 bytes; None when it cannot be encoded (not cached)."""
    try:
        return hashlib.blake2b(encode_value(signature), digest_size=DIGEST_SIZE).digest()
    except Exception:  # noqa: BLE001 - a signature the cache cannot write (a path that is not UTF-8): no cache
        return None


class _Frames:
    """Reads a cache file's frames, each checked against its digest before it is returned."""

    def __init__(self, handle: BinaryIO, header: bytes) -> None:
        self.handle = handle
        self.left = os.fstat(handle.fileno()).st_size - len(header)
        if self.left < 0 or handle.read(len(header)) != header:
            raise CacheDataError("not a cache file of this format, version, slot and signature")
        self.key = hashlib.blake2b(header, digest_size=DIGEST_SIZE).digest()
        self.number = 0

    def frame(self) -> bytes:
        head = self.handle.read(FRAME_HEAD)
        if len(head) != FRAME_HEAD:
            raise CacheDataError("truncated")
        length = int.from_bytes(head[:8], "big")
        if length > self.left - FRAME_HEAD:
            raise CacheDataError("truncated, or a damaged frame length")
        payload = self.handle.read(length)
        if len(payload) != length or _frame_digest(self.key, self.number, payload) != head[8:]:
            raise CacheDataError("damaged: a frame does not match its digest")
        self.left -= FRAME_HEAD + length
        self.number += 1
        return payload

    def end(self) -> None:
        if self.left != 0 or self.handle.read(1):
            raise CacheDataError("trailing bytes")


def read_cache_file(path: Path, slot: str, signature: bytes, body: Callable[[_Frames], T]) -> T | None:
    """What `body` makes of the file's frames, or None (a miss) when anything is wrong with it. A hit marks
    the file used (its mtime), for the least-recently-used eviction."""
    try:
        with _open_own(path) as handle:
            frames = _Frames(handle, _header(slot, signature))
            value = body(frames)
            frames.end()
    except Exception:  # noqa: BLE001 - missing, private to no one, truncated, damaged, of another shape: a miss
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return value


def write_cache_file(path: Path, slot: str, signature: bytes, frames: Iterable[bytes]) -> bool:
    """Write the frames atomically (temp file 0600 in the same folder, fsync, rename), encoding each as it is
    written, so that the whole encoded file is never in memory. False when it could not be written (the temp
    file is removed): a read-only or full folder, or something the codec cannot store, only costs speed."""
    import tempfile  # only when writing

    header = _header(slot, signature)
    key = hashlib.blake2b(header, digest_size=DIGEST_SIZE).digest()
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            for number, payload in enumerate(frames):
                handle.write(len(payload).to_bytes(8, "big"))
                handle.write(_frame_digest(key, number, payload))
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return True
    except BaseException as exc:  # the temp file goes whatever stopped the write (an interrupt too) ...
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not isinstance(exc, Exception):
            raise
        return False  # ... and an unwritable or full folder, or data the codec refused, only costs speed


# -------------------------------------------------------------------------------------------- the cache


class Cache:
    """The entries of one corpus: get() before parsing a file, put() after, save() once at the end.

    `files-NAME.cache` holds the per-file entries (read only when a file must be looked up; each entry's
    loaded form is decoded only when it is used) and `corpus-NAME.cache` the corpus assembled last time, in
    frames, so a warm start decodes the corpus frame by frame and never holds the per-file entries or the
    whole encoded corpus in memory."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self.path = folder / f"files-{name}{SUFFIX}"
        self.whole_path = folder / f"corpus-{name}{SUFFIX}"
        self._entries: dict[str, Entry] | None = None
        self.used: dict[str, Entry] = {}
        self.dirty = False
        self._whole: tuple[tuple[Any, ...], Corpus] | None = None  # (signature, corpus) to write at save()
        self.pending: dict[str, tuple[Meta, CachedFile]] = {}  # put(defer=True): encoded at save()

    @classmethod
    def open(cls, paths: list[Path]) -> Cache | None:
        """The cache for a load of `paths`, or None when caching is off, or when the folder is not the user's
        own (another user could then plant or change files in it: see private). Sweeps the folder's stale
        temp files, once per process."""
        folder = cache_folder()
        if folder is None or (folder.exists() and not private(folder)):
            return None
        names = "\0".join(str(Path(p).absolute()) for p in paths)
        name = hashlib.blake2b(f"{HEADER}\0{names}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        sweep(folder)
        return cls(folder, name)

    # ---------------------------------------------------------------------------------- per-file entries

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = read_cache_file(self.path, "files", NO_SIGNATURE, _read_entries) or {}
        return self._entries

    def get(self, key: str, meta: tuple[Any, ...]) -> CachedFile | None:
        """The stored loaded form for this file and key, or None."""
        entry = self.entries.get(key)
        if entry is None or entry[0] != meta:
            return None
        value = _decoded(entry[1])
        if value is not None:
            self.used[key] = entry
        return value

    def has(self, key: str, meta: tuple[Any, ...]) -> bool:
        """True when an entry for this file and key is stored (get() decodes it; it may still prove damaged)."""
        entry = self.entries.get(key)
        return entry is not None and entry[0] == meta

    def previous(self, key: str) -> CachedFile | None:
        """The loaded form last stored for this file, whatever its content now, or None."""
        entry = self.entries.get(key)
        return _decoded(entry[1]) if entry is not None else None

    def put(self, key: str, meta: Meta, value: CachedFile, defer: bool = False) -> None:
        """Store a file's loaded form; with `defer`, encode it only at save() (the caller promises not to
        change `value` meanwhile), so a first load can show the corpus before paying for the cache."""
        if defer:
            self.pending[key] = (meta, value)
            self.dirty = True
        else:
            self._encoded(key, meta, value)

    def _encoded(self, key: str, meta: Meta, value: CachedFile) -> None:
        try:
            payload = encode_file(value)
        except Exception:  # noqa: BLE001 - something the codec cannot store: just not cached
            return
        self.used[key] = (meta, payload)
        self.dirty = True

    # ---------------------------------------------------------------------------- the corpus, and extras

    def get_corpus(self, signature: tuple[Any, ...]) -> Corpus | None:
        """The corpus assembled last time from exactly these files (same keys and digests, in the same
        order, with the same problems from finding them), or None. The cross-file checks are a pure function
        of the files, so when none changed their result is reused whole."""
        signed = signature_digest(signature)
        if signed is None:
            return None
        return read_cache_file(self.whole_path, "corpus", signed, lambda frames: decode_corpus(frames.frame))

    def may_have_corpus(self, signature: tuple[Any, ...]) -> bool:
        """Whether a corpus with this signature was kept, by the first bytes of its file alone (get_corpus
        still checks every frame)."""
        signed = signature_digest(signature)
        if signed is None:
            return False
        header = _header("corpus", signed)
        try:
            with _open_own(self.whole_path) as handle:
                return handle.read(len(header)) == header
        except Exception:  # noqa: BLE001 - missing or not the user's own: no corpus
            return False

    def put_corpus(self, signature: tuple[Any, ...], corpus: Corpus) -> None:
        self._whole = (signature, corpus)

    def _extra_path(self, slot: str) -> Path:
        if SLOT.fullmatch(slot) is None or slot in ("files", "corpus"):
            raise ValueError(f"not a name for derived data: {slot!r}")
        return self.folder / f"{slot}-{self.name}{SUFFIX}"

    def get_extra(self, slot: str, signature: tuple[Any, ...], shape: type[T] | Any) -> T | None:
        """Data derived from the corpus with this signature (the lookup index), stored by put_extra, decoded
        as `shape` (e.g. list[Subject]), or None."""
        signed = signature_digest(signature)
        if signed is None:
            return None
        path = self._extra_path(slot)
        return read_cache_file(path, slot, signed, lambda frames: decode_frames(frames.frame, shape))

    def put_extra(self, slot: str, signature: tuple[Any, ...], value: object) -> None:
        signed = signature_digest(signature)
        if signed is not None and write_cache_file(self._extra_path(slot), slot, signed, encode_frames(value)):
            self._evict()

    # ------------------------------------------------------------------------------------------ saving

    def save(self, keys: list[str]) -> None:
        """Keep the entries of the files in `keys` (the files loaded now; others are dropped), and write what
        changed: the per-file entries, and the corpus given to put_corpus. Then keep the folder under the cap."""
        wrote = False
        whole, self._whole = self._whole, None
        if whole is not None:
            signed = signature_digest(whole[0])
            if signed is not None:
                wrote = write_cache_file(self.whole_path, "corpus", signed, encode_corpus(whole[1]))
        pending, self.pending = self.pending, {}
        for key, (meta, value) in pending.items():
            self._encoded(key, meta, value)
        if self._entries is not None or self.used:  # else the per-file entries were not needed: none changed
            kept = {}
            for key in keys:
                entry = self.used.get(key) or self.entries.get(key)
                if entry is not None:
                    kept[key] = entry
            self.used = {}
            if self.dirty or kept.keys() != self.entries.keys():
                self._entries, self.dirty = kept, False
                wrote = write_cache_file(self.path, "files", NO_SIGNATURE, _entry_frames(kept)) or wrote
        if wrote:
            self._evict()

    def _evict(self) -> None:
        with contextlib.suppress(OSError):
            enforce_cap(self.folder, keep=self.name)


def _decoded(payload: bytes) -> CachedFile | None:
    try:
        return decode_file(payload)
    except Exception:  # noqa: BLE001 - an entry of the wrong shape is a miss
        return None


EntryShape = list[tuple[str, Meta, bytes]]


def _entry_frames(entries: dict[str, Entry]) -> Iterator[bytes]:
    """The per-file entries as frames: first how many frames of entries follow, then the entries in frames
    of about FRAME_BYTES."""
    chunks: list[EntryShape] = []
    chunk: EntryShape = []
    size = 0
    for key, (meta, payload) in entries.items():
        chunk.append((key, meta, payload))
        size += len(payload)
        if size >= FRAME_BYTES:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    yield encode_value(len(chunks))
    for part in chunks:
        yield encode_value(part)


def _read_entries(frames: _Frames) -> dict[str, Entry]:
    count: int = decode_value(frames.frame(), int)
    if count < 0:
        raise CacheDataError("a negative number of frames")
    entries: dict[str, Entry] = {}
    for _ in range(count):
        chunk: EntryShape = decode_value(frames.frame(), EntryShape)
        for key, meta, payload in chunk:
            entries[key] = (meta, payload)
    return entries
