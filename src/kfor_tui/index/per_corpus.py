"""Remember a query's answers for a corpus: a Corpus never changes once loaded (a reload makes a new one), so
an answer stays right as long as the corpus lives. Views call these queries on every pane switch; at 100,000
records each pass over the facts costs tens of milliseconds, so each is done once per corpus."""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

from kfor_tui.model import Corpus

F = TypeVar("F", bound=Callable[..., Any])
_KEPT = 2  # the corpus on screen and the one a reload is replacing it with


def per_corpus(fn: F) -> F:
    """Cache fn(corpus, *args) (args hashable) for the last two corpora. Callers must not mutate results."""
    cache: dict[int, tuple[Corpus, dict[tuple[Any, ...], Any]]] = {}

    def answers_for(corpus: Corpus) -> dict[tuple[Any, ...], Any]:
        entry = cache.get(id(corpus))
        if entry is None or entry[0] is not corpus:
            if len(cache) >= _KEPT:
                cache.clear()
            entry = cache[id(corpus)] = (corpus, {})
        return entry[1]

    @wraps(fn)
    def cached(corpus: Corpus, *args: Any) -> Any:
        answers = answers_for(corpus)
        try:
            return answers[args]
        except KeyError:
            value = answers[args] = fn(corpus, *args)
            return value

    def seed(corpus: Corpus, value: Any, *args: Any) -> None:
        """Give the answer for (corpus, *args) worked out earlier (kept in the load cache from the last start)."""
        answers_for(corpus)[args] = value

    cached.seed = seed  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]
