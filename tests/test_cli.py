"""The command as users and scripts run it: output, exit codes, files written."""

from __future__ import annotations

import json
import os

from support import MINIMAL, ROOT, run_cli


def test_version_and_help():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("kfor-tui ")
    helped = run_cli("--help")
    assert helped.returncode == 0 and "check" in helped.stdout and "export" in helped.stdout


def test_check_clean_file_exits_0():
    out = run_cli("check", str(MINIMAL))
    assert out.returncode == 0, out.stdout
    assert out.stdout.strip() == "1 files, 1 sources, 3 facts, 0 errors, 0 warnings"


def test_check_reports_syntax_error_with_position(write):
    path = write("name.toml", 'format = "kfor-briefing/1"\n\n[briefing\n')
    out = run_cli("check", str(path))
    assert out.returncode == 1
    assert f"{path}:3:" in out.stdout or "name.toml:3:" in out.stdout
    assert "error: TOML syntax" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_strict_fails_on_warnings(write):
    text = MINIMAL.read_text().replace("Test Chronicle", "Test \\u202eChronicle")
    path = write("warn.toml", text)
    assert run_cli("check", str(path)).returncode == 0
    strict = run_cli("check", "--strict", str(path))
    assert strict.returncode == 1 and "warning: bidirectional override U+202E removed" in strict.stdout


def test_usage_error_exits_2():
    out = run_cli("check", "--frobnicate")
    assert out.returncode == 2 and "usage:" in out.stderr
    assert run_cli("export").returncode == 2


def test_briefings_option_and_environment(write, tmp_path):
    write("x.toml", MINIMAL.read_text())
    out = run_cli("check", "--briefings", str(tmp_path))
    assert out.returncode == 0 and out.stdout.startswith("1 files")
    env = {**os.environ, "KFOR_BRIEFINGS": str(tmp_path)}
    assert run_cli("check", env=env).stdout.startswith("1 files")


def test_bundled_briefings_are_the_default_from_any_folder(tmp_path):
    out = run_cli("check", "--strict", cwd=tmp_path)
    assert out.returncode == 0, out.stdout
    assert "0 errors, 0 warnings" in out.stdout


def test_json_export_shape():
    out = run_cli("export", "--format", "json", str(MINIMAL))
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["format"] == "kfor-briefing/1"
    assert data["markings"] == ["UNCLASSIFIED // TEST"]
    [contingent] = data["contingents"]
    assert contingent["type"] == "contingent"
    assert contingent["strength"] is None  # the source states the national figures only
    assert contingent["composition"][0] == {
        "nation": "LUX",
        "strength": {
            "value": 7,
            "low": None,
            "high": None,
            "qualifier": "exact",
            "text": None,
            "unit": None,
            "display": "7",
        },
    }
    assert contingent["grade"] == "B2"
    assert contingent["period"]["edtf"] == "2025-04/2026-04"
    assert contingent["period"]["end_kind"] == "planned"
    cite = contingent["cite"][0]
    assert cite["grade"] == "B2" and cite["anchor"]["paragraph"] == 2 and cite["for"] == ["composition"]
    [visit] = data["visits"]
    assert visit["when"]["display"] == "2-3 Jul 2025" and visit["when"]["earliest"] == "2025-07-02"
    assert data["sources"][0]["reliability_label"] == "Usually reliable"


def test_markdown_export_has_marking_and_citations(tmp_path):
    target = tmp_path / "pack.md"
    out = run_cli("export", "--format", "markdown", str(MINIMAL), "-o", str(target))
    assert out.returncode == 0, out.stderr
    text = target.read_text()
    lines = text.strip().splitlines()
    assert lines[0] == "**UNCLASSIFIED // TEST**" and lines[-1] == "**UNCLASSIFIED // TEST**"
    assert "## Citations" in text and '1. "' in text and "grade B2" in text
    assert not list(tmp_path.glob(".pack.md.*"))  # no temp file left behind


def test_export_refuses_a_corpus_with_errors(write, tmp_path):
    bad = write("bad.toml", "not toml [")
    target = tmp_path / "out.json"
    out = run_cli("export", "--format", "json", str(bad), "-o", str(target))
    assert out.returncode == 1 and "not exported" in out.stderr
    assert not target.exists()


def test_export_to_unwritable_folder_is_a_clear_message(tmp_path):
    out = run_cli("export", "--format", "json", str(MINIMAL), "-o", str(tmp_path / "missing" / "x.json"))
    assert out.returncode == 1
    assert "cannot write" in out.stderr and "Traceback" not in out.stderr


def test_check_never_writes(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "briefings").rglob("*.toml")}
    run_cli("check")
    after = {p: p.stat().st_mtime_ns for p in (ROOT / "briefings").rglob("*.toml")}
    assert before == after
