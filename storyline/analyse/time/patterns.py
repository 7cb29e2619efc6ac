"""The regular expressions that propose time expressions: the building blocks (month, weekday,
year, day, count, unit …), built from the word tables, and one pattern per rule.

A rule's pattern is a string here; :mod:`~storyline.analyse.time.rules` compiles it
(case-insensitive) and pairs it with the function that reads the match. Where a block must keep
its case (the month "May" against the modal "may") it says so inline with ``(?-i:…)``.
"""

from __future__ import annotations

import re

from storyline.analyse.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
)
from storyline.analyse.time.holidays import HOLIDAYS
from storyline.analyse.time.words import (
    DECADE_WORDS,
    DEICTIC_DAYS,
    FREQUENCY_ADVERBS,
    NUMBER_WORDS,
    ONES,
    PARTS_OF_DAY,
    REFERENCE_ADJECTIVES,
    REFERENCES,
    RELATIVE_OFFSETS,
    SEASONS,
    TEENS,
    TENS,
    UNITS,
    VAGUE_NUMBERS,
)


def alternation(words: list[str]) -> str:
    """``words`` as a regex alternation, longest first so that a longer word wins."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _spaced(words: list[str]) -> str:
    """``words`` in the given order, each space standing for any white space."""
    return "|".join(w.replace(" ", r"\s+") for w in words)


# --- building blocks -----------------------------------------------------------------------------

_MONTH_FULL = [name.title() for name in MONTH_NAMES]
_MONTH_ABBR = [abbr.title() for name in MONTH_NAMES for abbr in MONTH_ABBREVIATIONS[name]]
# Case-sensitive: lower-case "may"/"march" are a verb and a walk; abbreviations need their dot.
MONTH = (r"(?-i:" + alternation(_MONTH_FULL + [m.upper() for m in _MONTH_FULL])
         + r"|(?:" + alternation(_MONTH_ABBR) + r")\.?)")
_WEEKDAY_FULL = [name.title() for name in WEEKDAY_NAMES]
_WEEKDAY_ABBR = [abbr.title() for name in WEEKDAY_NAMES for abbr in WEEKDAY_ABBREVIATIONS[name]]
WEEKDAY = (r"(?-i:" + alternation(_WEEKDAY_FULL + [w.upper() for w in _WEEKDAY_FULL])
           + r"|(?:" + "|".join(_WEEKDAY_ABBR) + r")\.)")
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![,.]\d)"  # not "3,620" or "3.5": numbers
NUMBER = (r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:(?:" + "|".join(TENS) + r")[-\s](?:" + "|".join(ONES) + r"))|"
          + alternation([w for w in NUMBER_WORDS if w not in ("a", "an")] + list(VAGUE_NUMBERS))
          + r"|an?)")
UNIT = r"(?:" + "|".join(UNITS) + r")"
SEASON = r"(?:" + "|".join(SEASONS) + r")"
POD = r"(?:" + "|".join(PARTS_OF_DAY) + r")"
L = r"(?<![\w'’])"  # left word boundary that also refuses "'s" and abbreviations' insides
R = r"(?![\w])"

# Between the members of a list or the ends of a range: "9 and 10", "10 to 13", "11-12". A bare
# comma lists days only when the next day ends the phrase or the list goes on: "January 9, 10 and
# 11", "May 5, 6." — not "On March 3, 12 people were killed".
LIST_SEP = (r"(?:\s*(?:-|–|—)\s*|\s+(?:to|through|until|till|and|or)\s+|,\s*and\s+"
            r"|,\s*(?=(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*(?:,|and\b|or\b)|\s*[^\w\s]|\s*$)))")

DEICTIC_DAY_WORD = "|".join(DEICTIC_DAYS)  # today|yesterday|tomorrow|tonight
_DAY_WORD = DEICTIC_DAY_WORD + "|" + WEEKDAY  # a day named without its date

# A clock time: "10:35 a.m.", "7pm", "14:30", "noon".
CLOCK = (r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?|"
         r"(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])|(?P<word>noon|midnight|midday))")
# "at 10:35 a.m. (0735 GMT) Friday": the day a clock time is on, written after an aside.
DAY_AFTER_ASIDE = re.compile(r"\s*\([^()\n]{1,24}\)\s+(?:on\s+)?(?P<day>" + _DAY_WORD + r")" + R, re.I)

# --- one pattern per rule (in the order of rules.RULES) ------------------------------------------

ISO_DATE = L + r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?" + R
SLASH_DATE = L + r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})" + R
MONTH_DAY = (L + r"(?:(?P<rel>last|next|this|this\s+coming|this\s+past)\s+)?(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s+(?P<d1>" + DAY + r")"
             r"(?P<more>(?:" + LIST_SEP + DAY + r")*)(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
DAY_MONTH = (L + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<d1>" + DAY + r")"
             r"(?P<more>(?:" + LIST_SEP + r"(?:the\s+)?" + DAY + r")*)\s+(?:of\s+)?(?P<mon>"
             + MONTH + r")(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
MONTH_YEAR = L + r"(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<y>" + YEAR + r")" + R
MONTH_ALONE = (L + r"(?P<rel>(?:this|last|next|past|coming)\s+)?(?P<mon>" + MONTH + r")"
               r"(?:,?\s+(?P<ry>last|this|next)\s+year)?" + R)
YEAR_ALONE = (L + r"(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|FY)\s*)?"
              # a hyphen before a year is a range ("1995-96") or a code, except after "mid-", "pre-", "post-"
              r"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![$£€¥#.,/-]))(?P<y>" + YEAR
              + r")(?!\s*%|[.,]\d|-\d|\s*(?:percent|per cent)\b)" + R)
DECADE = (L + r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:(?P<c>1[6-9]|20)(?P<d>\d)0(?:'s|’s|s)|"
          r"['’](?P<d2>\d)0(?:'s|’s|s)|(?P<w>" + alternation(list(DECADE_WORDS)) + r"))" + R)
SEASON_NAMED = (L + r"(?:(?P<rel>this|last|next|past|coming|this\s+past|this\s+coming|the|the\s+early|"
                r"the\s+late)\s+)?"
                r"(?P<s>" + SEASON + r")(?:\s+(?:of\s+)?(?P<y>" + YEAR + r"))?" + R)
WEEKDAY_NAMED = (L + r"(?:(?P<rel>this|last|next|this\s+coming|this\s+past|coming|past|the\s+previous|the\s+following)\s+)?"
                 r"(?P<w1>" + WEEKDAY + r")(?:(?P<sep>" + LIST_SEP + r")(?P<w2>" + WEEKDAY + r"))?"
                 r"(?:\s+(?P<pod>" + POD + r"))?" + R)
DEICTIC_DAY = (L + r"(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>" + DEICTIC_DAY_WORD + r")"
               r"(?:(?:'s|’s)?\s+(?P<pod>" + POD + r"))?" + R)
# "mid-evening tonight" is not said: the night is no day of its own here
MID_POD = (L + r"mid[-\s]?(?P<pod>morning|afternoon|evening)(?:,?\s+(?P<day>"
           + "|".join(w for w in DEICTIC_DAYS if w != "tonight") + "|" + WEEKDAY + r"))?" + R)
THIS_POD = L + r"(?P<rel>this|last|early\s+this|late\s+this)\s+(?P<pod>" + POD + r")" + R
REFERENCE = L + r"(?P<w>" + _spaced(list(REFERENCES)) + r")" + R + r"(?!-)"
REFERENCE_ADJECTIVE = L + r"(?P<w>" + "|".join(REFERENCE_ADJECTIVES) + r")" + R
RELATIVE_UNIT = (L + r"(?P<the>the\s+)?(?P<rel>" + "|".join(RELATIVE_OFFSETS) + r")\s+(?:(?P<n>" + NUMBER + r")\s+)?(?P<fiscal>fiscal\s+)?"
                 r"(?P<u>week|month|year|quarter|weekend|decade|century|half|second|minute|hour|day|fortnight)(?P<pl>s)?"
                 r"(?:\s+or\s+so)?" + R)
THAT_UNIT = (L + r"(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<u>day|month|year|(?P<pod>" + POD + r"))"
             + R)
THE_WEEK = (L + r"the\s+week(?!\s+(?:of|before|after|ended|ending|earlier|later|ago|that|when|in\s+which)\b)"
            + R)
THE_WEEKEND = L + r"the\s+weekend" + R
AGO = (L + r"(?:(?P<n>" + NUMBER + r")(?:\s+|-)(?:more\s+)?)?(?P<u>" + UNIT + r")(?P<pl>s)?"
       r"(?P<half>\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|before|after|back|from\s+now|hence)" + R)
DURATION = (L + r"(?:(?P<the>the)\s+(?:(?P<adj>first|last|final|past|next|previous|following|coming|"
            r"full|entire|whole|same|latest)\s+)?)?(?P<n>" + NUMBER + r")(?P<sep>\s+|-)(?:(?P<more>more|additional|"
            r"straight|consecutive|full)\s+)?(?P<u>" + UNIT + r")(?P<pl>s)?(?P<half>\s+and\s+a\s+half)?"
            r"(?P<approx>\s+or\s+(?:so|two|three))?(?!-old|\s+old\b|-long|-end\b|[-\s]+(?:ago|earlier|later|from now)\b)" + R)
BARE_UNITS = L + r"(?P<u>years|months|weeks|days|decades|centuries|hours|minutes)" + R
THE_UNITS = L + r"the\s+(?P<u>years|months|weeks|days|decades)(?P<ahead>\s+ahead|\s+to\s+come)?" + R
SET = (L + r"(?:(?P<every>every|each)\s+(?:other\s+)?(?P<what>" + UNIT + r"|weekend|" + WEEKDAY
       + r"|" + POD + r"|" + SEASON + r"|" + MONTH + r")|(?P<adv>" + "|".join(FREQUENCY_ADVERBS) + r")|per\s+(?P<per>" + UNIT
       + r")|(?P<plural>" + "|".join(name.title() + "s" for name in WEEKDAY_NAMES) + r"))" + R)
QUARTER = (L + r"(?:(?P<ry>this|last|next)\s+year(?:'s|’s)\s+)?(?:(?P<the>the)\s+(?!(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)-))?"
           r"(?:(?P<ago>(?:comparable\s+|same\s+)?year[-\s](?:ago|earlier))\s+)?(?:(?P<fiscal>fiscal)(?:\s+|-))?(?:(?P<y1>" + YEAR + r")\s+)?"
           r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)(?P<sep>-|\s+)(?:fiscal\s+)?(?P<k>quarter|half)"
           r"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>" + YEAR + r"))?" + R)
THE_QUARTER = (L + r"(?P<w>the\s+(?:latest\s+|current\s+|fiscal\s+)?quarter(?P<ago>\s+a\s+year\s+(?:ago|earlier))?|"
               r"the\s+(?:year-earlier|year-ago|year\s+earlier|comparable|same|latest)\s+(?:quarter|period)|year-(?:earlier|ago)|"
               r"the\s+(?P<y>" + YEAR + r")\s+(?:quarter|period))(?!-)" + R)
THE_YEAR = L + r"the\s+(?:(?P<q>full|fiscal|entire|whole|calendar)\s+)?year(?![-'’\w])"
YEAR_END = L + r"year(?:[-\s]|['’]s\s+)end(?![-\w])"
SPOKEN_YEAR = (L + r"(?:(?P<the>the\s+year\s+)|(?P<mon>" + MONTH + r")\s+|the\s+(?P<season>" + SEASON
               + r")\s+of\s+)?(?:nineteen\s+(?P<t>" + "|".join(TENS) + r"|" + "|".join(TEENS)
               + r")(?:[-\s](?P<o>" + "|".join(ONES) + r"))?|two\s+thousand"
               r"(?:\s+and)?(?:\s+(?P<o2>" + "|".join(ONES) + r"))?)" + R)
CENTURY = L + r"(?P<n>[12]?\d)(?:st|nd|rd|th)[-\s]century" + R
CLOCK_TIME = (L + r"(?:(?P<pre>" + _DAY_WORD + r")(?:\s+at)?\s+)?" + CLOCK
              + r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time))?"
              r"(?:,?\s+(?:on\s+)?(?P<day>" + _DAY_WORD + r"|(?P<mon>" + MONTH
              + r")\s+(?P<md>" + DAY + r")))?" + R)
HOLIDAY = (L + r"(?:(?P<rel>last|next|this)\s+)?(?P<h>" + alternation([h.title().replace("'S", "'s") for h in HOLIDAYS]
           + ["the Fourth of July"]) + r")(?P<week>\s+week)?(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
