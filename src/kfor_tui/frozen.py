"""The base of the model's values (records, citations, dates, quantities): frozen msgspec Structs.

Why Structs and not frozen dataclasses: a Struct is made in C (a frozen dataclass's __init__ sets each field
through object.__setattr__), takes less memory, is never tracked by the garbage collector (`gc=False`: a
value holds only texts, numbers and other values, never a cycle), costs nothing to compile when imported, and
is what the load cache and the workers of a cold load encode natively (`array_like`: its fields in order,
without their names).
"""

from __future__ import annotations

import msgspec


class Frozen(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """Immutable, typed, hashable by value; subclasses inherit all of it (and say `frozen=True` again for
    the type checker). A record class says `kw_only=True` too, so that its fields keep the order they are
    written in, a base class's first (`__struct_fields__`: what exports and content digests list)."""
