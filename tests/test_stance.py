"""The polarity reader on invented sentences: negation, reversal, double negation, hedges, questions."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.nlp import load_model
from storyline.analyse.stance import keyword_anchors, read_stance
from storyline.records import Issue

MEMBERSHIP = Issue("membership", "Freedonia may join the Pact",
                   ("join the Pact", "Pact membership", "membership", "enlargement", "open door"))


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def reading(nlp: Any, text: str, issue: Issue = MEMBERSHIP) -> Any:
    return read_stance(nlp(text), issue)


@pytest.mark.parametrize("text, polarity, stance", [
    ("Sylvania demands that the Pact rule out enlargement.", -1, "demand"),
    ("The Pact will not compromise on Freedonia's membership.", 1, "refuse"),
    ("There is no way the Pact can compromise on the open door.", 1, "refuse"),
    ("Sylvania opposes Pact membership for Freedonia.", -1, "oppose"),
    ("Sylvania wants an end to enlargement.", -1, "demand"),
    ("The council backed Freedonia's membership.", 1, "support"),
    ("Freedonia will join the Pact.", 1, "assess"),
    ("Freedonia will never join the Pact.", -1, "refuse"),
    ("Sylvania demanded guarantees that Freedonia will not join the Pact.", -1, "demand"),
    ("The ministers rejected calls to halt enlargement.", 1, "refuse"),
])
def test_polarity_survives_negation_and_reversal(nlp: Any, text: str, polarity: int, stance: str) -> None:
    found = reading(nlp, text)
    assert found is not None and found.asserted
    assert (found.polarity, found.stance) == (polarity, stance), found.rule


def test_a_mention_without_a_side_is_neutral(nlp: Any) -> None:
    found = reading(nlp, "The talks touched on Pact membership.")
    assert found is not None and found.polarity == 0 and found.stance == "assess"


def test_a_question_is_not_a_position(nlp: Any) -> None:
    found = reading(nlp, "Asked whether the Pact could accept a halt to enlargement, the minister smiled.")
    assert found is not None and not found.asserted


def test_a_hedge_lowers_confidence(nlp: Any) -> None:
    firm = reading(nlp, "The Pact will accept Freedonia's membership.")
    hedged = reading(nlp, "The Pact might accept Freedonia's membership.")
    assert firm and hedged and hedged.confidence < firm.confidence


def test_the_holder_is_the_stance_word_subject(nlp: Any) -> None:
    found = reading(nlp, "Sylvania demands that the Pact rule out enlargement.")
    assert found and found.holder and found.holder.text == "Sylvania"
    assert found.cue and found.cue.text == "demands"


def test_no_keyword_no_reading_and_cues_need_a_keyword(nlp: Any) -> None:
    issue = Issue("warm", "Warming is a serious concern", ("warming",), against_cues=("hoax",))
    assert read_stance(nlp("The harvest was late."), MEMBERSHIP) is None
    assert read_stance(nlp("It is a hoax."), issue) is None
    alone = read_stance(nlp("It is a hoax."), issue, require_keyword=False)
    assert alone is not None and alone.polarity == -1
    assert read_stance(nlp("Warming is a hoax."), issue).polarity == -1  # type: ignore[union-attr]


def test_offsets_index_the_document(nlp: Any) -> None:
    doc = nlp("Intro sentence. Sylvania opposes enlargement.")
    sentence = list(doc.sents)[1]
    found = read_stance(sentence, MEMBERSHIP, offset=100)
    assert found and found.anchor.start == 100 + doc.text.index("enlargement")


def test_keyword_anchors_match_lemmas_and_prefixes(nlp: Any) -> None:
    doc = nlp("Freedonia is joining the Pact and exaggerating.")
    assert keyword_anchors(list(doc), ["join the Pact"]) == [(2, 5)]
    assert keyword_anchors(list(doc), ["exaggerat*"]) == [(6, 7)]


def test_a_stored_reading_reads_as_the_parse_does(nlp: Any, tmp_path: Any) -> None:
    from storyline.analyse.stance import read_sentences, stance_on
    from storyline.builder import analyse_raw
    from storyline.records import RawDocument
    from storyline.store import Store

    text = ("Sylvania demands that the Pact rule out enlargement. "
            "The Pact will not compromise on Freedonia's membership, its chief said.")
    article = analyse_raw(RawDocument("a.txt", "text", text))
    assert len(article.stances) == 2 and article.stances == read_sentences(article.id, article.parsed)
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add(article)
        stored = list(store.stances())
        assert stored == list(article.stances)
        assert store.unread_for_stance() == []
        assert list(store.stances(lambda doc, i, text: i == 1)) == [article.stances[1]]
    readings = [stance_on(r, MEMBERSHIP) for r in stored]
    assert [(r.polarity, r.stance, r.holder.text) for r in readings] == [(-1, "demand", "Sylvania"),  # type: ignore[union-attr]
                                                                         (1, "refuse", "Pact")]
    for r in readings:  # offsets index the document's text
        assert text[r.anchor.start:r.anchor.end] == r.anchor.text  # type: ignore[union-attr]


SANCTIONS = Issue("sanctions", "Sanctions should be imposed on Sylvania", ("sanctions", "military aid"))


@pytest.mark.parametrize("text, polarity, stance", [
    ("The existing sanctions are not enough, the minister said.", 1, "assess"),  # asks for more
    ("The Council imposed new sanctions on Sylvania.", 1, "support"),  # doing it is being for it
    ("The Council announced new sanctions on Sylvania.", 1, "support"),
    ("The Council announced another $800m of military aid.", 1, "support"),
    ("Freedonia thanked the Council for the military aid.", 1, "support"),
    ("The Council must impose sanctions on Sylvania.", 1, "support"),
    ("The Council must not lift the sanctions.", 1, "demand"),  # obligation: a demand, not lifting them
    ("The minister stressed the need to increase the sanctions.", 1, "demand"),
    ("The sanctions include a ban on coal imports.", 0, "assess"),  # an object does not judge
])
def test_sufficiency_doing_and_obligation(nlp: Any, text: str, polarity: int, stance: str) -> None:
    found = read_stance(nlp(text), SANCTIONS)
    assert found is not None and found.asserted
    assert (found.polarity, found.stance) == (polarity, stance), found.rule


def test_or_not_is_no_negation(nlp: Any) -> None:
    found = reading(nlp, "The minister noted that Freedonia's membership or not depends on Freedonia.")
    assert found is not None and "not(" not in found.rule, found.rule


def test_a_possessive_keyword_matches_as_spacy_splits_it(nlp: Any) -> None:
    doc = nlp("They discussed Freedonia's membership and a no-fly zone.")
    assert keyword_anchors(list(doc), ["Freedonia's membership"]) == [(2, 5)]
    assert keyword_anchors(list(doc), ["no-fly zone"]) == [(7, 11)]


def test_the_holder_head_is_the_noun_not_its_modifier(nlp: Any) -> None:
    found = reading(nlp, "The Sylvanian parliament supports Pact membership.")
    assert found and found.holder_head and found.holder_head.text == "parliament"


WEAPONS = Issue("arms", "Freedonia should be given weapons", ("weapons", "military aid", "cease-fire", "sanctions"))


@pytest.mark.parametrize("text, polarity, holder", [
    # a judgement of harm of the proposal is a case against it, held by whoever says it
    ("The minister said a cease-fire would only legitimize the aggression.", -1, "minister"),
    ("Supplying weapons will prolong the war, the envoy warned.", -1, "envoy"),
    ("The envoy said that the more weapons are sent, the longer the conflict will last.", -1, "envoy"),
    ("The more weapons, the longer the conflict, the envoy said.", -1, "envoy"),
    ("The envoy said the sanctions were illegal.", -1, "envoy"),
    ("Proposals to impose a cease-fire would serve only to legitimize the aggression, the envoy said.", -1, "envoy"),
    ("Supplying weapons would be a step towards escalation, the envoy warned.", -1, "envoy"),
    # against a weak form of it is for a stronger one
    ("Sylvania would not agree with the passive sanctions position of some members.", 1, "Sylvania"),
    ("The Council is preparing a new package of sanctions.", 1, "Council"),
])
def test_judgements_of_a_proposal_and_of_its_weakness(nlp: Any, text: str, polarity: int, holder: str) -> None:
    found = read_stance(nlp(text), WEAPONS)
    assert found is not None and found.asserted and found.holder is not None
    assert (found.polarity, found.holder.text.split()[-1]) == (polarity, holder), found.rule


@pytest.mark.parametrize("text", [
    "The Council said the attack would legitimize new sanctions.",  # what it governs is not judged
    "The minister said a cease-fire would not end the war soon.",
])
def test_harm_words_judge_only_their_subject(nlp: Any, text: str) -> None:
    found = read_stance(nlp(text), WEAPONS)
    assert found is not None and "harms(" not in found.rule, found.rule


def test_a_harm_argues_against_a_proposal_and_for_a_concern(nlp: Any) -> None:
    text = "The minister said the drought would destabilize the region."
    proposal = Issue("drought", "Droughts should be allowed", ("drought",))
    concern = Issue("drought", "Droughts are a serious concern", ("drought",), kind="concern")
    assert read_stance(nlp(text), proposal).polarity == -1  # type: ignore[union-attr]
    assert read_stance(nlp(text), concern).polarity == 1  # type: ignore[union-attr]


def test_a_view_alone_takes_no_side_on_a_proposal(nlp: Any) -> None:
    text = "The envoy said the sanctions hit the harvest."
    proposal = Issue("sanctions", "Sanctions should be imposed", ("sanctions",))
    concern = Issue("sanctions", "Sanctions are a serious concern", ("sanctions",), kind="concern")
    assert read_stance(nlp(text), proposal).polarity == 0  # type: ignore[union-attr]
    assert read_stance(nlp(text), concern).polarity == 1  # type: ignore[union-attr]


NO_FLY = Issue("no-fly", "The Pact should close the sky", ("no-fly zone", "peace talks", "enlargement"))


@pytest.mark.parametrize("text, polarity, asserted", [
    ("The Pact will not impose a no-fly zone.", -1, True),  # the "no" of the keyword denies nothing
    ("The Pact's rejection of a no-fly zone cannot disguise the reality.", -1, True),  # held whatever is said of it
    ("Sylvania spoke out clearly against any further enlargement.", -1, True),  # "against" turns it once
    ("Do these peace talks make sense then?", 0, False),  # a question states nothing
])
def test_keyword_negators_stance_subjects_against_and_questions(nlp: Any, text: str, polarity: int,
                                                                asserted: bool) -> None:
    found = read_stance(nlp(text), NO_FLY)
    assert found is not None and (found.polarity, found.asserted) == (polarity, asserted), found.rule


def test_an_obligation_is_held_by_who_states_it_not_by_the_obliged(nlp: Any) -> None:
    alone = read_stance(nlp("The Council must maximize the sanctions pressure."), SANCTIONS)
    said = read_stance(nlp("The Council must maximize the sanctions pressure, the envoy said."), SANCTIONS)
    assert alone is not None and (alone.polarity, alone.stance, alone.holder) == (1, "demand", None)
    assert said is not None and said.holder is not None and said.holder.text == "envoy"
    must_say = read_stance(nlp("They must say tomorrow that new sanctions will come."), SANCTIONS)
    assert must_say is not None and must_say.stance == "demand"


EMBARGO = Issue("embargo", "Sanctions should be imposed on Sylvania",
                ("sanctions on Sylvania", "sanctions against Sylvania", "sanctions", "peace talks"))


@pytest.mark.parametrize("text", [
    "The Council is considering imposing sanctions on Myanmar.",
    "Ministers want to impose another round of sanctions on Belarus.",
    "Lady Mirren announced possible sanctions against Iran for an attack on Israel.",
])
def test_a_keyword_bound_to_another_state_is_another_issue(nlp: Any, text: str) -> None:
    # "sanctions on Sylvania" names the issue's target; the same keyword written with the same
    # preposition and another state is about that state
    assert read_stance(nlp(text), EMBARGO) is None


@pytest.mark.parametrize("text", [
    "The Council imposed sanctions on Sylvania and Belarus.",
    "The Council imposed sanctions against Moscow.",  # a capital is no other state
    "The Council imposed sanctions on Sylvanian banks.",
])
def test_a_keyword_bound_to_the_issues_target_stays(nlp: Any, text: str) -> None:
    found = read_stance(nlp(text), EMBARGO)
    assert found is not None and found.polarity == 1, found and found.rule


@pytest.mark.parametrize("text", [
    "Brother Anselm sees no chance of peace talks this year.",
    "Brother Anselm does not have high expectations from the peace talks.",
    "The Council is unlikely to impose sanctions on Sylvania.",
    "The Council dismissed the plan, as the two sides look no closer to peace talks.",
])
def test_a_judgement_of_likelihood_takes_no_side_on_a_proposal(nlp: Any, text: str) -> None:
    found = read_stance(nlp(text), EMBARGO)
    assert found is not None and found.polarity == 0, found.rule


def test_likelihood_keeps_its_reading_on_a_concern(nlp: Any) -> None:
    concern = Issue("drought", "Droughts are a serious concern", ("drought",), kind="concern")
    proposal = Issue("drought", "Droughts should be allowed", ("drought",))
    text = "The farmers see no chance of a drought this year."
    assert read_stance(nlp(text), concern).polarity != 0  # type: ignore[union-attr]
    assert read_stance(nlp(text), proposal).polarity == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("text, holder", [
    # a circumstance is not what the stance word above it is about
    ("Vostok Gas halted exports to Freedonia, which refused the demands, after the allies imposed sanctions.",
     "allies"),
])
def test_a_circumstance_is_read_on_its_own(nlp: Any, text: str, holder: str) -> None:
    found = read_stance(nlp(text), EMBARGO)
    assert found is not None and (found.polarity, found.stance) == (1, "support"), found.rule
    assert found.holder is not None and found.holder.text.split()[-1] == holder


def test_a_stance_word_above_a_circumstance_takes_no_side_on_it(nlp: Any) -> None:
    found = read_stance(nlp("The bank pledged to keep expanding its network after new sanctions."), EMBARGO)
    assert found is not None and found.polarity == 0 and "pledged" not in found.rule, found.rule


def test_a_stance_noun_is_held_by_the_name_after_its_from(nlp: Any) -> None:
    found = read_stance(nlp("The leaders heard a passionate call from Ambrosio for military aid."), WEAPONS)
    assert found is not None and found.holder is not None and found.holder.text == "Ambrosio"
    assert (found.polarity, found.stance) == (1, "demand")


def test_the_path_holds_the_words_climbed(nlp: Any) -> None:
    text = "Sylvania demands that the Pact rule out enlargement."
    found = read_stance(nlp(text), MEMBERSHIP)
    assert found is not None
    assert [text[s:e] for s, e in found.path] == ["enlargement", "rule", "demands"]


def test_have_to_and_need_to_are_held_by_who_states_them(nlp: Any) -> None:
    alone = read_stance(nlp("The Pact would have to respond by imposing a no-fly zone."), NO_FLY)
    assert alone is not None and alone.holder is None, alone.rule
    need = read_stance(nlp("The Council would need to tighten sanctions on Sylvania."), EMBARGO)
    assert need is not None and need.holder is None and need.polarity == 1, need.rule
    said = read_stance(nlp("The Council would need to tighten sanctions on Sylvania, the envoy said."), EMBARGO)
    assert said is not None and said.holder is not None and said.holder.text == "envoy", said.rule
    wants = read_stance(nlp("Freedonia needs more sanctions on Sylvania."), EMBARGO)  # no infinitive: its own
    assert wants is not None and wants.holder is not None and wants.holder.text == "Freedonia", wants.rule


def test_chains_read_through_shared_steps_are_those_read_alone(nlp: Any) -> None:
    # every chain of a sentence shares the steps near its root (_StepMemo): sharing them must not
    # change what any one chain reads
    from storyline.analyse import stance

    doc = nlp("The envoy said that Sylvania would never accept a halt to enlargement, whatever the Pact decides.")
    in_span = frozenset(t.i for t in doc)
    shared = stance._StepMemo(doc, in_span)
    for token in doc:
        assert stance._chain(token, shared) == stance._chain(token, stance._StepMemo(doc, in_span))


def test_each_step_is_read_once_per_sentence(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # a step is read at its token seen from where a chain starts or from one of its children: at
    # most twice per token, not once per chain through it
    from storyline.analyse import stance

    read: list[tuple[int, int | None]] = []
    original = stance._read_step
    monkeypatch.setattr(stance, "_read_step", lambda token, came_from, span: read.append(
        (token.i, came_from.i if came_from is not None else None)) or original(token, came_from, span))
    doc = nlp("Sylvania demanded guarantees that the Pact would rule out enlargement and never admit Freedonia.")
    stance.read_sentence(doc)
    assert len(read) == len(set(read)) <= 2 * len(doc)
