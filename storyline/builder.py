"""Build a corpus: read inputs, run the pipeline, store the results, link actors across documents.

    from storyline import build
    report = build(["../shared/corpus/seeds"], db="storyline.db")
    print(report.stored, report.skipped, report.failed)

A document is identified by its clean text, and every input item that carries it is recorded as a
publication of it: building the same input twice stores nothing twice, the same text from another
outlet is analysed once and recorded as another publication, and a run that was killed picks up
where it stopped (each batch is committed whole). The cross-document steps run only when documents
or publications arrived, and recompute from the whole store, so the result does not depend on the
order the inputs came in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal, Sequence, get_args

from storyline.analyse.embeddings import Embed, embed_stored
from storyline.analyse.language import Language
from storyline.analyse.nlp import DEFAULT_MODEL, Analyse, ModelSetting
from storyline.analyse.stages import Events, Quotes, StanceReadings, TimeExpressions
from storyline.clean.cleaner import Clean
from storyline.clean.metadata import Metadata
from storyline.engines import BatchDone, InputBatch, check_engine, engine_for
from storyline.errors import InputError, StorylineError
from storyline.ingest.fetch import FetchFailed
from storyline.ingest.readers import ReadOptions, read_paths, with_fetcher
from storyline.link.issues import load_issues
from storyline.link.corpus import default_steps
from storyline.link.runner import CorpusRunner, Reanalyse, mark_changed
from storyline.pipeline import ErrorPolicy, Outcome, Pipeline, Stage, check_contract, fields_set_by, split_at_parse
from storyline.records import Article, Event, Failure, RawDocument, StoredDocument, Timex
from storyline.store import Store
from storyline.store.lock import WaitCallback, build_lock
from storyline.store.sqlite import publication_of

# Articles per committed batch: a killed run loses at most this much work, and a batch is large
# enough for spaCy's nlp.pipe to run at full speed.
BATCH_SIZE = 64
# How the stories step runs (storyline.link.corpus.Stories): the corpus clustered again, or the
# arrivals placed into the stories within their reach.
StoriesMode = Literal["exact", "incremental"]
STORIES_MODES: tuple[str, ...] = get_args(StoriesMode)

ProgressCallback = Callable[[int], None]


def default_stages(model: ModelSetting = DEFAULT_MODEL) -> list[Stage]:
    """The stages of a build, in order: clean → metadata → language → analyse → embed → time →
    quotes → events → stance. ``model``: the spaCy pipeline name or path for English, or a mapping of languages to
    pipelines ({"de": "de_core_news_sm"}; English keeps the default unless named)."""
    return [Clean(), Metadata(), Language(), Analyse(model), Embed(), TimeExpressions(), Quotes(), Events(),
            StanceReadings()]


@dataclass
class BuildReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    copies: int = 0  # new publications of a text already stored (another outlet, page or file)
    actors: int = 0
    inferred_dates: int = 0
    timeline_entries: int = 0
    stories: int = 0
    stories_rewritten: int = 0  # of them, those the stories step wrote (all, unless incremental)
    linked: bool = False  # whether the cross-document steps ran (only when something changed)
    link_seconds: float = 0.0  # the part of ``seconds`` the cross-document steps took
    write_seconds: float = 0.0  # the part of ``seconds`` the one writer took (the store's transactions)

    @property
    def processed(self) -> int:
        return self.stored + self.failed

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


def count_items(paths: Iterable[str | Path], *, read_options: ReadOptions | None = None) -> int:
    """How many input items a build of ``paths`` will see (for progress bars).

    A build advances its progress once per outcome of :func:`read_paths` (a raw document, or a
    failure to read one), so this counts exactly those outcomes: the same walk, the same hidden and
    unsupported files left out, the same blank JSONL lines skipped, and a truncated .gz that yields
    its readable lines and then one failure counts as those lines plus one. Reading is cheap next to
    the analysis (2,507 JSONL articles: 0.1 s), so the inputs are read twice rather than guessed at.
    URLs are not fetched for the count (a fetch is slow, and twice is impolite): each counts as one.
    """
    counting = replace(read_options or ReadOptions(), fetcher=_NotFetched())
    return sum(1 for _ in read_paths(paths, options=counting))


class _NotFetched:
    """A fetcher for counting: every URL one outcome, nothing fetched."""

    def fetch(self, url: str) -> FetchFailed:
        return FetchFailed(url, "counting", "not fetched while counting")


def build(
    paths: Sequence[str | Path] | str | Path,
    *,
    db: str | Path = "storyline.db",
    model: ModelSetting = DEFAULT_MODEL,
    stages: Sequence[Stage] | None = None,
    on_error: ErrorPolicy = "record",
    batch_size: int = BATCH_SIZE,
    progress: ProgressCallback | None = None,
    on_wait: WaitCallback | None = None,
    workers: int | None = None,
    issues: str | Path | None = None,
    read_options: ReadOptions | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    stories: StoriesMode = "exact",
) -> BuildReport:
    """Read ``paths`` (files or folders) into the store at ``db``; return what happened.

    One build runs at a time per store: a second one waits for the first (``on_wait`` hears why).
    ``engine`` runs the per-document pipeline (:mod:`storyline.engines`): ``local`` analyses in
    ``workers`` processes (default: every core this process may use); ``dask`` on the Dask cluster
    at ``scheduler`` (``tcp://host:8786``), or on a local one of ``workers`` processes.
    ``read_options`` says how containers are read (CSV columns: ``ReadOptions(csv_columns={"text": "body"})``).
    ``issues`` is an issues file (TOML, see :mod:`storyline.link.issues`): its issues replace the
    given ones the store holds, and positions are read on them (without one, the store's given
    issues stay, or issues are induced from the corpus).
    ``stories`` is ``exact`` (the corpus clustered again on every link: the stories are a function
    of the stored documents) or ``incremental`` (arrivals placed into the stories within reach of
    their days; faster on a large corpus, close to but not always the exact result; see
    :class:`storyline.link.corpus.Stories`).
    """
    started = time.perf_counter()
    check_engine(engine, workers=workers, scheduler=scheduler)  # before the store is opened or created
    check_stories_mode(stories)
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    chosen = list(stages) if stages is not None else default_stages(model)
    check_contract(chosen)
    prepare_stages, analysis_stages = split_at_parse(chosen)
    prepare = Pipeline(prepare_stages, on_error=on_error)
    analyse = Pipeline(analysis_stages, on_error=on_error, provided=fields_set_by(prepare_stages))
    report = BuildReport()
    given = load_issues(issues) if issues is not None else None  # a malformed file fails before any work
    with build_lock(db, on_wait=on_wait), Store.open(db) as store, \
            engine_for(engine, prepare, analyse, workers=workers, scheduler=scheduler) as runs:
        if given is not None and tuple(store.issues(induced=False)) != given:
            with store.transaction():
                store.replace_issues(given, induced=False)
                mark_changed(store)  # the positions must be read again on the new issues
        writer = _Writer(store, report)
        fetching = with_fetcher(read_options or ReadOptions(), cache=store.fetch_cache())
        batches = _input_batches(paths, fetching, store, report, on_error, batch_size, progress)
        for done in runs.run(batches, stored=store.has_document):
            writing = time.perf_counter()
            writer.write(done)
            report.write_seconds += time.perf_counter() - writing
            if progress:
                progress(len(done.batch.articles) + len(done.batch.read_failures))
        embedded = embed_stored(store)  # documents stored before sentence vectors were kept
        if embedded:
            with store.transaction():
                mark_changed(store, embedded)  # only these gained a fact

        runner = CorpusRunner(default_steps(incremental_stories=stories == "incremental"))
        if runner.needed(store):
            linking = time.perf_counter()
            counts = runner.run(store, reanalyser(analysis_stages))
            report.link_seconds = time.perf_counter() - linking
            report.actors = counts.get("actors", 0)
            report.inferred_dates = counts.get("inferred_dates", 0)
            report.timeline_entries = counts.get("timeline_entries", 0)
            report.stories = counts.get("stories", 0)
            report.stories_rewritten = counts.get("stories_rewritten", 0)
            report.linked = True
    report.seconds = time.perf_counter() - started
    return report


def check_stories_mode(mode: str) -> None:
    """Refuse a stories mode that does not exist, before the store is opened or created."""
    if mode not in STORIES_MODES:
        raise StorylineError(f"unknown stories mode {mode!r}; use one of {', '.join(STORIES_MODES)}")


def _input_batches(paths: Sequence[str | Path], read_options: ReadOptions | None, store: Store,
                   report: BuildReport, on_error: ErrorPolicy, size: int,
                   progress: ProgressCallback | None) -> Iterator[InputBatch]:
    """The input items in batches of ``size``, leaving out items read before (this very content
    from this source: stored, or earlier in this build)."""
    seen: set[tuple[str, str]] = set()
    batch = InputBatch()
    for item in read_paths(paths, options=read_options):
        if isinstance(item, Failure):
            if on_error == "raise":
                raise_failure(item)
            batch.read_failures.append(item)
        elif (item.id, item.source) in seen or store.has_publication(item.id, item.source):
            report.skipped += 1
            if progress:
                progress(1)
            continue
        else:
            seen.add((item.id, item.source))
            batch.articles.append(Article(raw=item))
        if len(batch.articles) >= size or len(batch.read_failures) >= size:
            yield batch
            batch = InputBatch()
    if batch.articles or batch.read_failures:
        yield batch


class _Writer:
    """The one writer of a build: each batch's outcomes into the store in one transaction."""

    def __init__(self, store: Store, report: BuildReport) -> None:
        self.store, self.report = store, report

    def write(self, done: BatchDone) -> None:
        failures = [*done.batch.read_failures, *done.prepare_failures]
        failed_texts: dict[str, Failure] = {}  # the first failure of each text's analysis
        copies: list[Outcome] = list(done.unanalysed)  # items whose text is stored, or earlier in the batch
        with self.store.transaction():
            changed: list[str] = []  # documents stored, or given another publication
            for outcome in done.analysed:
                if isinstance(outcome, Failure):
                    if outcome.doc in failed_texts:  # an engine that analysed a copy: it fails as the first did
                        copies.append(outcome)
                    else:
                        failed_texts[outcome.doc or outcome.source] = outcome
                        failures.append(outcome)
                elif self.store.has_document(outcome.id):  # an engine that analysed a copy of a stored text
                    copies.append(outcome)
                else:
                    self.store.add(outcome)
                    self.report.stored += 1
                    changed.append(outcome.id)
            for copy in copies:
                doc = copy.doc if isinstance(copy, Failure) else copy.id
                if doc in failed_texts:
                    first = failed_texts[doc]
                    failures.append(Failure(copy.source, first.stage,
                                            f"{first.reason} (the same text as {first.source})", first.code, doc))
                elif isinstance(copy, Article) and self.store.add_publication(publication_of(copy), copy.removed):
                    for warning in copy.warnings:
                        self.store.add_warning(replace(warning, doc=warning.doc or copy.id))
                    self.report.copies += 1
                    changed.append(copy.id)
                else:
                    self.report.skipped += 1
            for failed in failures:
                self.store.add_failure(failed)
            if changed:
                mark_changed(self.store, changed)
        self.report.failures += failures
        self.report.failed += len(failures)


# The article fields a stored document gives back: enough to run the analysis stages again.
STORED_ARTICLE_FIELDS = frozenset({"raw", "title", "outlet", "url", "published", "published_basis", "language",
                                   "text", "removed"})


def reanalyser(analysis_stages: Sequence[Stage]) -> Reanalyse:
    """Send a stored document back through the analysis stages with another publication date."""
    pipeline = Pipeline(analysis_stages, on_error="record", provided=STORED_ARTICLE_FIELDS)

    def reanalyse(doc: StoredDocument, published: str | None,
                  basis: str | None) -> tuple[tuple[Timex, ...], tuple[Event, ...]] | None:
        article = Article(raw=RawDocument(doc.source, doc.format, doc.text, doc.fields),  # type: ignore[arg-type]
                          title=doc.title, outlet=doc.outlet, url=doc.url, published=published,
                          published_basis=basis, language=doc.language, text=doc.text)  # type: ignore[arg-type]
        (outcome,) = pipeline.run_batch([article])
        if isinstance(outcome, Failure):
            return None
        return outcome.timexes, outcome.events

    return reanalyse


def raise_failure(failed: Failure) -> None:
    raise InputError(f"{failed.source}: {failed.reason}")


def analyse_raw(raw: RawDocument, stages: Sequence[Stage] | None = None) -> Article:
    """Run the pipeline on one raw document in memory and return the article (for the API/tests)."""
    pipeline = Pipeline(stages if stages is not None else default_stages(), on_error="raise")
    (article,) = pipeline.run_batch([Article(raw=raw)])
    assert isinstance(article, Article)
    return article
