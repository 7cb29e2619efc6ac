from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_listings_as_json(seeds_db: Path) -> None:
    db = str(seeds_db)
    docs = json.loads(run("docs", "--db", db, "--json"))
    assert len(docs) == 5 and {"id", "title", "published", "published_basis", "outlet"} <= set(docs[0])
    shown = json.loads(run("show", docs[0]["id"][:8], "--db", db, "--json"))
    assert shown["id"] == docs[0]["id"] and shown["text"] and shown["mentions"]
    people = json.loads(run("entities", "--type", "PERSON", "--db", db, "--json"))
    assert people and all(p["label"] == "PERSON" for p in people)
    in_doc = json.loads(run("entities", "--doc", docs[0]["id"], "--db", db, "--json"))
    assert in_doc
    hits = json.loads(run("search", "Stoltenberg", "--db", db, "--json"))
    assert hits and all("Stoltenberg" in hit["text"] for hit in hits)


def test_tables_and_export(seeds_db: Path, tmp_path: Path) -> None:
    db = str(seeds_db)
    assert "Jens Stoltenberg" in run("entities", "--db", db)
    assert "documents" in run("docs", "--db", db)
    out = tmp_path / "export.jsonl"
    runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", str(out)])
    types = {json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert types == {"document", "entity", "quote", "timex", "event", "timeline_entry"}
    timelinejs = json.loads(run("export", "--db", db, "--format", "timelinejs"))
    assert timelinejs["events"] and {"start_date", "text"} <= set(timelinejs["events"][0])
    markdown = run("export", "--db", db, "--format", "markdown")
    assert markdown.startswith("# Timeline") and "## 2022-01-12" in markdown
    assert runner.invoke(app, ["export", "--db", db, "--format", "pdf"]).exit_code == 2


def test_quotes_and_timeline(seeds_db: Path) -> None:
    db = str(seeds_db)
    quotes = json.loads(run("quotes", "--db", db, "--speaker", "psaki", "--json"))
    assert len(quotes) >= 2 and all(q["speaker"]["name"] == "Jen Psaki" for q in quotes)
    direct = json.loads(run("quotes", "--db", db, "--kind", "direct", "--json"))
    assert direct and all(q["kind"] == "direct" for q in direct)
    assert "Psaki" in run("quotes", "--db", db)  # the table may wrap "Jen Psaki" in a narrow terminal
    # a direct quote in two segments around its cue is exported and shown in pieces
    pieced = [q for q in direct if q["parts"]]
    assert pieced and all(len(q["parts"]) >= 2 for q in pieced)
    assert all(q["text"][p["start"] - q["start"]:p["end"] - q["start"]] == p["text"] for q in pieced for p in q["parts"])
    table = re.sub(r"[\s│┃|]+", " ", run("quotes", "--db", db, "--kind", "direct"))  # undo the table's wrapping
    assert " … “" in table
    entries = json.loads(run("timeline", "--db", db, "--from", "2022-01-12", "--to", "2022-01-12", "--json"))
    assert entries and all(e["date"] == "2022-01-12" for e in entries)
    assert json.loads(run("timeline", "--db", db, "--to", "2021", "--json")) == []
    assert "2022-02-24" in run("timeline", "--db", db, "--actor", "Russia")
    shown = json.loads(run("timeline", "--db", db, "--json"))
    everything = json.loads(run("timeline", "--db", db, "--all", "--json"))
    assert len(everything) >= len(shown) and all("filtered" in e and "salience" in e for e in everything)
    assert {e["id"] for e in shown} == {e["id"] for e in everything if e["filtered"] is None}


def test_errors_are_clean_messages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["docs", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2 and "storyline build" in result.output
    result = runner.invoke(app, ["show", "nope", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2
