"""Malformed briefings, property-based: whatever the bytes, the loader returns problems and never raises.

Valid briefings (tests/data/minimal.toml and the bundled briefings) are mutated at three levels:
bytes (truncation, flips, inserted junk, invalid UTF-8, control characters, duplicated lines = duplicate
keys and tables), TOML text (a value replaced by one of the wrong type, a huge integer, a bad date, deep
nesting) and parsed data (any node replaced by a random TOML value of another shape, then written back
with tomli-w). Every problem must name the file, a line and column >= 1, and print as
`path:line:col: (error|warning): message` on one line.

2,400 generated cases in all (see MAX_EXAMPLES); plus fixed cases for 10,000-deep nesting.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfor_tui.io.loader import load
from kfor_tui.model import Problem
from support import MINIMAL, ROOT

SEED_PATHS = [MINIMAL, *sorted((ROOT / "briefings").glob("*.toml"))]
SEEDS = [p.read_bytes() for p in SEED_PATHS]
SMALL_SEEDS = [SEEDS[0], min(SEEDS[1:], key=len)]  # for the expensive strategies
LINE = re.compile(r"[^\n]+:[1-9]\d*:[1-9]\d*: (error|warning): [^\n]+")

# Per test; 2,400 in all, the same cases on every run, in well under a minute. KFOR_FUZZ_SCALE=N runs N times
# as many random (not repeatable) cases, for a longer hunt: KFOR_FUZZ_SCALE=20 pytest tests/test_fuzz_loader.py
SCALE = int(os.environ.get("KFOR_FUZZ_SCALE", "1"))
MAX_EXAMPLES = {
    name: count * SCALE for name, count in {"bytes": 700, "values": 600, "data": 600, "text": 300, "lines": 200}.items()
}
FUZZ = dict(
    deadline=None,
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

_DIR = Path(tempfile.mkdtemp(prefix="kfor-tui-fuzz-"))


def assert_loads_cleanly(data: bytes, name: str = "fuzz.toml") -> tuple[Problem, ...]:
    """Load `data` as one file; the loader must not raise and every problem must be well formed."""
    path = _DIR / name
    path.write_bytes(data)
    corpus = load([path])  # any exception fails the test with the input hypothesis shrank to
    for problem in corpus.problems:
        assert isinstance(problem, Problem)
        assert problem.path.endswith(name), problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert isinstance(problem.col, int) and problem.col >= 1, problem
        assert problem.severity in ("error", "warning"), problem
        assert LINE.fullmatch(str(problem)), repr(str(problem))
    return corpus.problems


# ---- bytes ---------------------------------------------------------------------------------------

JUNK = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x1b[2J",
    b"\x1b]0;t\x07",
    b"\r",
    b"\r\n",
    b"\x7f",
    b"\xc2\x9b",
    b"\x0b",
    b"\x0c",
    b"\t",
    b'"',
    b"'",
    b'"""',
    b"'''",
    b"[",
    b"]",
    b"[[",
    b"{",
    b"}",
    b"=",
    b",",
    b".",
    b"#",
    b"\\",
    b"\\u12",
    b"\\x41",
    b"\n[briefing]\n",
    b"\n[[sources]]\n",
    b"\nid = 1\n",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"\xef\xbb\xbf",
]


@st.composite
def byte_mutants(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        op = draw(st.sampled_from(["truncate", "flip", "insert", "junk", "delete", "duplicate"]))
        at = draw(st.integers(0, size)) if size else 0
        if op == "truncate":
            del data[at:]
        elif op == "flip" and at < size:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "junk":
            data[at:at] = draw(st.sampled_from(JUNK))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate" and size:
            # a whole line again just below: duplicate keys, duplicate [tables], an extra [[array]] entry
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = size if end < 0 else end + 1
            data[end:end] = data[start:end] if data[start:end].endswith(b"\n") else data[start:end] + b"\n"
    return bytes(data)


@settings(max_examples=MAX_EXAMPLES["bytes"], **FUZZ)
@given(byte_mutants())
def test_byte_mutations_never_raise(data: bytes) -> None:
    assert_loads_cleanly(data)


# ---- values of the wrong type, huge, badly dated, deeply nested ---------------------------------

VALUES = [
    '"a string"',
    "''",
    '"   "',
    "42",
    "-1",
    "0",
    "true",
    "false",
    "[]",
    "[1, 2]",
    '["a", 1]',
    "{}",
    "{ a = 1 }",
    '{ value = "x" }',
    "[{ a = 1 }]",
    "[[1], [2]]",
    "3.5",
    "nan",
    "inf",
    "-inf",
    "1e400",
    str(10**400),
    str(-(10**400)),
    "0x" + "f" * 400,
    "9" * 5000,
    '"2025-02-30"',
    '"9999-99"',
    '"2025-13"',
    '"0000-00-00"',
    '"2025-07-01/2024-01-01"',
    '"2025-07-01/"',
    '"/"',
    '"~2025"',
    "2025-07-10",
    "2025-07-10T10:00:00Z",
    "10:00:00",
    "1979-05-27T07:32:00-08:00",
    "2025-02-30",
    '"\\u001b]0;pwned\\u0007"',
    '"\\u202e"',
    '"\\u0000"',
    '"\\u009b31m"',
    '"\\uD800"',
    '"\\U0010FFFF"',
    '"' + "x" * 100_000 + '"',
    '"""a\nb\n"""',
    "'''a\nb\n'''",
    '"src-a"',
    '"person:backes"',
    '"XKX"',
    '"xkx"',
    "[" * 10_000 + "]" * 10_000,
    "{ a = " * 2_000 + "1" + " }" * 2_000,
    "[" * 100 + "]" * 100,
    "{ a = " * 100 + "1" + " }" * 100,
    "[" + "{}," * 1000 + "]",
]


@st.composite
def value_mutants(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SEEDS)).decode("utf-8").split("\n")
    assignments = [i for i, line in enumerate(lines) if re.match(r"\s*[\w\"'.-]+\s*=\s*\S", line)]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(assignments))
        key = lines[i].split("=", 1)[0]
        lines[i] = f"{key}= {draw(st.sampled_from(VALUES))}"
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=MAX_EXAMPLES["values"], **FUZZ)
@given(value_mutants())
def test_values_of_the_wrong_kind_never_raise(data: bytes) -> None:
    assert_loads_cleanly(data)


# ---- parsed data: any node replaced by any TOML value, written back --------------------------------

SCALARS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "2025-02-30", "9999-99", "2025-07", "src-a", "org:kfor", "LUX", "B"]),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1]),
    st.booleans(),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(),
    st.times(),
)
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.text(min_size=1, max_size=12)
            | st.sampled_from(["id", "src", "quote", "value", "start", "end", "cite", "for", "para", "nation"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _nodes(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _nodes(item, (*path, index))
    return out


PARSED = [tomli.loads(seed.decode("utf-8")) for seed in SMALL_SEEDS]
NODES = [_nodes(data)[1:] for data in PARSED]


@st.composite
def data_mutants(draw: st.DrawFn) -> bytes:
    which = draw(st.integers(0, len(PARSED) - 1))
    data = tomli.loads(SMALL_SEEDS[which].decode("utf-8"))  # a fresh copy to change
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(NODES[which]))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or reshaped this node
        key = path[-1]
        if not (
            (isinstance(parent, dict) and isinstance(key, str))
            or (isinstance(parent, list) and isinstance(key, int) and key < len(parent))
        ):
            continue
        if draw(st.booleans()) and isinstance(parent, dict):
            parent.pop(key, None)
        else:
            parent[key] = draw(TOML_VALUES)
    if draw(st.booleans()):
        data[draw(st.sampled_from(["briefing", "sources", "visits", "figures", "zzz"]))] = draw(TOML_VALUES)
    return tomli_w.dumps(data).encode("utf-8")


@settings(max_examples=MAX_EXAMPLES["data"], **FUZZ)
@given(data_mutants())
def test_wrong_types_anywhere_never_raise(data: bytes) -> None:
    assert_loads_cleanly(data)


# ---- arbitrary text and lines ---------------------------------------------------------------------


@settings(max_examples=MAX_EXAMPLES["text"], **FUZZ)
@given(st.text(max_size=300), st.booleans())
def test_arbitrary_text_never_raises(text: str, with_header: bool) -> None:
    prefix = 'format = "kfor-briefing/1"\n' if with_header else ""
    try:
        data = (prefix + text).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: write them the way a broken editor would
        data = (prefix + text).encode("utf-8", "surrogatepass")
    assert_loads_cleanly(data)


@settings(max_examples=MAX_EXAMPLES["lines"], **FUZZ)
@given(
    st.lists(
        st.sampled_from(
            [
                *SMALL_SEEDS[0].decode("utf-8").split("\n"),
                "[briefing]",
                "[[sources]]",
                "[sources]",
                "[[briefing]]",
                "[visits.cite]",
                "[[visits.cite]]",
                'id = "x"',
                'id = "src-a"',
                "[sources.0]",
                "a.b.c = 1",
                "a = 1",
                "a.b = 2",
                "[a]",
                "[a.b]",
                "[[a]]",
                'paragraphs = ["x"]',
            ]
        ),
        max_size=60,
    )
)
def test_shuffled_lines_never_raise(lines: list[str]) -> None:
    """Lines of a valid file in any order and number: duplicate keys, duplicate and redefined tables."""
    assert_loads_cleanly("\n".join(lines).encode("utf-8"))


# ---- fixed hostile cases ---------------------------------------------------------------------------

HEAD = 'format = "kfor-briefing/1"\n'
DEEP = 10_000


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("x = " + "[" * DEEP + "]" * DEEP, id="nested-arrays"),
        pytest.param("x = " + "{ a = " * DEEP + "1" + " }" * DEEP, id="nested-inline-tables"),
        pytest.param("x = " + "[" * DEEP, id="unclosed-nested-arrays"),
        pytest.param("x." + ".".join(["a"] * DEEP) + " = 1", id="dotted-key"),
        pytest.param("[" + ".".join(["a"] * DEEP) + "]\nb = 1", id="table-header"),
        pytest.param("[[" + ".".join(["a"] * DEEP) + "]]\nb = 1", id="array-of-tables-header"),
        pytest.param("briefing = " + "[" * 500 + "{}" + "]" * 500, id="briefing-nested-arrays"),
        pytest.param("[briefing]\nid = " + "{ a = " * 900 + "1" + " }" * 900, id="id-nested-tables"),
        pytest.param('[[sources]]\nid = "s"\nparagraphs = ' + "[" * 900 + "]" * 900, id="paragraphs-nested"),
        pytest.param('[[figures]]\nid = "f"\nvalue = ' + str(10**400), id="huge-figure"),
        pytest.param(
            '[[contingents]]\nid = "c"\nstrength = { value = ' + str(10**4000) + ", low = -1 }", id="huge-strength"
        ),
        pytest.param("x = " + "9" * 4301, id="int-over-str-digits-limit"),
        pytest.param("x = 1" + "0" * 400 + ".0", id="float-400-digits"),
        pytest.param("a = 1\na = 2", id="duplicate-key"),
        pytest.param("[briefing]\n[briefing]", id="duplicate-table"),
        pytest.param("[[sources]]\n[sources]", id="array-redefined-as-table"),
        pytest.param('[briefing]\nas_of = "2025-02-30"', id="bad-date-string"),
        pytest.param("[briefing]\nas_of = 2025-02-30", id="bad-date-literal"),
        pytest.param('[briefing]\nas_of = "9999-99"', id="bad-month"),
    ],
)
def test_hostile_shapes_are_reported_not_raised(body: str) -> None:
    problems = assert_loads_cleanly((HEAD + body).encode("utf-8"), "hostile.toml")
    assert any(p.severity == "error" for p in problems)


def test_invalid_utf8_is_reported_at_its_byte() -> None:
    [problem] = assert_loads_cleanly(HEAD.encode() + b'[briefing]\ntitle = "caf\xe9"\n', "latin1.toml")
    assert (problem.line, problem.col) == (3, 13)
    assert "not UTF-8" in problem.message


def test_every_mutation_strategy_reaches_the_builders() -> None:
    """The data strategy is not only producing syntax errors: some mutants parse and fail field checks."""
    seeds = [
        assert_loads_cleanly(tomli_w.dumps({**PARSED[0], "format": 1}).encode()),
        assert_loads_cleanly(tomli_w.dumps({**PARSED[0], "briefing": [1]}).encode()),
    ]
    assert all(problems and "TOML syntax" not in problems[0].message for problems in seeds)
