"""Web debris in an article's paragraphs: what it is, taking it out, and saying what was taken out.

A page saved as text keeps the site around the article: a tracking tag, the site's name and section label
above the headline, photo credits, share buttons, a cookie notice, a "Related posts" list, a stray token at
the end (a lone "Share", "1" or "4o"). `strip_debris` removes whole paragraphs only (never words inside
one, so every quote still matches the article as published) and records each removal under its kind, so
the source's cleaning note lists what went and a writer can put back anything wrongly taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SHOWN_ITEMS = 4  # items named per kind in the cleaning note; the rest are counted
ITEM_CHARS = 60  # an item longer than this is cut in the note

_SHARE_WORD = (
    r"(?:share(?: this(?: article| story)?| on \w+| via \w+)?|tweet|email|e-mail|print|pin(?: it)?|whatsapp|"
    r"facebook|twitter|x|linkedin|telegram|viber|reddit|copy link|copy url|save|like|follow(?: us)?)"
)
SHARE_LINE = re.compile(rf"^(?:{_SHARE_WORD}[\s:|·•/,]*)+$", re.I)
TRACKING = re.compile(r"^(?:fbpx|gtag|_gaq|utm_\w+|pixel|noscript)$", re.I)
PAGE_CHROME = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|toggle navigation|"
    r"main menu|menu|search|subscribe(?: now)?|sign in|log ?in|register|newsletter|back to top|"
    r"cookie settings|accept(?: all)?(?: cookies)?|loading\.*)$",
    re.I,
)
COOKIE = re.compile(r"\bcookies?\b", re.I)
COOKIE_CONTEXT = re.compile(r"\b(?:accept|consent|we use|this (?:site|website) uses|cookie policy|privacy)\b", re.I)
CAPTION = re.compile(
    r"^(?:\(?(?:photo|photograph|picture|image|foto|credit|photo credit|illustration)s?\s*(?:by)?\s*[:©]|©|"
    r"\((?:l-r|r-l|l to r|from left)\)).*",
    re.I,
)
CREDIT_END = re.compile(r"(?:credit|photo)\s*:\s*[^.!?]{1,60}$", re.I)
RELATED = re.compile(
    r"^(?:related(?: posts| articles| stories| news| content| reading)?|read (?:more|also|next)|"
    r"you (?:may|might) also like|more (?:from|on|stories|news)\b.*|recommended(?: for you)?|see also|"
    r"also read|most (?:read|popular)|popular posts|latest (?:news|posts|articles)|trending(?: now)?|tags?)\s*:?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)]$")


@dataclass
class Removals:
    """What was removed, by kind ('share buttons', '"Related posts" list'), in the order first met."""

    kinds: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, item: str) -> None:
        items = self.kinds.setdefault(kind, [])
        if item not in items:
            items.append(item)

    def describe(self) -> str:
        """For the note: "share buttons ('Share', 'Tweet'); 'Related posts' list ('A title', 'EWB', and 2 more)"."""
        parts = []
        for kind, items in self.kinds.items():
            shown = [f"'{_cut(item)}'" for item in items[:SHOWN_ITEMS] if item]
            more = len(items) - SHOWN_ITEMS
            if more > 0:
                shown.append(f"and {more} more")
            parts.append(f"{kind} ({', '.join(shown)})" if shown else kind)
        return "; ".join(parts)

    def __bool__(self) -> bool:
        return bool(self.kinds)


def _cut(text: str) -> str:
    return text if len(text) <= ITEM_CHARS else text[: ITEM_CHARS - 1].rstrip() + "…"


def looks_like_sentence(paragraph: str) -> bool:
    """Body text rather than a heading or label: ends like a sentence, or is too long for a heading."""
    return bool(_SENTENCE_END.search(paragraph)) or len(paragraph) > 200


def debris_kind(paragraph: str) -> str | None:
    """The kind of debris a whole paragraph is, or None when it may be article text."""
    if TRACKING.match(paragraph):
        return "tracking tag"
    if SHARE_LINE.match(paragraph) and len(paragraph) <= 120:
        return "share buttons"
    if PAGE_CHROME.match(paragraph):
        return "page navigation and advertising labels"
    if len(paragraph) <= 400 and COOKIE.search(paragraph) and COOKIE_CONTEXT.search(paragraph):
        return "cookie notice"
    if len(paragraph) <= 300 and (CAPTION.match(paragraph) or CREDIT_END.search(paragraph)):
        return "photo captions and credits"
    return None


def strip_debris(
    paragraphs: list[str], removals: Removals, find_headline: bool
) -> tuple[list[str], str | None, list[str]]:
    """The article's paragraphs without debris, the headline when `find_headline` (plain text: the line
    above the body that reads like a heading; moved to the title), and the labels above it (site name,
    section), which are recorded as removed too."""
    kept = []
    for paragraph in paragraphs:
        kind = debris_kind(paragraph)
        if kind:
            removals.add(kind, paragraph)
        else:
            kept.append(paragraph)
    kept = _strip_related(kept, removals)
    while kept and _stray(kept[-1]):
        removals.add("stray trailing token", kept.pop())
    headline: str | None = None
    labels: list[str] = []
    if find_headline:
        headline, labels, kept = _headline(kept)
        for label in labels:
            removals.add("site name and section labels above the headline", label)
    return kept, headline, labels


def _strip_related(paragraphs: list[str], removals: Removals) -> list[str]:
    """From a 'Related posts' heading after the body: it and the short entries after it (titles and their
    outlet labels); a long paragraph after them is article text again, and stays."""
    for index, paragraph in enumerate(paragraphs):
        if index == 0 or not RELATED.match(paragraph):
            continue
        if not any(looks_like_sentence(p) for p in paragraphs[:index]):
            continue
        end = index + 1
        while end < len(paragraphs) and len(paragraphs[end]) <= 160 and not paragraphs[end].endswith("."):
            end += 1
        kind = f"'{paragraph.rstrip(':').strip()}' list"
        removals.kinds.setdefault(kind, [])
        for entry in paragraphs[index + 1 : end]:
            removals.add(kind, entry)
        return paragraphs[:index] + _strip_related(paragraphs[end:], removals)
    return paragraphs


def _stray(paragraph: str) -> bool:
    """A lone short token at the end ('1', '4o', 'Share', '»'), not a sentence."""
    token = paragraph.strip()
    return (len(token) <= 3 and " " not in token) or bool(SHARE_LINE.match(token))


def _headline(paragraphs: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(headline, labels above it, the rest). The leading paragraphs that do not read like sentences are
    the page's top: the first of them with four or more words is the headline and the shorter ones before
    it are labels; a single one is the headline whatever its length."""
    top = 0
    while top < len(paragraphs) and not looks_like_sentence(paragraphs[top]):
        top += 1
    if top == 0 or top == len(paragraphs):  # no heading, or nothing reads like body text: keep all
        return None, [], paragraphs
    lead = paragraphs[:top]
    at = next((i for i, p in enumerate(lead) if len(p.split()) >= 4), len(lead) - 1)
    labels = [p for p in lead[:at] if len(p.split()) <= 4]
    if len(labels) != at:  # something long above the headline: not site chrome, keep it all
        return None, [], paragraphs
    return lead[at], labels, lead[at + 1 :] + paragraphs[top:]
