"""End to end: the everyday questions of an officer, asked of the real kfor-tui in tmux at 80x24 from the first
screen, each in at most 10 keys, each answered with grades and sources on screen.

A key here is one key press: typed text counts a key per character."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import HAVE_TMUX, run_in_tmux

from kfor_tui.io.loader import bundled_briefings

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")

FIRST = "Contributing nations"  # the first screen is up


def presses(keys: list[tuple[str, str]]) -> int:
    """Key presses: a named key (Enter) is one, typed text one per character."""
    return sum(1 if key[:1].isupper() and len(key) > 1 else len(key) for key, _ in keys)


def ask(tmp_path: Path, keys: list[tuple[str, str]], arguments: str = "") -> str:
    assert presses(keys) <= 10, f"{presses(keys)} keys"
    _, screens = run_in_tmux(tmp_path, arguments, keys, wait_first=FIRST)
    return screens[-1]


def test_how_big_is_kfor_and_do_the_reports_agree(tmp_path: Path) -> None:
    """`:kfor` enter: the KFOR dossier, its strength over time drawn above its own figures, report by report,
    each with its date, its source and its grade (and a CONFLICT mark where two reports disagree); `jjjj`: down
    to the newest report of the number of nations."""
    keys = [(":", "esc closes"), ("kfor", "Kosovo Force"), ("Enter", "Figures for KFOR as a whole")]
    screen = ask(tmp_path, keys)
    assert "13 Jun 2023" in screen and "Personnel: well over 4,000 troops (NATO)" in screen and "B2" in screen
    assert "Personnel: 4,443 personnel (European West" in screen and "C2" in screen
    # the chart marks the point of the row under the cursor, and says it as the source does
    assert "1/2  well over 4,000 troops  13 Jun 2023  B2  NATO" in screen
    rows = [line for line in screen.splitlines() if "Personnel: " in line]
    assert len(rows) == 2, rows  # two reports of the size, side by side, never merged
    screen = ask(tmp_path, [*keys, ("jjjj", "over 30 nations")])
    assert "F2" in screen
    assert "2 stated; latest 4,443 personnel  Mar 2024*  C2" in screen  # not a strength: no point is current


def test_what_changed_in_march_2024(tmp_path: Path) -> None:
    """`2 Y 2024 enter`: the chronology from 2024 on, its March entries each with its grade; `i`: the first
    one with its source."""
    keys = [("2", "Chronology"), ("Y", "year:"), ("2024", "2024"), ("Enter", "-- 2024 --")]
    year = ask(tmp_path, keys)
    rows = [line for line in year.splitlines() if line.startswith(" Mar 2024") or line.startswith(" 21 Mar 2024")]
    assert len(rows) >= 8 and all(re.search(r" [A-F][1-6] \d+src", row) for row in rows), year  # from the top
    screen = ask(tmp_path, [*keys, ("i", "Fact:")])
    assert "European Western" in screen and "Balkans, Mar 2024" in screen and "Grade: C2" in screen


def test_what_happened_in_september_2023_and_what_was_done(tmp_path: Path) -> None:
    """`:2023-09` enter: the armed attack on the police, its grade and source, and the response to it (the
    reinforcement of around 1,000 soldiers) among its first fields."""
    screen = ask(tmp_path, [(":", "esc closes"), ("2023-09", "Armed attack"), ("Enter", "TENSION")])
    assert "Armed attack on Kosovo police in northern Kosovo" in screen
    assert "Grade: C2" in screen
    assert "European Western" in screen and "Balkans, Mar 2024" in screen
    assert "around 1000 additional soldiers were deployed to Kosovo" in screen
    assert "Response:" in screen


def test_what_is_new_since_my_last_review(tmp_path: Path) -> None:
    """A first session marks everything reviewed (`5 R`); the briefing then changes on disk; the next session's
    `5` lists the changed fact as CHANGED, with its grade and source, and its field as reviewed and now."""
    folder = tmp_path / "briefings"
    shutil.copytree(bundled_briefings(), folder)
    ask(tmp_path, [("5", "What is new"), ("R", "nothing new since")], arguments=str(folder))
    target = folder / "2024-03-ewb-bulgaria-slovenia-albania.toml"
    text = target.read_text(encoding="utf-8")
    old = 'note = "Additional soldiers deployed to Kosovo after the September 2023 tensions'
    assert old in text
    target.write_text(text.replace(old, 'note = "Reinforcements sent to Kosovo after the September 2023 tensions'))
    screen = ask(tmp_path, [("5", "CHANGED")], arguments=str(folder))
    assert "0 new, 1 changed since" in screen or "1 changed since" in screen
    assert "CHANGED" in screen and "around 1000 additional soldiers" in screen and "C2" in screen
    assert "Western Balkans, C2" in screen  # the source and grade, above the changed fields
    assert "Additional soldiers deployed" in screen and "Reinforcements sent" in screen  # as reviewed, now
