"""What a rule's reading returns: the type and TIMEX3 value of one expression."""

from __future__ import annotations

from typing import NamedTuple

from storyline.records import TimexType


class Result(NamedTuple):
    """``values`` lists every day of a list or range (empty: just ``value``); ``mod`` is the
    TIMEX3 modifier the expression itself carries ("early 1990" → START); ``refers_back``: the
    value counts from the quarter the story is about ("a year ago", "the 1988 period"), so it
    must not replace that quarter (:func:`storyline.analyse.time.story.after`)."""

    type: TimexType
    value: str
    values: tuple[str, ...] = ()
    mod: str | None = None
    refers_back: bool = False
