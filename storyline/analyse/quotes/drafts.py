"""Drafts between the rules and the records: widened over the quotes they touch, joined by the
quoted segments no cue claimed, and deduplicated.

Each step returns new drafts (:class:`.rules.Draft` is immutable); none changes a draft it was
given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from storyline.analyse.quotes.cueless import FRAME_RULES, MAX_CUE_AFTER_QUOTE, OWN_CUE_RULES, cue_before, first_draft, is_title
from storyline.analyse.quotes.marks import OPENING, Segment
from storyline.analyse.quotes.rules import Draft
from storyline.analyse.text import Sent, doc_text, word_count

# A quoted segment shorter than this (in word tokens) with no cue of its own is a scare quote
# ("the imposition of “tough” sanctions"), not a statement; it only counts inside reported speech.
MIN_STANDALONE_QUOTE_TOKENS = 4
# A paragraph that is entirely one quotation, with no cue, continues the speaker of the quote that
# ended the paragraph right before it ("“…,” she said.¶“Especially not if they're electric.”"), as
# a reader reads it: the rule reads only the next paragraph (1), and only when no other statement
# stands between the two. Set to 0 to turn it off. Measured on PolNeAR (benchmarks/attribution.py,
# standard and --reader conventions): see rules.PRECISION["continuation"]. The earlier form of
# the rule (any cue-less quote up to N paragraphs on, whole paragraph or not) was right 22% of
# the time on PolNeAR dev (27 quotes): a quote paragraph that is not a whole quotation, or comes
# after something else was said, usually has a new speaker named in a way we miss. Within one
# paragraph a cue-less quote still continues the statement before it (see _continues). Such
# drafts carry the evidence "continuation".
CONTINUATION_PARAGRAPHS = 1


def widen(draft: Draft, segments: Sequence[Segment]) -> Draft:
    """``draft`` grown over every quoted segment it touches; a quote is never cut in half."""
    start, end = draft.start, draft.end
    touched = []
    cue = draft.cue
    for seg in segments:
        # Content ending right before a closing mark ("…it,” he said") touches that segment too.
        if seg.start < end + 2 and seg.end > start:
            if cue is not None and seg.start < cue[0] < seg.end:
                continue
            touched.append(seg)
    for seg in touched:
        start, end = min(start, seg.start), max(end, seg.end)
    return replace(draft, start=start, end=end, segments=tuple(touched))


def attach_segments(doc: Doc, segments: Sequence[Segment], drafts: Sequence[Draft],
                    sents: Sequence[Sent]) -> list[Draft]:
    """The cue-less pass: every quoted segment no draft in ``drafts`` covers joins a statement or
    starts one. Returns ``drafts`` as the pass revised them (same order), then the new drafts.

    For each uncovered segment, in text order:

    - a cue of its own (:data:`.cueless.OWN_CUE_RULES`) that a later draft already has: it is
      the first half of that statement (“A,” X said, “B.” — the parse gave the cue B as its
      clause), so that draft now starts here;
    - else, right after the statement before it with nothing but that statement's cue between
      (“A,” she said. “B.”): it continues that statement (PolNeAR annotates it as one), unless a
      cue before it (``X said: “B”``) names another;
    - else a draft of its own from a frame rule (:data:`.cueless.FRAME_RULES`);
    - else nothing: a quote nobody says (a title, a scare quote, a slogan) is not reported speech.
    """
    text = doc_text(doc)
    revised = list(drafts)
    added: list[Draft] = []
    covered = {(s.start, s.end) for d in drafts for s in d.segments}
    # Drafts are named by (list, index) so that a revision is seen wherever the draft is read next.
    by_start = sorted(range(len(revised)), key=lambda i: revised[i].start)
    previous: tuple[list[Draft], int] | None = None
    for seg in segments:
        if (seg.start, seg.end) in covered:
            previous = next(((revised, i) for i in by_start if seg in revised[i].segments), previous)
            continue
        quoted = text[seg.start:seg.end]
        words = word_count(quoted)
        if is_title(quoted):
            continue  # “Fox News Sunday,” — the name of a show, a book, a law: nobody says it
        draft = first_draft(OWN_CUE_RULES, doc, seg, sents)
        later = next((i for i in by_start if draft is not None and revised[i].cue == draft.cue
                      and revised[i].start > seg.start and revised[i].segments
                      and revised[i].segments[0].start == revised[i].start), None)
        if later is not None:
            # “A,” X said, “B.” — the parse gave the cue B as its clause; A is the same statement.
            revised[later] = replace(revised[later], start=seg.start, segments=(seg, *revised[later].segments))
            previous = (revised, later)
            continue
        prior_at = previous if previous is not None else _latest_before(revised, by_start, seg.start)
        prior = prior_at[0][prior_at[1]] if prior_at is not None else None
        last = max(prior.segments, key=lambda g: g.end) if prior is not None and prior.segments else None
        if draft is None and prior_at is not None and prior is not None and last is not None \
                and _continues(text, last, seg, prior.cue):
            before = cue_before(doc, seg, sents)
            if before is None or before.cue == prior.cue:
                # “A,” she said. “B.” — one statement interrupted by its cue (PolNeAR
                # annotates it as one attribution), so the content grows over B.
                prior_at[0][prior_at[1]] = replace(prior, end=max(prior.end, seg.end), segments=(*prior.segments, seg))
                continue
            draft = before
        if draft is None:
            draft = first_draft(FRAME_RULES, doc, seg, sents)
        if draft is None and words >= MIN_STANDALONE_QUOTE_TOKENS and CONTINUATION_PARAGRAPHS > 0:
            if prior is not None and prior.subject_span is not None and last is not None \
                    and 0 < seg.paragraph - last.paragraph <= CONTINUATION_PARAGRAPHS \
                    and _whole_paragraph(text, seg) and _ends_its_paragraph(text, last) \
                    and not any(last.end <= d.start < seg.start for d in (*revised, *added) if d is not prior):
                draft = Draft(seg.start, seg.end, None, prior.subject, prior.subject_span, "continuation")
        if draft is None:
            continue  # a quote nobody says: a title, a scare quote, a slogan
        added.append(replace(draft, segments=(seg,)))
        previous = (added, len(added) - 1)
    return revised + added


def _whole_paragraph(text: str, seg: Segment) -> bool:
    """Is the quoted segment its whole paragraph (nothing but spaces around it)?"""
    start = text.rfind("\n", 0, seg.start) + 1
    end = text.find("\n", seg.end)
    return not text[start:seg.start].strip() and not text[seg.end:end if end != -1 else len(text)].strip()


def _ends_its_paragraph(text: str, seg: Segment) -> bool:
    """Does the quotation end its paragraph, but for its cue ("“…,” she said.")? Not a fragment
    inside a sentence that goes on about someone else."""
    end = text.find("\n", seg.end)
    return word_count(text[seg.end:end if end != -1 else len(text)]) <= MAX_CUE_AFTER_QUOTE


def _latest_before(drafts: list[Draft], order: Sequence[int], char: int) -> tuple[list[Draft], int] | None:
    """The last draft (in ``order``) with a speaker that ends before ``char``."""
    best = None
    for i in order:
        d = drafts[i]
        if d.end <= char + 1 and d.subject is not None:
            best = i
    return (drafts, best) if best is not None else None


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """One attribution per content: keep the first cue that claimed a span, drop nested copies."""
    drafts = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Draft] = []
    for d in drafts:
        dup = False
        for k in kept:
            same_content = k.start == d.start and k.end == d.end
            same_cue = k.cue is not None and k.cue == d.cue
            if same_content or same_cue:
                dup = True
                break
        if not dup:
            kept.append(d)
    return kept


def _continues(text: str, last: Segment, seg: Segment, cue: tuple[int, int] | None = None) -> bool:
    """Is ``seg`` the rest of the statement that ended with ``last``?"""
    if seg.paragraph == last.paragraph:
        between = text[last.end:seg.start]
        if cue is not None and last.end <= cue[0] < seg.start and not any(m in between for m in OPENING):
            # Only the cue's sentence between the two halves, ending where a quote can resume
            # (“A,” she said, “B” / “A,” she said. “B”): not a title named inside the cue's
            # clause (“A,” he said on ABC’s “This Week”).
            return re.search(r"[,.:;!?]\s*$", between) is not None
        # Only the cue may stand between: "…,” she said. “…" (a short stretch, one sentence end).
        return word_count(between) <= MAX_CUE_AFTER_QUOTE and between.count(".") <= 1
    return seg.paragraph == last.paragraph + 1 and last.repair is not None and last.repair.startswith("quote continues")
