"""The web UI: server-rendered pages over the store (``router``) and their CSS and JavaScript
(``mount_static``). The app that serves them puts a :class:`storyline.store.Store` in
``app.state.store``: :func:`storyline.serve.api.create_app`, which ``storyline serve`` runs.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from storyline.serve.web.pages import router
from storyline.serve.web.security import SecureStatic

STATIC = Path(__file__).parent / "static"


def mount_static(app: FastAPI) -> None:
    """Serve the pages' CSS and JavaScript (files of this package, nothing from elsewhere) at /static."""
    app.mount("/static", SecureStatic(directory=STATIC), name="static")


__all__ = ["router", "mount_static"]
