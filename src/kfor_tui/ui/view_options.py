"""How the panes are shown: the nations' sort and the chronology's filter. Set by a pane's keys (s, f),
kept by the view host across pane switches, and part of what a kept pane is keyed by."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class ViewOptions:
    nation_sort: str = "name"  # "name" | "strength"
    chronology: ChronologyFilter = field(default_factory=ChronologyFilter)

    def shown_by(self, view: str) -> object:
        """The option a pane's rows depend on (a kept pane with another one is built again)."""
        return {"nations": self.nation_sort, "chronology": self.chronology}.get(view)
