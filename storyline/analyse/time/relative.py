"""Reading units counted from an anchor: "last week", "the following year", "the past three
months", "that day", "two years ago", "three days later". "Ago" counts from the publication date;
"later", "the following" and "that" from the story's time (:mod:`~storyline.analyse.time.story`)."""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.result import Result
from storyline.analyse.time.story import ANAPHOR_SENTENCES, REFERENCE_SENTENCES
from storyline.analyse.time.values import day, duration, number, quarter_of, shift_month, unit, week
from storyline.analyse.time.words import PARTS_OF_DAY, RELATIVE_OFFSETS

_SUB_MONTH_UNITS = frozenset({"second", "minute", "hour", "day", "week"})


def relative_unit(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    rel = m["rel"].lower()
    unit_word = m["u"].lower()
    n = number(m["n"]) if m["n"] else None
    if m["n"] or (m["pl"] and rel in ("past", "last", "next", "coming", "recent", "previous", "following")):
        # "the past three months", "the next two years", "recent weeks": a stretch of time
        if unit_word in ("weekend", "half"):
            return None
        return Result("DURATION", duration(n if m["n"] else None, unit_word))
    if m["pl"]:
        return None
    if unit_word == "half" and (m["the"] or re.match(r"\s+of\b", ctx.text[e:e + 4])):
        return None  # "(the) last half of the '80s" is a part of what follows
    if m["the"] and rel in ("past", "last", "next", "coming"):
        # "the past year", "the last decade" name the previous calendar unit, as "last year" does
        # (TimeBank gives DATE); "the past hour" has no calendar unit to name
        if unit_word in ("second", "minute", "hour", "day"):
            return Result("DURATION", duration(1, unit_word))
    if unit_word in ("second", "minute", "hour"):
        return None
    offset = RELATIVE_OFFSETS[rel]
    if rel == "latest" and unit_word != "quarter":
        return None
    dct = ctx.dct
    if m["the"] and rel in ("previous", "following", "prior", "preceding"):
        precision = "day" if unit_word == "day" else "month" if unit_word == "month" else "year"
        # "the following year": after the story's year. A narrative (past tense) keeps its time
        # for a paragraph; "the previous decade" is too long a stride to hang on a year named a
        # paragraph before, and "will draft the budget for the following year" looks ahead of now.
        narrative = unit_word in ("day", "week", "month", "year") and ctx.direction(s, e) < 0
        reach = ANAPHOR_SENTENCES if narrative else REFERENCE_SENTENCES
        dct = ctx.reference_date(precision, s, reach) or dct
    if unit_word == "day":
        if not m["the"] or rel not in ("previous", "following", "next", "same", "prior", "preceding"):
            return None
        return Result("DATE", day(dct + dt.timedelta(days=offset)) if dct else "XXXX-XX-XX")
    if unit_word == "week":
        return Result("DATE", week(dct + dt.timedelta(days=7 * offset)) if dct else "XXXX-WXX")
    if unit_word == "weekend":
        if dct is None:
            return Result("DATE", "XXXX-WXX-WE")
        base = dct + dt.timedelta(days=7 * offset)
        if offset < 0 and dct.weekday() >= 5:
            base = dct - dt.timedelta(days=7)
        return Result("DATE", week(base) + "-WE")
    if unit_word == "month":
        if dct is None:
            return Result("DATE", "XXXX-XX")
        year, month = shift_month(dct.year, dct.month, offset)
        return Result("DATE", f"{year:04d}-{month:02d}")
    if unit_word == "quarter":
        if dct is None:
            return Result("DATE", "XXXX-QX")
        if rel == "latest":
            offset = -1  # the latest quarter is the last one reported on: the one before today's
        year, quarter = quarter_of(dct)
        index = year * 4 + quarter - 1 + offset
        return Result("DATE", f"{index // 4:04d}-Q{index % 4 + 1}")
    if unit_word == "half":
        if dct is None:
            return Result("DATE", "XXXX-HX")
        index = dct.year * 2 + (dct.month - 1) // 6 + offset
        return Result("DATE", f"{index // 2:04d}-H{index % 2 + 1}")
    if dct is None:
        return Result("DATE", {"year": "XXXX", "decade": "XXX", "century": "XX"}.get(unit_word, "XXXX"))
    if unit_word == "year":
        return Result("DATE", f"{dct.year + offset:04d}")
    if unit_word == "decade":
        return Result("DATE", f"{dct.year // 10 + offset:03d}")
    if unit_word == "century":
        return Result("DATE", f"{dct.year // 100 + offset:02d}")
    return None


def that_unit(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "that day", "later that year": the story's own time, the date the text last named."""
    unit_word = m["u"].lower()
    pod = PARTS_OF_DAY.get(unit_word)
    precision = "day" if pod else unit_word
    anchor = ctx.reference_date(precision, s)
    if anchor is None:
        # with no date named just before, "that day" points at an event ("redemptions that day"):
        # not a timex we can place. Before the text is read in order the story's time is not
        # known, so the span is held on offer until it is.
        if ctx.story.read:
            return None
        return Result("TIME" if pod else "DATE", "XXXX-XX-XX")
    if pod:
        return Result("TIME", f"{day(anchor)}T{pod}")
    if unit_word == "day":
        return Result("DATE", day(anchor))
    if unit_word == "month":
        return Result("DATE", f"{anchor.year:04d}-{anchor.month:02d}")
    return Result("DATE", f"{anchor.year:04d}")


def ago(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "two years ago", "three days later", "a week earlier". What it gives counts from another
    time, so a quarter it names never becomes the quarter the story is about."""
    result = _ago(m, ctx, s, e)
    return result._replace(refers_back=True) if result is not None else None


def _ago(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    unit_word = unit(m["u"] + (m["pl"] or ""))
    direction = m["dir"].lower()
    if direction in ("before", "after"):
        # "two days after the vote" anchors on an event; only the standalone adverb is deictic
        following = ctx.text[e:e + 3]
        if re.match(r"\s*\w", following) and not re.match(r"\s*(?:that|this|and|but|,)", following):
            return None
        direction = "earlier" if direction == "before" else "later"
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if m["n"] is None and not m["pl"]:
        return None
    n = number(m["n"]) if m["n"] else None
    if m["half"] and n is not None:
        n += 0.5  # "a minute and a half later"
    story_time = None
    if direction in ("earlier", "later") and unit_word in _SUB_MONTH_UNITS | {"month", "year"}:
        # "two days later" counts from the story's time; "ago" from the publication date
        precision = "day" if unit_word in _SUB_MONTH_UNITS else "month" if unit_word == "month" else "year"
        story_time = ctx.reference_date(precision, s)
        if story_time is None and unit_word in _SUB_MONTH_UNITS:
            # "Three days later, ..." after an event the text did not date: the distance is
            # all it says. The publication day is no stand-in for the story's day; a year
            # earlier is still the publication year's neighbour in a report on the year.
            return Result("DURATION", duration(n, unit_word))
    finer = {"year": ("month", 12), "week": ("day", 7)}.get(unit_word)
    if n is not None and n != int(n) and finer and (n * finer[1]).is_integer():
        unit_word, n = finer[0], n * finer[1]  # "a year and a half ago" is eighteen months back
    if n is None or n != int(n):
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(n) * sign
    dct = story_time or ctx.dct
    context = ctx.quarter_near(s) if unit_word == "year" else None
    if context is not None:
        # "profit rose from a year earlier" after naming a quarter means that quarter last year
        return Result("DATE", f"{context[0] + k:04d}-Q{context[1]}")
    if dct is None:
        return Result("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit_word, "XXXX"))
    return Result("DATE", _counted_back(dct, unit_word, k))


def _counted_back(dct: dt.date, unit_word: str, k: int) -> str:
    """The date ``k`` ``unit_word``s from ``dct`` (k < 0: before), at the unit's precision."""
    if unit_word in ("second", "minute", "hour"):
        return day(dct)
    if unit_word == "day":
        return day(dct + dt.timedelta(days=k))
    if unit_word in ("week", "fortnight"):
        return week(dct + dt.timedelta(days=7 * k * (2 if unit_word == "fortnight" else 1)))
    if unit_word == "month":
        year, month = shift_month(dct.year, dct.month, k)
        return f"{year:04d}-{month:02d}"
    if unit_word == "quarter":
        year, quarter = quarter_of(dct)
        index = year * 4 + quarter - 1 + k
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit_word == "year":
        return f"{dct.year + k:04d}"
    if unit_word == "decade":
        return f"{(dct.year + 10 * k) // 10:03d}"
    return f"{(dct.year + 100 * k) // 100:02d}"
