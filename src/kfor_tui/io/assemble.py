"""Files' loaded forms into one checked Corpus: the checks that need every file (duplicate ids, references,
quotes and their anchors, stated numbers, dates against their sources, composition), then the problems of
all files in file order.

The checks add to each file's report, so they are given copies (LoadedFile.for_checks) of forms that are
kept (the cache's, a last good version's)."""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TypeVar, cast

from msgspec.structs import replace

from kfor_tui.dates import When
from kfor_tui.io.builders import KEYS
from kfor_tui.io.fields import FileReport, describe
from kfor_tui.io.files import LoadedFile
from kfor_tui.io.positions import KeyPath
from kfor_tui.io.quotes import cut_at, find_quote
from kfor_tui.io.stated_numbers import numbers_in
from kfor_tui.model import (
    Anchor,
    Cite,
    Conflict,
    Contingent,
    Corpus,
    Event,
    Figure,
    FigureSet,
    HeldRole,
    Organisation,
    Person,
    Place,
    Problem,
    Record,
    Source,
    Tension,
    Visit,
    quantities_of,
)

R = TypeVar("R", bound=Record)

SECTION_OF: dict[type[Record], str] = {
    Source: "sources",
    Organisation: "organisations",
    Person: "people",
    Place: "places",
    Contingent: "contingents",
    Visit: "visits",
    Tension: "tensions",
    Figure: "figures",
    FigureSet: "figure_sets",
    Event: "events",
    HeldRole: "roles",
    Conflict: "conflicts",
}


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection while a corpus (or anything derived from it, such as the lookup index) is built;
    afterwards what was built is frozen (gc.freeze). Building makes a great many small objects and frees
    none, so collections during it find nothing; and the result is immutable and lives until a reload
    replaces it (reference counting then frees it), so the collector has no reason to scan it again, and a
    full scan would otherwise land on some keystroke later (bench/bench.py measures loads)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def assemble(files: Sequence[LoadedFile], problems: Sequence[Problem], shown: Sequence[str]) -> Corpus:
    """The corpus of `files` (each changed by the checks: give copies of kept forms), with `problems` (those
    found while finding the files) and every file's own, sorted by file in the order of `shown`, then line."""
    found = list(problems)
    for file in files:
        found.extend(file.fatal)

    by_id: dict[str, Record] = {}
    where: dict[str, tuple[LoadedFile, KeyPath]] = {}
    for file in files:
        for record, path in file.records:
            if record.id in by_id:
                first_file, first_path = where[record.id]
                line, col = first_file.positions.of((*first_path, "id"))
                file.report.error(
                    (*path, "id"),
                    f"duplicate id '{record.id}': already used at {first_file.report.path}:{line}:{col}",
                )
                continue
            by_id[record.id] = record
            where[record.id] = (file, path)

    for file in files:
        _check_references(file.report, by_id)
        _check_file_dates(file)

    kept: dict[str, Record] = {}
    for ident, record in by_id.items():
        file, path = where[ident]
        kept[ident] = _checked(record, file.report, path, by_id)

    for file in files:
        found.extend(file.finding_problems())

    order = {path: index for index, path in enumerate(shown)}
    found.sort(key=lambda p: (order.get(p.path, -1), p.line, p.col))
    buckets: dict[type[Record], list[Record]] = {cls: [] for cls in SECTION_OF}
    for record in kept.values():
        buckets[type(record)].append(record)

    def of(cls: type[R]) -> tuple[R, ...]:
        return cast("tuple[R, ...]", tuple(buckets[cls]))  # bucketed by exact type just above

    return Corpus(
        briefings=tuple(f.briefing for f in files if f.briefing is not None),
        sources=of(Source),
        organisations=of(Organisation),
        people=of(Person),
        places=of(Place),
        contingents=of(Contingent),
        visits=of(Visit),
        tensions=of(Tension),
        figures=of(Figure),
        figure_sets=of(FigureSet),
        events=of(Event),
        roles=of(HeldRole),
        conflicts=of(Conflict),
        problems=tuple(found),
        files=tuple(shown),
        by_id=kept,
    )


def _check_references(report: FileReport, by_id: dict[str, Record]) -> None:
    for ref in report.references:
        record = by_id.get(ref.target)
        wanted = " or ".join(ref.kinds) if ref.kinds else "record"
        if record is None:
            pool = [i for i, r in by_id.items() if not ref.kinds or r.kind in ref.kinds]
            hint = difflib.get_close_matches(ref.target, pool, n=1, cutoff=0.6)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            report.error(ref.path, f"unknown {wanted} id '{ref.target}'{suggestion}")
        elif ref.kinds and record.kind not in ref.kinds:
            article = "an" if wanted[0] in "aeiou" else "a"
            report.error(
                ref.path, f"'{ref.target}' is a {record.kind}, but {describe(ref.path)} needs {article} {wanted}"
            )


def _check_file_dates(file: LoadedFile) -> None:
    if file.briefing is None:
        return
    as_of = file.briefing.as_of
    for record, path in file.records:
        if not isinstance(record, Source) or record.published is None:
            continue
        published = record.published.lower()
        if published is not None and published > as_of:
            file.report.error(
                (*path, "published"),
                f"source published {record.published.display()}, after the briefing's as_of {as_of.isoformat()}",
            )


def _checked(record: Record, report: FileReport, path: KeyPath, by_id: dict[str, Record]) -> Record:
    """Verify quotes and dates of one record; return it with each verified quote anchored."""
    cites = []
    for cite in record.cites:
        cite_path = report.cite_paths.get(id(cite), (*path, "cite"))
        cites.append(_anchored(cite, cite_path, record, report, by_id))
    record = replace(record, cites=tuple(cites)) if record.cites else record
    _check_stated_numbers(record, path, report)
    _check_dates(record, path, report, by_id)
    if isinstance(record, Contingent):
        _check_composition(record, path, report)
    credible = [c for c in record.cites if c.credibility == 1]
    if credible and len({(c.src, c.attributed_to) for c in record.cites}) < 2:
        report.warning(
            (*path, "cite"), "credibility 1 (confirmed by other sources) needs at least two independent citations"
        )
    return record


def _anchored(cite: Cite, cite_path: KeyPath, record: Record, report: FileReport, by_id: dict[str, Record]) -> Cite:
    section = SECTION_OF[type(record)]
    for index, name in enumerate(cite.fields):
        if name not in KEYS[section]:
            report.error((*cite_path, "for", index), f"'for' names '{name}', which is not a field of {section}")
    source = by_id.get(cite.src)
    if not isinstance(source, Source):
        return cite  # reported as an unknown reference
    hits = find_quote(cite.quote, source.paragraphs)
    if cite.para is not None:
        if cite.para > len(source.paragraphs):
            report.error(
                (*cite_path, "para"), f"source '{source.id}' has {len(source.paragraphs)} paragraphs, not {cite.para}"
            )
            return cite
        hits = [hit for hit in hits if hit[0] == cite.para - 1]
    if not hits:
        where = f"paragraph {cite.para} of " if cite.para else ""
        shown = cite.quote if len(cite.quote) <= 70 else cite.quote[:67] + "..."
        report.error((*cite_path, "quote"), f"quote not found in {where}source '{source.id}': \"{shown}\"")
        return cite
    if len(hits) > 1:
        paras = ", ".join(str(p + 1) for p in sorted({h[0] for h in hits}))
        report.warning(
            (*cite_path, "quote"),
            f"quote occurs {len(hits)} times in source '{source.id}' (paragraphs {paras}); add para = N to choose",
        )
    paragraph, start, end = hits[0]  # whole-word occurrences first (find_quote)
    cut = cut_at(source.paragraphs[paragraph], start, end)
    if cut is not None:
        report.warning(
            (*cite_path, "quote"),
            f"{cut} in source '{source.id}': quote whole words and numbers, "
            "or the quote says something the source does not",
        )
    return replace(cite, anchor=Anchor(paragraph, start, end))


def _check_stated_numbers(record: Record, path: KeyPath, report: FileReport) -> None:
    """Every number a quantity states must be in a quote that supports it (4,443 = 4443 = "four thousand
    four hundred and forty-three"): a figure of 4444 citing "4,443 personnel" is a typo the quote can catch."""
    for name, quantity in quantities_of(record):
        numbers = quantity.stated()
        if not numbers or not record.cites:
            continue
        cites = [c for c in record.cites if not c.fields or name in c.fields] or list(record.cites)
        found: set[int] = set()
        for cite in cites:
            found |= numbers_in(cite.quote) | (numbers_in(cite.clean) if cite.clean else frozenset())
        for number in numbers:
            if number not in found:
                quote = cites[0].quote if len(cites[0].quote) <= 60 else cites[0].quote[:57] + "..."
                report.warning(
                    (*path, name),
                    f"'{name}' states {number:,}, but no quote supporting it does "
                    f'("{quote}"{" and others" if len(cites) > 1 else ""}): '
                    "correct the number or cite the sentence that states it",
                )


def _latest_publication(record: Record, by_id: dict[str, Record]) -> date | None:
    latest: date | None = None
    for cite in record.cites:
        source = by_id.get(cite.src)
        if not isinstance(source, Source):
            continue
        upper = source.published.upper() if source.published is not None else None
        if upper is None:
            return None  # a source of unknown date: nothing can be said
        latest = upper if latest is None or upper > latest else latest
    return latest


def _dated(record: Record) -> list[tuple[str, When]]:
    out: list[tuple[str, When]] = []
    for name in ("when", "as_of", "period", "strength_as_of"):
        value = getattr(record, name, None)
        if isinstance(value, When):
            out.append((name, value))
    return out


def _check_dates(record: Record, path: KeyPath, report: FileReport, by_id: dict[str, Record]) -> None:
    if isinstance(record, Source):
        return
    latest = _latest_publication(record, by_id)
    if latest is None:
        return
    for name, when in _dated(record):
        start_actual = when.kind == "actual"
        if when.start is not None and start_actual and when.start.lower() > latest:
            what = f"'{name}' starts" if when.is_range else f"'{name}'"
            report.error(
                (*path, name),
                f"{what} {when.start.display()}, after its sources were published "
                f"(latest {latest.isoformat()}); mark it planned or expected if it had not happened",
            )
        end_actual = (when.end_kind or "actual") == "actual" and when.end_bound != "no_earlier_than"
        if when.is_range and when.end is not None and end_actual and when.end.lower() > latest:
            key = "end_kind" if name == "period" else f"{name}_kind"
            report.error(
                (*path, name),
                f"'{name}' ends {when.end.display()}, after its sources were published "
                f'(latest {latest.isoformat()}); set {key} = "planned" if that end is planned',
            )


def _check_composition(record: Contingent, path: KeyPath, report: FileReport) -> None:
    if not record.composition or record.strength is None:
        return
    parts = [share.strength for share in record.composition]
    if all(q.exact for q in parts) and record.strength.exact:
        total = sum(q.value or 0 for q in parts)  # exact: every value is given
        if total != record.strength.value:
            detail = " + ".join(f"{s.nation} {s.strength.value}" for s in record.composition)
            report.error(
                (*path, "composition"),
                f"composition sums to {total} ({detail}), but strength is {record.strength.value}",
            )
