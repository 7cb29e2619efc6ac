"""How fast the web UI's pages answer: the 50th and 95th percentile of each page's time, over a store.

    python benchmarks/web.py --db storyline.db [--runs 20]

Each page is asked ``--runs`` times, one request at a time, of uvicorn serving on 127.0.0.1 (the
first answer of each, which warms SQLite's cache, is not counted). The pages with ids (an actor,
a document) take the store's most mentioned person and the document with the most quotes. The
goal (issue 17) is under 100 ms at the 95th percentile on the 2,506-article store.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

from storyline.serve.web.app import create_web_app, serving
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
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app = create_web_app(args.db)
    store: Store = app.state.store
    counts = store.counts()
    print(f"{args.db}: {counts.documents} documents, {store.item_counts()['timeline']} timeline entries")
    print(f"{'page':24} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    worst = 0.0
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        for name, path in pages(store).items():
            size = len(client.get(path).content)
            times = []
            for _ in range(args.runs):
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
