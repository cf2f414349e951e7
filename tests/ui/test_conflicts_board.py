"""The conflicts board (pane 4): every conflict with all its claims, each claim with its value as its record
states it, date, grade and source, its quote beneath and the conflict's explanation whole; C on a fact marked
CONFLICT opens the board at that conflict; enter opens a claim. Read from what is painted at 80x24."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from helpers import loaded, table
from painted import highlighted_rows, screen_lines
from test_cursor_invariant import (
    CHECKS,
    MOTION,
    Painted,
    Scenario,
    drive,
    painted_virtual_row,
    rows_showing,
    settle,
    steps,
)

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.chronology import ChronologyPane
from kfor_tui.ui.views.conflicts import ConflictsBoard
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.virtual_table import VirtualTable

DATA = Path(__file__).resolve().parent.parent / "data"
RELATED = DATA / "related.toml"


def painted(app: KforApp) -> str:
    """The screen as painted, one string, lines joined by newlines (right-stripped)."""
    return "\n".join(line.text.rstrip() for line in screen_lines(app))


def squeezed(text: str) -> str:
    return " ".join(text.split())


def current(app: KforApp) -> str:
    [row] = highlighted_rows(app, table(app, "#conflicts-table"))
    return row.strip()


async def test_4_shows_each_claim_with_grade_source_quote_and_the_explanation() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        assert isinstance(app.view, ConflictsBoard)
        screen = painted(app)
        assert "Conflicts: 3 in these briefings" in screen
        assert "CONFLICT 1 of 3: Luxembourg in KFOR: 'since 1999' (ongoing) vs contingents" in screen
        lines = screen.splitlines()
        since = next(line for line in lines if line.startswith(" Luxembourg Army in KFOR (since 1999)"))
        until = next(line for line in lines if line.startswith(" Luxembourg Army contingents in KFOR (1999-2017)"))
        # side by side: each claim keeps its own date and grade, in the same columns
        assert since.rstrip().endswith("1999 ->       B2 1src")
        assert until.rstrip().endswith("1999 -> 2017  B2 1src")
        assert since.index("1999 ->") == until.index("1999 -> 2017") and since.index("B2") == until.index("B2")
        # each quote beneath its claim, with its source (publisher, date) and citation grade
        flat = squeezed(screen)
        assert "Chronicle.lu, Jul 2025, B2; said by Directorate of Defence (Luxembourg): «the Luxembourg" in flat
        assert "«From 1999 to 2017, the Luxembourg Army deployed contingents to Kosovo.»" in flat
        # the explanation, wrapped: the start on screen now; the cursor starts on the first claim
        assert "Why they differ: The same paragraph says the Luxembourg Army has helped KFOR 'since 1999'" in flat
        assert current(app).startswith("Luxembourg Army in KFOR (since 1999)")
        # the second claim, then the explanation, line by line: all of it scrolls into view
        await pilot.press("j", "j")
        await pilot.pause()
        flat = squeezed(painted(app))
        assert "which would also qualify 'since 1999'." in flat
        assert current(app).startswith("Why they differ:")
        await pilot.press("y")
        assert app.clipboard.startswith("CONFLICT: Luxembourg in KFOR")


async def test_enter_and_i_open_the_claim_under_the_cursor_and_y_copies_the_conflict() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("4", "j")
        await settle(app, pilot)
        assert current(app).startswith("Luxembourg Army contingents in KFOR (1999-2017)")
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("CONFLICT: Luxembourg in KFOR")
        assert "Why they differ: The same paragraph says" in copied
        assert "Claim 1: Luxembourg Army in KFOR (since 1999)" in copied
        assert "Claim 2: Luxembourg Army contingents in KFOR (1999-2017) (1999 -> 2017) [grade B2]" in copied
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.view, FactDetail) and app.view.location.key == "ctg-lux-kfor-1999-2017"
        await pilot.press("left_square_bracket")  # back: the board where it was
        await settle(app, pilot)
        assert isinstance(app.view, ConflictsBoard)
        assert current(app).startswith("Luxembourg Army contingents in KFOR (1999-2017)")
        await pilot.press("k", "i")
        await settle(app, pilot)
        assert isinstance(app.view, FactDetail) and app.view.location.key == "ctg-lux-kfor-since-1999"


async def test_C_on_a_conflict_mark_opens_the_board_at_its_row() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("4")  # the board is kept: C must move its cursor, not show it where it was
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        pane = app.view
        assert isinstance(pane, ChronologyPane)
        chronology = table(app, "#chronology-table")
        assert isinstance(chronology, VirtualTable)
        row = next(
            r
            for r, entry in enumerate(pane.rows)
            if not isinstance(entry, str) and entry.record.id == "evt-nato-sg-fsk-humanitarian-2025"
        )
        await pilot.press("g")
        steps = [r for r in range(chronology.cursor_row + 1, row + 1) if r not in chronology.skip_rows]
        await pilot.press(*["j"] * len(steps))
        await pilot.pause()
        [shown] = highlighted_rows(app, chronology)
        assert "CONFLICT NATO Secretary G" in shown
        await pilot.press("C")
        await settle(app, pilot)
        board = app.view
        assert isinstance(board, ConflictsBoard) and board.location.key == "conflict-fsk-status"
        screen = painted(app)
        assert "CONFLICT 3 of 3: FSK status: 'mandate remains humanitarian' (NATO SG) vs" in screen
        assert current(app).startswith("NATO Secretary General: the FSK's mandate remains")
        assert "Kosovo legally established its army in 2018" in screen  # the other claim beside it
        # from a fact's detail too
        await pilot.press("4", "g")  # the first conflict's title (two lines), then its first claim
        assert current(app).startswith("CONFLICT 1 of 3")
        await pilot.press("j", "j")
        assert current(app).startswith("Luxembourg Army in KFOR (since 1999)")
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.view, FactDetail)
        await pilot.press("C")
        await settle(app, pilot)
        assert isinstance(app.view, ConflictsBoard) and app.view.location.key == "conflict-lux-kfor-continuity"


async def test_C_on_a_fact_in_no_conflict_says_so() -> None:
    from helpers import record_notices

    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "j", "j", "j", "j", "j", "C")
        await settle(app, pilot)
        assert isinstance(app.view, ChronologyPane)
        assert "The fact here is in no conflict." in notes


async def test_wide_terminal_has_a_source_column_and_whole_claims() -> None:
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        lines = painted(app).splitlines()
        header = next(line for line in lines if "Claim (as its record states it)" in line)
        assert header.split()[-3:] == ["Date", "Grade", "Source"]
        row = next(line for line in lines if line.startswith(" Luxembourg Army in KFOR (since 1999)"))
        assert row.rstrip().endswith("B2 1src  Chronicle.lu, Jul 2025")
        # a claim longer than its column continues on the next line, never cut
        flat = squeezed("\n".join(lines))
        assert (
            "Kosovo pledges not to deploy the FSK in the north without prior coordination with KFOR (dated 2023" in flat
        )
        assert "…" not in "\n".join(line for line in lines if "Kosovo pledges" in line)


async def test_columns_take_the_terminal_width() -> None:
    """The chronology's title column gets what the other columns leave, at 80 and at 200 columns."""
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        chronology = table(app, "#chronology-table")
        assert isinstance(chronology, VirtualTable)
        widths = {column.key: column.width for column in chronology.columns}
        assert sum(widths.values()) + 2 * len(widths) + 3 == 80  # cell padding and the scrollbar
        narrow = widths["title"]
        await pilot.resize_terminal(200, 40)
        await settle(app, pilot)
        chronology = table(app, "#chronology-table")
        assert isinstance(chronology, VirtualTable)
        wide = {column.key: column.width for column in chronology.columns}
        assert wide["title"] >= narrow + 100
        lines = painted(app).splitlines()
        assert any(
            "Kosovo's authorities under then-Prime Minister Thaçi pledge not to send troops" in line for line in lines
        )


async def test_a_corpus_without_conflicts_says_so(minimal: Path) -> None:
    app = KforApp([minimal], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        screen = painted(app)
        assert "Conflicts: none in these briefings" in screen
        assert "No conflicts are recorded in these briefings." in screen
        await pilot.press("enter", "i", "y", "j", "G")  # nothing to open, nothing breaks
        await settle(app, pilot)
        assert isinstance(app.view, ConflictsBoard)


def test_snapshot_conflicts_board(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(KforApp([RELATED]), terminal_size=(80, 24), run_before=run_before)


# -- the painted cursor is the claim acted on (the invariant of tests/ui/test_cursor_invariant.py) -----------


async def open_board(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("4")
    await settle(app, pilot)
    assert isinstance(app.view, ConflictsBoard)


async def act_board(app: KforApp, pilot, shown: Painted) -> None:  # type: ignore[no-untyped-def]
    board, board_table = app.view, shown.widget
    assert isinstance(board, ConflictsBoard) and isinstance(board_table, VirtualTable)
    record = board.fact_at_cursor()
    await pilot.press("i")
    await settle(app, pilot)
    if record is None:  # the cursor on an explanation: nothing to open
        assert app.view is board
        return
    view = app.view
    assert isinstance(view, FactDetail)
    opened = rows_showing(board_table, shown, lambda row: board_table.row_key(row) == view.location.key)
    assert opened, f"i opened {view.location.key}, not the painted {shown.text!r}"


BOARD = Scenario(
    "conflicts",
    "bundled",
    MOTION,
    open_board,
    lambda app: painted_virtual_row(app, "#conflicts-table"),
    act_board,
)


def test_painted_cursor_is_the_claim_acted_on() -> None:
    from hypothesis import example, given

    def check(motions: list[str | tuple[int, int]]) -> None:
        asyncio.run(drive(BOARD, bundled_briefings(), motions))

    CHECKS(given(motions=steps(BOARD.keys))(example(motions=list(BOARD.always))(check)))()


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (200, 50)])
async def test_every_line_of_every_conflict_is_painted_at_some_cursor_stop(size: tuple[int, int]) -> None:
    """The cursor stops on claims and explanations only; what lies between them still scrolls into view."""
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        board = app.view
        assert isinstance(board, ConflictsBoard)
        board_table = table(app, "#conflicts-table")
        region = board_table.scrollable_content_region  # the lines of the list, less its scrollbar
        seen: set[str] = set()

        def look() -> None:
            seen.update(line.text_of(region.x, region.right).strip() for line in screen_lines(app))

        for _ in range(len(board.lines)):
            look()
            before = board_table.cursor_row
            await pilot.press("j")
            await pilot.pause()
            if board_table.cursor_row == before:
                break
        look()
        for row in range(board_table.row_count):
            text = board_table.row_text(row) if board.lines[row].what != "claim" else ""
            assert not text.strip() or text.strip() in seen, f"row {row} never painted: {text!r}"
