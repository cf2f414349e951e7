"""The briefing files as committed at a git revision, read with git itself and loaded like any others.

Briefings kept in git are how a team shares them, so "what changed since HEAD" reads the files of a commit:
`git rev-parse` finds the repository and the commit, `git ls-tree` lists the files below the paths given,
`git cat-file --batch` copies their bytes into a temporary folder laid out as the repository is, and the
normal loader reads them there (every check and problem as usual; a problem's place is then
`REV:path:line:col`). git is run without a shell, with every path after `--` and no prompts; nothing is
written to the repository. Anything that goes wrong is a GitError with one line to show.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from msgspec import structs

from kfor_tui.io.reading import Limits
from kfor_tui.io.reload import Loader
from kfor_tui.io.sanitise import shown_name
from kfor_tui.model import Corpus

TIMEOUT_S = 120
# variables that would point git at another repository than the one the paths are in (a hook's, a script's)
_LOCATING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
)
_BLOB_MODES = (b"100644", b"100755")


class GitError(Exception):
    """git is missing, the paths are not in a repository, or the revision is unknown: one line for the user."""


@dataclass(frozen=True, slots=True)
class AtRevision:
    """The briefings at a revision: the corpus, the revision as given, and the commit it names."""

    corpus: Corpus
    rev: str
    commit: str
    short: str

    @property
    def label(self) -> str:
        """'git HEAD (abc1234)'."""
        return f"git {shown_name(self.rev)} ({self.short})"


def load_at_revision(paths: list[Path], rev: str, limits: Limits | None = None) -> AtRevision:
    """The briefing files below `paths` (files or folders of one git work tree) as committed at `rev`."""
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed (or not on PATH): --git needs it")
    if not rev or rev.startswith("-") or "\0" in rev:
        raise GitError(f"{shown_name(rev)!r} is not a git revision")
    top = _top_level(git, paths)
    commit = _git(git, top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    if not commit:
        raise GitError(f"unknown git revision {shown_name(rev)!r} in {shown_name(str(top))}")
    text = commit.decode("ascii", "replace")
    short = _git(git, top, "rev-parse", "--short", text).decode("ascii", "replace").strip() or text[:7]
    relative = [_relative(top, path) for path in paths]
    listing = _git(git, top, "ls-tree", "-r", "-z", "--full-tree", text, "--", *relative)
    named = {PurePosixPath(rel) for rel in relative}
    blobs: list[tuple[str, PurePosixPath]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        name = PurePosixPath(os.fsdecode(raw_name))
        if mode in _BLOB_MODES and kind == b"blob" and (name.suffix == ".toml" or name in named) and _safe(name):
            blobs.append((oid.decode("ascii"), name))
    with tempfile.TemporaryDirectory(prefix="kfor-tui-git-") as folder:
        root = Path(folder)
        _copy_blobs(git, top, root, blobs)
        # a path with nothing at the revision (a file or folder added since) held no briefings then
        held = [rel for rel in relative if any(_below(name, rel) for _, name in blobs)]
        corpus = Loader([root / rel for rel in held], limits).load() if held else Corpus()  # cache read, not written
        return AtRevision(_placed(corpus, root, short), rev, text, short)


def _top_level(git: str, paths: list[Path]) -> Path:
    tops: set[Path] = set()
    for path in paths:
        folder = path.resolve()
        while not folder.is_dir() and folder != folder.parent:  # a file, or a path gone from the work tree
            folder = folder.parent
        out = _git(
            git, folder, "rev-parse", "--show-toplevel", missing=f"{shown_name(str(path))} is not in a git work tree"
        )
        tops.add(Path(os.fsdecode(out.rstrip(b"\n"))).resolve())
    if len(tops) != 1:
        raise GitError("the paths given are in different git repositories: compare one at a time")
    return tops.pop()


def _relative(top: Path, path: Path) -> str:
    try:
        rel = path.resolve().relative_to(top)
    except ValueError:
        raise GitError(f"{shown_name(str(path))} is not in the git work tree {shown_name(str(top))}") from None
    return rel.as_posix() if rel.parts else "."


def _below(name: PurePosixPath, rel: str) -> bool:
    return rel == "." or name == PurePosixPath(rel) or PurePosixPath(rel) in name.parents


def _safe(name: PurePosixPath) -> bool:
    """A name git listed that stays inside the temporary folder (git never lists others; checked all the same)."""
    return not name.is_absolute() and all(part not in ("", ".", "..") for part in name.parts)


def _copy_blobs(git: str, top: Path, root: Path, blobs: list[tuple[str, PurePosixPath]]) -> None:
    """Each blob's bytes into root/name, streamed through one `git cat-file --batch` (no blob held whole)."""
    if not blobs:
        return
    wanted = root / ".wanted"
    wanted.write_bytes(b"".join(oid.encode("ascii") + b"\n" for oid, _ in blobs))
    with wanted.open("rb") as stdin:
        process = subprocess.Popen(
            [git, "-C", str(top), "cat-file", "--batch"], stdin=stdin, stdout=subprocess.PIPE, env=_environment()
        )
        assert process.stdout is not None
        try:
            for oid, name in blobs:
                header = process.stdout.readline().split()
                if len(header) != 3 or header[0].decode("ascii", "replace") != oid:
                    raise GitError(f"git could not read {shown_name(str(name))} at this revision")
                target = root.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                left = int(header[2])
                with target.open("wb") as out:
                    while left > 0:
                        chunk = process.stdout.read(min(left, 1 << 20))
                        if not chunk:
                            raise GitError(f"git stopped while reading {shown_name(str(name))}")
                        out.write(chunk)
                        left -= len(chunk)
                process.stdout.read(1)  # the newline after each blob
        finally:
            process.stdout.close()
            process.kill()
            process.wait()
    wanted.unlink()


def _placed(corpus: Corpus, root: Path, short: str) -> Corpus:
    """The corpus with the temporary folder's paths said as the revision's: 'abc1234:briefings/x.toml'."""
    prefix = str(root) + os.sep

    def place(path: str) -> str:
        return f"{short}:{path[len(prefix) :]}" if path.startswith(prefix) else path

    problems = tuple(structs.replace(p, path=place(p.path)) for p in corpus.problems)
    return dataclasses.replace(corpus, problems=problems, files=tuple(place(f) for f in corpus.files))


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _LOCATING}
    return {**env, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def _git(git: str, where: Path, *args: str, missing: str | None = None) -> bytes:
    """git's standard output; GitError with git's first line of complaint (or `missing`) when it fails."""
    try:
        done = subprocess.run(
            [git, "-C", str(where), *args], capture_output=True, timeout=TIMEOUT_S, env=_environment(), check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git did not run: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if args[:2] == ("rev-parse", "--verify"):
            return b""
        first = shown_name(said[0].removeprefix("fatal: ")) if said else f"git {args[0]} failed"
        if missing is not None and "not a git repository" not in first:
            raise GitError(f"{missing} ({first})")
        raise GitError(missing or first)
    return done.stdout
