from __future__ import annotations

from kfor_tui.ui.app import KforApp
from kfor_tui.ui.list_keys import KeyedTable


async def loaded(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the loader worker and the first view, without sleeping."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def table(app: KforApp, selector: str) -> KeyedTable:
    return app.screen.query_one(selector, KeyedTable)


def cursor_text(t: KeyedTable) -> str:
    return t.row_text(t.cursor_row)


def all_rows(t: KeyedTable) -> list[str]:
    return [t.row_text(i) for i in range(t.row_count)]
