"""Golden end-to-end tests: the sample corpus in ../shared/corpus/seeds, built for real."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from storyline.builder import build
from storyline.store import Store
from storyline.serve.export import export

from conftest import SEEDS


def exported(db: Path, fmt: str = "jsonl") -> list[dict]:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(out.getvalue())))
    return [json.loads(line) for line in out.getvalue().splitlines()]


def by_source(db: Path) -> dict[str, dict]:
    return {Path(r["source"]).name[:3]: r for r in exported(db) if r["type"] == "document"}


def test_titles_and_stated_dates(seeds_db: Path) -> None:
    docs = by_source(seeds_db)
    assert docs["000"]["title"] == "NATO: No indications of Russia’s credibility in negotiations with Ukraine"
    assert docs["003"]["title"] == "NATO chief pledges 'good faith' in Russia talks on Ukraine, security"
    assert (docs["003"]["published"], docs["003"]["published_basis"]) == ("2022-01-07", "dateline")
    assert (docs["001"]["published"], docs["001"]["published_basis"]) == ("2023-11-14", "dateline")
    for undated in ("000", "002", "004"):  # no stated date: inferred, and said to be
        assert docs[undated]["published_basis"] == "inferred" and docs[undated]["published_confidence"]


def test_boilerplate_is_removed_with_reasons_and_paragraphs_kept(seeds_db: Path) -> None:
    docs = by_source(seeds_db)
    assert "AD" not in docs["001"]["text"].split()
    assert "Leave a Comment" not in docs["002"]["text"]
    assert "Comment on this post" not in docs["003"]["text"]
    assert "Read also" not in docs["004"]["text"]
    assert "– she said." in docs["004"]["text"]
    assert docs["003"]["text"].rstrip().endswith("trying to build a future.\"")
    for doc in docs.values():
        raw = Path(SEEDS / Path(doc["source"]).name).read_text(encoding="utf-8")
        for span in doc["removed"]:
            assert raw[span["start"]:span["end"]] == span["text"] and span["reason"]
    assert {s["reason"] for s in docs["001"]["removed"]} >= {"dateline"}


def test_every_exported_offset_points_at_its_text(seeds_db: Path) -> None:
    records = exported(seeds_db)
    texts = {r["id"]: r["text"] for r in records if r["type"] == "document"}
    mentions = [m for r in records if r["type"] == "entity" for m in r["mentions"]]
    assert len(mentions) > 50
    for mention in mentions:
        assert texts[mention["doc"]][mention["start"]:mention["end"]] == mention["text"]
    with Store.open(seeds_db) as store:
        for doc_id, text in texts.items():
            for sentence in store.sentences(doc_id):
                assert text[sentence.start:sentence.end] == sentence.text
    spans = []
    for r in records:
        if r["type"] in ("quote", "timex", "event"):
            spans.append((r["doc"], r))
        if r["type"] == "quote":
            spans += [(r["doc"], part) for part in (r["cue"], r["speaker"]["resolved_to"]) if part]
            if r["speaker"]["start"] is not None:
                spans.append((r["doc"], r["speaker"]))
        if r["type"] == "event":
            spans += [(r["doc"], part) for part in (r["trigger"], r["source"], r["target"]) if part]
        if r["type"] == "timeline_entry":
            spans += [(e["doc"], e) for e in r["events"]]
    assert {r["type"] for _, r in spans if "type" in r} == {"quote", "timex", "event"}
    for doc, span in spans:
        assert texts[doc][span["start"]:span["end"]] == span["text"], span


def test_stoltenberg_is_one_actor_across_all_five_articles(seeds_db: Path) -> None:
    entities = [r for r in exported(seeds_db) if r["type"] == "entity"]
    stoltenberg = [e for e in entities if "Stoltenberg" in e["name"]]
    assert len(stoltenberg) == 1
    (actor,) = stoltenberg
    assert actor["name"] == "Jens Stoltenberg" and actor["label"] == "PERSON"
    assert len({m["doc"] for m in actor["mentions"]}) == 5
    assert "Stoltberg" in actor["aliases"]
    assert any("NATO Secretary General" in role for role in actor["roles"])


def test_csv_export_has_documents_mentions_and_a_type_column(seeds_db: Path) -> None:
    rows = exported(seeds_db, "csv")
    kinds = {row["type"] for row in rows}
    assert kinds == {"document", "mention", "quote", "quote_part", "timex", "event", "timeline_entry", "issue",
                     "position", "story", "briefing_sentence"}
    texts = {row["id"]: row["text"] for row in rows if row["type"] == "document"}
    for row in rows:
        if row["type"] in ("mention", "quote_part"):
            assert texts[row["doc"]][int(row["start"]):int(row["end"])] == row["text"]


def test_rebuilding_stores_nothing_twice(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        before = store.counts()
    report = build([SEEDS], db=seeds_db)
    assert (report.stored, report.skipped, report.failed) == (0, 5, 0)
    with Store.open(seeds_db) as store:
        assert store.counts() == before


def test_bad_items_fail_alone_and_are_recorded(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text((SEEDS / "000_061abc74626915b3.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage" * 10)
    (tmp_path / "lines.jsonl").write_text('{"text": broken}\n', encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body></body></html>", encoding="utf-8")
    db = tmp_path / "s.db"
    report = build([tmp_path], db=db)
    assert (report.stored, report.failed) == (1, 3)
    errors = [r for r in exported(db) if r["type"] == "error"]
    assert sorted(Path(e["source"]).name for e in errors) == ["binary.txt", "lines.jsonl:1", "page.html"]
    assert all(e["reason"] and e["stage"] for e in errors)
    report = build([tmp_path], db=db)  # a rerun keeps one record per failure
    assert len([r for r in exported(db) if r["type"] == "error"]) == 3


def test_a_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    batches = 0

    def killed_after_first_batch(_: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([SEEDS], db=db, batch_size=2, progress=killed_after_first_batch)
    with Store.open(db) as store:
        assert store.counts().documents == 2
    report = build([SEEDS], db=db, batch_size=2)
    assert (report.stored, report.skipped) == (3, 2)
    with Store.open(db) as store:
        assert store.counts().documents == 5
        assert len({d.id for d in store.documents()}) == 5
