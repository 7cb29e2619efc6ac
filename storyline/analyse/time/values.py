"""Writing TIMEX3 values: a day, a week, a duration, a count; reading a count or a unit word.

    >>> duration(2.5, "year"), week(dt.date(2022, 1, 7))
    ('P2Y6M', '2022-W01')
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.analyse.lexicon.calendar import MONTHS
from storyline.analyse.time.words import NUMBER_WORDS, UNITS, VAGUE_NUMBERS


def day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week(d: dt.date) -> str:
    year, week_number, _ = d.isocalendar()
    return f"{year:04d}-W{week_number:02d}"


def day_list(first: dt.date, last: dt.date) -> tuple[str, ...]:
    """Every day from ``first`` to ``last``, both included."""
    days = (last - first).days
    return tuple(day(first + dt.timedelta(days=i)) for i in range(days + 1))


def undated_day(month: int | None = None, day_of_month: int | None = None) -> str:
    return f"XXXX-{month:02d}-{day_of_month:02d}" if month and day_of_month else "XXXX-XX-XX"


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def int_day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def number(text: str) -> float | None:
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


def count(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


# A fractional count is written with the next smaller unit, as ISO 8601 and TimeBank do ("2 1/2
# years" → P2Y6M, "5 1/2 hours" → PT5H30M): unit letter → (smaller letter, how many, clock unit).
_SMALLER_UNIT: dict[tuple[str, bool], tuple[str, int, bool]] = {
    ("Y", False): ("M", 12, False), ("D", False): ("H", 24, True), ("H", True): ("M", 60, True),
    ("M", True): ("S", 60, True),
}


def duration(n: float | None, unit: str) -> str:
    """The TIMEX3 duration of ``n`` (None: an unknown number) ``unit``s."""
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
        return f"P{count(n * factor) if n is not None else 'X'}{'Y' if n is not None else letter}"
    return f"PT{count(n)}{letter}" if clock else f"P{count(n)}{letter}"


def unit(word: str) -> str:
    """The singular unit of a unit word: "centuries" → "centurie", "weeks" → "week"."""
    word = word.lower()
    if word.endswith("ies"):
        return "centurie"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
