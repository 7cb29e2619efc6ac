"""The words time expressions are built from, other than month and weekday names (those are in
:mod:`storyline.analyse.lexicon.calendar`): counts, units, seasons, parts of the day, decades, the
deictic references, and the words that mark a name rather than a time.

Each list is written once; the patterns in :mod:`~storyline.analyse.time.patterns` are built
from these tables, and the rules read their values from them.
"""

from __future__ import annotations

ONES: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS: tuple[str, ...] = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                          "seventeen", "eighteen", "nineteen")
TENS: tuple[str, ...] = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1,
    **{word: n for n, word in enumerate(ONES, start=1)},
    **{word: n for n, word in enumerate(TEENS, start=10)},
    **{word: 10 * n for n, word in enumerate(TENS, start=2)},
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5,
    "half an": 0.5, "a half": 0.5,
    # TimeBank counts "a couple of years" as two (P2Y), not as a vague number
    "a couple of": 2, "couple of": 2, "a couple": 2,
}
VAGUE_NUMBERS = ("several", "a few", "few", "some", "many",
                 "dozens of", "hundreds of", "the next few", "a number of")
ORDINALS: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                            "fourth": 4, "4th": 4}
# TIMEX3 unit letters; the bool says whether the unit is a time-of-day unit (PT… values).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
    "quarter": ("Q", False),
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA",
                           "winter": "WI"}
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV",
                                "night": "NI"}
DECADE_WORDS: dict[str, int] = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
                                "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}
# The days named from the publication day, and how far from it each is ("tonight" is today's night).
DEICTIC_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
# How often a frequency adverb says a thing recurs: "daily" → once a day.
FREQUENCY_ADVERBS: dict[str, str] = {
    "daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
    "hourly": "hour", "nightly": "day", "quarterly": "quarter"}
# Frequency words that stay a SET when they modify a noun: "a daily rally", "his weekly radio
# address" say how often something happens; "a quarterly dividend" or "annual meeting" name a kind
# of payment or meeting and are not tagged.
RECURRING_ADJECTIVES = frozenset({"daily", "weekly", "nightly", "hourly"})
# How far "last", "next", "the following" … move a unit from its anchor: "the following year" is +1.
# (Written in the order the relative-unit pattern lists them.)
RELATIVE_OFFSETS: dict[str, int] = {
    "this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "previous": -1, "following": 1,
    "current": 0, "prior": -1, "preceding": -1, "same": 0, "latest": 0, "recent": -1}
# Deictic references, as TimeML values them. "previously", "formerly" and "once" are left out on
# purpose: they mostly qualify a participle ("as previously reported") or a role ("once a rebel")
# rather than refer to a time.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the near future": "FUTURE_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF",
    # the nouns only: hyphenated "short-term debt" names a kind of debt, not a time
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}
# Adjectives that place the thing they modify relative to now ("the current crisis", "a recent
# ruling"), as TimeML tags them; "current/recent" + a unit word ("recent years") is relative-unit's.
# "future" is left out: "future earnings", "future payments" name a kind of thing far more often
# than they refer to a time, and TimeBank leaves them untagged.
REFERENCE_ADJECTIVES: dict[str, str] = {"current": "PRESENT_REF", "recent": "PAST_REF"}
# Entity labels under which a month or season word is part of a name or an amount, not a time.
NON_TEMPORAL_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                               "MONEY", "PERCENT", "QUANTITY"})
# Temporal words written in lower case in running text. Capitalised inside a sentence they belong
# to a name: a programme called "This Week" or "Radio Velm Today", a "Spring of Hope" concert.
LOWER_CASE_TEMPORAL = frozenset({
    "week", "month", "year", "today", "tonight", "tomorrow", "yesterday", "spring", "summer",
    "fall", "autumn", "winter", "morning", "afternoon", "evening", "night", "weekend"})
