"""End to end in tmux at 80x24: from the first screen, two keys (t, then k up to the mission) bring KFOR's
strength over time with the cursor on the latest point, its value, date, grade and source; the same in
--ascii and with NO_COLOR, where the current point is told by reverse video and the marks by their shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import HAVE_TMUX, run_in_tmux

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")

ESCAPE = re.compile(r"\x1b\[([0-9;]*)m")
READOUT = "2/2  4,443 personnel  Mar 2024*  C2  European Western Balkans"


def reversed_characters(screen: str) -> list[str]:
    """The visible characters painted in reverse video (SGR 7) on a `capture-pane -e` screen."""
    out: list[str] = []
    for line in screen.splitlines():
        reverse = False
        for part in re.split(r"(\x1b\[[0-9;]*m)", line):
            match = ESCAPE.fullmatch(part)
            if match:
                codes = match.group(1).split(";") if match.group(1) else ["0"]
                if "0" in codes or codes == [""]:
                    reverse = False
                if "7" in codes:
                    reverse = True
                if "27" in codes:
                    reverse = False
            elif reverse:
                out.extend(ch for ch in part if ch.strip())
    return out


@pytest.mark.parametrize(
    ("arguments", "env", "current"),
    [("", "", "●"), ("--ascii", "", "*"), ("", "NO_COLOR=1", "●")],
    ids=["unicode", "ascii", "no-color"],
)
def test_kfor_strength_over_time_in_two_keys(tmp_path: Path, arguments: str, env: str, current: str) -> None:
    keys = [("t", "Strength over time: Albania"), ("k", "Strength over time: KFOR")]
    _, screens = run_in_tmux(tmp_path, arguments, keys, env=env, wait_first="Contributing nations", escapes=True)
    screen = screens[-1]
    plain = ESCAPE.sub("", screen)
    assert READOUT in plain  # value as stated, date (* inferred), grade, who reports it
    assert "KFOR: 2 stated, 13 Jun 2023 to Mar 2024" in plain
    assert ("> " if arguments else "▶ ") + READOUT in plain
    marked = reversed_characters(screen)
    assert current in marked  # the latest point is the one painted as current
    assert "more than" in plain  # the open-ended report's mark is named in the legend
    if arguments == "--ascii":
        assert plain.isascii()
        assert "^ more than" in plain
    if env:
        assert not re.search(r"\x1b\[[0-9;]*(38|48);", screen)  # no colour at all: shapes and reverse video only
