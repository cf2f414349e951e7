"""Saving a captured record: the block is TOML that reads back as typed, it is checked as `check` checks
before anything is written, an append keeps every byte of the file, an edit or a delete changes the record's
lines and no other, and a file that must not be written is refused with why."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import tomli

from kfor_tui.cli import main
from kfor_tui.index.capture_hints import hints
from kfor_tui.io.loader import load
from kfor_tui.io.package_data import bundled_folder
from kfor_tui.io.record_writer import (
    FieldError,
    FieldProblem,
    append_record,
    delete_record,
    preview,
    read_block,
    record_block,
    replace_record,
    writable,
)
from support import ROOT

EWB = "2024-03-ewb-bulgaria-slovenia-albania.toml"
SOURCE = "src-ewb-2024-03-kfor-bgr-svn-alb"
# paragraph 1 of the source, as it prints it (a curly apostrophe)
SENDOFF = "a military contingent of 100 soldiers who will further strengthen NATO’s mission in Kosovo"
FIGURE = {
    "id": "fig-bgr-sendoff-2024-03-21",
    "subject": "org:kfor",
    "metric": "national_contribution",
    "nation": "BGR",
    "value": "100",
    "value_text": "100 soldiers",
    "as_of": "2024-03-21",
    "as_of_text": "On 21 March",
    "as_of_basis": "year_from_published",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled briefings: the article briefings and the shared reference file."""
    copy = tmp_path / "briefings"
    copy.mkdir()
    for path in (ROOT / "briefings").glob("*.toml"):
        shutil.copyfile(path, copy / path.name)
    return copy


def digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes()).hexdigest()


def check_strict(path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    code = main(["check", "--strict", str(path)])
    out = capsys.readouterr().out
    assert code != 0 or out.rstrip().endswith(" 0 errors, 0 warnings"), out
    return code


# ---------------------------------------------------------------------------------------------- the block


def test_a_block_reads_back_as_exactly_the_values_given():
    hostile = 'He said "calm\\but fragile"\n— next line \t tab, ünïcödé, 中文, emoji 🚀, \\n not a newline'
    values = {**FIGURE, "note": hostile, "value_text": 'the "100" \\ soldiers', "qualifier": "about", "unit": "x"}
    block = record_block("figure", values, SOURCE, hostile, 2)
    data = tomli.loads(block)
    [table] = data["figures"]
    assert table["note"] == hostile and table["cite"] == [{"src": SOURCE, "quote": hostile, "credibility": 2}]
    assert table["value"] == {"value": 100, "qualifier": "about", "text": 'the "100" \\ soldiers', "unit": "x"}
    assert table["as_of"] == "2024-03-21" and table["id"] == FIGURE["id"]
    assert block.startswith("[[figures]]\n") and block.endswith("\n") and "\n\n[[figures.cite]]\n" in block
    assert len(block.split("\n")) == 16  # one line a key: no raw text breaks out of its string


def test_a_plain_number_is_an_integer_and_ranges_and_lists_have_their_shapes():
    plain = tomli.loads(record_block("figure", {**FIGURE, "value_text": "", "value": "4,443"}, SOURCE, "q"))
    assert plain["figures"][0]["value"] == 4443
    ranged = tomli.loads(record_block("figure", {**FIGURE, "value": "60-120"}, SOURCE, "q"))
    assert ranged["figures"][0]["value"] == {"low": 60, "high": 120, "text": "100 soldiers"}
    vague = tomli.loads(record_block("figure", {**FIGURE, "value": "2+", "qualifier": "vague"}, SOURCE, "q"))
    assert vague["figures"][0]["value"] == {"low": 2, "qualifier": "vague", "text": "100 soldiers"}
    meeting = {"id": "m-1", "title": "Golob meets Stoltenberg", "visitors": "person:robert-golob", "when": "2024-03"}
    meeting |= {"with": "person:jens-stoltenberg", "topics": "KFOR; defence spending, and more"}
    [visit] = tomli.loads(record_block("meeting", meeting, SOURCE, "q"))["visits"]
    assert visit["kind"] == "meeting" and visit["visitors"] == [{"person": "person:robert-golob"}]
    assert visit["meetings"] == [
        {"with": ["person:jens-stoltenberg"], "topics": ["KFOR", "defence spending, and more"]}
    ]
    event = {"id": "e", "title": "t", "kind": "statement", "when": "2024-03", "nations": "XKX, SRB", "about": "a b"}
    [table] = tomli.loads(record_block("event", event, SOURCE, "q"))["events"]
    assert table["nations"] == ["XKX", "SRB"] and table["about"] == ["a", "b"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": "abc"}, "value"),
        ({"value": "1.5"}, "value"),
        ({"metric": "troops"}, "metric"),
        ({"qualifier": "lots"}, "qualifier"),
        ({"id": "  "}, "id"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_value_that_cannot_be_its_field_is_a_field_error(change, field):
    with pytest.raises(FieldError) as raised:
        record_block("figure", {**FIGURE, **change}, SOURCE, "q")
    assert raised.value.field == field
    with pytest.raises(FieldError) as raised:
        record_block("figure", FIGURE, SOURCE, "q", credibility=7)
    assert raised.value.field == "credibility"


# ---------------------------------------------------------------------------------------------- append


def test_a_captured_figure_is_appended_and_its_quote_verified(folder, capsys):
    path = folder / EWB
    original = path.read_bytes()
    mode = path.stat().st_mode
    source = next(s for s in load([folder]).sources if s.id == SOURCE)
    selection = "On 21 March Bulgarian Defence Ministry organised a ceremonial send-off for a military contingent "
    selection += "of 100 soldiers"
    assert selection in source.paragraphs[0]
    values = {hint.field: hint.value for hint in hints(selection, "figure", source.published)}
    assert values["value"] == "100" and values["nation"] == "BGR" and values["as_of"] == "2024-03-21"
    block = record_block("figure", values, SOURCE, selection, 2)
    assert "+[[figures]]" in preview(path, None, block) and path.read_bytes() == original
    result = append_record(path, block)
    assert result.ok and result.record_id == values["id"] == "fig-kfor-bgr-2024-03-21", result
    assert result.problems == []
    assert path.read_bytes() == original + b"\n" + block.encode("utf-8")  # the file ended with a newline
    assert path.stat().st_mode == mode
    assert check_strict(folder, capsys) == 0
    corpus = load([folder])
    figure = corpus.by_id["fig-kfor-bgr-2024-03-21"]
    assert figure.cites[0].anchor is not None and figure.cites[0].anchor.paragraph == 0
    assert figure.as_of.basis == "year_from_published" and figure.as_of.edtf() == "2024-03-21"


def test_a_file_without_a_final_newline_gets_one_before_the_blank_line(folder):
    path = folder / EWB
    original = path.read_bytes().rstrip(b"\n")
    path.write_bytes(original)
    block = record_block("figure", FIGURE, SOURCE, SENDOFF)
    assert append_record(path, block).ok
    assert path.read_bytes() == original + b"\n\n" + block.encode()


def test_a_quote_the_source_does_not_hold_is_refused_and_the_file_untouched(folder):
    path = folder / EWB
    before = digest(path)
    block = record_block("figure", FIGURE, SOURCE, SENDOFF.replace("100", "1000"))
    result = append_record(path, block)
    assert not result.ok and result.record_id is None
    [quote] = [p for p in result.problems if p.field == "quote"]
    assert quote.severity == "error" and "quote not found in source" in quote.message and quote.line == 13
    assert digest(path) == before
    assert [p.field for p in result.problems if p.severity == "warning"] == ["value"]  # 100 is in no quote


def test_an_unknown_nation_code_is_refused_at_the_nation_field(folder):
    path = folder / EWB
    before = digest(path)
    result = append_record(path, record_block("figure", {**FIGURE, "nation": "UK"}, SOURCE, SENDOFF))
    assert not result.ok
    assert result.problems == [
        FieldProblem(
            "nation",
            "unknown nation code 'UK'; did you mean 'GBR' (United Kingdom)?; nations are ISO 3166-1 alpha-3 codes "
            "(Kosovo: XKX)",
            "error",
            5,
        )
    ]
    assert digest(path) == before


def test_a_duplicate_id_and_an_unknown_reference_are_refused_at_their_fields(folder):
    path = folder / EWB
    duplicate = append_record(
        path, record_block("figure", {**FIGURE, "id": "fig-kfor-personnel-2024-03"}, SOURCE, SENDOFF)
    )
    assert not duplicate.ok and [p.field for p in duplicate.problems] == ["id"]
    unknown = append_record(path, record_block("figure", {**FIGURE, "subject": "org:kofr"}, SOURCE, SENDOFF))
    assert not unknown.ok and [p.field for p in unknown.problems] == ["subject"]
    assert "did you mean 'org:kfor'" in unknown.problems[0].message
    date = append_record(path, record_block("figure", {**FIGURE, "as_of": "2024-13"}, SOURCE, SENDOFF))
    assert [p.field for p in date.problems] == ["as_of"]
    future = append_record(path, record_block("figure", {**FIGURE, "as_of": "2024-05-01"}, SOURCE, SENDOFF))
    assert [p.field for p in future.problems] == ["as_of"] and "mark it planned" in future.problems[0].message
    assert path.read_bytes() == (ROOT / "briefings" / EWB).read_bytes()


def test_warnings_do_not_refuse_a_save_and_are_returned(folder):
    path = folder / EWB
    result = append_record(path, record_block("figure", {**FIGURE, "value": "101"}, SOURCE, SENDOFF))
    assert result.ok and [(p.field, p.severity) for p in result.problems] == [("value", "warning")]
    assert "'value' states 101" in result.problems[0].message


def test_a_block_that_is_not_one_record_is_refused(folder):
    path = folder / EWB
    before = digest(path)
    for block in ('x = 1\n[[figures]]\nid = "a"\n', "[[figures]]\nid = 'a'\n[[figures]]\nid = 'b'\n", "[briefing]\n"):
        result = append_record(path, block)
        assert not result.ok and result.problems[0].field is None, block
    assert digest(path) == before


# ------------------------------------------------------------------------------------------ edit, delete


def test_an_edit_changes_the_record_s_lines_and_no_other(folder, capsys):
    path = folder / EWB
    text = path.read_text(encoding="utf-8")
    old = read_block(path, "fig-kfor-nations-2024-03")
    assert old.startswith('[[figures]]\nid = "fig-kfor-nations-2024-03"') and old.endswith("credibility = 2\n")
    assert old.count("[[figures.cite]]") == 1 and "# ----" not in old
    new = old.replace('as_of_text = "Currently"', 'as_of_text = "Currently" # edited')
    diff = preview(path, "fig-kfor-nations-2024-03", new)
    assert '-as_of_text = "Currently"\n+as_of_text = "Currently" # edited\n' in diff
    result = replace_record(path, "fig-kfor-nations-2024-03", new)
    assert result.ok and result.record_id == "fig-kfor-nations-2024-03"
    assert path.read_text(encoding="utf-8") == text.replace(old, new)
    assert check_strict(folder, capsys) == 0


def test_an_edit_that_breaks_the_record_is_refused_at_its_field(folder):
    path = folder / EWB
    before = digest(path)
    old = read_block(path, "fig-kfor-nations-2024-03")
    result = replace_record(
        path, "fig-kfor-nations-2024-03", old.replace('metric = "contributing_nations"', 'metric = "x"')
    )
    assert not result.ok and [p.field for p in result.problems] == ["metric"]
    broken = replace_record(path, "fig-kfor-nations-2024-03", old.replace("[[figures.cite]]", "[[figures.cite]"))
    assert not broken.ok and "not TOML" in broken.problems[0].message
    assert digest(path) == before


def test_renaming_a_record_others_name_is_refused(folder):
    path = folder / EWB
    old = read_block(path, "ctg-bgr-kfor-2024-03")
    result = replace_record(path, "ctg-bgr-kfor-2024-03", old.replace('id = "ctg-bgr-kfor-2024-03"', 'id = "ctg-x"'))
    assert not result.ok and result.problems[0].field is None
    assert "unknown record id 'ctg-bgr-kfor-2024-03'" in result.problems[0].message
    assert result.problems[0].message.startswith(f"{EWB}:") or EWB in result.problems[0].message


def test_a_delete_removes_the_record_and_keeps_the_comment_that_follows(folder, capsys):
    path = folder / EWB
    text = path.read_text(encoding="utf-8")
    old = read_block(path, "fig-kfor-additional-troops-2023-09")
    assert "# ---------------------------------------------------------------- tensions" not in old
    result = delete_record(path, "fig-kfor-additional-troops-2023-09")
    assert result.ok and result.record_id is None
    assert path.read_text(encoding="utf-8") == text.replace(old + "\n", "")
    assert "# ---------------------------------------------------------------- tensions" in path.read_text()
    assert check_strict(folder, capsys) == 0
    assert "fig-kfor-additional-troops-2023-09" not in load([folder]).by_id


def test_the_last_record_of_a_file_is_deleted_without_leaving_blank_lines(folder):
    path = folder / EWB
    text = path.read_text(encoding="utf-8")
    block = record_block("figure", FIGURE, SOURCE, SENDOFF)
    assert append_record(path, block).ok
    assert delete_record(path, FIGURE["id"]).ok
    assert path.read_text(encoding="utf-8") == text


def test_a_delete_is_refused_while_another_record_names_it(folder):
    lux = folder / "2025-07-lux-visit.toml"
    before = digest(lux)
    result = delete_record(lux, "ctg-lux-kfor-since-1999")
    assert not result.ok
    [named] = [p for p in result.problems if "conflict-lux-kfor-continuity" in p.message]
    assert "is named by conflict 'conflict-lux-kfor-continuity' (claims[1])" in named.message
    assert "2025-07-lux-visit.toml:" in named.message
    about = delete_record(folder / EWB, "ctg-bgr-kfor-2024-03")
    assert not about.ok and "event 'evt-bgr-kfor-sendoff-2024-03-21' (about[1])" in about.problems[0].message
    assert digest(lux) == before
    missing = delete_record(lux, "no-such-record")
    assert not missing.ok and "no record 'no-such-record'" in missing.problems[0].message


def test_a_comment_like_line_inside_a_multiline_string_stays_with_its_record(tmp_path):
    path = tmp_path / "b.toml"
    text = (ROOT / "tests" / "data" / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace('quote = "4,443 personnel"\n', 'quote = "4,443 personnel"\nnote = """\nkept\n\n# inside"""\n')
    path.write_text(text + "\n# trailing comment\n", encoding="utf-8")
    block = read_block(path, "fig-kfor-strength")
    assert block.endswith('# inside"""\n') and "# trailing" not in block


# -------------------------------------------------------------------------------------------- refusals


def test_a_read_only_file_is_refused_untouched(folder):
    path = folder / EWB
    path.chmod(0o444)
    before = digest(path)
    try:
        assert "is read-only" in (writable(path) or "")
        result = append_record(path, record_block("figure", FIGURE, SOURCE, SENDOFF))
        assert not result.ok and "read-only" in result.problems[0].message
        assert EWB in result.problems[0].message and "\n" not in result.problems[0].message
    finally:
        path.chmod(0o644)
    assert digest(path) == before and writable(path) is None


def test_bundled_briefings_other_files_and_links_are_judged_by_what_they_are(tmp_path, folder):
    bundled = bundled_folder("briefings") / EWB
    assert "bundled with kfor-tui" in (writable(bundled) or "")
    link = tmp_path / "link.toml"
    link.symlink_to(bundled)
    assert "bundled with kfor-tui" in (writable(link) or "")  # a link is judged by the file it names
    own = tmp_path / "own.toml"
    own.symlink_to(folder / EWB)
    assert writable(own) is None
    assert "not a regular file" in (writable(folder) or "")
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n')
    assert "not a kfor briefing" in (writable(other) or "")
    assert "No such file" in (writable(tmp_path / "gone.toml") or "")
    strange = tmp_path / "bad\x1b[31mname.toml"
    strange.write_bytes((folder / EWB).read_bytes())
    strange.chmod(0o400)
    assert "bad^[[31mname.toml is read-only" in (writable(strange) or "")
    os.chmod(strange, 0o600)


def test_a_file_with_crlf_line_ends_keeps_them(tmp_path):
    path = tmp_path / "crlf.toml"
    original = (ROOT / "tests" / "data" / "minimal.toml").read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    values = {"id": "fig-2", "subject": "org:kfor", "metric": "personnel", "value": "4443", "as_of": "2025-07"}
    block = record_block("figure", values, "src-a", "4,443 personnel")
    assert append_record(path, block).ok
    assert path.read_bytes() == original + b"\r\n" + block.replace("\n", "\r\n").encode()
    assert replace_record(path, "fig-2", block.replace("fig-2", "fig-3")).ok
    assert path.read_bytes() == original + b"\r\n" + block.replace("fig-2", "fig-3").replace("\n", "\r\n").encode()
    assert delete_record(path, "fig-3").ok and path.read_bytes() == original
