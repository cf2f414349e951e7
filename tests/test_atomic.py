"""Nothing lost: a writer killed mid-way leaves the old file intact; a read-only folder or a full disk is one
clear message (export -o, settings), never a traceback and never a half-written file."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kfor_tui import cli, settings
from kfor_tui.io.atomic import current_umask, sweep, write_atomic
from kfor_tui.io.loader import load
from support import MINIMAL, ROOT, run_cli

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
    # the killed writer's temp file is left behind (nothing can remove it); a later write is not confused by it,
    # and leaves it alone while it is fresh (it could be another writer's, still at work)
    leftovers = sorted(tmp_path.glob(".briefing.toml.*.tmp"))
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".briefing.toml.kfor-tui.")
    write_atomic(target, old.replace(b"Minimal test briefing", b"Rewritten"))
    assert b"Rewritten" in target.read_bytes() and sorted(tmp_path.glob(".briefing.toml.*.tmp")) == leftovers
    assert load([tmp_path]).problems == ()  # hidden .tmp files are not briefings
    # once it is over a minute old, the next write to the folder removes it
    _age(leftovers[0], 120)
    write_atomic(target, old)
    assert sorted(tmp_path.glob(".briefing.toml.*.tmp")) == [] and target.read_bytes() == old


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
    assert seen == [".config.toml.kfor-tui.*.tmp"]


# ---- permissions: what a plain rewrite would keep --------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


@pytest.fixture
def umask():  # type: ignore[no-untyped-def]
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664, 0o444])
def test_export_over_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "pack.md"
    target.write_text("old export")
    target.chmod(mode)
    out = run_cli("export", "--format", "markdown", str(MINIMAL), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_text() != "old export"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.md"]


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    plain = tmp_path / "plain.txt"
    with open(plain, "w") as handle:  # what the user expects: the mode of any file they create
        handle.write("x")
    assert stat.S_IMODE(plain.stat().st_mode) == expected
    assert current_umask() == mask
    write_atomic(tmp_path / "new.json", "{}")
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == expected
    code = cli.main(["export", "--format", "json", str(MINIMAL), "-o", str(tmp_path / "export.json")])
    assert code == 0 and stat.S_IMODE((tmp_path / "export.json").stat().st_mode) == expected


def test_export_command_creates_files_0644_under_umask_022(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            "sh",
            "-c",
            'umask 022 && exec "$0" -m kfor_tui export --format json "$1" -o "$2"',
            sys.executable,
            str(MINIMAL),
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o644


def test_saving_a_setting_keeps_the_config_files_mode(tmp_path: Path, umask) -> None:
    umask(0o022)
    config = tmp_path / "config.toml"
    env = {"KFOR_CONFIG": str(config)}
    settings.save_setting("theme", "amber", env)
    assert stat.S_IMODE(config.stat().st_mode) == 0o644  # new: as open() would make it
    config.chmod(0o600)
    settings.save_setting("theme", "night", env)
    assert stat.S_IMODE(config.stat().st_mode) == 0o600  # existing: kept
    assert settings.load_settings({}, env).theme == "night"


def test_the_umask_is_read_without_changing_it(monkeypatch, umask) -> None:
    umask(0o027)
    calls: list[int] = []
    real = os.umask
    monkeypatch.setattr(os, "umask", lambda mask: (calls.append(mask), real(mask))[1])
    assert current_umask() == 0o027
    if Path("/proc/self/status").exists():
        assert calls == []  # Linux: read from /proc, never set (another thread could create a file meanwhile)


def test_the_umask_fallback_sets_and_restores(monkeypatch, umask) -> None:
    umask(0o027)
    real_open = open

    def no_proc(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == "/proc/self/status":
            raise FileNotFoundError(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", no_proc)
    assert current_umask() == 0o027
    monkeypatch.undo()
    assert current_umask() == 0o027


def test_a_keyboard_interrupt_mid_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.json"]


def test_stale_temp_files_are_swept_and_nothing_else(tmp_path: Path) -> None:
    stale = tmp_path / ".pack.md.kfor-tui.abcd_123.tmp"  # a killed export, two minutes ago
    other_stale = tmp_path / ".config.toml.kfor-tui.zz9zz9zz.tmp"  # any target: the folder is swept
    fresh = tmp_path / ".pack.md.kfor-tui.fresh000.tmp"  # perhaps another writer's, at work right now
    not_ours = [
        tmp_path / ".pack.md.abcd1234.tmp",  # the old naming, or another program's
        tmp_path / "pack.md.kfor-tui.abcd1234.tmp",  # not hidden
        tmp_path / ".pack.md.kfor-tui.abc.tmp",  # not mkstemp's eight characters
        tmp_path / "notes.tmp",
        tmp_path / "briefing.toml",
    ]
    for path in [stale, other_stale, fresh, *not_ours]:
        path.write_text("x")
    folder = tmp_path / ".dir.kfor-tui.abcd1234.tmp"  # a folder with our name: not a file we made
    folder.mkdir()
    link = tmp_path / ".link.kfor-tui.abcd1234.tmp"  # a symlink with our name: never followed
    link.symlink_to(tmp_path / "briefing.toml")
    for path in [stale, other_stale, *not_ours, folder, link]:
        _age(path, 120)
    write_atomic(tmp_path / "pack.md", "new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert stale.name not in left and other_stale.name not in left
    assert fresh.name in left and all(p.name in left for p in not_ours)
    assert folder.is_dir() and link.is_symlink() and (tmp_path / "briefing.toml").read_text() == "x"
    assert (tmp_path / "pack.md").read_text() == "new"


def test_sweeping_an_unreadable_folder_is_harmless(tmp_path: Path) -> None:
    assert sweep(tmp_path / "missing") == []
    assert sweep(tmp_path) == []


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text('theme = "amber"\n')
    real.chmod(0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    env = {"KFOR_CONFIG": str(link)}
    settings.save_setting("theme", "night", env)
    assert link.is_symlink() and real.read_text() == 'theme = "night"\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["config.toml"]
