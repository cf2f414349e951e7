"""Remember a query's answers for a corpus: a Corpus never changes once loaded (a reload makes a new one), so
an answer stays right as long as the corpus lives. Views call these queries on every pane switch, and each
pass over the facts of a large corpus is slow enough to feel, so each is done once per corpus."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from kfor_tui.model import Corpus

P = ParamSpec("P")
R = TypeVar("R")
_KEPT = 2  # the corpus on screen and the one a reload is replacing it with


class PerCorpus(Generic[P, R]):
    """fn(corpus, *args), remembered per (corpus, args) for the last two corpora. Arguments are given by
    position (they are the key, so hashable). Callers must not mutate results."""

    def __init__(self, fn: Callable[Concatenate[Corpus, P], R]) -> None:
        self._fn = fn
        self._cache: dict[int, tuple[Corpus, dict[tuple[Any, ...], R]]] = {}
        functools.update_wrapper(self, fn)

    def __call__(self, corpus: Corpus, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            raise TypeError(f"{self._fn.__name__}() takes its arguments by position: they key its answers")
        answers = self._answers_for(corpus)
        try:
            return answers[args]
        except KeyError:
            value = answers[args] = self._fn(corpus, *args, **kwargs)
            return value

    def seed(self, corpus: Corpus, value: R, *args: Hashable) -> None:
        """Give the answer for (corpus, *args) worked out earlier (kept in the load cache from the last start)."""
        self._answers_for(corpus)[args] = value

    def _answers_for(self, corpus: Corpus) -> dict[tuple[Any, ...], R]:
        entry = self._cache.get(id(corpus))
        if entry is None or entry[0] is not corpus:
            if len(self._cache) >= _KEPT:
                self._cache.clear()
            entry = self._cache[id(corpus)] = (corpus, {})
        return entry[1]


def per_corpus(fn: Callable[Concatenate[Corpus, P], R]) -> PerCorpus[P, R]:
    """Decorator: remember fn(corpus, *args) for the last two corpora (see PerCorpus)."""
    return PerCorpus(fn)
