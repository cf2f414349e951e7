"""Malformed config.toml and theme files, property-based: whatever the bytes, `load_settings` and `load_themes`
return problems as text and never raise; a theme they accept is one the app can apply.

A valid config.toml (every setting and a [keymap]) and the shipped themes are mutated at three levels: bytes
(truncation, flips, inserted junk: NUL, invalid UTF-8, CR and CRLF, escape sequences, brackets), values (one
replaced by NaN, infinities, 1e308, huge integers and strings, control characters, deep nesting, the wrong
type) and parsed data (any node replaced by a random TOML value, written back with tomli-w). Every problem
is one line of text without control characters, naming the file (or the environment variable) it is about.

1,600 generated cases in all (see MAX_EXAMPLES), the same on every run; KFOR_FUZZ_SCALE=N runs N times as many
random ones.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.css.tokenize import tokenize_values

from kfor_tui.settings import SETTINGS, load_settings
from kfor_tui.ui.themes import bundled_themes_dir, load_themes, resolve_references, theme_problem, theme_variables

SCALE = int(os.environ.get("KFOR_FUZZ_SCALE", "1"))
MAX_EXAMPLES = {
    name: count * SCALE
    for name, count in {"config bytes": 300, "config values": 300, "config data": 250, "theme bytes": 250}.items()
} | {name: count * SCALE for name, count in {"theme values": 300, "theme data": 200}.items()}
FUZZ = dict(
    deadline=None,
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

CONFIG_SEED = b"""# kfor-tui settings
theme = "amber"
color = "256"
ascii = false
mouse = true
briefings = ["/srv/briefings", "~/more"]
max_file_mb = 8
max_total_mb = 1024.5
watch = true

[keymap]
cursor-down = "j,ctrl+n"
top = ["g", "home"]
yank = "c"
"""
THEME_SEEDS = [p.read_bytes() for p in sorted(bundled_themes_dir().glob("*.toml"))]
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_DIR = Path(tempfile.mkdtemp(prefix="kfor-tui-fuzz-settings-"))
CONFIG = _DIR / "config.toml"
THEMES = _DIR / "themes"
THEMES.mkdir()


def assert_settings_cleanly(data: bytes) -> list[str]:
    """Load `data` as config.toml; nothing may raise, each problem is one clean line about this file."""
    CONFIG.write_bytes(data)
    s = load_settings({}, {"KFOR_CONFIG": str(CONFIG)})  # any exception fails with the shrunk input
    for warning in s.warnings:
        assert isinstance(warning, str) and warning, warning
        assert warning.startswith(f"{CONFIG}:") or warning.startswith(f"{CONFIG} "), warning
        assert not CONTROL.search(warning), repr(warning)
    if len([w for w in s.warnings if "using defaults" in w]) == 1:
        assert len(s.warnings) == 1  # a file that is not read is one message, nothing more
    assert set(s.values) == set(SETTINGS) and all(isinstance(v, str) for v in s.sources.values())
    for name, value in s.values.items():  # every value is of its setting's type, whatever the file said
        default = SETTINGS[name][0]
        if isinstance(default, bool):
            assert isinstance(value, bool)
        elif isinstance(default, (int, float)):  # sizes in MiB: finite, above 0
            assert isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2**40
        elif name == "briefings":
            assert value is None or all(isinstance(p, Path) and not CONTROL.search(str(p)) for p in value)
        elif value is not None:
            assert isinstance(value, str) and not CONTROL.search(value)
    for ident, keys in s.keymap.items():
        assert not CONTROL.search(ident + keys) and " " not in keys
    s.describe()  # what `kfor-tui config` prints: never raises either
    return s.warnings


def assert_theme_cleanly(data: bytes) -> list[str]:
    """Load `data` as a user theme beside a good one; nothing may raise, each problem is one clean line
    naming the file, and a theme that loads is one the app can apply."""
    for old in THEMES.iterdir():
        old.unlink()
    (THEMES / "fuzz.toml").write_bytes(data)
    (THEMES / "good.toml").write_bytes(b'name = "good-one"\nprimary = "#123456"\n')
    result = load_themes([THEMES])
    assert "good-one" in result.themes  # the other file still loads (it is read after fuzz.toml)
    for error in result.errors:
        assert isinstance(error, str) and "fuzz.toml" in error and "\n" not in error, error
        assert not CONTROL.search(error), repr(error)
    for name, theme in result.themes.items():
        if result.origins.get(name, Path()).name != "fuzz.toml":
            continue
        assert theme_problem(theme) is None, name  # with the variables Textual really derives for it
        variables = resolve_references(theme_variables(theme))
        assert not any("$" in value for value in variables.values())
        tokenize_values(variables)  # Textual's own tokenizer takes every value
    return result.errors


# ---- bytes ---------------------------------------------------------------------------------------------------

JUNK = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\x1b[2J",
    b"\x1b]0;t\x07",
    b"\r",
    b"\r\n",
    b"\x7f",
    b"\xc2\x9b",
    b"\x0b",
    b"\t",
    b'"',
    b"'",
    b'"""',
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
    b"$",
    b";",
    b"\\u0000",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xae",
    b"\n[keymap]\n",
    b"\n[variables]\n",
    b"[" * 40,
    b"{ a = " * 40,
    b".a" * 40,
]


@st.composite
def byte_mutants(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    if draw(st.booleans()):
        data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
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
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = size if end < 0 else end + 1
            data[end:end] = data[start:end] if data[start:end].endswith(b"\n") else data[start:end] + b"\n"
    return bytes(data)


@settings(max_examples=MAX_EXAMPLES["config bytes"], **FUZZ)
@given(byte_mutants([CONFIG_SEED]))
def test_config_byte_mutations_never_raise(data: bytes) -> None:
    assert_settings_cleanly(data)


@settings(max_examples=MAX_EXAMPLES["theme bytes"], **FUZZ)
@given(byte_mutants(THEME_SEEDS))
def test_theme_byte_mutations_never_raise(data: bytes) -> None:
    assert_theme_cleanly(data)


# ---- values: swapped types, NaN and infinities, huge, control characters, deep -------------------------------

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
    '["a", 1]',
    "{}",
    "{ a = 1 }",
    "3.5",
    "0.5",
    "nan",
    "+nan",
    "-nan",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "1e-308",
    "5e-324",
    str(10**400),
    str(-(10**400)),
    "9" * 4301,
    "2025-07-10",
    "10:00:00",
    '"\\u001b]0;pwned\\u0007"',
    '"\\u001b[2J"',
    '"\\u202e"',
    '"\\u0000"',
    '"\\u009b31m"',
    '"' + "x" * 100_000 + '"',
    '"""a\nb\n"""',
    '"bold; } Screen { display: none; }"',
    '"#ff0000; }"',
    '"$nope"',
    '"$primary"',
    '"$error 50%"',
    '"$kfor-conflict"',
    '"$link-style"',
    '"#123456 50%"',
    '"#123456 500%"',
    '"auto 87%"',
    '"bold reverse"',
    '"not underline"',
    '"ansi_red"',
    '"ctrl+x"',
    '"j,k,l"',
    '"j k"',
    '"kfor-dark"',
    '"Amber"',
    '"../../etc"',
    "[" * 2_000 + "]" * 2_000,
    "{ a = " * 500 + "1" + " }" * 500,
    "[" * 40 + "]" * 40,
    "[" + "{}," * 1000 + "]",
]


@st.composite
def value_mutants(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    lines = draw(st.sampled_from(seeds)).decode("utf-8").split("\n")
    assignments = [i for i, line in enumerate(lines) if re.match(r"\s*[\w\"'.-]+\s*=\s*\S", line)]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(assignments))
        key = lines[i].split("=", 1)[0]
        lines[i] = f"{key}= {draw(st.sampled_from(VALUES))}"
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=MAX_EXAMPLES["config values"], **FUZZ)
@given(value_mutants([CONFIG_SEED]))
def test_config_values_of_any_kind_never_raise(data: bytes) -> None:
    assert_settings_cleanly(data)


@settings(max_examples=MAX_EXAMPLES["theme values"], **FUZZ)
@given(value_mutants(THEME_SEEDS))
def test_theme_values_of_any_kind_never_raise(data: bytes) -> None:
    assert_theme_cleanly(data)


# ---- parsed data: any node replaced by any TOML value, written back ---------------------------------------------

SCALARS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "$primary", "$nope", "bold", "#ff0000", "#ff0000 50%", "amber", "j,down", "\x1b[2J", "x;}"]),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63]),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.times(),
)
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.text(min_size=1, max_size=12) | st.sampled_from(["primary", "keymap", "variables", "name", "theme"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _nodes(item, (*path, index))
    return out


def data_mutants(seeds: list[bytes], extra_keys: list[str]) -> st.SearchStrategy[bytes]:
    parsed = [tomli.loads(seed.decode("utf-8")) for seed in seeds]
    nodes = [_nodes(data)[1:] for data in parsed]

    @st.composite
    def mutant(draw: st.DrawFn) -> bytes:
        which = draw(st.integers(0, len(parsed) - 1))
        data = tomli.loads(seeds[which].decode("utf-8"))
        for _ in range(draw(st.integers(1, 4))):
            path = draw(st.sampled_from(nodes[which]))
            parent: Any = data
            try:
                for part in path[:-1]:
                    parent = parent[part]
            except (KeyError, IndexError, TypeError):
                continue
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
            data[draw(st.sampled_from(extra_keys))] = draw(TOML_VALUES)
        return tomli_w.dumps(data).encode("utf-8", "surrogatepass")

    return mutant()


@settings(max_examples=MAX_EXAMPLES["config data"], **FUZZ)
@given(data_mutants([CONFIG_SEED], ["keymap", "theme", "zzz", *SETTINGS]))
def test_config_wrong_types_anywhere_never_raise(data: bytes) -> None:
    assert_settings_cleanly(data)


@settings(max_examples=MAX_EXAMPLES["theme data"], **FUZZ)
@given(data_mutants(THEME_SEEDS, ["variables", "primary", "text_alpha", "luminosity_spread", "name", "zzz"]))
def test_theme_wrong_types_anywhere_never_raise(data: bytes) -> None:
    assert_theme_cleanly(data)


# ---- fixed cases: each seed is clean, and the strategies reach the value checks ---------------------------------


def test_the_seeds_load_cleanly() -> None:
    assert assert_settings_cleanly(CONFIG_SEED) == []
    for seed in THEME_SEEDS:
        assert assert_theme_cleanly(seed) == []


def test_value_mutants_reach_the_checks_not_only_the_parser() -> None:
    warnings = assert_settings_cleanly(CONFIG_SEED.replace(b"max_file_mb = 8", b"max_file_mb = nan"))
    assert len(warnings) == 1 and "max_file_mb must be a positive number of MiB" in warnings[0]
    errors = assert_theme_cleanly(b'name = "x"\nprimary = "#123456"\n[variables]\nkfor-conflict = "$nope"\n')
    assert len(errors) == 1 and "$nope is not defined" in errors[0]
