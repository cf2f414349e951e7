"""The briefing watcher (kfor_tui/io/watch.py) on real files: what it reports, how often, and how it stops.

Waits are on a condition with generous timeouts; "nothing is reported" is checked over a fixed quiet window.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kfor_tui.io import watch as watch_module
from kfor_tui.io.atomic import write_atomic
from kfor_tui.io.mounts import filesystem_of, unescape_mount_point
from kfor_tui.io.watch import BriefingWatcher

TIMEOUT = 5.0  # generous: a change normally shows in a few tenths of a second
QUIET = 1.5  # how long "nothing is reported" is watched for


class Calls:
    """An on_change callback that records every call and lets a test wait for a path to be reported."""

    def __init__(self) -> None:
        self.calls: list[set[Path]] = []
        self.errors: list[str] = []
        self.cond = threading.Condition()

    def __call__(self, paths: set[Path]) -> None:
        with self.cond:
            self.calls.append(set(paths))
            self.cond.notify_all()

    def error(self, message: str) -> None:
        with self.cond:
            self.errors.append(message)
            self.cond.notify_all()

    def seen(self) -> set[Path]:
        with self.cond:
            return set().union(*self.calls)

    def wait_for(self, *paths: Path, timeout: float = TIMEOUT) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: set(paths) <= set().union(*self.calls), timeout)

    def wait_calls(self, n: int, timeout: float = TIMEOUT) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.calls) >= n, timeout)


@pytest.fixture
def watching() -> Iterator[Callable[..., tuple[BriefingWatcher, Calls]]]:
    """Start a watcher on paths; every watcher started is closed at the end of the test."""
    started: list[BriefingWatcher] = []

    def _start(*paths: Path, mode: str = "auto") -> tuple[BriefingWatcher, Calls]:
        calls = Calls()
        watcher = BriefingWatcher(list(paths), calls, mode=mode, on_error=calls.error)
        started.append(watcher)
        watcher.start()
        return watcher, calls

    yield _start
    for watcher in started:
        watcher.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.toml").write_text("a = 1\n")
    (folder / "sub" / "b.toml").write_text("b = 1\n")
    (folder / "notes.txt").write_text("notes\n")
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return folder


def test_editing_a_file_reports_it(watching, corpus):
    watcher, calls = watching(corpus)
    assert watcher.mode == "inotify" and watcher.running
    with open(corpus / "sub" / "b.toml", "a") as handle:
        handle.write("c = 2\n")
    assert calls.wait_for(corpus / "sub" / "b.toml")
    assert calls.seen() == {corpus / "sub" / "b.toml"}
    assert calls.errors == []


def test_adding_and_deleting_a_file_are_reported(watching, corpus):
    _, calls = watching(corpus)
    (corpus / "new.toml").write_text("n = 1\n")
    assert calls.wait_for(corpus / "new.toml")
    before = len(calls.calls)
    (corpus / "a.toml").unlink()
    assert calls.wait_calls(before + 1)
    assert corpus / "a.toml" in calls.calls[-1]


def test_an_atomic_save_reports_the_file_and_not_its_hidden_temp_file(watching, corpus):
    _, calls = watching(corpus)
    write_atomic(corpus / "a.toml", "a = 2\n")  # .a.toml.XXXX.tmp, fsync, rename over a.toml
    assert calls.wait_for(corpus / "a.toml")
    time.sleep(0.5)  # room for a stray report of the temp file
    assert calls.seen() == {corpus / "a.toml"}


def test_other_files_and_hidden_folders_report_nothing(watching, corpus):
    _, calls = watching(corpus)
    (corpus / "notes.txt").write_text("more notes\n")
    (corpus / "readme.md").write_text("# hi\n")
    (corpus / ".git" / "HEAD").write_text("ref: refs/heads/other\n")
    (corpus / ".git" / "objects" / "x.toml").write_text("x = 1\n")
    (corpus / ".git" / "refs").mkdir()
    (corpus / ".hidden.toml").write_text("h = 1\n")
    assert not calls.wait_calls(1, timeout=QUIET)
    assert calls.errors == []


def test_a_burst_of_saves_is_one_or_a_few_calls(watching, corpus):
    _, calls = watching(corpus)
    for i in range(10):
        write_atomic(corpus / "a.toml", f"a = {i}\n")
    assert calls.wait_for(corpus / "a.toml")
    time.sleep(1.0)  # any further calls for the same burst
    assert 1 <= len(calls.calls) <= 3, calls.calls


def test_a_new_folder_is_reported_and_then_watched(watching, corpus):
    _, calls = watching(corpus)
    (corpus / "later").mkdir()
    assert calls.wait_for(corpus / "later")
    (corpus / "later" / "c.toml").write_text("c = 1\n")
    assert calls.wait_for(corpus / "later" / "c.toml")
    before = len(calls.calls)
    os.rename(corpus / "sub", corpus / "moved")  # a folder renamed: the old name goes, the new one comes
    assert calls.wait_for(corpus / "sub", corpus / "moved")
    with open(corpus / "moved" / "b.toml", "a") as handle:
        handle.write("d = 4\n")
    assert calls.wait_for(corpus / "moved" / "b.toml")
    assert len(calls.calls) > before


def test_a_named_file_survives_being_replaced(watching, tmp_path):
    named = tmp_path / "mine.toml"
    named.write_text("x = 1\n")
    (tmp_path / "other.toml").write_text("o = 1\n")
    _, calls = watching(named)
    for i in range(2):  # the second save replaces a file the first save put there
        write_atomic(named, f"x = {i + 2}\n")
        assert calls.wait_calls(i + 1)
    (tmp_path / "other.toml").write_text("o = 2\n")  # a sibling that was not named
    time.sleep(0.5)
    assert calls.seen() == {named}


def test_close_stops_the_thread_and_no_call_comes_after(watching, corpus):
    watcher, calls = watching(corpus)
    stop_writing = threading.Event()

    def keep_writing() -> None:
        i = 0
        while not stop_writing.is_set():
            (corpus / "a.toml").write_text(f"a = {i}\n")
            i += 1
            time.sleep(0.01)

    writer = threading.Thread(target=keep_writing, daemon=True)
    writer.start()
    try:
        assert calls.wait_calls(1)
        watcher.close()
        closed_with = len(calls.calls)
        assert not watcher.running and (watcher._thread is None or not watcher._thread.is_alive())
        time.sleep(1.0)  # the writer goes on
        assert len(calls.calls) == closed_with
    finally:
        stop_writing.set()
        writer.join()
    watcher.close()  # twice is fine


def test_close_before_start_and_twice_is_safe(corpus):
    watcher = BriefingWatcher([corpus], lambda paths: None)
    watcher.close()
    watcher.close()
    watcher.start()  # after close: nothing starts
    assert not watcher.running


def test_close_from_inside_either_callback_does_not_hang(corpus, monkeypatch):
    calls: list[set[Path]] = []
    holder: list[BriefingWatcher] = []

    def close_on_first(paths: set[Path]) -> None:
        calls.append(paths)
        holder[0].close()

    watcher = BriefingWatcher([corpus], close_on_first)
    holder.append(watcher)
    watcher.start()
    (corpus / "a.toml").write_text("a = 2\n")
    deadline = time.monotonic() + TIMEOUT
    while (not calls or watcher.running) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(calls) == 1 and not watcher.running
    watcher.close()

    def fail(*args: object) -> None:
        raise RuntimeError("no watcher at all")

    monkeypatch.setattr(watch_module, "RustNotify", fail)
    errors: list[str] = []
    failing = BriefingWatcher([corpus], lambda paths: None, on_error=lambda m: (errors.append(m), failing.close()))
    started = time.monotonic()
    failing.start()  # nothing can be watched: reported once, from start(), which does not raise
    assert time.monotonic() - started < 1.0
    assert len(errors) == 1 and "no watcher at all" in errors[0] and not failing.running
    failing.close()


def test_poll_mode_reports_changes(watching, corpus):
    watcher, calls = watching(corpus, mode="poll")
    assert watcher.mode == "poll"
    with open(corpus / "a.toml", "a") as handle:
        handle.write("b = 2\n")
    assert calls.wait_for(corpus / "a.toml")
    before = len(calls.calls)
    write_atomic(corpus / "a.toml", "b = 3\n")  # likely within the second of the last save: still reported
    assert calls.wait_calls(before + 1) and corpus / "a.toml" in calls.calls[before]
    (corpus / "sub" / "new.toml").write_text("n = 1\n")
    assert calls.wait_for(corpus / "sub" / "new.toml")
    assert not {p for p in calls.seen() if p.name.startswith(".") or p.suffix == ".txt"}


def test_a_network_mount_is_polled(watching, corpus, monkeypatch):
    escaped = str(corpus / "sub").replace(" ", "\\040")
    monkeypatch.setattr(
        watch_module, "read_mounts", lambda: [("/", "ext4"), (str(corpus.parent), "tmpfs"), (escaped, "fuse.sshfs")]
    )
    watcher, calls = watching(corpus)
    assert watcher.mode == "poll" and watcher.fallback == "network filesystem"
    (corpus / "sub" / "b.toml").write_text("b = 3\n")
    assert calls.wait_for(corpus / "sub" / "b.toml")


def test_local_mounts_and_no_proc_use_native_events(watching, corpus, monkeypatch):
    monkeypatch.setattr(watch_module, "read_mounts", lambda: [("/", "nfs4"), (str(corpus.parent), "ext4")])
    assert watching(corpus)[0].mode == "inotify"
    monkeypatch.setattr(watch_module, "read_mounts", lambda: None)
    assert watching(corpus)[0].mode == "inotify"


def test_native_watching_failing_falls_back_to_polling(watching, corpus, monkeypatch):
    real = watch_module.RustNotify

    def no_inotify(paths, debug, force_polling, *rest):  # type: ignore[no-untyped-def]
        if not force_polling:
            raise OSError("OS file watch limit reached.")
        return real(paths, debug, force_polling, *rest)

    monkeypatch.setattr(watch_module, "RustNotify", no_inotify)
    watcher, calls = watching(corpus)
    assert watcher.mode == "poll" and "limit" in watcher.fallback
    (corpus / "a.toml").write_text("a = 5\n")
    assert calls.wait_for(corpus / "a.toml")
    assert calls.errors == []


def test_unwatchable_and_missing_paths_do_not_crash(watching, tmp_path):
    (tmp_path / "file.toml").write_text("f = 1\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        missing = tmp_path / "later" / "briefings"
        watcher, calls = watching(missing, tmp_path / "file.toml" / "below", locked, tmp_path / "gone.toml")
        assert watcher.running and calls.errors == []
        missing.mkdir(parents=True)  # the named folder appears: reported, then watched
        assert calls.wait_for(missing)
        (missing / "a.toml").write_text("a = 1\n")
        assert calls.wait_for(missing / "a.toml")
        (tmp_path / "gone.toml").write_text("g = 1\n")
        assert calls.wait_for(tmp_path / "gone.toml")
        assert calls.errors == []
    finally:
        locked.chmod(0o755)
    empty = BriefingWatcher([], lambda paths: None)
    empty.start()
    empty.close()


def test_an_error_in_the_thread_is_reported_once_and_stops_it(watching, corpus):
    errors: list[str] = []

    def broken(paths: set[Path]) -> None:
        raise ValueError("boom")

    watcher = BriefingWatcher([corpus], broken, on_error=errors.append)
    watcher.start()
    try:
        (corpus / "a.toml").write_text("a = 2\n")
        deadline = time.monotonic() + TIMEOUT
        while watcher.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not watcher.running
        (corpus / "a.toml").write_text("a = 3\n")
        time.sleep(0.3)
        assert len(errors) == 1 and "ValueError: boom" in errors[0]
    finally:
        watcher.close()


def test_the_filesystem_of_a_path_is_its_longest_mount_prefix():
    mounts = [
        ("/", "ext4"),
        ("/mnt/share", "nfs4"),
        ("/mnt/share/local", "ext4"),
        ("/mnt/sharex", "cifs"),
        ("/mnt/share", "fuse.sshfs"),
    ]
    assert filesystem_of("/home/me", mounts) == "ext4"
    assert filesystem_of("/mnt/share", mounts) == "fuse.sshfs"  # stacked: the last mounted wins
    assert filesystem_of("/mnt/share/docs", mounts) == "fuse.sshfs"
    assert filesystem_of("/mnt/share/local/x", mounts) == "ext4"
    assert filesystem_of("/mnt/sharex/y", mounts) == "cifs"
    assert filesystem_of("/x", []) is None
    assert unescape_mount_point("/mnt/my\\040share") == "/mnt/my share"


def test_the_watcher_imports_no_textual_or_rich():
    code = (
        "import sys, kfor_tui.io.watch; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
