"""End to end: in the real kfor-tui in tmux, the chronology row painted with the cursor background after `G` and
`k` presses (the list scrolled) is the row `i` opens. Read with `capture-pane -e`, i.e. the colours a terminal
shows, not the app's state."""

from __future__ import annotations

import os
import re
import subprocess
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from helpers import COMMAND, HAVE_TMUX, ROOT, isolated

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
ELLIPSIS = "\u2026"
MARKS = ("CONFLICT ", "PLANNED ", "EXPECTED ")


def painted_lines(capture: str) -> list[tuple[str, str]]:
    """(text, background of its first cell) per line of `capture-pane -p -e` output. tmux writes an attribute
    only where it changes, so one carries on from line to line; reverse video paints the foreground colour."""
    state = {"fg": "default", "bg": "default", "reverse": False}
    lines = []
    for raw in capture.split("\n"):
        text, first = "", None
        at = 0
        for match in SGR.finditer(raw):
            chunk = raw[at : match.start()]
            if chunk and first is None:
                first = state["fg"] if state["reverse"] else state["bg"]
            text += chunk
            _apply(state, match.group(1))
            at = match.end()
        chunk = raw[at:]
        if chunk and first is None:
            first = state["fg"] if state["reverse"] else state["bg"]
        lines.append((text + chunk, first or "none"))
    return lines


def _apply(state: dict, params: str) -> None:  # type: ignore[type-arg]
    codes = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == 0:
            state.update(fg="default", bg="default", reverse=False)
        elif code == 7:
            state["reverse"] = True
        elif code == 27:
            state["reverse"] = False
        elif code in (38, 48):
            key = "fg" if code == 38 else "bg"
            if i + 2 < len(codes) and codes[i + 1] == 5:
                state[key] = f"5;{codes[i + 2]}"
                i += 2
            elif i + 4 < len(codes) and codes[i + 1] == 2:
                state[key] = "2;" + ";".join(map(str, codes[i + 2 : i + 5]))
                i += 4
        elif code == 39:
            state["fg"] = "default"
        elif code == 49:
            state["bg"] = "default"
        elif 30 <= code <= 37 or 90 <= code <= 97:
            state["fg"] = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            state["bg"] = str(code)
        i += 1


class Tmux:
    """kfor-tui on the bundled briefings at 80x24, in a tmux session of its own."""

    def __init__(self, tmp_path: Path) -> None:
        self.session = f"kfor-{uuid.uuid4().hex[:8]}"
        # the command imports the kfor_tui this test does
        path = f"PYTHONPATH={os.environ['PYTHONPATH']}" if os.environ.get("PYTHONPATH") else ""
        command = f"sleep 0.3; env TERM=xterm-256color {isolated(tmp_path)} {path} {COMMAND}; echo EXITED $?; sleep 5"
        subprocess.run(
            ["tmux", "-f", "/dev/null", "new-session", "-d", "-s", self.session, "-x", "80", "-y", "24", command],
            check=True,
            cwd=ROOT,
        )

    def capture(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-e", "-t", self.session], capture_output=True, text=True, check=True
        ).stdout

    def settled(self, text: str = "") -> str:
        """The screen (with escapes) once `text` is on it and two captures 0.2 s apart agree."""
        deadline = time.monotonic() + 30
        shown = self.capture()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            again = self.capture()
            if again == shown and text in SGR.sub("", again):
                return again
            shown = again
        raise AssertionError(f"{text!r} not on a settled screen:\n{SGR.sub('', shown)}")

    def press(self, key: str, text: str = "") -> str:
        before = self.capture()
        subprocess.run(["tmux", "send-keys", "-t", self.session, key], check=True)
        deadline = time.monotonic() + 5
        while self.capture() == before and time.monotonic() < deadline:  # the key may change nothing
            time.sleep(0.05)
        return self.settled(text)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.session], check=False, capture_output=True)


def table_rows(screen: str) -> tuple[str, list[tuple[str, str]]]:
    """The chronology's header line and its rows on screen (text, background), up to the key footer."""
    lines = painted_lines(screen)
    header = next(i for i, (text, _) in enumerate(lines) if text.lstrip().startswith("Date") and "Title" in text)
    rows = []
    for text, background in lines[header + 1 :]:
        if not text.startswith(" ") or "Lookup" in text:  # the footer of keys
            break
        rows.append((text, background))
    return lines[header][0], rows


def highlighted(rows: list[tuple[str, str]], cursor: str) -> list[str]:
    return [text for text, background in rows if background == cursor]


def title_cell(header: str, row: str) -> str:
    start = header.index(" Title") + 1
    end = header.index(" Grade") + 1  # at 80 columns there is no nations column: the title is wider
    title = row[start:end].strip().removesuffix(ELLIPSIS)
    for mark in MARKS:
        title = title.removeprefix(mark)
    return title


def test_k_after_G_moves_the_painted_cursor_and_i_opens_that_row(tmp_path: Path) -> None:
    tmux = Tmux(tmp_path)
    try:
        tmux.settled("Code")
        header, rows = table_rows(tmux.press("2", "Chronology:"))
        # the cursor is on the first entry (row 0 is a year heading): its background is the one no other row has
        counts = Counter(background for _, background in rows)
        cursor = next(b for text, b in rows if not text.strip().startswith("--"))
        assert counts[cursor] == 1, rows
        assert rows[0][1] != cursor, "the year heading is not the cursor row"

        _, rows = table_rows(tmux.press("G"))
        entries = [text for text, _ in rows if not text.strip().startswith("--")]
        assert highlighted(rows, cursor) == [entries[-1]]
        for _ in range(4):
            tmux.press("k")
        screen = tmux.settled()
        _, rows = table_rows(screen)
        # k skips year headings: four presses up from the last entry land on the fourth entry above it
        assert highlighted(rows, cursor) == [entries[-5]], "\n".join(t for t, _ in rows)

        title = title_cell(header, entries[-5])
        detail = SGR.sub("", tmux.press("i", "Fact:"))
        heading = next(line for line in detail.splitlines() if "Fact:" in line)
        # the detail names the fact as its first chronology entry does: compare the start of the name
        assert title.split(" (")[0][:12] in heading, (title, heading)
    finally:
        tmux.close()
