"""Themes as files: themes/*.toml shipped with kfor-tui, plus the user's own in <user config>/kfor-tui/themes/.

A file becomes a `textual.theme.Theme`. A broken file gives one message naming the file and the field, and
is skipped; the other themes still load. The format is documented in themes/README.md.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.css.stylesheet import Stylesheet
from textual.theme import BUILTIN_THEMES, Theme

from kfor_tui.io.package_data import bundled_folder
from kfor_tui.io.sanitise import shown_name
from kfor_tui.settings import THEME_NAME, TomlFileError, read_toml
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
NAME = THEME_NAME  # lower-case letters, digits, hyphens: what --theme takes

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
    """The theme file's path as it is printed: short, and safe (a file name is data too)."""
    try:
        text = str(path.relative_to(Path.cwd()))
    except ValueError:
        text = str(path).replace(str(Path.home()), "~", 1) if str(path).startswith(str(Path.home())) else str(path)
    return shown_name(text)


def _brief(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


# What a value may be. Everything a theme sets is checked here, then used the way the app will use it
# (theme_problem), so nothing this module accepts can stop the app when the theme is applied.
RANGES = {"text_alpha": (0.0, 1.0), "luminosity_spread": (0.0, 1.0)}  # Textual's defaults: 0.95, 0.15
MAX_VARIABLES = 500
MAX_VALUE_LENGTH = 200
VARIABLE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what a `$name` reference in Textual CSS can name
STYLE_WORDS = frozenset(VALID_STYLE_FLAGS)  # Textual's text-style words: bold, italic, reverse, not, none...
_REFERENCE_ONLY = re.compile(r"\$([A-Za-z0-9_-]+)")
_COLOUR_VALUE = re.compile(r"(?P<colour>.+?)(?:[ \t]+(?P<alpha>\d{1,3})%)?")  # "#rrggbb", "$error 50%"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def is_style_variable(name: str) -> bool:
    """Variables that hold a text style, not a colour: *-text-style, link-style, link-style-hover."""
    return "style" in name.split("-")


def _check_colour(shown: str, where: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f"{shown}: {where}: expected a colour string, got {type(value).__name__}")
    try:
        Color.parse(value)
    except (ColorParseError, ValueError):
        raise ThemeFileError(
            f"{shown}: {where}: {_brief(value)} is not a colour (use #rrggbb, rgb(...), a name or ansi_*)"
        ) from None
    return value


def _variable_problem(name: str, value: object) -> str | None:
    """What is wrong with one [variables] entry as written (references are followed later); None if fine."""
    if not VARIABLE_NAME.fullmatch(name):
        return "not a variable name (letters, digits, '-' and '_', as $name in Textual CSS)"
    if not isinstance(value, str) or not value.strip():
        return "expected a non-empty string"
    if len(value) > MAX_VALUE_LENGTH or _CONTROL.search(value):
        return f"{_brief(value)}: too long, or control characters"
    value = value.strip()
    if is_style_variable(name):
        if _REFERENCE_ONLY.fullmatch(value):
            return None
        wrong = [word for word in value.split() if word not in STYLE_WORDS]
        if wrong:
            return (
                f"{_brief(value)} is not a text style: {_brief(wrong[0])} is not one of "
                f"{', '.join(sorted(STYLE_WORDS))} (words only, separated by spaces)"
            )
        return None
    match = _COLOUR_VALUE.fullmatch(value)
    assert match is not None  # the pattern matches any non-empty text
    colour, alpha = match.group("colour"), match.group("alpha")
    if alpha is not None and int(alpha) > 100:
        return f"{_brief(value)}: an opacity is 0% to 100%"
    if _REFERENCE_ONLY.fullmatch(colour):
        return None
    if "$" in colour:
        return f"{_brief(value)}: a reference is one $name, optionally followed by an opacity like 50%"
    try:
        Color.parse(colour)
    except (ColorParseError, ValueError):
        if " " in colour and alpha is None and "(" not in colour:
            return f"{_brief(value)}: after the colour only an opacity like 50% may follow"
        return f"{_brief(value)} is not a colour (use #rrggbb, rgb(...), a name or ansi_*, or $name)"
    return None


def theme_from_data(data: dict[str, object], shown: str) -> Theme:
    """Validate the parsed TOML of one theme file and build the Theme; ThemeFileError names file and field.
    The built theme is then checked the way the app will use it (theme_problem)."""
    if "name" not in data:
        raise ThemeFileError(f'{shown}: name: missing (every theme needs name = "...")')
    kwargs: dict[str, object] = {}
    for key, value in data.items():
        if key in COLOUR_FIELDS:
            kwargs[key] = _check_colour(shown, key, value)
        elif key in OTHER_FIELDS:
            kind = OTHER_FIELDS[key]
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value) if abs(value) < 2**53 else math.inf  # a TOML integer may have any size
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise ThemeFileError(f"{shown}: {key}: expected {kind.__name__}, got {type(value).__name__}")
            if key != "description":
                kwargs[key] = value
        elif key == "variables":
            if not isinstance(value, dict):
                raise ThemeFileError(f"{shown}: variables: expected a table [variables]")
            if len(value) > MAX_VARIABLES:
                raise ThemeFileError(f"{shown}: variables: {len(value)} of them; at most {MAX_VARIABLES}")
            for name, entry in value.items():
                problem = _variable_problem(str(name), entry)
                if problem is not None:
                    raise ThemeFileError(f"{shown}: variables.{_name(str(name))}: {problem}")
            kwargs["variables"] = {str(k): str(v).strip() for k, v in value.items()}
        else:
            raise ThemeFileError(
                f"{shown}: {_name(key)}: unknown field (known: name, dark, ansi, description, "
                f"{', '.join(COLOUR_FIELDS)}, luminosity_spread, text_alpha, [variables])"
            )
    name = kwargs["name"]
    if not NAME.fullmatch(str(name)):
        raise ThemeFileError(
            f"{shown}: name: {_brief(name)} must be lower-case letters, digits and hyphens (at most 64)"
        )
    if "primary" not in kwargs:
        raise ThemeFileError(f"{shown}: primary: missing (the one colour every theme needs)")
    theme = Theme(**kwargs)  # type: ignore[arg-type]  # each field was checked above, by name
    problem = theme_problem(theme, derive=False)
    if problem is not None:
        raise ThemeFileError(f"{shown}: {problem}")
    return theme


def _name(key: str) -> str:
    """A key as a message shows it: as written when plain, else repr (control characters escaped)."""
    return key if VARIABLE_NAME.fullmatch(key) else _brief(key)


def theme_variables(theme: Theme, defaults: dict[str, str] | None = None) -> dict[str, str]:
    """The CSS variables the app builds from `theme` (Textual's App.get_css_variables, then the app's own
    defaults and resolved references: ui/looks.py), before any is checked. May raise on a broken theme."""
    generated = theme.to_color_system().generate()
    return {**(APP_VARIABLES if defaults is None else defaults), **generated, **theme.variables}


def theme_problem(theme: Theme, defaults: dict[str, str] | None = None, derive: bool = True) -> str | None:
    """'field: why' when the app cannot use `theme`, else None: the floats are finite and in range, the
    colours parse, Textual can derive its shades, every `$name` in [variables] names a defined variable
    (no cycle), each resolved value is of its variable's kind (a colour where Textual has a colour, a text
    style in *-text-style), and Textual's own CSS parser accepts each one where the app uses it.
    `derive=False` (loading every theme at start) checks the references against Textual's variables as
    derived for a neutral theme of the same kind (ansi, dark), ~1.5 ms less per theme; the theme the app
    applies is checked with its own (ui/looks.py)."""
    for key, (low, high) in RANGES.items():
        value = getattr(theme, key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            return f"{key}: {_brief(value)} is not a finite number"
        if not low <= value <= high:
            return f"{key}: {_brief(value)} is out of range ({low:g} to {high:g})"
    for key in COLOUR_FIELDS:
        value = getattr(theme, key)
        if value is not None:
            try:
                Color.parse(value)
            except (ColorParseError, ValueError, TypeError):
                return f"{key}: {_brief(value)} is not a colour"
    if not NAME.fullmatch(theme.name):
        return f"name: {_brief(theme.name)} must be lower-case letters, digits and hyphens"
    if len(theme.variables) > MAX_VARIABLES:
        return f"variables: {len(theme.variables)} of them; at most {MAX_VARIABLES}"
    for name, value in theme.variables.items():
        problem = _variable_problem(name, value)
        if problem is not None:
            return f"variables.{_name(name)}: {problem}"
    if derive:
        try:
            generated = theme.to_color_system().generate()
        except Exception as exc:  # noqa: BLE001 - whatever Textual raises, the theme is not usable
            return f"colours: Textual cannot derive the theme's shades from them ({exc})"
    else:
        base = {key: getattr(theme, key) for key in COLOUR_FIELDS if getattr(theme, key) is not None}
        generated = {**_textual_variables(theme.ansi, theme.dark), **base}
    every = {**(APP_VARIABLES if defaults is None else defaults), **generated, **theme.variables}
    resolved = resolve_references(every)
    own = list(theme.variables)
    for name in own:
        value = resolved[name]
        if "$" in value:
            return f"variables.{name}: {_reference_problem(every, name)}"
        written = "" if value == theme.variables[name] else f" ({theme.variables[name]} is {_brief(value)})"
        words = value.split()
        if is_style_variable(name):
            if any(word not in STYLE_WORDS for word in words):
                return f"variables.{name}: not a text style{written}"
        elif all(word in STYLE_WORDS for word in words):
            return f"variables.{name}: a text style, not a colour{written}"
        elif name in _plain_colours(theme.ansi, theme.dark):
            try:  # Textual uses it as one colour, some rules with an opacity of their own ($background 60%)
                Color.parse(value)
            except (ColorParseError, ValueError):
                return (
                    f"variables.{name}: Textual uses ${name} as a plain colour, so no opacity or 'auto' here{written}"
                )
    return _parse_problem({name: resolved[name] for name in own})


@functools.lru_cache(maxsize=4)
def _textual_variables(ansi: bool, dark: bool) -> dict[str, str]:
    """The variables Textual derives for a neutral theme of this kind: their names and the form of their
    values do not depend on the colours. Not to be changed by callers (cached)."""
    return Theme(name="probe", primary="#0178D4", ansi=ansi, dark=dark).to_color_system().generate()


@functools.lru_cache(maxsize=4)
def _plain_colours(ansi: bool, dark: bool) -> frozenset[str]:
    """The variables Textual itself sets to one colour (no opacity, no 'auto'): its CSS may add an opacity of
    its own ($background 60%), so a theme must set them to one colour too."""
    # Read from the values' form, not with Color.parse: a failed parse looks for suggestions (slow).
    return frozenset(
        name
        for name, value in _textual_variables(ansi, dark).items()
        if len(value.split()) == 1 and value not in ("auto", "initial")
    )


def _reference_problem(variables: dict[str, str], name: str) -> str:
    """Why a variable's `$references` do not resolve: an undefined name, a cycle, or too long a chain."""
    trail = [name]
    while len(trail) <= MAX_REFERENCE_DEPTH + 1:
        references = _REFERENCE.findall(variables[trail[-1]])
        if not references:
            break
        target = references[0]
        if target in trail:
            return f"a cycle of references ({' -> '.join([*trail, target])})"
        if target not in variables:
            via = f" (via {' -> '.join(trail)})" if len(trail) > 1 else ""
            return f"${target} is not defined{via}: name a colour of the theme ($primary, $error...) or a variable"
        trail.append(target)
    return f"references nest deeper than {MAX_REFERENCE_DEPTH} ({' -> '.join(trail)}...)"


def _parse_problem(variables: dict[str, str]) -> str | None:
    """Textual's own tokenizer and CSS parser on each variable where the app uses it: `color: $x` for a
    colour, `text-style: $x` for a text style. One stylesheet for all; each on its own only on failure."""

    def parse(names: list[str]) -> None:
        rules = "".join(f"  {'text-style' if is_style_variable(n) else 'color'}: ${n};\n" for n in names)
        sheet = Stylesheet(variables={n: variables[n] for n in names})
        sheet.add_source(f"Screen {{\n{rules}}}\n", read_from=("theme", "variables"))
        sheet.parse()

    try:
        parse(list(variables))
        return None
    except Exception:  # noqa: BLE001 - any error from Textual's parser means the app could not use it
        pass
    for name in variables:
        try:
            parse([name])
        except Exception:  # noqa: BLE001 - as above: find the one it refuses
            kind = "text style" if is_style_variable(name) else "colour"
            return f"variables.{name}: Textual's CSS parser refuses {_brief(variables[name])} as a {kind}"
    return "variables: Textual's CSS parser refuses them together"


def load_theme_file(path: Path) -> Theme:
    """One theme file: only a regular file is opened, at most MAX_TOML_BYTES read, nesting bounded."""
    shown = _shown(path)
    try:
        data, _ = read_toml(path)
    except FileNotFoundError:
        raise ThemeFileError(f"{shown}: cannot read: no such file") from None
    except TomlFileError as exc:
        raise ThemeFileError(f"{shown}:{exc}") from None
    return theme_from_data(data, shown)


def terminal_themes() -> dict[str, Theme]:
    """Textual's ansi-dark / ansi-light (the terminal's own palette) as terminal-dark / terminal-light."""
    return {name: replace(BUILTIN_THEMES[builtin], name=name) for name, builtin in TERMINAL_THEMES.items()}


def load_themes(directories: list[Path] | None = None) -> LoadResult:
    """Every theme: the terminal ones, then each folder's *.toml in order (later folders override earlier).
    A file that is not a regular file (a FIFO, a folder named *.toml) is reported, never opened."""
    if directories is None:
        directories = [bundled_themes_dir(), user_themes_dir()]
    result = LoadResult(themes=terminal_themes())
    for directory in directories:
        try:
            files = sorted(p for p in directory.iterdir() if p.suffix == ".toml")
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
MAX_REFERENCE_DEPTH = 8  # "$a" -> "$b" -> ...: theme_problem refuses a longer chain


def resolve_references(variables: dict[str, str]) -> dict[str, str]:
    """Replace `$name` inside variable values by that variable's value (Textual substitutes variables into
    the stylesheet but not into other variables), so "kfor-conflict" = "$error" works. An undefined name, a
    cycle or a chain deeper than MAX_REFERENCE_DEPTH is left as `$name` (theme_problem says which)."""

    def resolve(value: str, depth: int = 0) -> str:
        if "$" not in value or depth > MAX_REFERENCE_DEPTH:
            return value
        return _REFERENCE.sub(
            lambda m: resolve(variables[m.group(1)], depth + 1) if m.group(1) in variables else m.group(0), value
        )

    return {name: resolve(value) for name, value in variables.items()}
