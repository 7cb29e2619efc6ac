"""Engines: a build on a Dask cluster stores what a local build stores, survives a lost worker,
and skips on a rerun what is stored; every engine's results are checked against its input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import cloudpickle
import pytest
from distributed import LocalCluster

from storyline.builder import build, default_stages
from storyline.engines import BatchDone, InProcess, InputBatch, engine_for
from storyline.errors import InternalError, StorylineError
from storyline.pipeline import Pipeline, Stage
from storyline.records import Article, RawDocument

from test_corpus_order import exported

# The stage below is sent to the workers by value: they cannot import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

TOWNS = ["Korvath", "Velmora", "Tarnby", "Ostrel", "Brindisk", "Hallowmere", "Quenby", "Dravik", "Lusk",
         "Marrowgate", "Pellin"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dozen invented articles: eleven towns, one of them again from another outlet, and an empty one."""
    records = [{"title": f"{town} opens its bridge", "published": f"2021-04-{day:02d}", "outlet": "Herald",
                "text": f"Mayor Ilsa Brandvold of {town} said on Tuesday that the bridge will reopen in May. "
                        f"\"We kept our promise,\" she told reporters in {town}. The council of {town} "
                        f"approved the budget on April {day}."}
               for day, town in enumerate(TOWNS, start=1)]
    records.append({**records[2], "outlet": "Courier"})  # the same text from another outlet: a publication
    records.append({"title": "Empty", "text": "   "})  # fails to prepare, and the build goes on
    source = tmp_path_factory.mktemp("engines") / "towns.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def local_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    report = build([corpus], db=db, workers=1, batch_size=4)
    assert report.stored == len(TOWNS) and report.copies == 1 and report.failed == 1
    return db


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster.scheduler_address


def test_a_dask_build_stores_what_a_local_build_does_and_a_rerun_skips_it(
        corpus: Path, local_store: Path, scheduler: str, tmp_path: Path) -> None:
    db = tmp_path / "dask.db"
    report = build([corpus], db=db, engine="dask", scheduler=scheduler, batch_size=4)
    assert (report.stored, report.copies, report.failed) == (len(TOWNS), 1, 1)
    assert exported(db) == exported(local_store)
    again = build([corpus], db=db, engine="dask", scheduler=scheduler, batch_size=4)
    assert (again.stored, again.copies, again.skipped, again.linked) == (0, 0, len(TOWNS) + 1, False)
    assert exported(db) == exported(local_store)


class DiesOnce(Stage):
    """Ends the worker process it runs in, the first time any worker runs it (a file remembers)."""

    name = "dies-once"
    requires = frozenset({"raw"})

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def process(self, article: Article) -> Article:
        if not self.marker.exists():
            self.marker.write_text(str(os.getpid()))
            os._exit(1)  # a worker lost, as to the OOM killer: no exception, no goodbye
        return article


def test_a_lost_worker_costs_only_its_batches_which_run_again(
        corpus: Path, local_store: Path, scheduler: str, tmp_path: Path) -> None:
    marker = tmp_path / "died"
    db = tmp_path / "dask.db"
    report = build([corpus], db=db, engine="dask", scheduler=scheduler, batch_size=4,
                   stages=[DiesOnce(marker), *default_stages()])
    assert marker.exists()  # a worker did die
    assert (report.stored, report.copies, report.failed) == (len(TOWNS), 1, 1)
    assert exported(db) == exported(local_store)


class LosesOne(InProcess):
    """An engine with a bug: the last article of each batch goes missing."""

    def _run(self, batches, stored):  # type: ignore[no-untyped-def]
        for done in super()._run(batches, stored):
            yield replace(done, analysed=done.analysed[:-1])


def test_an_engine_that_loses_an_article_is_stopped() -> None:
    batch = InputBatch([Article(raw=RawDocument(f"item{i}", "text", f"Text number {i} is here.")) for i in range(3)])
    engine = LosesOne(Pipeline([]), Pipeline([]))
    with pytest.raises(InternalError, match="missing: \\['item2'\\]"):
        list(engine.run([batch], stored=lambda doc: False))
    whole = list(InProcess(Pipeline([]), Pipeline([])).run([batch], stored=lambda doc: False))
    assert [type(d) for d in whole] == [BatchDone] and len(whole[0].analysed) == 3


def test_engine_options_that_contradict_each_other_are_refused() -> None:
    with pytest.raises(StorylineError, match="scheduler is for --engine dask"):
        engine_for("local", Pipeline([]), Pipeline([]), scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(StorylineError, match="not both"):
        engine_for("dask", Pipeline([]), Pipeline([]), scheduler="tcp://127.0.0.1:8786", workers=2)
    with pytest.raises(StorylineError, match="unknown engine"):
        engine_for("spark", Pipeline([]), Pipeline([]))


def test_the_cli_refuses_a_scheduler_without_dask_and_a_used_parquet_folder(corpus: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    runner = CliRunner()
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["build", str(corpus), "--db", str(db), "-q", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "scheduler is for --engine dask" in result.output
    assert not db.exists()  # refused before the store is made
    used = tmp_path / "used"
    used.mkdir()
    (used / "note.txt").write_text("mine")
    result = runner.invoke(app, ["build", str(corpus), "--db", str(db), "-q", "--out", str(used)])
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert not db.exists()  # refused before any work
