"""Throughput of `storyline build` against bare spaCy `nlp.pipe`, in one run, on the same articles.

    python benchmarks/throughput.py [--data FILE.jsonl.gz] [--limit 500] [--workers N]

Both sides use the same model on the same number of processes (spaCy's ``n_process``, the build's
``workers``); loading the model in this process is not timed, while the workers' own loading is
part of both sides. Bare spaCy parses the article texts with `nlp.pipe`; the build reads the JSONL,
cleans, extracts metadata, detects the language, parses, extracts mentions, time, quotes and
events, writes SQLite with full-text search and runs the cross-document steps. Peak memory is that
of this process and its workers together. The last line is JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.analyse.nlp import DEFAULT_MODEL, PIPE_BATCH_SIZE, load_model  # noqa: E402
from storyline.builder import build  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "corpus" / "allsides" / "allsides-00.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--workers", type=int, default=1, help="processes on both sides")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(args.data, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as out:
            lines = list(islice((line for line in source if line.strip()), args.limit))
            out.writelines(lines)
        texts = [json.loads(line)["text"] for line in lines]
        words = sum(len(text.split()) for text in texts)

        nlp = load_model(args.model)
        nlp("warm up the model")
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, n_process=args.workers):
            pass
        spacy_s = time.perf_counter() - started

        started = time.perf_counter()
        report = build([sample], db=Path(tmp) / "bench.db", model=args.model, workers=args.workers)
        build_s = time.perf_counter() - started

    # getrusage gives the largest single child's peak, not their sum: the workers together are
    # counted as that peak times their number, an upper bound of what they held at any moment.
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 * (args.workers if args.workers > 1 else 0)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + workers_mb
    figures = {
        "articles": len(texts),
        "workers": args.workers,
        "mean_words": round(words / len(texts)),
        "stored": report.stored,
        "failed": report.failed,
        "docs_per_s": round(len(texts) / build_s, 2),
        "spacy_docs_per_s": round(len(texts) / spacy_s, 2),
        "time_ratio": round(build_s / spacy_s, 3),
        "peak_rss_mb": round(peak_rss_mb),
    }
    print(f"{'':24}{'seconds':>10}{'docs/s':>10}")
    print(f"{'bare spaCy nlp.pipe':24}{spacy_s:10.1f}{figures['spacy_docs_per_s']:10.2f}")
    print(f"{'storyline build':24}{build_s:10.1f}{figures['docs_per_s']:10.2f}")
    print(f"time ratio {figures['time_ratio']} on {args.workers} process(es); peak RSS {figures['peak_rss_mb']} MB; "
          f"{figures['articles']} articles of {figures['mean_words']} words on average")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
