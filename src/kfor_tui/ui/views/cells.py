"""Table cells of the views: every cell is a rich Text, so briefing text is never parsed as markup."""

from __future__ import annotations

from rich.text import Text

from kfor_tui.dates import When
from kfor_tui.index.facts import conflicts_of, source_count
from kfor_tui.index.grades import fact_grade
from kfor_tui.model import Corpus, Record
from kfor_tui.ui import marks


def flexible(width: int, fixed: list[int], minimum: int = 16) -> int:
    """Width left for the one flexible column of a table with `fixed` columns, cell padding and scrollbar."""
    return max(minimum, width - sum(fixed) - 2 * (len(fixed) + 1) - 3)


def cell(value: object, style: str = "", wrap: bool = False) -> Text:
    """List rows stay one line, cut with an ellipsis, so a screen holds as many rows as it can; detail tables
    pass wrap=True, and there a word longer than the column (a path, a URL) is folded onto the next line,
    never cut: the end of a file name is what tells it apart."""
    text = "" if value is None else str(value)
    return Text(text, style=style, no_wrap=not wrap, overflow="fold" if wrap else "ellipsis")


def date_cell(when: When) -> str:
    """The date by precision; a trailing * marks a date the source did not state (inferred, or its year taken
    from the publication date). The fact detail (i) says which."""
    stated = when.basis == "stated" and (when.end_basis or "stated") == "stated"
    return when.display() + ("" if stated else "*")


def header_cell(value: str) -> Text:
    return Text(value, style="bold underline")


def grade_cell(corpus: Corpus, fact: Record) -> Text:
    """Grade and the number of sources backing the fact, e.g. 'B2 1src'."""
    grade = fact_grade(corpus, fact)
    text = cell("")
    text.append(grade, marks.grade_style(grade))
    text.append(f" {source_count(fact)}src")
    return text


def fact_title(
    corpus: Corpus, fact: Record, title: str, status: str = "actual", wrap: bool = False, review: str | None = None
) -> Text:
    """The fact's title, led by NEW or CHANGED when it is new or changed since the last review, by the word
    CONFLICT (reverse video) when it is a claim in a conflicts record, and by PLANNED or EXPECTED when it had
    not happened when reported: words, not colour."""
    text = cell("", wrap=wrap)
    if review:
        text.append(review, marks.style("kfor-review"))
        text.append(" ")
    if conflicts_of(corpus, fact.id):
        text.append("CONFLICT", marks.style("kfor-conflict"))
        text.append(" ")
    if status != "actual":
        text.append(status.upper(), marks.style("kfor-planned"))
        text.append(" ")
    text.append(title)
    return text


def marks_text(corpus: Corpus, fact: Record, status: str = "actual", review: str | None = None) -> str:
    """The words fact_title puts before a title, as plain text (what `/` searches and tests read)."""
    words = [review or "", "CONFLICT" if conflicts_of(corpus, fact.id) else "", "" if status == "actual" else status]
    return "".join(word.upper() + " " for word in words if word)
