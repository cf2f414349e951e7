"""A briefing that nests deeper than 32 levels (dotted keys, table headers, arrays, inline tables), with the
backslash or control character that once sent it through a recursive walk, is one clear error at its line:
no RecursionError, and the other briefings load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from kfor_tui.io.nesting import MAX_DEPTH, deepest_path, deepest_point, depth_of, too_deep_message
from kfor_tui.io.reading import parse_bytes
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


# The parsed data of a valid file is walked first, and its text scanned only when the data nests at least
# half the limit: these check the one fact that rests on (the scan never counts more than one level beyond
# the data) and that a file too deep as written is reported at the same place as when every file was scanned.
_keys = st.text(alphabet="abc.\"' -", min_size=1, max_size=3)
_scalars = st.one_of(st.integers(-5, 5), st.text(alphabet="[]{}.=\"'#\\\n", max_size=4), st.booleans())
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _values, min_size=1, max_size=4))
def test_the_scan_counts_at_most_one_level_beyond_the_data(data: dict[str, object]) -> None:
    text = tomli_w.dumps(data)
    parsed = tomli.loads(text)
    depth = depth_of(parsed, limit=100)
    assert (deepest_path(parsed, limit=depth) is None) and (depth == 0 or deepest_path(parsed, limit=depth - 1))
    assert deepest_point(text, limit=depth + 1) is None, text


@pytest.mark.parametrize("levels", range(MAX_DEPTH - 3, MAX_DEPTH + 3))
@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "x = " + "[" * n + "]" * n + "\n",
        lambda n: "x = " + "[" * n + "1" + "]" * n + "\n",
        lambda n: "[" + ".".join(["t"] * n) + "]\nx = 1\n",
        lambda n: "[[" + ".".join(["t"] * n) + "]]\n",
        lambda n: ".".join(["k"] * n) + " = []\n",
        lambda n: "[" + ".".join(["t"] * (n // 2)) + "]\n" + ".".join(["k"] * (n - n // 2)) + " = [[]]\n",
        lambda n: "x = [\n" + "[\n" * n + "]\n" * n + "]\n",
    ],
)
def test_a_file_too_deep_as_written_is_reported_where_the_scan_finds_it(levels: int, shape: Any) -> None:
    text = 'format = "kfor-briefing/1"\n' + shape(levels)
    _, _, problems = parse_bytes(text.encode(), "deep.toml")
    where = deepest_point(text)
    if where is not None:
        assert [(p.line, p.col, p.message) for p in problems] == [(*where, too_deep_message())]
    else:
        assert not problems or "nesting deeper" not in problems[0].message or "(under" in problems[0].message
