"""Who a cue's speaker is in the parse: the subject phrase of a cue, as written.

A cue's speaker is its subject, or, climbing ``conj``/``advcl``/``xcomp`` heads, the subject of
the verb it hangs on ("…, adding that …" → the subject of "said"); a gerund after "with" takes
the noun before it; a main verb the parse left without a subject takes the name right before
it. The speaker phrase is the whole subject with its appositions, as PolNeAR marks sources.
Which named mention that phrase stands for is :mod:`.speakers`' job, not this module's.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyse.lexicon.cues import GROUP_NOUNS
from storyline.analyse.lexicon.grammar import (
    ACTIVE_SUBJECT_DEPS,
    NOMINAL_SUBJECT_DEPS,
    SUBJECT_DEPS_WITH_EXPLETIVE,
)
from storyline.analyse.lexicon.reference import SPEAKING_PRONOUNS
from storyline.analyse.lexicon.verbs import CUE_VERBS
from storyline.analyse.text import line_break_between, paragraph_start, tok_end

# How many verbs a cue's speaker is looked for on: the cue's own, then the one it hangs on
# ("…, adding that" → "said"), then one more ("in saying that" → the verb of "in").
SPEAKER_CLAUSES = 3

# Prepositions whose object is the subject of a gerund right after it ("with Cruz remarking").
GERUND_SUBJECT_PREPOSITIONS: frozenset[str] = frozenset({"with"})

# A dash before the speaker's head ends a dateline ("WASHINGTON (AP) — The senator said").
DATELINE_DASHES: frozenset[str] = frozenset({"—", "–", "--", "―"})


def speaker_of(token: Token, climb: bool = True) -> Token | None:
    """The speaker of a cue: its subject, or its head's for "…, adding that" and "and warned"."""
    current: Token | None = token
    gerund_subject = _gerund_subject(token)
    if gerund_subject is not None:
        return gerund_subject
    if token.dep_ == "ROOT" and token.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ in SUBJECT_DEPS_WITH_EXPLETIVE for c in token.children):
        return _unparsed_subject(token)
    for _ in range(SPEAKER_CLAUSES):
        if current is None:
            return None
        # a passive subject of a cue is its listener ("he was told"): the agent comes next
        subjects = [c for c in current.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        if subjects:
            # The small model sometimes hangs a dateline or a time stamp above the paragraph on
            # the verb as a second subject ("12:15 p.m.\nDonald Trump says …"): take the
            # subject in the verb's own paragraph, the nearest one.
            same = [c for c in subjects if not line_break_between(c, current)]
            return min(same or subjects, key=lambda c: abs(c.i - current.i))
        for child in current.children:
            if child.dep_ == "agent":  # "was told by X"
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if climb and current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "a new poll showing Trump ahead", "a report saying that …"
        # "were more likely to say", "was quick to note": the adjective's subject speaks
        adjective_frame = current.dep_ == "acomp" and current is not token
        if not climb or current.dep_ not in ("conj", "advcl", "xcomp", "pcomp") and not adjective_frame:
            return None
        # "in saying that …", "by announcing that …": the speaker is the subject of the verb
        # the preposition hangs on.
        if current.dep_ == "pcomp" or _speaker_goes_on_after(current):
            current = current.head.head
        else:
            current = current.head
    return None


def _speaker_goes_on_after(verb: Token) -> bool:
    """ "Reeve told reporters her group never worked with Gates and said …": a verb of speaking
    the parse coordinated inside another cue's content is that cue speaker's next act."""
    return (verb.dep_ == "conj" and verb.lemma_.lower() in CUE_VERBS and verb.head.dep_ == "ccomp"
            and verb.head.head.lemma_.lower() in CUE_VERBS)


def _gerund_subject(verb: Token) -> Token | None:
    """ "ended with Maddow asking whether …": the noun right before a gerund that follows "with" is
    the gerund's subject, whatever the parse hung it on. ("of" was measured too and cost source
    F1: "a report of the agency showing …".)"""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    if noun.pos_ not in ("PROPN", "NOUN", "PRON") or noun.dep_ != "pobj":
        return None
    if noun.head.lower_ not in GERUND_SUBJECT_PREPOSITIONS or noun.left_edge.i != noun.head.i + 1:
        return None
    return noun


def _unparsed_subject(verb: Token) -> Token | None:
    """The subject of a finite main verb the parse left without one: the name or noun right
    before it, past an apposition or a participle set off by commas ("her adviser, Jake
    Sullivan, said: …"; "Texas, leading a coalition of states, asked …")."""
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].text == ",":
        participle = next((c for c in verb.children if c.dep_ in ("advcl", "acl") and c.tag_ == "VBG"
                           and c.right_edge.i == k - 1 and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","), None)
        k = participle.left_edge.i - 2 if participle is not None else k - 1
    if k < 0:
        return None
    subject = doc[k]
    # "a White House official who spoke to discuss strategy said": the phrase's head, not its end
    while subject.head.i < verb.i and subject.head.i != subject.i and subject.head.pos_ in ("PROPN", "NOUN", "PRON", "VERB", "ADP"):
        subject = subject.head
    if subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject.ent_type_ in ("DATE", "TIME"):
        subject = doc[k]
    if not can_hold_a_view(subject) or line_break_between(subject, verb):
        return None
    return subject


def speaker_span(subject: Token) -> tuple[int, int]:
    """The speaker as written: the whole subject phrase with its appositions and relative clauses
    ("Brian Fallon, the campaign's press secretary,"), as PolNeAR marks sources. A participle or
    adjective phrase the writer adds after a comma (", speaking on condition of anonymity",
    ", eager all evening to …", ", when asked …") is not part of it."""
    doc = subject.doc
    left, right = subject.left_edge.i, subject.right_edge.i
    for child in subject.rights:
        if child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in CUE_VERBS:
            right = min(right, child.left_edge.i - 1)  # "a new poll" of "a new poll showing …"
        elif child.dep_ in ("acl", "amod", "advcl") and doc[child.left_edge.i - 1].text == ",":
            right = min(right, child.left_edge.i - 1)
    left = paragraph_start(doc, subject.i, left)  # a heading above is not part of the name
    dash = next((k for k in range(subject.i - 1, left - 1, -1) if doc[k].text in DATELINE_DASHES), None)
    if dash is not None:
        left = dash + 1  # "FLINT, Mich. (UPI) — Former President Bill Clinton": not the dateline
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, tok_end(doc[right])


def can_hold_a_view(subject: Token) -> bool:
    """A person, a group or an organisation — not "the plan" or "the weather"."""
    return subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in SPEAKING_PRONOUNS \
        or subject.lemma_.lower() in GROUP_NOUNS
