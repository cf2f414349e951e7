"""Fast pickling for frozen slotted dataclasses (the load cache pickles ~70 objects a briefing).

dataclasses gives such classes a __setstate__ that calls fields() and setattr per field for every object
unpickled, which would be most of a warm load. `fast_pickle(cls)` gives the class a __reduce__ that returns
a generated constructor taking the field values positionally, which sets them without __init__ (so without
re-validating): the same result as the dataclass's own pickling, in a fraction of the time (bench/bench.py
measures warm loads).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def fast_pickle(cls: T) -> T:
    names = [f.name for f in dataclasses.fields(cls)]
    args = ", ".join(f"v{i}" for i in range(len(names)))
    sets = "".join(f"    set(o, {name!r}, v{i})\n" for i, name in enumerate(names))
    values = "".join(f"self.{name}, " for name in names)
    source = (
        f"def _kfor_make({args}):\n    o = new(cls)\n{sets}    return o\n"
        f"def __reduce__(self):\n    return (cls._kfor_make, ({values}))\n"
    )
    scope: dict[str, Any] = {"new": object.__new__, "set": object.__setattr__, "cls": cls}
    exec(source, scope)  # generated from the class's own field names only
    make = scope["_kfor_make"]
    make.__module__, make.__qualname__ = cls.__module__, f"{cls.__qualname__}._kfor_make"
    cls._kfor_make = staticmethod(make)  # type: ignore[attr-defined]  # added to the class here
    cls.__reduce__ = scope["__reduce__"]  # type: ignore[method-assign]  # replaced on purpose
    return cls


def fast_pickle_all(namespace: dict[str, Any]) -> None:
    """fast_pickle every frozen dataclass defined in a module (call at its end with globals())."""
    module = namespace["__name__"]
    for value in list(namespace.values()):
        if (
            isinstance(value, type)
            and value.__module__ == module
            and dataclasses.is_dataclass(value)
            and value.__dataclass_params__.frozen  # type: ignore[attr-defined]  # set by @dataclass, undeclared
            and "__slots__" in value.__dict__
        ):
            fast_pickle(value)
