"""Live reload in the io layer (kfor_tui.io.reload): only changed files are re-read, a broken save keeps the
last good version, deleted files disappear, new files in a watched folder are picked up."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kfor_tui.io import files, reading
from kfor_tui.io.loader import load
from kfor_tui.io.parallel_read import workers_for
from kfor_tui.io.reload import LAST_GOOD, Loader
from support import ROOT

HEAD = """format = "kfor-briefing/1"

[briefing]
id = "b-{n}"
title = "Briefing {n}"
as_of = 2025-07-10
marking = "UNCLASSIFIED"

[[sources]]
id = "src-{n}"
title = "{title}"
publisher = "Outlet"
published = "2025-07-05"
paragraphs = ["Around 500 Turkish service members arrived on 5 June."]
"""


def brief(n: int, title: str = "Article") -> str:
    return HEAD.format(n=n, title=title)


def touch_write(path: Path, text: str) -> None:
    """Write and make sure the stamp differs even on a coarse-mtime file system."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file read_toml parses, in order."""
    seen: list[str] = []
    real = reading.read_toml

    def counting(path: Path, shown: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(Path(path).name)
        return real(path, shown, *args, **kwargs)

    monkeypatch.setattr(reading, "read_toml", counting)
    monkeypatch.setattr(files, "read_toml", counting)
    return seen


def test_reloading_one_file_among_1000_reparses_only_that_file(tmp_path: Path, parses) -> None:
    for n in range(1000):
        (tmp_path / f"f{n:04d}.toml").write_text(brief(n), encoding="utf-8")
    loader = Loader([tmp_path])
    corpus = loader.load()
    # built in worker processes (io/parallel_read.py), which the `parses` fixture does not see: the loader counts
    assert (
        loader.parses == 1000
        and loader.parallel == (1000 if workers_for(1000) else 0)
        and len(corpus.sources) == 1000
        and not corpus.problems
    )
    assert not loader.changed()
    parses.clear()
    corpus, changes = loader.reload()
    assert parses == [] and changes == []  # nothing changed: nothing read
    touch_write(tmp_path / "f0500.toml", brief(500, "Renamed article"))
    assert loader.changed()
    started = time.perf_counter()
    corpus, changes = loader.reload()
    elapsed = time.perf_counter() - started
    assert parses == ["f0500.toml"]
    assert [(c.what, Path(c.path).name) for c in changes] == [("reloaded", "f0500.toml")]
    assert corpus.source("src-500").title == "Renamed article"
    assert len(corpus.sources) == 1000 and not corpus.problems
    assert corpus == load([tmp_path])  # the same corpus a fresh load gives
    assert elapsed < 10


def test_broken_save_keeps_the_last_good_version(tmp_path: Path, parses) -> None:
    good, other = tmp_path / "a.toml", tmp_path / "b.toml"
    good.write_text(brief(1, "Good title"), encoding="utf-8")
    other.write_text(brief(2), encoding="utf-8")
    loader = Loader([tmp_path])
    loader.load()
    text = brief(1, "Half written")
    touch_write(good, text[: text.index("paragraphs")] + 'paragraphs = ["unterminated')
    parses.clear()
    corpus, changes = loader.reload()
    assert parses == ["a.toml"]
    assert [(c.what, Path(c.path).name) for c in changes] == [("broken", "a.toml")]
    assert "has errors, showing the last good version" in changes[0].message
    assert corpus.source("src-1").title == "Good title"  # last good records kept
    assert corpus.source("src-2") is not None
    messages = [f"{Path(p.path).name}:{p.line}: {p.message}" for p in corpus.problems]
    assert f"a.toml:1: {LAST_GOOD}" in messages
    assert any(m.startswith("a.toml:") and "TOML syntax" in m for m in messages)  # and its actual error
    # polling again while it stays broken changes nothing and reads nothing
    parses.clear()
    assert not loader.changed()
    # fixed: the new version replaces the good one, the problem goes
    touch_write(good, brief(1, "Fixed title"))
    corpus, changes = loader.reload()
    assert [c.what for c in changes] == ["reloaded"]
    assert corpus.source("src-1").title == "Fixed title" and not corpus.problems


def test_missing_briefing_table_also_keeps_the_last_good_version(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(brief(1, "Good"), encoding="utf-8")
    loader = Loader([path])
    loader.load()
    touch_write(path, 'format = "kfor-briefing/1"\n')
    corpus, changes = loader.reload()
    assert [c.what for c in changes] == ["broken"]
    assert corpus.source("src-1").title == "Good"
    assert any("no [briefing] table" in p.message for p in corpus.problems)


def test_a_file_broken_from_the_start_has_nothing_to_keep(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("x = [", encoding="utf-8")
    loader = Loader([tmp_path])
    corpus = loader.load()
    assert not corpus.sources and any("TOML syntax" in p.message for p in corpus.problems)
    touch_write(path, "y = [")
    corpus, changes = loader.reload()
    assert [c.what for c in changes] == ["invalid"]
    assert not any(p.message == LAST_GOOD for p in corpus.problems)


def test_deleted_file_is_dropped_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(brief(1), encoding="utf-8")
    (tmp_path / "b.toml").write_text(brief(2), encoding="utf-8")
    loader = Loader([tmp_path])
    assert loader.load().source("src-2") is not None
    (tmp_path / "b.toml").unlink()
    assert loader.changed()
    corpus, changes = loader.reload()
    assert [(c.what, Path(c.path).name) for c in changes] == [("deleted", "b.toml")]
    assert "was deleted" in changes[0].message
    assert corpus.source("src-2") is None and corpus.source("src-1") is not None
    assert not corpus.problems


def test_deleted_file_named_on_the_command_line_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(brief(1), encoding="utf-8")
    loader = Loader([path])
    loader.load()
    path.unlink()
    corpus, changes = loader.reload()
    assert [c.what for c in changes] == ["deleted"]
    assert not corpus.sources and any("no such file" in p.message for p in corpus.problems)
    path.write_text(brief(1, "Back again"), encoding="utf-8")  # recreated: seen again
    assert loader.changed()
    corpus, changes = loader.reload()
    assert [c.what for c in changes] == ["added"] and corpus.source("src-1").title == "Back again"


def test_new_file_in_a_watched_folder_and_subfolder_is_picked_up(tmp_path: Path, parses) -> None:
    (tmp_path / "a.toml").write_text(brief(1), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    loader = Loader([tmp_path])
    loader.load()
    assert not loader.changed()
    (tmp_path / "sub" / "b.toml").write_text(brief(2), encoding="utf-8")
    assert loader.changed()  # the folder's mtime changed
    parses.clear()
    corpus, changes = loader.reload()
    assert parses == ["b.toml"]
    assert [(c.what, Path(c.path).name) for c in changes] == [("added", "b.toml")]
    assert corpus.source("src-2") is not None
    (tmp_path / "notes.txt").write_text("not a briefing", encoding="utf-8")
    assert loader.changed()
    corpus, changes = loader.reload()
    assert changes == []  # a folder changed, no briefing did


def test_cross_file_checks_follow_the_change(tmp_path: Path) -> None:
    """A duplicate id introduced by an edit is reported once, and disappears when the edit is undone:
    the cached per-file reports are never added to by an assembly."""
    (tmp_path / "a.toml").write_text(brief(1), encoding="utf-8")
    b = tmp_path / "b.toml"
    b.write_text(brief(2), encoding="utf-8")
    loader = Loader([tmp_path])
    loader.load()
    touch_write(b, brief(2).replace('id = "src-2"', 'id = "src-1"'))
    corpus, _ = loader.reload()
    assert sum("duplicate id 'src-1'" in p.message for p in corpus.problems) == 1
    touch_write(b, brief(2))
    corpus, _ = loader.reload()
    assert not corpus.problems
    touch_write(tmp_path / "a.toml", brief(1, "again"))  # reassemble with b cached: still no stale duplicate
    corpus, _ = loader.reload()
    assert not corpus.problems


def test_generated_corpus_one_changed_file(tmp_path: Path, parses) -> None:
    """The realistic generator (bench/generate.py): 60 articles, one changed, one file re-read."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    paths = generate(60, tmp_path / "corpus", seed=3)
    loader = Loader([tmp_path / "corpus"])
    first = loader.load()
    parses.clear()
    target = paths[7]
    touch_write(target, target.read_text(encoding="utf-8"))
    corpus, changes = loader.reload()
    assert parses == [target.name] and len(changes) == 1
    assert corpus == first
