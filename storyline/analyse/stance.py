"""Where a sentence stands on an issue: the polarity reader, in two halves.

:func:`read_sentence` reads a parsed sentence once, for any issue: for each token, what the
grammar above it does to what is written there (a :class:`~storyline.records.SentenceStance`,
stored per sentence by the ``stance`` stage). :func:`stance_on` then reads one
:class:`~storyline.records.Issue` from it without a parse: whether the sentence is for the issue's
proposition (+1), against it (-1) or only about it (0), which stance word says so, and who holds
it as written. :func:`read_stance` is the two in one; the corpus step
(:mod:`storyline.link.positions`) and the GWSD benchmark (``benchmarks/stance.py``) read through
the same code.

How polarity is read. Each place the issue is written is an *anchor*: a keyword (for the
proposition, +1, but neutral until something takes a side on it), or one of the issue's own
``for``/``against`` cues (+1 / -1, a side already). From the anchor the reader climbs the head
chain to the sentence's root and multiplies the sign by -1 for every word on the way that turns
what it governs around:

* a negator on a word of the chain ("will **not** compromise", "**no** way NATO can …",
  "**never** accept"): two of them cancel, so "no way NATO can compromise on the open door" is for
  the open door;
* a verb tagged ``stance-reverse``, ``stance-refuse`` or ``stance-oppose`` in the verb table
  ("**rule out** enlargement", "**compromise** on", "**rejected**", "**doubt**"), a noun or
  adjective of refusal or opposition ("its **opposition** to", "**unwilling** to"), or a word of
  ending ("an **end** to", "**against**", "a **halt** to");
* a judgement of harm of the keyword's own phrase: it is the subject of a verb of harm ("cease-fires
  would **legitimize** the aggression", "weapons **prolong** the war"), of a harmful predicate ("the
  sanctions are **illegal**", "a step towards **escalation**"), or the X of "the more X, the
  **longer** the conflict" — a case against a proposal and, for an issue of ``kind`` "concern"
  (a danger: "warming will destabilize the region"), one for it; the holder of such a judgement is
  whoever reports it ("…, Lavrov said"), never the judged phrase itself;
* an adjective calling a noun of the chain too weak ("would not agree with the **passive**
  sanctions position" is for stronger sanctions);

and the outermost stance word on the chain (a ``stance-<kind>`` verb, or a stance noun or
adjective from :mod:`storyline.analyse.lexicon.stance`) gives the stance kind. A verb under
"must" or "should" is a demand ("the Council must impose sanctions"); carrying out or giving a
thing is being for it ("imposed sanctions", "announced new military aid", "thanked for the
aid"); a negated word of sufficiency asks for more and keeps the sign ("the sanctions are not
enough"); "X or not" denies nothing. "Russia demands that
NATO rule out enlargement": enlargement → rule out (-1) → demands (demand): Russia, demand, -1.

A view alone ("said", "believes") takes no side on a proposal ("Lukashenko said the sanctions hit
the harvest" is not for them); on a concern, saying it is so is agreeing with it. A keyword takes
a side only when something on its chain does (a stance word, a negator, a
reversal), when it is itself a predicate ("Ukraine will join NATO"), or when its clause's
predicate reverses it ("membership is **impossible**"); otherwise the sentence is only about the
issue (polarity 0: "talks on enlargement"). A clause under "whether" or "if" is not asserted
(``asserted`` is False: "asked whether NATO could accept …"), and "could", "might", "may" hedge
(less confidence). When several anchors take a side, each votes with weight 1/(1 + its chain's
length), so the most direct wins: in "rule out enlargement, including a pledge not to admit
Ukraine" the enlargement (two steps to "demanded") outweighs the admission (six).

    >>> reading = read_stance(nlp("NATO will not compromise on Ukraine's membership."), issue)
    >>> reading.polarity, reading.stance, reading.holder.text
    (1, 'refuse', 'NATO')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyse.lexicon.grammar import ACTIVE_SUBJECT_DEPS, FUTURE_AUX, NOMINAL_SUBJECT_DEPS, SUBJECT_DEPS
from storyline.analyse.lexicon.stance import (
    DOING_VERBS,
    HARM_COMPARATIVES,
    HARMFUL_EFFECT_VERBS,
    HARMFUL_JUDGEMENTS,
    CIRCUMSTANCE_MARKS,
    CIRCUMSTANCE_PREPOSITIONS,
    HEDGE_AUX,
    HOLDER_PREPOSITIONS,
    LIKELIHOOD_WORDS,
    NEGATORS,
    OBLIGATION_AUX,
    OBLIGATION_VERBS,
    REVERSING_KINDS,
    REVERSING_WORDS,
    STANCE_ADJECTIVE_KINDS,
    STANCE_NOUN_KINDS,
    SUFFICIENCY_WORDS,
    TARGET_PREPOSITIONS,
    UNASSERTED_MARKS,
    WEAKNESS_WORDS,
)
from storyline.analyse.lexicon.states import MAX_STATE_NAME_WORDS, STATE_NAMES
from storyline.analyse.lexicon.verbs import REVERSING_VERBS, STANCE_PHRASALS, STANCE_VERBS
from storyline.analyse.syntax import children, head_chain, is_root, subject_of
from storyline.records import Issue, SentenceStance, Span, Stance, StanceChain

__all__ = ["StanceReading", "keyword_anchors", "keyword_pattern", "read_sentence", "read_sentences", "read_stance", "stance_on"]

# How far up an anchor's head chain the reader looks; a news sentence's root is rarely further.
MAX_CHAIN_STEPS = 12
# Confidence of a reading: a base, more when a stance word says it, less when hedged.
CONFIDENCE_BASE = 0.5
CONFIDENCE_STANCE_WORD = 0.2
CONFIDENCE_CUE_ANCHOR = 0.1
HEDGE_FACTOR = 0.6
# A reading that takes no side is as unsure a position as a hedged one: a careful reader codes who
# is for or against an issue, and of the polarity-0 positions of a hand-checked sample (seed 19,
# docs/benchmarks.md) 5 of 22 were right, against 16 of 28 of those that took a side.
NO_SIDE_FACTOR = 0.6
# Auxiliaries that, negated, make the verb a refusal rather than a report: "will not", "won't",
# "would never", "cannot".
REFUSAL_AUX = FUTURE_AUX | {"would", "can", "ca", "cannot"}
# Predicates of a keyword subject that judge it ("membership is unacceptable", "… is a hoax").
# Not a verb's object: "the sanctions include a ban on coal" does not judge the sanctions.
PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})
# A sentence that ends as a question (closing quotes aside) asks; it states no position.
QUESTION_END = re.compile(r"\?[\s\"'”’»)]*$")
# Sentences longer than this are usually run-on scrapes (lists, tables): not read.
MAX_SENTENCE_CHARS = 1200
# Where :func:`_harm_comparisons` keeps a parsed document's "the longer", "the worse" ….
_HARM_COMPARISONS_KEY = "storyline.stance.harm_comparisons"
# Words of a keyword written with "*" match any word that begins so ("exaggerat*").
# spaCy splits a possessive "'s" and a hyphen off a word ("Ukraine's" → Ukraine 's, "no-fly" → no -
# fly), so a keyword is split the same way, or "Ukraine's membership" would never match.
WORD = re.compile(r"[\w*]+(?=['’]s\b)|['’]s\b|[\w*]+(?:['’]\w+)*|-")


@dataclass(frozen=True, slots=True)
class StanceReading:
    """What one sentence says of one issue.

    ``anchor`` is where the issue is written (the anchor that decided), ``cue`` the outermost
    stance word above it (None when none), ``holder`` the one who holds the stance as written
    (the stance word's subject or possessor, else the sentence's subject; None when neither) and
    ``holder_head`` its head word ("parliament" of "the Finnish parliament"), all with offsets
    into the parsed text plus the caller's ``offset``; ``path`` the (start, end) offsets of the
    words the reading climbed, from the anchor's head up (what an event's trigger must be one of
    to speak for the reading).
    """

    polarity: int
    stance: Stance
    anchor: Span
    cue: Span | None
    holder: Span | None
    confidence: float
    asserted: bool
    rule: str
    depth: int = 0
    holder_head: Span | None = None
    path: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Chain:
    sign: int
    directional: bool
    kind: Stance | None
    cue: int | None  # token indexes in the document, as the stored chain keeps them
    hedged: bool
    asserted: bool
    depth: int
    steps: tuple[str, ...]
    # where the holder is looked for: the stance word, or for a judgement of harm ("cease-fires
    # would legitimize …", whose subject is the issue itself) the word that reports it ("said"),
    # None for the sentence's root
    holder_at: int | None = None
    # an obligation no one is said to state ("The EU must maximize the pressure"): the demand is the
    # writer's, and the one obliged does not hold it
    unheld: bool = False
    # where the chain was cut short of the root: the adverbial clause or the preposition of a
    # circumstance it stopped at ("… after western countries imposed sanctions"), None when not
    top: int | None = None


def keyword_pattern(keyword: str) -> tuple[str, ...]:
    """A keyword as the lower-case words it is matched by ("NATO membership" → nato, membership)."""
    return tuple(word.lower().replace("’", "'") for word in WORD.findall(keyword))


def _word_matches(pattern: str, forms: tuple[str, str]) -> bool:
    if pattern.endswith("*"):
        return any(form.startswith(pattern[:-1]) for form in forms)
    return pattern in forms


@lru_cache(maxsize=256)
def _patterns(keywords: tuple[str, ...]) -> tuple[dict[str, list[tuple[str, ...]]], tuple[tuple[str, ...], ...]]:
    """The keywords' word patterns by their first word, and those whose first word is a prefix."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    starred = []
    for pattern in {keyword_pattern(k) for k in keywords if keyword_pattern(k)}:
        if pattern[0].endswith("*"):
            starred.append(pattern)
        else:
            by_first.setdefault(pattern[0], []).append(pattern)
    return by_first, tuple(starred)


def _forms(token: Token) -> tuple[str, str]:
    return token.lower_.replace("’", "'"), token.lemma_.lower()


def keyword_anchors(tokens: Sequence[Token] | Sequence[tuple[str, str]], keywords: Iterable[str]) -> list[tuple[int, int]]:
    """The token ranges ``[i, j)`` of ``tokens`` where one of ``keywords`` is written (by word or
    lemma, any case; the longest at each place, never overlapping). ``tokens`` are parsed tokens
    or each token's (lower-cased word, lemma)."""
    forms = [t if isinstance(t, tuple) else _forms(t) for t in tokens]
    by_first, starred = _patterns(tuple(keywords))
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(forms):
        # the longest first, as before: those beginning with this token's word or lemma, and those
        # beginning with a prefix ("exaggerat*")
        candidates = sorted({*by_first.get(forms[i][0], ()), *by_first.get(forms[i][1], ()), *starred},
                            key=lambda p: (-len(p), p))
        for pattern in candidates:
            if i + len(pattern) <= len(forms) and all(
                    _word_matches(word, forms[i + k]) for k, word in enumerate(pattern)):
                found.append((i, i + len(pattern)))
                i += len(pattern)
                break
        else:
            i += 1
    return found


def _negated(token: Token, came_from: Token | None) -> bool:
    """Whether a negator attaches to ``token`` ("not", "never", "no", "n't"), not counting the
    child the chain came up from."""
    return any(child.lower_ in NEGATORS and child.dep_ in ("neg", "det", "advmod", "aux", "preconj", "cc")
               and (came_from is None or child.i != came_from.i) and not _not_only(child) for child in children(token))


def _not_only(negator: Token) -> bool:
    """"not only X but Y" asserts X; "X or not" names an alternative, it denies nothing."""
    following = negator.nbor(1) if negator.i + 1 < len(negator.doc) else None
    preceding = negator.nbor(-1) if negator.i > 0 else None
    return negator.lower_ == "not" and (following is not None and following.lower_ in ("only", "just", "merely")
                                        or preceding is not None and preceding.lower_ == "or")


def _insufficient(token: Token) -> bool:
    """Whether ``token`` is, or is predicated by, a word of sufficiency ("enough", "sufficient")."""
    return token.lower_ in SUFFICIENCY_WORDS or any(
        c.lower_ in SUFFICIENCY_WORDS and c.dep_ in ("acomp", "attr", "advmod", "amod") for c in children(token))


def _called_weak(token: Token, came_from: Token | None) -> bool:
    """Whether a noun is called too weak by an adjective of its own ("the passive sanctions
    position", "weak sanctions"), not counting the child the chain came up from."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and c.lower_ in WEAKNESS_WORDS and (came_from is None or c.i != came_from.i)
        for c in children(token))


def _harm_comparisons(doc: Doc) -> tuple[int, ...]:
    """Where "the" + a comparative of harm ("the longer", "the worse") is written in ``doc``, read
    once per parsed document (kept in its ``user_data``, so it goes when the Doc goes)."""
    found = doc.user_data.get(_HARM_COMPARISONS_KEY)
    if found is None:
        lowers = [t.lower_ for t in doc]
        found = doc.user_data[_HARM_COMPARISONS_KEY] = tuple(
            k for k in range(len(lowers) - 1) if lowers[k] == "the" and lowers[k + 1] in HARM_COMPARATIVES)
    return found


def _the_more_the_worse(head: Token) -> bool:
    """Whether ``head`` is the X of "the more X, the longer the conflict": more of it, more harm.
    "the more" is written just before its phrase, and "the" + a comparative of harm after it."""
    comparisons = _harm_comparisons(head.doc)
    if not comparisons or comparisons[-1] <= head.i:
        # no "the longer" after it in the whole document: the answer for nearly every token of
        # nearly every document, found without reading its phrase (this is asked of every token)
        return False
    doc, start = head.doc, head.left_edge.i
    lead = [t for t in doc[max(start - 2, 0):head.i] if t.lower_ in ("the", "more")]
    if [t.lower_ for t in lead[:2]] != ["the", "more"]:
        return False
    sentence_end = head.sent.end
    return any(t.lower_ == "the" and t.i + 1 < sentence_end and doc[t.i + 1].lower_ in HARM_COMPARATIVES
               for t in doc[head.i + 1:sentence_end])


def _harms(verb: Token, came_from: Token | None) -> bool:
    """Whether ``verb`` judges the subject the chain came up from by a harm it does ("cease-fires
    would legitimize the aggression", "supplying weapons prolongs the war")."""
    return came_from is not None and came_from.dep_ in ACTIVE_SUBJECT_DEPS and verb.pos_ == "VERB" and (
        verb.lemma_.lower() in HARMFUL_EFFECT_VERBS  # or through the verb it serves: "would serve only to legitimize"
        or any(c.dep_ == "xcomp" and c.lemma_.lower() in HARMFUL_EFFECT_VERBS for c in children(verb)))


def _harmful_predicate(kids: Sequence[Token]) -> Token | None:
    """The word of a clause's predicate that calls its subject harmful: the predicate itself ("are
    illegal", "was a mistake") or what it leads to ("a step towards escalation")."""
    for c in kids:
        if c.dep_ not in PREDICATE_DEPS:
            continue
        if c.lemma_.lower() in HARMFUL_JUDGEMENTS or c.lower_ in HARMFUL_JUDGEMENTS:
            return c
        led_to = [g for p in children(c) if p.dep_ == "prep" and p.lower_ in ("towards", "toward", "to", "of")
                  for g in children(p) if g.dep_ == "pobj"]
        found = next((g for g in led_to if g.lemma_.lower() in HARMFUL_JUDGEMENTS), None)
        if found is not None:
            return found
    return None


def _volitional(verb: Token) -> bool:
    """Whether a negated verb is a refusal of its subject's: "will not", "would never", "cannot"."""
    return any(c.lower_ in REFUSAL_AUX or c.lower_ == "never" for c in children(verb))


def _phrasal(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    return next((STANCE_PHRASALS[(lemma, c.lower_)] for c in children(verb)
                 if c.dep_ in ("prt", "prep") and (lemma, c.lower_) in STANCE_PHRASALS), None)


def _kind_of(token: Token) -> Stance | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        phrasal = _phrasal(token)
        if phrasal is not None:
            return None if phrasal == "reverse" else phrasal  # type: ignore[return-value]
        return STANCE_VERBS.get(lemma)  # type: ignore[return-value]
    if token.pos_ == "NOUN":
        return STANCE_NOUN_KINDS.get(lemma)  # type: ignore[return-value]
    if token.pos_ == "ADJ":
        return STANCE_ADJECTIVE_KINDS.get(lemma) or STANCE_ADJECTIVE_KINDS.get(token.lower_)  # type: ignore[return-value]
    return None


def _reverses(token: Token, kind: Stance | None) -> bool:
    lemma = token.lemma_.lower()
    if kind in REVERSING_KINDS:
        return True
    if token.pos_ in ("VERB", "AUX"):
        phrasal = _phrasal(token)
        return phrasal == "reverse" if phrasal is not None else lemma in REVERSING_VERBS
    return lemma in REVERSING_WORDS or token.lower_ in REVERSING_WORDS


@dataclass(frozen=True, slots=True)
class _Step:
    """What one step of a head chain reads at a token, seen from the child the chain came up from
    (none where the chain starts): everything :func:`_chain` asks of the parse there.

    A step depends on those two tokens only, never on the chain below them, so it is read once per
    sentence (:class:`_StepMemo`) and shared by every chain that passes through it: each token's
    chain climbs to the root, so the words near the root are on most of the sentence's chains, and
    reading them again for each was most of the stance stage's time. What does depend on the chain
    below (its sign, its kind so far, a judgement of harm seen, a yielding verb) stays in
    :func:`_chain`.
    """

    text: str
    # the next token up (a document index), None at the sentence's root
    head: int | None
    verb: bool  # a verb or an auxiliary
    # its own stance kind (none where the chain starts); "warn" for a verb of harm with none
    kind: Stance | None
    # a negator attaches to it ("not", "never"), not counting the child the chain came up from
    negated: bool
    insufficient: bool  # negated, and a word of sufficiency: "not enough" asks for more
    refusal: bool  # negated, a verb of will with no kind of its own: "will not compromise"
    weak: bool  # a noun called too weak by an adjective of its own: "passive sanctions"
    harms: bool  # a verb of harm whose subject the chain came up from: "cease-fires legitimize"
    # the chain came up from a circumstance ("after they imposed …", "despite …"): it stops there
    beyond_circumstance: bool
    # the chain came up from a noun subject: a stance noun there is held whatever is said of it
    from_noun_subject: bool
    likely: bool  # a word of likelihood: "no chance of", "unlikely to"
    reverses: bool  # it turns around what it governs: "rule out", "an end to"
    yields: bool  # it reverses, and is a verb with an auxiliary of will: "NATO can compromise"
    doing: bool  # a verb of carrying out whose object the chain came up from: "imposed sanctions"
    obliging: bool  # a verb under "must" or "should"
    obliging_verb: bool  # a verb of obligation whose complement the chain came up from: "have to"
    unasserted: bool  # a verb under "whether" or "if"
    hedging: bool  # a verb under "could", "might", "may"
    # predicates that turn around the keyword subject the chain came up from ("… is impossible")
    judged_by: tuple[str, ...]
    # a predicate calling the subject the chain came up from harmful ("are illegal"): its index
    # and text, or None
    harmful: tuple[int, str] | None


def _read_step(token: Token, came_from: Token | None, span_tokens: frozenset[int]) -> _Step:
    """The step of a head chain at ``token``, come up from ``came_from`` (None at its start)."""
    verb = token.pos_ in ("VERB", "AUX")
    own_kind = _kind_of(token) if came_from is not None else None
    negated = _negated(token, came_from)
    insufficient = negated and _insufficient(token)
    # "NATO will not compromise", "we would never accept": the negation already turned the sign;
    # the refusal only names the kind
    refusal = negated and not insufficient and own_kind is None and verb and _volitional(token)
    harms = came_from is not None and _harms(token, came_from)
    kind = (own_kind or "warn") if harms else own_kind
    # "warned against", "spoke out against": the preposition turned it once; the verb above it
    # says the kind, it does not turn it again
    through_against = came_from is not None and came_from.dep_ == "prep" and came_from.lower_ in REVERSING_WORDS
    reverses = came_from is not None and not through_against and _reverses(token, None if refusal else kind)
    # a reversing verb of will: "NATO can compromise" (asked only of a reversal: its auxiliaries are
    # read for this, and for most steps they need not be)
    yields = reverses and verb and _volitional(token)
    lemma = token.lemma_.lower()
    doing = came_from is not None and came_from.dep_ == "dobj" and lemma in DOING_VERBS
    likely = came_from is not None and token.pos_ in ("NOUN", "ADJ", "ADV") and (
        lemma in LIKELIHOOD_WORDS or token.lower_ in LIKELIHOOD_WORDS)
    obliging_verb = verb and came_from is not None and came_from.dep_ == "xcomp" and lemma in OBLIGATION_VERBS
    obliging = unasserted = hedging = False
    judged_by: tuple[str, ...] = ()
    harmful: tuple[int, str] | None = None
    if verb:
        kids = children(token)
        obliging = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in kids)
        unasserted = any(c.dep_ == "mark" and c.lower_ in UNASSERTED_MARKS for c in kids)
        hedging = any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX for c in kids)
        if came_from is not None and came_from.dep_ in NOMINAL_SUBJECT_DEPS:
            # the keyword is this clause's subject: its predicate judges it
            judged_by = tuple(c.text for c in kids
                              if c.dep_ in PREDICATE_DEPS and c.i in span_tokens and _reverses(c, _kind_of(c)))
        harm = _harmful_predicate(kids) if came_from is not None and came_from.dep_ in SUBJECT_DEPS else None
        if harm is not None and harm.i in span_tokens:
            harmful = (harm.i, harm.text)
    return _Step(
        text=token.text, head=None if is_root(token) else token.head.i, verb=verb, kind=kind, negated=negated,
        insufficient=insufficient, refusal=refusal, weak=_called_weak(token, came_from), harms=harms,
        beyond_circumstance=came_from is not None and _circumstance(came_from),
        from_noun_subject=came_from is not None and came_from.pos_ == "NOUN" and came_from.dep_ in SUBJECT_DEPS,
        likely=likely, reverses=reverses, yields=yields, doing=doing, obliging=obliging,
        obliging_verb=obliging_verb, unasserted=unasserted,
        hedging=hedging, judged_by=judged_by, harmful=harmful)


class _StepMemo:
    """The steps of one sentence's head chains (:class:`_Step`), each read the first time a chain
    takes it; None for a token outside the sentence, where a chain stops."""

    def __init__(self, doc: Doc, span_tokens: frozenset[int]) -> None:
        self._doc = doc
        self._span_tokens = span_tokens
        self._steps: dict[tuple[int, int | None], _Step] = {}

    def step(self, i: int, came_from: int | None) -> _Step | None:
        if i not in self._span_tokens:
            return None
        step = self._steps.get((i, came_from))
        if step is None:
            doc = self._doc
            step = self._steps[(i, came_from)] = _read_step(
                doc[i], doc[came_from] if came_from is not None else None, self._span_tokens)
        return step


def _chain(start: Token, memo: _StepMemo) -> _Chain:
    """What the grammar above ``start`` does to it: its head chain read step by step (``memo``
    holds the steps of its sentence), from ``start`` up to the root, at most
    :data:`MAX_CHAIN_STEPS` steps up."""
    sign, directional, hedged, asserted = 1, False, False, True
    kind: Stance | None = None
    cue: int | None = None
    steps: list[str] = []
    depth = 0
    yielding = False
    if start.pos_ in ("VERB", "AUX"):
        directional = True  # the keyword is itself a predicate: "Ukraine will join NATO"
        steps.append(f"predicate({start.text})")
    judged = False  # a judgement of harm seen: its holder is whoever reports it
    obliged = False  # "X must do Y": the demand is not X's but whoever reports it
    holder_at: int | None = None
    if _the_more_the_worse(start):
        sign, directional, kind, cue, judged = -sign, True, "warn", start.i, True  # a case against more of it
        steps.append(f"harms(the more {start.text})")
    top: int | None = None
    i, came_from = start.i, None
    for _ in range(MAX_CHAIN_STEPS + 1):  # the start and at most MAX_CHAIN_STEPS heads above it
        step = memo.step(i, came_from)
        if step is None:
            break
        if came_from is not None:
            if step.beyond_circumstance:
                # "Gazprom halted exports to Finland, which refused …, after western countries
                # imposed sanctions": what a clause is about does not reach the stance words above
                # its adverbial clauses and circumstances
                top = came_from
                break
            if step.from_noun_subject and cue == came_from and not step.harms:
                break  # a stance noun as a subject is held whatever is said of it: "Nato's rejection of a
                # no-fly zone cannot disguise …" is still a rejection
            depth += 1
        token_kind = step.kind
        if step.insufficient:
            directional = True  # "the sanctions are not enough": more of them is asked for (the
            steps.append(f"insufficient({step.text})")  # copula is no stance word: who says so holds it)
        elif step.negated:
            sign, directional = -sign, True
            steps.append(f"not({step.text})")
        if step.likely:
            steps.append(f"likely({step.text})")  # "no chance of a peace agreement": a judgement of
            # likelihood, which of a proposal takes no side (stance_on)
        if step.weak:
            sign, directional = -sign, True  # against a weak form of it is for a stronger one
            steps.append(f"weak({step.text})")
        if step.harms:
            sign, directional = -sign, True
            steps.append(f"harms({step.text})")
            judged = True
        elif judged and token_kind is not None and holder_at is None:
            holder_at = i
        if step.reverses:
            sign, directional = -sign, True
            steps.append(f"reverse({step.text})")
            yielding = step.yields  # "NATO can compromise"
        elif yielding and token_kind is None and step.negated:
            token_kind, yielding = "refuse", False  # "no way NATO can compromise on …"
        if step.refusal:
            token_kind = "refuse"
        if token_kind in (None, "assess") and step.doing:
            token_kind = "support"  # "announced new sanctions": announcing them is imposing them
        if token_kind in (None, "assess") and step.obliging:
            token_kind = "demand"  # "must cut emissions", "should not admit", "must say that …"
            obliged = judged = True
        elif step.obliging_verb:
            # "Nato would have to respond by imposing …", "would need to tighten": held by whoever
            # states it, as "must" is; the side is left as the words below say it (reading "have
            # to" as a demand too lowered GWSD dev macro-F1 0.485 -> 0.484)
            obliged = judged = True
        if token_kind is not None:
            directional = True
            steps.append(f"{token_kind}({step.text})")
            # the outermost stance word says the kind; a view ("said", "believes") only when no
            # other stance word does
            if token_kind != "assess" or kind in (None, "assess"):
                kind, cue = token_kind, i
        if step.unasserted:
            asserted = False
            steps.append(f"unasserted({step.text})")
        if step.hedging:
            hedged = True
        for predicate in step.judged_by:
            sign, directional = -sign, True
            steps.append(f"judged({predicate})")
        if step.harmful is not None:
            # "the sanctions are illegal", "supplying weapons would be a step towards escalation"
            sign, directional, judged = -sign, True, True
            steps.append(f"harms({step.harmful[1]})")
            if kind in (None, "assess"):
                kind, cue = "oppose", step.harmful[0]
        if step.head is None:
            break
        i, came_from = step.head, i
    return _Chain(sign, directional, kind, cue, hedged, asserted, depth, tuple(steps),
                  holder_at if judged else cue, obliged and holder_at is None, top)


def _circumstance(token: Token) -> bool:
    """Whether ``token`` heads an adverbial clause of time or circumstance ("after they imposed
    …", "as the sides look no closer to …") or a circumstance ("after new sanctions", "despite
    …"): the words above it are not about what it holds."""
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in children(token))
    return token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPOSITIONS


def _holder(cue: Token | None, root: Token, top: Token | None = None) -> Token | None:
    """Who holds the stance as written: the stance word's subject (through the verbs it is the
    complement of: "NATO is opposed to", "Russia has made demands"), its possessor ("Russia's
    demand") or the name after its "from" ("a call from Zelenskiy"), else the subject of the
    clause the reading stopped at (``top``), else the root's subject."""
    if cue is not None:
        if cue.pos_ == "NOUN":
            named = next((g for p in children(cue) if p.dep_ == "prep" and p.lower_ in HOLDER_PREPOSITIONS
                          for g in children(p) if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            if named is not None:
                return named
        for token in head_chain(cue, 4):
            possessor = next((c for c in children(token) if c.dep_ == "poss"), None) if token.pos_ == "NOUN" else None
            if possessor is not None:
                return possessor
            subject = subject_of(token) if token.pos_ in ("VERB", "AUX", "ADJ") else None
            if subject is not None:
                return subject
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "conj", "acomp", "advcl"):
                break
    return (subject_of(top) if top is not None else None) or subject_of(root)


def _covers(holder: Token, token: Token) -> bool:
    """Whether a holder's phrase is, or holds, ``token``."""
    return holder.i == token.i or holder.is_ancestor(token)


def _phrase(token: Token) -> SpacySpan:
    """A holder's whole name: the token and its compounds and flat name parts."""
    parts = [c for c in children(token) if c.dep_ in ("compound", "amod", "flat") and c.i < token.i]
    start = min([token.i, *(p.i for p in parts)])
    return token.doc[start:token.i + 1]


def _span_of(reading: SentenceStance, i: int, j: int) -> Span:
    """Tokens ``[i, j)`` of a reading as a span of its document (offsets and text)."""
    start, end = reading.tokens[i][0], reading.tokens[j - 1][1]
    return Span(start, end, reading.text[start - reading.start:end - reading.start])


def reading_word(reading: SentenceStance, k: int) -> str:
    """Token ``k`` of a reading as written."""
    start, end = reading.tokens[k]
    return reading.text[start - reading.start:end - reading.start]


def token_forms(reading: SentenceStance) -> list[tuple[str, str]]:
    """Each token's (lower-cased word, lemma), what keywords are matched against."""
    forms = []
    for (start, end), lemma in zip(reading.tokens, reading.lemmas):
        lower = reading.text[start - reading.start:end - reading.start].lower()
        forms.append((lower.replace("’", "'"), lemma or lower))
    return forms


def read_sentence(sentence: SpacySpan | Doc, *, doc: str = "", index: int = 0, offset: int = 0,
                  noun_chunks: Sequence[SpacySpan] | None = None) -> SentenceStance:
    """A parsed sentence's stance reading for any issue: for each token, what the grammar above it
    does to what is written there (:class:`~storyline.records.StanceChain`), and the noun phrases
    stance words could be about. ``offset`` is added to every offset (the parsed text's start in
    its document); ``doc`` and ``index`` say which document and sentence it is; ``noun_chunks``
    are the sentence's noun chunks when the caller has them (spaCy finds a span's by walking
    the whole document's)."""
    span = sentence[:] if isinstance(sentence, Doc) else sentence
    tokens = list(span)
    first = span.start
    in_span = frozenset(t.i for t in tokens)
    root = span.root if tokens else None
    root_subject = subject_of(root) if root is not None else None
    memo = _StepMemo(span.doc, in_span)
    # many chains share a cue, and many holders hold several stances: each read once
    holder_of: dict[tuple[int | None, int | None], Token | None] = {}
    phrase_of: dict[int, tuple[int, int]] = {}
    chains = []
    for token in tokens:
        chain = _chain(token, memo)
        holder = None
        if root is not None and not chain.unheld:
            at = (chain.holder_at, chain.top)
            if at not in holder_of:
                holder_of[at] = _holder(span.doc[chain.holder_at] if chain.holder_at is not None else None, root,
                                        span.doc[chain.top] if chain.top is not None else None)
            holder = holder_of[at]
        if holder is not None and _covers(holder, token):
            # the stance word's subject is what the stance is about ("sanctions are needed",
            # "the sanctions are not enough"): the holder is whoever the sentence says holds it
            holder = None if root_subject is not None and _covers(root_subject, token) else root_subject
        held = None
        if holder is not None:
            if holder.i not in phrase_of:
                phrase = _phrase(holder)
                phrase_of[holder.i] = (phrase.start - first, phrase.end - first)
            held = phrase_of[holder.i]
        chains.append(StanceChain(
            chain.sign, chain.directional, chain.kind, chain.cue - first if chain.cue is not None else None,
            chain.hedged, chain.asserted, chain.depth, chain.steps, held))
    # where each chain starts: every token's was read by its own chain above
    starts = [memo.step(t.i, None) for t in tokens]
    lemmas = tuple("" if t.lemma_.lower() == t.lower_ else t.lemma_.lower() for t in tokens)
    start = span.start_char + offset if tokens else offset
    return SentenceStance(
        doc, index, start, span.end_char + offset if tokens else offset, span.text,
        tuple((t.idx + offset, t.idx + len(t.text) + offset) for t in tokens), lemmas,
        tuple(t.head.i - first for t in tokens), tuple(s is not None and s.negated for s in starts), tuple(chains),
        _issue_phrases(span.noun_chunks if noun_chunks is None else noun_chunks))


def read_sentences(doc: str, parsed: Doc) -> tuple[SentenceStance, ...]:
    """The reading of each sentence of a parsed document (:func:`read_sentence`), its index that
    of ``parsed.sents``; a sentence over :data:`MAX_SENTENCE_CHARS` is not read."""
    chunks_of: dict[int, list[SpacySpan]] = {}
    sentences = list(parsed.sents)
    starts = [span.start for span in sentences]
    for chunk in parsed.noun_chunks:  # once for the document, not once per sentence
        chunks_of.setdefault(bisect_right(starts, chunk.start) - 1, []).append(chunk)
    return tuple(read_sentence(span, doc=doc, index=index,
                               noun_chunks=[c for c in chunks_of.get(index, ()) if c.end <= span.end])
                 for index, span in enumerate(sentences) if len(span.text) <= MAX_SENTENCE_CHARS)


def _issue_phrases(noun_chunks: Iterable[SpacySpan]) -> tuple[tuple[str, str], ...]:
    """What a stance in this sentence could be about: the short noun phrases that are objects of a
    verb or a preposition, as (lemmas of their content words, head lemma)."""
    phrases = []
    for chunk in noun_chunks:
        head = chunk.root
        if head.pos_ != "NOUN" or head.dep_ not in ("dobj", "pobj") or len(chunk) > 4:
            continue
        words = [t.lemma_.lower() for t in chunk if t.pos_ in ("NOUN", "PROPN", "ADJ")]
        if words:
            phrases.append((" ".join(words), head.lemma_.lower()))
    return tuple(phrases)


def _anchor_head(reading: SentenceStance, i: int, j: int) -> int:
    """The token of an anchor ``[i, j)`` whose head is outside it (or the root)."""
    return next((k for k in range(i, j) if not (i <= reading.heads[k] < j) or reading.heads[k] == k), j - 1)


def _path(reading: SentenceStance, head: int, depth: int) -> tuple[tuple[int, int], ...]:
    """The offsets of ``head`` and of the ``depth`` words the reading climbed above it."""
    path, k = [reading.tokens[head]], head
    for _ in range(depth):
        if reading.heads[k] == k:
            break
        k = reading.heads[k]
        path.append(reading.tokens[k])
    return tuple(path)


@lru_cache(maxsize=256)
def _targets(keywords: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The prepositions an issue's keywords name its target with, and the words of the targets
    they name: ("on", "against") and ("russia",) of "sanctions on Russia", "sanctions against
    Russia"."""
    prepositions, targets = set(), set()
    for keyword in keywords:
        words = keyword_pattern(keyword)
        for k, word in enumerate(words[:-1]):
            if word in TARGET_PREPOSITIONS:
                prepositions.add(word)
                targets.update(words[k + 1:])
    return frozenset(prepositions), frozenset(targets)


def _state_at(words: Sequence[str], k: int) -> str | None:
    """The state's name written from ``words[k]`` on (the longest), or None."""
    for n in range(MAX_STATE_NAME_WORDS, 0, -1):
        name = " ".join(words[k:k + n])
        if len(words[k:k + n]) == n and name in STATE_NAMES:
            return name
    return None


def _another_target(reading: SentenceStance, issue: Issue, i: int, j: int, head: int) -> bool:
    """Whether the keyword at ``[i, j)`` is written with one of the prepositions the issue's
    keywords name their target with, and its object names states (:data:`STATE_NAMES`) none of
    which is the issue's target:
    "sanctions on Iran", "imposing another round of sanctions on Belarus", "peace talks between
    Armenia and Azerbaijan". A keyword that names a state itself is the issue's as written."""
    prepositions, targets = _targets(issue.keywords)
    if not prepositions:
        return False
    words = [reading_word(reading, k) for k in range(len(reading.tokens))]
    lower = [w.lower() for w in words]
    if any(lower[k] in targets or _state_at(lower, k) is not None for k in range(i, j)):
        return False
    # the keyword's own prepositions, those of the noun it counts ("a round of sanctions on …") and
    # those of the verb it is the object of ("imposing sanctions on Myanmar")
    governors, k = {head}, head
    while lower[reading.heads[k]] == "of" and reading.heads[reading.heads[k]] not in governors:
        k = reading.heads[reading.heads[k]]
        governors.add(k)
    governors.add(reading.heads[k])
    named: set[str] = set()
    for p in range(len(words)):
        if lower[p] not in prepositions or reading.heads[p] not in governors or i <= p < j or reading.heads[p] == p:
            continue
        objects = [m for m in range(len(words)) if reading.heads[m] == p and m > p]
        objects += [c for m in objects for c in range(m + 1, len(words)) if reading.heads[c] == m]  # "and Belarus"
        for m in objects:
            start = next((s for s in range(max(p + 1, m - MAX_STATE_NAME_WORDS + 1), m + 1)
                          if " ".join(lower[s:m + 1]) in STATE_NAMES), None)
            if start is not None and words[start][:1].isupper():
                named.add(" ".join(lower[start:m + 1]))
    return bool(named) and not any(set(name.split()) & targets for name in named)


def stance_on(reading: SentenceStance, issue: Issue, *, within: tuple[int, int] | None = None,
              require_keyword: bool = True) -> StanceReading | None:
    """Where the sentence of ``reading`` stands on ``issue``, or None when the issue is not
    written in it.

    ``within`` limits the anchors to a character range of the document (a quote's content). With
    ``require_keyword`` (positions), an issue's cues count only in a sentence that also names the
    issue by a keyword; without it (a sentence known to be about the issue, as in GWSD), the cues
    alone are anchors.
    """
    if not reading.tokens:
        return None
    forms = token_forms(reading)
    anchors: list[tuple[int, int, int, bool]] = []  # start, end (token indexes), base, cue?
    for base, words, cue_anchor in ((1, issue.keywords, False), (1, issue.for_cues, True),
                                    (-1, issue.against_cues, True)):
        for i, j in keyword_anchors(forms, words):
            if within is not None and not (within[0] <= reading.tokens[i][0] and reading.tokens[j - 1][0] < within[1]):
                continue
            anchors.append((i, j, base, cue_anchor))
    if not anchors or require_keyword and not any(not cue for *_, cue in anchors):
        return None
    readings: list[tuple[StanceChain, tuple[int, int]]] = []
    keyword_read = False
    for i, j, base, cue_anchor in anchors:
        head = _anchor_head(reading, i, j)
        if not cue_anchor and _another_target(reading, issue, i, j, head):
            continue  # "sanctions on Iran" are not the sanctions on Russia
        keyword_read = keyword_read or not cue_anchor
        token_chain = reading.chains[head]
        chain = replace(token_chain, sign=base * token_chain.sign, directional=cue_anchor or token_chain.directional)
        if issue.kind == "proposal" and not cue_anchor and any(step.startswith("likely(") for step in chain.steps):
            # "sees no chance of a peace agreement", "unlikely to supply tanks": how likely a
            # proposal is, not whether it should be (of a concern, that a danger is likely is agreeing)
            chain = replace(chain, directional=False, kind=None, cue=None)
        if issue.kind == "proposal" and chain.directional and not cue_anchor and chain.steps \
                and all(step.startswith("assess(") for step in chain.steps):
            # a view alone takes no side on a proposal: "Lukashenko said the sanctions were
            # imposed" is not for them (of a concern, saying it is so is agreeing that it is)
            chain = replace(chain, directional=False)
        if issue.kind == "concern" and sum(step.startswith("harms(") for step in chain.steps) % 2:
            # a harm a danger does says it is serious: "warming will destabilize the region"
            chain = replace(chain, sign=-chain.sign)
        # a negator the keyword itself is written with ("no-fly zone") denies nothing
        own = [k for k in range(i, j) if forms[k][0] in NEGATORS]
        if any(reading.heads[k] == head for k in own) and chain.steps[:1] == (f"not({reading_word(reading, head)})",):
            chain = replace(chain, sign=-chain.sign, steps=chain.steps[1:],
                            directional=cue_anchor or any(not step.startswith("unasserted(") for step in chain.steps[1:]))
        # a negator inside or on the anchor itself: "no NATO membership", "not joining NATO"
        if any(reading.negated[k] and not any(reading.heads[m] == k for m in own) for k in range(i, j) if k != head):
            chain = replace(chain, sign=-chain.sign, directional=True, steps=chain.steps + ("not(anchor)",))
        readings.append((chain, (i, j)))
    if not readings or require_keyword and not keyword_read:
        return None  # every keyword named another target
    if QUESTION_END.search(reading.text):
        # a question asks, it states nothing: "Do these peace talks make sense then?"
        readings = [(replace(c, asserted=False), r) for c, r in readings]
    sided = [(c, r) for c, r in readings if c.directional and c.asserted]
    score = sum(c.sign / (1 + c.depth) for c, _ in sided)
    polarity = 0 if not sided or abs(score) < 1e-9 else (1 if score > 0 else -1)
    # the reading that explains the verdict: the most direct anchor on the winning side, else any
    agreeing = [(c, r) for c, r in sided if c.sign == polarity] or [(c, r) for c, r in readings if c.asserted] \
        or readings
    chain, (i, j) = min(agreeing, key=lambda cr: (cr[0].depth, cr[1][0]))
    confidence = CONFIDENCE_BASE + (CONFIDENCE_STANCE_WORD if chain.kind else 0.0) \
        + (CONFIDENCE_CUE_ANCHOR if polarity and any(cue for *_, cue in anchors) else 0.0)
    if chain.hedged:
        confidence *= HEDGE_FACTOR
    if not polarity:
        confidence *= NO_SIDE_FACTOR
    return StanceReading(
        polarity=polarity, stance=chain.kind or "assess", anchor=_span_of(reading, i, j),
        cue=_span_of(reading, chain.cue, chain.cue + 1) if chain.cue is not None else None,
        holder=_span_of(reading, *chain.holder) if chain.holder is not None else None,
        confidence=round(min(confidence, 1.0), 2), asserted=chain.asserted,
        rule=" ".join(chain.steps) or "mentioned", depth=chain.depth,
        holder_head=_span_of(reading, chain.holder[1] - 1, chain.holder[1]) if chain.holder is not None else None,
        path=_path(reading, _anchor_head(reading, i, j), chain.depth))


def read_stance(sentence: SpacySpan | Doc, issue: Issue, *, offset: int = 0, within: tuple[int, int] | None = None,
                require_keyword: bool = True) -> StanceReading | None:
    """Where a parsed ``sentence`` stands on ``issue``: :func:`stance_on` its :func:`read_sentence`.
    ``offset`` is added to every returned offset (the sentence's start in its document), and
    ``within`` is a character range of the parsed text."""
    bounds = (within[0] + offset, within[1] + offset) if within is not None else None
    return stance_on(read_sentence(sentence, offset=offset), issue, within=bounds, require_keyword=require_keyword)
