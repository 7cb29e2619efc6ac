"""Parquet datasets: a store exported and loaded into a new one gives back the same items."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from storyline.errors import InputError, StoreError
from storyline.serve.cli import app
from storyline.serve.export import export
from storyline.serve.parquet import MANIFEST, load_parquet, month_of, write_parquet
from storyline.store import Store


def jsonl(db: Path) -> list[str]:
    out = io.StringIO()
    with Store.open(db, create=False) as store:
        export(store, out, "jsonl")
    return out.getvalue().splitlines()


def test_round_trip_through_parquet_gives_the_same_items(seeds_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "datasets"
    exported = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "parquet", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    loaded = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "copy.db")])
    assert loaded.exit_code == 0, loaded.output
    original, copy = jsonl(seeds_db), jsonl(tmp_path / "copy.db")
    assert len(original) > 50 and copy == original
    with Store.open(tmp_path / "copy.db") as store:  # the full-text index is rebuilt as sentences load
        assert store.search("said")


def test_datasets_are_partitioned_by_month_and_readable_as_tables(seeds_db: Path, tmp_path: Path) -> None:
    with Store.open(seeds_db) as store:
        counts = write_parquet(store, tmp_path / "out")
        documents = store.documents()
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text())
    assert manifest["rows"] == counts and counts["documents"] == len(documents)
    for kind in ("documents", "publications", "actors", "mentions", "quotes", "timexes", "events",
                 "timeline_entries", "stories", "positions"):
        assert (tmp_path / "out" / kind).is_dir(), kind
    months = {month_of(doc.published) for doc in documents}
    partitions = {p.name for p in (tmp_path / "out" / "documents").iterdir()}
    assert partitions == {f"month={m}" if m else "month=__HIVE_DEFAULT_PARTITION__" for m in months}
    table = ds.dataset(tmp_path / "out" / "documents", partitioning="hive").to_table()
    assert sorted(table.column("id").to_pylist()) == sorted(doc.id for doc in documents)
    assert {m for m in table.column("month").to_pylist()} == months


def test_load_refuses_a_store_with_documents_and_a_folder_without_manifest(seeds_db: Path, tmp_path: Path) -> None:
    with Store.open(seeds_db) as store:
        write_parquet(store, tmp_path / "out")
        with pytest.raises(StoreError, match="already holds documents"):
            load_parquet(tmp_path / "out", store)
        with pytest.raises(InputError, match="not an empty folder"):
            write_parquet(store, tmp_path / "out")
    with Store.open(tmp_path / "new.db") as store:
        with pytest.raises(InputError, match="no storyline.json"):
            load_parquet(tmp_path, store)


def test_a_damaged_dataset_loads_nothing(seeds_db: Path, tmp_path: Path) -> None:
    with Store.open(seeds_db) as store:
        write_parquet(store, tmp_path / "out")
    for part in (tmp_path / "out" / "quotes").rglob("*.parquet"):
        part.write_bytes(b"not parquet")
    with Store.open(tmp_path / "new.db") as store:
        with pytest.raises(InputError, match="quotes"):
            load_parquet(tmp_path / "out", store)
        assert store.counts().documents == 0


def test_month_of_takes_iso_dates_only() -> None:
    assert month_of("2024-03-05") == "2024-03" and month_of("2024-03") == "2024-03"
    assert month_of(None) is None and month_of("March 2024") is None and month_of("XXXX-03") is None
