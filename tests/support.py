"""Shared test helpers: paths and the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINIMAL = DATA / "minimal.toml"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command, as a user runs it: output and exit code."""
    return subprocess.run(
        [sys.executable, "-m", "kfor_tui", *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=120
    )
