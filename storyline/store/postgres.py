"""PostgreSQL as a shared store: ``--db postgresql://user@host/name`` wherever ``--db FILE`` works.

The store (storyline/store/sqlite.py) keeps one code path: it is handed a
:class:`PostgresConnection`, which answers the part of :class:`sqlite3.Connection` the store uses
(``execute``, ``executemany``, ``in_transaction``, ``total_changes``, rows read by name or
position) and sends each statement as :class:`~storyline.store.dialect.PostgresDialect` writes it.

Several readers and one writer at a time, as on SQLite: a write transaction (SQLite's ``BEGIN
IMMEDIATE``) first takes a transaction-scoped advisory lock, so writers queue as they do for
SQLite's write lock, and readers never wait (MVCC); a snapshot (the store's plain ``BEGIN``) is a
REPEATABLE READ transaction, one state of the store for all its reads. The build lock
(storyline/store/lock.py) is a session advisory lock held by a connection of its own.

Needs the ``[postgres]`` extra (psycopg 3).
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from storyline.errors import StoreError
from storyline.store.dialect import PostgresDialect, shown_location

try:
    import psycopg
    from psycopg.pq import TransactionStatus
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]

POSTGRES = PostgresDialect()
# An insert that gives the ids of its rows: the store's own inserts do so only where the id is text;
# a Parquet load does so everywhere.
_INSERT_WITH_ID = re.compile(r'^INSERT INTO "?(\w+)"? \("?id"?,')
# Advisory lock keys (one namespace per database): the write lock of every write transaction, and
# the build lock held for a whole build. Any two distinct bigints; these spell "storyline".
WRITE_LOCK_KEY = 0x73746F72_796C696E
BUILD_LOCK_KEY = WRITE_LOCK_KEY + 1
# What a build's connection calls itself, so a waiting build can say who holds the lock.
APPLICATION_NAME = "storyline"


class Row(tuple):  # type: ignore[type-arg]
    """A result row read by position or by column name, as :class:`sqlite3.Row` is."""

    __slots__ = ()
    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    names = {column.name: i for i, column in enumerate(cursor.description)}
    row_class = type("Row", (Row,), {"__slots__": (), "_names": names})
    return row_class


def require_psycopg() -> None:
    if psycopg is None:
        raise StoreError("a postgresql:// store needs psycopg: pip install 'storyline[postgres]'")


def connect(url: str, *, application_name: str = APPLICATION_NAME) -> "PostgresConnection":
    require_psycopg()
    try:
        connection = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                     application_name=application_name)
    except psycopg.Error as error:
        raise StoreError(f"cannot connect to {shown_location(url)}: {str(error).strip()}") from None
    return PostgresConnection(connection)


class PostgresConnection:
    """The store's connection to a PostgreSQL database (one per thread, as with SQLite)."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._keys: dict[str, tuple[str, ...]] = {}  # the catalog's answers, asked once a table
        self._identities: dict[str, bool] = {}
        self.total_changes = 0  # rows written, as sqlite3's counter: the store's revision reads it
        self._trace: Callable[[str], None] | None = None

    @property
    def in_transaction(self) -> bool:
        return self._connection.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> Any:
        if sql == "BEGIN IMMEDIATE":
            return self._begin_write()
        if sql == "BEGIN":
            return self._send(self._connection.cursor(), "BEGIN ISOLATION LEVEL REPEATABLE READ", [])
        catalog = POSTGRES.catalog(sql)
        if catalog is not None:
            return self._send(self._connection.cursor(), catalog, [])
        statements = POSTGRES.schema(sql)
        cursor = None
        for statement in statements:
            cursor = self._send(self._connection.cursor(), POSTGRES.translate(statement, self._primary_key),
                                list(parameters) if parameters is not None else [])
            self._count(cursor)
        return cursor if cursor is not None else self._connection.execute("SELECT 1 WHERE FALSE")

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self._connection.cursor()
        rows = list(rows)
        if rows:
            translated = POSTGRES.translate(sql, self._primary_key)
            if self._trace is not None:
                self._trace(translated)
            cursor.executemany(translated, rows)
            self._count(cursor)
            self._advance_identity(translated)
        return cursor

    def _advance_identity(self, insert: str) -> None:
        """After rows inserted with their ids given (a Parquet load), move the table's identity
        past them, as SQLite's next rowid follows the largest: the next row must not collide."""
        given = _INSERT_WITH_ID.match(insert)
        if given is None or not self._has_identity(given.group(1)):
            return
        table = given.group(1)
        self._connection.execute(
            f'SELECT setval(pg_get_serial_sequence(%s, \'id\'), max(id)) FROM "{table}" HAVING max(id) IS NOT NULL',
            [table])

    def close(self) -> None:
        self._connection.close()

    def set_trace_callback(self, trace: Callable[[str], None] | None) -> None:
        """Call ``trace`` with each statement sent, as sqlite3's hook does (the tests count them)."""
        self._trace = trace

    def _send(self, cursor: Any, sql: str, parameters: Sequence[Any]) -> Any:
        if self._trace is not None:
            self._trace(sql)
        return cursor.execute(sql, parameters)

    def _count(self, cursor: Any) -> None:
        if cursor.rowcount > 0 and cursor.description is None:
            self.total_changes += cursor.rowcount

    def _begin_write(self) -> Any:
        """SQLite's BEGIN IMMEDIATE: a transaction that holds the store's one write lock."""
        from storyline.store import sqlite  # noqa: PLC0415 — the store imports this module

        self._connection.execute("BEGIN")
        # SQLite's busy timeout, read when used (as SQLite reads it when it connects).
        self._connection.execute(f"SET LOCAL lock_timeout = '{round(sqlite.BUSY_TIMEOUT_S * 1000)}ms'")
        try:
            return self._connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
        except psycopg.errors.LockNotAvailable:
            self._connection.execute("ROLLBACK")
            raise psycopg.OperationalError("database is locked by another writer") from None

    def _has_identity(self, table: str) -> bool:
        if table not in self._identities:
            row = self._connection.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table]).fetchone()
            self._identities[table] = row[0] is not None
        return self._identities[table]

    def _primary_key(self, table: str) -> tuple[str, ...]:
        if table not in self._keys:
            rows = self._connection.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary"
                " ORDER BY array_position(i.indkey, a.attnum)", [table]).fetchall()
            self._keys[table] = tuple(f'"{r[0]}"' if r[0] == "end" else r[0] for r in rows)
        return self._keys[table]


def database_exists(url: str) -> bool:
    """Whether the database the URL names exists (an unreachable server is a StoreError)."""
    require_psycopg()
    try:
        psycopg.connect(url, autocommit=True).close()
    except psycopg.OperationalError as error:
        if "does not exist" in str(error):
            return False
        raise StoreError(f"cannot connect to {shown_location(url)}: {str(error).strip()}") from None
    return True


@contextmanager
def build_lock(url: str, *, on_wait: Any = None, wait: bool = True) -> Iterator[None]:
    """The build lock of a PostgreSQL store: a session advisory lock, held by a connection of its
    own for the whole build (released by PostgreSQL if the build's process dies)."""
    holder_name = f"{APPLICATION_NAME} build pid {os.getpid()}"
    connection = connect(url, application_name=holder_name)
    raw = connection._connection
    try:
        if not raw.execute("SELECT pg_try_advisory_lock(%s)", [BUILD_LOCK_KEY]).fetchone()[0]:
            row = raw.execute(
                "SELECT a.application_name, a.client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database()) AND (l.classid::bigint << 32) + l.objid::bigint = %s",
                [BUILD_LOCK_KEY]).fetchone()
            holder = f"{row[0] or 'another client'}" + (f" at {row[1]}" if row and row[1] else "") if row \
                else "another process"
            where = shown_location(url)
            if not wait:
                raise StoreError(f"another build into {where} is running ({holder}); try again when it has finished")
            if on_wait is not None:
                on_wait(f"another build into {where} is running ({holder}); waiting for it to finish")
            raw.execute("SELECT pg_advisory_lock(%s)", [BUILD_LOCK_KEY])
        try:
            yield
        finally:
            raw.execute("SELECT pg_advisory_unlock(%s)", [BUILD_LOCK_KEY])
    finally:
        connection.close()
