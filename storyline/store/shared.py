"""A store whose reads are each made once: for a page built by several functions that read the
same rows (a story's page: its reader's timeline, its briefing — which reads the reader's timeline
again — and its entries all read the story's timeline with its events).

Within one snapshot the store does not change, so a read asked twice with the same arguments
answers the same: :class:`SharedReads` keeps each answer and gives the next asker a copy. It
stands in for the :class:`~storyline.store.Store` it wraps (the functions it is passed to read
through the store's own methods); writes and everything but the reads named in :data:`SHARED`
go to the store itself.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from storyline.store.sqlite import Store

# The reads kept: what a story's page and the functions it calls ask of the store more than once.
SHARED = frozenset({"story", "timeline", "story_quotes", "timexes", "copies", "publications", "publication_days",
                    "positions", "actors", "issues", "documents", "sentence_spans", "actor_names",
                    "document_titles"})


class SharedReads:
    """``store``'s reads in :data:`SHARED`, each made once per distinct arguments; use inside one
    ``store.snapshot()`` (outside it, a write between two reads would not be seen)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._answers: dict[Any, Any] = {}

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if name not in SHARED:
            return found
        return self._shared(name, found)

    def _shared(self, name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def shared(*args: Any, **kwargs: Any) -> Any:
            try:
                key = (name, tuple(map(_frozen, args)), tuple(sorted((k, _frozen(v)) for k, v in kwargs.items())))
                hash(key)
            except TypeError:  # an argument that cannot be a key (an iterator, a dict): read again
                return read(*args, **kwargs)
            if key not in self._answers:
                self._answers[key] = read(*args, **kwargs)
            # a copy: a caller that sorts or extends its answer must not change the next one's
            return copy.copy(self._answers[key])

        return shared


def _frozen(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, list):
        return tuple(value)
    return value
