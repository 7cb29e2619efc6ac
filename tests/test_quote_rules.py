"""The quote package's rule tables, its cue-less pass and its speaker interface.

The tables are configuration: their order decides which rule reads a token, so the order and the
names are pinned here, and every rule must say how precise its evidence is.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.entities import extract_mentions
from storyline.analyse.nlp import load_model
from storyline.analyse.quotes import cues, extract_quotes
from storyline.analyse.quotes.cueless import FRAME_RULES, LINE_RULES, OWN_CUE_RULES, SegmentRule
from storyline.analyse.quotes.drafts import attach_segments, widen
from storyline.analyse.quotes.marks import quote_segments
from storyline.analyse.text import paragraphs
from storyline.analyse.quotes.rules import PRECISION, Draft, table
from storyline.analyse.references import DocumentReferences, Reference, SpeakerPhrase
from storyline.analyse.text import doc_text, sentence_ranges
from storyline.records import Span

ALL_TABLES = {"cue": cues.CUE_RULES, "own-cue": OWN_CUE_RULES, "frame": FRAME_RULES, "line": LINE_RULES}


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def test_the_cue_table_keeps_the_order_of_the_old_dispatch() -> None:
    # "adjective" before "speech-verb": "is convinced that" tags "convinced" as a participle.
    assert [r.name for r in cues.CUE_RULES] == [
        "according-to", "adjective", "speech-verb", "object-verb", "cue-noun", "possessed-stance",
        "stance-noun", "light-verb", "stance-as"]


def test_the_segment_and_line_tables() -> None:
    assert [r.name for r in OWN_CUE_RULES] == ["transcript", "cue-after"]
    assert [r.name for r in FRAME_RULES] == ["cue-before", "dash-signature", "quoting-clause"]
    assert [r.name for r in LINE_RULES] == ["headline"]


@pytest.mark.parametrize("name", list(ALL_TABLES))
def test_every_rule_has_a_measured_precision(name: str) -> None:
    for rule in ALL_TABLES[name]:
        assert rule.yields and set(rule.precision) == set(rule.yields), rule.name
        assert all(0 < p <= 1 for p in rule.precision.values()), rule.name


def test_every_precision_says_where_it_comes_from() -> None:
    for kind, precision in PRECISION.items():
        assert precision.evidence and ("PolNeAR" in precision.measured or "hand-set" in precision.measured), kind


def test_rule_names_are_unique_across_tables() -> None:
    names = [r.name for rules in ALL_TABLES.values() for r in rules]
    assert len(names) == len(set(names))


def test_the_precisions_are_the_measured_values() -> None:
    assert cues.CUE_RULES[2].precision == {"indirect": 0.66, "according": 0.77, "parenthetical": 0.47,
                                           "object": 0.48, "passive": 0.40}
    assert {k: p.value for k, p in PRECISION.items()} == {
        "direct": 0.86, "mixed": 0.72, "according": 0.77, "indirect": 0.66, "headline": 0.70, "object": 0.48,
        "parenthetical": 0.47, "noun": 0.43, "passive": 0.40, "transcript": 0.5, "continuation": 0.49}


def test_a_table_refuses_a_rule_twice_or_one_without_a_precision() -> None:
    def never(*_: Any) -> None:
        return None

    with pytest.raises(ValueError, match="twice"):
        table(SegmentRule("a", ("direct",), never), SegmentRule("a", ("mixed",), never))
    with pytest.raises(ValueError, match="no precision"):
        table(SegmentRule("b", ("hunch",), never))
    with pytest.raises(ValueError, match="yields nothing"):
        table(SegmentRule("c", (), never))


def test_the_first_matching_cue_rule_is_the_only_one_tried(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = nlp("Anna Varga said that the talks had failed.")
    sents = sentence_ranges(doc)
    assert cues.cue_drafts(doc, [], sents)
    tried: list[str] = []

    def claims_everything(doc: Any, token: Any, lemma: str, sent: Any) -> Draft | None:
        tried.append(token.text)
        return None

    first = cues.CueRule("claims-everything", ("indirect",), lambda t, lemma: True, claims_everything)
    monkeypatch.setattr(cues, "CUE_RULES", (first, *cues.CUE_RULES))
    assert cues.cue_drafts(doc, [], sents) == []
    assert tried == [t.text for t in doc]


def test_the_cueless_pass_returns_new_drafts_and_leaves_its_input_alone(nlp: Any) -> None:
    doc = nlp("“We will not sign this treaty,” Anna Varga said. “Not this year, and not the next.”")
    text = doc_text(doc)
    segments = quote_segments(text, paragraphs(text))
    sents = sentence_ranges(doc)
    drafts = [widen(d, segments) for d in cues.cue_drafts(doc, segments, sents)]
    given = list(drafts)
    out = attach_segments(doc, segments, drafts, sents)
    assert drafts == given and len(drafts[0].segments) == 1  # the input as it was
    assert len(out) == 1 and out[0].segments == (*drafts[0].segments, segments[1])  # grown over “Not …”
    assert out[0].end == segments[1].end and out[0] is not drafts[0]


def test_speakers_in_references_out(nlp: Any) -> None:
    doc = nlp("The talks failed, Anna Varga said on Monday.")
    mentions = extract_mentions("t", doc)
    head = next(t for t in doc if t.text == "Varga")
    (reference,) = DocumentReferences(doc, mentions).speakers([SpeakerPhrase((doc[4].idx, head.idx + 5), head)])
    assert isinstance(reference, Reference) and reference.rule == "named"
    assert reference.mention == Span(doc[4].idx, head.idx + 5, "Anna Varga") == reference.antecedent


def test_gender_is_learnt_from_the_pronouns_resolved_to_a_person(nlp: Any) -> None:
    """The text gives Kiri Tallow no gender; one "He" and one "She" resolve to Tallow at first,
    a tie, which the first of them breaks: Tallow is male, so "She" is not Tallow. Read alone,
    "She" would be."""
    doc = nlp("Kiri Tallow met reporters on Monday. He said the talks had failed. She said nothing would change.")
    mentions = extract_mentions("t", doc)
    he, she = (SpeakerPhrase((t.idx, t.idx + len(t)), t) for t in doc if t.lower_ in ("he", "she"))
    in_order = DocumentReferences(doc, mentions).speakers([he, she])
    assert [r.rule for r in in_order] == ["pronoun", "unresolved"]
    assert in_order[0].antecedent is not None and in_order[0].antecedent.text == "Kiri Tallow"
    alone = DocumentReferences(doc, mentions).speakers([she])
    assert alone[0].rule == "pronoun" and alone[0].antecedent is not None
    assert alone[0].antecedent.text == "Kiri Tallow"
    quotes = extract_quotes("t", doc, mentions)
    assert [q.resolution for q in quotes] == ["pronoun", "unresolved"]


def test_the_pronouns_resolved_to_a_person_decide_their_gender_by_majority(nlp: Any) -> None:
    doc = nlp("Kiri Tallow met reporters on Monday. He said the talks had failed. "
              "She said nothing would change. She added that the vote was close.")
    mentions = extract_mentions("t", doc)
    phrases = [SpeakerPhrase((t.idx, t.idx + len(t)), t) for t in doc if t.lower_ in ("he", "she")]
    he, she, she_again = DocumentReferences(doc, mentions).speakers(phrases)
    assert he.rule == "unresolved"
    assert she.antecedent is not None and she.antecedent.text == "Kiri Tallow"
    assert she_again.antecedent is not None and she_again.antecedent.text == "Kiri Tallow"


def test_references_do_not_depend_on_the_order_phrases_are_given_in(nlp: Any) -> None:
    """The resolver reads the phrases in text order whatever order they come in: "He" still
    teaches that Kiri Tallow is male when "She" is asked about first."""
    doc = nlp("Kiri Tallow met reporters on Monday. He said the talks had failed. She said nothing would change.")
    mentions = extract_mentions("t", doc)
    he, she = (SpeakerPhrase((t.idx, t.idx + len(t)), t) for t in doc if t.lower_ in ("he", "she"))
    forward = DocumentReferences(doc, mentions).speakers([he, she])
    backward = DocumentReferences(doc, mentions).speakers([she, he])
    assert backward == forward[::-1]
    assert [r.rule for r in backward] == ["unresolved", "pronoun"]
