"""What a compact model would save: the figures of a generated corpus rebuilt as msgspec Structs beside the
model's slotted dataclasses (memory of the objects themselves, texts shared), and building citations from
parsed tables with msgspec.convert against calling the dataclass.

    python bench/model_probe.py [CORPUS_DIR]     (default: bench/out/corpora/n10000, made by `make bench`)
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import msgspec

from kfor_tui.io.loader import load
from kfor_tui.model import Cite, Figure
from kfor_tui.quantities import Quantity


class QuantityStruct(msgspec.Struct, frozen=True, gc=False):
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"
    text: str | None = None
    unit: str | None = None


class CiteStruct(msgspec.Struct, frozen=True, gc=False):
    src: str
    quote: str
    fields: tuple[str, ...] = ()
    para: int | None = None
    credibility: int | None = None
    attributed_to: str | None = None
    clean: str | None = None
    note: str | None = None


def _traced(make: Any, figures: list[Figure]) -> tuple[int, list[Any]]:
    gc.collect()
    tracemalloc.start()
    made = [make(figure) for figure in figures]
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size, made


def _as_dataclasses(f: Figure) -> list[object]:
    cites: list[object] = [
        Cite(src=c.src, quote=c.quote, fields=c.fields, para=c.para, credibility=c.credibility, note=c.note)
        for c in f.cites
    ]
    v = f.value
    return [*cites, Quantity(v.value, v.low, v.high, v.qualifier, v.text, v.unit)]


def _as_structs(f: Figure) -> list[object]:
    cites: list[object] = [
        CiteStruct(src=c.src, quote=c.quote, fields=c.fields, para=c.para, credibility=c.credibility, note=c.note)
        for c in f.cites
    ]
    v = f.value
    return [*cites, QuantityStruct(v.value, v.low, v.high, v.qualifier, v.text, v.unit)]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench/out/corpora/n10000")
    corpus = load([folder])
    figures = list(corpus.figures)
    slotted, kept = _traced(_as_dataclasses, figures)
    structs, kept_too = _traced(_as_structs, figures)
    print(f"{len(figures):,} figures of {len(corpus.facts()):,} facts: their citations and quantities")
    print(
        f"  slotted dataclasses {slotted / 1e6:.2f} MB, msgspec Structs {structs / 1e6:.2f} MB "
        f"({structs / slotted:.2f}x)"
    )
    print(
        f"  one Cite {sys.getsizeof(kept[0][0])} B -> {sys.getsizeof(kept_too[0][0])} B; "
        f"one Quantity {sys.getsizeof(kept[0][-1])} B -> {sys.getsizeof(kept_too[0][-1])} B"
    )
    tables = [
        {"src": c.src, "quote": c.quote, "para": c.para, "credibility": c.credibility} for f in figures for c in f.cites
    ]
    t0 = time.perf_counter()
    [Cite(**table) for table in tables]
    t1 = time.perf_counter()
    msgspec.convert(tables, list[CiteStruct])
    t2 = time.perf_counter()
    print(
        f"  building {len(tables):,} citations from parsed tables: Cite(**table) {(t1 - t0) * 1e3:.1f} ms, "
        f"msgspec.convert {(t2 - t1) * 1e3:.1f} ms ({(t1 - t0) / (t2 - t1):.0f}x faster)"
    )


if __name__ == "__main__":
    main()
