"""How fast the HTTP API answers: p50 and p95 per route, over a real server on 127.0.0.1.

Starts ``storyline serve`` on the store (a separate process, as a user runs it), fills each URL
template below with ids and names read from the store (its first document, its most mentioned
person, its largest story, ...), warms each URL up, then times ``--requests`` sequential GETs of it
with one HTTP client (keep-alive), and prints one row per URL: p50, p95, the slowest, and the size
of the answer. The last line is one JSON object with the figures. Goal: p95 under 100 ms on the
2,506-article NATO/Ukraine store.

    .venv/bin/python benchmarks/latency.py --db /tmp/ukraine.db [--requests 50] [--url /api/quotes?kind=direct]

The list of URLs is ``URLS``: add a route (or a web page) there, or give more with ``--url``.
A template names its parameters in braces; :func:`parameters` says where each comes from.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from string import Formatter
from typing import Any
from urllib.parse import quote

import httpx

from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
# Every URL timed, as templates. The web UI's pages belong here too, once they exist.
URLS = [
    "/api/status",
    "/api/documents",
    "/api/documents?limit=200",
    "/api/documents/{doc}",
    "/api/actors",
    "/api/actors?label=PERSON&limit=200",
    "/api/actors/{actor}",
    "/api/actors/{actor}/mentions?limit=200",
    "/api/quotes",
    "/api/quotes?cue_class=all&limit=200",
    "/api/quotes?speaker={person}",
    "/api/quotes?q={word}&cue_class=all",
    "/api/quotes?from={month}&to={month}",
    "/api/quotes?doc={doc}",
    "/api/events",
    "/api/events?doc={doc}",
    "/api/timeline",
    "/api/timeline?limit=200",
    "/api/timeline?actor={person}",
    "/api/timeline?from={month}&to={month}&all=true",
    "/api/timeline?story={story}",
    "/api/stories",
    "/api/stories/{story}",
    "/api/positions",
    "/api/positions?actor={person}",
    "/api/positions/matrix",
    "/api/positions/matrix?top=50",
    "/api/issues",
    "/api/search?q=security%20guarantees",
    "/api/search?q={word}&limit=200",
    "/api/errors",
    "/api/duplicates",
    "/api/quotes?cursor={quotes_page_2}",
    "/api/documents?cursor={documents_deep}",
    "/api/quotes?cue_class=all&cursor={quotes_deep}",
]
# A deep page: the cursor after this many pages of 200 (an OFFSET walks every record before it; a
# key seeks to it).
DEEP_PAGES = 10
WARM_UP = 2


def parameters(db: str, base: str) -> dict[str, str]:
    """The values the URL templates name, read from the store."""
    with Store.open(db, create=False) as store:
        people = store.actors(label="PERSON", limit=1)
        busiest = store.actors(limit=1)  # the most mentioned actor: the largest actor record
        stories = store.stories(limit=1)
        dated = [d.published for d in store.documents(limit=500) if d.published]
        quotes = store.quotes(limit=50)
        # the document with the most quotes among the first ones: a document record with much in it
        docs = sorted({q.doc for q in quotes}, key=lambda d: -sum(q.doc == d for q in quotes))
    words = [w.strip("“”\"',.;:") for q in quotes for w in q.text.split() if len(w) > 6]
    values = {"doc": docs[0] if docs else "none", "actor": busiest[0].id if busiest else "none",
              "person": people[0].name if people else "none", "story": stories[0].id if stories else "none",
              "month": (dated[len(dated) // 2][:7] if dated else "2022-01"), "word": words[0] if words else "NATO"}
    page = httpx.get(f"{base}/api/quotes").json()
    values["quotes_page_2"] = page.get("next") or ""
    values["documents_deep"] = deep_cursor(f"{base}/api/documents?limit=200")
    values["quotes_deep"] = deep_cursor(f"{base}/api/quotes?cue_class=all&limit=200")
    return {name: quote(value, safe="") for name, value in values.items()}


def deep_cursor(url: str) -> str:
    """The cursor DEEP_PAGES pages into a listing (or its last page's, when it is shorter)."""
    cursor = ""
    for _ in range(DEEP_PAGES):
        following = httpx.get(url + (f"&cursor={cursor}" if cursor else ""), timeout=60).json().get("next")
        if not following:
            break
        cursor = following
    return cursor


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen([sys.executable, "-m", "storyline.serve.cli", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "STORYLINE_TOKEN": ""})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=2)
            return server
        except httpx.TransportError:
            if server.poll() is not None:
                raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_url(client: httpx.Client, url: str, requests: int) -> dict[str, Any]:
    for _ in range(WARM_UP):
        client.get(url)
    times, size, status = [], 0, 0
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        size, status = len(response.content), response.status_code
    return {"url": url, "status": status, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1), "max_ms": round(max(times), 1), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the store to serve")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per URL")
    parser.add_argument("--url", action="append", default=[], help="another URL (template) to time; repeatable")
    parser.add_argument("--only", default="", help="time only the URLs (templates) containing this")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port)
    try:
        values = parameters(args.db, base)
        rows = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for template in [t for t in URLS + args.url if args.only in t]:
                named = {field for _, field, _, _ in Formatter().parse(template) if field}
                if any(not values.get(field) for field in named):
                    print(f"skipped {template}: the store has no {', '.join(sorted(named))} for it")
                    continue
                rows.append(time_url(client, template.format(**values), args.requests))
            etag = client.get("/api/timeline").headers.get("etag", "")
            client.headers["If-None-Match"] = etag
            revalidated = time_url(client, "/api/timeline", args.requests)
            revalidated["url"] += " (If-None-Match: 304)"
            rows.append(revalidated)
    finally:
        server.terminate()
        server.wait(timeout=10)
    with Store.open(args.db, create=False) as store:
        counts = store.counts()
    print(f"{counts.documents} documents, {counts.sentences} sentences, {counts.actors} actors; "
          f"{args.requests} requests per URL, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"| {'url':<60} | status | p50 ms | p95 ms | max ms | bytes |")
    print(f"|{'-' * 62}|--------|--------|--------|--------|-------|")
    for row in rows:
        print(f"| {row['url'][:60]:<60} | {row['status']:>6} | {row['p50_ms']:>6} | {row['p95_ms']:>6} | "
              f"{row['max_ms']:>6} | {row['bytes']:>5} |")
    over = [row["url"] for row in rows if row["p95_ms"] >= 100]
    print(f"p95 under 100 ms: {len(rows) - len(over)} of {len(rows)} URLs" + (f"; over: {', '.join(over)}" if over else ""))
    print(json.dumps({"documents": counts.documents, "requests": args.requests, "rows": rows}))


if __name__ == "__main__":
    main()
