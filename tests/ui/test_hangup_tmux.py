"""A terminal that goes away (SSH link dropped, tmux killed) must not leave kfor-tui running: under a parent
that gets the hangup instead (make run), the app gets no SIGHUP and must notice by itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from helpers import COMMAND, HAVE_TMUX, ROOT, isolated

pytestmark = pytest.mark.skipif(not HAVE_TMUX or shutil.which("make") is None, reason="needs tmux and make")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_quits_when_the_terminal_hangs_up_under_make(tmp_path: Path) -> None:
    session = f"kfor-{uuid.uuid4().hex[:8]}"
    pidfile = tmp_path / "pid"
    # make is the terminal's controlling process, as with `make run`: the hangup signal goes to make alone
    recipe = f"all: ; sh -c 'echo $$$$ > {pidfile}; exec env {isolated(tmp_path)} {COMMAND} --no-watch'"
    subprocess.run(
        [
            "tmux",
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "80",
            "-y",
            "24",
            "make",
            "-s",
            "-f",
            "/dev/null",
            "-E",
            recipe,
        ],
        check=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if "Nations" in screen and pidfile.exists():
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the app did not start")
        pid = int(pidfile.read_text())
        assert _alive(pid)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = _alive(pid)
    if alive:
        os.kill(pid, 9)
    assert not alive, "kfor-tui kept running after its terminal went away"
