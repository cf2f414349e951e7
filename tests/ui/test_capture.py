"""Capture in the reader, and edit and delete from a fact's detail (Pilot at 80x24, what is painted), on a copy
of the bundled March 2024 briefing and reference.toml: a selection that moves by sentence and by word and
reads with no colour and in --ascii; `a` -> figure -> the form prefilled (4443 found in the text) -> ctrl+s
appends exactly one block, `check --strict` passes and the app lands on the new fact; esc leaves the file
byte-identical; a problem keeps the form open with the message under its field; E shows the change as a diff
before writing it; D previews the deletion; a read-only or bundled briefing is refused, with a copy offered.
A snapshot of the capture form."""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from helpers import loaded, record_notices
from painted import screen_lines

from kfor_tui.cli import main as cli_main
from kfor_tui.io.loader import bundled_briefings
from kfor_tui.ui.app import KforApp
from kfor_tui.ui.capture_form import CaptureForm, KindChooser
from kfor_tui.ui.confirm_change import ConfirmChange
from kfor_tui.ui.selection import Selection, move_end, move_start, sentences, step_sentence
from kfor_tui.ui.terminal import use_ascii

BUNDLED = bundled_briefings()
MARCH = "2024-03-ewb-bulgaria-slovenia-albania.toml"
SENTENCE = "Currently, the KFOR mission consists of 4,443 personnel from 28 countries."
SENTENCES_BEFORE = 10  # in paragraphs 1-4: w from the first sentence reaches SENTENCE in paragraph 5


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the March 2024 briefing with the reference file it names."""
    target = tmp_path / "briefings"
    target.mkdir()
    for name in (MARCH, "reference.toml"):
        shutil.copy(BUNDLED / name, target / name)
    return target


def text(app: KforApp) -> str:
    return "\n".join(line.text for line in screen_lines(app))


def painted_notices(app: KforApp) -> str:
    """The text of the notices painted on the right (each line's part after the notice's left edge, ▌),
    joined into one line of words. Needs run_test(notifications=True)."""
    parts = [line.text.rsplit("\u258c", 1)[1] for line in screen_lines(app) if "\u258c" in line.text]
    return " ".join(" ".join(parts).split())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def settle(app: KforApp, pilot, until) -> None:  # type: ignore[no-untyped-def]
    """Let workers (the save, the reload) run until `until()` holds; bounded."""
    for _ in range(400):
        await pilot.pause(0.02)
        if until():
            break
    assert until(), "never got there"
    await loaded(app, pilot)


async def open_sentence(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The source in the reader, SENTENCE selected (v, then w sentence by sentence across paragraphs)."""
    await loaded(app, pilot)
    await pilot.press("3", "enter")
    await pilot.pause()
    await pilot.press("v", *["w"] * SENTENCES_BEFORE)
    await pilot.pause()


async def capture_figure(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await open_sentence(app, pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, KindChooser)
    await pilot.press("enter")  # figure: the first kind
    await pilot.pause()
    assert isinstance(app.screen, CaptureForm)


def field_line(app: KforApp, label: str) -> str:
    """The painted line of the form whose label column starts with `label`."""
    return next(line.text for line in screen_lines(app) if line.text.lstrip("│ ").startswith(label))


# ---------------------------------------------------------------- the selection, as text


def test_sentences_words_and_moves() -> None:
    paragraphs = [
        "Gen. Smith arrived. He met 3 U.S. officers.",
        "",
        "Currently, the KFOR mission consists of 4,443 personnel from 28 countries. Around 1000 more came.",
    ]
    assert [paragraphs[0][s:e] for s, e in sentences(paragraphs[0])] == [
        "Gen. Smith arrived.",
        "He met 3 U.S. officers.",
    ]
    first = Selection(0, *sentences(paragraphs[0])[1])
    nxt = step_sentence(paragraphs, first, 1)  # across the empty paragraph
    assert nxt.paragraph == 2 and nxt.text(paragraphs) == SENTENCE
    assert step_sentence(paragraphs, nxt, -1) == first
    last = step_sentence(paragraphs, nxt, 1)
    assert step_sentence(paragraphs, last, 1) == last  # the end of the text: it stays
    text_ = paragraphs[2]
    shorter = move_end(text_, nxt, -1)
    assert shorter.text(paragraphs) == SENTENCE[:-1]  # the full stop first
    assert move_end(text_, shorter, -1).text(paragraphs) == SENTENCE[: -len(" countries.")]
    assert move_end(text_, nxt, 1).text(paragraphs) == SENTENCE + " Around"
    started = move_start(text_, nxt, 1)
    assert started.text(paragraphs) == SENTENCE[len("Currently") :]  # the comma is a word of its own
    assert move_start(text_, started, -1) == nxt
    one = Selection(2, 0, len("Currently"))
    assert move_end(text_, one, -1) == one and move_start(text_, one, 1) == one  # one word is kept


# ---------------------------------------------------------------- a record back into the form (E)


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (
            "figure",
            {"id": "fig-x", "subject": "org:kfor", "metric": "personnel", "value": "1000", "qualifier": "about"}
            | {"value_text": "around 1000", "as_of": "2024-03", "as_of_basis": "inferred", "note": "n"},
        ),
        ("figure", {"id": "fig-y", "subject": "org:kfor", "metric": "personnel", "value": "60-120", "as_of": "2024"}),
        (
            "meeting",
            {"id": "m-1", "title": "T", "visitors": "person:a, person:b", "with": "org:kfor", "when": "2025-07-02"}
            | {"topics": "one; two"},
        ),
        ("event", {"id": "evt-1", "title": "T", "kind": "extension", "when": "2024-03", "nations": "ALB, SVN"}),
    ],
)
def test_form_values_read_back_what_record_block_writes(kind: str, values: dict[str, str]) -> None:
    from kfor_tui.io.record_writer import record_block
    from kfor_tui.ui.form_values import form_values

    block = record_block(kind, values, "src-a", "a quote", 2)
    (section, tables), *_ = tomllib.loads(block).items()
    held = form_values(section, tables[0])
    assert held is not None and held.kind == kind and held.unheld == [] and held.source == "src-a"
    assert held.values == {**values, "quote": "a quote", "credibility": "2"}


def test_form_values_name_what_the_form_cannot_hold() -> None:
    from kfor_tui.ui.form_values import form_values

    table = {
        "id": "ctg-1",
        "name": "N",
        "mission": "org:kfor",
        "nation": "BGR",
        "period": {"start": "2024-03-21"},
        "cite": [{"src": "s", "quote": "q", "for": ["period"]}, {"src": "s", "quote": "r"}],
    }
    held = form_values("contingents", table)
    assert held is not None and held.unheld == ["period", "2 citations (the form holds one)", "the citation's for"]
    assert form_values("figure_sets", {"id": "set"}) is None


# ---------------------------------------------------------------- the selection, painted


@pytest.mark.parametrize("ascii_only", [False, True])
async def test_selection_is_marked_and_said_without_colour(folder: Path, ascii_only: bool) -> None:
    app = KforApp([folder], no_color=True, ascii=ascii_only, persist_theme=False, watch=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sentence(app, pilot)
            shown = text(app)
            opening, closing = ("[[", "]]") if ascii_only else ("\u27e6", "\u27e7")
            assert f"{opening}Currently, the KFOR mission" in shown
            assert re.search(r"countries\.(?:\u00bb|>>)*" + re.escape(closing), shown)  # after the quotes' own marks
            status = [line for line in shown.splitlines() if "Selected:" in line]
            assert status and "Currently, the KFOR" in status[0] and "esc clears" in status[0]
            prompts = app.screen.query_one("#reader-text")
            prompt = prompts.get_option_at_index(4).prompt  # type: ignore[attr-defined]
            assert any("underline" in str(span.style) for span in prompt.spans)  # not colour alone
            await pilot.press("h", "h")
            await pilot.pause()
            assert f"28{closing}" in text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert opening not in text(app) and "Selected:" not in text(app)
            assert app.view is not None and app.view.view_name == "reader"  # esc cleared, did not go back
    finally:
        use_ascii(False)


# ---------------------------------------------------------------- capture


async def test_capture_a_figure_appends_one_block_and_lands_on_it(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = folder / MARCH
    before = path.read_bytes()
    app = KforApp([folder], persist_theme=False)  # watching: the save is seen by the watcher too
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_figure(app, pilot)
        value = field_line(app, "Value *")
        assert "4443" in value and "found in the text" in value
        assert "4,443 personnel" in field_line(app, "Value: words")
        assert "inferred" in field_line(app, "As of *")  # "Currently": the publication month
        assert f"Quote: \u201c{SENTENCE[:40]}" in text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: any(n.startswith("captured:") for n in notes))
        await pilot.pause(0.5)  # a second reload (the watcher's) would say something now
        shown = text(app)
        assert "FIGURE KFOR personnel: 4,443 personnel" in shown
        assert "Currently, the KFOR mission consists of 4,443" in shown
        assert [n for n in notes if "captured" in n or "reloaded" in n] == [
            "captured: KFOR personnel: 4,443 personnel (new)"
        ]
    after = path.read_bytes()
    assert after.startswith(before)
    added = tomllib.loads(after[len(before) :].decode("utf-8"))
    assert list(added) == ["figures"] and len(added["figures"]) == 1
    figure = added["figures"][0]
    assert figure["value"] == {"value": 4443, "text": "4,443 personnel"}
    assert figure["cite"] == [{"src": "src-ewb-2024-03-kfor-bgr-svn-alb", "quote": SENTENCE}]
    capsys.readouterr()
    assert cli_main(["check", "--strict", str(folder)]) == 0


async def test_cancel_leaves_the_file_byte_identical(folder: Path) -> None:
    path = folder / MARCH
    was = digest(path)
    app = KforApp([folder], persist_theme=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_figure(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureForm)
        await pilot.press("a", "escape")  # the kind chooser cancelled too
        await pilot.pause()
        assert app.view is not None and app.view.view_name == "reader"
    assert digest(path) == was


async def test_a_problem_keeps_the_form_open_with_the_message_under_its_field(folder: Path) -> None:
    path = folder / MARCH
    was = digest(path)
    app = KforApp([folder], persist_theme=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_figure(app, pilot)
        app.screen.query_one("#field-value").value = ""  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaptureForm)
        lines = [line.text for line in screen_lines(app)]
        row = next(i for i, line in enumerate(lines) if line.lstrip("│ ").startswith("Value *"))
        assert "'Value' is required" in lines[row + 1]  # painted under the field
        app.screen.query_one("#field-value").value = "4443"  # type: ignore[attr-defined]
        app.screen.query_one("#field-nation").value = "XYZ"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: "XYZ" in text(app) and "^ " in text(app))
        assert isinstance(app.screen, CaptureForm)
        lines = [line.text for line in screen_lines(app)]
        row = next(i for i, line in enumerate(lines) if line.lstrip("│ ").startswith("Nation"))
        assert lines[row + 1].lstrip("│ ").startswith("^ ") and "XYZ" in lines[row + 1]  # the loader's check
    assert digest(path) == was


# ---------------------------------------------------------------- edit and delete


async def test_edit_previews_the_change_then_writes_one_line(folder: Path) -> None:
    path = folder / MARCH
    app = KforApp([folder], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_figure(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: any(n.startswith("captured:") for n in notes))
        captured = path.read_bytes()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, CaptureForm) and "Edit figure" in text(app)
        assert "4,443 personnel" in field_line(app, "Value: words")
        app.screen.query_one("#field-value_text").value = "4,443 personnel (28 countries)"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmChange)
        shown = text(app)
        assert '-value = { value = 4443, text = "4,443 personnel" }' in shown
        assert '+value = { value = 4443, text = "4,443 personnel (28 countries)" }' in shown
        assert path.read_bytes() == captured  # nothing written before y
        await pilot.press("y")
        await settle(app, pilot, lambda: any(n.startswith("edited:") for n in notes))
        assert "Value    4,443 personnel (28 countries)" in text(app)
    old, new = captured.decode().split("\n"), path.read_bytes().decode().split("\n")
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    block = old.index("[[figures]]", len(path.read_bytes().decode().split("\n")) - 20)  # the block appended
    assert len(old) == len(new) and changed == [old.index('value = { value = 4443, text = "4,443 personnel" }', block)]


async def test_delete_previews_then_removes_the_record(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = folder / MARCH
    original = path.read_bytes()
    app = KforApp([folder], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await capture_figure(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: any(n.startswith("captured:") for n in notes))
        captured = path.read_bytes()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmChange)
        assert "-[[figures]]" in text(app) and "Delete fig-" in text(app)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_bytes() == captured
        await pilot.press("D", "y")
        await settle(app, pilot, lambda: any(n.startswith("deleted:") for n in notes))
        assert app.view is not None and app.view.view_name == "reader"  # back at the source
    assert path.read_bytes() == original  # the capture and the delete undo each other, byte for byte
    capsys.readouterr()
    assert cli_main(["check", "--strict", str(folder)]) == 0


async def test_a_record_with_parts_the_form_does_not_hold_is_edited_in_the_file(folder: Path) -> None:
    app = KforApp([folder], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(app, pilot)
        await pilot.press("3", "enter", "enter")  # the first quote's fact: the Bulgarian contingent
        await pilot.pause()
        was = digest(folder / MARCH)
        await pilot.press("E")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureForm)
        assert any("the form does not hold" in n and "period" in n and f"{MARCH}:" in n for n in notes)
        await pilot.pause(0.2)
        assert "the form does not hold" in painted_notices(app)
    assert digest(folder / MARCH) == was


# ---------------------------------------------------------------- files that cannot be written


async def test_a_read_only_briefing_is_refused_and_a_copy_offered(folder: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)  # files shown by their short names
    path = folder / MARCH
    path.chmod(0o444)
    was = digest(path)
    app = KforApp([folder], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_sentence(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert any("read-only" in n for n in notes)
        assert "is read-only: capture into a copy of it" in painted_notices(app)
        assert "copy to:" in text(app)  # the offer
        target = tmp_path / "mine"
        prompt = app.screen.query_one("#prompt-input")
        prompt.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.startswith("Copied 2 briefing file(s)") for n in notes)
    assert digest(path) == was
    assert (target / MARCH).read_bytes() == path.read_bytes() and (target / "reference.toml").exists()


async def test_the_bundled_briefings_are_refused(folder: Path) -> None:
    app = KforApp([BUNDLED], persist_theme=False, watch=False)
    notes = record_notices(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(app, pilot)
        await pilot.press("3", "enter", "v", "a")
        await pilot.pause()
        assert any("bundled with kfor-tui" in n for n in notes)
        assert "is a briefing bundled with kfor-tui" in painted_notices(app)
        assert "copy to:" in text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape", "enter", "E")  # a fact of a bundled briefing: no edit either
        await pilot.pause()
        assert sum("bundled with kfor-tui" in n for n in notes) == 2


# ---------------------------------------------------------------- snapshot


def test_snapshot_capture_form(snap_compare, folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)  # the file is shown by a relative name, the same on every machine

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await capture_figure(pilot.app, pilot)
        await pilot.pause()

    assert snap_compare(
        KforApp([Path(".")], persist_theme=False, watch=False), terminal_size=(80, 24), run_before=run_before
    )
