"""How the panes are shown: the nations' sort and the chronology's filter. Set by a pane's keys (s, f),
kept by the view host across pane switches, and part of what a kept pane is keyed by."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kfor_tui.index.review_state import ReviewState


@dataclass(frozen=True, slots=True)
class ChronologyFilter:
    kind: str | None = None
    nation: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.kind or self.nation)

    def describe(self) -> str:
        parts = [f"kind={self.kind}" if self.kind else "", f"nation={self.nation}" if self.nation else ""]
        return " ".join(p for p in parts if p)


MARKED_PANES = frozenset({"chronology", "conflicts", "review"})  # the panes whose rows carry NEW / CHANGED


@dataclass(frozen=True, slots=True)
class ViewOptions:
    nation_sort: str = "name"  # "name" | "strength"
    chronology: ChronologyFilter = field(default_factory=ChronologyFilter)
    unreviewed_only: bool = False  # lists show only what is new or changed since the last review (u)
    # what was reviewed, for the NEW and CHANGED marks; None when the review database is off or unavailable
    review: ReviewState | None = field(default=None, compare=False)

    def mark_of(self, record_id: str) -> str | None:
        """NEW or CHANGED since the last review, else None."""
        return self.review.mark_of(record_id) if self.review is not None else None

    def shows(self, record_id: str) -> bool:
        """With u on, only what is new or changed since the last review is listed."""
        return not self.unreviewed_only or self.mark_of(record_id) is not None

    def shown_by(self, view: str) -> object:
        """What a pane's rows depend on (a kept pane shown with other options is built again): its own option,
        and for the panes that show review marks, the marks (a tuple compares the same state by identity)."""
        own = {"nations": self.nation_sort, "chronology": self.chronology}.get(view)
        return (own, self.review, self.unreviewed_only) if view in MARKED_PANES else own
