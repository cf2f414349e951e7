"""User settings: `config.toml` in the user config folder, `KFOR_*` environment variables and flags.

Precedence, per setting: flag > environment > file > default. Pure: no Textual, no Rich; `kfor-tui config`
and the app both read settings through `load_settings`. The file is read only when it is a regular file (a
FIFO or device is never opened), at most 1 MiB, its nesting bounded (io/nesting.py); every value is checked
for type and range as it is read (numbers finite, booleans TOML booleans, theme names names, keys printable),
and each problem is one `path:line:col: message` warning: a bad value falls through to the next source, a
file that cannot be read leaves the defaults. `save_setting` changes one key of the file
atomically and keeps every other key the user wrote.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from kfor_tui.io.sanitise import shown_name

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
    "cache_max_mb": (
        512,
        "KFOR_CACHE_MAX_MB",
        "most MiB the load cache keeps; the corpora used least recently are removed past it (kfor-tui cache info)",
    ),
    "author": (None, "KFOR_AUTHOR", "the author written into briefings that kfor-tui new and import start"),
}
KEYMAP_ENV = "KFOR_KEYMAP"
CONFIG_ENV = "KFOR_CONFIG"

# What a value may be (checked as it is read; see _convert and _keys).
MAX_TOML_BYTES = 1024 * 1024  # config.toml, and each theme file: a few KiB in practice; larger is not read
THEME_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # what --theme takes (the theme files' `name`)
BINDING_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")  # a keymap id; unknown ones are reported by ui/keymap.py
MAX_KEY_LENGTH = 64  # one key name ("ctrl+shift+left_square_bracket")
MAX_KEYS = 16  # keys on one binding
MAX_PATH_LENGTH = 4096  # one briefings path
MAX_MIB = 2**40  # max_file_mb, max_total_mb, cache_max_mb: below this many MiB
MAX_REPORTED = 10  # unknown settings and bad keymap entries named one by one; the rest are counted
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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

    @property
    def cache_max_mb(self) -> float:
        return cast("float", self.values["cache_max_mb"])

    @property
    def author(self) -> str | None:
        return cast("str | None", self.values["author"])

    def describe(self) -> list[str]:
        """One line per setting, `name = value  (source)`, then the keymap: what `kfor-tui config` prints."""
        lines = [f"# config file: {shown_name(str(self.path))}{'' if _present(self.path) else ' (not present)'}"]
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


def _brief(value: Any) -> str:
    """A value as a message shows it: repr (control characters escaped), cut short."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _present(path: Path) -> bool:
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


_KEY = re.compile(r"""([ \t]*)(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*=""")


@functools.lru_cache(maxsize=2)
def _key_positions(text: str) -> dict[tuple[str | None, str], str]:
    """':line:col' of the first `key = ` of each table ([table] or None for the top), in one pass."""
    positions: dict[tuple[str | None, str], str] = {}
    table: str | None = None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped.split("#", 1)[0].strip().strip("[] ")
            continue
        match = _KEY.match(line)
        if match:
            key = next(group for group in match.group(2, 3, 4) if group is not None)
            if match.group(2) is not None and "\\" in key:  # "\u001b..." in a quoted key: as TOML reads it
                with contextlib.suppress(ValueError):
                    key = json.loads(f'"{key}"')
            positions.setdefault((table, key), f":{number}:{len(match.group(1)) + 1}")
    return positions


def _where(text: str, key: str, table: str | None = None) -> str:
    """':line:col' of `key = ` in the file text (inside [table] when given); '' when not found."""
    return _key_positions(text).get((table, key), "")


def _convert(name: str, raw: Any, origin: str, typed: bool = False) -> tuple[Any, str | None]:
    """The value of setting `name` from a flag, env string or TOML value; (None, message) when invalid.
    `typed`: the value comes from config.toml, where a boolean must be a TOML boolean and a number a number."""
    default = SETTINGS[name][0]
    if name in ("ascii", "mouse", "watch"):
        if isinstance(raw, bool):
            return raw, None
        if not typed and isinstance(raw, str) and raw.strip().lower() in TRUE + FALSE:
            return raw.strip().lower() in TRUE, None
        return None, f"{origin}: {name} must be true or false, not {_brief(raw)}; ignored"
    if name == "color":
        value = str(raw).strip().lower() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
        if value in COLORS:
            return value, None
        return None, f"{origin}: color must be one of {', '.join(COLORS)}, not {_brief(raw)}; ignored"
    if name in ("max_file_mb", "max_total_mb", "cache_max_mb"):
        number = _mib_number(raw, typed)
        if number is not None:
            return number, None
        return None, (
            f"{origin}: {name} must be a positive number of MiB, finite and below {MAX_MIB}, not {_brief(raw)}; ignored"
        )
    if name == "briefings":
        parts: list[str | Path]
        if isinstance(raw, (str, Path)):
            parts = [raw] if isinstance(raw, Path) else [p for p in raw.split(os.pathsep) if p]
        elif isinstance(raw, list) and len(raw) <= 1024 and all(isinstance(p, (str, Path)) for p in raw):
            parts = list(raw)
        else:
            return None, f"{origin}: briefings must be a folder path (or a list of them), not {_brief(raw)}; ignored"
        for part in parts:
            text = str(part)
            if not text or len(text) > MAX_PATH_LENGTH or _CONTROL.search(text):
                return None, (
                    f"{origin}: briefings: {_brief(text)} is not a usable path (empty, over {MAX_PATH_LENGTH} "
                    "characters, or with control characters); ignored"
                )
        return ([Path(p).expanduser() for p in parts] or default), None
    if name == "theme":
        if isinstance(raw, str) and THEME_NAME.fullmatch(raw.strip()):
            return raw.strip(), None
        return None, (
            f"{origin}: theme must be a theme name (lower-case letters, digits and hyphens), not {_brief(raw)}; ignored"
        )
    if isinstance(raw, str) and raw.strip() and not _CONTROL.search(raw):
        return raw.strip(), None
    return None, f"{origin}: {name} must be a non-empty string, not {_brief(raw)}; ignored"


def _mib_number(raw: Any, typed: bool) -> int | float | None:
    """A size in MiB: above 0, below MAX_MIB, finite (NaN, infinities and 1e308 are refused); None if not."""
    number: int | float | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, str) and not typed:
        try:
            number = float(raw.strip())
        except ValueError:
            return None
    if isinstance(number, int):  # exact: a TOML integer may have any number of digits
        return number if 0 < number < MAX_MIB else None
    if number is None or not math.isfinite(number) or not 0 < number < MAX_MIB:
        return None
    return int(number) if number.is_integer() else number


def _keys(raw: Any) -> str | None:
    """Keys of one binding, "j,down" or ["j", "down"]: at most MAX_KEYS, each a key name without spaces or
    control characters; None when not."""
    if isinstance(raw, str) and raw.strip():
        keys = [k.strip() for k in raw.split(",") if k.strip()]
    elif isinstance(raw, list) and raw and all(isinstance(k, str) and k.strip() for k in raw):
        keys = [k.strip() for k in raw]
    else:
        return None
    if not keys or len(keys) > MAX_KEYS:
        return None
    for key in keys:
        if len(key) > MAX_KEY_LENGTH or not key.isprintable() or any(c.isspace() or c == "," for c in key):
            return None
    return ",".join(keys)


class TomlFileError(ValueError):
    """A small TOML file (config.toml, a theme) that is not read: where (1-based) and why, in one sentence."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.message}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "something other than a file"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MiB"
    return f"{count / 1024:.0f} KiB" if count >= 1024 else f"{count} bytes"


def _line_col(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (columns in bytes: only used where the text is not text)."""
    return data.count(b"\n", 0, index) + 1, index - (data.rfind(b"\n", 0, index) + 1) + 1


def read_toml(path: Path, limit: int = MAX_TOML_BYTES) -> tuple[dict[str, Any], str]:
    """The parsed data and text of a small TOML file (config.toml, a theme file). Only a regular file is
    opened (a FIFO would block, a device never end), at most `limit` bytes are read, and the nesting is
    bounded (kfor_tui.io.nesting) before the parser, which recurses, sees it. Raises FileNotFoundError when
    there is no file, and TomlFileError, with a line and column, for anything else that stops it being read."""
    import tomli

    from kfor_tui.io.nesting import deepest_path, deepest_point, too_deep_message

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:  # no permission, a name too long, a NUL in the name
        raise TomlFileError(1, 1, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise TomlFileError(1, 1, f"{_kind(info.st_mode)}, not a regular file; not opened")
    if info.st_size > limit:
        raise TomlFileError(1, 1, f"the file is {_size(info.st_size)}, over the {_size(limit)} limit; not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: a FIFO swapped in since the stat cannot hang the open
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise TomlFileError(1, 1, "not a regular file; not read")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise TomlFileError(1, 1, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TomlFileError(1, 1, f"the file is over the {_size(limit)} limit; not read")
    if b"\x00" in data:
        raise TomlFileError(*_line_col(data, data.index(b"\x00")), "a NUL byte: a binary file, not TOML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TomlFileError(
            *_line_col(data, exc.start), f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    deep = deepest_point(text)
    if deep is not None:
        raise TomlFileError(*deep, too_deep_message())
    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        raise TomlFileError(line, col, f"not valid TOML: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise TomlFileError(1, 1, too_deep_message()) from None
    except (ValueError, OverflowError) as exc:
        raise TomlFileError(1, 1, f"not valid TOML: {exc}") from None
    where = deepest_path(parsed)
    if where is not None:  # nesting the text scan cannot see (dotted keys inside inline tables)
        raise TomlFileError(1, 1, f"{too_deep_message()} (under {'.'.join(str(p) for p in where[:3])}...)")
    return parsed, text


def read_file(path: Path) -> tuple[dict[str, Any], str, list[str]]:
    """The parsed file, its text and problems; a missing file is empty, a broken one is one message
    `path:line:col: why; using defaults`. Never blocks (a FIFO is not opened) and never raises."""
    try:
        data, text = read_toml(path)
    except FileNotFoundError:
        return {}, "", []
    except TomlFileError as exc:
        return {}, "", [f"{shown_name(str(path))}:{exc}; using defaults"]
    return data, text, []


def load_settings(flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from flags (None = not given), the environment and the config file; never raises on bad input."""
    flags = flags or {}
    environ = os.environ if environ is None else environ
    path = config_path(environ)
    shown = shown_name(str(path))  # a path from the environment is data too: printed safely
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
            candidates.append(("file", f"{shown}{_where(text, name)}", data[name]))
        for source, origin, raw in candidates:
            value, problem = _convert(name, raw, origin, typed=source == "file")
            if problem:
                warnings.append(problem)
                continue
            values[name], sources[name] = value, f"{source} {origin}"
            break
    unknown = [key for key in data if key not in SETTINGS and key != "keymap"]
    for key in unknown[:MAX_REPORTED]:
        warnings.append(
            f"{shown}{_where(text, key)}: unknown setting {_brief(key)}; known: {', '.join([*SETTINGS, 'keymap'])}"
        )
    if len(unknown) > MAX_REPORTED:
        warnings.append(f"{shown}: {len(unknown) - MAX_REPORTED} more unknown settings; ignored")
    keymap: dict[str, str] = {}
    keymap_sources: dict[str, str] = {}
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        warnings.append(
            f'{shown}{_where(text, "keymap")}: keymap must be a table, e.g. [keymap] cursor-down = "j,down"'
        )
        table = {}
    bad = 0
    for ident, raw in table.items():
        keys = _keys(raw)
        if keys is None or not BINDING_ID.fullmatch(ident):
            bad += 1
            if bad <= MAX_REPORTED:
                where = f"{shown}{_where(text, ident, 'keymap')}: keymap"
                warnings.append(
                    f'{where} {_brief(ident)} must be keys like "j,down" (at most {MAX_KEYS}, without spaces or '
                    f"control characters), not {_brief(raw)}; ignored"
                    if keys is None
                    else f"{where} id {_brief(ident)} is not a binding id (letters, digits, '-', '_', '.'); ignored"
                )
            continue
        keymap[ident], keymap_sources[ident] = keys, f"file {shown}{_where(text, ident, 'keymap')}"
    if bad > MAX_REPORTED:
        warnings.append(f"{shown}: {bad - MAX_REPORTED} more keymap entries that are not binding-id = keys; ignored")
    for entry in (environ.get(KEYMAP_ENV) or "").split(";"):
        if not entry.strip():
            continue
        ident, sep, raw = entry.partition("=")
        keys = _keys(raw)
        if not sep or keys is None or not BINDING_ID.fullmatch(ident.strip()):
            warnings.append(
                f"{KEYMAP_ENV}: {_brief(entry.strip())} is not binding-id=keys (entries separated by ';'); ignored"
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
    cannot be written, and ValueError when the existing file cannot be read (not TOML, too deep, a FIFO...):
    it is never overwritten."""
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
            exc.errno, f"cannot save {name} to {shown_name(str(path))}: {exc.strerror or exc}; the file is unchanged"
        ) from exc
    return path
