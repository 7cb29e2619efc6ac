"""Reading sets, what recurs: "every Monday", "each year", "daily", "per hour", "on Sundays"."""

from __future__ import annotations

import re

from storyline.analyse.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.result import Result
from storyline.analyse.time.values import duration, unit
from storyline.analyse.time.words import FREQUENCY_ADVERBS, PARTS_OF_DAY, RECURRING_ADJECTIVES, SEASONS


def recurring(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    if m["adv"]:
        token = ctx.token(s, e)
        if token is not None and (token.pos_ in ("NOUN", "PROPN") or (token.dep_ in ("amod", "compound") and (
                m["adv"].lower() not in RECURRING_ADJECTIVES or token.head.pos_ == "PROPN"
                or (token.i > 0 and token.doc[token.i - 1].pos_ == "PROPN")
                or re.search(r"\baverage\s+$", ctx.text[max(0, s - 9):s], re.I)))):
            # "a quarterly dividend", "the Party daily Granma": kinds of things; "average daily
            # volume" is a rate
            return None
        if re.search(r"(?:%|\bpercent)\s+$", ctx.text[max(0, s - 10):s], re.I):
            return None  # "to grow 20% annually": a rate of growth, not an event that recurs
        return Result("SET", duration(1, FREQUENCY_ADVERBS[m["adv"].lower()]))
    if m["plural"]:
        token = ctx.token(s, e)
        before = ctx.text[max(0, s - 4):s].lower()
        if not before.endswith("on ") and (token is None or token.dep_ != "npadvmod"):
            return None
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[m['plural'][:-1].lower()] + 1}")
    what = (m["what"] or m["per"] or "").lower().rstrip(".")
    if what in WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}")
    if what in PARTS_OF_DAY:
        return Result("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if what in SEASONS:
        return Result("SET", f"XXXX-{SEASONS[what]}")
    if what in MONTHS:
        return Result("SET", f"XXXX-{MONTHS[what]:02d}")
    if what == "weekend":
        return Result("SET", "XXXX-WXX-WE")
    return Result("SET", duration(1, unit(what)))
