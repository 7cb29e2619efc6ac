"""Pages of a listing, and conditional reads.

A listing answers ``{"items": [...], "next": CURSOR | null}``: at most ``limit`` records in the
listing's stable order, and an opaque cursor for the rest. The cursor is a keyset cursor: the
ordering key of the page's last record (each store listing orders by a key that ends in the row's
id, :mod:`storyline.store.keyset`) and the listing's name, as base64 JSON. The next page is "the
records after that key", so a client may go on paging while a build writes: it neither fails nor
repeats or skips a record that existed when it began (a record written meanwhile is seen if its
key comes after the cursor). Search, ordered by a rank that is no column, pages by offset; short
listings read whole are sliced in Python, by key where their records have one.

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

from storyline.errors import StoreError
from storyline.serve.api.errors import ApiError, NotModified
from storyline.store.keyset import KEY_TYPES, Listing

# A page is at most this many records: a client cannot make one request read the whole store.
MAX_PAGE = 200
DEFAULT_PAGE = 50
# A cursor holds the last record's key: a document's is its date, its source (a path, or a URL's
# line in a JSON Lines file) and its 64-character id, so a few hundred characters; 2,000 leaves
# room for long paths and stops a client from sending a query-string's worth of JSON.
MAX_CURSOR = 2000
# No listing has a billion records; a forged offset past SQLite's integers must not reach it.
MAX_OFFSET = 10**9
# A key has at most this many terms (the positions' has 6).
MAX_KEY_TERMS = 8


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
        self.cursor = decode(cursor) if cursor else None

    def page(self, listing: str, read: Callable[[Sequence[Any] | None, int], Listing[Any]],
             project: Callable[[Sequence[Any]], list[dict[str, Any]]], request: Request) -> JSONResponse:
        """Read one record more than the page (``read(after, count)``, ``after`` the cursor's key
        or None on the first page) to know whether a next page exists, project the page's records,
        and answer them with the request's ETag and the cursor of the next page (the key of its last)."""
        after = self._key(listing)
        try:
            found = read(after, self.limit + 1)
        except StoreError as error:  # a key of the right name and the wrong shape: forged
            raise invalid_cursor(str(error)) from None
        more = len(found) > self.limit
        following = cursor_for(listing, key=found.keys[self.limit - 1]) if more else None
        return reply(request, {"items": project(found[:self.limit]), "next": following})

    def ranked(self, listing: str, read: Callable[[int, int], Sequence[Any]],
               project: Callable[[Sequence[Any]], list[dict[str, Any]]], request: Request) -> JSONResponse:
        """A page of a listing ordered by a computed rank (search): by offset (``read(offset, count)``)."""
        offset = self._offset(listing)
        found = read(offset, self.limit + 1)
        more = len(found) > self.limit
        following = cursor_for(listing, offset=offset + self.limit) if more else None
        return reply(request, {"items": project(list(found[:self.limit])), "next": following})

    def slice(self, listing: str, records: Sequence[Any], project: Callable[[Sequence[Any]], list[dict[str, Any]]],
              request: Request, key: Callable[[Any], tuple[Any, ...]] | None = None) -> JSONResponse:
        """The page of a listing read whole (a short one: issues, errors, copy groups), ordered by
        ``key`` when its records have one (then paged by key), else by offset."""
        if key is None:
            return self.ranked(listing, lambda offset, count: records[offset:offset + count], project, request)

        def after_key(after: Sequence[Any] | None, count: int) -> Listing[Any]:
            keys = [key(r) for r in records]
            kept = [i for i, k in enumerate(keys) if after is None or _after(k, after)][:count]
            return Listing([records[i] for i in kept], [keys[i] for i in kept])

        return self.page(listing, after_key, project, request)

    def _key(self, listing: str) -> list[Any] | None:
        if self.cursor is None:
            return None
        if self.cursor.get("l") != listing or "k" not in self.cursor:
            raise invalid_cursor(f"this cursor is not one of {listing}'s pages")
        return self.cursor["k"]

    def _offset(self, listing: str) -> int:
        if self.cursor is None:
            return 0
        if self.cursor.get("l") != listing or "o" not in self.cursor:
            raise invalid_cursor(f"this cursor is not one of {listing}'s pages")
        return self.cursor["o"]


def _after(key: tuple[Any, ...], after: Sequence[Any]) -> bool:
    try:
        return key > tuple(after)
    except TypeError:  # a forged key of another type than the records'
        raise StoreError(f"a key of this listing is like {list(key)!r}, not {list(after)!r}") from None


def cursor_for(listing: str, *, key: Sequence[Any] | None = None, offset: int | None = None) -> str:
    """The cursor of the page after a record whose ordering key is ``key`` (or at ``offset``)."""
    data: dict[str, Any] = {"l": listing, "k": list(key)} if key is not None else {"l": listing, "o": offset}
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def invalid_cursor(why: str) -> ApiError:
    return ApiError(422, "invalid_cursor", "this is not a cursor of this listing; pass a page's `next` as it is",
                    {"reason": why})


def decode(cursor: str) -> dict[str, Any]:
    """A cursor's content, checked for shape (a listing's name, and a key of scalars or an offset);
    anything else answers 422 ``invalid_cursor``."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        raise invalid_cursor("not base64 JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("l"), str) or len(data) != 2:
        raise invalid_cursor("not a listing's cursor")
    if "k" in data:
        key = data["k"]
        if not (isinstance(key, list) and 0 < len(key) <= MAX_KEY_TERMS
                and all(isinstance(v, KEY_TYPES) and not isinstance(v, bool) for v in key)):
            raise invalid_cursor("its key is not a list of texts and numbers")
        # json reads a number too large for SQLite as a Python int it cannot bind (or inf): refused here
        if any(isinstance(v, (int, float)) and not -2**63 <= v < 2**63 for v in key):
            raise invalid_cursor("a number in its key is out of range")
    elif "o" in data:
        offset = data["o"]
        if not (isinstance(offset, int) and not isinstance(offset, bool) and 0 <= offset <= MAX_OFFSET):
            raise invalid_cursor("its offset is not a number of records")
    else:
        raise invalid_cursor("it holds neither a key nor an offset")
    return data


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
