"""The engines against each other, interleaved in one run, on the same articles.

    python benchmarks/engines.py [--data FILE.jsonl.gz] [--limit 300] [--rounds 2]

Variants, each a full `build` into a new store (read, clean, analyse, write, cross-document steps):
``local-1`` (in this process), ``local-2`` (two forked workers), ``dask-1`` and ``dask-2`` (a
LocalCluster of one or two worker processes). Every round runs all variants, in a rotated order,
so a load that comes and goes on the machine falls on all of them alike; the figure of a variant
is its fastest round. The model is loaded in this process and on every Dask worker before any
timing (a cluster is started once, and its start is reported apart): what is timed is what a
long-running cluster costs per build. Each variant's store is exported and compared with that of
``local-1`` in the same round: the engines must store the same items. Two more variants, ``spacy-1``
and ``spacy-2``, parse the same texts with bare spaCy (``nlp.pipe(n_process=N)``, the same model):
what the machine's cores give the parse alone, the ceiling for any engine's speed-up. The last
line is JSON.
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
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cloudpickle  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from storyline.analyse.nlp import DEFAULT_MODEL, PIPE_BATCH_SIZE, load_model  # noqa: E402
from storyline.builder import build  # noqa: E402
from storyline.serve.export import export  # noqa: E402
from storyline.store import Store  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "corpus" / "allsides" / "allsides-00.jsonl.gz"
VARIANTS = ("local-1", "dask-1", "local-2", "dask-2", "spacy-1", "spacy-2")
BUILDS = VARIANTS[:4]

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # warm_worker runs on the workers


def warm_worker() -> None:
    load_model(DEFAULT_MODEL)("warm up the model")


def exported(db: Path) -> list[str]:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, "jsonl")
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.getvalue().splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(args.data, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as out:
            out.writelines(islice((line for line in source if line.strip()), args.limit))
        texts = [json.loads(line)["text"] for line in sample.read_text(encoding="utf-8").splitlines()]
        nlp = load_model(DEFAULT_MODEL)
        warm_worker()
        clusters: dict[int, tuple[LocalCluster, Client]] = {}
        cluster_start_s: dict[int, float] = {}
        for n in (1, 2):
            started = time.perf_counter()
            cluster = LocalCluster(n_workers=n, processes=True, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
            client.run(warm_worker)
            cluster_start_s[n] = round(time.perf_counter() - started, 1)
            clusters[n] = (cluster, client)
        load_before = os.getloadavg()
        seconds: dict[str, list[float]] = {v: [] for v in VARIANTS}
        link_seconds: dict[str, list[float]] = {v: [] for v in VARIANTS}
        write_seconds: dict[str, list[float]] = {v: [] for v in VARIANTS}
        identical: dict[str, bool] = {v: True for v in BUILDS}
        stored = 0
        for round_ in range(args.rounds):
            order = VARIANTS[round_ % len(VARIANTS):] + VARIANTS[:round_ % len(VARIANTS)]
            dbs: dict[str, Path] = {}
            for variant in order:
                engine, n = variant.split("-")
                if engine == "spacy":
                    started = time.perf_counter()
                    for _ in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, n_process=int(n)):
                        pass
                    seconds[variant].append(time.perf_counter() - started)
                    print(f"round {round_ + 1} {variant:8} {seconds[variant][-1]:7.1f} s  (bare spaCy)", flush=True)
                    continue
                db = dbs[variant] = Path(tmp) / f"{variant}-{round_}.db"
                options = ({"engine": "dask", "scheduler": clusters[int(n)][0].scheduler_address}
                           if engine == "dask" else {"workers": int(n)})
                started = time.perf_counter()
                report = build([sample], db=db, **options)
                seconds[variant].append(time.perf_counter() - started)
                link_seconds[variant].append(report.link_seconds)
                write_seconds[variant].append(report.write_seconds)
                stored = report.stored
                print(f"round {round_ + 1} {variant:8} {seconds[variant][-1]:7.1f} s  stored {report.stored} "
                      f"failed {report.failed}", flush=True)
            reference = exported(dbs["local-1"])
            for variant in BUILDS:
                identical[variant] = identical[variant] and exported(dbs[variant]) == reference
                dbs[variant].unlink()
        load_after = os.getloadavg()
        for cluster, client in clusters.values():
            client.close()
            cluster.close()

    best = {v: min(s) for v, s in seconds.items()}
    figures = {
        "articles": args.limit,
        "stored": stored,
        "rounds": args.rounds,
        "seconds": {v: round(s, 1) for v, s in best.items()},
        "seconds_per_article_local_1": round(best["local-1"] / args.limit, 3),
        "link_seconds_local_1": round(min(link_seconds["local-1"]), 1),
        "write_seconds": {v: round(min(s), 1) for v, s in write_seconds.items() if s},
        "dask_speedup_2_over_1": round(best["dask-1"] / best["dask-2"], 3),
        "local_speedup_2_over_1": round(best["local-1"] / best["local-2"], 3),
        "spacy_speedup_2_over_1": round(best["spacy-1"] / best["spacy-2"], 3),
        "dask_1_overhead": round(best["dask-1"] / best["local-1"] - 1, 3),
        "dask_2_vs_local_2": round(best["dask-2"] / best["local-2"], 3),
        "identical_exports": identical,
        "cluster_start_s": cluster_start_s,
        "load_average_before_after": [round(load_before[0], 1), round(load_after[0], 1)],
        "cores": len(os.sched_getaffinity(0)),
    }
    print(f"dask 2 vs 1 workers: {figures['dask_speedup_2_over_1']}x; local 2 vs 1: "
          f"{figures['local_speedup_2_over_1']}x; bare spaCy 2 vs 1: {figures['spacy_speedup_2_over_1']}x; dask-1 overhead over local-1: {figures['dask_1_overhead']:+.1%}; "
          f"same items: {identical}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
