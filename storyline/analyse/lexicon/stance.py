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

# Verbs of obligation, with an infinitive: "Nato would have to respond by imposing a no-fly zone",
# "the US would need to tighten sanctions". Like "must", a demand, held by whoever states it and
# never by the one obliged (with no one else to state it, the writer's: no one's position).
OBLIGATION_VERBS: frozenset[str] = frozenset({"have", "need"})

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

# Words of likelihood: what they govern is judged likely or near, not wanted or refused ("sees no
# chance of a peace agreement", "does not have high expectations from the talks", "no closer to a
# ceasefire", "unlikely to supply tanks"). Of a proposal they take no side, whatever negates them;
# of a concern (a danger) their reading is kept, as GWSD measured it.
LIKELIHOOD_WORDS: frozenset[str] = frozenset({
    "chance", "prospect", "expectation", "likelihood", "probability", "odds", "sign",
    "likely", "unlikely", "close", "closer", "near", "nearer",
})

# Prepositions of a circumstance: "pledged to keep expanding … after new U.S. sanctions", "despite
# the sanctions". What they introduce is when or in spite of what something was done, not what a
# stance word above them is about, so the reader does not climb past them.
CIRCUMSTANCE_PREPOSITIONS: frozenset[str] = frozenset({
    "after", "before", "since", "following", "amid", "despite", "during", "until", "ahead",
})

# The marks of an adverbial clause of time or circumstance ("after western countries imposed
# sanctions", "as the sides look no closer to a ceasefire"): read as the prepositions above. Not
# every adverbial clause: "…, saying that …" or "to stop …" carry the subject's own view or aim,
# and cutting those lowered GWSD macro-F1 on both splits (dev 0.485 -> 0.483, train 0.548 -> 0.546).
CIRCUMSTANCE_MARKS: frozenset[str] = frozenset({"after", "before", "since", "until", "as", "while", "when",
                                                "once", "although", "though"})

# Prepositions that name who holds a stance noun: "a call from Zelenskiy for military assistance",
# "demands by Moscow".
HOLDER_PREPOSITIONS: frozenset[str] = frozenset({"from", "by"})

# Prepositions an issue's keywords may name its target with ("sanctions on Russia", "weapons to
# Ukraine", "negotiations between Russia and Ukraine"); the same keyword written with the same
# preposition and another state ("sanctions on Iran") is about another target.
TARGET_PREPOSITIONS: frozenset[str] = frozenset({
    "on", "against", "to", "for", "with", "between", "of", "into", "toward", "towards",
})
