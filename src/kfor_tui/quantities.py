"""Numbers as honest as their sources: exact, about, at least, more than, vague; the verbatim words kept."""

from __future__ import annotations

from dataclasses import dataclass

QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "vague")

_PREFIX = {"exact": "", "about": "~", "at_least": ">=", "more_than": ">", "at_most": "<=", "less_than": "<", "vague": "~"}


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"
    text: str | None = None

    def best(self) -> int | None:
        """One number to sort and sum by: the value, else the middle of the bounds, else a bound."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) // 2
        return self.low if self.low is not None else self.high

    @property
    def exact(self) -> bool:
        return self.qualifier == "exact" and self.value is not None

    def number(self) -> str:
        """The figure in compact form: '4,443', '~500', '>4,000', '200-900'."""
        if self.value is None and self.low is not None and self.high is not None:
            return f"{self.low:,}-{self.high:,}"
        shown = self.value if self.value is not None else self.low if self.low is not None else self.high
        if self.qualifier == "more_than" and self.value is None and self.low is not None:
            shown = self.low - 1
        if self.qualifier == "less_than" and self.value is None and self.high is not None:
            shown = self.high + 1
        return f"{_PREFIX.get(self.qualifier, '')}{shown:,}" if shown is not None else "?"

    def display(self) -> str:
        """The source's words when kept, else the compact figure."""
        return self.text or self.number()

    def overlaps(self, other: Quantity) -> bool:
        a_low, a_high = self.bounds()
        b_low, b_high = other.bounds()
        return a_low <= b_high and b_low <= a_high

    def bounds(self) -> tuple[float, float]:
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        if self.qualifier in ("at_least", "more_than") and self.high is None:
            high = None
        if self.qualifier in ("at_most", "less_than") and self.low is None:
            low = None
        return (float(low) if low is not None else float("-inf"), float(high) if high is not None else float("inf"))


from kfor_tui._pickling import fast_pickle_all  # noqa: E402

fast_pickle_all(globals())
