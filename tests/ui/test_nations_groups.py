"""The first screen answers "who is in KFOR?": the contributing nations first, then the host and the other
nations, then organisations and units, each group under a heading the cursor passes over; and how many
contributors these briefings name, beside the number of nations a report states (never the count of rows
passed off as the mission's). Read from what is painted at 80x24."""

from __future__ import annotations

from pathlib import Path

from helpers import all_rows, loaded, table
from painted import highlighted_rows, screen_lines

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.nation_detail import NationDetail
from kfor_tui.ui.views.nations import NationsPane

DATA = Path(__file__).resolve().parent.parent / "data"
MINIMAL = DATA / "minimal.toml"
CONTRIBUTORS = ["ALB", "BEL", "BGR", "LUX", "NLD", "SVN", "TUR", "GBR", "USA"]  # by name: Türkiye, United...
HOST = "-- Host (Kosovo) and other nations --"


def painted_text(app: KforApp) -> list[str]:
    return [line.text.rstrip() for line in screen_lines(app)]


def codes_between(rows: list[str], start: str, end: str | None) -> list[str]:
    """The codes of the rows under heading `start`, up to heading `end`."""
    first = rows.index(start) + 1
    last = rows.index(end) if end is not None else len(rows)
    return [row.split()[0] for row in rows[first:last]]


def current(app: KforApp) -> str:
    """The one row painted as current, as painted (less the cell padding)."""
    [row] = highlighted_rows(app, table(app, "#nations-table"))
    return row.strip()


async def test_contributors_come_first_under_their_heading_with_the_count_beside_the_stated_number() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.view, NationsPane)
        screen = painted_text(app)
        # the headline is one report at a time; the latest number of nations ("over 30", Oct 2025) is not exact,
        # so the named contributors go beside the latest exact one, with its date and grade
        assert " KFOR: 4,443 personnel from 28 countries (Mar 2024, C2)" in screen
        assert " 9 of 28 contributing nations named in these briefings (Mar 2024, C2)" in screen
        headings = [line.strip() for line in screen if line.strip().startswith("-- ")]
        assert headings == ["-- Contributing nations --", HOST]  # the third is below the fold
        under = screen[screen.index(" -- Contributing nations --") + 1 : screen.index(f" {HOST}")]
        assert [line.split()[0] for line in under] == CONTRIBUTORS
        assert screen[screen.index(f" {HOST}") + 1].split()[:2] == ["XKX", "Kosovo"]  # the host leads its group
        rows = all_rows(table(app, "#nations-table"))
        assert [row for row in rows if row.startswith("-- ")] == [
            "-- Contributing nations --",
            HOST,
            "-- Organisations and units --",
        ]
        others = codes_between(rows, HOST, "-- Organisations and units --")
        assert others[0] == "XKX" and {"SRB", "MKD", "MNE", "BIH"} <= set(others)
        assert not set(others) & set(CONTRIBUTORS)
        assert "KFOR" in codes_between(rows, "-- Organisations and units --", None)


async def test_the_cursor_passes_over_headings_and_enter_and_i_open_the_painted_nation() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert current(app).split()[:2] == ["ALB", "Albania"]  # not the heading above it
        await pilot.press("k", "g")
        assert current(app).startswith("ALB")
        await pilot.press(*["j"] * len(CONTRIBUTORS))  # from the last contributor over the host's heading
        assert current(app).split()[:2] == ["XKX", "Kosovo"]
        await pilot.press("k")
        assert current(app).startswith("USA")
        await pilot.press("g", "enter")
        await pilot.pause()
        assert isinstance(app.view, NationDetail) and app.view.location.key == "ALB"
        assert app.view.title().plain.startswith("Albania")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert isinstance(app.view, NationsPane) and current(app).startswith("ALB")
        await pilot.press("j", "i")  # i opens the row's dossier too
        await pilot.pause()
        assert isinstance(app.view, NationDetail) and app.view.location.key == "BEL"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.press("G")
        assert not current(app).startswith("--")
        t = table(app, "#nations-table")
        assert t.row_key(t.cursor_row) is not None


async def test_sorting_by_strength_keeps_the_groups() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        rows = all_rows(table(app, "#nations-table"))
        contributors = codes_between(rows, "-- Contributing nations --", HOST)
        assert contributors == ["TUR", "GBR", "SVN", "BGR", "ALB", "LUX", "BEL", "NLD", "USA"]
        assert codes_between(rows, HOST, "-- Organisations and units --")[0] == "XKX"
        assert current(app).startswith("TUR")


async def test_an_exact_number_of_nations_reads_n_of_total(tmp_path: Path) -> None:
    """A report giving an exact number: '3 of 28'; the number is the report's, with its date and grade."""
    briefing = tmp_path / "b.toml"
    briefing.write_text(
        MINIMAL.read_text(encoding="utf-8")
        + '\n[[figures]]\nid = "fig-nations"\nsubject = "org:kfor"\nmetric = "contributing_nations"\n'
        'value = { value = 28, text = "28 countries" }\nas_of = "2025-07"\n'
        '[[figures.cite]]\nsrc = "src-a"\nquote = "28 countries"\ncredibility = 2\n',
        encoding="utf-8",
    )
    app = KforApp([briefing], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert " 3 of 28 contributing nations named in these briefings (KFOR, Jul 2025, B2)" in painted_text(app)


async def test_without_a_stated_number_or_host_the_labels_say_only_what_is_known(tmp_path: Path) -> None:
    briefing = tmp_path / "b.toml"
    briefing.write_text(MINIMAL.read_text(encoding="utf-8").replace('camp = "place:novo-selo"\n', ""), encoding="utf-8")
    app = KforApp([briefing], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        screen = painted_text(app)
        assert " 3 contributing nations named here; no report gives KFOR's number of nations" in screen
        assert " -- Other nations --" in screen and not any("Host" in line for line in screen)


async def test_a_figure_table_row_makes_a_contributor_and_an_unnamed_row_makes_none() -> None:
    app = KforApp([DATA / "contributing-nations.toml"], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        rows = all_rows(table(app, "#nations-table"))
        contributors = codes_between(rows, "-- Contributing nations --", "-- Other nations --")
        assert contributors == ["AUT", "DEU", "HUN", "ITA", "NLD", "POL", "USA"]
        assert "SVN" not in contributors and "TUR" not in contributors  # the row whose nation was lost
