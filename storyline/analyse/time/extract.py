"""The extraction: propose candidates, settle which are timexes, resolve them in text order.

Two readings of each candidate, each with its own input and output:

1. :func:`settle` decides *which spans* are timexes. Overlaps are settled longest first, so
   candidates are read out of text order, when the story's time is not yet known: each is read
   against the publication date alone (:data:`~storyline.analyse.time.story.UNREAD`).
2. :func:`resolve` decides *what each means*. The settled spans are read again in text order,
   each against the story time the ones before it leave (a fold over
   :func:`~storyline.analyse.time.story.after`), and widened by their modifiers. A span whose
   reading now refuses it ("that day" with no date named before) is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.candidates import Candidate, propose
from storyline.analyse.time.document import Document
from storyline.analyse.time.modifiers import widen
from storyline.analyse.time.result import Result
from storyline.analyse.time.rules import RULES
from storyline.analyse.time.story import OPENING, UNREAD, after
from storyline.records import Timex

# A date the calendar refuses ("February 30") makes a reading raise: that match is not a timex.
_REFUSALS = (ValueError, OverflowError, KeyError)


def extract_timexes(doc_id: str, doc: Doc, published: dt.date | None) -> tuple[Timex, ...]:
    """Find and normalise the temporal expressions in ``doc.text``.

    ``published`` is the document creation time that relative expressions are resolved against;
    with ``None`` they stay underspecified. Returns timexes in text order, never overlapping, with
    ``doc.text[t.start:t.end] == t.text``.
    """
    document = Document.of(doc)
    spans = settle(propose(document, RULES), Anchor(document, published, UNREAD))
    return resolve(doc_id, spans, document, published)


def settle(candidates: Iterable[Candidate], anchor: Anchor) -> list[Candidate]:
    """The candidates that are timexes, in text order: longest first (then leftmost, then in
    registry order), each one its reading accepts against ``anchor`` and that overlaps none
    taken before it."""
    taken: list[tuple[int, int]] = []
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(candidate.start < e and s < candidate.end for s, e in taken):
            continue
        if _read(candidate, anchor) is None:
            continue
        taken.append((candidate.start, candidate.end))
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def resolve(doc_id: str, spans: Sequence[Candidate], document: Document,
            published: dt.date | None) -> tuple[Timex, ...]:
    """The timexes of settled ``spans`` (in text order), each resolved against the publication
    date and the story time that the timexes before it leave."""
    text = document.text
    story = OPENING
    timexes: list[Timex] = []
    for candidate in spans:
        result = _read(candidate, Anchor(document, published, story))
        if result is None:
            continue
        extent = widen(text, result, candidate.start, candidate.end,
                       previous_end=timexes[-1].end if timexes else 0, quantified=candidate.rule.quantified)
        start, end = extent.start, candidate.end
        timex = Timex(
            doc=doc_id, start=start, end=end, text=text[start:end], type=result.type,
            value=extent.value, sentence=document.sentence(start), values=extent.values or (extent.value,),
            mod=extent.mod, rule=candidate.rule.name)
        story = after(story, timex, refers_back=result.refers_back, document=document, published=published)
        timexes.append(timex)
    return tuple(timexes)


def _read(candidate: Candidate, anchor: Anchor) -> Result | None:
    try:
        return candidate.rule.read(candidate.match, anchor, candidate.start, candidate.end)
    except _REFUSALS:
        return None
