"""The pinned spaCy pipeline is what we think it is, and loading never reaches the network."""

from __future__ import annotations

import pytest

from storyline.analyse.nlp import DEFAULT_MODEL, Analyse, load_model
from storyline.errors import ModelError
from storyline.records import Article, RawDocument


def test_default_model_is_the_pinned_en_core_web_sm() -> None:
    nlp = load_model()
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["lang"] == "en"
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert [source["name"] for source in nlp.meta["sources"]][0] == "OntoNotes 5"


def test_a_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelError, match="not installed"):
        load_model("no_such_pipeline_installed")


def test_analyse_gives_sentences_and_mentions_with_exact_offsets() -> None:
    text = "Minister Arlo Penhale arrived in Velmora on Monday. He met envoys from Castavia."
    article = Article(raw=RawDocument("t.txt", "text", text), text=text)
    (analysed,) = Analyse(DEFAULT_MODEL).process_batch([article])
    assert isinstance(analysed, Article)
    assert [s.text for s in analysed.sentences] == ["Minister Arlo Penhale arrived in Velmora on Monday.",
                                                      "He met envoys from Castavia."]
    for mention in analysed.mentions:
        assert text[mention.start:mention.end] == mention.text
    assert "Arlo Penhale" in {m.text for m in analysed.mentions}
