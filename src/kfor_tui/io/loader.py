"""Load briefing files into one Corpus: every file that can be read is read, every problem is reported."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kfor_tui.dates import When
from kfor_tui.io.builders import KEYS, build_file
from kfor_tui.io.fields import FileReport, describe
from kfor_tui.io.positions import KeyPath, Positions
from kfor_tui.io.quotes import find_quote
from kfor_tui.io.reading import Limits, display_path, expand, read_toml
from kfor_tui.io.sanitise import sanitise
from kfor_tui.model import (
    Anchor, Briefing, Cite, Conflict, Contingent, Corpus, Event, Figure, Organisation, Person, Place, Problem, Record,
    Source, Tension, Visit,
)

_SECTION_OF = {
    Source: "sources", Organisation: "organisations", Person: "people", Place: "places", Contingent: "contingents",
    Visit: "visits", Tension: "tensions", Figure: "figures", Event: "events", Conflict: "conflicts",
}


@dataclass
class _File:
    report: FileReport
    text: str | None
    briefing: Briefing | None
    records: list[tuple[Record, KeyPath]]
    fatal: tuple[Problem, ...] = ()
    _positions: Positions | None = None

    @property
    def positions(self) -> Positions:
        """Key positions, scanned only when this file has something to report."""
        if self._positions is None:
            self._positions = Positions(self.text or "")
        return self._positions


def bundled_briefings() -> Path:
    """The briefings shipped with kfor-tui: inside the installed package, or beside src/ in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "briefings", here.parent.parent / "briefings"):
        if candidate.is_dir():
            return candidate
    return here / "briefings"


def load(paths: list[Path], limits: Limits | None = None) -> Corpus:
    files, problems = expand(paths, limits)
    loaded = [_load_file(path, limits) for path in files]
    return _assemble(loaded, problems, [display_path(p) for p in files])


def _load_file(path: Path, limits: Limits | None = None) -> _File:
    shown = display_path(path)
    report = FileReport(shown)
    text, data, fatal = read_toml(path, shown, limits)
    if data is None:
        return _File(report, None, None, [], tuple(fatal))
    data = _sanitised(data, (), report)
    briefing, records = build_file(report, data)
    return _File(report, text, briefing, records)


def _sanitised(value: Any, path: KeyPath, report: FileReport) -> Any:
    if isinstance(value, str):
        clean, found = sanitise(value)
        for message in found:
            report.warning(path, message)
        return clean
    if isinstance(value, dict):
        return {sanitise(k)[0]: _sanitised(v, (*path, k), report) for k, v in value.items()}
    if isinstance(value, list):
        return [_sanitised(v, (*path, i), report) for i, v in enumerate(value)]
    return value


def _assemble(files: list[_File], problems: list[Problem], shown: list[str]) -> Corpus:
    for file in files:
        problems.extend(file.fatal)

    by_id: dict[str, Record] = {}
    where: dict[str, tuple[_File, KeyPath]] = {}
    for file in files:
        for record, path in file.records:
            if record.id in by_id:
                first_file, first_path = where[record.id]
                line, col = first_file.positions.of(first_path + ("id",))
                file.report.error((*path, "id"), f"duplicate id '{record.id}': already used at {first_file.report.path}:{line}:{col}")
                continue
            by_id[record.id] = record
            where[record.id] = (file, path)

    for file in files:
        _check_references(file, by_id)
        _check_file_dates(file)

    kept: dict[str, Record] = {}
    for ident, record in by_id.items():
        file, path = where[ident]
        kept[ident] = _checked(record, file, path, by_id)

    for file in files:
        if file.report.findings:
            for finding in file.report.findings:
                line, col = file.positions.of(finding.path)
                problems.append(Problem(file.report.path, line, col, finding.severity, finding.message))

    order = {path: index for index, path in enumerate(shown)}
    problems.sort(key=lambda p: (order.get(p.path, -1), p.line, p.col))
    buckets: dict[str, list[Record]] = {section: [] for section in KEYS if section != "briefing"}
    for ident, record in kept.items():
        buckets[_SECTION_OF[type(record)]].append(record)
    return Corpus(
        briefings=tuple(f.briefing for f in files if f.briefing is not None),
        problems=tuple(problems),
        files=tuple(shown),
        by_id=kept,
        **{section: tuple(records) for section, records in buckets.items()},  # type: ignore[arg-type]
    )


def _check_references(file: _File, by_id: dict[str, Record]) -> None:
    for ref in file.report.references:
        record = by_id.get(ref.target)
        wanted = " or ".join(ref.kinds) if ref.kinds else "record"
        if record is None:
            pool = [i for i, r in by_id.items() if not ref.kinds or r.kind in ref.kinds]
            hint = difflib.get_close_matches(ref.target, pool, n=1, cutoff=0.6)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            file.report.error(ref.path, f"unknown {wanted} id '{ref.target}'{suggestion}")
        elif ref.kinds and record.kind not in ref.kinds:
            article = "an" if wanted[0] in "aeiou" else "a"
            file.report.error(ref.path, f"'{ref.target}' is a {record.kind}, but {describe(ref.path)} needs {article} {wanted}")


def _check_file_dates(file: _File) -> None:
    if file.briefing is None:
        return
    as_of = file.briefing.as_of
    for record, path in file.records:
        if isinstance(record, Source) and record.published and record.published.lower():
            if record.published.lower() > as_of:  # type: ignore[operator]
                file.report.error((*path, "published"),
                                  f"source published {record.published.display()}, after the briefing's as_of {as_of.isoformat()}")


def _checked(record: Record, file: _File, path: KeyPath, by_id: dict[str, Record]) -> Record:
    """Verify quotes and dates of one record; return it with each verified quote anchored."""
    report = file.report
    cites = []
    for cite in record.cites:
        cite_path = report.cite_paths.get(id(cite), (*path, "cite"))
        cites.append(_anchored(cite, cite_path, record, report, by_id))
    record = replace(record, cites=tuple(cites)) if record.cites else record
    _check_dates(record, path, report, by_id)
    if isinstance(record, Contingent):
        _check_composition(record, path, report)
    credible = [c for c in record.cites if c.credibility == 1]
    if credible and len({(c.src, c.attributed_to) for c in record.cites}) < 2:
        report.warning((*path, "cite"), "credibility 1 (confirmed by other sources) needs at least two independent citations")
    return record


_FIELD_ALIASES = {"when": ("when",), "visitors": ("visitors", "visitor")}


def _anchored(cite: Cite, cite_path: KeyPath, record: Record, report: FileReport, by_id: dict[str, Record]) -> Cite:
    section = _SECTION_OF[type(record)]
    for index, name in enumerate(cite.fields):
        if name not in KEYS[section]:
            report.error((*cite_path, "for", index), f"'for' names '{name}', which is not a field of {section}")
    source = by_id.get(cite.src)
    if not isinstance(source, Source):
        return cite  # reported as an unknown reference
    hits = find_quote(cite.quote, source.paragraphs)
    if cite.para is not None:
        if cite.para > len(source.paragraphs):
            report.error((*cite_path, "para"), f"source '{source.id}' has {len(source.paragraphs)} paragraphs, not {cite.para}")
            return cite
        hits = [hit for hit in hits if hit[0] == cite.para - 1]
    if not hits:
        where = f"paragraph {cite.para} of " if cite.para else ""
        shown = cite.quote if len(cite.quote) <= 70 else cite.quote[:67] + "..."
        report.error((*cite_path, "quote"), f"quote not found in {where}source '{source.id}': \"{shown}\"")
        return cite
    if len(hits) > 1:
        paras = ", ".join(str(h[0] + 1) for h in hits)
        report.warning((*cite_path, "quote"), f"quote occurs {len(hits)} times in source '{source.id}' (paragraphs {paras}); add para = N to choose")
    paragraph, start, end = hits[0]
    return replace(cite, anchor=Anchor(paragraph, start, end))


def _latest_publication(record: Record, by_id: dict[str, Record]) -> date | None:
    latest: date | None = None
    for cite in record.cites:
        source = by_id.get(cite.src)
        if not isinstance(source, Source):
            continue
        if source.published is None or source.published.upper() is None:
            return None  # a source of unknown date: nothing can be said
        upper = source.published.upper()
        latest = upper if latest is None or upper > latest else latest  # type: ignore[operator]
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
            report.error((*path, name), f"{what} {when.start.display()}, after its sources were published "
                         f"(latest {latest.isoformat()}); mark it planned or expected if it had not happened")
        end_actual = (when.end_kind or "actual") == "actual" and when.end_bound != "no_earlier_than"
        if when.is_range and when.end is not None and end_actual and when.end.lower() > latest:
            key = "end_kind" if name == "period" else f"{name}_kind"
            report.error((*path, name), f"'{name}' ends {when.end.display()}, after its sources were published "
                         f"(latest {latest.isoformat()}); set {key} = \"planned\" if that end is planned")


def _check_composition(record: Contingent, path: KeyPath, report: FileReport) -> None:
    if not record.composition or record.strength is None:
        return
    parts = [share.strength for share in record.composition]
    if all(q.exact for q in parts) and record.strength.exact:
        total = sum(q.value for q in parts)  # type: ignore[misc]
        if total != record.strength.value:
            detail = " + ".join(f"{s.nation} {s.strength.value}" for s in record.composition)
            report.error((*path, "composition"), f"composition sums to {total} ({detail}), but strength is {record.strength.value}")
