"""Reads at size: do the CLI's listings answer fast on a store as large as the allsides corpus?

Issue 19 asks that, on the 37,554-article store, ``docs``, ``entities``, ``quotes --speaker``,
``timeline`` and ``search`` answer in under 50 ms at the 95th percentile. Building allsides takes
about two hours on this machine (bare spaCy alone reads 5.4 articles/s on two cores), so this
benchmark makes a store of that size from a built one (``--store``, e.g. the NATO/Ukraine corpus):
on a copy, every document is copied ``--copies`` times under a new id (``ID~k``) with everything
that hangs off it — sentences (and so the full-text index), mentions, time expressions, quotes,
events, publications, stance readings, vectors, positions, copies — and every timeline entry and
story is copied with its members remapped. Actors stay the same actors with their counts
multiplied: a corpus fifteen times larger about the same story. What this measures is the query
plans at that size (indexes, N+1 queries, bounded pages), not allsides' own mix of records.

Then each command runs in process (as ``storyline CMD --db STORE`` would, without the
interpreter's start-up) ``--repeat`` times after one warm-up, twice over: with the console's
``print`` a no-op (the store's reads and the records' projection: the 50 ms goal) and with the
table drawn (Rich's rendering, about 3 ms a row on this machine, comes on top). The script prints
p50/p95 of both per command, and the store's size on disk per table (SQLite's ``dbstat``).
The last line is one JSON object with the figures.

    .venv/bin/python benchmarks/reads.py --store /tmp/ukraine.db [--copies 15] [--repeat 20] [--keep PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

import typer.main

from storyline.serve import cli
from storyline.serve.cli import app

# Tables copied per document: the columns naming a document get the copy's suffix, integer ids
# move by a per-table offset, and the columns naming another copied row follow that row.
DOCUMENT_COLUMNS = {"doc", "duplicate_of", "a", "b"}
SKIPPED = {"schema_migrations", "corpus_state", "actors", "actor_aliases", "issues", "fetched_responses",
           "failures", "warnings", "unlinked_documents", "stance_documents"}
# column -> the table whose integer ids it holds
INTEGER_REFERENCES = {("positions", "quote"): "quotes", ("positions", "event"): "events"}
# text ids that are per copy: the row's own id and the columns pointing at such rows
TEXT_IDS = {"timeline_entries": "id", "stories": "id", "positions": "id"}
TEXT_REFERENCES = {("events", "entry"), ("timeline_actors", "entry"), ("story_documents", "story"),
                   ("story_actors", "story")}


def commands(store: Path) -> dict[str, list[str]]:
    """The reads issue 19 names, with a busy speaker and a common and a rare search."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as connection:
        speaker, = connection.execute(
            "SELECT a.name FROM quotes q JOIN actors a ON a.id = q.actor AND a.label = 'PERSON' "
            "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    db = ["--db", str(store)]
    return {
        "docs": ["docs", *db],
        "entities": ["entities", *db],
        "entities --type PERSON": ["entities", "--type", "PERSON", *db],
        f"quotes --speaker {speaker!r}": ["quotes", "--speaker", speaker, *db],
        "timeline": ["timeline", *db],
        "timeline --from 2022-02 --to 2022-03": ["timeline", "--from", "2022-02", "--to", "2022-03", *db],
        "search 'security guarantees'": ["search", "security guarantees", *db],
        "search 'Ukraine' (a common word)": ["search", "Ukraine", *db],
    }


def replicate(path: Path, copies: int) -> None:
    """Copy every document and what hangs off it ``copies - 1`` more times, in place."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    tables = [name for name, in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sentences_fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    columns = {t: [row[1] for row in connection.execute(f"PRAGMA table_info('{t}')")] for t in tables}
    integer_ids = {t for t in tables if "id" in columns[t] and t not in TEXT_IDS and t != "documents"}
    offsets = {t: (connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM '{t}'").fetchone()[0])
               for t in integer_ids}
    for k in range(1, copies):
        suffix = f"~{k}"
        for table in tables:
            if table in SKIPPED:
                continue
            names = columns[table]
            if not (DOCUMENT_COLUMNS & set(names) or table in TEXT_IDS or table == "documents"
                    or any((table, c) in TEXT_REFERENCES for c in names)):
                continue
            select = []
            for column in names:
                quoted = f'"{column}"'
                if (table == "documents" and column == "id") or column in DOCUMENT_COLUMNS \
                        or (table == "publications" and column == "raw_id"):
                    select.append(f"{quoted} || '{suffix}'")
                elif column == "id" and table in TEXT_IDS or (table, column) in TEXT_REFERENCES:
                    select.append(f"{quoted} || '{suffix}'")
                elif column == "id" and table in integer_ids:
                    select.append(f"{quoted} + {k * offsets[table]}")
                elif (table, column) in INTEGER_REFERENCES:
                    select.append(f"{quoted} + {k * offsets[INTEGER_REFERENCES[table, column]]}")
                else:
                    select.append(quoted)
            rows = connection.execute(
                f"SELECT {', '.join(select)} FROM '{table}' WHERE {_original(table, names)}").fetchall()
            if table == "timeline_entries":
                at = names.index("sources"), names.index("date_claims")
                rows = [_remap_entry(row, at, suffix) for row in rows]
            marks = ", ".join("?" for _ in names)
            connection.executemany(
                f"INSERT INTO '{table}' ({', '.join(chr(34) + n + chr(34) for n in names)}) VALUES ({marks})", rows)
        connection.commit()
    connection.execute("UPDATE actors SET mention_count = mention_count * ?", (copies,))
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()


def _original(table: str, names: list[str]) -> str:
    """The rows of the first copy: their key carries no suffix yet."""
    if table in TEXT_IDS or table == "documents":
        return "instr(id, '~') = 0"
    key = "doc" if "doc" in names else ("a" if "a" in names else next(c for c in names if (table, c) in TEXT_REFERENCES))
    return f"instr(\"{key}\", '~') = 0"


def _remap_entry(row: tuple, at: tuple[int, int], suffix: str) -> tuple:
    row = list(row)
    row[at[0]] = json.dumps([doc + suffix for doc in json.loads(row[at[0]])])
    claims = json.loads(row[at[1]])
    row[at[1]] = json.dumps([{**claim, "doc": claim["doc"] + suffix} if isinstance(claim, dict) and "doc" in claim
                             else claim for claim in claims])
    return tuple(row)


def sizes(path: Path) -> dict[str, int]:
    """Bytes on disk per table, its indexes included (the full-text index's shadow tables as one)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        owner = {name: table for name, table in connection.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}
        totals: dict[str, int] = {}
        for name, size in connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            table = "sentences_fts" if table.startswith("sentences_fts") else table
            totals[table] = totals.get(table, 0) + size
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def time_commands(store: Path, repeat: int) -> dict[str, dict[str, float]]:
    """p50/p95 of each command, drawn (the table rendered into a string) and not drawn (the console's
    ``print`` a no-op: the store's reads and the records' projection, what the 50 ms goal is about)."""
    command = typer.main.get_command(app)  # once, as a process does at start-up
    figures = {}
    for label, args in commands(store).items():
        row: dict[str, float] = {}
        for drawn in (False, True):
            times = []
            for attempt in range(repeat + 1):  # the first is a warm-up: the page cache, lazy imports
                with contextlib.redirect_stdout(io.StringIO()) as out, \
                        mock.patch.object(cli.console, "print", cli.console.print if drawn else _no_print):
                    began = time.perf_counter()
                    command.main(args, standalone_mode=False)
                    elapsed = (time.perf_counter() - began) * 1000
                if attempt:
                    times.append(elapsed)
            times.sort()
            kind = "drawn" if drawn else "read"
            row[f"{kind}_p50_ms"] = round(statistics.median(times), 1)
            row[f"{kind}_p95_ms"] = round(times[max(0, int(round(0.95 * len(times))) - 1)], 1)
            if drawn:
                row["lines"] = out.getvalue().count("\n")
        figures[label] = row
        print(f"{label:40} read p50 {row['read_p50_ms']:6.1f} p95 {row['read_p95_ms']:6.1f} ms · drawn p50 "
              f"{row['drawn_p50_ms']:6.1f} p95 {row['drawn_p95_ms']:6.1f} ms ({row['lines']} lines)", flush=True)
    return figures


def _no_print(*objects: object, **options: object) -> None:
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store (never written)")
    parser.add_argument("--copies", type=int, default=15, help="copies of each document (15 × 2,490 ≈ 37,554)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep the scaled store here (and reuse it if it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scaled = args.keep or Path(folder) / "scaled.db"
        if not scaled.exists():
            with sqlite3.connect(f"file:{args.store}?mode=ro", uri=True) as source, sqlite3.connect(scaled) as target:
                source.backup(target)
            began = time.perf_counter()
            replicate(scaled, args.copies)
            print(f"replicated ×{args.copies} in {time.perf_counter() - began:.0f} s", flush=True)
        with sqlite3.connect(f"file:{scaled}?mode=ro", uri=True) as connection:
            documents, = connection.execute("SELECT count(*) FROM documents").fetchone()
        print(f"{documents} documents, {scaled.stat().st_size / 2**20:.0f} MiB; load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        figures = time_commands(scaled, args.repeat)
        on_disk = sizes(scaled)
        for table, size in on_disk.items():
            print(f"  {table:24} {size / 2**20:8.1f} MiB")
        print(json.dumps({"documents": documents, "commands": figures,
                          "mib_per_table": {t: round(s / 2**20, 1) for t, s in on_disk.items()},
                          "load": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
