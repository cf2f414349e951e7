"""Limits: an oversized file is never read into memory, the total has a ceiling, links and FIFOs cannot hang."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kfor_tui.io.loader import load
from kfor_tui.io.reading import MAX_FILE_BYTES, MAX_TOTAL_BYTES, Limits, expand, read_toml
from kfor_tui.settings import load_settings
from support import MINIMAL, run_cli

GIB = 1024**3


def briefing(n: int) -> str:
    """The minimal fixture with its ids renamed, so several copies load side by side."""
    text = MINIMAL.read_text(encoding="utf-8")
    for ident in (
        "test-minimal",
        "src-a",
        "org:kfor",
        "person:backes",
        "place:novo-selo",
        "visit-backes",
        "ctg-benelux",
        "fig-kfor-strength",
    ):
        text = text.replace(f'"{ident}"', f'"{ident}-{n}"')
    return text


def test_defaults() -> None:
    assert Limits() == Limits(MAX_FILE_BYTES, MAX_TOTAL_BYTES) == Limits(8 * 1024**2, 1024**3)


def test_a_2_gib_file_is_reported_without_being_read(tmp_path: Path, monkeypatch) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(2 * GIB)  # sparse: no disk used
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: (opened.append(str(self)), real_open(self, *a, **k))[1])
    start = time.perf_counter()
    corpus = load([huge])
    assert time.perf_counter() - start < 1
    [problem] = corpus.problems
    assert str(problem).endswith(
        "huge.toml:1:1: error: file is 2048 MiB, over the 8 MiB limit for one briefing "
        "(max_file_mb, KFOR_MAX_FILE_MB); not read"
    )
    assert opened == []  # stat only


def test_the_file_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text(briefing(1) + "# " + "x" * 600_000 + "\n", encoding="utf-8")
    assert load([path]).problems == ()
    [problem] = load([path], Limits(file_bytes=512 * 1024)).problems
    assert "over the 0.5 MiB limit for one briefing" in problem.message


def test_a_file_that_grows_after_stat_is_cut_off_at_the_limit(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "growing.toml"
    path.write_text(briefing(1), encoding="utf-8")
    limit = path.stat().st_size + 10
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **k: real_stat(self, **k))
    with path.open("a", encoding="utf-8") as handle:  # grows past the limit; stat is taken before by expand
        handle.write("#" * 100)
    _text, data, [problem] = read_toml(path, "growing.toml", Limits(file_bytes=limit))
    assert data is None and "limit for one briefing" in problem.message


def test_the_total_limit_stops_reading_further_files_and_keeps_the_rest(tmp_path: Path) -> None:
    for n in range(1, 6):
        (tmp_path / f"b{n}.toml").write_text(briefing(n), encoding="utf-8")
    size = (tmp_path / "b1.toml").stat().st_size
    corpus = load([tmp_path], Limits(total_bytes=int(size * 2.5)))
    assert len(corpus.briefings) == 2 and len(corpus.sources) == 2
    [problem] = corpus.problems
    assert problem.path.endswith("b3.toml") and (problem.line, problem.col) == (1, 1)
    assert problem.message.startswith("not read, nor the 2 files after it: the briefings add up to more than the")
    assert "total limit (max_total_mb, KFOR_MAX_TOTAL_MB)" in problem.message
    # the last file alone over the total: singular wording
    [last] = load([tmp_path], Limits(total_bytes=int(size * 4.5))).problems
    assert last.path.endswith("b5.toml") and last.message.startswith("not read: the briefings add up")


def test_files_not_read_do_not_count_towards_the_total(tmp_path: Path) -> None:
    (tmp_path / "a-big.toml").write_text("#" * 50_000, encoding="utf-8")
    (tmp_path / "b.toml").write_text(briefing(1), encoding="utf-8")
    corpus = load([tmp_path], Limits(file_bytes=20_000, total_bytes=20_000))
    assert len(corpus.briefings) == 1
    assert [p.path.rsplit("/", 1)[-1] for p in corpus.problems] == ["a-big.toml"]


def test_limits_come_from_settings_and_the_environment(tmp_path: Path) -> None:
    env = {"KFOR_CONFIG": str(tmp_path / "config.toml"), "KFOR_MAX_FILE_MB": "0.5"}
    (tmp_path / "config.toml").write_text("max_total_mb = 2\nmax_file_mb = 4\n", encoding="utf-8")
    settings = load_settings({}, env)
    assert settings.sources["max_file_mb"] == "env KFOR_MAX_FILE_MB" and settings.max_total_mb == 2
    assert Limits.from_settings(settings) == Limits(512 * 1024, 2 * 1024**2)
    bad = load_settings({}, {**env, "KFOR_MAX_FILE_MB": "-3", "KFOR_MAX_TOTAL_MB": "lots"})
    assert Limits.from_settings(bad) == Limits(4 * 1024**2, 2 * 1024**2)  # env ignored, file used
    assert any("KFOR_MAX_FILE_MB: max_file_mb must be a positive number of MiB" in w for w in bad.warnings)
    assert any("KFOR_MAX_TOTAL_MB: max_total_mb must be a positive number" in w for w in bad.warnings)


def test_check_applies_the_limit_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text(briefing(1), encoding="utf-8")
    out = run_cli("check", str(path), env={**os.environ, "KFOR_MAX_FILE_MB": "0.001"})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "b.toml:1:1: error: file is 2.1 KiB, over the 1 KiB limit for one briefing" in out.stdout


# ---- links and special files ----------------------------------------------------------------------


def test_a_folder_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(briefing(1), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # sub/loop -> the folder itself
    (tmp_path / "self").symlink_to(".")
    start = time.perf_counter()
    files, problems = expand([tmp_path])
    assert time.perf_counter() - start < 1
    assert files == [tmp_path / "b.toml"] and problems == []  # links to folders are not followed


def test_a_symlink_to_a_file_is_followed_once(tmp_path: Path) -> None:
    (tmp_path / "real.toml").write_text(briefing(1), encoding="utf-8")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere.toml"
    elsewhere.write_text(briefing(2), encoding="utf-8")
    (tmp_path / "alias.toml").symlink_to(tmp_path / "real.toml")  # the same file twice: read once
    (tmp_path / "link.toml").symlink_to(elsewhere)  # a file outside the folder: read
    corpus = load([tmp_path])
    assert corpus.problems == ()
    assert sorted(b.id for b in corpus.briefings) == ["test-minimal-1", "test-minimal-2"]


def test_a_file_symlink_loop_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    corpus = load([tmp_path])
    assert [p.message for p in corpus.problems] == ["cannot read file: Too many levels of symbolic links"] * 2
    [named] = load([tmp_path / "a.toml"]).problems
    assert named.message == "symbolic link loop"


def test_a_fifo_named_toml_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(briefing(1), encoding="utf-8")
    os.mkfifo(tmp_path / "x.toml")  # opening it for reading would block until a writer came
    for paths in ([tmp_path], [tmp_path / "x.toml"]):
        start = time.perf_counter()
        corpus = load(paths)
        assert time.perf_counter() - start < 2
        [problem] = corpus.problems
        assert problem.path.endswith("x.toml") and problem.message.startswith("not a regular file")


def test_check_on_a_fifo_exits_1_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.toml")
    out = run_cli("check", str(tmp_path / "x.toml"))
    assert out.returncode == 1 and "x.toml:1:1: error: not a regular file" in out.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_not_read(tmp_path: Path) -> None:
    [problem] = load([Path("/dev/zero")]).problems
    assert problem.message.startswith("not a regular file")
