"""How fast the web UI's pages answer: the 50th and 95th percentile of each page's time, over a store.

    python benchmarks/web.py --db storyline.db [--runs 20] [--timeline-entries 1000]

Each page is asked ``--runs`` times, one request at a time, of uvicorn serving on 127.0.0.1 (the
first answer of each, which warms SQLite's cache, is not counted). The pages with ids (an actor,
a document) take the store's most mentioned person and the document with the most quotes. The
goal (issue 17) is under 100 ms at the 95th percentile on the 2,506-article store.

``--timeline-entries N`` reads a copy of the store whose timeline is grown to N shown entries (each
a copy of a stored one, with its events, one day later than the last), for a timeline as long as
a large corpus gives, when the store at hand has a short one.

The heaviest pages are kept until the store changes (storyline.serve.cache): a page asked again
is the kept copy. ``--fresh`` empties that cache before every request, so each is rendered: what
the first reader after a build waits. ``--only WORD`` times only the pages whose name holds WORD.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from storyline.serve.api import create_app
from storyline.serve.web.app import serving
from storyline.serve.cache import PageCache
from storyline.store import Store

GOAL_P95_MS = 100.0


def pages(store: Store) -> dict[str, str]:
    actor = (store.actors(label="PERSON", limit=1) or store.actors(limit=1))
    busiest = store.connection.execute(
        "SELECT doc FROM quotes GROUP BY doc ORDER BY count(*) DESC, doc LIMIT 1").fetchone()
    word = (store.actors(label="GPE", limit=1) or store.actors(limit=1))
    shown = {
        "overview": "/", "timeline": "/timeline", "timeline by day": "/timeline?zoom=day",
        "timeline page 3": "/timeline?page=3", "quotes": "/quotes", "quotes with a word":
            f"/quotes?q={word[0].name if word else 'said'}&class=all",
        "actors": "/actors", "positions": "/positions", "search": "/search?q=talks",
    }
    if actor:
        shown["actor"] = f"/actors/{actor[0].id}"
        shown["timeline of an actor"] = f"/timeline?actor={actor[0].name}"
        shown["quotes of a speaker"] = f"/quotes?speaker={actor[0].name}"
    if busiest:
        shown["document"] = f"/documents/{busiest[0]}"
    largest = store.stories(limit=1)
    if largest:
        shown["stories"] = "/stories"
        shown["story (the largest)"] = f"/stories/{largest[0].id}"
    return shown


def grow_timeline(db: Path, wanted: int) -> None:
    """Copy shown timeline entries (with their events and actors) under new ids and later dates
    until ``db`` holds ``wanted`` of them."""
    connection = sqlite3.connect(db)
    columns = [r[1] for r in connection.execute("PRAGMA table_info(events)") if r[1] not in ("id", "entry")]
    shown = connection.execute("SELECT id, date FROM timeline_entries WHERE filtered IS NULL ORDER BY date").fetchall()
    if not shown:
        raise SystemExit(f"{db} has no timeline entries to copy")
    day = date.fromisoformat(shown[-1][1][:10])
    for n in range(wanted - len(shown)):
        source, _ = shown[n % len(shown)]
        day += timedelta(days=1)
        copy = f"{source}-copy{n}"
        connection.execute(
            "INSERT INTO timeline_entries (id, date, title, category, mode, sources, date_claims, salience, filtered)"
            " SELECT ?, ?, title, category, mode, sources, date_claims, salience, NULL FROM timeline_entries"
            " WHERE id = ?", (copy, day.isoformat(), source))
        connection.execute(f"INSERT INTO events ({', '.join(columns)}, entry) SELECT {', '.join(columns)}, ?"
                           " FROM events WHERE entry = ?", (copy, source))
        connection.execute("INSERT INTO timeline_actors (entry, actor) SELECT ?, actor FROM timeline_actors"
                           " WHERE entry = ?", (copy, source))
    connection.commit()
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--timeline-entries", type=int, help="grow a copy of the timeline to this many entries")
    parser.add_argument("--fresh", action="store_true", help="render every page: no kept pages")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if args.timeline_entries:
            db = Path(tmp) / "grown.db"
            with sqlite3.connect(args.db) as source, sqlite3.connect(db) as target:
                source.backup(target)
            grow_timeline(db, args.timeline_entries)
        measure(db, args.runs, fresh=args.fresh, only=args.only)


def measure(db: Path, runs: int, *, fresh: bool = False, only: str = "") -> None:
    app = create_app(str(db))
    store: Store = app.state.store
    counts = store.counts()
    print(f"{db}: {counts.documents} documents, {store.item_counts()['timeline']} timeline entries"
          f"{', every page rendered (--fresh)' if fresh else ''}")
    print(f"{'page':24} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    worst = 0.0
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        for name, path in pages(store).items():
            if only not in name:
                continue
            size = len(client.get(path).content)
            times = []
            for _ in range(runs):
                if fresh:
                    app.state.pages = PageCache()
                began = time.perf_counter()
                response = client.get(path)
                times.append(1000 * (time.perf_counter() - began))
                assert response.status_code == 200, (path, response.status_code)
            p95 = statistics.quantiles(times, n=20)[-1]
            worst = max(worst, p95)
            print(f"{name:24} {statistics.median(times):8.1f} {p95:8.1f} {size // 1024:6d}")
    store.close()
    print(f"slowest p95 {worst:.1f} ms: {'within' if worst <= GOAL_P95_MS else 'over'} the goal of {GOAL_P95_MS:.0f} ms")


if __name__ == "__main__":
    main()
