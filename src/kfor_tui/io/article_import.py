"""`kfor-tui import`: a saved article (web page, plain text, Markdown) as a new briefing with one source.

The briefing holds the source's paragraphs and what is known about it, and no facts: the writer adds those
(the reader's capture, or by hand) and every quote is then checked against these paragraphs. What the
article does not state is left out or, for the one required field that may be unknown (the publisher),
written as "unknown"; the cleaning note says where each value came from and lists what was removed. The
TOML text is made by tomli_w from the values, never by pasting text into TOML, and every string is cleaned
of what the loader would warn about (io/article_text.CharCleaner), so `check --strict` passes on it.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kfor_tui.io.article_debris import Removals, strip_debris
from kfor_tui.io.article_text import CharCleaner, front_matter, parse_day, publication_date, split_paragraphs
from kfor_tui.io.builders import FORMAT

KINDS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "markdown"}
MAX_INPUT_BYTES = 32 * 1024 * 1024  # a saved page with inline scripts and styles; an article is far smaller
DEFAULT_MARKING = "UNCLASSIFIED // OPEN SOURCE"
UNKNOWN = "unknown"  # the publisher when the article does not name it (a required field)
TITLE_CHARS = 150  # a first line longer than this is cut to its first sentence, or at a word
SLUG_CHARS = 60


class ArticleError(Exception):
    """Why an article cannot be imported, in one line; `usage` when it is the command's use that is wrong
    (exit 2) rather than the article (exit 1)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass
class Article:
    """An article's text and what it says about itself; `notes` say where each value came from."""

    paragraphs: list[str]
    title: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    published_text: str | None = None
    published_basis: str | None = None
    language: str | None = None
    author: str | None = None
    removals: Removals = field(default_factory=Removals)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    """The new briefing's TOML text and what the command reports about it."""

    text: str
    briefing_id: str
    source_id: str
    paragraphs: int
    removed: str  # the cleaning note's list of removals, '' when nothing was removed
    unknown: tuple[str, ...]  # what the article did not state


def read_article(path: Path) -> tuple[str, bytes]:
    """The article's kind ('html', 'text', 'markdown') and bytes. A name without a known suffix, a missing
    file or one that is not a regular file is a usage error; nothing that is not a file is ever opened."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise ArticleError("FILE must be a saved web page (.html, .htm) or text (.txt, .md)", usage=True)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("not a regular file; not read", usage=True)
        if info.st_size > MAX_INPUT_BYTES:
            raise ArticleError(f"the file is over {MAX_INPUT_BYTES // 2**20} MiB; not read")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError("no such file", usage=True) from None
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise ArticleError(f"the file is over {MAX_INPUT_BYTES // 2**20} MiB; not read")
    if b"\x00" in data:
        raise ArticleError("a binary file (it holds NUL bytes), not a page or text")
    return kind, data


def article_from(kind: str, data: bytes, cleaner: CharCleaner) -> Article:
    """The article in a file's bytes; raises ArticleError when there is no text to import."""
    if kind == "html":
        from trafilatura.utils import decode_file

        article = _from_page(cleaner.clean_html(decode_file(data)), cleaner)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
            ) from None
        article = _from_text(cleaner.clean(text), kind == "markdown")
    if not article.paragraphs:
        raise ArticleError("no article text found")
    return article


def _from_page(html: str, cleaner: CharCleaner) -> Article:
    from kfor_tui.io.article_html import extract_page

    page = extract_page(html)
    paragraphs = [p for p in (cleaner.line(p) for p in page.paragraphs) if p]
    title, how = _title(cleaner.line(page.title or ""), paragraphs)
    notes = ["Title: the page's title (metadata)." if page.title else how]
    if page.headline_is_title:
        notes[0] = "Title: the page's title (metadata), also its headline, which is not repeated as a paragraph."
    if page.publisher:
        notes.append(f"Publisher: from {page.publisher_from}.")
    if page.published:
        notes.append(f"Published: {page.published}, {page.published_basis}: from {page.published_from}.")
    if page.language:
        notes.append(f"Language: from {page.language_from}.")
    if page.url:
        notes.append("URL: the page's canonical address (metadata).")
    return Article(
        paragraphs=paragraphs,
        title=title,
        publisher=cleaner.line(page.publisher or "") or None,
        url=page.url,
        published=page.published,
        published_text=cleaner.line(page.published_text or "") or None,
        published_basis=page.published_basis,
        language=page.language,
        author=cleaner.line(page.author or "") or None,
        removals=page.removals,
        notes=notes,
    )


def _from_text(text: str, markdown: bool) -> Article:
    meta, body = front_matter(text) if markdown else ({}, text)
    paragraphs, images = split_paragraphs(body, markdown)
    removals = Removals()
    for alt in images:
        removals.add("images", alt)
    found = publication_date(paragraphs)
    if found and found.dateline:
        paragraphs.remove(found.text)
        removals.add("dateline (now the publication date)", found.text)
    stated_title = _one_line(meta.get("title", ""))
    paragraphs, headline, _ = strip_debris(paragraphs, removals, find_headline=not stated_title)
    notes = []
    if stated_title:
        title = stated_title
        notes.append("Title: the front matter's title.")
    elif headline:
        title = headline
        notes.append("Title: the headline (the line above the text), not repeated as a paragraph.")
    else:
        title, how = _title("", paragraphs)
        notes.append(how)
    article = Article(paragraphs=paragraphs, title=title, removals=removals, notes=notes)
    article.publisher = _one_line(meta.get("publisher") or meta.get("site") or meta.get("site_name", "")) or None
    article.author = _one_line(meta.get("author", "")) or None
    url = (meta.get("canonical_url") or meta.get("url") or meta.get("source") or "").strip()
    article.url = url if re.match(r"https?://\S+$", url) and len(url) <= 2000 else None
    language = (meta.get("lang") or meta.get("language") or "").strip()
    article.language = language if re.match(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", language) else None
    stated = next((meta[k] for k in ("published", "date", "pubdate") if meta.get(k)), "")
    if stated and (day := _front_date(stated)):
        article.published, article.published_text, article.published_basis = day, _one_line(stated), "stated"
        notes.append("Published: stated in the front matter.")
    elif found:
        article.published, article.published_text, article.published_basis = found.day, found.text, "inferred"
        notes.append(f"Published: inferred from the text ('{found.text}'): check it.")
    for key, name in (("publisher", "publisher"), ("url", "URL"), ("language", "language")):
        if getattr(article, key):
            notes.append(f"{name.capitalize() if name != 'URL' else name}: from the front matter.")
    return article


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _front_date(text: str) -> str | None:
    match = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\b", text)
    if not match:
        return parse_day(text)
    try:
        date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
    return "-".join(part for part in match.groups() if part)


def _title(stated: str, paragraphs: list[str]) -> tuple[str, str]:
    """The stated title, else the first line (cut to its first sentence, or at a word, when long)."""
    if stated:
        return stated, "Title: stated."
    first = paragraphs[0] if paragraphs else ""
    if len(first) <= TITLE_CHARS:
        return first or "Untitled article", "Title: the text has no headline; the title is its first line."
    sentence = re.match(rf"^(.{{20,{TITLE_CHARS}}}?[.!?])\s", first)
    if sentence:
        return sentence.group(1), "Title: the text has no headline; the title is its first sentence."
    cut = first[: TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return cut, "Title: the text has no headline; the title is its first line, cut short."


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-', at most SLUG_CHARS, cut at a word: an id's readable part."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > SLUG_CHARS:
            break
        out = f"{out}-{word}" if out else word
    return out or (words[0][:SLUG_CHARS] if words else "")


def briefing_for(
    article: Article, name: str, today: date, marking: str, author: str | None, cleaner: CharCleaner
) -> Imported:
    """The new briefing file's text: [briefing] and one [[sources]] with the paragraphs and the note."""
    if article.published and article.published[:10] > today.isoformat():
        article.notes = [note for note in article.notes if not note.startswith("Published:")]
        article.notes.append(f"Published: the article gives {article.published}, after today; left out.")
        article.published = article.published_text = article.published_basis = None
    stem = slug(article.title) or slug(Path(name).stem) or "imported"
    ident = f"{article.published[:7]}-{stem}" if article.published else stem
    unknown = tuple(
        label
        for label, value in (
            ("publisher", article.publisher),
            ("publication date", article.published),
            ("language", article.language),
            ("URL", article.url),
        )
        if not value
    )
    source: dict[str, Any] = {"id": f"src-{ident}", "title": article.title, "publisher": article.publisher or UNKNOWN}
    if article.url:
        source["url"] = article.url
    if article.published:
        day = article.published
        source["published"] = date.fromisoformat(day) if len(day) == 10 else day
        if article.published_text and article.published_text != day:
            source["published_text"] = article.published_text
        source["published_basis"] = article.published_basis or "stated"
    if article.language:
        source["language"] = article.language
    source["reliability"] = "F"
    source["reliability_note"] = "Imported, not yet assessed: F (cannot be judged) until someone grades the source."
    source["note"] = cleaner.clean(_note(article, name, today, unknown, cleaner))
    source["paragraphs"] = article.paragraphs
    briefing: dict[str, Any] = {"id": f"brief-{ident}", "title": article.title, "as_of": today, "marking": marking}
    if author:
        briefing["author"] = author
    import tomli_w

    header = (
        f"# Imported by kfor-tui import on {today.isoformat()}: one source, no facts yet. Add facts that cite it\n"
        "# (docs/authoring.md, docs/format.md), then run kfor-tui check --strict on this file.\n"
    )
    body = tomli_w.dumps({"format": FORMAT, "briefing": briefing, "sources": [source]}, multiline_strings=True)
    return Imported(
        text=header + body,
        briefing_id=briefing["id"],
        source_id=source["id"],
        paragraphs=len(article.paragraphs),
        removed=article.removals.describe(),
        unknown=unknown,
    )


def _note(article: Article, name: str, today: date, unknown: tuple[str, ...], cleaner: CharCleaner) -> str:
    lines = [f"Imported with kfor-tui import from '{cleaner.line(name)}' on {today.isoformat()}."]
    lines.append(f"Cleaning: removed {article.removals.describe()}." if article.removals else "Cleaning: nothing.")
    characters = cleaner.summary()
    if characters:
        lines.append(f"Characters removed: {characters}.")
    lines.extend(article.notes)
    if article.author:
        lines.append(f"Author: {article.author} (as the article states).")
    if unknown:
        explained = {
            "publisher": "publisher (written as 'unknown': the field is required)",
            "language": "language (absent means en)",
        }
        lines.append(f"Not stated, so unknown: {', '.join(explained.get(u, u) for u in unknown)}.")
    return "\n".join(lines)


def import_article(path: Path, today: date, marking: str = DEFAULT_MARKING, author: str | None = None) -> Imported:
    """Read, extract, clean and write out: the whole of `kfor-tui import` but the file write."""
    kind, data = read_article(path)
    cleaner = CharCleaner()
    article = article_from(kind, data, cleaner)
    return briefing_for(article, path.name, today, marking, author, cleaner)
