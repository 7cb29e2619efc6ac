from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline import __version__
from storyline.builder import build, count_items
from storyline.serve.cli import app, calendar_prefix
from storyline.ingest.readers import read_paths
from storyline.records import Failure, ItemWarning
from storyline.store import Store

from test_check import article, small_store

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


def exported_records(db: str) -> dict[str, list[dict]]:
    """The JSONL export's records, by type, in the order written."""
    found: dict[str, list[dict]] = {}
    for line in run("export", "--db", db, "--format", "jsonl").splitlines():
        record = json.loads(line)
        found.setdefault(record["type"], []).append(record)
    return found


def test_each_listing_prints_the_export_records(seeds_db: Path) -> None:
    db = str(seeds_db)
    records = exported_records(db)
    assert json.loads(run("docs", "--db", db, "--json")) == records["document"]
    entities = json.loads(run("entities", "--db", db, "--json"))
    assert entities == records["entity"]
    assert all(e["mention_count"] == len(e["mentions"]) > 0 for e in entities)
    assert json.loads(run("quotes", "--db", db, "--class", "all", "--json")) == records["quote"]
    # by default only what was said: the speech quotes, the same records
    speech = json.loads(run("quotes", "--db", db, "--json"))
    assert speech == [q for q in records["quote"] if q["cue_class"] == "speech"]
    assert 0 < len(speech) < len(records["quote"])
    assert json.loads(run("timeline", "--db", db, "--json")) == records["timeline_entry"]
    # a filtered listing prints the same records, only fewer of them
    people = json.loads(run("entities", "--db", db, "--type", "PERSON", "--json"))
    assert people == [e for e in records["entity"] if e["label"] == "PERSON"]
    doc = records["document"][0]["id"]
    in_doc = json.loads(run("entities", "--db", db, "--doc", doc, "--json"))
    assert in_doc and all(e in records["entity"] for e in in_doc)
    assert json.loads(run("docs", "--db", db, "--json", "--limit", "2")) == records["document"][:2]
    everything = json.loads(run("timeline", "--db", db, "--all", "--json"))
    assert [{k: v for k, v in e.items() if k != "filtered"} for e in everything if e["filtered"] is None] \
        == records["timeline_entry"]


def test_errors_prints_the_export_error_and_warning_records(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    small_store(db)
    with Store.open(db) as store, store.transaction():
        store.add_failure(Failure("b.txt", "read", "not valid UTF-8 (byte 3)", "E100"))
        store.add_warning(ItemWarning("a.txt", "metadata", "W110", "not a date", article().id, {"field": "x"}))
    records = exported_records(str(db))
    listed = json.loads(run("errors", "--db", str(db), "--json"))
    assert listed == records["error"] + records["warning"] and len(listed) == 2


def test_tables_and_export(seeds_db: Path, tmp_path: Path) -> None:
    db = str(seeds_db)
    assert "Jens Stoltenberg" in run("entities", "--db", db)
    assert "documents" in run("docs", "--db", db)
    out = tmp_path / "export.jsonl"
    runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", str(out)])
    types = {json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert types == {"document", "entity", "quote", "timex", "event", "timeline_entry", "issue", "position", "story", "briefing"}
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


# -- limits, validation, wildcards, output files, version -------------------------------------


def fails(*args: str) -> str:
    """The error output of a command that must be refused with exit code 2."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    return " ".join(result.output.replace("│", " ").split())


def test_limit_bounds_json_and_tables(seeds_db: Path) -> None:
    db = str(seeds_db)
    assert len(json.loads(run("entities", "--db", db, "--json", "--limit", "2"))) == 2
    assert len(json.loads(run("entities", "--db", db, "--json"))) > 50  # JSON gives all unless told
    quotes = json.loads(run("quotes", "--db", db, "--json"))
    assert json.loads(run("quotes", "--db", db, "--json", "--limit", "3")) == quotes[:3]
    entries = json.loads(run("timeline", "--db", db, "--json"))
    assert json.loads(run("timeline", "--db", db, "--json", "--limit", "2")) == entries[:2]
    for command in ("docs", "entities", "quotes", "timeline"):
        assert "greater than or equal to 1" in fails(command, "--db", db, "--limit", "0")


def test_bad_choices_and_dates_say_what_is_allowed(seeds_db: Path) -> None:
    db = str(seeds_db)
    assert "'direct', 'indirect', 'mixed'" in fails("quotes", "--db", db, "--kind", "bogus")
    assert "GPE" in fails("entities", "--db", db, "--type", "FOO") and "PERSON" in fails("entities", "--db", db,
                                                                                         "--type", "FOO")
    for bad in ("yesterday", "2022-13-45", "2022-02-30", "22-01-01", "2022-1-5", "２０２２"):
        assert "YYYY-MM-DD" in fails("timeline", "--db", db, "--from", bad)
    assert "YYYY-MM-DD" in fails("timeline", "--db", db, "--to", "soon")
    assert json.loads(run("timeline", "--db", db, "--from", "2022-02", "--to", "2022", "--json"))


@given(st.text(max_size=12))
def test_calendar_prefix_accepts_exactly_real_partial_dates(value: str) -> None:
    try:
        accepted = calendar_prefix(value)
    except typer.BadParameter:
        accepted = None
    real = None
    for form in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value) and datetime.strptime(value, form):
                real = value
        except ValueError:
            pass
    assert accepted == real


def test_speaker_and_actor_wildcards_are_literal(tmp_path: Path) -> None:
    db = str(small_store(tmp_path / "s.db"))
    assert len(json.loads(run("quotes", "--db", db, "--speaker", "marsk", "--json"))) == 1
    for wildcard in ("%", "_", "M_rsk", "\\", "Iv%sk"):
        assert json.loads(run("quotes", "--db", db, "--speaker", wildcard, "--json")) == []
        assert json.loads(run("timeline", "--db", db, "--actor", wildcard, "--json")) == []
    assert json.loads(run("timeline", "--db", db, "--actor", "Ivo", "--json"))
    assert "no document" in runner.invoke(app, ["show", "%", "--db", db]).output


def test_article_text_is_never_terminal_markup(tmp_path: Path) -> None:
    title = "Crash [/closing] [link=https://evil.example]click[/link] \x1b[31mred\x1b]8;;x\x07"
    db = str(small_store(tmp_path / "s.db", article(title=title)))
    listed = run("docs", "--db", db)
    assert "[/closing]" in listed and "\x1b" not in listed and "\x07" not in listed
    assert "\x1b" not in run("show", article(title=title).id, "--db", db)
    assert "[/closing]" in run("timeline", "--db", db)


def test_export_to_a_missing_folder_names_it(seeds_db: Path, tmp_path: Path) -> None:
    message = fails("export", "--db", str(seeds_db), "--out", str(tmp_path / "missing" / "x.jsonl"))
    assert f"{tmp_path / 'missing'} does not exist" in message
    assert "is a folder" in fails("export", "--db", str(seeds_db), "--out", str(tmp_path))


def test_version() -> None:
    assert run("--version").strip() == f"storyline {__version__}"


def test_read_commands_do_not_import_spacy(seeds_db: Path, tmp_path: Path) -> None:
    script = f"""
import sys
from typer.testing import CliRunner
from storyline.serve.cli import app
runner = CliRunner()
for args in (["docs"], ["entities"], ["quotes"], ["timeline"], ["search", "NATO"], ["errors"], ["check"],
             ["export", "--format", "csv", "--out", {str(tmp_path / 'x.csv')!r}]):
    result = runner.invoke(app, args + ["--db", {str(seeds_db)!r}])
    assert result.exit_code == 0, (args, result.output)
print(sorted(name for name in sys.modules if name.split(".")[0] in ("spacy", "thinc") or name == "storyline.builder"))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


# -- build: exit codes and a progress bar that adds up ----------------------------------------


def test_build_exits_1_when_every_input_failed(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (bad / "lines.jsonl").write_text('{"text": broken}\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["build", str(bad), "--db", db, "-q"])
    assert result.exit_code == 1 and "failed 2" in result.stdout
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Marsk holds the line\n\nColonel Ivo Marsk met envoys in Tarnby on Monday.\n",
                                encoding="utf-8")
    assert runner.invoke(app, ["build", str(good), str(bad), "--db", db, "-q"]).exit_code == 0  # one stored
    assert runner.invoke(app, ["build", str(good), "--db", db, "-q"]).exit_code == 0  # all already stored


def test_progress_total_is_what_the_build_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / ".hidden").mkdir(parents=True)
    (folder / ".hidden" / "skip.txt").write_text("Hidden\n\nNot read at all.\n", encoding="utf-8")
    (folder / ".dot.txt").write_text("Hidden\n\nNot read either.\n", encoding="utf-8")
    (folder / "notes.md").write_text("unsupported", encoding="utf-8")
    (folder / "a.txt").write_text("Tarnby talks\n\nColonel Ivo Marsk met envoys in Tarnby.\n", encoding="utf-8")
    (folder / "bin.txt").write_bytes(b"\x00" * 40)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    # numbers, not repeated words, so a cut through the compressed file falls after whole lines
    lines = [json.dumps({"text": f"Envoy {n} of Velmora met Colonel Marsk. " + " ".join(map(str, range(n, 900, 7)))})
             for n in range(12)]
    (folder / "feed.jsonl").write_text("\n".join(lines[:3]) + "\n\n  \n{broken\n", encoding="utf-8")
    packed = gzip.compress(("\n".join(lines[3:]) + "\n").encode())
    (folder / "cut.jsonl.gz").write_bytes(packed[: len(packed) * 3 // 4])  # readable lines, then a failure
    paths = [folder, tmp_path / "missing.txt", folder / "a.txt"]
    advanced = []
    build(paths, db=tmp_path / "s.db", progress=advanced.append)
    assert sum(advanced) == count_items(paths) == sum(1 for _ in read_paths(paths))
    assert count_items([folder / "cut.jsonl.gz"]) > 2  # its readable lines and its failure, each once


def test_errors_lists_failures_and_items_kept_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    text = "Mayor Ilsa Brandvold of Korvath opened the bridge. \"It is done,\" Brandvold said."
    source.write_text(json.dumps({"title": "Bridge", "published": "2022-02-30", "text": text}) + "\n"
                      + "{not json}\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    build([source], db=db)
    listed = json.loads(run("errors", "--db", db, "--json"))
    assert [item["type"] for item in listed] == ["error", "warning"]
    assert listed[1]["code"] == "W110" and "2022-02-30" in listed[1]["reason"] and listed[1]["doc"]
    table = run("errors", "--db", db)
    assert "1 failed items" in table and "1 items kept with a warning" in table


def stance_and_split_speech(tmp_path: Path) -> str:
    """A store where Ivo Marsk says “A,” … “B.” (one quote in two pieces) and, earlier in the
    text, takes a stance ("met envoys" read as a stance on the envoys)."""
    from dataclasses import replace

    from test_check import span

    said = article()
    text = said.text
    stance = replace(said.quotes[0], start=span(text, "envoys").start, end=span(text, "envoys").end, text="envoys",
                     kind="indirect", cue=span(text, "met"), parts=(), cue_class="stance")
    return str(small_store(tmp_path / "s.db", replace(said, quotes=(stance, *said.quotes))))


def test_quotes_of_every_class_list_speech_first_each_under_its_class(tmp_path: Path) -> None:
    db = stance_and_split_speech(tmp_path)
    table = run("quotes", "--db", db, "--class", "all").split("┩", 1)[1]  # the rows, below the header
    assert "speech" in table and "stance" in table
    assert table.index("speech") < table.index("stance")  # though the stance comes first in the text
    only_speech = run("quotes", "--db", db)
    assert "stance" not in only_speech and "class" not in only_speech  # one class: no class column


def test_quotes_as_a_reader_counts_them_one_row_per_piece(tmp_path: Path) -> None:
    db = str(small_store(tmp_path / "s.db"))
    (quote,) = json.loads(run("quotes", "--db", db, "--json"))
    table = run("quotes", "--db", db, "--pieces")
    assert "1 quotes, 2 as a reader counts them" in table
    for part in quote["parts"]:  # each piece cited by its own offsets
        assert f"{part['start']}–{part['end']}" in table
    assert f"{quote['start']}–{quote['end']}" in run("quotes", "--db", db)  # without --pieces: one row, all of it


def test_an_actors_page_lists_speech_before_the_other_classes(tmp_path: Path) -> None:
    db = stance_and_split_speech(tmp_path)
    page = json.loads(run("actor", "Ivo Marsk", "--db", db, "--json"))
    assert list(page["said"]) == ["speech", "stance"]  # though the stance comes first in the text


def test_the_export_keeps_the_quotes_of_one_class_when_asked(tmp_path: Path) -> None:
    db = stance_and_split_speech(tmp_path)

    def quote_classes(*options: str) -> list[str]:
        lines = run("export", "--db", db, "--format", "jsonl", *options).splitlines()
        return [r["cue_class"] for r in map(json.loads, lines) if r["type"] == "quote"]

    assert sorted(quote_classes()) == ["speech", "stance"]  # everything by default: the exchange format
    assert quote_classes("--class", "speech") == ["speech"]
    assert quote_classes("--class", "stance") == ["stance"]
    result = runner.invoke(app, ["export", "--db", db, "--format", "markdown", "--class", "speech"])
    assert result.exit_code == 2 and "--class" in result.output
