"""The TempEval benchmark's mapping of Storyline's timexes onto TimeML's, on hand-made records."""

from __future__ import annotations

from benchmark_scripts import load_benchmark

from storyline.records import Timex

bench = load_benchmark("tempeval")
TEXT = "The Ardan summit is on April 24 and 25, after talks from 10 to 13 April and on March 5, 1998."


def timex(fragment: str, values: tuple[str, ...]) -> Timex:
    start = TEXT.index(fragment)
    return Timex(doc="d", start=start, end=start + len(fragment), text=fragment, type="DATE",
                 value=values[0], sentence=0, values=values, rule="test")


def members(fragment: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    found = bench.timeml_members(timex(fragment, values))
    for member in found:
        assert TEXT[member.start:member.end] == member.text
    return [(m.text, m.value) for m in found]


def test_a_list_gives_each_day_its_own_timex() -> None:
    assert members("April 24 and 25", ("1998-04-24", "1998-04-25")) == [
        ("April 24", "1998-04-24"), ("25", "1998-04-25")]


def test_a_range_gives_its_two_ends() -> None:
    days = ("1998-04-10", "1998-04-11", "1998-04-12", "1998-04-13")
    assert members("10 to 13 April", days) == [("10", "1998-04-10"), ("13 April", "1998-04-13")]


def test_a_single_date_with_its_year_stays_whole() -> None:
    assert members("March 5, 1998", ("1998-03-05",)) == [("March 5, 1998", "1998-03-05")]
