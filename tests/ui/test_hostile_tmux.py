"""End to end: the real kfor-tui on the hostile fixture in tmux at 80x24; every byte it writes (pipe-pane) is
checked for the injected escape sequences, and the screen shows them as caret text."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from hostile import FORBIDDEN_BYTES, write_hostile

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None or not COMMAND.exists(),
                                reason="needs tmux and the installed command")


def run_in_tmux(tmp_path: Path, path: Path, keys: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    """Run kfor-tui PATH at 80x24, record its output, press each key and wait for the text it should show;
    return (bytes written, the screen after each key)."""
    session = f"kfor-hostile-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "pane.bin"
    command = (f"sleep 0.3; env TERM=xterm-256color XDG_CONFIG_HOME={tmp_path / 'config'} "
               f"{COMMAND} {path}; echo EXITED $?; sleep 5")
    subprocess.run(["tmux", "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
                   check=True, cwd=ROOT)
    try:
        subprocess.run(["tmux", "pipe-pane", "-t", session, "-o", f"cat >> {log}"], check=True)
        # a lone Escape must not wait for (and merge with) the next key, as tmux's 500 ms default does
        subprocess.run(["tmux", "set-option", "-s", "-t", session, "escape-time", "10"], check=True)

        def screen() -> str:
            return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                                  check=True).stdout

        def wait(text: str) -> str:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                shown = screen()
                if text in shown:
                    return shown
                time.sleep(0.1)
            raise AssertionError(f"{text!r} not on screen:\n{screen()}")

        screens = [wait("briefing-title")]
        for key, expect in keys:
            already = expect in screen()
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            if already:  # the text proves nothing: give the key time to take effect
                time.sleep(0.8)
            screens.append(wait(expect))
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        wait("EXITED 0")
        return log.read_bytes(), screens
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)


def test_no_injected_sequence_reaches_the_terminal(tmp_path: Path) -> None:
    path = write_hostile(tmp_path)
    keys = [("2", "tension-title"), ("3", "Publisher"), ("Enter", "quote 1/"), ("n", "quote 2/"),
            ("G", "Big paragraph 10000"), ("C-u", "Big paragraph"), ("Escape", "Publisher"), ("j", "Publisher"),
            ("Enter", "quote 1/"), ("i", "quote-"), ("1", "LUX"), ("!", "warning: control"), ("?", "Binding id")]
    data, screens = run_in_tmux(tmp_path, path, keys)
    assert data, "nothing recorded"
    for what, sequence in FORBIDDEN_BYTES.items():
        assert sequence not in data, f"{what} reached the terminal"
    assert b"\x1b]8;;http" not in data  # no OSC 8 link at all
    visible = "\n".join(screens)
    for placeholder in ("^[]0;PWN^G", "^[[2J", "<9B>31m", "[@click=app.quit]x[/]", "[/]"):
        assert placeholder in visible, placeholder
