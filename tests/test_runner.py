"""The corpus-step runner: contracts checked when it is built, writes applied by the runner alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.errors import PipelineError
from storyline.link.corpus import default_steps
from storyline.link.runner import GENERATION, LINKED_GENERATION, Corpus, CorpusRunner, CorpusStep, StepResult, \
    mark_changed
from storyline.store import Store


@dataclass(frozen=True)
class RecordState:
    key: str
    value: str

    def apply(self, store: Store) -> None:
        store.set_corpus_state(self.key, self.value)


class Counting(CorpusStep):
    name = "counting"
    requires = frozenset({"documents"})
    assigns = frozenset({"document-count"})

    def run(self, corpus: Corpus) -> StepResult:
        count = len(corpus.store.documents())
        return StepResult([RecordState("seen", str(count))], {"document_count": count}, {"documents": count})


class NeedsCount(CorpusStep):
    name = "needs-count"
    requires = frozenset({"document-count"})

    def run(self, corpus: Corpus) -> StepResult:
        # the earlier step's write is applied before this step reads
        assert corpus.store.corpus_state("seen") == str(corpus.facts["document_count"])
        return StepResult(counts={"checked": 1})


def test_steps_in_an_order_that_cannot_work_are_refused_when_the_runner_is_built() -> None:
    with pytest.raises(PipelineError, match="requires \\['document-count'\\]"):
        CorpusRunner([NeedsCount(), Counting()])
    with pytest.raises(PipelineError, match="appears twice"):
        CorpusRunner([Counting(), Counting()])
    CorpusRunner(default_steps())  # the shipped order fits


def test_the_runner_applies_writes_between_steps_and_runs_only_when_the_store_changed(tmp_path: Path) -> None:
    runner = CorpusRunner([Counting(), NeedsCount()])
    with Store.open(tmp_path / "s.db") as store:
        assert not runner.needed(store)  # a new store: nothing arrived
        with store.transaction():
            mark_changed(store)
        assert runner.needed(store)
        counts = runner.run(store, lambda doc, published, basis: None)
        assert counts == {"documents": 0, "checked": 1}
        assert store.corpus_state("seen") == "0"
        assert store.corpus_state(LINKED_GENERATION) == store.corpus_state(GENERATION)
        assert not runner.needed(store)
