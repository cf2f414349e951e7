"""One pass over a saved web page with the standard library's HTML parser: its metadata tags and every
block of visible text with the page region it sits in (navigation, share buttons, cookie notice, ...).

trafilatura (io/article_html.py) extracts the article but does not say what it left out; comparing these
blocks with what it kept does, so the cleaning note can name the removed debris by kind. Nothing here
fetches, runs or resolves anything: scripts are counted, never read (except JSON-LD, parsed as JSON data).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_DEPTH = 512  # open elements tracked; deeper ones share their ancestors' region (no page needs more)
MAX_BLOCKS = 20_000
MAX_JSON_LD = 1024 * 1024  # characters of one JSON-LD script parsed

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "option", "p", "pre", "section", "select", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_SEPARATE = {"a", "br", "img", "label", "span", "time"}  # inline, but their words are items: "Share Tweet"
_HIDDEN = {"script", "style", "template", "svg", "head", "title", "noscript", "iframe", "object", "math"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Inside these an inline element is part of a sentence ("see <a>the report</a>"), not an item of its own.
_TEXTUAL = _HEADINGS | {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "pre", "address"}
_WORDS = re.compile(r"[a-z0-9]+")
RELATED_HEADING = re.compile(
    r"^\s*(?:related|read (?:more|also|next)|you (?:may|might) also like|more (?:from|on|stories|news)|"
    r"recommended|see also|also read|most (?:read|popular)|popular posts|latest (?:news|posts|articles))",
    re.I,
)


@dataclass
class Block:
    """A run of visible text between block boundaries, and the words naming the elements around it."""

    text: str
    region: frozenset[str]
    related: bool = False


@dataclass
class _Open:
    tag: str
    words: frozenset[str]
    related: bool = False


@dataclass
class PageScan:
    meta: dict[str, str] = field(default_factory=dict)  # name or property (lower case) -> content, first wins
    links: dict[str, str] = field(default_factory=dict)  # rel -> href ('canonical')
    lang: str | None = None
    json_ld_dates: list[str] = field(default_factory=list)  # datePublished values, in page order
    blocks: list[Block] = field(default_factory=list)
    scripts: int = 0
    pixels: int = 0


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.stack: list[_Open] = []
        self.hidden = 0  # depth inside script, style, head...
        self.text: list[str] = []
        self.json_ld: list[str] | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        self.text = []
        if text and len(self.scan.blocks) < MAX_BLOCKS:
            region = frozenset().union(*(entry.words for entry in self.stack))
            related = any(entry.related for entry in self.stack)
            self.scan.blocks.append(Block(text, region, related))

    def _boundary(self, tag: str) -> None:
        """A block element ends the text before it; an inline item (a link, a button's label) does too,
        unless it sits inside a sentence's element, where it only keeps the words apart."""
        if tag in _BLOCK:
            self._flush()
        elif tag in _SEPARATE:
            if any(entry.tag in _TEXTUAL for entry in self.stack):
                self.text.append(" ")
            else:
                self._flush()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower().strip()
            if key and "content" in values:
                self.scan.meta.setdefault(key, values["content"])
            if values.get("http-equiv", "").lower() == "content-language" and values.get("content"):
                self.scan.meta.setdefault("content-language", values["content"])
        elif tag == "link" and values.get("href"):
            for rel in values.get("rel", "").lower().split():
                self.scan.links.setdefault(rel, values["href"])
        elif tag == "html" and values.get("lang") and self.scan.lang is None:
            self.scan.lang = values["lang"]
        elif (
            tag == "time"
            and values.get("datetime")
            and ("pubdate" in values or "datepublished" in values.get("itemprop", "").lower())
        ):
            self.scan.meta.setdefault("time:pubdate", values["datetime"])
        elif tag == "img" and _pixel(values):
            self.scan.pixels += 1
        if tag == "body":
            self.hidden = 0  # </head> may be left out: the body closes it
        if tag == "script":
            self.scan.scripts += 1
            if values.get("type", "").lower() == "application/ld+json":
                self.json_ld = []
        if tag in _HIDDEN:
            self.hidden += 1
            return
        self._boundary(tag)
        if tag in _VOID:
            return
        words = {tag}
        for name in ("id", "class", "role", "aria-label", "itemprop"):
            words.update(_WORDS.findall(values.get(name, "").lower()))
        if len(self.stack) < MAX_DEPTH:
            self.stack.append(_Open(tag, frozenset(words)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.json_ld is not None:
            self._json_ld("".join(self.json_ld))
            self.json_ld = None
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in _HEADINGS and RELATED_HEADING.match("".join(self.text)):
            self._flush()
            if len(self.stack) >= 2 and self.scan.blocks:
                self.stack[-2].related = True  # the heading's container holds the related list
                self.scan.blocks[-1].related = True
        self._boundary(tag)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            if sum(map(len, self.json_ld)) < MAX_JSON_LD:
                self.json_ld.append(data)
            return
        if not self.hidden:
            self.text.append(data)

    def _json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return
        pending, seen = [data], 0
        while pending and seen < 1000:  # breadth first, bounded: @graph lists and nested objects
            item = pending.pop(0)
            seen += 1
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str):
                    self.scan.json_ld_dates.append(value)
                pending.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                pending.extend(item)


def _pixel(values: dict[str, str]) -> bool:
    """A tracking pixel: a 1x1 image, or one whose address or description says it is one."""
    tiny = values.get("width") in ("0", "1") and values.get("height") in ("0", "1")
    marked = re.search(
        r"pixel|track|fbpx|facebook\.com/tr|analytics|beacon", values.get("src", "") + " " + values.get("alt", ""), re.I
    )
    return tiny or bool(marked)


def scan_page(html: str) -> PageScan:
    """Metadata and visible text blocks of a page; never raises on broken markup."""
    scanner = _Scanner()
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):  # the parser's own complaints about hopeless markup: keep what was read
        pass
    scanner._flush()
    return scanner.scan


# ---- what a block of removed text was


def region_kind(block: Block) -> str:
    """The kind of page furniture a removed block of text belongs to, by the elements around it."""
    words, text = block.region, block.text.lower()

    def has(*parts: str) -> bool:
        return any(part in word for word in words for part in parts)

    if has("cookie", "consent", "gdpr") or ("cookie" in text and len(text) < 400):
        return "cookie notice"
    if has("share", "sharing", "social", "addtoany"):
        return "share buttons"
    if block.related or has("related", "recommend", "readmore", "trending"):
        return "related-posts list"
    if has("byline", "author", "dateline") or words & {"time", "date", "meta", "posted"}:
        return "byline and date"
    if has("caption", "credit") or "figcaption" in words:
        return "photo captions and credits"
    if words & {"nav", "navbar", "menu", "navigation", "breadcrumb", "breadcrumbs", "skip"} or has("breadcrumb"):
        return "navigation"
    if has("comment", "disqus", "respond"):
        return "comments"
    if has("newsletter", "subscribe", "signup", "subscription"):
        return "newsletter sign-up"
    if words & {"ad", "ads", "advert", "advertisement", "sponsored", "sponsor", "promo"} or has("advert"):
        return "advertising"
    if words & {"footer", "contentinfo", "copyright"} or has("footer"):
        return "page footer"
    if words & {"header", "banner", "masthead", "topbar"}:
        return "page header"
    return "other page text"
