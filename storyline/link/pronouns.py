"""Who "I", "we", "he" and "she" are, when an event's source is written as one.

The event stage keeps a personal-pronoun subject as the event's source when the sentence names no
antecedent (:data:`storyline.analyse.events.PERSONAL_PRONOUNS`). Resolving it needs what only the
corpus knows: the quotes with their linked speakers, the document's title and outlet, and the
canonical actors. The rules, in order:

* **Inside a direct quote**, "I" is the quote's speaker, "we" the speaker's side (the country or
  organisation their role names: "President of Castavia" → Castavia, "Velmoran foreign minister"
  → Velmora), else the speaker. A quote whose speaker is unknown resolves nothing: its "I" is
  nobody we know, and certainly not the document's voice.
* **In a transcript turn** ("President of Velmora Ivo Marek: We have agreed ..."), the turn's
  labelled speaker, with the side the label's role, the mention's role or the actor's roles name.
* **In a document that is itself a speech**: its title says so and by whom ("Address by the
  President of Castavia", "... - address by President Ivo Marek"), or its outlet speaks for an
  office ("castavia.gov (President of Castavia)") and it opens in the first person. The speaker
  is the person the title names, else the person the corpus most often gives that office.
* **"he" / "she"**: the speaker the document's references already found when the pronoun is a
  quote's speaker; otherwise the document's rule for a pronoun read without the parse
  (:func:`storyline.analyse.references.nearest_person`), given what only the corpus knows: each
  actor's gender (from honorifics and gendered titles written beside them in any document, given
  names, or the document's own "she said") and which actors are places. Never the voice of the
  passage (nobody calls themselves "he").

What needs the corpus stays here: canonical actors, their genders and roles across documents,
the sides their roles name, the holders of offices; who a phrase of one document refers to is
decided in :mod:`storyline.analyse.references`.

Narrative "I" and "we" (a reporter's) resolve to nothing: the event stays without a named source.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from storyline.analyse.gender import gender_of
from storyline.analyse.lexicon.labels import PLACE_LABELS
from storyline.analyse.references import nearest_person
from storyline.analyse import speaker_labels
from storyline.analyse.speaker_labels import ANY_LABEL, LABEL_JOINING_WORDS
from storyline.link.actors import demonym_key, is_demonym_of
from storyline.records import Actor, EntityMention, Event, Quote, Sentence, Span

# Only the quote kinds whose content is the speaker's own words: in an indirect quote "we" is
# the reporter's paraphrase and may be anyone's.
VOICED_QUOTE_KINDS = frozenset({"direct", "mixed"})
# A title that says the document is a speech, and by whom: "Address by the President of Castavia",
# "Speech by President Ivo Marek in the Senate", "... - address by the President", "the
# President's address". A joint statement has two voices and no single "I"; it is left alone.
# A letter or an essay is one voice too ("An open letter to the media by Lena Ostrova").
SPEECH_BY = re.compile(r"\b(?:address|speech|remarks|statement|letter|essay)\b(?:\s+(?:by|of)|[^-–—:]*?\s+by)"
                       r"\s+(?P<by>.+?)(?:\s+(?:to|at|in|on|before|following|during)\s.*)?$", re.IGNORECASE)
SPEECH_OF = re.compile(r"(?:^|[-–—:]\s*)(?P<by>[^-–—:]{1,60}?)['’]s\s+(?:address|speech|remarks)\b", re.IGNORECASE)
# An outlet that speaks for an office names it first in brackets: "castavia.gov (President of
# Castavia, English)".
OUTLET_OFFICE = re.compile(r"\(([^,()]+)")
# A speech in the office's own words speaks in the first person within this many characters,
# before naming anyone (a press release about the office holder opens "President Ivo Marek met").
OPENING_CHARS = 400
FIRST_PERSON_WORDS = re.compile(r"\b(?:I|we|We|my|My|our|Our|us)\b")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
# "ambassador to Castavia", "envoy to the UN": a name after "to" is where the person is sent,
# not whose side they are on.
NOT_A_SIDE_AFTER = frozenset({"to", "in", "at"})
SIDE_LABELS = frozenset({"GPE", "ORG"})
WORDS = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks the text between ``start`` and ``end``: "I" is ``person``, "we" is ``group``.

    ``basis`` says how it was found: "quote", "transcript" or "speech".
    """

    start: int
    end: int
    person: str | None
    group: str | None
    basis: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What resolving a document's pronouns needs to know about it."""

    id: str
    text: str
    title: str | None
    outlet: str | None
    sentences: Sequence[Sentence]
    mentions: Sequence[tuple[EntityMention, str]]  # named mentions with their actor, by offset
    quotes: Sequence[tuple[Quote, str | None]]  # quotes with their speaker's actor


class PronounResolver:
    """Resolves pronoun sources of events against the corpus's canonical actors.

    >>> resolver = PronounResolver(actors)
    >>> resolver.resolve(event, resolver.voices(view), view)   # doctest: +SKIP
    'castavia'
    """

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.labels = {actor.id: actor.label for actor in actors}
        self.names: dict[str, str] = {}
        for actor in sorted(actors, key=lambda a: -len(a.mentions)):
            for name in (actor.name, *(link.alias for link in actor.aliases)):
                self.names.setdefault(name.lower(), actor.id)
        self.places = {actor.name.lower(): actor.id for actor in actors if actor.label == "GPE"}
        # Places by demonym key, in the order of ``places``: a word is compared only with the
        # places it could be the demonym of (comparing it with every place was most of the step).
        self._places_by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, actor_id in self.places.items():
            key = demonym_key(name)
            if key is not None:
                self._places_by_key[key].append((name, actor_id))
        self._demonyms: dict[str, str | None] = {}
        self.roles = {actor.id: actor.roles for actor in actors}
        self.size = {actor.id: len(actor.mentions) for actor in actors}
        # Which person the corpus gives an office, by the role words written next to their name.
        self.office_roles: dict[str, Counter[str]] = defaultdict(Counter)
        for actor in actors:
            if actor.label == "PERSON":
                for mention in actor.mentions:
                    if mention.role:
                        self.office_roles[actor.id][mention.role] += 1
        self._sides: dict[str, str | None] = {}
        self.genders = {actor.id: _gender(actor) for actor in actors if actor.label == "PERSON"}

    # -- sides and offices

    def side_of(self, role: str | None) -> str | None:
        """The country or organisation a role names first: "President of Castavia" → Castavia."""
        if not role:
            return None
        if role not in self._sides:
            self._sides[role] = self._side_of(role)
        return self._sides[role]

    def _side_of(self, role: str) -> str | None:
        # A country before an organisation: "Minister for Reintegration of Castavia" speaks for
        # Castavia, "Head of the Office of the President of Castavia" too; an organisation when
        # no country is named ("NCDA Secretary General").
        words = WORDS.findall(role)
        lowered = [w.lower().strip(".,'’") for w in words]
        organisation: str | None = None
        for i in range(len(words)):
            if i > 0 and lowered[i - 1] in NOT_A_SIDE_AFTER:
                continue
            for size in (3, 2, 1):
                name = " ".join(lowered[i:i + size])
                actor = self.names.get(name)
                if actor is None or self.labels.get(actor) not in SIDE_LABELS:
                    continue
                if size > 1 and self.person_named_in(" ".join(words[i + 1:i + size])) is not None:
                    continue  # "Castavia Ivo Marek" tagged as one organisation holds a person
                if size > 1 or words[i][:1].isupper():
                    if self.labels[actor] == "GPE":
                        return actor
                    organisation = organisation or actor
                    break
            country = self._demonym(lowered[i]) if words[i][:1].isupper() else None
            if country is not None:
                return country
        return organisation

    def _demonym(self, word: str) -> str | None:
        if word not in self._demonyms:
            self._demonyms[word] = self._find_demonym(word)
        return self._demonyms[word]

    def _find_demonym(self, word: str) -> str | None:
        key = demonym_key(word)
        for name, actor in self._places_by_key.get(key, []) if key is not None else []:
            if word != name and is_demonym_of(word, name):  # "velmoran" → Velmora
                return actor
        # "Velmora's" reads as the place itself.
        return self.places.get(word.removesuffix("'s").removesuffix("’s"))

    def side_of_person(self, person: str | None, *roles: str | None) -> str | None:
        """A speaker's side: the first of the given roles that names one, else their usual roles."""
        for role in (*roles, *self.roles.get(person or "", ())):
            side = self.side_of(role)
            if side is not None and side != person:
                return side
        return None

    def holder_of(self, office: str, side: str | None) -> str | None:
        """The person the corpus most often names with this office ("President" of Castavia)."""
        head = _office_word(office)
        if head is None or side is None:
            return None
        best, best_count = None, 0
        for actor, roles in self.office_roles.items():
            count = sum(n for role, n in roles.items() if _office_word(role) == head and self.side_of(role) == side)
            if count > best_count or (count == best_count and count and self.size[actor] > self.size.get(best or "", 0)):
                best, best_count = actor, count
        return best

    def person_named_in(self, text: str) -> str | None:
        words = [w.lower().strip(".,'’") for w in WORDS.findall(text)]
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                actor = self.names.get(" ".join(words[i:i + size]))
                if actor is not None and self.labels.get(actor) == "PERSON":
                    return actor
        return None

    # -- voices

    def voices(self, doc: DocumentView) -> list[Voice]:
        """Who speaks where in ``doc``: quotes first (innermost), then transcript turns or the
        whole document when it is a speech."""
        found = [Voice(q.start, q.end, actor, self.side_of_person(actor, *_roles_at(doc, q.speaker_ref)) or actor,
                       "quote")
                 for q, actor in doc.quotes if q.kind in VOICED_QUOTE_KINDS]
        turns = self._turns(doc)
        if turns:
            return found + turns
        speech = self._speech(doc)
        return found + ([speech] if speech is not None else [])

    def _turns(self, doc: DocumentView) -> list[Voice]:
        text = doc.text
        labels: list[tuple[int, int, EntityMention | None, str | None, str]] = []
        for mention, actor in doc.mentions:
            if mention.label != "PERSON" or not text.startswith(":", mention.end) or text[mention.end + 1:mention.end + 2] not in (" ", "\n"):
                continue
            label_start = speaker_labels.label_start(text, mention.start)
            if label_start is None:
                continue
            labels.append((label_start, mention.end + 1, mention, actor, text[label_start:mention.start].strip()))
        if not labels:
            return []
        taken = {start for start, *_ in labels}
        for match in ANY_LABEL.finditer(text):
            if not any(start <= match.start(1) < end for start, end, *_ in labels) and match.start(1) not in taken:
                labels.append((match.start(1), match.end(), None, None, ""))
        labels.sort(key=lambda label: label[0])
        turns = []
        for (start, end, mention, actor, role), following in zip(labels, [*labels[1:], None]):
            if mention is None:
                continue
            group = self.side_of_person(actor, role, mention.role) or actor
            turns.append(Voice(end, following[0] if following else len(text), actor, group, "transcript"))
        return turns

    def _speech(self, doc: DocumentView) -> Voice | None:
        office = _outlet_office(doc.outlet)
        office_side = self.side_of(office)
        title = (doc.title or "").strip()
        match = SPEECH_BY.search(title) or SPEECH_OF.search(title)
        if match is not None:
            by = match.group("by")
            if re.search(r"\band\b|&", by):
                return None  # a joint statement: two voices
            side = self.side_of(by) or office_side
            person = self.person_named_in(by) or self.holder_of(by, side)
        elif office is not None and office_side is not None and _opens_in_first_person(doc, office):
            side, person = office_side, self.holder_of(office, office_side)
        else:
            return None
        if person is None and side is None:
            return None
        # The side the title or outlet names outweighs the roles the person has elsewhere.
        group = side or self.side_of_person(person) or person
        return Voice(0, len(doc.text), person, group, "speech")

    # -- resolving

    def resolve(self, event: Event, voices: Sequence[Voice], doc: DocumentView) -> str | None:
        """The actor a pronoun source stands for, or None when the text does not say."""
        source = event.source
        if source is None:
            return None
        pronoun = source.text.lower()
        voice = _voice_at(voices, source.start)
        if pronoun in ("i", "we"):
            if voice is None:
                return None
            return voice.person if pronoun == "i" else voice.group
        if pronoun in ("he", "she"):
            return self._third_person(source, "m" if pronoun == "he" else "f", voice, doc)
        return None

    def _third_person(self, pronoun: Span, gender: str, voice: Voice | None, doc: DocumentView) -> str | None:
        for quote, actor in doc.quotes:
            if quote.speaker is not None and (quote.speaker.start, quote.speaker.end) == (pronoun.start, pronoun.end):
                return actor  # the quote resolver already decided who "he said" is
        # What the quote resolver learnt in this document: "…," she said → that speaker is a she.
        learnt = {actor: "m" if q.speaker.text.lower() == "he" else "f" for q, actor in doc.quotes
                  if actor is not None and q.speaker is not None and q.speaker.text.lower() in ("he", "she")}

        def may_be(mention: EntityMention, actor: str) -> bool:
            # A place the NER once took for a person ("Sumy said") is no antecedent; nor is the
            # voice of the passage (nobody calls themselves "he").
            if self.labels.get(actor) in PLACE_LABELS or (voice is not None and actor == voice.person):
                return False
            return learnt.get(actor, self.genders.get(actor)) in (None, gender)

        return nearest_person(pronoun, doc.mentions, [s.start for s in doc.sentences], may_be)


def document_view(doc_id: str, text: str, title: str | None, outlet: str | None, sentences: Sequence[Sentence],
                  mentions: Iterable[tuple[EntityMention, str | None]],
                  quotes: Iterable[tuple[Quote, str | None]]) -> DocumentView:
    named = sorted(((m, a) for m, a in mentions if a is not None), key=lambda pair: pair[0].start)
    return DocumentView(doc_id, text, title, outlet, sentences, named, list(quotes))


def _voice_at(voices: Sequence[Voice], char: int) -> Voice | None:
    inside = [v for v in voices if v.start <= char < v.end]
    return min(inside, key=lambda v: v.end - v.start) if inside else None


def _roles_at(doc: DocumentView, ref: Span | None) -> tuple[str | None, ...]:
    if ref is None:
        return ()
    return tuple(m.role for m, _ in doc.mentions if (m.start, m.end) == (ref.start, ref.end) and m.role)


def _office_word(role: str) -> str | None:
    """The office a role names: its last word before "of"/"for"/"to" ("President of Castavia",
    "Castavia's president" → "president"; "Head of the Office of the President" → "head")."""
    words = [w.lower().strip(".,") for w in WORDS.findall(role)]
    before = []
    for word in words:
        if word in ("of", "for", "to"):
            break
        before.append(word)
    return before[-1] if before else None


def _outlet_office(outlet: str | None) -> str | None:
    match = OUTLET_OFFICE.search(outlet or "")
    return match.group(1).strip() if match else None


def _opens_in_first_person(doc: DocumentView, office: str) -> bool:
    """Whether the text speaks as "I"/"we" before it names any person or the office in the third
    person ("President Ivo Marek met ...; we expect ..." is a press release about the office)."""
    opening = QUOTED.sub(lambda m: " " * len(m.group()), doc.text[:OPENING_CHARS])
    first_person = FIRST_PERSON_WORDS.search(opening)
    if first_person is None:
        return False
    head = next((w for w in WORDS.findall(office) if w.lower() not in LABEL_JOINING_WORDS), "")
    third = [m.start for m, _ in doc.mentions if m.label == "PERSON" and m.start < first_person.start()]
    named = re.search(rf"\b{re.escape(head)}\b", opening[:first_person.start()]) if head else None
    return not third and named is None


def _gender(actor: Actor) -> str | None:
    """A person's gender from the titles written next to them anywhere, else a common given name."""
    titles = [w for role in actor.roles for w in role.split()]
    titles += [w for m in actor.mentions if m.role for w in m.role.split()]
    return gender_of(actor.name, titles)
