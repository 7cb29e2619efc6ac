"""Web archives (WARC, plain or gzipped record by record): every archived HTML page one document.

Read with warcio as a stream, one record at a time, so an archive of any size costs one page of
memory. Only ``response`` records whose HTTP status is 200 and whose Content-Type is HTML are
pages; request, metadata, revisit, DNS and non-HTML records are skipped (they are not articles and
not failures). Each page becomes an ``html`` raw document exactly as if the page had been read
from a file (the same bytes, decoded the same way, so it is the same document), with fields

- ``url``: the record's ``WARC-Target-URI``;
- ``crawled``: the record's ``WARC-Date`` (ISO 8601). The crawl date is when the page was fetched,
  not when it was published (an archive crawled in 2024 holds articles from 2019): it is kept for
  provenance and never used as the publication date, which comes from the page itself (metadata,
  dateline) or from date inference, each with its own basis.

Source: ``path#record-N``, N counting every record of the archive from 1 (stable across reruns).
A record that cannot be decoded, or is larger than MAX_ITEM_BYTES, is a failure for its source;
an archive truncated or corrupt midway keeps every page read before the damage and records the
rest as one failure for ``path#record-N``.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from storyline.errors import InputError
from storyline.records import Failure, RawDocument

# One page is one article: the same bound as every other item (readers.MAX_ITEM_BYTES).
MAX_RECORD_BYTES = 10 * 1024 * 1024
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
# Enough of the first gzip member to decompress "WARC/1.1".
WARC_SNIFF_BYTES = 512
# Records are drained in pieces this size: a 1 GB video record costs no more memory than a page.
DRAIN_CHUNK_BYTES = 64 * 1024
CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)

ReadOutcome = RawDocument | Failure


def read_warc(path: Path) -> Iterator[ReadOutcome]:
    """Every archived HTML page in the WARC file at ``path``, or a failure for that record."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield _failure(source, InputError(f"cannot read file: {error.strerror or error}"))
        return
    with handle:
        yield from parse_warc(handle, source)


def parse_warc(stream: BinaryIO, source: str) -> Iterator[ReadOutcome]:
    """The HTML pages of a WARC stream (plain, or gzipped per record), each with source
    ``{source}#record-N``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from storyline.ingest.readers import decode_html

    stream = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    if not _starts_like_a_warc(stream.peek(WARC_SNIFF_BYTES)[:WARC_SNIFF_BYTES]):  # type: ignore[attr-defined]
        yield _failure(source, InputError("not a WARC file: it does not begin with a WARC/1.x record "
                                          "(plain or gzipped); ARC and other archives are not read"))
        return
    number = 0
    pages = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            number += 1
            record_source = f"{source}#record-{number}"
            if not record.format.startswith("warc"):
                yield _truncated(record_source, pages, number)
                return
            page = record.rec_type == "response" and _is_html_page(record)
            payload = record.content_stream().read(MAX_RECORD_BYTES + 1) if page else b""
            _drain(record)
            if record.raw_stream.limit > 0:  # fewer bytes than its Content-Length: cut off here
                yield _truncated(record_source, pages, number)
                return
            if not page:
                continue
            pages += 1
            outcome = _page(record, payload, record_source, decode_html)
            yield outcome
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as error:
        # warcio meets a header cut in half as an AttributeError on the half-parsed record.
        yield _truncated(f"{source}#record-{number + 1}", pages, number, error)
        return
    if number == 0:
        yield _failure(source, InputError("not a WARC file, or an empty one: no records"))
    elif _unread_bytes(stream, records.offset):
        yield _truncated(f"{source}#record-{number + 1}", pages, number)


def _starts_like_a_warc(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _page(record: object, payload: bytes, source: str, decode_html) -> ReadOutcome:  # type: ignore[no-untyped-def]
    if len(payload) > MAX_RECORD_BYTES:
        return _failure(source, InputError(
            f"archived page larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB; skipped"))
    if not payload.strip():
        return _failure(source, InputError("archived page is empty"))
    try:
        content = _decode(payload, record, decode_html)
    except InputError as error:
        return _failure(source, error)
    headers = record.rec_headers  # type: ignore[attr-defined]
    fields = {"url": headers.get_header("WARC-Target-URI"), "crawled": headers.get_header("WARC-Date")}
    return RawDocument(source=source, format="html", content=content,
                       fields={key: value for key, value in fields.items() if value})


def _drain(record: object) -> None:
    """Read the rest of the record in pieces, so its length can be checked without holding it."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(DRAIN_CHUNK_BYTES):
        pass


def _unread_bytes(stream: BinaryIO, offset: int) -> bool:
    """Whether bytes follow the last whole record: a gzip member cut inside its headers ends
    warcio's iteration silently, leaving them unread."""
    try:
        return stream.tell() > offset
    except (OSError, AttributeError, ValueError):
        return False


def _truncated(source: str, pages: int, number: int, error: Exception | None = None) -> Failure:
    detail = f" ({_short(error)})" if error else ""
    if number == 0 and pages == 0:
        return _failure(source, InputError(f"not a WARC file{detail}"))
    return _failure(source, InputError(
        f"archive truncated or corrupt at this record{detail}; the {pages} page(s) before it were read, "
        "the rest is lost"))


def _is_html_page(record: object) -> bool:
    http = getattr(record, "http_headers", None)
    if http is None:
        return False
    status = http.get_statuscode()
    kind = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status == "200" and kind in HTML_CONTENT_TYPES


def _decode(payload: bytes, record: object, decode_html) -> str:  # type: ignore[no-untyped-def]
    """As a page file is decoded (readers.decode_html), with the HTTP header's charset as the
    declaration when the page itself declares none and is not UTF-8."""
    try:
        return decode_html(payload)
    except InputError:
        header = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
        declared = CHARSET.search(header)
        if not declared:
            raise
        try:
            return payload.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"cannot decode as UTF-8 or its declared charset {declared.group(1)!r}") from None


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


def _failure(source: str, error: InputError) -> Failure:
    return Failure(source=source, stage="read", reason=error.message, code=error.code)
