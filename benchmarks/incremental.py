"""What a build into an existing store costs: the cross-document steps' time for a few new articles.

Builds all but the last ``--new`` articles of a corpus into a store (or reuses one made by an
earlier run, or by ``storyline build``, with ``--reuse``). Then, on a copy of it, in one run:

1. a full link (every step over every document, as when the store knew nothing of what changed);
2. a build of the ``--new`` articles: the steps told which documents are new;
3. the same build again: nothing new, so no cross-document work at all;
4. a full link again, now over all the articles, and a check that it changes nothing the
   incremental link wrote (the export before and after must be identical).

Prints each link's time per step and, as its last line, one JSON object with the figures.

    .venv/bin/python benchmarks/incremental.py [--corpus PATH] [--new 50] [--store /tmp/base.db] [--reuse]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

from storyline.builder import build, default_stages, reanalyser
from storyline.link.corpus import default_steps
from storyline.link.runner import CorpusRunner
from storyline.pipeline import split_at_parse
from storyline.serve.export import export
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"


class StepTimes(logging.Handler):
    """Collects the runner's per-step times (it logs one record per step)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "step"):
            self.seconds[record.step] = round(record.seconds, 2)  # type: ignore[attr-defined]


def exported(db: Path) -> str:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, "jsonl")
    return "\n".join(sorted(out.getvalue().splitlines()))


def full_link(db: Path) -> tuple[float, dict[str, float]]:
    runner = CorpusRunner(default_steps())
    with Store.open(db) as store:
        started = time.perf_counter()
        runner.run(store, reanalyser(split_at_parse(default_stages())[1]), everything=True)
        return round(time.perf_counter() - started, 1), {name: round(s, 2) for name, s in runner.seconds.items()}


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

    figures: dict[str, object] = {"base_articles": len(lines) - args.new, "new_articles": args.new}
    if not (args.reuse and args.store.exists()):
        args.store.unlink(missing_ok=True)
        started = time.perf_counter()
        report = build([base], db=args.store)
        figures.update(base_seconds=round(time.perf_counter() - started, 1), base_stored=report.stored)
        print(f"base: {report.stored} stored in {figures['base_seconds']} s")
    db = work / "store.db"
    shutil.copy(args.store, db)

    figures["full_link_seconds"], figures["full_link_steps"] = full_link(db)
    print(f"full link of the base store: {figures['full_link_seconds']} s {figures['full_link_steps']}")
    times = StepTimes()
    logging.getLogger("storyline.link.runner").addHandler(times)
    logging.getLogger("storyline.link.runner").setLevel(logging.INFO)
    for name, label in (("add", f"{args.new} new articles"), ("again", "the same again (nothing new)")):
        times.seconds = {}
        started = time.perf_counter()
        report = build([new], db=db)
        seconds = time.perf_counter() - started
        figures.update({f"{name}_seconds": round(seconds, 1), f"{name}_link_seconds": round(report.link_seconds, 1),
                        f"{name}_stored": report.stored, f"{name}_link_steps": dict(times.seconds)})
        print(f"{label}: {report.stored} stored, {report.copies} copies, build {seconds:.1f} s, "
              f"cross-document steps {report.link_seconds:.1f} s (ran: {report.linked}) {times.seconds}")
    incremental = exported(db)
    figures["full_link_all_seconds"], figures["full_link_all_steps"] = full_link(db)
    figures["full_link_changes_nothing"] = exported(db) == incremental
    print(f"full link of all articles: {figures['full_link_all_seconds']} s {figures['full_link_all_steps']}; "
          f"identical to the incremental link: {figures['full_link_changes_nothing']}")
    shutil.rmtree(work)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
