"""Assembly: finished drafts into :class:`~storyline.records.Quote` records.

A draft's kind is read from the quote marks it covers (all of its content quoted: "direct"; a
quoted fragment inside reported speech: "mixed"; none: "indirect"), its speaker is resolved
(:mod:`.speakers`), and its confidence is the precision of the evidence that found it
(:data:`.rules.PRECISION`) times a factor for how the speaker was resolved, and a factor for a
repaired quote mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyse.quotes.classes import cue_class
from storyline.analyse.quotes.marks import Segment, inside
from storyline.analyse.quotes.rules import PRECISION, Draft
from storyline.analyse.text import SentenceIndex, char_span, doc_text, word_count
from storyline.analyse.references import DocumentReferences, SpeakerPhrase
from storyline.records import EntityMention, Quote, QuoteKind, Reference, Span

# Ratio of the precision with this resolution to the rule's overall precision, averaged over
# rules weighted by count (train): named 1.10 (n=7626), org-descriptor 1.00 (n=448), role-title
# 1.00 (n=319), relative 0.99 (n=272), pronoun 0.95 (n=3475), unresolved 0.84 (n=3355).
RESOLUTION_FACTOR: dict[str, float] = {
    "named": 1.10,
    "relative": 0.99,
    "org-descriptor": 1.00,
    "role-title": 1.00,
    "on-behalf": 1.00,  # not measured apart: it was "named" or "role-title" before (see docs/benchmarks.md)
    "pronoun": 0.95,
    "continuation": 1.0,
    "unresolved": 0.84,
    "no-speaker": 0.5,  # not measured: such quotes are not emitted by default
}
# A repaired quote (a missing mark) is less certain about its extent. Hand-set, not measured:
# PolNeAR has too few broken quote marks to measure it.
REPAIR_FACTOR = 0.85

# What stands between a quote's content and the cue that interrupts it: spaces, commas, dashes.
_INTERRUPTION_EDGES = " \t,.;:—–-"
# How far past its verb an aside set off by commas may run ("…, the minister said on Monday, …").
MAX_ASIDE_TAIL_CHARS = 40


def assemble(doc_id: str, doc: Doc, mentions: Sequence[EntityMention], segments: Sequence[Segment],
             drafts: Sequence[Draft]) -> tuple[Quote, ...]:
    """One quote per draft, in the drafts' order; speakers resolved by the document's references."""
    text = doc_text(doc)
    sentences = SentenceIndex(doc)
    phrases = [SpeakerPhrase(d.subject_span, d.subject, (d.start, d.end))
               if d.subject is not None and d.subject_span is not None else None for d in drafts]
    references = DocumentReferences(doc, mentions, lambda char: inside(segments, char) is not None)
    resolved = iter(references.speakers([p for p in phrases if p is not None]))
    found = [next(resolved) if p is not None else None for p in phrases]
    return tuple(_quote(doc_id, doc, text, sentences, d, r) for d, r in zip(drafts, found))


def _quote(doc_id: str, doc: Doc, text: str, sentences: SentenceIndex, d: Draft, reference: Reference | None) -> Quote:
    if reference is None:
        speaker, ref, resolution, behalf = None, None, "no-speaker", None
    else:
        speaker, ref, resolution, behalf = reference.mention, reference.antecedent, reference.rule, reference.on_behalf_of
    if d.evidence == "continuation":
        resolution = "continuation" if ref is not None else "unresolved"
    kind = _kind(text, d)
    repair = next((s.repair for s in d.segments if s.repair), None)
    cue = char_span(text, *d.cue) if d.cue else None
    first, last = sentences.of(d.start), sentences.of(max(d.start, d.end - 1))
    return Quote(
        doc=doc_id, start=d.start, end=d.end, text=text[d.start:d.end], kind=kind,
        cue=cue, speaker=speaker, speaker_ref=ref, resolution=resolution,
        confidence=confidence(d.evidence, kind, resolution, repair),
        sentences=tuple(range(first, last + 1)), repair=repair, parts=_parts(text, d, kind),
        cue_class=cue_class(doc, d.cue, (d.start, d.end), quoted=kind == "direct"),  # type: ignore[arg-type]
        speaker_for=behalf,
    )


def confidence(evidence: str, kind: QuoteKind, resolution: str, repair: str | None) -> float:
    """The precision of the evidence (for "direct" and "indirect" evidence, of the quote's kind
    as found), times the factors for the resolution and a repair, rounded to 3 places."""
    bucket = evidence if evidence in PRECISION and evidence not in ("direct", "indirect") else kind
    value = PRECISION[bucket].value * RESOLUTION_FACTOR.get(resolution, 0.7)
    if repair is not None:
        value *= REPAIR_FACTOR
    return round(min(1.0, max(0.0, value)), 3)


def _parts(text: str, d: Draft, kind: QuoteKind) -> tuple[Span, ...]:
    """The content on either side of a cue that interrupts it: "“A,” she said, “B.”" and "A,
    the minister said, B" are A and B; the cue, its speaker and the commas around them are
    the writer's words. A direct quote in several quoted segments is those segments ("“A,”
    he told reporters. “B.”"). Empty when the content is one piece."""
    if kind == "direct" and len(d.segments) >= 2:
        return tuple(char_span(text, g.start, g.end) for g in sorted(d.segments, key=lambda g: g.start))
    if d.cue is None or not d.start < d.cue[0] < d.end:
        return ()
    a, b = d.cue
    if d.subject_span is not None and d.start < d.subject_span[0] < d.end and (
            abs(d.subject_span[1] - a) <= 2 or abs(b - d.subject_span[0]) <= 2):
        a, b = min(a, d.subject_span[0]), max(b, d.subject_span[1])  # "she said", "said Ann Ek"
    while a > d.start and text[a - 1] in _INTERRUPTION_EDGES:
        a -= 1
    if text[a:d.cue[0]].lstrip().startswith(","):
        # set off by commas ("A, the minister said on Monday, B"): the aside runs to the next one
        comma = text.find(",", b, min(d.end, b + MAX_ASIDE_TAIL_CHARS))
        if comma != -1:
            b = comma
    while b < d.end and text[b] in _INTERRUPTION_EDGES:
        b += 1
    pieces = [(d.start, a), (b, d.end)]
    if any(word_count(text[x:y]) == 0 for x, y in pieces):
        return ()
    return tuple(char_span(text, x, y) for x, y in pieces)

def _kind(text: str, d: Draft) -> QuoteKind:
    if not d.segments:
        return "indirect"
    outside = text[d.start:d.end]
    blanks = [(seg.start, seg.end) for seg in d.segments]
    first, last = min(g.end for g in d.segments), max(g.start for g in d.segments)
    if d.cue is not None and first <= d.cue[0] < last:
        blanks.append((first, last))  # “A,” she said, “B.” — the cue between halves is not content
    for a, b in blanks:
        a, b = max(0, a - d.start), max(0, b - d.start)
        outside = outside[:a] + " " * (b - a) + outside[b:]
    return "mixed" if word_count(outside) > 1 else "direct"
