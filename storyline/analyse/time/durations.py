"""Reading lengths of time: "two years", "the past 18 months", "years", "over the years"."""

from __future__ import annotations

import re

from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.patterns import YEAR
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import duration as duration_value
from storyline.analyse.time.values import number, unit


def duration(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    unit_word = unit(m["u"] + (m["pl"] or ""))
    n = number(m["n"])
    if m["half"] and n is not None:
        n += 0.5  # "a minute and a half"
    if m["approx"]:
        return Result("DURATION", duration_value(n, unit_word), mod="APPROX")  # "a year or two", "a week or so"
    word = m["n"].lower()
    if word == "one" and unit_word == "day" and not m["the"] and not m["pl"]:
        span = ctx.span(s, e)
        after = ctx.doc[span.end] if span is not None and span.end < len(ctx.doc) else None
        if after is not None and after.pos_ in ("VERB", "AUX"):
            # "Karsa will one day be the largest port": some day to come, not a length of time
            return Result("DATE", "FUTURE_REF")
    if word in ("a", "an") and m["pl"]:
        return None
    if re.fullmatch(YEAR, m["n"]) and not m["pl"]:
        return None  # "the 1988 quarter" names a year's quarter, it does not count 1988 of them
    if m["the"] and m["sep"] == "-":
        return None  # "the 14-day delay": the article belongs to "delay"; the bare "14-day" remains
    if unit_word == "quarter" and n is not None and (m["sep"] == "-" or re.match(r"\s+of\b", ctx.text[e:e + 4])):
        return None  # "three-quarters of its food" is a fraction; "several quarters of losses" is not
    if unit_word == "second" and word in ("a", "an"):
        return None  # "a second" is an ordinal far more often than a duration
    if unit_word == "quarter" and word in ("a", "an", "one"):
        return None  # "a quarter of the shares" is a fraction
    if word in ("a", "an") and not m["the"]:
        before = ctx.text[max(0, s - 12):s].lower()
        if re.search(r"(?:\btimes|\btwice|\bonce|\bthrice|[\d%]|\bcents?|\bdollars?)\s*$", before):
            return Result("SET", duration_value(1, unit_word))
    if m["the"] and m["adj"] and m["adj"].lower() in ("first", "last", "final") and unit_word == "quarter":
        return None
    return Result("DURATION", duration_value(n, unit_word))


def bare_units(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    before = ctx.text[max(0, s - 12):s].lower()
    if not re.search(r"\b(?:for|over|in|within|after|took|takes|last(?:ed|s)?|than|nearly|almost|the)\s+$", before):
        return None
    if re.match(r"\s+(?:of|old|ago|later|earlier|before|after)\b", ctx.text[e:e + 10], re.I):
        return None
    if before.endswith("the "):
        return None
    return Result("DURATION", duration_value(None, unit(m["u"])))


def the_units(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    """ "over the years", "in the years that followed", "the weeks ahead": a stretch of unstated
    length. "the days before the vote" is a time set by an event, which we cannot place."""
    over = re.search(r"\b(?:over|throughout|through)\s+$", ctx.text[max(0, s - 12):s], re.I)
    since = re.match(r"\s+(?:that|which)\s+followed\b|\s+since\b", ctx.text[e:e + 16], re.I)
    if not (m["ahead"] or over or since):
        return None
    return Result("DURATION", duration_value(None, unit(m["u"])))
