"""The command palette (ctrl+p): the app's own commands (panes, actions, themes), then every hit of the
lookup index, answering as you type."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, cast

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from kfor_tui.index.search import Hit as SearchHit
from kfor_tui.index.search import SearchIndex
from kfor_tui.ui.lookup import hit_line

Command = tuple[str, Callable[[], Any], str]  # (name, what it runs, help)


class LookupHost(Protocol):
    """What the palette needs of the app: the lookup index (None while it is built) and a way to land on a hit."""

    search_index: SearchIndex | None

    async def open_hit(self, hit: SearchHit, query: str) -> None: ...


def palette_commands(app: App[Any]) -> list[Command]:
    """Panes, actions and themes, named 'group: action', each with the key that does it."""
    run = app.run_action
    commands: list[Command] = [
        ("Go to: Nations", partial(run, "screen.show_pane('nations')"), "key 1"),
        ("Go to: Chronology", partial(run, "screen.show_pane('chronology')"), "key 2"),
        ("Go to: Sources", partial(run, "screen.show_pane('sources')"), "key 3"),
        ("Go to: Problems", partial(run, "screen.problems"), "key !"),
        ("Go: Back", partial(run, "screen.back"), "key ["),
        ("Go: Forward", partial(run, "screen.forward"), "key ]"),
        ("Lookup: open the : prompt", partial(run, "screen.lookup"), "key :"),
        ("Help: keys of this view", partial(run, "screen.help"), "key ?"),
        ("Copy: the current fact with its citation (OSC 52)", partial(run, "screen.yank"), "key y"),
        ("App: Quit", partial(run, "quit"), "key ctrl+q"),
    ]
    for name in sorted(app.available_themes):
        commands.append((f"Theme: {name}", partial(setattr, app, "theme", name), "switch colours"))
    return commands


class LookupCommands(Provider):
    """Palette provider: the app's own commands, then every hit of the lookup index."""

    async def discover(self) -> Hits:
        for name, callback, help_text in palette_commands(self.app):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in palette_commands(self.app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
        host = cast(LookupHost, self.app)
        if host.search_index is None:
            return
        width = self.app.size.width - 8
        for hit in host.search_index.search(query, limit=30):
            yield Hit(
                min(0.99, hit.score / 25),
                hit_line(hit, width),
                partial(host.open_hit, hit, query),
                text=hit.label,
                help=escape(hit.ref) if hit.ref else None,
            )
