"""One-line labels of figures and roles, said the same way in every list, dossier, lookup hit and export.

A figure always says whose number it is: a national figure names its nation (or says the source does not
give it), so 90 Albanian soldiers are never read as the mission's strength.
"""

from __future__ import annotations

from kfor_tui.model import Corpus, Figure, FigureRow, FigureSet, HeldRole
from kfor_tui.nations import NATIONS

METRIC_WORDS = {
    "personnel": "personnel",
    "contributing_nations": "contributing nations",
    "national_contribution": "national contribution",
    "deployed_total": "deployed in all",
    "rotations": "rotations",
    "other": "",
}


def nation_label(nation: str | None, one_of: tuple[str, ...] | None = None) -> str:
    """'Albania', or for a row whose nation the source does not give: 'unknown (one of SVN, TUR)'."""
    if nation is not None:
        known = NATIONS.get(nation)
        return known.name if known else nation
    if one_of:
        return f"unknown (one of {', '.join(one_of)})"
    return "unknown nation"


def _subject(corpus: Corpus, ref: str) -> str:
    record = corpus.by_id.get(ref)
    short = getattr(record, "short", None)
    return short or corpus.name_of(ref)


def figure_title(corpus: Corpus, figure: Figure, within: str | None = None) -> str:
    """'KFOR personnel: 4,443 personnel'; 'Albania, national contribution to KFOR: 90 members'. Within the
    subject's own dossier (`within`), its own figures need no name: 'Personnel: 4,443 personnel'."""
    metric = METRIC_WORDS.get(figure.metric, figure.metric.replace("_", " "))
    value = figure.value.display()
    if within is not None and within == figure.subject and not figure.national and metric:
        return f"{metric[:1].upper()}{metric[1:]}: {value}"
    if figure.national:
        who = nation_label(figure.nation, figure.one_of)
        what = (
            f", {metric} to {_subject(corpus, figure.subject)}" if metric else f" in {_subject(corpus, figure.subject)}"
        )
        return f"{who}{what}: {value}"
    return f"{_subject(corpus, figure.subject)}{' ' + metric if metric else ''}: {value}"


def row_label(row: FigureRow) -> str:
    return nation_label(row.nation, row.one_of) + (f" ({row.label})" if row.label and row.nation else "")


def figure_set_title(corpus: Corpus, figure_set: FigureSet) -> str:
    """The set's title and the total the source states (never a total kfor-tui adds up)."""
    total = f" (total {figure_set.total.number()})" if figure_set.total is not None else ""
    return f"{figure_set.title}{total}"


def role_title(corpus: Corpus, role: HeldRole) -> str:
    """'KFOR Commander: Major General Enrico Barduani'."""
    who = corpus.name_of(role.person)
    return f"{role.title}: {role.rank + ' ' if role.rank else ''}{who}"
