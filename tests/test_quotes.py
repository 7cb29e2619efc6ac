"""Quote extraction: hand-written sentences per pattern, then golden checks on the sample corpus.

The unit sentences use invented names. The golden tests read the five seed articles at run time
and check that every direct quote there is found with the right speaker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.analyse.entities import extract_mentions
from storyline.analyse.nlp import load_model
from storyline.analyse.quotes import extract_quotes
from storyline.analyse.quotes.marks import quote_segments
from storyline.analyse.text import paragraphs
from storyline.records import Quote

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def quotes_of(nlp: Any, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes("t", doc, extract_mentions("t", doc))


def only(quotes: tuple[Quote, ...], cue: str) -> Quote:
    found = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert len(found) == 1, [(q.cue, q.text) for q in quotes]
    return found[0]


def assert_offsets(text: str, quotes: tuple[Quote, ...]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.cue, q.speaker, q.speaker_ref):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0.0 <= q.confidence <= 1.0


# --- direct quotes ------------------------------------------------------------------------------


def test_direct_quote_before_cue(nlp: Any) -> None:
    text = "“We will not give up on the talks,” Marta Kovalenko said on Monday."
    q = only(quotes_of(nlp, text), "said")
    assert q.kind == "direct"
    assert q.text.startswith("“We will not give up") and q.text.endswith("”")
    assert q.speaker is not None and q.speaker.text == "Marta Kovalenko"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Marta Kovalenko"
    assert q.resolution == "named"
    assert_offsets(text, (q,))


def test_direct_quote_after_colon_spanning_sentences(nlp: Any) -> None:
    text = 'Piet Vandersloot said: "The border stays open. Nobody will close it."'
    q = only(quotes_of(nlp, text), "said")
    assert q.kind == "direct"
    assert q.text == '"The border stays open. Nobody will close it."'
    assert q.speaker_ref is not None and q.speaker_ref.text == "Piet Vandersloot"


def test_inverted_cue(nlp: Any) -> None:
    q = only(quotes_of(nlp, "“The harbour will reopen soon,” said Ilse Marbach."), "said")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Ilse Marbach"


def test_quote_closed_by_dash(nlp: Any) -> None:
    text = "Greta Holm, the trade minister, spoke in Oslo.\n\n“The plan is dead” – she said."
    q = only(quotes_of(nlp, text), "said")
    assert q.text == "“The plan is dead”"
    assert q.speaker is not None and q.speaker.text == "she"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Greta Holm"
    assert q.resolution == "pronoun"


def test_missing_closing_quote_runs_to_paragraph_end(nlp: Any) -> None:
    text = "Anna Varga said: “We have no plan to leave the city and will stay.\n\nThe vote is on Friday."
    q = only(quotes_of(nlp, text), "said")
    assert q.kind == "direct"
    assert q.text == "“We have no plan to leave the city and will stay."
    assert q.repair is not None and "closing" in q.repair


def test_missing_opening_quote(nlp: Any) -> None:
    text = "Rolf Ekdahl spoke briefly.\n\nThe ceasefire must hold for a week,” Rolf Ekdahl said."
    q = only(quotes_of(nlp, text), "said")
    assert q.text == "The ceasefire must hold for a week,”"
    assert q.repair is not None and "opening" in q.repair


def test_second_quote_introduced_by_he_added(nlp: Any) -> None:
    text = (
        "“We are ready for talks,” Tomasz Wierzbicki said.\n\n"
        "“But we will not accept threats,” he added."
    )
    quotes = quotes_of(nlp, text)
    added = only(quotes, "added")
    assert added.kind == "direct"
    assert added.speaker_ref is not None and added.speaker_ref.text == "Tomasz Wierzbicki"
    assert_offsets(text, quotes)


def test_interrupted_quote_is_one_statement(nlp: Any) -> None:
    text = "“We tried,” Hanna Lind said. “We really did.”"
    q = only(quotes_of(nlp, text), "said")
    assert q.text == text and q.kind == "direct"


# --- mixed and indirect -------------------------------------------------------------------------


def test_mixed_quote(nlp: Any) -> None:
    text = 'Lena Brandt pledged to engage with the union "in good faith and on substance" next week.'
    q = only(quotes_of(nlp, text), "pledged")
    assert q.kind == "mixed"
    assert '"in good faith and on substance"' in q.text


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Karl Meier said that the plan had failed.", "said", "that the plan had failed"),
        ("Karl Meier said the plan had failed.", "said", "the plan had failed"),
        ("Karl Meier stressed that the plan had failed.", "stressed", "that the plan had failed"),
        ("Karl Meier noted that the plan had failed.", "noted", "that the plan had failed"),
        ("Karl Meier reiterated that the plan had failed.", "reiterated", "that the plan had failed"),
        ("Karl Meier pointed out that the plan had failed.", "pointed out", "that the plan had failed"),
        ("Karl Meier warned that the plan had failed.", "warned", "that the plan had failed"),
        ("Karl Meier stated that the plan had failed.", "stated", "that the plan had failed"),
        ("Karl Meier denied that the plan had failed.", "denied", "that the plan had failed"),
        ("Karl Meier insisted that the plan had failed.", "insisted", "that the plan had failed"),
        ("Karl Meier told reporters that the plan had failed.", "told", "that the plan had failed"),
        ("Karl Meier accused the council of wasting money.", "accused", None),
        # The object an infinitive is about is part of its content, as PolNeAR marks it.
        ("Karl Meier urged supporters to watch the polling places.", "urged", "supporters to watch the polling places"),
        ("Karl Meier asked the council to delay the vote.", "asked", "the council to delay the vote"),
        ("Karl Meier pledged to delay the vote.", "pledged", "to delay the vote"),
    ],
)
def test_indirect_speech_verbs(nlp: Any, sentence: str, cue: str, content: str | None) -> None:
    quotes = quotes_of(nlp, sentence)
    q = only(quotes, cue)
    assert q.kind == "indirect"
    if content is not None:
        assert q.text == content
    assert q.speaker_ref is not None and q.speaker_ref.text == "Karl Meier"
    assert_offsets(sentence, quotes)


def test_according_to(nlp: Any) -> None:
    q = only(quotes_of(nlp, "According to Tomas Reed, the deal is off."), "According to")
    assert q.text == "the deal is off" and q.speaker is not None and q.speaker.text == "Tomas Reed"


def test_is_convinced_that(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Tomas Reed is convinced that the deal is off.")
    assert any(q.text == "that the deal is off" and q.speaker_ref and q.speaker_ref.text == "Tomas Reed" for q in quotes)


def test_parenthetical_cue_and_adding_that(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The budget is wrong, Tomas Reed said, adding that cuts were needed.")
    said, adding = only(quotes, "said"), only(quotes, "adding")
    assert said.text == "The budget is wrong"
    assert adding.text == "that cuts were needed"
    assert adding.speaker_ref is not None and adding.speaker_ref.text == "Tomas Reed"


def test_organisations_speak(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Washington assured Moscow that it would not deploy missiles. The Kremlin said that it was not convinced.")
    assured = only(quotes, "assured")
    assert assured.speaker_ref is not None and assured.speaker_ref.text == "Washington"
    kremlin = only(quotes, "said")
    assert kremlin.speaker is not None and kremlin.speaker.text == "The Kremlin"


# --- speakers -----------------------------------------------------------------------------------


def test_pronoun_follows_gender(nlp: Any) -> None:
    text = "Maria Olsen met John Baker in Geneva on Tuesday. She said that the meeting had been useful."
    q = only(quotes_of(nlp, text), "said")
    assert q.speaker_ref is not None and q.speaker_ref.text == "Maria Olsen"
    assert q.resolution == "pronoun"


def test_role_title_resolves_to_earlier_person(nlp: Any) -> None:
    text = (
        "Alliance Secretary General Arne Falkvik met ministers in Vienna.\n\n"
        "The Secretary General said that the alliance would stay united."
    )
    q = only(quotes_of(nlp, text), "said")
    assert q.resolution == "role-title"
    assert q.speaker_ref is not None and q.speaker_ref.text.endswith("Falkvik")


def test_unresolved_speaker_stays_visible(nlp: Any) -> None:
    q = only(quotes_of(nlp, "The spokesman said that the talks would continue."), "said")
    assert q.speaker is not None and q.speaker.text == "The spokesman"
    assert q.speaker_ref is None and q.resolution == "unresolved"


def test_scare_quotes_alone_are_not_quotes(nlp: Any) -> None:
    assert quotes_of(nlp, "The country faces “tough” sanctions after the vote.") == ()


def test_confidence_orders_rules(nlp: Any) -> None:
    direct = only(quotes_of(nlp, "“We will win,” Ola Berg said."), "said")
    unresolved = only(quotes_of(nlp, "The official said that they would win."), "said")
    assert direct.confidence > unresolved.confidence


# --- golden: the sample corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, tuple[Quote, ...]]]:
    from storyline.builder import analyse_raw
    from storyline.records import RawDocument

    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = analyse_raw(RawDocument(path.name, "text", path.read_text(encoding="utf-8")))
        assert article.text is not None
        out[path.name[:3]] = (article.text, extract_quotes(article.id, article.parsed, article.mentions))
    return out


def find(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r}"
    return found[0]


def ref(q: Quote) -> str:
    assert q.speaker_ref is not None, q
    return q.speaker_ref.text


def test_golden_offsets(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    for text, quotes in seeds.values():
        assert_offsets(text, quotes)


def test_golden_stoltenberg_he_added(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    q = find(seeds["000"][1], "Therefore, we call on Russia")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "he"
    assert "Stoltenberg" in ref(q)


def test_golden_misspelled_indirect(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    q = find(seeds["000"][1], "they had not seen any indications")
    assert q.kind == "indirect" and ref(q) in ("Stoltberg", "Stoltenberg", "Jens Stoltenberg")


def test_golden_psaki_quotes(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    quotes = seeds["002"][1]
    first = find(quotes, "It is still too early to say")
    second = find(quotes, "NATO’s relationship with Ukraine")
    assert ref(first) == "Jen Psaki" and ref(second) == "Jen Psaki"
    assert second.speaker is not None and second.speaker.text == "she"


def test_golden_peskov_and_stoltenberg(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    quotes = seeds["002"][1]
    assert "Peskov" in ref(find(quotes, "The situation has reached a critical point"))
    assert "Stoltenberg" in ref(find(quotes, "The talks were not easy"))


def test_golden_stefanishyna_dash(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    q = find(seeds["004"][1], "I intend to convey to our partners")
    assert q.kind == "direct" and "Stefanishyna" in ref(q)


def test_golden_stoltenberg_dash(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    q = find(seeds["004"][1], "We continue to provide support for Ukraine")
    assert q.kind == "direct" and "Stoltenberg" in ref(q)


def test_golden_macron_colon(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    q = find(seeds["003"][1], "Dialogue does not mean")
    assert q.kind == "direct" and "Macron" in ref(q)
    assert q.cue is not None and q.cue.text.startswith("called")


def test_golden_alliance_chief_and_direct_quotes(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    quotes = seeds["003"][1]
    assert "Stoltenberg" in ref(find(quotes, "We must also be prepared for the possibility"))
    chief = [q for q in quotes if q.speaker is not None and q.speaker.text == "The alliance chief"]
    assert chief and "Stoltenberg" in ref(chief[0]) and chief[0].resolution == "role-title"


def test_golden_every_direct_quote_has_a_speaker(seeds: dict[str, tuple[str, tuple[Quote, ...]]]) -> None:
    for name, (_, quotes) in seeds.items():
        for q in quotes:
            if q.kind == "direct":
                assert q.speaker is not None, (name, q.text)
                # Only a speaker that names nobody ("ministers") may stay unresolved.
                if q.speaker_ref is None:
                    assert q.resolution == "unresolved" and q.speaker.text.islower(), (name, q.text)


# --- property: the quote-mark scanner on arbitrary input ----------------------------------------

_PIECES = st.sampled_from(["“", "”", '"', "''", "word", " ", ",", ".", "\n", "\n\n", "–", "said", "He"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_quote_scanner_segments_stay_inside_their_paragraph(text: str) -> None:
    ranges = paragraphs(text)
    for seg in quote_segments(text, ranges):
        p_start, p_end = ranges[seg.paragraph]
        assert p_start <= seg.start < seg.end <= p_end


@settings(max_examples=15, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_extract_quotes_offsets_hold_on_arbitrary_text(text: str) -> None:
    nlp = load_model()
    assert_offsets(text, quotes_of(nlp, text))


def test_cue_after_quote_behind_a_long_speaker_phrase(nlp: Any) -> None:
    text = ("“The harbour will reopen soon,” Ilse Marbach, the port authority's director and a former "
            "harbour pilot who has run the docks for a decade, said on Monday.")
    q = only(quotes_of(nlp, text), "said")
    assert q.kind == "direct" and q.text == "“The harbour will reopen soon,”"
    assert q.speaker is not None and q.speaker.text.startswith("Ilse Marbach")


def test_participle_cue_on_a_noun_names_the_noun_as_source(nlp: Any) -> None:
    text = "Priebus spoke after a new poll showing that Varga had lost ground among young voters."
    q = only(quotes_of(nlp, text), "showing")
    assert q.speaker is not None and q.speaker.text == "a new poll"
    assert q.text == "that Varga had lost ground among young voters"


def test_sentence_ranges_match_spacy(nlp: Any) -> None:
    from storyline.analyse.text import sentence_ranges

    doc = nlp("Anna Varga spoke first. Then the minister said talks had failed.\n\nNobody answered.")
    ranges = sentence_ranges(doc)
    assert len(ranges) == len(doc)
    assert all((ranges[t.i].start, ranges[t.i].end) == (t.sent.start, t.sent.end) for t in doc)


# --- quote introducers, signatures, subheads, stance objects -------------------------------------


def test_quote_after_a_continuing_verb(nlp: Any) -> None:
    text = "Lena Morrow spoke for an hour.\n\nMorrow continued: “We will not sign this treaty.”"
    q = only(quotes_of(nlp, text), "continued")
    assert q.kind == "direct" and q.text == "“We will not sign this treaty.”"
    assert q.speaker is not None and q.speaker.text == "Morrow"


def test_inverted_cue_before_a_quote(nlp: Any) -> None:
    text = "Said Okafor: “Nobody in this valley trusts the new dam plan.”"
    q = only(quotes_of(nlp, text), "Said")
    assert q.speaker is not None and q.speaker.text == "Okafor"
    assert q.text.startswith("“Nobody")


def test_quote_signed_with_a_dash(nlp: Any) -> None:
    text = "“The river used to be clean, and the town grew around it.” ― Tilda Marsh\n\nMore letters follow."
    q = only(quotes_of(nlp, text), "―")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Tilda Marsh"
    assert_offsets(text, (q,))


def test_sentence_final_quote_does_not_borrow_the_next_sentence_cue(nlp: Any) -> None:
    text = ("Mayor Ida Brandt said the answer “is a question of timing.” Governor Paul Wren said "
            "it would be improper to comment on the report.")
    quotes = quotes_of(nlp, text)
    wren = [q for q in quotes if q.speaker is not None and q.speaker.text == "Governor Paul Wren"]
    assert len(wren) == 1 and wren[0].text.startswith("it would be improper")
    assert all("timing" not in q.text for q in wren)


def test_subhead_naming_its_speaker(nlp: Any) -> None:
    text = ("Farm votes split the county.\n\nSome background on the vote follows here.\n\n"
            "Harald Quist: The county needs a new bridge before winter.\n\nMore text follows.")
    heads = [q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == ":"]
    assert [q.text for q in heads] == ["The county needs a new bridge before winter."]
    assert heads[0].speaker is not None and heads[0].speaker.text == "Harald Quist"


def test_stance_object_takes_what_it_is_about(nlp: Any) -> None:
    text = "Senator Noor Haddad attacked Governor Pell for his vote on the water bill."
    q = only(quotes_of(nlp, text), "attacked")
    assert q.text == "Governor Pell for his vote on the water bill"


@pytest.mark.parametrize("text, cue, content", [
    ("Mayor Tova Renn expressed support for the new tram line on Tuesday.", "expressed support for", "the new tram line"),
    ("Several council members voiced misgivings about the harbour plan.", "voiced misgivings about", "the harbour plan"),
])
def test_a_stance_noun_after_a_voicing_verb_is_part_of_the_cue(nlp: Any, text: str, cue: str, content: str) -> None:
    q = only(quotes_of(nlp, text), cue)
    assert q.cue is not None and q.cue.text == cue
    assert q.text == content


def test_a_noun_a_verb_is_about_stays_in_the_content(nlp: Any) -> None:
    # "cited" is not a voicing verb: the criticism itself is what was cited.
    text = "Mayor Tova Renn cited criticism of the harbour plan in her speech."
    q = only(quotes_of(nlp, text), "cited")
    assert q.text.startswith("criticism of the harbour plan")


def test_said_with_a_fronted_time_phrase(nlp: Any) -> None:
    text = "Ruth Abara said after the meeting she would not run for the council again."
    q = only(quotes_of(nlp, text), "said")
    assert q.kind == "indirect" and q.text.startswith("she would not run")


def test_cue_closing_its_sentence_after_a_comma(nlp: Any) -> None:
    text = "A cyclist was hurt near the old harbour bridge on Sunday, police said."
    q = only(quotes_of(nlp, text), "said")
    assert q.text == "A cyclist was hurt near the old harbour bridge on Sunday"
    assert q.speaker is not None and q.speaker.text == "police"


def test_light_verb_constructions(nlp: Any) -> None:
    q = only(quotes_of(nlp, "Mona Pike made it clear to the committee that she has their backs."), "made it clear")
    assert q.text == "that she has their backs" and q.speaker is not None and q.speaker.text == "Mona Pike"
    q = only(quotes_of(nlp, "They have made the case that she is too close to the banks."), "have made the case")
    assert q.text == "that she is too close to the banks"


def test_calling_for_someone_to_act(nlp: Any) -> None:
    q = only(quotes_of(nlp, "Ted Rowan is calling for some of his rivals to drop out."), "is calling")
    assert q.text == "some of his rivals to drop out"


def test_lemmatiser_slips_do_not_hide_cues(nlp: Any) -> None:
    q = only(quotes_of(nlp, "Ada Quell was hoping that the vote would pass."), "was hoping")
    assert q.text == "that the vote would pass"


def test_time_stamp_above_the_paragraph_is_not_the_speaker(nlp: Any) -> None:
    text = "The Latest on the county race (all times local):\n\n12:15 p.m.\nLiam Osei says the bridge vote was rigged."
    q = only(quotes_of(nlp, text), "says")
    assert q.speaker is not None and q.speaker.text == "Liam Osei"
    assert q.text == "the bridge vote was rigged"


def test_participle_cue_with_its_own_object(nlp: Any) -> None:
    text = "Senator Vera Holt criticised the new toll plan on Wednesday, calling it a tax on commuters."
    q = only(quotes_of(nlp, text), "calling")
    assert q.text == "it a tax on commuters"
    assert q.speaker is not None and q.speaker.text == "Senator Vera Holt"


def test_clause_after_the_cue_wins_over_a_clause_before_it(nlp: Any) -> None:
    text = "She didn't show much regret that her aides had spread the rumour; more so, she said that the paper had."
    q = only(quotes_of(nlp, text), "said")
    assert q.text == "that the paper had"


def test_stance_held_as_a_role(nlp: Any) -> None:
    q = only(quotes_of(nlp, "Mrs. Varga has been a dogged defender of the health law."), "has been a dogged defender of")
    assert q.text == "the health law" and q.speaker is not None and q.speaker.text == "Mrs. Varga"


def test_stance_adjective_with_an_object(nlp: Any) -> None:
    q = only(quotes_of(nlp, "Senator Ilse Brandt has been critical of the harbour deal."), "has been critical")
    assert q.text == "the harbour deal"


def test_according_to_set_off_inside_the_statement(nlp: Any) -> None:
    text = "The plan, according to an aide to Mayor Ruth Kell, is to close the bridge in May."
    q = only(quotes_of(nlp, text), "according to")
    assert q.text.startswith("The plan") and q.text.endswith("close the bridge in May")


def test_a_quoted_title_is_not_a_statement(nlp: Any) -> None:
    text = "On this week's broadcast of “Morning Harbor Hour,” Governor Tess Lund said the ferry would run."
    quotes = quotes_of(nlp, text)
    assert all("Morning Harbor Hour" not in q.text for q in quotes if q.kind == "direct")
    assert any(q.text == "the ferry would run" for q in quotes)


def test_quote_interrupted_by_its_cue_is_one_statement(nlp: Any) -> None:
    text = "“On this basis,” Nora Vance said, “the harbour tax is far too high for small boats.”"
    quotes = [q for q in quotes_of(nlp, text) if q.cue is not None and q.cue.text == "said"]
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct" and q.text.startswith("“On this basis,”") and q.text.endswith("small boats.”")
    assert q.speaker is not None and q.speaker.text == "Nora Vance"


def test_dateline_is_not_part_of_the_speaker(nlp: Any) -> None:
    text = "OSLO, Norway (Wire) — Former mayor Kari Lind criticized the harbour plan as a waste of money."
    q = only(quotes_of(nlp, text), "criticized")
    assert q.speaker is not None and q.speaker.text == "Former mayor Kari Lind"


@pytest.mark.parametrize(("text", "cue", "speaker"), [
    ("“The harbour will stay open all winter,” Marta Velen continued.", "continued", "Marta Velen"),
    ("“Nobody in Tarn wanted this road,” the mayor grumbled.", "grumbled", "the mayor"),
])
def test_any_verb_after_a_quote_is_its_cue(nlp: Any, text: str, cue: str, speaker: str) -> None:
    quote = only(quotes_of(nlp, text), cue)
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.text.startswith("“The harbour") or quote.text.startswith("“Nobody")


def test_a_verb_and_a_colon_introduce_a_quote(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Halvor Brenn interjected: “So the ferry will run on Sundays?”"), "interjected")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text == "Halvor Brenn"


def test_a_verb_with_its_own_object_does_not_take_the_quote(nlp: Any) -> None:
    quotes = quotes_of(nlp, "“Harbour Lights,” Marta Velen wrote a song about it.")
    assert not any(q.cue is not None and q.cue.text == "wrote" for q in quotes)


def test_said_so_is_a_statement(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Asked about the new bridge, the Tarn council said no."), "said")
    assert quote.text == "no"


def test_said_with_a_clause_the_parse_split(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "He said legalizing it could put thousands of people to work in upstate Tarn."), "said")
    assert quote.text.startswith("legalizing it could put")


def test_closing_cue_with_its_listener(nlp: Any) -> None:
    quotes = quotes_of(nlp, "This includes a special unit to assist Kurdish Peshmerga, Defense Secretary Ivo Marten "
                            "told a Senate panel Wednesday.")
    quote = only(quotes, "told")
    assert quote.text == "This includes a special unit to assist Kurdish Peshmerga"
    assert quote.speaker is not None and quote.speaker.text == "Defense Secretary Ivo Marten"


def test_inverted_curly_marks_are_read_as_used(nlp: Any) -> None:
    text = "“The bridge will be ready by spring,“ said Ilse Varro, the Tarn engineer."
    quote = only(quotes_of(nlp, text), "said")
    assert quote.kind == "direct"
    assert quote.text == "“The bridge will be ready by spring,“"


def test_unclosed_quote_ends_before_its_cue(nlp: Any) -> None:
    text = '"Nobody told the ferry crews about the new timetable, said Halvor Brenn, who runs the Tarn line.'
    segments = quote_segments(text, paragraphs(text))
    assert len(segments) == 1
    assert text[segments[0].start:segments[0].end].endswith("timetable,")
    assert "before its cue" in (segments[0].repair or "")


@pytest.mark.parametrize(("text", "cue", "speaker", "content"), [
    ("In old Tarn, as Ilse Varro reported in her book, the harbour masters owned the best houses.",
     "reported", "Ilse Varro", "the harbour masters owned the best houses"),
    ("As reported by the Ostrava Herald, the ferry company lost money for a third year.",
     "reported", "the Ostrava Herald", "the ferry company lost money for a third year"),
    ("But as Marta Velen noted, those voters will give the Tarn party a second look if it starts winning.",
     "noted", "Marta Velen", "those voters will give the Tarn party a second look if it starts winning"),
])
def test_as_clause_attributes_the_clause_it_modifies(nlp: Any, text: str, cue: str, speaker: str,
                                                     content: str) -> None:
    quote = only(quotes_of(nlp, text), cue)
    assert quote.text == content
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_gerund_complement_of_a_cue(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "In his filing, Halvor Brenn reported earning two million crowns from the ferry."), "reported")
    assert quote.text.startswith("earning two million crowns")


def test_stance_verb_outside_the_speech_list_cues_its_object(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Marta Velen defended her budget this week in Tarn."), "defended")
    assert quote.text == "her budget"


def test_speaker_the_parse_left_out(nlp: Any) -> None:
    text = ("In a statement to the Ostrava Observer, her senior policy adviser, Jake Varro, said: "
            "“Ilse Marten believes that transatlantic cooperation is essential.”")
    quote = only(quotes_of(nlp, text), "said")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text == "Jake Varro"


def test_speaker_before_a_participle_set_off_by_commas(nlp: Any) -> None:
    text = "Friday, Veloria, leading a coalition of nine provinces, asked a federal judge to block the rules."
    quote = only(quotes_of(nlp, text), "asked")
    assert quote.speaker is not None and quote.speaker.text == "Veloria"


def test_a_speaker_describing_themselves(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Most Tarn voters described themselves as cautious optimists."), "described")
    assert quote.text == "themselves as cautious optimists"


def test_blasted_takes_its_object(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "The Ostrava council also blasted the harbour authority."), "blasted")
    assert quote.text == "the harbour authority"


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    ("Mayor Ilse Varro's attacks on the harbour board have angered the ferry crews.",
     "attacks", "Mayor Ilse Varro's", "the harbour board"),
    ("Halvor Brenn's decision to close the Tarn mill surprised the council.",
     "decision", "Halvor Brenn's", "to close the Tarn mill"),
])
def test_possessed_stance_noun(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    quote = only(quotes_of(nlp, text), cue)
    assert quote.text == content
    assert quote.speaker is not None and quote.speaker.text.startswith(source.removesuffix("'s"))


def test_that_clause_hung_on_a_noun_after_the_cue(nlp: Any) -> None:
    text = ("On Thursday night, Tarn mayor Ilse Varro told the audience at her fundraiser for veterans "
            "that she and the harbour board had held several talks Thursday.")
    quote = only(quotes_of(nlp, text), "told")
    assert quote.text == "that she and the harbour board had held several talks Thursday"


def test_subject_of_a_gerund_after_with(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "The conversation ended with Velen asking whether the Tarn ferry would run."), "asking")
    assert quote.speaker is not None and quote.speaker.text == "Velen"


@pytest.mark.parametrize(("text", "parts"), [
    ("“The harbour will stay open,” Marta Velen said, “and the ferry will run on Sundays.”",
     ["“The harbour will stay open,”", "“and the ferry will run on Sundays.”"]),
    ("“The harbour will stay open,” she said. “The ferry will run on Sundays.”",
     ["“The harbour will stay open,”", "“The ferry will run on Sundays.”"]),
    ("The harbour, the minister said on Monday, will stay open all winter.",
     ["The harbour", "will stay open all winter"]),
])
def test_content_interrupted_by_its_cue_comes_in_pieces(nlp: Any, text: str, parts: list[str]) -> None:
    (quote,) = quotes_of(nlp, text)
    assert [p.text for p in quote.parts] == parts
    assert all(text[p.start:p.end] == p.text for p in quote.parts)
    assert quote.cue is not None and not any(p.start <= quote.cue.start < p.end for p in quote.parts)


def test_content_in_one_piece_has_no_parts(nlp: Any) -> None:
    (quote,) = quotes_of(nlp, "Marta Velen said the harbour will stay open.")
    assert quote.parts == ()


def test_the_speakers_next_act_ends_the_content_and_keeps_the_speaker(nlp: Any) -> None:
    text = "Tomas Reeve told reporters her group never worked with Gates and said the group hired the lobbyists alone."
    quotes = quotes_of(nlp, text)
    told, said = only(quotes, "told"), only(quotes, "said")
    assert told.text == "her group never worked with Gates"
    assert said.speaker is not None and said.speaker.text == "Tomas Reeve"


def test_a_relative_clause_opened_by_whose_is_the_writers_addition(nlp: Any) -> None:
    (said,) = quotes_of(nlp, "Mara Velt said the council had cut the school budget, whose effects will be felt for years.")
    assert said.text == "the council had cut the school budget"


def test_an_adjective_frame_passes_its_subject_to_the_cue(nlp: Any) -> None:
    (note,) = quotes_of(nlp, "Velt was quick to note that the budget had grown.")
    assert note.speaker is not None and note.speaker.text == "Velt"
    assert note.text == "that the budget had grown"


def test_explained_cues_its_object(nlp: Any) -> None:
    (explained,) = quotes_of(nlp, "Orrin explained his reasoning in an appearance on the Sunday show.")
    assert explained.text.startswith("his reasoning")


def test_a_bare_cue_after_a_full_stop_closes_the_quote_before_it(nlp: Any) -> None:
    text = "“Velmoria, if you’re listening, I hope you find the missing files.” Orrin said."
    (said,) = quotes_of(nlp, text)
    assert said.kind == "direct" and said.speaker is not None and said.speaker.text == "Orrin"
    # ...but a cue with words of its own belongs to what follows
    text = "“We are done.” Orrin said the talks would resume in May."
    assert only(quotes_of(nlp, text), "said").text == "the talks would resume in May"


# --- continuation paragraphs: a whole quoted paragraph with no cue continues the last speaker ---


def test_a_whole_quoted_paragraph_continues_the_speaker_before_it(nlp: Any) -> None:
    text = ("“Nobody in this village wants more cars on the road,” Greta Holm said.\n\n"
            "“Especially not if they're electric and nobody can charge them.”")
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 2, [(q.text, q.cue) for q in quotes]
    second = quotes[1]
    assert second.text.startswith("“Especially") and second.cue is None
    assert second.resolution == "continuation" and second.speaker_ref is not None
    assert second.speaker_ref.text == "Greta Holm" and second.cue_class == "speech"


def test_no_continuation_when_the_quote_is_not_its_whole_paragraph(nlp: Any) -> None:
    text = ("“Nobody in this village wants more cars on the road,” Greta Holm said.\n\n"
            "Later that day “the council will vote on the new parking rules in the square,” a notice read.")
    assert not [q for q in quotes_of(nlp, text) if q.resolution == "continuation"]


def test_no_continuation_after_a_paragraph_that_goes_on_about_someone_else(nlp: Any) -> None:
    # the previous paragraph's quote is a fragment, and the paragraph ends on another person
    text = ("Greta Holm called the plan “a disaster” on Monday, while Per Lind, the mayor of the town, "
            "spent the whole afternoon walking around the new parking lot with the engineers.\n\n"
            "“If any road cannot be kept safe, it should be closed to all traffic at once.”")
    assert not [q for q in quotes_of(nlp, text) if q.resolution == "continuation"]


def test_no_continuation_two_paragraphs_on(nlp: Any) -> None:
    text = ("“Nobody in this village wants more cars on the road,” Greta Holm said.\n\n"
            "The council met on Tuesday evening.\n\n"
            "“Especially not if they're electric and nobody can charge them.”")
    assert not [q for q in quotes_of(nlp, text) if q.resolution == "continuation"]


def test_a_that_clause_of_the_report_a_cue_is_about_is_not_the_speakers(nlp: Any) -> None:
    # "comment on reports that …": what the reports say, not what the minister said
    quotes = quotes_of(nlp, "The minister Ivo Marsk refused to comment on reports that Colonel Arne Vik "
                            "was involved in the bombing.")
    assert not [q for q in quotes if q.cue_class == "speech"], [(q.cue, q.text) for q in quotes]
    assert only(quotes, "refused").cue_class == "stance"


def test_a_that_clause_after_the_statement_the_speaker_made_is_still_the_speakers(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Ivo Marsk said in a statement that the Tarvian army would leave the border."), "said")
    assert quote.text == "that the Tarvian army would leave the border" and quote.cue_class == "speech"


def test_a_quote_counts_as_its_pieces_or_as_one(nlp: Any) -> None:
    (split,) = quotes_of(nlp, "“The harbour will stay open,” Marta Velen said, “and the ferry will run on Sundays.”")
    assert split.pieces() == split.parts and len(split.pieces()) == 2
    (whole,) = quotes_of(nlp, "Marta Velen said the harbour will stay open.")
    (piece,) = whole.pieces()
    assert (piece.start, piece.end, piece.text) == (whole.start, whole.end, whole.text)
