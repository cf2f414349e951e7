"""The built wheel carries the bundled briefings, so an installed kfor-tui opens them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [path] = out.glob("kfor_tui-*.whl")
    return path


def test_wheel_carries_briefings_and_themes(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.name for p in (ROOT / "briefings").glob("*.toml"))
    assert bundled
    for name in bundled:
        assert f"kfor_tui/briefings/{name}" in names
    assert any(n.startswith("kfor_tui/themes/") for n in names)
    assert "kfor_tui/cli.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_package_finds_bundled_briefings_from_root(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("KFOR_BRIEFINGS", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kfor_tui.cli, sys; print(kfor_tui.cli.__file__, file=sys.stderr);"
            " raise SystemExit(kfor_tui.cli.main(['check', '--strict']))",
        ],
        capture_output=True,
        text=True,
        cwd="/",
        env=env,
        timeout=120,
    )
    assert str(target) in out.stderr  # the installed copy ran, not the checkout
    assert out.returncode == 0, out.stdout
    assert "0 errors, 0 warnings" in out.stdout
    bundled = len(list((ROOT / "briefings").glob("*.toml")))
    assert out.stdout.splitlines()[-1].startswith(f"{bundled} files")
