"""Safe when used at once: one build at a time per store, readers never blocked, no tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from storyline.errors import StoreError
from storyline.store import Store
from storyline.store import sqlite as store_module
from storyline.store.lock import build_lock

from test_corpus_order import exported, record

NewDb = Callable[[str], str]  # the new_db fixture (tests/conftest.py): a store on each back end

STORYLINE = [sys.executable, "-m", "storyline.serve.cli"]


def corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.jsonl").write_text(record("Early Herald", "2021-04-08")
                                    + record("Other Post", "2021-04-09", "Envoy Tamsin Vale arrived in Korvath on "
                                             "Monday. \"Talks will go on,\" Vale said."), encoding="utf-8")
    return folder


def test_two_builds_of_the_same_input_into_a_new_store_at_once(tmp_path: Path, new_db: NewDb) -> None:
    folder = corpus(tmp_path / "in")
    db = new_db("s")
    runs = [subprocess.Popen([*STORYLINE, "build", str(folder), "--db", str(db), "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    # one of them analysed and stored the two texts; the other found them stored
    stored = sorted(int(re.search(r"stored (\d+)", out).group(1)) for out, _ in outputs)  # type: ignore[union-attr]
    assert stored == [0, 2]
    sequential = new_db("sequential")
    subprocess.run([*STORYLINE, "build", str(folder), "--db", str(sequential), "-q"], check=True,
                   capture_output=True)
    assert exported(db) == exported(sequential)


def test_a_second_build_waits_for_the_lock_or_says_why_it_cannot(new_db: NewDb) -> None:
    db = new_db("s")
    heard: list[str] = []
    with build_lock(db):
        with pytest.raises(StoreError, match="another build"):
            with build_lock(db, wait=False):
                pass
    with build_lock(db, on_wait=heard.append):  # free again: no waiting
        pass
    assert heard == []


def test_a_writer_holding_the_lock_too_long_is_a_clean_error(new_db: NewDb, monkeypatch: pytest.MonkeyPatch) -> None:
    db = new_db("s")
    with Store.open(db) as holder, holder.transaction():  # another writer, mid-transaction
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
        with Store.open(db) as store:
            assert store.counts().documents == 0  # reading is never blocked
            with pytest.raises(StoreError, match="busy"):
                with store.transaction():
                    pass
