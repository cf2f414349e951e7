"""The review database: for each record id a user marked reviewed, the digest and content it had then, and when.

One SQLite file per user (`review_db_path()`: `review.sqlite3` in the user data folder, or in $KFOR_DATA_DIR),
with two tables: `reviewed(id PRIMARY KEY, digest, content, at)` (content is canonical JSON text, `at` an ISO
8601 time with its offset) and `meta(key PRIMARY KEY, value)` (`schema` = 1). A mark is one transaction
(`BEGIN IMMEDIATE` ... `COMMIT`, rollback journal, synchronous FULL): a process killed in the middle of one
leaves the database as it was before it, and SQLite rolls the journal back at the next open.

Never trusted: content is read with json.loads (data, never code) and checked row by row (a damaged row is
left out and counted in `warnings`); the file must hold kfor-tui's two tables and nothing else (no triggers,
no views), and `trusted_schema` is off. `open_store` never raises: a database it cannot use (damaged, written
by a newer kfor-tui, locked beyond half a second, in a folder it cannot write, not a regular file) is a
`StoreUnavailable` with a one-line reason, and the caller goes on without marks.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kfor_tui.io.content_digest import DIGEST_CHARS, canonical_json, digest_of
from kfor_tui.io.sanitise import shown_name

SCHEMA = 1
APPLICATION_ID = 0x6B666F72  # 'kfor': the file says whose it is (PRAGMA application_id)
BUSY_TIMEOUT_S = 0.5  # how long a read or a mark waits for another writer before giving up
MAX_CONTENT_CHARS = 1 << 20  # a row larger than this is not a record's content: left out as damaged
MAX_DEPTH = 32  # nor is one nested deeper than this (the briefing files' own bound)
_DIGEST = re.compile(f"[0-9a-f]{{{DIGEST_CHARS}}}")
_OBJECTS = {
    ("table", "meta"),
    ("table", "reviewed"),
    ("index", "sqlite_autoindex_meta_1"),
    ("index", "sqlite_autoindex_reviewed_1"),
}
_CREATE = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE reviewed (id TEXT PRIMARY KEY NOT NULL, digest TEXT NOT NULL, content TEXT NOT NULL, "
    "at TEXT NOT NULL)",
    f"INSERT INTO meta (key, value) VALUES ('schema', '{SCHEMA}')",
    f"PRAGMA application_id = {APPLICATION_ID}",
)


def review_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """$KFOR_DATA_DIR/review.sqlite3, else review.sqlite3 in the user data folder (XDG_DATA_HOME on Linux)."""
    env = os.environ if environ is None else environ
    folder = env.get("KFOR_DATA_DIR")
    if folder:
        return Path(folder) / "review.sqlite3"
    from platformdirs import user_data_path

    return user_data_path("kfor-tui") / "review.sqlite3"


@dataclass(frozen=True, slots=True)
class ReviewedRecord:
    """A record as it was when marked reviewed: its content digest, the content itself, and when."""

    id: str
    digest: str
    content: dict[str, object]
    at: datetime


@dataclass(frozen=True, slots=True)
class StoreUnavailable:
    """Why the review database cannot be used, in one line a user can act on."""

    reason: str

    def __str__(self) -> str:
        return self.reason


class StoreError(Exception):
    """A mark that could not be written (nothing of it was): its message is one line for the user."""


def open_store(path: Path) -> ReviewStore | StoreUnavailable:
    """The review database at `path`, created (with its folder) when absent. Never raises."""
    shown = shown_name(str(path))
    try:
        target = _checked_target(path)
        if isinstance(target, StoreUnavailable):
            return target
        connection = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except (OSError, ValueError, sqlite3.Error) as exc:  # ValueError: a NUL in the path
        return StoreUnavailable(f"cannot open the review database {shown}: {_why(exc)}")
    try:
        _prepare(connection)
        problem = _schema_problem(connection)
        if problem is not None:
            connection.close()
            return StoreUnavailable(f"the review database {shown} {problem}")
    except (OSError, ValueError, sqlite3.Error) as exc:
        connection.close()
        return StoreUnavailable(_reason(shown, exc))
    return ReviewStore(connection, target)


class ReviewStore:
    """An open review database. Used from one thread at a time; close() when done (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.warnings: list[str] = []  # what reading found damaged and left out

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def reviewed(self) -> dict[str, ReviewedRecord]:
        """Every record marked reviewed, by id. Damaged rows are left out and counted in `warnings`; a read that
        fails (the file damaged or locked since it was opened) raises StoreError."""
        out: dict[str, ReviewedRecord] = {}
        damaged = 0
        try:
            rows = self._db.execute("SELECT id, digest, content, at FROM reviewed").fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_reason(shown_name(str(self.path)), exc)) from None
        for row in rows:
            record = _record(row)
            if record is None:
                damaged += 1
            else:
                out[record.id] = record
        self.warnings = (
            [f"{damaged:,} damaged row{'s' * (damaged != 1)} of the review database left out"] if damaged else []
        )
        return out

    def last_review(self) -> datetime | None:
        """When something was last marked reviewed; None when nothing ever was."""
        times = [record.at for record in self.reviewed().values()]
        return max(times) if times else None

    def mark(self, items: Iterable[tuple[str, Mapping[str, object]]], at: datetime, forget: Iterable[str] = ()) -> None:
        """Record each (id, content) as reviewed at `at`, and forget the ids in `forget` (records removed from the
        briefings, seen removed: listed as removed no more), all in one transaction: all of it or none.
        Raises StoreError (with nothing written) when the database cannot be written."""
        gone = [(ident,) for ident in forget]
        when = (at if at.tzinfo is not None else at.astimezone()).isoformat()
        try:
            rows = [(ident, digest_of(content), canonical_json(content), when) for ident, content in items]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"not marked reviewed: a record's content is not JSON data ({exc})") from None
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO reviewed (id, digest, content, at) VALUES (?, ?, ?, ?)", rows
                )
                self._db.executemany("DELETE FROM reviewed WHERE id = ?", gone)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError("not marked reviewed: " + _reason(shown_name(str(self.path)), exc)) from None


def _checked_target(path: Path) -> Path | StoreUnavailable:
    """The file to open: `path`, or the file a symlink at `path` names (its journal then sits beside the file
    itself, where SQLite looks for it); refused when it is not a regular file or its folder is not writable."""
    shown = shown_name(str(path))
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    if os.path.islink(path) and not target.exists():
        return StoreUnavailable(f"the review database {shown} is a symbolic link to nothing")
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not folder.is_dir():
        return StoreUnavailable(f"cannot use the review database {shown}: its folder is not a folder")
    if target.exists():
        mode = os.stat(target).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            return StoreUnavailable(f"cannot use the review database {shown}: it is {what}")
        if not os.access(target, os.R_OK | os.W_OK):
            return StoreUnavailable(f"cannot use the review database {shown}: it is not readable and writable")
    if not os.access(folder, os.W_OK | os.X_OK):
        return StoreUnavailable(f"cannot use the review database {shown}: its folder is not writable")
    return target


def _prepare(connection: sqlite3.Connection) -> None:
    for pragma in (
        "PRAGMA trusted_schema = OFF",  # a crafted file's schema runs nothing
        "PRAGMA cell_size_check = ON",  # find damage when a page is read, not by luck
        "PRAGMA journal_mode = DELETE",
        "PRAGMA synchronous = FULL",
        "PRAGMA cache_size = -32768",  # 32 MiB: a big mark rarely spills (and locks readers out) before its commit
    ):
        connection.execute(pragma).fetchall()


def _schema_problem(connection: sqlite3.Connection) -> str | None:
    """None when the file is kfor-tui's review database (created here when empty), else what is wrong with it."""
    check = connection.execute("PRAGMA quick_check").fetchall()
    if check != [("ok",)]:
        return f"is damaged ({str(check[0][0])[:80] if check else 'no answer'}): move it away to start afresh"
    objects = set(connection.execute("SELECT type, name FROM sqlite_master").fetchall())
    if not objects:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _CREATE:
                connection.execute(statement)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return None
    (application,) = connection.execute("PRAGMA application_id").fetchone()
    if objects != _OBJECTS or application != APPLICATION_ID:
        return "is not a kfor-tui review database: move it away, or set KFOR_DATA_DIR to another folder"
    columns = [row[1] for row in connection.execute("PRAGMA table_info(reviewed)").fetchall()]
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if columns != ["id", "digest", "content", "at"] or row is None:
        return "is not a kfor-tui review database: move it away, or set KFOR_DATA_DIR to another folder"
    if str(row[0]) != str(SCHEMA):
        return f"was written by another version of kfor-tui (schema {str(row[0])[:20]!r}, this one reads {SCHEMA})"
    return None


def _record(row: tuple[object, ...]) -> ReviewedRecord | None:
    """One row as a ReviewedRecord, or None when any part of it is not what kfor-tui writes."""
    ident, digest, content, at = row
    if not (isinstance(ident, str) and 0 < len(ident) <= 1000):
        return None
    if not (isinstance(digest, str) and _DIGEST.fullmatch(digest)):
        return None
    if not (isinstance(content, str) and len(content) <= MAX_CONTENT_CHARS and isinstance(at, str)):
        return None
    try:
        data = json.loads(content)
        when = datetime.fromisoformat(at)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not _shallow(data):
        return None
    return ReviewedRecord(ident, digest, data, when if when.tzinfo is not None else when.astimezone())


def _shallow(data: object, limit: int = MAX_DEPTH) -> bool:
    """Nested at most `limit` deep (a record's content nests a handful of levels; what shows it recurses)."""
    level: list[object] = [data]
    for _ in range(limit):
        level = [
            item
            for value in level
            if isinstance(value, (dict, list))
            for item in (value.values() if isinstance(value, dict) else value)
        ]
        if not level:
            return True
    return False


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _reason(shown: str, exc: BaseException) -> str:
    """One line for a failed read or write: locked, damaged, read-only or else."""
    text = _why(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the review database {shown} is locked by another program (kfor-tui elsewhere?): try again"
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return f"the review database {shown} is damaged ({text}): move it away to start afresh"
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return f"cannot write the review database {shown} ({text}): check the permissions of it and its folder"
    return f"cannot use the review database {shown}: {text}"
