"""CSV and TSV exports: every row one raw record, every row that cannot be one a failure.

The first row is the header. Columns are found by name (case and surrounding space ignored), the
first present of :data:`DEFAULT_COLUMNS` for each field; ``columns`` ({"text": "body",
"published": "date"}, from ``storyline build export.csv --csv-map text=body,published=date``)
names them instead. Other columns are kept as metadata, like a JSONL record's extra fields.

- Encoding: UTF-8 with or without a byte order mark, or UTF-16/32 with one (as the other readers).
- Delimiter: tab for ``.tsv``; for ``.csv`` sniffed from the first kilobytes among ``, ; \\t |``
  (a European spreadsheet writes ``;``), comma when unsure.
- A row's source is ``path:LINE``, the line it starts on (a quoted field may span lines).
- A malformed row (bad quoting, more or fewer cells than the header, no text) is a failure for
  ``path:LINE`` and reading goes on with the next row.
- Bounded memory: a row larger than MAX_ITEM_BYTES is skipped with a failure, its lines read in
  pieces and dropped, so one huge field costs no more than one article; the standard library's
  per-field limit (``csv.field_size_limit``) is raised to the same bound.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator, Mapping

from storyline.errors import InputError
from storyline.records import Failure, RawDocument

# The same bound as every other article (storyline.ingest.readers.MAX_ITEM_BYTES): one row is one
# article. csv's own default field limit (128 kB) would refuse long articles.
MAX_ROW_CHARS = 10 * 1024 * 1024
# Enough rows to see the delimiter, little enough to sniff in a millisecond.
SNIFF_CHARS = 16 * 1024
SNIFF_DELIMITERS = ",;\t|"
# Skipping the rest of an over-long line reads it in pieces of this size, never whole.
SKIP_CHUNK_CHARS = 1024 * 1024

# Each field Storyline reads and the column names that hold it, in order of preference.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher"),
    "source_id": ("id",),
}
FIELDS = tuple(DEFAULT_COLUMNS)

ReadOutcome = RawDocument | Failure


def parse_column_map(option: str | None) -> dict[str, str]:
    """``"text=body,published=date"`` → {"text": "body", "published": "date"}; InputError when a
    part is not FIELD=COLUMN or names a field Storyline does not read."""
    mapping: dict[str, str] = {}
    for part in (option or "").split(","):
        if not part.strip():
            continue
        field_name, equals, column = part.partition("=")
        field_name, column = field_name.strip().lower(), column.strip()
        if not equals or not field_name or not column:
            raise InputError(f"--csv-map: {part.strip()!r} is not FIELD=COLUMN (e.g. text=body,published=date)")
        if field_name not in DEFAULT_COLUMNS:
            raise InputError(f"--csv-map: unknown field {field_name!r}; the fields are {', '.join(FIELDS)}")
        mapping[field_name] = column
    return mapping


def read_csv(path: Path, *, columns: Mapping[str, str] | None = None) -> Iterator[ReadOutcome]:
    """Every row of the CSV/TSV file at ``path`` as a record, or a failure for that row."""
    from storyline.ingest.readers import open_input, sniff_encoding

    source = str(path)
    try:
        with open_input(path) as raw:
            buffered = io.BufferedReader(raw) if not isinstance(raw, io.BufferedReader) else raw  # type: ignore[arg-type]
            encoding = sniff_encoding(buffered.peek(4)[:4]) or "utf-8-sig"
            text = io.TextIOWrapper(buffered, encoding=encoding, newline="")  # type: ignore[arg-type]
            tsv = path.name.lower().removesuffix(".gz").endswith(".tsv")
            yield from parse_csv(text, source, columns=columns, delimiter="\t" if tsv else None)
    except UnicodeDecodeError as error:
        yield _failure(source, InputError(
            f"not valid {error.encoding.upper()} text (from byte {error.start} of a block); "
            "rows before it were read; convert the file to UTF-8"))
    except OSError as error:
        yield _failure(source, InputError(f"cannot read file: {error.strerror or error}"))


def parse_csv(stream: io.TextIOBase | io.StringIO, source: str, *, columns: Mapping[str, str] | None = None,
              delimiter: str | None = None) -> Iterator[ReadOutcome]:
    """The rows of a CSV text stream (newline="" as the csv module wants), each a record with
    source ``{source}:LINE``, or a failure for that row; a failure for ``source`` when the header
    cannot be read or names no text column."""
    if csv.field_size_limit() < MAX_ROW_CHARS:
        csv.field_size_limit(MAX_ROW_CHARS)
    lines = _BoundedLines(stream)
    sample = lines.peek(SNIFF_CHARS)
    if not sample.strip():
        yield _failure(source, InputError("empty file"))
        return
    reader = csv.reader(lines, dialect=_dialect(sample, delimiter), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield _failure(source, InputError("empty file"))
        return
    except (csv.Error, _RowTooLarge) as error:
        yield _failure(f"{source}:1", InputError(f"cannot read the header row: {error}"))
        return
    names = [name.strip() for name in header]
    try:
        chosen = choose_columns(names, columns or {})
    except InputError as error:
        yield _failure(source, error)
        return
    while True:
        row_source = f"{source}:{lines.line + 1}"
        lines.new_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _RowTooLarge:
            yield _failure(row_source, InputError(f"row larger than {MAX_ROW_CHARS // (1024 * 1024)} MB; skipped"))
            continue
        except csv.Error as error:
            yield _failure(row_source, InputError(f"malformed CSV row: {error}"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield _failure(row_source, InputError(
                f"malformed CSV row: {len(row)} cells, the header has {len(names)}"))
            continue
        try:
            yield row_record(dict(zip(names, row)), chosen, row_source)
        except InputError as error:
            yield _failure(row_source, error)


def choose_columns(names: list[str], columns: Mapping[str, str]) -> dict[str, str]:
    """Which header column holds each field: the mapping's, else the first default present."""
    by_key = {name.lower(): name for name in reversed(names)}
    chosen: dict[str, str] = {}
    for field_name, candidates in DEFAULT_COLUMNS.items():
        if field_name in columns:
            wanted = columns[field_name]
            if wanted.lower() not in by_key:
                raise InputError(f"--csv-map names column {wanted!r} for {field_name}, but the header has "
                                 f"no such column (it has {', '.join(repr(n) for n in names[:20])})")
            chosen[field_name] = by_key[wanted.lower()]
            continue
        for candidate in candidates:
            if candidate in by_key and by_key[candidate] not in chosen.values():
                chosen[field_name] = by_key[candidate]
                break
    if "text" not in chosen:
        raise InputError(
            f"no text column: the header has {', '.join(repr(n) for n in names[:20])}, none of "
            f"{', '.join(DEFAULT_COLUMNS['text'])}; name it with --csv-map text=COLUMN")
    return chosen


def row_record(row: Mapping[str, str], chosen: Mapping[str, str], source: str) -> RawDocument:
    text = row[chosen["text"]]
    if not text.strip():
        raise InputError(f"no article text: the {chosen['text']!r} cell is empty")
    fields: dict[str, str] = {}
    for field_name, column in chosen.items():
        if field_name != "text" and row[column].strip():
            fields[field_name] = row[column].strip()
    used = set(chosen.values())
    for column, value in row.items():
        if column not in used and column and value.strip() and column not in fields:
            fields[column] = value
    return RawDocument(source=source, format="record", content=text, fields=fields)


def _dialect(sample: str, delimiter: str | None) -> type[csv.Dialect] | csv.Dialect:
    if delimiter:
        class Given(csv.excel):
            pass
        Given.delimiter = delimiter
        return Given
    # Sniff whole lines only: a cut-off last line would mislead the sniffer.
    whole = sample[: sample.rfind("\n") + 1] or sample
    try:
        sniffed = csv.Sniffer().sniff(whole, delimiters=SNIFF_DELIMITERS)
    except csv.Error:
        return csv.excel
    # The sniffer guesses quoting too, and guesses it wrong on prose; only its delimiter is used.
    class Sniffed(csv.excel):
        delimiter = sniffed.delimiter
    return Sniffed


class _RowTooLarge(Exception):
    def __str__(self) -> str:
        return f"row larger than {MAX_ROW_CHARS // (1024 * 1024)} MB"


class _BoundedLines:
    """The stream's lines for csv.reader, counting them (``line``) and bounding each row: a row
    past MAX_ROW_CHARS raises _RowTooLarge out of the reader, after the rest of its current line
    was read in pieces and dropped. The reader starts afresh on the next line."""

    def __init__(self, stream: io.TextIOBase | io.StringIO) -> None:
        self.stream = stream
        self.line = 0
        self.row_chars = 0
        self.pending = ""

    def peek(self, size: int) -> str:
        self.pending = self.stream.read(size)
        return self.pending

    def _readline(self, limit: int) -> str:
        if self.pending:
            head, newline, rest = self.pending.partition("\n")
            if newline:
                self.pending = rest
                return head + newline
            self.pending = ""
            return head + self.stream.readline(max(limit - len(head), 1))
        return self.stream.readline(limit)

    def __iter__(self) -> "_BoundedLines":
        return self

    def __next__(self) -> str:
        line = self._readline(MAX_ROW_CHARS + 1)
        if not line:
            raise StopIteration
        self.line += 1
        self.row_chars += len(line)
        if self.row_chars > MAX_ROW_CHARS:
            while not line.endswith("\n"):
                line = self._readline(SKIP_CHUNK_CHARS)
                if not line:
                    break
            raise _RowTooLarge()
        return line

    def new_row(self) -> None:
        """The reader is about to read a row: its size counts from here."""
        self.row_chars = 0


def _failure(source: str, error: InputError) -> Failure:
    return Failure(source=source, stage="read", reason=error.message, code=error.code)
