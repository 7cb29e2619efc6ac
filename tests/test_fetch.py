"""The fetcher: the SSRF guard, limits and redirects, against a server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.fetch import (USER_AGENT, FetchedPage, FetchFailed, Fetcher, HttpFetcher, PoliteFetcher,
                                    address_refusal)

PAGE = b"<html><head><title>A</title></head><body><p>Hello.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/ua":
            self._send(200, self.headers.get("User-Agent", "").encode(), "text/plain")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/hop/{left - 1}" if left else "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big":
            self._send(200, b"x" * 5000, "text/html")
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
        elif path == "/slow":
            import time
            time.sleep(1.0)
            self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"no", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading (too large, timed out) breaks the pipe, as meant


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_a_page_with_the_user_agent(server: str) -> None:
    fetcher = HttpFetcher(allow_private_hosts=True)
    assert isinstance(fetcher, Fetcher)
    page = fetcher.fetch(f"{server}/page")
    assert isinstance(page, FetchedPage) and page.status == 200 and page.content == PAGE
    assert page.content_type == "text/html"
    ua = fetcher.fetch(f"{server}/ua")
    assert isinstance(ua, FetchedPage) and ua.content.decode() == USER_AGENT and "Storyline/" in USER_AGENT


def test_the_guard_refuses_the_local_server_by_default(server: str) -> None:
    failed = HttpFetcher().fetch(f"{server}/page")
    assert isinstance(failed, FetchFailed) and failed.kind == "refused-host"
    assert "127.0.0.1" in failed.reason and "loopback" in failed.reason


def test_the_guard_is_checked_again_at_connect_time(server: str) -> None:
    # DNS rebinding: the first answer is public, the one the connection uses is loopback.
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]])

    def rebinding(host: str, port: int, **kwargs: object) -> list:
        return next(answers, [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])

    port = server.rsplit(":", 1)[1]
    failed = HttpFetcher(resolver=rebinding).fetch(f"http://news.example:{port}/page")
    assert isinstance(failed, FetchFailed) and failed.kind == "refused-host" and "loopback" in failed.reason


def test_redirects_followed_up_to_five(server: str) -> None:
    fetcher = HttpFetcher(allow_private_hosts=True)
    page = fetcher.fetch(f"{server}/hop/4")  # five redirects
    assert isinstance(page, FetchedPage) and page.final_url.endswith("/page") and page.url.endswith("/hop/4")
    failed = fetcher.fetch(f"{server}/hop/5")
    assert isinstance(failed, FetchFailed) and failed.kind == "redirects"


def test_status_size_timeout_and_scheme(server: str) -> None:
    fetcher = HttpFetcher(allow_private_hosts=True, max_bytes=1000, read_timeout=0.2)
    assert fetcher.fetch(f"{server}/missing").kind == "status"  # type: ignore[union-attr]
    assert fetcher.fetch(f"{server}/big").kind == "too-large"  # type: ignore[union-attr]
    assert fetcher.fetch(f"{server}/big-chunked").kind == "too-large"  # type: ignore[union-attr]
    assert fetcher.fetch(f"{server}/slow").kind == "timeout"  # type: ignore[union-attr]
    assert fetcher.fetch("file:///etc/passwd").kind == "scheme"  # type: ignore[union-attr]
    assert fetcher.fetch("ftp://example.org/x").kind == "scheme"  # type: ignore[union-attr]


def test_an_unresolvable_host_is_a_dns_failure() -> None:
    def nowhere(host: str, port: int, **kwargs: object) -> list:
        raise socket.gaierror(-2, "Name or service not known")

    failed = HttpFetcher(resolver=nowhere).fetch("https://nowhere.example/")
    assert isinstance(failed, FetchFailed) and failed.kind == "dns" and "cannot resolve" in failed.reason


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
    "240.0.0.1", "100.64.0.1", "::1", "::", "fe80::1%eth0", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254", "2002:7f00:1::", "64:ff9b::a00:1",
])
def test_refused_addresses(address: str) -> None:
    assert address_refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert address_refusal(address) is None


@given(st.ip_addresses())
def test_the_guard_refuses_exactly_the_non_global_addresses(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    reason = address_refusal(str(ip))
    if not ip.is_global or ip.is_multicast:
        assert reason is not None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        assert (reason is None) == (address_refusal(str(ip.ipv4_mapped)) is None)


@given(st.ip_addresses(v=4))
def test_an_ipv4_address_and_its_mapped_form_agree(ip: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{ip}")
    assert (address_refusal(str(ip)) is None) == (address_refusal(str(mapped)) is None)


class FakeFetcher:
    """A test double: canned responses by URL, and the URLs asked, in order."""

    def __init__(self, pages: dict[str, bytes | int]) -> None:
        self.pages, self.asked = pages, []  # type: ignore[var-annotated]

    def fetch(self, url: str) -> FetchedPage | FetchFailed:
        self.asked.append(url)
        page = self.pages.get(url, 404)
        if isinstance(page, int):
            return FetchFailed(url, "status", f"HTTP status {page}", status=page)
        return FetchedPage(url, url, 200, {"content-type": "text/html"}, page)


def test_robots_txt_is_fetched_once_per_host_and_respected() -> None:
    inner = FakeFetcher({"https://a.example/robots.txt": b"User-agent: Storyline\nDisallow: /private\n",
                         "https://a.example/news": b"<p>news</p>", "https://b.example/x": b"<p>b</p>"})
    polite = PoliteFetcher(inner, min_interval=0)
    assert isinstance(polite.fetch("https://a.example/news"), FetchedPage)
    blocked = polite.fetch("https://a.example/private/1")
    assert isinstance(blocked, FetchFailed) and blocked.kind == "robots"
    assert isinstance(polite.fetch("https://b.example/x"), FetchedPage)  # no robots.txt (404): allowed
    assert inner.asked == ["https://a.example/robots.txt", "https://a.example/news",
                           "https://b.example/robots.txt", "https://b.example/x"]


def test_an_unreachable_robots_txt_skips_the_host() -> None:
    polite = PoliteFetcher(FakeFetcher({"https://a.example/robots.txt": 503}), min_interval=0)
    failed = polite.fetch("https://a.example/news")
    assert isinstance(failed, FetchFailed) and "robots.txt unreachable" in failed.reason


def test_requests_to_one_host_keep_the_minimum_interval() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    polite = PoliteFetcher(FakeFetcher({"https://a.example/1": b"1", "https://a.example/2": b"2",
                                        "https://b.example/1": b"b"}),
                           min_interval=1.0, respect_robots=False, clock=lambda: now[0], sleep=sleep)
    polite.fetch("https://a.example/1")
    polite.fetch("https://b.example/1")  # another host: no wait
    now[0] += 0.25
    polite.fetch("https://a.example/2")
    assert slept == [pytest.approx(0.75)]


def test_a_refused_host_is_refused_before_its_robots_txt(server: str) -> None:
    failed = PoliteFetcher(HttpFetcher(), min_interval=0).fetch(f"{server}/page")
    assert isinstance(failed, FetchFailed) and failed.kind == "refused-host" and "robots" not in failed.reason


def test_polite_fetching_from_a_live_server(server: str) -> None:
    page = PoliteFetcher(HttpFetcher(allow_private_hosts=True), min_interval=0).fetch(f"{server}/page")
    assert isinstance(page, FetchedPage) and page.content == PAGE  # its robots.txt is a 404: allowed
