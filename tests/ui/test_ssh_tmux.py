"""On the real terminal (tmux at 80x24): `y` writes OSC 52 with the citation, a [keymap] remap works and
shows in `?`, and the terminal cursor sits on the focused row."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from helpers import isolated

from kfor_tui.index.chronology import chronology
from kfor_tui.io.loader import load

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"
FIXTURE = ROOT / "tests" / "data" / "minimal.toml"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _wait(check, timeout: float = 15.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(not COMMAND.exists(), reason="kfor-tui is not installed in .venv")
def test_osc52_keymap_and_cursor_on_the_real_terminal(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\ncursor-down = "j,ctrl+n"\nhelp = "f1,question_mark"\n', encoding="utf-8")
    wire = tmp_path / "wire.bytes"
    wire.touch()
    session = f"kfor-ssh-{uuid.uuid4().hex[:8]}"
    _tmux(
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
        f"sleep 0.5; env {isolated(tmp_path)} KFOR_CONFIG={config} {COMMAND} {FIXTURE}; echo EXITED $?; sleep 5",
    )
    try:
        _tmux("pipe-pane", "-t", session, "-o", f"cat >> {wire}")
        capture = lambda: _tmux("capture-pane", "-p", "-t", session)  # noqa: E731
        _wait(lambda: "Luxembourg" in capture())
        _tmux("send-keys", "-t", session, "2")
        _wait(lambda: "-- 2025 --" in capture())
        _tmux("send-keys", "-t", session, "C-n")
        time.sleep(0.5)

        # the hidden cursor is on the highlighted row
        corpus = load([FIXTURE])
        entry = chronology(corpus)[1]  # row 1 is the first entry; ctrl+n moved to the second
        y = int(_tmux("display", "-p", "-t", session, "#{cursor_y}").strip())
        assert entry.title[:20] in capture().splitlines()[y]

        _tmux("send-keys", "-t", session, "y")
        _wait(lambda: "Copied fact" in capture())
        data = wire.read_bytes().decode("utf-8", "replace")
        payloads = re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", data)
        assert payloads, "no OSC 52 sequence on the wire"
        text = base64.b64decode(payloads[-1]).decode("utf-8")
        cite = entry.record.cites[0]
        source = corpus.source(cite.src)
        assert text.startswith(entry.title)
        assert f"\u00ab{cite.quote}\u00bb" in text and source.title in text and source.publisher in text
        if source.url:
            assert source.url in text
        assert "xdg-open" not in data and "\x1b]8;" not in data  # no browser, no hyperlink escapes

        _tmux("send-keys", "-t", session, "F1")
        screen = _wait(lambda: (s := capture()) and "Binding id" in s and s)
        assert any("cursor-down" in line and "^n" in line for line in screen.splitlines())
        _tmux("send-keys", "-t", session, "Escape")
        time.sleep(0.7)  # tmux waits up to 500 ms for a lone Escape to become a sequence: keep C-q apart
        _tmux("send-keys", "-t", session, "C-q")
        _wait(lambda: "EXITED 0" in capture())
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
