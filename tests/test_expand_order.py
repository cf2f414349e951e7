"""Finding the briefings of a folder lists the same files, in the same order, as a walk with os.walk that
resolves every file: each folder's files by name, then its folders by name; hidden folders and links to
folders skipped; links to files followed, and a file reached twice listed once."""

from __future__ import annotations

import os
from pathlib import Path

from kfor_tui.io.reading import expand


def _walked(top: Path) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for folder, dirs, names in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".toml"):
                path = Path(folder) / name
                key = path.resolve()
                if key not in seen:
                    seen.add(key)
                    files.append(path)
    return files


def test_the_files_of_a_tree_with_links_and_hidden_folders(tmp_path: Path) -> None:
    top = tmp_path / "briefings"
    for rel in ["b.toml", "a.toml", "z/one.toml", "m/two.toml", "m/deep/three.toml", ".hidden/no.toml", "m/.x.toml"]:
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text("x = 1\n", encoding="utf-8")
    (top / "notes.txt").write_text("not toml", encoding="utf-8")
    (top / "link-to-a.toml").symlink_to(top / "a.toml")  # the same file again: listed once
    (top / "m" / "c.toml").symlink_to(tmp_path / "outside.toml")  # broken: listed, reported when read
    (top / "linked-folder").symlink_to(top / "m", target_is_directory=True)  # not entered
    (top / "folder.toml").mkdir()  # a folder named like a briefing is a folder
    (top / "folder.toml" / "inner.toml").write_text("x = 1\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "far.toml").write_text("x = 1\n", encoding="utf-8")
    (top / "z" / "far.toml").symlink_to(outside / "far.toml")

    files, problems = expand([top])
    assert files == _walked(top) and not problems
    assert [str(p.relative_to(top)) for p in files] == [
        "a.toml",
        "b.toml",
        "folder.toml/inner.toml",
        "m/.x.toml",
        "m/c.toml",
        "m/two.toml",
        "m/deep/three.toml",
        "z/far.toml",
        "z/one.toml",
    ]


def test_a_file_named_twice_and_inside_a_folder_named_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("x = 1\n", encoding="utf-8")
    files, _ = expand([tmp_path / "a.toml", tmp_path, Path(os.path.relpath(tmp_path / "a.toml"))])
    assert files == [tmp_path / "a.toml"]
