"""The generator and the lookup benchmark run end to end at a small size (timings are not asserted: the
real figures come from `make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT

from kfor_tui.io.loader import load


def test_generated_corpus_is_valid_under_strict_check(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(30, tmp_path / "corpus", seed=7)
    corpus = load([tmp_path / "corpus"])
    assert corpus.problems == ()
    assert len(corpus.sources) == 30 and len(corpus.facts()) == 300
    kinds = {type(f).__name__ for f in corpus.facts()}
    assert kinds == {"Contingent", "Visit", "Tension", "Figure", "Event"}
    again = tmp_path / "again"
    generate(30, again, seed=7)
    assert (again / "000" / "article-00007.toml").read_text() == (tmp_path / "corpus" / "000" / "article-00007.toml").read_text()


def test_search_benchmark_prints_its_table(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "search_bench.py"), "--articles", "20",
                          "--corpus", str(tmp_path / "c"), "--json", str(tmp_path / "r.json")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "| all keystrokes |" in out.stdout and ("PASS" in out.stdout or "FAIL" in out.stdout)
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["articles"] == 20 and result["total"]["p95_ms"] >= 0 and result["build_over_load"] > 0
    assert {row["query"] for row in result["queries"]} >= {"turk", "backes", "ammunition", "novo selo", "4443"}
