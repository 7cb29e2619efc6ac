"""Walks over a dependency parse, written once for every stage: climb a head chain, find a
verb's subject, read its auxiliaries and tense.

A stage keeps its own decisions (which labels stop a climb, how far it may go, what a tense
means for it); what is here is only the reading they share. The bound of a climb is always in
*steps up* (head links followed), so ``max_steps=4`` may reach the fourth head above a token.

    >>> doc = nlp("Russia said it would attack.")
    >>> climb(doc[2], lambda t: t.pos_ == "VERB", 2).text   # "it" → "attack", its head
    'attack'
    >>> subject_of(doc[1]).text
    'Russia'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Literal

from spacy.tokens import Token

from storyline.analyse.lexicon.grammar import (
    AUX_DEPS,
    FUTURE_AUX,
    PAST_TAG,
    PERFECT_AUX,
    PRESENT_TAGS,
    SUBJECT_DEPS,
)

# Where :func:`children` keeps a parsed document's children of each token.
_CHILDREN_KEY = "storyline.children"

__all__ = ["Tense", "auxiliaries", "climb", "first_child", "head_chain", "is_root", "subject_of", "tense"]

Tense = Literal["future", "perfect", "past", "present"]


def is_root(token: Token) -> bool:
    """Whether ``token`` heads its sentence (spaCy makes a root its own head)."""
    return token.head.i == token.i


def children(token: Token) -> tuple[Token, ...]:
    """``token.children``, read once per parsed document: spaCy makes new Token objects on every
    walk of them, and the stance reading asks each token of every head chain several times. (The
    cache lives in the Doc's own ``user_data``, so it goes when the Doc goes.)"""
    cache = token.doc.user_data.get(_CHILDREN_KEY)
    if cache is None:
        cache = token.doc.user_data[_CHILDREN_KEY] = {}
    kids = cache.get(token.i)
    if kids is None:
        kids = cache[token.i] = tuple(token.children)
    return kids


def head_chain(token: Token, max_steps: int, *, through: Callable[[Token], bool] | None = None) -> Iterator[Token]:
    """``token``, then its head, its head's head … at most ``max_steps`` steps up.

    The chain ends at the sentence root, and before any step up from a token for which
    ``through`` is false (that token is still yielded)."""
    current = token
    yield current
    for _ in range(max_steps):
        if is_root(current) or through is not None and not through(current):
            return
        current = current.head
        yield current


def climb(token: Token, until: Callable[[Token], bool], max_steps: int, *,
          through: Callable[[Token], bool] | None = None) -> Token | None:
    """The nearest head above ``token`` (not ``token`` itself), at most ``max_steps`` steps up,
    for which ``until`` holds; None when the root, the bound or a token that ``through`` refuses
    to leave comes first."""
    chain = head_chain(token, max_steps, through=through)
    next(chain)
    return next((head for head in chain if until(head)), None)


def first_child(token: Token, deps: frozenset[str]) -> Token | None:
    """The first child of ``token`` whose label is one of ``deps``."""
    return next((child for child in token.children if child.dep_ in deps), None)


def subject_of(verb: Token, deps: frozenset[str] = SUBJECT_DEPS) -> Token | None:
    """The subject of ``verb``: its first child labelled as one of ``deps``. Which labels count
    is the stage's choice (the doer only, or a passive subject or an expletive too): see
    :mod:`storyline.analyse.lexicon.grammar`."""
    return first_child(verb, deps)


def auxiliaries(verb: Token, *, shared_by_conjuncts: bool = False) -> list[Token]:
    """The auxiliaries of ``verb`` ("has", "will", "was", infinitive "to"). With
    ``shared_by_conjuncts``, a conjunct without its own takes its head's: "will meet and
    discuss"."""
    own = [c for c in verb.children if c.dep_ in AUX_DEPS]
    if own or not shared_by_conjuncts or verb.dep_ != "conj":
        return own
    return [c for c in verb.head.children if c.dep_ in AUX_DEPS]


def tense(verb: Token, auxes: Sequence[Token], *, future: frozenset[str] = FUTURE_AUX,
          perfect: frozenset[str] = PERFECT_AUX) -> Tense | None:
    """The tense that ``verb`` and its auxiliaries ``auxes`` (see :func:`auxiliaries`) carry, read
    in this order: "future" (a future auxiliary: "will have met" is future), "perfect" ("has
    met"), "past" (a past form of the verb or an auxiliary: "met", "was meeting"), "present"
    ("meets", "is meeting"), else None (a bare infinitive or participle). ``future`` and
    ``perfect`` are the auxiliary spellings the caller reads."""
    written = {a.lower_ for a in auxes}
    if written & future:
        return "future"
    if written & perfect:
        return "perfect"
    if verb.tag_ == PAST_TAG or any(a.tag_ == PAST_TAG for a in auxes):
        return "past"
    if verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes):
        return "present"
    return None
