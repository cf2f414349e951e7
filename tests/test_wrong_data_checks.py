"""Wrong data that once passed `check --strict`, each caught now with path:line:col and a hint (CLI, exit codes).

Every case is a briefing a writer could make from docs/format.md alone: a figure that does not match its quote,
a quote cut inside a number, a qualifier with the wrong bounds, a national figure with no nation, a nation
written "UK", a figure table whose rows do not add up to its total.
"""

from __future__ import annotations

import pytest

from support import run_cli

HEAD = """format = "kfor-briefing/1"

[briefing]
id = "test-wrong"
title = "Wrong data"
as_of = 2025-07-10
marking = "UNCLASSIFIED // TEST"

[[sources]]
id = "src-a"
title = "Figures"
publisher = "Test Chronicle"
published = "2025-07"
reliability = "B"
paragraphs = [
  "Currently, the KFOR mission consists of 4,443 personnel from 28 countries.",
  "Contributions: Poland 258, Italy 638.",
  "The mission had fewer than 6,000 troops.",
]

[[organisations]]
id = "org:kfor"
name = "Kosovo Force"
short = "KFOR"
kind = "mission"
"""


def figure(value: str, quote: str, *, metric: str = "personnel", extra: str = "") -> str:
    return f'''
[[figures]]
id = "fig-1"
subject = "org:kfor"
metric = "{metric}"
value = {value}
as_of = "2025-07"
{extra}
[[figures.cite]]
src = "src-a"
quote = "{quote}"
'''


def check(write, body: str) -> tuple[int, str]:
    path = write("wrong.toml", HEAD + body)
    out = run_cli("check", "--strict", str(path))
    assert "Traceback" not in out.stdout + out.stderr
    return out.returncode, out.stdout.replace(str(path), "wrong.toml")


def at(body: str, needle: str, col: int = 1) -> str:
    """'wrong.toml:LINE:COL:' of the line of HEAD + body that starts with `needle`."""
    lines = (HEAD + body).splitlines()
    return f"wrong.toml:{next(i for i, line in enumerate(lines, 1) if line.startswith(needle))}:{col}:"


def test_the_clean_base_passes(write):
    assert check(write, figure("4443", "4,443 personnel")) == (0, "1 files, 1 sources, 1 facts, 0 errors, 0 warnings\n")


def test_a_number_its_quote_does_not_state(write):
    body = figure("4444", "4,443 personnel")
    code, out = check(write, body)
    assert code == 1
    assert (
        f"{at(body, 'value')} warning: 'value' states 4,444, but no quote supporting it does (\"4,443 personnel\")"
        in out
    )


def test_a_quote_cut_inside_a_number(write):
    body = figure("25", "Poland 25", metric="national_contribution", extra='nation = "POL"')
    code, out = check(write, body)
    assert code == 1
    assert f"{at(body, 'quote')} warning: the quote ends inside the word or number \"258\" in source 'src-a'" in out


@pytest.mark.parametrize(
    ("value", "quote", "expect"),
    [
        (
            '{ value = 6000, qualifier = "less_than", text = "fewer than 6,000 troops" }',
            "fewer than 6,000 troops",
            None,
        ),
        (
            '{ high = 6000, qualifier = "less_than" }',
            "fewer than 6,000 troops",
            "qualifier 'less_than' takes the number the source states as value",
        ),
        (
            '{ low = 4001, qualifier = "more_than" }',
            "4,443 personnel",
            "qualifier 'more_than' takes the number the source states as value",
        ),
        (
            "{ low = 4000 }",
            "4,443 personnel",
            'a single bound is not an exact amount: write { value = 4000, qualifier = "at_least" }',
        ),
        ('{ value = 500, qualifier = "vague" }', "4,443 personnel", "a vague amount has no single value"),
    ],
)
def test_bounds_that_do_not_fit_their_qualifier(write, value, quote, expect):
    body = figure(value, quote)
    code, out = check(write, body)
    if expect is None:
        assert code == 0, out
    else:
        assert code == 1 and f"{at(body, 'value')} warning: 'value': {expect}" in out, out


def test_a_national_figure_with_no_nation(write):
    body = figure("258", "Poland 258", metric="national_contribution")
    code, out = check(write, body)
    assert code == 1
    assert (
        f"{at(body, '[[figures]]', 3)} warning: a 'national_contribution' figure is one nation's: give 'nation'" in out
    )


def test_a_row_whose_nation_the_source_lost_is_not_an_error(write):
    body = figure(
        "258", "Poland 258", metric="national_contribution", extra='nation = "unknown"\none_of = ["POL", "ITA"]'
    )
    assert check(write, body)[0] == 0


@pytest.mark.parametrize(("written", "meant"), [("UK", "GBR"), ("ROM", "ROU"), ("ger", "DEU"), ("Kosovo", "XKX")])
def test_an_unknown_nation_code_suggests_the_nearest(write, written, meant):
    body = figure("258", "Poland 258", metric="national_contribution", extra=f'nation = "{written}"')
    code, out = check(write, body)
    assert code == 1
    assert f"{at(body, 'nation')} error: unknown nation code '{written}'; did you mean '{meant}'" in out
    assert ", 0 warnings" in out  # a nation was given: no second complaint that it is missing


def test_an_unquoted_year_is_explained(write):
    body = figure("4443", "4,443 personnel").replace('as_of = "2025-07"', "as_of = 2025")
    code, out = check(write, body)
    assert (
        code == 1
        and 'a date must be a string like "2025-07" or a TOML date, not an integer; quote partial dates: as_of = "2025"'
        in out
    )


def test_metric_other_needs_a_unit(write):
    code, out = check(write, figure("638", "Italy 638", metric="other"))
    assert code == 1 and "metric 'other': say what is counted with unit" in out
    assert check(write, figure('{ value = 638, unit = "vehicles" }', "Italy 638", metric="other"))[0] == 0


SET = """
[[figure_sets]]
id = "set-1"
title = "Contributions"
subject = "org:kfor"
metric = "national_contribution"
as_of = "2025-07"
total = {total}
rows = [{{ nation = "POL", value = 258 }}, {{ nation = "unknown", one_of = ["ITA", "SVN"], value = 638 }}]

[[figure_sets.cite]]
src = "src-a"
quote = "Poland 258, Italy 638."
"""


def test_figure_set_rows_that_do_not_add_up(write):
    code, out = check(
        write,
        SET.format(total="{ value = 900 }")
        + """
[[figure_sets.cite]]
src = "src-a"
quote = "4,443 personnel"
for = ["total"]
""",
    )
    assert code == 1
    assert (
        "warning: the rows sum to 896, but the total is 900 (a difference of 4; unnamed rows: 638 (one of ITA/SVN))"
        in out
    )
    assert "'total' states 900, but no quote supporting it does" in out


def test_figure_set_whose_rows_add_up(write):
    code, out = check(write, SET.format(total="896").replace("Poland 258, Italy 638.", "Poland 258, Italy 638"))
    # 896 is not stated anywhere: the check says so, even when the sum is right
    assert code == 1 and "'total' states 896, but no quote supporting it does" in out
    assert "rows sum" not in out
