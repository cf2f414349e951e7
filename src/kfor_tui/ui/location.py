"""Where the reader is, and the back/forward history of where they have been, like a browser. No Textual."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Location:
    """A view name, the record it shows, and the cursor position to restore (not a geographic place: that is
    kfor_tui.model.Place)."""

    view: str  # "nations" | "chronology" | "sources" | "nation" | "reader" | "fact" | "problems"
    key: str | None = None
    row: int = 0
    paragraph: int | None = None  # reader: the paragraph a lookup hit landed on
    highlight: str | None = None  # reader: the words to mark in it

    def at(self, row: int) -> Location:
        return replace(self, row=row)

    def same_view(self, other: Location) -> bool:
        return self.view == other.view and self.key == other.key


class History:
    """A list of locations and an index into it; visiting a new one drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._places[self._index] if self._index >= 0 else None

    def visit(self, place: Location) -> None:
        if self.current is not None and self.current.same_view(place):
            self._places[self._index] = place
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def update(self, place: Location) -> None:
        """Remember the cursor (or any state) of the current place without adding a step."""
        if self._index >= 0:
            self._places[self._index] = place

    def can_back(self) -> bool:
        return self._index > 0

    def can_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def back(self) -> Location | None:
        if not self.can_back():
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_forward():
            return None
        self._index += 1
        return self.current

    def __len__(self) -> int:
        return len(self._places)
