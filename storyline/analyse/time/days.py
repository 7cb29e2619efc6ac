"""Reading days and parts of days named relative to the publication day: weekdays, "today",
"yesterday", "mid-afternoon", "this morning", "the week", "the weekend"."""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.lexicon.calendar import WEEKDAYS
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.lists import weekday_dates
from storyline.analyse.time.occurrence import resolve_weekday
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, week
from storyline.analyse.time.words import DEICTIC_DAYS, PARTS_OF_DAY
from storyline.records import TimexType


def weekday(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    days = [WEEKDAYS[m["w1"].lower().rstrip(".")]]
    if m["w2"]:
        days.append(WEEKDAYS[m["w2"].lower().rstrip(".")])
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    timex_type: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ctx.dct is None:
        values = tuple(f"XXXX-WXX-{d + 1}{suffix}" for d in days)
        return Result(timex_type, values[0], values)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if rel in ("last", "past", "this past", "the previous"):
        direction, strict = -1, True
    elif rel in ("next", "coming", "this coming", "the following"):
        direction, strict = 1, True
    else:
        direction, strict = ctx.direction(s, e), False
    dates = weekday_dates(ctx.dct, days, m["sep"] or "", direction, strict)
    values = tuple(day(d) + suffix for d in dates)
    return Result(timex_type, values[0], values)


def deictic_day(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    word = m["w"].lower()
    offset = DEICTIC_DAYS[word]
    if m["ba"]:
        offset += -1 if m["ba"].lower() == "before" else 1
    pod = "NI" if word == "tonight" else PARTS_OF_DAY.get((m["pod"] or "").lower())
    if pod is None and m["pod"]:
        return None
    if ctx.dct is None:
        value = "XXXX-XX-XX" if word != "today" else "PRESENT_REF"
        return Result("TIME" if pod else "DATE", value + (f"T{pod}" if pod and word != "today" else ""))
    value = day(ctx.dct + dt.timedelta(days=offset))
    return Result("TIME", f"{value}T{pod}") if pod else Result("DATE", value)


def mid_pod(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "by mid-afternoon", "at mid-morning yesterday": the middle of a part of the day named
    without a date, like a bare clock time, is the story's day (the publication day)."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}", mod="MID")
    day_word = (m["day"] or "").lower().rstrip(".")
    if day_word in WEEKDAYS:
        date = resolve_weekday(ctx.dct, WEEKDAYS[day_word], ctx.direction(s, e), False)
    else:
        date = ctx.dct + dt.timedelta(days=DEICTIC_DAYS.get(day_word, 0))
    return Result("TIME", f"{day(date)}T{pod}", mod="MID")


def this_pod(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    pod = PARTS_OF_DAY[m["pod"].lower()]
    rel = m["rel"].lower()
    if "last" in rel and pod != "NI":
        return None
    offset = -1 if "last" in rel else 0
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}")
    mod = "START" if rel.startswith("early") else "END" if rel.startswith("late") else None
    return Result("TIME", f"{day(ctx.dct + dt.timedelta(days=offset))}T{pod}", mod=mod)


def the_week(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "For the week, the shares lost 3%": a week the story is about, named by reference to it. The
    text does not say which calendar week that is (the week to date, the trading week just ended),
    so, as TimeBank does, only the year is given."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX")
    return Result("DATE", f"{ctx.dct.year:04d}-WXX")


def the_weekend(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX-WE")
    direction = ctx.direction(s, e)
    dct = ctx.dct
    if direction > 0:
        base = dct if dct.weekday() < 5 else dct + dt.timedelta(days=7) if dct.weekday() == 6 else dct
    else:
        base = dct - dt.timedelta(days=7) if dct.weekday() < 5 else dct
    return Result("DATE", week(base) + "-WE")
