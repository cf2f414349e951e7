"""`kfor-tui changes --git REV`: the briefing files as committed, read with git, against the files as they are."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from kfor_tui.cli import main
from kfor_tui.io.loader import bundled_briefings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ADDED = """
[[events]]
id = "evt-nato-supports-dialogue-2023-06-13"
title = "NATO continues to support the EU-facilitated dialogue between Belgrade and Pristina"
kind = "statement"
when = 2023-06-13
actors = ["org:nato"]

[[events.cite]]
src = "src-nato-2023-06-13-geoana-lajcak"
quote = "NATO also continues to support the EU-facilitated dialogue between Belgrade and Pristina"
credibility = 2

"""
FIGURES = "# ---------------------------------------------------------------- figures"


def git(repo, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path):
    """A git repository holding a bundled-like briefing (and the reference file it names) in one commit."""
    root = tmp_path / "team"
    folder = root / "briefings"
    folder.mkdir(parents=True)
    for name in ("2023-06-nato-eu-geoana-lajcak.toml", "reference.toml"):
        shutil.copy(bundled_briefings() / name, folder / name)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "briefings")
    return root


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def edit(repo) -> None:
    """One figure's value and quote edited together, one fact added, one removed."""
    path = repo / "briefings" / "2023-06-nato-eu-geoana-lajcak.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[events]]\nid = "evt-unscr-1244-1999"')
    text = text[:start] + ADDED + text[text.index(FIGURES) :]
    old_value = 'value = { value = 4000, qualifier = "more_than", text = "well over 4,000 troops" }'
    old_quote = 'quote = "our KFOR mission on the ground, with well over 4,000 troops"'
    assert old_value in text and old_quote in text
    text = text.replace(old_value, 'value = { value = 4000, qualifier = "more_than", text = "well over 4,000" }')
    text = text.replace(old_quote, 'quote = "with well over 4,000 troops"')
    path.write_text(text, encoding="utf-8")


def test_changes_since_head_are_exactly_the_edits(capsys, repo):
    assert main(["check", "--strict", str(repo / "briefings")]) == 0
    capsys.readouterr()
    assert run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD")[1].splitlines()[-1] == "no changes"
    edit(repo)
    short = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert main(["check", "--strict", str(repo / "briefings")]) == 0, capsys.readouterr().out
    capsys.readouterr()
    code, out, err = run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD", "--json")
    assert code == 0 and err == f"kfor-tui changes: changes since git HEAD ({short})\n"
    changes = [json.loads(line) for line in out.splitlines()]
    assert [(c["change"], c["id"]) for c in changes] == [
        ("added", "evt-nato-supports-dialogue-2023-06-13"),
        ("changed", "fig-kfor-troops-2023-06"),
        ("removed", "evt-unscr-1244-1999"),
    ]
    fields = {f["field"]: (f["old"], f["new"]) for f in changes[1]["fields"]}
    assert set(fields) == {"cite", "value"}
    assert fields["value"] == ("well over 4,000 troops (>4,000)", "well over 4,000 (>4,000)")
    assert changes[2]["cites"] == [
        "NATO, 13 Jun 2023, B2: “in line with its UN mandate based on the United Nations Security Council "
        "Resolution 1244 of 1999”"
    ]
    code, out, _ = run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD")
    assert f"changes since git HEAD ({short}): 1 added, 1 changed, 1 removed facts" in out
    assert "  value: well over 4,000 troops (>4,000) -> well over 4,000 (>4,000)" in out


def test_the_files_at_a_revision_are_found_from_a_subfolder_and_a_single_file(capsys, repo, monkeypatch):
    edit(repo)
    monkeypatch.chdir(repo / "briefings")
    code, out, _ = run(capsys, "changes", ".", "--git", "HEAD", "--json")
    assert code == 0 and len(out.splitlines()) == 3
    file = "2023-06-nato-eu-geoana-lajcak.toml"
    code, out, _ = run(capsys, "changes", file, "reference.toml", "--git", "HEAD", "--json")
    assert code == 0 and len(out.splitlines()) == 3


def test_a_file_added_since_the_revision_is_all_new(capsys, repo):
    new = repo / "briefings" / "2025-07-lux-visit.toml"
    shutil.copy(bundled_briefings() / new.name, new)
    code, out, _ = run(capsys, "changes", str(new), str(repo / "briefings" / "reference.toml"), "--git", "HEAD")
    assert code == 0 and "0 changed, 0 removed" in out and "\nADDED  " in out
    code, out, _ = run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD", "--json")
    assert {json.loads(line)["change"] for line in out.splitlines()} == {"added"}


def test_errors_at_the_revision_are_reported_with_it(capsys, repo):
    path = repo / "briefings" / "2023-06-nato-eu-geoana-lajcak.toml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("[briefing]", "[briefing", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(good, encoding="utf-8")
    code, out, err = run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD")
    short = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert code == 1 and out == ""
    assert f"{short}:briefings/2023-06-nato-eu-geoana-lajcak.toml:3:" in err and "not compared" in err


def test_outside_a_git_repository_is_exit_2(capsys, tmp_path):
    folder = tmp_path / "plain"
    shutil.copytree(bundled_briefings(), folder)
    code, out, err = run(capsys, "changes", str(folder), "--git", "HEAD")
    assert code == 2 and out == ""
    assert err == f"kfor-tui changes: {folder} is not in a git work tree\n"


@pytest.mark.parametrize("rev", ["no-such-branch", "HEAD~5", "0123456789abcdef", "-p", "HEAD:briefings"])
def test_an_unknown_revision_is_exit_2(capsys, repo, rev):
    code, out, err = run(capsys, "changes", str(repo / "briefings"), f"--git={rev}")
    assert code == 2 and out == ""
    assert err.startswith("kfor-tui changes: ") and ("unknown git revision" in err or "is not a git revision" in err)
    assert err.count("\n") == 1


def test_git_missing_is_exit_2(capsys, repo, tmp_path, monkeypatch):
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = run(capsys, "changes", str(repo / "briefings"), "--git", "HEAD")
    assert code == 2 and "git is not installed" in err
