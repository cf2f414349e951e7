"""Folders of data shipped with kfor-tui (the bundled briefings, the themes)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/kfor_tui, or site-packages/kfor_tui when installed


def bundled_folder(name: str) -> Path:
    """The folder `name` shipped with kfor-tui: inside the installed package (the wheel force-includes it,
    see pyproject.toml), or at the root of a checkout, beside src/. When neither exists, the package's own
    path, so that the caller reports a folder that is missing rather than some other one."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / name
