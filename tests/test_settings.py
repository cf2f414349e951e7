"""Settings: flag > KFOR_* environment > config.toml > default; warnings, broken files, atomic saves."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kfor_tui.settings import config_path, load_settings, save_setting

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cfg(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A private config file and an environment that points at it (never the real user config)."""
    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    return path, {"KFOR_CONFIG": str(path)}


def test_defaults_without_a_file(cfg) -> None:
    path, env = cfg
    s = load_settings({}, env)
    assert (s.theme, s.color, s.ascii, s.mouse, s.briefings) == (None, "auto", False, False, None)
    assert set(s.sources.values()) == {"default"} and s.warnings == [] and s.keymap == {}
    assert s.path == path


def test_precedence_flag_env_file_default(cfg) -> None:
    path, env = cfg
    path.write_text('theme = "file-theme"\ncolor = "16"\nmouse = true\nascii = true\n', encoding="utf-8")
    env = {**env, "KFOR_THEME": "env-theme", "KFOR_COLOR": "256"}
    s = load_settings({"theme": "flag-theme", "mouse": None}, env)
    assert s.theme == "flag-theme" and s.sources["theme"] == "flag --theme"
    assert s.color == "256" and s.sources["color"] == "env KFOR_COLOR"
    assert s.mouse is True and s.sources["mouse"].startswith(f"file {path}:3")
    assert s.ascii is True and s.sources["ascii"].startswith("file ")
    assert s.briefings is None and s.sources["briefings"] == "default"
    s = load_settings({}, env)
    assert s.theme == "env-theme" and s.sources["theme"] == "env KFOR_THEME"


def test_env_booleans_and_briefings_paths(cfg, tmp_path: Path) -> None:
    _, env = cfg
    s = load_settings(
        {}, {**env, "KFOR_MOUSE": "1", "KFOR_ASCII": "off", "KFOR_BRIEFINGS": f"{tmp_path}/a{os.pathsep}{tmp_path}/b"}
    )
    assert s.mouse is True and s.ascii is False
    assert s.briefings == [tmp_path / "a", tmp_path / "b"]


def test_xdg_config_home_locates_the_file(tmp_path: Path) -> None:
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "kfor-tui" / "config.toml"


def test_unknown_keys_and_bad_values_are_warned_with_file_and_line(cfg) -> None:
    path, env = cfg
    path.write_text('theme = "x"\ncolour = "16"\ncolor = "millions"\n\n[keymap]\ncursor-down = 5\n', encoding="utf-8")
    s = load_settings({}, env)
    text = "\n".join(s.warnings)
    assert f"{path}:2:1: unknown setting 'colour'" in text
    assert "color must be one of" in text and f"{path}:3:1" in text
    assert s.color == "auto" and s.sources["color"] == "default"  # the bad value falls through
    assert f"{path}:6:1: keymap 'cursor-down'" in text and s.keymap == {}
    assert s.theme == "x"


def test_invalid_value_falls_through_to_the_next_source(cfg) -> None:
    path, env = cfg
    path.write_text('color = "16"\n', encoding="utf-8")
    s = load_settings({}, {**env, "KFOR_COLOR": "lots"})
    assert s.color == "16" and s.sources["color"].startswith("file ")
    assert any("KFOR_COLOR: color must be one of" in w for w in s.warnings)


def test_broken_file_one_message_and_defaults(cfg) -> None:
    path, env = cfg
    path.write_text('theme = "dark\n[keymap\n', encoding="utf-8")
    s = load_settings({}, env)
    assert len(s.warnings) == 1
    assert s.warnings[0].startswith(f"{path}:1:14: not valid TOML: ")  # path:line:col, like every other warning
    assert s.theme is None and s.color == "auto"


def test_keymap_from_file_and_env(cfg) -> None:
    path, env = cfg
    path.write_text('[keymap]\ncursor-down = "j, ctrl+n"\ntop = ["g", "home"]\n', encoding="utf-8")
    s = load_settings({}, {**env, "KFOR_KEYMAP": "top=ctrl+t; yank=c"})
    assert s.keymap == {"cursor-down": "j,ctrl+n", "top": "ctrl+t", "yank": "c"}
    assert s.keymap_sources["top"] == "env KFOR_KEYMAP" and s.keymap_sources["cursor-down"].startswith("file ")
    s = load_settings({}, {**env, "KFOR_KEYMAP": "nonsense"})
    assert any("KFOR_KEYMAP" in w for w in s.warnings)


def test_save_setting_keeps_other_keys_and_is_atomic(cfg) -> None:
    path, env = cfg
    path.write_text(
        'theme = "old"\nmouse = true\nmine = "kept"\n\n[keymap]\ncursor-down = "ctrl+n"\n', encoding="utf-8"
    )
    save_setting("theme", "high-contrast", env)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "high-contrast", "mouse": True, "mine": "kept", "keymap": {"cursor-down": "ctrl+n"}}
    save_setting("keymap.yank", "c", env)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["keymap"] == {"cursor-down": "ctrl+n", "yank": "c"}
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left behind
    assert load_settings({}, env).theme == "high-contrast"


def test_save_setting_creates_the_folder_and_round_trips(tmp_path: Path) -> None:
    env = {"KFOR_CONFIG": str(tmp_path / "new" / "dir" / "config.toml")}
    for name, value in (
        ("theme", "night"),
        ("color", "16"),
        ("ascii", True),
        ("mouse", False),
        ("briefings", str(tmp_path)),
    ):
        save_setting(name, value, env)
    s = load_settings({}, env)
    assert (s.theme, s.color, s.ascii, s.mouse, s.briefings) == ("night", "16", True, False, [tmp_path])
    assert s.warnings == [] and all(
        s.sources[name].startswith("file ") for name in ("theme", "color", "ascii", "mouse", "briefings")
    )
    text = Path(env["KFOR_CONFIG"]).read_text(encoding="utf-8")
    save_setting("theme", "night", env)
    assert Path(env["KFOR_CONFIG"]).read_text(encoding="utf-8") == text  # comment-free round trip is stable


def test_save_setting_refuses_bad_input_and_never_clobbers_a_broken_file(cfg) -> None:
    path, env = cfg
    with pytest.raises(ValueError, match="unknown setting"):
        save_setting("colour", "16", env)
    with pytest.raises(ValueError, match="color must be one of"):
        save_setting("color", "lots", env)
    path.write_text("theme = [broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not overwritten"):
        save_setting("theme", "night", env)
    assert path.read_text(encoding="utf-8") == "theme = [broken\n"


def _config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "kfor_tui", "config"], capture_output=True, text=True, env=full, timeout=60, cwd=ROOT
    )


def test_config_command_prints_values_sources_and_path(cfg) -> None:
    path, env = cfg
    path.write_text(
        'theme = "amber"\ncolour = "16"\n\n[keymap]\ncursor-down = "ctrl+n"\nfrobnicate = "x"\ntop = "k"\n',
        encoding="utf-8",
    )
    out = _config({**env, "KFOR_COLOR": "256"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"# config file: {path}"
    assert f"theme = amber  (file {path}:1:1)" in lines
    assert "color = 256  (env KFOR_COLOR)" in lines
    assert "mouse = false  (default)" in lines
    assert any(line.startswith('cursor-down = "ctrl+n"  (file ') for line in lines)
    assert "unknown setting 'colour'" in out.stderr
    assert "unknown binding id 'frobnicate'" in out.stderr
    assert "keymap clash in lists: k is bound to cursor-up, top" in out.stderr
    assert "Traceback" not in out.stderr
    assert any(line.startswith("# load cache: ") for line in lines)  # where the load cache is, or that it is off
    assert lines[-1].startswith("# review database: ")
    on = _config({**env, "KFOR_CACHE": "1", "KFOR_CACHE_DIR": str(path.parent / "cache")})
    assert f"# load cache: {path.parent / 'cache'}  (KFOR_CACHE_DIR; KFOR_CACHE=0 turns it off)" in on.stdout
    off = _config({**env, "KFOR_CACHE": "0"})
    assert "# load cache: off  (KFOR_CACHE)" in off.stdout


def test_config_command_with_a_broken_file_exits_0_with_one_message(cfg) -> None:
    path, env = cfg
    path.write_text("theme = \n", encoding="utf-8")
    out = _config(env)
    assert out.returncode == 0
    assert "color = auto  (default)" in out.stdout
    assert out.stderr.count("\n") == 1 and "not valid TOML" in out.stderr and "Traceback" not in out.stderr


def test_briefings_setting_is_used_by_commands(cfg, tmp_path: Path) -> None:
    path, env = cfg
    empty = tmp_path / "none-here"
    empty.mkdir()
    path.write_text(f'briefings = "{empty}"\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "kfor_tui", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        cwd=ROOT,
    )
    assert "0 files" in out.stdout or "0 sources" in out.stdout, out.stdout + out.stderr
