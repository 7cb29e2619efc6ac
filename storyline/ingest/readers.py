"""Read input files into raw documents, one item at a time, never failing the whole run.

Supported inputs (folders are walked recursively, in sorted order so runs are repeatable):

- ``.txt``: one scraped article per file (title first, then body, with whatever chrome came along);
- ``.html`` / ``.htm``, optionally ``.gz``: one web page per file;
- ``.jsonl`` / ``.jsonl.gz``: one article per line, ``{id, url, outlet, published, title, text}``;
  other fields are kept as metadata;
- ``.rss`` / ``.atom``, and ``.xml`` whose root element is a feed's: one article per feed entry
  (:mod:`storyline.ingest.feeds`; RSS 0.9x/1.0/2.0 and Atom, parsed safely);
- ``.csv`` / ``.tsv``: one article per row, columns by name (:mod:`storyline.ingest.tables`);
- ``.warc`` / ``.warc.gz``: one article per archived HTML page (:mod:`storyline.ingest.warc`);
- an ``http(s)://`` URL: fetched (:mod:`storyline.ingest.fetch`, public hosts only unless the
  fetcher allows private ones); a page is one ``html`` document with its ``url`` (the final one,
  after redirects) in its fields, a feed is its entries;
- a ``.txt`` whose every non-blank line not starting with ``#`` is an absolute http(s) URL: a list
  of URLs, each fetched as above (any other ``.txt`` is one article).

Every problem is reported for the item it concerns, as a :class:`~storyline.records.Failure` with
the file (and line, for JSONL) and a reason; reading goes on with the next item. That includes
folder entries that cannot be read (a folder without permission, a broken link, a FIFO or
device): each is one failure, and the walk goes on. Text may be UTF-8 (with or without a byte
order mark) or UTF-16/UTF-32 with a byte order mark; BOM-less UTF-16 is recognised by its NUL
bytes. A JSONL line is read at most MAX_ITEM_BYTES at a time, so one huge line costs no more
memory than one article.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping

from storyline.errors import InputError
from storyline.records import Failure, RawDocument

# An article is a few kilobytes; anything past this is a dump or an attack, not an article.
MAX_ITEM_BYTES = 10 * 1024 * 1024
# A JSONL shard holds thousands of articles; bound it only to stop decompression bombs.
MAX_JSONL_BYTES = 4 * 1024 * 1024 * 1024
# Text files with more control characters than this share are binary files with a .txt name.
MAX_CONTROL_CHAR_SHARE = 0.01

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # .xml only when its root element is <rss>, <rdf:RDF> or <feed>
CSV_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES + CSV_SUFFIXES
                      + WARC_SUFFIXES)

JSONL_KNOWN_FIELDS = ("url", "outlet", "published", "title")
CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# A URL given as an input path; pathlib folds "https://" to "https:/", so both are recognised.
URL_ARGUMENT = re.compile(r"^https?:/", re.IGNORECASE)
# One line of a URL list: an absolute http(s) URL with a host and no spaces.
URL_LINE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
# Content types of a feed; anything else fetched is read as a page (a feed served as text/xml or
# application/xml is told by its root element).
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_TYPES = frozenset({"text/xml", "application/xml"})
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# BOM-less UTF-16 text has a NUL in (nearly) every other byte, on one side only: ASCII letters in
# UTF-16 LE are "a\0b\0". A share this high on one side and this low on the other is never
# binary data nor UTF-8 text; BINARY files have NULs on both sides.
UTF16_NUL_SHARE = 0.4
UTF16_OTHER_SIDE_NUL_SHARE = 0.02
# The bytes sniffed for an encoding: enough to see a pattern, cheap to scan.
SNIFF_BYTES = 8192
# Skipping the rest of an over-long JSONL line reads it in pieces of this size, never whole.
SKIP_CHUNK_BYTES = 1024 * 1024

ReadOutcome = RawDocument | Failure


@dataclass(frozen=True)
class ReadOptions:
    """How containers are read: ``csv_columns`` names the CSV columns of Storyline's fields
    ({"text": "body"}, see :func:`storyline.ingest.tables.parse_column_map`)."""

    csv_columns: Mapping[str, str] = field(default_factory=dict)
    # How URLs are fetched (storyline.ingest.fetch.Fetcher); None: a PoliteFetcher (robots.txt,
    # one request a second per host) over an HttpFetcher with the SSRF guard on unless
    # ``allow_private_hosts``, made when the first URL is met (see :func:`with_fetcher`).
    fetcher: Any = None
    allow_private_hosts: bool = False
    # Feeds fetched by URL: read each entry's page (its link) instead of the entry's own text;
    # an entry whose page cannot be fetched is kept as the entry, and the page's failure recorded.
    follow: bool = False
    # Told how many more outcomes a URL gave than the one it was counted as (a feed of 30
    # entries: 29), so a progress total counted without fetching (build.count_items) grows true.
    on_more_items: Callable[[int], None] | None = None


def with_fetcher(options: ReadOptions, cache: Any = None) -> ReadOptions:
    """``options`` with a fetcher: its own, or the default one keeping responses in ``cache``
    (a :class:`storyline.ingest.fetch.FetchCache`, the store's in a build)."""
    if options.fetcher is not None:
        return options
    from storyline.ingest.fetch import HttpFetcher, PoliteFetcher

    return replace(options, fetcher=PoliteFetcher(HttpFetcher(allow_private_hosts=options.allow_private_hosts,
                                                               cache=cache)))


def input_format(path: Path) -> str | None:
    """'text', 'html', 'jsonl', 'feed', 'csv' or 'warc' by file name, or None for files Storyline
    does not read."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def discover(paths: str | Path | Iterable[str | Path]) -> Iterator[Path | Failure | str]:
    """The readable files under ``paths`` (one path or several), and the URLs among them (as
    ``str``); every path or folder entry that cannot be read (missing, unsupported, not a regular
    file, a folder without permission) is a Failure, and the walk goes on."""
    for given in _as_paths(paths):
        if URL_ARGUMENT.match(str(given)):
            yield as_url(str(given))
            continue
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except OSError as error:
            yield _failure(str(path), InputError(_missing_reason(path, error)))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif not stat.S_ISREG(mode):
            yield _failure(str(path), InputError(_not_regular_reason(mode)))
        elif input_format(path) is None:
            yield _failure(str(path), InputError(
                f"unsupported file type; Storyline reads {', '.join(SUPPORTED_SUFFIXES)}"))
        else:
            yield path


def read_paths(paths: str | Path | Iterable[str | Path], *,
               options: ReadOptions | None = None) -> Iterator[ReadOutcome]:
    """Every raw document (or per-item failure) found under ``paths`` (one path or several)."""
    for found in discover(paths):
        if isinstance(found, Failure):
            yield found
        elif isinstance(found, str):
            yield from read_url(found, options=options)
        else:
            yield from read_file(found, options=options)


def as_url(given: str) -> str:
    """The URL given as an argument; a ``Path`` folded "https://host" to "https:/host"."""
    scheme, _, rest = given.partition(":")
    return f"{scheme.lower()}://{rest.lstrip('/')}"


def url_list(text: str) -> list[str] | None:
    """The URLs of a URL list (every non-blank line not starting with ``#`` an absolute
    http(s) URL, at least one), else None: the text is an article."""
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if urls and all(URL_LINE.match(line) for line in urls):
        return urls
    return None


def read_url(url: str, *, options: ReadOptions | None = None) -> Iterator[ReadOutcome]:
    """The page at ``url`` as one ``html`` document, or the entries of the feed there; a failure
    for ``url`` with the reason when it cannot be fetched or read."""
    from storyline.ingest.fetch import FetchFailed

    options = options or ReadOptions()
    fetcher = options.fetcher if options.fetcher is not None else _default_fetcher(options.allow_private_hosts)
    fetched = fetcher.fetch(url)
    if isinstance(fetched, FetchFailed):
        yield Failure(source=url, stage="read", reason=f"fetch: {fetched.reason}", code=InputError.code)
        return
    data = fetched.content
    kind = fetched.content_type
    try:
        if kind in FEED_TYPES or kind in XML_TYPES or (not kind and data.lstrip()[:5] == b"<?xml"):
            from storyline.ingest.feeds import parse_feed

            entries = list(parse_feed(data, url, sniffed=kind not in FEED_TYPES))  # bounded: one response
            if options.on_more_items and len(entries) != 1:
                options.on_more_items(len(entries) - 1)
            yield from (_followed(entries, options) if options.follow else entries)
            return
        if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
            raise InputError(f"content type {kind!r} is neither a page nor a feed")
        if not data.strip():
            raise InputError("empty response")
        fields = {"url": fetched.final_url}
        if kind == "text/plain":
            yield RawDocument(source=url, format="text", content=decode_text(data), fields=fields)
        else:
            yield RawDocument(source=url, format="html", content=decode_html(data), fields=fields)
    except InputError as error:
        yield _failure(url, error)


def _followed(entries: Iterable[ReadOutcome], options: ReadOptions) -> Iterator[ReadOutcome]:
    # A page's feed is not followed further, and its outcomes are counted here, per entry.
    page_options = replace(options, follow=False, on_more_items=None)
    for entry in entries:
        link = entry.fields.get("url") if isinstance(entry, RawDocument) else None
        if not isinstance(link, str) or not URL_LINE.match(link):
            yield entry
            continue
        pages = list(read_url(link, options=page_options))
        failures = [page for page in pages if isinstance(page, Failure)]
        outcomes = [*failures, entry] if failures else [_as_entrys_page(page, entry) for page in pages]
        if options.on_more_items and len(outcomes) != 1:
            options.on_more_items(len(outcomes) - 1)
        yield from outcomes


# What a feed entry says of its page that the page may not say of itself: its outlet, and its
# date (a page without a date of its own is dated by its entry, with the basis "feed").
ENTRY_FIELDS_FOR_PAGE = ("outlet", "published", "published_basis")


def _as_entrys_page(page: ReadOutcome, entry: RawDocument) -> ReadOutcome:
    carried = {name: entry.fields[name] for name in ENTRY_FIELDS_FOR_PAGE if entry.fields.get(name)}
    return replace(page, fields={**page.fields, **carried})  # type: ignore[arg-type]


_FETCHERS: dict[bool, Any] = {}


def _default_fetcher(allow_private_hosts: bool) -> Any:
    # One fetcher (one connection pool, one robots.txt per host) for the URLs of a run that named
    # none, per guard setting.
    if allow_private_hosts not in _FETCHERS:
        _FETCHERS[allow_private_hosts] = with_fetcher(ReadOptions(allow_private_hosts=allow_private_hosts)).fetcher
    return _FETCHERS[allow_private_hosts]


def _as_paths(paths: str | Path | Iterable[str | Path]) -> Iterable[str | Path]:
    # A str is itself iterable (one character at a time): "corpus" must mean the folder, not
    # the paths "c", "o", "r", ... and never "/".
    if isinstance(paths, (str, Path, os.PathLike)):
        return [paths]
    return paths


def _walk(folder: Path) -> Iterator[Path | Failure]:
    """Supported files under ``folder`` in sorted order, skipping hidden entries; symbolic links
    to folders are not followed (a link back up, or into /proc, would never end)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield _failure(str(folder), InputError(f"cannot list folder: {error.strerror or error}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            if entry.is_symlink() and entry.is_dir():
                continue
            if input_format(path) is None:
                continue
            mode = entry.stat().st_mode
        except OSError as error:
            if input_format(path) is not None or entry.is_symlink():
                yield _failure(str(path), InputError(_missing_reason(path, error)))
            continue
        if stat.S_ISREG(mode):
            yield path
        else:
            yield _failure(str(path), InputError(_not_regular_reason(mode)))


def _missing_reason(path: Path, error: OSError) -> str:
    if path.is_symlink():
        return "broken symbolic link: its target does not exist or cannot be reached"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read: {error.strerror or error}"


def _not_regular_reason(mode: int) -> str:
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a file; Storyline reads regular files only"


def read_file(path: Path, *, options: ReadOptions | None = None) -> Iterator[ReadOutcome]:
    fmt = input_format(path)
    source = str(path)
    options = options or ReadOptions()
    try:
        if fmt == "jsonl":
            yield from read_jsonl(path)
        elif fmt == "feed":
            from storyline.ingest.feeds import read_feed

            yield from read_feed(path, sniffed=path.name.lower().endswith(".xml"))
        elif fmt == "csv":
            from storyline.ingest.tables import read_csv

            yield from read_csv(path, columns=options.csv_columns)
        elif fmt == "warc":
            from storyline.ingest.warc import read_warc

            yield from read_warc(path)
        elif fmt == "html":
            yield RawDocument(source=source, format="html", content=decode_html(read_bytes(path)))
        elif fmt == "text":
            text = decode_text(read_bytes(path))
            urls = url_list(text)
            if urls is None:
                yield RawDocument(source=source, format="text", content=text)
            else:
                for url in urls:
                    yield from read_url(url, options=options)
        else:
            raise InputError("unsupported file type")
    except InputError as error:
        yield _failure(source, error)
    except OSError as error:
        yield _failure(source, InputError(f"cannot read file: {error.strerror or error}"))


def open_input(path: Path) -> BinaryIO:
    """The file for reading bytes, decompressed on the fly when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_bytes(path: Path) -> bytes:
    """The file's bytes (decompressed for .gz), refusing empty and oversized items."""
    limit = MAX_ITEM_BYTES
    try:
        with open_input(path) as handle:
            data = handle.read(limit + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(f"not a valid gzip file ({error})") from None
    if len(data) > limit:
        raise InputError(f"larger than {_size(limit)}; a file this large is not one article")
    if not data.strip():
        raise InputError("empty file")
    return data


def sniff_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark or a BOM-less UTF-16 NUL pattern announces, else None."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    head = data[:SNIFF_BYTES]
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls <= UTF16_OTHER_SIDE_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE and odd_nuls <= UTF16_OTHER_SIDE_NUL_SHARE:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    text = _decode_unicode(data, "text")
    controls = len(CONTROL_CHARS.findall(text[:65536]))
    if controls > MAX_CONTROL_CHAR_SHARE * min(len(text), 65536):
        raise InputError("binary file (too many control characters), not text")
    if not text.strip():
        raise InputError("empty file")
    return text


def decode_html(data: bytes) -> str:
    """Decode a page as UTF-8/16/32 by its byte order mark, as UTF-8, or as its declared charset."""
    if sniff_encoding(data) not in (None, "utf-8-sig"):
        return _decode_unicode(data, "HTML")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary file (contains NUL bytes), not HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        declared = CHARSET_DECLARATION.search(data[:4096])
        if declared:
            charset = declared.group(1).decode("ascii")
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                raise InputError(f"cannot decode as UTF-8 or its declared charset {charset!r}") from None
        raise InputError(
            f"not valid UTF-8 (byte {utf8_error.start}) and no charset declared; convert the file to UTF-8"
        ) from None


def _decode_unicode(data: bytes, kind: str) -> str:
    """UTF-8, or UTF-16/32 when a byte order mark or the NUL pattern says so."""
    encoding = sniff_encoding(data) or "utf-8-sig"
    if encoding == "utf-8-sig" and b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"binary file (contains NUL bytes), not {kind}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(f"not valid {name} (byte {error.start}); convert the file to UTF-8") from None


def read_jsonl(path: Path) -> Iterator[ReadOutcome]:
    total = 0
    try:
        with open_input(path) as handle:
            for number, line in enumerate(_bounded_lines(handle), start=1):
                total += line.size
                if total > MAX_JSONL_BYTES:
                    yield _failure(f"{path}:{number}", InputError("JSONL file too large; split it into shards"))
                    return
                source = f"{path}:{number}"
                if line.truncated:
                    yield _failure(source, InputError(
                        f"line longer than {_size(MAX_ITEM_BYTES)} ({_size(line.size)}); skipped"))
                    continue
                if not line.data.strip():
                    continue
                try:
                    yield parse_jsonl_line(line.data, source)
                except InputError as error:
                    yield _failure(source, error)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        yield _failure(str(path), InputError(f"not a valid gzip file or truncated ({error})"))
    except UnicodeDecodeError as error:
        yield _failure(str(path), InputError(f"not valid {error.encoding.upper()} text; convert the file to UTF-8"))


class _Line:
    """One JSONL line as read: its bytes (UTF-8), or only its size when it was too long to keep."""

    __slots__ = ("data", "size", "truncated")

    def __init__(self, data: bytes, size: int, truncated: bool) -> None:
        self.data, self.size, self.truncated = data, size, truncated


def _bounded_lines(handle: BinaryIO) -> Iterator[_Line]:
    """The lines of a JSONL stream, each held only up to MAX_ITEM_BYTES: the rest of a longer
    line is read in SKIP_CHUNK_BYTES pieces and dropped. A UTF-16/32 file (by its byte order
    mark) is decoded and each line re-encoded as UTF-8."""
    buffered = handle if isinstance(handle, io.BufferedIOBase) else io.BufferedReader(handle)  # type: ignore[arg-type]
    encoding = sniff_encoding(buffered.peek(4)[:4]) if hasattr(buffered, "peek") else None
    limit = MAX_ITEM_BYTES + 1
    if encoding in ("utf-16", "utf-32", "utf-16-le", "utf-16-be"):
        text = io.TextIOWrapper(buffered, encoding=encoding, newline="")  # type: ignore[arg-type]
        chunk_chars = limit // 4  # a character is at most 4 bytes of UTF-8
        while line := text.readline(chunk_chars):
            size = len(line)
            if line.endswith("\n") or size < chunk_chars:
                yield _Line(line.encode("utf-8", "surrogatepass"), size, False)
                continue
            while (rest := text.readline(SKIP_CHUNK_BYTES)) and not rest.endswith("\n"):
                size += len(rest)
            yield _Line(b"", size + len(rest), True)
        return
    while line := buffered.readline(limit):
        size = len(line)
        if size < limit or line.endswith(b"\n"):
            yield _Line(line, size, False)
            continue
        while (rest := buffered.readline(SKIP_CHUNK_BYTES)) and not rest.endswith(b"\n"):
            size += len(rest)
        yield _Line(b"", size + len(rest), True)


def parse_jsonl_line(line: bytes, source: str) -> RawDocument:
    if len(line.rstrip(b"\r\n")) > MAX_ITEM_BYTES:
        raise InputError(f"line longer than {_size(MAX_ITEM_BYTES)}")
    try:
        # utf-8-sig: a byte order mark before the first line is not part of the JSON
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no article text: the 'text' field is missing, empty or not a string")
    fields = {key: value for key, value in record.items() if key != "text"}
    if "id" in fields:
        fields["source_id"] = fields.pop("id")
    return RawDocument(source=source, format="record", content=text, fields=fields)


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def _failure(source: str, error: InputError) -> Failure:
    return Failure(source=source, stage="read", reason=error.message, code=error.code)
