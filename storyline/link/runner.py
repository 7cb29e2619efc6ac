"""The cross-document half's runner: corpus steps with a contract, one writer.

The per-document pipeline sees one article at a time; a corpus step sees the whole store. Like a
document stage, a step declares the corpus facts it ``requires`` and ``assigns``, and the runner
checks when it is built that every fact a step reads is either stored by the per-document half
(:data:`STORED_FACTS`) or assigned by an earlier step. A step reads the store, never writes it: it
returns :class:`Write` records, and the runner applies them, in one transaction for the whole
run, before the next step reads.

Every step recomputes its facts from the stored documents, so what a run produces is a function
of the documents in the store, not of the order they arrived in; the store's generation counter
tells the runner whether anything changed since the last run, so a build that stored nothing
links nothing.

    runner = CorpusRunner(default_steps())
    report = runner.run(store, reanalyse)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Protocol, Sequence

from storyline.pipeline import check_contract
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

# A stored document analysed again with another publication date: its time expressions and
# events (None when the analysis failed; the document keeps what it had).
Reanalyse = Callable[[StoredDocument, "str | None", "str | None"], "tuple[tuple[Timex, ...], tuple[Event, ...]] | None"]


class Write(Protocol):
    """A change a step asks for; only the runner applies it."""

    def apply(self, store: Store) -> None: ...


@dataclass
class Corpus:
    """What a step sees: the store to read, the facts earlier steps computed, and a way to send
    a document back through the per-document analysis with another date."""

    store: Store
    reanalyse: Reanalyse
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StepResult:
    writes: Sequence[Write] = ()
    facts: dict[str, Any] = field(default_factory=dict)  # in-memory products later steps use
    counts: dict[str, int] = field(default_factory=dict)  # for the build's report


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

    def needed(self, store: Store) -> bool:
        """Whether documents or publications arrived since the steps last ran."""
        return store.corpus_state(GENERATION) != store.corpus_state(LINKED_GENERATION)

    def run(self, store: Store, reanalyse: Reanalyse) -> dict[str, int]:
        """Run every step; call outside a transaction (the run is one)."""
        corpus = Corpus(store, reanalyse)
        counts: dict[str, int] = {}
        with store.transaction():
            for step in self.steps:
                result = step.run(corpus)
                for write in result.writes:
                    write.apply(store)
                corpus.facts.update(result.facts)
                counts.update(result.counts)
            store.set_corpus_state(LINKED_GENERATION, store.corpus_state(GENERATION) or "0")
        return counts


def check_steps(steps: Sequence[CorpusStep]) -> None:
    check_contract(steps, STORED_FACTS, known=None, kind="corpus step",  # type: ignore[arg-type]
                   source="neither the stored documents nor an earlier step provide")


def mark_changed(store: Store) -> None:
    """Move the store's generation on: documents or publications were added (call in a transaction)."""
    store.set_corpus_state(GENERATION, str(int(store.corpus_state(GENERATION) or "0") + 1))

