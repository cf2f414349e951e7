"""The review database keeps every review it committed, whatever happens to the process or the file, and a
file it cannot use is one clear reason, never an exception."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kfor_tui.index.record_content import content_of, digest_of
from kfor_tui.io.loader import load
from kfor_tui.io.review_store import (
    ReviewStore,
    StoreError,
    StoreUnavailable,
    open_store,
    review_db_path,
)
from support import MINIMAL

AT = datetime(2025, 12, 1, 10, 40, tzinfo=UTC)


def opened(path: Path) -> ReviewStore:
    store = open_store(path)
    assert isinstance(store, ReviewStore), store
    return store


def test_marks_are_read_back_as_json_content_with_digest_and_time(tmp_path):
    corpus = load([MINIMAL])
    items = [(fact.id, content_of(fact)) for fact in corpus.facts()]
    with opened(tmp_path / "data" / "review.sqlite3") as store:
        assert store.reviewed() == {} and store.last_review() is None
        store.mark(items, AT)
        store.mark(items[:1], AT + timedelta(hours=1))
    with opened(tmp_path / "data" / "review.sqlite3") as store:
        reviewed = store.reviewed()
        assert set(reviewed) == {fact.id for fact in corpus.facts()}
        for ident, content in items:
            assert reviewed[ident].content == content
            assert reviewed[ident].digest == digest_of(content)
        assert reviewed[items[0][0]].at == AT + timedelta(hours=1)
        assert store.last_review() == AT + timedelta(hours=1)
        assert store.warnings == []


def test_a_mark_is_all_or_nothing(tmp_path):
    with opened(tmp_path / "r.sqlite3") as store:
        store.mark([("kept", {"type": "figure"})], AT)
        bad = [("a", {"type": "figure"}), ("b", {"type": object()}), ("c", {"type": "event"})]
        with pytest.raises(StoreError, match="not marked reviewed"):
            store.mark(bad, AT)
        assert set(store.reviewed()) == {"kept"}


def test_review_db_path_default_and_override(tmp_path):
    assert review_db_path({"KFOR_DATA_DIR": str(tmp_path)}) == tmp_path / "review.sqlite3"
    default = review_db_path({})
    assert default.name == "review.sqlite3" and default.parent.name == "kfor-tui"
    assert str(default).startswith(os.environ["XDG_DATA_HOME"])  # tests/conftest.py: never the user's own


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda good: os.urandom(len(good)), id="random-bytes"),
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: b"id,digest\nx,y\n" * 50, id="text-file"),
        pytest.param(lambda good: good[:100] + os.urandom(len(good) - 100), id="header-then-garbage"),
    ],
)
def test_a_damaged_file_is_a_reason_not_an_exception(tmp_path, damage):
    path = tmp_path / "review.sqlite3"
    with opened(path) as store:
        store.mark([(f"fact-{i}", {"type": "figure", "n": i, "pad": "x" * 300}) for i in range(300)], AT)
    path.write_bytes(damage(path.read_bytes()))
    store = open_store(path)
    if isinstance(store, ReviewStore):  # damage SQLite could not see at open is seen on reading, as a StoreError
        with store, pytest.raises(StoreError, match="damaged"):
            store.reviewed()
    else:
        assert "damaged" in store.reason and str(tmp_path) in store.reason


def test_a_database_of_another_program_or_version_is_not_used(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    assert "not a kfor-tui review database" in str(open_store(other))

    newer = tmp_path / "newer.sqlite3"
    opened(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    assert "another version of kfor-tui" in str(open_store(newer))

    trigger = tmp_path / "trigger.sqlite3"
    opened(trigger).close()
    with sqlite3.connect(trigger) as db:
        db.execute("CREATE TRIGGER t AFTER INSERT ON reviewed BEGIN DELETE FROM reviewed; END")
    assert "not a kfor-tui review database" in str(open_store(trigger))


def test_damaged_rows_are_left_out_and_counted(tmp_path):
    path = tmp_path / "review.sqlite3"
    with opened(path) as store:
        store.mark([("good", {"type": "figure"})], AT)
    good_digest = "0" * 64
    with sqlite3.connect(path) as db:
        rows = [
            ("bad-json", good_digest, "{not json", AT.isoformat()),
            ("a-list", good_digest, "[1, 2]", AT.isoformat()),
            ("bad-digest", "zz", "{}", AT.isoformat()),
            ("bad-time", good_digest, "{}", "yesterday"),
            ("deep", good_digest, "[" * 100_000 + "]" * 100_000, AT.isoformat()),
            ("nested", good_digest, '{"a":' + "[" * 500 + "]" * 500 + "}", AT.isoformat()),
            ("a-blob", good_digest, b"{}", AT.isoformat()),
        ]
        db.executemany("INSERT INTO reviewed VALUES (?, ?, ?, ?)", rows)
    with opened(path) as store:
        assert set(store.reviewed()) == {"good"}
        assert store.warnings == ["7 damaged rows of the review database left out"]


def test_a_locked_database_is_a_reason_after_a_short_wait(tmp_path):
    path = tmp_path / "review.sqlite3"
    with opened(path) as store:
        store.mark([("a", {"type": "figure"})], AT)
    before = opened(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        locked = open_store(path)
        assert isinstance(locked, StoreUnavailable) and "locked" in locked.reason
        assert time.monotonic() - started < 5
        with pytest.raises(StoreError, match="locked"):
            before.mark([("b", {"type": "figure"})], AT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    before.mark([("b", {"type": "figure"})], AT)  # the lock gone, the same store writes
    assert set(before.reviewed()) == {"a", "b"}
    before.close()


def test_what_is_not_a_regular_file_is_never_opened(tmp_path):
    folder = tmp_path / "review.sqlite3"
    folder.mkdir()
    assert "is a folder" in str(open_store(folder))
    fifo = tmp_path / "fifo.sqlite3"
    os.mkfifo(fifo)
    assert "not a regular file" in str(open_store(fifo))  # and it did not block
    dangling = tmp_path / "dangling.sqlite3"
    dangling.symlink_to(tmp_path / "nowhere")
    assert "symbolic link to nothing" in str(open_store(dangling))
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert "cannot open the review database" in str(open_store(blocked / "sub" / "review.sqlite3"))


def test_a_linked_database_is_the_file_it_names(tmp_path):
    real = tmp_path / "dotfiles" / "review.sqlite3"
    with opened(real) as store:
        store.mark([("a", {"type": "figure"})], AT)
    link = tmp_path / "data" / "review.sqlite3"
    link.parent.mkdir()
    link.symlink_to(real)
    with opened(link) as store:
        assert store.path == real.resolve()
        store.mark([("b", {"type": "figure"})], AT)
    assert link.is_symlink() and set(opened(real).reviewed()) == {"a", "b"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_is_a_reason(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with opened(folder / "review.sqlite3") as store:
        store.mark([("a", {"type": "figure"})], AT)
    folder.chmod(0o500)
    try:
        assert "not writable" in str(open_store(folder / "review.sqlite3"))
        assert "not writable" in str(open_store(folder / "new" / "review.sqlite3")) or "cannot open" in str(
            open_store(folder / "new" / "review.sqlite3")
        )
    finally:
        folder.chmod(0o700)


# A writer killed with SIGKILL at random moments, 21 times, mostly inside a mark: it marks 50,000 records
# over and over, in transactions of 5,000 and, every third time, in one transaction of all 50,000. Every
# review it committed is still there (each record at least as new as the last commit that held it), and the
# database always opens.
RECORDS, CHUNK = 50_000, 5_000
WRITER = f"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from kfor_tui.io.review_store import open_store

store = open_store(Path(sys.argv[1]))
first = int(sys.argv[2])
for run in range(first, first + 1000):
    size = {RECORDS} if run % 3 == 0 else {CHUNK}
    for start in range(0, {RECORDS}, size):
        items = ((f"fact-{{i}}", {{"type": "figure", "run": run}}) for i in range(start, start + size))
        store.mark(items, datetime.now(timezone.utc))
        print(run, start, start + size, flush=True)
"""


def test_killing_a_writer_mid_mark_loses_no_committed_review(tmp_path):
    path = tmp_path / "review.sqlite3"
    rng = random.Random(14)
    seen = [-1] * RECORDS  # per record, the last run whose commit of it the writer reported
    big_commits = 0
    for kill in range(21):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(kill * 1000)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.1, 1.2))
        writer.kill()
        out, _ = writer.communicate(timeout=30)
        for line in out.splitlines():
            run, start, end = map(int, line.split())
            seen[start:end] = [run] * (end - start)
            big_commits += end - start == RECORDS
        store = open_store(path)
        assert isinstance(store, ReviewStore), f"kill {kill}: {store}"
        with store:
            reviewed = store.reviewed()
            assert store.warnings == []
        for i, run in enumerate(seen):
            if run >= 0:
                record = reviewed.get(f"fact-{i}")
                assert record is not None, f"kill {kill}: fact-{i}, committed in run {run}, is lost"
                assert int(str(record.content["run"])) >= run, f"kill {kill}: fact-{i} went back before run {run}"
    assert min(seen) >= 0 and big_commits, "the writer was killed too soon to test anything"
