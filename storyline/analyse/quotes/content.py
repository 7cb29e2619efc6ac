"""Where reported content begins and ends, and where the cue's own words are, in the parse.

A cue rule finds a cue and its clause; these say which tokens of that clause are the speaker's
words: the complement a cue takes (``ccomp``, ``xcomp``, a "that" clause, a short answer), and
what is cut off its end (what the writer adds after a comma: ``, which …``, ``, though …``,
``, according to …``; the speaker's next act: ``… and suggested that``; edge punctuation).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyse.lexicon.cues import (
    COMPLEMENT_PREPOSITIONS, CUE_PARTICLES, CUE_PREPOSITIONS, CUE_WORD_CLASSES, SHORT_ANSWERS, TOPIC_PREPOSITIONS)
from storyline.analyse.lexicon.grammar import NOMINAL_SUBJECT_DEPS, SUBJECT_DEPS
from storyline.analyse.lexicon.verbs import CUE_VERBS, GERUND_CUE_VERBS, XCOMP_CUE_VERBS
from storyline.analyse.quotes.marks import CLOSE_MARKS, STRAIGHT
from storyline.analyse.text import tok_end
from storyline.analyse.syntax import head_chain

# Dependents after a stance verb's object that say what the stance is about ("accused him of
# lying", "praised her for her work", "condemned it as provocative"); other prepositions mostly
# give time, place or manner.
OBJECT_COMPLEMENT_DEPS: frozenset[str] = frozenset({"prep", "oprd", "xcomp", "ccomp"})

# What the writer adds after a comma at the end of reported content, when it opens with one of
# these words (or is a participle or an apposition): not part of what the speaker said.
TRAILING_ADDITION_DEPS: frozenset[str] = frozenset({"relcl", "acl", "advcl", "appos"})
NON_RESTRICTIVE_OPENERS: frozenset[str] = frozenset(
    {"which", "who", "whom", "whose", "when", "where", "though", "although", "whereas", "while", "even"})

# Steps from the word after a comma up to the clause it opens: "whose" → "findings" → "released".
TRAILING_CLAUSE_STEPS = 4


def complement(token: Token, lemma: str) -> Token | None:
    # A clause after the cue wins over one before it: the small model sometimes hangs the
    # previous sentence on the cue as a second ``ccomp`` ("…; more so, he said that CNN had").
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        return next((c for c in clauses if c.i > token.i), clauses[0])
    if lemma in XCOMP_CUE_VERBS:
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i:
                return child
    for child in token.children:
        if child.i < token.i:
            continue
        if child.lower_ in SHORT_ANSWERS and child.dep_ in ("advmod", "intj", "dobj", "attr", "npadvmod", "acomp"):
            return child  # "half said so", "72 percent said yes", "a third said the same of Cruz"
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(g.dep_ == "ccomp" for g in child.children):
            return child  # "He said legalizing it could put …": a clause the parse split at its subject
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in GERUND_CUE_VERBS:
            return child  # "reported earning $132 million", "denied knowing him"
    stray = _stray_that_clause(token)
    if stray is not None:
        return stray
    # "said on Monday that …" is sometimes parsed as an advcl introduced by "that", and "said
    # after the vote he would resign" as an advcl with its own subject and no subordinator.
    for child in token.children:
        if child.dep_ != "advcl" or child.i < token.i:
            continue
        marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
        has_subject = any(g.dep_ in NOMINAL_SUBJECT_DEPS for g in child.children)
        if marks == ["that"] or not marks and has_subject:
            return child
        if marks == ["for"] and has_subject and lemma in XCOMP_CUE_VERBS:
            return child  # "called for the rivals to drop out"
    return None


def controlled_object_start(cue: Token, xcomp: Token, start: int) -> int:
    """Where an infinitive's content begins when the cue's object is its subject: "urged
    *supporters* to monitor polling places", "asked the council to delay the vote". PolNeAR
    marks the object with the infinitive (it is who is to act); the object must stand right
    before the infinitive, between it and the cue."""
    for child in cue.children:
        if child.dep_ == "dobj" and cue.i < child.i < xcomp.i and child.right_edge.i + 1 == start:
            return child.left_edge.i
    return start


def _stray_that_clause(cue: Token) -> Token | None:
    """ "told the audience at his fundraiser for veterans that he …": a "that" clause the parse
    hung on a noun between the cue and the clause. Only nouns and prepositions may stand between:
    a verb there owns the clause."""
    for child in cue.rights:
        if child.dep_ not in ("dobj", "dative", "prep", "npadvmod"):
            continue
        for token in child.subtree:
            if token.pos_ not in ("VERB", "AUX") or not any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in token.children):
                continue
            path, node = [], token.head
            while node.i != cue.i:
                path.append(node)
                node = node.head
            if all(n.pos_ in ("NOUN", "PROPN", "ADP", "PRON", "NUM") for n in path) and not _reported_by(token.head):
                return token
    return None


def _reported_by(noun: Token) -> bool:
    """Is ``noun`` a report that a cue is about ("comment on *reports* that Ek was involved",
    "asked about *claims* that …")? Its "that" clause is then what the report says, and a
    reader would wrongly read it as the cue's speaker's words."""
    return (noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in TOPIC_PREPOSITIONS
            and CUE_WORD_CLASSES.get(noun.lemma_.lower()) in ("speech", "cognition", "perception"))


def trim(doc: Doc, a: int, b: int) -> int:
    """End of reported content ``doc[a:b]`` without the writer's additions and edge punctuation."""
    return trim_end(doc, a, _trim_tail(doc, a, _speaker_goes_on(doc, a, b)))


def _speaker_goes_on(doc: Doc, a: int, b: int) -> int:
    """Cut content where the speaker's next act begins: "said she had no plans to change her vote
    *and suggested* that …" — a verb of speaking with no subject of its own, coordinated inside
    the content, is the speaker's (the parse hangs it on the content's verb)."""
    for k in range(a + 2, b):
        verb = doc[k]
        if (verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.lemma_.lower() in CUE_VERBS
                and a <= verb.head.i < k and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
            # spaCy hangs the "and" on the first conjunct
            cc = next((c for c in verb.head.children if c.dep_ == "cc" and verb.head.i < c.i < verb.i), None)
            if cc is not None:
                return cc.i
    return b


def subtree(doc: Doc, head: Token) -> tuple[int, int]:
    """Token range of ``head``'s phrase as reported content (see :func:`trim`)."""
    return head.left_edge.i, trim(doc, head.left_edge.i, head.right_edge.i + 1)


def _trim_tail(doc: Doc, a: int, b: int) -> int:
    """Cut the writer's additions off the end of reported content: after a comma, a
    non-restrictive relative clause (", which forced her to leave"; ", when voters …"), a trailing
    participle (", engaging in …"), a concession (", though critics say …"), an apposition, or
    the writer's own "according to" — when it runs to the end of the content."""
    for k in range(a + 1, b - 1):
        if doc[k].text != ",":
            continue
        nxt = doc[k + 1]
        # climb from the opener to its clause: "whose" → "findings" → "released" (relcl)
        clause = next((t for t in head_chain(nxt, TRAILING_CLAUSE_STEPS, through=lambda t: k < t.head.i < b)
                       if t.dep_ in TRAILING_ADDITION_DEPS), nxt.head)
        if clause.dep_ not in TRAILING_ADDITION_DEPS or clause.left_edge.i != k + 1 or clause.right_edge.i + 1 < b - 1:
            if nxt.lower_ == "according" and k + 2 < b and doc[k + 2].lower_ == "to":
                return trim_end(doc, a, k)
            continue
        if (nxt.lower_ in NON_RESTRICTIVE_OPENERS or clause.tag_ == "VBG" and clause.i == k + 1
                or clause.dep_ == "appos"):
            return trim_end(doc, a, k)
    return b


def trim_end(doc: Doc, a: int, b: int) -> int:
    while b > a and (doc[b - 1].is_punct and doc[b - 1].text not in CLOSE_MARKS + STRAIGHT or doc[b - 1].is_space):
        b -= 1
    return b


def left_edge_of_cue_clause(token: Token) -> int:
    """Leftmost token of the cue's own words: subject, auxiliaries, adverbs to its left."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in ("aux", "auxpass", "advmod", "neg"):
            left = min(left, child.left_edge.i)
    return left


def object_complements(token: Token, b: int) -> int:
    """Grow an object content over what the cue says about it: "attacked Clinton *for her vote*",
    "accused him *of lying*", "condemned the test *as provocative*". A time or place phrase
    ("on Friday", "in Ohio") belongs to the report, not to its content."""
    for child in token.rights:
        if child.i < b:
            continue
        if child.left_edge.i != b or child.dep_ not in OBJECT_COMPLEMENT_DEPS:
            break
        if child.dep_ == "prep" and (child.lower_ not in COMPLEMENT_PREPOSITIONS or any(
                g.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for g in child.children)):
            break
        b = child.right_edge.i + 1
    return b


def cue_span(token: Token) -> tuple[int, int]:
    doc = token.doc
    start, end = token.i, token.i + 1
    # "has said", "will warn": adjacent auxiliaries are part of the cue as written.
    while start - 1 >= 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in ("aux", "neg"):
        start -= 1
    if end < len(doc) and doc[end].head.i == token.i and (
        doc[end].dep_ == "prt" and doc[end].lower_ in CUE_PARTICLES
        or doc[end].dep_ == "prep" and (token.lemma_.lower(), doc[end].lower_) in CUE_PREPOSITIONS
    ):
        end += 1
    return doc[start].idx, tok_end(doc[end - 1])
