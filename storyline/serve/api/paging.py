"""Pages of a listing, and conditional reads.

A listing answers ``{"items": [...], "next": CURSOR | null}``: at most ``limit`` records in the
listing's stable order (each store listing orders by a key that ends in the row's id), and an
opaque cursor for the rest. The cursor holds where the next page starts and the revision of the
store it was made on; a cursor from another revision answers 409, because after a write the same
position may name another record, and a client that went on would skip or repeat records silently.

Every read carries an ``ETag`` made of the store's revision (moved on by every write, see
:attr:`storyline.store.Store.revision`) and the request (its path and query), so a client that
sends it back as ``If-None-Match`` gets 304, answered before the listing is read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, Callable, Sequence

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from storyline.serve.api.errors import ApiError, NotModified

# A page is at most this many records: a client cannot make one request read the whole store.
MAX_PAGE = 200
DEFAULT_PAGE = 50
# A cursor the API made is under 60 characters; anything longer is no cursor of ours.
MAX_CURSOR = 100
# No listing has a billion records; a forged offset past SQLite's integers must not reach it.
MAX_OFFSET = 10**9


class Page(BaseModel):
    """A page of a listing: its records, each in its one projection, and the cursor of the next."""

    items: list[dict[str, Any]]
    next: str | None = None


class Paging:
    """The ``limit`` and ``cursor`` query parameters of a listing, checked."""

    def __init__(self, request: Request,
                 limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description="Records on a page."),
                 cursor: str | None = Query(None, max_length=MAX_CURSOR, pattern=r"^[A-Za-z0-9_-]+$",
                                            description="The `next` of the previous page.")) -> None:
        self.limit = limit
        self.revision = request.app.state.store.revision
        self.offset = _offset(cursor, self.revision) if cursor else 0

    def page(self, read: Callable[[int, int], Sequence[Any]], project: Callable[[Sequence[Any]], list[dict[str, Any]]],
             request: Request) -> JSONResponse:
        """Read one record more than the page (``read(offset, count)``) to know whether a next page
        exists, project the page's records, and answer them with the request's ETag."""
        found = read(self.offset, self.limit + 1)
        more = len(found) > self.limit
        listed = list(found[:self.limit])
        following = cursor_for(self.offset + self.limit, self.revision) if more else None
        return reply(request, {"items": project(listed), "next": following})

    def slice(self, records: Sequence[Any], project: Callable[[Sequence[Any]], list[dict[str, Any]]],
              request: Request) -> JSONResponse:
        """The page of a listing read whole (a short one: issues, errors, copy groups)."""
        return self.page(lambda offset, count: records[offset:offset + count], project, request)


def cursor_for(offset: int, revision: int) -> str:
    raw = json.dumps({"o": offset, "r": revision}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(cursor: str, revision: int) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, made_on = data["o"], data["r"]
        if not (isinstance(offset, int) and isinstance(made_on, int) and 0 <= offset <= MAX_OFFSET):
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ApiError(422, "invalid_cursor", "this is not a cursor of this API; pass a page's `next` as it is") \
            from None
    if made_on != revision:
        raise ApiError(409, "stale_cursor", "the store changed since this cursor was made; read the listing again "
                       "from its first page", {"cursor_revision": made_on, "revision": revision})
    return offset


def etag_of(request: Request) -> str:
    """The ETag of a read: the store's revision and the request, hashed."""
    query = sorted(request.query_params.multi_items())
    key = json.dumps([request.app.state.store.revision, request.url.path, query], ensure_ascii=False)
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def conditional(request: Request) -> None:
    """A dependency of every read: 304 when the client's ``If-None-Match`` is the current ETag."""
    etag = etag_of(request)
    request.state.etag = etag
    wanted = request.headers.get("if-none-match")
    if wanted and (wanted.strip() == "*" or etag in {tag.strip().removeprefix("W/") for tag in wanted.split(",")}):
        raise NotModified(etag)


def reply(request: Request, body: Any) -> JSONResponse:
    """A read's answer with its ETag (set by :func:`conditional`); clients revalidate each time."""
    headers = {"Cache-Control": "no-cache"}
    etag = getattr(request.state, "etag", None)
    if etag:
        headers["ETag"] = etag
    return JSONResponse(body, headers=headers)
