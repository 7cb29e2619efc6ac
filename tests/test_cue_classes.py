"""Cue classes: what each quote reports (speech, stance, cognition, perception), on invented
sentences, and the lexicon's promise that every cue word has a class."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.entities import extract_mentions
from storyline.analyse.lexicon.cues import CUE_ADJECTIVES, CUE_NOUNS, CUE_WORD_CLASSES, LIGHT_NOUNS, STANCE_ADJECTIVES
from storyline.analyse.lexicon.verbs import CUE_CLASS_NAMES, CUE_CLASSES, VERBS, cue_classes
from storyline.analyse.nlp import load_model
from storyline.analyse.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def classes(nlp: Any, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {q.cue.text if q.cue else "": q.cue_class for q in extract_quotes("t", doc, extract_mentions("t", doc))}


def test_every_cue_verb_and_word_has_a_class() -> None:
    cue_verbs = {lemma for lemma, tags in VERBS.items() if tags & {"cue", "object", "as", "intro", "light"}}
    assert cue_verbs <= set(CUE_CLASSES)
    assert CUE_NOUNS | CUE_ADJECTIVES | STANCE_ADJECTIVES | LIGHT_NOUNS <= set(CUE_WORD_CLASSES)
    assert set(CUE_CLASSES.values()) | set(CUE_WORD_CLASSES.values()) <= set(CUE_CLASS_NAMES)


def test_a_word_in_two_classes_is_refused() -> None:
    with pytest.raises(ValueError):
        cue_classes({"speech": "say", "stance": "say"})
    with pytest.raises(ValueError):
        cue_classes({"gossip": "murmur"})


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ("“We will not give up,” Anna Varga said.", "said", "speech"),
    ("Tomas Berg told reporters that the talks had failed.", "told", "speech"),
    ("Anna Varga added that the budget was balanced.", "added", "speech"),
    ("Tomas Berg announced that the plant would close in May.", "announced", "speech"),
    ("“It is over,” Anna Varga insisted.", "insisted", "speech"),
    ("Tomas Berg believes that the vote was rigged.", "believes", "cognition"),
    ("Anna Varga thinks the mayor will resign.", "thinks", "cognition"),
    ("Tomas Berg knows that the bridge is unsafe.", "knows", "cognition"),
    ("The study found that most voters trust the courts.", "found", "perception"),
    ("A new poll showed that the race is tight.", "showed", "perception"),
    ("Anna Varga decided to run for mayor.", "decided", "stance"),
    ("Tomas Berg declined to comment on the deal.", "declined", "stance"),
    ("Anna Varga demanded that the council resign.", "demanded", "stance"),
])
def test_class_of_the_cue_word(nlp: Any, text: str, cue: str, expected: str) -> None:
    assert classes(nlp, text)[cue] == expected


def test_a_speech_verb_with_an_infinitive_or_object_reports_a_stance(nlp: Any) -> None:
    # "promised that …" reports words; "promised to …" and "called for …" report what was pledged
    # or asked for
    assert classes(nlp, "Anna Varga promised that taxes would fall.")["promised"] == "speech"
    assert classes(nlp, "Anna Varga promised to cut taxes for families.")["promised"] == "stance"
    assert classes(nlp, "Tomas Berg called for a ceasefire in the region.")["called for"] == "stance"


def test_a_quotation_stays_speech_whatever_the_parse(nlp: Any) -> None:
    assert classes(nlp, "“Cut the taxes now,” Anna Varga promised.")["promised"] == "speech"


def test_a_quote_with_no_cue_word_is_speech(nlp: Any) -> None:
    found = classes(nlp, "“The river is rising and the town is not ready.” ― Tomas Berg\n\nMore letters follow.")
    assert set(found.values()) == {"speech"}
