"""The briefing pack as one self-contained, printable HTML file: the same sections, facts, grades and citation
numbers as the Markdown pack (both are written from briefing_pack.py), each citation number a link to its
entry in the numbered list at the end, and above the sections the strength over time of each mission and
each nation as inline SVG charts (charts/svg_chart.py). The page, its CSS and the marking on every printed
page: html_page.py.

Briefing text is always escaped (html.escape, quotes too) and becomes no tag and no attribute but the text
of an element; the only links are to places in the pack and to a source's plain http(s) address.
"""

from __future__ import annotations

from datetime import date
from html import escape

from kfor_tui.charts.svg_chart import caption, svg_chart
from kfor_tui.export.briefing_pack import build_pack
from kfor_tui.export.html_page import page
from kfor_tui.export.pack_citations import Citations
from kfor_tui.export.pack_document import (
    Block,
    Grade,
    Heading,
    Inline,
    InPack,
    Item,
    Items,
    Marks,
    Numbered,
    Paragraph,
    Plain,
    Quote,
    Section,
    Strong,
    Table,
    Text,
    WebLink,
)
from kfor_tui.index.strength_series import charted_keys, series_of
from kfor_tui.model import Corpus, Organisation

CHARTS_TITLE = "Strength over time"
WIDE_FROM = 5  # points: a mission, or a nation with this many, is drawn across the page; fewer, two to a row
LONG_WORD = 40  # characters: a longer word gets a place to break every BREAK_EVERY, so no table runs off the page
BREAK_EVERY = 20


def esc(text: str) -> str:
    """Text as escaped HTML on one line, with a <wbr> break opportunity inside any very long word."""
    words = []
    for word in text.split():
        if len(word) > LONG_WORD:
            pieces = [word[i : i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY)]
            words.append("<wbr>".join(escape(piece, quote=True) for piece in pieces))
        else:
            words.append(escape(word, quote=True))
    return " ".join(words)


def cite_anchor(number: int) -> str:
    return f"cite-{number}"


def web_address(url: str) -> bool:
    """Whether a source's address may be a link: one plain http(s) word (anything else stays text)."""
    return url.startswith(("http://", "https://")) and not any(ch.isspace() or ch in "<>\"'`\\" for ch in url)


def inline(spans: Inline) -> str:
    out = []
    for span in spans:
        if isinstance(span, Text):
            out.append(esc(span.text))
        elif isinstance(span, Quote):
            out.append(f'<span class="quote">&quot;{esc(span.text)}&quot;</span>')
        elif isinstance(span, Plain):
            out.append(escape(span.text, quote=True))
        elif isinstance(span, Grade):
            out.append(f'<span class="grade">{esc(span.text)}</span>')
        elif isinstance(span, Strong):
            out.append(f"<strong>{inline(span.spans)}</strong>")
        elif isinstance(span, Marks):
            out += [f'<a class="cite" href="#{cite_anchor(n)}">[{n}]</a>' for n in span.numbers]
        elif isinstance(span, WebLink):
            shown = esc(span.url)
            if web_address(span.url):
                out.append(f'<a class="url" href="{escape(span.url, quote=True)}" rel="noreferrer">{shown}</a>')
            else:
                out.append(shown)
        elif isinstance(span, InPack):
            out.append(f'<a href="#{escape(span.anchor, quote=True)}">{inline(span.spans)}</a>')
    return "".join(out)


def _items(items: tuple[Item, ...]) -> str:
    out = ["<ul>"]
    for item in items:
        more = f'<div class="briefing-summary">{inline(item.more)}</div>' if item.more else ""
        nested = _items(item.children) if item.children else ""
        out.append(f"<li>{inline(item.spans)}{more}{nested}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{escape(block.anchor, quote=True)}"' if block.anchor else ""
        return f"<h3{anchor}>{inline(block.spans)}</h3>"
    if isinstance(block, Paragraph):
        return f"<p>{inline(block.spans)}</p>"
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{esc(name)}</th>' for name in block.header)
        rows = "\n".join("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    if isinstance(block, Items):
        return _items(block.items)
    if not isinstance(block, Numbered):
        return ""
    entries = "\n".join(
        f'<li id="{cite_anchor(number)}"><span class="number">[{number}]</span> {inline(spans)}</li>'
        for number, spans in block.entries
    )
    return f'<ol class="citations">\n{entries}\n</ol>'


def _section(section: Section) -> str:
    blocks = "\n".join(_block(block) for block in section.blocks)
    return f'<section id="{escape(section.anchor, quote=True)}">\n<h2>{esc(section.title)}</h2>\n{blocks}\n</section>'


def _charts(corpus: Corpus, cites: Citations) -> str:
    """Each mission's and each nation's strength over time, with the pack's citation numbers on the marks:
    missions and long series across the page, the others two to a row."""
    parts: list[str] = []
    narrow: list[str] = []
    for index, key in enumerate(charted_keys(corpus), 1):
        series = series_of(corpus, key)
        cited = {p.fact: cites.shown(record) for p in series.points if (record := corpus.by_id.get(p.fact))}
        wide = len(series.points) >= WIDE_FROM or isinstance(corpus.by_id.get(key), Organisation)
        chart = svg_chart(
            series, cited, width=640 if wide else 330, plot_height=190 if wide else 120, chart_id=f"chart-{index}"
        )
        figure = f"<figure>\n{chart}\n<figcaption>{esc(caption(series))}</figcaption>\n</figure>"
        if wide:
            if narrow:
                parts.append('<div class="chart-grid">\n' + "\n".join(narrow) + "\n</div>")
                narrow = []
            parts.append(figure)
        else:
            narrow.append(figure)
    if narrow:
        parts.append('<div class="chart-grid">\n' + "\n".join(narrow) + "\n</div>")
    if not parts:
        return ""
    intro = (
        "Each mission's personnel and each nation's strength as its sources state them, on a true time axis "
        "with the numbers from 0. One mark for each stated figure, shaped by what the source's words allow, "
        "labelled with its number and its citations; no line joins two reports."
    )
    body = "\n".join(parts)
    return (
        f'<section id="strength-over-time" class="charts">\n<h2>{CHARTS_TITLE}</h2>\n<p>{intro}</p>\n{body}\n</section>'
    )


def to_html(corpus: Corpus, *, as_known_on: date | None = None) -> str:
    """The pack as one HTML document; `as_known_on`: the day the corpus was cut to, said under the title."""
    pack, cites = build_pack(corpus, as_known_on=as_known_on)
    parts = [f"<h1>{esc(pack.title)}</h1>"]
    if pack.known:
        parts.append(f'<p class="known">{inline(pack.known)}</p>')
    if pack.briefings.items:
        parts.append(_items(pack.briefings.items))
    charts = _charts(corpus, cites)
    if charts:
        parts.append(charts)
    parts += [_section(section) for section in pack.sections]
    return page(title=pack.title, marking=pack.marking, body="\n".join(parts))
