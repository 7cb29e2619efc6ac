"""Analysis on every core: the same outcomes, in order, from worker processes."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from storyline.builder import build
from storyline.parallel import MIN_ARTICLES_PER_WORKER, Analyser
from storyline.pipeline import Pipeline, Stage
from storyline.records import Article, RawDocument

from test_corpus_order import exported


class WhoRanMe(Stage):
    """Writes the id of the process that ran it into the title."""

    name = "who"
    requires = frozenset({"raw"})
    assigns = frozenset({"title"})

    def process(self, article: Article) -> Article:
        return replace(article, title=f"{os.getpid()}:{article.raw.content}")


def articles(n: int) -> list[Article]:
    return [Article(raw=RawDocument(f"item{i}", "text", f"text {i}")) for i in range(n)]


def test_a_large_batch_is_analysed_in_workers_and_comes_back_in_order() -> None:
    batch = articles(MIN_ARTICLES_PER_WORKER * 4)
    with Analyser(Pipeline([WhoRanMe()]), workers=2) as analyse:
        outcomes = analyse(batch)
    assert [o.title.split(":")[1] for o in outcomes] == [a.raw.content for a in batch]  # type: ignore[union-attr]
    ran_in = {o.title.split(":")[0] for o in outcomes}  # type: ignore[union-attr]
    # in the workers, not here (which worker takes which chunk is the pool's business)
    assert ran_in and str(os.getpid()) not in ran_in


def test_a_small_batch_stays_in_this_process() -> None:
    with Analyser(Pipeline([WhoRanMe()]), workers=2) as analyse:
        outcomes = analyse(articles(3))
    assert {o.title.split(":")[0] for o in outcomes} == {str(os.getpid())}  # type: ignore[union-attr]


def test_a_build_on_two_workers_stores_what_a_build_on_one_does(tmp_path: Path) -> None:
    towns = ["Korvath", "Velmora", "Tarnby", "Ostrel", "Brindisk", "Hallowmere", "Quenby", "Dravik", "Lusk",
             "Marrowgate", "Pellin", "Sorrowby", "Tindal", "Ulvik", "Wenmouth", "Yarrow", "Zell", "Aldmoor"]
    lines = [json.dumps({"title": f"{town} opens its bridge", "published": "2021-04-08", "outlet": "Herald",
                         "text": f"Mayor Ilsa Brandvold of {town} said on Tuesday that the bridge will reopen "
                                 f"in May. \"We kept our promise,\" she told reporters in {town}."}) + "\n"
             for town in towns]
    source = tmp_path / "towns.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert build([source], db=one, workers=1).stored == len(towns)
    assert build([source], db=two, workers=2).stored == len(towns)
    assert exported(one) == exported(two)
