"""The same build into SQLite and into PostgreSQL: the same items, and what the server costs.

    python benchmarks/postgres.py [--data FILE.jsonl.gz] [--limit 300] [--rounds 2] [--url postgresql://…]

Each round builds the first ``--limit`` articles into a new SQLite file and into a new PostgreSQL
database (in a rotated order, so a load that comes and goes on the machine falls on both), then
exports both stores (`storyline export --format jsonl`, sorted canonical JSON) and compares them.
Without ``--url`` it starts a throwaway server on 127.0.0.1 the way the tests do
(tests/postgres_server.py); with it, each round creates and drops a database there. The model is
loaded, and a two-article build run, before any timing. A figure is the fastest round; the last line is JSON.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import psycopg  # noqa: E402

from postgres_server import PostgresServer, binaries  # noqa: E402
from storyline.analyse.nlp import DEFAULT_MODEL, load_model  # noqa: E402
from storyline.builder import build  # noqa: E402
from storyline.serve.export import export  # noqa: E402
from storyline.store import Store  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "corpus" / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"
BACKENDS = ("sqlite", "postgres")


@dataclass(frozen=True)
class Run:
    seconds: float
    write_seconds: float
    link_seconds: float
    stored: int
    failed: int

    def __str__(self) -> str:
        return f"{self.seconds:7.1f} s  stored {self.stored} failed {self.failed}"


def timed_build(sample: Path, db: str) -> Run:
    started = time.perf_counter()
    report = build([sample], db=db, workers=1)
    return Run(time.perf_counter() - started, report.write_seconds, report.link_seconds, report.stored,
               report.failed)


def exported(db: str) -> list[str]:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, "jsonl")
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.getvalue().splitlines())


def first_difference(a: list[str], b: list[str]) -> str | None:
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    if not only_a and not only_b:
        return None if len(a) == len(b) else f"{len(a)} against {len(b)} records"
    return f"only in sqlite: {only_a[:1]}; only in postgres: {only_b[:1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--url", help="a PostgreSQL server's maintenance database (default: start one)")
    args = parser.parse_args()

    server = None
    if args.url is None:
        found = binaries()
        if found is None:
            sys.exit("no PostgreSQL binaries found: apt-get install postgresql, or give --url")
        server = PostgresServer(found)
        server.start()
    admin_url = args.url or server.url()  # type: ignore[union-attr]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "sample.jsonl"
            with gzip.open(args.data, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as out:
                out.writelines(islice((line for line in source if line.strip()), args.limit))
            load_model(DEFAULT_MODEL)("warm up the model")
            # and everything else a first build loads (the sentence embedder, the lexicons), untimed
            warm = Path(tmp) / "warm.jsonl"
            warm.write_text("".join(sample.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
            timed_build(warm, str(Path(tmp) / "warm.db"))
            runs: dict[str, list[Run]] = {b: [] for b in BACKENDS}
            identical, difference, records = True, None, 0
            load_before = os.getloadavg()
            for round_ in range(args.rounds):
                name = f"storyline_bench_{os.getpid()}_{round_}"
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE {name}")
                dbs = {"sqlite": str(Path(tmp) / f"round-{round_}.db"),
                       "postgres": admin_url.rsplit("/", 1)[0] + f"/{name}"}
                for backend in BACKENDS[round_ % 2:] + BACKENDS[:round_ % 2]:
                    runs[backend].append(timed_build(sample, dbs[backend]))
                    print(f"round {round_ + 1} {backend:8} {runs[backend][-1]}", flush=True)
                lite, pg = exported(dbs["sqlite"]), exported(dbs["postgres"])
                records = len(lite)
                difference = difference or first_difference(lite, pg)
                identical = identical and lite == pg
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
            load_after = os.getloadavg()
    finally:
        if server is not None:
            server.stop()

    best = {b: min(r, key=lambda run: run.seconds) for b, r in runs.items()}
    figures = {
        "articles": args.limit,
        "stored": best["sqlite"].stored,
        "records": records,
        "rounds": args.rounds,
        "seconds": {b: round(run.seconds, 1) for b, run in best.items()},
        "write_seconds": {b: round(min(run.write_seconds for run in r), 1) for b, r in runs.items()},
        "link_seconds": {b: round(min(run.link_seconds for run in r), 1) for b, r in runs.items()},
        "postgres_over_sqlite": round(best["postgres"].seconds / best["sqlite"].seconds, 3),
        "identical_exports": identical,
        "first_difference": difference,
        "load_average_before_after": [round(load_before[0], 1), round(load_after[0], 1)],
        "cores": len(os.sched_getaffinity(0)),
    }
    print(f"postgres / sqlite build time: {figures['postgres_over_sqlite']}x; same items: {identical}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
