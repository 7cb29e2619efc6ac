"""Lists and ranges are one timex: "Monday and Tuesday", "January 9 and 10", "from 10 to 13
January", "January 11-12" give a single timex whose ``value`` is the first day and whose
``values`` lists every day covered."""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.lexicon.calendar import WEEKDAYS
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.direction import ended_before
from storyline.analyse.time.occurrence import DAY_REACH, ENDED_REACH, resolve_month_day, resolve_weekday
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, day_list, int_day, undated_day


def listed_days(first: str, more: str) -> tuple[list[int], bool]:
    """The days of "9", "9 and 10", "9, 10 and 11" or "10 to 13", and whether they bound a range
    (two days joined by "to", "through" or a dash)."""
    rest = [m.group() for m in re.finditer(r"\d+", more)]
    joiners = re.sub(r"\d+(?:st|nd|rd|th)?", " ", more)
    is_range = len(rest) == 1 and not re.search(r"\b(and|or)\b|,", joiners, re.I)
    return [int_day(first)] + [int(d) for d in rest], is_range


def month_days(ctx: Anchor, start: int, end: int, month: int, days: list[int], year: str | None,
               is_range: bool, weekday: str | None = None, direction: int | None = None) -> Result | None:
    """One day, a list or a range of days of ``month``: in ``year`` when the text gives it, else
    the occurrence that ``direction`` (read from the tense when None) and a named ``weekday``
    point to."""
    if any(not 1 <= d <= 31 for d in days):
        return None
    if ctx.dct is None and year is None:
        values = tuple(undated_day(month, d) for d in days)
        return Result("DATE", values[0], values)
    try:
        if year is not None:
            dates = [dt.date(int(year), month, d) for d in days]
        else:
            if direction is None:
                direction = ctx.direction(start, end)
            named_weekday = WEEKDAYS[weekday.lower().rstrip(".")] if weekday else None
            ended = ended_before(ctx.text, start)
            first = resolve_month_day(ctx.dct, month, days[0], -1 if ended else direction,  # type: ignore[arg-type]
                                      named_weekday, reach=ENDED_REACH if ended else DAY_REACH)
            if first is None:
                return None
            dates = [dt.date(first.year, month, d) for d in days]
    except ValueError:
        return None
    if is_range and len(dates) == 2 and dates[1] > dates[0]:
        values = day_list(dates[0], dates[1])
    else:
        values = tuple(day(d) for d in dates)
    return Result("DATE", values[0], values)


def weekday_dates(dct: dt.date, weekdays: list[int], separator: str, direction: int,
                  strict: bool) -> list[dt.date]:
    """The days of one weekday or two joined by ``separator``: "Friday and Thursday" is a list,
    each member in the same direction; "Monday to Wednesday" a range running forward from its
    first day."""
    first = resolve_weekday(dct, weekdays[0], direction, strict)
    if len(weekdays) < 2:
        return [first]
    if re.search(r"\b(and|or)\b|,", separator):
        return [first, resolve_weekday(dct, weekdays[1], direction, strict)]
    second = first + dt.timedelta(days=(weekdays[1] - weekdays[0]) % 7)
    return [first + dt.timedelta(days=i) for i in range((second - first).days + 1)]
