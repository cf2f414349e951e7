"""No meaning by colour alone: with no colour, every pane still shows its selection and its marks."""

from __future__ import annotations

from helpers import loaded

from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.base import ListTable


def cursor_line_is_reverse(app: KforApp) -> bool:
    """Render the focused table's cursor row as the terminal gets it and look for reverse video."""
    table = app.focused
    assert isinstance(table, ListTable)
    y = table.cursor_row - int(table.scroll_offset.y) + (1 if getattr(table, "show_header", True) else 0)
    strip = table.render_line(y)
    return any(segment.style is not None and segment.style.reverse for segment in strip)


def screen_text(app: KforApp) -> str:
    return "\n".join(t.row_text(i) for t in app.screen.query("KeyedTable, VirtualTable") for i in range(t.row_count))


async def test_every_pane_keeps_selection_and_marks_without_colour() -> None:
    app = KforApp([bundled_briefings()], no_color=True, persist_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert "-no-color" in app.classes
        assert cursor_line_is_reverse(app)  # nations
        await pilot.press("2", "j", "j")
        await pilot.pause()
        assert cursor_line_is_reverse(app)
        text = screen_text(app)
        assert "CONFLICT" in text and "PLANNED" in text and "B2 1src" in text and "*" in text
        await pilot.press("3")
        await pilot.pause()
        assert cursor_line_is_reverse(app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one("#reader-text")
        prompts = [reader.get_option_at_index(i).prompt for i in range(reader.option_count)]  # type: ignore[attr-defined]
        assert any("\u25b6\u00ab" in p.plain for p in prompts) and any("\u00bb" in p.plain for p in prompts)
        quoted = [span for p in prompts for span in p.spans if "reverse" in str(span.style)]
        assert quoted, "quotes are in reverse video, not only coloured"
        await pilot.press("1", "enter")  # a nation's dossier with its conflicts side by side
        await pilot.pause()
        assert cursor_line_is_reverse(app)
