"""`kfor-tui import` and `kfor-tui new`: the commands that start a briefing file.

Both write a new file only: an existing path (a file, a folder, a link, even a broken one) is refused with
exit 2 and left as it was. The write is atomic (io/atomic.py). Exit 0 written, 1 the article could not be
imported or the file not written, 2 a usage error or a refusal.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kfor_tui.settings import Settings

IMPORT_EPILOG = (
    "Without -o the briefing is written to the current folder as FILE's name with .toml (page.html -> "
    "page.toml). An existing file is never overwritten. Nothing is fetched: the page is read as saved.\n"
    "Then: kfor-tui check --strict BRIEFING.toml, and open it (kfor-tui BRIEFING.toml) to capture facts."
)
NEW_EPILOG = (
    "Without -o the briefing is printed (kfor-tui new > notes.toml). Only the metadata is active; an example "
    "of each record kind follows as comments: delete a block's leading '# ' to use it. "
    "An existing file is never overwritten."
)


def build_import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfor-tui import",
        description="Make a new briefing from a saved article: a web page (.html, .htm) or text (.txt, .md). "
        "Its main text becomes one source's paragraphs, with the title, publisher, URL, publication date "
        "(stated or inferred) and language it gives; web debris (navigation, share buttons, cookie notices, "
        "related-posts lists, stray tokens) is removed and listed in the source's note. No facts yet.",
        epilog=IMPORT_EPILOG,
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the saved page or text")
    parser.add_argument("-o", "--output", metavar="BRIEFING.toml", type=Path, help="the new briefing file")
    return parser


def build_new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfor-tui new",
        description="Start an empty briefing for writing from notes: the metadata (marking, as-of today, "
        "author from the settings) and a commented example of each record kind.",
        epilog=NEW_EPILOG,
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the new briefing to FILE")
    parser.add_argument("--title", metavar="TEXT", help='the briefing\'s title (default "Untitled briefing")')
    return parser


def _settings() -> tuple[Settings, str | None]:
    """The settings (their problems on standard error) and the author to write, cleaned like article text:
    a setting may hold what the loader warns about (a bidirectional override), a briefing may not."""
    from kfor_tui.io.article_text import CharCleaner
    from kfor_tui.settings import load_settings

    settings = load_settings()
    for warning in settings.warnings:
        print(f"kfor-tui: {warning}", file=sys.stderr)
    return settings, CharCleaner().line(settings.author or "") or None


def _refused(command: str, output: Path) -> int | None:
    """Exit 2 with one line when `output` cannot be a new briefing: it exists (lstat: a broken link too,
    which a write would follow) or does not end in .toml (briefing folders are searched for *.toml)."""
    from kfor_tui.io.sanitise import shown_name

    shown = shown_name(str(output))
    if output.suffix.lower() != ".toml":
        print(f"kfor-tui {command}: {shown}: a briefing file's name ends in .toml", file=sys.stderr)
        return 2
    try:
        os.lstat(output)
    except FileNotFoundError:
        return None
    except OSError as exc:
        print(f"kfor-tui {command}: {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"kfor-tui {command}: {shown} exists; not overwritten (give another name with -o)", file=sys.stderr)
    return 2


def _write(command: str, output: Path, text: str, settings: Settings) -> int | None:
    """Write atomically; exit 1 with one line when the file would be over the briefing size limit or
    cannot be written."""
    from kfor_tui.io.atomic import write_atomic
    from kfor_tui.io.sanitise import shown_name

    shown = shown_name(str(output))
    size, limit = len(text.encode("utf-8")), int(settings.max_file_mb * 2**20)
    if size > limit:
        print(
            f"kfor-tui {command}: not written: {shown} would be {size / 2**20:.1f} MiB, over the "
            f"{settings.max_file_mb} MiB limit for one briefing (max_file_mb)",
            file=sys.stderr,
        )
        return 1
    try:
        write_atomic(output, text)
    except OSError as exc:
        print(f"kfor-tui {command}: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return None


def run_import(args: argparse.Namespace) -> int:
    from kfor_tui.io.article_import import DEFAULT_MARKING, ArticleError, import_article
    from kfor_tui.io.sanitise import shown_name

    source: Path = args.file
    output: Path = args.output or Path(source.stem + ".toml")
    refused = _refused("import", output)
    if refused is not None:
        return refused
    settings, author = _settings()
    try:
        imported = import_article(source, date.today(), DEFAULT_MARKING, author)
    except ArticleError as exc:
        print(f"kfor-tui import: {shown_name(str(source))}: {exc}", file=sys.stderr)
        return 2 if exc.usage else 1
    if _refused("import", output) is not None:  # appeared while the article was read
        return 2
    failed = _write("import", output, imported.text, settings)
    if failed is not None:
        return failed
    shown = shown_name(str(output))
    plural = "s" * (imported.paragraphs != 1)
    print(f"wrote {shown}: source {imported.source_id}, {imported.paragraphs} paragraph{plural}, no facts yet")
    print(f"removed: {imported.removed or 'nothing'}")
    if imported.unknown:
        print(f"not stated (unknown): {', '.join(imported.unknown)}; see the source's note")
    print(f"next: kfor-tui check --strict {shown}; then open it to capture facts: kfor-tui {shown}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from kfor_tui.io.article_import import DEFAULT_MARKING, slug
    from kfor_tui.io.article_text import CharCleaner
    from kfor_tui.io.briefing_scaffold import scaffold_text
    from kfor_tui.io.sanitise import shown_name

    output: Path | None = args.output
    if output is not None and (refused := _refused("new", output)) is not None:
        return refused
    settings, author = _settings()
    title = CharCleaner().line(args.title or "") or "Untitled briefing"
    today = date.today()
    name = slug(args.title or "") or (slug(output.stem) if output is not None else "") or f"new-{today:%Y%m%d}"
    text = scaffold_text(f"brief-{name}", title, today, DEFAULT_MARKING, author)
    if output is None:
        sys.stdout.write(text)
        return 0
    failed = _write("new", output, text, settings)
    if failed is not None:
        return failed
    shown = shown_name(str(output))
    print(f"wrote {shown}: an empty briefing (brief-{name}) with a commented example of each record kind")
    print(f"next: add records (docs/format.md), then kfor-tui check --strict {shown}")
    return 0
