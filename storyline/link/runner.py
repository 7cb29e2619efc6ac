"""The cross-document half's runner: corpus steps with a contract, one writer.

The per-document pipeline sees one article at a time; a corpus step sees the whole store. Like a
document stage, a step declares the corpus facts it ``requires`` and ``assigns``, and the runner
checks when it is built that every fact a step reads is either stored by the per-document half
(:data:`STORED_FACTS`) or assigned by an earlier step. A step reads the store, never writes it: it
returns :class:`Write` records, and the runner applies them, in one transaction for the whole
run, before the next step reads.

A step works in proportion to what changed. The runner tells it, for every fact it requires,
which documents that fact changed for since the last run (:class:`Changed`: the documents stored
or given a new publication, for the stored facts; what each earlier step reported, for the
rest), and the step reports in turn, for every fact it assigns, the documents its result changed
for. A step that reports nothing for a fact it assigns has changed it for every document (the
safe reading for a step that recomputes everything). Whatever a step skips, its writes must
leave the store as a run over the whole corpus would: the result is a function of the stored
documents, not of the order or the batches in which they arrived. The store's generation counter
tells the runner whether anything changed at all, so a build that stored nothing links nothing.

    runner = CorpusRunner(default_steps())
    report = runner.run(store, reanalyse)
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Collection, Iterable, Mapping, Protocol, Sequence

from storyline.pipeline import PipelineError, check_contract
from storyline.records import Event, StoredDocument, Timex
from storyline.store import Store

# What the per-document half stores: every step may read these.
STORED_FACTS = frozenset({
    "documents", "publications", "sentences", "mentions", "timexes", "quotes", "events", "undated-analysis",
    "stance-readings",
})

# The store's counters: GENERATION moves whenever documents or publications are added;
# LINKED_GENERATION is the generation the corpus steps last ran on.
GENERATION = "generation"
LINKED_GENERATION = "linked_generation"
# Set when something changed that no list of documents describes (the analyst's issues): the next
# run treats every document as changed.
RELINK_EVERYTHING = "relink_everything"

log = logging.getLogger(__name__)

# A stored document analysed again with another publication date: its time expressions and
# events (None when the analysis failed; the document keeps what it had).
Reanalyse = Callable[[StoredDocument, "str | None", "str | None"], "tuple[tuple[Timex, ...], tuple[Event, ...]] | None"]


class Write(Protocol):
    """A change a step asks for; only the runner applies it."""

    def apply(self, store: Store) -> None: ...


@dataclass(frozen=True)
class Changed:
    """The documents a corpus fact changed for since the steps last ran: these, or every one."""

    docs: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def every_document(cls) -> "Changed":
        return cls(everything=True)

    @classmethod
    def of(cls, docs: Iterable[str]) -> "Changed":
        return cls(frozenset(docs))

    def __bool__(self) -> bool:
        return self.everything or bool(self.docs)

    def __or__(self, other: "Changed") -> "Changed":
        return Changed(self.docs | other.docs, self.everything or other.everything)

    def covers(self, doc: str) -> bool:
        return self.everything or doc in self.docs


NOTHING = Changed()


@dataclass
class Corpus:
    """What a step sees: the store to read, the facts earlier steps computed, what changed, and a
    way to send a document back through the per-document analysis with another date."""

    store: Store
    reanalyse: Reanalyse
    facts: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Changed] = field(default_factory=dict)
    readable: frozenset[str] = frozenset()  # the facts the running step requires

    def changed(self, *facts: str) -> Changed:
        """The documents any of ``facts`` changed for; a step may ask only about what it requires."""
        unasked = set(facts) - self.readable
        if unasked:
            raise PipelineError(f"a corpus step asked what changed in {sorted(unasked)}, which it does not require")
        total = NOTHING
        for fact in facts:
            total = total | self.changes.get(fact, NOTHING)
        return total


@dataclass(frozen=True)
class StepResult:
    writes: Sequence[Write] = ()
    facts: dict[str, Any] = field(default_factory=dict)  # in-memory products later steps use
    counts: dict[str, int] = field(default_factory=dict)  # for the build's report
    # For each fact the step assigns, the documents its result changed for (a fact left out
    # changed for every document).
    changed: Mapping[str, Changed] = field(default_factory=dict)


class CorpusStep:
    """Base class of a corpus step. Subclasses set the class attributes and ``run``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def run(self, corpus: Corpus) -> StepResult:
        raise NotImplementedError(f"corpus step {self.name!r} must implement run()")


class CorpusRunner:
    """Runs corpus steps in order over a store; checks at construction that they fit."""

    def __init__(self, steps: Sequence[CorpusStep]) -> None:
        self.steps = list(steps)
        check_steps(self.steps)
        self.seconds: dict[str, float] = {}  # each step's time in the last run

    def needed(self, store: Store) -> bool:
        """Whether documents or publications arrived since the steps last ran."""
        return store.corpus_state(GENERATION) != store.corpus_state(LINKED_GENERATION)

    def run(self, store: Store, reanalyse: Reanalyse, *, everything: bool = False) -> dict[str, int]:
        """Run every step on what changed since the last run (``everything``: as if every document
        had); call outside a transaction (the run is one)."""
        unlinked = store.unlinked_documents()
        if everything or store.corpus_state(RELINK_EVERYTHING) == "1" or not unlinked:
            stored = Changed.every_document()  # a store from before the list was kept says no more
        else:
            stored = Changed.of(unlinked)
        corpus = Corpus(store, reanalyse, changes=dict.fromkeys(STORED_FACTS, stored))
        counts: dict[str, int] = {}
        self.seconds = {}
        with store.transaction():
            for step in self.steps:
                started = time.perf_counter()
                corpus.readable = step.requires
                result = step.run(corpus)
                for write in result.writes:
                    write.apply(store)
                corpus.facts.update(result.facts)
                corpus.changes.update(_changes_of(step, result))
                counts.update(result.counts)
                self.seconds[step.name] = time.perf_counter() - started
                log.info("corpus step %s: %.2f s", step.name, self.seconds[step.name],
                         extra={"step": step.name, "seconds": self.seconds[step.name]})
            store.clear_unlinked()
            store.set_corpus_state(RELINK_EVERYTHING, "0")
            store.set_corpus_state(LINKED_GENERATION, store.corpus_state(GENERATION) or "0")
        return counts


def _changes_of(step: CorpusStep, result: StepResult) -> dict[str, Changed]:
    """What the step changed, fact by fact; a step speaks only for the facts it assigns."""
    foreign = set(result.changed) - step.assigns
    if foreign:
        raise PipelineError(f"corpus step {step.name!r} reported changes to {sorted(foreign)}, which it does not assign")
    return {fact: result.changed.get(fact, Changed.every_document()) for fact in step.assigns}


def check_steps(steps: Sequence[CorpusStep]) -> None:
    check_contract(steps, STORED_FACTS, known=None, kind="corpus step",  # type: ignore[arg-type]
                   source="neither the stored documents nor an earlier step provide")


def mark_changed(store: Store, docs: Collection[str] | None = None) -> None:
    """Move the store's generation on: these documents were stored or given a new publication, or
    (``docs`` None) something changed for every document (call in a transaction)."""
    store.set_corpus_state(GENERATION, str(int(store.corpus_state(GENERATION) or "0") + 1))
    if docs is None:
        store.set_corpus_state(RELINK_EVERYTHING, "1")
    else:
        store.mark_unlinked(docs)
