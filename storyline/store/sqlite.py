"""The embedded store: one SQLite file, one writer, a versioned schema, full-text search.

    with Store.open("storyline.db") as store:
        store.add(article)            # one document with its sentences and mentions
        for hit in store.search("security guarantees"):
            print(hit.doc, hit.start, hit.end, hit.text)

Every offset stored indexes the clean ``text`` of its document. Writes happen in transactions the
caller scopes with :meth:`Store.transaction`, so a killed run leaves whole documents only, and a
rerun skips what is already stored.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from storyline.errors import StoreError
from storyline.records import (
    Actor,
    ActorSummary,
    AliasLink,
    Article,
    Counts,
    DateClaim,
    EntityMention,
    Event,
    EventDate,
    Failure,
    ItemWarning,
    Publication,
    Quote,
    RemovedSpan,
    SearchHit,
    Sentence,
    Span,
    StoredDocument,
    TimelineEntry,
    Timex,
)
from storyline.store.migrations import MIGRATIONS

# Readers (the CLI, a future HTTP API) may query while a build writes; WAL lets them.
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON")
# A second process that finds the database locked waits this long before giving up.
BUSY_TIMEOUT_S = 30.0
# The escape character of every LIKE built from user input: a speaker named "%" or "_" is
# looked for as written, not as a wildcard (see _like).
LIKE_ESCAPE = "\\"


class Store:
    """A Storyline database. Open with :meth:`Store.open`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Store":
        path = str(path)
        if not create and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no Storyline database at {path}; run `storyline build PATH --db {path}` first")
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open database {path}: {error}") from None
        connection.row_factory = sqlite3.Row
        store = cls(connection, path)
        try:
            for pragma in PRAGMAS:
                connection.execute(pragma)
            store.migrate()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path} is not a usable Storyline database: {error}") from None
        return store

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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
                f"{self.path} has schema version {max(applied)}, newer than this Storyline knows ({newest}); "
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
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError(
                    f"{self.path} is busy: another process has held its write lock for more than "
                    f"{BUSY_TIMEOUT_S:.0f} s; wait for it to finish (`storyline build` runs one at a time) "
                    "and try again") from None
            raise StoreError(f"cannot write to {self.path}: {error}") from None
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

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
            "INSERT INTO removed_spans (doc, start, end, reason, text) VALUES (?, ?, ?, ?, ?)",
            [(article.id, s.start, s.end, s.reason, s.text) for s in article.removed],
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
        if article.published is None:
            self.set_undated_analysis(article.id, article.timexes, article.events)
        self.add_publication(publication_of(article))
        for warning in article.warnings:
            self.add_warning(replace(warning, doc=warning.doc or article.id))
        # A source that now reads cleanly has no open failure any more.
        c.execute("DELETE FROM failures WHERE source = ?", (article.source,))

    def add_publication(self, publication: Publication) -> bool:
        """Record one arrival of a stored text; False when this item was recorded before."""
        cursor = self.connection.execute(
            "INSERT OR IGNORE INTO publications (doc, raw_id, source, outlet, url, published, published_basis, title)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (publication.doc, publication.raw_id, publication.source, publication.outlet, publication.url,
             publication.published, publication.published_basis, publication.title),
        )
        if cursor.rowcount:
            self.connection.execute("DELETE FROM failures WHERE source = ?", (publication.source,))
        return bool(cursor.rowcount)

    def has_publication(self, raw_id: str, source: str) -> bool:
        return self.connection.execute(
            "SELECT 1 FROM publications WHERE raw_id = ? AND source = ?", (raw_id, source)).fetchone() is not None

    def publications(self, doc: str | None = None) -> list[Publication]:
        where, args = _where(doc=doc)
        rows = self.connection.execute(f"SELECT * FROM publications {where} ORDER BY doc, id", args)
        return [Publication(r["doc"], r["raw_id"], r["source"], r["outlet"], r["url"], r["published"],
                            r["published_basis"], r["title"]) for r in rows]

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
            " parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, q.start, q.end, q.text, q.kind, *_span(q.cue), *_span(q.speaker), *_span(q.speaker_ref),
              q.resolution, q.confidence, json.dumps(list(q.sentences)), q.repair,
              json.dumps([[p.start, p.end] for p in q.parts])) for q in quotes],
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
        for row in self.connection.execute("SELECT * FROM undated_events ORDER BY doc, start"):
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

    def set_document_metadata(self, doc: str, *, title: str | None, outlet: str | None, url: str | None) -> None:
        """The title, outlet and URL of a document's canonical publication."""
        self.connection.execute("UPDATE documents SET title = ?, outlet = ?, url = ? WHERE id = ?",
                                (title, outlet, url, doc))

    # -- the corpus's state: what the cross-document steps last saw ----------------------------

    def corpus_state(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM corpus_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row is not None else None

    def set_corpus_state(self, key: str, value: str) -> None:
        self.connection.execute("INSERT INTO corpus_state (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def quote_rows(self) -> list[tuple[int, Quote]]:
        return [(r["id"], _quote(r)) for r in self.connection.execute("SELECT * FROM quotes ORDER BY doc, start")]

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
            c.execute(
                "INSERT INTO actors (id, name, label, roles, mention_count) VALUES (?, ?, ?, ?, ?)",
                (actor.id, actor.name, actor.label, json.dumps(list(actor.roles), ensure_ascii=False),
                 len(actor.mentions)),
            )
            c.executemany(
                "INSERT INTO actor_aliases (actor, alias, rule, evidence) VALUES (?, ?, ?, ?)",
                [(actor.id, a.alias, a.rule, a.evidence) for a in actor.aliases],
            )
            c.executemany(
                "UPDATE mentions SET actor = ? WHERE doc = ? AND start = ? AND end = ?",
                [(actor.id, m.doc, m.start, m.end) for m in actor.mentions],
            )

    # -- reads --------------------------------------------------------------------------------

    def counts(self) -> Counts:
        def count(table: str) -> int:
            return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        return Counts(count("documents"), count("sentences"), count("mentions"), count("actors"), count("failures"))

    def documents(self, *, limit: int | None = None) -> list[StoredDocument]:
        rows = self.connection.execute(
            "SELECT * FROM documents ORDER BY coalesce(published, '9999'), source LIMIT ?", (limit or -1,)
        )
        return [_document(row) for row in rows]

    def document(self, doc_id: str) -> StoredDocument:
        rows = self.connection.execute(
            f"SELECT * FROM documents WHERE id = ? OR id LIKE ? ESCAPE '{LIKE_ESCAPE}' ORDER BY id LIMIT 2",
            (doc_id, _like(doc_id, "{}%")),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {doc_id!r}; `storyline docs` lists the stored documents")
        if len(rows) > 1 and rows[0]["id"] != doc_id:
            raise StoreError(f"{doc_id!r} is the start of several document ids; give more of it")
        removed = tuple(
            RemovedSpan(r["start"], r["end"], r["reason"], r["text"])
            for r in self.connection.execute(
                "SELECT * FROM removed_spans WHERE doc = ? ORDER BY start", (rows[0]["id"],))
        )
        return _document(rows[0], removed)

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self.connection.execute("SELECT start, end, text FROM sentences WHERE doc = ? ORDER BY idx", (doc_id,))
        return [Sentence(r["start"], r["end"], r["text"]) for r in rows]

    def mentions(self, *, doc: str | None = None, actor: str | None = None) -> list[tuple[EntityMention, str | None]]:
        """Mentions with the id of the actor each belongs to (None when it joins no actor)."""
        where, args = _where(doc=doc, actor=actor)
        rows = self.connection.execute(f"SELECT * FROM mentions {where} ORDER BY doc, start", args)
        return [(_mention(row), row["actor"]) for row in rows]

    def all_mentions(self) -> Iterator[EntityMention]:
        for row in self.connection.execute("SELECT * FROM mentions ORDER BY doc, start"):
            yield _mention(row)

    def actors(self, *, label: str | None = None, doc: str | None = None,
               limit: int | None = None) -> list[ActorSummary]:
        args: list[Any] = []
        if doc:
            query = ("SELECT a.*, count(m.id) AS n FROM actors a JOIN mentions m ON m.actor = a.id"
                     " WHERE m.doc = ?")
            args.append(doc)
        else:
            query = "SELECT a.*, a.mention_count AS n FROM actors a WHERE 1"
        if label:
            query += " AND a.label = ?"
            args.append(label.upper())
        query += " GROUP BY a.id ORDER BY n DESC, a.name LIMIT ?"
        rows = self.connection.execute(query, [*args, _limit(limit)]).fetchall()
        aliases: dict[str, list[AliasLink]] = {}
        for row in self.connection.execute("SELECT * FROM actor_aliases ORDER BY rowid"):
            aliases.setdefault(row["actor"], []).append(AliasLink(row["alias"], row["rule"], row["evidence"]))
        return [
            ActorSummary(row["id"], row["name"], row["label"], tuple(json.loads(row["roles"])),
                         tuple(aliases.get(row["id"], ())), int(row["n"]))
            for row in rows
        ]

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences matching ``query`` (FTS5 syntax, or plain words), best first."""
        sql = (
            "SELECT s.doc, d.title, s.idx, s.start, s.end, s.text, bm25(sentences_fts) AS rank"
            " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.doc"
            " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.connection.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 syntax (a stray quote or dash): search for the words themselves.
            words = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            if not words:
                return []
            rows = self.connection.execute(sql, (words, limit)).fetchall()
        return [SearchHit(r["doc"], r["title"], r["idx"], r["start"], r["end"], r["text"], r["rank"]) for r in rows]

    def timexes(self, *, doc: str | None = None) -> list[Timex]:
        return self._read_timexes("timexes", doc=doc)

    def _read_timexes(self, table: str, *, doc: str | None = None) -> list[Timex]:
        where, args = _where(doc=doc)
        rows = self.connection.execute(f"SELECT * FROM {table} {where} ORDER BY doc, start", args)
        return [Timex(r["doc"], r["start"], r["end"], r["text"], r["type"], r["value"], r["sentence"],
                      tuple(json.loads(r["all_values"])), r["mod"], r["rule"]) for r in rows]

    def quotes(self, *, doc: str | None = None, speaker: str | None = None, kind: str | None = None,
               limit: int | None = None) -> list[Quote]:
        """Quotes, in document order; ``speaker`` matches the canonical name or an alias, any case."""
        clauses, args = [], []
        if doc:
            clauses.append("q.doc = ?")
            args.append(doc)
        if kind:
            clauses.append("q.kind = ?")
            args.append(kind)
        if speaker:
            clauses.append(f"(q.actor IN (SELECT id FROM actors WHERE name LIKE ? ESCAPE '{LIKE_ESCAPE}') OR"
                           f" q.actor IN (SELECT actor FROM actor_aliases WHERE alias LIKE ? ESCAPE '{LIKE_ESCAPE}'))")
            args += [_like(speaker), _like(speaker)]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.connection.execute(f"SELECT q.* FROM quotes q {where} ORDER BY q.doc, q.start LIMIT ?",
                                       [*args, _limit(limit)])
        return [_quote(r) for r in rows]

    def events(self, *, doc: str | None = None, entry: str | None = None) -> list[Event]:
        where, args = _where(doc=doc, entry=entry)
        rows = self.connection.execute(f"SELECT * FROM events {where} ORDER BY doc, start", args)
        return [_event(r) for r in rows]

    def event_rows(self) -> list[tuple[int, Event]]:
        rows = self.connection.execute("SELECT * FROM events ORDER BY doc, start")
        return [(r["id"], _event(r)) for r in rows]

    def replace_timeline(self, entries: Iterable[tuple[TimelineEntry, Iterable[int]]]) -> None:
        """Replace the merged timeline; each entry comes with the ids of the events it merges."""
        c = self.connection
        c.execute("UPDATE events SET entry = NULL")
        c.execute("DELETE FROM timeline_actors")
        c.execute("DELETE FROM timeline_entries")
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

    def timeline(self, *, start: str | None = None, end: str | None = None,
                 actor: str | None = None, include_filtered: bool = False,
                 limit: int | None = None) -> list[TimelineEntry]:
        """Merged timeline entries in date order, each with its events.

        Entries the salience rules filtered out (``entry.filtered`` says why) are left out unless
        ``include_filtered``.
        """
        clauses, args = [], []
        if not include_filtered:
            clauses.append("t.filtered IS NULL")
        if start:
            clauses.append("t.date >= ?")
            args.append(start)
        if end:
            clauses.append("substr(t.date, 1, length(?)) <= ?")
            args += [end, end]
        if actor:
            clauses.append(
                "t.id IN (SELECT ta.entry FROM timeline_actors ta JOIN actors a ON a.id = ta.actor"
                f" LEFT JOIN actor_aliases l ON l.actor = a.id WHERE a.name LIKE ? ESCAPE '{LIKE_ESCAPE}'"
                f" OR l.alias LIKE ? ESCAPE '{LIKE_ESCAPE}')")
            args += [_like(actor), _like(actor)]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.connection.execute(f"SELECT t.* FROM timeline_entries t {where} ORDER BY t.date, t.id LIMIT ?",
                                       [*args, _limit(limit)])
        entries = []
        for r in rows.fetchall():
            events = tuple(_event(e) for e in self.connection.execute(
                "SELECT * FROM events WHERE entry = ? ORDER BY doc, start", (r["id"],)))
            actors = tuple(a[0] for a in self.connection.execute(
                "SELECT actor FROM timeline_actors WHERE entry = ? ORDER BY actor", (r["id"],)))
            entries.append(TimelineEntry(r["id"], r["date"], r["title"], r["category"], r["mode"],
                                         tuple(json.loads(r["sources"])), tuple(DateClaim(c["value"], c["doc"]) for c in json.loads(r["date_claims"])),
                                         events, actors, r["salience"], r["filtered"]))
        return entries

    def failures(self) -> list[Failure]:
        rows = self.connection.execute("SELECT * FROM failures ORDER BY id")
        return [Failure(r["source"], r["stage"], r["reason"], r["code"], r["doc"]) for r in rows]


def publication_of(article: Article) -> Publication:
    """The publication an analysed (or merely cleaned) article records."""
    return Publication(article.id, article.raw.id, article.source, article.outlet, article.url,
                       article.published if article.published_basis != "inferred" else None,
                       article.published_basis if article.published_basis != "inferred" else None, article.title)


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


def _quote(r: sqlite3.Row) -> Quote:
    return Quote(
        doc=r["doc"], start=r["start"], end=r["end"], text=r["text"], kind=r["kind"], cue=_read_span(r, "cue"),
        speaker=_read_span(r, "speaker"), speaker_ref=_read_span(r, "ref"), resolution=r["resolution"],
        confidence=r["confidence"], sentences=tuple(json.loads(r["sentences"])), repair=r["repair"],
        actor=r["actor"],
        parts=tuple(Span(a, b, r["text"][a - r["start"]:b - r["start"]]) for a, b in json.loads(r["parts"])),
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
