"""The base of the model's values (records, citations, dates, quantities): frozen msgspec Structs.

Why Structs and not frozen dataclasses: a Struct is made in C (a frozen dataclass's __init__ sets each field
through object.__setattr__), takes less memory, is never tracked by the garbage collector (`gc=False`: a
value holds only texts, numbers and other values, never a cycle), costs nothing to compile when imported, and
is what the load cache and the workers of a cold load encode natively (`array_like`: its fields in order,
without their names).
"""

from __future__ import annotations

import inspect

import msgspec


class Frozen(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """Immutable, typed, hashable by value; subclasses inherit all of it (and say `frozen=True` again for
    the type checker)."""


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type[Frozen]) -> tuple[str, ...]:
    """A value class's fields in the order they are written, a base class's first (what exports and content
    digests list). msgspec orders a keyword-only class's required fields before the others."""
    known = _FIELD_NAMES.get(cls)
    if known is not None:
        return known
    fields = set(cls.__struct_fields__)
    ordered: list[str] = []
    for klass in reversed(cls.__mro__):
        for name in inspect.get_annotations(klass):
            if name in fields and name not in ordered:
                ordered.append(name)
    known = _FIELD_NAMES[cls] = tuple(ordered)
    return known
