"""Which canonical actor, and which time expression, a span of a stored document refers to.

The cross-document steps look events and quotes up by their offsets: the actor of a speaker's
mention, the actors named around an event's trigger (its participants and its place, the members
of an organisation named after them), the time expression that dates an event.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, Mapping

from storyline.link.actors import is_demonym_of
from storyline.records import Actor, Event, Sentence, Span, Timex
from storyline.store import Store


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
        self.labels = labels
        self.canonical_names = {actor.id: actor.name for actor in actors}
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
        start, end, clause = event_clause(event, sentence)
        found = set(self.in_span(event.doc, start, end))
        found |= self.named_in(clause)
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


def event_clause(event: Event, sentence: Sentence | None) -> tuple[int, int, str]:
    """The clause around an event's trigger in its sentence (the event's own text when the
    sentence is unknown): its document offsets and its text."""
    context = sentence if sentence is not None else Sentence(event.start, event.end, event.text)
    start, end = trigger_clause(event, context)
    return start, end, context.text[start - context.start:end - context.start]


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


class EventActors:
    """The actors named around an event, with each document's sentences read once."""

    def __init__(self, store: Store, index: MentionIndex) -> None:
        self.store = store
        self.index = index
        self._sentences: dict[str, list[Sentence]] = {}

    def sentences_of(self, doc: str) -> list[Sentence]:
        if doc not in self._sentences:
            self._sentences[doc] = self.store.sentences(doc)
        return self._sentences[doc]

    def __call__(self, event: Event) -> frozenset[str]:
        # Names written around the event only: a resolved pronoun source ("we" → a country) is
        # not written there, and counting it would let a speech's every "we" join reports of
        # other events that name that country.
        return self.index.event_actors(event, self.sentence_of(event))

    def sentence_of(self, event: Event) -> Sentence | None:
        in_doc = self.sentences_of(event.doc)
        return in_doc[event.sentence] if event.sentence < len(in_doc) else None

    def clause(self, event: Event) -> str:
        """The text of the clause whose names :meth:`__call__` reads."""
        return event_clause(event, self.sentence_of(event))[2]


class TimexIndex:
    """The temporal expression that dates each event, by its offsets."""

    def __init__(self, timexes: Iterable[Timex]) -> None:
        self._at: dict[tuple[str, int, int], Timex] = {}
        self.add(timexes)

    def add(self, timexes: Iterable[Timex]) -> None:
        self._at.update(((t.doc, t.start, t.end), t) for t in timexes)

    def of(self, event: Event) -> Timex | None:
        if event.date.basis != "timex" or event.date.start is None or event.date.end is None:
            return None
        return self._at.get((event.doc, event.date.start, event.date.end))


def name_lookup(index: MentionIndex) -> dict[str, dict[str, Any]]:
    """What :meth:`MentionIndex.event_actors` reads beyond a document's own mentions: the names it
    finds in any text, and the members named in each actor's name (as JSON, to keep between runs)."""
    return {"names": dict(sorted(index.names.items())),
            "parts": {actor: sorted(parts) for actor, parts in sorted(index.parts.items()) if parts}}


def renamed_documents(before: Mapping[str, Mapping[str, Any]], now: Mapping[str, Mapping[str, Any]],
                      index: MentionIndex, clauses: Iterable[tuple[str, str]]) -> set[str]:
    """The documents whose events' actors may differ between two :func:`name_lookup` states though
    none of their mentions changed: those that mention an actor whose named members changed, and
    those with an event clause (``clauses``: document, clause text) holding every word of a name
    that now stands for another actor, or for none."""
    names = {name for name in before["names"].keys() | now["names"].keys()
             if before["names"].get(name) != now["names"].get(name)}
    parts = {actor for actor in before["parts"].keys() | now["parts"].keys()
             if before["parts"].get(actor, []) != now["parts"].get(actor, [])}
    found = {doc for doc, spans in index.by_doc.items() if any(actor in parts for _, _, actor in spans)}
    if not names:
        return found
    # A superset of what named_in would find differently: the clause has every word of the name.
    wanted = [frozenset(name.split(" ")) for name in names]
    needed = frozenset().union(*wanted)
    for doc, clause in clauses:
        if doc in found:
            continue
        words = {w.lower() for w in NAME_PARTS.findall(clause)} & needed
        if words and any(name <= words for name in wanted):
            found.add(doc)
    return found
