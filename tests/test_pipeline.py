from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.errors import ExtractionError, PipelineError
from storyline.pipeline import Pipeline, Stage
from storyline.records import Article, Failure, RawDocument


class Upper(Stage):
    name = "upper"
    requires = frozenset({"raw"})
    assigns = frozenset({"text"})

    def process(self, article: Article) -> Article:
        if "fail" in article.raw.content:
            raise ExtractionError("asked to fail")
        return replace(article, text=article.raw.content.upper())


class Title(Stage):
    name = "title"
    requires = frozenset({"text"})
    assigns = frozenset({"title"})

    def process(self, article: Article) -> Article:
        return replace(article, title=(article.text or "").split()[0])


def article(content: str) -> Article:
    return Article(raw=RawDocument(f"{content}.txt", "text", content))


def test_stages_run_in_order_over_batches() -> None:
    pipeline = Pipeline([Upper(), Title()])
    outcomes = list(pipeline.run([article("alpha one"), article("beta two"), article("gamma")], batch_size=2))
    assert [o.title for o in outcomes if isinstance(o, Article)] == ["ALPHA", "BETA", "GAMMA"]


def test_a_stage_needing_what_nobody_assigns_is_refused() -> None:
    with pytest.raises(PipelineError, match="requires \\['text'\\]"):
        Pipeline([Title(), Upper()])


def test_unknown_fields_and_duplicate_stages_are_refused() -> None:
    class Odd(Stage):
        name = "odd"
        assigns = frozenset({"colour"})

    with pytest.raises(PipelineError, match="colour"):
        Pipeline([Odd()])
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Upper(), Upper()])


def test_failures_are_recorded_and_the_batch_goes_on() -> None:
    outcomes = Pipeline([Upper(), Title()]).run_batch([article("ok one"), article("please fail"), article("ok two")])
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert len(failures) == 1
    assert (failures[0].stage, failures[0].code, failures[0].source) == ("upper", "E200", "please fail.txt")
    assert sum(isinstance(o, Article) for o in outcomes) == 2


def test_raise_policy_stops_at_once() -> None:
    with pytest.raises(PipelineError, match="asked to fail"):
        Pipeline([Upper()], on_error="raise").run_batch([article("please fail")])
