"""Cue classes: is a quote something said, a stance taken, a thought or a finding?

A quote's class is its cue word's class in the lexicon (:data:`~storyline.analyse.lexicon.verbs.
CUE_CLASSES` for verbs, :data:`~storyline.analyse.lexicon.cues.CUE_WORD_CLASSES` for nouns and
adjectives; the classes are described in :mod:`storyline.analyse.lexicon.verbs`), with one reading
of the parse: a speech verb whose content is its infinitive or its object, not a clause or a
quotation, reports a stance ("promised to cut taxes", "called for talks", "told them to leave"),
since no words are reported. A quote with no cue word (a dash signature, a transcript label, a
headline, a continuation paragraph) is speech.

The benchmark reads gold attributions with the same function, so a class means the same on both
sides (``benchmarks/attribution.py``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyse.lexicon.cues import CUE_WORD_CLASSES
from storyline.analyse.lexicon.verbs import CUE_CLASSES, SPEECH_LIGHT_VERBS
from storyline.analyse.text import tokens_overlapping

# The class of a quote with no cue word, and of a cue word the lexicon does not hold.
NO_CUE_CLASS = "speech"
# Dependents that are part of a cue as written but carry no class: "has said", "did not say",
# "pointed out", "called for", "made the case".
_UNCLASSED_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "prep", "det", "punct"})
# The small English model's lemmatiser turns these forms into other words ("hoping" → "hop").
_LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}
# Dependents of a verb that hold what was wanted or done rather than what was said.
_NON_CLAUSE_DEPS = frozenset({"xcomp", "dobj", "prep", "pobj", "dative", "oprd", "attr"})
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "advcl"})


def word_class(token: Token) -> str | None:
    """The lexicon's class of one cue word, or None when it has none."""
    lemma = _LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
    first, second = (CUE_WORD_CLASSES, CUE_CLASSES) if token.pos_ in ("NOUN", "ADJ", "PROPN") else (CUE_CLASSES, CUE_WORD_CLASSES)
    return first.get(lemma) or second.get(lemma) or first.get(token.lower_) or second.get(token.lower_)


def cue_class(doc: Doc, cue: tuple[int, int] | None, content: tuple[int, int], *, quoted: bool = False) -> str:
    """The class of the report whose cue covers the characters ``cue`` and whose content covers
    ``content`` in ``doc``; ``quoted`` when the content is a quotation (then a speech verb stays
    speech whatever the parse makes of the quote)."""
    if cue is None:
        return NO_CUE_CLASS
    tokens = [t for t in tokens_overlapping(doc, *cue) if t.dep_ not in _UNCLASSED_DEPS]
    classed = [(t, c) for t in tokens if (c := word_class(t)) is not None]
    if not classed:
        return NO_CUE_CLASS
    head, cls = classed[0]
    if len(classed) > 1 and head.lemma_.lower() in SPEECH_LIGHT_VERBS:
        head, cls = classed[1]  # "made the case that": the noun carries the speech act
    if cls == "speech" and not quoted and head.pos_ in ("VERB", "AUX") and _not_a_clause(head, content):
        return "stance"
    return cls


def _not_a_clause(verb: Token, content: tuple[int, int]) -> bool:
    """Is the content the verb's infinitive or object ("promised to go", "called for talks"),
    with no clause of the verb inside it?"""
    # "called for talks": the preposition is the cue's, its object the content.
    near = [g for c in verb.children for g in ([c, *c.children] if c.dep_ == "prep" else [c])]
    inside = [c for c in near if content[0] <= c.idx < content[1]]
    if any(c.dep_ in _CLAUSE_DEPS for c in inside):
        return False
    return any(c.dep_ in _NON_CLAUSE_DEPS for c in inside)
