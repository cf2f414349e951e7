"""The strength chart in the app, read from what is painted: t from the nations pane, the cursor on the latest
point with its value, date, grade and source, h/l from point to point, enter to the fact, j/k to the next
subject; a dossier's chart marks the point of the row under the table cursor, and no other."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import loaded
from painted import Line, screen_lines

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.strength_chart import StrengthChart

CHARTS = Path(__file__).resolve().parents[1] / "data" / "charts"


def painted_text(app: KforApp) -> str:
    return "\n".join(line.text for line in screen_lines(app))


def current_marks(app: KforApp, chart: StrengthChart) -> list[str]:
    """The characters painted with the cursor's reverse video inside the chart's plot: the current point's
    mark (empty when no point is current)."""
    lines: list[Line] = screen_lines(app)
    region = chart.content_region
    plot = chart.plot()
    background = lines[region.y + plot.height - 2].backgrounds[region.x + 1]  # a cell of the axis line
    found = []
    for y in range(region.y, region.y + plot.height - 2):
        line = lines[y]
        for x in range(region.x, region.x + region.width):
            if line.backgrounds[x] != background and line.chars[x].strip():
                found.append(line.chars[x])
    return found


async def test_t_then_k_from_the_first_screen_is_kfors_strength_at_its_latest_point() -> None:
    app = KforApp([bundled_briefings()], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t", "k")
        await pilot.pause()
        text = painted_text(app)
        assert "Strength over time: KFOR (personnel)" in text
        assert "2/2  4,443 personnel  Mar 2024*  C2  European Western Balkans" in text
        chart = app.screen.query_one(StrengthChart)
        assert app.focused is chart
        assert current_marks(app, chart) == ["●"]
        await pilot.press("h")
        await pilot.pause()
        text = painted_text(app)
        assert "1/2  well over 4,000 troops  13 Jun 2023  B2  NATO" in text
        assert "▲ more than" in text  # the legend: shapes, not colour alone
        assert current_marks(app, chart)[-1] == "▲"  # the open-ended mark and its open side
        await pilot.press("enter")
        await pilot.pause()
        assert "Fact: KFOR personnel: well over 4,000 troops" in painted_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "1/2  well over 4,000 troops" in painted_text(app)  # back: at the point left


async def test_a_conflict_is_two_marks_and_the_readout_names_the_other_report() -> None:
    app = KforApp([CHARTS], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("G", "t")  # the last row: the mission
        await pilot.pause()
        text = painted_text(app)
        assert "KFOR: 8 stated, Jun 1999 to Jun 2025  (1 of 2 charted)" in text
        await pilot.press("home", "l", "l")
        await pilot.pause()
        text = painted_text(app)
        assert "3/8  16,000" in text and "Test Wire" in text
        assert "CONFLICT also 15,500 (Test Herald, D-)" in text
        await pilot.press("l")
        await pilot.pause()
        assert "CONFLICT also 16,000 (Test Wire, C-)" in painted_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "8/8  4,600" in painted_text(app)


async def test_j_and_k_step_through_the_charted_subjects_missions_first() -> None:
    app = KforApp([CHARTS], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("G", "t")
        await pilot.pause()
        assert "(1 of 2 charted)" in painted_text(app)
        await pilot.press("j")
        await pilot.pause()
        text = painted_text(app)
        assert "Italy: 14 stated, 2000 to Jun 2025; 1 undated, not drawn  (2 of 2 charted)" in text
        assert "14/14  1,100" in text  # a new subject opens at its latest point
        await pilot.press("j")
        await pilot.pause()
        assert "Italy: 14 stated" in painted_text(app)  # the last subject stays


async def test_a_dossiers_chart_marks_the_point_of_the_row_under_the_cursor_and_no_other() -> None:
    app = KforApp([CHARTS], persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("G", "enter")
        await pilot.pause()
        chart = app.screen.query_one("#nation-chart", StrengthChart)
        table = app.screen.query_one("#nation-facts")
        assert app.focused is table
        text = painted_text(app)
        assert "Figures for" in text
        # the cursor on the first figure row: its point is the one painted as current
        assert "~50,000" in text or "about 50,000" in text
        assert current_marks(app, chart) == ["○"]
        await pilot.press("j")
        await pilot.pause()
        assert current_marks(app, chart) == ["┃"]  # the 2002 range: a bar (one line high at this size)
        assert "38,000" in painted_text(app)
        await pilot.press("t")
        await pilot.pause()
        text = painted_text(app)
        assert "KFOR: 8 stated" in text and "2/8" in text  # t: the chart on its own, at the same point


@pytest.mark.parametrize("size", [(80, 24), (60, 16)])
async def test_the_chart_reads_without_colour_and_in_ascii(size: tuple[int, int]) -> None:
    app = KforApp([CHARTS], no_color=True, ascii=True, persist_theme=False)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        await pilot.press("G", "t")
        await pilot.pause()
        text = painted_text(app)
        assert text.isascii()
        assert "8/8  4,600" in text
        chart = app.screen.query_one(StrengthChart)
        assert current_marks(app, chart) == ["*"]  # reverse video, not colour, says which point is current
        await pilot.press("h", "h")
        await pilot.pause()
        assert current_marks(app, chart)[-1] == "^"


async def test_the_nations_pane_shows_a_trend_where_the_width_allows() -> None:
    for width, shown in ((80, False), (110, True)):
        app = KforApp([CHARTS], persist_theme=False)
        async with app.run_test(size=(width, 24)) as pilot:
            await loaded(app, pilot)
            text = painted_text(app)
            assert ("Trend" in text) is shown
            if shown:
                row = next(line for line in text.splitlines() if "Italy" in line)
                assert "┆" in row and "▼" in row  # a vague amount and a bound keep their marks, no height
