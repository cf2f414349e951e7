"""The README's commands work as written: each line of its ```sh example blocks runs with `kfor-tui` on PATH
(as after `source .venv/bin/activate`) and exits 0; the commands it names inline parse with the real parser."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kfor_tui.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README, re.S)


EXAMPLES = [
    line.split("  #")[0].strip()
    for block in blocks("sh")
    for line in block.splitlines()
    if line.startswith("kfor-tui ")
]


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.skipif(not (BIN / "kfor-tui").exists(), reason="the kfor-tui command is not installed in this Python")
@pytest.mark.parametrize("line", EXAMPLES)
def test_each_example_runs_as_written(line: str, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run(shlex.split(line), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, f"{line}\n{out.stdout}\n{out.stderr}"
    assert "Traceback" not in out.stdout + out.stderr


INLINE = sorted(set(re.findall(r"`(kfor-tui(?: [^`]*)?)`", README)))


@pytest.mark.parametrize("line", [line for line in INLINE if "[" not in line and "|" not in line and "..." not in line])
def test_each_command_named_inline_parses(line: str) -> None:
    build_parser().parse_args(shlex.split(line)[1:])  # exits (a SystemExit) on an unknown flag or value
