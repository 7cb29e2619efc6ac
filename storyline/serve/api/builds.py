"""Writes: upload articles, and a build in the background reports its progress.

``POST /api/documents`` takes files (multipart, field ``files``) or a JSON Lines body, keeps them
under the store's upload folder, and starts a build of them through :func:`storyline.builder.build`
(its build lock: one build at a time per store, a CLI build included). ``GET /api/builds/{id}``
reports the build's state and counts; ``GET /api/builds/{id}/events`` streams them as server-sent
events until it ends. Writes are off unless the server has a token; a write without it, or with
another, answers 401.

No name from a request reaches the file system: an uploaded file is kept as the hash of its
content with the extension of its format (``<db>.uploads/3f2a….html``), so the same upload again
is the same source, which the build skips as already stored. URLs inside an upload (a .txt list of
URLs, a feed with ``--follow``) are not fetched: the server reaches no host because a client asked.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, AsyncIterator

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from storyline.errors import StorylineError
from storyline.ingest.fetch import FetchFailed
from storyline.ingest.readers import SUPPORTED_SUFFIXES, ReadOptions, input_format
from storyline.serve import projections
from storyline.store.dialect import is_postgres_url
from storyline.serve.api.errors import ERROR_RESPONSES, ApiError, ErrorResponse

log = logging.getLogger("storyline.serve.api")

# The body types of a JSON Lines upload (there is no registered one; these are the ones in use).
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")
# Files in one upload: more is a corpus, which `storyline build` reads from disk.
MAX_FILES = 100
# Builds kept for GET /api/builds/{id} once finished, the oldest forgotten first.
KEPT_BUILDS = 100
# Builds waiting for the one that runs: more would queue work without bound.
MAX_QUEUED = 8
# How often the event stream looks at a build's state: progress a person can follow, at no cost.
EVENT_POLL_S = 0.2
# A build's report lists at most this many failures (the store's errors list has them all).
REPORTED_FAILURES = 20


class NoFetching:
    """The fetcher of an uploaded build: a URL in an upload is a failure, never a request."""

    def fetch(self, url: str) -> FetchFailed:
        return FetchFailed(url, "refused", "the HTTP API does not fetch URLs; build them with `storyline build`")


@dataclass
class Build:
    """A build started by an upload: its state and counts, as GET /api/builds/{id} reports them."""

    id: str
    files: int
    state: str = "queued"  # queued → waiting (for another build of the store) → running → done | failed
    total: int | None = None
    processed: int = 0
    stored: int = 0
    copies: int = 0
    skipped: int = 0
    failed: int = 0
    message: str | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    finished: float | None = None
    version: int = 0  # moved on by every change, so the event stream sends each state once

    @property
    def ended(self) -> bool:
        return self.state in ("done", "failed")

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "files": self.files, "total": self.total,
                "processed": self.processed, "stored": self.stored, "copies": self.copies, "skipped": self.skipped,
                "failed": self.failed, "message": self.message, "failures": list(self.failures),
                "created": self.created, "finished": self.finished,
                "url": f"/api/builds/{self.id}", "events": f"/api/builds/{self.id}/events"}


def uploads_folder(db: str) -> FilePath:
    """Where a server keeps its uploads: beside a SQLite file; for a PostgreSQL store, in the
    working folder, named by its server and database (a URL is no path)."""
    if is_postgres_url(db):
        where = db.split("://", 1)[1].rsplit("@", 1)[-1].split("?", 1)[0]  # host:port/name, no user or password
        return FilePath(re.sub(r"[^\w.-]+", "_", where) + ".uploads")
    return FilePath(f"{db}.uploads")


class Builds:
    """The builds of one server: run one at a time in a background thread, kept in memory."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.uploads = uploads_folder(db)
        self._builds: OrderedDict[str, Build] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-build")

    def get(self, build_id: str) -> Build | None:
        with self._lock:
            return self._builds.get(build_id)

    def snapshot(self, build_id: str) -> tuple[dict[str, Any], int, bool] | None:
        with self._lock:
            build = self._builds.get(build_id)
            return (build.record(), build.version, build.ended) if build else None

    def _update(self, build: Build, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(build, name, value)
            build.version += 1

    def keep(self, files: list[tuple[str, bytes]]) -> list[FilePath]:
        """Write the uploaded files under the upload folder, each named by its content."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        kept = []
        for suffix, data in files:
            path = self.uploads / f"{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
            if not path.exists():
                partial = path.with_name(path.name + ".part")
                partial.write_bytes(data)
                partial.replace(path)  # a reader never sees half a file
            kept.append(path)
        return kept

    def start(self, paths: list[FilePath]) -> Build:
        with self._lock:
            queued = sum(1 for b in self._builds.values() if not b.ended)
            if queued > MAX_QUEUED:
                raise ApiError(429, "too_many_builds", f"{queued} builds are waiting already; try again when one "
                               "has finished")
            build = Build(uuid.uuid4().hex, len(paths))
            self._builds[build.id] = build
            while len(self._builds) > KEPT_BUILDS:
                oldest = next((k for k, b in self._builds.items() if b.ended), None)
                if oldest is None:
                    break
                del self._builds[oldest]
        self._executor.submit(self._run, build, paths)
        return build

    def _run(self, build: Build, paths: list[FilePath]) -> None:
        # Imported here: the build machinery imports spaCy, which a server that only reads never needs.
        from storyline.builder import build as build_corpus
        from storyline.builder import count_items

        options = ReadOptions(fetcher=NoFetching())
        try:
            self._update(build, state="running", total=count_items(paths, read_options=options))
            # One process: a server's thread must not fork worker processes (the other threads' locks
            # would be copied held); an upload is small, and big corpora are built with the CLI.
            report = build_corpus(paths, db=self.db, workers=1, read_options=options,
                                  progress=lambda n: self._update(build, processed=build.processed + n),
                                  on_wait=lambda message: self._update(build, state="waiting", message=message))
        except StorylineError as error:
            self._update(build, state="failed", message=str(error), finished=time.time())
            return
        except Exception as error:  # noqa: BLE001 - a build thread must report, never die silently
            log.exception("build %s failed", build.id)
            self._update(build, state="failed", message=f"the build failed unexpectedly: {error}", finished=time.time())
            return
        self._update(build, state="done", stored=report.stored, copies=report.copies, skipped=report.skipped,
                     failed=report.failed, processed=report.processed + report.skipped + report.copies,
                     failures=[projections.error(f) for f in report.failures[:REPORTED_FAILURES]],
                     message=f"stored {report.stored}, {report.copies} copies, skipped {report.skipped}, "
                             f"failed {report.failed}", finished=time.time())

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def require_token(request: Request) -> None:
    """Writes need the server's token as ``Authorization: Bearer TOKEN``; without one set, none."""
    token: str | None = request.app.state.token
    if token is None:
        raise ApiError(401, "writes_off", "writes are off: start the server with STORYLINE_TOKEN set to allow them",
                       headers={"WWW-Authenticate": "Bearer"})
    given = request.headers.get("authorization", "")
    scheme, _, credential = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(credential.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "a write needs the header `Authorization: Bearer TOKEN` with the "
                       "server's token", headers={"WWW-Authenticate": "Bearer"})


def upload_suffix(name: str | None) -> str | None:
    """The extension a file is kept with: the format Storyline reads it as, by its name; None
    when Storyline reads no such file."""
    if not name:
        return None
    lowered = FilePath(name).name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix) and input_format(FilePath("upload" + suffix)) is not None:
            return suffix
    return None


router = APIRouter(prefix="/api", tags=["writes"], responses=ERROR_RESPONSES)
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in ((401, "No token, or another"), (413, "Over the upload limit"),
                                (415, "Neither files nor JSON Lines"), (429, "Too many builds waiting"))}
UPLOAD_BODY = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}, "required": ["files"]}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "One article a line: "
                                        "{id, url, outlet, published, title, text}"}}}, "required": True}}


def builds_of(request: Request) -> Builds:
    return request.app.state.builds


@router.post("/documents", status_code=202, dependencies=[Depends(require_token)], responses=WRITE_RESPONSES,
             openapi_extra=UPLOAD_BODY, summary="Upload articles (files or JSON Lines) and build them in the background")
async def upload(request: Request) -> JSONResponse:
    builds = builds_of(request)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    files: list[tuple[str, bytes]] = []
    if media == "multipart/form-data":
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES,
                                  max_part_size=request.app.state.max_upload)
        refused = []
        for name, value in form.multi_items():
            if not isinstance(value, UploadFile):
                continue
            suffix = upload_suffix(value.filename)
            if suffix is None:
                refused.append(value.filename or name)
                continue
            files.append((suffix, await value.read()))
        await form.close()
        if refused:
            raise ApiError(422, "unsupported_file", f"Storyline reads no file like {', '.join(map(repr, refused))}; "
                           f"give one of {', '.join(SUPPORTED_SUFFIXES)}", {"files": refused})
        if not files:
            raise ApiError(422, "no_files", "the upload has no files; send them in the multipart field `files`")
    elif media in JSONL_TYPES:
        body = await request.body()
        if not body.strip():
            raise ApiError(422, "empty_body", "the JSON Lines body is empty; send one article a line")
        files.append((".jsonl", body))
    else:
        raise ApiError(415, "unsupported_media_type", "send articles as multipart/form-data files or as "
                       f"{JSONL_TYPES[0]} (JSON Lines), not {media or 'no content type'}")
    build = builds.start(await run_in_threadpool(builds.keep, files))  # disk writes off the event loop
    return JSONResponse(build.record(), status_code=202, headers={"Location": f"/api/builds/{build.id}"})


def existing_build(request: Request, build_id: str = Path(pattern=r"^[0-9a-f]{32}$")) -> str:
    """The id of a build this server knows (a dependency, so an unknown one is a 404 before any stream)."""
    if builds_of(request).get(build_id) is None:
        raise ApiError(404, "not_found", f"no build {build_id!r} on this server (builds are kept while it runs)")
    return build_id


@router.get("/builds/{build_id}", summary="A build's state and counts")
def build_state(request: Request, build_id: str = Depends(existing_build)) -> JSONResponse:
    found = builds_of(request).snapshot(build_id)
    if found is None:  # forgotten since: finished, and KEPT_BUILDS newer builds arrived
        raise ApiError(404, "not_found", f"no build {build_id!r} on this server (builds are kept while it runs)")
    return JSONResponse(found[0], headers={"Cache-Control": "no-store"})


# An event stream's errors are JSON like every other (FastAPI would document them as the stream's type).
STREAM_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": description,
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
    for status, description in ((404, "No such build"), (422, "Not a build id"), (500, "The server failed"))}


@router.get("/builds/{build_id}/events", response_class=EventSourceResponse, responses=STREAM_ERRORS,
            summary="A build's progress as server-sent events, until it ends")
async def build_events(request: Request, build_id: str = Depends(existing_build)) -> AsyncIterator[ServerSentEvent]:
    builds = builds_of(request)
    seen = -1
    while True:
        found = builds.snapshot(build_id)
        if found is None:
            return
        record, version, ended = found
        if version != seen:
            seen = version
            yield ServerSentEvent(data=record, event="end" if ended else "progress", id=str(version))
        if ended or await request.is_disconnected():
            return
        await asyncio.sleep(EVENT_POLL_S)
