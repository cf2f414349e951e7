from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Never read or write the real user config: every test (and every subprocess it starts) sees an empty,
# private config folder and none of the user's KFOR_* settings.
_CONFIG_HOME = tempfile.mkdtemp(prefix="kfor-tui-test-config-")
os.environ["XDG_CONFIG_HOME"] = _CONFIG_HOME
os.environ["KFOR_CONFIG"] = os.path.join(_CONFIG_HOME, "kfor-tui", "config.toml")
# local times (the review marks' "since 1 Dec 10:40") read the same on every machine
os.environ["TZ"] = "UTC"
time.tzset()
# ... nor the real review database (the user data folder): each run gets its own
os.environ["XDG_DATA_HOME"] = os.path.join(_CONFIG_HOME, "data")
for _name in (
    "KFOR_THEME",
    "KFOR_COLOR",
    "KFOR_ASCII",
    "KFOR_MOUSE",
    "KFOR_BRIEFINGS",
    "KFOR_KEYMAP",
    "KFOR_MAX_FILE_MB",
    "KFOR_MAX_TOTAL_MB",
    "KFOR_CACHE_MAX_MB",
    "KFOR_WATCH",
    "KFOR_DATA_DIR",
    "KFOR_AUTHOR",
):
    os.environ.pop(_name, None)


@pytest.fixture
def write(tmp_path: Path):
    """Write a briefing file into a temporary folder and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


# The persistent load cache (kfor_tui/io/cache.py) is off in tests unless a test turns it on with a private
# folder (tests/test_cache.py); it never touches the user's cache folder.
os.environ["KFOR_CACHE"] = "0"
os.environ["KFOR_CACHE_DIR"] = os.path.join(_CONFIG_HOME, "cache")


@pytest.fixture(autouse=True)
def _own_review_database(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own review database (kfor_tui/io/review_store.py): a test that marks facts reviewed never
    changes the marks another test sees."""
    monkeypatch.setenv("KFOR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
