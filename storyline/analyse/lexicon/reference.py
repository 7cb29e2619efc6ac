"""The words that refer to someone named elsewhere: pronouns by person, gender and number, the
titles that stand for the person who holds them, and the descriptors that stand for an
organisation.

:mod:`storyline.analyse.quotes.speakers` resolves a quote's speaker with these lists, and the
cue rules read :data:`SPEAKING_PRONOUNS` and :data:`RELATIVE_PRONOUNS` to tell a subject that can
say something from one that cannot.
"""

from __future__ import annotations

# Subjects that can say something: the pronouns of people and groups.
SPEAKING_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "you"})
MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "we", "us", "our"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "we", "us"})
# The subject pronouns that are the speaker (an event's source "I"/"we"): their present tense is
# the moment of speaking.
SPEAKER_PRONOUNS: frozenset[str] = frozenset({"i", "we"})

# Speaker nouns that name a person by their function: resolved to the person who carried the
# title earlier in the text ("the alliance chief" → Jens Stoltenberg, "NATO chief").
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "chief": frozenset({"chief", "head", "leader", "secretary", "general", "director", "chairman"}),
    "head": frozenset({"chief", "head", "leader", "director", "chairman", "secretary"}),
    "leader": frozenset({"leader", "chief", "head", "president", "premier", "chancellor", "minister"}),
    "boss": frozenset({"chief", "head", "director", "ceo", "chairman"}),
}

# Organisation descriptors and the names they usually stand for; resolved to the most recent
# ORG mention, preferring one whose text matches. "the alliance" = NATO when the text names it.
ORG_DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "alliance": ("NATO", "North Atlantic"),
    "bloc": ("EU", "European Union", "NATO"),
    "union": ("EU", "European Union"),
    "kremlin": ("Kremlin",),
    "ministry": ("Ministry",),
    "government": ("government",),
    "administration": ("administration", "White House"),
    "agency": ("Agency",),
    "company": (),
    "firm": (),
    "group": (),
    "organisation": (),
    "organization": (),
    "department": ("Department",),
    "campaign": ("campaign",),
    "committee": ("Committee",),
    "party": ("Party",),
    "court": ("Court",),
    "council": ("Council",),
    "commission": ("Commission",),
    "office": ("Office",),
    "embassy": ("Embassy",),
    "army": ("Army", "Forces"),
    "military": ("Army", "Forces", "Ministry of Defence", "Pentagon"),
    "newspaper": (),
    "paper": (),
    "poll": (),
    "survey": (),
    "study": (),
    "report": (),
}
# Descriptors that stand for one organisation only: when the text never names it, the speaker
# stays unresolved rather than taking the latest organisation named.
SINGULAR_DESCRIPTORS: frozenset[str] = frozenset({"kremlin", "alliance", "bloc"})
