"""A saved web page's article: main text and metadata with trafilatura, and what was left out.

trafilatura is given the page as a string and nothing else (no URL, no downloads): it only parses. Its
main-text extraction drops the page furniture; io/page_scan.py lists that furniture so the cleaning note can
name it. The publication date is 'stated' only when a metadata tag of the page gives it (the tags are read
here, one by one, so the basis is known), else 'inferred' when htmldate finds one in the page's text or
address, else unknown.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kfor_tui.io.article_debris import Removals, strip_debris
from kfor_tui.io.article_text import TextDate, collapse, parse_day, publication_date
from kfor_tui.io.page_scan import RELATED_HEADING, PageScan, region_kind, scan_page

# Metadata tags that state when the article was published, most specific first (lower case).
DATE_TAGS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "time:pubdate",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
_ISO = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s])")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
KEPT_MIN_CHARS = 25  # a removed-looking text shorter than this counts as kept only if it is a whole paragraph


@dataclass
class PageArticle:
    """What a page says about itself, with where each value came from (for the cleaning note)."""

    paragraphs: list[str]
    title: str | None = None
    publisher: str | None = None
    publisher_from: str = ""
    author: str | None = None
    url: str | None = None
    language: str | None = None
    language_from: str = ""
    published: str | None = None  # EDTF: YYYY, YYYY-MM or YYYY-MM-DD
    published_text: str | None = None
    published_basis: str | None = None  # 'stated' or 'inferred'
    published_from: str = ""
    headline_is_title: bool = False
    removals: Removals = field(default_factory=Removals)


def extract_page(html: str) -> PageArticle:
    """The article of a page (no paragraphs when the page holds no article text)."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # their notices are not ours to print
        logging.getLogger(name).setLevel(logging.CRITICAL)
    document: Any = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_images=False, include_links=False
    )
    if document is None or document.body is None or not len(document.body):
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    scan = scan_page(html)
    paragraphs = list(_paragraphs(document.body)) if document is not None and document.body is not None else []
    article = PageArticle(paragraphs=paragraphs)
    if document is not None:
        article.title = collapse(document.title or "") or None
        article.author = collapse(document.author or "") or None
        article.publisher = collapse(document.sitename or "") or None
        url = (document.url or "").strip()
        article.url = url if re.match(r"https?://[^\s]+$", url) and len(url) <= 2000 else None
    if article.publisher:
        article.publisher_from = next(
            (f"the page's {tag} tag" for tag in ("og:site_name", "application-name") if scan.meta.get(tag)),
            "the page's title or address",
        )
    if article.title and paragraphs and _key(paragraphs[0]) == _key(article.title):
        article.paragraphs = paragraphs[1:]
        article.headline_is_title = True
    article.paragraphs, _, _ = strip_debris(article.paragraphs, article.removals, find_headline=False)
    in_text = publication_date(article.paragraphs)
    if in_text and in_text.dateline:
        article.paragraphs.remove(in_text.text)
        article.removals.add("byline and date", in_text.text)
    _language(article, scan)
    _published(article, scan, html, in_text)
    _list_removed(article, scan)
    return article


def _text(element: Any) -> str:
    """An element's words; a line break inside it is a space (a paragraph is one line)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(body: Any) -> list[str]:
    """trafilatura's body as paragraphs: each p, heading and list item; a table row as its cells."""
    found: list[str] = []
    for element in body:
        if element.tag == "list":
            found.extend(_text(item) for item in element if item.tag == "item")
        elif element.tag == "table":
            found.extend(" ".join(_text(cell) for cell in row) for row in element.iter("row"))
        elif element.tag in ("quote", "div") and any(child.tag in ("p", "list", "table") for child in element):
            found.extend(_paragraphs(element))
        elif element.tag not in ("graphic", "lb"):
            found.append(_text(element))
    return [text for text in (collapse(part) for part in found) if text]


def _key(text: str) -> str:
    """Text as compared with other text: no white space, case folded, compatibility forms unified."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _language(article: PageArticle, scan: PageScan) -> None:
    for value, where in (
        (scan.lang, "the page's lang attribute"),
        (scan.meta.get("content-language"), "the page's content-language"),
        (scan.meta.get("og:locale"), "the page's og:locale tag"),
    ):
        value = (value or "").strip()
        if value and _LANGUAGE.match(value):
            primary, *rest = value.replace("_", "-").split("-")
            subtags = [part.upper() if len(part) == 2 else part for part in rest]
            article.language, article.language_from = "-".join([primary.lower(), *subtags]), where
            return


def _published(article: PageArticle, scan: PageScan, html: str, in_text: TextDate | None) -> None:
    candidates = [(tag, scan.meta.get(tag)) for tag in DATE_TAGS]
    candidates += [("JSON-LD datePublished", value) for value in scan.json_ld_dates]
    for tag, raw in candidates:
        if raw and (day := _date(raw)):
            article.published, article.published_text = day, collapse(raw)[:100]
            article.published_basis, article.published_from = "stated", f"the page's {tag} metadata"
            return
    if in_text:
        article.published, article.published_text, article.published_basis = in_text.day, in_text.text, "inferred"
        article.published_from = "the page's text (no date in its metadata)"
        return
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - a date guesser failing on odd markup leaves the date unknown
        found = None
    if found and _date(found):
        article.published, article.published_basis = found, "inferred"
        article.published_from = "htmldate, from the page's text or address (no date in its metadata)"


def _date(raw: str) -> str | None:
    """An ISO-like date ('2024-03-22T09:30:00+01:00', '2024-03', '2024/03/22') or '22 March 2024' at the
    precision it states; None when it is no date."""
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            date(year or 0, month or 1, day or 1)
        except ValueError:
            return None
        if year is None or year < 1000:
            return None
        return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    return parse_day(raw)


def _list_removed(article: PageArticle, scan: PageScan) -> None:
    """Every text block of the page that is in none of the kept paragraphs, under the kind of region it
    sat in; then the scripts and tracking pixels, which were never run or fetched."""
    kept = [_key(p) for p in article.paragraphs]
    whole = "".join(kept)
    exact = set(kept) | {_key(article.title or ""), _key(article.author or "")}
    listed = {_key(item) for items in article.removals.kinds.values() for item in items}
    related = "related-posts list"
    for block in scan.blocks:
        key = _key(block.text)
        if not key or key in exact or key in listed or (len(key) >= KEPT_MIN_CHARS and key in whole):
            continue
        if any(p.startswith(key) or p.endswith(key) for p in kept):  # a label the extractor glued on
            continue
        listed.add(key)
        kind = region_kind(block)
        if kind == related and len(block.text) <= 60 and RELATED_HEADING.match(block.text):
            related = f"'{block.text.rstrip(':')}' list"  # named by its own heading, as a reader saw it
            article.removals.kinds.setdefault(related, [])
            continue
        article.removals.add(related if kind == "related-posts list" else kind, block.text)
    code = []
    if scan.scripts:
        code.append(f"{scan.scripts} script{'s' * (scan.scripts != 1)}")
    if scan.pixels:
        code.append(f"{scan.pixels} tracking pixel{'s' * (scan.pixels != 1)}")
    if code:
        article.removals.kinds[f"page code, never run or fetched: {', '.join(code)}"] = []
