"""Merge events reported by several articles into one timeline entry per real-world event.

Two events are the same real event when they share a category, their dates are compatible
(their claimed days overlap; a day apart for a report dated only by its publication), and their clauses name at least two of the
same actors or places (organisations named after their members count for those members). Sources often disagree on the date ("January 9 and 10" vs "January 10" vs "Monday and
Tuesday"): the entry keeps every source's claim and is dated by the day most sources support.

Only events dated by a temporal expression start an entry; an event dated only by its
article's publication day joins an entry that it matches, so the timeline holds what the texts
date, not every statement on the day it was printed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable, Sequence

from storyline.link.dates import calendar_day
from storyline.records import Event
from storyline.store import TimelineEntry

# Modes that belong on a timeline: what did, does or will happen; not what might or did not.
TIMELINE_MODES = frozenset({"happened", "scheduled", "ongoing"})
# Reports that date an event themselves must agree on a day (a range or list agrees with any of
# its days); an article dated only by its publication may have printed it the day after.
WEAK_DATE_TOLERANCE_DAYS = 1
# Reports of one event name the same parties and place; one shared name (often the reporting
# organisation itself) is too weak, since it recurs in every event of a story.
MIN_SHARED_ACTORS = 2
# An event dated only by its article's publication day joins an entry only when its trigger
# shares this many leading letters with a member's ("meeting" ~ "meet"): the day alone is weak.
TRIGGER_STEM_CHARS = 4
# A source that dates the event in words outweighs one dated only by its publication day.
WEAK_CLAIM_WEIGHT = 0.5
# Events less certain than this are not timeline material.
MIN_CONFIDENCE = 0.4
# A title is the clause of the best-supported event, cut at a word boundary.
TITLE_CHARS = 140

ActorsOf = Callable[[Event], frozenset[str]]


@dataclass
class _Cluster:
    category: str
    members: list[tuple[int, Event, tuple[date, ...]]] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)

    def days(self) -> set[date]:
        """The days most members claim: comparing against every claimed day would let a chain
        of neighbouring days pull separate events into one entry."""
        support = Counter(day for _, _, days in self.members for day in set(days))
        top = max(support.values())
        return {day for day, n in support.items() if n == top}


def claimed_days(event: Event, values: Sequence[str] = ()) -> tuple[date, ...]:
    """The calendar days an event's date stands for (a list or range gives several)."""
    given = values or ((event.date.value,) if event.date.value else ())
    return tuple(day for value in given if (day := calendar_day(value)) is not None)


def merge_timeline(
    events: Iterable[tuple[int, Event]],
    actors_of: ActorsOf,
    values_of: Callable[[Event], Sequence[str]] = lambda event: (),
) -> list[tuple[TimelineEntry, list[int]]]:
    """Timeline entries in date order, each with the ids of the events it merges.

    ``events`` are (event id, event) pairs from every document; ``actors_of`` gives the canonical
    actor ids of an event; ``values_of`` the full list of values of its temporal expression.
    """
    usable = [(i, e, claimed_days(e, values_of(e))) for i, e in events
              if e.mode in TIMELINE_MODES and e.confidence >= MIN_CONFIDENCE]
    anchored = sorted(((i, e, d) for i, e, d in usable if d and e.date.basis == "timex"),
                      key=lambda item: (min(item[2]), item[1].doc, item[1].start))
    published = [(i, e, d) for i, e, d in usable if d and e.date.basis != "timex"]
    clusters: list[_Cluster] = []
    for item in anchored:
        cluster = _best_cluster(clusters, item[1], item[2], actors_of)
        if cluster is None:
            cluster = _Cluster(item[1].category)
            clusters.append(cluster)
        _join(cluster, item, actors_of)
    for item in published:
        cluster = _best_cluster(clusters, item[1], item[2], actors_of, weakly_dated=True)
        if cluster is not None:
            _join(cluster, item, actors_of)
    entries = [_entry(cluster) for cluster in clusters]
    entries.sort(key=lambda pair: (pair[0].date, pair[0].id))
    return entries


def _best_cluster(clusters: Sequence[_Cluster], event: Event, days: tuple[date, ...],
                  actors_of: ActorsOf, *, weakly_dated: bool = False) -> _Cluster | None:
    best, best_score = None, MIN_SHARED_ACTORS - 1
    actors = actors_of(event)
    for cluster in clusters:
        if weakly_dated and not any(_same_word(event.trigger.text, member.trigger.text)
                                    for _, member, _ in cluster.members):
            continue
        tolerance = WEAK_DATE_TOLERANCE_DAYS if weakly_dated else 0
        if cluster.category != event.category or not _compatible(cluster.days(), days, tolerance):
            continue
        if any(member.doc == event.doc and set(member_days) != set(days)
               for _, member, member_days in cluster.members):
            continue  # one article giving two dates is describing two events
        score = len(actors & cluster.actors)
        if score > best_score:
            best, best_score = cluster, score
    return best


def _same_word(a: str, b: str) -> bool:
    """Triggers of one stem ("meet", "meeting", "met" aside): a cheap check that two reports
    name the same kind of happening."""
    return a.lower()[:TRIGGER_STEM_CHARS] == b.lower()[:TRIGGER_STEM_CHARS]


def _compatible(cluster_days: set[date], days: Sequence[date], tolerance_days: int) -> bool:
    tolerance = timedelta(days=tolerance_days)
    return any(abs(a - b) <= tolerance for a in cluster_days for b in days)


def _join(cluster: _Cluster, item: tuple[int, Event, tuple[date, ...]], actors_of: ActorsOf) -> None:
    cluster.members.append(item)
    cluster.actors |= actors_of(item[1])


def _entry(cluster: _Cluster) -> tuple[TimelineEntry, list[int]]:
    support: dict[date, float] = defaultdict(float)
    claims: list[dict[str, str]] = []
    seen_claims: set[tuple[str, str]] = set()
    for _, event, days in cluster.members:
        weight = 1.0 if event.date.basis == "timex" else WEAK_CLAIM_WEIGHT
        for day in set(days):
            support[day] += weight
        value = _claim_text(days)
        if (value, event.doc) not in seen_claims:
            seen_claims.add((value, event.doc))
            claims.append({"value": value, "doc": event.doc})
    # Most sources first; among equals, the earliest day (a multi-day event starts then).
    day = min(support, key=lambda d: (-support[d], d))
    sources = tuple(dict.fromkeys(event.doc for _, event, _ in cluster.members))
    # The title quotes the surest report that reads as a sentence of its own.
    lead = max((event for _, event, _ in cluster.members),
               key=lambda e: (e.date.basis == "timex", e.text[:1].isupper(), e.confidence))
    modes = Counter(event.mode for _, event, _ in cluster.members)
    ids = sorted(i for i, _, _ in cluster.members)
    key = "|".join(f"{event.doc}:{event.trigger.start}" for _, event, _ in sorted(
        cluster.members, key=lambda m: (m[1].doc, m[1].trigger.start)))
    entry = TimelineEntry(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        date=day.isoformat(),
        title=_title(lead.text),
        category=cluster.category,
        mode=modes.most_common(1)[0][0],
        sources=sources,
        date_claims=tuple(claims),
        actors=tuple(sorted(cluster.actors)),
    )
    return entry, ids


def _claim_text(days: Sequence[date]) -> str:
    ordered = sorted(set(days))
    if len(ordered) == 1:
        return ordered[0].isoformat()
    return "/".join(day.isoformat() for day in ordered)


def _title(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
