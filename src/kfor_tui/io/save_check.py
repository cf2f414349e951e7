"""What `kfor-tui check` would say about a briefing file as a save would leave it, before it is written.

A record's references (its source, nation codes, organisations and people) may live in other files of the
corpus (briefings/reference.toml), so the file is checked among them: the same reading, building and
cross-file checks as every load (io/files.read_file, io/assemble.assemble), once with the file as it is
and once as it would be. The candidate text goes to a private temporary folder, never beside the file, so
nothing a live reload watches sees it. What the change adds is the difference: the problems of the
candidate that the file as it is does not have (compared without line numbers, which a change shifts).
No load cache is read or written.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kfor_tui.io.assemble import assemble
from kfor_tui.io.files import LoadedFile, read_file
from kfor_tui.io.reading import display_path, expand
from kfor_tui.model import Corpus, Problem

_POSITION = re.compile(r":[0-9]+:[0-9]+")
TEMP_PREFIX = "kfor-tui-save-"
STALE_SECONDS = 600  # a check takes seconds: a folder this old was left by a save that was killed


@dataclass
class Trial:
    """The corpus as it would be (`corpus`), its problems (`problems`) and those the change adds (`added`),
    at the file's real name; whether the file would no longer load (`broken`); the file's name as shown
    (`shown`); the files as they are now (`files`: who names what, for a delete); and the name the file's
    records carry in `corpus` (`stand_in`: the temporary copy's)."""

    corpus: Corpus
    problems: list[Problem]
    added: list[Problem]
    broken: bool
    shown: str
    files: list[LoadedFile]
    stand_in: str


def context_files(path: Path, context: Sequence[Path] | None) -> list[Path]:
    """The files to check `path` among: those below `context` (the corpus the app loaded), else the
    briefing files beside it (not below: a file in a home folder must not start a walk of the home folder);
    `path` itself is always one of them."""
    if context:
        files, _ = expand(list(context))
    else:
        folder = path.parent
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        files = [folder / name for name in names if name.endswith(".toml") and not name.startswith(".")]
        files = [file for file in files if file.is_file()]
    target = _key(path)
    if not any(_key(file) == target for file in files):
        files.append(path)
    return files


def _key(path: Path) -> str:
    return os.path.realpath(path)


def trial(path: Path, before: bytes, after: bytes, context: Sequence[Path] | None = None) -> Trial:
    """Check `path` holding `after` among its context files, against it holding `before`."""
    files = context_files(path, context)
    target = _key(path)
    shown = display_path(path)
    sweep(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        stand_in = Path(folder) / (path.name if path.name.endswith(".toml") else "briefing.toml")
        stand_in.write_bytes(before)
        now = read_file(stand_in)
        stand_in.write_bytes(after)
        then = read_file(stand_in)
    temp_shown = now.report.path
    others = {str(file): read_file(file) for file in files if _key(file) != target}
    current = [now if _key(file) == target else others[str(file)] for file in files]
    changed = [then if _key(file) == target else others[str(file)] for file in files]
    order = [file.report.path for file in current]
    before_corpus = assemble([file.for_checks() for file in current], [], order)
    corpus = assemble([file.for_checks() for file in changed], [], order)
    seen = Counter(_comparable(problem) for problem in before_corpus.problems)
    problems = [_renamed(problem, temp_shown, shown) for problem in corpus.problems]
    added: list[Problem] = []
    for problem, renamed in zip(corpus.problems, problems, strict=True):
        key = _comparable(problem)
        if seen[key]:
            seen[key] -= 1
        else:
            added.append(renamed)
    return Trial(corpus, problems, added, then.broken, shown, current, temp_shown)


def _comparable(problem: Problem) -> tuple[str, str, str]:
    return problem.path, problem.severity, _POSITION.sub("", problem.message)


def _renamed(problem: Problem, temp: str, shown: str) -> Problem:
    """The problem as `check` would print it for the real file (the stand-in's name replaced)."""
    path = shown if problem.path == temp else problem.path
    return Problem(path, problem.line, problem.col, problem.severity, problem.message.replace(temp, shown))


def sweep(folder: Path, now: float | None = None) -> list[str]:
    """Remove the temporary folders of checks whose save was killed (nothing else can): named like ours,
    real folders (not links), owned by this user, over STALE_SECONDS old. Never raises; returns the names."""
    now = time.time() if now is None else now
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and now - info.st_mtime > STALE_SECONDS:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    return removed
