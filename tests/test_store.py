from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.records import (
    Actor,
    AliasLink,
    Article,
    EntityMention,
    Failure,
    Quote,
    RawDocument,
    RemovedSpan,
    Sentence,
    Span,
)
from storyline.store import Store

TEXT = "Minister Arlo Penhale met envoys in Velmora. Penhale promised security guarantees to the region."


def analysed(text: str = TEXT, source: str = "a.txt") -> Article:
    raw = RawDocument(source, "text", "Headline\n\n" + text)
    first = text.index(".") + 1
    doc = Article(raw=raw, text=text).id
    return Article(
        raw=raw, title="Headline", text=text, published="2022-01-03", published_basis="dateline",
        removed=(RemovedSpan(0, 8, "title", "Headline"),),
        sentences=(Sentence(0, first, text[:first]), Sentence(first + 1, len(text), text[first + 1:])),
        mentions=(
            EntityMention(doc, 9, 21, "Arlo Penhale", "PERSON", 0, role="Minister", role_start=0, role_end=8),
            EntityMention(doc, 36, 43, "Velmora", "GPE", 0),
            EntityMention(doc, first + 1, first + 8, "Penhale", "PERSON", 1),
        ),
    )


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        version = store.schema_version
        assert version >= 1
    with Store.open(db) as store:
        assert store.schema_version == version


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(db)


def test_not_a_database_and_missing_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        Store.open(junk)
    with pytest.raises(StoreError, match="storyline build"):
        Store.open(tmp_path / "absent.db", create=False)


def test_stored_offsets_point_at_the_text_and_search_finds_sentences(tmp_path: Path) -> None:
    article = analysed()
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add(article)
        doc = store.document(article.id[:6])
        for mention, _ in store.mentions(doc=doc.id):
            assert doc.text[mention.start:mention.end] == mention.text
        (hit,) = store.search("guarantee")  # porter stemming: guarantees ~ guarantee
        assert doc.text[hit.start:hit.end] == hit.text and hit.sentence == 1
        assert store.search('security "guarantees') != []  # stray quote: searched as words
        assert doc.removed == (RemovedSpan(0, 8, "title", "Headline"),)


def test_a_quote_keeps_the_pieces_its_cue_interrupts(tmp_path: Path) -> None:
    text = "“The port stays open,” Arlo Penhale said, “all winter.”"
    article = analysed(text)
    said = text.index("said")
    quote = Quote(
        doc=article.id, start=0, end=len(text), text=text, kind="direct", cue=Span(said, said + 4, "said"),
        speaker=Span(23, 35, "Arlo Penhale"), speaker_ref=Span(23, 35, "Arlo Penhale"), resolution="named",
        confidence=0.9, parts=(Span(0, 22, text[:22]), Span(42, len(text), text[42:])),
    )
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add(article)
            store.add_analysis(article.id, [], [quote], [])
        (stored,) = store.quotes(doc=article.id)
    assert stored.parts == quote.parts
    assert [p.text for p in stored.parts] == ["“The port stays open,”", "“all winter.”"]


def test_actors_replace_and_link_mentions(tmp_path: Path) -> None:
    article = analysed()
    person = [m for m in article.mentions if m.label == "PERSON"]
    actor = Actor("p1", "Arlo Penhale", "PERSON", (AliasLink("Penhale", "surname", "only full name with it"),),
                  tuple(person), ("Minister",))
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add(article)
            store.replace_actors([actor])
            store.replace_actors([actor])  # recomputed every build: no duplicates
        (summary,) = store.actors(label="person")
        assert (summary.name, summary.mention_count, summary.roles) == ("Arlo Penhale", 2, ("Minister",))
        assert [link.alias for link in summary.aliases] == ["Penhale"]
        assert store.actors(doc=article.id)[0].mention_count == 2
        assert [a for _, a in store.mentions(doc=article.id)].count("p1") == 2


def test_failures_are_kept_once_and_cleared_when_the_source_reads(tmp_path: Path) -> None:
    article = analysed()
    failed = Failure(article.source, "read", "not valid UTF-8 (byte 3)", "E100")
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add_failure(failed)
            store.add_failure(failed)
        assert store.failures() == [failed]
        with store.transaction():
            store.add(article)
        assert store.failures() == []


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add(analysed())
                raise RuntimeError("killed")
        assert store.counts().documents == 0 and store.counts().sentences == 0
