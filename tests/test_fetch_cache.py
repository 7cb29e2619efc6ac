"""Fetching politely across builds: responses kept with their validators and asked for again only
if changed, robots.txt checked on every hop of a redirect, a progress total that grows with a
feed's entries, and a followed page dated by its feed entry. Servers on 127.0.0.1."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest

from storyline.builder import build
from storyline.ingest.fetch import FetchedPage, FetchFailed, HttpFetcher, PoliteFetcher
from storyline.ingest.readers import ReadOptions, read_paths
from storyline.records import CachedResponse, RawDocument
from storyline.store import Store

BODY = ("Mayor Idris Volkov said on Sunday that the bridge at Tarnow would reopen in March. "
        "Engineers from Lesk finished the survey last week, the council said.")
PAGE = (f"<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1>"
        f"<p>{BODY}</p><p>The ferry across the Tarn will run until then, officials said.</p></article>"
        "</body></html>").encode()
ETAG = '"bridge-v1"'
MODIFIED = "Sun, 09 Jan 2022 10:00:00 GMT"


@dataclass
class Site:
    """What the test server serves, and the requests it saw (path, conditional headers)."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    seen: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def serve(site: Site) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            match, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            site.seen.append((self.path, match, since))
            status, headers, body = site.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"no"))
            if status == 200 and ((match and match == headers.get("ETag"))
                                  or (since and since == headers.get("Last-Modified") and not match)):
                status, body = 304, b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()
    for url in serve(state):
        yield state, url


@pytest.fixture()
def other_site() -> Iterator[tuple[Site, str]]:
    state = Site()
    for url in serve(state):
        yield state, url


class MemoryCache:
    def __init__(self) -> None:
        self.kept: dict[str, CachedResponse] = {}

    def get(self, url: str) -> CachedResponse | None:
        return self.kept.get(url)

    def put(self, response: CachedResponse) -> None:
        self.kept[response.url] = response


def test_a_kept_response_is_asked_for_conditionally_and_a_304_answers_with_it(site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/etag"] = (200, {"Content-Type": "text/html", "ETag": ETAG}, PAGE)
    state.routes["/modified"] = (200, {"Content-Type": "text/html", "Last-Modified": MODIFIED}, PAGE)
    state.routes["/plain"] = (200, {"Content-Type": "text/html"}, PAGE)
    cache = MemoryCache()
    fetcher = HttpFetcher(allow_private_hosts=True, cache=cache)
    for path in ("/etag", "/modified", "/plain"):
        first = fetcher.fetch(f"{url}{path}")
        assert isinstance(first, FetchedPage) and not first.revalidated
    assert set(cache.kept) == {f"{url}/etag", f"{url}/modified"}  # no validator: nothing to revalidate
    for path in ("/etag", "/modified"):
        again = fetcher.fetch(f"{url}{path}")
        assert isinstance(again, FetchedPage) and again.revalidated and again.content == PAGE
        assert again.status == 200 and again.content_type == "text/html"
    assert state.seen == [("/etag", None, None), ("/modified", None, None), ("/plain", None, None),
                          ("/etag", ETAG, None), ("/modified", None, MODIFIED)]


def test_a_changed_response_replaces_the_kept_one(site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/p"] = (200, {"Content-Type": "text/html", "ETag": ETAG}, PAGE)
    cache = MemoryCache()
    fetcher = HttpFetcher(allow_private_hosts=True, cache=cache)
    fetcher.fetch(f"{url}/p")
    changed = PAGE.replace(b"March", b"April")
    state.routes["/p"] = (200, {"Content-Type": "text/html", "ETag": '"bridge-v2"'}, changed)
    page = fetcher.fetch(f"{url}/p")
    assert isinstance(page, FetchedPage) and not page.revalidated and page.content == changed
    assert cache.kept[f"{url}/p"].etag == '"bridge-v2"' and cache.kept[f"{url}/p"].content == changed


def test_a_second_build_asks_the_server_and_stores_nothing_twice(new_db: Callable[[str], str],
                                                                 site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/bridge.html"] = (200, {"Content-Type": "text/html", "ETag": ETAG}, PAGE)
    db = new_db("s")  # on each back end: the kept page is bytes (BLOB, bytea)
    options = ReadOptions(allow_private_hosts=True)
    first = build([f"{url}/bridge.html"], db=db, workers=1, read_options=options)
    assert first.stored == 1, first.failures
    with Store.open(db) as store:
        kept = store.cached_response(f"{url}/bridge.html")
        assert kept is not None and kept.etag == ETAG and kept.content == PAGE
    again = build([f"{url}/bridge.html"], db=db, workers=1, read_options=options)
    assert (again.stored, again.skipped, again.failed) == (0, 1, 0)
    pages = [seen for seen in state.seen if seen[0] == "/bridge.html"]
    assert pages == [("/bridge.html", None, None), ("/bridge.html", ETAG, None)]


def test_robots_txt_of_a_redirect_target_is_respected(site: tuple[Site, str], other_site: tuple[Site, str]) -> None:
    (state, url), (target_state, target) = site, other_site
    state.routes["/go"] = (302, {"Location": f"{target}/private/story"}, b"")
    state.routes["/open"] = (302, {"Location": f"{target}/story"}, b"")
    target_state.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                          b"User-agent: *\nDisallow: /private\n")
    target_state.routes["/story"] = (200, {"Content-Type": "text/html"}, PAGE)
    target_state.routes["/private/story"] = (200, {"Content-Type": "text/html"}, PAGE)
    polite = PoliteFetcher(HttpFetcher(allow_private_hosts=True), min_interval=0)
    refused = polite.fetch(f"{url}/go")
    assert isinstance(refused, FetchFailed) and refused.kind == "robots" and refused.url == f"{url}/go"
    assert "/private/story" not in [path for path, _, _ in target_state.seen]  # never asked for
    page = polite.fetch(f"{url}/open")
    assert isinstance(page, FetchedPage) and page.final_url == f"{target}/story" and page.url == f"{url}/open"


# For reading tests: polite, without the second between two requests to one host.
QUICK = PoliteFetcher(HttpFetcher(allow_private_hosts=True), min_interval=0)


def feed(url: str, items: int) -> bytes:
    entries = "".join(
        f"<item><title>Story {n}</title><link>{url}/story/{n}</link><guid>s-{n}</guid>"
        f"<pubDate>Mon, 1{n} Jan 2022 08:00:00 +0000</pubDate><description>{BODY}</description></item>"
        for n in range(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Tarnow Courier</title>{entries}'
            "</channel></rss>").encode()


def test_a_feed_url_tells_how_many_more_items_it_gave(site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, feed(url, 3))
    state.routes["/empty"] = (200, {"Content-Type": "application/rss+xml"}, feed(url, 1))
    more: list[int] = []
    options = ReadOptions(fetcher=QUICK, on_more_items=more.append)
    items = list(read_paths([f"{url}/feed", f"{url}/empty"], options=options))
    assert len(items) == 4 and more == [2]  # one URL counted, three entries; the other as counted


def test_follow_counts_a_failed_page_and_dates_pages_by_their_entry(site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, feed(url, 2))
    state.routes["/story/0"] = (200, {"Content-Type": "text/html"}, PAGE)  # /story/1 is a 404
    more: list[int] = []
    options = ReadOptions(fetcher=QUICK, follow=True, on_more_items=more.append)
    page, failed, entry = read_paths(f"{url}/feed", options=options)
    assert isinstance(page, RawDocument) and page.format == "html"
    assert page.fields["published"] == "2022-01-10" and page.fields["published_basis"] == "feed"
    assert page.fields["outlet"] == "Tarnow Courier"
    assert isinstance(entry, RawDocument) and entry.source == f"{url}/feed#s-1"
    assert sum(more) == 2  # three outcomes where one was counted


def test_a_followed_page_without_a_date_of_its_own_is_dated_by_its_entry(tmp_path: Path,
                                                                        site: tuple[Site, str]) -> None:
    state, url = site
    state.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, feed(url, 1))
    state.routes["/story/0"] = (200, {"Content-Type": "text/html"}, PAGE)
    db = tmp_path / "s.db"
    report = build([f"{url}/feed"], db=db, workers=1,
                   read_options=ReadOptions(allow_private_hosts=True, follow=True))
    assert report.stored == 1, report.failures
    with Store.open(db) as store:
        (document,) = store.documents()
        assert (document.published, document.published_basis) == ("2022-01-10", "feed")
