"""The application: the store, the routes, the error shape, the limits, the offline docs."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.serve import web
from storyline.serve.api import builds, errors, reads
from storyline.serve.cache import PageCache
from storyline.store import Store

# An upload is at most this many bytes (a request over it answers 413): a few hundred articles.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
TOKEN_VARIABLE = "STORYLINE_TOKEN"


class TooLarge(errors.ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", f"the request body is over the limit of {limit} bytes; "
                         "send fewer articles at a time, or build big corpora with `storyline build`",
                         {"limit": limit})


class BodyLimit:
    """Refuse a request body over ``limit`` bytes: at once when its Content-Length says so, else
    when that many bytes have arrived (a chunked body has no length), before a route keeps them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            response = errors.error_response(413, "too_large", TooLarge(self.limit).message, {"limit": self.limit})
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise TooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class NoSniff:
    """``X-Content-Type-Options: nosniff`` on every answer: JSON holding article text is never run
    as a page by a browser that guesses types."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Set, not added: the pages and static files already carry it (web.security), and
                # a header sent twice reads "nosniff, nosniff".
                others = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-content-type-options"]
                message["headers"] = [*others, (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, with_header if scope["type"] == "http" else send)


def create_app(db: str, *, token: str | None = None, max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The HTTP API over the store at ``db``. Read-only unless a write token is given (``token``,
    else the environment's STORYLINE_TOKEN); a store that does not exist yet is created only then.

    ``app.state.store`` is the :class:`~storyline.store.Store` every route reads (one connection
    per thread), ``app.state.builds`` the uploads' builds.
    """
    token = token if token is not None else (os.environ.get(TOKEN_VARIABLE) or None)
    store = Store.open(db, create=token is not None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.builds.close()
        store.close()

    app = FastAPIOffline(
        title="Storyline", version=__version__, lifespan=lifespan,
        description="Who said what, what happened when: the records of a Storyline store, each with the "
                    "document and character offsets of its evidence. Every error is "
                    '`{"error": {"code", "message", "detail"}}`.',
        # Swagger UI's default validator badge would send the schema to a public service: none.
        swagger_ui_parameters={"validatorUrl": None})
    app.state.store = store
    app.state.token = token
    app.state.max_upload = max_upload
    app.state.builds = builds.Builds(db)
    # The heavy pages, kept until the store's revision moves (storyline.serve.cache).
    app.state.pages = PageCache()
    errors.install(app)
    app.include_router(reads.router)
    app.include_router(builds.router)
    # The web UI's pages read the same app.state.store; the error shape above applies to /api/ paths
    # only (a page's bad parameter is a 422 page, storyline.serve.web.security).
    app.include_router(web.router)
    web.mount_static(app)
    app.add_middleware(BodyLimit, limit=max_upload)
    app.add_middleware(NoSniff)
    return app


