"""The briefing: every sentence of the seeds' export is the document span it cites."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.serve.export import records
from storyline.store import Store


def test_every_briefing_sentence_is_the_text_it_cites(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        exported = list(records(store))
    texts = {r["id"]: r["text"] for r in exported if r["type"] == "document"}
    (briefing,) = [r for r in exported if r["type"] == "briefing"]
    assert briefing["sentences"], "the seeds tell a story: the briefing cannot be empty"
    assert {s["section"] for s in briefing["sentences"]} >= {"happened", "said"}
    for sentence in briefing["sentences"]:
        assert texts[sentence["doc"]][sentence["start"]:sentence["end"]] == sentence["text"]
        assert sentence["sources"][0] == sentence["doc"] and set(sentence["sources"]) <= set(texts)
        assert sentence["text"] == sentence["text"].strip() and len(sentence["text"].split()) >= 3


def test_brief_command_formats_cite_their_spans(seeds_db: Path) -> None:
    runner = CliRunner()
    as_json = json.loads(runner.invoke(app, ["brief", "--db", str(seeds_db), "--format", "json",
                                             "--since", "2022-02"]).stdout)
    assert as_json["type"] == "briefing" and as_json["since"] == "2022-02"
    for fmt in ("text", "markdown", "html"):
        out = runner.invoke(app, ["brief", "--db", str(seeds_db), "--format", fmt, "--since", "2022-02"])
        assert out.exit_code == 0
        for sentence in as_json["sentences"]:
            assert f"{sentence['doc']}:{sentence['start']}-{sentence['end']}" in out.stdout
    bad = runner.invoke(app, ["brief", "--db", str(seeds_db), "--format", "pdf"])
    assert bad.exit_code != 0


def test_timeline_top_keeps_the_days_most_articles_refer_to(seeds_db: Path) -> None:
    out = CliRunner().invoke(app, ["timeline", "--db", str(seeds_db), "--top", "3", "--json"])
    days = json.loads(out.stdout)
    assert 1 <= len(days) <= 3 and [d["date"] for d in days] == sorted(d["date"] for d in days)
    for day in days:
        assert day["type"] == "timeline_day" and day["entries"]
        for entry in day["entries"]:
            assert 1 <= entry["independent_sources"] <= entry["publications"]
            assert entry["title"][:1].isupper() or entry["title"][:1] in "\"“‘'"
    # Each day is told in its articles' own sentences, each exactly the span it cites.
    assert any(day["summary"] for day in days)
    with Store.open(seeds_db) as store:
        for day in days:
            for said in day["summary"]:
                assert store.document(said["doc"]).text[said["start"]:said["end"]] == said["text"]
                assert said["sources"][0] == said["doc"]


def test_actor_page_says_who_they_are_and_what_they_said_did_and_stand_for(seeds_db: Path) -> None:
    runner = CliRunner()
    page = json.loads(runner.invoke(app, ["actor", "Stoltberg", "--db", str(seeds_db), "--json"]).stdout)
    assert page["type"] == "actor_page" and page["name"] == "Jens Stoltenberg"  # found by its misspelt alias
    assert {"alias", "rule", "evidence"} <= set(page["aliases"][0])
    assert page["said"]["speech"] and page["did"]
    days = [q["published"] for q in page["said"]["speech"]]
    assert days == sorted(days)
    with Store.open(seeds_db) as store:
        for q in page["said"]["speech"]:
            assert store.document(q["doc"]).text[q["start"]:q["end"]] == q["text"]
    missing = runner.invoke(app, ["actor", "Nobody Byname", "--db", str(seeds_db)])
    assert missing.exit_code != 0 and "storyline entities" in missing.output
