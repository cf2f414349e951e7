"""An unquoted partial date (`as_of = 2017-02`) is a TOML syntax error whose own message does not say why:
`check` adds how to write it, at the value's position."""

from __future__ import annotations

import pytest

from support import MINIMAL, run_cli

HEAD = 'format = "kfor-briefing/1"\n\n[briefing]\nid = "b"\ntitle = "T"\n'


@pytest.mark.parametrize(
    ("line", "col", "hint"),
    [
        ("as_of = 2017-02", 9, 'partial dates are strings: write as_of = "2017-02"'),
        ("as_of = 2017-02  # the month only", 9, 'partial dates are strings: write as_of = "2017-02"'),
        ("when = 2024-03~", 8, 'partial dates are strings: write when = "2024-03~"'),
        ("published = 2025-07", 13, 'partial dates are strings: write published = "2025-07"'),
        ("as_of = 1999~", 9, 'partial dates are strings: write as_of = "1999~"'),
        ("when = 2023-06-04?", 8, 'approximate and uncertain dates are strings: write when = "2023-06-04?"'),
        ("when = 2025-07-02/2025-07-03", 8, 'date ranges are strings: write when = "2025-07-02/2025-07-03"'),
        ("when = ../2028-12", 8, 'date ranges are strings: write when = "../2028-12"'),
        ('period = { start = 2025-04, end = "2026-04" }', 20, 'partial dates are strings: write start = "2025-04"'),
    ],
)
def test_unquoted_partial_date_is_explained(write, tmp_path, line: str, col: int, hint: str) -> None:
    write("mine.toml", HEAD + line + "\n")
    out = run_cli("check", "mine.toml", cwd=tmp_path)
    assert out.returncode == 1
    [problem] = [row for row in out.stdout.splitlines() if ": error: " in row]
    assert problem.startswith(f"mine.toml:6:{col}: error: TOML syntax: ")
    assert problem.endswith("; " + hint)
    assert "Traceback" not in out.stdout + out.stderr


def test_in_a_full_briefing_the_error_points_at_the_line(write, tmp_path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace('as_of = "2025-07"', "as_of = 2025-07")
    assert "as_of = 2025-07\n" in text
    row = text[: text.index("as_of = 2025-07\n")].count("\n") + 1
    write("mine.toml", text)
    out = run_cli("check", "mine.toml", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.startswith(
        f"mine.toml:{row}:9: error: TOML syntax: Expected newline or end of document after "
        f'a statement; partial dates are strings: write as_of = "2025-07"\n'
    )


@pytest.mark.parametrize(
    "line",
    [
        "as_of = 2025-07-02",  # a full date is a TOML date
        'as_of = "2017-02"',  # a quoted partial date is a string
    ],
)
def test_valid_dates_get_no_hint(write, tmp_path, line: str) -> None:
    write("mine.toml", HEAD + line + "\n")
    out = run_cli("check", "mine.toml", cwd=tmp_path)
    assert "TOML syntax" not in out.stdout and "are strings" not in out.stdout


@pytest.mark.parametrize(
    "line",
    [
        'title2 = "as_of = 2017-02" 7',  # the date-like text is inside a string; the error is elsewhere
        "a = [2024-03]",  # no key = value to rewrite
        "as_of = 2017-02-",
    ],
)
def test_other_syntax_errors_get_no_hint(write, tmp_path, line: str) -> None:
    write("mine.toml", HEAD + line + "\n")
    out = run_cli("check", "mine.toml", cwd=tmp_path)
    assert out.returncode == 1 and "error: TOML syntax: " in out.stdout
    assert "are strings" not in out.stdout


def test_a_long_bare_line_with_a_syntax_error_is_reported_at_once(write, tmp_path) -> None:
    """Found by `make fuzz`: looking for an unquoted date on a 200,000-character line of key characters used
    to try every start position (quadratic: minutes). The hint search now starts a key only where one can."""
    write("mine.toml", HEAD + 'huge = "x"\nhuge = "' + "x" * 200_000 + '"\n')
    out = run_cli("check", "mine.toml", cwd=tmp_path)
    assert out.returncode == 1 and "error: TOML syntax: " in out.stdout
