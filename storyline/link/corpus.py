"""Link across documents after a build: publications, actors, inferred dates, speakers, the timeline.

The per-article pipeline sees one article at a time; what needs the whole corpus happens here, in
corpus steps run by :mod:`storyline.link.runner`, in this order, because each uses the one before:

1. each document's canonical publication: the earliest dated arrival of its text gives its title,
   outlet and date (a text reached again from another outlet is one document, many publications);
2. canonical actors from every entity mention;
3. publication dates inferred for articles with no stated date, from their analysis as found
   without a date; an article whose inferred date changes is analysed again with it;
4. each quote's speaker and each event's source and target linked to their canonical actor; a
   source written "I", "we", "he" or "she" through the quote, transcript turn or speech it sits
   in, or the person named before it (:mod:`storyline.link.pronouns`);
5. events merged into one timeline across sources;
6. near-copies (the same wire story with other chrome, trimmed or extended) marked as copies of
   the earliest document of their group (:mod:`storyline.link.copies`), after the dates, since
   "earliest" reads them;
7. articles grouped into stories (:mod:`storyline.link.stories`), copies with their canonical
   document, from words, canonical actors and dates;
8. the positions of actors on issues (:mod:`storyline.link.positions`), after the speakers, since a
   quote's position is its speaker's.

Each step recomputes its facts from the stored documents, so the result does not depend on the
order in which they arrived.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Collection, Sequence

import numpy as np

from storyline.analyse.embeddings import WordLlamaEmbedder
from storyline.analyse.events import PERSONAL_PRONOUNS
from storyline.link.actors import actor_digest, link_actors
from storyline.link.copies import canonical_copies, new_pairs, shingles, signature
from storyline.link.dates import infer_dates
from storyline.link.mentions import EventActors, MentionIndex, TimexIndex, name_lookup, renamed_documents
from storyline.link.positions import Positions
from storyline.link.pronouns import DocumentView, PronounResolver, Voice, document_view
from storyline.link.runner import Changed, Corpus, CorpusRunner, CorpusStep, Reanalyse, StepResult
from storyline.link.stories import (FULL_RUN_SHARE, REBUILD_GROWTH, StoryParams, Vocabulary, calendar_dates,
                                    cluster_corpus, day_counted, describe_stories, document_frequencies,
                                    entity_features, neighbourhood, stated_times, story_inputs, text_bag,
                                    update_stories)
from storyline.link.timeline import Cluster, PreviousMerge, cluster_entry, cluster_events, entry_id, placements
from storyline.link.writes import (AddCopyPairs, AddCopySignatures, ReplaceCopies, ReplaceDatedAnalysis, ReplaceStories,
                                   ReplaceTimeline, ReplaceTimelinePlacements, SetCanonicalPublication,
                                   SetCorpusState, SetEventActors, SetPublished, SetQuoteActors, SetUndatedAnalysis,
                                   ReplaceStoryVocabulary, UpdateActors, UpdateStoryVocabulary, UpdateTimeline)
from storyline.records import (Actor, EntityMention, Event, Placement, Publication, Quote, Sentence, StoredDocument,
                               TimelineEntry, Timex)
from storyline.store import Store


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LinkReport:
    actors: int
    inferred_dates: int
    timeline_entries: int  # the entries a reader's timeline shows
    filtered_entries: int = 0  # stored, but below the salience bar
    pronoun_sources: int = 0  # events whose "I"/"we"/"he"/"she" source was resolved to an actor


# The corpus_state key of how many canonical documents the stories step last clustered in full.
STORIES_FULL_RUN = "stories_full_run_documents"
# The corpus_state key of what the timeline merge last read of the names around events
# (mentions.name_lookup): a name that changes may change the actors of events nothing else changed.
TIMELINE_NAME_LOOKUP = "timeline_name_lookup"


# -- the steps ---------------------------------------------------------------------------------


def canonical_publication(publications: Sequence[Publication]) -> Publication:
    """The publication that speaks for a text: the earliest dated one, then the first by source.

    A wire story's first dated appearance is its best date; ordering by values alone (never by
    arrival) keeps the choice the same whatever order the copies were read in.
    """
    return min(publications, key=lambda p: (p.published is None, p.published or "", p.source, p.raw_id))


def _redate(corpus: Corpus, doc: StoredDocument, published: str | None, basis: str | None) -> list[object]:
    """The writes that give ``doc`` a new publication date and the analysis that goes with it."""
    analysis = corpus.reanalyse(doc, published, basis)
    return [] if analysis is None else [ReplaceDatedAnalysis(doc.id, *analysis)]


class CanonicalPublications(CorpusStep):
    """Each document's source, title, outlet and stated date come from its canonical publication."""

    name = "publications"
    requires = frozenset({"documents", "publications"})
    assigns = frozenset({"document-metadata"})

    def run(self, corpus: Corpus) -> StepResult:
        # A document's canonical publication depends on its own publications only: read those of
        # the documents stored or published again since the last run.
        store, scope = corpus.store, corpus.changed("documents", "publications")
        if scope.everything:
            documents, publications = store.documents(), store.publications()
        else:
            documents = [store.document(doc) for doc in sorted(scope.docs) if store.has_document(doc)]
            publications = store.publications(docs=scope.docs)
        by_doc: dict[str, list[Publication]] = {}
        for publication in publications:
            by_doc.setdefault(publication.doc, []).append(publication)
        writes: list[object] = []
        changed: set[str] = set()
        for doc in documents:
            publications = by_doc.get(doc.id)
            if not publications:
                continue
            first = canonical_publication(publications)
            if (doc.source, doc.title, doc.outlet, doc.url) != (first.source, first.title, first.outlet, first.url):
                writes.append(SetCanonicalPublication(doc.id, first))
                changed.add(doc.id)
            stated = (doc.published, doc.published_basis) if doc.published_basis != "inferred" else (None, None)
            if (first.published, first.published_basis) == stated or (first.published is None and stated[0] is None):
                continue  # the same stated date, or none: date inference decides the rest
            writes.append(SetPublished(doc.id, first.published, first.published_basis))
            writes += _redate(corpus, doc, first.published, first.published_basis)
            changed.add(doc.id)
        return StepResult(writes, changed={"document-metadata": Changed.of(changed)})  # type: ignore[arg-type]


class Actors(CorpusStep):
    """Canonical actors from every entity mention of the corpus."""

    name = "actors"
    requires = frozenset({"mentions", "sentences"})
    assigns = frozenset({"actors", "mention-actors"})

    def run(self, corpus: Corpus) -> StepResult:
        # Over the whole corpus, on purpose: a new mention can change actors no new document
        # names (a surname joins the one person named in full anywhere in the corpus, an acronym
        # the one name with its initials, a misspelling the frequent name it is near, and labels
        # and canonical names are votes over every mention). Linking is in memory and takes a
        # fraction of the step; what is written is only the actors whose records changed.
        store = corpus.store
        actors = link_actors(store.all_mentions())
        index = MentionIndex(actors)
        stored = store.actor_digests()
        digests = {actor.id: actor_digest(actor) for actor in actors}
        changed = tuple((actor, digests[actor.id]) for actor in actors if stored.get(actor.id) != digests[actor.id])
        removed = tuple(sorted(set(stored) - set(digests)))
        # The documents whose mentions an actor gained or lost, or whose actor's record changed.
        before = store.actor_mentions([*removed, *(actor.id for actor, _ in changed)]) if changed or removed else {}
        docs = {m.doc for actor, _ in changed for m in actor.mentions} | {m.doc for ms in before.values() for m in ms}
        # Finer: the documents where a mention now stands for another actor (or for none), which
        # is all that a document's own reading of its actors uses; a big actor's record changes
        # with every article that names it, its old mentions' links do not.
        linked_before = {(m.doc, m.start, m.end, name) for name, ms in before.items() for m in ms}
        linked_now = {(m.doc, m.start, m.end, actor.id) for actor, _ in changed for m in actor.mentions}
        labels = store.label_of_actors()
        return StepResult([UpdateActors(changed, removed)],
                          {"actors": actors, "mention_index": index, "event_actors": EventActors(store, index),
                           # the actors whose NER label changed (what the timeline's salience reads of them)
                           "relabelled_actors": frozenset(actor.id for actor in actors
                                                          if labels.get(actor.id, actor.label) != actor.label)},
                          {"actors": len(actors)},
                          {"actors": Changed.of(docs),
                           "mention-actors": Changed.of(doc for doc, *_ in linked_before ^ linked_now)})


class InferredDates(CorpusStep):
    """Publication dates inferred for documents with no stated date (see storyline.link.dates).

    The evidence is each such document's analysis as found without a date (kept in the store for
    this), and the stated dates of the others; so an inference is revisited whenever the corpus
    changes, and never feeds on an earlier inference.
    """

    name = "dates"
    requires = frozenset({"document-metadata", "actors", "events", "undated-analysis"})
    assigns = frozenset({"inferred-dates"})

    def run(self, corpus: Corpus) -> StepResult:
        store = corpus.store
        documents = store.documents()
        undated = {d.id: d for d in documents if d.published_basis in (None, "inferred")}
        if not undated:
            return StepResult(counts={"inferred_dates": 0},
                              changed={"inferred-dates": corpus.changed("document-metadata")})
        anchorless = store.undated_analysis()
        writes: list[object] = []
        for doc in undated.values():
            if doc.id not in anchorless:  # a store from before the undated analysis was kept
                analysis = corpus.reanalyse(doc, None, None)
                if analysis is not None:
                    anchorless[doc.id] = (list(analysis[0]), list(analysis[1]))
                    writes.append(SetUndatedAnalysis(doc.id, *analysis))
        dated_events = [e for e in store.events() if e.doc not in undated]
        corpus_days = [date.fromisoformat(d.published) for d in documents if d.id not in undated and d.published]
        found = infer_dates({doc: anchorless.get(doc, ([], []))[1] for doc in undated},
                            {doc: anchorless.get(doc, ([], []))[0] for doc in undated},
                            dated_events, corpus_days, corpus.facts["event_actors"])
        inferred = {inference.doc: inference for inference in found}
        for doc in undated.values():
            inference = inferred.get(doc.id)
            new = ((inference.value, "inferred", inference.confidence, inference.evidence) if inference
                   else (None, None, None, None))
            if new == (doc.published, doc.published_basis, doc.published_confidence, doc.published_evidence):
                continue
            writes.append(SetPublished(doc.id, *new))
            if new[0] == doc.published:
                continue
            if inference is not None:
                writes += _redate(corpus, doc, inference.value, "inferred")
            else:  # no longer inferable: back to the analysis without a date
                timexes, events = anchorless.get(doc.id, ([], []))
                writes.append(ReplaceDatedAnalysis(doc.id, tuple(timexes), tuple(events)))
        redated = {write.doc for write in writes if isinstance(write, SetPublished)}
        return StepResult(writes, counts={"inferred_dates": len(found)},  # type: ignore[arg-type]
                          changed={"inferred-dates": Changed.of(redated) | corpus.changed("document-metadata")})


class Speakers(CorpusStep):
    """Each quote's speaker and each event's source and target as canonical actors."""

    name = "speakers"
    requires = frozenset({"actors", "quotes", "events", "inferred-dates"})
    assigns = frozenset({"quote-actors", "event-actors"})

    def run(self, corpus: Corpus) -> StepResult:
        store, index = corpus.store, corpus.facts["mention_index"]
        event_actors: EventActors = corpus.facts["event_actors"]
        # A row's actors depend only on its own document: its mentions' actors, its quotes, its
        # events and its date. A document none of those changed for keeps its stored actors (the
        # actors step reports every document whose mentions an actor gained, lost or whose record
        # changed), so only the covered documents are resolved again.
        scope = corpus.changed("actors", "quotes", "events", "inferred-dates")
        stored_quotes = store.quote_rows()
        quote_rows = [(i, q, index.actor(q.doc, q.speaker_ref) if scope.covers(q.doc) else q.actor)
                      for i, q in stored_quotes]
        # "I" and "we" in a quote are its speaker's: pronoun sources need the speakers linked first.
        source_of = _pronoun_sources(store, corpus.facts["actors"], [(q, actor) for _, q, actor in quote_rows],
                                     event_actors.sentences_of)
        stored_events = store.event_rows()
        event_rows = [(i, replace(e, source_actor=index.actor(e.doc, e.source) or source_of(e),
                                  target_actor=index.actor(e.doc, e.target)) if scope.covers(e.doc) else e)
                      for i, e in stored_events]
        resolved_docs = {q.doc for _, q in stored_quotes if scope.covers(q.doc)} | {
            e.doc for _, e in stored_events if scope.covers(e.doc)}
        pronoun_sources = sum(1 for _, e in event_rows
                              if e.source_actor is not None and e.source is not None
                              and e.source.text.lower() in PERSONAL_PRONOUNS)
        # Written only where a row's actors differ from the stored ones.
        quotes = [(i, q, actor) for i, q, actor in quote_rows if q.actor != actor]
        events = [(i, e) for (i, e), (_, was) in zip(event_rows, stored_events)
                  if (e.source_actor, e.target_actor) != (was.source_actor, was.target_actor)]
        return StepResult(
            [SetQuoteActors(tuple((i, actor) for i, _, actor in quotes)),
             SetEventActors(tuple((i, e.source_actor, e.target_actor) for i, e in events))],
            {"event_rows": event_rows}, {"pronoun_sources": pronoun_sources, "speaker_documents": len(resolved_docs)},
            {"quote-actors": Changed.of(q.doc for _, q, _ in quotes), "event-actors": Changed.of(e.doc for _, e in events)})


class Timeline(CorpusStep):
    """Events merged into one timeline across sources, each entry judged for salience.

    Incremental (see :class:`storyline.link.timeline.PreviousMerge`): the merge remembers where
    it put each event (migration 21); the events of the documents whose events, their actors,
    time expressions or dates changed, and of those a changed name may now name, are placed
    again, with every report that could see a cluster that changed; the others stay where they
    were. Only the entries of changed clusters (or naming an actor whose record changed) are
    computed and written again.
    """

    name = "timeline"
    requires = frozenset({"actors", "mention-actors", "events", "event-actors", "timexes", "inferred-dates"})
    assigns = frozenset({"timeline"})

    def run(self, corpus: Corpus) -> StepResult:
        store = corpus.store
        event_actors: EventActors = corpus.facts["event_actors"]
        lookup = name_lookup(corpus.facts["mention_index"])
        # A document's events read its own mentions' actors ("mention-actors"); the names and
        # members any text may name are compared below (renamed_documents); labels by entry.
        scope = corpus.changed("mention-actors", "events", "event-actors", "timexes", "inferred-dates")
        stated = store.corpus_state(TIMELINE_NAME_LOOKUP)
        previous = None
        if not scope.everything and stated is not None:
            last = store.timeline_placements()
            renamed = renamed_documents(json.loads(stated), lookup, corpus.facts["mention_index"],
                                        ((p.doc, p.clause) for p in last.values() if p.doc not in scope.docs))
            previous = PreviousMerge(last, scope.docs | renamed)
        timexes = DocumentTimexes(store, None if previous is None else previous.redo)

        def values_of(event: Event) -> tuple[str, ...]:
            timex = timexes.of(event)
            return timex.values if timex is not None else ()

        def date_text_of(event: Event) -> str:
            timex = timexes.of(event)
            return timex.text if timex is not None else ""

        read: dict[int, frozenset[str]] = {}  # by id(event): each event's actors read once

        def actors_of(event: Event) -> frozenset[str]:
            key = id(event)
            if key not in read:
                read[key] = event_actors(event)
            return read[key]

        if previous is not None:
            for i, event in corpus.facts["event_rows"]:
                if (placed := previous.known(i, event)) is not None:
                    read[id(event)] = placed.actors
        clusters = cluster_events(corpus.facts["event_rows"], actors_of, values_of, previous=previous)
        labels = {actor.id: actor.label for actor in corpus.facts["actors"]}

        def entry_of(cluster: Cluster) -> tuple[TimelineEntry, list[int]]:
            return cluster_entry(cluster, date_text_of, labels, event_actors.sentence_of)

        def clause_of(i: int, event: Event) -> str:
            known = previous.known(i, event) if previous is not None else None
            return known.clause if known is not None else event_actors.clause(event)

        def placed(docs: Collection[str] | None) -> tuple[tuple[int, Placement], ...]:
            return tuple(placements(clusters, actors_of, clause_of, docs))

        remember = SetCorpusState(TIMELINE_NAME_LOOKUP, json.dumps(lookup, ensure_ascii=False, sort_keys=True))
        if previous is None:
            entries = [entry_of(cluster) for cluster in clusters]
            shown = sum(1 for entry, _ in entries if entry.filtered is None)
            return StepResult([ReplaceTimeline(tuple((entry, tuple(ids)) for entry, ids in entries)),
                               ReplaceTimelinePlacements(None, placed(None)), remember],
                              counts={"timeline_entries": shown, "filtered_entries": len(entries) - shown})
        relabelled = corpus.facts.get("relabelled_actors")
        stored = store.timeline_filters()
        # Beyond its members (a cluster that changed is dirty), an entry reads their source and
        # target actors, their time expressions' text and its actors' labels.
        reread = corpus.changed("events", "event-actors", "timexes", "inferred-dates")
        again = [c for c in clusters if c.creator in previous.dirty or relabelled is None or c.actors & relabelled
                 or any(reread.covers(e.doc) for _, e, _ in c.members) or entry_id(c) not in stored]
        entries = [entry_of(cluster) for cluster in again]
        redone = {entry.id for entry, _ in entries}
        kept = {entry_id(cluster) for cluster in clusters} - redone
        removed = tuple(sorted(set(stored) - kept - redone))
        # the documents whose placements may differ: those placed again, and every member, now
        # or in the last merge, of a cluster that changed
        docs = set(previous.redo) | {e.doc for cluster in again for _, e, _ in cluster.members} | {
            placement.doc for name in previous.dirty for _, placement in previous.members(name)}
        shown = sum(1 for entry in kept if stored.get(entry) is None) + sum(
            1 for entry, _ in entries if entry.filtered is None)
        return StepResult([UpdateTimeline(removed, tuple((entry, tuple(ids)) for entry, ids in entries)),
                           ReplaceTimelinePlacements(tuple(sorted(docs)), placed(docs)), remember],
                          counts={"timeline_entries": shown, "filtered_entries": len(kept) + len(entries) - shown,
                                  "timeline_entries_merged_again": len(entries),
                                  "timeline_documents_placed_again": len(previous.redo),
                                  "timeline_documents_renamed": len(renamed), "timeline_dirty_clusters": len(previous.dirty)},
                          changed={"timeline": Changed.of(docs)})


class DocumentTimexes:
    """The time expression that dates each event: every document's read at once, or (``docs``
    given) those of ``docs`` at once and any other document's when one of its events first asks."""

    def __init__(self, store: Store, docs: Collection[str] | None) -> None:
        self.store = store
        self.read: set[str] | None = None if docs is None else set(docs)  # None: every document's
        self.index = TimexIndex(store.timexes(docs=docs))

    def of(self, event: Event) -> Timex | None:
        if self.read is not None and event.doc not in self.read:
            self.index.add(self.store.timexes(doc=event.doc))
            self.read.add(event.doc)
        return self.index.of(event)


class Copies(CorpusStep):
    """Near-copies marked as copies of the earliest document of their group (storyline.link.copies)."""

    name = "copies"
    requires = frozenset({"documents", "inferred-dates"})
    assigns = frozenset({"copies"})

    def run(self, corpus: Corpus) -> StepResult:
        # A verified pair is a property of its two texts, so the stored pairs stay true: only the
        # documents never compared (no stored signature) are shingled and looked up against all
        # signatures, and the canonical choice is made again over every pair with today's dates.
        store = corpus.store
        known = store.copy_signatures()
        published = store.document_dates()
        shingled: dict[str, np.ndarray] = {}

        def shingles_of(doc: str) -> np.ndarray:
            if doc not in shingled:
                shingled[doc] = shingles(store.document(doc).text)
            return shingled[doc]

        new = {doc: signature(shingles_of(doc)) for doc in sorted(set(published) - set(known))}
        pairs = new_pairs(new, known, shingles_of)
        found = canonical_copies([*store.copy_pairs(), *pairs], published)
        before = {copy.doc: copy for copy in store.copies()}
        now = {copy.doc: copy for copy in found}
        changed = {doc for doc in before.keys() | now.keys() if before.get(doc) != now.get(doc)}
        return StepResult([AddCopySignatures(tuple(new.items())), AddCopyPairs(tuple(pairs)), ReplaceCopies(tuple(found))],
                          {"copies": {c.doc: c.canonical for c in found}}, {"near_copies": len(found)},
                          {"copies": Changed.of(changed)})


class Stories(CorpusStep):
    """Articles grouped into stories; each copy joins its canonical document's (storyline.link.stories).

    Incremental: the documents that arrived (or whose actors, date or copy mark changed) join the
    stories within reach of their days (link.stories.neighbourhood), which are read whole and
    rewritten; every other story stays as stored. Words are weighed by document frequencies kept
    in the store (migration 26), as a run over the whole corpus weighs them. The whole corpus is
    clustered again when no stories are stored, when an arrival is undated (it could join any
    story), when the articles' meaning counts (its centring reads every article), or when the
    corpus has grown REBUILD_GROWTH times since the last full run (the stories out of reach were
    placed under the frequencies of their day)."""

    name = "stories"
    requires = frozenset({"documents", "actors", "mention-actors", "copies", "inferred-dates"})
    assigns = frozenset({"stories"})

    def __init__(self, incremental: bool = False) -> None:
        # Off by default: a full run is a function of the stored documents alone, the project's
        # promise; the incremental one agrees with it at ARI 0.885 (B-cubed F1 0.978) on the
        # NATO/Ukraine corpus arriving in 10 batches in publication order (docs/benchmarks.md).
        self.incremental = incremental

    def run(self, corpus: Corpus) -> StepResult:
        store, params = corpus.store, StoryParams()
        actors: list[Actor] = corpus.facts["actors"]
        actors_of: dict[str, list[str]] = {}
        for actor in actors:
            for mention in actor.mentions:
                actors_of.setdefault(mention.doc, []).append(actor.id)
        names = {actor.id: actor.name for actor in actors}
        copies: dict[str, str] = corpus.facts["copies"]
        dates = store.document_dates()
        canonical = frozenset(doc for doc in dates if doc not in copies)
        if not self.incremental:
            return self.full_run(corpus, actors_of, names, copies, canonical, params)
        bases = store.publication_bases()
        df, counted = store.story_vocabulary()
        story_of = store.story_of()
        changed = corpus.changed("documents", "copies", "inferred-dates")
        arrivals = frozenset(doc for doc in canonical if doc not in counted or doc not in story_of or changed.covers(doc))
        leaving = counted - canonical  # documents that became copies (none is ever deleted)
        moved_copies = {doc for doc in copies if changed.covers(doc)}
        # A document whose mentions now stand for other actors (a new article changes how names
        # are linked all over the corpus: 59 old documents for 100 new NATO/Ukraine ones) is no
        # arrival: it moves if it is within reach of one, else keeps its story, whose actors are
        # described again. As arrivals they reached every story, and every run was a full one.
        relinked_actors = corpus.changed("mention-actors")
        relinked = frozenset(doc for doc in canonical - arrivals if relinked_actors.covers(doc))
        if not (arrivals or leaving or moved_copies or relinked):
            return StepResult(counts={"stories": len(set(story_of.values()))}, changed={"stories": Changed()})

        def day(doc: str) -> int | None:
            return day_counted(dates[doc], bases.get(doc) == "inferred", params)

        full_at = int(store.corpus_state(STORIES_FULL_RUN) or "0")
        reasons = {"every document changed": changed.everything or relinked_actors.everything,
                   "no stories stored": not story_of or not counted, "meaning counts": bool(params.vector_weight),
                   f"the corpus grew {REBUILD_GROWTH}x": len(canonical) >= REBUILD_GROWTH * full_at,
                   "an arrival is undated": any(day(doc) is None for doc in arrivals)}
        if any(reasons.values()):
            log.info("stories: a full run (%s)", "; ".join(r for r, why in reasons.items() if why))
            return self.full_run(corpus, actors_of, names, copies, canonical, params)
        # the stories the arrivals reach, and those that lose or gain a document that changed
        standing_days = {doc: day(doc) for doc in canonical - arrivals}
        hood = neighbourhood([d for d in map(day, arrivals) if d is not None], standing_days, story_of, params)
        reached = set(hood.stories)
        for doc in arrivals | leaving | moved_copies:
            reached |= {story_of[d] for d in (doc, copies.get(doc)) if d in story_of}
        members = store.story_members(reached)
        standing = {doc for docs in members.values() for doc in docs if doc in canonical and doc not in arrivals}
        placed = standing | arrivals
        if len(placed) > FULL_RUN_SHARE * len(canonical):
            log.info("stories: a full run (%d arrivals reach stories of %d of %d documents)", len(arrivals),
                     len(placed), len(canonical))
            return self.full_run(corpus, actors_of, names, copies, canonical, params)
        described = store.story_members({story_of[doc] for doc in relinked if doc in story_of} - reached)
        log.info("stories: %d arrivals placed among %d stories (%d documents), %d stories described again",
                 len(arrivals), len(reached), len(placed), len(described))
        kept = {doc for docs in described.values() for doc in docs if doc in canonical}
        wanted = placed | kept | leaving | {copy for copy, original in copies.items() if original in placed | kept}
        inputs = story_inputs(store.documents(ids=sorted(wanted)), actors_of, None,
                              stated_times(store.timexes(docs=sorted(wanted))))
        by_id = {d.id: d for d in inputs}
        added = document_frequencies(text_bag(by_id[doc], params) for doc in sorted(arrivals - counted))
        removed = document_frequencies(text_bag(by_id[doc], params) for doc in sorted(leaving))
        text_df = Counter(df)
        text_df.update(added)
        text_df.subtract(removed)
        times = calendar_dates(store.date_values())
        entity_df = document_frequencies(entity_features(actors_of.get(doc, ()), times.get(doc, ()), params)
                                         for doc in sorted(canonical))
        groups = update_stories([[by_id[doc] for doc in docs if doc in standing] for _, docs in sorted(members.items())],
                                [by_id[doc] for doc in sorted(arrivals)], hood.movable,
                                Vocabulary(+text_df, entity_df, len(canonical)), params)
        groups += [[doc for doc in docs if doc in kept] for docs in described.values()]
        stories = describe_stories([group for group in groups if group], inputs, copies, names)
        story_docs = {doc for story in stories for doc in story.docs}
        reached |= described.keys()
        return StepResult([ReplaceStories(tuple(stories), frozenset(reached)),
                           UpdateStoryVocabulary(added, removed, arrivals - counted, leaving)],
                          counts={"stories": len(set(story_of.values()) - reached) + len(stories),
                                  "stories_rewritten": len(stories)},
                          changed={"stories": Changed.of(story_docs | {d for docs in members.values() for d in docs})})

    def full_run(self, corpus: Corpus, actors_of: dict[str, list[str]], names: dict[str, str], copies: dict[str, str],
                 canonical: frozenset[str], params: StoryParams) -> StepResult:
        """Every canonical document clustered afresh, and the vocabulary counted afresh."""
        store = corpus.store
        vectors = store.document_vectors(WordLlamaEmbedder.name) if params.vector_weight else None
        inputs = story_inputs(store.documents(), actors_of, vectors, stated_times(store.timexes()))
        groups, vocabulary = cluster_corpus((d for d in inputs if d.id not in copies), params)
        stories = describe_stories(groups, inputs, copies, names)
        return StepResult([ReplaceStories(tuple(stories)), ReplaceStoryVocabulary(vocabulary.text, canonical),
                           SetCorpusState(STORIES_FULL_RUN, str(len(canonical)))],
                          counts={"stories": len(stories), "stories_rewritten": len(stories)})


def default_steps(incremental_stories: bool = False) -> list[CorpusStep]:
    """The corpus steps in order; ``incremental_stories`` places arriving articles into the stories
    within their reach instead of clustering the corpus again (see :class:`Stories`)."""
    return [CanonicalPublications(), Actors(), InferredDates(), Copies(), Speakers(), Timeline(),
            Stories(incremental_stories), Positions()]


def link_corpus(store: Store, reanalyse: Reanalyse) -> LinkReport:
    """Recompute everything that spans documents (one transaction); see the module docstring."""
    counts = CorpusRunner(default_steps()).run(store, reanalyse)
    return LinkReport(counts.get("actors", 0), counts.get("inferred_dates", 0), counts.get("timeline_entries", 0),
                      counts.get("filtered_entries", 0), counts.get("pronoun_sources", 0))


def _pronoun_sources(store: Store, actors: list[Actor], quotes: list[tuple[Quote, str | None]],
                     sentences_of: Callable[[str], list[Sentence]]) -> Callable[[Event], str | None]:
    """The actor an event's "I", "we", "he" or "she" source stands for (see storyline.link.pronouns)."""
    resolver = PronounResolver(actors)
    quotes_by_doc: dict[str, list[tuple[Quote, str | None]]] = {}
    for quote, actor in quotes:
        quotes_by_doc.setdefault(quote.doc, []).append((quote, actor))
    mentions_by_doc: dict[str, list[tuple[EntityMention, str]]] = {}
    for actor in actors:
        for mention in actor.mentions:
            mentions_by_doc.setdefault(mention.doc, []).append((mention, actor.id))
    views: dict[str, tuple[DocumentView, list[Voice]]] = {}

    def source_of(event: Event) -> str | None:
        if event.source is None or event.source.text.lower() not in PERSONAL_PRONOUNS:
            return None
        if event.doc not in views:
            doc = store.document(event.doc)
            view = document_view(doc.id, doc.text, doc.title, doc.outlet, sentences_of(doc.id),
                                 mentions_by_doc.get(doc.id, []), quotes_by_doc.get(doc.id, []))
            views[event.doc] = (view, resolver.voices(view))
        view, voices = views[event.doc]
        return resolver.resolve(event, voices, view)

    return source_of
