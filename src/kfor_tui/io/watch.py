"""Watch the briefing files and folders for changes with watchfiles (Rust `notify`). Pure: no Textual.

It asks the kernel (inotify on Linux) rather than looking at every file on a timer, so an idle app costs
nothing per file; it falls back to watchfiles' polling where the kernel sees nothing.

    watcher = BriefingWatcher(paths, on_change=lambda changed: ..., on_error=lambda message: ...)
    watcher.start()     # walks the folders once and sets up the watches; may take a moment on a big tree
    ...
    watcher.close()     # no callback is called after this returns

What is watched follows what `expand` reads (io/reading.py): every folder below a named folder except hidden
ones and links to folders, each watched on its own (not recursively), so `.git` costs no watches and sends
no events; a named file through its parent folder, since an editor's save renames a new file over it and a
watch on the file itself would stay on the replaced one. A new or removed folder changes that set, and the
watches are set up again before `on_change` is called, so a reload that follows misses nothing.

Modes: "inotify" (the kernel's events: inotify on Linux, the platform's native watcher elsewhere) or "poll"
(watchfiles stats each watched folder's entries every POLL_DELAY_MS). "auto" picks native events, except
for paths on network and FUSE filesystems, where a change made on another machine raises no event here; and
when native watching cannot start (out of inotify watches or instances), it polls instead.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# A private class of watchfiles (the one its public watch() drives): watch() creates it lazily, inside the
# thread, so start() could neither know the mode nor catch a setup error. Its signature is the same in every
# 1.x release; pyproject.toml pins watchfiles below 2.
from watchfiles._rust_notify import RustNotify

from kfor_tui.io.mounts import filesystem_of, is_network_fs, read_mounts

DEBOUNCE_MS = 800  # a burst of changes is reported at most this long after it starts ...
STEP_MS = 100  # ... or as soon as one step passes with no new change (one editor save: one call)
POLL_DELAY_MS = 500  # between two scans in poll mode
POLL_RECHECK_S = 1.2  # poll mode: a reported file is looked at again this long after (see _stamp)
CLOSE_TIMEOUT_S = 2.0  # close() waits this long for a callback in progress and for the thread to end

ADDED, MODIFIED, DELETED = 1, 2, 3  # watchfiles.Change values, as RustNotify reports them


@dataclass(frozen=True)
class _Plan:
    """What to watch for a list of target paths (all absolute, links not resolved)."""

    dirs: frozenset[str]  # every folder to watch (each on its own, not recursively)
    roots: tuple[str, ...]  # named folders that exist: .toml files and folders below them are reported
    files: dict[str, str] = field(default_factory=dict)  # a named file's path (or the file a link names) -> path
    missing: tuple[str, ...] = ()  # named paths that do not exist (yet): their nearest existing folder is watched
    real_roots: dict[str, str] = field(default_factory=dict)  # watched folder that starts a tree -> its real path


_Stamp = tuple[int, int, int] | None


def _stamp(path: str) -> _Stamp:
    """Size, mtime in ns and inode. watchfiles' poll mode compares mtimes in whole seconds, so a save within
    the same second as the file's previous one goes unseen: in poll mode every file is stamped before the
    watcher takes its first look, and each reported file when it is reported, and one whose stamp differs
    POLL_RECHECK_S later is reported then."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _stamp_files(plan: _Plan) -> dict[str, _Stamp]:
    """Stamps of every file that could be reported, for the first look again after a poll watcher starts."""
    stamps = {path: _stamp(path) for path in plan.files}
    for folder in plan.dirs:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".toml") and not entry.name.startswith("."):
                        stamps[entry.path] = _stamp(entry.path)
        except OSError:
            continue
    return stamps


def _walk(root: str) -> list[str]:
    """The folders expand() searches below `root`: hidden folders and links to folders are not entered; an
    unreadable folder is left out (it cannot be watched either)."""
    out = []
    for folder, dirs, _ in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.append(folder)
    return out


def _nearest_folder(path: str) -> str:
    parent = os.path.dirname(path)
    while parent != os.path.dirname(parent) and not os.path.isdir(parent):
        parent = os.path.dirname(parent)
    return parent


def make_plan(targets: Iterable[str]) -> _Plan:
    dirs: set[str] = set()
    roots: list[str] = []
    files: dict[str, str] = {}
    missing: list[str] = []
    real_roots: dict[str, str] = {}
    for target in targets:
        if os.path.isdir(target):
            roots.append(target)
            real_roots[target] = os.path.realpath(target)
            dirs.update(_walk(target))
        elif os.path.exists(target):
            files[target] = target
            parent = os.path.dirname(target)
            dirs.add(parent)
            real_roots.setdefault(parent, os.path.realpath(parent))
            real = os.path.realpath(target)
            if real != target:  # a link: an edit of the file it names changes what is read
                files.setdefault(real, target)
                dirs.add(os.path.dirname(real))
                real_roots.setdefault(os.path.dirname(real), os.path.dirname(real))
        else:  # missing, a broken link, or below a file: watch for it to appear
            missing.append(target)
            parent = _nearest_folder(target)
            dirs.add(parent)
            real_roots.setdefault(parent, os.path.realpath(parent))
    return _Plan(frozenset(dirs), tuple(roots), files, tuple(missing), real_roots)


def on_network(plan: _Plan, mounts: list[tuple[str, str]] | None) -> bool:
    """True when a watched folder is on a network or FUSE filesystem. Folders below a root are mapped to real
    paths through their root (the walk enters no links), so only the roots' links are resolved."""
    if not mounts:
        return False
    roots = sorted(plan.real_roots, key=len, reverse=True)
    for folder in plan.dirs:
        real = folder
        for root in roots:
            if folder == root or folder.startswith(root.rstrip(os.sep) + os.sep):
                real = plan.real_roots[root] + folder[len(root) :]
                break
        fstype = filesystem_of(real, mounts)
        if fstype is not None and is_network_fs(fstype):
            return True
    return False


def _hidden_below(path: str, root: str) -> bool:
    rest = path[len(root) :].lstrip(os.sep)
    return any(part.startswith(".") for part in rest.split(os.sep))


def _under(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def relevant(raw: Iterable[tuple[int, str]], plan: _Plan, known_dirs: frozenset[str]) -> tuple[set[Path], bool]:
    """The changes that can change what is loaded, and whether the set of watched folders may have changed.
    `known_dirs`: the folders watched before the change (to tell a removed folder from a removed file)."""
    found: set[Path] = set()
    replan = False
    roots = sorted(plan.roots, key=len, reverse=True)
    for change, path in raw:
        if path in plan.files:
            found.add(Path(plan.files[path]))
            continue
        root = next((r for r in roots if path == r or _under(path, r)), None)
        if root is not None:
            if path == root:  # the named folder itself went away or came back
                found.add(Path(path))
                replan = True
            elif _hidden_below(path, root):
                continue
            elif (change == ADDED and os.path.isdir(path) and not os.path.islink(path)) or (
                change == DELETED and path in known_dirs
            ):
                found.add(Path(path))
                replan = True
            elif path.endswith(".toml") and not (change == MODIFIED and os.path.isdir(path)):
                found.add(Path(path))
            continue
        for target in plan.missing:
            if path == target or _under(path, target):
                found.add(Path(target))
                replan = True
            elif _under(target, path):  # a folder on the way to a missing path
                replan = True
        if path in known_dirs and change != MODIFIED:  # a watched folder (a named file's) went away
            replan = True
    return found, replan


class BriefingWatcher:
    """Calls `on_change(paths)` from its own daemon thread when briefing files or folders under `paths`
    change: files ending in .toml added, modified, deleted or renamed into place, and folders appearing or
    disappearing (absolute paths; a named file is reported by the path it was named by). Hidden files and
    folders (a name starting with '.') are never reported. One call per burst of changes (DEBOUNCE_MS,
    STEP_MS). `on_change` should return quickly (post a message, set a flag): close() waits for a call in
    progress before it returns, up to CLOSE_TIMEOUT_S.

    An error while watching is reported once through `on_error(message)` and the watcher stops; start()
    never raises for a path it cannot watch. Neither callback is called once close() has returned.
    """

    def __init__(
        self,
        paths: list[Path],
        on_change: Callable[[set[Path]], None],
        *,
        mode: str = "auto",
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        if mode not in ("auto", "poll"):
            raise ValueError(f"mode must be 'auto' or 'poll', not {mode!r}")
        self._targets = list(dict.fromkeys(os.path.abspath(p) for p in paths))
        self._on_change = on_change
        self._on_error = on_error
        self._requested = mode
        self.mode = "poll" if mode == "poll" else "inotify"  # what it actually uses, once started
        self.fallback = ""  # why "auto" polls, when it does: "network filesystem" or the error native watching hit
        self._stop = threading.Event()  # watchfiles checks it every STEP_MS
        self._lock = threading.RLock()  # held while a callback runs; close() takes it to wait one out
        self._closed = False
        self._reported = False
        self._started = False
        self._thread: threading.Thread | None = None
        self._notifier: RustNotify | None = None
        self._plan = _Plan(frozenset(), ())
        self._recheck: dict[str, _Stamp] = {}  # poll mode: files to look at again at _recheck_at (see _stamp)
        self._recheck_at = 0.0

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive() and not self._stop.is_set()

    # ------------------------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Walk the folders, set up the watches and start the thread. Calling it again, or after close(), does
        nothing. If nothing can be watched, on_error is called (from this thread) and no thread starts."""
        if self._started or self._closed:
            return
        self._started = True
        try:
            self._plan, self._notifier = self._open()
        except Exception as exc:  # noqa: BLE001 - start never raises: the app keeps running unwatched
            self._report(f"cannot watch the briefings: {_describe(exc)}")
            return
        self._thread = threading.Thread(target=self._run, name="kfor-watch", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop watching. When this returns no callback is running (unless one took longer than
        CLOSE_TIMEOUT_S) and none will start. Safe to call twice, before start() or after it failed, and
        from inside a callback (then it only asks the thread to stop)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and threading.current_thread() is thread:
            self._closed = True  # from a callback: the thread ends once it returns
            return
        got = self._lock.acquire(timeout=CLOSE_TIMEOUT_S)
        self._closed = True
        if got:
            self._lock.release()
        if thread is not None:
            thread.join(timeout=CLOSE_TIMEOUT_S)
        elif self._notifier is not None:
            self._notifier.close()
            self._notifier = None

    # ------------------------------------------------------------------------------------ the thread

    def _run(self) -> None:
        try:
            while self._notifier is not None and not self._stop.is_set():
                recheck = self._recheck
                wait_ms = max(1, int((self._recheck_at - time.monotonic()) * 1000)) if recheck else 0
                raw = self._notifier.watch(DEBOUNCE_MS, STEP_MS, wait_ms, self._stop)
                if raw == "stop":
                    break
                found = set() if isinstance(raw, str) else self._changes(raw)  # str: "timeout" (or "signal")
                if recheck and time.monotonic() >= self._recheck_at:
                    found |= {Path(path) for path, was in recheck.items() if _stamp(path) != was}
                    self._recheck = {}
                if not found:
                    continue
                if self.mode == "poll":  # stamped before the call: a reload it starts reads what came before
                    self._recheck_later({str(path): _stamp(str(path)) for path in found if not path.is_dir()})
                if not self._deliver(found):
                    break
        except Exception as exc:  # noqa: BLE001 - nothing escapes the thread: reported once, then it stops
            self._report(f"stopped watching the briefings: {_describe(exc)}")
        finally:
            self._stop.set()
            if self._notifier is not None:
                self._notifier.close()
            self._notifier = None

    def _recheck_later(self, stamps: dict[str, _Stamp]) -> None:
        self._recheck.update(stamps)
        self._recheck_at = time.monotonic() + POLL_RECHECK_S

    def _changes(self, raw: set[tuple[int, str]]) -> set[Path]:
        """The changes worth reporting; when folders came or went, the watches are set up again first."""
        old = self._plan
        found, replan = relevant(raw, old, old.dirs)
        plan = make_plan(self._targets) if replan else old
        if plan == old:
            return found
        plan, fresh = self._open(plan)
        stale, self._plan, self._notifier = self._notifier, plan, fresh
        if stale is not None:  # changes the old watches saw while the new ones were set up
            late = stale.watch(DEBOUNCE_MS, STEP_MS, 1, self._stop)
            stale.close()
            if not isinstance(late, str):
                found |= relevant(late, plan, old.dirs | plan.dirs)[0]
        # a named path that appeared or went away (its own event may have come before its folder was watched)
        found |= {Path(target) for target in set(old.missing) ^ set(plan.missing)}
        return found

    def _deliver(self, found: set[Path]) -> bool:
        with self._lock:
            if self._closed or self._stop.is_set():
                return False
            self._on_change(found)
        return True

    def _report(self, message: str) -> None:
        with self._lock:
            if self._closed or self._reported or (self._stop.is_set() and self._thread is not None):
                return
            self._reported = True
            if self._on_error is not None:
                with contextlib.suppress(Exception):  # the report is the last thing the watcher does
                    self._on_error(message)

    # ------------------------------------------------------------------------------------ watches

    def _open(self, plan: _Plan | None = None) -> tuple[_Plan, RustNotify]:
        """The plan (made now if not given) and a notifier watching it, in the mode the plan calls for."""
        plan = plan if plan is not None else make_plan(self._targets)
        if self._requested == "auto" and self.mode != "poll" and on_network(plan, read_mounts()):
            self.mode, self.fallback = "poll", "network filesystem"
        if self.mode == "inotify":
            try:
                return self._notify(plan, poll=False)
            except (OSError, RuntimeError) as exc:  # out of inotify watches or instances
                self.mode, self.fallback = "poll", _describe(exc)
        return self._notify(plan, poll=True)

    def _notify(self, plan: _Plan, poll: bool) -> tuple[_Plan, RustNotify]:
        """A RustNotify for the plan; a folder removed between the walk and the watch means walking again."""
        for attempt in range(3):
            try:
                stamps = _stamp_files(plan) if poll else {}  # before the notifier takes its own
                notifier = RustNotify(sorted(plan.dirs), False, poll, POLL_DELAY_MS, False, False)
            except FileNotFoundError:
                if attempt == 2:
                    raise
                plan = make_plan(self._targets)
                continue
            if poll:
                self._recheck_later(stamps)
            return plan, notifier
        raise AssertionError("unreachable")


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
