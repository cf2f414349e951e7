"""End to end: the real kfor-tui in tmux on a folder whose file names hold escape sequences, a bidi override
and a newline; the problems view lists them, and every byte written to the terminal (pipe-pane) is checked:
no sequence from a name reaches it, the names are shown in caret form."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import HAVE_TMUX, run_in_tmux

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_hostile_names import hostile_folder

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")

FROM_NAMES = {
    "OSC 52 clipboard": b"\x1b]52;c;UFdO",
    "OSC 0 title": b"\x1b]0;PWNED",
    "CSI 2J from a name": b"\x1b[2J.toml",
    "C1 CSI": "\x9b".encode(),
    "bidi override": "\u202e".encode(),
}


def test_no_sequence_from_a_file_name_reaches_the_terminal(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path, valid=False)
    data, screens = run_in_tmux(
        tmp_path, str(folder), [("!", "Problems ("), ("G", "UFdOLUNMSVA")], wait_first="problem"
    )
    for what, sequence in FROM_NAMES.items():
        assert sequence not in data, f"{what} reached the terminal"
    # long paths fold onto the next line: join the lines (less the view's one-cell padding) before looking
    shown = "".join(line[1:].rstrip() for screen in screens for line in screen.splitlines())
    assert (
        "UFdOLUNMSVA=^[" in shown
        and "PWNED-TITLE^G^[[2J" in shown
        and "<9B>2J.toml" in shown
        and "a\\nforged.toml" in shown
    )
