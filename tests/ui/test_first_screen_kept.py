"""A start over unchanged briefings paints the first screen the load cache kept at the last start before it
reads the files, exactly as the corpus paints it; keys that need the corpus wait for it and say so; a file
changed since (even with its size and mtime put back), or changed too recently to tell, is never previewed.
The first load's progress shows while it runs."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import loaded
from painted import Line, screen_lines

from kfor_tui.io import files as io_files
from kfor_tui.session import CorpusSession
from kfor_tui.ui.app import KforApp

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "briefings"
CHARTS = ROOT / "tests" / "data" / "charts" / "strength-over-time.toml"
STATUS, FOOTER = 21, 22  # rows of the status line and the keys at 80x24 (under the marking's last line)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (they are written a moment before the start; the
    racy window, RACY_NS, is tested on its own below)."""
    monkeypatch.setattr(io_files, "RACY_NS", 0)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The first load waits until the event is set (at the latest when the test ends), so that what is shown
    before it can be read off the screen."""
    release = threading.Event()
    real: Callable[..., object] = CorpusSession.open

    def waiting(self: CorpusSession, progress=None):  # type: ignore[no-untyped-def]
        if progress is not None:
            progress("reading", 0, 1)
        release.wait(30)
        return real(self, progress)

    monkeypatch.setattr(CorpusSession, "open", waiting)
    yield release
    release.set()


def _copy(folder: Path, *sources: Path) -> Path:
    folder.mkdir()
    for source in sources:
        if source.is_dir():
            for path in sorted(source.glob("*.toml")):
                shutil.copy2(path, folder / path.name)
        else:
            shutil.copy2(source, folder / source.name)
    return folder


async def _first_screen(folder: Path, size: tuple[int, int] = (80, 24)) -> list[Line]:
    """A start that loads the briefings and keeps what it shows; the first screen as painted."""
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        return screen_lines(app)


async def _kept_once(
    tmp_path: Path, held: threading.Event, source: Path = BUNDLED, size: tuple[int, int] = (80, 24)
) -> tuple[Path, list[Line]]:
    """A copy of `source` opened once, the load let through (which keeps its first screen in the cache), and
    that first screen as painted; the next start's load is held again."""
    folder = _copy(tmp_path / "briefings", source)
    held.set()
    real = await _first_screen(folder, size)
    held.clear()
    return folder, real


async def _until(pilot, test: Callable[[], bool]) -> None:  # type: ignore[no-untyped-def]
    for _ in range(1000):
        if test():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


@asynccontextmanager
async def _previewing(
    tmp_path: Path, held: threading.Event, source: Path = BUNDLED, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[KforApp, Any, list[Line]]]:
    """The second start over a copy of `source`, its load held, once its kept first screen is shown: the app,
    its pilot, and the first screen the first start painted."""
    folder, real = await _kept_once(tmp_path, held, source, size)
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=size) as pilot:
        await _until(pilot, lambda: app.main.host.preview is not None)
        yield app, pilot, real


@pytest.mark.usefixtures("settled")
async def test_the_kept_first_screen_is_painted_as_the_corpus_paints_it(
    tmp_path: Path, cache: Path, held: threading.Event
) -> None:
    async with _previewing(tmp_path, held) as (app, pilot, real):
        assert len(list(cache.glob("first-screen-*.cache"))) == 1
        # once its focus and its keys are drawn (a frame or two after the mount)...
        await _until(pilot, lambda: screen_lines(app)[:STATUS] == real[:STATUS])
        await _until(pilot, lambda: "q Close" in screen_lines(app)[FOOTER].text)
        assert app.corpus is None  # ...and still before the files are read
        shown = screen_lines(app)
        assert shown[:STATUS] == real[:STATUS]  # marking, header, headline, count, rows, cursor: all alike
        assert shown[-1] == real[-1]
        assert shown[STATUS].text.strip() == "Reading briefings: 0 of 1 files  [░░░░░░░░░░░░░░░░░░░░]  0%  0.0 s"
        assert "q Close" in shown[FOOTER].text and "2 Chronology" in shown[FOOTER].text
        held.set()
        await loaded(app, pilot)
        assert screen_lines(app)[:STATUS] == real[:STATUS]


@pytest.mark.usefixtures("settled")
async def test_keys_that_need_the_corpus_wait_for_it_and_say_so(
    tmp_path: Path, cache: Path, held: threading.Event
) -> None:
    async with _previewing(tmp_path, held) as (app, pilot, _):
        await pilot.press("j", "j")
        lines = screen_lines(app)
        table = app.screen.query_one("#nations-table")
        row = next(line for line in lines if line.share(_cursor_colour(table)) > 0.5)  # painted as current
        code, name = row.text.split()[:2]
        await pilot.press("enter")
        await pilot.pause()
        assert f"Opening nation {code} once the briefings are read" in screen_lines(app)[STATUS].text
        assert app.corpus is None
        held.set()
        await loaded(app, pilot)
        header = screen_lines(app)[1].text
        assert f"{name} ({code})" in header, header  # the row painted as current is the one enter opened
        await pilot.press("q")
        await pilot.pause()
        assert "Nations (by name)" in screen_lines(app)[1].text  # and back is the nations pane


def _cursor_colour(table: object) -> str:
    from painted import background_of, cursor_style

    return background_of(cursor_style(table))  # type: ignore[arg-type]


@pytest.mark.usefixtures("settled")
async def test_trends_of_a_wide_terminal_are_kept_too(tmp_path: Path, cache: Path, held: threading.Event) -> None:
    async with _previewing(tmp_path, held, CHARTS, (120, 30)) as (app, pilot, real):
        assert any("Trend" in line.text for line in real)
        await pilot.pause()
        assert screen_lines(app)[:27] == real[:27]
        held.set()


@pytest.mark.usefixtures("settled")
async def test_a_file_changed_with_its_size_and_mtime_put_back_is_not_previewed(
    tmp_path: Path, cache: Path, held: threading.Event
) -> None:
    folder, _ = await _kept_once(tmp_path, held)
    target = folder / "2025-10-uk-extension.toml"
    before = target.stat()
    text = target.read_bytes()
    target.write_bytes(text.replace(b"UNCLASSIFIED", b"UNCLASSIFIEX"))  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime put back
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: "Reading briefings: 0 of 1" in "".join(line.text for line in screen_lines(app)))
        assert app.main.host.preview is None
        assert not any("Nations" in line.text for line in screen_lines(app))
        held.set()
        await loaded(app, pilot)
        assert "UNCLASSIFIEX" in screen_lines(app)[0].text or "UNCLASSIFIEX" in screen_lines(app)[-1].text


async def test_files_changed_a_moment_ago_keep_no_first_screen(tmp_path: Path, cache: Path) -> None:
    """A file written within RACY_NS of the start could change again within the same timestamp: its stat
    proves nothing, so nothing is kept under it (the next start reads the files as before)."""
    folder = _copy(tmp_path / "briefings", BUNDLED)
    (folder / "reference.toml").touch()  # written just now
    await _first_screen(folder)
    assert list(cache.glob("corpus-*.cache")) and not list(cache.glob("first-screen-*.cache"))


async def test_the_first_load_shows_how_far_it_has_got(tmp_path: Path, held: threading.Event) -> None:
    app = KforApp([BUNDLED], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: any("Reading briefings: 0 of 1 files" in line.text for line in screen_lines(app)))
        held.set()
        await loaded(app, pilot)


@pytest.mark.usefixtures("settled")
def test_a_damaged_kept_first_screen_is_never_shown(tmp_path: Path, cache: Path) -> None:
    """Each byte of the kept first screen flipped in turn (a sample): the start shows no preview, and reads
    the files as before; the file as written gives exactly the first screen of the corpus."""
    import random

    from kfor_tui.index.first_screen import first_screen

    folder = _copy(tmp_path / "briefings", BUNDLED)
    session = CorpusSession([folder])
    corpus = session.open()
    session.index(corpus)
    [kept] = cache.glob("first-screen-*.cache")
    preview = CorpusSession([folder]).preview()
    assert preview is not None and preview.rows == first_screen(corpus).rows
    assert preview.headlines == first_screen(corpus).headlines and preview.title == first_screen(corpus).title
    good = kept.read_bytes()
    rng = random.Random(7)
    for at in rng.sample(range(len(good)), 60):
        kept.write_bytes(good[:at] + bytes((good[at] ^ rng.randrange(1, 256),)) + good[at + 1 :])
        assert CorpusSession([folder]).preview() is None, at
    kept.write_bytes(good[:-1])
    assert CorpusSession([folder]).preview() is None


@pytest.mark.usefixtures("settled")
async def test_q_quits_from_the_kept_first_screen_while_the_load_goes_on(
    tmp_path: Path, cache: Path, held: threading.Event
) -> None:
    async with _previewing(tmp_path, held) as (app, pilot, _):
        await pilot.press("q")
        held.set()  # the load finishes and reports while the app is quitting: no error
        await pilot.pause(0.2)
    assert app.return_code == 0


@pytest.mark.usefixtures("settled")
async def test_a_pane_asked_for_on_the_kept_first_screen_opens_once_the_corpus_is_read(
    tmp_path: Path, cache: Path, held: threading.Event
) -> None:
    async with _previewing(tmp_path, held) as (app, pilot, _):
        await pilot.press("1")  # the pane shown already: nothing waits
        await pilot.pause()
        assert app.main.host.pending is None
        assert "Opening" not in screen_lines(app)[STATUS].text
        await pilot.press("2")
        await pilot.pause()
        assert "Opening chronology once the briefings are read" in screen_lines(app)[STATUS].text
        held.set()
        await loaded(app, pilot)
        assert "Chronology" in screen_lines(app)[1].text
        await pilot.press("1")
        await pilot.pause()
        assert "Nations (by name)" in screen_lines(app)[1].text


def test_a_kept_first_screen_with_a_style_of_its_own_is_refused() -> None:
    """A part's role is one of three (plain, bold, the CONFLICT mark): a kept screen that names another (a
    style string such as a link) is cache data of the wrong shape, never a style applied."""
    from kfor_tui.index.first_screen import FirstScreen
    from kfor_tui.io.cache_codec import CacheDataError, decode_frames, encode_frames

    def round_trip(role: str) -> FirstScreen:
        kept = FirstScreen(markings=("M",), title="t", latest=None, headlines=[[("KFOR", role)]], counts=[], rows=[])  # type: ignore[list-item]
        frames = iter(list(encode_frames(kept)))
        return decode_frames(lambda: next(frames), FirstScreen)

    assert round_trip("conflict").headlines == [[("KFOR", "conflict")]]
    for role in ("link https://example.org", "blink", "reverse", "BOLD"):
        with pytest.raises(CacheDataError):
            round_trip(role)
