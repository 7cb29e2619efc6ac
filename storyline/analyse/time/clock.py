"""Reading clock times: "10:35 a.m. Friday", "noon yesterday", "at 14:30"."""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.lexicon.calendar import WEEKDAYS
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.occurrence import resolve_month_day, resolve_weekday
from storyline.analyse.time.patterns import DAY_AFTER_ASIDE
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, int_day, month_of
from storyline.analyse.time.words import DEICTIC_DAYS


def clock(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    if m["word"]:
        if not m["pre"] and re.search(r"\bhigh\s+$", ctx.text[max(0, s - 6):s], re.I):
            return None  # "high noon" is a moment of reckoning (or a film), not a clock time
        hour, minute = (12, 0) if m["word"].lower() in ("noon", "midday") else (24, 0)
    elif m["ap"]:
        hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
        minute = int(m["mi"] or 0)
    else:
        hour, minute = int(m["h24"]), int(m["mi24"])
        if not re.search(r"\b(?:at|by|until|from|before|after|around|about)\s+$", ctx.text[max(0, s - 8):s], re.I) \
                and not m["tz"] and not m["day"] and not m["pre"]:
            return None  # "3:1" scores and "10:30" ratios; a bare 24-hour time needs a cue
    day_word = (m["day"] or m["pre"] or "").lower().rstrip(".")
    if not day_word:
        # "at 10:35 a.m. (0735 GMT) Friday": the day follows the aside
        aside = DAY_AFTER_ASIDE.match(ctx.text, e)
        day_word = aside["day"].lower().rstrip(".") if aside else ""
    date: str
    if ctx.dct is None:
        date = "XXXX-XX-XX"
    elif m["mon"]:
        resolved = resolve_month_day(ctx.dct, month_of(m["mon"]), int_day(m["md"]), ctx.direction(s, e))
        date = day(resolved) if resolved else "XXXX-XX-XX"
    elif day_word in WEEKDAYS:
        date = day(resolve_weekday(ctx.dct, WEEKDAYS[day_word], ctx.direction(s, e), False))
    else:
        date = day(ctx.dct + dt.timedelta(days=DEICTIC_DAYS.get(day_word, 0)))
    return Result("TIME", f"{date}T{hour:02d}:{minute:02d}")
