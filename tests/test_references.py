"""The document's one reference resolver (storyline.analyse.references), on sentences written for
these tests with invented names."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.entities import extract_mentions
from storyline.analyse.nlp import load_model
from storyline.analyse.quotes import extract_quotes
from storyline.analyse.references import DocumentReferences, SpeakerPhrase, SpeakerResolver


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def speaker_of(nlp: Any, text: str, phrase: str) -> tuple[str | None, str]:
    """The antecedent and rule of the speaker phrase ``phrase`` (its last word is its head)."""
    doc = nlp(text)
    start = text.rindex(phrase)
    head = next(t for t in doc if t.idx == start + phrase.rindex(phrase.split()[-1]))
    (reference,) = DocumentReferences(doc, extract_mentions("t", doc)).speakers(
        [SpeakerPhrase((start, start + len(phrase)), head)])
    return (reference.antecedent.text if reference.antecedent else None), reference.rule


def test_a_description_is_the_person_its_title_was_written_with(nlp: Any) -> None:
    text = ("Tarvia Sen. Mila Orsk voted against the bill on Monday. "
            "The vote was close. The Tarvia senator said the bill would fail.")
    assert speaker_of(nlp, text, "The Tarvia senator") == ("Mila Orsk", "role-title")


def test_a_proper_name_in_the_description_must_be_said_of_the_person(nlp: Any) -> None:
    text = ("Sen. Mila Orsk voted against the bill on Monday. "
            "The vote was close. The Kestrel senator said the bill would fail.")
    assert speaker_of(nlp, text, "The Kestrel senator") == (None, "unresolved")


def test_an_apposition_describes_the_name(nlp: Any) -> None:
    text = ("Dario Velk, the veteran negotiator, arrived in Tarnby on Monday. "
            "Talks began at noon. The veteran negotiator said no deal was near.")
    assert speaker_of(nlp, text, "The veteran negotiator") == ("Dario Velk", "role-title")


def test_indefinite_and_plural_descriptions_name_no_one(nlp: Any) -> None:
    text = ("Governor Ivo Marsk opened the session on Monday. "
            "A governor said the budget was late. Several governors said it was not.")
    assert speaker_of(nlp, text, "A governor")[1] == "unresolved"
    assert speaker_of(nlp, text, "Several governors")[1] == "unresolved"


def test_someone_is_no_one_the_text_names(nlp: Any) -> None:
    text = "The Tarnby Union met on Monday. Someone said the vote was rigged."
    assert speaker_of(nlp, text, "Someone") == (None, "unresolved")


def test_a_work_speaks_for_the_name_inside_it_or_for_no_one(nlp: Any) -> None:
    text = ("The Tarnby Union met on Monday. A Kestrel Herald poll found support falling. "
            "The survey said most voters were undecided.")
    antecedent, rule = speaker_of(nlp, text, "A Kestrel Herald poll")
    assert antecedent == "Kestrel Herald" and rule in ("named", "org-descriptor")
    assert speaker_of(nlp, text, "The survey") == (None, "unresolved")


def test_a_spokeswoman_speaks_on_behalf_of_the_person_she_speaks_for(nlp: Any) -> None:
    doc = nlp("Prime Minister Ivo Marsk left Tarnby on Monday. "
              "A spokeswoman for Marsk said the visit had gone well.")
    (quote,) = extract_quotes("t", doc, extract_mentions("t", doc))
    assert quote.speaker is not None and quote.speaker.text == "A spokeswoman for Marsk"
    assert quote.resolution == "on-behalf"
    assert quote.speaker_ref is not None and quote.speaker_ref.text == "Marsk"
    assert quote.speaker_for is not None and quote.speaker_for.text == "Marsk"


def test_a_named_spokeswoman_is_the_speaker_and_keeps_whom_she_speaks_for(nlp: Any) -> None:
    doc = nlp("Marsk spokeswoman Laura Vinter spoke to reporters in Tarnby on Monday. "
              "Talks went on all day. The Marsk spokeswoman said the visit had gone well.")
    quotes = extract_quotes("t", doc, extract_mentions("t", doc))
    quote = quotes[-1]
    assert quote.speaker_ref is not None and quote.speaker_ref.text == "Laura Vinter"
    assert quote.speaker_for is not None and quote.speaker_for.text == "Marsk"


def test_it_is_no_nationality(nlp: Any) -> None:
    text = "Tarvian voters went to the polls on Monday. It said the count would take a week."
    assert speaker_of(nlp, text, "It") == (None, "unresolved")


def test_a_relative_pronoun_in_an_apposition_is_the_person_described(nlp: Any) -> None:
    doc = nlp("Mila Orsk, the head of the Tarnby Union, who said the strike would go on, left early.")
    who = next(t for t in doc if t.lower_ == "who")
    (reference,) = DocumentReferences(doc, extract_mentions("t", doc)).speakers(
        [SpeakerPhrase((who.idx, who.idx + 3), who)])
    assert reference.rule == "relative"
    assert reference.antecedent is not None and reference.antecedent.text in ("Mila Orsk", "Tarnby Union")


def test_a_title_cased_role_in_apposition_describes_the_name(nlp: Any) -> None:
    # The small model tags "Prime Minister" PROPN here; the title before the name ("Party leader")
    # is the mention's role, so only the apposition says he is the prime minister.
    text = ("Party leader Tomas Vendel, Prime Minister of Castavia, opened the summit on Monday.\n\n"
            "Talks began at noon.\n\n“We will go on,” the Prime Minister said.")
    doc = nlp(text)
    (quote,) = extract_quotes("t", doc, extract_mentions("t", doc))
    assert quote.speaker is not None and quote.speaker.text == "the Prime Minister"
    assert quote.speaker_ref is not None and quote.speaker_ref.text == "Tomas Vendel"
    assert quote.resolution == "role-title"


def test_whom_a_spokeswoman_speaks_for_is_not_a_spokeswoman(nlp: Any) -> None:
    doc = nlp("A spokeswoman for Prime Minister Tomas Vendel said the talks would go on.\n\n"
              "Talks began at noon.\n\n“We will go on,” the spokeswoman said.")
    mentions = extract_mentions("t", doc)
    vendel = next(m for m in mentions if m.text == "Tomas Vendel")
    assert vendel.role == "Prime Minister"
    first, second = extract_quotes("t", doc, mentions)
    assert first.resolution == "on-behalf" and first.speaker_for is not None
    assert first.speaker_for.text == "Tomas Vendel"
    assert second.speaker_ref is None  # the text never names her; Vendel is not "the spokeswoman"


def quote_speakers(nlp: Any, text: str) -> list[tuple[str, str | None]]:
    """Each quote's speaker as written and the name it was resolved to, in text order."""
    doc = nlp(text)
    return [(q.speaker.text if q.speaker else "", q.speaker_ref.text if q.speaker_ref else None)
            for q in extract_quotes("t", doc, extract_mentions("t", doc))]


def test_the_speaker_is_the_person_not_the_organisation_in_their_apposition(nlp: Any) -> None:
    # The small model tags "Tarnby Labs" a person too; the name at the phrase's head is the speaker.
    for text in ("“The flaw was easy to miss,” said Jana Orsk, a researcher at Tarnby Labs.",
                 "Jana Orsk, researcher at Tarnby Labs, said the flaw was easy to miss.",
                 "“Demand has doubled,” said Oren Halvik, founder of Brightwater Brewing Co."):
        ((_, resolved),) = quote_speakers(nlp, text)
        assert resolved in ("Jana Orsk", "Oren Halvik"), text


@pytest.mark.parametrize(("text", "pronoun", "person"), [
    # Neither given name is in the name lists; "Kell said she would …" makes Kell a woman before
    # any pronoun is resolved, so the later "he" is Brenn, not the previous speaker.
    ("Oren Brenn met Pell Kell in Tarnby on Monday. Kell said she would run again. "
     "Brenn left early.\n\n“It is over,” he said.", "he", "Brenn"),
    # A person of the pronoun's gender named in its own paragraph is nearer than the previous speaker.
    ("Laura Lind chaired the meeting on Monday. Lind said the budget was late.\n\n"
     "Members then heard from Maria Sol. She said the figures were wrong.", "She", "Maria Sol"),
    # "Mr. Vell" is Omar; a surname two people share gives Sanaa Vell no gender, so "She" may be her.
    ("Police stopped Omar Vell on Monday. Mr. Vell was unarmed, his lawyer said.\n\n"
     "Sanaa Vell watched from the car. She said officers had shouted at him.", "She", "Sanaa Vell"),
], ids=["gender-bound-by-the-parse", "own-paragraph", "shared-surname"])
def test_a_pronoun_speaker_is_the_person_of_its_gender_the_text_points_to(
        nlp: Any, text: str, pronoun: str, person: str) -> None:
    assert quote_speakers(nlp, text)[-1] == (pronoun, person)


def test_gender_comes_from_the_whole_text_before_any_pronoun_is_resolved(nlp: Any) -> None:
    doc = nlp("Pell Kell met Oren Brenn on Monday. Brenn said he was tired. Kell thanked her staff. "
              "“He praised her,” an aide said.")
    genders = SpeakerResolver(doc, extract_mentions("t", doc), lambda char: False).gender
    assert genders.get("brenn") == "m" and genders.get("kell") == "f"


def test_a_party_in_apposition_describes_the_name(nlp: Any) -> None:
    # "Republican" in apposition is tagged a proper noun (a NORP), still it says what Marsk is.
    text = ("Senate leader Ivo Marsk, the Kestrel Republican, spoke on Monday. Aides were busy. "
            "The Kestrel Republican said the bill would pass.")
    assert speaker_of(nlp, text, "The Kestrel Republican") == ("Ivo Marsk", "role-title")
