"""Cue rules: reported speech found from a cue word in the parse, as an ordered table.

A token whose lemma is a speech or cognition cue (the lists are in
:mod:`storyline.analyse.lexicon`) gives an attribution: the cue's complement is the content
(:mod:`.content`), its subject the speaker (:mod:`.subjects`). Stances count as PolNeAR counts
them: a stance verb's object with what it is about (``attacked X for Y``), light verbs (``made
the case that``), stance adjectives and role nouns (``critical of X``, ``a defender of X``),
``see X as Y``, short answers (``half said so``), a cue closing its sentence (``…, police
said``), an "as" clause (``As Smith reported in his book, …``), a gerund after a cue
(``reported earning $132 million``) and a possessed stance noun (``Trump's attacks on the
process``).

:data:`CUE_RULES` is the dispatch: for each token outside quote marks, the *first* rule whose
``when`` holds builds the draft, or nothing (a later rule is not tried). Adding a cue is one
entry in the table, with the evidence it yields (whose precision is in
:data:`.rules.PRECISION`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.analyse.lexicon.cues import (
    ATTITUDE_NOUNS,
    CUE_ADJECTIVES,
    CUE_NOUNS,
    LIGHT_NOUNS,
    OBJECT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    POSSESSED_STANCE_NOUNS,
    POSSESSIVE_SPEAKERS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    STANCE_PREPOSITIONS,
    VOICING_VERBS,
)
from storyline.analyse.lexicon.grammar import NOMINAL_SUBJECT_DEPS
from storyline.analyse.lexicon.reference import RELATIVE_PRONOUNS
from storyline.analyse.lexicon.stance import STANCE_NOUN_KINDS
from storyline.analyse.lexicon.verbs import (
    ADDRESSEE_VERBS,
    CUE_VERBS,
    OBJECT_CUE_VERBS,
    SPEECH_LIGHT_VERBS,
    STANCE_AS_VERBS,
)
from storyline.analyse.quotes.content import (
    complement,
    controlled_object_start,
    cue_span,
    left_edge_of_cue_clause,
    object_complements,
    subtree,
    trim,
    trim_end,
)
from storyline.analyse.quotes.marks import Segment, inside
from storyline.analyse.quotes.rules import Draft, Rule, table
from storyline.analyse.quotes.subjects import can_hold_a_view, speaker_of, speaker_span
from storyline.analyse.text import Sent, paragraph_start, tok_end, word_count

# How far after a stance verb its preposition may stand: "spoke at length about".
MAX_CUE_PREPOSITION_GAP = 3
# A cue in mid-sentence with at least this many words after its clause has content on both
# sides ("It was, the president said, a stone where …").
MIN_CONTENT_AFTER_CUE = 3
# The small English model's lemmatiser turns these forms into other words ("hoping" → "hop").
LEMMA_FIXES: dict[str, str] = {"hoping": "hope", "hoped": "hope", "hopes": "hope", "rated": "rate"}


@dataclass(frozen=True)
class CueRule(Rule):
    """A cue rule: ``when(token, lemma)`` says whether the token is this rule's cue; ``build(doc,
    token, lemma, sentence)`` reads the attribution around it, or None when the parse does not
    give one."""

    when: Callable[[Token, str], bool]
    build: Callable[[Doc, Token, str, Sent], Draft | None]


def cue_drafts(doc: Doc, segments: Sequence[Segment], sents: Sequence[Sent]) -> list[Draft]:
    """One draft per cue token the first matching rule of :data:`CUE_RULES` reads, in text order."""
    drafts: list[Draft] = []
    for token in doc:
        if inside(segments, token.idx) is not None:
            continue  # speech reported inside a quote is the quoted speaker's, not the article's
        lemma = LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
        rule = next((r for r in CUE_RULES if r.when(token, lemma)), None)
        draft = rule.build(doc, token, lemma, sents[token.i]) if rule is not None else None
        if draft is not None:
            drafts.append(draft)
    return drafts


# --- the rules ------------------------------------------------------------------------------------


def speech_verb(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """A verb of speech or cognition: its clausal complement, else the statement around it (an
    "as" clause, a parenthetical or closing cue), its object, or its passive subject."""
    return _verb_cue(doc, token, lemma, sent) or _passive_cue(doc, token)


def object_verb(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """A stance verb with a speaker: its object is the content ("questioned the vote")."""
    subject = speaker_of(token)
    return _object_content(doc, token, lemma, subject) if subject is not None else None


def _verb_cue(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    comp = complement(token, lemma)
    as_clause = _as_clause(doc, token, sent)
    if as_clause is not None and comp is None:
        return as_clause
    subject = speaker_of(token)
    if subject is None:
        return None
    if comp is None:
        return (_parenthetical(doc, token, subject, sent) or _closing_cue(doc, token, subject, sent)
                or _object_content(doc, token, lemma, subject))
    if comp.i < token.i:
        # Parenthetical cue: "…, X said." The content is the sentence up to the cue's clause.
        start_tok = paragraph_start(doc, token.i, sent.start)
        end_tok = min(subject.left_edge.i, token.i) if subject.i > comp.i else token.i
        end_tok = min(end_tok, left_edge_of_cue_clause(token))
        rest = [t for t in doc[token.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        if len(rest) >= MIN_CONTENT_AFTER_CUE and all(t.i > token.i for t in subject.subtree):
            # "It was, the president said, ''a stone …''" / "A, the agency said, and B": the
            # statement goes on after the cue, so the content is the whole sentence.
            end_tok = sent.end
        end_tok = trim_end(doc, start_tok, end_tok)
        if end_tok <= start_tok:
            return None
        start, end = doc[start_tok].idx, tok_end(doc[end_tok - 1])
    else:
        start_tok, end_tok = comp.left_edge.i, comp.right_edge.i + 1
        if comp.dep_ == "xcomp":
            start_tok = controlled_object_start(token, comp, start_tok)
        if comp.dep_ == "advcl":
            # "said after the vote he would resign": the phrase before the subject is the
            # report's time, not its content; in "called for X to go", "for" is the cue's.
            own_subject = next((c for c in comp.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
            if own_subject is not None and all(c.lower_ == "for" for c in comp.children if c.dep_ == "mark"):
                start_tok = own_subject.left_edge.i
        # Clauses coordinated with the complement belong to the report ("that A, and that B").
        for sibling in token.rights:
            if sibling.dep_ == "conj" and sibling.i > comp.i and sibling.pos_ in ("VERB", "AUX") and \
                    speaker_of(sibling, climb=False) is None and any(c.dep_ == "mark" for c in sibling.children):
                end_tok = max(end_tok, sibling.right_edge.i + 1)
        end_tok = trim(doc, start_tok, end_tok)
        if end_tok <= start_tok:
            return None
        start, end = doc[start_tok].idx, tok_end(doc[end_tok - 1])
    return Draft(start, end, cue_span(token), subject, speaker_span(subject), "indirect")


def _parenthetical(doc: Doc, token: Token, subject: Token, sent: Sent) -> Draft | None:
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
    start_tok = paragraph_start(doc, token.i, sent.start)
    end_tok = trim_end(doc, start_tok, sent.end)
    if word_count(doc[start_tok:end_tok].text) - word_count(doc[a:b].text) < 3:
        return None
    return Draft(doc[start_tok].idx, tok_end(doc[end_tok - 1]), cue_span(token), subject,
                  speaker_span(subject), "parenthetical")


def _closing_cue(doc: Doc, token: Token, subject: Token, sent: Sent) -> Draft | None:
    """ "A girl was hurt outside the venue, police said." — a cue that closes its sentence after
    a comma, parsed as the root with the statement hanging off it as a modifier."""
    a = left_edge_of_cue_clause(token)
    after = [t for t in doc[token.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if after and not _only_circumstances(token, after):
        return None
    if a <= sent.start or doc[a - 1].text not in (",", "—", "–", "--") or subject.i > token.i:
        return None
    start_tok = paragraph_start(doc, token.i, sent.start)
    end_tok = trim_end(doc, start_tok, a)
    if word_count(doc[start_tok:end_tok].text) < MIN_CONTENT_AFTER_CUE:
        return None
    return Draft(doc[start_tok].idx, tok_end(doc[end_tok - 1]), cue_span(token), subject,
                  speaker_span(subject), "parenthetical")


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


def _as_clause(doc: Doc, cue: Token, sent: Sent) -> Draft | None:
    """ "As Smith reported in his book, the party elite had country houses." / "…, as the
    mayor told reporters." / "As reported by the Herald, …" — a cue in an "as" clause attributes
    the clause it modifies, on the side of the sentence the "as" clause is not."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    subject = speaker_of(cue, climb=False)  # the subject, or the agent of "As reported by the Herald"
    if subject is None:
        return None
    a, b = cue.left_edge.i, cue.right_edge.i + 1
    set_off = a > 0 and (doc[a - 1].text in (",", ";") or doc[a - 1].dep_ == "cc")  # ", as …", "but as …"
    if a > sent.start and b < sent.end - 1 and not set_off:
        return None
    if a <= sent.start + 1 or set_off and b < sent.end - 1:
        # the "as" clause opens the sentence or sits inside it: the statement follows it
        start_tok = b + 1 if b < sent.end and doc[b].text == "," else b
        end_tok = trim(doc, start_tok, sent.end)
    else:  # it closes the sentence: the statement comes before it
        start_tok = paragraph_start(doc, cue.i, sent.start)
        end_tok = trim_end(doc, start_tok, a - 1 if doc[a - 1].text == "," else a)
    if word_count(doc[start_tok:end_tok].text) < MIN_CONTENT_AFTER_CUE:
        return None
    return Draft(doc[start_tok].idx, tok_end(doc[end_tok - 1]), cue_span(cue), subject,
                  speaker_span(subject), "according")


def _object_content(doc: Doc, token: Token, lemma: str, subject: Token) -> Draft | None:
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
    cue = cue_span(token)
    held = _held_about(obj) if lemma in VOICING_VERBS else None
    if held is not None:
        # "expressed support for the plan", "voiced misgivings about Ek": the noun and its
        # preposition say how the speaker stands (the cue), their object what about (the content).
        cue = (cue[0], tok_end(held.head))
        obj = held
    a, b = obj.left_edge.i, obj.right_edge.i + 1
    predicate = next((c for c in token.children if c.dep_ == "oprd" and c.i > obj.i), None)
    if predicate is not None:  # "called climate change a hoax": object and what it is called
        b = predicate.right_edge.i + 1
    b = object_complements(token, b)
    b = trim(doc, a, b)
    if b <= a:
        return None
    return Draft(doc[a].idx, tok_end(doc[b - 1]), cue, subject, speaker_span(subject), "object")


def _held_about(obj: Token) -> Token | None:
    """The object of a stance held as a noun: "support *for* X", "his passion *for* X",
    "misgivings *about* X" — a noun of stance or speech (:data:`ATTITUDE_NOUNS`,
    :data:`STANCE_NOUN_KINDS`) with its preposition of stance right after it. Any other noun is
    itself what the stance is about: "questioned the integrity of the vote", "published portions
    of the returns"."""
    if obj.pos_ != "NOUN" or obj.ent_type_ or obj.lemma_.lower() not in ATTITUDE_NOUNS | STANCE_NOUN_KINDS.keys():
        return None
    # the parse hangs the preposition on the noun or on the verb ("expressed support | for X")
    prep = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
    if prep is None or prep.dep_ != "prep" or prep.head.i not in (obj.i, obj.head.i) \
            or prep.lower_ not in STANCE_PREPOSITIONS | OBJECT_PREPOSITIONS:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _passive_cue(doc: Doc, token: Token) -> Draft | None:
    """ "The story was first reported by the Post": content is the passive subject."""
    content = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    source = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if content is None or source is None or content.pos_ == "PRON":
        return None
    a, b = content.left_edge.i, trim_end(doc, content.left_edge.i, content.right_edge.i + 1)
    if b <= a:
        return None
    return Draft(doc[a].idx, tok_end(doc[b - 1]), cue_span(token), source, speaker_span(source), "passive")


def according_to(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """ "According to X, …", "…, according to X." and "A, according to X, B": the source is X."""
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
        a, b = paragraph_start(doc, token.i, sent.start), sent.end
    else:
        # "Content, according to X." — content is what precedes.
        a, b = sent.start, phrase_start
        if phrase_end < sent.end - 1 and not doc[phrase_end].is_punct:
            return None  # "according to" in the middle of a clause: not a clear attribution
    b = trim_end(doc, a, b)
    if b <= a:
        return None
    start, end = doc[a].idx, tok_end(doc[b - 1])
    draft = Draft(start, end, (token.idx, tok_end(nxt)), source, speaker_span(source), "according")
    return draft


def adjective(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
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
    subject = speaker_of(head)
    if subject is None or token.lower_ not in CUE_ADJECTIVES and not can_hold_a_view(subject):
        return None
    a, b = subtree(doc, comp)
    if b <= a:
        return None
    cue_start = cue_span(head)[0] if head.i < token.i else token.idx
    return Draft(doc[a].idx, tok_end(doc[b - 1]), (cue_start, tok_end(token)), subject, speaker_span(subject), "indirect")


def cue_noun(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """ "Trump's claim that there were thousands of shootings" — a noun of speech with a clause."""
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > token.i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    source = next((c for c in token.children if c.dep_ == "poss"), None)
    if source is None and token.dep_ in ("dobj", "attr"):
        source = speaker_of(token.head)
    if source is None:
        return None
    a, b = clause.left_edge.i, trim_end(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if b <= a:
        return None
    return Draft(doc[a].idx, tok_end(doc[b - 1]), (token.idx, tok_end(token)), source,
                  speaker_span(source), "noun")


def possessed_stance(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
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
    b = trim(doc, a, complement.right_edge.i + 1)
    if b <= a:
        return None
    return Draft(doc[a].idx, tok_end(doc[b - 1]), (token.idx, tok_end(token)), source,
                  speaker_span(source), "noun")


def stance_noun(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """ "Mrs. Clinton has been a dogged defender of the health law": a stance held as a role."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of is not None else None
    subject = speaker_of(token.head)
    if obj is None or subject is None or not can_hold_a_view(subject) and subject.lower_ not in RELATIVE_PRONOUNS:
        return None
    a, b = subtree(doc, obj)
    if b <= a:
        return None
    cue = (cue_span(token.head)[0], tok_end(of))
    return Draft(doc[a].idx, tok_end(doc[b - 1]), cue, subject, speaker_span(subject), "object")


def light_verb(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """ "made the case that …", "made it clear that …", "made a commitment to …": a light verb
    whose noun or adjective carries the speech act."""
    subject = speaker_of(token)
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
    a, b = subtree(doc, content)
    if b <= a:
        return None
    cue = (cue_span(token)[0], tok_end(cue_end))
    return Draft(doc[a].idx, tok_end(doc[b - 1]), cue, subject, speaker_span(subject), "indirect")


def stance_as(doc: Doc, token: Token, lemma: str, sent: Sent) -> Draft | None:
    """ "Voters see Clinton as the stronger candidate": a view stated as object + "as"."""
    subject = speaker_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    as_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i), None)
    if subject is None or obj is None or as_phrase is None:
        return None
    a, b = obj.left_edge.i, trim_end(doc, obj.left_edge.i, as_phrase.right_edge.i + 1)
    return Draft(doc[a].idx, tok_end(doc[b - 1]), cue_span(token), subject, speaker_span(subject), "object")


# --- the table --------------------------------------------------------------------------------

VERB_TAGS = ("VERB", "AUX")

# In order: the first rule whose ``when`` holds for a token is the only one tried on it.
CUE_RULES: tuple[CueRule, ...] = table(
    CueRule("according-to", ("according",),
            lambda t, lemma: lemma == "accord" and t.lower_ == "according", according_to),
    # Before the verb rule: "is convinced that" tags "convinced" as a participle.
    CueRule("adjective", ("indirect",),
            lambda t, lemma: (t.lower_ in CUE_ADJECTIVES or t.lower_ in STANCE_ADJECTIVES)
            and t.dep_ in ("acomp", "amod", "ROOT"), adjective),
    CueRule("speech-verb", ("indirect", "according", "parenthetical", "object", "passive"),
            lambda t, lemma: t.pos_ in VERB_TAGS and lemma in CUE_VERBS, speech_verb),
    CueRule("object-verb", ("object",),
            lambda t, lemma: t.pos_ == "VERB" and lemma in OBJECT_CUE_VERBS, object_verb),
    CueRule("cue-noun", ("noun",),
            lambda t, lemma: t.pos_ == "NOUN" and lemma in CUE_NOUNS, cue_noun),
    CueRule("possessed-stance", ("noun",),
            lambda t, lemma: t.pos_ == "NOUN" and lemma in POSSESSED_STANCE_NOUNS, possessed_stance),
    CueRule("stance-noun", ("object",),
            lambda t, lemma: t.pos_ == "NOUN" and lemma in STANCE_NOUNS and t.dep_ == "attr", stance_noun),
    CueRule("light-verb", ("indirect",),
            lambda t, lemma: t.pos_ == "VERB" and lemma in SPEECH_LIGHT_VERBS, light_verb),
    CueRule("stance-as", ("object",),
            lambda t, lemma: t.pos_ == "VERB" and lemma in STANCE_AS_VERBS, stance_as),
)
