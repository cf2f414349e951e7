"""The generator and the lookup benchmark run end to end at a small size (timings are not asserted: the
real figures come from `make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys

from kfor_tui.io.loader import load
from support import ROOT


def test_generated_corpus_is_valid_under_strict_check(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(30, tmp_path / "corpus", seed=7)
    corpus = load([tmp_path / "corpus"])
    assert corpus.problems == ()
    assert len(corpus.sources) == 30 and len(corpus.facts()) == 303  # ten per article, and 3 conflicting figures
    kinds = {type(f).__name__ for f in corpus.facts()}
    assert kinds == {"Contingent", "Visit", "Tension", "Figure", "Event"}
    assert len(corpus.conflicts) == 3 and all(len(c.claims) == 2 for c in corpus.conflicts)
    again = tmp_path / "again"
    generate(30, again, seed=7)
    assert (again / "000" / "article-00007.toml").read_text() == (
        tmp_path / "corpus" / "000" / "article-00007.toml"
    ).read_text()


def test_search_benchmark_prints_its_table(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "search_bench.py"),
            "--articles",
            "20",
            "--corpus",
            str(tmp_path / "c"),
            "--json",
            str(tmp_path / "r.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "| all keystrokes |" in out.stdout and ("PASS" in out.stdout or "FAIL" in out.stdout)
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["articles"] == 20 and result["total"]["p95_ms"] >= 0 and result["build_over_load"] > 0
    assert {row["query"] for row in result["queries"]} >= {"turk", "backes", "ammunition", "novo selo", "4443"}


def test_scale_benchmark_writes_every_figure(tmp_path):
    """bench/bench.py at a tiny N: it completes and its JSON has every figure (no timing is asserted)."""
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench.py"),
            "--articles",
            "10,20",
            "--reps",
            "1",
            "--corpus-dir",
            str(tmp_path / "corpora"),
            "--json",
            str(tmp_path / "bench.json"),
            "--timeout",
            "50",
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert out.returncode == 0, out.stderr
    assert "## Goals" in out.stdout and "| cold load <= 1.5x parse floor" in out.stdout
    result = json.loads((tmp_path / "bench.json").read_text())
    assert [row["articles"] for row in result["loads"]] == [10, 20]
    for row in result["loads"]:
        for key in (
            "cold_load_s",
            "warm_load_s",
            "parse_s",
            "read_s",
            "cold_over_parse",
            "cold_over_read",
            "warm_over_parse",
            "warm_over_read",
            "peak_rss_mib",
            "rss_over_disk",
            "disk_bytes",
            "cold_rss_over_disk",
            "warm_rss_over_disk",
        ):
            assert row[key] is not None, key
        assert row["load_errors"] == 0 and isinstance(row["persistent_cache"], bool)
    assert [p["target"] for p in result["paint"]] == [
        "bundled briefings",
        "N=20, cold (empty cache)",
        "N=20, warm (cache written)",
        "bundled briefings, warm (cache written)",
    ]
    for paint in result["paint"]:
        assert paint["start_to_paint_s"] is not None and paint["over_bare"] is not None, paint
    imports = result["paint_imports"]  # what the first paint imports beyond the bare app (python -X importtime)
    assert imports["extra_modules"] > 0 and imports["modules"][0]["module"] == "kfor_tui.ui.app", imports
    assert "## First paint imports beyond the bare Textual app's" in out.stdout
    keys = result["keys"]
    assert keys["articles"] == 20
    names = [row["name"] for row in keys["rows"]]
    for pane in ("nations", "chronology", "sources"):
        assert any(n.startswith(f"switch to {pane} (first switch ") for n in names), names
        assert any(n.startswith(f"j in {pane}") for n in names), names
    assert any(n.startswith("G/g in chronology") for n in names)
    # 20 presses of each pane key after its first (a p95 of a handful would be their maximum); the charts too
    assert all(row["n"] >= 20 for row in keys["rows"] if row["name"].startswith("switch to")), keys["rows"]
    assert any(n.startswith("t: chart of a nation with 1,000 dated figures") for n in names), names
    goal_names = [g["goal"] for g in result["goals"]]
    assert any(g.startswith("first screen of N=20, warm <= 3x bare Textual") for g in goal_names), goal_names
    assert any(g.startswith("peak RSS <= 3x corpus on disk, warm load") for g in goal_names), goal_names
    for row in keys["rows"]:
        assert row["n"] > 0 and row["action_p95_ms"] >= 0 and row["cpu_p95_ms"] >= 0
    assert keys["lookup"]["n"] > 0
    assert {"cold_load_s", "cold_peak_rss_mib", "cold_over_parse"} <= set(result["growth"])
    assert len(result["goals"]) >= 5 and all(isinstance(g["pass"], bool) for g in result["goals"])
