"""The HTTP API: the store's records under ``/api/``, a thin layer over the core API.

    from storyline.serve.api import create_app
    app = create_app("storyline.db")                 # read-only
    app = create_app("storyline.db", token="s3cret") # and POST /api/documents with that token

``storyline serve`` runs it with uvicorn. Reads (:mod:`.reads`) answer each record in its one
projection, a page at a time, with ETags; writes (:mod:`.builds`) upload articles and build them in
the background; every error is one JSON shape (:mod:`.errors`).
"""

from storyline.serve.api.app import create_app

__all__ = ["create_app"]
