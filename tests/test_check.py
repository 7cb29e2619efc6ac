"""`storyline check`: every stored offset, the search index, foreign keys and the schema, verified."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.serve.cli import app
from storyline.errors import StoreError
from storyline.records import (
    Actor,
    AliasLink,
    Article,
    EntityMention,
    Event,
    EventDate,
    Quote,
    RawDocument,
    Sentence,
    Span,
    Timex,
)
from storyline.store import Store
from storyline.records import DateClaim, TimelineEntry
from storyline.store.check import check_database

TEXT = ('Colonel Ivo Marsk met envoys in Tarnby on Monday. "We will hold the line," Marsk said, '
        '"whatever it costs."')


def span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


def article(text: str = TEXT, title: str = "Marsk holds the line", source: str = "a.txt") -> Article:
    """A hand-built analysed article with a span of every kind the store keeps."""
    raw = RawDocument(source, "text", title + "\n\n" + text)
    doc = Article(raw=raw, text=text).id
    first = text.index(".") + 1
    name, place, day = span(text, "Ivo Marsk"), span(text, "Tarnby"), span(text, "Monday")
    surname = span(text, "Marsk", first)
    part_a, part_b = span(text, "We will hold the line,"), span(text, "whatever it costs.")
    quote = Quote(doc, part_a.start, part_b.end, text[part_a.start:part_b.end], "direct",
                  cue=span(text, "said"), speaker=surname, speaker_ref=name, resolution="named", confidence=0.9,
                  sentences=(1,), parts=(part_a, part_b))
    event = Event(doc, 0, first, text[:first], trigger=span(text, "met"), category="CONSULT", mode="happened",
                  date=EventDate("2022-01-10", "timex", day.start, day.end), sentence=0,
                  source=name, place=place)
    return Article(
        raw=raw, title=title, text=text, published="2022-01-12", published_basis="dateline",
        sentences=(Sentence(0, first, text[:first]), Sentence(first + 1, len(text), text[first + 1:])),
        mentions=(EntityMention(doc, name.start, name.end, name.text, "PERSON", 0, role="Colonel", role_start=0,
                                role_end=7),
                  EntityMention(doc, place.start, place.end, place.text, "GPE", 0),
                  EntityMention(doc, surname.start, surname.end, surname.text, "PERSON", 1)),
        timexes=(Timex(doc, day.start, day.end, day.text, "DATE", "2022-01-10", 0, ("2022-01-10",)),),
        quotes=(quote,), events=(event,),
    )


def small_store(db: str | Path, *articles: Article) -> Any:
    """A store of hand-built articles, with actors and a timeline entry, built without spaCy."""
    articles = articles or (article(),)
    with Store.open(db) as store, store.transaction():
        for each in articles:
            store.add(each)
        people = [m for a in articles for m in a.mentions if m.label == "PERSON"]
        store.replace_actors([Actor("actor-marsk", "Ivo Marsk", "PERSON",
                                    (AliasLink("Ivo Marsk", "exact", "as written"),
                                     AliasLink("Marsk", "surname", "surname of Ivo Marsk")), tuple(people))])
        store.set_quote_actors([(row, "actor-marsk") for row, _ in store.quote_rows()])
        entries = []
        for row, event in store.event_rows():
            title = next(a.title for a in articles if a.id == event.doc)
            entries.append((TimelineEntry(f"entry-{row}", "2022-01-10", title or "", event.category, event.mode,
                                          (event.doc,), (DateClaim("2022-01-10", event.doc),),
                                          actors=("actor-marsk",)), [row]))
        store.replace_timeline(entries)
    return db


def problems(db: Path) -> list[tuple[str, str | None]]:
    return [(p.check, p.table) for p in check_database(db).problems]


def test_a_good_store_is_ok_and_every_span_is_counted(tmp_path: Path) -> None:
    report = check_database(small_store(tmp_path / "s.db"))
    assert report.ok and report.documents == 1
    # 2 sentences, 3 mentions + 1 role, a quote's content, cue, speaker, reference and 2 parts, a timex,
    # an event's evidence, trigger, source, place and date: the undated tables are empty (a dated text)
    assert report.offsets == 2 + 4 + 6 + 1 + 5


def test_a_moved_mention_is_reported_with_its_row_and_document(tmp_path: Path) -> None:
    db = small_store(tmp_path / "s.db")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE mentions SET start = start + 1 WHERE text = 'Tarnby'")
        connection.execute("UPDATE mentions SET role_end = 9999 WHERE role = 'Colonel'")
    report = check_database(db)
    assert not report.ok
    found = {p.message.split(" ")[0]: p for p in report.problems}
    assert set(found) == {"mention", "role"} and all(p.check == "offset" for p in report.problems)
    assert "reads 'arnby'" in found["mention"].message and found["mention"].table == "mentions"
    assert "outside" in found["role"].message and found["role"].doc == article().id


def test_quote_parts_event_spans_and_timexes_are_checked(tmp_path: Path) -> None:
    db = small_store(tmp_path / "s.db")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE quotes SET parts = '[[0, 5]]', cue_start = cue_start + 2")
        connection.execute("UPDATE events SET date_end = 10000, place_text = 'Tarnbo'")
        connection.execute("UPDATE timexes SET start = 'soon'")
    messages = sorted(p.message for p in check_database(db).problems)
    assert [m.split(" ")[0] for m in messages] == ["cue", "date", "part", "place", "time"]
    assert "the quote's content" in next(m for m in messages if m.startswith("part"))
    assert "not two numbers" in next(m for m in messages if m.startswith("time"))


def test_a_deleted_search_index_row_is_reported(tmp_path: Path) -> None:
    db = small_store(tmp_path / "s.db")
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM sentences_fts WHERE rowid = (SELECT min(id) FROM sentences)")
    assert problems(db) == [("full-text", "sentences_fts")]
    assert "rebuild" in check_database(db).problems[0].message


def test_orphans_and_schema_versions_are_reported(tmp_path: Path) -> None:
    db = small_store(tmp_path / "s.db")
    with sqlite3.connect(db) as connection:  # foreign keys are off on a plain connection
        connection.execute("INSERT INTO mentions (doc, start, end, text, label, sentence)"
                           " VALUES ('gone', 0, 1, 'x', 'PERSON', 0)")
    assert problems(db) == [("foreign-key", "mentions")]
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    report = check_database(db)
    assert [p.check for p in report.problems] == ["schema", "foreign-key"] and "upgrade" in report.problems[0].message
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM schema_migrations WHERE version >= 5")
    assert "not applied" in check_database(db).problems[0].message


def test_a_missing_or_foreign_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="storyline build"):
        check_database(tmp_path / "absent.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 200)
    with pytest.raises(StoreError, match="not a usable"):
        check_database(junk)
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert problems(empty) == [("schema", None)]


def test_the_check_command_exits_1_and_lists_what_is_wrong(tmp_path: Path) -> None:
    runner = CliRunner()
    db = small_store(tmp_path / "s.db")
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 0 and result.stdout.strip() == "ok: 1 documents, 18 offsets checked"
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE mentions SET end = end - 1 WHERE text = 'Tarnby'")
        connection.execute("DELETE FROM sentences_fts WHERE rowid = (SELECT max(id) FROM sentences)")
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1
    assert "offset: mentions row" in result.stdout and "full-text" in result.stdout and "2 problems" in result.stdout
    result = runner.invoke(app, ["check", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2 and "storyline build" in result.output
