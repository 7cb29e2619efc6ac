"""The lexicon: every list a stage reads is drawn from one table, and says what it holds."""

from __future__ import annotations

import pytest

from storyline.analyse.lexicon import calendar, verbs


def test_every_tag_of_the_verb_table_names_a_list() -> None:
    lists = {"cue": verbs.CUE_VERBS, "xcomp": verbs.XCOMP_CUE_VERBS, "object": verbs.OBJECT_CUE_VERBS,
             "gerund": verbs.GERUND_CUE_VERBS, "addressee": verbs.ADDRESSEE_VERBS, "as": verbs.STANCE_AS_VERBS,
             "intro": verbs.QUOTE_INTRO_VERBS, "light": verbs.SPEECH_LIGHT_VERBS, "report": verbs.REPORTING_VERBS,
             "speech": verbs.SPEECH_VERBS, "present": verbs.PRESENT_REPORTING_VERBS, "event": verbs.EVENT_LIGHT_VERBS,
             "stance-reverse": verbs._tagged("stance-reverse"),
             **{f"stance-{kind}": frozenset(v for v, k in verbs.STANCE_VERBS.items() if k == kind)
                for kind in verbs.STANCE_KINDS}}
    assert set(lists) == verbs._TAGS
    assert all(lists[tag] for tag in lists)
    assert set().union(*lists.values()) == set(verbs.VERBS)


def test_the_verb_table_refuses_a_verb_twice_or_an_unknown_tag() -> None:
    with pytest.raises(ValueError):
        verbs._table("say cue\nsay report")
    with pytest.raises(ValueError):
        verbs._table("say cues")


def test_known_memberships() -> None:
    assert "say" in verbs.CUE_VERBS & verbs.REPORTING_VERBS & verbs.SPEECH_VERBS & verbs.PRESENT_REPORTING_VERBS
    assert "declare" in verbs.SPEECH_VERBS - verbs.REPORTING_VERBS  # "declared war" is an event
    assert verbs.REPORTING_VERBS <= verbs.CUE_VERBS
    assert set(verbs.CUE_FORMS) <= verbs.CUE_VERBS


def test_calendar() -> None:
    assert calendar.MONTHS["sept"] == calendar.MONTHS["september"] == 9
    assert calendar.WEEKDAYS["thurs"] == 3 and calendar.WEEKDAYS["sunday"] == 6
    assert len(set(calendar.MONTHS.values())) == 12 and len(set(calendar.WEEKDAYS.values())) == 7


def test_stance_verbs_have_one_kind_and_refusals_reverse() -> None:
    assert verbs.STANCE_VERBS["demand"] == "demand" and verbs.STANCE_VERBS["reject"] == "refuse"
    assert {"reject", "oppose", "compromise"} <= verbs.REVERSING_VERBS
    assert all(sum(tag.startswith("stance-") and tag != "stance-reverse" for tag in tags) <= 1
               for tags in verbs.VERBS.values())
    assert set(verbs.STANCE_VERBS.values()) == set(verbs.STANCE_KINDS)
