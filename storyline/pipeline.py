"""The pipeline: an ordered list of stages and a tiny runner.

A stage is an object with a ``name``, the article fields it ``requires`` and ``assigns``, and a
``process_batch`` method that turns a batch of articles into articles or failures. Most stages
only implement ``process`` for one article and inherit the batching; the analysis stage batches
for real because spaCy is several times faster over ``nlp.pipe``.

The runner checks the contract when the pipeline is built, so a misordered configuration fails
at once with a clear error rather than halfway through a corpus. What happens to an article that
fails inside a stage is a policy: ``on_error="record"`` (batch runs) turns it into a
:class:`~storyline.records.Failure` and goes on; ``on_error="raise"`` (tests) stops at once.
"""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar, Iterable, Iterator, Literal, Protocol, Sequence

from storyline.errors import InternalError, PipelineError, StorylineError
from storyline.records import Article, Failure

ErrorPolicy = Literal["record", "raise"]
Outcome = Article | Failure

# What every article has before any stage runs: the raw input item.
INPUT_FIELDS = frozenset({"raw"})
ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


class Stage:
    """Base class of a pipeline stage. Subclasses set the class attributes and ``process``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def process(self, article: Article) -> Article:
        raise NotImplementedError(f"stage {self.name!r} must implement process() or process_batch()")

    def process_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.append(self.process(article))
            except StorylineError as error:
                outcomes.append(failure(article, self.name, error))
            except Exception as error:  # noqa: BLE001 — a bug on one article must not end a batch run
                outcomes.append(failure(article, self.name, InternalError(
                    f"{type(error).__name__}: {error} (a bug in stage {self.name!r}; please report it with the input)")))
        return outcomes


def failure(article: Article, stage: str, error: StorylineError) -> Failure:
    return Failure(source=article.source, stage=stage, reason=error.message, code=error.code, doc=article.id)


class Pipeline:
    """Runs stages over articles in batches; checks at construction that the stages fit."""

    def __init__(self, stages: Sequence[Stage], *, on_error: ErrorPolicy = "record",
                 provided: frozenset[str] = INPUT_FIELDS) -> None:
        """``provided``: the article fields set before the first stage runs (the raw item, or more
        for a pipeline that resumes from stored documents)."""
        self.stages = list(stages)
        self.on_error = on_error
        self.provided = provided
        check_contract(self.stages, provided)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def run(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Outcome]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)

    def run_batch(self, batch: Sequence[Article]) -> list[Outcome]:
        """Pass one batch through every stage; failed articles leave the batch as they fail."""
        finished: list[Outcome] = []
        live: list[Article] = list(batch)
        for stage in self.stages:
            if not live:
                break
            outcomes = stage.process_batch(live)
            live = []
            for outcome in outcomes:
                if isinstance(outcome, Failure):
                    if self.on_error == "raise":
                        raise PipelineError(f"stage {outcome.stage!r} failed on {outcome.source}: {outcome.reason}")
                    finished.append(outcome)
                else:
                    live.append(outcome)
        return finished + live


class Contracted(Protocol):
    """What the contract check reads of a document stage or a corpus step."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]


def check_contract(stages: Sequence[Contracted], provided: frozenset[str] = INPUT_FIELDS, *,
                   known: frozenset[str] | None = ARTICLE_FIELDS, kind: str = "stage",
                   source: str = "no earlier stage assigns") -> None:
    """Refuse an order in which a stage needs what nothing before it provides.

    Used for document stages (over Article fields) and corpus steps (over corpus facts, where
    ``known`` is None because steps may name new facts).
    """
    available = set(provided)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"{kind} {stage.name!r} appears twice; give each {kind} one place")
        seen.add(stage.name)
        unknown = (stage.requires | stage.assigns) - known if known is not None else set()
        if unknown:
            raise PipelineError(f"{kind} {stage.name!r} names fields an Article does not have: {sorted(unknown)}")
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"{kind} {stage.name!r} requires {sorted(missing)}, which {source}; "
                f"move it after the {kind} that produces them"
            )
        available |= stage.assigns


def split_at_parse(stages: Sequence[Stage]) -> tuple[list[Stage], list[Stage]]:
    """The stages before the text is parsed (cheap: cleaning, metadata) and the rest (analysis).

    A build prepares every input item, and analyses only texts it has not stored yet: a copy of
    a stored text is recorded as another publication of it without being parsed again.
    """
    for position, stage in enumerate(stages):
        if "parsed" in stage.assigns | stage.requires:
            return list(stages[:position]), list(stages[position:])
    return list(stages), []


def fields_set_by(stages: Sequence[Stage], provided: frozenset[str] = INPUT_FIELDS) -> frozenset[str]:
    """The article fields available after ``stages`` have run."""
    available = set(provided)
    for stage in stages:
        available |= stage.assigns
    return frozenset(available)
