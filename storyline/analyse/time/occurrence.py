"""Which occurrence of a date named without its year (or week, or month) is meant, given the
publication date and a direction (-1 back, +1 ahead, 0 unknown) read from the tense."""

from __future__ import annotations

import datetime as dt

from storyline.analyse.time.words import SEASON_START_MONTH

# Beyond these distances (days; months) a day or month named without a year is taken to be the
# nearer occurrence even against the tense: news gives the year of an event more than about eight
# months away. Past-tense sentences about scheduled dates ("set to expire Nov. 6") need this;
# "the year ended March 31" seven months on must still look back. Months: nine, because a plan for
# "November" reported in a past tense in late October is not eleven months ago, while "stepped
# down in March" written in November is eight months back, not four ahead.
DAY_REACH = 240
MONTH_REACH = 9
# The same for quarters and halves (counted in quarters or halves): an earnings report in October
# that "will" discuss "the third quarter" means the one just ended, not next year's.
QUARTER_REACH = 2
# "The year ended Jan. 31": the end of a period that ended may lie up to a year back.
ENDED_REACH = 366


def resolve_weekday(dct: dt.date, weekday: int, direction: int, strict: bool) -> dt.date:
    """The ``weekday`` (Monday 0) nearest ``dct`` in ``direction``; ``strict``: never ``dct``."""
    delta = weekday - dct.weekday()
    if direction > 0:
        if delta < 0 or (strict and delta == 0):
            delta += 7
    elif delta > 0 or (strict and delta == 0):
        delta -= 7
    return dct + dt.timedelta(days=delta)


def pick(back: int | None, ahead: int | None, direction: int, reach: int) -> int:
    """Choose between the nearest past (``back`` units ago) and future (``ahead``) occurrence.

    Tense points the way, but an expression without a year almost always means a nearby date:
    when the occurrence tense points to is more than ``reach`` away and the other one is nearer,
    the nearer wins ("payable Dec. 7" in a past-tense sentence of late October). Returns -1 for
    the past occurrence, +1 for the future one.
    """
    if back is None:
        return 1
    if ahead is None:
        return -1
    if direction < 0:
        return 1 if back > reach and ahead < back else -1
    if direction > 0:
        return -1 if ahead > reach and back < ahead else 1
    return -1 if back <= ahead else 1


def resolve_month_year(dct: dt.date, month: int, direction: int, strict: bool = False) -> int:
    """The year of the ``month`` meant; ``strict`` ("last March"): never the current month."""
    if strict:
        if direction < 0:
            return dct.year if month < dct.month else dct.year - 1
        return dct.year if month > dct.month else dct.year + 1
    if month == dct.month:
        return dct.year
    back = (dct.month - month) % 12
    ahead = (month - dct.month) % 12
    if pick(back, ahead, direction, MONTH_REACH) < 0:
        return dct.year if month < dct.month else dct.year - 1
    return dct.year if month > dct.month else dct.year + 1


def resolve_month_day(dct: dt.date, month: int, day: int, direction: int,
                      weekday: int | None = None, reach: int = DAY_REACH) -> dt.date | None:
    """The date of "``month`` ``day``" meant; a named ``weekday`` ("Monday, Oct. 26") picks the
    year it falls on. None when the day exists in no nearby year."""
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        # "Monday, Oct. 26": the weekday names the year
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - dct).days))
    if not candidates:
        return None
    past = [c for c in candidates if c <= dct]
    future = [c for c in candidates if c >= dct]
    if dct in candidates:
        return dct
    latest_past = max(past) if past else None
    earliest_future = min(future) if future else None
    side = pick((dct - latest_past).days if latest_past else None,
                (earliest_future - dct).days if earliest_future else None, direction, reach)
    return latest_past if side < 0 and latest_past else earliest_future


def season_year(dct: dt.date, season: str, offset: int, direction: int) -> int:
    """Year of the season meant: offset -1/0/+1 for last/this/next, else by tense."""
    current_year = dct.year - 1 if dct.month <= 2 else dct.year
    current = ("WI" if dct.month in (12, 1, 2) else "SP" if dct.month <= 5
               else "SU" if dct.month <= 8 else "FA")
    current_start = (current_year, SEASON_START_MONTH[current])
    # the occurrences of `season` around the publication date, as (year, start month)
    options = [(y, SEASON_START_MONTH[season]) for y in (dct.year - 2, dct.year - 1, dct.year,
                                                         dct.year + 1)]
    if offset < 0 or (offset == 0 and direction < 0 and season != current):
        return max(o for o in options if o < current_start)[0]
    if offset > 0 or (offset == 0 and direction > 0 and season != current):
        return min(o for o in options if o > current_start)[0]
    if season == current:
        return current_year
    return min(options, key=lambda o: abs((o[0] * 12 + o[1]) - (current_start[0] * 12
                                                               + current_start[1])))[0]
