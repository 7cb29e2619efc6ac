"""What tells two events of one kind apart in storyline.link.stories: the names and numbers in the
text, the dates it states, and not trusting an inferred publication date. Invented articles."""

from __future__ import annotations

from dataclasses import replace

from storyline.link.stories import StoryInput, StoryParams, cluster_stories, specific_words, stated_times
from storyline.records import Timex

# Unrelated articles, so that the words the events share stay under MAX_DF_SHARE of the corpus.
OTHERS = [StoryInput(f"z{i}", None, f"Orchard fair {i}", f"The orchard fair of Pellan drew crowds; stall {i}.")
          for i in range(4)]


def test_names_and_numbers_are_the_specific_words() -> None:
    text = "A quake hit Korvath on Monday. The Velmar office counted 214 dead. Rescuers came at 6.1 km."
    # Not "A", "The", "Rescuers": a sentence's first word is capitalised whatever it is.
    assert specific_words(text) == ["korvath", "monday", "velmar", "214", "6.1"]
    assert specific_words("Officials said 3 roads were shut.") == []  # one digit names nothing


def test_stated_times_keep_calendar_dates_with_a_year() -> None:
    def timex(value: str, kind: str = "DATE", values: tuple[str, ...] = ()) -> Timex:
        return Timex("d", 0, 1, "x", kind, value, 0, values)  # type: ignore[arg-type]

    found = stated_times([timex("2009-04-06"), timex("XXXX-04-06"), timex("P3D", "DURATION"), timex("2011-05"),
                          timex("2011-05-02", values=("2011-05-02", "2011-05-03")), timex("PRESENT_REF")])
    assert found == {"d": ["2009-04-06", "2011-05", "2011-05-02", "2011-05-03"]}


def test_the_dates_a_text_states_tell_two_undated_events_apart() -> None:
    text = "A strong quake shook the hill towns; houses fell and roads split."
    docs = [StoryInput(f"a{i}", None, "Quake shakes hill towns", text, times=("2009-04-06",)) for i in range(2)]
    docs += [StoryInput(f"b{i}", None, "Quake shakes hill towns", text, times=("2011-05-02",)) for i in range(2)]
    params = StoryParams(join_threshold=0.5, merge_threshold=0.9)
    found = cluster_stories(docs + OTHERS, params)
    assert ["a0", "a1"] in found and ["b0", "b1"] in found
    assert ["a0", "a1"] not in cluster_stories(docs + OTHERS, replace(params, dates_as_entities=False))


def test_an_inferred_date_does_not_split_a_story() -> None:
    text = "Police in Dunmore arrested the Rovers captain Tomas Reiby after a fight outside the club."
    docs = [StoryInput("s0", "2008-03-01", "Reiby arrested in Dunmore", text),
            StoryInput("s1", "2008-03-02", "Rovers captain Reiby held", text),
            StoryInput("s2", "2013-10-19", "Reiby arrest", text, inferred=True)]  # a guess, years off
    assert ["s0", "s1", "s2"] in cluster_stories(docs + OTHERS)
    assert ["s0", "s1", "s2"] not in cluster_stories(docs + OTHERS, StoryParams(inferred_days=True))
