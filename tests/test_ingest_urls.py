"""URLs and URL lists as inputs: read through a Fetcher, built for real, served on 127.0.0.1."""

from __future__ import annotations

import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline.builder import build, count_items
from storyline.ingest.fetch import HttpFetcher
from storyline.ingest.readers import ReadOptions, read_paths, url_list
from storyline.records import Failure, RawDocument
from storyline.serve.cli import app
from storyline.store import Store

BODY = ("Minister Arlo Penhale said on Sunday that the talks in Velmora would resume next week. "
        "Envoys from Kest and Orlen left the capital without a joint statement, aides said.")
PAGE = f"<html><head><title>Talks end</title></head><body><article><h1>Talks end</h1><p>{BODY}</p>" \
       "<p>The port of Orlen reopened on Monday after a week of strikes, officials said.</p></article></body></html>"
RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Velmora Herald</title>
<item><title>Kest votes</title><link>https://herald.example/kest</link><guid>h-1</guid>
<pubDate>Sun, 09 Jan 2022 10:00:00 +0000</pubDate>
<description>The council of Kest voted on Tuesday to extend the curfew, the mayor said.</description></item>
</channel></rss>"""
ROUTES = {
    "/a.html": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/feed": (200, "application/rss+xml", RSS.encode()),
    "/feed.xml": (200, "text/xml", RSS.encode()),
    "/image": (200, "image/png", b"\x89PNG...."),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = ReadOptions(fetcher=HttpFetcher(allow_private_hosts=True))


def test_a_page_url_is_one_html_document_and_a_feed_its_entries(site: str) -> None:
    page, entry, sniffed = read_paths([f"{site}/a.html", f"{site}/feed", f"{site}/feed.xml"], options=LOCAL)
    assert isinstance(page, RawDocument) and page.format == "html" and page.fields["url"] == f"{site}/a.html"
    assert BODY in page.content and page.source == f"{site}/a.html"
    assert isinstance(entry, RawDocument) and entry.source == f"{site}/feed#h-1"
    assert isinstance(sniffed, RawDocument) and sniffed.fields["title"] == "Kest votes"


def test_each_failing_url_says_why(site: str) -> None:
    missing, image = read_paths([f"{site}/nope", f"{site}/image"], options=LOCAL)
    assert isinstance(missing, Failure) and missing.source == f"{site}/nope" and "404" in missing.reason
    assert isinstance(image, Failure) and "image/png" in image.reason
    (refused,) = read_paths([f"{site}/a.html"])  # the default fetcher keeps the guard on
    assert isinstance(refused, Failure) and "refused host" in refused.reason and "loopback" in refused.reason


def test_a_url_given_as_a_path_is_still_a_url(site: str) -> None:
    (page,) = read_paths(Path(f"{site}/a.html"), options=LOCAL)
    assert isinstance(page, RawDocument) and page.fields["url"] == f"{site}/a.html"


def test_url_lists_and_article_texts_are_told_apart(tmp_path: Path, site: str) -> None:
    assert url_list("# today\nhttps://a.example/x\n\n  http://b.example/y?q=1  \n") == [
        "https://a.example/x", "http://b.example/y?q=1"]
    assert url_list("Talks end\nhttps://a.example/x\n") is None  # a title: an article
    assert url_list("# only a comment\n") is None
    assert url_list("https://a.example/x has spaces\n") is None
    (tmp_path / "urls.txt").write_text(f"# the story\n{site}/a.html\n{site}/nope\n{site}/feed\n", encoding="utf-8")
    (tmp_path / "article.txt").write_text(f"Talks end\n{site}/a.html\n{BODY}\n", encoding="utf-8")
    items = list(read_paths(tmp_path, options=LOCAL))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Failure", "RawDocument"]
    assert items[0].source.endswith("article.txt") and items[0].format == "text"  # type: ignore[union-attr]
    assert count_items([tmp_path], read_options=LOCAL) == 4  # one per URL, nothing fetched


def test_follow_reads_each_entrys_page_and_keeps_entries_whose_page_fails(site: str) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Herald</title>
<item><title>Talks end</title><link>{site}/a.html</link><guid>t-1</guid><description>Short.</description></item>
<item><title>Gone</title><link>{site}/gone</link><guid>t-2</guid><description>{BODY}</description></item>
</channel></rss>"""
    ROUTES["/follow"] = (200, "application/rss+xml", feed.encode())
    try:
        page, missing, entry = read_paths(f"{site}/follow", options=replace(LOCAL, follow=True))
    finally:
        del ROUTES["/follow"]
    assert isinstance(page, RawDocument) and page.format == "html" and BODY in page.content
    assert page.fields == {"url": f"{site}/a.html", "outlet": "Velmora Herald"}
    assert isinstance(missing, Failure) and missing.source == f"{site}/gone" and "404" in missing.reason
    assert isinstance(entry, RawDocument) and entry.source == f"{site}/follow#t-2"


def test_build_stores_fetched_pages_once(tmp_path: Path, site: str) -> None:
    db = tmp_path / "s.db"
    first = build([f"{site}/a.html", f"{site}/feed"], db=db, workers=1, read_options=LOCAL)
    assert (first.stored, first.failed) == (2, 0), first.failures
    again = build([f"{site}/a.html", f"{site}/feed"], db=db, workers=1, read_options=LOCAL)
    assert (again.stored, again.skipped) == (0, 2)
    with Store.open(db) as store:
        assert {d.title for d in store.documents()} == {"Talks end", "Kest votes"}


def test_cli_refuses_private_hosts_unless_allowed(tmp_path: Path, site: str) -> None:
    runner, db = CliRunner(), str(tmp_path / "s.db")
    refused = runner.invoke(app, ["build", f"{site}/a.html", "--db", db, "-q"])
    assert refused.exit_code == 1 and "refused host" in refused.output.replace("\n", " ")
    allowed = runner.invoke(app, ["build", f"{site}/a.html", "--db", db, "-q", "--allow-private-hosts"])
    assert allowed.exit_code == 0, allowed.output
    assert "stored 1" in allowed.output


@given(st.lists(st.one_of(st.text(max_size=40), st.from_regex(r"https?://[a-z]{1,8}\.example/[a-z0-9/?=&]{0,12}",
                                                                 fullmatch=True)), max_size=8))
def test_a_url_list_is_read_from_any_text_without_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    urls = url_list(text)
    if urls is not None:  # a list only when every kept line is one URL, and then all of them, in order
        kept = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
        assert urls == kept and all(url.startswith(("http://", "https://")) for url in urls)
