"""A hostile config.toml: a FIFO, a device, a folder, deep nesting, NaN and infinities, swapped types, escape
sequences, huge files. `kfor-tui config` and `kfor-tui check` never hang and never crash: each problem is one
`path:line:col: message` on standard error, the defaults apply, and the exit code is the command's own."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kfor_tui.settings import MAX_REPORTED, load_settings, read_toml, save_setting
from support import MINIMAL, ROOT

NO_HANG = 30  # seconds; a command that reads a FIFO would wait for ever


def kfor(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    """The real command with KFOR_CONFIG pointing at `config`; it must finish within NO_HANG seconds."""
    env = {**os.environ, "KFOR_CONFIG": str(config)}
    return subprocess.run(
        [sys.executable, "-m", "kfor_tui", *args], capture_output=True, text=True, env=env, timeout=NO_HANG, cwd=ROOT
    )


def problems(out: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr
    return [line.removeprefix("kfor-tui: ") for line in out.stderr.splitlines()]


def assert_defaults(out: subprocess.CompletedProcess[str]) -> None:
    for line in ("color = auto  (default)", "max_file_mb = 8  (default)", "mouse = false  (default)"):
        assert line in out.stdout.splitlines(), out.stdout


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


# ---- not a regular file: refused at once, never opened for reading -------------------------------------------


def test_a_fifo_config_is_refused_at_once_and_never_opened(config: Path) -> None:
    os.mkfifo(config)
    opened = threading.Event()

    def writer() -> None:  # blocks until someone opens the FIFO for reading
        with open(config, "w") as fifo:
            opened.set()
            fifo.write('theme = "amber"\n')

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        for command in (["config"], ["check", str(MINIMAL)]):
            started = time.monotonic()
            out = kfor(*command, config=config)
            assert time.monotonic() - started < NO_HANG
            assert out.returncode == 0, out.stderr
            assert problems(out) == [f"{config}:1:1: a FIFO, not a regular file; not opened; using defaults"]
        assert_defaults(kfor("config", config=config))
        assert not opened.is_set()  # no command ever opened it for reading
    finally:
        with open(config) as reader:  # release the writer
            reader.read()
        thread.join(timeout=5)


@pytest.mark.parametrize(("make", "kind"), [("folder", "a folder"), ("device", "a device")])
def test_a_folder_or_device_config_is_refused(tmp_path: Path, make: str, kind: str) -> None:
    if make == "folder":
        path = tmp_path / "config.toml"
        path.mkdir()
    else:
        path = Path("/dev/zero")  # reading it would never end
        if not path.exists():
            pytest.skip("no /dev/zero")
    out = kfor("config", config=path)
    assert out.returncode == 0
    assert problems(out) == [f"{path}:1:1: {kind}, not a regular file; not opened; using defaults"]
    assert_defaults(out)


def test_the_app_and_save_setting_refuse_a_fifo_without_waiting(config: Path) -> None:
    os.mkfifo(config)
    env = {"KFOR_CONFIG": str(config)}
    started = time.monotonic()
    settings = load_settings({}, env)
    assert settings.warnings == [f"{config}:1:1: a FIFO, not a regular file; not opened; using defaults"]
    with pytest.raises(ValueError, match="a FIFO, not a regular file; not opened; not overwritten"):
        save_setting("theme", "amber", env)
    assert time.monotonic() - started < 5
    assert config.is_fifo()  # never replaced by a regular file


# ---- the file's bytes --------------------------------------------------------------------------------------------

DEEP = {
    "arrays": ("a = " + "[" * 5000 + "]" * 5000 + "\n", "1:36"),
    "tables": ("[" + ".".join(["t"] * 200) + "]\nx = 1\n", "1:1"),
    "dotted keys": (".".join(["k"] * 200) + " = 1\n", "1:1"),
    "inline tables": ("theme = 'x'\nv = " + "{a = " * 100 + "1" + "}" * 100 + "\n", "2:"),
    "under a table": ("[keymap]\nyank = " + "[" * 40 + "]" * 40 + "\n", "2:"),
}


@pytest.mark.parametrize("case", DEEP)
def test_deep_nesting_is_one_message_never_a_crash(config: Path, case: str) -> None:
    text, where = DEEP[case]
    config.write_text(text, encoding="utf-8")
    for command in (["config"], ["check", str(MINIMAL)], ["search", "Luxembourg", str(MINIMAL)]):
        out = kfor(*command, config=config)
        assert out.returncode == 0, (command, out.stderr)
        [line] = problems(out)
        assert line.startswith(f"{config}:{where}"), line
        assert line.endswith(
            "nesting deeper than 32 levels (tables, arrays and dotted keys together); not read; using defaults"
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'theme = "amber"\n\xff\xfe\n', "2:1: not UTF-8: byte 0xff cannot be decoded; save it as UTF-8"),
        (b'theme = "amber"\nco\x00lor = "16"\n', "2:3: a NUL byte: a binary file, not TOML"),
        (b"theme = \n", "1:9: not valid TOML: Invalid value"),
        (b'theme = "a\n', "1:11: not valid TOML: Illegal character '\\n'"),
        (b'theme = "a"\ntheme = "b"\n', "2:12: not valid TOML: Cannot overwrite a value"),
        (b'x = "\x1b]0;pwned\x07"\n', "1:6: not valid TOML: Illegal character '\\x1b'"),
    ],
)
def test_a_broken_file_is_one_positioned_message_and_the_defaults(config: Path, data: bytes, message: str) -> None:
    config.write_bytes(data)
    out = kfor("config", config=config)
    assert out.returncode == 0
    assert problems(out) == [f"{config}:{message}; using defaults"]
    assert_defaults(out)


def test_crlf_line_endings_and_a_bom_are_read(config: Path) -> None:
    config.write_bytes(b'\xef\xbb\xbftheme = "amber"\r\ncolor = "16"\r\n\r\n[keymap]\r\nyank = "c"\r\n')
    s = load_settings({}, {"KFOR_CONFIG": str(config)})
    assert s.warnings == [] and (s.theme, s.color, s.keymap) == ("amber", "16", {"yank": "c"})
    assert s.sources["color"] == f"file {config}:2:1"


def test_a_huge_file_is_refused_unread(config: Path) -> None:
    config.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    out = kfor("config", config=config)
    assert problems(out) == [f"{config}:1:1: the file is 3.0 MiB, over the 1.0 MiB limit; not read; using defaults"]


def test_many_unknown_keys_are_counted_not_listed_one_by_one(config: Path) -> None:
    config.write_text("".join(f"key{i} = {i}\n" for i in range(20000)), encoding="utf-8")
    started = time.monotonic()
    s = load_settings({}, {"KFOR_CONFIG": str(config)})
    assert time.monotonic() - started < 5  # one pass for the positions, not one per key
    assert len(s.warnings) == MAX_REPORTED + 1
    assert s.warnings[0].startswith(f"{config}:1:1: unknown setting 'key0'; known: ")
    assert s.warnings[-1] == f"{config}: {20000 - MAX_REPORTED} more unknown settings; ignored"


# ---- values: type and range, each refused on its own; the next source applies ---------------------------------

KEYS = "keymap 'yank' must be keys like \"j,down\" (at most 16, without spaces or control characters), not "
PATH = "briefings: {} is not a usable path (empty, over 4096 characters, or with control characters); ignored"
NAME = "theme must be a theme name (lower-case letters, digits and hyphens), not "
MIB = "must be a positive number of MiB, finite and below 1099511627776"
VALUES = [
    ("max_file_mb = nan", f"max_file_mb {MIB}, not nan; ignored"),
    ("max_file_mb = inf", f"max_file_mb {MIB}, not inf; ignored"),
    ("max_file_mb = -inf", f"max_file_mb {MIB}, not -inf; ignored"),
    ("max_file_mb = 1e308", f"max_file_mb {MIB}, not 1e+308; ignored"),
    ("max_total_mb = 0", f"max_total_mb {MIB}, not 0; ignored"),
    ("max_total_mb = -5", f"max_total_mb {MIB}, not -5; ignored"),
    (
        "max_total_mb = 123456789012345678901234567890",
        f"max_total_mb {MIB}, not 123456789012345678901234567890; ignored",
    ),
    ('max_file_mb = "8"', f"max_file_mb {MIB}, not '8'; ignored"),  # a number in the file, not a string
    ("max_file_mb = true", f"max_file_mb {MIB}, not True; ignored"),
    ('mouse = "yes"', "mouse must be true or false, not 'yes'; ignored"),  # a boolean, not a string
    ("ascii = 1", "ascii must be true or false, not 1; ignored"),
    ("watch = nan", "watch must be true or false, not nan; ignored"),
    ("color = true", "color must be one of auto, truecolor, 256, 16, none, not True; ignored"),
    ("color = [16]", "color must be one of auto, truecolor, 256, 16, none, not [16]; ignored"),
    (
        'theme = "../../etc/passwd"',
        NAME + "'../../etc/passwd'; ignored",
    ),
    ('theme = "Amber"', NAME + "'Amber'; ignored"),
    (
        'theme = "a\\u001b[31m"',
        NAME + "'a\\x1b[31m'; ignored",
    ),
    ("theme = 5", NAME + "5; ignored"),
    (
        'theme = "' + "a" * 5000 + '"',
        NAME + "'" + "a" * 56 + "...; ignored",
    ),
    ("briefings = 5", "briefings must be a folder path (or a list of them), not 5; ignored"),
    ('briefings = ["a", 5]', "briefings must be a folder path (or a list of them), not ['a', 5]; ignored"),
    (
        'briefings = "a\\u0000b"',
        PATH.format("'a\\x00b'"),
    ),
    (
        'briefings = ["\\u001b]0;x\\u0007"]',
        PATH.format("'\\x1b]0;x\\x07'"),
    ),
]


@pytest.mark.parametrize(("line", "message"), VALUES, ids=[v[0][:40] for v in VALUES])
def test_each_bad_value_is_refused_with_its_position(config: Path, line: str, message: str) -> None:
    config.write_text(f"# hostile\n{line}\n", encoding="utf-8")
    s = load_settings({}, {"KFOR_CONFIG": str(config)})
    assert s.warnings == [f"{config}:2:1: {message}"]
    name = line.split(" = ")[0]
    assert s.sources[name] == "default"


def test_bad_values_in_the_commands(config: Path) -> None:
    config.write_text(
        'max_file_mb = nan\nmax_total_mb = 1e308\nbriefings = "x\\u0000y"\ntheme = "\\u001b[2J"\n', encoding="utf-8"
    )
    out = kfor("check", config=config)  # without PATH: the bundled briefings, as the NUL path is refused
    assert out.returncode == 0, out.stderr
    assert len(problems(out)) == 4 and "0 errors" in out.stdout
    out = kfor("config", config=config)
    assert out.returncode == 0 and "\x1b" not in out.stdout + out.stderr
    assert_defaults(out)


def test_environment_strings_are_parsed_and_checked_the_same(config: Path) -> None:
    env = {"KFOR_CONFIG": str(config)}
    s = load_settings({}, {**env, "KFOR_MAX_FILE_MB": "nan", "KFOR_MOUSE": "yes", "KFOR_THEME": "../x"})
    assert s.mouse is True  # a string is how an environment variable says yes
    assert s.max_file_mb == 8 and s.theme is None
    assert [w.split(":")[0] for w in s.warnings] == ["KFOR_THEME", "KFOR_MAX_FILE_MB"]
    s = load_settings({}, {**env, "KFOR_MAX_FILE_MB": "1e999"})
    assert s.max_file_mb == 8 and "not '1e999'" in s.warnings[0]


# ---- [keymap]: strings of keys --------------------------------------------------------------------------------

KEYMAP = [
    (
        "yank = 5",
        KEYS + "5; ignored",
    ),
    (
        "yank = nan",
        KEYS + "nan; ignored",
    ),
    (
        'yank = "c d"',
        KEYS + "'c d'; ignored",
    ),
    (
        'yank = "\\u001b[A"',
        KEYS + "'\\x1b[A'; ignored",
    ),
    (
        'yank = ["c", 1]',
        KEYS + "['c', 1]; ignored",
    ),
    (
        "yank = " + repr(",".join("abcdefghijklmnopq")),
        KEYS + "'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q'; ignored",
    ),
    (
        "yank = {a = 'c'}",
        KEYS + "{'a': 'c'}; ignored",
    ),
    ('"a b" = "c"', "keymap id 'a b' is not a binding id (letters, digits, '-', '_', '.'); ignored"),
    ('"\\u001b[31m" = "c"', "keymap id '\\x1b[31m' is not a binding id (letters, digits, '-', '_', '.'); ignored"),
]


@pytest.mark.parametrize(("line", "message"), KEYMAP, ids=[k[0][:30] for k in KEYMAP])
def test_bad_keymap_entries_are_refused(config: Path, line: str, message: str) -> None:
    config.write_text(f'[keymap]\ncursor-down = "j,ctrl+n"\n{line}\n', encoding="utf-8")
    s = load_settings({}, {"KFOR_CONFIG": str(config)})
    assert s.warnings == [f"{config}:3:1: {message}"]
    assert s.keymap == {"cursor-down": "j,ctrl+n"}


def test_a_keymap_that_is_not_a_table_and_a_bad_env_keymap(config: Path) -> None:
    config.write_text("keymap = 5\n", encoding="utf-8")
    env = {"KFOR_CONFIG": str(config), "KFOR_KEYMAP": "yank=c d;top=g;\x1b=x"}
    s = load_settings({}, env)
    assert s.keymap == {"top": "g"}
    assert s.warnings[0] == f'{config}:1:1: keymap must be a table, e.g. [keymap] cursor-down = "j,down"'
    assert s.warnings[1:] == [
        "KFOR_KEYMAP: 'yank=c d' is not binding-id=keys (entries separated by ';'); ignored",
        "KFOR_KEYMAP: '\\x1b=x' is not binding-id=keys (entries separated by ';'); ignored",
    ]


def test_config_command_with_a_hostile_keymap_prints_no_escape_sequences(config: Path) -> None:
    config.write_text('[keymap]\n"\\u001b]0;t\\u0007" = "c"\nyank = "\\u001b[2J"\nfrobnicate = "x"\n', encoding="utf-8")
    out = kfor("config", config=config)
    assert out.returncode == 0
    assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
    assert "unknown binding id 'frobnicate'" in out.stderr  # ui/keymap.py still reports unknown ids


# ---- the reader itself ------------------------------------------------------------------------------------------


def test_read_toml_is_the_one_door_for_small_toml_files(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    with pytest.raises(FileNotFoundError):
        read_toml(path)
    path.write_text("a = 1\n", encoding="utf-8")
    assert read_toml(path) == ({"a": 1}, "a = 1\n")
    path.write_text("a = 1\n" * 10, encoding="utf-8")
    with pytest.raises(ValueError, match=r"^1:1: the file is 60 bytes, over the 10 bytes limit; not read$"):
        read_toml(path, limit=10)
