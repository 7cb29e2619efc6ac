"""Engines: what runs the per-document pipeline over a build's batches, here or on a Dask cluster.

A build reads its inputs into batches and writes each batch's outcomes to the store in one
transaction, in the order the batches were read; an engine sits between the two and runs the same
two pipelines on every batch: ``prepare`` (clean, metadata, language: cheap) and ``analyse`` (the
parse and the rules that read it). The stages do not know which engine runs them.

- :class:`InProcess` runs both in the build's process;
- :class:`Forked` prepares here and analyses in forked worker processes (:class:`storyline.parallel.Analyser`);
- :class:`storyline.dask_engine.Dask` runs both on the workers of a ``dask.distributed`` cluster, a
  few tasks a batch, several batches in flight, each worker holding the pipelines (a worker plugin) and
  its model (loaded once per process). A task whose worker dies is run again on another (the scheduler's own retry), so a lost
  worker costs its batches, nothing else.

The local engines analyse only texts the store does not hold (``stored``) and that come first in
their batch; a Dask task cannot ask the store, so it analyses every prepared text and the writer
records an analysed copy as a publication, as it does an unanalysed one. The store is the same
either way (tests/test_engines.py builds it both ways).

    with engine_for("dask", prepare, analyse, workers=2) as engine:
        for done in engine.run(batches, stored=store.has_document):
            write(done)        # done.batch, done.prepare_failures, done.analysed, done.unanalysed
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Iterable, Iterator, Literal, Sequence

from storyline.errors import InternalError, StorylineError
from storyline.parallel import Analyser, default_workers
from storyline.pipeline import Outcome, Pipeline
from storyline.records import Article, Failure

EngineName = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")


@dataclass
class InputBatch:
    """One committed batch of a build: the items read for it, and the items that failed to read."""

    articles: list[Article] = field(default_factory=list)
    read_failures: list[Failure] = field(default_factory=list)


@dataclass
class BatchDone:
    """What an engine gives back for a batch: every article of it exactly once, as a failure of a
    prepare stage, an analysed outcome (the article or its analysis failure), or a prepared article
    the engine did not analyse because its text is stored or comes earlier in the batch."""

    batch: InputBatch
    prepare_failures: list[Failure]
    analysed: list[Outcome]
    unanalysed: list[Article]

    def check(self, engine: str) -> "BatchDone":
        """Refuse a result that loses, invents or repeats an article of the batch."""
        given = Counter(article.source for article in self.batch.articles)
        returned = Counter(o.source for o in (*self.prepare_failures, *self.analysed, *self.unanalysed))
        if given != returned:
            lost, extra = sorted((given - returned).elements()), sorted((returned - given).elements())
            raise InternalError(f"the {engine} engine returned a batch that does not match its input "
                                f"(missing: {lost[:3]}, unexpected: {extra[:3]}); please report it")
        if any(isinstance(o, Failure) for o in self.unanalysed):
            raise InternalError(f"the {engine} engine put a failure among the unanalysed articles")
        return self


class Engine:
    """Runs ``prepare`` and ``analyse`` over batches; subclasses say where (:meth:`_run`)."""

    name: ClassVar[str]

    def __init__(self, prepare: Pipeline, analyse: Pipeline) -> None:
        self.prepare, self.analyse = prepare, analyse

    def run(self, batches: Iterable[InputBatch], *, stored: Callable[[str], bool]) -> Iterator[BatchDone]:
        """Each batch's outcomes, in the order the batches came; ``stored`` tells whether the store
        holds a text (asked when a batch's outcomes are about to be taken, after the earlier
        batches were written)."""
        for done in self._run(batches, stored):
            yield done.check(self.name)

    def _run(self, batches: Iterable[InputBatch], stored: Callable[[str], bool]) -> Iterator[BatchDone]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the engine's workers."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class InProcess(Engine):
    """Both pipelines in the build's own process."""

    name = "in-process"

    def _run(self, batches: Iterable[InputBatch], stored: Callable[[str], bool]) -> Iterator[BatchDone]:
        for batch in batches:
            yield prepare_then_analyse_new(batch, self.prepare, self.analyse_articles, stored)

    def analyse_articles(self, articles: Sequence[Article]) -> list[Outcome]:
        return self.analyse.run_batch(articles)


class Forked(InProcess):
    """Prepares in the build's process, analyses in ``workers`` forked processes."""

    name = "forked"

    def __init__(self, prepare: Pipeline, analyse: Pipeline, *, workers: int) -> None:
        super().__init__(prepare, analyse)
        self.analyser = Analyser(analyse, workers=workers)

    def analyse_articles(self, articles: Sequence[Article]) -> list[Outcome]:
        return self.analyser(articles)

    def close(self) -> None:
        self.analyser.close()


def prepare_then_analyse_new(batch: InputBatch, prepare: Pipeline,
                             analyse: Callable[[Sequence[Article]], list[Outcome]],
                             stored: Callable[[str], bool]) -> BatchDone:
    """Prepare a batch; analyse the first article of each text the store does not hold."""
    prepare_failures: list[Failure] = []
    new: dict[str, Article] = {}
    unanalysed: list[Article] = []
    for outcome in prepare.run_batch(batch.articles) if batch.articles else []:
        if isinstance(outcome, Failure):
            prepare_failures.append(outcome)
        elif outcome.id in new or stored(outcome.id):
            unanalysed.append(outcome)
        else:
            new[outcome.id] = outcome
    analysed = analyse(list(new.values())) if new else []
    return BatchDone(batch, prepare_failures, analysed, unanalysed)


def check_engine(engine: str, *, workers: int | None = None, scheduler: str | None = None) -> None:
    """Refuse an engine that does not exist, or options that contradict each other."""
    if engine not in ENGINES:
        raise StorylineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "dask" and scheduler is not None and workers is not None:
        raise StorylineError("give a Dask build either a scheduler to join or a number of workers to start, "
                             "not both")
    if engine == "local" and scheduler is not None:
        raise StorylineError("a scheduler is for --engine dask; a local build runs on this machine")


def engine_for(engine: str, prepare: Pipeline, analyse: Pipeline, *, workers: int | None = None,
               scheduler: str | None = None) -> Engine:
    """The engine a build asked for: ``local`` (in this process, or forked workers for more than
    one) or ``dask`` (a cluster at ``scheduler``, or a local one of ``workers`` processes)."""
    check_engine(engine, workers=workers, scheduler=scheduler)
    if engine == "dask":
        from storyline.dask_engine import Dask  # distributed takes a second to import: only for a Dask build

        return Dask(prepare, analyse, scheduler=scheduler, workers=workers)
    count = workers or default_workers()
    return Forked(prepare, analyse, workers=count) if count > 1 else InProcess(prepare, analyse)
