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
from kfor_tui.ui.compat import line_filters, refresh_truecolor_filter
from kfor_tui.ui.terminal import ascii_key_display, no_color_requested, to_ascii, use_ascii
from kfor_tui.ui.themes import APP_VARIABLES, DEFAULT_THEME, LoadResult, load_themes, resolve_references

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
        wanted = (
            theme if theme in loaded.themes else DEFAULT_THEME if DEFAULT_THEME in loaded.themes else "terminal-dark"
        )
        if theme and theme not in loaded.themes:
            self.errors.append(f"No theme {theme!r}; using {wanted}. Themes: {', '.join(sorted(loaded.themes))}")
        app.theme = wanted
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

    def theme_changed(self, theme: Theme) -> None:
        """Remember a theme picked in the app (palette, :theme); a failure to save is a notice, never a crash."""
        if self.save_theme is None or theme.name == self.saved:
            return
        self.saved = theme.name
        try:
            self.save_theme(theme.name)
        except (OSError, ValueError) as exc:  # read-only folder, full disk, a broken config.toml
            self.app.notify(f"Theme not saved: {exc}", title="Settings", severity="warning", markup=False)
        except Exception:  # noqa: BLE001 - saving a preference must never take the app down
            pass
