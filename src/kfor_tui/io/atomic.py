"""Write a file so that readers see either the old or the new content, never half of it.

The file keeps what a plain rewrite would keep: an existing file its permissions (and, where allowed, its
owner and group), a symlink its link (the file it points to is the one replaced); a new file gets the mode
`open(path, "w")` gives it (0666 less the umask), not the 0600 of a temp file. The temp file beside it is
`.NAME.kfor-tui.XXXXXXXX.tmp` (hidden, never read as a briefing), removed on any failure, Ctrl-C included;
one left by a writer that was killed (nothing can remove that one) is removed by the next write to the same
folder once it is a minute old.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_TAG = "kfor-tui"
TEMP_NAME = re.compile(r"\..+\.kfor-tui\.[a-z0-9_]{8}\.tmp")  # what mkstemp makes of the prefix and suffix below
STALE_SECONDS = 60  # a temp file this old belongs to no write in progress: its writer was killed


def write_atomic(path: Path, data: str | bytes) -> None:
    """Temp file in the same folder, fsync, rename over the target; the temp file is removed on failure.
    A symlink is written through, as open() would: its target is replaced and the link stays."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if os.path.islink(path):  # config.toml linked from a dotfiles repository: keep the link
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    mode, owner = _kept(path)
    sweep(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_TAG}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            _set_mode(handle.fileno(), mode, owner)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:  # KeyboardInterrupt too: never leave a temp file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _kept(path: Path) -> tuple[int, tuple[int, int] | None]:
    """The permission bits (and owner, group) the written file should have: an existing regular file's own,
    else what a new file gets under the umask."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return 0o666 & ~current_umask(), None
    if not stat.S_ISREG(info.st_mode):
        return 0o666 & ~current_umask(), None
    return info.st_mode & 0o777, (info.st_uid, info.st_gid)  # not setuid/setgid: the content is new


def _set_mode(fd: int, mode: int, owner: tuple[int, int] | None) -> None:
    if owner is not None and hasattr(os, "fchown"):
        info = os.fstat(fd)
        if (info.st_uid, info.st_gid) != owner:
            with contextlib.suppress(OSError):  # allowed for root, and for a group the user is in
                os.fchown(fd, *owner)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def current_umask() -> int:
    """The process umask, read without changing it where the system says it (Linux: /proc/self/status), so
    no other thread ever creates a file under a umask of 0; elsewhere set and restored at once."""
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sweep(folder: Path, now: float | None = None) -> list[str]:
    """Remove the temp files killed kfor-tui writers left in `folder`: named like ours, regular files (not
    symlinks), owned by this user and over STALE_SECONDS old. Never raises; returns the names removed."""
    now = time.time() if now is None else now
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[str] = []
    try:
        entries = os.scandir(folder)
    except OSError:
        return removed
    with entries:
        for entry in entries:
            if not entry.name.startswith(".") or not TEMP_NAME.fullmatch(entry.name):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if (
                    stat.S_ISREG(info.st_mode)
                    and now - info.st_mtime > STALE_SECONDS
                    and (uid is None or info.st_uid == uid)
                ):
                    os.unlink(entry.path)
                    removed.append(entry.name)
            except OSError:
                continue
    return removed
