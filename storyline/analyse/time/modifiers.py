"""The words around a core expression that TIMEX3 reads into it: a position ("early", "the end
of" → START, END, MID), a day's neighbour or its week ("the day before", "the week of"), and a
quantity ("nearly", "more than", "about" → LESS_THAN, MORE_THAN, APPROX).

Quantity modifiers that are never prepositions are inside the extent ("nearly two years"); those
that often are ("about", "over", "around") stay outside and only set ``mod``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from storyline.analyse.time.result import Result
from storyline.analyse.time.values import day, week

# How far left of a timex a quantity modifier ("more than", "approximately") may start. Long
# enough for the longest modifier plus spacing; short enough never to reach the previous clause.
MODIFIER_LOOKBEHIND = 24

_POSITION_PREFIX = re.compile(
    r"(?:(?<![\w])(?P<w>(?:the\s+)?(?:very\s+)?(?:early|late|mid|earlier|later)|(?:the\s+)?"
    r"(?:end|beginning|start|middle|turn|close|(?:first|second|last|latter)\s+half)\s+of(?:\s+the)?)"
    r"(?:\s*-\s*|\s+))$", re.I)
# a day's neighbour or its week: "the day before last Tuesday", "the week of March 6"
_DAY_FRAME_PREFIX = re.compile(
    r"(?<![\w])(?P<w>(?:the\s+)?day\s+(?P<ba>before|after)|(?P<week>the\s+week\s+of))\s+$", re.I)
_QUANTITY_PREFIX = re.compile(
    r"(?<![\w])(?P<w>about|around|approximately|roughly|some|nearly|almost|more\s+than|over|at\s+least|"
    r"less\s+than|fewer\s+than|under|up\s+to|no\s+more\s+than|no\s+less\s+than|just\s+over|just\s+under)\s+$",
    re.I)
# Quantity modifiers that TIMEX3 puts inside the extent ("nearly two years"). Those that double as
# prepositions ("about", "over", "around", "under") stay outside: "talked about two days" and
# "over the weekend" would otherwise grow wrong spans.
INSIDE_MODIFIERS = frozenset({"nearly", "almost", "more than", "less than", "fewer than", "at least",
                              "no more than", "no less than", "roughly", "approximately", "just over",
                              "just under"})
_QUANTITY_MOD: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "just under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}
_APPROXIMATE = ("about", "around", "approximately", "roughly")


class Extent(NamedTuple):
    """A timex as its modifiers make it: where it starts, its value(s) and its ``mod``."""

    start: int
    value: str
    values: tuple[str, ...]
    mod: str | None


def _position_mod(word: str) -> str:
    word = word.lower()
    if any(w in word for w in ("early", "beginning", "start", "first")):
        return "START"
    if any(w in word for w in ("mid", "middle")):
        return "MID"
    return "END"


def widen(text: str, result: Result, start: int, end: int, *, previous_end: int,
          quantified: bool) -> Extent:
    """Read the modifiers left of ``text[start:end]`` (never before ``previous_end``, where the
    previous timex ends). ``quantified``: the rule counts ("two years ago"), so a quantity
    modifier is its own whatever the type of its value."""
    mod = result.mod
    if result.type in ("DATE", "TIME"):
        prefix = _POSITION_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
        core = text[start:end].lower()
        # "the end of the year" joins an "of" phrase to a core that brings its own "the"
        if prefix and not core.startswith(("early", "late", "mid")) and (
                not core.startswith("the ") or prefix["w"].lower().rstrip().endswith("of")):
            start = prefix.start("w")
            mod = mod or _position_mod(prefix["w"])
    values, value = result.values, result.value
    frame = _DAY_FRAME_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
    if frame and result.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        days = [dt.date.fromisoformat(v) for v in values or (value,)]
        if frame["week"]:
            values = (week(days[0]),)  # "the week of March 6"
        else:
            # "the day before last Tuesday's hearing" is the Monday
            shift = dt.timedelta(days=1 if frame["ba"].lower() == "after" else -1)
            values = tuple(day(d + shift) for d in days)
        value, start = values[0], frame.start("w")
    if result.type == "DURATION" or quantified:
        quantity = _QUANTITY_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
        word = re.sub(r"\s+", " ", quantity["w"].lower()) if quantity else ""
        # "over the past three months" is a preposition; "over ten weeks" a quantity
        if word and not (word in ("over", "under") and text[start:end].lower().startswith("the ")):
            mod = mod or _QUANTITY_MOD[word]
            if word in INSIDE_MODIFIERS and quantity is not None:
                start = quantity.start("w")
    if result.type in ("DATE", "TIME") and mod is None:
        quantity = _QUANTITY_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
        if quantity and quantity["w"].lower() in _APPROXIMATE:
            mod = "APPROX"
    return Extent(start, value, values, mod)
