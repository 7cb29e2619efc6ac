"""The time package's own parts: the rule registry, the story time a text leaves, the two readings."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.nlp import load_model
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.candidates import propose
from storyline.analyse.time.document import Document
from storyline.analyse.time.extract import resolve, settle
from storyline.analyse.time.rules import RULES
from storyline.analyse.time.story import OPENING, UNREAD, after
from storyline.records import Timex

# Timex.rule is stored: a rule's name never changes, and the order is the order of precedence.
STORED_RULE_NAMES = [
    "iso-date", "slash-date", "month-day", "day-month", "month-year", "month", "year", "decade",
    "season", "weekday", "deictic-day", "mid-pod", "this-pod", "reference", "reference-adjective",
    "relative-unit", "that-unit", "the-week", "weekend", "ago", "duration", "bare-units",
    "the-units", "set", "quarter", "the-quarter", "the-year", "year-end", "spoken-year", "century",
    "clock", "holiday",
]


def test_rule_names_and_order_are_the_stored_ones() -> None:
    assert [rule.name for rule in RULES] == STORED_RULE_NAMES


def test_every_rule_has_a_kind_and_a_reading() -> None:
    for rule in RULES:
        assert rule.kind and callable(rule.read), rule


def _timex(value: str, text: str, sentence: int, type_: str = "DATE") -> Timex:
    return Timex(doc="d", start=0, end=len(text), text=text, type=type_, value=value,  # type: ignore[arg-type]
                 sentence=sentence, values=(value,), rule="test")


def test_a_named_date_becomes_the_story_time() -> None:
    story = after(OPENING, _timex("2021-03-03", "March 3, 2021", 2), refers_back=False,
                  document=None, published=None)  # type: ignore[arg-type]
    assert story.reference == "2021-03-03" and story.reference_sentence == 2
    assert story.reference_date("day", 3).isoformat() == "2021-03-03"  # type: ignore[union-attr]
    assert story.reference_date("day", 4) is None  # too far on to be the story's time


def test_a_quarter_sets_the_story_quarter_unless_it_refers_back() -> None:
    quarter = _timex("1989-Q3", "the third quarter", 1)
    assert after(OPENING, quarter, refers_back=False, document=None, published=None).quarter() == (1989, 3)  # type: ignore[arg-type]
    assert after(OPENING, quarter, refers_back=True, document=None, published=None).quarter() is None  # type: ignore[arg-type]


def test_the_settling_reading_knows_no_story_time() -> None:
    assert not UNREAD.read and OPENING.read
    assert UNREAD.reference_date("year", 0) is None and UNREAD.quarter() is None


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def test_that_day_is_held_while_settling_and_dropped_when_no_date_came_before(nlp: Any) -> None:
    document = Document.of(nlp("Redemptions that day were heavy."))
    spans = settle(propose(document, RULES), Anchor(document, None, UNREAD))
    assert [document.text[c.start:c.end] for c in spans] == ["that day"]
    assert resolve("d", spans, document, None) == ()


def test_that_day_resolves_against_the_date_named_before(nlp: Any) -> None:
    document = Document.of(nlp("The talks opened on March 3, 2021. That day, the envoys met."))
    spans = settle(propose(document, RULES), Anchor(document, None, UNREAD))
    assert [(t.text, t.value) for t in resolve("d", spans, document, None)] == [
        ("March 3, 2021", "2021-03-03"), ("That day", "2021-03-03")]
