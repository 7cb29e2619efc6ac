"""The parse walks of storyline.analyse.syntax, on parses built by hand (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.analyse.lexicon.grammar import ACTIVE_SUBJECT_DEPS, FUTURE_AUX_STRAIGHT, PASSIVE_SUBJECT_DEPS
from storyline.analyse.syntax import auxiliaries, climb, first_child, head_chain, is_root, subject_of, tense


VOCAB = spacy.blank("en").vocab  # lexical attributes (lower_) without a model


def parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str] | None = None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags or [""] * len(words))


def said_it_would_attack() -> Doc:
    # Russia said it would attack on Friday .
    return parse(
        ["Russia", "said", "it", "would", "attack", "on", "Friday", "."],
        [1, 1, 4, 4, 1, 4, 5, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        ["NNP", "VBD", "PRP", "MD", "VB", "IN", "NNP", "."],
    )


def test_head_chain_goes_up_to_the_root_or_the_bound() -> None:
    doc = said_it_would_attack()
    assert [t.text for t in head_chain(doc[6], 5)] == ["Friday", "on", "attack", "said"]
    assert [t.text for t in head_chain(doc[6], 1)] == ["Friday", "on"]
    assert [t.text for t in head_chain(doc[6], 0)] == ["Friday"]
    assert is_root(doc[1]) and not is_root(doc[4])


def test_head_chain_stops_before_leaving_a_token_through_refuses() -> None:
    doc = said_it_would_attack()
    chain = head_chain(doc[6], 5, through=lambda t: t.dep_ != "prep")
    assert [t.text for t in chain] == ["Friday", "on"]


def test_climb_finds_the_nearest_head_above_not_the_token_itself() -> None:
    doc = said_it_would_attack()
    is_verb = lambda t: t.pos_ == "VERB"  # noqa: E731
    assert climb(doc[6], is_verb, 2).text == "attack"
    assert climb(doc[6], is_verb, 1) is None  # the bound comes first
    assert climb(doc[4], is_verb, 3).text == "said"
    assert climb(doc[1], is_verb, 3) is None  # the root has nothing above
    assert climb(doc[6], is_verb, 3, through=lambda t: t.dep_ != "prep") is None


def test_subject_of_reads_the_labels_the_caller_names() -> None:
    doc = said_it_would_attack()
    assert subject_of(doc[1]).text == "Russia"
    assert subject_of(doc[4], ACTIVE_SUBJECT_DEPS).text == "it"
    assert subject_of(doc[4], PASSIVE_SUBJECT_DEPS) is None
    assert first_child(doc[5], frozenset({"pobj"})).text == "Friday"


def test_auxiliaries_of_a_conjunct_are_its_heads_when_asked() -> None:
    # They will meet and discuss .
    doc = parse(["They", "will", "meet", "and", "discuss", "."], [2, 2, 2, 2, 2, 2],
                ["nsubj", "aux", "ROOT", "cc", "conj", "punct"], ["PRON", "AUX", "VERB", "CCONJ", "VERB", "PUNCT"],
                ["PRP", "MD", "VB", "CC", "VB", "."])
    assert auxiliaries(doc[4]) == []
    assert [a.text for a in auxiliaries(doc[4], shared_by_conjuncts=True)] == ["will"]
    assert tense(doc[2], auxiliaries(doc[2])) == "future"


def test_tense_reads_future_before_perfect_before_past_before_present() -> None:
    # we ’ll have met / she has met / she met / she meets / to meet
    doc = parse(["we", "’ll", "have", "met"], [3, 3, 3, 3], ["nsubj", "aux", "aux", "ROOT"],
                ["PRON", "AUX", "AUX", "VERB"], ["PRP", "MD", "VB", "VBN"])
    assert tense(doc[3], auxiliaries(doc[3])) == "future"
    assert tense(doc[3], auxiliaries(doc[3]), future=FUTURE_AUX_STRAIGHT) == "perfect"  # a spelling not read
    cases = {("has", "VBZ", "VBN"): "perfect", ("did", "VBD", "VB"): "past", ("does", "VBZ", "VB"): "present",
             ("to", "TO", "VB"): None}
    for (aux, aux_tag, verb_tag), expected in cases.items():
        doc = parse(["she", aux, "meet"], [2, 2, 2], ["nsubj", "aux", "ROOT"], ["PRON", "AUX", "VERB"],
                    ["PRP", aux_tag, verb_tag])
        assert tense(doc[2], auxiliaries(doc[2])) == expected, aux
