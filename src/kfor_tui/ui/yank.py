"""The text `y` copies: a fact with its citations (title, publisher, date, URL, quote, grade), or a source.
Plain text, no Textual: the app hands it to `App.copy_to_clipboard` (OSC 52)."""

from __future__ import annotations

from kfor_tui.dates import When
from kfor_tui.index.facts import title_of, when_of
from kfor_tui.index.grades import cite_grade, fact_grade
from kfor_tui.model import Cite, Corpus, Record, Source


def source_line(source: Source) -> str:
    """'Title. Publisher, 2 Jul 2025. https://...' (reliability as the first letter of the grade)."""
    parts = [f"{source.title}. {source.publisher}, {source.published_label()}."]
    if source.url:
        parts.append(source.url)
    return " ".join(parts)


def cite_lines(corpus: Corpus, cite: Cite) -> list[str]:
    source = corpus.source(cite.src)
    said = f" (said by {corpus.name_of(cite.attributed_to)})" if cite.attributed_to else ""
    lines = [f"  \u00ab{cite.quote}\u00bb{said} [grade {cite_grade(corpus, cite)}]"]
    lines.append("  -- " + (source_line(source) if source else f"source {cite.src} (not in the corpus)"))
    return lines


def fact_citation(
    corpus: Corpus, fact: Record, only: Cite | None = None, *, title: str | None = None, when: When | None = None
) -> str:
    """The fact's title, date and grade (index/grades.py), then each citation (or only `only`): quote, grade,
    source, URL. `title` and `when` are what the row showed (a chronology entry), when given."""
    when = when or when_of(fact)
    head = title or title_of(corpus, fact)
    if when is not None:
        head += f" ({when.display()})"
    head += f" [grade {fact_grade(corpus, fact)}]"
    lines = [head]
    for cite in [only] if only is not None else list(fact.cites):
        lines += cite_lines(corpus, cite)
    if not fact.cites:
        lines.append("  (cites no source)")
    return "\n".join(lines)


def source_citation(source: Source) -> str:
    return f"{source_line(source)} [reliability {source.reliability}]"
