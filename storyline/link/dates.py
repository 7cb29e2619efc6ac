"""Infer the publication date of an undated article from its own events and the corpus.

An article without a stated date still says a lot about when it was written: it reports some
events as past ("On February 24, Russia launched ...") and others as coming ("NATO will hold a
summit on March 24"), so it was written between them; and it reports events that dated articles
of the same corpus also report, which fixes the year its month-day dates leave open. This module
turns that evidence into a date with a confidence and a readable account of why. An inferred date
is always stored with basis ``inferred``: a guess is never presented as a stated date.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterable, Mapping, Sequence

from storyline.records import Event, Timex

# Modes that place an event before the article (it was reported as done or as not done) or after
# it (it was announced).
PAST_MODES = frozenset({"happened", "negated"})
FUTURE_MODES = frozenset({"scheduled"})
# Confidence: a base for any estimate resting on the article's own dates, raised when another
# article confirms the year, and when the evidence pins the date to within a week.
BASE_CONFIDENCE = 0.45
CORROBORATED_BONUS = 0.3
NARROW_BONUS = 0.15
NARROW_DAYS = 7
ONE_SIDED_PENALTY = 0.1
MAX_CONFIDENCE = 0.95
# An undated event matched in another article counts only within this reach of the article's
# own dates; news dates events further away with their year.
REACH = timedelta(days=120)

MONTH_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
FULL_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")

ActorsOf = Callable[[Event], frozenset[str]]


@dataclass(frozen=True, slots=True)
class DateInference:
    doc: str
    value: str  # ISO date
    confidence: float
    evidence: str
    corroborated: bool = False  # another article confirms the year


@dataclass(frozen=True, slots=True)
class _Anchor:
    month: int
    day: int
    direction: int  # -1: the event lies before the article; +1: after it; 0: unknown
    year_votes: tuple[int, ...] = ()  # years in which dated articles report the same event


def infer_dates(
    undated: Mapping[str, Sequence[Event]],
    timexes: Mapping[str, Sequence[Timex]],
    dated: Sequence[Event],
    corpus_days: Sequence[date],
    actors_of: ActorsOf,
) -> list[DateInference]:
    """Estimate a publication date for each undated document that offers enough evidence.

    ``undated`` maps document ids to their events, extracted without a publication date (so
    month-day dates are still "XXXX-MM-DD"), and ``timexes`` to their time expressions; ``dated`` are events of dated documents, with full
    dates; ``corpus_days`` the known publication dates, which bound the candidate years.
    """
    if not corpus_days:
        return []
    known = [(e, calendar_day(e.date.value)) for e in dated if e.date.basis == "timex"]
    known_days = [(e, d) for e, d in known if d is not None]
    results = {doc: _infer_one(doc, events, timexes.get(doc, ()), known_days, corpus_days, actors_of)
               for doc, events in sorted(undated.items())}
    # Articles whose year another article confirmed are surer; they vote on the year of the rest.
    days = list(corpus_days) + [date.fromisoformat(found.value) for found in results.values()
                                if found is not None and found.corroborated]
    inferred = []
    for doc, found in results.items():
        if found is not None and not found.corroborated:
            found = _infer_one(doc, undated[doc], timexes.get(doc, ()), known_days, days, actors_of)
        if found is not None:
            inferred.append(found)
    return inferred


def _infer_one(doc: str, events: Sequence[Event], timexes: Sequence[Timex], known: Sequence[tuple[Event, date]],
               corpus_days: Sequence[date], actors_of: ActorsOf) -> DateInference | None:
    anchors = list(_month_day_anchors(events, timexes, known, actors_of))
    if not anchors:
        return None  # without a date of its own, an article could be from any year
    year, corroborated = _choose_year(anchors, corpus_days)
    lows = [day for a in anchors if a.direction < 0 and (day := _day(year, a)) is not None]
    highs = [day for a in anchors if a.direction > 0 and (day := _day(year, a)) is not None]
    neutral = [day for a in anchors if a.direction == 0 and (day := _day(year, a)) is not None]
    own = lows + highs + neutral
    if not own:
        return None
    # Undated events that dated articles also report narrow the window, when they fall near the
    # article's own dates (a match months away is another occurrence of a recurring event) and
    # agree with them (a match is never trusted over the article's own dated words).
    ceiling, floor = (min(highs) if highs else None), (max(lows) if lows else None)
    matched = [(direction, day) for direction, day in _matched_undated(events, known, actors_of)
               if min(own) - REACH <= day <= max(own) + REACH
               and not (direction < 0 and ceiling is not None and day > ceiling)
               and not (direction > 0 and floor is not None and day < floor)]
    lows += [day for direction, day in matched if direction < 0]
    highs += [day for direction, day in matched if direction > 0]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    if low is not None and high is not None and low > high:
        # Contradictory evidence (a misread tense): keep the side more events support.
        low, high = (low, None) if len(lows) >= len(highs) else (None, high)
    if low is not None and high is not None:
        estimate = low + (high - low) / 2  # the middle of what the evidence allows
    elif low is not None:
        estimate = low  # news reports soon after the fact
    elif high is not None:
        estimate = high  # ... and announces shortly before it
    else:
        estimate = statistics.median_low(sorted(neutral))
    confidence = BASE_CONFIDENCE
    if corroborated:
        confidence += CORROBORATED_BONUS
    if low is not None and high is not None and (high - low).days <= NARROW_DAYS:
        confidence += NARROW_BONUS
    if low is None or high is None:
        confidence -= ONE_SIDED_PENALTY
    evidence = _explain(year, corroborated, low, high, len(anchors), len(matched))
    return DateInference(doc, estimate.isoformat(), round(min(confidence, MAX_CONFIDENCE), 2), evidence,
                         corroborated)


def _month_day_anchors(events: Sequence[Event], timexes: Sequence[Timex], known: Sequence[tuple[Event, date]],
                       actors_of: ActorsOf) -> Iterable[_Anchor]:
    """Month-day dates with the direction the events of their sentence give them."""
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence, []).append(event)
    for timex in timexes:
        days = [match for value in (timex.values or (timex.value,)) if (match := MONTH_DAY.match(value))]
        if not days:
            continue
        near = by_sentence.get(timex.sentence, [])
        dated = [e for e in near if e.date.start == timex.start and e.date.end == timex.end]
        modes = Counter(e.mode for e in (dated or near))
        past = sum(n for mode, n in modes.items() if mode in PAST_MODES)
        future = sum(n for mode, n in modes.items() if mode in FUTURE_MODES)
        direction = -1 if past > future else 1 if future > past else 0
        # A list or range was written after its last day if past, before its first if coming.
        match = days[-1] if direction < 0 else days[0]
        month, day = int(match.group(1)), int(match.group(2))
        votes = tuple(d.year for event in dated for other, d in known
                      if (d.month, d.day) == (month, day) and _same_event(event, other, actors_of))
        yield _Anchor(month, day, direction, votes)


def _matched_undated(events: Iterable[Event], known: Sequence[tuple[Event, date]],
                     actors_of: ActorsOf) -> Iterable[tuple[int, date]]:
    """Undated events that dated articles report too: their date bounds this article's."""
    for event in events:
        if event.date.value is not None or event.mode not in PAST_MODES | FUTURE_MODES:
            continue
        days = [d for other, d in known if _same_event(event, other, actors_of, strict=True)]
        if days:
            direction = -1 if event.mode in PAST_MODES else 1
            yield direction, Counter(days).most_common(1)[0][0]


def _same_event(event: Event, other: Event, actors_of: ActorsOf, *, strict: bool = False) -> bool:
    """Same category and shared actors: one for a matching month-day date, two for no date."""
    if event.category != other.category or event.doc == other.doc:
        return False
    return len(actors_of(event) & actors_of(other)) >= (2 if strict else 1)


def _choose_year(anchors: Sequence[_Anchor], corpus_days: Sequence[date]) -> tuple[int, bool]:
    votes = Counter(year for anchor in anchors for year in anchor.year_votes)
    if votes:
        return votes.most_common(1)[0][0], True
    # No other article confirms a year: take the corpus's most common year, and among equally
    # common ones the year of its median day.
    years = Counter(day.year for day in corpus_days)
    middle = sorted(corpus_days)[len(corpus_days) // 2].year
    return min(years, key=lambda year: (-years[year], abs(year - middle))), False


def _day(year: int, anchor: _Anchor) -> date | None:
    try:
        return date(year, anchor.month, anchor.day)
    except ValueError:
        return None  # February 29 in a common year


def calendar_day(value: str | None) -> date | None:
    """The day a TIMEX3 value names when it names exactly one ("2022-01-12"), else None."""
    match = FULL_DAY.match(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _explain(year: int, corroborated: bool, low: date | None, high: date | None, anchors: int,
             matched: int) -> str:
    parts = [f"year {year} " + ("confirmed by dated articles reporting the same events" if corroborated
                                 else "taken from the corpus's most common year")]
    if low is not None:
        parts.append(f"after {low.isoformat()} (events it reports as past)")
    if high is not None:
        parts.append(f"before {high.isoformat()} (events it announces)")
    parts.append(f"{anchors} dated expressions, {matched} events matched in other articles")
    return "; ".join(parts)

