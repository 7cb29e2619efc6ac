"""Holidays: the day each falls on, whose holiday it is, and reading "Christmas", "last
Thanksgiving", "Easter week".

A holiday is resolved only where the text says whose it is (:data:`HOLIDAY_OWNERS`); otherwise it
is still a DATE, as TimeML marks every holiday name, with an unknown value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, week

if TYPE_CHECKING:
    from storyline.analyse.time.anchor import Anchor


def easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day_of_month = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day_of_month)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1), "new year's eve": lambda y: dt.date(y, 12, 31),
    "halloween": lambda y: dt.date(y, 10, 31), "valentine's day": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4), "the fourth of july": lambda y: dt.date(y, 7, 4),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    # U.S. Election Day: the Tuesday after the first Monday of November
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter": easter, "easter sunday": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
}


@dataclass(frozen=True)
class HolidayOwner:
    """Whose holiday a name is, and what in a text says the text means that country's."""

    qualifier: re.Pattern[str]  # written just before the name: "America's", "U.S."
    named: re.Pattern[str] | None  # the document naming the country is enough (None: it is not)
    rival: re.Pattern[str] | None = None  # a country that keeps the same name on another day


# The dates in HOLIDAYS for these names are one country's. About 120 countries keep an
# "Independence Day", each on its own day, so only a qualifier says it is July 4 (a text about
# Azerbaijan that mentions Washington is still about Azerbaijan's); the other names are rarely
# another country's, so a document that names the United States (and not Canada, whose
# Thanksgiving falls in October) means its. Without that evidence the holiday is still a DATE,
# as TimeML marks every holiday name, but its value is unknown (XXXX-XX-XX), as for any date
# the text does not fix. "The Fourth of July" names its own day and needs no owner.
_US_QUALIFIER = re.compile(
    r"(?:\bU\.\s?S\.?|\bUSA?|\b[Uu]nited [Ss]tates(?:'|’)?|\bAmerica(?:'s|’s)?|\bAmerican)\s+$")
_US_NAMED = re.compile(r"(?:\bU\.S\.|\bUSA?\b|\bUnited States\b|\bAmericans?\b|\bAmerica\b)")
_US_HOLIDAY = HolidayOwner(_US_QUALIFIER, _US_NAMED)
HOLIDAY_OWNERS: dict[str, HolidayOwner] = {
    "independence day": HolidayOwner(_US_QUALIFIER, None),
    "thanksgiving": HolidayOwner(_US_QUALIFIER, _US_NAMED, re.compile(r"\bCanad(?:a|ian)\b")),
    "thanksgiving day": HolidayOwner(_US_QUALIFIER, _US_NAMED, re.compile(r"\bCanad(?:a|ian)\b")),
    "labor day": _US_HOLIDAY, "memorial day": _US_HOLIDAY, "election day": _US_HOLIDAY,
}
# How far before a holiday's name its qualifier may start ("the United States' ").
HOLIDAY_QUALIFIER_CHARS = 20


def owner_known(name: str, text: str, start: int) -> bool:
    """Whether ``text`` says whose holiday ``name`` (at ``start``) is, when it is one country's."""
    owner = HOLIDAY_OWNERS.get(name)
    if owner is None:
        return True
    if owner.qualifier.search(text[max(0, start - HOLIDAY_QUALIFIER_CHARS):start]):
        return True
    return (owner.named is not None and bool(owner.named.search(text))
            and not (owner.rival is not None and owner.rival.search(text)))


def holiday(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "Christmas", "last Thanksgiving", "Easter week" (the week the holiday falls in)."""
    name = m["h"].lower()
    if name not in HOLIDAYS:
        return None
    if not owner_known(name, ctx.text, s):
        return Result("DATE", "XXXX-WXX" if m["week"] else "XXXX-XX-XX")
    if m["week"]:
        def when(year: int) -> dt.date:  # the week's Monday: a week that has begun is not ahead
            date = HOLIDAYS[name](year)
            return date - dt.timedelta(days=date.weekday())
        write: Callable[[dt.date], str] = week
    else:
        when, write = HOLIDAYS[name], day
    if m["y"]:
        return Result("DATE", write(when(int(m["y"]))))
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX" if m["week"] else "XXXX-XX-XX")
    rel = (m["rel"] or "").lower()
    direction = -1 if rel == "last" else 1 if rel == "next" else ctx.direction(s, e)
    options = [when(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction < 0:
        chosen = max((o for o in options if o <= ctx.dct), default=options[0])
    elif direction > 0:
        chosen = min((o for o in options if o >= ctx.dct), default=options[-1])
    else:
        chosen = min(options, key=lambda o: abs((o - ctx.dct).days))  # type: ignore[operator]
    return Result("DATE", write(chosen))
