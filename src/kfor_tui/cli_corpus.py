"""The briefings a command names: its PATH arguments, --briefings and --as-of, the settings that bound a
load, and the corpus loaded from them (as known on a date when asked). Shared by the commands in cli.py and
cli_changes.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from kfor_tui.model import Corpus
    from kfor_tui.settings import Settings


def paths_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="briefing files or folders (default: --briefings, $KFOR_BRIEFINGS, briefings in config.toml, "
        "or the bundled briefings)",
    )
    parser.add_argument(
        "--briefings", metavar="DIR", type=Path, help="folder of briefings to use when no PATH is given"
    )


def as_of_day(text: str) -> date:
    """--as-of DATE: YYYY-MM-DD, or a month or year meaning its last day (all that was known during it)."""
    from kfor_tui.dates import DateError, knowledge_day

    try:
        return knowledge_day(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def as_of_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        dest="as_of",
        metavar="DATE",
        type=as_of_day,
        help="the briefings as known on DATE: only what sources published on or before it reported "
        "(YYYY-MM-DD; YYYY-MM or YYYY means the last day of that month or year; docs/format.md, 'Two times')",
    )


def resolve_paths(args: argparse.Namespace, settings: Settings | None = None) -> list[Path]:
    """PATHs, else --briefings, $KFOR_BRIEFINGS or `briefings` in config.toml (kfor_tui.settings), else bundled."""
    if args.paths:
        return list(args.paths)
    if settings is None:
        from kfor_tui.settings import load_settings

        settings = load_settings(flags(args))
        for warning in settings.warnings:
            print(f"kfor-tui: {warning}", file=sys.stderr)
    if settings.briefings:
        return list(settings.briefings)
    from kfor_tui.io.loader import bundled_briefings

    return [bundled_briefings()]


def load_corpus(args: argparse.Namespace) -> Corpus:
    """The briefings of the command line, read within the size limits of the settings (max_file_mb,
    max_total_mb); problems with the settings themselves go to standard error."""
    from kfor_tui.io.loader import load
    from kfor_tui.io.reading import Limits
    from kfor_tui.settings import load_settings

    settings = load_settings(flags(args))
    for warning in settings.warnings:
        print(f"kfor-tui: {warning}", file=sys.stderr)
    cache_settings(settings)
    return load(resolve_paths(args, settings), Limits.from_settings(settings))


def summary(corpus: Corpus) -> str:
    errors, warnings = len(corpus.errors()), len(corpus.warnings())
    return (
        f"{len(corpus.files)} files, {len(corpus.sources)} sources, {len(corpus.facts())} facts, "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )


def known(corpus: Corpus, day: date | None) -> Corpus:
    """The corpus as known on `day` (--as-of), or as it is."""
    if day is None:
        return corpus
    from kfor_tui.index.as_known import as_known

    return as_known(corpus, day)


# ---- settings (kfor_tui.settings): flag > KFOR_* environment > config.toml > default


def flags(args: argparse.Namespace) -> dict[str, object]:
    """The settings given as flags; None (or an unset store_true) means 'not given'."""
    flags: dict[str, object] = {}
    for name in ("theme", "color", "ascii", "mouse", "briefings"):
        value = getattr(args, name, None)
        flags[name] = None if value is False else value
    flags["watch"] = False if getattr(args, "no_watch", False) else None
    return flags


def cache_settings(settings: Settings) -> None:
    """The load cache's cap from the settings (cache_max_mb): io reads no settings of its own."""
    from kfor_tui.io import cache

    cache.configure(settings.cache_max_mb)
