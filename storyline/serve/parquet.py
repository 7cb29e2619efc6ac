"""A store as Parquet datasets, and back: for DuckDB, pandas, Spark, and for moving a corpus.

    write_parquet(store, "out/")     # out/documents/month=2024-03/….parquet, out/quotes/….parquet, …
    load_parquet("out/", store)      # into an empty store: the same items as the one exported

Each table of the store is one dataset, named like the table (documents, publications, actors,
mentions, quotes, timexes, events, timeline_entries, stories, positions, and the tables that hang
off them: sentences, removed_spans, actor_aliases, story_documents, …), its columns the table's
columns with their SQLite types (INTEGER → int64, REAL → double, TEXT → string; the JSON lists and
objects stay JSON text, as they are stored). A record with a date of its own is partitioned by its
month, hive-style (``month=2024-03``; ``month=__HIVE_DEFAULT_PARTITION__`` for an undated one): a
month of news is a few directories, not thousands of one-day files. ``_rowid`` keeps the store's
row order, so that a loaded store lists its items in the order the exported one did.
``storyline.json`` says which schema version the datasets have, and how many rows each holds.

A table, not a projection, is the unit because a loaded store must be the exported one: the
projections of :mod:`storyline.serve.export` leave out what the store derives its answers from
(the sentences behind full-text search, the corpus steps' state). The full-text index is not
exported: the store rebuilds it as the sentences are loaded.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from storyline.errors import InputError, StoreError
from storyline.store import Store

MANIFEST = "storyline.json"
ROW_ORDER = "_rowid"
PARTITION = "month"
# The column whose month partitions a table's dataset: the records that have a date of their own.
DATED_COLUMNS = {"documents": "published", "publications": "published", "timeline_entries": "date",
                 "positions": "date", "stories": "first"}
# The store's own bookkeeping: the loading store has its own migrations.
NOT_EXPORTED = frozenset({"schema_migrations"})
ARROW_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string(), "BLOB": pa.binary()}
# Rows per Arrow record batch written: bounds the memory an export needs, whatever the store's size.
ROWS_PER_BATCH = 20_000


def exported_tables(connection: sqlite3.Connection) -> list[str]:
    """The store's tables in the order they were created (a table after those it refers to),
    without the full-text index (a virtual table and its shadow tables) and the migrations."""
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return [name for name, _ in rows
            if name not in NOT_EXPORTED and not name.startswith("sqlite_")
            and not any(name == v or name.startswith(v + "_") for v in virtual)]


def table_schema(connection: sqlite3.Connection, table: str) -> pa.Schema:
    """The Arrow schema of a table's dataset: its columns, then the row order and the partition."""
    columns = [(row[1], ARROW_TYPES.get(row[2].upper(), pa.string()))
               for row in connection.execute(f'PRAGMA table_info("{table}")')]
    extra = [(ROW_ORDER, pa.int64())] + ([(PARTITION, pa.string())] if table in DATED_COLUMNS else [])
    return pa.schema(columns + extra)


def month_of(value: object) -> str | None:
    """The partition of an ISO date (2024-03-05 → 2024-03); None for no date or another form."""
    if isinstance(value, str) and len(value) >= 7 and value[:4].isdigit() and value[4] == "-" and value[5:7].isdigit():
        return value[:7]
    return None


def writable_target(out: str | Path) -> Path:
    """``out`` if it is a folder the datasets can go into: new, or empty."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{out} is not an empty folder; give a new or empty folder to write the datasets into")
    return out


def write_parquet(store: Store, out: str | Path) -> dict[str, int]:
    """Write every table of ``store`` as a Parquet dataset under ``out`` (a new or empty folder);
    return the rows written per table. All tables are read from one state of the store."""
    out = writable_target(out)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with store.snapshot():
        connection = store.connection
        for table in exported_tables(connection):
            schema = table_schema(connection, table)
            counted = [0]
            batches = _batches(connection, table, schema, counted)
            target = out / table
            if table in DATED_COLUMNS:
                ds.write_dataset(batches, target, schema=schema, format="parquet", max_partitions=100_000,
                                 partitioning=ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive"),
                                 basename_template="part-{i}.parquet")
            else:
                ds.write_dataset(batches, target, schema=schema, format="parquet", basename_template="part-{i}.parquet")
            if not counted[0]:  # an empty table is still a dataset with its schema
                target.mkdir(parents=True, exist_ok=True)
                pq.write_table(schema.empty_table(), target / "part-0.parquet")
            counts[table] = counted[0]
        manifest = {"format": "storyline-parquet", "schema_version": store.schema_version, "rows": counts,
                    "partitioning": {"flavor": "hive", "column": PARTITION, "by": DATED_COLUMNS}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return counts


def _batches(connection: sqlite3.Connection, table: str, schema: pa.Schema,
             counted: list[int]) -> Iterator[pa.RecordBatch]:
    names = [field.name for field in schema if field.name not in (ROW_ORDER, PARTITION)]
    dated = DATED_COLUMNS.get(table)
    cursor = connection.execute(
        f'SELECT rowid, {_quoted(names)} FROM "{table}" ORDER BY rowid')
    while rows := cursor.fetchmany(ROWS_PER_BATCH):
        columns: dict[str, list[object]] = {name: [row[i + 1] for row in rows] for i, name in enumerate(names)}
        columns[ROW_ORDER] = [row[0] for row in rows]
        if dated:
            columns[PARTITION] = [month_of(value) for value in columns[dated]]
        counted[0] += len(rows)
        yield pa.RecordBatch.from_pydict(columns, schema=schema)


def load_parquet(source: str | Path, store: Store) -> dict[str, int]:
    """Load the datasets :func:`write_parquet` wrote under ``source`` into ``store``, which must hold
    no documents yet, in one transaction: a load that fails stores nothing. Returns the rows loaded
    per table."""
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise InputError(f"{source} holds no {MANIFEST}; give a folder written by `storyline export --format parquet`")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        version, expected = int(manifest["schema_version"]), dict(manifest["rows"])
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(f"{manifest_path} is not a Storyline Parquet manifest: {error}") from None
    if version != store.schema_version:
        raise InputError(f"{source} has schema version {version} and the store {store.schema_version}; "
                         "export and load with the same version of Storyline")
    if store.counts().documents:
        raise StoreError(f"{store.path} already holds documents; load a dataset into a new store")
    connection = store.connection
    counts: dict[str, int] = {}
    with store.transaction():
        connection.execute("PRAGMA defer_foreign_keys = ON")  # a document may name a later one (duplicate_of)
        for table in exported_tables(connection):
            if table not in expected:
                raise InputError(f"{source} has no dataset {table!r}, which the store has")
            loaded = _read_table(source / table, table, table_schema(connection, table))
            if loaded.num_rows != expected[table]:
                raise InputError(f"{source / table} holds {loaded.num_rows} rows, its manifest says {expected[table]}")
            names = [name for name in loaded.column_names if name not in (ROW_ORDER, PARTITION)]
            connection.execute(f'DELETE FROM "{table}"')  # a new store's own rows (none, or its defaults)
            columns = [loaded.column(name).to_pylist() for name in names]
            connection.executemany(
                f'INSERT INTO "{table}" ({_quoted(names)}) VALUES ({", ".join("?" * len(names))})',
                zip(*columns))
            counts[table] = loaded.num_rows
    return counts


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _read_table(folder: Path, table: str, schema: pa.Schema) -> pa.Table:
    if not folder.is_dir():
        raise InputError(f"{folder} is missing; the dataset of {table!r} is needed")
    wanted = [field.name for field in schema if field.name != PARTITION]
    try:
        dataset = ds.dataset(folder, format="parquet", partitioning="hive")
        missing = set(wanted) - set(dataset.schema.names)
        if missing:
            raise InputError(f"{folder} lacks the columns {sorted(missing)}")
        return dataset.to_table(columns=wanted).sort_by(ROW_ORDER)
    except pa.ArrowException as error:
        raise InputError(f"{folder} is not a readable Parquet dataset: {error}") from None
