"""What a build into an existing store costs: the cross-document steps' time for a few new articles.

Builds all but the last ``--new`` articles of a corpus into a store (or reuses one made by an
earlier run with ``--reuse``), then, on a copy of it, builds the new articles, then builds them
again (nothing new: no cross-document work at all). Prints the time of each build and of its
cross-document steps, and, as its last line, one JSON object with the figures.

    .venv/bin/python benchmarks/incremental.py [--corpus PATH] [--new 50] [--store /tmp/base.db] [--reuse]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
import time
from pathlib import Path

from storyline.build import build

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--new", type=int, default=50, help="articles added to the built store")
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "storyline-incremental-base.db")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    args = parser.parse_args()

    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="storyline-incremental-"))
    base, new = work / "base.jsonl", work / "new.jsonl"
    base.write_text("".join(lines[:-args.new]), encoding="utf-8")
    new.write_text("".join(lines[-args.new:]), encoding="utf-8")

    figures: dict[str, float | int] = {"base_articles": len(lines) - args.new, "new_articles": args.new}
    if not (args.reuse and args.store.exists()):
        args.store.unlink(missing_ok=True)
        started = time.perf_counter()
        report = build([base], db=args.store)
        figures.update(base_seconds=round(time.perf_counter() - started, 1),
                       base_link_seconds=round(report.link_seconds, 1), base_stored=report.stored)
        print(f"base: {report.stored} stored in {figures['base_seconds']} s, "
              f"cross-document steps {figures['base_link_seconds']} s")
    db = work / "store.db"
    shutil.copy(args.store, db)
    for name, label in (("add", f"{args.new} new articles"), ("again", "the same again (nothing new)")):
        started = time.perf_counter()
        report = build([new], db=db)
        seconds = time.perf_counter() - started
        figures[f"{name}_seconds"] = round(seconds, 1)
        figures[f"{name}_link_seconds"] = round(report.link_seconds, 1)
        figures[f"{name}_stored"] = report.stored
        print(f"{label}: {report.stored} stored, {report.copies} copies, build {seconds:.1f} s, "
              f"cross-document steps {report.link_seconds:.1f} s (ran: {report.linked})")
    shutil.rmtree(work)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
