"""The corpus-step runner: contracts checked when it is built, writes applied by the runner alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.errors import PipelineError
from storyline.link.corpus import default_steps
from storyline.link.runner import GENERATION, LINKED_GENERATION, Changed, Corpus, CorpusRunner, CorpusStep, StepResult, \
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


def add_documents(store: Store, *ids: str) -> None:
    """Bare document rows: these steps read only which documents changed."""
    store.connection.executemany("INSERT INTO documents (id, source, format, text) VALUES (?, ?, 'text', '')",
                                 [(doc, f"{doc}.txt") for doc in ids])


class Watching(CorpusStep):
    """Notes what the runner says changed; reports a change to the document count for one document."""

    name = "watching"
    requires = frozenset({"documents"})
    assigns = frozenset({"document-count"})
    seen: list[Changed] = []

    def run(self, corpus: Corpus) -> StepResult:
        Watching.seen.append(corpus.changed("documents"))
        return StepResult(changed={"document-count": Changed.of(["doc-b"])})


class Downstream(CorpusStep):
    name = "downstream"
    requires = frozenset({"document-count", "publications"})
    seen: list[Changed] = []

    def run(self, corpus: Corpus) -> StepResult:
        Downstream.seen.append(corpus.changed("document-count"))
        return StepResult()


class Silent(CorpusStep):
    """Reports nothing about what it changed: later steps must take it as every document."""

    name = "silent"
    requires = frozenset({"documents"})
    assigns = frozenset({"document-count"})

    def run(self, corpus: Corpus) -> StepResult:
        return StepResult()


def test_each_step_is_told_which_documents_changed_and_passes_on_what_it_changed(tmp_path: Path) -> None:
    Watching.seen, Downstream.seen = [], []
    runner = CorpusRunner([Watching(), Downstream()])
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            add_documents(store, "doc-a", "doc-b")
            mark_changed(store, ["doc-a", "doc-b"])
        runner.run(store, lambda doc, published, basis: None)
        assert Watching.seen == [Changed.of(["doc-a", "doc-b"])]
        assert Downstream.seen == [Changed.of(["doc-b"])]
        assert store.unlinked_documents() == frozenset()  # told once
        with store.transaction():
            mark_changed(store)  # something no list of documents describes (new issues)
        runner.run(store, lambda doc, published, basis: None)
        assert Watching.seen[-1] == Changed.every_document()
        runner.run(store, lambda doc, published, basis: None)  # an unrecorded change: the safe reading
        assert Watching.seen[-1] == Changed.every_document()


def test_a_step_that_says_nothing_about_what_it_changed_changed_every_document(tmp_path: Path) -> None:
    Downstream.seen = []
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            add_documents(store, "doc-a")
            mark_changed(store, ["doc-a"])
        CorpusRunner([Silent(), Downstream()]).run(store, lambda doc, published, basis: None)
    assert Downstream.seen == [Changed.every_document()]


class Overreaching(CorpusStep):
    name = "overreaching"
    requires = frozenset({"documents"})
    assigns = frozenset({"document-count"})

    def run(self, corpus: Corpus) -> StepResult:
        return StepResult(changed={"actors": Changed.every_document()})


class Prying(CorpusStep):
    name = "prying"
    requires = frozenset({"documents"})

    def run(self, corpus: Corpus) -> StepResult:
        corpus.changed("mentions")
        return StepResult()


@pytest.mark.parametrize("step, message", [(Overreaching(), "reported changes to \\['actors'\\]"),
                                           (Prying(), "asked what changed in \\['mentions'\\]")])
def test_a_step_speaks_only_for_what_it_assigns_and_asks_only_about_what_it_requires(
        tmp_path: Path, step: CorpusStep, message: str) -> None:
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            mark_changed(store)
        with pytest.raises(PipelineError, match=message):
            CorpusRunner([step]).run(store, lambda doc, published, basis: None)
        assert store.corpus_state(LINKED_GENERATION) != store.corpus_state(GENERATION)  # nothing half-linked
