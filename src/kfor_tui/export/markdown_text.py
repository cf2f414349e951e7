"""What every Markdown export writes with: briefing text made inert, and a link only where it cannot break out
of itself."""

from __future__ import annotations


def md(text: str | None) -> str:
    """Briefing text as inert Markdown: one line, table pipes and emphasis characters escaped."""
    if not text:
        return ""
    text = " ".join(text.split())
    for char in "\\`*_[]<|#":
        text = text.replace(char, "\\" + char)
    return text


def link(url: str | None) -> str:
    """'<https://...>' for a web address that is one word; anything else as inert text (a space or an angle
    bracket would end the link and let the rest be read as Markdown)."""
    if not url:
        return ""
    plain = url.startswith(("http://", "https://")) and not any(ch.isspace() or ch in "<>" for ch in url)
    return f"<{url}>" if plain else md(url)
