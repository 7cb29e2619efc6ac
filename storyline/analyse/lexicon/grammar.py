"""Grammar words and labels: auxiliaries, tense tags and the dependency labels of subjects.

Spellings matter: spaCy's tokenizer splits "we'll", "we’ll" and "youll" into a pronoun and
"'ll", "’ll" or "ll", and a list that holds one spelling misses the others. Where a
stage reads fewer spellings than the language has, the difference is named here (the ``_STRAIGHT``
sets) so that it is seen; it stays as it was until a measurement says whether the wider reading is
better.
"""

from __future__ import annotations

# --- auxiliaries ------------------------------------------------------------------------------

AUX_DEPS: frozenset[str] = frozenset({"aux", "auxpass"})

# "will meet", "shall meet", "we'll meet", "won't meet" (spaCy: "wo" + "n't"), as written with a
# straight apostrophe.
FUTURE_AUX_STRAIGHT: frozenset[str] = frozenset({"will", "shall", "'ll", "wo"})
# All the spellings of the future auxiliary: also "we’ll" (curly apostrophe) and "youll" (none).
FUTURE_AUX: frozenset[str] = FUTURE_AUX_STRAIGHT | {"’ll", "ll"}

# "has met", "they've met", "had met", "she'd met". "'d" is also "would": a stage that reads it
# as a modal says so.
PERFECT_AUX_STRAIGHT_D: frozenset[str] = frozenset({"has", "have", "had", "'ve", "’ve", "'d"})
PERFECT_AUX: frozenset[str] = PERFECT_AUX_STRAIGHT_D | {"’d"}
PAST_PERFECT_AUX: frozenset[str] = frozenset({"had", "'d", "’d"})

# Modal auxiliaries ("ca" of "can't": "ca" + "n't"). "could" is kept apart: as the past of "can" it looks
# back, as a possibility ahead.
COULD = "could"
MODAL_AUX: frozenset[str] = frozenset({"would", "may", "might", "should", "can", "ca", "must", COULD})
# What another party must or should do: "Y must withdraw".
OBLIGATION_AUX: frozenset[str] = frozenset({"must", "should"})

# --- tense ------------------------------------------------------------------------------------

# Penn Treebank tags of verb forms (spaCy's ``Token.tag_``).
PAST_TAG = "VBD"
PRESENT_TAGS: tuple[str, ...] = ("VBZ", "VBP")

# --- subjects ---------------------------------------------------------------------------------

# The doer of an active clause: "Russia attacked", "that he left surprised them".
ACTIVE_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "csubj"})
# The one acted on, as a passive clause's subject: "Kyiv was attacked".
PASSIVE_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubjpass"})
# Any subject of either voice: a clause with one of its own, a salient mention.
SUBJECT_DEPS: frozenset[str] = ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
# A noun that is a clause's subject ("the talks were held"), not a clause that is.
NOMINAL_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
# With the expletive "there"/"it" ("there were clashes"), which holds a subject's place.
SUBJECT_DEPS_WITH_EXPLETIVE: frozenset[str] = SUBJECT_DEPS | {"expl"}
# The doer of an act, for events: an active subject, or the expletive that holds its place. A
# passive subject is the one acted on (a target), never the doer.
ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE: frozenset[str] = ACTIVE_SUBJECT_DEPS | {"expl"}
