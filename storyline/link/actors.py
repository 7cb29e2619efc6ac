"""Corpus-level actor linking: one canonical actor per person, organisation or place.

:func:`link_actors` is a pure function from entity mentions (all documents of a corpus) to
:class:`~storyline.records.Actor` records. Surface forms are first grouped by their normalised
spelling, then joined by the rules below, applied in this order; each join keeps the evidence a
reader can check in an :class:`~storyline.records.AliasLink`.

``exact``
    Same name after normalising case, accents, curly quotes, a trailing possessive ("’s"), a
    leading "the" and dotted acronyms ("U.S." = "US"), and without page furniture swept into the
    name (a time stamp, brackets, a leading dash, what follows a colon).
``title``
    A person's name written with a title ("President Putin") is the bare name ("Putin").
``prefix``
    A place or body the tagger swept into a person's name joins the person: "Ukraine Volodymyr
    Zelenskyy" (out of "President of Ukraine Volodymyr Zelenskyy") is "Volodymyr Zelenskyy".
``transliteration``
    Names that differ only in how the ends of their words were romanised are one person:
    "Zelenskiy", "Zelensky" and "Zelenskyy"; "Sergey" and "Sergei"; and in how a soft vowel
    inside them was ("Podolyak" and "Podoliak"). Russian "-ei" and Ukrainian "-iy" forms stay
    apart (Andrei and Andriy are often two people).
``acronym``
    A single all-caps token of 2-6 letters whose letters are the initials of exactly one
    multi-word non-person name ("NATO" = "North Atlantic Treaty Organization", "US" = "United
    States"; "of", "the", "and"... may be skipped).
``name-variant``
    Two full names with the same surname whose given names agree, allowing initials
    ("J. Stoltenberg" = "Jens Stoltenberg") and nicknames ("Joe Biden" = "Joseph Biden"; the
    ``nicknames`` package's curated table of English names).
``surname``
    A partial name ("Stoltenberg", "von der Leyen") joins the one full person name in the corpus
    that ends with it. When two different people share the surname, the partial name is not
    merged blindly: in each document that names exactly one of them in full, its mentions there
    join that person (rule ``surname-in-document``); the rest join the most mentioned full name
    when it has five times the mentions of the others together ("Putin"), and otherwise stay a
    separate actor.
    A bare surname the tagger took for a place ("Scholz said", GPE) joins only a person named in
    full in at least 70% of the articles that use it, so that "Washington" stays a city. A name
    written after a person's title in a tenth of its mentions ("German Chancellor Olaf Scholz")
    is a person's, however often the tagger called it an organisation.
``misspelling``
    A rare variant joins a frequent, nearly identical name (see the constants below): "Stoltberg"
    → "Stoltenberg" (two letters dropped), "NARO" → "NATO" (R and T are neighbouring keys).
``state-form``
    A country's formal name joins its short name when the corpus uses both: "Republic of
    Poland" → "Poland", "People's Republic of China" → "China", and an adjective before the
    form of state, "Russian Federation" → "Russia" (:data:`STATE_FORMS`). "Donetsk People's
    Republic" is no formal name of Donetsk and stays itself.
``descriptor``
    A descriptive name of a well-known organisation that shares no initials with its acronym
    joins that acronym when the corpus uses it: "North Atlantic Alliance" → "NATO"
    (:data:`KNOWN_DESCRIPTORS`).

A bare institution noun or title word tagged as an organisation ("the Alliance", "the Ministry",
"State" out of "Secretary of State", "General") names a body only through its context, which
linking across articles cannot see: such one-word names (:data:`GENERIC_ORG_WORDS`) are no
actor, and their mentions stay unlinked.

Which labels become actors: every label :mod:`storyline.analyse.entities` keeps (PERSON, ORG,
GPE, NORP, LOC, FAC, EVENT). ``PROPN`` mentions (proper nouns the NER missed) only serve as
recall: they join an actor when a rule links them, and a group made only of ``PROPN`` mentions
is dropped, because an untagged capitalised word on its own is as often a headline word or page
furniture ("Leave a Comment") as a name. Every other input mention, generic one-word names
aside, lands in exactly one actor.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

from nicknames import NickNamer

from storyline.analyse.entities import glued_stamp_length
from storyline.analyse.lexicon.labels import PLACE_LABELS, PROPN_LABEL
from storyline.records import Actor, AliasLink, EntityMention

__all__ = ["actor_digest", "link_actors", "normalise_name"]

# Rules that join a form to a person's name as a part or a spelling of it.
PERSON_RULES: frozenset[str] = frozenset({"title", "surname", "name-variant", "prefix", "transliteration"})

# Tie-break between labels with equal votes (a fixed order keeps output deterministic). PERSON
# first: the model tags unfamiliar surnames ORG far more often than the reverse. GPE before ORG:
# a capital tagged ORG is a city used as shorthand for its government ("Kyiv considers...").
LABEL_PRIORITY: tuple[str, ...] = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", PROPN_LABEL)

# Labels the small English model confuses with each other for unfamiliar names: a bare surname
# is often tagged ORG ("Stoltberg said"). A misspelling may cross these labels, never others.
CONFUSABLE_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", PROPN_LABEL})

# Places (PLACE_LABELS). The small model calls a place it does not know a person ("Kyiv", "Kherson",
# "Zaporizhzhia": spellings newer than its training data) more often than a place, but still a
# place in a fifth to a third of their mentions; a person it knows by name is a place in at most a
# tenth of them (Putin 0.4%, Biden 5%, Stoltenberg 8% on the NATO/Ukraine corpus). A name called a
# place in this share of its tagged mentions, and never written after a title, is a place.
PLACE_VOTE_SHARE = 0.2
# ...unless it is a person's surname: news names a person in full in most articles that use the
# surname (or names them in full at least as often as by surname), while a place ends a tagged
# "full name" only by accident ("Inside Kyiv", "Taking Mariupol"), once or twice in a hundred
# articles that name the place.
PERSON_FULL_NAME_DOC_SHARE = 0.2

# Places and nationalities are never linked by spelling similarity: real, distinct names differ
# by a letter or two all the time (Austria/Australia, Iran/Iraq, Niger/Nigeria, Slovakia/Slovenia,
# Russia/Prussia), while news desks rarely misspell a country.
NO_MISSPELLING_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "NORP", "FAC"})

# Words that can precede a person's name as a title; stripped before comparing person names.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president minister secretary general spokesman spokeswoman spokesperson chancellor
    ambassador envoy director chief chairman chairwoman governor mayor senator commander colonel
    general lieutenant captain admiral king queen prince princess pope dr mr mrs ms sir lord lady
    prime deputy foreign former acting vice premier speaker judge professor prof
    """.split()
)

# One-word organisation names that are a kind of body, not a body: "the Alliance", "the
# Ministry", "Army"; and the words of an office's name the NER splits off as an organisation
# ("Secretary of State", "Minister of the Interior"). Which alliance or ministry is meant depends
# on the article, so across a corpus they would merge every alliance and ministry into one actor.
# Proper names of one national institution ("Kremlin", "Pentagon", "Senate", "Knesset") are
# names, not kinds, and are not listed.
GENERIC_ORG_WORDS: frozenset[str] = frozenset(
    """
    alliance government ministry council committee commission office department agency army navy
    forces treaty union assembly administration cabinet board authority authorities federation
    republic organisation organization court bureau service group party state federal interior
    defence defense foreign finance justice health economy economic cooperation development
    affairs relations integration issues
    """.split()
) | TITLE_WORDS
GENERIC_ORG_LABELS: frozenset[str] = frozenset({"ORG", PROPN_LABEL})
# A name written after a person's title in this share of its mentions is a person's name.
PERSON_TITLE_SHARE = 0.1
# Words that join the parts of a body's name, not a person's ("Order of Courage").
NAME_PARTICLES: frozenset[str] = frozenset({"of", "the", "and", "for"})

# Descriptive names of well-known organisations that share no initials with their acronym, so
# the acronym rule cannot join them (normalised name -> normalised acronym). Spelled-out names
# ("North Atlantic Treaty Organization") need no entry: the acronym rule finds them.
KNOWN_DESCRIPTORS: dict[str, str] = {
    "north atlantic alliance": "nato",
    "atlantic alliance": "nato",
    "transatlantic alliance": "nato",
}

# "Russian" → "Russia", "Ukrainian" → "Ukraine", "Belgian" → "Belgium": a nationality word
# shares this many leading letters with its country (or all but the country's last two); "French"
# → "France" shares too little to be told apart from chance and is left alone.
DEMONYM_MIN_PREFIX = 5
# Forms of state in a country's formal name ("Republic of Poland", "Russian Federation"), and the
# words that may qualify them ("Federal Republic of Germany", "Islamic Republic of Iran").
STATE_FORMS = frozenset({"republic", "federation", "kingdom", "principality", "state", "commonwealth",
                         "sultanate", "emirate", "confederation", "duchy"})
# Not "democratic": the Democratic Republic of the Congo is not the Republic of the Congo, nor
# is the Democratic People's Republic of Korea the Korea of "Republic of Korea".
STATE_QUALIFIERS = frozenset({"federal", "people's", "islamic", "socialist", "united", "autonomous", "arab",
                              "grand", "plurinational", "bolivarian", "hashemite"})

# Romanisations of the same Slavic name differ in how they end ("Zelenskyy", "Zelenskiy",
# "Zelensky"; "Sergei", "Sergey"). Tokens this long are compared with their ending folded; shorter
# ones are left alone, where a changed last letter is more often another name. "-ei"/"-ey" stay
# apart from "-iy"/"-ii": they are the Russian and the Ukrainian form of a name, often two people
# (Andrei Kostin the banker, Andriy Kostin the prosecutor).
TRANSLITERATION_MIN_LENGTH = 6
_ROMANISED_ENDINGS = ((re.compile(r"e[iy]$"), "ei"), (re.compile(r"(?:iy|yy|yi|ij|ii|y|i)$"), "i"))
# Ukrainian я, ю, є after a consonant inside a name: "ya"/"yu"/"ye" or "ia"/"iu"/"ie"
# ("Podolyak" = "Podoliak"); not in a name's first three letters, where English names have it.
_ROMANISED_SOFT_VOWEL = re.compile(r"(?<=...)([bcdfghklmnprstvz])y([aeu])")

# A surname shared by several full names in the corpus joins the most mentioned one when that
# one has this many times the mentions of the others together ("Putin" and "Vladimir Putin",
# 3,011 mentions, against a stray "Vladimir Putin: Comrades"); articles that name only another
# of them in full keep their own reading.
DOMINANT_SURNAME_RATIO = 5

# A bare surname the tagger does not call a person (a place, an organisation) joins a person only
# when this share of the articles using it also name that person in full.
GPE_SURNAME_SHARED_DOCS = 0.7

# Particles that belong to a surname ("von der Leyen", "de Gaulle") and words skipped when
# taking initials of an expanded name ("North Atlantic Treaty Organization" -> NATO).
ACRONYM_SKIPPED_WORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "to", "&"})

# Acronyms: 2-6 capital letters. One-letter tokens are initials, and longer all-caps tokens are
# words set in capitals (headline style), not acronyms.
ACRONYM_MIN_LETTERS = 2
ACRONYM_MAX_LETTERS = 6

# Misspelling rule. Names shorter than this are never linked by similarity: at three letters
# nearly every string is one edit from another real name or acronym (UN/US/UK, EU/EUR).
MIN_MISSPELLING_LENGTH = 4
# Names of at least this many characters may differ by two edits (a dropped syllable,
# "Stoltberg"/"Stoltenberg"); shorter names by one. Two edits on a seven-letter name already
# reach a different real name (Austria/Australia).
LONG_NAME_LENGTH = 9
MAX_EDITS_SHORT = 1
MAX_EDITS_LONG = 2
# The variant must be rare and the target frequent: a typo is a one-off, while two names both
# used several times are two different actors. The target group needs this many times the
# variant's mentions, and the variant at most this many mentions.
MIN_FREQUENCY_RATIO = 3
MAX_VARIANT_MENTIONS = 3
# Typos almost never hit the first letter, while distinct names often differ there
# (Russia/Prussia, Gambia/Zambia); a differing first letter blocks the link.
SAME_FIRST_LETTER = True
# A writer misspells a name they have just spelt right: the variant must share a document with
# the target, unless it is a single edit on a name this long, where chance collisions are rare.
CROSS_DOC_MIN_LENGTH = 8

# All-caps acronyms are arbitrary letter strings, so a small change is often another real
# organisation: swapped letters (UNHCR, the refugee agency / UNHRC, the rights council) or a
# far-away key (NATO/NASA differ in two). Only the typing slip that rarely makes a real acronym
# counts: one same-length substitution by a neighbouring QWERTY key ("NARO": R is next to T).
_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Horizontal shift of each row on a real keyboard, in key widths: A sits a quarter key right of
# Q, Z three quarters. Keys whose centres are less than one key width apart (across at most one
# row) are neighbours: T's are R, Y, F, G, 5 and 6 (digits left out).
_ROW_SHIFT = (0.0, 0.25, 0.75)


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    pos = {ch: (r, c + _ROW_SHIFT[r]) for r, row in enumerate(_QWERTY_ROWS) for c, ch in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for ch, (r, x) in pos.items():
        out[ch] = frozenset(
            other
            for other, (r2, x2) in pos.items()
            if other != ch and abs(r - r2) <= 1 and abs(x - x2) < (1.01 if r == r2 else 1.0)
        )
    return out


KEYBOARD_NEIGHBOURS: dict[str, frozenset[str]] = _keyboard_neighbours()

# Length of the hex digest used as actor id: 12 hex digits (48 bits) is collision-free in
# practice for corpus-sized actor sets and short enough for URLs.
ACTOR_ID_LENGTH = 12

_POSSESSIVE = re.compile(r"(?:['’`]s|['’])$")
_NAME_BRACKETS = re.compile(r"[\[\]{}]")
_NAME_FURNITURE = re.compile(r"^[-–—•*]+\s*")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")


def normalise_name(text: str) -> str:
    """The spelling-insensitive key of a surface form: "the U.S.’s" -> "us"."""
    return _fold(_clean_surface(text))


def _clean_surface(text: str) -> str:
    """Surface text without leading "the", trailing possessive or dotted-acronym dots; case kept.
    Page furniture the tagger swept into a name goes too: a live-blog stamp before it ("01:12Zelenskiy",
    "24 Feb 202221.50Dmytro Kuleba"), brackets ("Vladimir] Putin"), a leading dash, and what follows
    a colon ("Putin: Comrades")."""
    text = " ".join(text.replace("’", "'").replace("`", "'").split())
    text = _without_stamp(_NAME_BRACKETS.sub("", text))
    text = _NAME_FURNITURE.sub("", text).split(": ")[0].strip()
    text = _POSSESSIVE.sub("", text).strip()
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:].strip()
    if _DOTTED_ACRONYM.match(text):
        text = text.replace(".", "")
    return text


def _without_stamp(text: str) -> str:
    """ "00:54Putin" -> "Putin": a live-blog stamp glued to a name is never part of it, nor of an alias."""
    return text[glued_stamp_length(text):]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# --- forms --------------------------------------------------------------------------------------


@dataclass
class _Form:
    """All mentions sharing one normalised spelling. Read its properties only once it is full."""

    key: str
    mentions: list[EntityMention] = field(default_factory=list)
    # Articles that name a person in full with this one-word name as surname: set by link_actors
    # before any label is read, because it decides whether the tagger's "person" is a place.
    full_name_docs: frozenset[str] = frozenset()
    full_name_count: int = 0

    @cached_property
    def count(self) -> int:
        return len(self.mentions)

    @cached_property
    def docs(self) -> frozenset[str]:
        return frozenset(m.doc for m in self.mentions)

    @cached_property
    def display(self) -> str:
        texts = Counter(_clean_surface(m.text) for m in self.mentions)
        return min(texts, key=lambda t: (-texts[t], t))

    @cached_property
    def label(self) -> str:
        if self.written_with_titles:
            return "PERSON"
        return self.place_by_evidence or _majority_label(Counter(m.label for m in self.mentions))

    @cached_property
    def place_by_evidence(self) -> str | None:
        """ "Kyiv": the place label of a name the tagger mostly calls a person but often enough a
        place, with no title before it to say it is a person's; ``None`` for every other name."""
        votes = Counter(m.label for m in self.mentions if m.label != PROPN_LABEL)
        if " " in self.key or _majority_label(votes) != "PERSON":
            return None  # a name of several words the tagger calls a person is one ("Sun Tzu")
        if sum(1 for m in self.mentions if m.role) >= PERSON_TITLE_SHARE * self.count:
            return None
        if (len(self.full_name_docs & self.docs) >= PERSON_FULL_NAME_DOC_SHARE * len(self.docs)
                or self.full_name_count >= self.count):
            return None  # "Blinken" where "Antony Blinken" is named: a person the tagger misread
        places = {label: n for label, n in votes.items() if label in PLACE_LABELS}
        if sum(places.values()) < PLACE_VOTE_SHARE * sum(votes.values()):
            return None
        return min(places, key=lambda label: (-places[label], _priority(label)))

    @cached_property
    def written_with_titles(self) -> bool:
        """ "German Chancellor Olaf Scholz": a name the articles often write after a person's
        title is a person's, however often the small tagger calls it an organisation."""
        tokens = self.key.split()
        titled = sum(1 for m in self.mentions if m.role)
        return (len(tokens) >= 2 and titled >= PERSON_TITLE_SHARE * len(self.mentions)
                and not any(t in GENERIC_ORG_WORDS or t in STATE_FORMS or t in NAME_PARTICLES for t in tokens))

    @cached_property
    def is_acronym(self) -> bool:
        text = self.display
        return text.isalpha() and text.isupper() and ACRONYM_MIN_LETTERS <= len(text) <= ACRONYM_MAX_LETTERS

    @cached_property
    def name_tokens(self) -> tuple[str, ...]:
        """Tokens of the name; for people, without the leading titles ("president putin" -> putin)."""
        tokens = tuple(self.key.split())
        if self.label in ("PERSON", PROPN_LABEL):
            i = 0
            while i < len(tokens) - 1 and tokens[i].rstrip(".") in TITLE_WORDS:
                i += 1
            tokens = tokens[i:]
        return tokens


def _majority_label(votes: Counter[str]) -> str:
    real = {label: n for label, n in votes.items() if label != PROPN_LABEL}
    if not real:
        return PROPN_LABEL if votes else "ORG"
    return min(real, key=lambda label: (-real[label], _priority(label), label))


def _priority(label: str) -> int:
    return LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)


@dataclass(frozen=True, slots=True)
class _Edge:
    variant: str  # key of the form that joined
    anchor: str  # key of the form it joined
    rule: str
    evidence: str


class _Join(Protocol):
    def __call__(self, edge: _Edge, *, is_partial: bool) -> None: ...


# Per-document surname links: (surname form key, document) -> (full-name form key, why).
_Overrides = dict[tuple[str, str], tuple[str, _Edge]]


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key wins so the root never depends on the order of unions.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


# --- public API ---------------------------------------------------------------------------------


def link_actors(mentions: Iterable[EntityMention]) -> list[Actor]:
    """Canonical actors of a corpus, most mentioned first.

    Pure and deterministic: the same mentions in any order give the same actors, ids and alias
    evidence. Every mention ends up in exactly one actor, except ``PROPN`` candidates that no
    rule links to a tagged name (those are dropped).

    >>> ms = [EntityMention("d1", 0, 16, "Jens Stoltenberg", "PERSON", 0),
    ...       EntityMention("d1", 30, 41, "Stoltenberg", "ORG", 1)]
    >>> [(a.name, a.label, len(a.mentions)) for a in link_actors(ms)]
    [('Jens Stoltenberg', 'PERSON', 2)]
    """
    forms: dict[str, _Form] = {}
    for m in mentions:
        key = normalise_name(m.text)
        if not key:
            key = m.text  # nothing to normalise; keep the mention rather than lose it
        forms.setdefault(key, _Form(key)).mentions.append(m)
    _note_full_names(forms)
    forms = {key: form for key, form in forms.items() if not _is_generic_org(form)}
    keys = sorted(forms)
    uf = _UnionFind(keys)
    edges: list[_Edge] = []
    partial: set[str] = set()  # forms that are a part or a misspelling of another name
    overrides: _Overrides = {}

    def join(edge: _Edge, *, is_partial: bool) -> None:
        uf.union(edge.variant, edge.anchor)
        edges.append(edge)
        if is_partial:
            partial.add(edge.variant)

    _link_titles(forms, keys, join)
    _link_prefixes(forms, keys, join)
    _link_transliterations(forms, keys, uf, join)
    _link_acronyms(forms, keys, uf, join)
    _link_name_variants(forms, keys, uf, join)
    _link_surnames(forms, keys, uf, join, overrides)
    _link_misspellings(forms, keys, uf, join, overrides)
    _link_descriptors(forms, join)
    _link_state_forms(forms, keys, join)

    groups: dict[str, list[tuple[str, EntityMention]]] = defaultdict(list)
    for key in keys:
        for m in forms[key].mentions:
            target = overrides.get((key, m.doc))
            root = uf.find(target[0]) if target else uf.find(key)
            groups[root].append((key, m))

    adjacency: dict[str, list[_Edge]] = defaultdict(list)
    for e in edges:
        adjacency[e.variant].append(e)
        adjacency[e.anchor].append(e)
    for linked in adjacency.values():
        linked.sort(key=lambda e: (e.variant, e.anchor, e.rule))
    # Forms joined as a part or a spelling of a person's name ("Stoltenberg" tagged ORG) vote as
    # the person; a spelling of a place's name keeps its own votes.
    person_linked = {e.variant for e in edges if e.rule in PERSON_RULES and (
        e.rule != "transliteration" or (forms[e.anchor].label == "PERSON" and forms[e.variant].label not in PLACE_LABELS))}
    actors = [
        actor
        for root in sorted(groups)
        if (actor := _build_actor(root, groups[root], uf, forms, adjacency, person_linked, partial, overrides))
        is not None
    ]
    actors = _unique_ids(actors)
    actors.sort(key=lambda a: (-len(a.mentions), a.name, a.label, a.id))
    return actors


# --- rules --------------------------------------------------------------------------------------


def _note_full_names(forms: dict[str, _Form]) -> None:
    """Tell each one-word form in which articles a person is named in full with it as surname
    ("Podolyak" in an article naming "Mykhailo Podoliak": spellings compared romanised)."""
    docs: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for form in forms.values():
        if " " in form.key and form.label == "PERSON" and _looks_like_full_name(form):
            docs[_romanised(form.name_tokens[-1])] |= form.docs
            count[_romanised(form.name_tokens[-1])] += form.count
    for key, form in forms.items():
        if " " not in key and _romanised(key) in docs:
            form.full_name_docs = frozenset(docs[_romanised(key)])
            form.full_name_count = count[_romanised(key)]


def _is_generic_org(form: _Form) -> bool:
    """ "Alliance", "Ministry", "State": a one-word kind of body, not the name of one."""
    return form.label in GENERIC_ORG_LABELS and " " not in form.key and form.key in GENERIC_ORG_WORDS


def _link_descriptors(forms: dict[str, _Form], join: _Join) -> None:
    """ "North Atlantic Alliance" is NATO: a known descriptive name joins the acronym it stands for."""
    for key, acronym in sorted(KNOWN_DESCRIPTORS.items()):
        if key in forms and acronym in forms and forms[key].label != "PERSON":
            join(_Edge(key, acronym, "descriptor",
                       f"'{forms[key].display}' is a known name of '{forms[acronym].display}'"),
                 is_partial=False)


def _link_state_forms(forms: dict[str, _Form], keys: list[str], join: _Join) -> None:
    """ "Republic of Poland" is Poland and "Russian Federation" is Russia: a formal name joins the
    short name of its country."""
    places = {k for k in keys if forms[k].label == "GPE"}
    one_word_places = sorted(k for k in places if " " not in k)
    for key in sorted(places):
        tokens = key.split()
        short = None
        if "of" in tokens:
            at = tokens.index("of")
            head, tail = tokens[:at], tokens[at + 1:]
            if tail[:1] == ["the"]:
                tail = tail[1:]
            if head and head[-1] in STATE_FORMS and all(t in STATE_QUALIFIERS for t in head[:-1]):
                short = " ".join(tail)
        elif len(tokens) == 2 and tokens[1] in STATE_FORMS:
            # an adjective, not the place itself: "Donetsk Republic" is no formal name of Donetsk
            matches = [k for k in one_word_places if k != tokens[0] and is_demonym_of(tokens[0], k)]
            short = matches[0] if len(matches) == 1 else None
        if short and short != key and short in places:
            join(_Edge(key, short, "state-form",
                       f"'{forms[key].display}' is the formal name of '{forms[short].display}'"),
                 is_partial=False)


def is_demonym_of(word: str, place: str) -> bool:
    """Is ``word`` the nationality word of ``place`` ("russian" of "russia")? Both lower case."""
    return len(os.path.commonprefix([word, place])) >= max(DEMONYM_MIN_PREFIX, len(place) - 2)


def demonym_key(word: str) -> str | None:
    """The blocking key of :func:`is_demonym_of`: a word and a place it is the demonym of share
    their first ``DEMONYM_MIN_PREFIX`` characters, so only places with the same key need comparing
    (None: too short to be either)."""
    return word[:DEMONYM_MIN_PREFIX] if len(word) >= DEMONYM_MIN_PREFIX else None


def _link_titles(forms: dict[str, _Form], keys: list[str], join: _Join) -> None:
    """ "President Putin" is "Putin": the same name once the title is set aside."""
    by_name = {" ".join(forms[k].name_tokens): k for k in keys if " ".join(forms[k].name_tokens) == k}
    for key in keys:
        form = forms[key]
        bare = " ".join(form.name_tokens)
        if bare != key and bare in by_name:
            title = key[: len(key) - len(bare)].strip()
            join(
                _Edge(key, by_name[bare], "title",
                      f"'{form.display}' is the title '{title}' before the name '{forms[by_name[bare]].display}'"),
                is_partial=True,
            )


def _link_prefixes(forms: dict[str, _Form], keys: list[str], join: _Join) -> None:
    """ "Ukraine Volodymyr Zelenskyy" (from "President of Ukraine Volodymyr Zelenskyy") and
    "Security Council Dmitry Medvedev" are the person: a place or body the tagger swept into a
    name, before a person's full name."""
    places = {k for k in keys if forms[k].label in ("GPE", "NORP", "ORG", "LOC", "FAC")}
    people = {k for k in _person_full_names(forms, keys) if _looks_like_full_name(forms[k])}
    for key in keys:
        tokens = key.split()
        for i in range(1, len(tokens) - 1):
            head, tail = " ".join(tokens[:i]), " ".join(tokens[i:])
            if head in places and tail in people and tail != key:
                join(_Edge(key, tail, "prefix",
                           f"'{forms[head].display}' before the name '{forms[tail].display}'"),
                     is_partial=True)
                break


def _looks_like_full_name(form: _Form) -> bool:
    """Two or more capitalised words, none of them a kind of body: "Olaf Scholz", not "People's
    Republic" or "of State" (the tagger calls those PERSON too)."""
    words = form.display.split()
    return (len(form.name_tokens) >= 2 and all(w[:1].isupper() for w in words) and "'" not in form.display
            and not any(t in GENERIC_ORG_WORDS for t in form.name_tokens))


def _romanisation_key(tokens: tuple[str, ...]) -> str:
    return " ".join(_romanised(t) for t in tokens)


def _romanised(token: str) -> str:
    if len(token) < TRANSLITERATION_MIN_LENGTH:
        return token
    token = _ROMANISED_SOFT_VOWEL.sub(r"\1i\2", token)
    for ending, folded in _ROMANISED_ENDINGS:
        if ending.search(token):
            return ending.sub(folded, token)
    return token


def _link_transliterations(forms: dict[str, _Form], keys: list[str], uf: _UnionFind, join: _Join) -> None:
    """ "Zelenskiy" and "Volodymyr Zelensky" are "Volodymyr Zelenskyy": names that differ only in
    how their words' endings were romanised join the most mentioned spelling, when it is a person."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        form = forms[key]
        if form.label in CONFUSABLE_LABELS | PLACE_LABELS and not form.is_acronym:
            groups[_romanisation_key(form.name_tokens)].append(key)
    for members in groups.values():
        spellings = {" ".join(forms[k].name_tokens) for k in members}
        if len(spellings) < 2:
            continue
        # A place is romanised as variously as a person ("Borodyanka", "Borodianka"); a person's
        # spelling anchors the group, as before, else the most mentioned place's.
        people = [k for k in members if forms[k].label == "PERSON"]
        places = [k for k in members if forms[k].label in PLACE_LABELS]
        if not people and not places:
            continue
        anchor = max(people + places, key=lambda k: (forms[k].label == "PERSON", forms[k].count, k))
        for key in members:
            if uf.find(key) != uf.find(anchor):
                join(_Edge(key, anchor, "transliteration",
                           f"'{forms[key].display}' is '{forms[anchor].display}' romanised differently"),
                     is_partial=False)


def _initials(text: str, *, skip: bool) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if skip:
        words = [w for w in words if w.lower() not in ACRONYM_SKIPPED_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _link_acronyms(forms: dict[str, _Form], keys: list[str], uf: _UnionFind, join: _Join) -> None:
    # Index the expansions by their initials once: comparing every acronym with every name is
    # quadratic in the size of the corpus.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k.split()) >= 2 and forms[k].label != "PERSON":
            for initials in {_initials(forms[k].display, skip=True), _initials(forms[k].display, skip=False)}:
                by_initials[initials].append(k)
    for key in keys:
        form = forms[key]
        if not form.is_acronym or form.label == "PERSON":
            continue
        acronym = form.display
        matches = by_initials.get(acronym, [])
        roots = {uf.find(k) for k in matches}
        if len(roots) != 1:
            continue  # none, or ambiguous: two different names share the initials
        for k in matches:
            join(_Edge(key, k, "acronym", f"'{acronym}' is the initials of '{forms[k].display}'"), is_partial=False)


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


def _is_nickname(a: str, b: str) -> bool:
    """ "joe" of "joseph", "bill" of "william": one is a nickname of the other (a curated table)."""
    namer = _nicknamer()
    return a in namer.nicknames_of(b) or b in namer.nicknames_of(a)


def _given_names_agree(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Each given name of the shorter form matches, in order, one of the longer (initials and
    nicknames allowed: "J. Biden", "Joe Biden" and "Joseph Biden")."""
    if not short or not long:
        return False

    def same(a: str, b: str) -> bool:
        a, b = a.rstrip("."), b.rstrip(".")
        return (a == b or (_is_initial(a) and b.startswith(a)) or (_is_initial(b) and a.startswith(b))
                or _is_nickname(a, b))

    if not same(short[0], long[0]):
        return False
    j = 1
    for tok in short[1:]:
        while j < len(long) and not same(tok, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


def _person_full_names(forms: dict[str, _Form], keys: list[str]) -> list[str]:
    return [k for k in keys if forms[k].label == "PERSON" and len(forms[k].name_tokens) >= 2]


def _link_name_variants(forms: dict[str, _Form], keys: list[str], uf: _UnionFind, join: _Join) -> None:
    full = _person_full_names(forms, keys)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in full:
        by_surname[forms[k].name_tokens[-1]].append(k)
    for names in by_surname.values():
        for k in names:
            given = forms[k].name_tokens[:-1]
            longer = [
                other for other in names
                if other != k
                and (len(forms[other].name_tokens), other) > (len(forms[k].name_tokens), k)
                and _given_names_agree(given, forms[other].name_tokens[:-1])
            ]
            if len({uf.find(o) for o in longer}) == 1:
                anchor = longer[0]
                join(_Edge(k, anchor, "name-variant",
                           f"same surname and given names agree with '{forms[anchor].display}'"),
                     is_partial=False)


def _link_surnames(
    forms: dict[str, _Form], keys: list[str], uf: _UnionFind, join: _Join, overrides: _Overrides
) -> None:
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in _person_full_names(forms, keys):
        by_surname[forms[k].name_tokens[-1]].append(k)

    def named_in_full(k: str) -> frozenset[str]:
        """Articles naming the person of full name ``k`` in full, in any of its joined forms
        ("Olaf Scholz", "German Chancellor Olaf Scholz")."""
        root = uf.find(k)
        return frozenset().union(*(forms[f].docs for f in by_surname[forms[k].name_tokens[-1]] if uf.find(f) == root))
    for key in keys:
        form = forms[key]
        tokens = form.name_tokens
        if form.label not in ("PERSON", "ORG", "GPE", PROPN_LABEL) or form.is_acronym:
            continue
        candidates = [
            k for k in by_surname.get(tokens[-1], [])
            if k != key and len(forms[k].name_tokens) > len(tokens) and forms[k].name_tokens[-len(tokens):] == tokens
        ]
        if form.label not in ("PERSON", PROPN_LABEL):
            # spaCy tags bare surnames ORG, and now and then a place ("Scholz said"): then only a
            # real full name, named in full in nearly every article that uses the bare word. One
            # odd "person" ("Taking Mariupol", "Inside Kyiv") cannot take a place's mentions, and
            # "Washington" stays a city.
            candidates = [k for k in candidates if _looks_like_full_name(forms[k])
                          and len(named_in_full(k) & form.docs) >= GPE_SURNAME_SHARED_DOCS * len(form.docs)]
        if not candidates:
            continue
        roots: dict[str, list[str]] = defaultdict(list)
        for k in candidates:
            roots[uf.find(k)].append(k)
        if uf.find(key) in roots:
            continue  # already joined through its bare name ("Chancellor Brenner" -> "Brenner")
        if len(roots) == 1:
            anchor = max(candidates, key=lambda k: (forms[k].count, k))
            join(_Edge(key, anchor, "surname",
                       f"'{form.display}' ends the full name '{forms[anchor].display}', "
                       f"the only full person name in the corpus ending in it"),
                 is_partial=True)
            continue
        names = sorted(forms[max(ks, key=lambda k: (forms[k].count, k))].display for ks in roots.values())
        weight = {r: sum(forms[k].count for k in ks) for r, ks in roots.items()}
        dominant = max(weight, key=lambda r: (weight[r], r))
        is_dominant = weight[dominant] >= DOMINANT_SURNAME_RATIO * (sum(weight.values()) - weight[dominant])
        if is_dominant:
            anchor = max(roots[dominant], key=lambda k: (forms[k].count, k))
            join(_Edge(key, anchor, "surname",
                       f"'{form.display}' ends the full name '{forms[anchor].display}', which has "
                       f"{weight[dominant]} of the {sum(weight.values())} mentions of full names ending in it"),
                 is_partial=True)
        for doc in sorted(form.docs):
            present = [r for r, ks in roots.items() if any(doc in forms[k].docs for k in ks)]
            if len(present) != 1 or is_dominant and present[0] == dominant:
                continue  # no single reading here, or the one the whole form already has
            anchor = max(roots[present[0]], key=lambda k: (forms[k].count, k))
            overrides[(key, doc)] = (anchor, _Edge(
                key, anchor, "surname-in-document",
                f"'{form.display}' is shared by {', '.join(repr(n) for n in names)}; "
                f"document {doc} names only '{forms[anchor].display}' in full",
            ))


def _edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions).

    With ``limit``, any distance above it may be reported as ``limit + 1`` (early exit).
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
        if limit is not None and min(cur) > limit:
            return limit + 1
    return prev[len(b)]


def _similarity(a: str, b: str) -> float:
    return 1.0 - _edit_distance(a, b) / max(len(a), len(b))


def _typo_evidence(variant: str, target: str, variant_is_acronym: bool, target_is_acronym: bool) -> str | None:
    """Why ``variant`` reads as a typo of ``target``, or ``None`` when it does not."""
    shorter = min(len(variant), len(target))
    if shorter < MIN_MISSPELLING_LENGTH or variant == target:
        return None
    if SAME_FIRST_LETTER and variant[0] != target[0]:
        return None
    if variant_is_acronym or target_is_acronym:
        if not (variant_is_acronym and target_is_acronym) or len(variant) != len(target):
            return None
        at = [i for i, (x, y) in enumerate(zip(variant, target)) if x != y]
        if len(at) != 1 or variant[at[0]] not in KEYBOARD_NEIGHBOURS.get(target[at[0]], frozenset()):
            return None
        x, y = variant[at[0]], target[at[0]]
        return f"one letter off ('{x.upper()}' for '{y.upper()}', neighbouring keys)"
    allowed = MAX_EDITS_LONG if shorter >= LONG_NAME_LENGTH else MAX_EDITS_SHORT
    distance = _edit_distance(variant, target, allowed)
    if distance > allowed:
        return None
    return f"edit distance {distance} (similarity {_similarity(variant, target):.2f})"


def _link_misspellings(
    forms: dict[str, _Form], keys: list[str], uf: _UnionFind, join: _Join, overrides: _Overrides
) -> None:
    # Decide every link against the state before this rule, then apply, so that the result does
    # not depend on which variant is looked at first and variants never chain.
    group_count: Counter[str] = Counter()
    group_docs: dict[str, set[str]] = defaultdict(set)
    group_size: Counter[str] = Counter()
    for k in keys:
        root = uf.find(k)
        group_count[root] += forms[k].count
        group_docs[root] |= forms[k].docs
        group_size[root] += 1
    # Comparison strings per target form: the name itself, and for full person names the surname.
    # Only groups frequent enough to absorb a one-mention variant can be targets; bucketing by
    # first letter keeps the pairwise comparison cheap on large corpora.
    targets: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # first letter -> (key, compared, shown)
    for k in keys:
        form = forms[k]
        if group_count[uf.find(k)] < MIN_FREQUENCY_RATIO:
            continue
        targets[k[:1]].append((k, k, form.display))
        if form.label == "PERSON" and len(form.name_tokens) >= 2:
            surname = form.name_tokens[-1]
            targets[surname[:1]].append((k, surname, form.display.split()[-1]))

    planned: list[_Edge] = []
    for key in keys:
        form = forms[key]
        root = uf.find(key)
        if group_size[root] != 1 or any((key, d) in overrides for d in form.docs):
            continue  # already linked by a stronger rule
        if form.label in NO_MISSPELLING_LABELS or form.count > MAX_VARIANT_MENTIONS:
            continue
        found: dict[str, tuple[str, str]] = {}
        candidates = targets.get(key[:1], []) if SAME_FIRST_LETTER else [t for ts in targets.values() for t in ts]
        for target_key, compare, shown in candidates:
            target_root = uf.find(target_key)
            if target_root == root or abs(len(compare) - len(key)) > MAX_EDITS_LONG:
                continue
            target = forms[target_key]
            if not _labels_compatible(form.label, target.label):
                continue
            if group_count[target_root] < MIN_FREQUENCY_RATIO * form.count:
                continue
            shared = form.docs & group_docs[target_root]
            if not shared and min(len(key), len(compare)) < CROSS_DOC_MIN_LENGTH:
                continue
            why = _typo_evidence(key, compare, form.is_acronym, target.is_acronym and compare == target_key)
            if why is None:
                continue
            if not shared and _edit_distance(key, compare, 1) != 1:
                continue  # across documents only a single edit on a long name
            context = f"shares {len(shared)} document(s) with it" if shared else "single edit on a long name"
            evidence = (
                f"{why} from '{shown}'; {form.count} mention(s) against {group_count[target_root]}; {context}"
            )
            found.setdefault(target_root, (target_key, evidence))
        if len(found) == 1:
            target_key, evidence = next(iter(found.values()))
            planned.append(_Edge(key, target_key, "misspelling", evidence))
    for edge in planned:
        join(edge, is_partial=True)


def _labels_compatible(variant: str, target: str) -> bool:
    if target in NO_MISSPELLING_LABELS:
        return False
    return variant == target or (variant in CONFUSABLE_LABELS and target in CONFUSABLE_LABELS)


# --- actors -------------------------------------------------------------------------------------


def _mention_sort_key(m: EntityMention) -> tuple[str, int, int, str, str, int, str, int, int]:
    role_start = -1 if m.role_start is None else m.role_start
    role_end = -1 if m.role_end is None else m.role_end
    return (m.doc, m.start, m.end, m.text, m.label, m.sentence, m.role or "", role_start, role_end)


def _build_actor(
    root: str,
    members: list[tuple[str, EntityMention]],
    uf: _UnionFind,
    forms: dict[str, _Form],
    adjacency: dict[str, list[_Edge]],
    person_linked: set[str],
    partial: set[str],
    overrides: _Overrides,
) -> Actor | None:
    labels = [m.label for _, m in members]
    if all(label == PROPN_LABEL for label in labels):
        return None  # an untagged capitalised word that links to nothing: not an actor
    # Forms joined to this group by the rules; other members came in through a per-document
    # surname override and still belong, as a form, to their own group.
    own_keys = sorted({key for key, _ in members if uf.find(key) == root})
    own = set(own_keys)
    votes: Counter[str] = Counter()
    for key, m in members:
        if key not in own or key in person_linked or forms[key].written_with_titles:
            votes["PERSON"] += 1  # a part of a person's name is a person, whatever the tagger said
        else:
            votes[forms[key].place_by_evidence or m.label] += 1
    label = _majority_label(votes)

    member_keys = sorted({key for key, _ in members})
    counts = Counter(key for key, _ in members)
    heads = [k for k in own_keys if k not in partial] or own_keys or member_keys
    canonical_key = min(heads, key=lambda k: (-counts[k], -len(k.split()), -len(k), k))
    name = forms[canonical_key].display

    # How each form joined: walk the join edges outward from the canonical form.
    reached: dict[str, tuple[str, str]] = {canonical_key: ("canonical", "")}
    queue = deque([canonical_key])
    while queue:
        k = queue.popleft()
        for e in adjacency.get(k, []):
            other = e.anchor if e.variant == k else e.variant
            if other in reached:
                continue
            if other == e.variant:
                reached[other] = (e.rule, e.evidence)
            else:
                reached[other] = (e.rule, f"linked through '{forms[e.variant].display}': {e.evidence}")
            queue.append(other)

    surfaces: Counter[str] = Counter()
    surface_link: dict[str, tuple[str, str]] = {}
    for key, m in sorted(members, key=lambda km: _mention_sort_key(km[1])):
        surface = _without_stamp(m.text)  # a stored mention from before the extractor cut stamps
        surfaces[surface] += 1
        if surface in surface_link:
            continue
        if key not in own:
            edge = overrides[(key, m.doc)][1]
            surface_link[surface] = (edge.rule, edge.evidence)
        elif key == canonical_key:
            if surface == name:
                surface_link[surface] = ("canonical", f"most complete and frequent form ({counts[key]} mention(s))")
            else:
                surface_link[surface] = ("exact", f"same name as '{name}' after normalising case, possessive and 'the'")
        else:
            rule, evidence = reached.get(key, ("exact", f"normalises to '{key}'"))
            surface_link[surface] = (rule, evidence)
    aliases = tuple(
        AliasLink(alias=text, rule=surface_link[text][0], evidence=surface_link[text][1])
        for text in sorted(surfaces, key=lambda t: (surface_link[t][0] != "canonical", -surfaces[t], t))
    )

    role_counts: Counter[str] = Counter(m.role.strip() for _, m in members if m.role and m.role.strip())
    roles = tuple(sorted(role_counts, key=lambda r: (-role_counts[r], r)))
    mentions = tuple(sorted((m for _, m in members), key=_mention_sort_key))
    return Actor(id=_actor_id(name, label), name=name, label=label, aliases=aliases, mentions=mentions, roles=roles)


def actor_digest(actor: Actor) -> str:
    """A digest of everything an actor record holds (name, label, roles, aliases with their
    evidence, every mention), so a relink can tell the actors it changed from those it did not."""
    return hashlib.sha256(repr(actor).encode("utf-8", "surrogatepass")).hexdigest()


def _actor_id(name: str, label: str) -> str:
    digest = hashlib.sha256(f"{label}\0{_fold(name)}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:ACTOR_ID_LENGTH]


def _unique_ids(actors: list[Actor]) -> list[Actor]:
    """Two actors with the same name and label (a surname shared by two people, left apart)
    would share an id; the later one, in a fixed order, gets its first mention mixed in."""
    seen: set[str] = set()
    out: list[Actor] = []
    for actor in sorted(actors, key=lambda a: (a.id, _mention_sort_key(a.mentions[0]))):
        if actor.id in seen:
            first = actor.mentions[0]
            salt = f"{actor.label}\0{_fold(actor.name)}\0{first.doc}:{first.start}"
            actor = Actor(
                id=hashlib.sha256(salt.encode("utf-8", "surrogatepass")).hexdigest()[:ACTOR_ID_LENGTH],
                name=actor.name, label=actor.label, aliases=actor.aliases, mentions=actor.mentions, roles=actor.roles,
            )
        seen.add(actor.id)
        out.append(actor)
    return out
