"""Reading calendar dates named by their parts: ISO and slashed dates, month and day, month and
year, a month, a year, a decade, a season, a spoken year, a century."""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.lists import listed_days, month_days
from storyline.analyse.time.occurrence import resolve_month_year, season_year
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, month_of, number
from storyline.analyse.time.words import DECADE_WORDS, NON_TEMPORAL_ENTS, SEASONS


def iso_date(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    try:
        date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return Result("TIME", f"{day(date)}T{m['H']}:{m['M']}")
    return Result("DATE", day(date))


def slash_date(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 40 else 2000
    try:
        return Result("DATE", day(dt.date(year, int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


def month_day(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    days, is_range = listed_days(m["d1"], m["more"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    direction = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else None
    return month_days(ctx, s, e, month_of(m["mon"]), days, m["y"], is_range, m["wd"], direction)


def day_month(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    days, is_range = listed_days(m["d1"], m["more"])
    return month_days(ctx, s, e, month_of(m["mon"]), days, m["y"], is_range, m["wd"])


def month_year(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    return Result("DATE", f"{m['y']}-{month_of(m['mon']):02d}")


def _is_noun_like(ctx: Anchor, s: int, e: int) -> bool:
    token = ctx.token(s, e)
    if token is None:
        return False
    if token.tag_ == "MD" or token.pos_ in ("VERB", "AUX"):
        return False
    head = token.head
    if (token.dep_ == "compound" and head.pos_ == "PROPN" and head.i > token.i
            and head.lower_.rstrip(".") not in MONTHS and head.lower_.rstrip(".") not in WEEKDAYS):
        return False  # part of a name: "April Ryder", "the March for Life"
    return token.ent_type_ not in NON_TEMPORAL_ENTS


def month(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    month = month_of(m["mon"])
    if m["mon"].lower().rstrip(".") in ("may", "march", "mar", "jan", "sat", "sun") or not m["rel"]:
        if not _is_noun_like(ctx, m.start("mon"), m.end("mon")):
            return None
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}")
    rel = (m["rel"] or "").strip().lower()
    if m["ry"]:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
    elif rel in ("last", "past"):
        year = resolve_month_year(ctx.dct, month, -1, strict=True)
    elif rel in ("next", "coming"):
        year = resolve_month_year(ctx.dct, month, 1, strict=True)
    else:
        # "this September" is the one of the publication year, whichever side of today it falls
        year = ctx.dct.year if rel == "this" else resolve_month_year(ctx.dct, month, ctx.direction(s, e))
    return Result("DATE", f"{year:04d}-{month:02d}")


def year(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    if not m["fiscal"]:
        token = ctx.token(m.start("y"), m.end("y"))
        if token is not None:
            if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "TIME", "PRODUCT"):
                return None
            if (token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.i == token.i + 1
                    and not (token.i > 0 and token.doc[token.i - 1].tag_ in ("DT", "PRP$", "POS"))):
                # "sell 1990 shares" counts things; "the 1992 floods", "its 1989 wool sales"
                # and "1990 Korvan earnings" are dated
                return None
    return Result("DATE", m["y"])


def decade(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mod"] or "").lower())
    if m["c"]:
        return Result("DATE", f"{m['c']}{m['d']}", mod=mod)
    digit = m["d2"] or str(DECADE_WORDS[(m["w"] or "").lower()])
    if m["w"] and not m.group(0).lower().startswith("the"):
        return None  # "nineties" alone is more often an age or a temperature
    century = "19" if ctx.dct is None or int(digit) * 10 > ctx.dct.year % 100 else str(ctx.dct.year // 100)
    return Result("DATE", f"{century}{digit}", mod=mod)


def season(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    season = SEASONS[m["s"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel and not m["y"]:
        token = ctx.token(m.start("s"), m.end("s"))
        if token is None or token.pos_ != "NOUN" or token.dep_ == "compound":
            return None
    elif rel.startswith("the") and not m["y"]:
        token = ctx.token(m.start("s"), m.end("s"))
        if token is None or token.pos_ not in ("NOUN", "PROPN"):
            return None
    mod = "START" if "early" in rel else "END" if "late" in rel else None
    if m["y"]:
        return Result("DATE", f"{m['y']}-{season}", mod=mod)
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{season}", mod=mod)
    offset = -1 if rel in ("last", "past", "this past") else 1 if rel in ("next", "coming", "this coming") else 0
    direction = 0 if rel == "this" else ctx.direction(s, e)
    return Result("DATE", f"{season_year(ctx.dct, season, offset, direction):04d}-{season}", mod=mod)


def spoken_year(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand"."""
    if m["t"]:
        year = 1900 + int(number(m["t"]) or 0) + int(number(m["o"]) or 0 if m["o"] else 0)
    else:
        if not m["the"]:
            return None  # "two thousand" alone is a count far more often than a year
        year = 2000 + (int(number(m["o2"]) or 0) if m["o2"] else 0)
    if m["mon"]:
        return Result("DATE", f"{year:04d}-{month_of(m['mon']):02d}")  # "January nineteen ninety-seven"
    if m["season"]:
        return Result("DATE", f"{year:04d}-{SEASONS[m['season'].lower()]}")
    return Result("DATE", f"{year:04d}")


def century(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    return Result("DATE", f"{int(m['n']) - 1:02d}")
