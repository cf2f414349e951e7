"""docs/format.md stays true: its complete example loads without a problem."""

from __future__ import annotations

import re

from kfor_tui.io.loader import load
from support import ROOT


def test_complete_examples_in_format_doc_load_clean(tmp_path):
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = [
        b
        for b in re.findall(r"```toml\n(.*?)```", text, re.S)
        if b.startswith('format = "kfor-briefing/1"') and "[briefing]" in b
    ]
    assert blocks, "docs/format.md has no complete example"
    for index, block in enumerate(blocks):
        path = tmp_path / f"example{index}.toml"
        path.write_text(block, encoding="utf-8")
        corpus = load([path])
        assert corpus.problems == (), [str(p) for p in corpus.problems]
        assert corpus.facts()
