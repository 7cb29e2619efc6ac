"""Where the store's SQL differs between SQLite and PostgreSQL, written once per dialect.

The store (storyline/store/sqlite.py) speaks SQLite. On PostgreSQL every statement it sends goes
through :meth:`PostgresDialect.translate` (storyline/store/postgres.py does the sending), so the
store's queries and migrations are one list, not two copies. What PostgreSQL must be told
differently:

- ``?`` placeholders become ``%s`` (psycopg's); a literal ``%`` becomes ``%%``;
- ``end`` is a reserved word there: the column is quoted;
- ``INSERT OR IGNORE`` / ``INSERT OR REPLACE`` become ``ON CONFLICT DO NOTHING`` / ``DO UPDATE``
  (over the table's primary key, read from the catalog);
- ``IN (SELECT value FROM json_each(?))`` becomes ``json_array_elements_text``;
- ``LIMIT -1`` (SQLite's "no limit") becomes ``LIMIT NULL``; ``LIKE`` becomes ``ILIKE`` (SQLite's
  LIKE ignores ASCII case); every ``ORDER BY`` key says where NULLs go as SQLite puts them (first
  ascending, last descending);
- in the schema: ``INTEGER PRIMARY KEY`` an identity column, every other table a ``rowid`` identity
  (SQLite gives every table one; the store orders aliases by it), ``REAL`` double precision, ``BLOB``
  bytea, text compared byte by byte (``COLLATE "C"``, SQLite's BINARY); the FTS5 table and its
  triggers a generated ``tsvector`` column with a GIN index;
- full-text search itself (:meth:`PostgresDialect.word_search_sql`): ``websearch_to_tsquery``,
  ``ts_rank_cd`` and ``ts_headline`` where SQLite has MATCH, ``bm25`` and ``highlight``.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Callable

# What FTS5's highlight() and ts_headline put around each matched term of a search hit; the store
# reads the offsets back from them (storyline.store.sqlite._marks).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"

# The text search configuration of the PostgreSQL store: English stemming (FTS5's porter) on
# unaccented words (FTS5's remove_diacritics), so "Zelenskiy" and "Zelenskíy" match alike.
TEXT_SEARCH_CONFIG = "storyline"

# A database error, whichever the back end (psycopg is an optional dependency).
try:
    import psycopg

    DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, psycopg.Error)
    OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, psycopg.OperationalError)
    UNDEFINED_TABLE_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, psycopg.errors.UndefinedTable)
except ImportError:  # pragma: no cover - the [postgres] extra is not installed
    DATABASE_ERRORS = (sqlite3.DatabaseError,)
    OPERATIONAL_ERRORS = UNDEFINED_TABLE_ERRORS = (sqlite3.OperationalError,)

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: object) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a SQLite file."""
    return str(db).startswith(POSTGRES_SCHEMES)


def shown_location(db: object) -> str:
    """``--db`` as a message may show it: a PostgreSQL URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(db)) if is_postgres_url(db) else str(db)


class SQLiteDialect:
    """The store's own SQL: nothing to translate."""

    name = "sqlite"

    def word_search_sql(self, within: str) -> str:
        """Sentences matching a full-text query (the first argument), with the store's columns,
        ``rank`` (lower is better) and ``marked`` (the sentence with its matches marked); the
        arguments are the query, ``within``'s, the limit and the offset."""
        if within:
            return (
                "SELECT s.doc, d.title, s.idx, s.start, s.end, s.text, bm25(sentences_fts) AS rank,"
                f" highlight(sentences_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}') AS marked"
                " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.doc"
                f" WHERE sentences_fts MATCH ?{within} ORDER BY rank, s.doc, s.idx LIMIT ? OFFSET ?"
            )
        # Over the whole store a common word matches a large share of all sentences (186,210 of
        # 1.2 million for "Ukraine" at the allsides corpus's size). FTS5 must score every match, but
        # only the page's rows need joining, sorting by the tie-break and marking: first the scores
        # alone, then the rows scoring no worse than the page's last (ties kept whole, so the page
        # is the one the plain ORDER BY gives), then their text and marks. Twice as fast there;
        # the marks cost a lookup per row shown, so this is for pages, not for thousands of hits.
        return (
            "WITH ranked AS MATERIALIZED (SELECT rowid AS id, bm25(sentences_fts) AS rank FROM sentences_fts"
            " WHERE sentences_fts MATCH ?1),"
            " page AS MATERIALIZED (SELECT r.id, r.rank, s.doc, s.idx FROM ranked r JOIN sentences s ON s.id = r.id"
            " WHERE r.rank <= coalesce((SELECT rank FROM ranked ORDER BY rank LIMIT 1 OFFSET ?2 + ?3 - 1), 1e308)"
            " ORDER BY r.rank, s.doc, s.idx LIMIT ?2 OFFSET ?3)"
            " SELECT s.doc, d.title, s.idx, s.start, s.end, s.text, page.rank AS rank,"
            f" highlight(sentences_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}') AS marked"
            " FROM page JOIN sentences_fts ON sentences_fts.rowid = page.id JOIN sentences s ON s.id = page.id"
            " JOIN documents d ON d.id = s.doc WHERE sentences_fts MATCH ?1 ORDER BY page.rank, s.doc, s.idx"
        )


SQLITE = SQLiteDialect()

# The schema statements PostgreSQL writes otherwise, by how the SQLite statement starts: the FTS5
# index of migration 1 becomes a generated tsvector column (kept by PostgreSQL itself, so the
# triggers that keep FTS5's in step have nothing to do).
SCHEMA_REPLACEMENTS: dict[str, tuple[str, ...]] = {
    "CREATE VIRTUAL TABLE sentences_fts": (
        # unaccent is a trusted extension: the database's owner may create it.
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        f"CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} (COPY = english)",
        f"ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} ALTER MAPPING FOR hword, hword_part, word"
        " WITH unaccent, english_stem",
        "ALTER TABLE sentences ADD COLUMN words tsvector"
        f" GENERATED ALWAYS AS (to_tsvector('{TEXT_SEARCH_CONFIG}', text)) STORED",
        "CREATE INDEX sentences_words ON sentences USING gin (words)",
    ),
    "CREATE TRIGGER sentences_fts_": (),
}

# Statements PostgreSQL needs written otherwise, fragment by fragment (after the placeholders
# are translated): json_each's rows are json there.
FRAGMENT_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("FROM json_each(%s) AS k JOIN sentences s ON s.doc = json_extract(k.value, '$[0]')"
     " AND s.idx = json_extract(k.value, '$[1]')",
     "FROM json_array_elements(%s::json) AS k(value) JOIN sentences s ON s.doc = k.value->>0"
     " AND s.idx = (k.value->>1)::bigint"),
)

_LEADING_COMMENTS = re.compile(r"\A(\s*--[^\n]*\n)*\s*")
_REFERENCE = re.compile(r"REFERENCES \w+\(\w+\)(?: ON DELETE (?:CASCADE|SET NULL))?")
# SQLite's catalog as PostgreSQL's answers it (the Parquet export reads it, storyline/serve/parquet.py):
# the tables in the order they were made, and each one's columns with SQLite's declared types,
# without the columns only PostgreSQL has (rowid, the search vector).
_TABLE_INFO = re.compile(r'^PRAGMA table_info\("(\w+)"\)$')
SQLITE_TYPES = "CASE data_type WHEN 'bigint' THEN 'INTEGER' WHEN 'double precision' THEN 'REAL'" \
               " WHEN 'bytea' THEN 'BLOB' ELSE 'TEXT' END"
CATALOG_STATEMENTS = {
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid":
        "SELECT relname AS name, NULL AS sql FROM pg_class WHERE relkind = 'r'"
        " AND relnamespace = current_schema()::regnamespace ORDER BY oid",
    "PRAGMA defer_foreign_keys = ON": "SET CONSTRAINTS ALL DEFERRED",
}
_SCAN = re.compile(r"^SELECT [^()]*? FROM \w+(?: WHERE [^()]*)?$", re.S)  # no subquery: it would use an index
_ORDERED = re.compile(r"\b(ORDER BY|GROUP BY|JOIN|LIMIT)\b")
_IN_IDS = re.compile(r"(\b[\w.]+) IN \(SELECT value FROM json_each\(\?\)\)")
_END_COLUMN = re.compile(r"(?<![\w\"'])end(?![\w\"'])")  # the keyword is written END
_INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+) \(([^)]*)\)", re.S)
_LIMIT = re.compile(r"LIMIT \?")
_WHERE_TRUE = re.compile(r"\bWHERE 1\b")
_ORDER_BY = re.compile(r"\bORDER BY\b")
_ORDER_ENDS = re.compile(r"\b(LIMIT|OFFSET)\b")
_INTEGER_KEY = re.compile(r"\b(\w+) INTEGER PRIMARY KEY\b")
_SCHEMA_TYPES = (
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\(strftime\('%Y-%m-%dT%H:%M:%SZ', 'now'\)\)"),
     "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"),
)


class PostgresDialect:
    """The store's SQL as PostgreSQL takes it (see the module docstring for what changes)."""

    name = "postgres"

    def word_search_sql(self, within: str) -> str:
        # ts_rank_cd is higher for better; negated, so that ``rank`` orders as bm25 does. The
        # query is read with websearch_to_tsquery: quoted phrases, OR, -word, and any stray
        # character is no syntax error.
        return (
            "SELECT s.doc, d.title, s.idx, s.start, s.end, s.text, -ts_rank_cd(s.words, query) AS rank,"
            f" ts_headline('{TEXT_SEARCH_CONFIG}', s.text, query,"
            f" 'StartSel=\"{MARK_OPEN}\", StopSel=\"{MARK_CLOSE}\", HighlightAll=true') AS marked"
            f" FROM sentences s JOIN documents d ON d.id = s.doc"
            f" CROSS JOIN websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?) AS query"
            f" WHERE s.words @@ query{within} ORDER BY rank, s.doc, s.idx LIMIT ? OFFSET ?"
        )

    def schema(self, statement: str) -> tuple[str, ...]:
        """A migration's statement as the PostgreSQL statements that make the same schema."""
        statement = _LEADING_COMMENTS.sub("", statement)
        for start, replacement in SCHEMA_REPLACEMENTS.items():
            if statement.startswith(start):
                return replacement
        if not statement.startswith(("CREATE TABLE", "ALTER TABLE")):
            return (statement,)
        if statement.startswith("CREATE TABLE"):
            # SQLite's rowid, which some reads order by: the INTEGER PRIMARY KEY where the table
            # has one, else a column of its own.
            key = _INTEGER_KEY.search(statement)
            rowid = f"GENERATED ALWAYS AS ({key.group(1)}) STORED" if key else "GENERATED ALWAYS AS IDENTITY"
            statement = statement.replace("(", f"(\n    rowid BIGINT {rowid},", 1)
        statement = _INTEGER_KEY.sub(r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
        # Deferrable, so that a load may defer them as SQLite's PRAGMA defer_foreign_keys does.
        statement = _REFERENCE.sub(r"\g<0> DEFERRABLE", statement)
        for pattern, written in _SCHEMA_TYPES:
            statement = pattern.sub(written, statement)
        return (statement,)

    def catalog(self, sql: str) -> str | None:
        """A question to SQLite's catalog as PostgreSQL's catalog answers it (None: none such)."""
        if sql in CATALOG_STATEMENTS:
            return CATALOG_STATEMENTS[sql]
        table_info = _TABLE_INFO.match(sql)
        if table_info is None:
            return None
        return (f"SELECT ordinal_position - 1 AS cid, column_name AS name, {SQLITE_TYPES} AS type"
                " FROM information_schema.columns WHERE table_schema = current_schema()"
                f" AND table_name = '{table_info.group(1)}' AND column_name NOT IN ('rowid', 'words')"
                " ORDER BY ordinal_position")

    def translate(self, sql: str, primary_key: Callable[[str], tuple[str, ...]]) -> str:
        """One store statement as PostgreSQL takes it; ``primary_key`` names a table's key columns
        (what ``INSERT OR REPLACE`` replaces on)."""
        return _translate(sql, primary_key)


@lru_cache(maxsize=1024)
def _translated_text(sql: str) -> str:
    """The translation that needs no catalog: every statement the store sends is one of a few
    hundred strings, so each is translated once."""
    sql = _IN_IDS.sub(r"\1::text IN (SELECT json_array_elements_text(?::json))", sql)
    sql = _END_COLUMN.sub('"end"', sql)
    sql = _WHERE_TRUE.sub("WHERE TRUE", sql)
    sql = _LIMIT.sub("LIMIT NULLIF(?, -1)", sql)
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)
    sql = _nulls_as_sqlite(sql)
    if _SCAN.match(sql) and not _ORDERED.search(sql):
        # A plain scan of one table comes from SQLite in rowid order, and some callers keep that
        # order (a dict of each document's vector); PostgreSQL's heap order moves with updates.
        sql += " ORDER BY rowid"
    sql = sql.replace("%", "%%").replace("?", "%s")
    for fragment, written in FRAGMENT_REPLACEMENTS:
        sql = sql.replace(fragment, written)
    return sql


def _translate(sql: str, primary_key: Callable[[str], tuple[str, ...]]) -> str:
    sql = _translated_text(sql)
    insert = _INSERT_OR.match(sql)
    if insert is None:
        return sql
    action, table, columns = insert.groups()
    sql = sql.replace(f"INSERT OR {action} INTO", "INSERT INTO", 1)
    if action == "IGNORE":
        return f"{sql} ON CONFLICT DO NOTHING"
    key = primary_key(table)
    updated = [c.strip() for c in columns.split(",") if c.strip() not in key]
    if not updated:
        return f"{sql} ON CONFLICT DO NOTHING"
    return f"{sql} ON CONFLICT ({', '.join(key)}) DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in updated)


def _nulls_as_sqlite(sql: str) -> str:
    """Every ORDER BY key with NULLS FIRST (ascending) or NULLS LAST (descending): where SQLite
    sorts NULL, which PostgreSQL sorts the other way round."""
    out, at = [], 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < at:
            continue
        out.append(sql[at:match.end()])
        end, depth = match.end(), 0
        while end < len(sql):
            char = sql[end]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and _ORDER_ENDS.match(sql, end) and sql[end - 1] == " ":
                break
            end += 1
        keys, depth, current = [], 0, ""
        for char in sql[match.end():end]:
            if char == "," and depth == 0:
                keys.append(current)
                current = ""
                continue
            depth += char == "("
            depth -= char == ")"
            current += char
        keys.append(current)
        written = []
        for key in keys:
            trailing = " " if key.endswith(" ") else ""
            key = key.rstrip()
            written.append(f"{key} NULLS LAST" if key.upper().endswith(" DESC") else f"{key} NULLS FIRST")
            written[-1] += trailing
        out.append(",".join(written))
        at = end
    out.append(sql[at:])
    return "".join(out)
