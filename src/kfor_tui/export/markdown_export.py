"""The briefing pack in Markdown: marking at top and bottom, then the pack's sections (briefing_pack.py) with
briefing text made inert (markdown_text.py), tables with one cell per column, and citations as [n]."""

from __future__ import annotations

from datetime import date

from kfor_tui.export.briefing_pack import build_pack
from kfor_tui.export.markdown_text import link, md
from kfor_tui.export.pack_document import (
    Block,
    Grade,
    Heading,
    Inline,
    InPack,
    Item,
    Items,
    Marks,
    Paragraph,
    Plain,
    Quote,
    Section,
    Strong,
    Table,
    Text,
    WebLink,
)
from kfor_tui.model import Corpus


def inline(spans: Inline) -> str:
    out = []
    for span in spans:
        if isinstance(span, Text):
            out.append(md(span.text))
        elif isinstance(span, Quote):
            out.append(f'"{md(span.text)}"')
        elif isinstance(span, (Plain, Grade)):
            out.append(span.text)
        elif isinstance(span, Strong):
            out.append(f"**{inline(span.spans)}**")
        elif isinstance(span, Marks):
            out.append("".join(f"[{n}]" for n in span.numbers))
        elif isinstance(span, WebLink):
            out.append(link(span.url))
        elif isinstance(span, InPack):
            out.append(inline(span.spans))
    return "".join(out)


def _items(items: tuple[Item, ...], depth: int = 0) -> list[str]:
    indent = "  " * depth
    out = []
    for item in items:
        out.append(f"{indent}- {inline(item.spans)}")
        if item.more:
            out.append(f"{indent}  {inline(item.more)}")
        out += _items(item.children, depth + 1)
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"### {inline(block.spans)}"]
    if isinstance(block, Paragraph):
        return [inline(block.spans)]
    if isinstance(block, Table):
        header = ["| " + " | ".join(block.header) + " |", "|" + "---|" * len(block.header)]
        return header + ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in block.rows]
    if isinstance(block, Items):
        return _items(block.items)
    return [f"{number}. {inline(spans)}" for number, spans in block.entries]


def _section(section: Section) -> list[str]:
    out = [f"## {section.title}", "", *([""] if section.spaced else [])]
    for block in section.blocks:
        out += [*_block(block), ""]
    while out and not out[-1]:
        out.pop()
    return out


def to_markdown(corpus: Corpus, *, as_known_on: date | None = None) -> str:
    """The pack; `as_known_on`: the day the corpus was cut to, said under the title."""
    pack, _ = build_pack(corpus, as_known_on=as_known_on)
    marking = f"**{md(pack.marking)}**"
    out = [marking, "", f"# {pack.title}", ""]
    if pack.known:
        out += [inline(pack.known), ""]
    out += _items(pack.briefings.items)
    for section in pack.sections:
        out += ["", *_section(section)]
    out += ["", marking, ""]
    return "\n".join(out)
