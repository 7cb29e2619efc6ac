"""Read input files into raw documents, one item at a time, never failing the whole run.

Supported inputs (folders are walked recursively, in sorted order so runs are repeatable):

- ``.txt``: one scraped article per file (title first, then body, with whatever chrome came along);
- ``.html`` / ``.htm``, optionally ``.gz``: one web page per file;
- ``.jsonl`` / ``.jsonl.gz``: one article per line, ``{id, url, outlet, published, title, text}``;
  other fields are kept as metadata.

Every problem is reported for the item it concerns, as a :class:`~storyline.records.Failure` with
the file (and line, for JSONL) and a reason; reading goes on with the next item.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

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
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

JSONL_KNOWN_FIELDS = ("url", "outlet", "published", "title")
CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ReadOutcome = RawDocument | Failure


def input_format(path: Path) -> str | None:
    """'text', 'html' or 'jsonl' by file name, or None for files Storyline does not read."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """The readable files under ``paths``; a missing path or unsupported file is a Failure."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if input_format(child) is not None and not any(part.startswith(".") for part in child.parts[len(path.parts):]):
                    yield child
        elif path.is_file():
            if input_format(path) is None:
                yield _failure(str(path), InputError(
                    f"unsupported file type; Storyline reads {', '.join(SUPPORTED_SUFFIXES)}"))
            else:
                yield path
        else:
            yield _failure(str(path), InputError("no such file or folder"))


def read_paths(paths: Iterable[str | Path]) -> Iterator[ReadOutcome]:
    """Every raw document (or per-item failure) found under ``paths``."""
    for found in discover(paths):
        if isinstance(found, Failure):
            yield found
        else:
            yield from read_file(found)


def read_file(path: Path) -> Iterator[ReadOutcome]:
    fmt = input_format(path)
    source = str(path)
    try:
        if fmt == "jsonl":
            yield from read_jsonl(path)
        elif fmt == "html":
            yield RawDocument(source=source, format="html", content=decode_html(read_bytes(path)))
        elif fmt == "text":
            yield RawDocument(source=source, format="text", content=decode_text(read_bytes(path)))
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


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (byte {error.start}); convert the file to UTF-8") from None
    controls = len(CONTROL_CHARS.findall(text[:65536]))
    if controls > MAX_CONTROL_CHAR_SHARE * min(len(text), 65536):
        raise InputError("binary file (too many control characters), not text")
    if not text.strip():
        raise InputError("empty file")
    return text


def decode_html(data: bytes) -> str:
    """Decode a page as UTF-8, or as the charset it declares."""
    if b"\x00" in data[:8192]:
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


def read_jsonl(path: Path) -> Iterator[ReadOutcome]:
    total = 0
    try:
        with open_input(path) as handle:
            for number, line in enumerate(handle, start=1):
                total += len(line)
                if total > MAX_JSONL_BYTES:
                    yield _failure(f"{path}:{number}", InputError("JSONL file too large; split it into shards"))
                    return
                if not line.strip():
                    continue
                source = f"{path}:{number}"
                try:
                    yield parse_jsonl_line(line, source)
                except InputError as error:
                    yield _failure(source, error)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        yield _failure(str(path), InputError(f"not a valid gzip file or truncated ({error})"))


def parse_jsonl_line(line: bytes, source: str) -> RawDocument:
    if len(line) > MAX_ITEM_BYTES:
        raise InputError(f"line longer than {_size(MAX_ITEM_BYTES)}")
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON: {error.msg} at column {error.colno}") from None
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
