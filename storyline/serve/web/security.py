"""What every page and static file is served with, whatever the article text holds.

Article text is hostile input: the templates escape everything (autoescape, see pages.py), and the
headers here tell the browser to run no script, style or handler that is not a file of this package
(a ``<script>`` that slipped through escaping would not run), to sniff no content type, and never
to frame the pages. A bad query parameter is a 422 page saying which and why, not a JSON error.
"""

from __future__ import annotations

from typing import Any, Callable, Coroutine
from urllib.parse import parse_qsl, urlencode

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
                           " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def secure(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


class PageRoute(APIRoute):
    """A page's route: its response carries :data:`HEADERS`, and invalid query parameters answer
    with the 422 page (``render_invalid``) rather than the app's JSON error. A filter form sends
    its empty fields too (``?kind=&from=``): an empty parameter is one not given."""

    render_invalid: Callable[[Request, RequestValidationError], Response]

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handler(request: Request) -> Response:
            given = [(k, v) for k, v in parse_qsl(request.scope["query_string"].decode("latin-1"),
                                                  keep_blank_values=True) if v]
            request.scope["query_string"] = urlencode(given).encode("latin-1")
            try:
                response = await handle(request)
            except RequestValidationError as invalid:
                response = type(self).render_invalid(request, invalid)
            return secure(response)

        return handler


class SecureStatic(StaticFiles):
    """The package's CSS and JavaScript, with :data:`HEADERS` (``nosniff`` above all)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_secured(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_secured)
