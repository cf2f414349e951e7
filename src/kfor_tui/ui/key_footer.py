"""The footer of keys that work here, redrawn only when they change.

Textual's Footer rebuilds all its key widgets on every bindings change, and a pane switch signals several
(focus moves, the view is replaced, the chrome refreshes). This one rebuilds at most once per frame, and not
at all when the keys shown are the same as before (switching between panes mostly)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

from kfor_tui.ui.compat import mark_footer_ready


class KeyFooter(Footer):
    DEFAULT_CSS = ""  # Footer's own CSS applies (CSS type names include base classes)

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        mark_footer_ready(self)
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    def _signature(self) -> tuple[object, ...]:
        app = self.app
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        signature = self._signature()
        if signature != self._shown:
            self._shown = signature
            await self.recompose()
