"""Analysis on every core: worker processes parse, the build's own process writes.

A build prepares each input item (cleaning, metadata, language: cheap) and writes the store in its
own process; the analysis stages (the parse and the rules that read it) are where the time goes,
so they run in a pool of worker processes, each with its own copy of the stages and its own model,
loaded once. A batch is split into one contiguous chunk per worker and comes back whole and in
order, so the store is the same whatever the number of workers, and a killed build still resumes
from its last committed batch.

    analyse = Analyser(pipeline, workers=2)
    outcomes = analyse(articles)     # the same outcomes as pipeline.run_batch(articles)
    analyse.close()
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Sequence

from storyline.pipeline import Outcome, Pipeline
from storyline.records import Article

# Below this many articles for each worker, a batch is analysed in this process: starting the
# workers and loading a model in each costs seconds, more than a handful of articles take.
MIN_ARTICLES_PER_WORKER = 8

# The pipeline a worker runs, set once when the worker starts.
_worker_pipeline: Pipeline | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Analyser:
    """Runs a pipeline over batches of articles, in worker processes when the batch is large enough."""

    def __init__(self, pipeline: Pipeline, *, workers: int = 1) -> None:
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, articles: Sequence[Article]) -> list[Outcome]:
        if self.workers == 1 or len(articles) < MIN_ARTICLES_PER_WORKER * 2:
            return self.pipeline.run_batch(articles)
        workers = min(self.workers, len(articles) // MIN_ARTICLES_PER_WORKER)
        size = -(-len(articles) // workers)
        chunks = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
        return [outcome for chunk in self.pool().map(_analyse, chunks) for outcome in chunk]

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork: the workers inherit the stages (and a model already loaded) without pickling them
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start_worker, initargs=(self.pipeline,))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Analyser":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _analyse(articles: list[Article]) -> list[Outcome]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return without_parse(_worker_pipeline.run_batch(articles))


def without_parse(outcomes: list[Outcome]) -> list[Outcome]:
    """Outcomes to send back from a worker: the parsed spaCy Doc stays there, since it is large and
    nothing after the analysis reads it."""
    return [replace(outcome, parsed=None) if isinstance(outcome, Article) else outcome for outcome in outcomes]
