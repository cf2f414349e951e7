"""The widget that shows one view at a time and owns how the reader moves between them: the views by name,
the back/forward history, the three panes kept mounted while what they show is unchanged, the options they
are shown with, and building a view again when the width or the theme changes. It reports each move with
LocationChanged, so the screen's chrome follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import import_module
from typing import TYPE_CHECKING

from textual import events
from textual.containers import Container
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from kfor_tui.model import Corpus
from kfor_tui.ui.location import History, Location
from kfor_tui.ui.messages import Navigate, Reshow
from kfor_tui.ui.view_options import ViewOptions
from kfor_tui.ui.views.base import View

if TYPE_CHECKING:
    from kfor_tui.index.first_screen import FirstScreen
    from kfor_tui.index.review_state import ReviewState

ROOT_VIEWS = ("nations", "chronology", "sources", "conflicts", "review")

# Every view, by the name a Location gives: a new view is one module in ui/views/ and one line here. Imported
# when first shown, so the first screen loads only the modules it shows.
VIEWS = {
    "nations": "kfor_tui.ui.views.nations:NationsPane",
    "chronology": "kfor_tui.ui.views.chronology:ChronologyPane",
    "sources": "kfor_tui.ui.views.sources:SourcesPane",
    "nation": "kfor_tui.ui.views.nation_detail:NationDetail",
    "reader": "kfor_tui.ui.views.reader:SourceReader",
    "fact": "kfor_tui.ui.views.fact_detail:FactDetail",
    "problems": "kfor_tui.ui.views.problems:ProblemsView",
    "conflicts": "kfor_tui.ui.views.conflicts:ConflictsBoard",
    "review": "kfor_tui.ui.views.review:ReviewView",
    "source": "kfor_tui.ui.views.source_info:SourceInfo",
    "chart": "kfor_tui.ui.views.chart:ChartView",
}


def view_class(name: str) -> type[View]:
    module, _, cls = VIEWS.get(name, VIEWS["problems"]).partition(":")
    found: type[View] = getattr(import_module(module), cls)
    return found


class ViewHost(Container):
    """Shows `corpus` at one location at a time (the `#view` area between the header and the status line)."""

    @dataclass
    class LocationChanged(Message):
        """The view shown changed (or was built again): the screen redraws its header, status and keys."""

        host: ViewHost

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Static(Content("Loading briefings..."), classes="note"), id=id)
        self.corpus: Corpus | None = None
        self.preview: FirstScreen | None = None  # the kept first screen shown until the corpus is loaded
        self.pending: Location | None = None  # where a key asked to go while the preview was shown
        self.history = History()
        self.options = ViewOptions()
        self._kept: dict[str, tuple[tuple[object, ...] | None, View]] = {}  # root panes kept mounted
        self._width = 0

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    # ---------------------------------------------------------------- what is shown

    @property
    def view(self) -> View | None:
        views = [child for child in self.children if isinstance(child, View) and child.display]
        return views[0] if views else None

    @property
    def width(self) -> int:
        """The width views are laid out for: the last resize's (the app's size may not have caught up yet)."""
        return self._width or self.app.size.width

    def show_progress(self, text: str) -> None:
        """While the first load runs: what it has done so far, in the loading note."""
        for note in self.query(".note").results(Static):
            note.update(Content(text))

    async def show_preview(self, first: FirstScreen) -> None:
        """Before the first load is done, the nations pane from the first screen the load cache kept: its
        rows move as ever; a key that needs the corpus (enter, t, s, another pane) waits for it (`pending`)."""
        from kfor_tui.ui.views.nations import NationsPane

        self.preview = first
        location = Location("nations")
        self.history.visit(location)
        view = NationsPane(Corpus(), location, self.width, self.options)
        view.preview = first
        await self.remove_children()
        await self.mount(view)
        view.focus_first()
        self.post_message(self.LocationChanged(self))

    async def show(self, corpus: Corpus) -> None:
        """Show a newly loaded corpus at the nations (at the row of the preview, if one was shown, then where a
        key pressed meanwhile asked to go), or a reloaded one where the reader was (its pane when the record
        shown is gone)."""
        first = self.corpus is None
        self.corpus = corpus
        view = self.view
        if first and self.preview is not None and view is not None:
            location, pending = view.current_location(), self.pending
            self.preview = self.pending = None
            await self.go(location, record=False)
            if pending is not None:
                await self.go(pending)
            return
        if first or view is None:
            await self.go(Location("nations"))
            return
        location = view.current_location()
        self.history.update(location)
        try:
            await self.go(location, record=False)
        except Exception:  # noqa: BLE001 - the record shown is gone or changed shape
            await self.go(Location(location.view if location.view in ROOT_VIEWS else "nations"), record=False)

    async def go(self, location: Location, record: bool = True) -> None:
        """Show a location. With `record`, remember where the reader was and add the location to the history.
        While a preview is shown (no corpus yet), the location waits in `pending`."""
        if self.corpus is None:
            here = location.view == "nations" and location.key is None and self.options == ViewOptions()
            self.pending = None if here else location  # 1 on the kept first screen: already there
            self.post_message(self.LocationChanged(self))
            return
        current = self.view
        if record:
            if current is not None:
                self.history.update(current.current_location())
            self.history.visit(location)
        key = self._keep_key(location)
        kept = self._kept.get(location.view)
        view = kept[1] if kept is not None and kept[0] == key else None
        for child in list(self.children):
            if child is view:
                continue
            held = self._kept.get(child.location.view) if isinstance(child, View) else None
            if (
                isinstance(child, View)
                and held is not None
                and held[1] is child
                and held[0] == self._keep_key(child.location)
            ):
                child.display = False  # a pane kept for later: hidden, not built again
                continue
            if isinstance(child, View) and held is not None and held[1] is child:
                del self._kept[child.location.view]
            await child.remove()
        if view is not None:
            view.display = True
            view.location = location
            table = view.active_table()
            if table is not None:
                view.restore_row(table, location.row)
        else:
            view = self._build(location)
            await self.mount(view)
            if key is not None:
                self._kept[location.view] = (key, view)
        view.focus_first()
        self.post_message(self.LocationChanged(self))

    def _build(self, location: Location) -> View:
        assert self.corpus is not None
        return view_class(location.view)(self.corpus, location, self.width, self.options)

    def _keep_key(self, location: Location) -> tuple[object, ...] | None:
        """The three panes stay mounted (hidden) while what they show is unchanged (same corpus, width, theme
        and options), so switching between them is a repaint and each keeps its cursor."""
        if location.view not in ROOT_VIEWS:
            return None
        # id first: a reloaded corpus differs by id at once, never compared field by field
        return (id(self.corpus), self.corpus, self.width, self.app.theme, self.options.shown_by(location.view))

    # ---------------------------------------------------------------- moving

    async def show_pane(self, name: str) -> None:
        """1/2/3: the pane, where its cursor was left (a pane kept mounted remembers it)."""
        kept = self._kept.get(name)
        location = Location(name)
        if kept is not None and kept[0] == self._keep_key(location) and kept[1] is not self.view:
            location = kept[1].current_location()
        await self.go(location)

    async def back(self) -> None:
        await self._jump(self.history.back)

    async def forward(self) -> None:
        await self._jump(self.history.forward)

    async def _jump(self, step: Callable[[], Location | None]) -> None:
        view = self.view
        if view is not None:
            self.history.update(view.current_location())
        location = step()
        if location is not None:
            await self.go(location, record=False)

    async def close(self) -> bool:
        """q: back to where the reader came from; False at a top pane (the app then quits). A pane opened at a
        record (C: the conflicts board at a conflict) closes like a detail view."""
        view = self.view
        opened_at = view is not None and (view.location.view not in ROOT_VIEWS or view.location.key is not None)
        if view is not None and opened_at and self.history.can_back():
            await self.back()
            return True
        return False

    async def remove_layer(self) -> None:
        """esc: remove one layer of the view (search, filter), else go back."""
        view = self.view
        if view is not None and view.clear_layer():
            self.post_message(self.LocationChanged(self))
            return
        if self.history.can_back():
            await self.back()

    async def on_navigate(self, message: Navigate) -> None:
        message.stop()
        await self.go(message.location)

    async def set_review(self, state: ReviewState | None) -> None:
        """New review marks (read at start, or written by r / R): the view shown is built again with them, at its
        row. With nothing reviewed yet there are no marks: everything would read NEW."""
        shown = state if state is not None and state.since is not None else None
        if shown is self.options.review:
            return
        self.options = replace(self.options, review=shown, unreviewed_only=self.options.unreviewed_only and bool(shown))
        view = self.view
        if view is not None and self.corpus is not None:
            await self.go(view.current_location(), record=False)

    async def on_reshow(self, message: Reshow) -> None:
        """A pane's own key (s, f) changed how it is shown: show it again, from the top."""
        message.stop()
        view = self.view
        if isinstance(message.options, ViewOptions) and view is not None:
            self.options = message.options
            await self.go(Location(view.location.view, view.location.key), record=False)

    # ---------------------------------------------------------------- redraw

    async def on_resize(self, event: events.Resize) -> None:
        self._width = event.size.width
        view = self.view
        if view is not None and view.width != self._width and self.corpus is not None:
            await self.go(view.current_location(), record=False)

    def _theme_changed(self, theme: object) -> None:
        """Build the view again in the new theme's mark colours, unless the reader has moved on since."""
        view = self.view
        if view is not None and self.corpus is not None:
            self.call_later(self._redraw, view)

    async def _redraw(self, view: View) -> None:
        if self.view is view:
            await self.go(view.current_location(), record=False)
