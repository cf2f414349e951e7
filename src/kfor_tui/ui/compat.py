"""Every use of a private name of Textual or Rich, in one place, each with why and what a Textual upgrade
may break. Nothing else in kfor-tui touches a private name of either; tests/ui/test_compat.py checks that each
one still exists, so an upgrade fails there first and by name.

Textual is pinned (pyproject.toml: textual==8.2.8); on an upgrade, read each function below against the new
release before moving the pin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from textual.filter import LineFilter
    from textual.widgets import DataTable, Footer, OptionList


def line_filters(app: App[Any]) -> list[LineFilter]:
    """The app's output filters (Textual keeps them in the private App._filters and offers no API to add one
    after start). --ascii adds one and NO_COLOR replaces Textual's own colour filters. Breaks if Textual
    renames the list or rebuilds it after __init__."""
    filters: list[LineFilter] = app._filters
    return filters


def refresh_truecolor_filter(app: App[Any], ansi_theme: Any) -> None:
    """Re-derive the truecolor filter for a theme picked before the theme watcher first runs (Textual does
    this in App._refresh_truecolor_filter when `theme` changes later). Breaks if that method is renamed."""
    app._refresh_truecolor_filter(ansi_theme)


def start_in_theme(app: App[Any], name: str) -> None:
    """Set the theme an app starts in, before it runs, as Textual's theme watcher would (App._watch_theme: the
    -theme-NAME, -dark-mode and -light-mode classes, the truecolor filter, the CSS variables) but without the
    full re-parse of the stylesheet it queues (App.refresh_css): nothing is parsed yet, and the first parse
    then takes these variables, so that re-parse would only parse the app's CSS twice more at start. The
    watcher's theme_changed_signal would reach no one (nothing has subscribed yet). Breaks if _watch_theme
    starts doing more, or _invalidate_css is renamed."""
    if name not in app.available_themes:
        app.theme = name  # Textual's own error (InvalidThemeError)
        return
    if name == app.theme:
        return  # as with `app.theme = name`: no change, no watcher
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    classes = {existing: False for existing in app.classes if existing.startswith("-theme-")}
    classes[f"-theme-{theme.name}"] = True
    classes["-dark-mode"] = theme.dark
    classes["-light-mode"] = not theme.dark
    app.update_classes(classes, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app._invalidate_css()
    app.stylesheet.set_variables(app.get_css_variables())


def quitting(app: App[Any]) -> bool:
    """Whether App.exit has been called (Textual sets the private App._exit and has no getter): the reports
    of the app's workers (the load, the index, a reload) that arrive while the app closes have no screen left
    to go to, and are dropped."""
    return bool(getattr(app, "_exit", False))


def app_keymap(app: App[Any]) -> dict[str, str]:
    """The keymap given to App.set_keymap (Textual stores it in App._keymap and has no getter). Needed to
    tell a real clash from Textual re-keying a two-key binding ("j,down") onto itself."""
    return dict(app._keymap)


def normalize_keys(keys: str) -> str:
    """'?,ctrl+n' as Textual writes keys internally ('question_mark,ctrl+n'), with the function App.set_keymap
    itself uses (textual.keys._normalize_key_list). Breaks if Textual renames it."""
    from textual.keys import _normalize_key_list

    return _normalize_key_list(keys)


def mark_footer_ready(footer: Footer) -> None:
    """Footer draws nothing until its private reactive `_bindings_ready` is set (Footer.bindings_changed does
    it); KeyFooter replaces that method to redraw less often, so it sets the flag itself."""
    footer._bindings_ready = True


def wrapped_line_count(line: str, width: int, fold: bool) -> int:
    """How many lines `line` wraps to at `width`, with the word wrapping Content itself uses
    (rich._wrap.divide_line). Breaks if Rich moves or renames it: the reader's paragraph heights go with it."""
    from rich._wrap import divide_line

    return len(divide_line(line, width, fold=fold)) + 1


def row_top(table: DataTable[Any], row: int) -> int:
    """The first line (in the table's scrolled content) of row `row`, for the terminal cursor: DataTable knows
    it in the private DataTable._get_row_region. Breaks if that is renamed."""
    return int(table._get_row_region(row).y)


def option_line(option_list: OptionList, index: int) -> int | None:
    """The first line (in the list's scrolled content) that shows option `index`, for the terminal cursor.
    OptionList keeps this in a private line cache (OptionList._update_lines, _line_cache.index_to_line)."""
    option_list._update_lines()
    line: int | None = option_list._line_cache.index_to_line.get(index)
    return line
