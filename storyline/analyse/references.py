"""One reference resolver per document: what a speaker phrase or a pronoun subject stands for.

Every stage that asks "who is this?" asks here: quotes for their speaker phrases
(:meth:`DocumentReferences.speakers`), events for a pronoun subject inside a reported clause
(:func:`governing_subject`), and linking for an event's "he" or "she" when the parse is gone
(:func:`nearest_person`, given the corpus's genders). Each answer is a typed
:class:`~storyline.records.Reference` (the phrase, the named mention it stands for, the rule
that decided) or the mention it names. No coreference model ships offline, so the rules are
written by hand; the word lists are in :mod:`storyline.analyse.lexicon.reference`.

Speaker phrases are resolved by the first of these rules that applies: a name inside the
phrase, or a surname the tagger missed ("named"); a relative "who" to its antecedent
("relative"); a pronoun to the salient person of matching gender ("pronoun"); a title to the
person described so earlier — by a title, an apposition or the words before the name ("the
Florida senator" after "Florida Sen. Ann Ek"; only a definite, singular description, and a
proper name in it must be said of the person) ("role-title"); a spokesperson to the one they
speak for, keeping both ("on-behalf"); "the alliance" to the organisation the text names, "a
Castavia Times poll" to the name it is of ("org-descriptor"). Indefinite phrases ("a
spokesman", "someone", "several aides") and demonstratives refer to no one the text names, and
"it" to no nationality. An unresolved speaker stays visible with no antecedent ("unresolved").

Deterministic: the result is a function of the document and the set of phrases, never of the
order they are given in. A person's gender is read from the whole text before any pronoun is
resolved (an honorific, a gendered title, a common given name, a pronoun the parse binds to the
name: "Varga said she …"); for a person it leaves unknown, the pronouns resolved to them decide
by majority, and every phrase is read again with that known, so no answer depends on which
pronoun came first. A pronoun keeps to a person of its gender named in its own paragraph over
anyone across the paragraph break. The speaker rules read the statements in text order — the
person a quote was resolved to becomes the previous speaker, whom the next "he added" favours —
so the phrases are sorted by their statements' offsets before any is resolved.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Token

from storyline.analyse.entities import TITLE_NOUNS
from storyline.analyse.gender import gender_of
from storyline.analyse.lexicon.labels import PROPN_LABEL
from storyline.analyse.lexicon.cues import GROUP_NOUNS
from storyline.analyse.lexicon.grammar import ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE, NOMINAL_SUBJECT_DEPS, SUBJECT_DEPS
from storyline.analyse.lexicon.reference import (
    ACTOR_PRONOUNS,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    INDEFINITE_DETERMINERS,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    ORG_DESCRIPTORS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_SYNONYMS,
    SINGULAR_DESCRIPTORS,
    RANK_MODIFIERS,
    SPOKESPERSON_NOUNS,
    STATE_DESCRIPTORS,
    TITLE_ABBREVIATIONS,
    WORK_DESCRIPTORS,
)
from storyline.analyse.text import SentenceIndex, char_span, doc_text, paragraphs, tok_end, token_at
from storyline.analyse.syntax import climb, head_chain, subject_of
from storyline.records import EntityMention, Reference, Span

__all__ = ["DocumentReferences", "Reference", "SpeakerPhrase", "governing_subject", "nearest_person"]

# Mention labels that can name a speaker, for a name inside the speaker phrase.
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", PROPN_LABEL, "FAC", "LOC")

# How deep a name may sit under a speaker phrase's head and still be weighed as its name:
# "Ana Lind, a researcher at the Tarnby Labs" puts "Labs" three links below "Lind".
MAX_PHRASE_DEPTH = 6
# From a pronoun up to the verb whose subject it is bound to: "Ek said (1) the plan she (0)
# drafted (2) would pass" reaches "said" in at most this many steps.
BINDING_STEPS = 4
# How many sentences back a pronoun looks for its antecedent, with the parse's salience to weigh
# the candidates. News pronouns rarely reach further.
PRONOUN_WINDOW_SENTENCES = 6
# Without the parse (linking reads stored mentions only), by recency alone: three sentences back
# is where the latest name stops being the likely referent in news prose.
UNPARSED_PRONOUN_WINDOW_SENTENCES = 3
# How many sentences back the previous quote's speaker stays a candidate for "he added".
SPEAKER_MEMORY_SENTENCES = 12
# From a relative pronoun's antecedent up to the name it describes: "Ann Ek, the head of the
# Castavia Union, who said": antecedent "Union" → "head" → "Ek" (pobj, prep, appos).
RELATIVE_ANTECEDENT_STEPS = 3
# A description of a person needs its head noun among what the text said of the person; each
# modifier it shares with that ("the *Vermont* senator", "Vermont Sen. Ann Ek") adds a point.
DESCRIPTION_HEAD_SCORE = 2.0
# A place and its adjective share their first letters (Ukraine/Ukrainian, Malaysia/Malaysian):
# five of them, as in Russia/Russian, without taking Austria for Australia.
PLACE_STEM_LETTERS = 5
# Words of a phrase that say nothing about whom it describes.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "of", "for", "'s", "’s", "and", "-"})
# From a pronoun subject's verb up to a verb with a named subject ("X said it would ...").
GOVERNING_SUBJECT_STEPS = 5
# Salience weights for pronoun antecedents (hand-set; checked on PolNeAR dev/train source F1):
# each sentence back costs half a point; being a subject, the article's speaker, or often named
# outweighs a few sentences of distance (a "he stressed" after a sentence naming two foreign
# ministers in passing still means the secretary general the article is about).
SALIENCE_PER_SENTENCE = 0.5
SALIENCE_SUBJECT = 1.5
SALIENCE_KNOWN_GENDER = 1.0
SALIENCE_SPEAKER = 1.5
SALIENCE_LAST_SPEAKER = 1.5
SALIENCE_PER_MENTION = 0.5


@dataclass(frozen=True, slots=True)
class SpeakerPhrase:
    """A speaker as written: its character span and the head token of the phrase; ``statement``
    is the span of what it said (a reader meets speakers in the order of their statements), the
    phrase's own span when not given."""

    span: tuple[int, int]
    head: Token
    statement: tuple[int, int] | None = None

    def reading_order(self) -> tuple[tuple[int, int], tuple[int, int], int]:
        return self.statement or self.span, self.span, self.head.i


class DocumentReferences:
    """The references of one parsed document: built once from its mentions and what is quoted
    (``is_quoted(char)``: a mention inside quote marks is no antecedent), asked for each kind of
    reference.

    >>> refs = DocumentReferences(doc, mentions, is_quoted)      # doctest: +SKIP
    >>> [r.rule for r in refs.speakers(phrases)]                 # doctest: +SKIP
    ['named', 'pronoun']
    """

    def __init__(self, doc: Doc, mentions: Sequence[EntityMention],
                 is_quoted: Callable[[int], bool] = lambda char: False) -> None:
        self.doc = doc
        self.mentions = mentions
        self.is_quoted = is_quoted

    def speakers(self, phrases: Iterable[SpeakerPhrase]) -> list[Reference]:
        """One reference per phrase, in the order given; resolved in text order whatever that is."""
        given = list(phrases)
        order = sorted(range(len(given)), key=lambda i: given[i].reading_order())
        resolver = SpeakerResolver(self.doc, self.mentions, self.is_quoted)
        found: dict[int, Reference] = {i: resolver.resolve(given[i]) for i in order}
        learnt = resolver.learnt_genders()
        if learnt:
            # Read again knowing what all the pronouns said of each person, so that no answer
            # depends on which pronoun came first.
            resolver = SpeakerResolver(self.doc, self.mentions, self.is_quoted, learnt=learnt)
            found = {i: resolver.resolve(given[i]) for i in order}
        return [found[i] for i in range(len(given))]


def governing_subject(verb: Token) -> Token | None:
    """A pronoun subject's referent inside its sentence: the named (not pronoun) subject of the
    nearest verb above ``verb`` ("Castavia said it would ..." → Castavia), or None."""
    def named_subject(head: Token) -> Token | None:
        subject = subject_of(head, ACTIVE_SUBJECT_DEPS_WITH_EXPLETIVE)
        return subject if subject is not None and subject.lower_ not in ACTOR_PRONOUNS else None

    above = climb(verb, lambda t: named_subject(t) is not None, GOVERNING_SUBJECT_STEPS)
    return named_subject(above) if above is not None else None


Key = TypeVar("Key")


def nearest_person(pronoun: Span, mentions: Sequence[tuple[EntityMention, Key]], sentence_starts: Sequence[int],
                   may_be: Callable[[EntityMention, Key], bool]) -> Key | None:
    """Who a "he" or "she" is by recency alone, when the parse is not at hand: the one person
    named in the nearest sentence (a few back at most, :data:`UNPARSED_PRONOUN_WINDOW_SENTENCES`)
    that names any person the pronoun ``may_be`` (gender not contradicting it, not the passage's
    own voice). Two such persons there and the text is ambiguous without the parse: None.

    ``mentions`` are (mention, key) pairs in offset order (``key`` the actor, for linking);
    ``sentence_starts`` the character offsets where the document's sentences begin.
    """
    here = max(0, bisect.bisect_right(sentence_starts, pronoun.start) - 1)
    floor = sentence_starts[max(0, here - UNPARSED_PRONOUN_WINDOW_SENTENCES)] if sentence_starts else 0
    nearest: int | None = None
    found: set[Key] = set()
    for mention, key in reversed(mentions):
        if mention.end > pronoun.start:
            continue
        if mention.start < floor:
            break
        sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
        if nearest is not None and sentence != nearest:
            break
        if mention.label != "PERSON" or not may_be(mention, key):
            continue
        nearest = sentence
        found.add(key)
    return found.pop() if len(found) == 1 else None


class SpeakerResolver:
    """Resolves the speaker phrases of one document in text order, learning as it goes (see the
    module docstring). Use :meth:`DocumentReferences.speakers`, which sorts the phrases first."""

    def __init__(self, doc: Doc, mentions: Sequence[EntityMention], is_quoted: Callable[[int], bool], *,
                 learnt: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.is_quoted = is_quoted
        self.sentences = SentenceIndex(doc)
        self.shared_surnames = _shared_surnames(m.text for m in self.mentions if m.label == "PERSON")
        self.gender = self._genders()
        for key, g in (learnt or {}).items():
            self.gender.setdefault(key, g)
        # (person's surname, gender, offset) of each pronoun resolved to a person the text gives
        # no gender: what the pronouns teach, read by :meth:`learnt_genders`.
        self.pronoun_votes: list[tuple[str, str, int]] = []
        self.paragraph_starts = [start for start, _ in paragraphs(self.text)]
        self._descriptions = {m.start: self._describe(m) for m in self.mentions if m.label in ("PERSON", PROPN_LABEL)}
        self.last_person: EntityMention | None = None
        self.speakers: set[str] = set()
        self.counts: dict[str, int] = {}
        for m in self.mentions:
            if m.label == "PERSON":
                key = m.text.split()[-1].lower()
                self.counts[key] = self.counts.get(key, 0) + 1

    def resolve(self, phrase: SpeakerPhrase) -> Reference:
        """The reference of ``phrase``; a person it resolves to becomes the previous speaker."""
        reference = self._decide(phrase)
        m = self._mention_at(reference.antecedent) if reference.antecedent is not None else None
        if m is not None and m.label == "PERSON":
            self.last_person = m
            self.speakers.add(m.text.split()[-1].lower())
        return reference

    def _mention_at(self, span: Span) -> EntityMention | None:
        for m in self.mentions:
            if m.start == span.start and m.end == span.end:
                return m
        return None

    def _decide(self, phrase: SpeakerPhrase) -> Reference:
        a, b = phrase.span
        speaker = char_span(self.text, a, b)
        if phrase.head.lower_ in SPOKESPERSON_NOUNS:
            spoken_for = self._spokesperson(phrase.head, a, b, speaker)
            if spoken_for is not None:
                return spoken_for
        named = self._named_in(a, b, phrase.head)
        if named is not None and named.label != "PERSON" and not (named.start <= phrase.head.idx < named.end):
            # "The NATO Secretary General", "the European diplomat": the name only modifies a
            # title or a common noun, it is not the speaker.
            named = None
        if named is not None:
            return Reference(speaker, char_span(self.text, named.start, named.end), "named")
        head = phrase.head
        lower = head.lower_
        if head.pos_ == "PROPN" or self.text[a:b].isupper() or (head.text[:1].isupper() and head.pos_ == "NOUN"):
            # "PENCE:" or a surname the NER missed (or the tagger took for a noun): the earlier
            # person with that last name.
            last = self.text[a:b].split()[-1].lower()
            same = [m for m in self.mentions if m.label == "PERSON" and m.text.split()[-1].lower() == last]
            if same:
                return Reference(speaker, char_span(self.text, same[0].start, same[0].end), "named")
        if lower in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl"):
            m = self._relative(head.head.head)
            if m is not None:
                return Reference(speaker, char_span(self.text, m.start, m.end), "relative")
            return Reference(speaker, None, "unresolved")
        if lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS | FIRST_PERSON | {"you"}:
            m = self._pronoun(head, a)
            if m is not None:
                return Reference(speaker, char_span(self.text, m.start, m.end), "pronoun")
            return Reference(speaker, None, "unresolved")
        if head.lemma_.lower() in ORG_DESCRIPTORS and (inside_phrase := self._named_in(a, b)) is not None \
                and (inside_phrase.label != "NORP" or head.lemma_.lower() in STATE_DESCRIPTORS):
            # "a Castavia Times poll", "the Marek campaign": the name the descriptor is of.
            return Reference(speaker, char_span(self.text, inside_phrase.start, inside_phrase.end), "org-descriptor")
        if head.pos_ not in ("NOUN", "PROPN") or _indefinite(head):
            # "someone in the audience", "that", "many", "a spokesman", "several aides": nobody
            # the text identifies.
            return Reference(speaker, None, "unresolved")
        m = self._described(head, a, b)
        if m is not None:
            return Reference(speaker, char_span(self.text, m.start, m.end), "role-title")
        m = self._org_descriptor(head, a, b)
        if m is not None:
            return Reference(speaker, char_span(self.text, m.start, m.end), "org-descriptor")
        return Reference(speaker, None, "unresolved")

    def _named_in(self, a: int, b: int, head: Token | None = None) -> EntityMention | None:
        within = [m for m in self.mentions if m.start >= a and m.end <= b and m.label in NAME_LABELS]
        if not within:
            return None
        for label in ("PERSON", "ORG", PROPN_LABEL, "GPE", "NORP"):
            picks = [m for m in within if m.label == label]
            if picks:
                if label != "PERSON":
                    return picks[0]
                if head is not None:
                    # "Jana Orsk, a researcher at Tarnby Labs" (the labs tagged a person too): the
                    # name nearest the phrase's head is the speaker, not one in its apposition.
                    return min(reversed(picks), key=lambda m: self._arcs_to(m, head))
                return picks[-1]
        return within[0]

    def _arcs_to(self, m: EntityMention, head: Token) -> int:
        """How many head links lead from the mention's own head up to ``head`` (a large number
        when they never meet within the phrase)."""
        token = token_at(self.doc, m.end - 1)
        for steps, node in enumerate(head_chain(token, MAX_PHRASE_DEPTH) if token is not None else ()):
            if node.i == head.i:
                return steps
        return MAX_PHRASE_DEPTH + 1

    def _genders(self) -> dict[str, str]:
        """Each person's gender from the whole document, before any pronoun is resolved, so that
        no answer depends on which pronoun came first: what is written beside the name
        (honorific, gendered title, a common given name) decides; else the pronouns the parse
        binds to the name ("Ek said *she* would …", "Ek voted with *her* party"), by majority,
        a tie leaving it unknown."""
        gender: dict[str, str] = {}
        people = [m for m in self.mentions if m.label == "PERSON"]
        for m in people:
            g = self._name_gender(m)
            if g:
                for key in self._keys(m):
                    gender.setdefault(key, g)
        by_token = {tok.i: m for m in people if (tok := token_at(self.doc, m.end - 1)) is not None}
        votes: dict[str, Counter[str]] = {}
        for pronoun in self.doc:
            want = _pronoun_gender(pronoun.lower_)
            if want is None or self.is_quoted(pronoun.idx):
                continue  # a quoted "he" is the quoted speaker's, about someone else
            m = self._binding_subject(pronoun, by_token)
            if m is not None:
                votes.setdefault(m.text.lower(), Counter())[want] += 1
        return _with_votes(gender, votes)

    @staticmethod
    def _binding_subject(pronoun: Token, people: dict[int, EntityMention]) -> EntityMention | None:
        """The person a pronoun is bound to inside its sentence: the subject of the nearest verb
        above it that has a subject other than the pronoun's own phrase ("Ek said she would go",
        "Ek thanked her staff"), when that subject is a named person; None when the nearest
        subject is anyone else."""
        if pronoun.tag_ == "PRP" and pronoun.dep_ not in SUBJECT_DEPS and not pronoun.lower_.endswith("self"):
            return None  # "Ek thanked her": an object pronoun is someone other than the subject
        # Up through noun phrases and reported clauses only: in "Ek left after he arrived" the
        # "he" of the adverbial clause may well be someone else.
        through = lambda t: t.pos_ not in ("VERB", "AUX") or t.dep_ in ("ccomp", "xcomp")  # noqa: E731
        for node in head_chain(pronoun, BINDING_STEPS, through=through):
            if node.i == pronoun.i or node.pos_ not in ("VERB", "AUX"):
                continue
            subject = subject_of(node, NOMINAL_SUBJECT_DEPS)
            if subject is None or subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                continue
            return people.get(subject.i)
        return None

    def _paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    @staticmethod
    def _keys(m: EntityMention) -> list[str]:
        words = m.text.split()
        return [m.text.lower(), words[-1].lower()] if words else [m.text.lower()]

    def _name_gender(self, m: EntityMention) -> str | None:
        before = self.text[max(0, m.start - 6):m.start].split()
        return gender_of(m.text, [*before[-1:], *(m.role or "").split()])

    def _gender_of(self, m: EntityMention) -> str | None:
        keys = self._keys(m)
        if len(m.text.split()) > 1 and keys[-1] in self.shared_surnames:
            keys = keys[:1]  # "Rakeyia Scott" is not whoever "Scott" alone is
        for key in keys:
            if key in self.gender:
                return self.gender[key]
        return None

    def _pronoun(self, head: Token, at: int) -> EntityMention | None:
        lower = head.lower_
        if lower in FIRST_PERSON or lower == "you":
            return None
        want = _pronoun_gender(lower)
        sent_no = self.sentences.of(at)
        first_sent = max(0, sent_no - PRONOUN_WINDOW_SENTENCES)
        window = [m for m in self.mentions
                  if m.end <= at and self.sentences.of(m.start) >= first_sent and not self.is_quoted(m.start)]
        if want is None:
            # "it" is an organisation or a country; "they" may also be a people ("Republicans").
            labels = ("ORG", "GPE") if lower in NEUTER_PRONOUNS else ("ORG", "GPE", "NORP")
            return self._salient([m for m in window if m.label in labels and self._nominal(m)])
        people = [m for m in window if m.label == "PERSON" or (m.label == PROPN_LABEL and m.role)]
        if self.last_person is not None and self.sentences.of(self.last_person.start) >= sent_no - SPEAKER_MEMORY_SENTENCES:
            people.append(self.last_person)
        compatible = [m for m in people if self._gender_of(m) in (None, want)]
        if not compatible:
            return None
        here = self._paragraph(at)
        if any(self._paragraph(m.start) == here and self._gender_of(m) == want for m in compatible):
            # A person of the pronoun's gender named in its own paragraph is nearer than anyone
            # across the paragraph break: a new paragraph that names her is about her.
            compatible = [m for m in compatible if self._paragraph(m.start) == here]
        chosen = self._score_people(compatible, want, sent_no)
        if self._gender_of(chosen) is None:
            self.pronoun_votes.append((chosen.text.lower(), want, at))
        return chosen

    def learnt_genders(self) -> dict[str, str]:
        """The gender of each person the text gives none, from the pronouns resolved to them:
        the majority, and on a tie the gender of the first of them (so "Kiri Tallow … He said …
        She said …" makes Tallow male and leaves "She" to someone else)."""
        votes: dict[str, Counter[str]] = {}
        first: dict[str, str] = {}
        for key, g, _ in sorted(self.pronoun_votes, key=lambda v: v[2]):
            votes.setdefault(key, Counter())[g] += 1
            first.setdefault(key, g)
        return _with_votes({}, votes, ties=first)

    def _score_people(self, candidates: Sequence[EntityMention], want: str, sent_no: int) -> EntityMention:
        """Salience: recent, a subject, the article's previous speaker, often named, known gender."""
        scored: list[tuple[float, int, EntityMention]] = []
        for m in candidates:
            key = m.text.split()[-1].lower()
            tok = token_at(self.doc, m.end - 1)
            score = -SALIENCE_PER_SENTENCE * (sent_no - self.sentences.of(m.start))
            if tok is not None and tok.dep_ in SUBJECT_DEPS:
                score += SALIENCE_SUBJECT
            if self._gender_of(m) == want:
                score += SALIENCE_KNOWN_GENDER
            if key in self.speakers:
                score += SALIENCE_SPEAKER
            if self.last_person is not None and key == self.last_person.text.split()[-1].lower():
                score += SALIENCE_LAST_SPEAKER
            score += SALIENCE_PER_MENTION * min(5, self.counts.get(key, 0))
            scored.append((score, m.start, m))
        return max(scored, key=lambda t: (t[0], t[1]))[2]

    def _salient(self, candidates: Sequence[EntityMention]) -> EntityMention | None:
        """Prefer the subject of the latest sentence with a candidate, else the latest mention."""
        if not candidates:
            return None
        latest_sent = max(self.sentences.of(m.start) for m in candidates)
        in_sent = [m for m in candidates if self.sentences.of(m.start) == latest_sent]
        for m in in_sent:
            tok = token_at(self.doc, m.end - 1)
            if tok is not None and tok.dep_ in SUBJECT_DEPS:
                return m
        return in_sent[0]

    def _spokesperson(self, head: Token, a: int, b: int, speaker: Span) -> Reference | None:
        """ "A spokeswoman for Ivo Marek", "the Marek spokeswoman": the statement is the
        spokeswoman's on Marek's behalf. Both are kept: the spokeswoman as the antecedent when
        the text named her before with that title ("Marek spokeswoman Ana Lind"), else Marek."""
        # Whom they speak for is named before the noun ("the Marek spokeswoman", "Marek's
        # spokeswoman") or after "for"/"of"; a name in apposition is the spokesperson's own.
        sides = [c for c in head.children if c.dep_ in ("poss", "compound", "nmod") and c.i < head.i]
        sides += [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of")]
        found = [self._named_in(c.left_edge.idx, tok_end(c.right_edge)) for c in sides]
        principal = next((m for m in found if m is not None), None)
        if principal is None or principal.label == "NORP":
            return None
        behalf = char_span(self.text, principal.start, principal.end)
        person = None if _indefinite(head) else self._described(head, a, b, also=_words(principal.text))
        if person is not None and person.start != principal.start:
            return Reference(speaker, char_span(self.text, person.start, person.end), "role-title", behalf)
        return Reference(speaker, behalf, "on-behalf", behalf)

    def _relative(self, antecedent: Token) -> EntityMention | None:
        """The name a relative clause's antecedent stands for; from a noun inside an apposition,
        the person the apposition describes ("Ann Ek, the head of the Union, who ...")."""
        m = self._named_in(antecedent.left_edge.idx, tok_end(antecedent))
        if m is not None:
            return m
        node = antecedent
        for _ in range(RELATIVE_ANTECEDENT_STEPS):
            if node.dep_ == "appos":
                person = self._named_in(node.head.left_edge.idx, tok_end(node.head))
                return person if person is not None and person.label == "PERSON" else None
            if node.dep_ not in ("pobj", "prep"):
                return None
            node = node.head
        return None

    def _nominal(self, m: EntityMention) -> bool:
        """Whether a mention names something rather than qualifies a noun: "the Democrats" can
        speak, "Democratic voters" has only an adjective."""
        if m.label != "NORP":
            return True
        last = token_at(self.doc, m.end - 1)
        return last is None or last.pos_ not in ("ADJ",) and last.dep_ not in ("amod", "compound")

    def _described(self, head: Token, a: int, b: int, *, also: Iterable[str] = ()) -> EntityMention | None:
        """The person a definite description stands for: the one named before whose title,
        apposition or modifiers hold the description's head noun ("the senator" after "Sen. Ann
        Ek"; "the Kentucky Republican" after "Ek, the Kentucky Republican"), best by the
        modifiers they share; a gendered head ("the spokeswoman") skips a person of the other
        gender. Plural heads describe groups, not one person."""
        if head.tag_ in ("NNS", "NNPS"):
            return None
        lemma = head.lemma_.lower()
        wanted = ROLE_SYNONYMS.get(lemma, frozenset()) | {lemma, head.lower_}
        modifiers = _words(self.text[a:b]) - wanted
        # A capitalised modifier ("the *Vermont* senator", "the *Belarusian* leader") must be
        # said of the person: another senator will not do.
        required = _words(" ".join(t.text for t in self.doc[:head.i] if t.idx >= a and t.text[:1].isupper())) - wanted
        required |= set(also)  # "a spokeswoman for Marek": a Marek spokeswoman
        required |= modifiers & RANK_MODIFIERS  # a deputy head is not the head
        gender = gender_of("", [head.lower_])
        best: EntityMention | None = None
        best_score = 0.0
        for m in self.mentions:
            if m.end > a or m.label not in ("PERSON", PROPN_LABEL):
                continue
            heads, said = self._descriptions.get(m.start, (frozenset(), frozenset()))
            if not heads & wanted or not all(_said(word, said) for word in required):
                continue
            if gender is not None and self._gender_of(m) not in (None, gender):
                continue
            score = DESCRIPTION_HEAD_SCORE + len(said & modifiers)
            if score >= best_score:
                best, best_score = m, score
        if best is None:
            return None
        # Prefer the latest mention of that person (same surname) before the speaker.
        surname = best.text.split()[-1]
        later = [m for m in self.mentions if m.end <= a and m.text.split()[-1:] == [surname]]
        return later[-1] if later else best

    def _describe(self, m: EntityMention) -> tuple[frozenset[str], frozenset[str]]:
        """What the text says a named mention is, as (head nouns, all words): its title
        (abbreviations spelt out: "Gov." → governor), the words before the name ("Republican
        presidential candidate Ann Ek") and an apposition ("Ann Ek, the Kentucky Republican,").
        A description must match a head ("the candidate", not "the platform" after "platform
        committee chairman Ann Ek")."""
        heads: set[str] = set()
        said = set(_words(m.role or ""))
        if m.role_start is not None and m.role_end is not None:
            role = self.doc.char_span(m.role_start, m.role_end, alignment_mode="expand")
            if role is not None and len(role):
                heads |= _words(role.root.text)
        last = token_at(self.doc, m.end - 1)
        if last is None:
            return frozenset(heads), frozenset(said)
        lefts = [t for t in last.lefts if t.dep_ in ("compound", "amod", "nmod") and not m.start <= t.idx < m.end]
        for left in lefts:
            # "New Jersey Gov. Ann Ek": the title the entity stage did not read as one.
            said |= _words(" ".join(t.text for t in left.subtree))
        if lefts:
            heads |= _words(lefts[-1].text)  # the word next to the name heads the title
        # A title-cased role noun ("Ek, Prime Minister of Tarvia,") is tagged PROPN by the small
        # model; it is still a role, where any other proper noun in apposition is a name.
        # So is a party or a group written capitalised ("Ek, the Kentucky Republican,").
        for appos in (c for c in last.children
                      if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.pos_ == "PROPN"
                                                and (c.lower_ in TITLE_NOUNS or c.lemma_.lower() in GROUP_NOUNS))):
            # The apposition's noun and what qualifies it ("the Kentucky Republican", "the
            # state's attorney general"), not the clauses hanging on it.
            heads |= {appos.lemma_.lower(), appos.lower_}
            said |= _words(" ".join(t.text for t in (*appos.lefts, appos)
                                    if t.dep_ in ("compound", "amod", "nmod", "poss", "det") or t is appos))
        return frozenset(heads), frozenset(said | heads)

    def _org_descriptor(self, head: Token, a: int, b: int) -> EntityMention | None:
        lemma = head.lemma_.lower()
        if lemma not in ORG_DESCRIPTORS:
            return None
        if lemma in WORK_DESCRIPTORS:
            return None  # a poll nobody is named for is nobody's we know
        names = ORG_DESCRIPTORS[lemma]
        orgs = [m for m in self.mentions if m.end <= a and m.label in ("ORG", "GPE", "NORP") and self._nominal(m)]
        for m in reversed(orgs):
            if any(n.lower() in m.text.lower() for n in names):
                return m
        if lemma in SINGULAR_DESCRIPTORS:
            return None  # the text never names it: leave visible, unresolved
        return orgs[-1] if orgs and self.sentences.of(orgs[-1].start) >= self.sentences.of(a) - 3 else None


def _words(text: str) -> set[str]:
    """The content words of a phrase, lower-case, abbreviated titles spelt out ("Sen." → senator)."""
    words = {w.lower().strip(".,;:()\"“”'’") for w in text.split()}
    return {TITLE_ABBREVIATIONS.get(w, w) for w in words if w} - _FUNCTION_WORDS


def _said(word: str, said: set[str] | frozenset[str]) -> bool:
    """Whether ``word`` is among the words said of someone, a place and its people's adjective
    counting as one ("Malaysia's foreign minister" after "Malaysian Foreign Minister Ann Ek")."""
    stem = word[:PLACE_STEM_LETTERS]
    return word in said or len(word) >= PLACE_STEM_LETTERS and any(w.startswith(stem) for w in said)


def _with_votes(gender: dict[str, str], votes: dict[str, Counter[str]], *,
                ties: dict[str, str] | None = None) -> dict[str, str]:
    """``gender`` with the genders the pronouns voted for each name as written (``ties``: the
    answer when a name's votes are even; unknown without it), and for each surname the gender
    every name with that surname agrees on: "Rakeyia Scott" and her husband "Scott" are two
    people, and a surname shared by a woman and a man says nothing."""
    out = dict(gender)
    for name, count in votes.items():
        g = (ties or {}).get(name) if count["m"] == count["f"] else count.most_common(1)[0][0]
        if g is not None:
            out.setdefault(name, g)
    by_surname: dict[str, set[str]] = {}
    for name in votes:
        if name in out:
            by_surname.setdefault(name.split()[-1], set()).add(out[name])
    for surname, genders in by_surname.items():
        if len(genders) == 1:
            out.setdefault(surname, genders.pop())
    return out


def _shared_surnames(names: Iterable[str]) -> set[str]:
    """Surnames (lower-case) that two different people of the text carry: two full names neither
    of which ends the other ("Keith Lamont Scott" and "Lamont Scott" are one person, "Rakeyia
    Scott" another)."""
    full: dict[str, set[str]] = {}
    for name in names:
        words = name.lower().split()
        if len(words) > 1:
            full.setdefault(words[-1], set()).add(" ".join(words))
    shared = set()
    for surname, forms in full.items():
        if any(not (a.endswith(" " + b) or b.endswith(" " + a)) for a in forms for b in forms if a < b):
            shared.add(surname)
    return shared


def _pronoun_gender(word: str) -> str | None:
    return "m" if word in MALE_PRONOUNS else "f" if word in FEMALE_PRONOUNS else None


def _indefinite(head: Token) -> bool:
    """Whether the phrase headed by ``head`` is indefinite: "a spokesman", "one official"."""
    return any(c.dep_ in ("det", "nummod", "amod") and c.lower_ in INDEFINITE_DETERMINERS for c in head.children)
