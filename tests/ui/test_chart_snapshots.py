"""Snapshots of the strength chart on tests/data/charts (regenerate with --snapshot-update after looking): the
mission's chart with its conflict, a nation's at 60x16 in ASCII without colour, and a dossier's chart marking
the point of the row under the cursor."""

from __future__ import annotations

from pathlib import Path

from helpers import loaded

from kfor_tui.ui.app import KforApp

CHARTS = Path(__file__).resolve().parents[1] / "data" / "charts"


def _snap(snap_compare, app: KforApp, size: tuple[int, int], *keys: str) -> bool:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot.app, pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_mission_chart_at_its_conflict(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, KforApp([CHARTS], persist_theme=False), (80, 24), "G", "t", "home", "l", "l")


def test_nation_chart_ascii_no_colour_60x16(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = KforApp([CHARTS], no_color=True, ascii=True, persist_theme=False)
    assert _snap(snap_compare, app, (60, 16), "G", "t", "j", "h", "h", "h")


def test_dossier_chart_follows_the_row(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, KforApp([CHARTS], persist_theme=False), (80, 24), "G", "enter", "j", "j")
