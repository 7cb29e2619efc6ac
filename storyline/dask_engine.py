"""The Dask engine: a build's per-document pipeline on the workers of a ``dask.distributed`` cluster.

Each batch is split into tasks of DASK_PARTITION articles, several batches are in flight, and their
outcomes are taken in the order the batches were read (so the store is written as a local build
writes it). Each worker gets the build's pipelines once, from a worker plugin, and loads its model
once (``load_model`` caches it per process). A task whose worker dies is run again on another worker (the scheduler's own rescheduling, up to its
``allowed-failures``); a task that raises is retried ``DASK_TASK_RETRIES`` times. See
:mod:`storyline.engines` for the contract every engine keeps.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from storyline.engines import BatchDone, Engine, InputBatch
from storyline.errors import StorylineError
from storyline.parallel import default_workers, without_parse
from storyline.pipeline import Outcome, Pipeline
from storyline.records import Article, Failure

# Batches each Dask worker has queued besides the one it runs: enough that a worker never waits
# for the writer, few enough that a lost worker's batches are few.
DASK_BATCHES_PER_WORKER = 2
# How often the scheduler runs a task again when it raises (a lost worker is not counted here: that
# is the scheduler's allowed-failures setting, 3 by default).
DASK_TASK_RETRIES = 2
DASK_PLUGIN = "storyline-pipelines"
# The dashboard of a cluster started for a build: on this machine only, on a free port.
LOCAL_DASHBOARD = "127.0.0.1:0"
# Articles per task: a committed batch is split into tasks this large, so that the last batches of a
# build keep every worker busy (with 64-article tasks, 200 articles on two workers are 128 on one).
DASK_PARTITION = 16


class Dask(Engine):
    """Both pipelines on the workers of a Dask cluster: the one at ``scheduler``
    (``tcp://host:8786``), or a local cluster of ``workers`` processes started for the build."""

    name = "dask"

    def __init__(self, prepare: Pipeline, analyse: Pipeline, *, scheduler: str | None = None,
                 workers: int | None = None) -> None:
        super().__init__(prepare, analyse)
        self.cluster = None
        try:
            if scheduler is None:
                # One thread a worker: spaCy's parse holds the GIL, so threads would only queue.
                self.cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                            processes=True, dashboard_address=LOCAL_DASHBOARD,
                                            silence_logs=logging.ERROR)  # the build's own report says what happened
                self.client = Client(self.cluster)
            else:
                self.client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as error:
            self.close()
            raise StorylineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
        self.client.register_plugin(PipelinesPlugin(prepare, analyse), name=DASK_PLUGIN)

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def _run(self, batches: Iterable[InputBatch], stored: Callable[[str], bool]) -> Iterator[BatchDone]:
        in_flight: deque[tuple[InputBatch, list[Any]]] = deque()
        limit = self.workers() * (1 + DASK_BATCHES_PER_WORKER)
        for batch in batches:
            # pure=False: a batch sent again (a rerun) is run again, not taken from a cache
            tasks = [self.client.submit(run_on_worker, batch.articles[start:start + DASK_PARTITION], pure=False,
                                        retries=DASK_TASK_RETRIES)
                     for start in range(0, len(batch.articles), DASK_PARTITION)]
            in_flight.append((batch, tasks))
            if len(in_flight) >= limit:
                yield self._collect(*in_flight.popleft())
        while in_flight:
            yield self._collect(*in_flight.popleft())

    @staticmethod
    def _collect(batch: InputBatch, tasks: list[Any]) -> BatchDone:
        done = BatchDone(batch, [], [], [])
        for task in tasks:
            prepare_failures, analysed = task.result()
            done.prepare_failures += prepare_failures
            done.analysed += analysed
        return done

    def close(self) -> None:
        for part in (getattr(self, "client", None), self.cluster):
            if part is not None:
                part.close()


class PipelinesPlugin(WorkerPlugin):
    """Gives each Dask worker the build's two pipelines once, when it starts (and when a worker
    that died is replaced); the tasks then carry only their articles."""

    def __init__(self, prepare: Pipeline, analyse: Pipeline) -> None:
        self.prepare, self.analyse = prepare, analyse


def run_on_worker(articles: list[Article]) -> tuple[list[Failure], list[Outcome]]:
    """A Dask task: prepare a batch and analyse every article it prepares."""
    plugin = get_worker().plugins[DASK_PLUGIN]
    prepare_failures: list[Failure] = []
    prepared: list[Article] = []
    for outcome in plugin.prepare.run_batch(articles):
        (prepare_failures if isinstance(outcome, Failure) else prepared).append(outcome)  # type: ignore[arg-type]
    return prepare_failures, without_parse(plugin.analyse.run_batch(prepared) if prepared else [])
