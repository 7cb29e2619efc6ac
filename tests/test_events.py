"""Events: invented sentences for the rules, the sample corpus for end-to-end must-finds.

Names and places in the unit tests are invented (Velmaria, Karvonia, Ostrava ...), so the tests
check what the rules do with the parse rather than what the model happens to know. Timexes are
built by hand: the time stage is tested on its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.analyse.entities import extract_mentions
from storyline.analyse.events import CATEGORIES, LEGACY_CATEGORIES, NOUN_TRIGGERS, VERB_TRIGGERS, extract_events
from storyline.analyse.nlp import load_model
from storyline.errors import ModelError
from storyline.records import Article, Event, RawDocument, Timex

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
PUBLISHED = datetime.date(2022, 1, 10)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def events_of(nlp: Any, text: str, *, timexes: Sequence[Timex] = (), published: datetime.date | None = PUBLISHED) -> tuple[Event, ...]:
    doc = nlp(text)
    events = extract_events("d1", doc, extract_mentions("d1", doc), timexes, published)
    for event in events:  # provenance holds for every record
        assert text[event.start : event.end] == event.text
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.start <= event.trigger.start and event.trigger.end <= event.end
        assert event.category in CATEGORIES
        assert 0.0 <= event.confidence <= 1.0
        for span in (event.source, event.target, event.place):
            assert span is None or text[span.start : span.end] == span.text
    return events


def find(events: Sequence[Event], trigger: str) -> Event:
    matches = [e for e in events if e.trigger.text == trigger]
    assert matches, f"no event with trigger {trigger!r} in {[(e.trigger.text, e.category) for e in events]}"
    return matches[0]


def timex(text: str, phrase: str, value: str) -> Timex:
    start = text.index(phrase)
    return Timex("d1", start, start + len(phrase), phrase, "DATE", value, 0, (value,))


# --- lexicon sanity --------------------------------------------------------------------------------


def test_lexicon_categories_are_plover_2021() -> None:
    assert set(VERB_TRIGGERS.values()) <= set(CATEGORIES)
    assert set(NOUN_TRIGGERS.values()) <= set(CATEGORIES)
    assert set(LEGACY_CATEGORIES.values()) <= set(CATEGORIES)


def test_doc_without_parse_is_a_model_error() -> None:
    import spacy

    doc = spacy.blank("en")("Velmaria attacked Karvonia.")
    with pytest.raises(ModelError):
        extract_events("d1", doc, (), (), None)


# --- categories, actors, place ---------------------------------------------------------------------


def test_assault_with_source_target_and_place(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmarian troops attacked Karvonia in March."), "attacked")
    assert event.category == "ASSAULT" and event.mode == "happened"
    assert event.source is not None and event.source.text == "Velmarian"
    assert event.target is not None and event.target.text == "Karvonia"


def test_light_verb_takes_category_of_event_noun(nlp: Any) -> None:
    events = events_of(nlp, "Velmaria imposed sanctions on Karvonia.")
    event = find(events, "sanctions")
    assert event.category == "SANCTION"
    assert event.source is not None and event.source.text == "Velmaria"
    assert event.target is not None and event.target.text == "Karvonia"


def test_launched_military_operation_is_assault_with_place_as_target(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmaria launched a military operation in Karvonia."), "operation")
    assert event.category == "ASSAULT"
    assert event.place is not None and event.place.text == "Karvonia"
    assert event.target is not None and event.target.text == "Karvonia"


def test_call_for_is_request(nlp: Any) -> None:
    event = find(events_of(nlp, "The Velmarian government called for a ceasefire in Ostrava."), "called for")
    assert event.category == "REQUEST" and event.source is not None and event.source.text == "Velmarian"


def test_accuse_and_reject(nlp: Any) -> None:
    accuse = find(events_of(nlp, "Velmaria accused Karvonia of spying."), "accused")
    assert accuse.category == "ACCUSE" and accuse.target is not None and accuse.target.text == "Karvonia"
    reject = find(events_of(nlp, "Karvonia rejected the Velmarian proposal."), "rejected")
    assert reject.category == "REJECT" and reject.source is not None and reject.source.text == "Karvonia"


def test_send_changes_category_with_object(nlp: Any) -> None:
    troops = find(events_of(nlp, "Velmaria sent troops to the border."), "sent")
    assert troops.category == "MOBILIZE"
    aid = find(events_of(nlp, "Velmaria sent humanitarian aid to Karvonia."), "sent")
    assert aid.category == "AID" and aid.target is not None and aid.target.text == "Karvonia"


def test_meeting_between_two_actors_in_a_city(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmaria and Karvonia held talks in Port Selwyn."), "talks")
    assert event.category == "CONSULT"
    assert event.source is not None and event.source.text == "Velmaria"
    assert event.target is not None and event.target.text == "Karvonia"
    assert event.place is not None and event.place.text == "Port Selwyn"


def test_passive_swaps_source_and_target(nlp: Any) -> None:
    event = find(events_of(nlp, "Karvonia was attacked by Velmaria."), "attacked")
    assert event.source is not None and event.source.text == "Velmaria"
    assert event.target is not None and event.target.text == "Karvonia"


def test_reporting_verb_is_not_an_event(nlp: Any) -> None:
    events = events_of(nlp, "Velmaria said on Monday that the weather was fine.")
    assert events == ()


def test_threat_made_in_a_statement(nlp: Any) -> None:
    events = events_of(nlp, "Velmaria said it would retaliate against Karvonia.")
    statement = find(events, "said")
    assert statement.category == "THREATEN" and statement.mode == "happened"
    assert statement.source is not None and statement.source.text == "Velmaria"
    act = find(events, "retaliate")
    assert act.category == "ASSAULT" and act.mode == "hypothetical"


def test_refusal_and_demand_statements(nlp: Any) -> None:
    refusal = find(events_of(nlp, "Velmaria said it would not meet the Karvonian envoy."), "said")
    assert refusal.category == "REJECT" and refusal.source is not None and refusal.source.text == "Velmaria"
    demand = find(events_of(nlp, "Velmaria said Karvonia must withdraw its troops."), "said")
    assert demand.category == "REQUEST"
    assert demand.target is not None and demand.target.text == "Karvonia"


def test_object_decides_between_readings(nlp: Any) -> None:
    assert find(events_of(nlp, "Karvonia met the demands of the strikers."), "met").category == "CONCEDE"
    assert find(events_of(nlp, "Velmaria lifted the sanctions on Karvonia."), "lifted").category == "RETREAT"
    assert find(events_of(nlp, "Velmaria suspended talks with Karvonia."), "suspended").category == "SANCTION"
    assert not [e for e in events_of(nlp, "Velmaria released a statement on Monday.") if e.trigger.text == "released"]


# --- modes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "mode"),
    [
        ("Velmaria attacked Karvonia.", "attacked", "happened"),
        ("Velmaria will meet Karvonia in Ostrava.", "meet", "scheduled"),
        ("Velmaria is to meet Karvonia in Ostrava.", "meet", "scheduled"),
        ("Velmarian envoys are due to meet Karvonian officials.", "meet", "scheduled"),
        ("The upcoming summit in Ostrava drew attention.", "summit", "scheduled"),
        ("Velmaria is shelling Karvonia.", "shelling", "ongoing"),
        ("Velmaria could impose sanctions on Karvonia.", "sanctions", "hypothetical"),
        ("If Velmaria attacks Karvonia, the alliance will respond.", "attacks", "hypothetical"),
        ("Velmaria threatened to invade Karvonia.", "invade", "hypothetical"),
        ("Velmaria did not attack Karvonia.", "attack", "negated"),
        ("Velmaria refused to withdraw its troops.", "withdraw", "negated"),
        ("Karvonia faced no sanctions.", "sanctions", "negated"),
    ],
)
def test_modes(nlp: Any, sentence: str, trigger: str, mode: str) -> None:
    assert find(events_of(nlp, sentence), trigger).mode == mode


def test_refusal_itself_is_a_reject_event(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmaria refused to withdraw its troops."), "refused")
    assert event.category == "REJECT" and event.mode == "happened"


# --- dates -------------------------------------------------------------------------------------------


def test_date_from_attached_timex(nlp: Any) -> None:
    text = "Velmaria and Karvonia will meet on January 20 in Ostrava."
    event = find(events_of(nlp, text, timexes=[timex(text, "January 20", "2022-01-20")]), "meet")
    assert event.date.value == "2022-01-20" and event.date.basis == "timex"
    assert text[event.date.start : event.date.end] == "January 20"  # type: ignore[index]


def test_event_time_is_not_statement_time(nlp: Any) -> None:
    text = "Velmaria said on Monday that its troops attacked Karvonia on January 3."
    timexes = [timex(text, "Monday", "2022-01-10"), timex(text, "January 3", "2022-01-03")]
    event = find(events_of(nlp, text, timexes=timexes), "attacked")
    assert event.date.value == "2022-01-03"


@pytest.mark.parametrize("text, phrase", [
    ("Since January 3, Velmaria has attacked Karvonia.", "January 3"),
    ("From January 3, Velmaria attacked Karvonia every night.", "January 3"),
    ("Velmaria massed troops before the January 3 attack on Karvonia.", "January 3"),
    ("As of January 3, Velmaria had attacked Karvonia.", "January 3"),
])
def test_a_date_that_opens_or_closes_a_period_does_not_date_the_event(nlp: Any, text: str, phrase: str) -> None:
    events = events_of(nlp, text, timexes=[timex(text, phrase, "2022-01-03")])
    trigger = "massed" if "massed" in text else "attacked"
    assert find(events, trigger).date.basis == "published"


def test_a_date_that_modifies_another_thing_does_not_date_the_event(nlp: Any) -> None:
    text = "Join us for today's coverage of the attack on Karvonia."
    events = events_of(nlp, text, timexes=[timex(text, "today", "2022-01-10")])
    assert find(events, "attack").date.basis == "published"
    text = "Velmaria discussed the current situation with Karvonia."
    events = events_of(nlp, text, timexes=[timex(text, "current", "PRESENT_REF")])
    assert find(events, "discussed").date.basis == "published"
    # ...unless that thing is itself a happening, the occasion of the event
    text = "Velmaria and Karvonia met at Friday's summit in Ostrava."
    events = events_of(nlp, text, timexes=[timex(text, "Friday", "2022-01-07")])
    assert find(events, "met").date.value == "2022-01-07"


@pytest.mark.parametrize("text, trigger, mode", [
    ("Will Velmaria attack Karvonia next week?", "attack", "hypothetical"),
    ("The headline of the day - will Velmaria invade Karvonia", "invade", "hypothetical"),
    ("Velmaria will attack Karvonia next week.", "attack", "scheduled"),
    ("Never before had Velmaria attacked Karvonia.", "attacked", "happened"),
])
def test_a_question_asks_whether_the_act_happens(nlp: Any, text: str, trigger: str, mode: str) -> None:
    assert find(events_of(nlp, text), trigger).mode == mode


def test_a_range_after_from_dates_the_event(nlp: Any) -> None:
    text = "Velmaria and Karvonia will meet from 10 to 13 January in Ostrava."
    ranged = Timex("d1", text.index("10 to"), text.index(" in Ostrava"), "10 to 13 January", "DATE",
                   "2022-01-10", 0, ("2022-01-10", "2022-01-11", "2022-01-12", "2022-01-13"))
    assert find(events_of(nlp, text, timexes=[ranged]), "meet").date.value == "2022-01-10"


def test_date_falls_back_to_publication(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmaria attacked Karvonia."), "attacked")
    assert event.date.value == "2022-01-10" and event.date.basis == "published"
    undated = find(events_of(nlp, "Velmaria attacked Karvonia.", published=None), "attacked")
    assert undated.date.value is None and undated.date.basis is None


def test_future_timex_makes_a_bare_noun_scheduled(nlp: Any) -> None:
    text = "A summit of Velmaria and Karvonia in Ostrava on February 2 was announced."
    event = find(events_of(nlp, text, timexes=[timex(text, "February 2", "2022-02-02")]), "summit")
    assert event.mode == "scheduled"


# --- robustness -------------------------------------------------------------------------------------

_WORDS = (
    "Velmaria Karvonia Ostrava troops attacked will not meet talks in on January 3 said it would "
    "refused to sanctions the and of a summit , . “ ” could if protesters blocked roads urged"
).split()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=25))
def test_any_word_salad_gives_valid_records(nlp: Any, words: list[str]) -> None:
    events_of(nlp, " ".join(words))  # the helper checks every offset and field


# --- golden: the sample corpus -------------------------------------------------------------------------


@cache
def seed(prefix: str) -> Article:
    from storyline.builder import analyse_raw

    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return analyse_raw(RawDocument(str(path), "text", path.read_text()))


def seed_events(prefix: str) -> tuple[Article, tuple[Event, ...]]:
    article = seed(prefix)
    events = extract_events(article.id, article.parsed, article.mentions, (), None)
    assert all(article.text[e.start : e.end] == e.text for e in events)  # type: ignore[index]
    return article, events


def sentence_events(article: Article, events: Sequence[Event], phrase: str) -> list[Event]:
    text = article.text or ""
    at = text.index(phrase)
    return [e for e in events if e.start <= at < e.end or at <= e.trigger.start < at + len(phrase)]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="sample corpus not present")
class TestSeeds:
    def test_003_nato_russia_meeting_is_scheduled_consult(self, nlp: Any) -> None:
        article, events = seed_events("003")
        found = sentence_events(article, events, "Representatives of NATO and Russia are due to meet")
        meet = [e for e in found if e.trigger.text == "meet"]
        assert meet and meet[0].category == "CONSULT" and meet[0].mode == "scheduled"
        assert {meet[0].source and meet[0].source.text, meet[0].target and meet[0].target.text} == {"NATO", "Russia"}

    def test_004_russia_nato_council_meeting_is_scheduled_consult(self, nlp: Any) -> None:
        article, events = seed_events("004")
        found = sentence_events(article, events, "On January 12, a meeting of the Russia-NATO Council")
        meeting = [e for e in found if e.trigger.text == "meeting" and e.category == "CONSULT"]
        assert meeting and meeting[0].mode == "scheduled"
        assert meeting[0].place is not None and meeting[0].place.text == "Brussels"

    def test_004_meeting_date_from_hand_built_timex(self, nlp: Any) -> None:
        article = seed("004")
        text = article.text or ""
        phrase = "On January 12, a meeting of the Russia-NATO Council"
        at = text.index(phrase) + len("On ")
        sentence = next(i for i, s in enumerate(article.parsed.sents) if s.start_char <= at < s.end_char)
        tx = Timex(article.id, at, at + len("January 12"), "January 12", "DATE", "2022-01-12", sentence, ("2022-01-12",))
        events = extract_events(article.id, article.parsed, article.mentions, (tx,), datetime.date(2022, 1, 9))
        (meeting,) = [e for e in events if e.trigger.text == "meeting" and e.start <= at < e.end]
        assert meeting.date.value == "2022-01-12" and meeting.date.basis == "timex"

    def test_002_nato_council_meeting_with_russia_happened(self, nlp: Any) -> None:
        article, events = seed_events("002")
        found = sentence_events(article, events, "the meeting of the “NATO” Council with Russia")
        meeting = [e for e in found if e.trigger.text == "meeting"]
        assert meeting and meeting[0].category == "CONSULT" and meeting[0].mode == "happened"

    def test_000_february_24_invasion_is_assault_on_ukraine(self, nlp: Any) -> None:
        article, events = seed_events("000")
        found = sentence_events(article, events, "Russia launched a military operation in Ukraine")
        (attack,) = [e for e in found if e.category == "ASSAULT"]
        assert attack.mode == "happened"
        assert attack.source is not None and attack.source.text == "Russia"
        assert attack.target is not None and attack.target.text == "Ukraine"
        assert attack.place is not None and attack.place.text == "Ukraine"

    def test_000_march_24_summit_is_scheduled_consult(self, nlp: Any) -> None:
        article, events = seed_events("000")
        found = sentence_events(article, events, "NATO will hold a leaders’ summit on March 24")
        summit = [e for e in found if e.trigger.text == "summit"]
        assert summit and summit[0].category == "CONSULT" and summit[0].mode == "scheduled"
        assert summit[0].source is not None and summit[0].source.text == "NATO"
        assert summit[0].place is not None and summit[0].place.text == "Brussels"

    def test_no_reporting_verb_events_in_seeds(self, nlp: Any) -> None:
        for prefix in ("000", "001", "002", "003", "004"):
            _, events = seed_events(prefix)
            plain_reports = [e for e in events if e.trigger.text in ("said", "added", "told") and e.category not in ("THREATEN", "AGREE", "REJECT")]
            assert plain_reports == []


# --- pronoun sources -------------------------------------------------------------------------------


def test_a_personal_pronoun_with_no_antecedent_stays_the_source_for_linking(nlp: Any) -> None:
    text = "Yesterday we signed a treaty with Karvonia. Then I met the Karvonian envoy. She thanked Velmaria."
    events = events_of(nlp, text)
    for trigger, pronoun in (("treaty", "we"), ("met", "I"), ("thanked", "She")):
        event = find(events, trigger)
        assert event.source is not None and event.source.text == pronoun
    # An unresolved pronoun names no one yet: it earns no confidence bonus over no source at all.
    named = find(events_of(nlp, "Yesterday Velmaria signed a treaty with Karvonia."), "treaty")
    assert find(events, "treaty").confidence < named.confidence


def test_a_named_antecedent_still_wins_over_the_pronoun(nlp: Any) -> None:
    event = find(events_of(nlp, "Velmaria said it would send aid to Karvonia."), "send")
    assert event.source is not None and event.source.text == "Velmaria"
    they = find(events_of(nlp, "They attacked Karvonia."), "attacked")
    assert they.source is None  # "they" and "it" are left alone: too often things, not parties


def test_the_speakers_own_present_tense_is_the_speech_not_a_done_act(nlp: Any) -> None:
    assert find(events_of(nlp, "Today we ask Karvonia for help."), "ask").mode == "ongoing"
    assert find(events_of(nlp, "Today we asked Karvonia for help."), "asked").mode == "happened"
    assert find(events_of(nlp, "Velmaria asks Karvonia for help."), "asks").mode == "happened"
    assert find(events_of(nlp, "I would like to ask Karvonia for help."), "ask").mode == "hypothetical"
