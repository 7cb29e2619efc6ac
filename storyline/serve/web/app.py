"""The web UI alone over one store: for the browser tests and the screenshots (the HTTP API's
``create_app`` serves the same router beside ``/api/``)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import uvicorn
from fastapi import FastAPI

from storyline.serve.web import mount_static, router
from storyline.store import Store

# A server on the loopback starts in well under a second; a shared, loaded machine gets time.
SERVER_START_S = 20.0


def create_web_app(db: str | Path) -> FastAPI:
    """The pages over the store at ``db`` (which must exist), read-only."""
    app = FastAPI(title="Storyline", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = Store.open(db, create=False)
    app.include_router(router)
    mount_static(app)
    return app


@contextmanager
def serving(app: FastAPI, *, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free port of ``host``; yields its base URL and
    stops the server on leaving (the browser tests and the screenshot script use it)."""
    config = uvicorn.Config(app, host=host, port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="storyline-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the web server did not start within {SERVER_START_S:.0f} s")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(SERVER_START_S)
