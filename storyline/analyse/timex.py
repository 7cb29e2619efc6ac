"""Temporal expressions: find them in a parsed article and normalise them TIMEX3-style.

:func:`extract_timexes` returns one :class:`~storyline.records.Timex` per expression, with exact
character offsets into ``doc.text`` and a TIMEX3 ``value`` resolved against the publication date
(the document creation time, "DCT").

How it works:

* **A grammar of regular expressions** over the text proposes candidates: absolute dates
  ("March 10, 2022", "10 March", "2022-03-10"), month/year/decade/season/quarter names, clock
  times, deictic words ("yesterday", "tonight", "now"), relative phrases ("last Thursday",
  "next week", "two years ago", "the past three months"), durations, sets ("every Monday",
  "daily") and holidays. Overlaps are settled longest-first. The grammar is ours because spans
  must follow TIMEX3 extent conventions (spaCy's DATE entities swallow prepositions and
  modifiers, and miss "now"/"recently"), and normalisation needs the parse anyway.
* **Extent follows the TIMEX3 guidelines as TimeBank applies them:** "the" belongs to a noun
  phrase whose head is temporal ("the third quarter", "the past two months", "the weekend") but
  not to a hyphenated modifier ("the 14-day delay" → "14-day"); "ago" belongs to the expression,
  prepositions do not ("in 2014" → "2014"). Quantity modifiers are recorded in ``mod``; those
  that are never prepositions ("nearly", "more than", "at least") are inside the extent, those
  that often are ("about", "over", "around") stay outside. "early", "late", "mid-", "the end
  of" are inside and recorded as START/END/MID.
* **The parse guards the grammar:** "May" the modal, "march" the verb, "1990 shares", "a
  quarterly dividend" and names ("April Ryder") are refused using spaCy's tags and entity
  labels. No other library is needed: absolute forms are few and their spans are exact here.
* **Tense and modality decide the direction** of an expression that names a day or month without
  saying which one ("Monday", "in March", "January 9"): the governing verb is found in the
  dependency parse; "will"/"shall", "is to", "is due/scheduled/set/expected to", "plans to",
  a present-tense non-reporting verb point forward; a past tense or present perfect points back;
  "by"/"until" (and "through" closing a term) make a date a deadline that lies ahead even in a
  past-tense sentence ("extended the offer until Tuesday"), unless a perfect says it has passed;
  the end of a period that "ended" lies behind ("the year ended Jan. 31"); a quarter is never one that has
  not begun when the verb is past; with no verdict the sentence's auxiliaries decide, and a bare
  weekday then defaults to the past (news reports what happened) while months and quarters take
  the nearest occurrence. A weekday equal to the publication day resolves to that day ("the
  paper reported Friday" in a Friday article). "last X"/"next X" are strict: the nearest X before/after the publication day.
* **Lists and ranges are one timex.** "Monday and Tuesday", "January 9 and 10", "from 10 to 13
  January", "January 11-12" give a single timex whose ``value`` is the first day and whose
  ``values`` lists every day covered; for every other timex ``values == (value,)``.
* **No anchor, no guess.** With ``published=None`` relative expressions stay underspecified
  ("XXXX-WXX-1" for "Monday", "XXXX-01-10" for "January 10", "XXXX-XX-XX" for "yesterday").

Example::

    >>> doc = nlp("The ministers will meet on Monday and Tuesday.")
    >>> [(t.text, t.value, t.values) for t in extract_timexes("d1", doc, date(2022, 1, 7))]
    [('Monday and Tuesday', '2022-01-10', ('2022-01-10', '2022-01-11'))]
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from storyline.analyse.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from storyline.analyse.lexicon.grammar import (
    COULD,
    FUTURE_AUX,
    MODAL_AUX,
    PAST_PERFECT_AUX,
    PERFECT_AUX,
    PERFECT_AUX_STRAIGHT_D,
    PRESENT_TAGS,
)
from storyline.analyse.lexicon.verbs import PRESENT_REPORTING_VERBS
from storyline.analyse.syntax import auxiliaries, head_chain, tense
from storyline.records import Timex, TimexType

__all__ = ["extract_timexes"]

# Beyond these distances (days; months) a day or month named without a year is taken to be the
# nearer occurrence even against the tense: news gives the year of an event more than about eight
# months away. Past-tense sentences about scheduled dates ("set to expire Nov. 6") need this;
# "the year ended March 31" seven months on must still look back. Months: nine, because a plan for
# "November" reported in a past tense in late October is not eleven months ago, while "stepped
# down in March" written in November is eight months back, not four ahead.
DAY_REACH = 240
MONTH_REACH = 9
# The same for quarters and halves (counted in quarters or halves): an earnings report in October
# that "will" discuss "the third quarter" means the one just ended, not next year's.
QUARTER_REACH = 2
# How far left of a timex a quantity modifier ("more than", "approximately") may start. Long
# enough for the longest modifier plus spacing; short enough never to reach the previous clause.
MODIFIER_LOOKBEHIND = 24
# Sentences back in which a mentioned quarter sets the granularity of "a year ago/earlier":
# earnings reports say "rose 5% from a year earlier" right after naming the quarter.
QUARTER_CONTEXT_SENTENCES = 2
# Sentences after a named date during which "the following year" or "two days later" count from
# it. One: narrative anchoring is local; further on, "up 5% from a year earlier" in an earnings
# report compares with the publication period, not with a date named paragraphs before.
REFERENCE_SENTENCES = 1
# "The following month" in a past-tense narrative can only mean the story's time, never the
# publication date's neighbour, so it looks further back for it: a paragraph's worth.
ANAPHOR_SENTENCES = 4
# Steps up the dependency tree from the timex to its governing verb. Temporal modifiers attach
# to the verb directly or through a preposition and a noun; more steps reach unrelated clauses.
MAX_HEAD_STEPS = 4

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5,
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
# Verbs that put a following infinitive in the future: "is to meet", "plans to visit".
FUTURE_CONTROL_LEMMAS = frozenset({
    "be", "plan", "schedule", "due", "expect", "set", "intend", "hope", "want", "aim", "agree",
    "decide", "promise", "go", "prepare", "vow", "pledge", "threaten", "seek", "slate"})
# Modals that look ahead: obligations, possibilities and reported futures ("could" is apart).
_LOOKING_AHEAD_AUX = MODAL_AUX - {COULD}
# Prepositions that make a date a deadline: "until Tuesday", "by May". ("through" is left out: in
# business news "the nine months through September" is a period that has ended; it is a deadline
# only after something that is not a period and outside a "from … through …" range.)
_DEADLINE_BEFORE = re.compile(r"(?<![\w])(?:by|until|till|til)\s+$", re.I)
_THROUGH_BEFORE = re.compile(
    r"(?<![\w])(?P<before>\w+)?[\s,]*\bthrough\s+$", re.I)
_PERIOD_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "quarter", "quarters",
                           "year", "years", "period", "periods", "half", "season", "term"})
# "the year ended Jan. 31", "the quarter that ended Sept. 30": a period that ended lies behind the
# report however far back its end is (the nearer-occurrence reach does not apply).
_ENDED_BEFORE = re.compile(r"(?<![\w])(?:that\s+|which\s+)?ended\s+$", re.I)
# "as soon as Tuesday", "as early as next week": the earliest a thing can happen, so still ahead
# whatever the tense of the report ("the mayor said the ferry could sail as soon as Tuesday").
_EARLIEST_BEFORE = re.compile(r"(?<![\w])as\s+(?:soon|early)\s+as\s+$", re.I)
# Frequency words that stay a SET when they modify a noun: "a daily rally", "his weekly radio
# address" say how often something happens; "a quarterly dividend" or "annual meeting" name a kind
# of payment or meeting and are not tagged.
RECURRING_ADJECTIVES = frozenset({"daily", "weekly", "nightly", "hourly"})
# Adjective-like senses of words that otherwise name a month or season.
NON_TEMPORAL_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                               "MONEY", "PERCENT", "QUANTITY"})
# Temporal words written in lower case in running text. Capitalised inside a sentence they belong
# to a name: a programme called "This Week" or "Radio Velm Today", a "Spring of Hope" concert.
LOWER_CASE_TEMPORAL = frozenset({
    "week", "month", "year", "today", "tonight", "tomorrow", "yesterday", "spring", "summer",
    "fall", "autumn", "winter", "morning", "afternoon", "evening", "night", "weekend"})


class Result(NamedTuple):
    type: TimexType
    value: str
    values: tuple[str, ...] = ()
    mod: str | None = None


# --- regular-expression building blocks ------------------------------------------------------

def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = [name.title() for name in MONTH_NAMES]
_MONTH_ABBR = [abbr.title() for name in MONTH_NAMES for abbr in MONTH_ABBREVIATIONS[name]]
# Case-sensitive: lower-case "may"/"march" are a verb and a walk; abbreviations need their dot.
MONTH = (r"(?-i:" + _alternation(_MONTH_FULL + [m.upper() for m in _MONTH_FULL])
         + r"|(?:" + _alternation(_MONTH_ABBR) + r")\.?)")
_WEEKDAY_FULL = [name.title() for name in WEEKDAY_NAMES]
_WEEKDAY_ABBR = [abbr.title() for name in WEEKDAY_NAMES for abbr in WEEKDAY_ABBREVIATIONS[name]]
WEEKDAY = (r"(?-i:" + _alternation(_WEEKDAY_FULL + [w.upper() for w in _WEEKDAY_FULL])
           + r"|(?:" + "|".join(_WEEKDAY_ABBR) + r")\.)")
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![,.]\d)"  # not "3,620" or "3.5": numbers
NUMBER = (r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
          r"ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine))|"
          + _alternation([w for w in NUMBER_WORDS if w not in ("a", "an")] + list(VAGUE_NUMBERS))
          + r"|an?)")
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centurie|quarter)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
POD = r"(?:morning|afternoon|evening|night)"
L = r"(?<![\w'’])"  # left word boundary that also refuses "'s" and abbreviations' insides
R = r"(?![\w])"


# --- normalisation helpers ---------------------------------------------------------------------

def _day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _number(text: str) -> float | None:
    """A count written in digits or words; None for vague counts ("several")."""
    text = text.lower().strip().replace(",", "")
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if any(text == vague for vague in VAGUE_NUMBERS):
        return None
    compound = re.fullmatch(r"([a-z]+)[-\s]+([a-z]+)", text)
    if compound and compound[1] in NUMBER_WORDS and compound[2] in NUMBER_WORDS:
        return NUMBER_WORDS[compound[1]] + NUMBER_WORDS[compound[2]]
    half = 0.5 if text.endswith("1/2") else 0.0
    text = text.removesuffix("1/2").strip()
    try:
        return float(text) + half
    except ValueError:
        return None


def _count(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


# A fractional count is written with the next smaller unit, as ISO 8601 and TimeBank do ("2 1/2
# years" → P2Y6M, "5 1/2 hours" → PT5H30M): unit letter → (smaller letter, how many, clock unit).
_SMALLER_UNIT: dict[tuple[str, bool], tuple[str, int, bool]] = {
    ("Y", False): ("M", 12, False), ("D", False): ("H", 24, True), ("H", True): ("M", 60, True),
    ("M", True): ("S", 60, True),
}


def _duration(n: float | None, unit: str) -> str:
    letter, clock = UNITS[unit]
    if unit == "fortnight" and n is not None:
        n *= 2
    if n is not None and n != int(n):
        if letter == "W" and (n * 7) == int(n * 7):
            return f"P{int(n * 7)}D"  # weeks do not combine with other units
        smaller = _SMALLER_UNIT.get((letter, clock))
        if smaller is not None and ((n - int(n)) * smaller[1]).is_integer():
            small_letter, factor, small_clock = smaller
            whole = f"{int(n)}{letter}" if int(n) else ""
            rest = f"{int((n - int(n)) * factor)}{small_letter}"
            if clock:
                return f"PT{whole}{rest}"  # "5 1/2 hours" → PT5H30M
            if small_clock:
                return f"P{whole}T{rest}"  # "a day and a half" → P1DT12H
            return f"P{whole}{rest}"  # "2 1/2 years" → P2Y6M
    if letter in ("DE", "CE"):
        # decades and centuries are written in years, as TimeBank does: "the past decade" → P10Y
        factor = 10 if letter == "DE" else 100
        return f"P{_count(n * factor) if n is not None else 'X'}{'Y' if n is not None else letter}"
    return f"PT{_count(n)}{letter}" if clock else f"P{_count(n)}{letter}"


def _unit(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return "centurie"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def _resolve_weekday(dct: dt.date, weekday: int, direction: int, strict: bool) -> dt.date:
    delta = weekday - dct.weekday()
    if direction > 0:
        if delta < 0 or (strict and delta == 0):
            delta += 7
    elif delta > 0 or (strict and delta == 0):
        delta -= 7
    return dct + dt.timedelta(days=delta)


def _pick(back: int | None, ahead: int | None, direction: int, reach: int) -> int:
    """Choose between the nearest past (``back`` units ago) and future (``ahead``) occurrence.

    Tense points the way, but an expression without a year almost always means a nearby date:
    when the occurrence tense points to is more than ``reach`` away and the other one is nearer,
    the nearer wins ("payable Dec. 7" in a past-tense sentence of late October). Returns -1 for
    the past occurrence, +1 for the future one.
    """
    if back is None:
        return 1
    if ahead is None:
        return -1
    if direction < 0:
        return 1 if back > reach and ahead < back else -1
    if direction > 0:
        return -1 if ahead > reach and back < ahead else 1
    return -1 if back <= ahead else 1


def _resolve_month_year(dct: dt.date, month: int, direction: int, strict: bool = False) -> int:
    if strict:
        if direction < 0:
            return dct.year if month < dct.month else dct.year - 1
        return dct.year if month > dct.month else dct.year + 1
    if month == dct.month:
        return dct.year
    back = (dct.month - month) % 12
    ahead = (month - dct.month) % 12
    if _pick(back, ahead, direction, MONTH_REACH) < 0:
        return dct.year if month < dct.month else dct.year - 1
    return dct.year if month > dct.month else dct.year + 1


def _resolve_month_day(dct: dt.date, month: int, day: int, direction: int,
                       weekday: int | None = None, reach: int = DAY_REACH) -> dt.date | None:
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        # "Monday, Oct. 26": the weekday names the year
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - dct).days))
    if not candidates:
        return None
    past = [c for c in candidates if c <= dct]
    future = [c for c in candidates if c >= dct]
    if dct in candidates:
        return dct
    latest_past = max(past) if past else None
    earliest_future = min(future) if future else None
    side = _pick((dct - latest_past).days if latest_past else None,
                 (earliest_future - dct).days if earliest_future else None, direction, reach)
    return latest_past if side < 0 and latest_past else earliest_future


def _season_year(dct: dt.date, season: str, offset: int, direction: int) -> int:
    """Year of the season meant: offset -1/0/+1 for last/this/next, else by tense."""
    current_year = dct.year - 1 if dct.month <= 2 else dct.year
    current = ("WI" if dct.month in (12, 1, 2) else "SP" if dct.month <= 5
               else "SU" if dct.month <= 8 else "FA")
    current_start = (current_year, SEASON_START_MONTH[current])
    # the occurrences of `season` around the publication date, as (year, start month)
    options = [(y, SEASON_START_MONTH[season]) for y in (dct.year - 2, dct.year - 1, dct.year,
                                                         dct.year + 1)]
    if offset < 0 or (offset == 0 and direction < 0 and season != current):
        return max(o for o in options if o < current_start)[0]
    if offset > 0 or (offset == 0 and direction > 0 and season != current):
        return min(o for o in options if o > current_start)[0]
    if season == current:
        return current_year
    return min(options, key=lambda o: abs((o[0] * 12 + o[1]) - (current_start[0] * 12
                                                               + current_start[1])))[0]


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1), "new year's eve": lambda y: dt.date(y, 12, 31),
    "halloween": lambda y: dt.date(y, 10, 31), "valentine's day": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4), "the fourth of july": lambda y: dt.date(y, 7, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    # U.S. Election Day: the Tuesday after the first Monday of November
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter": _easter, "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
}


@dataclass(frozen=True)
class _HolidayOwner:
    """Whose holiday a name is, and what in a text says the text means that country's."""

    qualifier: re.Pattern[str]  # written just before the name: "America's", "U.S."
    named: re.Pattern[str] | None  # the document naming the country is enough (None: it is not)
    rival: re.Pattern[str] | None = None  # a country that keeps the same name on another day


# The dates in HOLIDAYS for these names are one country's. About 120 countries keep an
# "Independence Day", each on its own day, so only a qualifier says it is July 4 (a text about
# Azerbaijan that mentions Washington is still about Azerbaijan's); the other names are rarely
# another country's, so a document that names the United States (and not Canada, whose
# Thanksgiving falls in October) means its. Without that evidence the holiday is still a DATE,
# as TimeML marks every holiday name, but its value is unknown (XXXX-XX-XX), as for any date
# the text does not fix. "The Fourth of July" names its own day and needs no owner.
_US_QUALIFIER = re.compile(
    r"(?:\bU\.\s?S\.?|\bUSA?|\b[Uu]nited [Ss]tates(?:'|’)?|\bAmerica(?:'s|’s)?|\bAmerican)\s+$")
_US_NAMED = re.compile(r"(?:\bU\.S\.|\bUSA?\b|\bUnited States\b|\bAmericans?\b|\bAmerica\b)")
_US_HOLIDAY = _HolidayOwner(_US_QUALIFIER, _US_NAMED)
HOLIDAY_OWNERS: dict[str, _HolidayOwner] = {
    "independence day": _HolidayOwner(_US_QUALIFIER, None),
    "thanksgiving": _HolidayOwner(_US_QUALIFIER, _US_NAMED, re.compile(r"\bCanad(?:a|ian)\b")),
    "thanksgiving day": _HolidayOwner(_US_QUALIFIER, _US_NAMED, re.compile(r"\bCanad(?:a|ian)\b")),
    "labor day": _US_HOLIDAY, "memorial day": _US_HOLIDAY, "election day": _US_HOLIDAY,
}
# How far before a holiday's name its qualifier may start ("the United States' ").
HOLIDAY_QUALIFIER_CHARS = 20


# --- context: the parse, the anchor and what the document said so far -------------------------

@dataclass
class _Context:
    doc: Doc
    text: str
    dct: dt.date | None
    sentence_starts: list[int]
    last_quarter: tuple[int, int, int] | None = None  # year, quarter, sentence
    # the last calendar date the text named (day, month or year precision): "the following year"
    # and "two days later" count from the story's own time, not from the publication date
    reference: str | None = None
    reference_sentence: int = -1
    # True while timexes are normalised in text order, so that the story's time is known; False
    # while overlapping candidates are settled (longest first), when it is not
    in_order: bool = False
    sentence_spans: list[Span] = field(default_factory=list)

    def reference_date(self, precision: str, start: int, reach: int = REFERENCE_SENTENCES,
                       ) -> dt.date | None:
        """The reference time when it is at least as precise as ``precision`` (day|month|year)
        and recent enough (``reach`` sentences) to still be the story's time at ``start``."""
        if self.reference is None or self.sentence(start) - self.reference_sentence > reach:
            return None
        parts = [int(p) for p in self.reference.split("-")]
        needed = {"year": 1, "month": 2, "day": 3}[precision]
        if len(parts) < needed:
            return None
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def sentence(self, start: int) -> int:
        return max(0, bisect_right(self.sentence_starts, start) - 1)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def token(self, start: int, end: int) -> Token | None:
        span = self.span(start, end)
        return span.root if span is not None and len(span) else None

    def direction(self, start: int, end: int) -> int:
        """-1 when the governing verb points to the past, +1 to the future, 0 when unknown."""
        if _EARLIEST_BEFORE.search(self.text, max(0, start - 16), start):
            return 1
        token = self.token(start, end)
        if token is None or not self.doc.has_annotation("DEP"):
            return 0
        steps, verb = next(((k, t) for k, t in enumerate(head_chain(token, MAX_HEAD_STEPS))
                            if t.pos_ in ("VERB", "AUX")), (None, None))
        is_verb = verb is not None
        # a possessive ("follows Tuesday's declaration") dates the noun, not the verb: the verb's
        # present tense then says nothing about a schedule
        close = is_verb and steps <= 2 and token.dep_ != "poss"
        verdict = _verb_direction(verb, close=close) if is_verb else 0
        deadline = (_DEADLINE_BEFORE.search(self.text, max(0, start - 8), start)
                    or self._through_deadline(start)) if verdict <= 0 else None
        if deadline is not None:
            # "extended until Tuesday", "agreed to finish by May": a deadline set in the past lies
            # ahead of the report, unless a perfect says it has passed ("had sold 5% by May";
            # "has given them until Tuesday" is still running)
            passed = PERFECT_AUX if deadline[0].lower().startswith("by") else PAST_PERFECT_AUX
            if not (is_verb and any(c.dep_ in ("aux", "auxpass") and c.lower_ in passed
                                    for c in verb.children)):
                return 1
        if verdict:
            return verdict
        # the sentence from the list made once per document: Token.sent re-walks the doc
        sentence = self.sentence_spans[self.sentence(start)] if self.sentence_spans else token.sent
        if any(t.lower_ in FUTURE_AUX and t.dep_.startswith("aux") for t in sentence):
            return 1
        if any(t.tag_ == "VBD" or (t.dep_ == "aux" and t.lower_ in PERFECT_AUX) for t in sentence):
            return -1
        return 0


    def _through_deadline(self, start: int) -> re.Match[str] | None:
        """ "extended the loans through January": "through" closing a term, not a period's span
        ("the nine months through September") nor the end of a range ("from May through July")."""
        match = _THROUGH_BEFORE.search(self.text, max(0, start - 30), start)
        if match is None or (match["before"] or "").lower() in _PERIOD_NOUNS:
            return None
        sentence_start = self.sentence_starts[self.sentence(start)] if self.sentence_starts else 0
        if re.search(r"\b(?:from|between)\b", self.text[sentence_start:match.start()], re.I):
            return None
        return match


def _is_past_misread(verb: Token, auxes: list[Token]) -> bool:
    """A bare verb form tagged present whose subject is a singular noun: "Weakness hurt the
    index" cannot be present tense (that would be "hurts"), so it is a past tense with the same
    form ("hurt", "cut", "set", "hit") that the tagger read as present."""
    if verb.tag_ != "VBP" or auxes:
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


def _verb_direction(verb: Token, *, close: bool) -> int:
    """Tense and modality of ``verb``; ``close`` when the timex modifies it directly, so that a
    present tense ("the vote is on Monday") can be read as a schedule."""
    auxes = auxiliaries(verb)
    lowered = {a.lower_ for a in auxes}
    # the curly "’d" is not read as a perfect here (the straight "'d" is): as it was, until measured
    when = tense(verb, auxes, future=FUTURE_AUX, perfect=PERFECT_AUX_STRAIGHT_D)
    if when == "future":
        return 1
    if any(a.lower_ == "to" for a in auxes) or verb.dep_ == "xcomp":
        head = verb.head
        lemma = head.lemma_.lower()
        if head.i != verb.i and (lemma in FUTURE_CONTROL_LEMMAS or head.lower_ in ("due", "scheduled")):
            head_aux = {c.lower_ for c in auxiliaries(head)}
            if head.dep_ == "acomp":  # "had been due to expire": the tense sits on the copula
                head_aux |= {c.lower_ for c in auxiliaries(head.head)}
            # "was to meet" and "had planned to" look back as often as forward
            if "had" not in head_aux and not (lemma == "be" and head.tag_ == "VBD"):
                return 1
    if verb.tag_ == "VBN" and verb.lemma_.lower() in ("schedule", "set", "slate", "plan", "expect", "due"):
        if any(a.tag_ in PRESENT_TAGS for a in auxes):
            return 1  # "is scheduled for Monday"
    if verb.lower_ == "due":
        return 1
    if lowered & _LOOKING_AHEAD_AUX:
        return 1  # obligations, possibilities and reported futures look ahead
    if COULD in lowered:
        return 0
    if when == "perfect":
        return -1
    if when == "past" or _is_past_misread(verb, auxes):
        return -1
    if close and when == "present":
        if verb.lemma_.lower() in PRESENT_REPORTING_VERBS:
            return 0
        return 1
    return 0


# --- rules --------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], "_Context", int, int], Result | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append(_Rule(name, re.compile(pattern, re.I), handler))
        return handler
    return register


def _undated_day(month: int | None = None, day: int | None = None) -> str:
    return f"XXXX-{month:02d}-{day:02d}" if month and day else "XXXX-XX-XX"


def _day_list(first: dt.date, last: dt.date) -> tuple[str, ...]:
    days = (last - first).days
    return tuple(_day(first + dt.timedelta(days=i)) for i in range(days + 1))


def _month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _int_day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _dates(ctx: _Context, start: int, end: int, month: int, days: list[int], year: str | None,
           is_range: bool, weekday: str | None = None, direction: int | None = None) -> Result | None:
    if any(not 1 <= d <= 31 for d in days):
        return None
    if ctx.dct is None and year is None:
        values = tuple(_undated_day(month, d) for d in days)
        return Result("DATE", values[0], values)
    try:
        if year is not None:
            dates = [dt.date(int(year), month, d) for d in days]
        else:
            if direction is None:
                direction = ctx.direction(start, end)
            named_weekday = WEEKDAYS[weekday.lower().rstrip(".")] if weekday else None
            ended = _ENDED_BEFORE.search(ctx.text, max(0, start - 14), start) is not None
            first = _resolve_month_day(ctx.dct, month, days[0], -1 if ended else direction,  # type: ignore[arg-type]
                                       named_weekday, reach=366 if ended else DAY_REACH)
            if first is None:
                return None
            dates = [dt.date(first.year, month, d) for d in days]
    except ValueError:
        return None
    if is_range and len(dates) == 2 and dates[1] > dates[0]:
        values = _day_list(dates[0], dates[1])
    else:
        values = tuple(_day(d) for d in dates)
    return Result("DATE", values[0], values)


@_rule("iso-date", L + r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?" + R)
def _iso(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    try:
        date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return Result("TIME", f"{_day(date)}T{m['H']}:{m['M']}")
    return Result("DATE", _day(date))


@_rule("slash-date", L + r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})" + R)
def _slash(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 40 else 2000
    try:
        return Result("DATE", _day(dt.date(year, int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


# A bare comma lists days only when the next day ends the phrase or the list goes on: "January 9,
# 10 and 11", "May 5, 6." — not "On March 3, 12 people were killed".
_LIST_SEP = (r"(?:\s*(?:-|–|—)\s*|\s+(?:to|through|until|till|and|or)\s+|,\s*and\s+"
             r"|,\s*(?=(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*(?:,|and\b|or\b)|\s*[^\w\s]|\s*$)))")


def _listed_days(first: str, more: str) -> tuple[list[int], bool]:
    """The days of "9", "9 and 10", "9, 10 and 11" or "10 to 13", and whether they bound a range
    (two days joined by "to", "through" or a dash)."""
    rest = [m.group() for m in re.finditer(r"\d+", more)]
    joiners = re.sub(r"\d+(?:st|nd|rd|th)?", " ", more)
    is_range = len(rest) == 1 and not re.search(r"\b(and|or)\b|,", joiners, re.I)
    return [_int_day(first)] + [int(d) for d in rest], is_range


@_rule("month-day", L + r"(?:(?P<rel>last|next|this|this\s+coming|this\s+past)\s+)?(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s+(?P<d1>" + DAY + r")"
       r"(?P<more>(?:" + _LIST_SEP + DAY + r")*)(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
def _month_day(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    days, is_range = _listed_days(m["d1"], m["more"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    direction = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else None
    return _dates(ctx, s, e, _month_of(m["mon"]), days, m["y"], is_range, m["wd"], direction)


@_rule("day-month", L + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<d1>" + DAY + r")"
       r"(?P<more>(?:" + _LIST_SEP + r"(?:the\s+)?" + DAY + r")*)\s+(?:of\s+)?(?P<mon>"
       + MONTH + r")(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
def _day_month(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    days, is_range = _listed_days(m["d1"], m["more"])
    return _dates(ctx, s, e, _month_of(m["mon"]), days, m["y"], is_range, m["wd"])


@_rule("month-year", L + r"(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<y>" + YEAR + r")" + R)
def _month_year(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    return Result("DATE", f"{m['y']}-{_month_of(m['mon']):02d}")


def _is_noun_like(ctx: _Context, s: int, e: int) -> bool:
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


@_rule("month", L + r"(?P<rel>(?:this|last|next|past|coming)\s+)?(?P<mon>" + MONTH + r")"
       r"(?:,?\s+(?P<ry>last|this|next)\s+year)?" + R)
def _month(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    month = _month_of(m["mon"])
    if m["mon"].lower().rstrip(".") in ("may", "march", "mar", "jan", "sat", "sun") or not m["rel"]:
        if not _is_noun_like(ctx, m.start("mon"), m.end("mon")):
            return None
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}")
    rel = (m["rel"] or "").strip().lower()
    if m["ry"]:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
    elif rel in ("last", "past"):
        year = _resolve_month_year(ctx.dct, month, -1, strict=True)
    elif rel in ("next", "coming"):
        year = _resolve_month_year(ctx.dct, month, 1, strict=True)
    else:
        # "this September" is the one of the publication year, whichever side of today it falls
        year = ctx.dct.year if rel == "this" else _resolve_month_year(ctx.dct, month, ctx.direction(s, e))
    return Result("DATE", f"{year:04d}-{month:02d}")


@_rule("year", L + r"(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|FY)\s*)?"
       # a hyphen before a year is a range ("1995-96") or a code, except after "mid-", "pre-", "post-"
       r"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![$£€¥#.,/-]))(?P<y>" + YEAR
       + r")(?!\s*%|[.,]\d|-\d|\s*(?:percent|per cent)\b)" + R)
def _year(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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


@_rule("decade", L + r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:(?P<c>1[6-9]|20)(?P<d>\d)0(?:'s|’s|s)|"
       r"['’](?P<d2>\d)0(?:'s|’s|s)|(?P<w>" + _alternation(list(DECADE_WORDS)) + r"))" + R)
def _decade(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mod"] or "").lower())
    if m["c"]:
        return Result("DATE", f"{m['c']}{m['d']}", mod=mod)
    digit = m["d2"] or str(DECADE_WORDS[(m["w"] or "").lower()])
    if m["w"] and not m.group(0).lower().startswith("the"):
        return None  # "nineties" alone is more often an age or a temperature
    century = "19" if ctx.dct is None or int(digit) * 10 > ctx.dct.year % 100 else str(ctx.dct.year // 100)
    return Result("DATE", f"{century}{digit}", mod=mod)


@_rule("season", L + r"(?:(?P<rel>this|last|next|past|coming|this\s+past|this\s+coming|the|the\s+early|"
       r"the\s+late)\s+)?"
       r"(?P<s>" + SEASON + r")(?:\s+(?:of\s+)?(?P<y>" + YEAR + r"))?" + R)
def _season(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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
    return Result("DATE", f"{_season_year(ctx.dct, season, offset, direction):04d}-{season}", mod=mod)


@_rule("weekday", L + r"(?:(?P<rel>this|last|next|this\s+coming|this\s+past|coming|past|the\s+previous|the\s+following)\s+)?"
       r"(?P<w1>" + WEEKDAY + r")(?:(?P<sep>" + _LIST_SEP + r")(?P<w2>" + WEEKDAY + r"))?"
       r"(?:\s+(?P<pod>" + POD + r"))?" + R)
def _weekday(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    days = [WEEKDAYS[m["w1"].lower().rstrip(".")]]
    if m["w2"]:
        days.append(WEEKDAYS[m["w2"].lower().rstrip(".")])
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    timex_type: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ctx.dct is None:
        values = tuple(f"XXXX-WXX-{d + 1}{suffix}" for d in days)
        return Result(timex_type, values[0], values)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if rel in ("last", "past", "this past", "the previous"):
        direction, strict = -1, True
    elif rel in ("next", "coming", "this coming", "the following"):
        direction, strict = 1, True
    else:
        direction, strict = ctx.direction(s, e), False
    first = _resolve_weekday(ctx.dct, days[0], direction, strict)
    dates = [first]
    if len(days) == 2:
        if re.search(r"\b(and|or)\b|,", m["sep"]):
            # each member of a list in the same direction: "statements made Friday and Thursday"
            dates = [first, _resolve_weekday(ctx.dct, days[1], direction, strict)]
        else:  # "Monday to Wednesday" runs forward from its first day
            second = first + dt.timedelta(days=(days[1] - days[0]) % 7)
            dates = [first + dt.timedelta(days=i) for i in range((second - first).days + 1)]
    values = tuple(_day(d) + suffix for d in dates)
    return Result(timex_type, values[0], values)


@_rule("deictic-day", L + r"(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
       r"(?:(?:'s|’s)?\s+(?P<pod>" + POD + r"))?" + R)
def _deictic_day(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    word = m["w"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if m["ba"]:
        offset += -1 if m["ba"].lower() == "before" else 1
    pod = "NI" if word == "tonight" else PARTS_OF_DAY.get((m["pod"] or "").lower())
    if pod is None and m["pod"]:
        return None
    if ctx.dct is None:
        value = "XXXX-XX-XX" if word != "today" else "PRESENT_REF"
        return Result("TIME" if pod else "DATE", value + (f"T{pod}" if pod and word != "today" else ""))
    value = _day(ctx.dct + dt.timedelta(days=offset))
    return Result("TIME", f"{value}T{pod}") if pod else Result("DATE", value)


@_rule("mid-pod", L + r"mid[-\s]?(?P<pod>morning|afternoon|evening)(?:,?\s+(?P<day>today|yesterday|tomorrow|"
       + WEEKDAY + r"))?" + R)
def _mid_pod(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """ "by mid-afternoon", "at mid-morning yesterday": the middle of a part of the day named
    without a date, like a bare clock time, is the story's day (the publication day)."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}", mod="MID")
    day_word = (m["day"] or "").lower().rstrip(".")
    if day_word in WEEKDAYS:
        date = _resolve_weekday(ctx.dct, WEEKDAYS[day_word], ctx.direction(s, e), False)
    else:
        date = ctx.dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    return Result("TIME", f"{_day(date)}T{pod}", mod="MID")


@_rule("this-pod", L + r"(?P<rel>this|last|early\s+this|late\s+this)\s+(?P<pod>" + POD + r")" + R)
def _this_pod(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    pod = PARTS_OF_DAY[m["pod"].lower()]
    rel = m["rel"].lower()
    if "last" in rel and pod != "NI":
        return None
    offset = -1 if "last" in rel else 0
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}")
    mod = "START" if rel.startswith("early") else "END" if rel.startswith("late") else None
    return Result("TIME", f"{_day(ctx.dct + dt.timedelta(days=offset))}T{pod}", mod=mod)


# "previously", "formerly" and "once" are left out on purpose: they mostly qualify a participle
# ("as previously reported") or a role ("once a rebel") rather than refer to a time.
_REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "soon": "FUTURE_REF",
    # the nouns only: hyphenated "short-term debt" names a kind of debt, not a time
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}


@_rule("reference", L + r"(?P<w>now|currently|presently|nowadays|these\s+days|the\s+present|"
       r"recently|lately|the\s+past|the\s+near\s+future|the\s+future|soon|the\s+(?:near|short|long)\s+term)"
       + R + r"(?!-)")
def _reference(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    token = ctx.token(s, e)
    if word == "now" and token is not None and token.dep_ in ("cc", "intj") and (token.i == 0 or token.is_sent_start):
        return None  # discourse "Now, ..." marks a turn, not a time
    if word == "the past" and re.match(r"\s+(?:\d|" + NUMBER + r"\s|few|several|week|month|year|day)",
                                       ctx.text[e:e + 20], re.I):
        return None
    if word == "soon" and re.search(r"\bas\s+$", ctx.text[max(0, s - 4):s], re.I) or (
            word == "soon" and re.match(r"\s+(?:after|afterward|afterwards|as|thereafter)\b", ctx.text[e:e + 15], re.I)):
        return None  # "as soon as", "soon after the vote": relative to an event, not to now
    if word == "soon" and token is not None and token.head.pos_ in ("VERB", "AUX") and \
            _verb_direction(token.head, close=False) < 0:
        # "the ferry soon ran out of fuel": soon after a past event of the story, not after the
        # publication date, so FUTURE_REF would be wrong and TimeML leaves it untagged
        return None
    if word == "the present" and token is not None and token.pos_ != "NOUN":
        return None
    if word in ("the future", "the present", "the past") and re.match(r"\s+of\b", ctx.text[e:e + 4], re.I):
        return None  # "the future of the sonnet" is its fate, not a time
    return Result("DATE", _REFS[word])


# Adjectives that place the thing they modify relative to now ("the current crisis", "a recent
# ruling"), as TimeML tags them; "current/recent" + a unit word ("recent years") is relative-unit's.
# "future" is left out: "future earnings", "future payments" name a kind of thing far more often
# than they refer to a time, and TimeBank leaves them untagged.
_REF_ADJECTIVES: dict[str, str] = {"current": "PRESENT_REF", "recent": "PAST_REF"}


@_rule("reference-adjective", L + r"(?P<w>current|recent)" + R)
def _reference_adjective(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    token = ctx.token(s, e)
    if token is None or token.dep_ != "amod" or token.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return Result("DATE", _REF_ADJECTIVES[m["w"].lower()])


@_rule("relative-unit", L + r"(?P<the>the\s+)?(?P<rel>this|last|next|past|coming|previous|following|current|"
       r"prior|preceding|same|latest|recent)\s+(?:(?P<n>" + NUMBER + r")\s+)?(?P<fiscal>fiscal\s+)?"
       r"(?P<u>week|month|year|quarter|weekend|decade|century|half|second|minute|hour|day|fortnight)(?P<pl>s)?"
       r"(?:\s+or\s+so)?" + R)
def _relative_unit(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    rel = m["rel"].lower()
    unit = m["u"].lower()
    n = _number(m["n"]) if m["n"] else None
    if m["n"] or (m["pl"] and rel in ("past", "last", "next", "coming", "recent", "previous", "following")):
        # "the past three months", "the next two years", "recent weeks": a stretch of time
        if unit in ("weekend", "half"):
            return None
        return Result("DURATION", _duration(n if m["n"] else None, unit))
    if m["pl"]:
        return None
    if unit == "half" and (m["the"] or re.match(r"\s+of\b", ctx.text[e:e + 4])):
        return None  # "(the) last half of the '80s" is a part of what follows
    if m["the"] and rel in ("past", "last", "next", "coming"):
        # "the past year", "the last decade" name the previous calendar unit, as "last year" does
        # (TimeBank gives DATE); "the past hour" has no calendar unit to name
        if unit in ("second", "minute", "hour", "day"):
            return Result("DURATION", _duration(1, unit))
    if unit in ("second", "minute", "hour"):
        return None
    offset = {"this": 0, "current": 0, "same": 0, "latest": 0, "last": -1, "past": -1, "previous": -1,
              "prior": -1, "preceding": -1, "recent": -1, "next": 1, "coming": 1, "following": 1}[rel]
    if rel == "latest" and unit != "quarter":
        return None
    dct = ctx.dct
    if m["the"] and rel in ("previous", "following", "prior", "preceding"):
        precision = "day" if unit == "day" else "month" if unit == "month" else "year"
        # "the following year": after the story's year. A narrative (past tense) keeps its time
        # for a paragraph; "the previous decade" is too long a stride to hang on a year named a
        # paragraph before, and "will draft the budget for the following year" looks ahead of now.
        narrative = unit in ("day", "week", "month", "year") and ctx.direction(s, e) < 0
        reach = ANAPHOR_SENTENCES if narrative else REFERENCE_SENTENCES
        dct = ctx.reference_date(precision, s, reach) or dct
    if unit == "day":
        if not m["the"] or rel not in ("previous", "following", "next", "same", "prior", "preceding"):
            return None
        return Result("DATE", _day(dct + dt.timedelta(days=offset)) if dct else "XXXX-XX-XX")
    if unit == "week":
        return Result("DATE", _week(dct + dt.timedelta(days=7 * offset)) if dct else "XXXX-WXX")
    if unit == "weekend":
        if dct is None:
            return Result("DATE", "XXXX-WXX-WE")
        base = dct + dt.timedelta(days=7 * offset)
        if offset < 0 and dct.weekday() >= 5:
            base = dct - dt.timedelta(days=7)
        return Result("DATE", _week(base) + "-WE")
    if unit == "month":
        if dct is None:
            return Result("DATE", "XXXX-XX")
        year, month = _shift_month(dct.year, dct.month, offset)
        return Result("DATE", f"{year:04d}-{month:02d}")
    if unit == "quarter":
        if dct is None:
            return Result("DATE", "XXXX-QX")
        if rel == "latest":
            offset = -1  # the latest quarter is the last one reported on: the one before today's
        year, quarter = _quarter(dct)
        index = year * 4 + quarter - 1 + offset
        return Result("DATE", f"{index // 4:04d}-Q{index % 4 + 1}")
    if unit == "half":
        if dct is None:
            return Result("DATE", "XXXX-HX")
        index = dct.year * 2 + (dct.month - 1) // 6 + offset
        return Result("DATE", f"{index // 2:04d}-H{index % 2 + 1}")
    if dct is None:
        return Result("DATE", {"year": "XXXX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX"))
    if unit == "year":
        return Result("DATE", f"{dct.year + offset:04d}")
    if unit == "decade":
        return Result("DATE", f"{dct.year // 10 + offset:03d}")
    if unit == "century":
        return Result("DATE", f"{dct.year // 100 + offset:02d}")
    return None


@_rule("that-unit", L + r"(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<u>day|month|year|(?P<pod>" + POD + r"))"
       + R)
def _that_unit(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """ "that day", "later that year": the story's own time, the date the text last named."""
    unit = m["u"].lower()
    pod = PARTS_OF_DAY.get(unit)
    precision = "day" if pod else unit
    anchor = ctx.reference_date(precision, s)
    if anchor is None:
        # with no date named just before, "that day" points at an event ("redemptions that day"):
        # not a timex we can place. The story's time is only known once the text is read in
        # order, so the choice waits for the final pass.
        if ctx.in_order:
            return None
        return Result("TIME" if pod else "DATE", "XXXX-XX-XX")
    if pod:
        return Result("TIME", f"{_day(anchor)}T{pod}")
    if unit == "day":
        return Result("DATE", _day(anchor))
    if unit == "month":
        return Result("DATE", f"{anchor.year:04d}-{anchor.month:02d}")
    return Result("DATE", f"{anchor.year:04d}")


@_rule("the-week", L + r"the\s+week(?!\s+(?:of|before|after|ended|ending|earlier|later|ago|that|when|in\s+which)\b)"
       + R)
def _the_week(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """ "For the week, the shares lost 3%": a week the story is about, named by reference to it. The
    text does not say which calendar week that is (the week to date, the trading week just ended),
    so, as TimeBank does, only the year is given."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX")
    return Result("DATE", f"{ctx.dct.year:04d}-WXX")


@_rule("weekend", L + r"the\s+weekend" + R)
def _the_weekend(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX-WE")
    direction = ctx.direction(s, e)
    dct = ctx.dct
    if direction > 0:
        base = dct if dct.weekday() < 5 else dct + dt.timedelta(days=7) if dct.weekday() == 6 else dct
    else:
        base = dct - dt.timedelta(days=7) if dct.weekday() < 5 else dct
    return Result("DATE", _week(base) + "-WE")


def _quarter_context(ctx: _Context, s: int) -> tuple[int, int] | None:
    if ctx.last_quarter and ctx.sentence(s) - ctx.last_quarter[2] <= QUARTER_CONTEXT_SENTENCES:
        return ctx.last_quarter[0], ctx.last_quarter[1]
    return None


_SUB_MONTH_UNITS = frozenset({"second", "minute", "hour", "day", "week"})


@_rule("ago", L + r"(?:(?P<n>" + NUMBER + r")(?:\s+|-)(?:more\s+)?)?(?P<u>" + UNIT + r")(?P<pl>s)?"
       r"(?P<half>\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|before|after|back|from\s+now|hence)" + R)
def _ago(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    unit = _unit(m["u"] + (m["pl"] or ""))
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
    n = _number(m["n"]) if m["n"] else None
    if m["half"] and n is not None:
        n += 0.5  # "a minute and a half later"
    story_time = None
    if direction in ("earlier", "later") and unit in _SUB_MONTH_UNITS | {"month", "year"}:
        # "two days later" counts from the story's time; "ago" from the publication date
        precision = "day" if unit in _SUB_MONTH_UNITS else "month" if unit == "month" else "year"
        story_time = ctx.reference_date(precision, s)
        if story_time is None and unit in _SUB_MONTH_UNITS:
            # "Three days later, ..." after an event the text did not date: the distance is
            # all it says. The publication day is no stand-in for the story's day; a year
            # earlier is still the publication year's neighbour in a report on the year.
            return Result("DURATION", _duration(n, unit))
    finer = {"year": ("month", 12), "week": ("day", 7)}.get(unit)
    if n is not None and n != int(n) and finer and (n * finer[1]).is_integer():
        unit, n = finer[0], n * finer[1]  # "a year and a half ago" is eighteen months back
    if n is None or n != int(n):
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(n) * sign
    dct = story_time or ctx.dct
    context = _quarter_context(ctx, s) if unit == "year" else None
    if context is not None:
        # "profit rose from a year earlier" after naming a quarter means that quarter last year
        return Result("DATE", f"{context[0] + k:04d}-Q{context[1]}")
    if dct is None:
        return Result("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"))
    if unit in ("second", "minute", "hour"):
        return Result("DATE", _day(dct))
    if unit == "day":
        return Result("DATE", _day(dct + dt.timedelta(days=k)))
    if unit in ("week", "fortnight"):
        return Result("DATE", _week(dct + dt.timedelta(days=7 * k * (2 if unit == "fortnight" else 1))))
    if unit == "month":
        year, month = _shift_month(dct.year, dct.month, k)
        return Result("DATE", f"{year:04d}-{month:02d}")
    if unit == "quarter":
        year, quarter = _quarter(dct)
        index = year * 4 + quarter - 1 + k
        return Result("DATE", f"{index // 4:04d}-Q{index % 4 + 1}")
    if unit == "year":
        return Result("DATE", f"{dct.year + k:04d}")
    if unit == "decade":
        return Result("DATE", f"{(dct.year + 10 * k) // 10:03d}")
    return Result("DATE", f"{(dct.year + 100 * k) // 100:02d}")


@_rule("duration", L + r"(?:(?P<the>the)\s+(?:(?P<adj>first|last|final|past|next|previous|following|coming|"
       r"full|entire|whole|same|latest)\s+)?)?(?P<n>" + NUMBER + r")(?P<sep>\s+|-)(?:(?P<more>more|additional|"
       r"straight|consecutive|full)\s+)?(?P<u>" + UNIT + r")(?P<pl>s)?(?P<half>\s+and\s+a\s+half)?"
       r"(?P<approx>\s+or\s+(?:so|two|three))?(?!-old|\s+old\b|-long|-end\b|[-\s]+(?:ago|earlier|later|from now)\b)" + R)
def _duration_rule(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    unit = _unit(m["u"] + (m["pl"] or ""))
    n = _number(m["n"])
    if m["half"] and n is not None:
        n += 0.5  # "a minute and a half"
    if m["approx"]:
        return Result("DURATION", _duration(n, unit), mod="APPROX")  # "a year or two", "a week or so"
    word = m["n"].lower()
    if word == "one" and unit == "day" and not m["the"] and not m["pl"]:
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
    if unit == "quarter" and n is not None and (m["sep"] == "-" or re.match(r"\s+of\b", ctx.text[e:e + 4])):
        return None  # "three-quarters of its food" is a fraction; "several quarters of losses" is not
    if unit == "second" and word in ("a", "an"):
        return None  # "a second" is an ordinal far more often than a duration
    if unit == "quarter" and word in ("a", "an", "one"):
        return None  # "a quarter of the shares" is a fraction
    if word in ("a", "an") and not m["the"]:
        before = ctx.text[max(0, s - 12):s].lower()
        if re.search(r"(?:\btimes|\btwice|\bonce|\bthrice|[\d%]|\bcents?|\bdollars?)\s*$", before):
            return Result("SET", _duration(1, unit))
    if m["the"] and m["adj"] and m["adj"].lower() in ("first", "last", "final") and unit == "quarter":
        return None
    return Result("DURATION", _duration(n, unit))


@_rule("bare-units", L + r"(?P<u>years|months|weeks|days|decades|centuries|hours|minutes)" + R)
def _bare_units(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    before = ctx.text[max(0, s - 12):s].lower()
    if not re.search(r"\b(?:for|over|in|within|after|took|takes|last(?:ed|s)?|than|nearly|almost|the)\s+$", before):
        return None
    if re.match(r"\s+(?:of|old|ago|later|earlier|before|after)\b", ctx.text[e:e + 10], re.I):
        return None
    if before.endswith("the "):
        return None
    return Result("DURATION", _duration(None, _unit(m["u"])))


@_rule("the-units", L + r"the\s+(?P<u>years|months|weeks|days|decades)(?P<ahead>\s+ahead|\s+to\s+come)?" + R)
def _the_units(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """ "over the years", "in the years that followed", "the weeks ahead": a stretch of unstated
    length. "the days before the vote" is a time set by an event, which we cannot place."""
    over = re.search(r"\b(?:over|throughout|through)\s+$", ctx.text[max(0, s - 12):s], re.I)
    since = re.match(r"\s+(?:that|which)\s+followed\b|\s+since\b", ctx.text[e:e + 16], re.I)
    if not (m["ahead"] or over or since):
        return None
    return Result("DURATION", _duration(None, _unit(m["u"])))


@_rule("set", L + r"(?:(?P<every>every|each)\s+(?:other\s+)?(?P<what>" + UNIT + r"|weekend|" + WEEKDAY
       + r"|" + POD + r"|" + SEASON + r"|" + MONTH + r")|(?P<adv>daily|weekly|monthly|annually|yearly|"
       r"hourly|nightly|quarterly)|per\s+(?P<per>" + UNIT + r")|(?P<plural>Mondays|Tuesdays|Wednesdays|"
       r"Thursdays|Fridays|Saturdays|Sundays))" + R)
def _set(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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
        unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month", "annually": "year",
                "yearly": "year", "hourly": "hour", "quarterly": "quarter"}[m["adv"].lower()]
        return Result("SET", _duration(1, unit))
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
    return Result("SET", _duration(1, _unit(what)))


@_rule("quarter", L + r"(?:(?P<ry>this|last|next)\s+year(?:'s|’s)\s+)?(?:(?P<the>the)\s+(?!(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)-))?"
       r"(?:(?P<ago>(?:comparable\s+|same\s+)?year[-\s](?:ago|earlier))\s+)?(?:(?P<fiscal>fiscal)(?:\s+|-))?(?:(?P<y1>" + YEAR + r")\s+)?"
       r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)(?P<sep>-|\s+)(?:fiscal\s+)?(?P<k>quarter|half)"
       r"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>" + YEAR + r"))?" + R)
def _quarter_rule(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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
        side = -1 if direction < 0 else _pick(now - past, future - now, direction, QUARTER_REACH)
        year = (past if side < 0 else future) // per_year
    if m["ago"] and not year_text:
        year -= 1  # "the year-ago third quarter": the same quarter a year before the one reported
    return Result("DATE", f"{year:04d}-{letter}{ordinal}")


@_rule("the-quarter", L + r"(?P<w>the\s+(?:latest\s+|current\s+|fiscal\s+)?quarter(?P<ago>\s+a\s+year\s+(?:ago|earlier))?|"
       r"the\s+(?:year-earlier|year-ago|year\s+earlier|comparable|same|latest)\s+(?:quarter|period)|year-(?:earlier|ago)|"
       r"the\s+(?P<y>" + YEAR + r")\s+(?:quarter|period))(?!-)" + R)
def _the_quarter(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    following = ctx.text[e:e + 20]
    if m["y"]:
        # "the 1988 period" in an earnings report: the quarter under discussion, in that year
        named = _quarter_context(ctx, s) or (ctx.last_quarter[:2] if ctx.last_quarter else None)
        return Result("DATE", f"{m['y']}-Q{named[1]}" if named else m["y"])
    back = 1 if ("year" in word or "comparable" in word or "same" in word) else 0
    if "year-" in word and not word.endswith(("quarter", "period")):
        # "year-earlier results": the same period a year before
        if not re.match(r"\s+(?:quarter|period|results?|figures?|levels?|profit|earnings|sales|net|loss)",
                        following, re.I):
            return None
    quarter = _quarter_context(ctx, s) or (ctx.last_quarter[:2] if ctx.last_quarter else None)
    if quarter is None:
        if ctx.dct is None:
            return Result("DATE", "XXXX-QX")
        if back and "quarter" not in word:
            # "year-ago results", "the year-earlier period" with no quarter in play: last year
            return Result("DATE", f"{ctx.dct.year - back:04d}")
        year, q = _quarter(ctx.dct)
        index = year * 4 + q - 2
        quarter = (index // 4, index % 4 + 1)
    return Result("DATE", f"{quarter[0] - back:04d}-Q{quarter[1]}")

@_rule("the-year", L + r"the\s+(?:(?P<q>full|fiscal|entire|whole|calendar)\s+)?year(?![-'’\w])")
def _the_year(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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


@_rule("year-end", L + r"year(?:[-\s]|['’]s\s+)end(?![-\w])")
def _year_end(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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


_SPOKEN_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_TENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


@_rule("spoken-year", L + r"(?:(?P<the>the\s+year\s+)|(?P<mon>" + MONTH + r")\s+|the\s+(?P<season>" + SEASON
       + r")\s+of\s+)?(?:nineteen\s+(?P<t>twenty|thirty|forty|fifty|sixty|"
       r"seventy|eighty|ninety|" + _SPOKEN_TENS + r")(?:[-\s](?P<o>" + _SPOKEN_ONES + r"))?|two\s+thousand"
       r"(?:\s+and)?(?:\s+(?P<o2>" + _SPOKEN_ONES + r"))?)" + R)
def _spoken_year(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand"."""
    if m["t"]:
        year = 1900 + int(_number(m["t"]) or 0) + int(_number(m["o"]) or 0 if m["o"] else 0)
    else:
        if not m["the"]:
            return None  # "two thousand" alone is a count far more often than a year
        year = 2000 + (int(_number(m["o2"]) or 0) if m["o2"] else 0)
    if m["mon"]:
        return Result("DATE", f"{year:04d}-{_month_of(m['mon']):02d}")  # "January nineteen ninety-seven"
    if m["season"]:
        return Result("DATE", f"{year:04d}-{SEASONS[m['season'].lower()]}")
    return Result("DATE", f"{year:04d}")


@_rule("century", L + r"(?P<n>[12]?\d)(?:st|nd|rd|th)[-\s]century" + R)
def _century(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    return Result("DATE", f"{int(m['n']) - 1:02d}")


_CLOCK = (r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?|"
          r"(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])|(?P<word>noon|midnight|midday))")


_DAY_AFTER_ASIDE = re.compile(r"\s*\([^()\n]{1,24}\)\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|tonight|"
                              + WEEKDAY + r")" + R, re.I)


@_rule("clock", L + r"(?:(?P<pre>today|yesterday|tomorrow|tonight|" + WEEKDAY + r")(?:\s+at)?\s+)?" + _CLOCK
       + r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time))?"
       r"(?:,?\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|tonight|" + WEEKDAY + r"|(?P<mon>" + MONTH
       + r")\s+(?P<md>" + DAY + r")))?" + R)
def _clock(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
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
        aside = _DAY_AFTER_ASIDE.match(ctx.text, e)
        day_word = aside["day"].lower().rstrip(".") if aside else ""
    date: str
    if ctx.dct is None:
        date = "XXXX-XX-XX"
    elif m["mon"]:
        resolved = _resolve_month_day(ctx.dct, _month_of(m["mon"]), _int_day(m["md"]), ctx.direction(s, e))
        date = _day(resolved) if resolved else "XXXX-XX-XX"
    elif day_word in WEEKDAYS:
        date = _day(_resolve_weekday(ctx.dct, WEEKDAYS[day_word], ctx.direction(s, e), False))
    else:
        offset = {"yesterday": -1, "tomorrow": 1}.get(day_word, 0)
        date = _day(ctx.dct + dt.timedelta(days=offset))
    return Result("TIME", f"{date}T{hour:02d}:{minute:02d}")


@_rule("holiday", L + r"(?:(?P<rel>last|next|this)\s+)?(?P<h>" + _alternation([h.title().replace("'S", "'s") for h in HOLIDAYS]
       + ["the Fourth of July"]) + r")(?P<week>\s+week)?(?:,?\s+(?P<y>" + YEAR + r"))?" + R)
def _holiday(m: re.Match[str], ctx: _Context, s: int, e: int) -> Result | None:
    """ "Christmas", "last Thanksgiving", "Easter week" (the week the holiday falls in)."""
    name = m["h"].lower()
    if name not in HOLIDAYS:
        return None
    if not _holiday_owner_known(name, ctx, s):
        return Result("DATE", "XXXX-WXX" if m["week"] else "XXXX-XX-XX")
    if m["week"]:
        def when(year: int) -> dt.date:  # the week's Monday: a week that has begun is not ahead
            day = HOLIDAYS[name](year)
            return day - dt.timedelta(days=day.weekday())
        write: Callable[[dt.date], str] = _week
    else:
        when, write = HOLIDAYS[name], _day
    if m["y"]:
        return Result("DATE", write(when(int(m["y"]))))
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX" if m["week"] else "XXXX-XX-XX")
    rel = (m["rel"] or "").lower()
    direction = -1 if rel == "last" else 1 if rel == "next" else ctx.direction(s, e)
    options = [when(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction < 0:
        chosen = max((o for o in options if o <= ctx.dct), default=options[0])
    elif direction > 0:
        chosen = min((o for o in options if o >= ctx.dct), default=options[-1])
    else:
        chosen = min(options, key=lambda o: abs((o - ctx.dct).days))  # type: ignore[operator]
    return Result("DATE", write(chosen))


def _holiday_owner_known(name: str, ctx: _Context, start: int) -> bool:
    """Whether the text says whose holiday ``name`` is, when it is one country's (HOLIDAY_OWNERS)."""
    owner = HOLIDAY_OWNERS.get(name)
    if owner is None:
        return True
    if owner.qualifier.search(ctx.text[max(0, start - HOLIDAY_QUALIFIER_CHARS):start]):
        return True
    return (owner.named is not None and bool(owner.named.search(ctx.text))
            and not (owner.rival is not None and owner.rival.search(ctx.text)))


# --- modifiers around a core expression ----------------------------------------------------------

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


def _position_mod(word: str) -> str:
    word = word.lower()
    if any(w in word for w in ("early", "beginning", "start", "first")):
        return "START"
    if any(w in word for w in ("mid", "middle")):
        return "MID"
    return "END"


def _is_forecast(ctx: _Context, year_quarter: tuple[int, int], start: int, end: int) -> bool:
    """A quarter still to come ("losses through the third quarter of 1990") or still running in a
    future clause ("expect the trend to continue into the fourth quarter") is a forecast, not a
    period with results; "third-quarter earnings will be low" after the quarter ended is a result
    awaited."""
    if ctx.dct is None:
        return False
    first_day = dt.date(year_quarter[0], 3 * year_quarter[1] - 2, 1)
    running = first_day + dt.timedelta(days=92) > ctx.dct
    return first_day > ctx.dct or (running and ctx.direction(start, end) > 0)


# --- the extractor --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rule: _Rule
    match: re.Match[str]


def _trim_end(text: str, start: int, end: int, sentence_ends: set[int]) -> int:
    """Give back a sentence-final full stop that a trailing abbreviation ("p.m.") swallowed."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[end - 1] == "." and (end in sentence_ends or end == len(text.rstrip())
                                 or re.match(r"\s*(?:\n|$)", text[end:end + 2])):
        if re.search(r"[ap]\.m\.$", text[start:end], re.I) or re.search(r"\b[A-Z][a-z]{2,3}\.$", text[start:end]):
            return end - 1
    return end


_WORD = re.compile(r"[A-Za-z]+")


def _is_title(ctx: _Context, start: int, end: int) -> bool:
    """True when a normally lower-case temporal word in ``text[start:end]`` is capitalised away
    from the start of its sentence, so that the phrase is (part of) a title or name."""
    for word in _WORD.finditer(ctx.text, start, end):
        token = word.group()
        if token.lower() not in LOWER_CASE_TEMPORAL or not token[0].isupper() or token.isupper():
            continue
        sentence_start = ctx.sentence_starts[ctx.sentence(word.start())]
        before = ctx.text[sentence_start:word.start()].rstrip(" \t\n\"'`“‘([")
        # first in its sentence, or after a dateline dash or a colon: an ordinary capital
        if not before or before[-1] in ".!?:;-–—_)]":
            continue
        return True
    return False


def extract_timexes(doc_id: str, doc: Doc, published: dt.date | None) -> tuple[Timex, ...]:
    """Find and normalise the temporal expressions in ``doc.text``.

    ``published`` is the document creation time that relative expressions are resolved against;
    with ``None`` they stay underspecified. Returns timexes in text order, never overlapping, with
    ``doc.text[t.start:t.end] == t.text``.
    """
    text = doc.text
    # a pipeline without parser or sentencizer still gets timexes, all in sentence 0 and with
    # directions left to the defaults
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else []
    sentence_starts = [sentence.start_char for sentence in sentences] or [0]
    sentence_ends = {sentence.end_char for sentence in sentences}
    ctx = _Context(doc, text, published, sentence_starts, sentence_spans=sentences)

    candidates: list[_Candidate] = []
    for rule in _RULES:
        position = 0
        # every start, not finditer's non-overlapping walk: when a handler refuses "the
        # third-quarter" the shorter "third-quarter" must still be on offer
        while (match := rule.pattern.search(text, position)) is not None:
            position = match.start() + 1
            start, end = match.span()
            end = _trim_end(text, start, end, sentence_ends)
            if end > start and text[start:end].strip() and not _is_title(ctx, start, end):
                candidates.append(_Candidate(start, end, rule, match))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))

    taken: list[tuple[int, int]] = []
    chosen: list[_Candidate] = []
    for candidate in candidates:
        if any(candidate.start < e and s < candidate.end for s, e in taken):
            continue
        try:
            result = candidate.rule.handler(candidate.match, ctx, candidate.start, candidate.end)
        except (ValueError, OverflowError, KeyError):
            result = None  # a date the calendar refuses ("February 30") is not a timex
        if result is None:
            continue
        taken.append((candidate.start, candidate.end))
        chosen.append(candidate)

    timexes: list[Timex] = []
    ctx.in_order = True
    for candidate in sorted(chosen, key=lambda c: c.start):
        start, end = candidate.start, candidate.end
        try:
            result = candidate.rule.handler(candidate.match, ctx, start, end)
        except (ValueError, OverflowError, KeyError):
            result = None
        if result is None:
            continue
        mod = result.mod
        previous_end = timexes[-1].end if timexes else 0
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
                values = (_week(days[0]),)  # "the week of March 6"
            else:
                # "the day before last Tuesday's hearing" is the Monday
                shift = dt.timedelta(days=1 if frame["ba"].lower() == "after" else -1)
                values = tuple(_day(d + shift) for d in days)
            value, start = values[0], frame.start("w")
        if result.type == "DURATION" or candidate.rule.name == "ago":
            quantity = _QUANTITY_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
            word = re.sub(r"\s+", " ", quantity["w"].lower()) if quantity else ""
            # "over the past three months" is a preposition; "over ten weeks" a quantity
            if word and not (word in ("over", "under") and text[start:end].lower().startswith("the ")):
                mod = mod or _QUANTITY_MOD[word]
                if word in INSIDE_MODIFIERS and quantity is not None:
                    start = quantity.start("w")
        if result.type in ("DATE", "TIME") and mod is None:
            quantity = _QUANTITY_PREFIX.search(text, max(previous_end, start - MODIFIER_LOOKBEHIND), start)
            if quantity and quantity["w"].lower() in ("about", "around", "approximately", "roughly"):
                mod = "APPROX"
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        core_text = text[start:end].lower()
        sentence = ctx.sentence(start)
        # "the quarter" keeps the context alive; "a year ago" and "the 1988 period" refer back to
        # it and must not replace it with last year's quarter
        refers_back = candidate.rule.name == "ago" or (candidate.rule.name == "the-quarter" and candidate.match["y"])
        # "this year's third quarter" is the quarter reported on; "last year's" and "the year-ago
        # quarter" are its comparison and must not replace it
        looks_back = re.search(r"\byear[-\s]+(?:ago|earlier)|\blast\s+year", text[start:end], re.I)
        year_quarter = (int(quarter[1]), int(quarter[2])) if quarter else None
        if year_quarter and not looks_back and not refers_back and not _is_forecast(ctx, year_quarter, start, end):
            ctx.last_quarter = (*year_quarter, sentence)
        elif result.type == "DURATION" and re.fullmatch(r"P\d+M", value) and core_text.startswith("the "):
            # "In the first nine months, net rose ... from the 1988 period": the report has moved
            # on from the quarter, and what follows compares the longer period
            ctx.last_quarter = None
        if result.type in ("DATE", "TIME") and re.match(r"\d{4}(?:-[01]\d(?:-[0-3]\d)?)?(?:$|T)", value):
            ctx.reference = value.partition("T")[0]
            ctx.reference_sentence = sentence
        timexes.append(Timex(
            doc=doc_id, start=start, end=end, text=text[start:end], type=result.type,
            value=value, sentence=sentence, values=values or (value,),
            mod=mod, rule=candidate.rule.name))
    return tuple(timexes)
