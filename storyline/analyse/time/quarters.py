"""Reading quarters, halves and fiscal periods: "the third quarter", "fiscal 1990's first half",
"the year-ago quarter", "the 1988 period", "the year", "year-end"."""

from __future__ import annotations

import re

from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.occurrence import QUARTER_REACH, pick
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import quarter_of
from storyline.analyse.time.words import ORDINALS


def quarter(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    kind = m["k"].lower()
    if m["ord"].lower() in ("last", "latter"):
        # "the last half of 1989" is H2; without a year "the last quarter" is the previous one,
        # which the relative-unit rule reads
        if not m["y2"]:
            return None
        ordinal = 4 if kind == "quarter" else 2
    else:
        ordinal = ORDINALS[m["ord"].lower()]
    if kind == "half" and ordinal > 2:
        return None
    letter = "Q" if kind == "quarter" else "H"
    year_text = m["y1"] or m["y2"]
    if year_text:
        year = int(year_text)
    elif m["ry"] and ctx.dct is not None:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
    elif ctx.dct is None:
        return Result("DATE", f"XXXX-{letter}{ordinal}")
    else:
        per_year = 4 if letter == "Q" else 2
        now = ctx.dct.year * per_year + ((ctx.dct.month - 1) * per_year) // 12
        direction = ctx.direction(s, e)
        options = [y * per_year + ordinal - 1 for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
        past = max(o for o in options if o <= now)
        future = min(o for o in options if o >= now)
        # the quarter under way counts as both: "the fourth quarter" in October is this one.
        # A past tense never means a quarter that has not begun: "earned $5 million in the fiscal
        # first quarter" in October is the one reported on, however long ago it started.
        side = -1 if direction < 0 else pick(now - past, future - now, direction, QUARTER_REACH)
        year = (past if side < 0 else future) // per_year
    if m["ago"] and not year_text:
        year -= 1  # "the year-ago third quarter": the same quarter a year before the one reported
    return Result("DATE", f"{year:04d}-{letter}{ordinal}")


def the_quarter(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    following = ctx.text[e:e + 20]
    if m["y"]:
        # "the 1988 period" in an earnings report: the quarter under discussion, in that year
        named = ctx.quarter_near(s) or ctx.story.quarter()
        return Result("DATE", f"{m['y']}-Q{named[1]}" if named else m["y"], refers_back=True)
    back = 1 if ("year" in word or "comparable" in word or "same" in word) else 0
    if "year-" in word and not word.endswith(("quarter", "period")):
        # "year-earlier results": the same period a year before
        if not re.match(r"\s+(?:quarter|period|results?|figures?|levels?|profit|earnings|sales|net|loss)",
                        following, re.I):
            return None
    named = ctx.quarter_near(s) or ctx.story.quarter()
    if named is None:
        if ctx.dct is None:
            return Result("DATE", "XXXX-QX")
        if back and "quarter" not in word:
            # "year-ago results", "the year-earlier period" with no quarter in play: last year
            return Result("DATE", f"{ctx.dct.year - back:04d}")
        year, q = quarter_of(ctx.dct)
        index = year * 4 + q - 2
        named = (index // 4, index % 4 + 1)
    return Result("DATE", f"{named[0] - back:04d}-Q{named[1]}")


def the_year(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    following = ctx.text[e:e + 12]
    if re.match(r"\s+(?:ended|ending|to\s+date)\b", following, re.I):
        return Result("DURATION", "P1Y")  # "the year ended Sept. 30": a twelve-month period
    if re.match(r"\s*(?:'s|’s|before|after|earlier|later|ago|of(?!\s*[$£€\d])|in\s+which|when)\b",
                following, re.I):
        # anchored on something else ("the year before the war", "the year of the flood"); "a high
        # for the year of $42" is this year's
        return None
    if ctx.dct is None:
        return Result("DATE", "XXXX")
    return Result("DATE", f"{ctx.dct.year:04d}")


def year_end(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "by year-end", "since year end", "by year's end": the end of a calendar year (mod END)."""
    if re.match(r"\s+(?!and\b|or\b|to\b|in\b|at\b|for\b|of\b|on\b)[a-z]", ctx.text[e:e + 12]):
        return None  # "year-end profit", "a year-end bonus": a kind of figure, not a time
    if ctx.dct is None:
        return Result("DATE", "XXXX", mod="END")
    if re.search(r"\bsince\s+$", ctx.text[max(0, s - 7):s], re.I):
        direction = -1  # "has doubled since year-end": the end of a year already over
    else:
        direction = ctx.direction(s, e)
    # a past tense means the last year-end, except in the year's last weeks ("at year-end" can
    # hardly be the one eleven months ago when written in December)
    past = direction < 0 and ctx.dct.month < 12
    return Result("DATE", f"{ctx.dct.year - 1 if past else ctx.dct.year:04d}", mod="END")
