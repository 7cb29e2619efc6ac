"""The words that refer to someone named elsewhere: pronouns by person, gender and number, the
titles that stand for the person who holds them, and the descriptors that stand for an
organisation.

:mod:`storyline.analyse.references` resolves speakers and pronoun subjects with these lists, and the
cue rules read :data:`SPEAKING_PRONOUNS` and :data:`RELATIVE_PRONOUNS` to tell a subject that can
say something from one that cannot.
"""

from __future__ import annotations

# Subjects that can say something: the pronouns of people and groups.
SPEAKING_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "you"})
MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "we", "us", "our"})
NEUTER_PRONOUNS: frozenset[str] = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "we", "us"})
# The words of someone speaking or writing in their own voice (a quote, a letter, an op-ed): the
# first and second person with their possessives.
OWN_VOICE_WORDS: frozenset[str] = FIRST_PERSON | frozenset({"my", "mine", "our", "ours", "you", "your", "yours"})
# Subject pronouns that may stand for an actor of an event ("X said it would ...").
ACTOR_PRONOUNS: frozenset[str] = frozenset({"it", "they", "he", "she", "we", "i"})
# Those that stand for a person or the speaker's side. With no antecedent in the sentence such a
# pronoun is kept as an event's source, so that linking can resolve it against the quote, the
# transcript turn or the earlier named person (storyline.link.pronouns); "it" and "they" are left
# out: their referents are too often things, and the parse cannot tell.
PERSONAL_PRONOUNS: frozenset[str] = frozenset({"i", "we", "he", "she"})
# Those of them that are the speaker: their present tense is the moment of speaking.
SPEAKER_PRONOUNS: frozenset[str] = frozenset({"i", "we"})

# Speaker nouns that name a person by their function: resolved to the person who carried the
# title earlier in the text ("the alliance chief" → Jens Stoltenberg, "NATO chief").
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "chief": frozenset({"chief", "head", "leader", "secretary", "general", "director", "chairman"}),
    "head": frozenset({"chief", "head", "leader", "director", "chairman", "secretary"}),
    "leader": frozenset({"leader", "chief", "head", "president", "premier", "chancellor", "minister"}),
    "boss": frozenset({"chief", "head", "director", "ceo", "chairman"}),
    "congressman": frozenset({"congressman", "representative", "lawmaker"}),
    "congresswoman": frozenset({"congresswoman", "representative", "lawmaker"}),
    "lawmaker": frozenset({"lawmaker", "senator", "representative", "congressman", "congresswoman", "mp", "mep"}),
    "nominee": frozenset({"nominee", "candidate"}),
    "candidate": frozenset({"candidate", "nominee"}),
}
# Titles as news writes them before a name ("Sen. Ann Ek", "Gov. Ivo Marek"), spelt out so that a
# later "the senator" finds them. Lower-case, without the full stop.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "amb": "ambassador",
    "sec": "secretary", "secy": "secretary", "lt": "lieutenant", "col": "colonel", "pres": "president",
    "atty": "attorney", "adm": "admiral", "sgt": "sergeant", "capt": "captain", "maj": "major",
    "cmdr": "commander", "supt": "superintendent", "dr": "doctor", "prof": "professor",
}
# Words that make a noun phrase indefinite: "a spokesman", "one official", "several aides" name
# someone the text does not identify, so they are resolved to no one.
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(
    {"a", "an", "some", "any", "another", "one", "several", "many", "no", "every", "each", "other", "few"}
)
# Words that make another office of a title: the deputy head is not the head.
RANK_MODIFIERS: frozenset[str] = frozenset({"deputy", "vice", "assistant", "under"})
# The spokesperson nouns: "a spokeswoman for Ivo Marek" speaks on behalf of Marek.
SPOKESPERSON_NOUNS: frozenset[str] = frozenset({"spokesman", "spokeswoman", "spokesperson"})

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
# Descriptors of a work, not an organisation: "the poll", "a new study" speak for whoever made
# them, which only a name inside the phrase says ("a Castavia Times poll"); never the latest
# organisation named before.
WORK_DESCRIPTORS: frozenset[str] = frozenset({"poll", "survey", "study", "report"})
# Descriptors of a state's institutions: a nationality in the phrase names the state ("the
# Tarvian foreign ministry"), where in "a Tarvian rights group" it only qualifies the group.
STATE_DESCRIPTORS: frozenset[str] = frozenset({"ministry", "government", "administration", "army", "military",
                                               "embassy", "department"})
