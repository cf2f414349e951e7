"""When a briefing cannot be written (the bundled briefings inside the installed package, a read-only file):
offer to copy the briefings loaded from its folder into a folder of the writer's own, where capture, edit
and delete work. The whole folder, so the ids its files share (org:kfor in reference.toml) still resolve.
Nothing is overwritten: the folder must be new or empty; each file is written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from kfor_tui.io.atomic import write_atomic
from kfor_tui.io.reading import display_path, expand
from kfor_tui.io.sanitise import shown_name
from kfor_tui.ui.prompt import Prompt


def loaded_beside(app: App[Any], path: Path) -> list[Path]:
    """The loaded briefing files in `path`'s folder and below it."""
    session = getattr(app, "session", None)
    files, _ = expand(list(getattr(session, "paths", [])))
    folder = path.parent.resolve()
    return [f for f in files if f.resolve().is_relative_to(folder)] or [path]


def free_folder(base: Path) -> Path:
    """`base`, or `base-2`, `base-3`... : the first that does not exist or is empty."""
    candidate, number = base, 1
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def copy_briefings(files: list[Path], source_folder: Path, target: Path) -> int:
    """Copy `files` (below `source_folder`) into `target`, keeping their places below it. OSError when the
    target is not a new or empty folder, or a file cannot be read or written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OSError(f"{shown_name(str(target))} exists and is not an empty folder")
    root = source_folder.resolve()
    for file in files:
        destination = target / file.resolve().relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(destination, file.read_bytes())
    return len(files)


def offer_copy(app: App[Any], path: Path) -> None:
    """Ask where to copy the briefings of `path`'s folder (esc: nowhere), copy them, and say how to open them."""
    files = loaded_beside(app, path)
    home = Path.home()
    suggested = free_folder(home / "kfor-briefings")
    shown = f"~/{suggested.relative_to(home)}" if suggested.is_relative_to(home) else str(suggested)

    def done(answer: str | None) -> None:
        if not answer or not answer.strip():
            return
        target = Path(answer.strip()).expanduser()
        try:
            count = copy_briefings(files, path.parent, target)
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            app.notify(f"Not copied: {shown_name(why)}", title="Copy", severity="warning", markup=False, timeout=10)
            return
        where = display_path(target)
        app.notify(
            f"Copied {count} briefing file(s) to {where}. Capture, edit and delete work there: kfor-tui {where}",
            title="Copied",
            markup=False,
            timeout=15,
        )

    app.push_screen(
        Prompt(
            "copy to:",
            "a new or empty folder for a copy you can write (enter copies, esc does not)",
            shown,
        ),
        done,
    )
