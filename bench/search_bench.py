"""Quick-lookup benchmark: per-keystroke latency of the search index on a generated corpus, beside the floor
of a plain substring scan over the same strings, and the index build time as a ratio of load time.

    python bench/search_bench.py [--articles 10000] [--corpus DIR] [--json FILE]

Each query is typed one character at a time, REPEAT times, each from a fresh start (no cached terms);
latency per keystroke is reported as median and 95th percentile over all prefixes and repetitions.
Goal: p95 under 16 ms (one frame).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from kfor_tui.index.search import SearchIndex
from kfor_tui.index.search_terms import fold
from kfor_tui.io.loader import load

QUERIES = ["turk", "backes", "ammunition", "novo selo", "4443", "barduany", "June 2023"]
REPEAT = 5
GOAL_MS = 16.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def keystrokes(search, query: str, fresh=lambda: None) -> list[float]:
    """Type the query a character at a time, REPEAT times, each time from a fresh start (no cached terms)."""
    times = []
    for _ in range(REPEAT):
        fresh()
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            search(query[:end])
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="use (or create) the corpus in this folder")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()

    folder = args.corpus or Path(tempfile.mkdtemp(prefix="kfor-bench-")) / f"n{args.articles}"
    if not (folder / "reference.toml").exists():
        generate(args.articles, folder)
    start = time.perf_counter()
    corpus = load([folder])
    load_s = time.perf_counter() - start
    if corpus.errors():
        print(f"corpus has {len(corpus.errors())} errors, first: {corpus.errors()[0]}", file=sys.stderr)
        return 1
    gc.collect()
    start = time.perf_counter()
    index = SearchIndex.build(corpus)
    build_s = time.perf_counter() - start
    strings = [fold(hit.label) for hit in index.docs]
    # the floor scans the same documents' words: labels plus their indexed text
    words: dict[int, list[str]] = {}
    for postings in (index.name_postings, index.text_postings):
        for term, docs in postings.items():
            for doc in docs:
                words.setdefault(doc, []).append(term)
    haystack = [strings[i] + " " + " ".join(words.get(i, ())) for i in range(len(strings))]
    index.search("warm up barduany June 2023")  # first use imports rapidfuzz and dateutil

    def scan(query: str) -> list[int]:
        needle = fold(query)
        return [i for i, text in enumerate(haystack) if needle in text]

    rows = []
    all_index: list[float] = []
    all_scan: list[float] = []
    for query in QUERIES:
        t_index = keystrokes(lambda q: index.search(q, limit=20), query, index.clear_cache)
        t_scan = keystrokes(scan, query)
        all_index += t_index
        all_scan += t_scan
        rows.append(
            {
                "query": query,
                "hits": len(index.search(query, limit=None)),
                "p50_ms": statistics.median(t_index),
                "p95_ms": percentile(t_index, 95),
                "scan_p50_ms": statistics.median(t_scan),
                "scan_p95_ms": percentile(t_scan, 95),
            }
        )
    total = {
        "query": "all keystrokes",
        "hits": None,
        "p50_ms": statistics.median(all_index),
        "p95_ms": percentile(all_index, 95),
        "scan_p50_ms": statistics.median(all_scan),
        "scan_p95_ms": percentile(all_scan, 95),
    }
    result = {
        "articles": len(corpus.sources),
        "records": len(corpus.facts()),
        "documents": len(index.docs),
        "terms": len(index.vocab),
        "load_s": load_s,
        "index_build_s": build_s,
        "build_over_load": build_s / load_s,
        "queries": rows,
        "total": total,
        "goal_p95_ms": GOAL_MS,
        "pass": total["p95_ms"] <= GOAL_MS,
    }

    print(
        f"# Quick lookup: {result['articles']:,} articles, {result['records']:,} records, "
        f"{result['documents']:,} documents, {result['terms']:,} terms\n"
    )
    print(f"load {load_s:.2f} s; index build {build_s:.2f} s = {build_s / load_s:.2f}x load\n")
    print("| query | hits | p50 ms | p95 ms | scan p50 ms | scan p95 ms | p95 / scan p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in [*rows, total]:
        ratio = row["p95_ms"] / row["scan_p95_ms"] if row["scan_p95_ms"] else float("nan")
        hits = "" if row["hits"] is None else f"{row['hits']:,}"
        print(
            f"| {row['query']} | {hits} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | {row['scan_p50_ms']:.2f} "
            f"| {row['scan_p95_ms']:.2f} | {ratio:.2f} |"
        )
    print(
        f"\ngoal: p95 <= {GOAL_MS:.0f} ms per keystroke: {'PASS' if result['pass'] else 'FAIL'} "
        f"({total['p95_ms']:.2f} ms)"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
