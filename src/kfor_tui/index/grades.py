"""The one rule for the Admiralty grade shown for a citation and for a fact, in every view and export.

A citation's grade is its source's reliability (A-F) and the citation's credibility (1-6, '-' where not
assessed): 'B2', 'F-'. A fact is as strong as its weakest part, and each part as strong as its best support:
for every field the citations support (a citation without `for` supports them all), take the best grade
among the citations that support that field; the fact's grade is the weakest of those. So a claim relayed
at C3 with a response confirmed at C2 is C3, never C2, and two sources backing the same field lift it to the
better of the two. Grades are compared reliability first, then credibility, '-' after 6: a shown grade is
always the grade of one of the fact's own citations, never a combination no citation has.
"""

from __future__ import annotations

from kfor_tui.model import Cite, Corpus, Record

NO_CITATION = "F-"  # a record that cites nothing: reliability and credibility cannot be judged


def cite_grade(corpus: Corpus, cite: Cite) -> str:
    source = corpus.source(cite.src)
    reliability = source.reliability if source is not None else "F"
    return reliability + (str(cite.credibility) if cite.credibility else "-")


def rank(grade: str) -> tuple[str, str]:
    """Sort key, best first: 'A1' < 'A2' < 'A-' < 'B1'."""
    return (grade[:1], grade[1:2] if grade[1:2] != "-" else "9")


def fact_grade(corpus: Corpus, record: Record) -> str:
    if not record.cites:
        return NO_CITATION
    graded = [(cite_grade(corpus, cite), cite.fields) for cite in record.cites]
    whole = [grade for grade, fields in graded if not fields]
    named = {name for _, fields in graded for name in fields}
    parts: list[str] = []
    if whole:
        parts.append(min(whole, key=rank))
    for name in named:
        support = [grade for grade, fields in graded if not fields or name in fields]
        parts.append(min(support, key=rank))
    return max(parts, key=rank)
