"""End to end, the real kfor-tui in tmux at 80x24: import a seed article (`kfor-tui import`), open the new
briefing, find the sentence with the number (`:4,443`), select it (`v`), capture a figure (`a`, enter), fill
in the date the text leaves open, save (ctrl+s): the file is its original bytes plus one appended block,
`check --strict` passes, and the figure's quote is verified against the source. A second run that cancels
the form (esc) leaves the file's digest unchanged."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from helpers import COMMAND, HAVE_TMUX, ROOT, run_in_tmux

from kfor_tui.cli import main as cli_main
from kfor_tui.io.loader import bundled_briefings, load

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux and the installed command")

SEED = ROOT / "tests" / "data" / "seeds" / "002_de340d00e2e0438d.txt"  # European Western Balkans, March 2024
SENTENCE = "Currently, the KFOR mission consists of 4,443 personnel from 28 countries."

TO_THE_FORM = [
    (":", "esc closes"),
    ("4,443", "paragraph"),
    ("Enter", "Source: Bulgaria and Slovenia"),
    ("v", "Selected: \u201cCurrently, the KFOR"),
    ("a", "Capture the selection as:"),
    ("Enter", "Capture a figure"),
]
# the seed states no date: "Currently" is found, the month is the writer's reading (basis inferred)
FILL_AND_SAVE = [
    ("Tab", "id of what is counted"),
    ("Tab", "the mission's size"),
    ("Tab", "Nation: whose number"),
    ("Tab", "Value: the number the source states"),
    ("Tab", "Qualifier: around = about"),
    ("Tab", "Value: words: the source's words"),
    ("Tab", "Unit: what is counted"),
    ("Tab", "As of: 2024-03-21"),
    ("2024-03", "2024-03"),
    ("Tab", "As of: words: the source's own words"),
    ("Tab", "As of: basis: how the date"),
    ("inferred", "inferred"),
    ("C-s", "FIGURE"),
]


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A folder with the seed imported by `kfor-tui import` and the reference file its facts will name."""
    if not SEED.exists():
        pytest.skip(f"no seed article at {SEED}")
    folder = tmp_path / "briefings"
    folder.mkdir()
    done = subprocess.run(
        [str(COMMAND), "import", str(SEED), "-o", str(folder / "ewb.toml")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    shutil.copy(bundled_briefings() / "reference.toml", folder / "reference.toml")
    return folder


def test_capture_a_figure_from_an_imported_article(imported: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = imported / "ewb.toml"
    before = path.read_bytes()
    _, screens = run_in_tmux(tmp_path, str(imported), [*TO_THE_FORM, *FILL_AND_SAVE], wait_first="briefings as of")
    form = screens[len(TO_THE_FORM)]
    value = next(line for line in form.splitlines() if "Value *" in line)
    assert "4443" in value and "found in the text" in value
    assert "FIGURE KFOR personnel: 4,443 personnel" in screens[-1]
    after = path.read_bytes()
    assert after.startswith(before)
    added = tomllib.loads(after[len(before) :].decode("utf-8"))
    assert list(added) == ["figures"] and len(added["figures"]) == 1
    figure = added["figures"][0]
    assert figure["as_of"] == "2024-03" and figure["as_of_basis"] == "inferred"
    assert figure["cite"][0]["quote"] == SENTENCE
    capsys.readouterr()
    assert cli_main(["check", "--strict", str(imported)]) == 0
    corpus = load([imported])
    saved = corpus.by_id[figure["id"]]
    assert saved.cites[0].anchor is not None and saved.cites[0].anchor.paragraph == 4  # the quote is verified


def test_cancelling_the_capture_leaves_the_file_unchanged(imported: Path, tmp_path: Path) -> None:
    path = imported / "ewb.toml"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _, screens = run_in_tmux(
        tmp_path, str(imported), [*TO_THE_FORM, ("Escape", "Selected:")], wait_first="briefings as of"
    )
    assert "Capture a figure" not in screens[-1]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
