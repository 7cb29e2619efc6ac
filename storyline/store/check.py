"""Check a store: does every stored offset still point at its evidence?

    report = check_database("storyline.db")
    if not report.ok:
        for problem in report.problems:
            print(problem.check, problem.table, problem.row, problem.message)

What is checked, and why each can break:

- ``schema``: the store's applied migrations against :data:`~storyline.store.migrations.MIGRATIONS`
  (a store from a newer Storyline, an older one not yet migrated, or a migration applied under
  another name). The offsets are checked only against the schema this Storyline knows;
- ``integrity``: ``PRAGMA integrity_check`` (a damaged file: a copy cut short, a disk error);
- ``foreign-key``: ``PRAGMA foreign_key_check`` (rows whose document or actor is gone: a store
  edited by hand, or written with foreign keys off);
- ``full-text``: the FTS5 ``integrity-check`` of ``sentences_fts`` against the ``sentences`` it
  indexes (an index row deleted or left behind: search would miss or invent hits);
- ``offset``: every span in :data:`SPANS` against its document's clean text: within the text,
  and, where the row keeps the span's text, ``text[start:end]`` equal to it. A quote's ``parts``
  lie inside its content. Removed spans are skipped: their offsets index the raw input.

On PostgreSQL the schema and offset checks run (see :func:`check_postgres` for why the others
do not). The check only reads. It opens the database without migrating it, so an old or foreign store is
reported as it is, not changed first.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

from storyline.errors import StoreError
from storyline.store.dialect import DATABASE_ERRORS, UNDEFINED_TABLE_ERRORS, is_postgres_url, shown_location
from storyline.store.migrations import MIGRATIONS

ProblemKind = Literal["schema", "integrity", "foreign-key", "full-text", "offset"]

# How long the check waits for a build that holds the write lock (the FTS check takes it briefly).
BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a store: which check found it, where, and what it is."""

    check: ProblemKind
    message: str
    table: str | None = None
    row: int | None = None  # the row's id (rowid) in ``table``
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class CheckReport:
    documents: int  # documents whose offsets were checked
    offsets: int  # spans checked
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class SpanColumns:
    """Where a table keeps one kind of span: its offset columns and, if kept, its text column.

    ``optional`` spans are absent when their start is NULL (a quote with no cue); a span without
    a text column (an event's date, whose text is its time expression's) is checked for bounds.
    """

    table: str
    name: str
    start: str
    end: str
    text: str | None = None
    optional: bool = False


def _event_spans(table: str) -> tuple[SpanColumns, ...]:
    return (
        SpanColumns(table, "evidence", "start", "end", "text"),
        SpanColumns(table, "trigger", "trigger_start", "trigger_end", "trigger_text"),
        SpanColumns(table, "source", "source_start", "source_end", "source_text", optional=True),
        SpanColumns(table, "target", "target_start", "target_end", "target_text", optional=True),
        SpanColumns(table, "place", "place_start", "place_end", "place_text", optional=True),
        SpanColumns(table, "date", "date_start", "date_end", optional=True),
    )


# Every span the store keeps whose offsets index a document's clean text (see migrations.py).
SPANS: tuple[SpanColumns, ...] = (
    SpanColumns("sentences", "sentence", "start", "end", "text"),
    SpanColumns("mentions", "mention", "start", "end", "text"),
    SpanColumns("mentions", "role", "role_start", "role_end", "role", optional=True),
    SpanColumns("quotes", "content", "start", "end", "text"),
    SpanColumns("quotes", "cue", "cue_start", "cue_end", "cue_text", optional=True),
    SpanColumns("quotes", "speaker", "speaker_start", "speaker_end", "speaker_text", optional=True),
    SpanColumns("quotes", "speaker reference", "ref_start", "ref_end", "ref_text", optional=True),
    SpanColumns("quotes", "speaker's principal", "for_start", "for_end", "for_text", optional=True),
    SpanColumns("timexes", "time expression", "start", "end", "text"),
    SpanColumns("undated_timexes", "time expression", "start", "end", "text"),
    *_event_spans("events"),
    *_event_spans("undated_events"),
)

# How a shown span's text is cut, so one bad row does not print a whole article.
SHOWN_CHARS = 40


def check_database(path: str | Path) -> CheckReport:
    """Check the Storyline database at ``path`` (see the module docstring for what is checked)."""
    path = str(path)
    if is_postgres_url(path):
        return check_postgres(path)
    if path != ":memory:" and not Path(path).is_file():
        raise StoreError(f"no Storyline database at {path}; run `storyline build PATH --db {path}` first")
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {path}: {error}") from None
    try:
        connection.row_factory = sqlite3.Row
        return check(connection)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a usable Storyline database: {error}") from None
    finally:
        connection.close()


def check(connection: sqlite3.Connection) -> CheckReport:
    """Check an open Storyline database; the connection's ``row_factory`` must be ``sqlite3.Row``."""
    problems = list(schema_problems(connection))
    problems += integrity_problems(connection)
    problems += foreign_key_problems(connection)
    if any(p.check == "schema" for p in problems):
        # Tables and columns may not be what this Storyline expects: check nothing it cannot read.
        return CheckReport(0, 0, tuple(problems))
    problems += full_text_problems(connection)
    documents, offsets, offset_problems = check_offsets(connection)
    return CheckReport(documents, offsets, tuple(problems + offset_problems))


def check_postgres(url: str) -> CheckReport:
    """Check a PostgreSQL store: its schema and its offsets. The rest is the server's own work:
    it keeps its pages whole, enforces every foreign key on each write, and derives the search
    vectors from the sentences itself (a generated column), so none can disagree."""
    from storyline.store import postgres  # noqa: PLC0415 — psycopg is an optional dependency

    if not postgres.database_exists(url):
        raise StoreError(f"no Storyline database at {shown_location(url)}; run `storyline build PATH --db URL` first")
    connection = postgres.connect(url)
    try:
        problems = list(schema_problems(connection))  # type: ignore[arg-type]
        if problems:
            return CheckReport(0, 0, tuple(problems))
        documents, offsets, offset_problems = check_offsets(connection)  # type: ignore[arg-type]
        return CheckReport(documents, offsets, tuple(offset_problems))
    except DATABASE_ERRORS as error:
        raise StoreError(f"{shown_location(url)} is not a usable Storyline database: {error}") from None
    finally:
        connection.close()


def schema_problems(connection: sqlite3.Connection) -> Iterator[Problem]:
    known = {m.version: m.name for m in MIGRATIONS}
    try:
        applied = {r["version"]: r["name"] for r in connection.execute("SELECT version, name FROM schema_migrations")}
    except UNDEFINED_TABLE_ERRORS:
        yield Problem("schema", "no schema_migrations table: this is not a Storyline database")
        return
    newest = max(known)
    for version in sorted(set(applied) - set(known)):
        yield Problem("schema", f"migration {version} ({applied[version]!r}) is newer than this Storyline knows "
                                f"(up to {newest}); upgrade Storyline", "schema_migrations")
    missing = sorted(set(known) - set(applied))
    if missing and not set(applied) - set(known):
        yield Problem("schema", f"schema version {max(applied, default=0)}, this Storyline's is {newest}: migrations "
                                f"{', '.join(map(str, missing))} not applied; any other storyline command on this "
                                "store applies them", "schema_migrations")
    for version in sorted(set(applied) & set(known)):
        if applied[version] != known[version]:
            yield Problem("schema", f"migration {version} was applied as {applied[version]!r}, which this "
                                    f"Storyline knows as {known[version]!r}: the store comes from another "
                                    "version of the schema", "schema_migrations")


def integrity_problems(connection: sqlite3.Connection) -> list[Problem]:
    messages = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if messages == ["ok"]:
        return []
    return [Problem("integrity", f"{message}; the file is damaged: rebuild the store from its inputs")
            for message in messages]


def foreign_key_problems(connection: sqlite3.Connection) -> list[Problem]:
    return [Problem("foreign-key", f"refers to a {row['parent']} row that does not exist", row["table"], row["rowid"])
            for row in connection.execute("PRAGMA foreign_key_check")]


def full_text_problems(connection: sqlite3.Connection) -> list[Problem]:
    """The sentence index against the sentences (rank 1: compare with the content table too)."""
    try:
        connection.execute("INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise StoreError("the store is busy (a build is writing it); run the check when it is done") from None
        return [Problem("full-text", f"the search index disagrees with the sentences ({error}); rebuild it with "
                                     "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')", "sentences_fts")]
    return []


def check_offsets(connection: sqlite3.Connection) -> tuple[int, int, list[Problem]]:
    """Every span of every document against the document's text: (documents, spans, problems).

    One document at a time (each table has an index on ``doc``), so a large store is never held
    in memory at once. Rows whose document is gone are the foreign-key check's to report.
    """
    tables: dict[str, list[SpanColumns]] = {}
    for columns in SPANS:
        tables.setdefault(columns.table, []).append(columns)
    documents = offsets = 0
    problems: list[Problem] = []
    for document in connection.execute("SELECT id, text FROM documents ORDER BY id").fetchall():
        doc, text = document["id"], document["text"]
        documents += 1
        for table, spans in tables.items():
            for row in connection.execute(f"SELECT * FROM {table} WHERE doc = ? ORDER BY id", (doc,)):
                for span in _row_spans(row, spans):
                    offsets += 1
                    message = span_problem(text, span.start, span.end, span.expected, span.within)
                    if message:
                        problems.append(Problem("offset", f"{span.name} {message}", table, row["id"], doc))
    return documents, offsets, problems


@dataclass(frozen=True, slots=True)
class _StoredSpan:
    name: str
    start: object  # as stored: an int, or whatever a damaged row holds
    end: object
    expected: str | None  # the text the row says is there, when it keeps one
    within: tuple[int, int, str] | None = None  # narrower bounds than the text, and whose


def _row_spans(row: sqlite3.Row, spans: list[SpanColumns]) -> Iterator[_StoredSpan]:
    """Each span one row keeps."""
    for columns in spans:
        if row[columns.start] is None and columns.optional:
            continue
        yield _StoredSpan(columns.name, row[columns.start], row[columns.end],
                          row[columns.text] if columns.text else None)
    if "parts" in row.keys():
        # A quote keeps its pieces as offsets only; their text is cut from its content (store._quote).
        try:
            parts = json.loads(row["parts"])
        except (TypeError, ValueError):
            parts = None
        if not isinstance(parts, list):
            yield _StoredSpan("parts", row["parts"], None, None)
            return
        content = (row["start"], row["end"], "the quote's content")
        for part in parts:
            if not (isinstance(part, list) and len(part) == 2 and all(type(x) is int for x in part)):
                yield _StoredSpan("part", part, None, None)
                continue
            start, end = part
            cut = row["text"][start - row["start"]:end - row["start"]] if row["start"] <= start else None
            yield _StoredSpan("part", start, end, cut, content)


def span_problem(text: str, start: object, end: object, expected: str | None = None,
                 within: tuple[int, int, str] | None = None) -> str | None:
    """What is wrong with the span ``start``–``end`` of ``text`` (None when nothing is).

    ``within`` gives narrower bounds than the text and what they are ("the quote's content").
    """
    if type(start) is not int or type(end) is not int:
        return f"has offsets {start!r}–{end!r}, not two numbers"
    low, high, bounds = within if within is not None else (0, len(text), "its document's text")
    if not (0 <= low <= start <= end <= high <= len(text)):
        return f"{start}–{end} lies outside {bounds} ({low}–{high})"
    if expected is not None and text[start:end] != expected:
        return f"{start}–{end} reads {_shown(text[start:end])} in the text, but the row says {_shown(expected)}"
    return None


def _shown(text: str) -> str:
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…")
