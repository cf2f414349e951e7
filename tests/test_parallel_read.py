"""A first load on every core (io/parallel_read.py) gives exactly what one core gives: the same corpus, the
same problems at the same path:line:col, the same warnings, through the load cache or without it; progress
counts every file to the total; and the worker processes are gone afterwards, whatever happened (a worker
killed, an interrupt, no interpreter to start), with nothing printed."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kfor_tui.export.json_export import to_json
from kfor_tui.io import files
from kfor_tui.io.files import LoadedFile
from kfor_tui.io.parallel_read import PARALLEL_FILES, workers_for
from kfor_tui.io.reading import Limits
from kfor_tui.io.reload import Loader
from kfor_tui.model import Corpus, Problem
from support import ROOT, run_cli

ARTICLES = 48  # with the files below, chunks of 7 files for two workers: several chunks each
SERIAL = 10**9  # parallel_from: never in workers
PARALLEL = 2  # parallel_from: in workers from two files on

BROKEN = {
    # a TOML syntax error: a string left open at the end of line 5
    "zz-syntax.toml": 'format = "kfor-briefing/1"\n\n[briefing]\nid = "b-syntax"\ntitle = "Never closed\n',
    # an unknown reference, and an integer too large for the codec: that file is built by the parent alone
    "zz-refs.toml": """format = "kfor-briefing/1"

[briefing]
id = "b-refs"
title = "References"
as_of = 2025-07-10
marking = "UNCLASSIFIED"

[[sources]]
id = "src-refs"
title = "Refs"
publisher = "Outlet"
published = "2025-07-05"
paragraphs = ["Around 500 Turkish service members arrived on 5 June."]

[[contingents]]
id = "ctg-refs"
name = "Turkish contingent"
mission = "org:kfro"
nation = "TUR"
strength = 123456789012345678901234567890
cite = [{ src = "src-refs", quote = "Around 500 Turkish service members arrived on 5 June." }]
""",
    # a bell and a bidi override in a text: sanitised, each with a warning
    "zz-warned.toml": """format = "kfor-briefing/1"

[briefing]
id = "b-warned"
title = "Bell \\u0007 and right\u202eleft"
as_of = 2025-07-10
marking = "UNCLASSIFIED"
""",
    "zz-latin1.toml": None,  # not UTF-8 (written below)
    "zz-empty.toml": "",
}


def _corpus_folder(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generate(ARTICLES, folder, seed=5)
    for name, text in BROKEN.items():
        if text is None:
            (folder / name).write_bytes(b'format = "kfor-briefing/1"\n# caf\xe9\n')
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus_folder(tmp_path_factory.mktemp("parallel") / "corpus")


@pytest.fixture(scope="module")
def serial(corpus: Path) -> Corpus:
    """The corpus as one core loads it (the tests run with KFOR_CACHE=0: tests/conftest.py)."""
    loader = Loader([corpus], parallel_from=SERIAL)
    loaded = loader.load()
    assert loader.parallel == 0
    return loaded


def _workers() -> list[int]:
    """The pids of this process's worker processes still running (or not yet reaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and b"kfor_tui.io.parallel_read" in command:
            found.append(int(entry.name))
    return found


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lists worker processes with /proc")
needs_cores = pytest.mark.skipif(workers_for(PARALLEL, PARALLEL) < 2, reason="needs two cores to start workers")


def same(a: Corpus, b: Corpus) -> None:
    assert to_json(a) == to_json(b)
    assert a.problems == b.problems
    assert a == b
    assert list(a.by_id) == list(b.by_id)


def _shown(problems: tuple[Problem, ...]) -> list[str]:
    return [f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message}" for p in problems]


def _load(
    corpus: Path, progress: Callable[[str, int, int], None] | None = None, limits: Limits | None = None
) -> tuple[Corpus, Loader]:
    loader = Loader([corpus], limits, progress, parallel_from=PARALLEL)
    return loader.load(), loader


@needs_cores
def test_the_same_corpus_and_problems_as_one_core(
    corpus: Path, serial: Corpus, capfd: pytest.CaptureFixture[str]
) -> None:
    seen: list[tuple[str, int, int]] = []
    loaded, loader = _load(corpus, lambda *report: seen.append(report))
    same(loaded, serial)
    count = len(serial.files)
    assert loader.parallel == count - 1  # all but the file with a huge integer, which the codec cannot hold
    assert loader.parses == count
    shown = [_tail(line) for line in _shown(loaded.problems)]
    assert "corpus/zz-syntax.toml:5:22: error: TOML syntax: Illegal character '\\n'" in shown
    assert "corpus/zz-refs.toml:19:1: error: unknown organisation id 'org:kfro'; did you mean 'org:kfor'?" in shown
    assert "corpus/zz-latin1.toml:2:6: error: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8" in shown
    assert "corpus/zz-warned.toml:5:1: warning: bidirectional override U+202E removed" in shown
    reading = [(done, total) for phase, done, total in seen if phase == "reading"]
    assert reading[-1] == (count, count) and len(reading) < count  # reported per chunk
    assert [done for done, _ in reading] == sorted(done for done, _ in reading)
    assert seen[-1] == ("checking", count, count)
    assert capfd.readouterr() == ("", "")


def _tail(line: str) -> str:
    """A problem line from the corpus folder on (the temporary folder above it differs per run)."""
    return line[line.index("corpus/") :]


@needs_cores
def test_through_an_empty_load_cache_and_back(
    corpus: Path, serial: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold load with an empty cache builds in workers, and the cache entries it writes give the same corpus
    again: whole, and file by file when some files changed (those built in workers, the others from the cache)."""
    monkeypatch.setenv("KFOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KFOR_CACHE", "1")
    seen: list[tuple[str, int, int]] = []
    cold, loader = _load(corpus, lambda *report: seen.append(report))
    same(cold, serial)
    count = len(serial.files)
    assert loader.parallel == count - 1  # all but the file with a huge integer, which the codec cannot hold
    assert [report for report in seen if report[0] == "reading"][-1] == ("reading", count, count)
    loader.after_first_load()
    parsed: list[str] = []
    real = files.from_bytes

    def counting(shown: str, data: bytes) -> LoadedFile:
        parsed.append(Path(shown).name)
        return real(shown, data)

    monkeypatch.setattr(files, "from_bytes", counting)
    warm, again = _load(corpus)
    same(warm, serial)
    # every file from the entries the workers' forms were cached as, but the one the codec cannot hold (which
    # also keeps the corpus from being cached whole)
    assert again.parallel == 0 and parsed == ["zz-refs.toml"]
    monkeypatch.undo()
    monkeypatch.setenv("KFOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KFOR_CACHE", "1")

    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    _load(copy)[1].after_first_load()
    edited = sorted(copy.glob("000/article-0000[2-4].toml"))
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after_edit, loader = _load(copy)
    assert loader.parallel == len(edited)  # and the others from the cache
    monkeypatch.setenv("KFOR_CACHE", "0")
    same(after_edit, Loader([copy], parallel_from=SERIAL).load())


@needs_cores
def test_limits_as_on_one_core(corpus: Path) -> None:
    """The per-file limit is applied by the workers as by the parent: the same message for the same files."""
    limits = Limits(file_bytes=len(BROKEN["zz-refs.toml"] or "") - 1, total_bytes=1024 * 1024 * 1024)
    loaded, loader = _load(corpus, limits=limits)
    one_core = Loader([corpus], limits, parallel_from=SERIAL).load()
    same(loaded, one_core)
    assert loader.parallel > 0
    assert any("zz-refs.toml:1:1: error: file is" in line for line in _shown(loaded.problems))


@needs_cores
@needs_proc
def test_a_worker_killed_midway_leaves_the_rest_to_the_parent(
    corpus: Path, serial: Corpus, capfd: pytest.CaptureFixture[str]
) -> None:
    killed: list[int] = []

    def kill_one(phase: str, done: int, total: int) -> None:
        if phase == "reading" and not killed:
            workers = _workers()
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

    loaded, loader = _load(corpus, kill_one)
    same(loaded, serial)
    assert killed and 0 < loader.parallel < len(serial.files) - 1
    assert _workers() == []
    assert capfd.readouterr() == ("", "")


@needs_cores
@needs_proc
def test_an_interrupt_ends_the_workers(corpus: Path) -> None:
    def interrupt(phase: str, done: int, total: int) -> None:
        if phase == "reading" and _workers():
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _load(corpus, interrupt)
    assert _workers() == []


@needs_cores
def test_no_interpreter_to_start_loads_on_one_core(
    corpus: Path, serial: Corpus, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "executable", str(corpus / "no-such-python"))
    loaded, loader = _load(corpus)
    same(loaded, serial)
    assert loader.parallel == 0
    assert capfd.readouterr() == ("", "")


def test_few_files_load_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled briefings (a handful of files) never start a worker: below PARALLEL_FILES, and on one core."""
    loader = Loader([ROOT / "briefings"])
    loader.load()
    assert loader.parallel == 0 and loader.parses > 0
    assert workers_for(PARALLEL_FILES - 1) == 0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert workers_for(PARALLEL_FILES * 10) == 0


@needs_cores
def test_check_above_the_threshold(tmp_path: Path) -> None:
    """The command itself, over more files than PARALLEL_FILES (so in workers): the problems one core finds."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(PARALLEL_FILES):
        (folder / f"b{number:04d}.toml").write_text(_small(number), encoding="utf-8")
    (folder / "zz-syntax.toml").write_text(BROKEN["zz-syntax.toml"] or "", encoding="utf-8")
    expected = Loader([folder], parallel_from=SERIAL).load()
    result = run_cli("check", str(folder))
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:-1] == _shown(expected.problems) and len(lines) == 2
    assert lines[-1].startswith(f"{PARALLEL_FILES + 1} files, {PARALLEL_FILES} sources")


def _small(number: int) -> str:
    return f"""format = "kfor-briefing/1"

[briefing]
id = "b-{number}"
title = "Briefing {number}"
as_of = 2025-07-10
marking = "UNCLASSIFIED"

[[sources]]
id = "src-{number}"
title = "Article {number}"
publisher = "Outlet"
published = "2025-07-05"
paragraphs = ["Around 500 Turkish service members arrived on 5 June."]
"""


@pytest.fixture(autouse=True)
def _no_workers_left() -> Iterator[None]:
    yield
    if Path("/proc/self/stat").exists():
        assert _workers() == []
