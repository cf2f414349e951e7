"""Themes as files: themes/*.toml shipped with kfor-tui, plus the user's own in <user config>/kfor-tui/themes/.

A file becomes a `textual.theme.Theme`. A broken file gives one message naming the file and the field, and
is skipped; the other themes still load. The format is documented in themes/README.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from kfor_tui.io.package_data import bundled_folder
from kfor_tui.ui.marks import MARK_VARIABLES

DEFAULT_THEME = "kfor-dark"
COLOUR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
OTHER_FIELDS = {
    "name": str,
    "dark": bool,
    "ansi": bool,
    "description": str,
    "luminosity_spread": float,
    "text_alpha": float,
}
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# The app's own theme variables, with defaults any theme may override in its [variables] table.
# Meaning never rests on colour: quotes are reverse video between « », conflicts say CONFLICT, grades are words.
APP_VARIABLES: dict[str, str] = {
    "kfor-marking-foreground": "$foreground",  # the classification banner, drawn in reverse video and bold
    "kfor-marking-background": "$background",
    **MARK_VARIABLES,  # grades, CONFLICT, PLANNED, quote markers (kfor_tui.ui.marks)
}

# The terminal's own 16-colour palette (Textual's ansi themes), under names that say what they are.
TERMINAL_THEMES = {"terminal-dark": "ansi-dark", "terminal-light": "ansi-light"}


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file and the field."""


@dataclass
class LoadResult:
    themes: dict[str, Theme] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def bundled_themes_dir() -> Path:
    """The themes shipped with kfor-tui: inside the installed package, or at the root of a checkout."""
    return bundled_folder("themes")


def user_themes_dir() -> Path:
    """<user config>/kfor-tui/themes (XDG_CONFIG_HOME on Linux), where users add or override themes."""
    from platformdirs import user_config_path

    return Path(user_config_path("kfor-tui")) / "themes"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path).replace(str(Path.home()), "~", 1) if str(path).startswith(str(Path.home())) else str(path)


def _check_colour(shown: str, where: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f"{shown}: {where}: expected a colour string, got {type(value).__name__}")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(
            f"{shown}: {where}: {value!r} is not a colour (use #rrggbb, rgb(...), a name or ansi_*)"
        ) from None
    return value


def _check_variable(shown: str, name: str, value: object) -> str:
    where = f"variables.{name}"
    if not isinstance(value, str) or not value.strip():
        raise ThemeFileError(f"{shown}: {where}: expected a non-empty string")
    if name.endswith("text-style") or value.startswith("$"):
        return value  # a text style ("bold reverse") or a reference to another variable ("$error")
    colour, _, alpha = value.partition(" ")
    _check_colour(shown, where, colour)
    if alpha and not re.fullmatch(r"\d{1,3}%", alpha.strip()):
        raise ThemeFileError(f"{shown}: {where}: {value!r}: after the colour only an opacity like 50% may follow")
    return value


def theme_from_data(data: dict[str, object], shown: str) -> Theme:
    """Validate the parsed TOML of one theme file and build the Theme; ThemeFileError names file and field."""
    if "name" not in data:
        raise ThemeFileError(f'{shown}: name: missing (every theme needs name = "...")')
    kwargs: dict[str, object] = {}
    for key, value in data.items():
        if key in COLOUR_FIELDS:
            kwargs[key] = _check_colour(shown, key, value)
        elif key in OTHER_FIELDS:
            kind = OTHER_FIELDS[key]
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise ThemeFileError(f"{shown}: {key}: expected {kind.__name__}, got {type(value).__name__}")
            if key != "description":
                kwargs[key] = value
        elif key == "variables":
            if not isinstance(value, dict):
                raise ThemeFileError(f"{shown}: variables: expected a table [variables]")
            kwargs["variables"] = {str(k): _check_variable(shown, str(k), v) for k, v in value.items()}
        else:
            raise ThemeFileError(
                f"{shown}: {key}: unknown field (known: name, dark, ansi, description, "
                f"{', '.join(COLOUR_FIELDS)}, luminosity_spread, text_alpha, [variables])"
            )
    name = kwargs["name"]
    if not NAME.match(str(name)):
        raise ThemeFileError(f"{shown}: name: {name!r} must be lower-case letters, digits and hyphens")
    if "primary" not in kwargs:
        raise ThemeFileError(f"{shown}: primary: missing (the one colour every theme needs)")
    return Theme(**kwargs)  # type: ignore[arg-type]  # each field was checked above, by name


def load_theme_file(path: Path) -> Theme:
    shown = _shown(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThemeFileError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ThemeFileError(f"{shown}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{shown}: not valid TOML: {exc}") from None
    return theme_from_data(data, shown)


def terminal_themes() -> dict[str, Theme]:
    """Textual's ansi-dark / ansi-light (the terminal's own palette) as terminal-dark / terminal-light."""
    return {name: replace(BUILTIN_THEMES[builtin], name=name) for name, builtin in TERMINAL_THEMES.items()}


def load_themes(directories: list[Path] | None = None) -> LoadResult:
    """Every theme: the terminal ones, then each folder's *.toml in order (later folders override earlier)."""
    if directories is None:
        directories = [bundled_themes_dir(), user_themes_dir()]
    result = LoadResult(themes=terminal_themes())
    for directory in directories:
        try:
            files = sorted(p for p in directory.iterdir() if p.suffix == ".toml" and p.is_file())
        except OSError:
            continue  # no user themes folder: nothing to add
        for path in files:
            try:
                theme = load_theme_file(path)
            except ThemeFileError as exc:
                result.errors.append(str(exc))
                continue
            result.themes[theme.name] = theme
            result.origins[theme.name] = path
    return result


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 black .. 1 white)."""
    parsed = Color.parse(colour)
    r, g, b = (_channel(c / 255) for c in (parsed.r, parsed.g, parsed.b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio, 1 (none) .. 21 (black on white); AAA body text needs >= 7."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_REFERENCE = re.compile(r"\$([A-Za-z0-9_-]+)")


def resolve_references(variables: dict[str, str]) -> dict[str, str]:
    """Replace `$name` inside variable values by that variable's value (Textual substitutes variables into
    the stylesheet but not into other variables), so "kfor-conflict" = "$error" works."""

    def resolve(value: str, depth: int = 0) -> str:
        if "$" not in value or depth > 8:
            return value
        return _REFERENCE.sub(
            lambda m: resolve(variables[m.group(1)], depth + 1) if m.group(1) in variables else m.group(0), value
        )

    return {name: resolve(value) for name, value in variables.items()}
