"""Snapshots of each pane at 80x24 on the deterministic fixture (regenerate with --snapshot-update after looking)."""

from __future__ import annotations

from pathlib import Path

from helpers import loaded

from kfor_tui.ui.app import KforApp

MINIMAL = Path(__file__).resolve().parent.parent / "data" / "minimal.toml"


def _snap(snap_compare, *keys: str) -> bool:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return snap_compare(KforApp([MINIMAL]), terminal_size=(80, 24), run_before=run_before)


def test_nations_pane(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare)


def test_nation_detail(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "j", "j", "enter")  # Netherlands: the third row, under a heading


def test_chronology_pane(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "2")


def test_sources_pane(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "3")


def test_source_reader(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "3", "enter", "n")


def test_fact_detail(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "3", "enter", "enter")


def test_help_overlay(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, "question_mark")
