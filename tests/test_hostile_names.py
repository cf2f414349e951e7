"""File and folder names are data too: a name holding an escape sequence, a bidi override or a newline is
printed in a safe, one-line form by every command (stdout and stderr bytes checked), so no name can write to
the clipboard, set the terminal title, clear the screen, reorder a line or forge a `check` line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import MINIMAL, run_cli

NAMES = {
    "OSC 52": "z\x1b]52;c;UFdOLUNMSVA=\x1b\\.toml",
    "OSC 0 and CSI 2J": "t\x1b]0;PWNED-TITLE\x07\x1b[2J.toml",
    "C1 CSI": "c\x9b2J.toml",
    "bidi override": "x\u202elmot.toml",
    "forged line": "a\nforged.toml:9:9: error: x.toml",
    "tab and CR": "tab\there\rnow.toml",
}
FORBIDDEN = [b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode(), b"\r"]


def hostile_folder(tmp_path: Path, valid: bool) -> Path:
    folder = tmp_path / ("valid" if valid else "broken")
    folder.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    for number, name in enumerate(NAMES.values()):
        body = text.replace('id = "', f'id = "n{number}-') if valid else "this is = = not TOML\n"
        if valid:  # references follow the renamed ids
            body = re.sub(r'"(src-a|org:kfor|person:backes|place:novo-selo)"', rf'"n{number}-\1"', body)
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def assert_clean(data: bytes, what: str) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in data, f"{forbidden!r} from a file name reached {what}"


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


@pytest.mark.parametrize("valid", [False, True])
def test_check_prints_names_safely_on_one_line_each(tmp_path: Path, valid: bool) -> None:
    folder = hostile_folder(tmp_path, valid)
    out = run_cli("check", str(folder))
    assert_clean(out.stdout.encode(), "check's stdout")
    assert_clean(out.stderr.encode(), "check's stderr")
    printed = lines(out.stdout)
    if not valid:
        assert out.returncode == 1
        assert len(printed) == len(NAMES) + 1  # one line per file, then the summary: nothing forged
        assert all(line.startswith(str(folder)) for line in printed[:-1]), printed
        assert not any(line.startswith("forged.toml") for line in printed)
        shown = "\n".join(printed)
        assert "z^[]52;c;UFdOLUNMSVA=^[\\\\.toml" in shown
        assert "t^[]0;PWNED-TITLE^G^[[2J.toml" in shown
        assert "c<9B>2J.toml" in shown and "x<U+202E>lmot.toml" in shown
        assert "a\\nforged.toml:9:9: error: x.toml:1:" in shown
    else:
        assert out.returncode == 0, out.stdout
        assert printed == [f"{len(NAMES)} files, {len(NAMES)} sources, {3 * len(NAMES)} facts, 0 errors, 0 warnings"]


def test_export_and_search_print_names_safely(tmp_path: Path) -> None:
    broken = hostile_folder(tmp_path, valid=False)
    refused = run_cli("export", "--format", "json", str(broken))
    assert refused.returncode == 1
    assert_clean(refused.stdout.encode() + refused.stderr.encode(), "export's output")
    found = run_cli("search", "backes", str(broken))
    assert_clean(found.stdout.encode() + found.stderr.encode(), "search's output")
    valid = hostile_folder(tmp_path, valid=True)
    target = tmp_path / "out\x1b]0;PWNED\x07.md"
    wrote = run_cli("export", "--format", "markdown", "-o", str(target), str(valid))
    assert wrote.returncode == 0, wrote.stderr
    assert_clean(wrote.stderr.encode(), "export's message")
    assert "out^[]0;PWNED^G.md" in wrote.stderr
    assert target.exists()  # the file itself has the name asked for: only what is printed is made safe


def test_a_path_that_is_not_utf8_is_shown_not_crashed_on(tmp_path: Path) -> None:
    folder = tmp_path / "bytes"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff\xfe.toml")
    (folder / name).write_text("not = = toml\n", encoding="utf-8")
    out = run_cli("check", str(folder))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "bad<xFF><xFE>.toml:1:" in out.stdout


def test_config_prints_a_hostile_config_path_safely(tmp_path: Path) -> None:
    config = tmp_path / "conf\x1b]0;PWNED\x07\nforged.toml"
    config.write_text("max_file_mb = nan\n", encoding="utf-8")
    env = {**os.environ, "KFOR_CONFIG": str(config)}
    out = run_cli("config", env=env)
    assert out.returncode == 0
    assert_clean(out.stdout.encode() + out.stderr.encode(), "config's output")
    assert "conf^[]0;PWNED^G\\nforged.toml" in out.stdout
    assert "conf^[]0;PWNED^G\\nforged.toml:1:1: max_file_mb must be a positive number" in out.stderr
