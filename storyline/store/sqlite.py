"""The embedded store: one SQLite file, one writer, a versioned schema, full-text search.

    with Store.open("storyline.db") as store:
        store.add(article)            # one document with its sentences and mentions
        for hit in store.search("security guarantees"):
            print(hit.doc, hit.start, hit.end, hit.text)

Every offset stored indexes the clean ``text`` of its document. Writes happen in transactions the
caller scopes with :meth:`Store.transaction`, so a killed run leaves whole documents only, and a
rerun skips what is already stored.

Each listing is answered with a fixed number of statements, however many rows it lists: what a
listed row carries (a document's removed spans, an entry's events and actors, an actor's aliases)
is read for all listed rows at once, the rows' ids passed as one JSON array (``json_each``), never
one query per row. A listing's statements run in one read transaction (:meth:`Store.snapshot`),
so a build committing meanwhile is seen entirely or not at all.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator, Literal, Mapping, Sequence, get_args

from storyline.errors import StoreError
from storyline.records import (
    Actor,
    ActorSummary,
    AliasLink,
    Article,
    CachedResponse,
    Copy,
    Counts,
    DateClaim,
    EntityMention,
    Event,
    EventDate,
    Failure,
    Issue,
    ItemWarning,
    Placement,
    Position,
    PositionSide,
    Publication,
    Quote,
    RemovedSpan,
    SearchHit,
    Sentence,
    SentenceStance,
    SentenceVectors,
    Span,
    StanceChain,
    StoredDocument,
    Story,
    TimelineEntry,
    Timex,
)
from storyline.store.dialect import (
    DATABASE_ERRORS,
    MARK_CLOSE,
    MARK_OPEN,
    OPERATIONAL_ERRORS,
    SQLITE,
    is_postgres_url,
    shown_location,
)
from storyline.store.keyset import Listing, Order
from storyline.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from storyline.analyse.embeddings import Embedder
    from storyline.store.vectors import SentenceMatrix

# Readers (the CLI, a future HTTP API) may query while a build writes; WAL lets them.
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON")
# A second process that finds the database locked waits this long before giving up.
BUSY_TIMEOUT_S = 30.0
# Every read that lists rows in an order ends it with a unique key (``ORDER BY doc, start, id``): the
# corpus steps keep the first of equal rows, so ties must come in one order on every back end
# (SQLite's index gives them in rowid order; PostgreSQL promises none). On SQLite the index on
# (doc, start) still gives the order: its entries end with the rowid.
# The escape character of every LIKE built from user input: a speaker named "%" or "_" is
# looked for as written, not as a wildcard (see _like).
LIKE_ESCAPE = "\\"
# The rows whose key is in a JSON array of ids (see _ids): one statement for the rows of a listing.
IN_IDS = "IN (SELECT value FROM json_each(?))"
# Search modes (Store.search): words, meaning, or both fused.
SearchMode = Literal["fts", "semantic", "hybrid"]
SEARCH_MODES: tuple[str, ...] = get_args(SearchMode)
# Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): a sentence scores 1 / (RRF_K + its
# place) in each ranking; 60 is their value, which keeps one ranking's first place from
# outweighing agreement lower down both.
RRF_K = 60
# How deep each ranking goes into the fusion.
FUSION_DEPTH = 100
# Documents whose vectors a semantic search holds at once: about 30 sentences each, 1,000 of
# them are some 30 MB as float32.
VECTOR_CHUNK = 1000
# The corpus_state key of the store's revision: moved on by every transaction that changed a row,
# so a reader (the HTTP API's ETag) can tell in one statement whether anything changed.
REVISION = "revision"
# The order of each listing the HTTP API pages over, written once: its ORDER BY and its keyset
# condition (``after=``, storyline.store.keyset). Each ends in a unique column; nullable columns
# are coalesced to a value that sorts where NULL does (first, or '9999' for "undated last").
DOCUMENT_ORDER = Order.of("coalesce(published, '9999')", "source", "id")
ACTOR_ORDER = Order.of("a.n DESC", "a.name", "a.id")
MENTION_ORDER = Order.of("doc", "start", "end")
QUOTE_ORDER = Order.of("q.doc", "q.start", "q.id")
EVENT_ORDER = Order.of("doc", "start", "id")
TIMELINE_ORDER = Order.of("t.date", "t.id")
STORY_ORDER = Order.of("size DESC", "coalesce(first, '')", "id")
POSITION_ORDER = Order.of("p.actor", "p.issue", "coalesce(p.date, '')", "p.doc", "p.start", "p.id")


class Store:
    """A Storyline database. Open with :meth:`Store.open`; use as a context manager.

    Safe to read from several threads: each thread gets its own SQLite connection, opened on its
    first use with the same PRAGMAs (``store.connection`` is the calling thread's). A sqlite3
    connection is not meant to be shared, and one shared connection would serialise every reader
    behind the writer's transaction; with one per thread, WAL lets readers in other threads read
    the last committed state while a build writes, never waiting for it. A transaction stays on the
    thread that opened it (:meth:`transaction` uses the calling thread's connection), so writes
    from several threads are several transactions, and SQLite lets one at a time take the write
    lock. The connection of a thread that has ended is closed when another thread opens one;
    :meth:`close` closes them all, and must not be called while other threads still read.

    A ``:memory:`` store is one database per connection, so it keeps a single connection, which
    every thread shares (SQLite serialises the calls): it is for tests and one-thread use.
    """

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._guard = threading.Lock()  # over _connections and _closed
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False
        self._matrices: dict[str, SentenceMatrix] = {}  # model → its SentenceMatrix, at the revision it was read
        self._matrix_guard = threading.Lock()
        self._shared = connection if path == ":memory:" else None
        # Where the SQL differs by back end (full-text search); the rest is translated by the
        # connection itself (storyline.store.postgres).
        self.dialect = _dialect(path)
        self._adopt(connection)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Store":
        path = str(path)
        if not create and path != ":memory:" and not _exists(path):
            raise StoreError(f"no Storyline database at {shown_location(path)}; "
                             f"run `storyline build PATH --db {shown_location(path)}` first")
        connection = _connect(path)
        store = cls(connection, path)
        try:
            store.migrate()
        except DATABASE_ERRORS as error:
            store.close()
            raise StoreError(f"{shown_location(path)} is not a usable Storyline database: {error}") from None
        return store

    @property
    def connection(self) -> sqlite3.Connection:
        """The calling thread's connection to the store, opened on its first use."""
        if self._shared is not None:
            return self._shared
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            if self._closed:
                raise StoreError(f"the store {shown_location(self.path)} is closed; open it again with Store.open")
            connection = self._adopt(_connect(self.path))
        return connection

    def _adopt(self, connection: sqlite3.Connection) -> sqlite3.Connection:
        """Make ``connection`` the calling thread's, closing those of threads that have ended."""
        with self._guard:
            ended = [c for thread, c in self._connections if not thread.is_alive()]
            self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
            self._connections.append((threading.current_thread(), connection))
        for stale in ended:
            stale.close()
        self._local.connection = connection
        return connection

    def close(self) -> None:
        """Close every thread's connection to the store."""
        with self._guard:
            connections, self._connections = self._connections, []
            self._closed = True
            self._local = threading.local()
        for _, connection in connections:
            connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read one state of the store: the reads inside see no write committed meanwhile.

        A read transaction (WAL: it never blocks the writer, and the writer never blocks it).
        Inside a transaction of the same thread it adds nothing: that already is one state.
        """
        connection = self.connection
        if connection.in_transaction:
            yield
            return
        connection.execute("BEGIN")
        try:
            yield
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")  # nothing was written: ends the read, keeps nothing

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Apply the migrations this store lacks, under the write lock: two processes opening a new
        store at once must not both create its tables."""
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        self._refuse_newer(self._applied())
        if {m.version for m in MIGRATIONS} <= self._applied():
            return
        with self.transaction():
            applied = self._applied()  # read again under the lock: another process may have migrated
            self._refuse_newer(applied)
            for migration in MIGRATIONS:
                if migration.version in applied:
                    continue
                for statement in _statements(migration.sql):
                    self.connection.execute(statement)
                self.connection.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (migration.version, migration.name)
                )

    def _refuse_newer(self, applied: set[int]) -> None:
        newest = max(m.version for m in MIGRATIONS)
        if applied and max(applied) > newest:
            raise StoreError(
                f"{shown_location(self.path)} has schema version {max(applied)}, newer than this Storyline knows ({newest}); "
                "upgrade Storyline")

    def _applied(self) -> set[int]:
        return {row[0] for row in self.connection.execute("SELECT version FROM schema_migrations")}

    @property
    def schema_version(self) -> int:
        row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write. Only one process writes at a time; another waits BUSY_TIMEOUT_S for the
        write lock, then gets a StoreError that says so (readers are never blocked: WAL)."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except OPERATIONAL_ERRORS as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError(
                    f"{shown_location(self.path)} is busy: another process has held its write lock for more than "
                    f"{BUSY_TIMEOUT_S:.0f} s; wait for it to finish (`storyline build` runs one at a time) "
                    "and try again") from None
            raise StoreError(f"cannot write to {shown_location(self.path)}: {error}") from None
        changes = self.connection.total_changes
        try:
            yield
            if self.connection.total_changes != changes:
                self.connection.execute(
                    "INSERT INTO corpus_state (key, value) VALUES (?, '1')"
                    " ON CONFLICT (key) DO UPDATE SET value = CAST(corpus_state.value AS INTEGER) + 1", (REVISION,))
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @property
    def revision(self) -> int:
        """How many transactions have changed the store: equal revisions, equal contents."""
        row = self.connection.execute("SELECT value FROM corpus_state WHERE key = ?", (REVISION,)).fetchone()
        return int(row[0]) if row is not None else 0

    # -- writes -------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.connection.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, article: Article) -> None:
        """Store one analysed article with its removed spans, sentences and mentions."""
        c = self.connection
        c.execute(
            "INSERT INTO documents (id, source, format, title, outlet, url, published, published_basis, language,"
            " text, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.raw.format, article.title, article.outlet, article.url,
             article.published, article.published_basis, article.language, article.text or "",
             json.dumps(dict(article.raw.fields), ensure_ascii=False, default=str)),
        )
        c.executemany(
            "INSERT INTO sentences (doc, idx, start, end, text) VALUES (?, ?, ?, ?, ?)",
            [(article.id, i, s.start, s.end, s.text) for i, s in enumerate(article.sentences)],
        )
        c.executemany(
            "INSERT OR IGNORE INTO mentions (doc, start, end, text, label, sentence, role, role_start, role_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.doc, m.start, m.end, m.text, m.label, m.sentence, m.role, m.role_start, m.role_end)
             for m in article.mentions],
        )
        self.add_analysis(article.id, article.timexes, article.quotes, article.events)
        if article.sentence_vectors is not None and article.sentence_vectors.rows == len(article.sentences):
            self.set_sentence_vectors(article.id, article.sentence_vectors)
        self.add_stances(article.id, article.stances)
        if article.published is None:
            self.set_undated_analysis(article.id, article.timexes, article.events)
        self.add_publication(publication_of(article), article.removed)
        for warning in article.warnings:
            self.add_warning(replace(warning, doc=warning.doc or article.id))
        # A source that now reads cleanly has no open failure any more.
        c.execute("DELETE FROM failures WHERE source = ?", (article.source,))

    def set_sentence_vectors(self, doc: str, vectors: SentenceVectors) -> None:
        """A document's sentence vectors, one row per sentence in order (replacing another model's)."""
        self.connection.execute(
            "INSERT OR REPLACE INTO sentence_vectors (doc, model, dimensions, vectors) VALUES (?, ?, ?, ?)",
            (doc, vectors.model, vectors.dimensions, vectors.data))

    def add_publication(self, publication: Publication, removed: Iterable[RemovedSpan] = ()) -> bool:
        """Record one arrival of a stored text with what the cleaner cut from it (offsets into
        that item's raw input); False when this item was recorded before."""
        c = self.connection
        cursor = c.execute(
            "INSERT OR IGNORE INTO publications (doc, raw_id, source, outlet, url, published, published_basis, title,"
            " format, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (publication.doc, publication.raw_id, publication.source, publication.outlet, publication.url,
             publication.published, publication.published_basis, publication.title, publication.format,
             json.dumps(dict(publication.fields), ensure_ascii=False, default=str)),
        )
        if not cursor.rowcount:
            return False
        c.executemany(
            "INSERT INTO removed_spans (doc, source, start, end, reason, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(publication.doc, publication.source, s.start, s.end, s.reason, s.text) for s in removed],
        )
        c.execute("DELETE FROM failures WHERE source = ?", (publication.source,))
        return True

    def set_canonical_publication(self, doc: str, publication: Publication) -> None:
        """The document speaks with ``publication``: its source, format, metadata, title, outlet, URL
        (its removed spans follow the source; its date is set apart, with its analysis)."""
        self.connection.execute(
            "UPDATE documents SET source = ?, format = ?, fields = ?, title = ?, outlet = ?, url = ? WHERE id = ?",
            (publication.source, publication.format,
             json.dumps(dict(publication.fields), ensure_ascii=False, default=str), publication.title,
             publication.outlet, publication.url, doc),
        )

    def has_publication(self, raw_id: str, source: str) -> bool:
        return self.connection.execute(
            "SELECT 1 FROM publications WHERE raw_id = ? AND source = ?", (raw_id, source)).fetchone() is not None

    def publications(self, doc: str | None = None, *, docs: Collection[str] | None = None) -> list[Publication]:
        """Publications of one document, of the documents ``docs``, or of all, by document; each
        document's canonical publication first (the order of link.corpus.canonical_publication)."""
        where, args = _where(doc=doc)
        if docs is not None:
            where, args = (f"{where} AND" if where else "WHERE") + f" doc {IN_IDS}", [*args, _ids(docs)]
        rows = self.connection.execute(f"SELECT * FROM publications {where}"
                                       " ORDER BY doc, published IS NULL, published, source, raw_id", args)
        return [Publication(r["doc"], r["raw_id"], r["source"], r["outlet"], r["url"], r["published"],
                            r["published_basis"], r["title"], r["format"], json.loads(r["fields"])) for r in rows]

    def add_warning(self, warning: ItemWarning) -> None:
        self.connection.execute(
            "INSERT OR IGNORE INTO warnings (source, stage, code, reason, doc, detail) VALUES (?, ?, ?, ?, ?, ?)",
            (warning.source, warning.stage, warning.code, warning.reason, warning.doc,
             json.dumps(dict(warning.detail), ensure_ascii=False, sort_keys=True, default=str)),
        )

    def warnings(self, *, doc: str | None = None) -> list[ItemWarning]:
        where, args = _where(doc=doc)
        rows = self.connection.execute(f"SELECT * FROM warnings {where} ORDER BY source, id", args)
        return [ItemWarning(r["source"], r["stage"], r["code"], r["reason"], r["doc"], json.loads(r["detail"]))
                for r in rows]

    def add_analysis(self, doc: str, timexes: Iterable[Timex], quotes: Iterable[Quote], events: Iterable[Event]) -> None:
        c = self.connection
        self._insert_timexes("timexes", doc, timexes)
        c.executemany(
            "INSERT INTO quotes (doc, start, end, text, kind, cue_start, cue_end, cue_text, speaker_start,"
            " speaker_end, speaker_text, ref_start, ref_end, ref_text, resolution, confidence, sentences, repair,"
            " parts, cue_class, for_start, for_end, for_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, q.start, q.end, q.text, q.kind, *_span(q.cue), *_span(q.speaker), *_span(q.speaker_ref),
              q.resolution, q.confidence, json.dumps(list(q.sentences)), q.repair,
              json.dumps([[p.start, p.end] for p in q.parts]), q.cue_class, *_span(q.speaker_for)) for q in quotes],
        )
        self._insert_events("events", doc, events)

    # The undated analysis has the same columns as the dated one (see migration 6); the table
    # names below are this module's constants, never user input.
    def _insert_timexes(self, table: str, doc: str, timexes: Iterable[Timex]) -> None:
        self.connection.executemany(
            f"INSERT INTO {table} (doc, start, end, text, type, value, all_values, mod, sentence, rule)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, t.start, t.end, t.text, t.type, t.value, json.dumps(list(t.values)), t.mod, t.sentence, t.rule)
             for t in timexes],
        )

    def _insert_events(self, table: str, doc: str, events: Iterable[Event]) -> None:
        self.connection.executemany(
            f"INSERT INTO {table} (doc, start, end, text, trigger_start, trigger_end, trigger_text, category, mode,"
            " date_value, date_basis, date_start, date_end, sentence, source_start, source_end, source_text,"
            " target_start, target_end, target_text, place_start, place_end, place_text, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, e.start, e.end, e.text, *_span(e.trigger), e.category, e.mode, e.date.value, e.date.basis,
              e.date.start, e.date.end, e.sentence, *_span(e.source), *_span(e.target), *_span(e.place),
              e.confidence) for e in events],
        )

    def set_undated_analysis(self, doc: str, timexes: Iterable[Timex], events: Iterable[Event]) -> None:
        """Keep a document's analysis as found without a publication date, for date inference."""
        for table in ("undated_timexes", "undated_events"):
            self.connection.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
        self._insert_timexes("undated_timexes", doc, timexes)
        self._insert_events("undated_events", doc, events)

    def undated_analysis(self) -> dict[str, tuple[list[Timex], list[Event]]]:
        """Each document's analysis without a publication date, by document id."""
        found: dict[str, tuple[list[Timex], list[Event]]] = {}
        for timex in self._read_timexes("undated_timexes"):
            found.setdefault(timex.doc, ([], []))[0].append(timex)
        for row in self.connection.execute("SELECT * FROM undated_events ORDER BY doc, start, id"):
            found.setdefault(row["doc"], ([], []))[1].append(_event(row, with_links=False))
        return found

    def replace_dated_analysis(self, doc: str, timexes: Iterable[Timex], events: Iterable[Event]) -> None:
        """Replace a document's time-dependent analysis (after its publication date changed)."""
        for table in ("timexes", "events"):
            self.connection.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
        self.add_analysis(doc, timexes, (), events)

    def set_published(self, doc: str, published: str | None, basis: str | None, *,
                      confidence: float | None = None, evidence: str | None = None) -> None:
        self.connection.execute(
            "UPDATE documents SET published = ?, published_basis = ?, published_confidence = ?,"
            " published_evidence = ? WHERE id = ?",
            (published, basis, confidence, evidence, doc),
        )

    def corpus_state(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM corpus_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row is not None else None

    def set_corpus_state(self, key: str, value: str) -> None:
        self.connection.execute("INSERT INTO corpus_state (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def quote_rows(self) -> list[tuple[int, Quote]]:
        return [(r["id"], _quote(r)) for r in self.connection.execute("SELECT * FROM quotes ORDER BY doc, start, id")]

    def set_quote_actors(self, actors: Iterable[tuple[int, str | None]]) -> None:
        self.connection.executemany("UPDATE quotes SET actor = ? WHERE id = ?", [(a, i) for i, a in actors])

    def set_event_actors(self, actors: Iterable[tuple[int, str | None, str | None]]) -> None:
        self.connection.executemany("UPDATE events SET source_actor = ?, target_actor = ? WHERE id = ?",
                                    [(s, t, i) for i, s, t in actors])

    def add_failure(self, failure: Failure) -> None:
        self.connection.execute(
            "INSERT OR IGNORE INTO failures (source, stage, code, reason, doc) VALUES (?, ?, ?, ?, ?)",
            (failure.source, failure.stage, failure.code, failure.reason, failure.doc),
        )

    def replace_actors(self, actors: Iterable[Actor]) -> None:
        """Replace the corpus's canonical actors (they are recomputed over the whole corpus)."""
        c = self.connection
        c.execute("UPDATE mentions SET actor = NULL")
        c.execute("DELETE FROM actor_aliases")
        c.execute("DELETE FROM actors")
        for actor in actors:
            self._write_actor(actor, None)

    def _write_actor(self, actor: Actor, digest: str | None) -> None:
        """Insert or overwrite one actor, its aliases and its mentions' links (an overwrite keeps
        the rows that refer to it, such as its positions)."""
        c = self.connection
        c.execute(
            "INSERT INTO actors (id, name, label, roles, mention_count, digest) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, label = excluded.label, roles = excluded.roles,"
            " mention_count = excluded.mention_count, digest = excluded.digest",
            (actor.id, actor.name, actor.label, json.dumps(list(actor.roles), ensure_ascii=False),
             len(actor.mentions), digest),
        )
        c.executemany(
            "INSERT INTO actor_aliases (actor, alias, rule, evidence) VALUES (?, ?, ?, ?)",
            [(actor.id, a.alias, a.rule, a.evidence) for a in actor.aliases],
        )
        c.executemany(
            "UPDATE mentions SET actor = ? WHERE doc = ? AND start = ? AND end = ?",
            [(actor.id, m.doc, m.start, m.end) for m in actor.mentions],
        )

    # -- incremental linking (storyline.link.runner, link/copies.py; migration 17) --------------

    def actor_digests(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self.connection.execute("SELECT id, digest FROM actors")}

    def label_of_actors(self) -> dict[str, str]:
        """Each stored actor's NER label, by id."""
        return {r[0]: r[1] for r in self.connection.execute("SELECT id, label FROM actors")}

    def update_actors(self, changed: Iterable[tuple[Actor, str]], removed: Collection[str]) -> None:
        """Write the actors a relink changed, each with its digest, and drop the ones it no longer
        finds; every other actor, and its mentions' links, stays as it is."""
        c = self.connection
        changed = list(changed)
        rewritten = [(actor_id,) for actor_id in (*removed, *(actor.id for actor, _ in changed))]
        c.executemany("UPDATE mentions SET actor = NULL WHERE actor = ?", rewritten)
        c.executemany("DELETE FROM actor_aliases WHERE actor = ?", rewritten)
        c.executemany("DELETE FROM actors WHERE id = ?", [(actor_id,) for actor_id in removed])
        for actor, digest in changed:
            self._write_actor(actor, digest)

    def mark_unlinked(self, docs: Iterable[str]) -> None:
        self.connection.executemany("INSERT OR IGNORE INTO unlinked_documents (doc) VALUES (?)",
                                    [(doc,) for doc in docs])

    def unlinked_documents(self) -> frozenset[str]:
        return frozenset(r[0] for r in self.connection.execute("SELECT doc FROM unlinked_documents"))

    def clear_unlinked(self) -> None:
        self.connection.execute("DELETE FROM unlinked_documents")

    def document_dates(self) -> dict[str, str | None]:
        """Every document's publication date (None when it has none), without its text."""
        return {r[0]: r[1] for r in self.connection.execute("SELECT id, published FROM documents")}

    def copy_signatures(self) -> dict[str, bytes | None]:
        """Each compared document's MinHash signature (None: too short to be a copy)."""
        return {r[0]: r[1] for r in self.connection.execute("SELECT doc, signature FROM copy_signatures")}

    def add_copy_signatures(self, signatures: Iterable[tuple[str, bytes | None]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO copy_signatures (doc, signature) VALUES (?, ?)",
                                    list(signatures))

    def copy_pairs(self) -> list[tuple[str, str, float]]:
        """Every verified near-copy pair (a < b), by a then b."""
        return [(r[0], r[1], r[2]) for r in self.connection.execute("SELECT a, b, similarity FROM copy_pairs ORDER BY a, b")]

    def add_copy_pairs(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO copy_pairs (a, b, similarity) VALUES (?, ?, ?)",
                                    list(pairs))

    # -- reads --------------------------------------------------------------------------------

    def counts(self) -> Counts:
        def count(table: str) -> int:
            return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        return Counts(count("documents"), count("sentences"), count("mentions"), count("actors"), count("failures"))

    def documents(self, *, limit: int | None = None, removed: bool = False, offset: int = 0,
                  ids: Collection[str] | None = None, after: Sequence[Any] | None = None) -> Listing[StoredDocument]:
        """Documents in publication order (the first ``offset`` skipped, or those after the key
        ``after``; only ``ids`` when given); with ``removed``, each with its removed spans (read
        for all of them in one more statement)."""
        clauses, args = ([f"id {IN_IDS}"], [_ids(ids)]) if ids is not None else ([], [])
        rows = self._listed(f"SELECT *{DOCUMENT_ORDER.select()} FROM documents", clauses, args, DOCUMENT_ORDER,
                            after, limit or None, offset)
        with self.snapshot():
            spans = self._removed_spans([row["id"] for row in rows]) if removed else {}
        return Listing([_document(row, spans.get(row["id"], ())) for row in rows], DOCUMENT_ORDER.keys(rows))

    def _listed(self, select: str, clauses: list[str], args: list[Any], order: Order, after: Sequence[Any] | None,
                limit: int | None, offset: int) -> list[sqlite3.Row]:
        """The rows of a listing: ``select`` filtered by ``clauses``, in ``order``, after the key
        ``after`` when given (keyset paging), at most ``limit`` from the ``offset``-th."""
        beyond, beyond_args = order.after(after)
        if beyond:
            clauses, args = [*clauses, beyond], [*args, *beyond_args]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self.connection.execute(f"{select} {where} {order.by()} LIMIT ? OFFSET ?",
                                       [*args, _limit(limit), offset]).fetchall()

    def document(self, doc_id: str) -> StoredDocument:
        with self.snapshot():
            rows = self.connection.execute(
                f"SELECT * FROM documents WHERE id = ? OR id LIKE ? ESCAPE '{LIKE_ESCAPE}' ORDER BY id LIMIT 2",
                (doc_id, _like(doc_id, "{}%")),
            ).fetchall()
            if not rows:
                raise StoreError(f"no document {doc_id!r}; `storyline docs` lists the stored documents")
            if len(rows) > 1 and rows[0]["id"] != doc_id:
                raise StoreError(f"{doc_id!r} is the start of several document ids; give more of it")
            spans = self._removed_spans([rows[0]["id"]])
        return _document(rows[0], spans.get(rows[0]["id"], ()))

    def _removed_spans(self, docs: Collection[str]) -> dict[str, tuple[RemovedSpan, ...]]:
        found: dict[str, list[RemovedSpan]] = {}
        # A document's removed spans are those of its canonical publication, the one its source names.
        for r in self.connection.execute(
                "SELECT r.* FROM removed_spans r JOIN documents d ON d.id = r.doc AND d.source = r.source"
                f" WHERE r.doc {IN_IDS} ORDER BY r.doc, r.start, r.rowid", (_ids(docs),)):
            found.setdefault(r["doc"], []).append(RemovedSpan(r["start"], r["end"], r["reason"], r["text"]))
        return {doc: tuple(spans) for doc, spans in found.items()}

    def documents_without_vectors(self, model: str) -> list[str]:
        """Ids of the documents with no sentence vectors from ``model``, in id order."""
        rows = self.connection.execute(
            "SELECT d.id FROM documents d LEFT JOIN sentence_vectors v ON v.doc = d.id AND v.model = ?"
            " WHERE v.doc IS NULL ORDER BY d.id", (model,))
        return [r[0] for r in rows]

    def sentence_texts(self, docs: Collection[str]) -> dict[str, list[str]]:
        """The sentences' texts of each of ``docs``, in order (one statement)."""
        found: dict[str, list[str]] = {doc: [] for doc in docs}
        for row in self.connection.execute(f"SELECT doc, text FROM sentences WHERE doc {IN_IDS} ORDER BY doc, idx",
                                           (_ids(docs),)):
            found[row[0]].append(row[1])
        return found

    def sentence_spans(self, docs: Collection[str]) -> dict[str, list[Sentence]]:
        """The sentences of each of ``docs``, in order, with their offsets (one statement)."""
        found: dict[str, list[Sentence]] = {doc: [] for doc in docs}
        for row in self.connection.execute(
                f"SELECT doc, start, end, text FROM sentences WHERE doc {IN_IDS} ORDER BY doc, idx", (_ids(docs),)):
            found[row[0]].append(Sentence(row[1], row[2], row[3]))
        return found

    def publication_days(self) -> dict[str, str]:
        """Each dated document's publication day (YYYY-MM-DD), without reading its text."""
        rows = self.connection.execute("SELECT id, substr(published, 1, 10) FROM documents WHERE published IS NOT NULL")
        return {row[0]: row[1] for row in rows}

    def document_vectors(self, model: str) -> dict[str, Any]:
        """Each document's mean sentence vector from ``model`` (float32, unit length): what the
        stories step compares articles by."""
        import numpy as np  # noqa: PLC0415

        from storyline.analyse.embeddings import unit_rows, unpack  # noqa: PLC0415

        found: dict[str, Any] = {}
        for row in self.connection.execute("SELECT doc, dimensions, vectors FROM sentence_vectors WHERE model = ?",
                                           (model,)):
            rows = unpack(row["vectors"], row["dimensions"])
            if len(rows):
                found[row["doc"]] = unit_rows(rows.mean(axis=0, keepdims=True))[0]
        return found

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self.connection.execute("SELECT start, end, text FROM sentences WHERE doc = ? ORDER BY idx", (doc_id,))
        return [Sentence(r["start"], r["end"], r["text"]) for r in rows]

    def mentions(self, *, doc: str | None = None, actor: str | None = None, limit: int | None = None,
                 offset: int = 0, after: Sequence[Any] | None = None) -> Listing[tuple[EntityMention, str | None]]:
        """Mentions with the id of the actor each belongs to (None when it joins no actor), in
        document order (after the key ``after`` when given)."""
        clauses = [f"{name} = ?" for name, value in (("doc", doc), ("actor", actor)) if value is not None]
        args = [value for value in (doc, actor) if value is not None]
        rows = self._listed(f"SELECT *{MENTION_ORDER.select()} FROM mentions", clauses, args, MENTION_ORDER,
                            after, limit, offset)
        return Listing([(_mention(row), row["actor"]) for row in rows], MENTION_ORDER.keys(rows))

    def all_mentions(self) -> Iterator[EntityMention]:
        for row in self.connection.execute("SELECT * FROM mentions ORDER BY doc, start, end"):
            yield _mention(row)

    def actors(self, *, label: str | None = None, doc: str | None = None, limit: int | None = None,
               offset: int = 0, ids: Collection[str] | None = None,
               after: Sequence[Any] | None = None) -> Listing[ActorSummary]:
        """Actors, most mentioned first (in ``doc`` when given; only ``ids`` when given; after the
        key ``after`` when given), each with its aliases."""
        args: list[Any] = []
        if doc:
            counted = ("SELECT a.*, count(m.id) AS n FROM actors a JOIN mentions m ON m.actor = a.id"
                       " WHERE m.doc = ?")
            args.append(doc)
        else:
            counted = "SELECT a.*, a.mention_count AS n FROM actors a WHERE 1"
        if label:
            counted += " AND a.label = ?"
            args.append(label.upper())
        if ids is not None:
            counted += f" AND a.id {IN_IDS}"
            args.append(_ids(ids))
        # Counted first, then ordered and compared with the key (n may be a count of mentions);
        # without a count the subquery is flattened, and the listing index orders it.
        query = f"SELECT a.*{ACTOR_ORDER.select()} FROM ({counted}{' GROUP BY a.id' if doc else ''}) a"
        aliases: dict[str, list[AliasLink]] = {}
        with self.snapshot():
            rows = self._listed(query, [], args, ACTOR_ORDER, after, limit, offset)
            for row in self.connection.execute(f"SELECT * FROM actor_aliases WHERE actor {IN_IDS} ORDER BY rowid",
                                               (_ids(row["id"] for row in rows),)):
                aliases.setdefault(row["actor"], []).append(AliasLink(row["alias"], row["rule"], row["evidence"]))
        return Listing([
            ActorSummary(row["id"], row["name"], row["label"], tuple(json.loads(row["roles"])),
                         tuple(aliases.get(row["id"], ())), int(row["n"]))
            for row in rows
        ], ACTOR_ORDER.keys(rows))

    def actor_names(self, ids: Iterable[str | None] | None = None) -> dict[str, str]:
        """The canonical name of each actor id in ``ids`` (of every actor when None)."""
        if ids is None:
            rows = self.connection.execute("SELECT id, name FROM actors")
        else:
            rows = self.connection.execute(f"SELECT id, name FROM actors WHERE id {IN_IDS}",
                                           (_ids({i for i in ids if i is not None}),))
        return {row["id"]: row["name"] for row in rows}

    def actor_labels(self) -> list[str]:
        """The entity labels of the store's actors (PERSON, ORG, ...), sorted."""
        return [row[0] for row in self.connection.execute("SELECT DISTINCT label FROM actors ORDER BY label")]

    def actor_mentions(self, actors: Collection[str] | None = None) -> dict[str, list[EntityMention]]:
        """The mentions of each actor in ``actors`` (of every actor when None), in document order."""
        if actors is None:
            rows = self.connection.execute("SELECT * FROM mentions WHERE actor IS NOT NULL ORDER BY doc, start, end")
        else:
            rows = self.connection.execute(f"SELECT * FROM mentions WHERE actor {IN_IDS} ORDER BY doc, start, end",
                                           (_ids(actors),))
        found: dict[str, list[EntityMention]] = {}
        for row in rows:
            found.setdefault(row["actor"], []).append(_mention(row))
        return found

    def search(self, query: str, *, limit: int = 20, offset: int = 0, mode: SearchMode = "fts",
               docs: Collection[str] | None = None, embedder: "Embedder | None" = None) -> list[SearchHit]:
        """Sentences for ``query``, best first, from the ``offset``-th; ``docs`` keeps those of
        these documents (a story's).

        ``mode``: ``fts`` matches words (FTS5 syntax, or plain words; ``rank`` is BM25, lower is
        better); ``semantic`` ranks by meaning, the cosine of the query's vector with each stored
        sentence vector (``rank``, higher is better), so "stepped down" finds "resigned";
        ``hybrid`` fuses the two rankings by reciprocal rank (``rank``: the fused score, higher is
        better). ``embedder`` defaults to the model the build stored vectors with.
        """
        if mode == "fts":
            return self._word_hits(query, limit, docs, offset)
        if embedder is None:
            from storyline.analyse.embeddings import default_embedder  # noqa: PLC0415 — a second to load
            embedder = default_embedder()
        vector = embedder.embed([query])[0]
        if mode == "semantic":
            return self._sentence_hits(self._nearest_sentences(vector, embedder.name, offset + limit, docs)[offset:])
        if mode != "hybrid":
            raise StoreError(f"no search mode {mode!r}; choose one of {', '.join(SEARCH_MODES)}")
        depth = max(FUSION_DEPTH, offset + limit)
        words = self._word_hits(query, depth, docs)
        meaning = self._nearest_sentences(vector, embedder.name, depth, docs)
        fused: dict[tuple[str, int], float] = {}
        for ranking in ([(h.doc, h.sentence) for h in words], [key for key, _ in meaning]):
            for place, key in enumerate(ranking, start=1):
                fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + place)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[offset:offset + limit]
        return self._sentence_hits(best)

    def _word_hits(self, query: str, limit: int, docs: Collection[str] | None, offset: int = 0) -> list[SearchHit]:
        within = f" AND s.doc {IN_IDS}" if docs is not None else ""
        sql = self.dialect.word_search_sql(within)
        extra = [_ids(docs)] if docs is not None else []
        try:
            rows = self.connection.execute(sql, (query, *extra, limit, offset)).fetchall()
        except OPERATIONAL_ERRORS:
            # Not valid FTS5 syntax (a stray quote or dash): search for the words themselves.
            # A NUL ends an FTS5 string wherever it stands ("unterminated string"): it is no word.
            words = " ".join('"' + word.replace('"', '""') + '"' for word in query.replace("\x00", " ").split())
            if not words:
                return []
            rows = self.connection.execute(sql, (words, *extra, limit, offset)).fetchall()
        return [SearchHit(r["doc"], r["title"], r["idx"], r["start"], r["end"], r["text"], r["rank"],
                          _marks(r["text"], r["marked"])) for r in rows]

    def _nearest_sentences(self, vector: Any, model: str, limit: int,
                           docs: Collection[str] | None) -> list[tuple[tuple[str, int], float]]:
        """The ``limit`` sentences whose stored vectors (of ``model``) are nearest ``vector``, as
        ((doc, sentence index), cosine), best first: from the store's matrix in memory
        (:meth:`sentence_matrix`), or, within ``docs``, from their rows in the table. Reads
        VECTOR_CHUNK documents at a time there, keeping only the best so far."""
        if limit < 1:
            return []
        if docs is None:
            return self.sentence_matrix(model).nearest(vector, limit)
        return self._scan_nearest_sentences(vector, model, limit, docs)

    def sentence_matrix(self, model: str) -> "SentenceMatrix":
        """Every stored sentence vector of ``model`` in memory (storyline.store.vectors), read once
        per revision of the store: a semantic search over the whole store is one numpy pass over
        it. About the stored bytes in memory (256 bytes a sentence)."""
        from storyline.store.vectors import SentenceMatrix  # noqa: PLC0415 — numpy: only searches need it

        with self._matrix_guard:  # one load, however many threads ask at once
            revision = self.revision
            matrix = self._matrices.get(model)
            if matrix is None or matrix.revision != revision:
                matrix = self._matrices[model] = SentenceMatrix.load(self.connection, model, revision)
            return matrix

    def _scan_nearest_sentences(self, vector: Any, model: str, limit: int,
                                docs: Collection[str] | None) -> list[tuple[tuple[str, int], float]]:
        """:meth:`_nearest_sentences` by reading the rows (of ``docs`` only, when given) from the
        table: a story's few documents are read faster than the whole matrix is loaded."""
        import numpy as np  # noqa: PLC0415

        from storyline.analyse.embeddings import cosines  # noqa: PLC0415

        within = f" AND doc {IN_IDS}" if docs is not None else ""
        cursor = self.connection.execute(
            f"SELECT doc, dimensions, vectors FROM sentence_vectors WHERE model = ?{within}",  # table order: sequential reads
            (model, *([_ids(docs)] if docs is not None else [])))
        best: list[tuple[tuple[str, int], float]] = []
        while rows := cursor.fetchmany(VECTOR_CHUNK):
            # One matrix a chunk (one model, so one width): numpy works on it whole, and only the
            # chunk's best ``limit`` rows ever become Python objects.
            counts = np.array([len(r["vectors"]) // r["dimensions"] for r in rows])
            scores = cosines(b"".join(r["vectors"] for r in rows), rows[0]["dimensions"], vector)
            if not len(scores):
                continue
            # Every row as good as the chunk's limit-th, ties included: which of two equal rows (a
            # sentence two documents share) is kept must not depend on the order rows are read in.
            kth = np.partition(scores, len(scores) - limit)[len(scores) - limit] if len(scores) > limit else -np.inf
            top = np.nonzero(scores >= kth)[0]
            starts = np.cumsum(counts) - counts
            owner = np.searchsorted(starts, top, side="right") - 1
            best += [((rows[o]["doc"], int(t - starts[o])), float(scores[t])) for t, o in zip(top, owner)]
            best = sorted(best, key=lambda ks: (-ks[1], ks[0]))[:limit]
        return best

    def _sentence_hits(self, ranked: list[tuple[tuple[str, int], float]]) -> list[SearchHit]:
        """The sentences named by (doc, index), in the order given, with the given scores."""
        keys = json.dumps([list(key) for key, _ in ranked], ensure_ascii=False)
        rows = self.connection.execute(
            "SELECT s.doc, d.title, s.idx, s.start, s.end, s.text FROM json_each(?) AS k"
            " JOIN sentences s ON s.doc = json_extract(k.value, '$[0]') AND s.idx = json_extract(k.value, '$[1]')"
            " JOIN documents d ON d.id = s.doc", (keys,))
        found = {(r["doc"], r["idx"]): r for r in rows}
        return [SearchHit(r["doc"], r["title"], r["idx"], r["start"], r["end"], r["text"], score)
                for key, score in ranked if (r := found.get(key)) is not None]

    def timexes(self, *, doc: str | None = None, story: str | None = None,
                docs: Collection[str] | None = None) -> list[Timex]:
        """Time expressions in document order: of one document, of a story's articles, of ``docs``,
        or all."""
        return self._read_timexes("timexes", doc=doc, story=story, docs=docs)

    def issue_phrases(self, *, exclude: Collection[str] = ()) -> list[tuple[str, str, str]]:
        """The (document, phrase, head) triples issues are induced from, as the positions step
        last found them, but those of ``exclude`` (migration 21)."""
        return [(r[0], r[1], r[2]) for r in self.connection.execute(
            f"SELECT doc, phrase, head FROM issue_phrases WHERE doc NOT {IN_IDS}", (_ids(exclude),))]

    def replace_issue_phrases(self, docs: Collection[str] | None, phrases: Iterable[tuple[str, str, str]]) -> None:
        """Replace the issue phrases of ``docs`` (None: of every document) with ``phrases``."""
        c = self.connection
        if docs is None:
            c.execute("DELETE FROM issue_phrases")
        else:
            c.execute(f"DELETE FROM issue_phrases WHERE doc {IN_IDS}", (_ids(docs),))
        c.executemany("INSERT INTO issue_phrases (doc, phrase, head) VALUES (?, ?, ?)", list(phrases))

    def _read_timexes(self, table: str, *, doc: str | None = None, story: str | None = None,
                      docs: Collection[str] | None = None) -> list[Timex]:
        where, args = _where(doc=doc)
        if story is not None:
            where += (" AND " if where else "WHERE ") + "doc IN (SELECT doc FROM story_documents WHERE story = ?)"
            args = [*args, story]
        if docs is not None:
            where += (" AND " if where else "WHERE ") + f"doc {IN_IDS}"
            args = [*args, _ids(docs)]
        rows = self.connection.execute(f"SELECT * FROM {table} {where} ORDER BY doc, start, id", args)
        return [_timex(r) for r in rows]

    def quotes(self, *, doc: str | None = None, speaker: str | None = None, kind: str | None = None,
               cue_class: str | None = None, limit: int | None = None, offset: int = 0, start: str | None = None,
               end: str | None = None, text: str | None = None, actor: str | None = None,
               after: Sequence[Any] | None = None) -> Listing[Quote]:
        """Quotes, in document order; ``speaker`` matches the canonical name or an alias, any case;
        ``actor`` is one actor's id; ``cue_class`` keeps what the quotes report ("speech", "stance", "cognition", "perception";
        None for all); ``start``/``end`` are date prefixes of the document's publication date;
        ``text`` is found in the quote's words, any case."""
        clauses, args = [], []
        if start or end:
            dated, dated_args = _dated("published", start, end)
            clauses.append(f"q.doc IN (SELECT id FROM documents WHERE {' AND '.join(dated)})")
            args += dated_args
        if text:
            clauses.append(f"q.text LIKE ? ESCAPE '{LIKE_ESCAPE}'")
            args.append(_like(text))
        if cue_class:
            clauses.append("q.cue_class = ?")
            args.append(cue_class)
        if doc:
            clauses.append("q.doc = ?")
            args.append(doc)
        if kind:
            clauses.append("q.kind = ?")
            args.append(kind)
        if speaker:
            clauses.append(_actor_named("q.actor"))
            args += [_like(speaker), _like(speaker)]
        if actor:
            clauses.append("q.actor = ?")
            args.append(actor)
        rows = self._listed(f"SELECT q.*{QUOTE_ORDER.select()} FROM quotes q", clauses, args, QUOTE_ORDER, after,
                            limit, offset)
        return Listing([_quote(r) for r in rows], QUOTE_ORDER.keys(rows))

    def events(self, *, doc: str | None = None, entry: str | None = None, category: str | None = None,
               limit: int | None = None, offset: int = 0, actor: str | None = None,
               after: Sequence[Any] | None = None) -> Listing[Event]:
        """Events in document order (after the key ``after`` when given); ``actor`` keeps those
        whose source or target is that actor (id)."""
        filters = (("doc", doc), ("entry", entry), ("category", category))
        clauses = [f"{name} = ?" for name, value in filters if value is not None]
        args: list[Any] = [value for _, value in filters if value is not None]
        if actor:
            clauses.append("(source_actor = ? OR target_actor = ?)")
            args += [actor, actor]
        rows = self._listed(f"SELECT *{EVENT_ORDER.select()} FROM events", clauses, args, EVENT_ORDER, after,
                            limit, offset)
        return Listing([_event(r) for r in rows], EVENT_ORDER.keys(rows))

    def event_rows(self) -> list[tuple[int, Event]]:
        rows = self.connection.execute("SELECT * FROM events ORDER BY doc, start, id")
        return [(r["id"], _event(r)) for r in rows]

    def replace_timeline(self, entries: Iterable[tuple[TimelineEntry, Iterable[int]]]) -> None:
        """Replace the merged timeline; each entry comes with the ids of the events it merges."""
        c = self.connection
        c.execute("UPDATE events SET entry = NULL")
        c.execute("DELETE FROM timeline_actors")
        c.execute("DELETE FROM timeline_entries")
        self._insert_timeline(entries)

    def update_timeline(self, removed: Collection[str], added: Iterable[tuple[TimelineEntry, Iterable[int]]]) -> None:
        """Drop the entries ``removed`` names and write ``added`` (replacing any of the same id),
        each with the ids of the events it merges; every other entry stays as it is."""
        c = self.connection
        added = list(added)
        gone = json.dumps(sorted({*removed, *(entry.id for entry, _ in added)}))
        c.execute(f"UPDATE events SET entry = NULL WHERE entry {IN_IDS}", (gone,))
        c.execute(f"DELETE FROM timeline_actors WHERE entry {IN_IDS}", (gone,))
        c.execute(f"DELETE FROM timeline_entries WHERE id {IN_IDS}", (gone,))
        self._insert_timeline(added)

    def _insert_timeline(self, entries: Iterable[tuple[TimelineEntry, Iterable[int]]]) -> None:
        c = self.connection
        for entry, event_ids in entries:
            c.execute(
                "INSERT INTO timeline_entries (id, date, title, category, mode, sources, date_claims, salience,"
                " filtered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.id, entry.date, entry.title, entry.category, entry.mode, json.dumps(list(entry.sources)),
                 json.dumps([{"value": c.value, "doc": c.doc} for c in entry.date_claims], ensure_ascii=False), entry.salience, entry.filtered),
            )
            c.executemany("UPDATE events SET entry = ? WHERE id = ?", [(entry.id, i) for i in event_ids])
            c.executemany("INSERT OR IGNORE INTO timeline_actors (entry, actor) VALUES (?, ?)",
                          [(entry.id, actor) for actor in entry.actors])

    def timeline_filters(self) -> dict[str, str | None]:
        """Each stored timeline entry's id with the salience rule it failed (None: shown)."""
        return {r[0]: r[1] for r in self.connection.execute("SELECT id, filtered FROM timeline_entries")}

    def timeline_placements(self) -> dict[int, Placement]:
        """Where the last timeline merge put each event it clustered (migration 21)."""
        return {r["event"]: Placement(r["doc"], r["key"], r["cluster"], r["ordinal"],
                                      tuple(date.fromisoformat(d) for d in json.loads(r["days"])), bool(r["dated"]),
                                      frozenset(json.loads(r["actors"])), r["clause"])
                for r in self.connection.execute("SELECT * FROM timeline_placements")}

    def replace_timeline_placements(self, docs: Collection[str] | None, placements: Iterable[tuple[int, Placement]]) -> None:
        """Replace the placements of the events of ``docs`` (None: of every event) with ``placements``."""
        c = self.connection
        if docs is None:
            c.execute("DELETE FROM timeline_placements")
        else:
            c.execute(f"DELETE FROM timeline_placements WHERE doc {IN_IDS}", (_ids(docs),))
        c.executemany(
            "INSERT OR REPLACE INTO timeline_placements (event, doc, key, cluster, ordinal, days, dated, actors, clause)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(event, p.doc, p.key, p.cluster, p.ordinal, json.dumps([d.isoformat() for d in p.days]), int(p.dated),
              json.dumps(sorted(p.actors), ensure_ascii=False), p.clause) for event, p in placements])

    def timeline(self, *, start: str | None = None, end: str | None = None,
                 actor: str | None = None, include_filtered: bool = False,
                 limit: int | None = None, offset: int = 0, story: str | None = None,
                 category: str | None = None, after: Sequence[Any] | None = None) -> Listing[TimelineEntry]:
        """Merged timeline entries in date order (after the key ``after`` when given), each with its events.

        Entries the salience rules filtered out (``entry.filtered`` says why) are left out unless
        ``include_filtered``. ``category`` keeps one event category (CONSULT, AGREE, ...).
        """
        where, args = _timeline_where(start, end, actor, include_filtered, story, category)
        with self.snapshot():
            rows = self._listed(f"SELECT t.*{TIMELINE_ORDER.select()} FROM timeline_entries t",
                                [f"({where.removeprefix('WHERE ')})"] if where else [], args, TIMELINE_ORDER, after,
                                limit, offset)
            listed = _ids(r["id"] for r in rows)
            events: dict[str, list[Event]] = {}
            for e in self.connection.execute(f"SELECT * FROM events WHERE entry {IN_IDS} ORDER BY doc, start, id",
                                             (listed,)):
                events.setdefault(e["entry"], []).append(_event(e))
            actors: dict[str, list[str]] = {}
            for a in self.connection.execute(
                    f"SELECT entry, actor FROM timeline_actors WHERE entry {IN_IDS} ORDER BY actor", (listed,)):
                actors.setdefault(a["entry"], []).append(a["actor"])
        return Listing([
            TimelineEntry(r["id"], r["date"], r["title"], r["category"], r["mode"], tuple(json.loads(r["sources"])),
                          tuple(DateClaim(c["value"], c["doc"]) for c in json.loads(r["date_claims"])),
                          tuple(events.get(r["id"], ())), tuple(actors.get(r["id"], ())), r["salience"],
                          r["filtered"])
            for r in rows
        ], TIMELINE_ORDER.keys(rows))

    def failures(self) -> list[Failure]:
        rows = self.connection.execute("SELECT * FROM failures ORDER BY id")
        return [Failure(r["source"], r["stage"], r["reason"], r["code"], r["doc"]) for r in rows]

    # -- near-copies and stories (link/copies.py, link/stories.py; migration 7) ----------------

    def replace_copies(self, copies: Iterable[Copy]) -> None:
        """Replace every document's copy mark (they are recomputed over the whole corpus)."""
        c = self.connection
        c.execute("UPDATE documents SET duplicate_of = NULL, similarity = NULL WHERE duplicate_of IS NOT NULL")
        c.executemany("UPDATE documents SET duplicate_of = ?, similarity = ? WHERE id = ?",
                      [(copy.canonical, copy.similarity, copy.doc) for copy in copies])

    def copies(self) -> list[Copy]:
        """Every near-copy, by canonical document, then copy id."""
        rows = self.connection.execute("SELECT id, duplicate_of, similarity FROM documents"
                                       " WHERE duplicate_of IS NOT NULL ORDER BY duplicate_of, id")
        return [Copy(r["id"], r["duplicate_of"], r["similarity"]) for r in rows]

    def replace_stories(self, stories: Iterable[Story], replacing: Collection[str] | None = None) -> None:
        """Replace the corpus's stories, their documents and their actors; with ``replacing``,
        only the stories of those ids (an incremental stories step rewrites the ones it reached)."""
        c = self.connection
        if replacing is None:
            c.execute("DELETE FROM story_actors")
            c.execute("DELETE FROM story_documents")
            c.execute("DELETE FROM stories")
        else:
            for table, key in (("story_actors", "story"), ("story_documents", "story"), ("stories", "id")):
                c.execute(f"DELETE FROM {table} WHERE {key} {IN_IDS}", (_ids(replacing),))
        for story in stories:
            c.execute("INSERT INTO stories (id, title, first, last, size, outlets) VALUES (?, ?, ?, ?, ?, ?)",
                      (story.id, story.title, story.first, story.last, story.size,
                       json.dumps(list(story.outlets), ensure_ascii=False)))
            c.executemany("INSERT INTO story_documents (doc, story, idx) VALUES (?, ?, ?)",
                          [(doc, story.id, i) for i, doc in enumerate(story.docs)])
            c.executemany("INSERT OR IGNORE INTO story_actors (story, actor, rank) VALUES (?, ?, ?)",
                          [(story.id, actor, i) for i, actor in enumerate(story.actors)])

    def stories(self, *, limit: int | None = None, offset: int = 0,
                after: Sequence[Any] | None = None) -> Listing[Story]:
        """Stories, the largest first (then the earliest), each with its documents and actors
        (after the key ``after`` when given)."""
        with self.snapshot():
            rows = self._listed(f"SELECT *{STORY_ORDER.select()} FROM stories", [], [], STORY_ORDER, after,
                                limit, offset)
            return Listing(self._stories(rows), STORY_ORDER.keys(rows))

    def story(self, story_id: str) -> Story:
        """One story by id or a unique prefix of it (with or without ``story-``)."""
        wanted = story_id if story_id.startswith("story-") else f"story-{story_id}"
        with self.snapshot():
            rows = self.connection.execute(
                f"SELECT * FROM stories WHERE id = ? OR id LIKE ? ESCAPE '{LIKE_ESCAPE}' ORDER BY id LIMIT 2",
                (wanted, _like(wanted, "{}%"))).fetchall()
            if not rows:
                raise StoreError(f"no story {story_id!r}; `storyline stories` lists the stories")
            if len(rows) > 1 and rows[0]["id"] != wanted:
                raise StoreError(f"{story_id!r} is the start of several story ids; give more of it")
            return self._stories(rows[:1])[0]

    def _stories(self, rows: list[sqlite3.Row]) -> list[Story]:
        listed = _ids(r["id"] for r in rows)
        docs = self.story_members([r["id"] for r in rows])
        actors: dict[str, list[str]] = {}
        for r in self.connection.execute(
                f"SELECT story, actor FROM story_actors WHERE story {IN_IDS} ORDER BY story, rank", (listed,)):
            actors.setdefault(r["story"], []).append(r["actor"])
        return [Story(r["id"], r["title"], r["first"], r["last"], tuple(docs.get(r["id"], ())),
                      tuple(json.loads(r["outlets"])), tuple(actors.get(r["id"], ()))) for r in rows]

    def story_vocabulary(self) -> tuple[dict[str, int], frozenset[str]]:
        """The stories step's document frequencies, and the documents they count (migration 26)."""
        df = {r[0]: r[1] for r in self.connection.execute("SELECT term, df FROM story_vocabulary")}
        return df, frozenset(r[0] for r in self.connection.execute("SELECT doc FROM story_vocabulary_documents"))

    def replace_story_vocabulary(self, df: Mapping[str, int], docs: Iterable[str]) -> None:
        c = self.connection
        c.execute("DELETE FROM story_vocabulary")
        c.execute("DELETE FROM story_vocabulary_documents")
        c.executemany("INSERT INTO story_vocabulary (term, df) VALUES (?, ?)", sorted(df.items()))
        c.executemany("INSERT INTO story_vocabulary_documents (doc) VALUES (?)", [(doc,) for doc in sorted(docs)])

    def update_story_vocabulary(self, added: Mapping[str, int], removed: Mapping[str, int],
                                counted: Iterable[str], uncounted: Iterable[str]) -> None:
        """Add the frequencies of the ``counted`` documents' words (``added``), take away those of
        the ``uncounted`` ones (``removed``: documents that became copies)."""
        c = self.connection
        delta = {term: added.get(term, 0) - removed.get(term, 0) for term in added.keys() | removed.keys()}
        c.executemany("INSERT INTO story_vocabulary (term, df) VALUES (?, ?)"
                      " ON CONFLICT (term) DO UPDATE SET df = story_vocabulary.df + excluded.df",
                      sorted((t, n) for t, n in delta.items() if n))
        c.execute("DELETE FROM story_vocabulary WHERE df <= 0")
        c.executemany("INSERT OR IGNORE INTO story_vocabulary_documents (doc) VALUES (?)", [(d,) for d in sorted(counted)])
        c.execute(f"DELETE FROM story_vocabulary_documents WHERE doc {IN_IDS}", (_ids(sorted(uncounted)),))

    def date_values(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each DATE time expression's document and calendar values (every day it covers, else its
        value), in document order: what the stories step reads of every document's dates."""
        rows = self.connection.execute("SELECT doc, value, all_values FROM timexes WHERE type = 'DATE'"
                                       " ORDER BY doc, start, id")
        return [(r[0], tuple(json.loads(r[2])) or (r[1],)) for r in rows]

    def story_members(self, story_ids: Collection[str]) -> dict[str, list[str]]:
        """The documents of each of ``story_ids``, in their order within the story."""
        members: dict[str, list[str]] = {}
        for r in self.connection.execute(f"SELECT story, doc FROM story_documents WHERE story {IN_IDS}"
                                         " ORDER BY story, idx", (_ids(sorted(story_ids)),)):
            members.setdefault(r[0], []).append(r[1])
        return members

    def publication_bases(self) -> dict[str, str | None]:
        """How each document's publication date was found (stated, inferred, …), without its text."""
        return {r[0]: r[1] for r in self.connection.execute("SELECT id, published_basis FROM documents")}

    def story_of(self) -> dict[str, str]:
        """The story of each document that has one, by document id."""
        return {r["doc"]: r["story"] for r in self.connection.execute("SELECT doc, story FROM story_documents")}

    def story_timeline(self, story_id: str, *, include_filtered: bool = False) -> list[TimelineEntry]:
        """The timeline entries with an event reported by an article of the story, in date order."""
        with self.snapshot():
            return self.timeline(include_filtered=include_filtered, story=self.story(story_id).id)

    def story_quotes(self, story_id: str) -> list[Quote]:
        """The quotes of the story's articles, in publication order, then document order."""
        with self.snapshot():
            story = self.story(story_id)
            rows = self.connection.execute(
                "SELECT q.* FROM quotes q JOIN story_documents sd ON sd.doc = q.doc WHERE sd.story = ?"
                " ORDER BY sd.idx, q.start, q.id", (story.id,))
            return [_quote(r) for r in rows]


    # -- stance readings (the `stance` stage, analyse/stance.py; migration 12) ------------------

    def add_stances(self, doc: str, stances: Iterable[SentenceStance]) -> None:
        """Store a document's sentence stance readings (replacing any) and mark it read."""
        c = self.connection
        c.execute("DELETE FROM stance_readings WHERE doc = ?", (doc,))
        c.executemany("INSERT INTO stance_readings (doc, sentence, start, end, reading) VALUES (?, ?, ?, ?, ?)",
                      [(doc, r.sentence, r.start, r.end, _stance_payload(r)) for r in stances])
        c.execute("INSERT OR IGNORE INTO stance_documents (doc) VALUES (?)", (doc,))

    def unread_for_stance(self) -> list[str]:
        """The documents whose sentences have no stance readings (stored before migration 12)."""
        return [r[0] for r in self.connection.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT doc FROM stance_documents) ORDER BY id")]

    def mark_unread_for_stance(self, docs: Iterable[str]) -> None:
        """Mark documents as not read for stance, so the next positions step reads them again (after
        a change to the stance rules); their old readings go, or the step would read both."""
        listed = [(doc,) for doc in docs]
        self.connection.executemany("DELETE FROM stance_readings WHERE doc = ?", listed)
        self.connection.executemany("DELETE FROM stance_documents WHERE doc = ?", listed)

    def stances(self, wanted: Callable[[str, int, str], bool] | None = None, *,
                docs: Collection[str] | None = None) -> Iterator[SentenceStance]:
        """Every stored sentence stance reading (of ``docs``, or of every document), by document
        and sentence; with ``wanted``, only those it accepts by (document, sentence index, sentence
        text): the rest are not decoded."""
        c = self.connection
        where, args = ("", ()) if docs is None else (f" WHERE r.doc {IN_IDS}", (_ids(docs),))
        rows = c.execute("SELECT r.rowid AS id, r.doc, r.sentence, s.text FROM stance_readings r"
                         f" JOIN sentences s ON s.doc = r.doc AND s.idx = r.sentence{where} ORDER BY r.doc, r.sentence",
                         args)
        chosen = [(r["id"], r["text"]) for r in rows if wanted is None or wanted(r["doc"], r["sentence"], r["text"])]
        # only the chosen readings are read (they are most of the bytes), all in one statement
        found = {r["rowid"]: r for r in c.execute(
            f"SELECT rowid, doc, sentence, start, end, reading FROM stance_readings WHERE rowid {IN_IDS}",
            (json.dumps([rowid for rowid, _ in chosen]),))}
        for rowid, text in chosen:
            yield _stance(found[rowid], text)

    # -- issues and positions (link/issues.py, link/positions.py; migration 8) -----------------

    def replace_issues(self, issues: Iterable[Issue], *, induced: bool | None = None) -> None:
        """Replace the stored issues: all of them, or with ``induced`` only the induced (True) or
        the given (False) ones. Positions on an issue that goes are deleted with it."""
        c = self.connection
        if induced is None:
            c.execute("DELETE FROM issues")
        else:
            c.execute("DELETE FROM issues WHERE induced = ?", (int(induced),))
        self._insert_issues(issues)

    def _insert_issues(self, issues: Iterable[Issue]) -> None:
        self.connection.executemany(
            "INSERT OR REPLACE INTO issues (id, label, keywords, for_cues, against_cues, induced, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i.id, i.label, json.dumps(list(i.keywords), ensure_ascii=False),
              json.dumps(list(i.for_cues), ensure_ascii=False), json.dumps(list(i.against_cues), ensure_ascii=False),
              int(i.induced), i.kind) for i in issues])

    def issues(self, *, induced: bool | None = None) -> list[Issue]:
        """The stored issues by id; with ``induced``, only the induced or only the given ones."""
        where, args = ("WHERE induced = ?", [int(induced)]) if induced is not None else ("", [])
        rows = self.connection.execute(f"SELECT * FROM issues {where} ORDER BY id", args)
        return [Issue(r["id"], r["label"], tuple(json.loads(r["keywords"])), tuple(json.loads(r["for_cues"])),
                      tuple(json.loads(r["against_cues"])), bool(r["induced"]), r["kind"]) for r in rows]

    def replace_positions(self, positions: Iterable[Position]) -> None:
        """Replace every position (they are recomputed over the whole corpus)."""
        self.connection.execute("DELETE FROM positions")
        self._insert_positions(positions)

    def replace_positions_of(self, docs: Collection[str], positions: Iterable[Position]) -> None:
        """Replace the positions of ``docs``; every other document's stay."""
        self.connection.execute(f"DELETE FROM positions WHERE doc {IN_IDS}", (_ids(docs),))
        self._insert_positions(positions)

    def count_positions(self, *, exclude: Collection[str] = (), issues: Collection[str] = ()) -> int:
        """How many positions are stored, but those of the documents ``exclude`` and on ``issues``."""
        return self.connection.execute(f"SELECT count(*) FROM positions WHERE doc NOT {IN_IDS} AND issue NOT {IN_IDS}",
                                       (_ids(exclude), _ids(issues))).fetchone()[0]

    def update_issues(self, removed: Collection[str], changed: Iterable[Issue]) -> None:
        """Drop the issues ``removed`` names and write ``changed`` (replacing any of the same id);
        the positions on each issue dropped or replaced go with it, the others stay."""
        changed = list(changed)
        self.connection.execute(f"DELETE FROM issues WHERE id {IN_IDS}",
                                (_ids([*removed, *(issue.id for issue in changed)]),))
        self._insert_issues(changed)

    def _insert_positions(self, positions: Iterable[Position]) -> None:
        c = self.connection
        c.executemany(
            "INSERT OR REPLACE INTO positions (id, doc, start, end, text, actor, issue, stance, polarity, date,"
            " date_basis, quote, event, cue_start, cue_end, cue_text, confidence, rule, about)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(p.id, p.doc, p.start, p.end, p.text, p.actor, p.issue, p.stance, p.polarity, p.date, p.date_basis,
              p.quote, p.event, *_span(p.cue), p.confidence, p.rule, p.about) for p in positions])

    def positions(self, *, actor: str | None = None, issue: str | None = None, start: str | None = None,
                  end: str | None = None, limit: int | None = None, offset: int = 0,
                  doc: str | None = None, story: str | None = None,
                  after: Sequence[Any] | None = None) -> Listing[Position]:
        """Positions by actor, issue and date (then document order). ``actor`` matches the canonical
        name or an alias, any case; ``start``/``end`` are date prefixes (YYYY, YYYY-MM, YYYY-MM-DD);
        ``doc`` keeps one document's, ``story`` (a story's id) those of its articles."""
        where, args = _position_filters(actor=actor, issue=issue, start=start, end=end, doc=doc, story=story)
        rows = self._listed(f"SELECT {POSITION_COLUMNS}{POSITION_ORDER.select()} FROM {POSITION_TABLES}",
                            [f"({where.removeprefix('WHERE ')})"] if where else [], args, POSITION_ORDER, after,
                            limit, offset)
        return Listing([_position(r) for r in rows], POSITION_ORDER.keys(rows))

    def latest_positions(self, actors: Collection[str], per_cell: int) -> list[Position]:
        """Of each of ``actors`` (ids) on each issue, the ``per_cell`` latest positions (then in
        document order), ordered as :meth:`positions` orders: what a matrix cell shows first."""
        # Each cell's latest are read from the (actor, issue, date) index, newest first, LIMIT per_cell:
        # a window numbering every position of the actors would sort them all (3 times slower for
        # 15 actors of 12,000 positions). Only the kept rows are joined to their quote and event.
        rows = self.connection.execute(
            f"SELECT {POSITION_COLUMNS} FROM (SELECT DISTINCT actor, issue FROM positions WHERE actor {IN_IDS}) cell"
            " JOIN positions p ON p.id IN (SELECT l.id FROM positions l WHERE l.actor = cell.actor"
            " AND l.issue = cell.issue ORDER BY l.date DESC, l.doc, l.start, l.id LIMIT ?)"
            f" LEFT JOIN quotes q ON q.id = p.quote LEFT JOIN events e ON e.id = p.event {POSITION_ORDER.by()}",
            (_ids(actors), per_cell))
        return [_position(r) for r in rows]

    def position_sides(self, *, actor: str | None = None, issue: str | None = None, start: str | None = None,
                       end: str | None = None) -> list[PositionSide]:
        """The side each position takes (actor, issue, polarity, date), filtered as :meth:`positions`
        filters, in the same order: what the actor × issue matrix counts."""
        where, args = _position_filters(actor=actor, issue=issue, start=start, end=end)
        # In the listing's order, which its index holds: no sort.
        rows = self.connection.execute(f"SELECT p.actor, p.issue, p.polarity, p.date FROM positions p {where}"
                                       f" {POSITION_ORDER.by()}", args)
        return [PositionSide(*row) for row in rows]

    # -- fetched responses (storyline.ingest.fetch.FetchCache) ------------------------------

    def fetch_cache(self) -> "StoredFetchCache":
        """The store as a fetch cache: fetched pages and feeds kept with their validators."""
        return StoredFetchCache(self)

    def cached_response(self, url: str) -> CachedResponse | None:
        row = self.connection.execute(
            "SELECT url, headers, content, etag, last_modified FROM fetched_responses WHERE url = ?",
            (url,)).fetchone()
        if row is None:
            return None
        return CachedResponse(url=row["url"], headers=json.loads(row["headers"]),
                              content=zlib.decompress(row["content"]), etag=row["etag"],
                              last_modified=row["last_modified"])

    def keep_response(self, response: CachedResponse) -> None:
        with self.transaction():
            self.connection.execute(
                "INSERT OR REPLACE INTO fetched_responses (url, headers, content, etag, last_modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (response.url, json.dumps(dict(response.headers), sort_keys=True),
                 zlib.compress(response.content), response.etag, response.last_modified))

    # -- what the web UI reads besides the listings above (storyline/serve/web) ------------------

    def timeline_periods(self, length: int, *, start: str | None = None, end: str | None = None,
                         actor: str | None = None, category: str | None = None) -> list[tuple[str, int]]:
        """How many shown timeline entries fall in each period: ``length`` 4 counts by year, 7 by
        month, 10 by day; the filters are :meth:`timeline`'s."""
        where, args = _timeline_where(start, end, actor, False, None, category)
        rows = self.connection.execute(
            f"SELECT substr(t.date, 1, ?) AS period, count(*) AS n FROM timeline_entries t {where}"
            " GROUP BY period ORDER BY period", [length, *args])
        return [(r["period"], r["n"]) for r in rows]

    def timeline_categories(self) -> list[str]:
        """The event categories of the shown timeline entries, sorted."""
        return [r[0] for r in self.connection.execute(
            "SELECT DISTINCT category FROM timeline_entries WHERE filtered IS NULL ORDER BY category")]

    def actor(self, actor_id: str) -> ActorSummary:
        """One actor by id, with its aliases."""
        with self.snapshot():
            row = self.connection.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
            if row is None:
                raise StoreError(f"no actor {actor_id!r}; `storyline entities` lists the actors")
            aliases = tuple(AliasLink(r["alias"], r["rule"], r["evidence"]) for r in self.connection.execute(
                "SELECT * FROM actor_aliases WHERE actor = ? ORDER BY rowid", (actor_id,)))
        return ActorSummary(row["id"], row["name"], row["label"], tuple(json.loads(row["roles"])), aliases,
                            int(row["mention_count"]))

    def document_titles(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None, str | None]]:
        """The title, outlet and publication date of each document in ``ids``, without its text."""
        rows = self.connection.execute(f"SELECT id, title, outlet, published FROM documents WHERE id {IN_IDS}",
                                       (_ids(set(ids)),))
        return {r["id"]: (r["title"], r["outlet"], r["published"]) for r in rows}

    def item_counts(self) -> dict[str, int]:
        """How many quotes, events, shown timeline entries, stories and positions the store holds."""
        row = self.connection.execute(
            "SELECT (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM timeline_entries WHERE filtered IS NULL) AS timeline,"
            " (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM positions) AS positions").fetchone()
        return dict(row)


class StoredFetchCache:
    """:class:`~storyline.ingest.fetch.FetchCache` over a store (one write per kept response,
    committed at once: a killed build keeps what it fetched, and its rerun asks conditionally)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> CachedResponse | None:
        return self.store.cached_response(url)

    def put(self, response: CachedResponse) -> None:
        self.store.keep_response(response)


# A position's row with the offsets of the quote or event it was read from.
POSITION_COLUMNS = "p.*, q.start AS quote_start, q.end AS quote_end, e.start AS event_start, e.end AS event_end"
POSITION_TABLES = "positions p LEFT JOIN quotes q ON q.id = p.quote LEFT JOIN events e ON e.id = p.event"


def _position(r: sqlite3.Row) -> Position:
    return Position(r["doc"], r["start"], r["end"], r["text"], r["actor"], r["issue"], r["stance"],
                    r["polarity"], r["date"], r["confidence"], r["date_basis"], r["quote"], r["event"],
                    _read_span(r, "cue"), r["rule"],
                    (r["quote_start"], r["quote_end"]) if r["quote_start"] is not None else None,
                    (r["event_start"], r["event_end"]) if r["event_start"] is not None else None,
                    r["about"])


def _position_filters(*, actor: str | None, issue: str | None, start: str | None, end: str | None,
                      doc: str | None = None, story: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause of a positions read (``p`` the positions table) and its arguments."""
    clauses, args = [], []
    if doc:
        clauses.append("p.doc = ?")
        args.append(doc)
    if story:
        clauses.append("p.doc IN (SELECT doc FROM story_documents WHERE story = ?)")
        args.append(story)
    if actor:
        clauses.append(_actor_named("p.actor"))
        args += [_like(actor), _like(actor)]
    if issue:
        clauses.append("p.issue = ?")
        args.append(issue)
    dated, dated_args = _dated("p.date", start, end)
    clauses += dated
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args + dated_args


def _timeline_where(start: str | None, end: str | None, actor: str | None, include_filtered: bool,
                    story: str | None, category: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``timeline_entries t``) of a timeline listing and of its counts by period."""
    clauses, args = [], []
    if not include_filtered:
        clauses.append("t.filtered IS NULL")
    dated, dated_args = _dated("t.date", start, end)
    clauses += dated
    args += dated_args
    if story:  # an entry with an event reported by an article of the story (its full id)
        clauses.append("t.id IN (SELECT e.entry FROM events e JOIN story_documents sd ON sd.doc = e.doc"
                       " WHERE sd.story = ?)")
        args.append(story)
    if category:
        clauses.append("t.category = ?")
        args.append(category.upper())
    if actor:
        # The actors named so first, then their entries by the actor index (a join of entries,
        # actors and aliases filtered by an OR scans them all).
        clauses.append(f"t.id IN (SELECT ta.entry FROM timeline_actors ta WHERE {_actor_named('ta.actor')})")
        args += [_like(actor), _like(actor)]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _dated(column: str, start: str | None, end: str | None) -> tuple[list[str], list[Any]]:
    """Clauses: the ISO date in ``column`` from ``start`` to ``end``, date prefixes (YYYY, YYYY-MM,
    YYYY-MM-DD; "to 2022-03" takes all of March), either open; and their arguments."""
    clauses, args = [], []
    if start:
        clauses.append(f"{column} >= ?")
        args.append(start)
    if end:
        clauses.append(f"substr({column}, 1, length(?)) <= ?")
        args += [end, end]
    return clauses, args


def _actor_named(column: str) -> str:
    """A clause: ``column`` is an actor whose canonical name or an alias matches the LIKE pattern
    given twice as arguments (escaped with :func:`_like`)."""
    return (f"({column} IN (SELECT id FROM actors WHERE name LIKE ? ESCAPE '{LIKE_ESCAPE}') OR"
            f" {column} IN (SELECT actor FROM actor_aliases WHERE alias LIKE ? ESCAPE '{LIKE_ESCAPE}'))")


def publication_of(article: Article) -> Publication:
    """The publication an analysed (or merely cleaned) article records."""
    return Publication(article.id, article.raw.id, article.source, article.outlet, article.url,
                       article.published if article.published_basis != "inferred" else None,
                       article.published_basis if article.published_basis != "inferred" else None, article.title,
                       article.raw.format, dict(article.raw.fields))


def _connect(path: str) -> sqlite3.Connection:
    """A connection with the store's PRAGMAs. ``check_same_thread`` is off only so that
    :meth:`Store.close` can close the connections of other threads; each is used by its own.
    A postgresql:// URL gets a connection that speaks the same API (storyline.store.postgres)."""
    if is_postgres_url(path):
        from storyline.store import postgres  # noqa: PLC0415 — psycopg is an optional dependency

        return postgres.connect(path)  # type: ignore[return-value]
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {path}: {error}") from None
    connection.row_factory = sqlite3.Row
    try:
        for pragma in PRAGMAS:
            connection.execute(pragma)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(f"{path} is not a usable Storyline database: {error}") from None
    return connection


def _dialect(path: str) -> Any:
    if is_postgres_url(path):
        from storyline.store.postgres import POSTGRES  # noqa: PLC0415

        return POSTGRES
    return SQLITE


def _exists(path: str) -> bool:
    """Whether a store is there to open: a file, or a PostgreSQL database on its server."""
    if is_postgres_url(path):
        from storyline.store.postgres import database_exists  # noqa: PLC0415

        return database_exists(path)
    return Path(path).exists()


def _ids(values: Iterable[str]) -> str:
    """Ids as one JSON array for ``IN (SELECT value FROM json_each(?))``: one statement for any
    number of them (SQLite caps the ``?`` of one statement; a list of ``?`` would need batches)."""
    return json.dumps(list(values), ensure_ascii=False)


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _read_span(row: sqlite3.Row, prefix: str) -> Span | None:
    if row[f"{prefix}_start"] is None:
        return None
    return Span(row[f"{prefix}_start"], row[f"{prefix}_end"], row[f"{prefix}_text"])


def _stance_payload(r: SentenceStance) -> str:
    """A reading as JSON: token offsets relative to the sentence (flat start, end pairs), lemmas,
    heads, the negated tokens' indexes, the sentence's distinct chains (without depth) as [sign,
    directional, kind, cue, hedged, asserted, steps, holder start, holder end], each token's chain
    and depth (flat pairs: a sentence's tokens share a handful of chains), and the phrases."""
    base = r.start
    chains: dict[tuple[Any, ...], int] = {}
    per_token: list[int] = []
    for c in r.chains:
        key = (c.sign, int(c.directional), c.kind, c.cue, int(c.hedged), int(c.asserted), c.steps,
               *(c.holder or (None, None)))
        per_token += [chains.setdefault(key, len(chains)), c.depth]
    return json.dumps({
        "t": [o - base for span in r.tokens for o in span], "l": list(r.lemmas), "h": list(r.heads),
        "n": [i for i, negated in enumerate(r.negated) if negated],
        "c": [[*key[:6], list(key[6]), *key[7:]] for key in chains], "k": per_token,
        "p": [list(p) for p in r.phrases]}, ensure_ascii=False, separators=(",", ":"))


def _timex(r: sqlite3.Row) -> Timex:
    return Timex(r["doc"], r["start"], r["end"], r["text"], r["type"], r["value"], r["sentence"],
                 tuple(json.loads(r["all_values"])), r["mod"], r["rule"])


def _stance(row: sqlite3.Row, text: str) -> SentenceStance:
    data = json.loads(row["reading"])
    base, flat, per_token = row["start"], data["t"], data["k"]
    negated = set(data["n"])
    distinct = data["c"]
    chains = tuple(StanceChain(c[0], bool(c[1]), c[2], c[3], bool(c[4]), bool(c[5]), depth, tuple(c[6]),
                               (c[7], c[8]) if c[7] is not None else None)
                   for c, depth in ((distinct[per_token[k]], per_token[k + 1]) for k in range(0, len(per_token), 2)))
    return SentenceStance(row["doc"], row["sentence"], row["start"], row["end"], text,
                          tuple((base + flat[k], base + flat[k + 1]) for k in range(0, len(flat), 2)),
                          tuple(data["l"]), tuple(data["h"]), tuple(i in negated for i in range(len(chains))),
                          chains, tuple((p[0], p[1]) for p in data["p"]))


def _quote(r: sqlite3.Row) -> Quote:
    return Quote(
        doc=r["doc"], start=r["start"], end=r["end"], text=r["text"], kind=r["kind"], cue=_read_span(r, "cue"),
        speaker=_read_span(r, "speaker"), speaker_ref=_read_span(r, "ref"), resolution=r["resolution"],
        confidence=r["confidence"], sentences=tuple(json.loads(r["sentences"])), repair=r["repair"],
        actor=r["actor"],
        parts=tuple(Span(a, b, r["text"][a - r["start"]:b - r["start"]]) for a, b in json.loads(r["parts"])),
        cue_class=r["cue_class"], speaker_for=_read_span(r, "for"),
    )


def _event(r: sqlite3.Row, *, with_links: bool = True) -> Event:
    return Event(
        doc=r["doc"], start=r["start"], end=r["end"], text=r["text"], trigger=_read_span(r, "trigger"),  # type: ignore[arg-type]
        category=r["category"], mode=r["mode"],
        date=EventDate(r["date_value"], r["date_basis"], r["date_start"], r["date_end"]), sentence=r["sentence"],
        source=_read_span(r, "source"), target=_read_span(r, "target"), place=_read_span(r, "place"),
        confidence=r["confidence"], source_actor=r["source_actor"] if with_links else None,
        target_actor=r["target_actor"] if with_links else None,
    )


def _marks(text: str, marked: str) -> tuple[tuple[int, int], ...]:
    """The offsets (into ``text``) of the terms FTS5's highlight() marked in ``marked``. Read
    side by side with ``text``, so a marker character the sentence itself holds stays text."""
    found, opened, at = [], 0, 0
    for char in marked:
        if at < len(text) and char == text[at]:
            at += 1
        elif char == MARK_OPEN:
            opened = at
        elif char == MARK_CLOSE:
            found.append((opened, at))
    return tuple(found)


def _like(text: str, pattern: str = "%{}%") -> str:
    """A LIKE pattern that finds ``text`` as written: its wildcards and escape character escaped."""
    for special in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(special, LIKE_ESCAPE + special)
    return pattern.format(text)


def _limit(limit: int | None) -> int:
    """SQLite's LIMIT for "at most ``limit`` rows"; -1 is SQLite's "no limit"."""
    return -1 if limit is None else limit


def _where(**filters: Any) -> tuple[str, list[Any]]:
    clauses = [(f"{name} = ?", value) for name, value in filters.items() if value is not None]
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(c for c, _ in clauses), [v for _, v in clauses]


def _document(row: sqlite3.Row, removed: tuple[RemovedSpan, ...] = ()) -> StoredDocument:
    return StoredDocument(
        id=row["id"], source=row["source"], format=row["format"], title=row["title"], outlet=row["outlet"],
        url=row["url"], published=row["published"], published_basis=row["published_basis"], text=row["text"],
        fields=json.loads(row["fields"]), removed=removed, published_confidence=row["published_confidence"],
        published_evidence=row["published_evidence"], language=row["language"],
    )


def _mention(row: sqlite3.Row) -> EntityMention:
    return EntityMention(
        doc=row["doc"], start=row["start"], end=row["end"], text=row["text"], label=row["label"],
        sentence=row["sentence"], role=row["role"], role_start=row["role_start"], role_end=row["role_end"],
    )
