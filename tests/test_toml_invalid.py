"""Invalid TOML of the compliance-suite kind: each is one clean `path:line:col: error: TOML syntax: ...` at the
line where the mistake is, `kfor-tui check` exits 1, and nothing raises or prints a traceback.

Every case is written below line 3 of a file that starts `format = ...`, blank, `[briefing]`; the number is
the line the error must be reported on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kfor_tui.io.loader import load
from support import run_cli

HEAD = 'format = "kfor-briefing/1"\n\n[briefing]\n'

# name: (lines after HEAD, expected line, expected column or None, a word of the message)
CASES: dict[str, tuple[str, int, int | None, str]] = {
    # unterminated strings: the error points at the opening quote, not at the end of the file
    "unterminated-basic": ('title = "abc\nx = 1\n', 4, 13, "Illegal character"),
    "unterminated-basic-at-eof": ('title = "abc', 4, 9, "never closed"),
    "unterminated-literal": ("title = 'abc\nx = 1\n", 4, 9, "never closed"),
    "unterminated-literal-later-quote": ("title = 'abc\nx = 'y'\n", 4, 13, "invalid character"),
    "unterminated-multiline-basic": ('title = """abc\n\nx = 1\n', 4, 9, "never closed"),
    "unterminated-multiline-literal": ("title = '''abc\n\nx = 1\n", 4, 9, "never closed"),
    # bad escapes
    "escape-u-too-short": ('title = "\\u12"\n', 4, None, "hex"),
    "escape-U-too-short": ('title = "\\U0001F60"\n', 4, None, "hex"),
    "escape-unknown": ('title = "a\\qb"\n', 4, None, "Unescaped"),
    "escape-surrogate": ('title = "\\uD800"\n', 4, None, "scalar"),
    "escape-out-of-range": ('title = "\\U00110000"\n', 4, None, "scalar"),
    # control characters
    "control-in-basic-string": ('title = "a\x01b"\n', 4, 11, "Illegal character"),
    "escape-sequence-in-string": ('title = "a\x1b[2Jb"\n', 4, 11, "Illegal character"),
    "delete-in-literal-string": ("title = 'a\x7fb'\n", 4, 11, "invalid character"),
    "control-in-multiline-string": ('title = """a\x08b"""\n', 4, None, "Illegal character"),
    "control-in-comment": ("# a \x01 comment\n", 4, 5, "invalid character"),
    "lone-carriage-return": ('title = "a"\rx = 1\n', 4, None, "newline"),
    # duplicates and redefinitions
    "duplicate-key": ('id = "a"\nid = "b"\n', 5, None, "overwrite"),
    "duplicate-key-quoted": ('id = "a"\n"id" = "b"\n', 5, None, "overwrite"),
    "duplicate-table": ('id = "a"\n[briefing]\n', 5, None, "twice"),
    "duplicate-subtable": ("[x.y]\n[x.y]\n", 5, None, "twice"),
    "table-redefined-as-array": ("[[briefing]]\n", 4, None, "overwrite"),
    "array-redefined-as-table": ("[[sources]]\n[sources]\n", 5, None, "twice"),
    "static-array-appended-to": ("x = []\n[[briefing.x]]\n", 5, None, "immutable"),
    "dotted-key-over-value": ("a = 1\na.b = 2\n", 5, None, "overwrite"),
    "inline-table-extended": ("a = { b = 1 }\na.c = 2\n", 5, None, "immutable"),
    "inline-table-duplicate-key": ("x = { a = 1, a = 2 }\n", 4, None, "Duplicate"),
    # numbers
    "leading-zero": ("x = 012\n", 4, None, ""),
    "leading-zero-float": ("x = 03.14\n", 4, None, ""),
    "double-underscore": ("x = 1__2\n", 4, None, ""),
    "trailing-underscore": ("x = 12_\n", 4, None, ""),
    "leading-underscore": ("x = _12\n", 4, None, "Invalid value"),
    "bad-hex-digit": ("x = 0xG1\n", 4, None, ""),
    "signed-hex": ("x = +0x1\n", 4, None, ""),
    "float-without-fraction": ("x = 1.\n", 4, None, ""),
    "float-without-integer-part": ("x = .5\n", 4, None, "Invalid value"),
    "exponent-without-digits": ("x = 1e\n", 4, None, ""),
    "capitalised-nan": ("x = NaN\n", 4, None, "Invalid value"),
    "capitalised-true": ("x = True\n", 4, None, "Invalid value"),
    "integer-over-4300-digits": ("x = " + "9" * 4301 + "\n", 4, 5, "4300 digits"),
    # dates and times
    "date-february-30": ("as_of = 2025-02-30\n", 4, None, "date"),
    "date-month-13": ("as_of = 2025-13-01\n", 4, None, ""),
    "date-one-digit-month": ("as_of = 2025-7-10\n", 4, None, ""),
    "time-hour-25": ("x = 1979-05-27T25:00:00\n", 4, None, ""),
    "offset-over-24h": ("x = 1979-05-27T07:32:00+25:00\n", 4, None, ""),
    # keys and values
    "missing-value": ("title =\nx = 1\n", 4, None, "Invalid value"),
    "missing-value-at-eof": ("title =", 4, None, "Invalid value"),
    "missing-equals": ('title "x"\n', 4, None, "'='"),
    "space-in-bare-key": ('ti tle = "x"\n', 4, None, "'='"),
    "symbol-in-bare-key": ('tit!e = "x"\n', 4, None, "'='"),
    "empty-bare-key": (' = "x"\n', 4, None, ""),
    "newline-in-quoted-key": ('"ti\ntle" = "x"\n', 4, None, "Illegal character"),
    "two-values-on-a-line": ('title = "a" "b"\n', 4, None, "newline"),
    "two-keys-on-a-line": ("a = 1 b = 2\n", 4, None, "newline"),
    "bare-word-value": ("title = hello\n", 4, None, "Invalid value"),
    # arrays and tables
    "array-missing-comma": ("x = [1 2]\n", 4, None, "array"),
    "array-unclosed": ("x = [1, 2\ny = 3\n", 5, None, "array"),
    "table-header-unclosed": ("[sources\n", 4, None, "']'"),
    "table-header-empty": ("[]\n", 4, None, ""),
    "array-header-unclosed": ("[[sources]\n", 4, None, "']]'"),
}

LINE = re.compile(r"[^\n]+:(\d+):(\d+): error: TOML syntax: [^\n]+")


@pytest.mark.parametrize("name", CASES)
def test_invalid_toml_is_one_clean_syntax_error_at_its_line(name: str, tmp_path: Path) -> None:
    body, line, col, word = CASES[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(HEAD + body, encoding="utf-8", newline="")
    corpus = load([path])  # must not raise
    [problem] = corpus.problems
    assert problem.severity == "error" and problem.message.startswith("TOML syntax: "), problem
    assert LINE.fullmatch(str(problem)), str(problem)
    assert problem.line == line, str(problem)
    if col is not None:
        assert problem.col == col, str(problem)
    assert word.lower() in problem.message.lower(), str(problem)
    assert corpus.briefings == () and corpus.sources == ()


@pytest.mark.parametrize(
    "name",
    [
        "unterminated-multiline-basic",
        "escape-u-too-short",
        "control-in-basic-string",
        "duplicate-table",
        "leading-zero",
        "date-february-30",
        "inline-table-duplicate-key",
    ],
)
def test_check_reports_it_and_exits_1(name: str, tmp_path: Path) -> None:
    body, line, _, _ = CASES[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(HEAD + body, encoding="utf-8", newline="")
    out = run_cli("check", str(path))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    first = out.stdout.splitlines()[0]
    assert re.fullmatch(rf"\S*{re.escape(name)}\.toml:{line}:\d+: error: TOML syntax: .+", first), first
    assert out.stdout.splitlines()[-1].endswith("1 error, 0 warnings")


def test_a_broken_file_among_good_ones_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    from support import MINIMAL

    (tmp_path / "good.toml").write_bytes(MINIMAL.read_bytes())
    (tmp_path / "bad.toml").write_text(HEAD + CASES["duplicate-key"][0], encoding="utf-8")
    corpus = load([tmp_path])
    assert [p.line for p in corpus.problems] == [5] and corpus.problems[0].path.endswith("bad.toml")
    assert len(corpus.sources) == 1


@pytest.mark.parametrize(
    "body",
    [
        'title = "caf\\x41"\n',  # \xHH escape
        "x = { a = 1, }\n",  # trailing comma in an inline table
        "x = { a = 1,\n  b = 2 }\n",  # newline in an inline table
    ],
)
def test_toml_1_1_additions_are_read(body: str, tmp_path: Path) -> None:
    """Invalid in TOML 1.0 but valid in TOML 1.1, which the parser (tomli 2.3+) reads; docs/format.md says so.
    Such a file gets only the briefing's own complaints (missing fields), no syntax error."""
    path = tmp_path / "toml11.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    assert not any("TOML syntax" in p.message for p in load([path]).problems)
