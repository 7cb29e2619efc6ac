"""Serving an app in a thread on the loopback, for the browser tests and the screenshots: they
drive the very app ``storyline serve`` runs (:func:`storyline.serve.api.create_app`)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

import uvicorn
from fastapi import FastAPI

# A server on the loopback starts in well under a second; a shared, loaded machine gets time.
SERVER_START_S = 20.0


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
