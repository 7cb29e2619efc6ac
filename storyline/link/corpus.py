"""Link across documents after a build: actors, inferred dates, speakers, the merged timeline.

The per-article pipeline sees one article at a time; what needs the whole corpus happens here,
in this order, because each step uses the one before:

1. canonical actors from every entity mention;
2. publication dates inferred for undated articles, whose time expressions and events are then
   resolved again against the inferred date;
3. each quote's speaker and each event's source and target linked to their canonical actor; a
   source written "I", "we", "he" or "she" through the quote, transcript turn or speech it sits
   in, or the person named before it (:mod:`storyline.link.pronouns`);
4. events merged into one timeline across sources.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Iterable

from storyline.analyse.entities import extract_mentions
from storyline.analyse.events import PERSONAL_PRONOUNS, extract_events
from storyline.analyse.timex import extract_timexes
from storyline.link.actors import is_demonym_of, link_actors
from storyline.link.dates import infer_dates
from storyline.link.pronouns import DocumentView, PronounResolver, Voice, document_view
from storyline.link.timeline import merge_timeline
from storyline.records import Actor, EntityMention, Event, Quote, Sentence, Span, Timex
from storyline.store import Store, StoredDocument

Reanalyse = Callable[[StoredDocument, date], tuple[tuple[Timex, ...], tuple[Event, ...]]]


@dataclass(frozen=True, slots=True)
class LinkReport:
    actors: int
    inferred_dates: int
    timeline_entries: int  # the entries a reader's timeline shows
    filtered_entries: int = 0  # stored, but below the salience bar
    pronoun_sources: int = 0  # events whose "I"/"we"/"he"/"she" source was resolved to an actor


# How far from an event's trigger its participants are written, at most, and where a clause
# about another event begins.
TRIGGER_WINDOW_CHARS = 90
CLAUSE_BOUNDARIES = re.compile(r";|,\s+(?:and|but|while|whereas|which|who)\b|\.\s")
# Names shorter than this ("US" aside, which the NER finds) match too many words by accident.
MIN_GAZETTEER_CHARS = 3
GAZETTEER_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})
# Organisations named after their members ("Russia-NATO Council", "NATO-Ukraine Commission")
# involve those members: a meeting of the one is a meeting between the others.
NAME_PARTS = re.compile(r"[\w.]+")


class MentionIndex:
    """Which canonical actor a span of a document refers to."""

    def __init__(self, actors: list[Actor]) -> None:
        self.exact: dict[tuple[str, int, int], str] = {}
        by_doc: dict[str, list[tuple[int, int, str]]] = {}
        by_name: dict[str, str] = {}
        for actor in actors:
            for name in (actor.name, *(link.alias for link in actor.aliases)):
                by_name.setdefault(name.lower(), actor.id)
        for actor in actors:
            for mention in actor.mentions:
                self.exact[(mention.doc, mention.start, mention.end)] = actor.id
                by_doc.setdefault(mention.doc, []).append((mention.start, mention.end, actor.id))
        self.by_doc = {doc: sorted(spans) for doc, spans in by_doc.items()}
        self.parts = {
            actor.id: frozenset(by_name[part.lower()] for part in NAME_PARTS.findall(actor.name)
                                if part.lower() in by_name and by_name[part.lower()] != actor.id)
            for actor in actors if actor.label != "PERSON"
        }
        places = [a for a in actors if a.label == "GPE"]
        for actor in actors:
            if actor.label == "NORP":
                self.parts[actor.id] = self.parts.get(actor.id, frozenset()) | _demonym_of(actor.name, places)
        # Organisations and places by every name they go by, for names the NER did not tag
        # ("NATO" inside "the Russia-NATO Council").
        labels = {actor.id: actor.label for actor in actors}
        self.names = {name: actor for name, actor in by_name.items()
                      if len(name) >= MIN_GAZETTEER_CHARS and labels[actor] in GAZETTEER_LABELS}

    def actor(self, doc: str, span: Span | None) -> str | None:
        if span is None:
            return None
        exact = self.exact.get((doc, span.start, span.end))
        if exact is not None:
            return exact
        # A span that is not itself a mention ("Russian forces") takes the actor of the mention
        # it overlaps most.
        spans = self.by_doc.get(doc, [])
        first = bisect.bisect_left(spans, (span.start - 200, 0, ""))
        best, best_overlap = None, 0
        for start, end, actor in spans[first:]:
            if start >= span.end:
                break
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
        return best

    def in_span(self, doc: str, start: int, end: int) -> frozenset[str]:
        """Every actor mentioned between ``start`` and ``end``, with the members named in them."""
        spans = self.by_doc.get(doc, [])
        first = bisect.bisect_left(spans, (start, 0, ""))
        found: set[str] = set()
        for mention_start, mention_end, actor in spans[first:]:
            if mention_start >= end:
                break
            if mention_end <= end:
                found.add(actor)
                found |= self.parts.get(actor, frozenset())
        return frozenset(found)

    def named_in(self, text: str) -> frozenset[str]:
        """Organisations and places whose name appears in ``text`` as whole words."""
        words = [w.lower() for w in NAME_PARTS.findall(text)]
        found = set()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                actor = self.names.get(" ".join(words[i:i + size]))
                if actor is not None:
                    found.add(actor)
        return frozenset(found)

    def event_actors(self, event: Event, sentence: Sentence | None = None) -> frozenset[str]:
        """The actors around an event's trigger: its participants and its place.

        The parse gives source and target when it can; the names written near the trigger, in
        the same clause of its sentence, catch the rest ("a meeting of the Russia-NATO Council
        ... in Brussels").
        """
        context = sentence if sentence is not None else Sentence(event.start, event.end, event.text)
        start, end = trigger_clause(event, context)
        found = set(self.in_span(event.doc, start, end))
        found |= self.named_in(context.text[start - context.start:end - context.start])
        for span in (event.source, event.target, event.place):
            actor = self.actor(event.doc, span)
            if actor is not None:
                found.add(actor)
                found |= self.parts.get(actor, frozenset())
        return frozenset(found)


def _demonym_of(name: str, places: list[Actor]) -> frozenset[str]:
    """The country a nationality adjective names: "Russian" → Russia, "Belgian" → Belgium."""
    lowered = name.lower()
    best = [p.id for p in places
            if is_demonym_of(lowered, p.name.lower())]
    return frozenset(best[:1])


def trigger_clause(event: Event, sentence: Sentence) -> tuple[int, int]:
    """Document offsets of the text around an event's trigger, cut at clause boundaries."""
    text, offset = sentence.text, sentence.start
    trigger_start, trigger_end = event.trigger.start - offset, event.trigger.end - offset
    left = max(0, trigger_start - TRIGGER_WINDOW_CHARS)
    right = min(len(text), trigger_end + TRIGGER_WINDOW_CHARS)
    for boundary in CLAUSE_BOUNDARIES.finditer(text, left, max(left, trigger_start)):
        left = boundary.end()
    after = CLAUSE_BOUNDARIES.search(text, min(trigger_end, right), right)
    if after:
        right = after.start()
    return offset + left, offset + right


def reanalyser(nlp: Any) -> Reanalyse:
    """Time expressions and events of a stored document, resolved against a new publication date."""

    def reanalyse(doc: StoredDocument, published: date) -> tuple[tuple[Timex, ...], tuple[Event, ...]]:
        parsed = nlp(doc.text)
        mentions = extract_mentions(doc.id, parsed)
        timexes = extract_timexes(doc.id, parsed, published)
        return timexes, extract_events(doc.id, parsed, mentions, timexes, published)

    return reanalyse


def link_corpus(store: Store, reanalyse: Reanalyse) -> LinkReport:
    """Recompute everything that spans documents; call inside one store transaction."""
    actors = link_actors(store.all_mentions())
    store.replace_actors(actors)
    index = MentionIndex(actors)
    sentences: dict[str, list[Sentence]] = {}

    def sentences_of(doc: str) -> list[Sentence]:
        if doc not in sentences:
            sentences[doc] = store.sentences(doc)
        return sentences[doc]

    def actors_of(event: Event) -> frozenset[str]:
        in_doc = sentences_of(event.doc)
        # Names written around the event only: a resolved pronoun source ("we" → a country) is
        # not written there, and counting it would let a speech's every "we" join reports of
        # other events that name that country.
        return index.event_actors(event, in_doc[event.sentence] if event.sentence < len(in_doc) else None)

    inferred = _infer_publication_dates(store, actors_of, reanalyse)

    quote_rows = [(i, q, index.actor(q.doc, q.speaker_ref)) for i, q in store.quote_rows()]
    store.set_quote_actors((i, actor) for i, _, actor in quote_rows)
    # "I" and "we" in a quote are its speaker's: pronoun sources need the speakers linked first.
    source_of = _pronoun_sources(store, actors, [(q, actor) for _, q, actor in quote_rows], sentences_of)
    # The timeline's salience rules need each event's participants as canonical actors.
    event_rows = [(i, replace(e, source_actor=index.actor(e.doc, e.source) or source_of(e),
                              target_actor=index.actor(e.doc, e.target)))
                  for i, e in store.event_rows()]
    store.set_event_actors((i, e.source_actor, e.target_actor) for i, e in event_rows)
    pronoun_sources = sum(1 for _, e in event_rows
                          if e.source_actor is not None and e.source is not None
                          and e.source.text.lower() in PERSONAL_PRONOUNS)

    timexes = TimexIndex(store.timexes())
    timex_of = timexes.of

    def values_of(event: Event) -> tuple[str, ...]:
        timex = timex_of(event)
        return timex.values if timex is not None else ()

    def date_text_of(event: Event) -> str:
        timex = timex_of(event)
        return timex.text if timex is not None else ""

    entries = merge_timeline(event_rows, actors_of, values_of, date_text_of=date_text_of,
                             labels={actor.id: actor.label for actor in actors})
    store.replace_timeline(entries)
    shown = sum(1 for entry, _ in entries if entry.filtered is None)
    return LinkReport(len(actors), inferred, shown, len(entries) - shown, pronoun_sources)


class TimexIndex:
    """The temporal expression that dates each event, by its offsets."""

    def __init__(self, timexes: Iterable[Timex]) -> None:
        self._at = {(t.doc, t.start, t.end): t for t in timexes}

    def of(self, event: Event) -> Timex | None:
        if event.date.basis != "timex" or event.date.start is None or event.date.end is None:
            return None
        return self._at.get((event.doc, event.date.start, event.date.end))


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


def _infer_publication_dates(store: Store, actors_of: Callable[[Event], frozenset[str]],
                             reanalyse: Reanalyse) -> int:
    documents = store.documents()
    undated_ids = {d.id for d in documents if d.published is None}
    if not undated_ids:
        return 0
    undated: dict[str, list[Event]] = {doc: [] for doc in undated_ids}
    dated: list[Event] = []
    for event in store.events():
        (undated[event.doc] if event.doc in undated_ids else dated).append(event)
    corpus_days = [date.fromisoformat(d.published) for d in documents
                   if d.published is not None and d.published_basis != "inferred"]
    timexes: dict[str, list[Timex]] = {doc: [] for doc in undated_ids}
    for timex in store.timexes():
        if timex.doc in undated_ids:
            timexes[timex.doc].append(timex)
    found = infer_dates(undated, timexes, dated, corpus_days, actors_of)
    by_id = {d.id: d for d in documents}
    for inference in found:
        store.set_published(inference.doc, inference.value, "inferred", confidence=inference.confidence,
                            evidence=inference.evidence)
        timexes, events = reanalyse(by_id[inference.doc], date.fromisoformat(inference.value))
        store.replace_dated_analysis(inference.doc, timexes, events)
    return len(found)
