"""Which way a date named without its year lies from the publication date: -1 back, +1 ahead,
0 unknown, read from the governing verb's tense and modality and from the cues before the date.

"will"/"shall", "is to", "is due/scheduled/set/expected to", "plans to", a present-tense
non-reporting verb point forward; a past tense or present perfect points back; "by"/"until" (and
"through" closing a term) make a date a deadline that lies ahead even in a past-tense sentence
("extended the offer until Tuesday"), unless a perfect says it has passed; "as soon as Tuesday"
is ahead whatever the tense; with no verdict the sentence's auxiliaries decide.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.analyse.lexicon.grammar import (
    COULD,
    FUTURE_AUX,
    MODAL_AUX,
    PAST_PERFECT_AUX,
    PERFECT_AUX,
    PERFECT_AUX_STRAIGHT_D,
    PRESENT_TAGS,
)
from storyline.analyse.lexicon.verbs import PRESENT_REPORTING_VERBS
from storyline.analyse.syntax import auxiliaries, head_chain, tense
from storyline.analyse.time.document import Document

# Steps up the dependency tree from the timex to its governing verb. Temporal modifiers attach
# to the verb directly or through a preposition and a noun; more steps reach unrelated clauses.
MAX_HEAD_STEPS = 4

# Verbs that put a following infinitive in the future: "is to meet", "plans to visit".
FUTURE_CONTROL_LEMMAS = frozenset({
    "be", "plan", "schedule", "due", "expect", "set", "intend", "hope", "want", "aim", "agree",
    "decide", "promise", "go", "prepare", "vow", "pledge", "threaten", "seek", "slate"})
# Modals that look ahead: obligations, possibilities and reported futures ("could" is apart).
_LOOKING_AHEAD_AUX = MODAL_AUX - {COULD}
# Prepositions that make a date a deadline: "until Tuesday", "by May". ("through" is left out: in
# business news "the nine months through September" is a period that has ended; it is a deadline
# only after something that is not a period and outside a "from … through …" range.)
_DEADLINE_BEFORE = re.compile(r"(?<![\w])(?:by|until|till|til)\s+$", re.I)
_THROUGH_BEFORE = re.compile(
    r"(?<![\w])(?P<before>\w+)?[\s,]*\bthrough\s+$", re.I)
_PERIOD_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "quarter", "quarters",
                           "year", "years", "period", "periods", "half", "season", "term"})
# "the year ended Jan. 31", "the quarter that ended Sept. 30": a period that ended lies behind the
# report however far back its end is (the nearer-occurrence reach does not apply).
ENDED_BEFORE = re.compile(r"(?<![\w])(?:that\s+|which\s+)?ended\s+$", re.I)
# "as soon as Tuesday", "as early as next week": the earliest a thing can happen, so still ahead
# whatever the tense of the report ("the mayor said the ferry could sail as soon as Tuesday").
_EARLIEST_BEFORE = re.compile(r"(?<![\w])as\s+(?:soon|early)\s+as\s+$", re.I)


def ended_before(text: str, start: int) -> bool:
    """Whether "ended" (a period that ended) stands just before ``start``."""
    return ENDED_BEFORE.search(text, max(0, start - 14), start) is not None


def direction(document: Document, start: int, end: int) -> int:
    """-1 when the governing verb points to the past, +1 to the future, 0 when unknown."""
    text = document.text
    if _EARLIEST_BEFORE.search(text, max(0, start - 16), start):
        return 1
    token = document.token(start, end)
    if token is None or not document.doc.has_annotation("DEP"):
        return 0
    steps, verb = next(((k, t) for k, t in enumerate(head_chain(token, MAX_HEAD_STEPS))
                        if t.pos_ in ("VERB", "AUX")), (None, None))
    is_verb = verb is not None
    # a possessive ("follows Tuesday's declaration") dates the noun, not the verb: the verb's
    # present tense then says nothing about a schedule
    close = is_verb and steps <= 2 and token.dep_ != "poss"
    verdict = verb_direction(verb, close=close) if is_verb else 0
    deadline = (_DEADLINE_BEFORE.search(text, max(0, start - 8), start)
                or _through_deadline(document, start)) if verdict <= 0 else None
    if deadline is not None:
        # "extended until Tuesday", "agreed to finish by May": a deadline set in the past lies
        # ahead of the report, unless a perfect says it has passed ("had sold 5% by May";
        # "has given them until Tuesday" is still running)
        passed = PERFECT_AUX if deadline[0].lower().startswith("by") else PAST_PERFECT_AUX
        if not (is_verb and any(c.dep_ in ("aux", "auxpass") and c.lower_ in passed
                                for c in verb.children)):
            return 1
    if verdict:
        return verdict
    sentence = document.sentence_span(start, token)
    if any(t.lower_ in FUTURE_AUX and t.dep_.startswith("aux") for t in sentence):
        return 1
    if any(t.tag_ == "VBD" or (t.dep_ == "aux" and t.lower_ in PERFECT_AUX) for t in sentence):
        return -1
    return 0


def _through_deadline(document: Document, start: int) -> re.Match[str] | None:
    """ "extended the loans through January": "through" closing a term, not a period's span
    ("the nine months through September") nor the end of a range ("from May through July")."""
    text = document.text
    match = _THROUGH_BEFORE.search(text, max(0, start - 30), start)
    if match is None or (match["before"] or "").lower() in _PERIOD_NOUNS:
        return None
    sentence_start = document.sentence_starts[document.sentence(start)] if document.sentence_starts else 0
    if re.search(r"\b(?:from|between)\b", text[sentence_start:match.start()], re.I):
        return None
    return match


def _is_past_misread(verb: Token, auxes: list[Token]) -> bool:
    """A bare verb form tagged present whose subject is a singular noun: "Weakness hurt the
    index" cannot be present tense (that would be "hurts"), so it is a past tense with the same
    form ("hurt", "cut", "set", "hit") that the tagger read as present."""
    if verb.tag_ != "VBP" or auxes:
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


def verb_direction(verb: Token, *, close: bool) -> int:
    """Tense and modality of ``verb``; ``close`` when the timex modifies it directly, so that a
    present tense ("the vote is on Monday") can be read as a schedule."""
    auxes = auxiliaries(verb)
    lowered = {a.lower_ for a in auxes}
    # the curly "’d" is not read as a perfect here (the straight "'d" is): as it was, until measured
    when = tense(verb, auxes, future=FUTURE_AUX, perfect=PERFECT_AUX_STRAIGHT_D)
    if when == "future":
        return 1
    if any(a.lower_ == "to" for a in auxes) or verb.dep_ == "xcomp":
        head = verb.head
        lemma = head.lemma_.lower()
        if head.i != verb.i and (lemma in FUTURE_CONTROL_LEMMAS or head.lower_ in ("due", "scheduled")):
            head_aux = {c.lower_ for c in auxiliaries(head)}
            if head.dep_ == "acomp":  # "had been due to expire": the tense sits on the copula
                head_aux |= {c.lower_ for c in auxiliaries(head.head)}
            # "was to meet" and "had planned to" look back as often as forward
            if "had" not in head_aux and not (lemma == "be" and head.tag_ == "VBD"):
                return 1
    if verb.tag_ == "VBN" and verb.lemma_.lower() in ("schedule", "set", "slate", "plan", "expect", "due"):
        if any(a.tag_ in PRESENT_TAGS for a in auxes):
            return 1  # "is scheduled for Monday"
    if verb.lower_ == "due":
        return 1
    if lowered & _LOOKING_AHEAD_AUX:
        return 1  # obligations, possibilities and reported futures look ahead
    if COULD in lowered:
        return 0
    if when == "perfect":
        return -1
    if when == "past" or _is_past_misread(verb, auxes):
        return -1
    if close and when == "present":
        if verb.lemma_.lower() in PRESENT_REPORTING_VERBS:
            return 0
        return 1
    return 0
