"""The core does not import Textual; the real command works in tmux at 80x24."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from helpers import isolated

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"


def test_core_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys, kfor_tui.io.loader, kfor_tui.index.chronology, kfor_tui.index.nation_summary, kfor_tui.cli;"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ui_location_is_pure() -> None:
    code = "import sys, kfor_tui.ui.location; sys.exit(1 if 'textual' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _capture(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def _wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _capture(session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not on screen:\n{screen}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(not COMMAND.exists(), reason="kfor-tui is not installed in .venv")
def test_real_command_in_tmux_80x24(tmp_path: Path) -> None:
    session = f"kfor-test-{uuid.uuid4().hex[:8]}"
    fixture = ROOT / "tests" / "data" / "minimal.toml"
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
            f"env {isolated(tmp_path)} {COMMAND} {fixture}; echo EXITED $?; sleep 5",
        ],
        check=True,
        cwd=ROOT,
    )
    try:
        _wait_for(session, "Luxembourg")
        screen = _wait_for(session, "Minimal test briefing")
        lines = screen.splitlines()
        assert "UNCLASSIFIED // TEST" in lines[0]
        assert "Minimal test briefing" in lines[1]
        assert "UNCLASSIFIED // TEST" in [line for line in lines if line.strip()][-1]

        def send(*keys: str) -> None:
            subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)

        send("2")
        screen = _wait_for(session, "-- 2025 --")
        assert "2-3 Jul 2025" in screen
        send("3")
        _wait_for(session, "Test Chronicle")
        send("Enter")
        screen = _wait_for(session, "\u25b6\u00abOn Wednesday")
        send("n")
        _wait_for(session, "quote 2/3")
        send("?")
        screen = _wait_for(session, "Binding id")
        assert "cursor-down" in screen
        send("Escape")
        time.sleep(0.7)  # tmux waits up to 500 ms for a lone Escape to become a sequence: keep C-q apart
        send("C-q")
        _wait_for(session, "EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
