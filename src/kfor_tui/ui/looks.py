"""How the app looks on this terminal: kfor-tui's themes in place of Textual's, no colour (NO_COLOR or
--color none), ASCII glyphs (--ascii), the theme's mark colours, and remembering a theme picked in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from textual.app import App
from textual.binding import Binding
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor
from textual.theme import BUILTIN_THEMES, Theme

from kfor_tui.ui import marks
from kfor_tui.ui.compat import line_filters, refresh_truecolor_filter, start_in_theme
from kfor_tui.ui.terminal import ascii_key_display, no_color_requested, to_ascii, use_ascii
from kfor_tui.ui.themes import (
    APP_VARIABLES,
    DEFAULT_THEME,
    LoadResult,
    load_themes,
    resolve_references,
    theme_problem,
    theme_variables,
)

SaveTheme = Callable[[str], None]  # remembers a theme picked in the app (config.toml); may raise OSError


class AsciiFilter(LineFilter):
    """--ascii: replace the box drawing and symbols Textual draws itself (scrollbars, footer, borders)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.text.isascii() else Segment(to_ascii(segment.text), segment.style, segment.control)
            for segment in segments
        ]


def variable_defaults(defaults: dict[str, str]) -> dict[str, str]:
    """Textual's theme variables and kfor-tui's own (marking banner, grades, CONFLICT, quote markers)."""
    return {**defaults, **APP_VARIABLES}


def css_variables(variables: dict[str, str]) -> dict[str, str]:
    """The theme's variables with references resolved; the marks (grades, CONFLICT...) take their colours.
    Called by Textual from App.__init__ on, before anything of the app's own is set up."""
    resolved = resolve_references(variables)
    marks.set_theme(resolved)
    return resolved


def save_to_settings(name: str) -> None:
    from kfor_tui.settings import save_setting

    save_setting("theme", name)


class Looks:
    """Set up once by the app's constructor; the app's theme hooks delegate here."""

    def __init__(
        self,
        app: App[Any],
        theme: str | None,
        themes: LoadResult | None,
        no_color: bool | None,
        ascii: bool,
        save_theme: SaveTheme | None,
    ) -> None:
        self.app = app
        loaded = themes if themes is not None else load_themes()
        self.errors = list(loaded.errors)
        for registered in loaded.themes.values():
            app.register_theme(registered)
        fallback = DEFAULT_THEME if DEFAULT_THEME in loaded.themes else "terminal-dark"
        wanted = theme if theme in loaded.themes else fallback
        if theme and theme not in loaded.themes:
            self.errors.append(f"No theme {theme!r}; using {wanted}. Themes: {', '.join(sorted(loaded.themes))}")
        problem = self.problem(loaded.themes[wanted]) if wanted in loaded.themes else None
        if problem is not None:  # a theme given in code (LoadResult) that the app cannot use: never a stop
            good = next((n for n in (fallback, "terminal-dark") if n != wanted and n in loaded.themes), "terminal-dark")
            self.errors.append(f"Theme {wanted!r} not used: {problem}; using {good}")
            wanted = good
        self.good = wanted  # the last theme applied without a problem: what a failed switch goes back to
        start_in_theme(app, wanted)
        for name in BUILTIN_THEMES:
            if name not in loaded.themes:
                app.unregister_theme(name)
        refresh_truecolor_filter(app, app.ansi_theme)  # an ansi theme chosen before the theme watcher runs
        self.save_theme = save_theme
        self.saved = wanted
        self.no_color = no_color_requested() if no_color is None else no_color
        filters = line_filters(app)
        filters[:] = [f for f in filters if not isinstance(f, (Monochrome, NoColor))]
        if self.no_color:
            filters.append(NoColor())  # default colours only (39/49): no colour at all, styles kept
        self.ascii = ascii
        use_ascii(ascii)
        if ascii:
            filters.append(AsciiFilter())
        app.set_class(self.no_color, "-no-color")
        app.set_class(ascii, "-ascii")

    def key_display(self, binding: Binding, shown: str) -> str:
        """--ascii: key names instead of arrows and symbols (up for the arrow, enter for the return sign)."""
        return ascii_key_display(shown) if self.ascii and not shown.isascii() else shown

    # ---------------------------------------------------------------- switching themes while the app runs

    def problem(self, theme: Theme) -> str | None:
        """Why the app cannot use `theme` ('field: why'), or None: the checks of ui/themes.py with the
        variables Textual derives for it, then the app's own stylesheet parsed with them (what Textual's
        refresh_css does on a switch), on a copy, so a failure changes nothing."""
        defaults = self.app.get_theme_variable_defaults()
        problem = theme_problem(theme, defaults)
        if problem is not None:
            return problem
        try:
            variables = resolve_references(theme_variables(theme, defaults))
            sheet = self.app.stylesheet.copy()
            sheet.set_variables(variables)
            sheet.reparse()
        except Exception as exc:  # noqa: BLE001 - whatever Textual raises, the theme cannot be applied
            return f"the app's stylesheet cannot use its colours ({type(exc).__name__})"
        return None

    def vet(self, name: str) -> str:
        """The theme a switch (`app.theme = name`: the palette, :theme, --theme) really goes to: `name`, or the
        current theme, with a notice saying why, when `name` cannot be used. Called by App.validate_theme."""
        current = self.app.theme
        theme = self.app.get_theme(name)
        if theme is None or name == current:
            return name  # an unknown name is Textual's own error (InvalidThemeError)
        problem = self.problem(theme)
        if problem is None:
            return name
        self.app.notify(
            f"Theme {name!r} not used: {problem}. Keeping {current}.",
            title="Theme",
            severity="error",
            markup=False,
            timeout=10,
        )
        return current

    def recover(self, error: Exception) -> bool:
        """Applying the theme failed after all (App.refresh_css raised): go back to the last good theme with a
        notice. False when there is nothing to go back to (the error is then the app's to handle)."""
        failed = self.app.theme
        if failed == self.good or self.app.get_theme(self.good) is None:
            return False
        self.app.notify(
            f"Theme {failed!r} could not be applied ({type(error).__name__}). Back to {self.good}.",
            title="Theme",
            severity="error",
            markup=False,
            timeout=10,
        )
        self.app.theme = self.good
        return True

    def theme_changed(self, theme: Theme) -> None:
        """Remember a theme picked in the app (palette, :theme); a failure to save is a notice, never a crash."""
        if theme.name != self.app.theme:
            return  # a switch that was undone (recover) before its signal arrived
        self.good = theme.name
        if self.save_theme is None or theme.name == self.saved:
            return
        self.saved = theme.name
        try:
            self.save_theme(theme.name)
        except (OSError, ValueError) as exc:  # read-only folder, full disk, a broken config.toml
            self.app.notify(f"Theme not saved: {exc}", title="Settings", severity="warning", markup=False)
        except Exception:  # noqa: BLE001 - saving a preference must never take the app down
            pass
