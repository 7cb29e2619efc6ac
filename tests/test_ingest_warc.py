"""Web archives: archived HTML pages as raw documents; a truncated archive keeps what it read."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.cleaner import Clean
from storyline.clean.metadata import Metadata
from storyline.ingest.readers import decode_html, read_file, read_paths
from storyline.ingest.warc import parse_warc
from storyline.records import Article, Failure, RawDocument

FUNDUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html-fundus"

PAGE = ("<html><head><title>Talks in Velmora</title></head><body><article><h1>Talks in Velmora</h1>"
        "<p>Minister Arlo Penhale said on Sunday that the talks would resume next week.</p>"
        "<p>Envoys from Kest and Orlen left the capital without a joint statement, aides said, and the "
        "ministers of both sides declined to say when they would meet again.</p></article></body></html>")


def write_warc(pages: list[tuple[str, bytes, str]], *, gzip_records: bool = True,
               date: str = "2024-05-03T18:19:08Z") -> bytes:
    """A WARC of (url, body, content type) responses, each preceded by its request record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    for url, body, kind in pages:
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
                                            warc_headers_dict={"WARC-Date": date})
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


def test_only_html_responses_become_documents(tmp_path: Path) -> None:
    data = write_warc([("https://herald.example/talks", PAGE.encode(), "text/html; charset=utf-8"),
                       ("https://herald.example/logo.png", b"\x89PNG....", "image/png"),
                       ("https://herald.example/latin", PAGE.replace("Velmora", "Velmorá").encode("latin-1"),
                        "text/html; charset=ISO-8859-1")])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    first, latin = read_paths(tmp_path)
    assert isinstance(first, RawDocument) and first.format == "html" and first.content == PAGE
    assert first.source.endswith("crawl.warc.gz#record-2")
    assert first.fields == {"url": "https://herald.example/talks", "crawled": "2024-05-03T18:19:08Z"}
    assert isinstance(latin, RawDocument) and "Velmorá" in latin.content


def test_plain_warc_and_crawl_date_is_not_a_publication_date(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(write_warc([("https://h.example/a", PAGE.encode(), "text/html")],
                                                     gzip_records=False))
    (page,) = read_paths(tmp_path)
    assert isinstance(page, RawDocument)
    article = Metadata().process(Clean().process(Article(raw=page)))
    assert article.published is None and article.url == "https://h.example/a"


@pytest.mark.parametrize("gzip_records", [True, False])
def test_truncated_archive_keeps_what_it_read(tmp_path: Path, gzip_records: bool) -> None:
    pages = [(f"https://h.example/{n}", PAGE.replace("Sunday", f"day {n}").encode(), "text/html") for n in range(3)]
    data = write_warc(pages, gzip_records=gzip_records)
    name = "cut.warc.gz" if gzip_records else "cut.warc"
    for share in (0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97):
        (tmp_path / name).write_bytes(data[: int(len(data) * share)])
        items = list(read_paths(tmp_path))
        documents = [i for i in items if isinstance(i, RawDocument)]
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(documents) < 3 and len(failures) == 1, (share, items)
        assert "truncated or corrupt" in failures[0].reason and "#record-" in failures[0].source
        assert [d.fields["url"] for d in documents] == [f"https://h.example/{n}" for n in range(len(documents))]
    (tmp_path / name).write_bytes(data)
    assert len([i for i in read_paths(tmp_path) if isinstance(i, RawDocument)]) == 3


def test_not_a_warc_fails_with_a_record(tmp_path: Path) -> None:
    (tmp_path / "x.warc").write_bytes(b"this is not an archive\n" * 20)
    (failure,) = read_paths(tmp_path)
    assert isinstance(failure, Failure) and "not a WARC" in failure.reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_documents_or_failures_never_an_exception(data: bytes) -> None:
    for item in parse_warc(io.BytesIO(b"WARC/1.0\r\n" + data), "x.warc"):
        assert isinstance(item, (RawDocument, Failure))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=200),
                min_size=1, max_size=4))
def test_archived_bodies_come_back_byte_for_byte(bodies: list[str]) -> None:
    html = [f"<html><body><p>{body}</p></body></html>" for body in bodies]
    data = write_warc([(f"https://h.example/{n}", page.encode("utf-8"), "text/html") for n, page in enumerate(html)])
    read = list(parse_warc(io.BytesIO(data), "x.warc.gz"))
    assert [item.content for item in read if isinstance(item, RawDocument)] == [decode_html(p.encode()) for p in html]


@pytest.mark.skipif(not (FUNDUS / "manifest.jsonl").exists(), reason="needs ../shared/corpus/html-fundus")
def test_html_fundus_pages_round_trip_through_a_warc(tmp_path: Path) -> None:
    """Pages archived in a WARC give the same documents (text, title, date) as the page files."""
    manifest = [json.loads(line) for line in (FUNDUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    chosen = [row for row in manifest if row["country"] in ("us", "uk")][:6]
    pages = [(row["url"], gzip.decompress((FUNDUS / row["html"]).read_bytes()), "text/html") for row in chosen]
    (tmp_path / "fundus.warc.gz").write_bytes(write_warc(pages))
    archived = [i for i in read_paths(tmp_path) if isinstance(i, RawDocument)]
    direct = [next(iter(read_file(FUNDUS / row["html"]))) for row in chosen]
    assert len(archived) == len(direct) == len(chosen)
    for from_warc, from_file, row in zip(archived, direct, chosen):
        assert isinstance(from_file, RawDocument)
        assert from_warc.id == from_file.id  # the same bytes decoded the same way: the same item
        a = Metadata().process(Clean().process(Article(raw=from_warc)))
        b = Metadata().process(Clean().process(Article(raw=from_file)))
        assert (a.id, a.title, a.text, a.published, a.published_basis) == \
            (b.id, b.title, b.text, b.published, b.published_basis)
        assert a.url == row["url"]
