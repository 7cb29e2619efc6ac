"""Rules for statements no parsed cue claims: quoted segments, and lines that name their speaker.

A quoted segment still unattributed after the cue rules looks for a cue verb right after its
closing mark (``“…,” he added``; ``“…” – she said``; any verb when it and its speaker are the
whole clause: ``“…,” the judge exclaimed``) or before its opening mark (``X said: “…”``; ``She
continued, “…”``; ``Said Ellis: “…”``; ``Hannity interjected: “…”``), a transcript label
(``PENCE: …``), a dash signature (``“…” ― Ana Ruiz``), or a person's clause around it (``went
after Trump as a “spoiled brat”``). Lines naming their speaker before a colon (``Sanders:
Clinton needs to …``) are statements too.

The rules sit in ordered tables; in each, the first rule that gives a draft wins.
:data:`OWN_CUE_RULES` are tried first, because their cue may be one a parsed cue already
claimed (the segment then joins that statement, see :func:`.drafts.attach_segments`);
:data:`FRAME_RULES` after it. When a segment continues the statement before it is the pass's
decision, not a rule's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyse.lexicon.reference import SPEAKING_PRONOUNS
from storyline.analyse.lexicon.verbs import CUE_VERBS, QUOTE_INTRO_VERBS
from storyline.analyse.quotes.content import cue_span, trim
from storyline.analyse.quotes.marks import OPENING, OPEN_MARKS, Segment
from storyline.analyse.quotes.rules import Draft, Rule, table
from storyline.analyse.quotes.subjects import speaker_of, speaker_span
from storyline.analyse.text import Sent, doc_text, rstrip, tok_end, token_at
from storyline.analyse.speaker_labels import capitals_label_at
from storyline.analyse.syntax import head_chain
from storyline.records import EntityMention

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
# Steps up from a quote's first word to the verb of the clause around it ("went after Trump as
# a “spoiled brat”"): through the quoted phrase and a preposition or two.
QUOTING_CLAUSE_STEPS = 6
# Nouns that can stand alone as the source of a "Source: statement" line.
HEADLINE_SOURCE_NOUNS: frozenset[str] = frozenset({"poll", "survey", "study", "report", "analysis", "sources"})
# A headline "Speaker: statement" names its speaker in at most this many words; a longer prefix
# is a topic ("NATO Secretary General comments on talks: Ukraine decides").
MAX_HEADLINE_SPEAKER_WORDS = 4


# Dependents that give a verb content of its own: such a verb cannot be a bare quote cue.
_VERB_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})


# "“…” ― Beck Pimentel": a quote signed with a dash and a name, no verb (reader comments,
# epigraphs, social posts).
_DASH_SIGNATURE = re.compile(r"[^\S\n]*(?P<dash>[―—–-])[^\S\n]*(?P<name>[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})"
                             r"(?=[^\S\n]*(?:$|\n|[“\"(]))")


@dataclass(frozen=True)
class SegmentRule(Rule):
    """A rule over one quoted segment: ``build(doc, segment, sentences)`` gives its draft or None."""

    build: Callable[[Doc, Segment, Sequence[Sent]], Draft | None]


@dataclass(frozen=True)
class LineRule(Rule):
    """A rule over the document's lines: ``build(doc, paragraphs, mentions)`` gives its drafts."""

    build: Callable[[Doc, Sequence[tuple[int, int]], Sequence[EntityMention]], list[Draft]]


def first_draft(rules: Sequence[SegmentRule], doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """The draft of the first rule in ``rules`` that gives one for ``seg``."""
    for rule in rules:
        draft = rule.build(doc, seg, sents)
        if draft is not None:
            return draft
    return None


# --- segment rules ----------------------------------------------------------------------------


def transcript(doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """ "PENCE: Well, look, …" — a transcript label opening the segment names its speaker."""
    match = capitals_label_at(doc_text(doc), seg.start)
    if match is None:
        return None
    span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None:
        return None
    content_start = match.end()
    return Draft(content_start, seg.end, (match.end(1), match.end(1) + 1), span.root,
                  (span.start_char, span.end_char), "transcript")


def cue_after(doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """``“…,” he added`` / ``“…” – she said`` / ``“…,” said Anna Varga``."""
    last = token_at(doc, seg.end - 1)
    if last is None:
        return None
    full_stop = re.search(r"\.\W*$", doc_text(doc)[seg.start:seg.end]) is not None
    i = last.i + 1
    while i < len(doc) and (doc[i].is_punct and doc[i].text not in OPEN_MARKS or doc[i].is_space):
        if doc[i].is_space and "\n" in doc[i].text:
            return None
        i += 1
    limit = min(len(doc), i + MAX_CUE_AFTER_QUOTE_LONG_SUBJECT)
    for j in range(i, limit):
        tok = doc[j]
        if tok.is_space and "\n" in tok.text or tok.text in OPEN_MARKS or tok.text in (".", "?", "!"):
            break
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in CUE_VERBS or _frames_quote(doc, seg, tok, i)):
            subject = speaker_of(tok) or _adjacent_subject(doc, tok, i)
            if subject is None or subject.idx < seg.end:
                continue
            if j - i >= MAX_CUE_AFTER_QUOTE and subject.left_edge.i > i + 1:
                continue  # a far verb counts only when its subject phrase starts at the quote
            if full_stop and not _ends_bare(doc, tok, subject, i):
                # “… the timing.” Gov. Pat said …: a full stop ends the sentence, the cue is the
                # next one's — unless the cue has nothing after it: “… missing.” Trump said.
                return None
            return Draft(seg.start, seg.end, cue_span(tok), subject, speaker_span(subject), "direct")
    return None


def _ends_bare(doc: Doc, verb: Token, subject: Token, first: int) -> bool:
    """Whether "<subject> <verb>." is the whole clause from ``first``: a cue with nothing to say
    of its own, so it closes the quote before it."""
    end = verb.i + 1
    return (subject.left_edge.i == first and end < len(doc) and doc[end].text in (".", "!")
            and not any(c.dep_ in _VERB_COMPLEMENT_DEPS for c in verb.children))


def _frames_quote(doc: Doc, seg: Segment, verb: Token, first: int) -> bool:
    """ "“…,” Carson continued." / "“…?” reacted Trump." — any verb is the cue when it and its
    speaker make up the whole clause right after a quote that ends on a comma, question or
    exclamation mark: nothing else in that clause can take the quote."""
    if not re.search(r"[,?!]\W*$", doc_text(doc)[seg.start:seg.end]):
        return False
    if any(c.dep_ in _VERB_COMPLEMENT_DEPS and c.i > verb.i for c in verb.children):
        return False  # "“…,” Ann told reporters" is a cue already; "“…,” Ann wrote a book" is not one
    subject = speaker_of(verb, climb=False)
    if subject is None:
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        return verb.i == first and after is not None and after.pos_ == "PROPN"
    if subject.pos_ not in ("PROPN", "PRON", "NOUN") or subject.left_edge.i != first or verb.i != subject.right_edge.i + 1:
        return False
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return following is None or following.is_punct or following.is_space


def dash_signature(doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """ "“…” ― Ana Ruiz": a quote signed with a dash and a name."""
    match = _DASH_SIGNATURE.match(doc_text(doc), seg.end)
    if match is None:
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    if name is None or not len(name) or not any(t.pos_ == "PROPN" for t in name):
        return None
    return Draft(seg.start, seg.end, match.span("dash"), name.root, (name.start_char, name.end_char), "direct")


def _adjacent_subject(doc: Doc, verb: Token, first: int) -> Token | None:
    """When the parse split ``“…” – she said`` oddly, take the nominal right before or after."""
    for k in list(range(verb.i - 1, first - 1, -1)) + [verb.i + 1, verb.i + 2]:
        if 0 <= k < len(doc) and doc[k].pos_ in ("PRON", "PROPN", "NOUN"):
            return doc[k]
    return None


def cue_before(doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """``X said: “…”`` / ``X said “…”`` / ``X called for talks: "…"``."""
    first = token_at(doc, seg.start)
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
        return Draft(seg.start, seg.end, cue_span(doc[j - 1]), introducer, speaker_span(introducer), "direct")
    sent_start = sents[anchor.i].start
    for k in range(j, sent_start - 1, -1):
        tok = doc[k]
        if tok.lemma_.lower() in cues and (tok.pos_ in ("VERB", "AUX") or k == sent_start):
            subject = speaker_of(tok)
            if subject is not None:
                return Draft(seg.start, seg.end, cue_span(tok), subject, speaker_span(subject), "direct")
            name = _inverted_subject(doc, tok, j)
            if name is not None:
                return Draft(seg.start, seg.end, cue_span(tok), name.root, (name.start_char, name.end_char), "direct")
    return None


def _introducing_subject(verb: Token, seg: Segment) -> Token | None:
    """ "Hannity interjected: “…”" — any verb whose clause is only its speaker introduces the
    quote after its colon (the quote itself may hang on it as a complement). Returns that
    speaker, or ``None`` when the verb does not introduce the quote."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in CUE_VERBS:
        return None
    if any((c.dep_ in _VERB_COMPLEMENT_DEPS or c.dep_ == "prep") and c.idx < seg.start
           for c in verb.children):
        return None
    subject = speaker_of(verb, climb=False)
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


def quoting_clause(doc: Doc, seg: Segment, sents: Sequence[Sent]) -> Draft | None:
    """ "Clinton has gone after Trump as a “spoiled brat”" — quote marks inside a clause whose
    subject is a person, an organisation or a pronoun: the marks themselves say whose words these
    are, whatever the verb. The content is what follows the verb in its clause."""
    first = token_at(doc, seg.start)
    if first is None:
        return None
    # the clause's verb, not one that modifies a noun; the last head the climb reaches is taken
    # on its part of speech alone
    *below, last = head_chain(first, QUOTING_CLAUSE_STEPS)
    verb = next((t for t in below if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl", "pcomp")), last)
    if verb.pos_ not in ("VERB", "AUX") or verb.i > first.i:
        return None
    subject = speaker_of(verb, climb=False)
    if subject is None or not (subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in SPEAKING_PRONOUNS):
        return None
    rights = [c for c in verb.rights if not (c.is_punct or c.dep_ in ("cc", "conj", "mark"))]
    if not rights:
        return None
    a = rights[0].left_edge.i
    b = trim(doc, a, max(c.right_edge.i for c in rights) + 1)
    if b <= a or doc[a].idx > seg.start:
        return None
    return Draft(doc[a].idx, max(tok_end(doc[b - 1]), seg.end), cue_span(verb), subject, speaker_span(subject), "mixed")


# --- line rules -------------------------------------------------------------------------------


def headline_drafts(doc: Doc, paragraphs: Sequence[tuple[int, int]], mentions: Sequence[EntityMention]) -> list[Draft]:
    """ "Pat Caddell: Democrat Voters Worried …" — a headline or standfirst line that names its
    speaker before a colon; subheads inside the article ("Sanders: Clinton needs to …") too."""
    out = []
    text = doc_text(doc)
    for p_start, p_end in paragraphs:
        line = text[p_start:p_end]
        colon = line.find(": ")
        if colon <= 0 or len(line[:colon].split()) > MAX_HEADLINE_SPEAKER_WORDS or line[0] in OPENING:
            continue
        a, b = p_start, p_start + colon
        # The prefix must end with a tagged person or organisation, or be a source noun ("Poll:",
        # "Study:"); "Stealth Over Health:" is a pun and "Update:" a label.
        names = [m for m in mentions if m.start >= a and m.end == b and m.label in ("PERSON", "ORG")]
        source_noun = line[:colon].split()[-1].lower() in HEADLINE_SOURCE_NOUNS
        span = doc.char_span(a, b, alignment_mode="contract")
        content_start = b + 2
        end = rstrip(text, content_start, p_end)
        if not (names or source_noun) or span is None or len(span) == 0 or end - content_start < 3:
            continue
        out.append(Draft(content_start, end, (b, b + 1), span.root, (a, b), "headline"))
    return out


def is_title(quoted: str) -> bool:
    """Title Case with at least two words and no more than :data:`MAX_TITLE_WORDS`."""
    words = re.findall(r"[^\W\d_][\w’']*", quoted)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in content) and len(content) >= 2


# --- the tables -------------------------------------------------------------------------------

# A cue of the segment's own, which may be one a parsed cue already claimed: tried first.
OWN_CUE_RULES: tuple[SegmentRule, ...] = table(
    SegmentRule("transcript", ("transcript",), transcript),
    SegmentRule("cue-after", ("direct",), cue_after),
)
# What frames a segment that neither a cue of its own nor the statement before it claims.
FRAME_RULES: tuple[SegmentRule, ...] = table(
    SegmentRule("cue-before", ("direct",), cue_before),
    SegmentRule("dash-signature", ("direct",), dash_signature),
    SegmentRule("quoting-clause", ("mixed",), quoting_clause),
)
LINE_RULES: tuple[LineRule, ...] = table(
    LineRule("headline", ("headline",), headline_drafts),
)
