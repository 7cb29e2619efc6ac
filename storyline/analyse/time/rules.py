"""The rules, in order: each registered by name with the kind of expression it reads, its pattern
(:mod:`~storyline.analyse.time.patterns`) and the function that reads a match.

Adding a rule is one entry in :data:`RULES`. The order matters: when two rules propose the same
span, the earlier one is tried first (candidates are settled longest first, then by start, and
the sort keeps this order among equals), and the first reading that accepts it wins. A reading
returns ``None`` to refuse a match. ``Timex.rule`` is the rule's name, so names are stored and
must not change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from storyline.analyse.time import clock, dates, days, durations, holidays, patterns, quarters, references, relative, sets
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.result import Result

Reading = Callable[[re.Match[str], Anchor, int, int], Result | None]
"""What a rule does with a match: ``(match, anchor, start, end)`` → a result, or None to refuse."""

Kind = Literal["date", "day", "reference", "relative", "duration", "set", "quarter", "clock", "holiday"]
"""The kind of expression a rule reads; each kind's readings are in the module of that name
(``date`` in ``dates``, ``day`` in ``days``, ``reference`` in ``references`` …)."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Kind
    pattern: re.Pattern[str] = field(repr=False)
    read: Reading = field(repr=False)
    # a quantity modifier before the expression is its own, whatever the type of its value
    # ("nearly two years ago"); for the other rules only before a DURATION
    quantified: bool = False


def _rule(name: str, kind: Kind, pattern: str, read: Reading, *, quantified: bool = False) -> Rule:
    return Rule(name, kind, re.compile(pattern, re.I), read, quantified)


RULES: tuple[Rule, ...] = (
    _rule("iso-date", "date", patterns.ISO_DATE, dates.iso_date),
    _rule("slash-date", "date", patterns.SLASH_DATE, dates.slash_date),
    _rule("month-day", "date", patterns.MONTH_DAY, dates.month_day),
    _rule("day-month", "date", patterns.DAY_MONTH, dates.day_month),
    _rule("month-year", "date", patterns.MONTH_YEAR, dates.month_year),
    _rule("month", "date", patterns.MONTH_ALONE, dates.month),
    _rule("year", "date", patterns.YEAR_ALONE, dates.year),
    _rule("decade", "date", patterns.DECADE, dates.decade),
    _rule("season", "date", patterns.SEASON_NAMED, dates.season),
    _rule("weekday", "day", patterns.WEEKDAY_NAMED, days.weekday),
    _rule("deictic-day", "day", patterns.DEICTIC_DAY, days.deictic_day),
    _rule("mid-pod", "day", patterns.MID_POD, days.mid_pod),
    _rule("this-pod", "day", patterns.THIS_POD, days.this_pod),
    _rule("reference", "reference", patterns.REFERENCE, references.reference),
    _rule("reference-adjective", "reference", patterns.REFERENCE_ADJECTIVE, references.reference_adjective),
    _rule("relative-unit", "relative", patterns.RELATIVE_UNIT, relative.relative_unit),
    _rule("that-unit", "relative", patterns.THAT_UNIT, relative.that_unit),
    _rule("the-week", "day", patterns.THE_WEEK, days.the_week),
    _rule("weekend", "day", patterns.THE_WEEKEND, days.the_weekend),
    _rule("ago", "relative", patterns.AGO, relative.ago, quantified=True),
    _rule("duration", "duration", patterns.DURATION, durations.duration),
    _rule("bare-units", "duration", patterns.BARE_UNITS, durations.bare_units),
    _rule("the-units", "duration", patterns.THE_UNITS, durations.the_units),
    _rule("set", "set", patterns.SET, sets.recurring),
    _rule("quarter", "quarter", patterns.QUARTER, quarters.quarter),
    _rule("the-quarter", "quarter", patterns.THE_QUARTER, quarters.the_quarter),
    _rule("the-year", "quarter", patterns.THE_YEAR, quarters.the_year),
    _rule("year-end", "quarter", patterns.YEAR_END, quarters.year_end),
    _rule("spoken-year", "date", patterns.SPOKEN_YEAR, dates.spoken_year),
    _rule("century", "date", patterns.CENTURY, dates.century),
    _rule("clock", "clock", patterns.CLOCK_TIME, clock.clock),
    _rule("holiday", "holiday", patterns.HOLIDAY, holidays.holiday),
)
