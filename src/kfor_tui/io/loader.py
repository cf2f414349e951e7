"""Load briefing files into one Corpus: every file that can be read is read, every problem is reported."""

from __future__ import annotations

import difflib
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from kfor_tui.dates import When
from kfor_tui.io.builders import KEYS, build_file
from kfor_tui.io.cache import Cache, digest
from kfor_tui.io.fields import FileReport, describe
from kfor_tui.io.positions import KeyPath, Positions
from kfor_tui.io.quotes import cut_at, find_quote
from kfor_tui.io.stated_numbers import numbers_in
from kfor_tui.io.reading import (
    MAX_FILE_BYTES, Limits, display_path, display_paths, expand, parse_bytes, read_bytes, read_toml,
)
from kfor_tui.io.sanitise import clean_source, sanitise
from kfor_tui.model import (
    Anchor, Briefing, Cite, Conflict, Contingent, Corpus, Event, Figure, FigureSet, HeldRole, Organisation, Person,
    Place, Problem, Record, Source, Tension, Visit, quantities_of,
)

_SECTION_OF = {
    Source: "sources", Organisation: "organisations", Person: "people", Place: "places", Contingent: "contingents",
    Visit: "visits", Tension: "tensions", Figure: "figures", FigureSet: "figure_sets", Event: "events",
    HeldRole: "roles", Conflict: "conflicts",
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
    """Every briefing below `paths`, checked. Uses the persistent cache (io/cache.py) unless KFOR_CACHE=0:
    when no file changed since the last load of the same paths the assembled corpus is reused whole;
    otherwise unchanged files skip parsing and building, and the cross-file checks run again."""
    files, problems = expand(paths, limits)
    shown = display_paths(files)
    cache = Cache.open(paths)
    with _gc_paused():  # ~100k small objects are made and none freed: the cyclic GC only costs time here
        if cache is None:
            return _assemble([_load_file(path, limits) for path in files], problems, shown)
        probes = [_probe(path, name, limits) for path, name in zip(files, shown)]
        signature = corpus_signature(probes, problems)
        corpus = cache.get_corpus(signature)
        if corpus is None:
            loaded = [_from_probe(probe, cache) for probe in probes]
            corpus = _assemble(loaded, problems, shown)
            cache.put_corpus(signature, corpus)
        cache.save([key for _, _, _, key, _ in probes])
        return corpus


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic collection while loading; afterwards what was loaded is frozen (gc.freeze): the corpus is
    immutable and lives until a reload replaces it (then reference counting frees it), so the collector has
    no reason to scan its million objects again, and a full scan of a 10,000-article corpus (~0.8 s) would
    otherwise land on some keystroke later."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def corpus_signature(probes: list[Probe], problems: list[Problem]) -> tuple[Any, ...]:
    """What the assembled corpus depends on: each file's key and content digest, in order, the problems
    found while finding them, and the paths as shown."""
    return (tuple((key, meta) for _, _, _, key, meta in probes), tuple(problems), tuple(p[0] for p in probes))


def cache_key(path: Path) -> str:
    return os.path.abspath(path)


Probe = tuple[str, bytes | None, list[Problem], str, tuple[Any, ...] | None]


def _probe(path: Path, shown: str, limits: Limits | None) -> Probe:
    """Shown path, bytes (or the problem reading them), cache key and the entry's key data with the digest."""
    key = cache_key(path)
    try:
        info = os.stat(path)  # before reading: a write during the read makes the next load miss
    except OSError:
        info = None
    data, fatal = read_bytes(path, shown, limits)
    if data is None or info is None:
        return shown, None, fatal, key, None
    meta = (shown, info.st_size, info.st_mtime_ns, limits.file_bytes if limits else MAX_FILE_BYTES, digest(data))
    return shown, data, fatal, key, meta


def _from_probe(probe: Probe, cache: Cache, defer: bool = False) -> _File:
    """The file's loaded form from the cache, or parsed and built (and given to the cache; with `defer`,
    pickled only when the cache is saved: the caller must not change the file before)."""
    shown, data, fatal, key, meta = probe
    if data is None or meta is None:
        return _File(FileReport(shown), None, None, [], tuple(fatal))
    stored = cache.get(key, meta)
    if stored is not None:
        return _from_cache(stored, data)
    file = _parsed_file(shown, *parse_bytes(data, shown))
    cache.put(key, meta, _to_cache(file), defer=defer)
    return file


def _load_file(path: Path, limits: Limits | None = None, cache: Cache | None = None) -> _File:
    if cache is None:
        shown = display_path(path)
        return _parsed_file(shown, *read_toml(path, shown, limits))
    return _from_probe(_probe(path, display_path(path), limits), cache)


def _parsed_file(shown: str, text: str | None, data: dict[str, Any] | None, fatal: list[Problem]) -> _File:
    report = FileReport(shown)
    if data is None:
        return _File(report, None, None, [], tuple(fatal))
    if not clean_source(text or ""):
        data = _sanitised(data, (), report)
    briefing, records = build_file(report, data)
    return _File(report, text, briefing, records)


def _to_cache(file: _File) -> tuple[Any, ...]:
    """A file's loaded form as pickled: cite_paths is keyed by id(Cite), which does not survive pickling,
    so it is stored as (cite, path) pairs that pickle keeps pointing at the same Cite objects as the records."""
    report = file.report
    cites = [(cite, report.cite_paths[id(cite)]) for record, _ in file.records for cite in record.cites
             if id(cite) in report.cite_paths]
    return (report.path, report.findings, report.references, cites, file.briefing, file.records, file.fatal)


def _from_cache(stored: tuple[Any, ...], data: bytes) -> _File:
    path, findings, references, cites, briefing, records, fatal = stored
    report = FileReport(path, findings, references, {id(cite): where for cite, where in cites})
    text = None if fatal else data.decode("utf-8").removeprefix("\ufeff")  # as parse_bytes gave it
    return _File(report, text, briefing, records, fatal)


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
    record = _evolve(record, cites=tuple(cites)) if record.cites else record
    _check_stated_numbers(record, path, report)
    _check_dates(record, path, report, by_id)
    if isinstance(record, Contingent):
        _check_composition(record, path, report)
    credible = [c for c in record.cites if c.credibility == 1]
    if credible and len({(c.src, c.attributed_to) for c in record.cites}) < 2:
        report.warning((*path, "cite"), "credibility 1 (confirmed by other sources) needs at least two independent citations")
    return record


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _evolve(obj: Any, **changes: Any) -> Any:
    """dataclasses.replace for the model's frozen slotted dataclasses (no __post_init__, every field in
    __init__), without its per-call introspection: about 4x faster, and called once per record and cite."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    new = object.__new__(cls)
    setter = object.__setattr__
    for name in names:
        setter(new, name, changes[name] if name in changes else getattr(obj, name))
    return new


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
        paras = ", ".join(str(p + 1) for p in sorted({h[0] for h in hits}))
        report.warning((*cite_path, "quote"), f"quote occurs {len(hits)} times in source '{source.id}' (paragraphs {paras}); add para = N to choose")
    paragraph, start, end = hits[0]  # whole-word occurrences first (find_quote)
    cut = cut_at(source.paragraphs[paragraph], start, end)
    if cut is not None:
        report.warning((*cite_path, "quote"), f"{cut} in source '{source.id}': quote whole words and numbers, "
                                              "or the quote says something the source does not")
    return _evolve(cite, anchor=Anchor(paragraph, start, end))


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
                report.warning((*path, name), f"'{name}' states {number:,}, but no quote supporting it does "
                                              f"(\"{quote}\"{' and others' if len(cites) > 1 else ''}): "
                                              "correct the number or cite the sentence that states it")


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
