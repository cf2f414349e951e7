"""`kfor-tui changes`: what changed since the last review or since a date, as text, JSON lines or Markdown."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime

import pytest

from kfor_tui.cli import main
from kfor_tui.index.record_content import content_of
from kfor_tui.io.loader import bundled_briefings, load
from kfor_tui.io.review_store import ReviewStore, open_store, review_db_path
from support import run_cli

JUNE_2023 = "brief-2023-06-nato-eu-geoana-lajcak"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A review database of the test's own (KFOR_DATA_DIR)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KFOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def briefings(tmp_path):
    """A copy of the bundled briefings the test may edit."""
    folder = tmp_path / "briefings"
    shutil.copytree(bundled_briefings(), folder)
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def mark_all(folder, at=datetime(2025, 12, 1, 10, 40, tzinfo=UTC)) -> int:
    corpus = load([folder])
    store = open_store(review_db_path())
    assert isinstance(store, ReviewStore), store
    with store:
        store.mark([(fact.id, content_of(fact)) for fact in corpus.facts()], at)
    return len(corpus.facts())


def changes_json(capsys, *args: str) -> list[dict]:
    code, out, _ = run(capsys, "changes", "--json", *args)
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_never_reviewed_everything_is_new(capsys, data_dir, briefings):
    facts = len(load([briefings]).facts())
    code, out, _ = run(capsys, "changes", str(briefings), "--since-review")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "marking: UNCLASSIFIED // OPEN SOURCE"
    assert lines[1] == f"changes since review: {facts} added, 0 changed, 0 removed facts"
    assert lines[2] == "never reviewed: every fact is new"
    assert out.count("\nADDED  ") == facts


def test_after_marking_all_reviewed_nothing_is_listed(capsys, data_dir, briefings):
    mark_all(briefings)
    code, out, _ = run(capsys, "changes", str(briefings), "--since-review")
    assert code == 0
    assert "changes since review of 1 Dec" in out and "0 added, 0 changed, 0 removed" in out
    assert out.splitlines()[-1] == "no changes"
    assert changes_json(capsys, str(briefings), "--since-review") == []


def test_an_edit_after_the_review_is_changed_field_by_field(capsys, data_dir, briefings):
    mark_all(briefings)
    path = briefings / "2023-06-nato-eu-geoana-lajcak.toml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "Round figure in a statement by the Deputy Secretary General;", "A round figure in a statement;"
    ).replace(
        'quote = "our KFOR mission on the ground, with well over 4,000 troops"', 'quote = "with well over 4,000 troops"'
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    [change] = changes_json(capsys, str(briefings), "--since-review")
    assert change["change"] == "changed" and change["id"] == "fig-kfor-troops-2023-06"
    assert change["title"] == "KFOR personnel: well over 4,000 troops" and change["when"] == "13 Jun 2023"
    fields = {field["field"]: (field["old"], field["new"]) for field in change["fields"]}
    assert set(fields) == {"cite", "note"}
    assert fields["cite"][0].startswith("“our KFOR mission on the ground, with well over 4,000 troops”")
    assert fields["cite"][1].startswith("“with well over 4,000 troops”")
    assert change["cites"] == ["NATO, 13 Jun 2023, B2: “with well over 4,000 troops”"]
    code, out, _ = run(capsys, "changes", str(briefings), "--since-review")
    assert code == 0
    assert "CHANGED  figure  fig-kfor-troops-2023-06  13 Jun 2023  KFOR personnel: well over 4,000 troops" in out
    assert "    was: Round figure in a statement by the Deputy Secretary General;" in out
    assert "  source: NATO, 13 Jun 2023, B2: “with well over 4,000 troops”" in out


def test_a_fact_gone_since_the_review_is_removed(capsys, data_dir, briefings):
    mark_all(briefings)
    (briefings / "2025-10-uk-extension.toml").unlink()
    gone = changes_json(capsys, str(briefings), "--since-review")
    assert gone and {change["change"] for change in gone} == {"removed"}
    # the source went with the file: named by its id, with no grade (none can be given)
    assert all(c["cites"][0].startswith("src-newstech24-2025-10-uk-kfor (source not loaded): “") for c in gone)


def test_since_a_date_lists_what_sources_published_since_reported(capsys, data_dir):
    corpus = load([bundled_briefings()])
    later = {fact.id for fact in corpus.facts() if fact.briefing != JUNE_2023 and fact.cites}
    changes = changes_json(capsys, "--since", "2024-01-01")
    assert {change["id"] for change in changes} == later
    assert {change["change"] for change in changes} == {"added"}
    assert {change["id"] for change in changes_json(capsys, "--since", "2025")} == {
        fact.id for fact in corpus.facts() if fact.briefing not in (JUNE_2023, "brief-2024-03-ewb-bgr-svn-alb")
    }
    code, out, _ = run(capsys, "changes", "--since", "2024-01-01")
    assert code == 0
    assert out.splitlines()[1].startswith("changes since 2024-01-01 by source publication date: ")
    assert run(capsys, "changes", "--since", "2026-01-01")[1].splitlines()[-1] == "no changes"


def test_since_with_as_of_is_what_was_new_between_them(capsys, data_dir):
    ids = {change["id"] for change in changes_json(capsys, "--since", "2024-01-01", "--as-of", "2024-12-31")}
    corpus = load([bundled_briefings()])
    assert ids == {fact.id for fact in corpus.facts() if fact.briefing == "brief-2024-03-ewb-bgr-svn-alb"}
    code, _, err = run(capsys, "changes", "--since", "2024-01-01", "--as-of", "2023-12-31")
    assert code == 2 and "--as-of is before --since" in err


def test_json_lines_parse_with_every_key(capsys, data_dir):
    for change in changes_json(capsys, "--since-review"):
        assert set(change) == {"change", "id", "kind", "title", "when", "fields", "cites"}
        assert change["cites"] and all(" B" in c or " F" in c or " C" in c for c in change["cites"])


def test_markdown_morning_brief(capsys, data_dir):
    code, out, _ = run(capsys, "changes", "--since", "2025-01-01", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == lines[-1] == "**UNCLASSIFIED // OPEN SOURCE**"
    assert "# Morning brief: changes since 2025-01-01 by source publication date" in lines
    assert any(line.startswith("## Added (") for line in lines)
    assert "1. Chronicle.lu, Jul 2025, B2: “" in out


def test_an_unusable_review_database_is_exit_2(capsys, data_dir):
    data_dir.mkdir()
    (data_dir / "review.sqlite3").write_bytes(b"this is not a database" * 100)
    code, out, err = run(capsys, "changes", "--since-review")
    assert code == 2 and out == ""
    assert err.startswith("kfor-tui changes: the review database ") and "damaged" in err


@pytest.mark.parametrize(
    "args", [["--since", "2024-02-30"], ["--since", "last week"], ["--since-review", "--since", "2024"], []]
)
def test_usage_errors_are_exit_2(capsys, data_dir, args):
    with pytest.raises(SystemExit) as exit_:
        main(["changes", *args])
    assert exit_.value.code == 2 and "usage:" in capsys.readouterr().err


def test_briefings_with_errors_are_not_compared(capsys, data_dir, write):
    path = write("broken.toml", 'format = "kfor-briefing/1"\n[briefing\n')
    code, out, err = run(capsys, "changes", str(path), "--since-review")
    assert code == 1 and out == "" and "not compared" in err


def test_config_shows_the_review_database(tmp_path):
    out = run_cli("config", env={**os.environ, "KFOR_DATA_DIR": str(tmp_path)})
    assert out.returncode == 0
    assert f"# review database: {tmp_path / 'review.sqlite3'}  (KFOR_DATA_DIR" in out.stdout
    assert "changes" in run_cli("--help").stdout
