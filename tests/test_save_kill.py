"""Killing a save leaves the briefing as it was before it or as it is after it, never half: a writer appending
captured figures over and over, killed with SIGKILL at random moments, 21 times."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from kfor_tui.io.loader import load
from kfor_tui.io.record_writer import record_block
from kfor_tui.io.save_check import STALE_SECONDS, TEMP_PREFIX, sweep
from support import MINIMAL, ROOT

VALUES = {
    "subject": "org:kfor",
    "metric": "personnel",
    "value": "4443",
    "value_text": "4,443 personnel",
    "as_of": "2025-07",
    "as_of_basis": "inferred",
}
# The writer appends figure N, N+1, ... and prints each number once its save returned.
WRITER = f"""
import sys
from pathlib import Path
from kfor_tui.io.record_writer import append_record, record_block

path, first = Path(sys.argv[1]), int(sys.argv[2])
for number in range(first, first + 100_000):
    block = record_block("figure", {{**{VALUES!r}, "id": f"fig-kill-{{number}}"}}, "src-a", "4,443 personnel", 2)
    result = append_record(path, block)
    assert result.ok, result
    print(number, flush=True)
"""


def block(number: int) -> bytes:
    return record_block("figure", {**VALUES, "id": f"fig-kill-{number}"}, "src-a", "4,443 personnel", 2).encode()


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    path = folder / "briefing.toml"
    base = MINIMAL.read_bytes()
    assert base.endswith(b"\n")
    path.write_bytes(base)
    temp = tmp_path / "tmp"  # the checks' temporary copies a kill leaves behind go here, not to /tmp
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(temp)}
    rng = random.Random(15)
    saved = 0  # figures in the file
    states = [base]  # the file after 0, 1, 2, ... appends
    for kill in range(21):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(saved)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
        )
        time.sleep(rng.uniform(0.3, 1.5))
        writer.kill()
        out, _ = writer.communicate(timeout=30)
        reported = [int(line) for line in out.split()]
        assert reported == list(range(saved, saved + len(reported))), f"kill {kill}: {out}"
        while len(states) < saved + len(reported) + 2:
            states.append(states[-1] + b"\n" + block(len(states) - 1))
        data = path.read_bytes()
        # every save it reported is there, and at most the one it was killed in after it: never half of one
        assert data in (states[saved + len(reported)], states[saved + len(reported) + 1]), f"kill {kill}"
        saved = states.index(data)
        corpus = load([path])
        assert corpus.problems == (), f"kill {kill}: {corpus.problems[:3]}"
        assert len(corpus.figures) == 1 + saved
    assert saved > 21, "the writer was killed too soon to test anything"
    assert sorted(name for name in os.listdir(folder) if not name.startswith(".")) == ["briefing.toml"]
    # the checks' temporary folders the kills left are removed by a later save once they are stale
    left = sorted(os.listdir(temp))
    assert left and all(name.startswith(TEMP_PREFIX) for name in left)
    assert sorted(sweep(temp, now=time.time() + STALE_SECONDS + 1)) == left and os.listdir(temp) == []
