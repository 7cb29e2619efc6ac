"""One JSON error shape for the whole HTTP API: ``{"error": {"code", "message", "detail"}}``.

Every error an ``/api/`` route answers — a route or method that does not exist, a missing token, a
query parameter that does not validate, an upload over the limit, a failure of the server itself —
has this body, so a client reads one shape (datasette's rule). Paths outside ``/api/`` (the web
UI's pages) keep FastAPI's own handlers, so that their pages can answer errors as pages.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

API_PREFIX = "/api/"
log = logging.getLogger("storyline.serve.api")

# The code of an error answered by status alone (a route that does not exist, a wrong method):
# a word a client can branch on, where the status is too coarse.
STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
                422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """The body of every error the API answers."""

    error: ErrorBody


class ApiError(Exception):
    """An error a route answers on purpose: its status, code, message (what to do) and detail."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail, self.headers = status, code, message, detail, headers


class NotModified(Exception):
    """The client's copy (``If-None-Match``) is current: answer 304 with its ETag."""

    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def error_response(status: int, code: str, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status,
                        headers=headers)


def is_api(request: Request) -> bool:
    return request.url.path == API_PREFIX.rstrip("/") or request.url.path.startswith(API_PREFIX)


# Every status an /api/ route may answer with an error, documented with the one shape (OpenAPI), so
# a client generated from the schema (and schemathesis) knows the body of each.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": HTTPStatus(status).phrase} for status in (404, 422, 500)}


def install(app: FastAPI) -> None:
    """Answer every error of an /api/ path in the one shape; leave the other paths' errors to FastAPI."""

    async def api_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, ApiError)
        return error_response(error.status, error.code, error.message, error.detail, error.headers)

    async def not_modified(request: Request, error: Exception) -> Response:
        assert isinstance(error, NotModified)
        return Response(status_code=304, headers={"ETag": error.etag})

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if not is_api(request):
            return await http_exception_handler(request, error)
        status = error.status_code
        message = error.detail if isinstance(error.detail, str) and error.detail else HTTPStatus(status).phrase
        if status == 404:
            message = f"no such resource {request.url.path}; /docs lists the API's routes"
        elif status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(status, STATUS_CODES.get(status, "error"), message, None, error.headers)

    async def invalid_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not is_api(request):
            return await request_validation_exception_handler(request, error)
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                    for e in error.errors()]
        named = ", ".join(".".join(str(part) for part in p["loc"][1:]) or str(p["loc"][0]) for p in problems if p["loc"])
        return error_response(422, "invalid_request", f"invalid request: {named or 'see detail'}",
                              jsonable_encoder(problems))

    async def server_error(request: Request, error: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path, exc_info=error)
        if not is_api(request):
            return PlainTextResponse("Internal Server Error", status_code=500)
        return error_response(500, "internal_error", "the server failed to answer; its log says why")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(NotModified, not_modified)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, server_error)
