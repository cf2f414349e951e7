"""What the first screen shows, as data: the marking, the header's title and date, the mission's size as
reported, the count of contributing nations, and the nations pane's rows in their groups.

The nations pane paints from this, worked out from the corpus; the load cache keeps it beside the corpus, so
that a start over unchanged briefings paints the first screen from it before the corpus is read (the panes
that need the corpus then wait for it). Either way the same data makes the same screen.

Texts are parts: (text, role), the role "" (plain), "bold" or "conflict" (the CONFLICT mark, in the theme's
colour): the UI turns them into styled text, never parsing the text as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal

from kfor_tui.index.facts import conflicts_of
from kfor_tui.index.grades import fact_grade
from kfor_tui.index.nation_groups import ContributorCount, contributor_counts, grouped
from kfor_tui.index.nation_summary import Headline, Subject, headlines, subjects
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Corpus, Figure

Role = Literal["", "bold", "conflict"]  # plain, bold, or the CONFLICT mark: a kept screen holds no other
Part = tuple[str, Role]  # (text, role)
NOUNS = {"personnel": "personnel", "contributing_nations": "nations"}
TREND_WIDTH = 8  # the width of a row's trend in the nations pane


@dataclass(frozen=True)
class FirstScreen:
    """Everything the first screen paints: the nations pane (by name) with its headline and counts, and the
    chrome's marking, title and date. `trends`: each row's trend (Unicode, ASCII) where it has
    one, filled only in the copy the load cache keeps (the pane works trends out from the corpus otherwise)."""

    FORMAT: ClassVar[int] = 1  # bump when this or Subject changes shape: a kept first screen is then not used

    markings: tuple[str, ...]
    title: str
    latest: date | None  # the newest briefing's as_of
    headlines: list[list[Part]]
    counts: list[list[Part]]
    rows: list[str | Subject]  # a group's heading (str), then its rows
    trends: dict[str, tuple[str, str]] = field(default_factory=dict)


@per_corpus
def first_screen(corpus: Corpus) -> FirstScreen:
    """The first screen of `corpus` (without trends: see FirstScreen)."""
    rows: list[str | Subject] = []
    for group in grouped(corpus, subjects(corpus), "name"):
        rows += [group.label, *group.subjects]
    title, latest = header_of(corpus)
    return FirstScreen(
        markings=corpus.markings(),
        title=title,
        latest=latest,
        headlines=[headline_parts(corpus, h) for h in headlines(corpus)],
        counts=[count_parts(corpus, count) for count in contributor_counts(corpus)],
        rows=rows,
    )


def header_of(corpus: Corpus) -> tuple[str, date | None]:
    """What the header says the corpus is: the briefing's title (or how many briefings), and the newest
    briefing's as_of."""
    count = len(corpus.briefings)
    title = corpus.briefings[0].title if count == 1 else f"{count:,} briefings"
    return title, max((b.as_of for b in corpus.briefings), default=None)


def _value(figure: Figure) -> str:
    shown = figure.value.display()  # the source's words ("over 30 nations") when it gave them
    return shown if any(ch.isalpha() for ch in shown) else f"{shown} {NOUNS.get(figure.metric, '')}".rstrip()


def _conflicting(corpus: Corpus, figure: Figure) -> list[str]:
    """The values of the other claims of every conflict the figure is in."""
    return [
        claim.value.display()
        for conflict in conflicts_of(corpus, figure.id)
        for claim_id in conflict.claims
        if claim_id != figure.id and isinstance(claim := corpus.by_id.get(claim_id), Figure)
    ]


def headline_parts(corpus: Corpus, headline: Headline) -> list[Part]:
    """'KFOR: 4,443 personnel from 28 countries (Mar 2024, C2)': the figures of one report in one sentence, with
    that report's date and grade; CONFLICT and the other report's value where another report disagrees."""
    mission = headline.mission
    parts: list[Part] = [(mission.short or mission.name, "bold"), (":", "")]
    for number, figure in enumerate(headline.figures):
        parts += [(" from " if number else " ", ""), (_value(figure), "bold")]
    grades = " / ".join(dict.fromkeys(fact_grade(corpus, figure) for figure in headline.figures))
    parts.append((f" ({headline.figures[0].as_of.display()}, {grades})", ""))
    for figure in headline.figures:
        others = _conflicting(corpus, figure)
        if others:
            parts += [(" ", ""), ("CONFLICT", "conflict"), (" also " + " / ".join(others), "")]
    return parts


def count_parts(corpus: Corpus, count: ContributorCount) -> list[Part]:
    """'9 of 28 contributing nations named in these briefings (KFOR, Mar 2024, C2)' when the latest report states
    an exact number; when it does not ('over 30 nations', shown on the headline's own line) the count goes beside
    the latest exact one, with its date; with no exact one, the report's own words beside the count: '9
    contributing nations named here; KFOR: over 30 nations (Oct 2025, F2)'. The number of rows is never shown
    as the mission's."""
    mission = count.mission.short or count.mission.name
    nations = "nation" if count.named == 1 else "nations"
    stated = count.stated
    if stated is None:
        named = f"{count.named} contributing {nations} named here"
        return [(f"{named}; no report gives {mission}'s number of nations", "")]
    when = f"{stated.as_of.display()}, {fact_grade(corpus, stated)}"
    parts: list[Part]
    if stated.value.exact and stated.value.value is not None:
        parts = [
            (f"{count.named} of {stated.value.number()}", "bold"),
            (f" contributing nations named in these briefings ({mission}, {when})", ""),
        ]
    elif count.exact is not None:  # the latest report is not exact ('over 30 nations', on the headline's
        # second line): the count goes beside the latest exact one, with its date
        exact = count.exact
        said = f"{exact.as_of.display()}, {fact_grade(corpus, exact)}"
        parts = [
            (f"{count.named} of {exact.value.number()}", "bold"),
            (f" contributing nations named in these briefings ({said})", ""),
        ]
    else:
        parts = [
            (f"{count.named}", "bold"),
            (f" contributing {nations} named here; {mission}: ", ""),
            (_value(stated), "bold"),
            (f" ({when})", ""),
        ]
    others = _conflicting(corpus, stated)
    if others:
        parts += [(" ", ""), ("CONFLICT", "conflict"), (" also " + " / ".join(others), "")]
    return parts
