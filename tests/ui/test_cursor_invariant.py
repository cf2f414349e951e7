"""The row painted as current is the row the keys act on, in every list, whatever motion and resizes came before.

Each list is driven by a random sequence of motion keys and terminal resizes; then the screen is read as painted
(tests/ui/painted.py, from the SVG screenshot, not from widget state): exactly one row carries the cursor
background, it shows the acting row's cells, and the key that acts (enter, i, y) opens what that painted row
names. A line left stale in Textual's line cache (a refresh of the wrong screen line once scrolled) breaks it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import loaded
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from painted import Line, cursor_style, highlighted_lines, highlighted_rows, screen_lines
from painted import painted as painted_screen
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from kfor_tui.index.chronology import Entry, entries_of
from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.list_keys import plain
from kfor_tui.ui.lookup import LookupScreen, location_for_hit
from kfor_tui.ui.views.chronology import ChronologyPane
from kfor_tui.ui.views.fact_detail import FactDetail
from kfor_tui.ui.views.nation_detail import NationDetail
from kfor_tui.ui.views.problems import ProblemsView
from kfor_tui.ui.views.reader import SourceReader
from kfor_tui.ui.virtual_table import VirtualTable

MOTION = ["j", "k", "g", "G", "ctrl+d", "ctrl+u", "pageup", "pagedown", "down", "up"]
LOOKUP_MOTION = ["down", "up", "pagedown", "pageup"]  # the lookup's input takes letters as typing
SIZES = [(80, 24), (60, 16), (200, 50)]
START = (80, 24)
ELLIPSIS = "\u2026"
MARKS = ("CONFLICT ", "PLANNED ", "EXPECTED ")

# Each sequence starts an app, and after every key the pilot waits for the app to go idle: a few sequences
# per list, the same on every run. KFOR_FUZZ_SCALE=N runs N times as many random ones (as the loader
# fuzz does). No shrinking: every step is checked, so a failure names the first motion that broke the
# invariant, and shrinking sequences that each start an app would take minutes.
SCALE = int(os.environ.get("KFOR_FUZZ_SCALE", "1"))
CHECKS = settings(
    max_examples=2 * SCALE,
    deadline=None,
    database=None,
    derandomize=SCALE == 1,
    print_blob=False,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def steps(keys: list[str]) -> st.SearchStrategy[list[str | tuple[int, int]]]:
    """8 to 25 motions, a few of them resizes."""
    return st.lists(st.sampled_from([*keys * 3, *SIZES]), min_size=8, max_size=25)


# -- reading the painted row -------------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text without whitespace: wrapped rows, cell padding and column gaps do not matter, the characters do."""
    return "".join(text.split())


def shows(line: str, cells: list[str]) -> bool:
    """Whether a painted row is these cells in order, each whole or cut with an ellipsis."""
    rest = squeeze(line)
    for value in cells:
        whole = squeeze(value)
        if rest.startswith(whole):
            rest = rest[len(whole) :]
            continue
        cut = rest.find(ELLIPSIS)
        if cut < 0 or not whole.startswith(rest[:cut]):
            return False
        rest = rest[cut + 1 :]
    return rest == ""


def within(painted: str, row: str, whole: bool) -> bool:
    """Whether wrapped, painted text is the row's text: the pieces between ellipses (a word too long for
    the column is cut) in order; `whole` when the row is all on screen, so nothing is missing at either end."""
    pieces = squeeze(painted).split(ELLIPSIS)
    text = squeeze(row)
    at = 0
    for number, piece in enumerate(pieces):
        found = text.find(piece, at)
        if found < 0 or (whole and number == 0 and found != 0):
            return False
        at = found + len(piece)
    return not whole or at == len(text) or pieces[-1] == ""


def current_block(
    app: KforApp, widget: Widget, one_line: bool, screen: list[Line] | None = None
) -> tuple[list[int], str]:
    """The screen lines painted as the widget's current row, checked to be one row; and their text."""
    lines = highlighted_lines(app, widget, screen)
    assert lines, f"no row of {widget.id} is painted as current"
    ys = [y for y, _ in lines]
    if one_line:
        assert len(lines) == 1, f"{len(lines)} rows of {widget.id} painted as current: {lines}"
    else:  # a wrapped row is several lines, but one block of them
        assert ys == list(range(ys[0], ys[0] + len(ys))), f"rows of {widget.id} painted apart: {lines}"
    return ys, " ".join(text for _, text in lines)


def at_edge(widget: Widget, ys: list[int]) -> bool:
    """A block touching the top or bottom of the list may be a row partly scrolled out of view."""
    region = widget.scrollable_content_region
    return ys[0] == region.y or ys[-1] == region.bottom - 1


def column(header: str, row: str, label: str) -> str:
    """The text of a row's cell under the header `label` (both as painted; cells start one after the label)."""
    start = header.index(f" {label}") + 1
    following = len(header.rstrip())
    for other in header[start + len(label) :].split():
        following = header.index(f" {other}", start + len(label)) + 1
        break
    return row[start:following].strip()


def header_line(screen: list[Line], widget: Widget) -> str:
    region = widget.scrollable_content_region
    return screen[region.y].text_of(region.x, region.right)


# -- the lists ---------------------------------------------------------------------------------------------


@dataclass
class Painted:
    """The current row as painted, and the widget it is in."""

    widget: Widget
    text: str
    header: str = ""


async def settle(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for a view to be built (and for any worker it started)."""
    await pilot.pause()
    if any(worker.is_running for worker in app.workers):
        await app.workers.wait_for_complete()
        await pilot.pause()


def painted_virtual_row(app: KforApp, selector: str) -> Painted:
    table = app.screen.query_one(selector, VirtualTable)
    screen = screen_lines(app)
    _, text = current_block(app, table, True, screen)
    cells = [plain(c) for c in table.get_row_at(table.cursor_row)]
    assert shows(text, cells), f"painted {text!r} but the cursor is on row {table.cursor_row}: {cells}"
    return Painted(table, text, header_line(screen, table))


def painted_problem(app: KforApp) -> Painted:
    table = app.screen.query_one("#problems-table", DataTable)
    ys, text = current_block(app, table, one_line=False)
    row = " ".join(plain(c) for c in table.get_row_at(table.cursor_row))
    assert within(text, row, not at_edge(table, ys)), f"painted {text!r} but the cursor is on {row!r}"
    return Painted(table, text)


def painted_hit(app: KforApp) -> Painted:
    hits = app.screen.query_one("#lookup-hits", OptionList)
    ys, text = current_block(app, hits, one_line=False)
    assert hits.highlighted is not None
    prompt = hits.get_option_at_index(hits.highlighted).prompt.plain  # type: ignore[union-attr]
    assert within(text, prompt, not at_edge(hits, ys)), f"painted {text!r} but the highlighted hit is {prompt!r}"
    return Painted(hits, text)


@dataclass
class Scenario:
    name: str
    corpus: str  # "bundled", "broken" (problems) or "generated" (many sources)
    keys: list[str]
    open: Callable[[KforApp, object], Awaitable[None]]
    painted: Callable[[KforApp], Painted]
    act: Callable[[KforApp, object, Painted], Awaitable[None]]
    # run every time: the reported repro (up from the bottom of a scrolled list), then the bottom row in a
    # terminal made shorter
    always: tuple[str | tuple[int, int], ...] = ("G", "k", "k", "k", "k", "G", (60, 16), "k", "ctrl+u", "j")


async def press_pane(app: KforApp, pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(app, pilot)


async def open_nations(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await press_pane(app, pilot, "1")


async def open_chronology(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await press_pane(app, pilot, "2")


async def open_sources(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await press_pane(app, pilot, "3")


async def open_dossier(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Kosovo's dossier: the longest of a nation in the bundled briefings."""
    await press_pane(app, pilot, "1")
    table = app.screen.query_one("#nations-table", VirtualTable)
    row = next(r for r in range(table.row_count) if table.row_key(r) == "XKX")
    await pilot.press("g")
    steps = sum(1 for r in range(table.cursor_row + 1, row + 1) if r not in table.skip_rows)  # j passes headings
    await pilot.press(*["j"] * steps, "enter")
    await settle(app, pilot)
    assert isinstance(app.view, NationDetail) and app.view.location.key == "XKX"


async def open_problems(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await press_pane(app, pilot, "exclamation_mark")
    assert isinstance(app.view, ProblemsView)


async def open_lookup(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("colon", *"kfor")
    await settle(app, pilot)
    assert isinstance(app.screen, LookupScreen) and len(app.screen.hits) > 20


def rows_showing(table: VirtualTable, painted: Painted, wanted: Callable[[int], bool]) -> list[int]:
    return [
        row
        for row in range(table.row_count)
        if wanted(row) and shows(painted.text, [plain(c) for c in table.get_row_at(row)])
    ]


async def act_nations(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    table = painted.widget
    assert isinstance(table, VirtualTable)
    await pilot.press("enter")
    await settle(app, pilot)
    view = app.view
    assert isinstance(view, NationDetail)
    assert rows_showing(table, painted, lambda r: table.row_key(r) == view.location.key), (
        f"enter opened {view.location.key}, not the painted {painted.text!r}"
    )
    name = column(painted.header, painted.text, "Name").removesuffix(ELLIPSIS)
    assert view.title().plain.startswith(name), (view.title().plain, painted.text)


async def act_chronology(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    table, pane = painted.widget, app.view
    assert isinstance(table, VirtualTable) and isinstance(pane, ChronologyPane)
    await pilot.press("i")
    await settle(app, pilot)
    view = app.view
    assert isinstance(view, FactDetail) and view.fact is not None

    def of_fact(row: int) -> bool:
        entry = pane.rows[row]
        return isinstance(entry, Entry) and entry.record.id == view.location.key

    assert rows_showing(table, painted, of_fact), f"i opened {view.location.key}, not the painted {painted.text!r}"
    title = column(painted.header, painted.text, "Title").removesuffix(ELLIPSIS)
    for mark in MARKS:
        title = title.removeprefix(mark)
    if any(mark.startswith(title) for mark in MARKS):  # a narrow column cut inside the marks: no title shows
        return
    # the detail names the fact as its first entry does; a contingent's other entries differ after its name
    prefix = title.split(" (")[0][:12]
    assert prefix in view.title().plain, (prefix, view.title().plain)
    assert any(e.title.startswith(title) for e in entries_of(app.corpus, view.fact))  # type: ignore[arg-type]


async def act_sources(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    table = painted.widget
    assert isinstance(table, VirtualTable)
    await pilot.press("enter")
    await settle(app, pilot)
    view = app.view
    assert isinstance(view, SourceReader) and view.source is not None
    assert rows_showing(table, painted, lambda r: table.row_key(r) == view.location.key), (
        f"enter opened {view.location.key}, not the painted {painted.text!r}"
    )
    title = column(painted.header, painted.text, "Title").removesuffix(ELLIPSIS)
    assert view.source.title.startswith(title), (title, view.source.title)


async def act_dossier(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    table, dossier = painted.widget, app.view
    assert isinstance(table, VirtualTable) and isinstance(dossier, NationDetail)
    what = dossier.lines[table.cursor_row][0]
    await pilot.press("i" if what == "fact" else "enter")
    await settle(app, pilot)
    view = app.view
    if what == "fact":
        assert isinstance(view, FactDetail)
    elif what == "source":
        assert isinstance(view, SourceReader)
    else:
        return

    def leads_there(row: int) -> bool:
        kind, item = dossier.lines[row]
        return kind == what and item.id == view.location.key  # type: ignore[union-attr]

    assert rows_showing(table, painted, leads_there), f"opened {view.location.key}, not the painted {painted.text!r}"


async def act_problems(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("y")
    await settle(app, pilot)
    assert within(painted.text, app.clipboard, False), (painted.text, app.clipboard)


async def act_lookup(app: KforApp, pilot, painted: Painted) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, LookupScreen)
    hits = painted.widget
    assert isinstance(hits, OptionList)
    query = screen.query_one("#lookup-input").value  # type: ignore[attr-defined]
    shown = [
        hit
        for i, hit in enumerate(screen.hits)
        if within(painted.text, hits.get_option_at_index(i).prompt.plain, False)
    ]  # type: ignore[union-attr]
    await pilot.press("enter")
    await settle(app, pilot)
    assert not isinstance(app.screen, LookupScreen) and app.view is not None
    opened = (app.view.location.view, app.view.location.key)
    places = [location_for_hit(app.corpus, hit, query) for hit in shown]  # type: ignore[arg-type]
    wanted = [(place.view, place.key) for place in places]
    assert opened in wanted, f"enter opened {opened}, not the painted {painted.text!r}"


SCENARIOS = {
    "nations": Scenario(
        "nations", "bundled", MOTION, open_nations, lambda app: painted_virtual_row(app, "#nations-table"), act_nations
    ),
    "chronology": Scenario(
        "chronology",
        "bundled",
        MOTION,
        open_chronology,
        lambda app: painted_virtual_row(app, "#chronology-table"),
        act_chronology,
    ),
    "sources": Scenario(
        "sources",
        "generated",
        MOTION,
        open_sources,
        lambda app: painted_virtual_row(app, "#sources-table"),
        act_sources,
    ),
    "dossier": Scenario(
        "dossier", "bundled", MOTION, open_dossier, lambda app: painted_virtual_row(app, "#nation-facts"), act_dossier
    ),
    "problems": Scenario("problems", "broken", MOTION, open_problems, painted_problem, act_problems),
    "lookup": Scenario(
        "lookup",
        "bundled",
        LOOKUP_MOTION,
        open_lookup,
        painted_hit,
        act_lookup,
        ("pagedown", "pagedown", "pagedown", "up", "up", (60, 16), "up"),
    ),
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled briefings; a folder of unreadable ones (more problems than a screen holds, some wrapping
    over lines); and a generated corpus with more sources than a screen holds (the bundled ones fit)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import generate

    broken = tmp_path_factory.mktemp("problems")
    for number in range(30):
        name = f"bad-{number:02}" + ("-with-a-much-longer-file-name-that-wraps" * (number % 4))
        (broken / f"{name}.toml").write_text("x = [" + "1, " * number + "\n" * (number % 3) + "oops", encoding="utf-8")
    generated = tmp_path_factory.mktemp("generated")
    generate(40, generated, seed=5)
    return {"bundled": bundled_briefings(), "broken": broken, "generated": generated}


async def drive(scenario: Scenario, corpus: Path, motions: list[str | tuple[int, int]]) -> None:
    app = KforApp([corpus], watch=False, persist_theme=False)
    async with app.run_test(size=START) as pilot:
        await loaded(app, pilot)
        await scenario.open(app, pilot)
        scenario.painted(app)
        for done, motion in enumerate(motions, 1):
            if isinstance(motion, tuple):
                await pilot.resize_terminal(*motion)
                await settle(app, pilot)
            else:  # a key as the terminal driver posts it; one wait for idle, where pilot.press has two
                app.post_message(events.Key(motion, motion if len(motion) == 1 else None))
                await pilot.pause()
            try:
                scenario.painted(app)
            except AssertionError as error:
                raise AssertionError(f"after {motions[:done]}: {error}") from None
        await scenario.act(app, pilot, scenario.painted(app))


async def test_painted_finds_the_one_cursor_row_at_start() -> None:
    """The helper reads the screen: at start the nations pane paints its first row (under the first group's
    heading), and only it, as current."""
    app = KforApp([bundled_briefings()], watch=False, persist_theme=False)
    async with app.run_test(size=START) as pilot:
        await loaded(app, pilot)
        table = app.screen.query_one("#nations-table", VirtualTable)
        rows = highlighted_rows(app, table)
        assert len(rows) == 1, rows
        assert table.cursor_row == 1 and 0 in table.skip_rows
        assert shows(rows[0], [plain(c) for c in table.get_row_at(1)]), rows
        assert "Code" in header_line(screen_lines(app), table)
        # nothing else on the whole screen is painted in the cursor's colours
        lines = [text for text, on in painted_screen(app, cursor_style(table)) if on]
        assert len(lines) == 1 and lines[0].startswith(rows[0]), lines


class Rows(App[None]):
    """One VirtualTable of numbered rows, for changing its rows under a scrolled cursor."""

    def compose(self) -> ComposeResult:
        yield VirtualTable(id="rows")

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.add_column("Row", width=20)
        self.show(200, "a")
        table.focus()

    def show(self, count: int, name: str) -> None:
        self.query_one(VirtualTable).set_rows(count, lambda row: [Text(f"{name} row {row}")])


async def test_set_rows_under_a_scrolled_cursor_keeps_one_painted_row_that_exists() -> None:
    """New rows (fewer, more, a handful) while scrolled: the cursor stays on a row that exists, painted as
    current, and the next move repaints the lines it leaves and reaches."""
    app = Rows()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.press("G", "k", "k")
        await pilot.pause()
        assert table.scroll_y > 0 and highlighted_rows(app, table) == [" a row 197"]
        for count, name, row in ((50, "b", 49), (400, "c", 48), (3, "d", 2)):  # k after each moves up one
            app.show(count, name)
            await pilot.pause()
            assert table.cursor_row == row
            assert [text.strip() for text in highlighted_rows(app, table)] == [f"{name} row {row}"], count
            await pilot.press("k")
            await pilot.pause()
            assert [text.strip() for text in highlighted_rows(app, table)] == [f"{name} row {row - 1}"], count


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_painted_cursor_is_the_row_acted_on(name: str, corpora: dict[str, Path]) -> None:
    scenario = SCENARIOS[name]

    def check(motions: list[str | tuple[int, int]]) -> None:
        asyncio.run(drive(scenario, corpora[scenario.corpus], motions))

    CHECKS(given(motions=steps(scenario.keys))(example(motions=list(scenario.always))(check)))()
