"""The words of stance besides its verbs: negators, the nouns, adjectives and prepositions that say
where someone stands or that turn what they govern around (the verbs are tagged ``stance-*`` in
:mod:`storyline.analyse.lexicon.verbs`).

:mod:`storyline.analyse.stance` reads a parse with these lists; each says what it holds and why.
"""

from __future__ import annotations

# Words that deny what they attach to: "not", "n't", "never" on a verb, "no" on a noun ("no way
# NATO can compromise"), "without" before a noun phrase. "nor"/"neither" deny their conjunct.
NEGATORS: frozenset[str] = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "none",
                                      "nothing", "nobody", "nowhere", "hardly", "cannot"})

# Nouns that state a stance on what they govern ("Russia's demand for guarantees", "his
# opposition to enlargement"), by kind (one of verbs.STANCE_KINDS).
STANCE_NOUN_KINDS: dict[str, str] = {
    "demand": "demand", "call": "demand", "request": "demand", "ultimatum": "demand", "insistence": "demand",
    "requirement": "demand", "condition": "demand", "need": "demand",
    "refusal": "refuse", "rejection": "refuse", "veto": "refuse",
    "pledge": "commit", "promise": "commit", "commitment": "commit", "guarantee": "commit", "vow": "commit",
    "assurance": "commit",
    "support": "support", "backing": "support", "endorsement": "support", "respect": "support",
    "opposition": "oppose", "objection": "oppose", "criticism": "oppose", "condemnation": "oppose",
    "implementation": "support", "imposition": "support", "delivery": "support", "provision": "support",
    "adoption": "support", "gratitude": "support", "deployment": "support",
    "proposal": "propose", "offer": "propose", "plan": "propose", "initiative": "propose",
    "warning": "warn", "threat": "warn",
}

# Adjectives of a stance held by their subject ("NATO is opposed to …", "ready to talk"), by kind.
STANCE_ADJECTIVE_KINDS: dict[str, str] = {
    "opposed": "oppose", "hostile": "oppose", "critical": "oppose",
    "committed": "commit", "ready": "commit", "willing": "commit", "determined": "commit", "prepared": "commit",
    "open": "support", "supportive": "support", "favourable": "support", "favorable": "support",
    "grateful": "support", "thankful": "support",
    "unwilling": "refuse", "reluctant": "refuse",
    "convinced": "assess", "sure": "assess", "confident": "assess", "certain": "assess", "clear": "assess",
    "adamant": "demand",
}

# Kinds whose word is against what it governs: a refusal of X, opposition to X.
REVERSING_KINDS: frozenset[str] = frozenset({"refuse", "oppose"})

# Other words that turn around what they govern ("an end to enlargement", "a halt to
# expansion", "against membership", "a ban on …", "anti-NATO"): no stance of their own.
REVERSING_WORDS: frozenset[str] = frozenset({
    "against", "anti", "end", "halt", "stop", "ban", "freeze", "moratorium", "abandonment", "renunciation",
    "concession", "withdrawal", "impossible", "unacceptable",
    # holding back from a thing: "slammed Scholz for his hesitation in providing military aid"
    "hesitation", "reluctance", "failure", "delay",
})

# A clause under these marks is asked or supposed, not stated: "asked whether NATO could accept",
# "if Ukraine joins". What it says is no position of anyone's.
UNASSERTED_MARKS: frozenset[str] = frozenset({"whether", "if", "unless"})

# Auxiliaries that make a statement a possibility rather than a position ("NATO could accept"):
# the position stands, with less confidence. "would"/"will" are intent, and "must"/"should" a demand.
HEDGE_AUX: frozenset[str] = frozenset({"could", "might", "may"})

# Auxiliaries of obligation: what a clause says must or should be done is demanded ("the world
# must cut emissions", "NATO should not admit …"); the negation inside keeps its sign.
OBLIGATION_AUX: frozenset[str] = frozenset({"must", "should", "ought"})

# Words of sufficiency: that a thing is "not enough" asks for more of it, not for less ("the
# sanctions are not enough"), so a negator on them takes a side without turning the sign.
SUFFICIENCY_WORDS: frozenset[str] = frozenset({"enough", "sufficient", "adequate"})

# Verbs of speech or work that, of their direct object, say it is done or given: announcing new
# sanctions or another $800m of military aid is imposing or giving them, and preparing a package of
# sanctions is on the way to it (with a clause, "announced that …", they only report).
DOING_VERBS: frozenset[str] = frozenset({"announce", "unveil", "prepare"})

# Verbs that judge their subject by a harm it does: "cease-fires would legitimize the aggression",
# "supplying weapons will prolong the war". Said of a proposal, they are a case against it; what
# they govern is not reversed (legitimizing X is no stance on X), so they are not ``stance-reverse``
# verbs. Verbs of physical harm ("threaten", "worsen") are left out: of a danger ("warming
# threatens the coasts") they say it is serious, not that it should not be.
HARMFUL_EFFECT_VERBS: frozenset[str] = frozenset({
    "legitimize", "legitimise", "prolong", "escalate", "provoke", "fuel", "destabilize", "destabilise",
    "jeopardize", "jeopardise", "embolden", "perpetuate", "reward",
})

# Words that, predicated of a thing, call it harmful or wrong: "the sanctions are illegal", "…
# was a mistake", "a step towards escalation" (what the predicate leads to). Said of a proposal, a
# case against it; of a concern (a danger), that it is serious. "failed" is left out: "the models
# failed" says a danger was overstated, not that it is harmful.
HARMFUL_JUDGEMENTS: frozenset[str] = frozenset({
    "illegal", "illegitimate", "unlawful", "counterproductive", "counter-productive", "dangerous", "harmful",
    "futile", "pointless", "useless", "senseless", "ineffective", "reckless", "irresponsible", "provocative",
    "destructive", "mistake", "error", "waste", "provocation", "escalation", "disaster", "catastrophe",
    "suicide", "blackmail",
})

# The comparatives of harm in "the more X, the longer the conflict": more of X means more harm, a
# case against X.
HARM_COMPARATIVES: frozenset[str] = frozenset({"longer", "worse", "bloodier", "deadlier", "harder", "higher"})

# Adjectives that call a thing too weak: to disagree with a "passive sanctions position" is to want
# stronger sanctions, so they turn around the side their noun is given.
WEAKNESS_WORDS: frozenset[str] = frozenset({"passive", "weak", "soft", "timid", "toothless", "half-hearted",
                                            "insufficient", "inadequate", "symbolic", "cosmetic"})

# Who reports what others say, and holds no position of their own: news agencies and wire
# services, as a quote's or an event's source ("BelTA reported", "TASS quoted"), lower-cased.
NEWS_AGENCIES: frozenset[str] = frozenset({
    "belta", "tass", "ria novosti", "ria", "interfax", "interfax-ukraine", "ukrinform", "unian", "reuters",
    "associated press", "ap", "afp", "agence france-presse", "xinhua", "anadolu", "anadolu agency", "kyodo",
    "yonhap", "dpa", "ansa", "efe", "pap", "sputnik", "itar-tass", "bloomberg", "cna", "irna", "kuna", "wafa",
    "ukrinform news agency", "belta news agency", "tass news agency", "novosti",
})
