"""`kfor-tui changes`: facts added, changed and removed since the last review, a date or a git revision."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kfor_tui.cli_corpus import as_of_argument, flags, known, load_corpus, paths_arguments, resolve_paths, summary

if TYPE_CHECKING:
    from datetime import date

    from kfor_tui.model import Corpus


def build_changes_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfor-tui changes",
        description="Facts added, changed (field by field) and removed, each with its citations. Exit 0 (with "
        "a line 'no changes' when there are none); 1 when the briefings have errors; 2 when the comparison "
        "cannot be made (no git repository, an unknown revision, the review database unusable, a bad date).",
    )
    paths_arguments(parser)
    against = parser.add_mutually_exclusive_group(required=True)
    against.add_argument(
        "--since-review",
        action="store_true",
        help="against the facts as you last marked them reviewed (the review database: kfor-tui config)",
    )
    against.add_argument(
        "--since",
        metavar="DATE",
        type=_since_day,
        help="what sources published on or after DATE reported (YYYY-MM-DD; YYYY-MM or YYYY: from its first day)",
    )
    against.add_argument(
        "--git", metavar="REV", help="against the briefing files as committed at git revision REV (e.g. HEAD)"
    )
    as_of_argument(parser)
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object per change and line, for scripts")
    shape.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="text (default) or a Markdown morning brief"
    )
    return parser


def _since_day(text: str) -> date:
    """--since DATE: its first day (since March 2024 is from 1 Mar 2024)."""
    import re

    from kfor_tui.dates import DateError, parse_point

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return parse_point(text.strip()).lower()
    except DateError as exc:  # a month or day that does not exist
        raise argparse.ArgumentTypeError(str(exc)) from None


class _NotCompared(Exception):
    """The comparison cannot be made: one line, exit 2."""


def run_changes(args: argparse.Namespace) -> int:
    """Added, changed and removed facts against the review database, a date or a git revision. Exit 0 (changes
    or none), 1 when the briefings have errors, 2 when the comparison cannot be made."""
    from kfor_tui.export.changes_report import Compared, as_json_lines, as_markdown, as_text
    from kfor_tui.index.as_known import as_known_label
    from kfor_tui.index.changes import compare, facts_content

    corpus = load_corpus(args)
    if corpus.errors():
        for problem in corpus.errors():
            print(problem, file=sys.stderr)
        print(f"not compared: {summary(corpus)}", file=sys.stderr)
        return 1
    now = known(corpus, args.as_of)
    try:
        old, old_corpus, since, notes = _reading_before(args, corpus)
    except _NotCompared as exc:
        print(f"kfor-tui changes: {exc}", file=sys.stderr)
        return 2
    if old_corpus is not None and old_corpus.errors():
        for problem in old_corpus.errors():
            print(problem, file=sys.stderr)
        print(f"not compared: the briefings {since.removeprefix('since ')} have errors", file=sys.stderr)
        return 1
    if args.as_of is not None:
        notes = (*notes, f"both sides {as_known_label(args.as_of)}" if args.git else as_known_label(args.as_of))
    changes = compare(old, facts_content(now), old_corpus=old_corpus, new_corpus=now)
    compared = Compared(since, notes, corpus.markings())
    if args.json:
        for note in (f"changes {since}", *notes):
            print(f"kfor-tui changes: {note}", file=sys.stderr)
        sys.stdout.write(as_json_lines(changes))
    else:
        sys.stdout.write(as_markdown(changes, compared) if args.format == "markdown" else as_text(changes, compared))
    return 0


def _reading_before(
    args: argparse.Namespace, corpus: Corpus
) -> tuple[dict[str, dict[str, object]], Corpus | None, str, tuple[str, ...]]:
    """(the earlier reading of the facts, the corpus it is from, 'since ...', notes) for --since-review,
    --since or --git."""
    from kfor_tui.index.changes import facts_content

    if args.since is not None:
        from datetime import timedelta

        from kfor_tui.dates import day_label

        if args.as_of is not None and args.as_of < args.since:
            raise _NotCompared("--as-of is before --since: nothing can have been published between them")
        before = known(corpus, args.since - timedelta(days=1))
        since = f"since {args.since.isoformat()} by source publication date"
        note = f"facts first reported by sources published on or after {day_label(args.since)}"
        return facts_content(before), before, since, (note,)
    if args.git is not None:
        from kfor_tui.io.git_revision import GitError, load_at_revision
        from kfor_tui.io.reading import Limits
        from kfor_tui.settings import load_settings

        settings = load_settings(flags(args))  # its warnings were said by load_corpus
        try:
            at = load_at_revision(resolve_paths(args, settings), args.git, Limits.from_settings(settings))
        except GitError as exc:
            raise _NotCompared(str(exc)) from None
        before = known(at.corpus, args.as_of)
        return facts_content(before), at.corpus if before.errors() else before, f"since {at.label}", ()
    return _reviewed_reading()


def _reviewed_reading() -> tuple[dict[str, dict[str, object]], Corpus | None, str, tuple[str, ...]]:
    from kfor_tui.index.review_state import reviewed_facts, since_label
    from kfor_tui.io.review_store import StoreError, StoreUnavailable, open_store, review_db_path

    store = open_store(review_db_path())
    if isinstance(store, StoreUnavailable):
        raise _NotCompared(store.reason)
    with store:
        try:
            reviewed = store.reviewed()
        except StoreError as exc:
            raise _NotCompared(str(exc)) from None
        for warning in store.warnings:
            print(f"kfor-tui changes: {warning}", file=sys.stderr)
    last = max((record.at for record in reviewed.values()), default=None)
    if last is None:
        return {}, None, "since review", ("never reviewed: every fact is new",)
    return reviewed_facts(reviewed), None, f"since review of {since_label(last)}", ()
