"""The store's schema as named, ordered migrations. Never edit a released migration: add one."""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, sentences with full-text search, entity mentions, actors, failures", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,              -- content hash: the same article is stored once
            source TEXT NOT NULL,             -- input path, or path:line for JSONL
            format TEXT NOT NULL,             -- text | html | record
            title TEXT,
            outlet TEXT,
            url TEXT,
            published TEXT,                   -- ISO date
            published_basis TEXT,             -- given | metadata | dateline | inferred
            text TEXT NOT NULL,               -- clean text: every offset in the store indexes it
            fields TEXT NOT NULL DEFAULT '{}',-- given metadata, JSON
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_source ON documents(source);

        CREATE TABLE removed_spans (
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,           -- offsets into the raw input, not the clean text
            end INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX removed_spans_doc ON removed_spans(doc);

        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (doc, idx)
        );
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;

        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            roles TEXT NOT NULL DEFAULT '[]',  -- JSON list, most frequent first
            mention_count INTEGER NOT NULL
        );
        CREATE INDEX actors_label ON actors(label, mention_count);

        CREATE TABLE actor_aliases (
            actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            rule TEXT NOT NULL,
            evidence TEXT NOT NULL
        );
        CREATE INDEX actor_aliases_actor ON actor_aliases(actor);

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            sentence INTEGER NOT NULL,
            role TEXT,
            role_start INTEGER,
            role_end INTEGER,
            actor TEXT REFERENCES actors(id) ON DELETE SET NULL,
            UNIQUE (doc, start, end)
        );
        CREATE INDEX mentions_actor ON mentions(actor);

        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            doc TEXT,
            recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (source, stage, reason)
        );
    """),
    Migration(2, "temporal expressions, quotes, events, the merged timeline, inferred dates", """
        -- set when the basis is inferred: how sure, and why
        ALTER TABLE documents ADD COLUMN published_confidence REAL;
        ALTER TABLE documents ADD COLUMN published_evidence TEXT;

        CREATE TABLE timexes (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,               -- DATE | TIME | DURATION | SET
            value TEXT NOT NULL,              -- TIMEX3 value
            all_values TEXT NOT NULL DEFAULT '[]',  -- JSON: every day a range or list covers
            mod TEXT,
            sentence INTEGER NOT NULL,
            rule TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX timexes_doc ON timexes(doc, start);
        CREATE INDEX timexes_value ON timexes(value);

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,               -- direct | indirect | mixed
            cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
            speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
            ref_start INTEGER, ref_end INTEGER, ref_text TEXT,  -- the named mention the speaker resolves to
            resolution TEXT NOT NULL,
            confidence REAL NOT NULL,
            sentences TEXT NOT NULL DEFAULT '[]',
            repair TEXT,
            actor TEXT REFERENCES actors(id) ON DELETE SET NULL
        );
        CREATE INDEX quotes_doc ON quotes(doc, start);
        CREATE INDEX quotes_actor ON quotes(actor);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
            category TEXT NOT NULL,
            mode TEXT NOT NULL,
            date_value TEXT, date_basis TEXT, date_start INTEGER, date_end INTEGER,
            sentence INTEGER NOT NULL,
            source_start INTEGER, source_end INTEGER, source_text TEXT,
            target_start INTEGER, target_end INTEGER, target_text TEXT,
            place_start INTEGER, place_end INTEGER, place_text TEXT,
            confidence REAL NOT NULL,
            source_actor TEXT REFERENCES actors(id) ON DELETE SET NULL,
            target_actor TEXT REFERENCES actors(id) ON DELETE SET NULL,
            entry TEXT                        -- the timeline entry it was merged into
        );
        CREATE INDEX events_doc ON events(doc, start);
        CREATE INDEX events_date ON events(date_value);
        CREATE INDEX events_entry ON events(entry);

        CREATE TABLE timeline_entries (
            id TEXT PRIMARY KEY,
            date TEXT NOT NULL,               -- the date most sources support
            title TEXT NOT NULL,
            category TEXT NOT NULL,
            mode TEXT NOT NULL,
            sources TEXT NOT NULL,            -- JSON list of document ids
            date_claims TEXT NOT NULL         -- JSON list of {value, doc}
        );
        CREATE INDEX timeline_entries_date ON timeline_entries(date);

        CREATE TABLE timeline_actors (
            entry TEXT NOT NULL REFERENCES timeline_entries(id) ON DELETE CASCADE,
            actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            PRIMARY KEY (entry, actor)
        );
        CREATE INDEX timeline_actors_actor ON timeline_actors(actor);
    """),
    Migration(3, "timeline salience: a score per entry, and why an entry is kept off the default timeline", """
        -- evidence points: sources, named participants, a written calendar date (see link/timeline.py)
        ALTER TABLE timeline_entries ADD COLUMN salience REAL NOT NULL DEFAULT 0;
        -- the salience rule an entry failed; NULL for an entry the timeline shows
        ALTER TABLE timeline_entries ADD COLUMN filtered TEXT;
        CREATE INDEX timeline_entries_shown ON timeline_entries(filtered, date);
    """),
    Migration(4, "indexes on events' actor columns, so re-linking actors does not scan every event", """
        -- Actors are replaced on every build; with foreign keys on, deleting one actor looks up
        -- each column that references it. Without these indexes that is a scan of all events per
        -- actor: on 2,500 articles (10,000 actors, 46,000 events) re-linking took minutes.
        CREATE INDEX events_source_actor ON events(source_actor);
        CREATE INDEX events_target_actor ON events(target_actor);
    """),
    Migration(5, "a quote's content pieces when its cue interrupts it", """
        -- JSON list of [start, end] offsets into the document text; [] when the content is one piece
        ALTER TABLE quotes ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
    """),
    Migration(6, "publications of each text, warnings, languages, the undated analysis, the corpus's generation", """
        -- ISO 639-1 code of the document's language (NULL in stores built before it was detected)
        ALTER TABLE documents ADD COLUMN language TEXT;

        -- Every input item that carried a stored text. A document is one text, analysed once; the
        -- same text from another outlet, page or file is another publication of it. The document's
        -- own title, outlet and date are those of its canonical publication (see link/publications.py).
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            raw_id TEXT NOT NULL,             -- content hash of the input item as read
            source TEXT NOT NULL,             -- input path, or path:line for JSONL
            outlet TEXT,
            url TEXT,
            published TEXT,
            published_basis TEXT,
            title TEXT,
            format TEXT NOT NULL,             -- text | html | record
            fields TEXT NOT NULL DEFAULT '{}',-- the metadata the item's container gave, JSON
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (raw_id, source)
        );
        CREATE INDEX publications_doc ON publications(doc);
        INSERT INTO publications (doc, raw_id, source, outlet, url, published, published_basis, title, format, fields)
            SELECT id, id, source, outlet, url, CASE WHEN published_basis = 'inferred' THEN NULL ELSE published END,
                   CASE WHEN published_basis = 'inferred' THEN NULL ELSE published_basis END, title, format, fields
            FROM documents;
        -- What the cleaner removed differs between publications of one text (other chrome, other
        -- offsets): each span belongs to the input item it was cut from.
        ALTER TABLE removed_spans ADD COLUMN source TEXT;
        UPDATE removed_spans SET source = (SELECT d.source FROM documents d WHERE d.id = removed_spans.doc);

        -- Items that were kept but not whole or not sure: a cleaner that kept under half of the
        -- input, a date field that is not a date. Listed by `storyline errors` beside failures.
        CREATE TABLE warnings (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            doc TEXT REFERENCES documents(id) ON DELETE CASCADE,
            detail TEXT NOT NULL DEFAULT '{}', -- JSON: e.g. {"kept_share": 0.12, "removed": {"outside-body": 40}}
            recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (source, stage, code, reason)
        );
        CREATE INDEX warnings_doc ON warnings(doc);

        -- The time expressions and events of a document without a stated date, as found before any
        -- date was inferred for it ("January 9" still XXXX-01-09). Date inference reads these, never
        -- the re-dated analysis, so an inferred date is a function of the stored documents alone.
        CREATE TABLE undated_timexes (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, value TEXT NOT NULL, all_values TEXT NOT NULL DEFAULT '[]',
            mod TEXT, sentence INTEGER NOT NULL, rule TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX undated_timexes_doc ON undated_timexes(doc, start);
        CREATE TABLE undated_events (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
            trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
            category TEXT NOT NULL, mode TEXT NOT NULL,
            date_value TEXT, date_basis TEXT, date_start INTEGER, date_end INTEGER,
            sentence INTEGER NOT NULL,
            source_start INTEGER, source_end INTEGER, source_text TEXT,
            target_start INTEGER, target_end INTEGER, target_text TEXT,
            place_start INTEGER, place_end INTEGER, place_text TEXT,
            confidence REAL NOT NULL
        );
        CREATE INDEX undated_events_doc ON undated_events(doc, start);

        -- What the cross-document steps last saw: a build that changes nothing links nothing, and
        -- one killed between storing and linking links on its next run.
        CREATE TABLE corpus_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
    """),
    Migration(7, "near-copies of documents, and stories", """
        -- A near-copy (link/copies.py): the earliest document of its group, and the share of the
        -- smaller text's word shingles the larger holds. NULL for a document that is no copy.
        ALTER TABLE documents ADD COLUMN duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL;
        ALTER TABLE documents ADD COLUMN similarity REAL;
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

        -- Articles that report one event or developing situation (link/stories.py); the id is
        -- "story-" + its earliest document's id. Recomputed whole by the corpus steps.
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first TEXT,                       -- ISO day of its first and last article
            last TEXT,
            size INTEGER NOT NULL,            -- documents, copies included
            outlets TEXT NOT NULL DEFAULT '[]'  -- JSON list
        );
        CREATE INDEX stories_first ON stories(first);
        CREATE TABLE story_documents (
            doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL              -- publication order within the story
        );
        CREATE INDEX story_documents_story ON story_documents(story, idx);
        CREATE TABLE story_actors (
            story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,            -- 0: mentioned by the most of its articles
            PRIMARY KEY (story, actor)
        );
        CREATE INDEX story_actors_actor ON story_actors(actor);
    """),
    Migration(8, "issues and the positions of actors on them", """
        -- The propositions parties take sides on: given by the analyst (`build --issues FILE`) or,
        -- with none given, induced from the corpus by the positions step (link/issues.py).
        CREATE TABLE issues (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '[]',      -- JSON list
            for_cues TEXT NOT NULL DEFAULT '[]',      -- JSON list: words that assert the proposition
            against_cues TEXT NOT NULL DEFAULT '[]',  -- JSON list: words that deny it
            induced INTEGER NOT NULL DEFAULT 0
        );
        -- Where an actor stands on an issue, as one statement says (link/positions.py); recomputed
        -- whole by the corpus steps. Offsets index the document's text.
        CREATE TABLE positions (
            id TEXT PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            issue TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            stance TEXT NOT NULL,                     -- demand refuse commit support oppose propose warn assess
            polarity INTEGER NOT NULL,                -- +1 for the proposition, -1 against, 0 about it
            date TEXT,                                -- the day the statement was made
            date_basis TEXT,                          -- published | timex
            quote INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
            event INTEGER REFERENCES events(id) ON DELETE SET NULL,
            cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
            confidence REAL NOT NULL,
            rule TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX positions_actor_issue ON positions(actor, issue, date);
        CREATE INDEX positions_issue ON positions(issue, date);
        CREATE INDEX positions_doc ON positions(doc, start);
    """),
    Migration(9, "what each quote reports: speech, stance, cognition or perception", """
        -- The class of the quote's cue (storyline.analyse.quotes.classes): speech | stance |
        -- cognition | perception. NULL for quotes stored before this migration, until their
        -- documents are analysed again.
        ALTER TABLE quotes ADD COLUMN cue_class TEXT;
        CREATE INDEX quotes_cue_class ON quotes(cue_class, doc, start);
    """),
    Migration(11, "sentence vectors, for search by meaning", """
        -- One row per document: its sentences' vectors as int8 rows in sentence order
        -- (storyline.analyse.embeddings.pack), from the model named; a row per sentence would
        -- make a search read a million rows where it reads tens of thousands.
        CREATE TABLE sentence_vectors (
            doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            dimensions INTEGER NOT NULL,
            vectors BLOB NOT NULL
        );
    """),
    Migration(12, "each sentence's stance reading, so positions are found without parsing again", """
        -- Each sentence's stance reading for any issue (the `stance` stage, analyse/stance.py):
        -- per token its offsets, lemma, head, whether a negator attaches to it, and what the
        -- grammar above it does to what is written there. JSON (see Store._stance_payload);
        -- token offsets are relative to the sentence's start.
        CREATE TABLE stance_readings (
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence INTEGER NOT NULL,        -- the sentence's idx
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            reading TEXT NOT NULL,
            PRIMARY KEY (doc, sentence)
        );
        -- The documents whose sentences were read for stance (a document in a language without
        -- rules has none): those stored before this migration are read by the positions step.
        CREATE TABLE stance_documents (
            doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
        );
        -- The date a position's statement is about, apart from the day it was made (`date`).
        ALTER TABLE positions ADD COLUMN about TEXT;
    """),
    Migration(13, "whom a quote's speaker speaks for, when a spokesperson", """
        -- "A spokeswoman for Ivo Marek said": the span naming Marek (storyline.analyse.references).
        -- NULL when the speaker speaks for themselves, and for quotes stored before this
        -- migration, until their documents are analysed again.
        ALTER TABLE quotes ADD COLUMN for_start INTEGER;
        ALTER TABLE quotes ADD COLUMN for_end INTEGER;
        ALTER TABLE quotes ADD COLUMN for_text TEXT;
    """),
    Migration(17, "incremental linking: documents not linked yet, copy signatures and verified pairs, actor digests", """
        -- Documents stored or given a new publication since the corpus steps last ran: the runner
        -- tells each step about them (storyline.link.runner), then empties the table.
        CREATE TABLE unlinked_documents (
            doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
        );
        -- Each document's MinHash signature (link/copies.py), NULL for a text too short to be a
        -- copy; a document without a row has not been compared yet.
        CREATE TABLE copy_signatures (
            doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            signature BLOB
        );
        -- Every verified near-copy pair, a < b by id: a property of the two texts alone, so kept.
        CREATE TABLE copy_pairs (
            a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX copy_pairs_b ON copy_pairs(b);
        -- A digest of everything stored of an actor, so a relink rewrites only the actors it changed.
        ALTER TABLE actors ADD COLUMN digest TEXT;
    """),
    Migration(18, "fetched responses kept with their validators, for conditional requests", """
        -- A URL's last 200 response that named an ETag or Last-Modified (storyline.ingest.fetch):
        -- the next build asks for it with If-None-Match / If-Modified-Since, and a 304 answers
        -- with this copy. The body is zlib-compressed (pages are at most 10 MB, mostly text).
        CREATE TABLE fetched_responses (
            url TEXT PRIMARY KEY,
            headers TEXT NOT NULL,
            content BLOB NOT NULL,
            etag TEXT,
            last_modified TEXT,
            fetched TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
    """),
    Migration(21, "what the timeline merge and the positions step keep between runs, to redo only what changed", """
        -- One row per event the last timeline merge clustered (link/timeline.py, PreviousMerge):
        -- its cluster, named by the id of the event that started it, its place among the
        -- cluster's members, and what the merge read of it (claimed days as a JSON list, whether a
        -- time expression dates it, the actors named around it as a JSON list, the clause they
        -- were read from). No foreign key on purpose: a re-dated document's old events are read
        -- as the last merge saw them until its rows are replaced.
        CREATE TABLE timeline_placements (
            event INTEGER PRIMARY KEY,
            doc TEXT NOT NULL,
            key TEXT NOT NULL,               -- a digest of the event as the merge read it
            cluster INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            days TEXT NOT NULL,
            dated INTEGER NOT NULL,
            actors TEXT NOT NULL,
            clause TEXT NOT NULL
        );
        CREATE INDEX timeline_placements_doc ON timeline_placements(doc);
        -- The noun phrases stance words govern in each document's stance-event sentences, with
        -- their head (link/positions.py): the induced issues are counted over all of them, so a
        -- build reads only the changed documents' again.
        CREATE TABLE issue_phrases (
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            phrase TEXT NOT NULL,
            head TEXT NOT NULL
        );
        CREATE INDEX issue_phrases_doc ON issue_phrases(doc);
    """),
    Migration(23, "what kind of proposition an issue is: a proposal or a concern", """
        -- A harm the issue's subject does argues against a proposal and for a concern
        -- (storyline.records.Issue.kind); every issue stored before was a proposal.
        ALTER TABLE issues ADD COLUMN kind TEXT NOT NULL DEFAULT 'proposal';
    """),
    Migration(25, "indexes in the order of the listings the HTTP API pages by key", """
        -- Each is a listing's whole ORDER BY (storyline.store.sqlite, *_ORDER), so a page "after
        -- this key" starts with one index seek and reads only its rows, however deep the page.
        CREATE INDEX documents_listing ON documents(coalesce(published, '9999'), source, id);
        CREATE INDEX actors_listing ON actors(mention_count DESC, name, id);
        CREATE INDEX mentions_actor_listing ON mentions(actor, doc, start, end);
        CREATE INDEX positions_listing ON positions(actor, issue, coalesce(date, ''), doc, start, id);
    """),
    Migration(26, "the document frequencies the stories step weighs words by", """
        -- In how many canonical documents each word occurs (link/stories.py, text_bag), over the
        -- documents listed in story_vocabulary_documents: an incremental stories step reads the
        -- words of the arriving documents only, and weighs them as a run over the corpus would.
        -- Stories are no longer recomputed whole on every link: only those the arrivals reach.
        CREATE TABLE story_vocabulary (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        );
        CREATE TABLE story_vocabulary_documents (
            doc TEXT PRIMARY KEY
        );
    """),
)
