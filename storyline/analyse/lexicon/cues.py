"""The words that mark reported speech besides its verbs: cue nouns and adjectives, stance words,
and the small words around a cue (the verbs are in :mod:`storyline.analyse.lexicon.verbs`).

:mod:`storyline.analyse.quotes` reads a parse with these lists. They are drawn from the PARC and
PolNeAR cue inventories and pruned by measuring each cue's precision on PolNeAR train (see
``docs/benchmarks.md``); the comment on each list says what was left out and why.
"""

from __future__ import annotations

from storyline.analyse.lexicon.verbs import cue_classes

# Stance nouns that, with a possessor, report a stance and what it is about, by the word that
# introduces it ("his attacks on X", "her criticism of X", "Obama's decision to Y").
POSSESSED_STANCE_NOUNS: dict[str, frozenset[str]] = {
    "attack": frozenset({"on", "against"}), "criticism": frozenset({"of"}), "decision": frozenset({"to"}),
    "call": frozenset({"for", "to"}), "pledge": frozenset({"to"}), "promise": frozenset({"to", "of"}),
    "proposal": frozenset({"to", "for"}), "endorsement": frozenset({"of"}), "praise": frozenset({"for", "of"}),
    "warning": frozenset({"to", "about", "against"}), "vow": frozenset({"to"}), "threat": frozenset({"to"}),
    "demand": frozenset({"for", "to"}),
}

POSSESSIVE_SPEAKERS: frozenset[str] = frozenset({"his", "her", "their", "its", "my", "our"})

# One-word answers that are a whole statement after "say": "said so", "said no", "said the same".
SHORT_ANSWERS: frozenset[str] = frozenset({"so", "yes", "no", "same"})

# Prepositions that introduce the object of a stance verb: "called for", "pushed for", "warned
# against", "pointed to".
OBJECT_PREPOSITIONS: frozenset[str] = frozenset({"for", "against", "to", "on", "about", "of", "at"})

COMPLEMENT_PREPOSITIONS: frozenset[str] = frozenset({"for", "of", "as", "over", "about", "to", "with", "against"})

# Prepositions whose object is what a cue is about, not where it was said: "declined to comment
# *on* reports that …", "was asked *about* claims that …" (a "that" clause there is the report's,
# not the speaker's), against "said *in* a statement that …" (the speaker's own words).
TOPIC_PREPOSITIONS: frozenset[str] = frozenset({"on", "about", "over", "regarding"})

# Pronoun objects that stand for what was said or backed ("supported it", "defended him").
OBJECT_PRONOUNS: frozenset[str] = frozenset({"what", "it", "him", "her", "them", "this", "that",
                                           "himself", "herself", "themselves", "itself", "myself", "ourselves"})

# Nouns of speech whose "that" clause is reported content: "his claim that …", "the
# statement that …". The speaker is the possessor, or the subject of the verb governing the noun
# ("Trump repeated the claim that …").
CUE_NOUNS: frozenset[str] = frozenset(
    """
    claim statement assertion allegation argument belief view warning promise pledge suggestion
    insistence accusation charge contention remark comment message announcement assurance
    conclusion finding report estimate prediction threat demand call hope fear
    """.split()
)

# Adjectives of conviction that take a "that" clause: "X is convinced that …".
CUE_ADJECTIVES: frozenset[str] = frozenset(
    "convinced sure confident certain aware adamant clear optimistic hopeful worried afraid".split()
)

# Adjectives of stance that take an object or an infinitive ("critical of", "wary of",
# "eager to"): a stance only when a person or a group holds it.
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    """
    critical supportive skeptical sceptical wary leery concerned confident unsure uncertain proud
    opposed eager reluctant hesitant pessimistic doubtful angry upset furious pleased satisfied
    dissatisfied unhappy frustrated disappointed open willing unwilling ready keen determined
    committed dismissive adamant careful enthusiastic excited nervous fearful suspicious
    """.split()
)

STANCE_PREPOSITIONS: frozenset[str] = frozenset({"of", "about", "with", "against", "toward", "towards", "on", "over", "to", "at"})

# Nouns for someone who holds a stance on something: "a dogged defender of the law".
STANCE_NOUNS: frozenset[str] = frozenset(
    "supporter defender critic opponent proponent advocate champion backer foe skeptic sceptic "
    "architect ally enemy detractor booster cheerleader".split()
)

# Common nouns for people and groups that hold views ("voters are wary of …").
GROUP_NOUNS: frozenset[str] = frozenset(
    """
    voter official lawmaker leader critic supporter opponent expert analyst economist resident
    activist democrat republican conservative liberal member senator politician aide adviser
    advisor spokesman spokeswoman spokesperson administration government campaign party
    committee candidate investor executive worker union group people american
    """.split()
)

# Nouns that carry a stance or a speech act when a verb takes them as its object and a
# preposition says what they are about: "expressed *support for* the plan", "raised *questions
# about* the deal", "voiced *misgivings about* Ek". The noun and its preposition are part of the
# cue (PolNeAR marks "expressed support for" as the cue and only "the plan" as content). Besides
# the stance nouns of :mod:`storyline.analyse.lexicon.stance` and the speech nouns above, these.
ATTITUDE_NOUNS: frozenset[str] = frozenset(
    """
    question concern doubt misgiving reservation worry fear view opinion stance position attitude
    focus attention response reference insult critique defense defence credit outrage anger
    frustration sympathy passion enthusiasm skepticism scepticism disdain contempt admiration
    insight comment remark word praise attack criticism endorsement support opposition
    allegiance loyalty responsibility condolence thanks apology
    """.split()
)

# Verbs that only voice the stance their object noun names ("expressed support for", "voiced
# concern about", "offered praise for"), unlike verbs whose object is itself the topic ("cited
# criticism of X", "discussed his commitment to X").
VOICING_VERBS: frozenset[str] = frozenset({"express", "voice", "offer", "show", "reiterate", "air", "convey", "extend",
                                          "pledge", "claim"})

# Particles that belong to the cue: "pointed out", "spoke up".
CUE_PARTICLES: frozenset[str] = frozenset({"out", "up", "for", "on"})

# Prepositions that belong to the cue verb ("called for talks"), unlike "said on Monday".
CUE_PREPOSITIONS: frozenset[tuple[str, str]] = frozenset(
    {("call", "for"), ("call", "on"), ("push", "for"), ("warn", "against"), ("point", "to"), ("argue", "for")}
)

# Nouns that carry the speech act after a light verb (:data:`~storyline.analyse.lexicon.verbs.
# SPEECH_LIGHT_VERBS`): "made the case that …", "gave a warning that …".
LIGHT_NOUNS: frozenset[str] = frozenset(
    "case point argument claim commitment promise pledge statement announcement assurance "
    "warning prediction vow guarantee".split()
)


# The class of the report a cue noun or adjective makes (the classes are described in
# :mod:`storyline.analyse.lexicon.verbs`, beside :data:`~storyline.analyse.lexicon.verbs.CUE_CLASSES`).
CUE_WORD_CLASSES: dict[str, str] = cue_classes({
        "speech": """
            claim statement assertion allegation argument remark comment message announcement
            assurance report warning charge accusation contention insistence suggestion prediction
            case point guarantee clear adamant
        """,
        "stance": """
            demand call promise pledge vow threat commitment attack criticism decision proposal
            endorsement praise
        """,
        "cognition": """
            belief view hope fear conclusion estimate convinced sure confident certain aware
            optimistic hopeful worried afraid
        """,
        "perception": "finding",
}) | {word: "stance" for word in STANCE_ADJECTIVES | STANCE_NOUNS if word not in ("confident",)}

# The marks that quote someone's words: curly opening and closing marks, and the straight one
# that does both (storyline.analyse.quotes.marks pairs them; the timeline's day summaries tell a
# quoted sentence by them).
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
