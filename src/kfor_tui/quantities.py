"""Numbers as honest as their sources: the number stated, how it relates to the truth, the verbatim words.

A quantity never carries a number the source did not give: "well over 4,000" is the stated 4,000 with the
qualifier `more_than`, "several hundred" is a vague amount (its low and high are the format's house rule,
shown with a `?`), and nothing here works out a midpoint, a sum or a single "best" number.
"""

from __future__ import annotations

from typing import Literal, get_args

from kfor_tui.frozen import Frozen

# A literal type, so that quantities read back from the load cache share these strings (see dates.Basis).
Qualifier = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than", "vague"]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
BOUND_QUALIFIERS = ("at_least", "more_than", "at_most", "less_than")  # `value` is a bound, not the amount

_PREFIX = {
    "exact": "",
    "about": "~",
    "at_least": ">=",
    "more_than": ">",
    "at_most": "<=",
    "less_than": "<",
    "vague": "~",
}


class Quantity(Frozen, frozen=True):
    """`value`: the number the source states. `qualifier`: how the amount relates to it (`more_than` 4,000 is
    any amount above 4,000; the bound is exclusive, `at_least` is inclusive). `low`/`high`: a range the source
    states ("from 60 to 120"), or for `vague` words the house rule's range. `unit`: what is counted, None for
    the field's own unit (people for strengths and personnel)."""

    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "exact"
    text: str | None = None
    unit: str | None = None

    @property
    def exact(self) -> bool:
        return self.qualifier == "exact" and self.value is not None and self.low is None and self.high is None

    def stated(self) -> tuple[int, ...]:
        """The numbers the source gave: the value and a stated range's ends (a vague range is a house rule)."""
        numbers = [self.value] if self.value is not None else []
        if self.qualifier != "vague":
            numbers += [n for n in (self.low, self.high) if n is not None]
        return tuple(numbers)

    def sort_number(self) -> int | None:
        """The number to order by, as stated: the value, else the low end of the range, else its high end.
        Never a midpoint: a list sorted by it says so in its header."""
        if self.value is not None:
            return self.value
        return self.low if self.low is not None else self.high

    def number(self) -> str:
        """The figure in compact form: '4,443', '~500', '>4,000', '>=5', '60-120', '200-900?' (a vague amount's
        house-rule range, '>=2?'), with its unit when it is not the field's own."""
        if self.value is not None:
            shown = f"{_PREFIX.get(self.qualifier, '')}{self.value:,}"
        elif self.low is not None and self.high is not None:
            shown = f"{self.low:,}-{self.high:,}"
        elif self.low is not None:
            shown = f">={self.low:,}"
        elif self.high is not None:
            shown = f"<={self.high:,}"
        else:
            return "?"
        if self.qualifier == "vague" and self.value is None:
            shown += "?"  # the house rule's range for vague words, not the source's numbers
        return f"{shown} {self.unit}" if self.unit else shown

    def display(self) -> str:
        """The source's words when kept, else the compact figure."""
        return self.text or self.number()
