"""The HTML pack as a reader gets it from `kfor-tui export --format html`: the Markdown pack's sections, facts,
grades and citation numbers in one page that fetches nothing, each citation a link to its entry; charts of
strength over time drawn as the sources state it; briefing text escaped, never markup; and printed by
Chromium, the marking at the top and bottom of every page with nothing cut off."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import re
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hostile
from kfor_tui import cli
from support import DATA

CHARTS = DATA / "charts"
MARKING = "UNCLASSIFIED // OPEN SOURCE"
VOID = {"meta", "wbr", "br"}  # HTML elements without an end tag the pack writes (SVG ones close with "/>")
# every element and attribute the page itself writes: briefing text must add none
TEMPLATE_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "figure"),
    *("figcaption", "h1", "h2", "h3", "p", "ul", "ol", "li", "div", "span", "strong", "a", "wbr", "table"),
    *("thead", "tbody", "tr", "th", "td", "svg", "g", "line", "circle", "polygon", "rect", "text"),
}
TEMPLATE_ATTRIBUTES = {
    *("lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "rel", "scope", "xmlns"),
    *("viewbox", "width", "height", "role", "aria-labelledby", "font-family", "font-size", "font-weight", "fill"),
    *("stroke", "stroke-width", "stroke-dasharray", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points"),
    *("text-anchor", "transform"),
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def all(self, tag: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    found.append(child)
                found += child.all(tag)
        return found


class Tree(HTMLParser):
    """The page as a tree, with every tag and attribute counted as the browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._add(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.tags[tag] += 1
        self.attributes += [(tag, name, value) for name, value in attrs]
        return node


def export(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["export", *args]) == 0
    return out.getvalue()


def unmd(text: str) -> str:
    """Markdown-pack text as a reader reads it: no bold marks, links or escapes, white space collapsed."""
    text = re.sub(r"(?<!\\)\*\*", "", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def md_cells(line: str) -> list[str]:
    return [unmd(cell.strip()) for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


@pytest.fixture(scope="module")
def html() -> str:
    return export("--format", "html")


@pytest.fixture(scope="module")
def markdown() -> str:
    return export("--format", "markdown")


@pytest.fixture(scope="module")
def tree(html: str) -> Tree:
    return Tree(html)


def test_the_sections_are_the_markdown_packs_in_its_order_after_the_charts(tree: Tree, markdown: str) -> None:
    headings = [node.words() for node in tree.root.all("h2")]
    assert headings[0] == "Strength over time"
    assert headings[1:] == re.findall(r"^## (.+)$", markdown, re.M)
    assert headings[1:] == [
        "Mission size",
        "National strengths",
        "Contingents",
        "Visits",
        "Chronology",
        "Tensions",
        "Conflicting reports",
        "Sources",
        "Citations",
    ]
    assert [node.words() for node in tree.root.all("h3")] == [
        unmd(h) for h in re.findall(r"^### (.+)$", markdown, re.M)
    ]
    assert [node.words() for node in tree.root.all("h1")] == ["KFOR briefing pack"]


def test_every_table_states_the_same_facts_grades_and_citations_as_the_markdown_pack(tree: Tree, markdown: str) -> None:
    html_tables = [
        [[cell.words() for cell in row.all() if cell.tag in ("th", "td")] for row in table.all("tr")]
        for table in tree.root.all("table")
    ]
    md_tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            if not line.startswith("|---"):
                current.append(md_cells(line))
        elif current:
            md_tables.append(current)
            current = []
    assert len(html_tables) == len(md_tables) == 3
    assert html_tables == md_tables
    size = html_tables[0]
    assert ["13 Jun 2023", "personnel", "well over 4,000 troops", "B2", "NATO, 13 Jun 2023", "[1]"] in size


def own_words(item: Node) -> str:
    """A list entry's own text: without the entries nested in it and the briefing summary under it."""
    kept = Node(item.tag, item.attrs, [c for c in item.children if isinstance(c, str) or c.tag not in ("ul", "div")])
    return kept.words()


def test_the_lists_say_what_the_markdown_lists_say(tree: Tree, markdown: str) -> None:
    html_items = [own_words(li) for li in tree.root.all("li") if not li.attrs.get("id", "").startswith("cite-")]
    md_items = [unmd(line.split("- ", 1)[1]) for line in markdown.splitlines() if line.lstrip().startswith("- ")]
    assert html_items == md_items and len(html_items) > 100
    assert any(item.startswith("Explanation: The article contradicts itself") for item in html_items)
    summaries = [div.words() for div in tree.root.all("div") if div.attrs.get("class") == "briefing-summary"]
    assert summaries == [unmd(line) for line in markdown.split("\n## ", 1)[0].splitlines() if line.startswith("  ")]


def test_citation_numbers_link_to_entries_that_exist_with_source_date_grade_and_quote(
    tree: Tree, markdown: str
) -> None:
    ids = {node.attrs["id"] for node in tree.root.all() if "id" in node.attrs}
    links = [a.attrs["href"] or "" for a in tree.root.all("a") if (a.attrs.get("href") or "").startswith("#")]
    assert links and all(link[1:] in ids for link in links)  # every in-page link lands somewhere
    cited = {link for link in links if link.startswith("#cite-")}
    entries = [li for li in tree.root.all("li") if li.attrs.get("id", "").startswith("cite-")]
    md_entries = re.findall(r"^(\d+)\. (.+)$", markdown.split("\n## Citations\n", 1)[1], re.M)
    assert len(entries) == len(md_entries) == len(cited) > 50  # each entry is cited, each citation listed
    for li, (number, text) in zip(entries, md_entries, strict=True):
        assert li.attrs["id"] == f"cite-{number}"
        assert li.words() == f"[{number}] {unmd(text)}"
    first = entries[0].words()
    assert first.startswith('[1] "our KFOR mission on the ground, with well over 4,000 troops"')
    assert "NATO and EU together for stability in Kosovo and the Western Balkans, NATO, 13 Jun 2023" in first
    assert "paragraph 2; grade B2." in first


def test_the_page_fetches_nothing_and_runs_nothing(html: str, tree: Tree) -> None:
    assert "<script" not in html.lower() and tree.tags["script"] == 0
    assert set(tree.tags) <= TEMPLATE_TAGS
    [csp] = [m for m in tree.root.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp.attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    for tag, name, value in tree.attributes:
        assert name in TEMPLATE_ATTRIBUTES, (tag, name)
        assert name != "src"
        if name == "href":
            assert tag == "a" and value is not None
            assert value.startswith(("#", "https://", "http://")), value  # a place in the pack or a source's page
    external = {v for t, n, v in tree.attributes if n == "href" and v and not v.startswith("#")}
    sources = {source.get("url") for source in json.loads(export("--format", "json"))["sources"]}
    assert external and external <= sources  # only the sources' own addresses, as links a reader may follow
    [style] = tree.root.all("style")
    css = style.text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_the_marking_is_at_the_top_and_bottom_and_in_every_printed_pages_margins(tree: Tree) -> None:
    assert tree.root.all("header")[0].words() == tree.root.all("footer")[0].words() == MARKING
    css = tree.root.all("style")[0].text()
    contents = re.findall(r"@(top|bottom)-center \{ content: (\"[^\"]*\")", css)
    assert [where for where, _ in contents] == ["top", "bottom"]
    for _, string in contents:
        assert re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), string[1:-1]) == MARKING


def test_as_known_on_a_date_is_said_under_the_title() -> None:
    page = Tree(export("--format", "html", "--as-of", "2023-06-30"))
    [known] = [p for p in page.root.all("p") if p.attrs.get("class") == "known"]
    assert known.words().startswith("As known on 30 Jun 2023")
    assert "4,443" not in page.root.words()


def test_written_atomically_with_o(tmp_path: Path) -> None:
    target = tmp_path / "pack.html"
    assert cli.main(["export", "--format", "html", str(DATA / "minimal.toml"), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "UNCLASSIFIED // TEST" in text
    assert not list(tmp_path.glob(".pack.html.*"))


# ---------------------------------------------------------------- hostile text

HTML_PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> <iframe src='https://evil.example/'></iframe> "
    '<a href="javascript:alert(3)">j</a> "\' onmouseover="alert(4)" </style> </title> <svg onload=alert(5)> '
    "&amp; &lt;b&gt; <!-- c --> <![CDATA[x]]> <style>@import url(https://evil.example/x.css)</style>"
)


def test_hostile_text_is_only_ever_escaped_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile corpus, with HTML in every text field, makes the same elements and attributes as without it:
    its markup is all text."""
    plain_page = Tree(export("--format", "html", str(hostile.write_hostile(tmp_path))))
    monkeypatch.setattr(hostile, "HOSTILE", f"{hostile.HOSTILE} {HTML_PAYLOAD}")
    folder = tmp_path / "html"
    folder.mkdir()
    html = export("--format", "html", str(hostile.write_hostile(folder)))
    page = Tree(html)
    assert set(page.tags) <= TEMPLATE_TAGS
    for tag in ("script", "iframe", "img", "object", "embed", "link", "base", "form", "input"):
        assert page.tags[tag] == 0, tag
    assert page.tags["style"] == 1 and html.lower().count("</style") == 1 and "<script" not in html.lower()
    assert page.tags - Counter({"wbr": page.tags["wbr"]}) == plain_page.tags - Counter(
        {"wbr": plain_page.tags["wbr"]}
    )  # the payload added no element
    for tag, name, value in page.attributes:
        assert name in TEMPLATE_ATTRIBUTES and not name.startswith("on"), (tag, name)
        assert "javascript:" not in (value or "").lower() and "evil" not in (value or ""), (tag, name, value)
    assert not [v for _, n, v in page.attributes if n == "href" and not (v or "").startswith("#")]
    text = page.root.text()
    assert HTML_PAYLOAD not in html  # never written as it is...
    assert text.count(HTML_PAYLOAD) >= 20  # ...but shown, as text, wherever the briefing's text is
    for tag in ("briefing-title", "source-title", "contingent-name", "visit-title", "meeting-topic", "conflict-note"):
        assert f"{tag} " in text, tag
    # the marking in the margins of printed pages: a CSS string nothing can break out of
    css = page.root.all("style")[0].text()
    assert "<" not in css
    shown = page.root.all("header")[0].words()
    assert HTML_PAYLOAD in shown
    for string in re.findall(r"content: (\"[^\"]*\");", css)[:2]:
        assert re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), string[1:-1]) == shown
    [chart_title] = [t for t in page.root.all("title") if t.attrs.get("id") == "chart-1-title"]
    assert HTML_PAYLOAD in chart_title.text()  # the mission's hostile name, as text


# ---------------------------------------------------------------- charts


def marks_of(svg: Node) -> list[Node]:
    return [g for g in svg.all("g") if "mark" in (g.attrs.get("class") or "").split()]


def centre_x(mark: Node) -> float:
    for node in mark.all():
        if node.tag == "circle":
            return float(node.attrs["cx"] or "")
        if node.tag == "polygon":
            return float((node.attrs["points"] or "").split(",")[0])
    bars = [n for n in mark.all("line") if n.attrs["x1"] == n.attrs["x2"] and n.attrs.get("stroke-width") == "2.2"]
    return float(bars[0].attrs["x1"] or "")


@pytest.fixture(scope="module")
def charts() -> list[Node]:
    page = Tree(export("--format", "html", str(CHARTS)))
    return page.root.all("figure")


def test_the_chart_fixture_loads_without_a_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--strict", str(CHARTS)]) == 0
    assert capsys.readouterr().out.strip().endswith("0 errors, 0 warnings")


def test_each_shape_is_drawn_as_the_source_states_it(charts: list[Node]) -> None:
    mission, italy = charts

    def shapes(figure: Node) -> Counter[str]:
        return Counter(
            (g.attrs["class"] or "").split()[1].removeprefix("mark-") for g in marks_of(figure.all("svg")[0])
        )

    assert shapes(mission) == {"about": 2, "range": 1, "exact": 4, "above": 1}
    assert shapes(italy) == {"exact": 7, "about": 3, "range": 1, "above": 1, "below": 1, "vague": 1}
    svg = italy.all("svg")[0]
    by_shape = {(g.attrs["class"] or "").split()[1].removeprefix("mark-"): g for g in marks_of(svg)}
    assert [c.attrs["fill"] for c in by_shape["exact"].all("circle")] == ["#111"]  # filled
    assert [c.attrs["fill"] for c in by_shape["about"].all("circle")] == ["#fff"]  # hollow
    assert len([n for n in by_shape["range"].all("line") if n.attrs.get("stroke-dasharray") is None]) >= 3  # bar, caps
    vague = by_shape["vague"]
    assert all(n.attrs.get("stroke-dasharray") for n in vague.all("line") if n.attrs.get("stroke") == "#111")
    assert [t.text() for t in vague.all("text")] == ["?"]
    ticks = {t.text(): float(t.attrs["y"] or "") for t in svg.all("text") if t.attrs.get("text-anchor") == "end"}
    zero_y = ticks["0"] - 3.5  # a tick label sits 0.35 em under its line
    top_y = min(ticks.values()) - 3.5
    above_line = next(n for n in by_shape["above"].all("line") if n.attrs.get("stroke-dasharray"))
    assert abs(float(above_line.attrs["y2"] or "") - top_y) < 0.2  # "at least 2,300": open to the top edge
    below_line = next(n for n in by_shape["below"].all("line") if n.attrs.get("stroke-dasharray"))
    assert abs(float(below_line.attrs["y2"] or "") - zero_y) < 0.2  # "fewer than 600": down to nothing
    assert svg.all("path") == [] and svg.all("polyline") == []  # no line joins two reports


def test_the_axes_are_true_time_and_linear_from_zero(charts: list[Node]) -> None:
    mission = charts[0].all("svg")[0]
    texts = mission.all("text")
    years = {int(t.text()): float(t.attrs["x"] or "") for t in texts if re.fullmatch(r"(19|20)\d\d", t.text())}
    assert min(years) <= 2000 and max(years) == 2026
    steps = [years[y + 2] - years[y] for y in sorted(years) if y + 2 in years]
    assert steps and max(steps) - min(steps) < 0.5  # evenly spaced years
    per_day = (years[2026] - years[2000]) / (date(2026, 1, 1) - date(2000, 1, 1)).days

    def x_of(day: date) -> float:
        return years[2000] + (day - date(2000, 1, 1)).days * per_day

    ticks = {
        int(t.text().replace(",", "")): float(t.attrs["y"] or "") - 3.5  # a tick's label sits 0.35 em under it
        for t in texts
        if t.attrs.get("text-anchor") == "end"
    }
    assert min(ticks) == 0 and len(ticks) >= 4
    per_unit = (ticks[0] - ticks[max(ticks)]) / max(ticks)
    values = sorted(ticks)
    assert all(abs((ticks[a] - ticks[b]) - (b - a) * per_unit) < 0.3 for a, b in itertools.pairwise(values))
    [exact] = [g for g in marks_of(mission) if "4,443 " in g.all("title")[0].text()]
    [circle] = exact.all("circle")
    assert abs(float(circle.attrs["cy"] or "") - (ticks[0] - 4443 * per_unit)) < 0.5
    assert abs(float(circle.attrs["cx"] or "") - x_of(date(2024, 3, 16))) < 1.5  # "Mar 2024": mid-March
    # "2012" is drawn in the middle of the year, with a line spanning it: known to the year, not the day
    [about] = [g for g in marks_of(mission) if "some 6,000 strong" in g.all("title")[0].text()]
    assert abs(centre_x(about) - x_of(date(2012, 7, 2))) < 1.5
    [span] = [n for n in about.all("line") if n.attrs.get("stroke") == "#777" and n.attrs["y1"] == n.attrs["y2"]]
    assert abs(float(span.attrs["x1"] or "") - x_of(date(2012, 1, 1))) < 1.5
    assert abs(float(span.attrs["x2"] or "") - x_of(date(2013, 1, 1))) < 1.5
    xs = [centre_x(g) for g in marks_of(mission)]
    assert xs[0] < xs[1] < min(xs[2:4]) and max(xs[2:4]) < xs[4] < xs[5] < xs[6] < xs[7]  # by date, oldest first


def test_labels_carry_the_number_and_its_citations_and_a_conflict_is_marked(charts: list[Node]) -> None:
    mission = charts[0].all("svg")[0]
    labels = [t.text() for t in mission.all("text") if t.attrs.get("class") == "label"]
    assert len(labels) == 8
    assert all(re.fullmatch(r"\S+ (\[\d+\])+( !)?", label) for label in labels), labels
    assert {label for label in labels if label.endswith("!")} == {
        next(lbl for lbl in labels if lbl.startswith("16,000")),
        next(lbl for lbl in labels if lbl.startswith("15,500")),
    }
    assert any(label.startswith("~50,000 [") for label in labels)
    assert any(label.startswith("4,443 [") for label in labels) and any(
        label.startswith(">4,000 [") for label in labels
    )
    conflicts = [g for g in marks_of(mission) if g.all("rect")]
    assert len(conflicts) == 2 and all(r.attrs.get("stroke-dasharray") for g in conflicts for r in g.all("rect"))
    assert abs(centre_x(conflicts[0]) - centre_x(conflicts[1])) >= 9  # two reports of one day, side by side
    legend = " ".join(t.text() for t in mission.all("text"))
    assert "conflicting reports, kept apart" in legend and "more than / at least" in legend


def test_titles_and_captions_say_what_is_shown_and_how_many_had_no_date(charts: list[Node]) -> None:
    mission, italy = charts
    assert mission.all("figcaption")[0].words() == mission.all("svg")[0].all("title")[0].words()
    assert (
        mission.all("figcaption")[0]
        .words()
        .startswith("KFOR: personnel as each source states it, Jun 1999 to Jun 2025")
    )
    assert "8 dated figures" in mission.all("figcaption")[0].words()
    assert "no figure without a date" in mission.all("figcaption")[0].words()
    caption = italy.all("figcaption")[0].words()
    assert caption.startswith("Italy: stated strength") and "14 dated figures" in caption
    assert "1 figure has no date and is not drawn" in caption
    legend = " ".join(t.text() for t in italy.all("svg")[0].all("text"))
    for words in ("exact number", "about", "range", "vague amount", "more than", "fewer than"):
        assert words in legend


# ---------------------------------------------------------------- printed by Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PDFTOTEXT = shutil.which("pdftotext")


@dataclass
class Printed:
    pages: list[str]  # pdftotext -layout, one string per page
    boxes: str  # pdftotext -bbox
    seconds: float


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, html: str) -> Printed:
    folder = tmp_path_factory.mktemp("print")
    page, pdf = folder / "pack.html", folder / "pack.pdf"
    page.write_text(html, encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [
            str(CHROMIUM),
            *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
            *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert pdf.exists() and pdf.stat().st_size > 0, f"Chromium printed nothing: {run.stderr[-2000:]!r}"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    pages = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return Printed(pages, boxes, time.monotonic() - started)


needs_print = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None or shutil.which("pdfinfo") is None,
    reason="printing the pack needs chromium and poppler-utils (pdftotext, pdfinfo): "
    "apt-get install chromium poppler-utils",
)


@needs_print
def test_every_printed_page_carries_the_marking_at_top_and_bottom_and_its_number(printed: Printed) -> None:
    count = len(printed.pages)
    assert count > 5
    for number, text in enumerate(printed.pages, 1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0].strip() == MARKING, (number, lines[0])
        assert MARKING in lines[-1] and f"Page {number} of {count}" in lines[-1], (number, lines[-1])
    assert printed.seconds < 60


@needs_print
def test_nothing_is_cut_off_the_printed_pages(printed: Printed, tree: Tree) -> None:
    words = " ".join(" ".join(printed.pages).split())
    for heading in tree.root.all("h2") + tree.root.all("h3"):
        assert heading.words() in words, heading.words()
    entries = [li for li in tree.root.all("li") if li.attrs.get("id", "").startswith("cite-")]
    for li in entries:
        number, rest = li.words().split(" ", 1)
        first_words = " ".join(rest.split()[:6])
        assert first_words in words, first_words
        assert f"{number} {first_words}" in words  # its number too, not pushed into the margin
    for label in (t.text() for t in tree.root.all("text") if t.attrs.get("class") == "label"):
        assert label in words, label
    # every word lies inside its page; the marking alone in the top margin, and in the bottom one
    for page in re.findall(r"<page (.*?)</page>", printed.boxes, re.S):
        width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', page)[:2])
        found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)
        for x0, y0, x1, y1, _ in found:
            assert float(x0) >= 0 and float(x1) <= width and float(y0) >= 0 and float(y1) <= height
        top = " ".join(text for _, y0, _, _, text in found if float(y0) < height * 0.05)
        bottom = " ".join(text for _, y0, _, _, text in found if float(y0) > height * 0.95)
        assert top == MARKING and bottom.startswith(MARKING + " Page "), (top, bottom)
