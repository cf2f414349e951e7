"""The `kfor-tui` command. Standard library only until the app itself is needed, so `check` starts fast."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from kfor_tui import __version__
from kfor_tui.cli_corpus import (
    as_of_argument,
    cache_settings,
    known,
    load_corpus,
    paths_arguments,
    resolve_paths,
    summary,
)
from kfor_tui.cli_corpus import flags as _flags  # the name tests and the app's tests use

COMMANDS = ("check", "export", "search", "changes", "config", "cache", "import", "new", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfor-tui",
        description="Read KFOR briefings in the terminal: nations, chronology and the sources every fact cites.",
        epilog="commands:\n  check    validate briefings and report problems as path:line:col\n"
        "  export   write the validated corpus as JSON, or a briefing pack in Markdown or printable HTML\n"
        "  search   find names, places, dates, numbers and text; ranked hits with their sources\n"
        "  changes  facts added, changed and removed since your review, a date or a git revision\n"
        "  config   print the effective settings, where each came from, and the config file path\n"
        "  cache    the load cache: 'cache info' (where, how big, the cap), 'cache clear' (empty it)\n"
        "  import   a new briefing from a saved web page or text: its source with paragraphs, debris removed\n"
        "  new      a new empty briefing: the metadata and a commented example of each record kind\n"
        "  serve    the app in a web browser (127.0.0.1:8000 by default; docs/ssh.md for a tunnel)\n\n"
        "Run 'kfor-tui COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kfor-tui {__version__}")
    paths_arguments(parser)
    parser.add_argument("--mouse", action="store_true", help="let the app capture the mouse (off by default)")
    as_of_argument(parser)
    parser.add_argument(
        "--no-watch",
        dest="no_watch",
        action="store_true",
        help="do not watch the briefings for changes (default: reload changed files live; KFOR_WATCH)",
    )
    # ---- looks (kfor_tui.ui.themes, kfor_tui.ui.terminal)
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme: kfor-dark (default), kfor-light, high-contrast, colour-blind-safe, amber, "
        "night, terminal-dark, terminal-light, or one of yours (themes/README.md)",
    )
    parser.add_argument(
        "--color",
        "--colour",
        dest="color",
        choices=("auto", "truecolor", "256", "16", "none"),
        help="colour depth (default auto: from TERM/COLORTERM); none = no colour, like NO_COLOR=1",
    )
    parser.add_argument("--ascii", action="store_true", help="ASCII only: no box drawing, no symbols (« » ▶ ...)")
    # ----
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    if command == "cache":
        parser = argparse.ArgumentParser(
            prog="kfor-tui cache",
            description="The load cache (data checked by a digest, never code; KFOR_CACHE_DIR, KFOR_CACHE=0): "
            "info prints its folder, files, size, cap (cache_max_mb) and last uses; clear removes kfor-tui's "
            "cache files from it, and nothing else. Deleting them is always safe: the next load rebuilds them.",
        )
        parser.add_argument("action", choices=("info", "clear"), help="info: what the cache holds; clear: empty it")
        return parser
    if command == "config":
        return argparse.ArgumentParser(
            prog="kfor-tui config",
            description="Print the effective settings and where each came from (flag, env KFOR_*, file, default), "
            "the config file path ($KFOR_CONFIG or the user config folder) and any problems "
            "(unknown keys, bad values, keymap clashes) on standard error.",
        )
    if command == "check":
        parser = argparse.ArgumentParser(
            prog="kfor-tui check", description="Validate briefings: every problem as path:line:col: severity: message."
        )
        paths_arguments(parser)
        parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
        return parser
    if command == "search":
        from kfor_tui.index.search import KIND_ORDER

        parser = argparse.ArgumentParser(
            prog="kfor-tui search",
            description="Search everything: names, places, dates, numbers, record and article text.",
        )
        parser.add_argument(
            "query", metavar="QUERY", help='words, a number ("4,443") or a date ("June 2023", "2023-06")'
        )
        paths_arguments(parser)
        parser.add_argument(
            "--kind",
            action="append",
            choices=KIND_ORDER,
            metavar="K",
            help=f"only hits of this kind (repeatable): {', '.join(KIND_ORDER)}",
        )
        parser.add_argument("--nation", metavar="N", help="only hits concerning this nation (ISO alpha-3, e.g. TUR)")
        parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20; 0 = all)")
        parser.add_argument("--json", action="store_true", help="JSON lines for scripts")
        as_of_argument(parser)
        return parser
    if command == "changes":
        from kfor_tui.cli_changes import build_changes_parser

        return build_changes_parser()
    if command == "serve":
        from kfor_tui.cli_serve import build_serve_parser

        return build_serve_parser()
    if command in ("import", "new"):
        from kfor_tui import cli_authoring

        return cli_authoring.build_import_parser() if command == "import" else cli_authoring.build_new_parser()
    parser = argparse.ArgumentParser(prog="kfor-tui export", description="Export the validated corpus.")
    paths_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("json", "markdown", "html"),
        required=True,
        help="json: the whole corpus for scripts; markdown: a briefing pack; html: the same pack as one printable "
        "page that fetches nothing, with charts of strength over time and the marking on every printed page",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE (atomically) instead of standard output"
    )
    as_of_argument(parser)
    return parser


INTERNAL_ERROR = 70  # EX_SOFTWARE: never an answer about the briefings (those are 0, 1 and 2)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            args = build_command_parser(command).parse_args(argv[1:])
            runner = {
                "check": run_check,
                "export": run_export,
                "search": run_search,
                "changes": _run_changes,
                "config": run_config,
                "cache": run_cache,
                "import": _run_import,
                "new": _run_new,
                "serve": _run_serve,
            }[command]
            return runner(args)
        args = build_parser().parse_args(argv)
        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - kept open: it silences the flush at exit
        return 1
    except Exception as exc:  # noqa: BLE001 - the last guard: a user never sees a traceback
        print(f"kfor-tui: internal error ({type(exc).__name__}): {exc}; please report it", file=sys.stderr)
        return INTERNAL_ERROR


def _run_changes(args: argparse.Namespace) -> int:
    from kfor_tui.cli_changes import run_changes

    return run_changes(args)


def _run_import(args: argparse.Namespace) -> int:
    from kfor_tui.cli_authoring import run_import

    return run_import(args)


def _run_new(args: argparse.Namespace) -> int:
    from kfor_tui.cli_authoring import run_new

    return run_new(args)


def _run_serve(args: argparse.Namespace) -> int:
    from kfor_tui.cli_serve import run_serve

    return run_serve(args)


def run_check(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    for problem in corpus.problems:
        print(problem)
    print(summary(corpus))
    if corpus.errors() or (args.strict and corpus.warnings()):
        return 1
    return 0


def run_export(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if corpus.errors():
        for problem in corpus.problems:
            print(problem, file=sys.stderr)
        print(f"not exported: {summary(corpus)}", file=sys.stderr)
        return 1
    corpus = known(corpus, args.as_of)
    if args.format == "json":
        from kfor_tui.export.json_export import to_json

        text = to_json(corpus, as_known_on=args.as_of)
    elif args.format == "html":
        from kfor_tui.export.html_export import to_html

        text = to_html(corpus, as_known_on=args.as_of)
    else:
        from kfor_tui.export.markdown_export import to_markdown

        text = to_markdown(corpus, as_known_on=args.as_of)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from kfor_tui.io.atomic import write_atomic
    from kfor_tui.io.sanitise import shown_name

    try:
        write_atomic(args.output, text)
    except OSError as exc:
        print(f"kfor-tui export: cannot write {shown_name(str(args.output))}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {shown_name(str(args.output))} ({summary(corpus)})", file=sys.stderr)
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Ranked hits, one per line: kind, id, date, label, source:paragraph and grade. Exit 1 when none."""
    import json

    from kfor_tui.index.search import SearchIndex

    corpus = load_corpus(args)
    for problem in corpus.errors():
        print(problem, file=sys.stderr)
    nation = args.nation.upper() if args.nation else None
    if args.as_of is not None:
        from kfor_tui.index.as_known import as_known_label

        corpus = known(corpus, args.as_of)
        print(f"kfor-tui search: {as_known_label(args.as_of)}", file=sys.stderr)
    hits = SearchIndex.build(corpus).search(
        args.query, kinds=tuple(args.kind or ()), nation=nation, limit=args.limit or None
    )
    for hit in hits:
        if args.json:
            print(
                json.dumps(
                    {
                        "kind": hit.kind,
                        "id": hit.id,
                        "label": hit.label,
                        "date": hit.date,
                        "ref": hit.ref,
                        "grade": hit.grade,
                        "nations": list(hit.nations),
                        "score": hit.score,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            label = hit.label if len(hit.label) <= 90 else hit.label[:87] + "..."
            cited = f"  [{hit.ref}{' ' + hit.grade if hit.grade else ''}]" if hit.ref else ""
            print(f"{hit.kind:<12} {hit.id}  {hit.date or '-'}  {label}{cited}")
    if not hits:
        print(f"nothing found for {args.query!r}", file=sys.stderr)
        return 1
    return 0


# ---- settings (kfor_tui.settings): flag > KFOR_* environment > config.toml > default


def run_config(args: argparse.Namespace) -> int:
    """Print the effective settings and where each came from; problems go to standard error."""
    from kfor_tui.settings import load_settings

    settings = load_settings()
    print("\n".join(settings.describe()))
    from kfor_tui.io.cache import cache_folder

    folder = cache_folder()
    where = "KFOR_CACHE_DIR" if os.environ.get("KFOR_CACHE_DIR") else "default"
    print(
        f"# load cache: {folder}  ({where}; KFOR_CACHE=0 turns it off)"
        if folder is not None
        else "# load cache: off  (KFOR_CACHE)"
    )
    from kfor_tui.io.review_store import review_db_path
    from kfor_tui.io.sanitise import shown_name

    where = "KFOR_DATA_DIR" if os.environ.get("KFOR_DATA_DIR") else "default"
    print(
        f"# review database: {shown_name(str(review_db_path()))}  ({where}; what kfor-tui changes --since-review reads)"
    )
    problems = list(settings.warnings)
    if settings.keymap:
        from kfor_tui.ui.keymap import check_keymap  # imports Textual: only when there is a keymap to check

        problems += check_keymap(settings.keymap)
    for problem in problems:
        print(f"kfor-tui: {problem}", file=sys.stderr)
    return 0


# ---- the load cache (kfor_tui.io.cache)


def _mib(size: int) -> str:
    """512 MiB, 23.4 MiB, 0.5 MiB, 12.3 KiB: never a misleading '0 MiB'."""
    if size >= 2**20 // 10 or size == 0:
        return f"{size / 2**20:.1f}".removesuffix(".0") + " MiB"
    return f"{size / 1024:.1f}".removesuffix(".0") + " KiB"


def run_cache(args: argparse.Namespace) -> int:
    """`cache info`: the folder, kfor-tui's files in it, their size against the cap, their oldest and newest
    use. `cache clear`: remove kfor-tui's cache files (and temp files of killed writes), nothing else.
    Exit 0; 1 when a file could not be removed."""
    import time

    from kfor_tui.io import cache
    from kfor_tui.io.sanitise import shown_name
    from kfor_tui.settings import load_settings

    settings = load_settings()
    for warning in settings.warnings:
        print(f"kfor-tui: {warning}", file=sys.stderr)
    cache_settings(settings)
    folder = cache.cache_location()
    shown = shown_name(str(folder))
    if args.action == "clear":
        removed, problems = cache.clear(folder)
        for problem in problems:
            print(f"kfor-tui cache: cannot remove {shown_name(problem)}", file=sys.stderr)
        freed = sum(file.size for file in removed)
        if removed:
            print(f"removed {len(removed)} file{'s' * (len(removed) != 1)} ({_mib(freed)}) from {shown}")
        else:
            print(f"nothing to remove in {shown}")
        return 1 if problems else 0
    where = "KFOR_CACHE_DIR" if os.environ.get("KFOR_CACHE_DIR") else "the user cache folder"
    print(f"folder: {shown}  ({where})")
    if not cache.cache_enabled():
        status = "off (KFOR_CACHE=0): nothing is read or written"
    elif folder.exists() and not cache.private(folder):
        status = "not used: another user can write this folder"
    else:
        status = "on (KFOR_CACHE=0 turns it off)"
    print(f"status: {status}")
    files = cache.cache_files(folder)
    total = sum(file.size for file in files)
    corpora = len({file.corpus for file in files})
    print(f"files: {len(files)}, for {corpora} set{'s' * (corpora != 1)} of briefings")
    cap = cache.max_bytes()
    print(f"size: {_mib(total)} of {_mib(cap)}  (cache_max_mb: {settings.sources['cache_max_mb']})")
    if files:
        oldest, newest = (time.strftime("%Y-%m-%d %H:%M", time.localtime(f(x.used for x in files))) for f in (min, max))
        print(f"last used: oldest {oldest}, newest {newest}")
    stale = cache.temp_files(folder)
    if stale:
        print(f"temp files of interrupted writes: {len(stale)} (removed by the next start, or cache clear)")
    return 0


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the briefings; Textual is imported only here. Mouse capture stays off unless asked
    (--mouse, KFOR_MOUSE=1 or mouse = true in config.toml)."""
    from kfor_tui.settings import load_settings

    settings = load_settings(_flags(args))
    paths = resolve_paths(args, settings)
    cache_settings(settings)
    # ---- looks: colour depth must be set before Textual is imported (it reads TEXTUAL_COLOR_SYSTEM once)
    from kfor_tui.ui.terminal import configure_colour

    no_color = configure_colour(settings.color or "auto")
    import gc

    collecting = gc.isenabled()
    gc.disable()  # while Textual and the app are imported: they make many objects and free almost none
    try:
        from kfor_tui.ui.themes import load_themes

        themes = load_themes()
        if getattr(args, "theme", None) and args.theme not in themes.themes:
            print(f"kfor-tui: no theme {args.theme!r}; themes: {', '.join(sorted(themes.themes))}", file=sys.stderr)
            return 2
        # ----
        from kfor_tui.ui.app import KforApp
    finally:
        if collecting:
            gc.enable()

    app = KforApp(
        paths,
        as_of=getattr(args, "as_of", None),
        settings=settings,
        theme=settings.theme,
        themes=themes,
        no_color=no_color,
        ascii=bool(settings.ascii),
        watch=settings.watch,
    )
    result = app.run(mouse=settings.mouse)
    # Textual sets return_code to 1 when the app stops on an unhandled exception (its return value is then
    # None), and the app exits with its own codes (129: the terminal hung up); None: it never said it exited.
    if app.return_code != 0:
        return app.return_code or 1
    return result if isinstance(result, int) else 0
