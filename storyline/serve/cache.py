"""Rendered pages (and the costliest API reads) kept until the store changes.

A page is a function of the store and its URL, and the store changes only when a build writes,
which moves :attr:`storyline.store.Store.revision` on. So a page rendered once can be answered
again, byte for byte, until the revision moves: the key of a kept page is the revision and the
URL, and a write makes every kept page unreachable (they leave as newer ones come in). Only the
pages that cost most to render keep theirs (a live blog's marked text, the largest story, the
positions matrix, a timeline page, an actor's page): the others answer in a few milliseconds anyway.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Any, Callable

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

# The pages kept, at most: a few readers' recent heavy pages. A live blog's page is 1-2 MB, so
# the bytes are bounded too.
PAGES_KEPT = 32
BYTES_KEPT = 64 * 1024 * 1024


class PageCache:
    """The last rendered pages, by (store revision, path and query), least recently used out first.
    Safe to share between the server's threads."""

    def __init__(self, *, pages: int = PAGES_KEPT, size: int = BYTES_KEPT) -> None:
        self._kept: OrderedDict[tuple[int, str, tuple[tuple[str, str], ...]], tuple[bytes, dict[str, str]]] = \
            OrderedDict()
        self._pages, self._size, self._bytes = pages, size, 0
        self._lock = threading.Lock()

    def page(self, request: Request, render: Callable[[], Response]) -> Response:
        """The answer to ``request``: the one kept for the store's current revision, else ``render()``'s
        (kept when it is a 200), with its headers (an API read's ETag, its content type)."""
        key = (request.app.state.store.revision, request.url.path, tuple(sorted(request.query_params.multi_items())))
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return Response(found[0], headers=found[1])
        response = render()
        if response.status_code == 200 and len(response.body) <= self._size:
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            with self._lock:
                if key not in self._kept:
                    self._kept[key] = (bytes(response.body), headers)
                    self._bytes += len(response.body)
                while len(self._kept) > self._pages or self._bytes > self._size:
                    _, (dropped, _) = self._kept.popitem(last=False)
                    self._bytes -= len(dropped)
        return response


def kept_page(request: Request, render: Callable[[], Response]) -> Response:
    """The page through the app's :class:`PageCache` (``app.state.pages``), or rendered when the
    app has none."""
    cache = getattr(request.app.state, "pages", None)
    return cache.page(request, render) if cache is not None else render()


def kept(route: Callable[..., Any]) -> Callable[..., Any]:
    """A route whose answers are kept (:func:`kept_page`): a page, or an API read that costs as
    much. FastAPI calls a route with keyword arguments and reads its parameters from the
    signature, which ``functools.wraps`` keeps."""

    @functools.wraps(route)
    def kept_route(**arguments: Any) -> Response:
        return kept_page(arguments["request"], lambda: route(**arguments))

    return kept_route
