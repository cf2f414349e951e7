"""User settings: `config.toml` in the user config folder, `KFOR_*` environment variables and flags.

Precedence, per setting: flag > environment > file > default. Pure: no Textual, no Rich; `kfor-tui config`
and the app both read settings through `load_settings`. `save_setting` changes one key of the file
atomically and keeps every other key the user wrote.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

APP_NAME = "kfor-tui"
COLORS = ("auto", "truecolor", "256", "16", "none")
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")

# name -> (default, environment variable, description)
SETTINGS: dict[str, tuple[Any, str, str]] = {
    "theme": (None, "KFOR_THEME", "colour theme by name (see themes/); unset = the app's default"),
    "color": ("auto", "KFOR_COLOR", "colour depth: " + "|".join(COLORS)),
    "ascii": (False, "KFOR_ASCII", "ASCII instead of box drawing and symbols"),
    "mouse": (False, "KFOR_MOUSE", "let the app capture the mouse"),
    "briefings": (None, "KFOR_BRIEFINGS", "briefing folder(s) used when no PATH is given; unset = bundled"),
    "max_file_mb": (8, "KFOR_MAX_FILE_MB", "largest briefing file read, in MiB; larger ones are reported, not read"),
    "max_total_mb": (
        1024,
        "KFOR_MAX_TOTAL_MB",
        "most MiB of briefings read in all; files past it are reported, not read",
    ),
    "watch": (True, "KFOR_WATCH", "watch the loaded briefings and reload changed files live (--no-watch: off)"),
}
KEYMAP_ENV = "KFOR_KEYMAP"
CONFIG_ENV = "KFOR_CONFIG"


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """$KFOR_CONFIG, else config.toml in the platform's user config folder (XDG_CONFIG_HOME on Linux)."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    if environ is not os.environ and environ.get("XDG_CONFIG_HOME"):
        return Path(environ["XDG_CONFIG_HOME"]).expanduser() / APP_NAME / "config.toml"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


@dataclass
class Settings:
    """Effective values, where each came from ('flag', 'env', 'file', 'default'), and what was wrong. Each
    value is checked and converted to its setting's type as it is read, so the accessors' types hold."""

    values: dict[str, Any]
    sources: dict[str, str]
    keymap: dict[str, str] = field(default_factory=dict)
    keymap_sources: dict[str, str] = field(default_factory=dict)
    path: Path = Path("config.toml")
    warnings: list[str] = field(default_factory=list)

    @property
    def theme(self) -> str | None:
        return cast("str | None", self.values["theme"])

    @property
    def color(self) -> str:
        return cast("str", self.values["color"])

    @property
    def ascii(self) -> bool:
        return cast("bool", self.values["ascii"])

    @property
    def mouse(self) -> bool:
        return cast("bool", self.values["mouse"])

    @property
    def briefings(self) -> list[Path] | None:
        return cast("list[Path] | None", self.values["briefings"])

    @property
    def max_file_mb(self) -> float:
        return cast("float", self.values["max_file_mb"])

    @property
    def max_total_mb(self) -> float:
        return cast("float", self.values["max_total_mb"])

    @property
    def watch(self) -> bool:
        return cast("bool", self.values["watch"])

    def describe(self) -> list[str]:
        """One line per setting, `name = value  (source)`, then the keymap: what `kfor-tui config` prints."""
        lines = [f"# config file: {self.path}{'' if self.path.exists() else ' (not present)'}"]
        unset_means = {"theme": "kfor-dark", "briefings": "the bundled briefings"}
        for name in SETTINGS:
            shown = _show(self.values[name])
            if self.values[name] is None and name in unset_means:
                shown += f" = {unset_means[name]}"
            lines.append(f"{name} = {shown}  ({self.sources[name]})")
        lines.append("[keymap]" + ("" if self.keymap else "  (defaults: see docs/keys.md)"))
        for ident, keys in self.keymap.items():
            lines.append(f'{ident} = "{keys}"  ({self.keymap_sources[ident]})')
        return lines


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return os.pathsep.join(str(v) for v in value)
    return str(value)


def _where(text: str, key: str, table: str | None = None) -> str:
    """':line:col' of `key = ` in the file text (inside [table] when given); '' when not found."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = table is not None and stripped.strip("[] ") == table
            continue
        match = re.match(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=", line)
        if in_table and match:
            return f":{number}:{len(line) - len(line.lstrip()) + 1}"
    return ""


def _convert(name: str, raw: Any, origin: str) -> tuple[Any, str | None]:
    """The value of setting `name` from a flag, env string or TOML value; (None, message) when invalid."""
    default = SETTINGS[name][0]
    if name in ("ascii", "mouse", "watch"):
        if isinstance(raw, bool):
            return raw, None
        if isinstance(raw, str) and raw.strip().lower() in TRUE + FALSE:
            return raw.strip().lower() in TRUE, None
        return None, f"{origin}: {name} must be true or false, not {raw!r}; ignored"
    if name == "color":
        value = str(raw).strip().lower() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
        if value in COLORS:
            return value, None
        return None, f"{origin}: color must be one of {', '.join(COLORS)}, not {raw!r}; ignored"
    if name in ("max_file_mb", "max_total_mb"):
        number: Any = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else None
        if isinstance(raw, str):
            try:
                number = float(raw.strip())
            except ValueError:
                number = None
        if number is not None and math.isfinite(number) and 0 < number < 2**40:
            return (int(number) if float(number).is_integer() else float(number)), None
        return None, f"{origin}: {name} must be a positive number of MiB, not {raw!r}; ignored"
    if name == "briefings":
        if isinstance(raw, (str, Path)):
            parts = [raw] if isinstance(raw, Path) else [p for p in raw.split(os.pathsep) if p]
        elif isinstance(raw, list) and all(isinstance(p, (str, Path)) for p in raw):
            parts = list(raw)
        else:
            return None, f"{origin}: briefings must be a folder path (or a list of them), not {raw!r}; ignored"
        return ([Path(p).expanduser() for p in parts] or default), None
    if isinstance(raw, str) and raw.strip():
        return raw.strip(), None
    return None, f"{origin}: {name} must be a non-empty string, not {raw!r}; ignored"


def _keys(raw: Any) -> str | None:
    if isinstance(raw, str) and raw.strip():
        return ",".join(k.strip() for k in raw.split(",") if k.strip()) or None
    if isinstance(raw, list) and raw and all(isinstance(k, str) and k.strip() for k in raw):
        return ",".join(k.strip() for k in raw)
    return None


def read_file(path: Path) -> tuple[dict[str, Any], str, list[str]]:
    """The parsed file, its text and problems; a missing file is empty, a broken one is one message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, "", []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, "", [f"{path}: cannot read the config file ({exc}); using defaults"]
    try:
        return tomllib.loads(text), text, []
    except tomllib.TOMLDecodeError as exc:
        return {}, text, [f"{path}: not valid TOML ({exc}); using defaults"]


def load_settings(flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from flags (None = not given), the environment and the config file; never raises on bad input."""
    flags = flags or {}
    environ = os.environ if environ is None else environ
    path = config_path(environ)
    data, text, warnings = read_file(path)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, (default, env_name, _) in SETTINGS.items():
        values[name], sources[name] = default, "default"
        candidates: list[tuple[str, str, Any]] = []
        if flags.get(name) is not None:
            candidates.append(("flag", f"--{name}", flags[name]))
        if environ.get(env_name) not in (None, ""):
            candidates.append(("env", env_name, environ[env_name]))
        if name in data:
            candidates.append(("file", f"{path}{_where(text, name)}", data[name]))
        for source, origin, raw in candidates:
            value, problem = _convert(name, raw, origin)
            if problem:
                warnings.append(problem)
                continue
            values[name], sources[name] = value, f"{source} {origin}"
            break
    for key in data:
        if key not in SETTINGS and key != "keymap":
            warnings.append(
                f"{path}{_where(text, key)}: unknown setting {key!r}; known: {', '.join([*SETTINGS, 'keymap'])}"
            )
    keymap: dict[str, str] = {}
    keymap_sources: dict[str, str] = {}
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        warnings.append(f'{path}{_where(text, "keymap")}: keymap must be a table, e.g. [keymap] cursor-down = "j,down"')
        table = {}
    for ident, raw in table.items():
        keys = _keys(raw)
        if keys is None:
            warnings.append(
                f'{path}{_where(text, ident, "keymap")}: keymap {ident!r} must be keys like "j,down", '
                f"not {raw!r}; ignored"
            )
            continue
        keymap[ident], keymap_sources[ident] = keys, f"file {path}{_where(text, ident, 'keymap')}"
    for entry in (environ.get(KEYMAP_ENV) or "").split(";"):
        if not entry.strip():
            continue
        ident, sep, raw = entry.partition("=")
        keys = _keys(raw)
        if not sep or keys is None or not ident.strip():
            warnings.append(
                f"{KEYMAP_ENV}: {entry.strip()!r} is not binding-id=keys (entries separated by ';'); ignored"
            )
            continue
        keymap[ident.strip()], keymap_sources[ident.strip()] = keys, f"env {KEYMAP_ENV}"
    return Settings(values, sources, keymap, keymap_sources, path, warnings)


class SaveError(OSError):
    """A setting that could not be written (read-only folder, full disk); str() is one clear sentence."""

    def __str__(self) -> str:
        return str(self.strerror)


def save_setting(name: str, value: Any, environ: Mapping[str, str] | None = None) -> Path:
    """Set one top-level setting (or 'keymap.ID') in the config file, keeping the user's other keys.
    Written atomically (temp file + fsync + rename). Comments are not kept (tomli-w writes data only).
    Raises ValueError for an unknown name or a value the setting does not accept, OSError when the file
    cannot be written, and ValueError when the existing file is not valid TOML (it is never overwritten)."""
    import tomli_w

    from kfor_tui.io.atomic import write_atomic

    table, _, ident = name.partition(".")
    if table == "keymap" and ident:
        keys = _keys(value)
        if keys is None:
            raise ValueError(f"keymap {ident!r}: not keys like 'j,down': {value!r}")
        stored: Any = keys
    elif name in SETTINGS:
        converted, problem = _convert(name, value, name)
        if problem:
            raise ValueError(problem)
        stored = [str(p) for p in converted] if name == "briefings" else converted
        if name == "briefings" and len(stored) == 1:
            stored = stored[0]
    else:
        raise ValueError(f"unknown setting {name!r}; known: {', '.join(SETTINGS)}, keymap.ID")
    path = config_path(environ)
    data, _, problems = read_file(path)
    if problems:
        raise ValueError(problems[0].replace("; using defaults", "; not overwritten"))
    if table == "keymap" and ident:
        section = data.get("keymap")
        if not isinstance(section, dict):
            section = data["keymap"] = {}
        section[ident] = stored
    else:
        data[name] = stored
    keymap = data.pop("keymap", None)
    if keymap is not None:
        data["keymap"] = keymap  # tables after plain keys
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, tomli_w.dumps(data))
    except OSError as exc:  # read-only folder, full disk: one clear sentence, the old file untouched
        raise SaveError(
            exc.errno, f"cannot save {name} to {path}: {exc.strerror or exc}; the file is unchanged"
        ) from exc
    return path
