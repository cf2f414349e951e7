"""A briefing that nests deeper than 32 levels (dotted keys, table headers, arrays, inline tables), with the
backslash or control character that once sent it through a recursive walk, is one clear error at its line:
no RecursionError, and the other briefings load."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfor_tui.io.nesting import MAX_DEPTH, deepest_path, deepest_point
from support import MINIMAL, run_cli

HEAD = 'format = "kfor-briefing/1"\nnote = "a\\tb"\n'
SHAPES = {
    "dotted keys": ("deep" + ".a" * 500 + " = 1\n", 3, 1),
    "table header": ("[" + ".".join(["t"] * 40) + "]\nx = 1\n", 3, 1),
    "array of tables": ("[[" + ".".join(["t"] * 40) + "]]\nx = 1\n", 3, 1),
    "arrays": ("x = " + "[" * 800 + "]" * 800 + "\n", 3, 5 + MAX_DEPTH - 1),
    "inline tables": ("x = " + "{a=" * 300 + "1" + "}" * 300 + "\n", 3, None),
    "multi-line arrays": ("x = [\n" + "[\n" * 50 + "]\n" * 50 + "]\n", None, 1),
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("command", ["check", "export", "search"])
def test_every_command_reports_the_deep_file_and_loads_the_rest(tmp_path: Path, shape: str, command: str) -> None:
    body, line, _ = SHAPES[shape]
    deep = tmp_path / "deep.toml"
    deep.write_text(HEAD + body, encoding="utf-8")
    args = {"check": ["check"], "export": ["export", "--format", "json"], "search": ["search", "backes"]}[command]
    out = run_cli(*args, str(deep), str(MINIMAL))
    assert "Traceback" not in out.stdout + out.stderr and "RecursionError" not in out.stdout + out.stderr
    assert out.returncode in (0, 1, 2)
    text = out.stdout + out.stderr
    assert f"{deep}:" in text and "nesting deeper than 32 levels" in text
    if line is not None:
        assert f"{deep}:{line}:" in text, text
    if command == "check":
        assert out.stdout.strip().splitlines()[-1].startswith("2 files, 1 sources, 3 facts, 1 error")
    if command == "search":
        assert "person:backes" in out.stdout  # the good briefing was searched


def test_the_scan_and_the_walk() -> None:
    assert deepest_point("a.b.c = 1\n[x.y]\nz = [[1], [2]]\n") is None
    assert deepest_point('s = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n') is None  # brackets in strings are text
    assert deepest_point("# " + "[" * 100 + "\n") is None  # and in comments
    assert deepest_point("x = " + "[" * 33 + "]" * 33) == (1, 5 + 31)  # the key is a level too
    assert deepest_path({"a": [[{"b": 1}]]}) is None
    nested: dict[str, object] = {}
    node = nested
    for _ in range(40):
        node["k"] = {}
        node = node["k"]  # type: ignore[assignment]
    assert deepest_path(nested) == ("k",) * 33
