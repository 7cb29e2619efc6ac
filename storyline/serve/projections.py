"""One JSON projection per record: what every outside face writes for a document, an actor, a quote.

The CLI's ``--json``, the JSONL and CSV exports (and the HTTP API) all write a record through the
function here, so a record has one shape wherever it is read; README.md's "Export format" is
the published contract of these shapes. Each function is a plain mapping of a typed record (and
what it is shown with: a document's publications, an actor's mentions, actor names) to JSON-ready
values; none reads the store, so the caller reads what a listing needs in bulk.

    from storyline.serve import projections
    with Store.open("storyline.db") as store:
        names = store.actor_names()
        records = [projections.quote(q, names) for q in store.quotes(kind="direct")]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from storyline.analyse.lexicon.verbs import cue_class_rank
from storyline.records import (
    ActorPage,
    ActorSummary,
    Briefing,
    CitedSentence,
    KeptDay,
    Copy,
    EntityMention,
    Event,
    Failure,
    Issue,
    ItemWarning,
    Position,
    Publication,
    Quote,
    SearchHit,
    Span,
    StoredDocument,
    Story,
    TimelineEntry,
    Timex,
)

if TYPE_CHECKING:  # the positions module imports spaCy, which no projection needs
    from storyline.link.positions import MatrixCell

Record = dict[str, Any]


def span(s: Span | None) -> dict[str, Any] | None:
    """A piece of a document's text: ``{text, start, end}``, or None."""
    return {"text": s.text, "start": s.start, "end": s.end} if s is not None else None


def document(doc: StoredDocument, publications: Iterable[Publication] = (), *, story: str | None = None,
             copy: Copy | None = None) -> Record:
    """A document with its clean text, its removed spans (offsets into the raw input) and every
    publication that carried its text. ``doc`` must be read with its removed spans. ``story`` is
    the id of its story; ``copy`` its near-copy mark (``duplicate_of`` and ``similarity`` are null
    for a document that is no copy)."""
    return {
        "type": "document", "id": doc.id, "source": doc.source, "title": doc.title, "outlet": doc.outlet,
        "url": doc.url, "published": doc.published, "published_basis": doc.published_basis,
        "published_confidence": doc.published_confidence, "published_evidence": doc.published_evidence,
        "language": doc.language, "text": doc.text,
        "removed": [{"start": s.start, "end": s.end, "reason": s.reason, "text": s.text} for s in doc.removed],
        "publications": [{"source": p.source, "outlet": p.outlet, "url": p.url, "published": p.published}
                         for p in publications],
        "story": story, "duplicate_of": copy.canonical if copy else None,
        "similarity": copy.similarity if copy else None,
    }


def story(s: Story, names: Mapping[str, str], *, outlets: bool = False) -> Record:
    """A story: its documents (copies included) in publication order and its actors by name;
    with ``outlets``, the outlets that ran it (the listings show them; the export leaves them out)."""
    record: Record = {"type": "story", "id": s.id, "title": s.title, "first": s.first, "last": s.last,
                      "docs": list(s.docs), "actors": [names.get(a, a) for a in s.actors], "size": s.size}
    if outlets:
        record["outlets"] = list(s.outlets)
    return record


def story_detail(s: Story, names: Mapping[str, str], documents: Mapping[str, StoredDocument],
                 copies: Mapping[str, Copy], entries: Iterable[TimelineEntry]) -> Record:
    """One story as ``storyline story --json`` shows it: the story with its outlets, each of its
    ``documents`` (title, outlet, date, near-copy mark from ``copies``) and its timeline ``entries``."""
    return {**story(s, names, outlets=True),
            "documents": [{"id": d, "title": documents[d].title, "outlet": documents[d].outlet,
                           "published": documents[d].published,
                           "duplicate_of": copies[d].canonical if d in copies else None,
                           "similarity": copies[d].similarity if d in copies else None}
                          for d in s.docs if d in documents],
            "timeline": [timeline_entry(e) for e in entries]}


def duplicate_group(canonical: str, copies: Iterable[Copy], outlets: Mapping[str, str | None]) -> Record:
    """A group of near-copies: the canonical document and each copy with its similarity, with the
    outlet of each (``outlets`` by document id)."""
    return {"canonical": canonical, "outlet": outlets.get(canonical),
            "copies": [{"doc": c.doc, "similarity": c.similarity, "outlet": outlets.get(c.doc)} for c in copies]}


def document_mention(m: EntityMention, actor: str | None, names: Mapping[str, str]) -> Record:
    """An entity mention in a document (``storyline show --json``): where, its label, sentence and
    role, and the actor it joins (``entity``, ``entity_name``; null when it joins none)."""
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "label": m.label,
            "sentence": m.sentence, "role": m.role, "role_start": m.role_start, "role_end": m.role_end,
            "entity": actor, "entity_name": names.get(actor or "")}


def mention(m: EntityMention) -> Record:
    """An actor's mention: where it is written (``text == document.text[start:end]``)."""
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text}


def entity(actor: ActorSummary, mentions: Iterable[EntityMention] | None) -> Record:
    """A canonical actor with its aliases, the rule that linked each, its roles and every mention of
    it in the corpus; ``mention_count`` is the number of ``mentions``. With ``mentions`` None (the
    HTTP API's listing of actors: a much-named actor has thousands) the record has no ``mentions``
    and ``mention_count`` is the actor's count as stored."""
    record: Record = {
        "type": "entity", "id": actor.id, "name": actor.name, "label": actor.label,
        "aliases": [link.alias for link in actor.aliases], "roles": list(actor.roles),
        "alias_links": [{"alias": a.alias, "rule": a.rule, "evidence": a.evidence} for a in actor.aliases],
        "mention_count": actor.mention_count,
    }
    if mentions is not None:
        record["mentions"] = [mention(m) for m in mentions]
        record["mention_count"] = len(record["mentions"])
    return record


def quote(q: Quote, names: Mapping[str, str]) -> Record:
    """A quote, its cue and its speaker; ``names`` maps actor ids to canonical names (the speaker's
    ``name`` is None when unresolved)."""
    speaker = q.speaker
    return {
        "type": "quote", "doc": q.doc, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
        "speaker": {
            "name": names.get(q.actor or ""), "entity": q.actor,
            "text": speaker.text if speaker else None, "start": speaker.start if speaker else None,
            "end": speaker.end if speaker else None, "resolution": q.resolution,
            "resolved_to": span(q.speaker_ref), "on_behalf_of": span(q.speaker_for),
        },
        "cue": span(q.cue), "confidence": q.confidence, "repair": q.repair,
        "parts": [span(part) for part in q.parts], "cue_class": q.cue_class,
    }


def timex(t: Timex) -> Record:
    return {"type": "timex", "doc": t.doc, "start": t.start, "end": t.end, "text": t.text,
            "timex_type": t.type, "value": t.value, "values": list(t.values)}


def event(e: Event, names: Mapping[str, str]) -> Record:
    """An event; ``source_actor``/``target_actor`` are canonical names, ``source``/``target`` the
    spans as written with their actor ids."""
    return {
        "type": "event", "doc": e.doc, "start": e.start, "end": e.end, "text": e.text,
        "trigger": span(e.trigger), "category": e.category, "mode": e.mode,
        "date": {"value": e.date.value, "basis": e.date.basis, "start": e.date.start, "end": e.date.end},
        "source_actor": names.get(e.source_actor or ""), "target_actor": names.get(e.target_actor or ""),
        "source": {**(span(e.source) or {}), "entity": e.source_actor} if e.source else None,
        "target": {**(span(e.target) or {}), "entity": e.target_actor} if e.target else None,
        "place": e.place.text if e.place else None, "confidence": e.confidence,
    }


def timeline_entry(entry: TimelineEntry, *, filtered: bool = False) -> Record:
    """A merged timeline entry with its events, sources and date claims. ``filtered`` adds why the
    salience rules left it out of the reader's timeline (null when shown), for listings that
    include such entries; the export lists only the shown ones and leaves it out."""
    record: Record = {
        "type": "timeline_entry", "id": entry.id, "date": entry.date, "title": entry.title,
        "category": entry.category, "mode": entry.mode,
        "events": [{"doc": e.doc, "start": e.start, "end": e.end, "text": e.text, "date": e.date.value}
                   for e in entry.events],
        "sources": list(entry.sources),
        "date_claims": [{"value": claim.value, "doc": claim.doc} for claim in entry.date_claims],
        "actors": list(entry.actors), "salience": entry.salience,
    }
    if filtered:
        record["filtered"] = entry.filtered
    return record


def actor_page(page: ActorPage, names: Mapping[str, str], labels: Mapping[str, str]) -> Record:
    """An actor's page: the actor (its aliases with the rule and evidence of each, its roles),
    then what it said by cue class, what it did, where it stands, each in date order with the
    day of its document; quotes, events and positions in their own projections."""
    a = page.actor
    said: dict[str, list[Record]] = {}
    # speech first (what a reader asking "what did she say" wants), each class under its own name
    for q in sorted(page.quotes, key=lambda q: cue_class_rank(q.cue_class)):  # stable: date order kept
        said.setdefault(q.cue_class or "unclassed", []).append({**quote(q, names), "published": page.published.get(q.doc)})
    return {"type": "actor_page", "id": a.id, "name": a.name, "label": a.label, "roles": list(a.roles),
            "aliases": [{"alias": link.alias, "rule": link.rule, "evidence": link.evidence} for link in a.aliases],
            "mention_count": a.mention_count, "said": said,
            "did": [{**event(e, names), "published": page.published.get(e.doc)} for e in page.events],
            "stands": [position(p, names, labels) for p in page.positions]}


def briefing(b: Briefing) -> Record:
    """A briefing: every sentence with the document span it is (``text`` equals that span)."""
    return {"type": "briefing", "story": b.story, "generated": b.generated, "since": b.since,
            "sentences": [{"text": s.text, "doc": s.doc, "start": s.start, "end": s.end,
                           "sources": list(s.sources), "section": s.section} for s in b.sentences]}


def kept_day(day: KeptDay) -> Record:
    """A day of the reader's timeline (``timeline --top N``): how many independent articles refer
    to it, and its best entries, each with its publications and its independent reports."""
    return {"type": "timeline_day", "date": day.date, "references": day.references,
            "summary": [cited_sentence(s) for s in day.summary],
            "entries": [{**timeline_entry(kept.entry), "publications": kept.publications,
                         "independent_sources": kept.independent} for kept in day.entries]}


def cited_sentence(s: CitedSentence) -> Record:
    """A sentence quoted as evidence: ``text`` equals that span of ``doc``; ``sources`` every
    article printing it."""
    return {"text": s.text, "doc": s.doc, "start": s.start, "end": s.end, "sources": list(s.sources)}


def error(failure: Failure) -> Record:
    """An input item that failed: where, in which stage, its code and why."""
    return {"type": "error", "source": failure.source, "stage": failure.stage, "code": failure.code,
            "reason": failure.reason}


def warning(w: ItemWarning) -> Record:
    """An item kept with a doubt: where, which document, its code, why, and the detail."""
    return {"type": "warning", "source": w.source, "doc": w.doc, "stage": w.stage, "code": w.code,
            "reason": w.reason, "detail": dict(w.detail)}


def search_hit(hit: SearchHit) -> Record:
    """A sentence found by full-text search, with its document and offsets (not exported)."""
    return {"doc": hit.doc, "title": hit.title, "sentence": hit.sentence, "start": hit.start, "end": hit.end,
            "text": hit.text, "rank": hit.rank}


def issue(i: Issue) -> Record:
    """An issue: the proposition (``label``) and the keywords that find it; ``induced`` when it was
    found in the corpus rather than given."""
    return {"type": "issue", "id": i.id, "label": i.label, "keywords": list(i.keywords), "induced": i.induced}


def issue_ref(issue: str, labels: Mapping[str, str]) -> Record:
    """An issue as a record that refers to it names it: its id and label."""
    return {"id": issue, "label": labels.get(issue)}


def position(p: Position, names: Mapping[str, str], labels: Mapping[str, str]) -> Record:
    """Where an actor stands on an issue, as one sentence says (``text == document.text[start:end]``);
    ``names`` maps actor ids to canonical names, ``labels`` issue ids to labels. ``quote`` and
    ``event`` point at the quote or event record it was read from by ``{doc, start, end}`` (null
    for a stance statement read from the sentence alone). ``date`` is the day the statement was
    made, ``about`` a date it is about (null when it names none)."""
    return {
        "type": "position", "id": p.id, "doc": p.doc, "start": p.start, "end": p.end, "text": p.text,
        "actor": {"name": names.get(p.actor), "entity": p.actor},
        "issue": issue_ref(p.issue, labels),
        "stance": p.stance, "polarity": p.polarity, "date": p.date, "about": p.about,
        "quote": _at(p.doc, p.quote_at), "event": _at(p.doc, p.event_at),
        "confidence": p.confidence,
    }


def _at(doc: str, offsets: tuple[int, int] | None) -> Record | None:
    return {"doc": doc, "start": offsets[0], "end": offsets[1]} if offsets is not None else None


def positions_matrix(cells: Sequence["MatrixCell"], sides: Mapping[str, tuple[list[str], list[str]]],
                     names: Mapping[str, str], top: int) -> Record:
    """The actor × issue table (``storyline positions --matrix --json``): the cells of the ``top``
    actors with the most positions, the most active first, each with its net stance, counts and
    first and last date; and the issues where actors stand on opposite sides (``sides``, from
    :func:`storyline.link.positions.conflicts`), by name."""
    activity: dict[str, int] = {}
    for cell in cells:
        activity[cell.actor] = activity.get(cell.actor, 0) + cell.count
    chosen = set(sorted(activity, key=lambda a: (-activity[a], names.get(a, a)))[:top])
    rows = [{"actor": names.get(c.actor, c.actor), "entity": c.actor, "issue": c.issue, "net": c.net,
             "for": c.support, "against": c.against, "neutral": c.neutral, "first": c.first, "last": c.last}
            for c in sorted((c for c in cells if c.actor in chosen),
                            key=lambda c: (-activity[c.actor], names.get(c.actor, ""), c.issue))]
    return {"cells": rows, "conflicts": {issue: {"for": [names.get(a, a) for a in f],
                                                 "against": [names.get(a, a) for a in g]}
                                         for issue, (f, g) in sides.items()}}
