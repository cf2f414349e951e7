"""Bytes the app writes to the terminal per keystroke, measured on the real command in tmux (pipe-pane).

    .venv/bin/python bench/ssh_bytes.py [--size 80x24] [--term xterm-256color] [--colorterm truecolor]

What tmux's pipe-pane sees is what the app wrote to its pty: what would cross an SSH link (before SSH's
own compression and framing). Each keystroke is sent after the screen has settled; the count is the
growth of the capture until it is quiet again for 0.6 s. Used for docs/ssh.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"

STEPS = [  # (label, keys for tmux send-keys)
    ("first screen (nations)", None),
    ("2: switch to chronology", ["2"]),
    ("j: one row down (chronology)", ["j"]),
    ("j again", ["j"]),
    ("ctrl+d: half page down", ["C-d"]),
    ("ctrl+u: half page up", ["C-u"]),
    ("3: switch to sources", ["3"]),
    ("enter: open the reader", ["Enter"]),
    ("n: next quote in the reader", ["n"]),
    ("1: switch to nations", ["1"]),
    ("y: copy the current row (OSC 52)", ["y"]),
    ("?: help overlay", ["?"]),
    ("esc: close it", ["Escape"]),
]


def settle(path: Path, quiet: float = 0.6, limit: float = 20.0) -> int:
    deadline = time.monotonic() + limit
    size, since = path.stat().st_size, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = path.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet and size > 0:
            break
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--colorterm", default="truecolor", help="'' for none")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    width, height = args.size.split("x")
    session = f"kfor-bytes-{uuid.uuid4().hex[:8]}"
    out = Path(tempfile.mkdtemp()) / "pane.bytes"
    out.touch()
    env = f"env TERM={args.term} COLORTERM={args.colorterm} " + " ".join(args.env)
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
            width,
            "-y",
            height,
            "sleep 1; " + env + f" {COMMAND}; sleep 30",
        ],
        check=True,
        cwd=ROOT,
    )
    try:
        subprocess.run(["tmux", "pipe-pane", "-t", session, "-o", f"cat >> {out}"], check=True)
        time.sleep(1.2)
        total = 0
        colorterm = args.colorterm or "unset"
        print(f"| Keystroke | Bytes | ({args.size}, TERM={args.term}, COLORTERM={colorterm} {' '.join(args.env)}) |")
        print("|---|---:|---|")
        for label, keys in STEPS:
            if keys:
                subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)
                time.sleep(0.1)
            size = settle(out)
            print(f"| {label} | {size - total:,} | |")
            total = size
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
        os.unlink(out)


if __name__ == "__main__":
    main()
