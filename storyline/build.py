"""Build a corpus: read inputs, run the pipeline, store the results, link actors across documents.

    from storyline import build
    report = build(["../shared/corpus/seeds"], db="storyline.db")
    print(report.stored, report.skipped, report.failed)

A document is identified by its content hash, so building the same input twice stores nothing
twice, and a run that was killed picks up where it stopped: each batch is committed whole.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from storyline.analyse.nlp import DEFAULT_MODEL, Analyse, load_model
from storyline.analyse.stages import Events, Quotes, TimeExpressions
from storyline.clean.cleaner import Clean
from storyline.clean.metadata import Metadata
from storyline.errors import InputError
from storyline.ingest.readers import discover, input_format, open_input, read_paths
from storyline.link.corpus import link_corpus, reanalyser
from storyline.pipeline import ErrorPolicy, Pipeline, Stage
from storyline.records import Article, Failure, RawDocument
from storyline.store import Store
from storyline.store.sqlite import publication_of

# Articles per committed batch: a killed run loses at most this much work, and a batch is large
# enough for spaCy's nlp.pipe to run at full speed.
BATCH_SIZE = 64

ProgressCallback = Callable[[int], None]


def default_stages(model: str = DEFAULT_MODEL) -> list[Stage]:
    """The stages of a build, in order: clean → metadata → analyse → time → quotes → events."""
    return [Clean(), Metadata(), Analyse(model), TimeExpressions(), Quotes(), Events()]


@dataclass
class BuildReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    actors: int = 0
    inferred_dates: int = 0
    timeline_entries: int = 0

    @property
    def processed(self) -> int:
        return self.stored + self.failed

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


def count_items(paths: Iterable[str | Path]) -> int:
    """How many input items a build of ``paths`` will see (for progress bars); cheap."""
    total = 0
    for found in discover(paths):
        if isinstance(found, Failure):
            total += 1
        elif input_format(found) == "jsonl":
            try:
                with open_input(found) as handle:
                    total += sum(1 for line in handle if line.strip())
            except (OSError, EOFError):
                total += 1
        else:
            total += 1
    return total


def build(
    paths: Sequence[str | Path],
    *,
    db: str | Path = "storyline.db",
    model: str = DEFAULT_MODEL,
    stages: Sequence[Stage] | None = None,
    on_error: ErrorPolicy = "record",
    batch_size: int = BATCH_SIZE,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Read ``paths`` (files or folders) into the store at ``db``; return what happened."""
    started = time.perf_counter()
    pipeline = Pipeline(stages if stages is not None else default_stages(model), on_error=on_error)
    report = BuildReport()
    with Store.open(db) as store:
        pending: list[Article] = []
        read_failures: list[Failure] = []
        seen: set[tuple[str, str]] = set()

        def flush() -> None:
            outcomes = pipeline.run_batch(pending) if pending else []
            with store.transaction():
                for outcome in outcomes:
                    if isinstance(outcome, Failure):
                        store.add_failure(outcome)
                        report.failures.append(outcome)
                        report.failed += 1
                    elif store.has_document(outcome.id):
                        store.add_publication(publication_of(outcome))
                        report.skipped += 1
                    else:
                        store.add(outcome)
                        report.stored += 1
                for failed in read_failures:
                    store.add_failure(failed)
            if progress:
                progress(len(pending) + len(read_failures))
            pending.clear()
            read_failures.clear()

        for item in read_paths(paths):
            if isinstance(item, Failure):
                if on_error == "raise":
                    raise_failure(item)
                read_failures.append(item)
                report.failures.append(item)
                report.failed += 1
            elif (item.id, item.source) in seen or store.has_publication(item.id, item.source):
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            else:
                seen.add((item.id, item.source))
                pending.append(Article(raw=item))
            if len(pending) >= batch_size or len(read_failures) >= batch_size:
                flush()
        flush()

        with store.transaction():
            linked = link_corpus(store, reanalyser(load_model(model)))
        report.actors = linked.actors
        report.inferred_dates = linked.inferred_dates
        report.timeline_entries = linked.timeline_entries
    report.seconds = time.perf_counter() - started
    return report


def raise_failure(failed: Failure) -> None:
    raise InputError(f"{failed.source}: {failed.reason}")


def analyse_raw(raw: RawDocument, stages: Sequence[Stage] | None = None) -> Article:
    """Run the pipeline on one raw document in memory and return the article (for the API/tests)."""
    pipeline = Pipeline(stages if stages is not None else default_stages(), on_error="raise")
    (article,) = pipeline.run_batch([Article(raw=raw)])
    assert isinstance(article, Article)
    return article
