"""Strength over time, as the chart draws it (index/strength_series.py, charts/terminal_plot.py): every point a
stated number at its stated date, shaped by what the words allow, none invented, none merged.

On tests/data/charts/strength-over-time.toml: a mission with eight personnel figures (about 50,000 in 1999, a
range, a conflict of two same-day reports, more than 4,000, 4,443) and Italy with fourteen dated strengths
(a range, an at_least, a less_than, a vague amount) and one undated contingent."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from kfor_tui.charts.terminal_plot import ASCII_LEVELS, UNICODE_MARKS, layout, legend, nice_top, trend
from kfor_tui.index.strength_series import Series, series_of
from kfor_tui.io.loader import load
from kfor_tui.model import Corpus

CHARTS = Path(__file__).resolve().parent / "data" / "charts"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load([CHARTS])
    assert not loaded.errors()
    return loaded


def test_the_mission_series_is_its_own_personnel_figures_in_date_order(corpus: Corpus) -> None:
    series = series_of(corpus, "org:kfor")
    shown = [(p.date_text, p.compact, p.shape) for p in series.points]
    assert shown == [
        ("Jun 1999", "~50,000", "about"),
        ("2002", "38,000-39,000", "range"),
        ("17 Feb 2008", "16,000", "exact"),
        ("17 Feb 2008", "15,500", "exact"),
        ("2012", "~6,000", "about"),
        ("Jun 2023", ">4,000", "above"),
        ("Mar 2024", "4,443", "exact"),
        ("Jun 2025", "4,600", "exact"),
    ]
    # no national figure is the mission's, and a count of nations is not a strength
    assert not {p.fact for p in series.points} & {p.fact for p in series_of(corpus, "ITA").points}
    assert "fig-kfor-nations-2024" not in {p.fact for p in series.points}


def test_every_point_states_only_the_sources_numbers(corpus: Corpus) -> None:
    """A range keeps both bounds and no midpoint; a bound is open on its far side; grades and publishers are the
    fact's own."""
    ita = series_of(corpus, "ITA")
    assert len(ita.points) >= 12
    for point in [*ita.points, *series_of(corpus, "org:kfor").points]:
        stated = set(point.quantity.stated()) | {n for n in (point.quantity.low, point.quantity.high) if n is not None}
        assert {n for n in (point.low, point.high) if n is not None} <= stated
    by_shape = {p.shape: p for p in ita.points}
    assert (by_shape["range"].low, by_shape["range"].high) == (3000, 3500)
    assert (by_shape["above"].low, by_shape["above"].high) == (2300, None)
    assert (by_shape["below"].low, by_shape["below"].high) == (None, 600)
    assert by_shape["vague"].compact.endswith("?")  # the house rule's range, said to be one
    assert ita.undated  # the contingent whose source has no date is kept aside, not placed on the axis


def test_two_reports_that_disagree_are_two_points_of_one_conflict(corpus: Corpus) -> None:
    points = [p for p in series_of(corpus, "org:kfor").points if p.conflicts]
    assert [(p.compact, p.source, p.grade) for p in points] == [
        ("16,000", "Test Wire", "C-"),
        ("15,500", "Test Herald", "D-"),
    ]
    assert points[0].conflicts == points[1].conflicts == ("conflict-kfor-2008",)


def _cells(series: Series, width: int, height: int, ascii: bool = False):  # type: ignore[no-untyped-def]
    plot = layout(series, width, height, ascii=ascii)
    return plot, ["".join(ch for ch, _ in row) for row in plot.rows]


@pytest.mark.parametrize(("width", "height"), [(78, 14), (58, 8), (120, 30)])
def test_each_point_is_one_mark_of_its_own_shape_in_date_order(corpus: Corpus, width: int, height: int) -> None:
    series = series_of(corpus, "org:kfor")
    plot, rows = _cells(series, width, height)
    assert len(plot.cells) == len(series.points)
    marks = UNICODE_MARKS
    glyph = {"exact": marks.exact, "about": marks.about, "above": marks.above}
    for point, cells, column in zip(series.points, plot.cells, plot.columns, strict=True):
        assert {x for x, _ in cells} == {column}
        drawn = "".join(rows[y][x] for x, y in cells)
        if point.shape in glyph:
            assert glyph[point.shape] in drawn
        if point.shape == "above":  # open upwards: the mark runs to the top line
            assert min(y for _, y in cells) == 0
    # a true time axis: a later date is never left of an earlier one (a mark moved aside moves by a column)
    placed = list(zip(series.points, plot.columns, strict=True))
    for (a, col_a), (b, col_b) in pairwise(placed):
        assert col_b >= col_a or (a.start == b.start and abs(col_b - col_a) <= 3)
    # two reports of one day are two marks: no cell is shared
    cell_sets = [set(cells) for cells in plot.cells]
    assert all(not (a & b) for i, a in enumerate(cell_sets) for b in cell_sets[i + 1 :])
    # the conflict is marked on the time axis under its claims
    axis = rows[height - 2]
    assert all(axis[x] == "!" for p, x in zip(series.points, plot.columns, strict=True) if p.conflicts)


def test_a_range_is_a_bar_between_its_bounds_and_a_vague_amount_says_so(corpus: Corpus) -> None:
    series = series_of(corpus, "ITA")
    plot, rows = _cells(series, 78, 24)
    for point, cells in zip(series.points, plot.cells, strict=True):
        drawn = [rows[y][x] for x, y in cells]
        if point.shape == "range":
            assert drawn[0] == "┬" and drawn[-1] == "┴"
        if point.shape == "vague":
            assert drawn[0] == "?" and drawn[-1] == "?"
        if point.shape == "below":  # open downwards, to the bottom of the plot
            assert drawn[0] == "▼" and max(y for _, y in cells) == 24 - 3


def test_nothing_joins_two_points(corpus: Corpus) -> None:
    """Between two reports nothing is stated: every drawn cell is a point's mark, the axes or their labels."""
    series = series_of(corpus, "ITA")
    plot = layout(series, 78, 16)
    mark_cells = {cell for cells in plot.cells for cell in cells}
    for y, row in enumerate(plot.rows):
        for x, (ch, role) in enumerate(row):
            if ch != " " and role != "axis":
                assert (x, y) in mark_cells


def test_ascii_has_no_braille_or_block_characters(corpus: Corpus) -> None:
    for key in ("org:kfor", "ITA"):
        series = series_of(corpus, key)
        _, rows = _cells(series, 60, 12, ascii=True)
        assert all(row.isascii() for row in rows)
        assert trend(series, 8, ascii=True).isascii()
        assert all(mark.isascii() for _, mark, _ in legend(series, ascii=True))


def test_the_legend_names_each_shape_used(corpus: Corpus) -> None:
    words = [w for _, _, w in legend(series_of(corpus, "ITA"))]
    assert words == ["as stated", "about", "range", "vague (house range)", "more than", "fewer than"]
    assert "conflict" in [w for _, _, w in legend(series_of(corpus, "org:kfor"))]


def test_the_axis_top_is_a_round_number_at_or_above_the_largest_stated() -> None:
    assert [nice_top(n) for n in (0, 7, 90, 103, 4443, 50000, 50001)] == [1, 10, 100, 200, 5000, 50000, 100000]


def test_a_trend_shows_heights_only_for_single_numbers(corpus: Corpus) -> None:
    ita = series_of(corpus, "ITA")
    line = trend(ita, 14, ascii=True)
    assert len(line) == 14
    assert [ch for ch, p in zip(line, ita.points[-14:], strict=True) if p.shape == "vague"] == [":"]
    assert set(line) <= set(ASCII_LEVELS) | {"|", ":", "^", "v"}
    single = Series("X", "X", "stated strength", ita.points[:1])
    assert trend(single, 8) == ""  # one report is not a trend
