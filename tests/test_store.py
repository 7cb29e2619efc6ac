from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable

import pytest

from storyline.errors import StoreError
from storyline.records import (
    Actor,
    AliasLink,
    Article,
    DateClaim,
    EntityMention,
    Event,
    EventDate,
    Failure,
    Quote,
    RawDocument,
    RemovedSpan,
    Sentence,
    Span,
    TimelineEntry,
)
from storyline.serve.export import records
from storyline.store import Store
from storyline.store.dialect import DATABASE_ERRORS

# Where a test's store lives, on each back end (the new_db fixture in tests/conftest.py).
NewDb = Callable[[str], str]

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


def test_migrations_are_recorded_and_idempotent(new_db: NewDb) -> None:
    db = new_db("s")
    with Store.open(db) as store:
        version = store.schema_version
        assert version >= 1
    with Store.open(db) as store:
        assert store.schema_version == version


def test_a_newer_schema_is_refused(new_db: NewDb) -> None:
    db = new_db("s")
    with Store.open(db) as store, store.transaction():
        store.connection.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(db)


def test_not_a_database_and_missing_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        Store.open(junk)
    with pytest.raises(StoreError, match="storyline build"):
        Store.open(tmp_path / "absent.db", create=False)


def test_stored_offsets_point_at_the_text_and_search_finds_sentences(new_db: NewDb) -> None:
    article = analysed()
    with Store.open(new_db("s")) as store:
        with store.transaction():
            store.add(article)
        doc = store.document(article.id[:6])
        for mention, _ in store.mentions(doc=doc.id):
            assert doc.text[mention.start:mention.end] == mention.text
        (hit,) = store.search("guarantee")  # porter stemming: guarantees ~ guarantee
        assert doc.text[hit.start:hit.end] == hit.text and hit.sentence == 1
        assert store.search('security "guarantees') != []  # stray quote: searched as words
        assert doc.removed == (RemovedSpan(0, 8, "title", "Headline"),)


def test_a_quote_keeps_the_pieces_its_cue_interrupts(new_db: NewDb) -> None:
    text = "“The port stays open,” Arlo Penhale said, “all winter.”"
    article = analysed(text)
    said = text.index("said")
    quote = Quote(
        doc=article.id, start=0, end=len(text), text=text, kind="direct", cue=Span(said, said + 4, "said"),
        speaker=Span(23, 35, "Arlo Penhale"), speaker_ref=Span(23, 35, "Arlo Penhale"), resolution="named",
        confidence=0.9, parts=(Span(0, 22, text[:22]), Span(42, len(text), text[42:])),
    )
    with Store.open(new_db("s")) as store:
        with store.transaction():
            store.add(article)
            store.add_analysis(article.id, [], [quote], [])
        (stored,) = store.quotes(doc=article.id)
    assert stored.parts == quote.parts
    assert [p.text for p in stored.parts] == ["“The port stays open,”", "“all winter.”"]



def test_quotes_are_kept_and_filtered_by_what_they_report(new_db: NewDb) -> None:
    text = "Arlo Penhale said the port stays open. Arlo Penhale decided to close it."
    article = analysed(text)
    said, decided = text.index("said"), text.index("decided")
    common = dict(doc=article.id, kind="indirect", speaker=Span(0, 12, "Arlo Penhale"),
                  speaker_ref=Span(0, 12, "Arlo Penhale"), resolution="named", confidence=0.7)
    speech = Quote(start=18, end=37, text=text[18:37], cue=Span(said, said + 4, "said"), cue_class="speech", **common)
    stance = Quote(start=decided + 8, end=len(text) - 1, text=text[decided + 8:-1],
                   cue=Span(decided, decided + 7, "decided"), cue_class="stance", **common)
    with Store.open(new_db("s")) as store:
        with store.transaction():
            store.add(article)
            store.add_analysis(article.id, [], [speech, stance], [])
        assert [q.cue_class for q in store.quotes(doc=article.id)] == ["speech", "stance"]
        assert store.quotes(doc=article.id, cue_class="stance") == [stance]
        assert store.quotes(cue_class="cognition") == []

def test_actors_replace_and_link_mentions(new_db: NewDb) -> None:
    article = analysed()
    person = [m for m in article.mentions if m.label == "PERSON"]
    actor = Actor("p1", "Arlo Penhale", "PERSON", (AliasLink("Penhale", "surname", "only full name with it"),),
                  tuple(person), ("Minister",))
    with Store.open(new_db("s")) as store:
        with store.transaction():
            store.add(article)
            store.replace_actors([actor])
            store.replace_actors([actor])  # recomputed every build: no duplicates
        (summary,) = store.actors(label="person")
        assert (summary.name, summary.mention_count, summary.roles) == ("Arlo Penhale", 2, ("Minister",))
        assert [link.alias for link in summary.aliases] == ["Penhale"]
        assert store.actors(doc=article.id)[0].mention_count == 2
        assert [a for _, a in store.mentions(doc=article.id)].count("p1") == 2


def test_failures_are_kept_once_and_cleared_when_the_source_reads(new_db: NewDb) -> None:
    article = analysed()
    failed = Failure(article.source, "read", "not valid UTF-8 (byte 3)", "E100")
    with Store.open(new_db("s")) as store:
        with store.transaction():
            store.add_failure(failed)
            store.add_failure(failed)
        assert store.failures() == [failed]
        with store.transaction():
            store.add(article)
        assert store.failures() == []


def test_a_failed_transaction_leaves_nothing(new_db: NewDb) -> None:
    with Store.open(new_db("s")) as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add(analysed())
                raise RuntimeError("killed")
        assert store.counts().documents == 0 and store.counts().sentences == 0


# -- bounded reads: a listing's statements do not grow with its rows -------------------------------


def corpus_store(db: str, n: int) -> str:
    """A store of ``n`` hand-built documents, each with an actor, a quote and a timeline entry."""
    articles = [analysed(TEXT.replace("Velmora", f"Velmora{i}"), source=f"a{i}.txt") for i in range(n)]
    with Store.open(db) as store, store.transaction():
        for each in articles:
            store.add(each)
            store.add_analysis(each.id, [], [quote_in(each)], [event_in(each)])
        store.replace_actors([
            Actor(f"p{i}", "Arlo Penhale", "PERSON", (AliasLink("Penhale", "surname", "only full name with it"),),
                  tuple(m for m in each.mentions if m.label == "PERSON"), ("Minister",))
            for i, each in enumerate(articles)])
        actor_of = {each.id: f"p{i}" for i, each in enumerate(articles)}
        store.set_quote_actors([(row, actor_of[q.doc]) for row, q in store.quote_rows()])
        store.replace_timeline([
            (TimelineEntry(f"entry-{row}", "2022-01-03", "Penhale meets envoys", e.category, e.mode, (e.doc,),
                           (DateClaim("2022-01-03", e.doc),), actors=(actor_of[e.doc],)), [row])
            for row, e in store.event_rows()])
    return db


def quote_in(article: Article) -> Quote:
    said = article.text.index("promised")
    speaker = Span(said - 8, said - 1, "Penhale")
    return Quote(article.id, said + 9, len(article.text), article.text[said + 9:], "indirect",
                 cue=Span(said, said + 8, "promised"), speaker=speaker, speaker_ref=speaker, resolution="named",
                 confidence=0.8)


def event_in(article: Article) -> Event:
    met = article.text.index("met")
    return Event(article.id, 0, article.text.index(".") + 1, article.text[:article.text.index(".") + 1],
                 trigger=Span(met, met + 3, "met"), category="CONSULT", mode="happened",
                 date=EventDate("2022-01-03", "publication", None, None), sentence=0, source=Span(9, 21, "Arlo Penhale"))


LISTINGS = {
    "documents": lambda store: store.documents(removed=True),
    "publications": lambda store: store.publications(docs=[d.id for d in store.documents()]),
    "actors": lambda store: store.actors(),
    "actors of a label": lambda store: store.actors(label="PERSON", limit=100),
    "actor mentions": lambda store: store.actor_mentions([a.id for a in store.actors()]),
    "actor names": lambda store: store.actor_names(q.actor for q in store.quotes()),
    "quotes": lambda store: store.quotes(),
    "timeline": lambda store: store.timeline(),
    "export": lambda store: list(records(store)),
}


def statements(store: Store, read: Any) -> tuple[int, Any]:
    issued: list[str] = []
    store.connection.set_trace_callback(issued.append)
    try:
        found = read(store)
    finally:
        store.connection.set_trace_callback(None)
    return len(issued), found


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_issues_as_many_statements_for_3_rows_as_for_30(new_db: NewDb, listing: str) -> None:
    counts = {}
    for n in (3, 30):
        with Store.open(corpus_store(new_db(f"c{n}"), n)) as store:
            counts[n], found = statements(store, LISTINGS[listing])
            assert len(found) >= n
    assert counts[3] == counts[30], counts


def test_bulk_reads_carry_what_one_read_carries(new_db: NewDb) -> None:
    with Store.open(corpus_store(new_db("s"), 4)) as store:
        listed = store.documents(removed=True)
        assert listed == [store.document(d.id) for d in listed]
        assert all(d.removed == (RemovedSpan(0, 8, "title", "Headline"),) for d in listed)
        by_doc = sorted(listed, key=lambda d: d.id)  # publications come in document id order
        assert [p for d in by_doc for p in store.publications(d.id)] == store.publications(docs=[d.id for d in listed])
        assert store.publications(docs=[]) == []
        entries = store.timeline(limit=2)
        assert len(entries) == 2 and all(len(e.events) == 1 and len(e.actors) == 1 for e in entries)
        assert [e.id for e in entries] == [e.id for e in store.timeline()[:2]]
        (first,) = store.actors(limit=1)
        assert [a.alias for a in first.aliases] == ["Penhale"]
        assert len(store.actor_mentions([first.id])[first.id]) == first.mention_count == 2
        assert store.actor_names([first.id, None]) == {first.id: "Arlo Penhale"}
        assert store.actor_labels() == ["PERSON"]


# -- several threads ---------------------------------------------------------------------------------


READERS = 8


def test_threads_read_while_another_writes(new_db: NewDb) -> None:
    """8 threads list the store while another holds a write transaction open: none waits for it
    or fails, each sees the store before the write until it commits and after it once it has, and
    every listing is whole (each document with its removed span and its publication)."""
    db = corpus_store(new_db("s"), 5)
    writing, readers_done = threading.Event(), threading.Barrier(READERS + 1, timeout=60)
    new = analysed("Envoy Tamsin Vale arrived in Korvath. Vale said talks would go on.", source="new.txt")
    problems: list[BaseException] = []
    seen: list[tuple[str, int]] = []

    def read(store: Store, phase: str) -> None:
        with store.snapshot():
            docs = store.documents(removed=True)
            publications = store.publications()
            actors, entries, quotes = store.actors(), store.timeline(), store.quotes()
        assert {d.id for d in docs} == {p.doc for p in publications}
        assert all(d.removed for d in docs) and len(actors) == len(entries) == len(quotes) == 5
        assert all(e.events and e.actors for e in entries)
        seen.append((phase, len(docs)))

    def reader(store: Store) -> None:
        try:
            writing.wait(timeout=60)
            for _ in range(5):
                read(store, "during")
            readers_done.wait()  # the writer commits only now: every read above ran beside it
            readers_done.wait()
            read(store, "after")
        except BaseException as error:  # noqa: BLE001 - reported by the test's thread
            problems.append(error)
            readers_done.abort()

    def writer(store: Store) -> None:
        try:
            with store.transaction():
                store.add(new)
                writing.set()
                readers_done.wait()
            readers_done.wait()
        except BaseException as error:  # noqa: BLE001
            problems.append(error)
            writing.set()
            readers_done.abort()

    with Store.open(db) as store:
        threads = [threading.Thread(target=reader, args=(store,)) for _ in range(READERS)]
        threads.append(threading.Thread(target=writer, args=(store,)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not problems, problems
        assert sorted(set(seen)) == [("after", 6), ("during", 5)]
        assert len(seen) == READERS * 6
        assert store.has_document(new.id)


def test_each_thread_has_its_own_connection_and_close_closes_them_all(new_db: NewDb) -> None:
    store = Store.open(corpus_store(new_db("s"), 1))
    theirs: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: theirs.append(store.connection) or store.documents())
    thread.start()
    thread.join()
    (other,) = theirs
    assert other is not store.connection and store.connection is store.connection
    store.close()
    with pytest.raises((sqlite3.ProgrammingError, *DATABASE_ERRORS)):
        other.execute("SELECT 1")
    with pytest.raises(StoreError, match="closed"):
        threading_result(lambda: store.documents())


def threading_result(call: Any) -> Any:
    """Run ``call`` in a new thread; return its result or raise its error here."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as error:  # noqa: BLE001
            outcome.append((False, error))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
