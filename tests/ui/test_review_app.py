"""The review marks in the app (Pilot at 80x24, what is painted): nothing reviewed yet, R marks all, a changed
fact marked CHANGED in the lists with its old and new fields side by side, a removed one listed, u, a damaged
database (marks off, the briefings still shown), and the briefings as known on a date (@). Snapshots of the
review pane and of the header as known on a date."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from helpers import loaded, record_notices
from painted import screen_lines

from kfor_tui.index.record_content import content_of
from kfor_tui.io.loader import load
from kfor_tui.io.review_store import ReviewStore, open_store, review_db_path
from kfor_tui.ui.app import KforApp

DATA = Path(__file__).resolve().parent.parent / "data"
MINIMAL = DATA / "minimal.toml"
REVIEWED_AT = datetime(2025, 12, 1, 10, 40, tzinfo=UTC)  # tests run with TZ=UTC (conftest.py)


def text(app: KforApp) -> str:
    return "\n".join("".join(line.chars) for line in screen_lines(app))


def reviewed_then_edited(tmp_path: Path) -> Path:
    """A copy of the fixture, all of it marked reviewed on 1 Dec 2025 10:40, then edited: the figure's value
    and quote changed, the visit removed, a figure added."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    target = folder / "minimal.toml"
    shutil.copy(MINIMAL, target)
    corpus = load([folder])
    store = open_store(review_db_path())
    assert isinstance(store, ReviewStore)
    with store:
        store.mark([(fact.id, content_of(fact)) for fact in corpus.facts()], REVIEWED_AT)
    source = target.read_text(encoding="utf-8")
    visit = source[source.index("[[visits]]") : source.index("[[contingents]]")]
    source = source.replace(visit, "")
    source = source.replace('as_of = "2025-07"\nas_of_basis = "inferred"', 'as_of = "2025-07"\nas_of_basis = "stated"')
    source += (
        '\n[[figures]]\nid = "fig-kfor-nations"\nsubject = "org:kfor"\nmetric = "contributing_nations"\n'
        'value = { value = 28, text = "28 countries" }\nas_of = "2025-07"\n'
        '[[figures.cite]]\nsrc = "src-a"\nquote = "4,443 personnel from 28 countries"\n'
    )
    target.write_text(source, encoding="utf-8")
    assert not load([folder]).problems  # no notice over the screen
    return folder


async def test_nothing_reviewed_yet_then_R_marks_everything_and_the_header_says_so(tmp_path: Path) -> None:
    app = KforApp([MINIMAL], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("5")
        await loaded(app, pilot)
        shown = text(app)
        assert "What is new: nothing reviewed yet" in shown
        assert "Not reviewed yet (3)" in shown
        rows = shown[shown.index("Not reviewed yet") :]
        assert " NEW " not in rows  # with no review there is nothing to be new against
        await pilot.press("R")
        await loaded(app, pilot)
        await pilot.pause(0.2)
        shown = text(app)
        assert "nothing new since" in shown and "Nothing new, changed or removed since your review" in shown
        await pilot.press("2")
        await pilot.pause()
        assert "NEW " not in text(app) and "CHANGED " not in text(app)


async def test_a_changed_fact_is_marked_in_every_list_with_its_fields_as_reviewed_and_now(tmp_path: Path) -> None:
    folder = reviewed_then_edited(tmp_path)
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert "1 new, 1 changed, 1 removed since 1 Dec 2025 10:40" in text(app)
        await pilot.press("2")
        await pilot.pause()
        shown = text(app)
        assert "NEW KFOR contributing nations: 28" in shown
        assert "CHANGED KFOR personnel" in shown
        await pilot.press("5")
        await pilot.pause()
        shown = text(app)
        for row in ("NEW", "CHANGED", "REMOVED"):
            assert f" {row} " in shown, shown
        assert "visit: " in shown  # the removed visit, by its title as reviewed
        # the cursor on the changed fact: its changed field as reviewed and now, side by side
        while "Changed: KFOR personnel" not in text(app):
            await pilot.press("j")
            await pilot.pause()
        shown = text(app)
        line = next(line for line in shown.splitlines() if line.startswith(" as_of "))
        assert line.split() == ["as_of", "Jul", "2025,", "inferred", "Jul", "2025"], line  # was inferred, now stated
        # i: the fact's detail says CHANGED and shows the same change
        await pilot.press("i")
        await pilot.pause()
        shown = text(app)
        assert "CHANGED since your review" in shown and "As reviewed" in shown
        # r marks it reviewed: the CHANGED mark is gone, the header counts one fewer
        notices = record_notices(app)
        await pilot.press("r")
        await loaded(app, pilot)
        await pilot.pause(0.2)
        assert any("Marked 1 record reviewed" in n for n in notices)
        assert "1 new, 0 changed, 1 removed" in text(app) or "1 new, 1 removed" in text(app)


async def test_u_shows_only_the_new_and_changed(tmp_path: Path) -> None:
    folder = reviewed_then_edited(tmp_path)
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("2", "u")
        await pilot.pause()
        shown = text(app)
        assert "new or changed only" in shown
        assert "Benelux Detachment" not in shown  # unchanged since the review
        assert "NEW KFOR contributing nations: 28" in shown and "CHANGED KFOR personnel" in shown
        await pilot.press("u")
        await pilot.pause()
        assert "Benelux Detachment" in text(app)


async def test_a_damaged_review_database_turns_the_marks_off_and_the_briefings_still_open(tmp_path: Path) -> None:
    review_db_path().parent.mkdir(parents=True, exist_ok=True)
    review_db_path().write_bytes(b"not a database at all" * 100)
    app = KforApp([MINIMAL], watch=False, persist_theme=False)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert any(n.startswith("Review marks are off: ") for n in notices), notices
        assert "Benelux" in text(app) or "Luxembourg" in text(app)
        await pilot.press("2", "R")
        await loaded(app, pilot)
        await pilot.pause(0.2)
        assert any("Nothing marked reviewed" in n for n in notices), notices
    assert review_db_path().read_bytes() == b"not a database at all" * 100  # never overwritten


async def test_as_known_on_a_date_from_the_at_key(tmp_path: Path) -> None:
    app = KforApp([MINIMAL], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("at")
        await pilot.press(*"2025-06")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await loaded(app, pilot)
        shown = text(app)
        assert "as known on 30 Jun 2025" in shown
        assert "4,443" not in shown  # its only source was published in July 2025
        await pilot.press("at", "ctrl+u", "enter")  # empty: as the files are now
        await pilot.pause(0.3)
        await loaded(app, pilot)
        assert "as known on" not in text(app) and "4,443" in text(app)


def test_review_pane_snapshot(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = reviewed_then_edited(tmp_path)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press("5", "j")
        await pilot.pause()

    assert snap_compare(KforApp([folder], watch=False), terminal_size=(80, 24), run_before=run_before)


def test_as_known_on_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press("2")
        await pilot.pause()

    app = KforApp([MINIMAL], watch=False, as_of=date(2025, 7, 31))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_after_R_in_the_app_changes_since_review_lists_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from kfor_tui.cli import main

    folder = reviewed_then_edited(tmp_path)
    assert main(["changes", "--since-review", str(folder)]) == 0
    before = capsys.readouterr().out
    assert "CHANGED" in before.upper() and "fig-kfor-strength" in before
    app = KforApp([folder], watch=False, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("5", "R")
        await loaded(app, pilot)
        await pilot.pause(0.2)
        assert "Nothing new, changed or removed since your review" in text(app)
    assert main(["changes", "--since-review", str(folder)]) == 0
    after = capsys.readouterr().out
    assert "no changes" in after and "fig-kfor" not in after
