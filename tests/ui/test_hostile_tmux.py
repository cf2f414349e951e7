"""End to end: the real kfor-tui on the hostile fixture in tmux at 80x24; every byte it writes (pipe-pane) is
checked for the injected escape sequences, and the screen shows them as caret text."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import HAVE_TMUX, run_in_tmux

from hostile import FORBIDDEN_BYTES, write_hostile

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")


def test_no_injected_sequence_reaches_the_terminal(tmp_path: Path) -> None:
    path = write_hostile(tmp_path)
    keys = [
        ("2", "tension-title"),
        ("3", "Publisher"),
        ("Enter", "quote 1/"),
        ("n", "quote 2/"),
        ("G", "Big paragraph 10000"),
        ("C-u", "Big paragraph"),
        ("Escape", "Publisher"),
        ("j", "Publisher"),
        ("Enter", "quote 1/"),
        ("i", "quote-"),
        ("1", "LUX"),
        ("!", "warning: control"),
        ("?", "Binding id"),
    ]
    data, screens = run_in_tmux(tmp_path, str(path), keys, wait_first="briefing-title")
    assert data, "nothing recorded"
    for what, sequence in FORBIDDEN_BYTES.items():
        assert sequence not in data, f"{what} reached the terminal"
    assert b"\x1b]8;;http" not in data  # no OSC 8 link at all
    visible = "\n".join(screens)
    for placeholder in ("^[]0;PWN^G", "^[[2J", "<9B>31m", "[@click=app.quit]x[/]", "[/]"):
        assert placeholder in visible, placeholder
