"""Read a built store's positions again after a change to the stance rules, on a copy of it.

The ``stance`` stage stores each sentence's reading when its document is analysed, so a change to
the rules of :mod:`storyline.analyse.stance` reaches a built store only when its documents are read
again. Re-analysing the whole corpus would also redo quotes, events and time; this script reads
again only what positions need: the documents with a sentence that names one of the issues
(the others give no position whatever their readings say) are marked unread, and the positions
step (:func:`storyline.link.positions.reread_positions`, the step the build runs) parses and
reads them, stores their readings and finds every position on the issues of ``--issues``.

    .venv/bin/python benchmarks/positions_reread.py --store PATH --issues FILE --out COPY

The source store is read only (copied with SQLite's backup); the last line printed is one JSON
object: documents read again, positions found and the seconds each part took.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

from storyline.link.issues import load_issues
from storyline.link.positions import issue_filter, reread_positions
from storyline.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--issues", type=Path, required=True, help="the issues file (TOML) to read positions on")
    parser.add_argument("--out", type=Path, required=True, help="where the copy is written (replaced)")
    args = parser.parse_args()
    started = time.perf_counter()
    args.out.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{args.store}?mode=ro", uri=True) as source, sqlite3.connect(args.out) as copy:
        source.backup(copy)
    copied = time.perf_counter()
    issues = load_issues(args.issues)
    names = issue_filter(issues)
    with Store.open(args.out) as store:
        naming = sorted({d.id for d in store.documents() if any(names(s.text) for s in store.sentences(d.id))})
        with store.transaction():
            store.mark_unread_for_stance(naming)
        marked = time.perf_counter()
        found = reread_positions(store, issues)
    done = time.perf_counter()
    print(json.dumps({"documents_read_again": len(naming), "positions": found, "seconds": {
        "copy": round(copied - started, 1), "select": round(marked - copied, 1), "reread": round(done - marked, 1)}}))


if __name__ == "__main__":
    main()
