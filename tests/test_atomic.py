"""Nothing lost: a writer killed mid-way leaves the old file intact; a read-only folder or a full disk is one
clear message (export -o, settings), never a traceback and never a half-written file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kfor_tui import cli, settings
from kfor_tui.io.atomic import write_atomic
from kfor_tui.io.loader import load
from support import MINIMAL, ROOT

# The child writes 64 MiB over the target, and stalls where told: after the data is written, before fsync
# (so the temp file is complete on disk but not renamed), or in the middle of writing the data.
CHILD = r"""
import os, sys, time
from pathlib import Path
from kfor_tui.io import atomic

where = sys.argv[2]
if where == "fsync":
    def fsync(fd):
        print("stalled", flush=True)
        time.sleep(60)
    os.fsync = fsync
else:
    real_fdopen = os.fdopen
    class Slow:
        def __init__(self, handle): self.handle = handle
        def __enter__(self): return self
        def __exit__(self, *exc): return self.handle.__exit__(*exc)
        def write(self, data):
            self.handle.write(data[: len(data) // 2]); self.handle.flush()
            print("stalled", flush=True)
            time.sleep(60)
        def __getattr__(self, name): return getattr(self.handle, name)
    os.fdopen = lambda fd, mode="r", *a, **k: Slow(real_fdopen(fd, mode, *a, **k))
atomic.write_atomic(Path(sys.argv[1]), b"# new\n" * (64 * 1024 * 1024 // 6))
print("finished", flush=True)
"""


@pytest.mark.parametrize("where", ["fsync", "write"])
def test_a_writer_killed_mid_way_leaves_the_old_file_intact(tmp_path: Path, where: str) -> None:
    target = tmp_path / "briefing.toml"
    old = MINIMAL.read_bytes()
    target.write_bytes(old)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target), where],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "stalled"
        [temp] = tmp_path.glob(".briefing.toml.*.tmp")  # the half-done write is there, beside the target
        assert temp.stat().st_size > 0
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    assert load([target]).problems == ()  # still a valid briefing
    # the killed writer's temp file is left behind (nothing can remove it); a later write is not confused by it
    leftovers = sorted(tmp_path.glob(".briefing.toml.*.tmp"))
    assert len(leftovers) == 1
    write_atomic(target, old.replace(b"Minimal test briefing", b"Rewritten"))
    assert b"Rewritten" in target.read_bytes() and sorted(tmp_path.glob(".briefing.toml.*.tmp")) == leftovers
    assert load([tmp_path]).problems == ()  # hidden .tmp files are not briefings


def test_write_atomic_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two" and os.listdir(tmp_path) == ["out.json"]


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only(*args, **kwargs):
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


FAILURES = {
    # tests run as root, where chmod 0o555 does not stop writes: the failures are simulated where they happen
    "read-only-folder": ("tempfile.mkstemp", _read_only, "Permission denied"),
    "full-disk-on-write": ("os.fsync", _full_disk, "No space left on device"),
    "rename-refused": ("os.replace", _read_only, "Permission denied"),
}


@pytest.mark.parametrize("case", FAILURES)
def test_write_atomic_failure_keeps_the_old_file_and_no_temp(tmp_path: Path, monkeypatch, case: str) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    name, failure, _ = FAILURES[case]
    monkeypatch.setattr(name, failure)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize("case", FAILURES)
def test_export_to_a_read_only_folder_or_full_disk_is_a_clear_message(
    tmp_path: Path, monkeypatch, capsys, case: str
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old export")
    name, failure, reason = FAILURES[case]
    monkeypatch.setattr(name, failure)
    code = cli.main(["export", "--format", "markdown", str(MINIMAL), "-o", str(target)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == f"kfor-tui export: cannot write {target}: {reason}"
    assert target.read_text() == "old export" and os.listdir(tmp_path) == ["out.md"]


@pytest.mark.parametrize("case", FAILURES)
def test_saving_a_setting_that_cannot_be_written_is_a_clear_error(tmp_path: Path, monkeypatch, case: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('color = "256"\n')
    env = {"KFOR_CONFIG": str(config)}
    name, failure, reason = FAILURES[case]
    monkeypatch.setattr(name, failure)
    with pytest.raises(OSError) as caught:
        settings.save_setting("theme", "amber", env)
    monkeypatch.undo()
    assert str(caught.value) == f"cannot save theme to {config}: {reason}; the file is unchanged"
    assert caught.value.errno in (errno.EACCES, errno.ENOSPC)
    assert config.read_text() == 'color = "256"\n' and os.listdir(tmp_path) == ["config.toml"]


def test_saving_a_setting_into_a_folder_that_cannot_be_created(tmp_path: Path, monkeypatch) -> None:
    env = {"KFOR_CONFIG": str(tmp_path / "new" / "config.toml")}
    monkeypatch.setattr(Path, "mkdir", _read_only)
    with pytest.raises(
        OSError, match=r"^cannot save theme to .*config\.toml: Permission denied; the file is unchanged$"
    ):
        settings.save_setting("theme", "amber", env)


def test_temp_files_are_hidden_and_named_after_the_target(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real = tempfile.mkstemp
    monkeypatch.setattr("tempfile.mkstemp", lambda **k: (seen.append(f"{k['prefix']}*{k['suffix']}"), real(**k))[1])
    write_atomic(tmp_path / "config.toml", "x = 1\n")
    assert seen == [".config.toml.*.tmp"]
