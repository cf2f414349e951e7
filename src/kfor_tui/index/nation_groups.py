"""The nations pane's groups, which answer "who is in the mission?" first: the contributing nations, then the
host and the other nations the briefings name, then organisations and units.

A nation contributes when a source states its part in a mission: a contingent (or a share of one), a national
figure of the mission, or a row of a figure table of the mission. The host is the nation the briefings place a
mission in (the mission's own nation, or the nation of a camp its contingents are at), never a nation assumed
from geography. The count of contributors named is a count of these briefings' rows; beside it goes the total
a report states, with that report's words and date, and the two are never passed off as one another.

Pure Python over a Corpus: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kfor_tui.index.nation_summary import Subject, mission_figures, sort_subjects
from kfor_tui.index.per_corpus import per_corpus
from kfor_tui.model import Corpus, Figure, Organisation, Place

CONTRIBUTORS = "Contributing nations"
ORGANISATIONS = "Organisations and units"


@dataclass(frozen=True, slots=True)
class Group:
    """One labelled group of the nations pane, its rows in the order shown."""

    label: str
    subjects: tuple[Subject, ...]


@dataclass(frozen=True, slots=True)
class ContributorCount:
    """How many of a mission's contributing nations these briefings name, and the latest number of
    contributing nations a report of the mission states (None when none does): never added up or merged."""

    mission: Organisation
    named: int
    stated: Figure | None
    exact: Figure | None = None  # the latest report giving an exact number, when the latest one does not


def missions(corpus: Corpus) -> list[Organisation]:
    return [org for org in corpus.organisations if org.org_kind == "mission"]


@per_corpus
def contributors_of(corpus: Corpus, mission: str) -> frozenset[str]:
    """Nation codes a source states a part in `mission` for: contingents and their shares, national figures and
    figure-table rows of the mission (a row whose nation the source does not give names none)."""
    codes: set[str] = set()
    for contingent in corpus.contingents:
        if contingent.mission == mission:
            codes.update(contingent.nations())
    for figure in corpus.figures:
        if figure.subject == mission and figure.nation:
            codes.add(figure.nation)
    for figure_set in corpus.figure_sets:
        if figure_set.subject == mission:
            codes.update(row.nation for row in figure_set.rows if row.nation)
    return frozenset(codes)


@per_corpus
def contributors(corpus: Corpus) -> frozenset[str]:
    """Nations contributing to any mission of the corpus."""
    codes: frozenset[str] = frozenset()
    for mission in missions(corpus):
        codes |= contributors_of(corpus, mission.id)
    return codes


@per_corpus
def hosts(corpus: Corpus) -> tuple[str, ...]:
    """Nations the briefings place a mission in: a mission's own nation, and the nation of the camp of any of
    its contingents. Empty when the briefings say neither."""
    ids = {mission.id for mission in missions(corpus)}
    found: dict[str, None] = {}
    for mission in missions(corpus):
        if mission.nation:
            found[mission.nation] = None
    for contingent in corpus.contingents:
        camp = corpus.by_id.get(contingent.camp or "")
        if contingent.mission in ids and isinstance(camp, Place) and camp.nation:
            found[camp.nation] = None
    return tuple(found)


def other_nations_label(corpus: Corpus) -> str:
    """'Host (Kosovo) and other nations' when the briefings place the mission somewhere, else 'Other nations'."""
    shown = [code for code in hosts(corpus) if code not in contributors(corpus)]
    if not shown:
        return "Other nations"
    return f"Host ({', '.join(corpus.name_of(code) for code in shown)}) and other nations"


def grouped(corpus: Corpus, items: list[Subject], by: str) -> list[Group]:
    """`items` in their groups (empty groups left out), each sorted by 'name' or 'strength' (sort_subjects);
    the host leads its group."""
    sorted_items = sort_subjects(items, by)
    giving = contributors(corpus)
    host = hosts(corpus)
    nations = [s for s in sorted_items if s.kind == "nation"]
    others = [s for s in nations if s.key not in giving]
    others.sort(key=lambda s: s.key not in host)  # stable: the order by name or strength is kept within
    groups = [
        Group(CONTRIBUTORS, tuple(s for s in nations if s.key in giving)),
        Group(other_nations_label(corpus), tuple(others)),
        Group(ORGANISATIONS, tuple(s for s in sorted_items if s.kind != "nation")),
    ]
    return [group for group in groups if group.subjects]


@per_corpus
def contributor_counts(corpus: Corpus) -> list[ContributorCount]:
    """For each mission with a contributor named or a number of contributing nations stated: both, the stated
    one being the latest report's (the headline's rule)."""
    out = []
    for mission in missions(corpus):
        named = len(contributors_of(corpus, mission.id))
        counts = [f for f in mission_figures(corpus, mission.id) if f.metric == "contributing_nations"]
        exact = [f for f in counts if f.value.exact and f.value.value is not None]
        if named or counts:
            latest = counts[-1] if counts else None
            last_exact = exact[-1] if exact and exact[-1] is not latest else None
            out.append(ContributorCount(mission, named, latest, last_exact))
    return out
