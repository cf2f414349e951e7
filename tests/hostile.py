"""A hostile but valid kfor-briefing/1 file: every text field carries markup, terminal escape sequences, bidi
overrides, a very long word, emoji, combining characters and right-to-left text; one article has 10,000
paragraphs. `write_hostile(folder)` writes it (TOML escapes via tomli_w, so the file itself is valid TOML).

What the app must show instead of each escape is in SHOWN (the sanitiser's caret / <9B> forms)."""

from __future__ import annotations

from pathlib import Path

import tomli_w

MARKUP = "[/] [b]bold[/b] [@click=app.quit]x[/] [link=http://evil]x[/link] $variable"
OSC_TITLE = "\x1b]0;PWN\x07"
OSC_52 = "\x1b]52;c;SGVsbG8=\x07"
OSC_8 = "\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\"
CSI_CLEAR = "\x1b[2J"
C1_CSI = "\x9b31m"
ESCAPES = f"{OSC_TITLE} {OSC_52} {OSC_8} {CSI_CLEAR} {C1_CSI} over\rwrite"
BIDI = "\u202eevil\u202c"
WORLD = (
    "emoji \U0001f44d\U0001f3fd \U0001f1fd\U0001f1f0 e\u0301 n\u0303 "
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd"
)
LONG_WORD = "W" * 5_000
HOSTILE = f"{MARKUP} {ESCAPES} {BIDI} {WORLD}"
# A field value: a tag so each field can be told apart, the hostile text, and a 5,000-character word.
BIG_PARAGRAPHS = 10_000

# How the app shows the escapes once sanitised (kfor_tui.io.sanitise): visible, inert text.
SHOWN = {
    OSC_TITLE: "^[]0;PWN^G",
    OSC_52: "^[]52;c;SGVsbG8=^G",
    OSC_8: "^[]8;;http://evil^[\\x^[]8;;^[\\",
    CSI_CLEAR: "^[[2J",
    C1_CSI: "<9B>31m",
    "over\rwrite": "over^Mwrite",
    BIDI: "evil",
}
SHOWN_HOSTILE = HOSTILE
for _raw, _shown in SHOWN.items():
    SHOWN_HOSTILE = SHOWN_HOSTILE.replace(_raw, _shown)


def text(tag: str, long: bool = True) -> str:
    return f"{tag} {HOSTILE}" + (f" {LONG_WORD}" if long else "")


def shown(tag: str, long: bool = True) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", f"{tag} {SHOWN_HOSTILE}" + (f" {LONG_WORD}" if long else ""))


def cite(src: str, tag: str, **extra: object) -> dict:
    """A citation whose quote (hostile text included) is in `src`'s paragraphs (see `paragraphs`)."""
    return {
        "src": src,
        "quote": f"quote-{tag} {HOSTILE}",
        "note": text(f"cite-note-{tag}"),
        "clean": text(f"cite-clean-{tag}"),
        **extra,
    }


QUOTE_TAGS = ["contingent", "visit", "tension", "figure", "event", "event-b", "org", "person", "place"]
BIG_QUOTES = {"big-1": 0, "big-5000": 4_999, "big-last": BIG_PARAGRAPHS - 1}


def document() -> dict:
    small_paragraphs = [text("para-intro"), "A very long line: " + " ".join([HOSTILE] * 60)]
    small_paragraphs += [f"Paragraph for quote-{tag} {HOSTILE} and more." for tag in QUOTE_TAGS]
    big = [f"Big paragraph {i + 1}: {HOSTILE}" for i in range(BIG_PARAGRAPHS)]
    for tag, index in BIG_QUOTES.items():
        big[index] = f"Big paragraph {index + 1}: quote-{tag} {HOSTILE}"
    big[1] = text("big-para-2")
    return {
        "format": "kfor-briefing/1",
        "briefing": {
            "id": "hostile",
            "title": text("briefing-title"),
            "as_of": "2025-07-10",
            "marking": text("marking", long=False),
            "author": text("author"),
            "summary": text("summary"),
        },
        "sources": [
            {
                "id": "src-small",
                "title": text("source-title"),
                "publisher": text("publisher"),
                "url": "http://example.org/" + text("url", long=False),
                "published": "2025-07",
                "published_text": text("published-text"),
                "reliability": "B",
                "reliability_note": text("reliability-note"),
                "note": text("source-note"),
                "paragraphs": small_paragraphs,
            },
            {
                "id": "src-big",
                "title": text("big-title"),
                "publisher": text("big-publisher"),
                "published": "2025-06",
                "reliability": "C",
                "note": text("big-note"),
                "paragraphs": big,
            },
        ],
        "organisations": [
            {
                "id": "org:kfor",
                "name": text("org-name"),
                "short": text("org-short", long=False),
                "aliases": [text("org-alias")],
                "kind": "mission",
                "note": text("org-note"),
                "cite": [cite("src-small", "org")],
            },
        ],
        "people": [
            {
                "id": "person:p",
                "name": text("person-name"),
                "aliases": [text("person-alias")],
                "nation": "LUX",
                "roles": [{"title": text("role-title"), "org": "org:kfor"}],
                "note": text("person-note"),
                "cite": [cite("src-small", "person")],
            },
        ],
        "places": [
            {
                "id": "place:camp",
                "name": text("place-name"),
                "aliases": [text("place-alias")],
                "kind": "camp",
                "nation": "XKX",
                "note": text("place-note"),
                "cite": [cite("src-small", "place")],
            },
        ],
        "contingents": [
            {
                "id": "ctg-a",
                "name": text("contingent-name"),
                "mission": "org:kfor",
                "nation": "LUX",
                "role": text("contingent-role"),
                "camp": "place:camp",
                "strength": {"value": 500, "qualifier": "about", "text": text("strength-text")},
                "period": {"start": "2025-04", "end": "2026-04", "end_kind": "planned", "text": text("period-text")},
                "note": text("contingent-note"),
                "cite": [cite("src-small", "contingent", credibility=2)],
            },
        ],
        "visits": [
            {
                "id": "visit-a",
                "title": text("visit-title"),
                "visitors": [{"person": "person:p", "role": text("visitor-role")}],
                "kind": "working",
                "when": "2025-07-02",
                "when_text": text("when-text"),
                "where": ["place:camp"],
                "host_nation": "XKX",
                "topics": [text("topic")],
                "meetings": [
                    {
                        "with": ["org:kfor"],
                        "where": "place:camp",
                        "when": "2025-07-02",
                        "topics": [text("meeting-topic")],
                    }
                ],
                "note": text("visit-note"),
                "cite": [cite("src-small", "visit"), cite("src-big", "big-last")],
            },
        ],
        "tensions": [
            {
                "id": "tension-a",
                "title": text("tension-title"),
                "when": "2025-05-01",
                "where": ["place:camp"],
                "kind": "clash",
                "actors": [{"who": "org:kfor", "side": text("side")}],
                "casualties": [
                    {
                        "kind": "injured",
                        "group": text("group"),
                        "nation": "XKX",
                        "count": {"low": 200, "high": 900, "qualifier": "vague", "text": text("count")},
                    }
                ],
                "summary": text("tension-summary"),
                "responses": [{"kind": "statement", "by": "org:kfor", "text": text("response")}],
                "note": text("tension-note"),
                "cite": [cite("src-small", "tension"), cite("src-big", "big-1")],
            },
        ],
        "figures": [
            {
                "id": "fig-a",
                "subject": "org:kfor",
                "metric": "personnel",
                "value": {"value": 4443, "text": text("figure-text")},
                "as_of": "2025-07",
                "as_of_text": text("as-of-text"),
                "note": text("figure-note"),
                "cite": [cite("src-small", "figure")],
            },
        ],
        "events": [
            {
                "id": "event-a",
                "title": text("event-title"),
                "kind": "statement",
                "when": "2025-06-01",
                "actors": ["person:p"],
                "nations": ["LUX"],
                "summary": text("event-summary"),
                "note": text("event-note"),
                "cite": [cite("src-small", "event"), cite("src-big", "big-5000")],
            },
            {
                "id": "event-b",
                "title": text("event-b-title"),
                "kind": "report",
                "when": "2025-06-02",
                "summary": text("event-b-summary"),
                "cite": [cite("src-small", "event-b")],
            },
        ],
        "conflicts": [
            {
                "id": "conflict-a",
                "title": text("conflict-title"),
                "claims": ["event-a", "event-b"],
                "note": text("conflict-note"),
            },
        ],
    }


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.toml"
    path.write_text(tomli_w.dumps(document()), encoding="utf-8")
    return path


# The injected sequences, as bytes, that must never reach the terminal. (The caret forms "^[]0;PWN^G" do reach
# it, as the visible text they are: so each pattern starts with the real ESC, or is the raw C1 byte.)
FORBIDDEN_BYTES = {
    "OSC 0 title": b"\x1b]0;PWN",
    "OSC 52 clipboard": b"\x1b]52;",
    "OSC 8 link": b"\x1b]8;;http://evil",
    "CSI 2J from the data": b"\x1b[2J ",  # followed by a space in the fixture; Textual's own 2J is not
    "C1 CSI": "\x9b".encode(),  # U+009B as UTF-8 (C2 9B)
    "raw C1 CSI": b"\x9b31m",
    "bidi override": "\u202e".encode(),
}
