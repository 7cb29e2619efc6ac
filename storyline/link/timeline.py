"""Merge events reported by several articles into one timeline entry per real-world event.

Two events are the same real event when they share a category, their dates are compatible
(their claimed days overlap; a day apart for a report dated only by its publication), and their clauses name at least two of the
same actors or places (organisations named after their members count for those members). Sources often disagree on the date ("January 9 and 10" vs "January 10" vs "Monday and
Tuesday"): the entry keeps every source's claim and is dated by the day most sources support.

Only events dated by a temporal expression start an entry; an event dated only by its
article's publication day joins an entry that it matches, so the timeline holds what the texts
date, not every statement on the day it was printed.

Every entry is then judged for salience: would a reader of the story's timeline want it? Speeches
and press releases are full of dated statements that are no event of the story ("today we
discussed ...", "killed today", "we had a good conversation"). An entry is shown when a named
actor did or suffered it (failing a parsed one, when its report writes a date and names two
parties around it); a meeting or joint action needs two parties; a lone report dated only
"today" or "yesterday" must say who acted and must not be a present-tense statement ("today
Ukraine is fighting"). Two articles that date the event themselves excuse the last three rules.
Negated and hypothetical events never reach the timeline (:data:`TIMELINE_MODES`). A filtered
entry is stored with the rule it failed (``TimelineEntry.filtered``), not dropped:
``Store.timeline(include_filtered=True)`` and ``storyline timeline --all`` show it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Iterable, Mapping, Sequence

from storyline.analyse.events import SPEAKER_PRONOUNS
from storyline.link.dates import calendar_day
from storyline.records import DateClaim, Event, TimelineEntry

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
# Words that name a state of affairs rather than an act: a report that mentions "the war", "the
# invasion" or "the occupied territories" on the day it was printed says nothing about what
# happened that day, so without a date of its own it joins no entry (every article of a war
# would otherwise join that day's attack).
ONGOING_STATES = frozenset({"war", "wars", "aggression", "invasion", "occupation", "occupied", "conflict",
                            "hostilities", "crisis", "operation", "offensive", "fighting", "escalation"})
# A landmark event is echoed in passing by many later articles ("sparked by Putin's 24 February
# invasion"), naming a party of it or none. An echo joins an entry that this many articles date
# themselves (and more than date the echo) when it names the same day, the same kind of happening,
# and no party outside it (a report that also names another party may be another event of that day).
ECHOED_SOURCES = 3
# A source that dates the event in words outweighs one dated only by its publication day.
WEAK_CLAIM_WEIGHT = 0.5
# Events less certain than this are not timeline material.
MIN_CONFIDENCE = 0.4
# A title is the clause of the best-supported event, cut at a word boundary.
TITLE_CHARS = 140

# -- salience ---------------------------------------------------------------------------------
# Reports from this many articles that date the event themselves make an entry corroborated: two
# outlets rarely date the same non-event, so corroboration excuses a missing counterpart or a
# vague date (not a missing actor). Articles that join only by their publication day do not
# count: every article of a war mentions "the invasion", and on any day some were printed.
CORROBORATING_SOURCES = 2
# An event needs a named actor as its source or target. Failing that, a report that writes its
# date (not just "today") and names this many parties around the event still tells the reader
# who and when ("In Zelensky's call with Biden on Tuesday, he appealed for ..."); two-party
# happenings (a meeting, talk or joint action) need this many parties in any case ("Today we
# discussed ..." in a press release names none).
MIN_PARTIES = 2
TWO_PARTY_CATEGORIES = frozenset({"CONSULT", "COOPERATE"})
UNCOUNTED_PARTY_LABELS = frozenset({"NORP"})
# Words that date a statement by the moment it was spoken. In speeches and press releases they
# mostly date the speech itself ("we are meeting today", "today Ukraine is fighting"), so a lone
# report dated by them alone must name who acted, and must not be a present-tense statement.
DEICTIC_DATE = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b",
                          re.IGNORECASE)
# A date that names its day in the text ("24 February", "March 3, 2022"), not a weekday or a
# deictic word: the source committed to the day.
CALENDAR_DATE = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
                           re.IGNORECASE)
# Salience points, to rank entries: each source counts (up to a cap, so one much-repeated event
# does not drown the rest; one dated only by its publication day counts as WEAK_CLAIM_WEIGHT),
# as do a named source, a named target and a written calendar date.
MAX_COUNTED_SOURCES = 5
PARTICIPANT_POINTS = 1.0
CALENDAR_DATE_POINTS = 1.0
# Why an entry is filtered: the first rule it fails, stored with the entry.
NO_NAMED_ACTOR = "no named actor as source or target"
NO_COUNTERPART = "two-party event with no named counterpart, in one source"
VAGUE_LONE_REPORT = "one source, dated only by 'today'/'yesterday', with no named actor acting"
PRESENT_TENSE_STATEMENT = "one source, a present-tense statement dated only by 'today'"
# A speech's "I"/"we": what the speaker did counts, what they will do "today" is rhetoric until a
# second source reports it ("today we will have a clear understanding").
SPEAKER_INTENTION = "one source, a speaker's own plan or wish ('today we will ...'), not a done act"

ActorsOf = Callable[[Event], frozenset[str]]
DateTextOf = Callable[[Event], str]


@dataclass
class _Cluster:
    category: str
    number: int  # creation order: ties between equally good clusters go to the older one
    members: list[tuple[int, Event, tuple[date, ...]]] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    _days: set[date] | None = None

    def days(self) -> set[date]:
        """The days most members claim: comparing against every claimed day would let a chain
        of neighbouring days pull separate events into one entry."""
        if self._days is None:
            support = Counter(day for _, _, days in self.members for day in set(days))
            top = max(support.values())
            self._days = {day for day, n in support.items() if n == top}
        return self._days


class _ClusterIndex:
    """Clusters by category and by every day a member claims, so a report is compared only with
    the clusters near its own days — not with every cluster of the corpus (quadratic on large
    corpora). The days most members claim are among the claimed days, so nothing is missed."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_day: dict[tuple[str, date], list[_Cluster]] = defaultdict(list)

    def new(self, category: str) -> _Cluster:
        cluster = _Cluster(category, len(self.clusters))
        self.clusters.append(cluster)
        return cluster

    def near(self, category: str, days: Sequence[date], tolerance_days: int) -> list[_Cluster]:
        found: dict[int, _Cluster] = {}
        for day in days:
            for shift in range(-tolerance_days, tolerance_days + 1):
                for cluster in self._by_day.get((category, day + timedelta(days=shift)), ()):
                    found[cluster.number] = cluster
        return [found[number] for number in sorted(found)]

    def join(self, cluster: _Cluster, item: tuple[int, Event, tuple[date, ...]], actors_of: ActorsOf) -> None:
        claimed = {day for _, _, days in cluster.members for day in days}
        cluster.members.append(item)
        cluster.actors |= actors_of(item[1])
        cluster._days = None
        for day in set(item[2]) - claimed:
            self._by_day[(cluster.category, day)].append(cluster)


def claimed_days(event: Event, values: Sequence[str] = ()) -> tuple[date, ...]:
    """The calendar days an event's date stands for (a list or range gives several)."""
    given = values or ((event.date.value,) if event.date.value else ())
    return tuple(day for value in given if (day := calendar_day(value)) is not None)


def merge_timeline(
    events: Iterable[tuple[int, Event]],
    actors_of: ActorsOf,
    values_of: Callable[[Event], Sequence[str]] = lambda event: (),
    *,
    date_text_of: DateTextOf = lambda event: "",
    labels: Mapping[str, str] | None = None,
) -> list[tuple[TimelineEntry, list[int]]]:
    """Timeline entries in date order, each with the ids of the events it merges.

    ``events`` are (event id, event) pairs from every document, with ``source_actor`` and
    ``target_actor`` linked; ``actors_of`` gives the canonical actor ids named around an event;
    ``values_of`` the full list of values of its temporal expression and ``date_text_of`` its
    text; ``labels`` the NER label of each actor id. Every entry is returned, salient or not:
    ``entry.filtered`` says why one is not.
    """
    usable = [(i, e, claimed_days(e, values_of(e))) for i, e in events
              if e.mode in TIMELINE_MODES and e.confidence >= MIN_CONFIDENCE]
    anchored = sorted(((i, e, d) for i, e, d in usable if d and e.date.basis == "timex"),
                      key=lambda item: (min(item[2]), item[1].doc, item[1].start))
    published = [(i, e, d) for i, e, d in usable if d and e.date.basis != "timex"]
    index = _ClusterIndex()
    for item in anchored:
        cluster = _best_cluster(index.near(item[1].category, item[2], 0), item[1], item[2], actors_of)
        if cluster is None:
            cluster = index.new(item[1].category)
        index.join(cluster, item, actors_of)
    echoes = _absorb_echoes(index, actors_of)
    for item in published:
        if item[1].trigger.text.lower() in ONGOING_STATES:
            continue
        near = index.near(item[1].category, item[2], WEAK_DATE_TOLERANCE_DAYS)
        cluster = _best_cluster([c for c in near if c.number not in echoes], item[1], item[2], actors_of,
                                weakly_dated=True)
        if cluster is not None:
            index.join(cluster, item, actors_of)
    entries = [_entry(cluster, date_text_of, labels) for cluster in index.clusters if cluster.number not in echoes]
    entries.sort(key=lambda pair: (pair[0].date, pair[0].id))
    return entries


def _absorb_echoes(index: _ClusterIndex, actors_of: ActorsOf) -> set[int]:
    """Fold each report that merely echoes a landmark event into the landmark's entry; return
    the numbers of the clusters emptied so. Done once every dated report has found its cluster,
    since an echo may come before the articles that make the landmark; smaller clusters first,
    so that an echo never becomes the landmark of another. Only clusters on the echo's own days
    are compared, so the pass stays linear in the corpus."""
    size = {cluster.number: _dated_sources(event for _, event, _ in cluster.members) for cluster in index.clusters}
    absorbed: set[int] = set()
    for cluster in sorted(index.clusters, key=lambda c: (size[c.number], c.number)):
        triggers = [member.trigger.text for _, member, _ in cluster.members]
        candidates = [
            other for other in index.near(cluster.category, sorted(cluster.days()), 0)
            if size[other.number] >= max(ECHOED_SOURCES, size[cluster.number] + 1) and other.number not in absorbed
            and other.days() & cluster.days() and cluster.actors <= other.actors
            and any(_same_word(t, member.trigger.text) for t in triggers for _, member, _ in other.members)
        ]
        if not candidates:
            continue
        landmark = max(candidates, key=lambda c: (size[c.number], -c.number))
        for item in cluster.members:
            index.join(landmark, item, actors_of)
        absorbed.add(cluster.number)
    return absorbed


def _dated_sources(reports: Iterable[Event]) -> int:
    """How many articles date the event in their own words (not only by their printing day)."""
    return len({event.doc for event in reports if event.date.basis == "timex"})


def _best_cluster(clusters: Sequence[_Cluster], event: Event, days: tuple[date, ...],
                  actors_of: ActorsOf, *, weakly_dated: bool = False) -> _Cluster | None:
    # More shared names win; among equals, a cluster on the report's own day beats one a day
    # away (the tolerance is for a report printed the day after, not a reason to prefer it).
    best, best_score = None, (MIN_SHARED_ACTORS - 1, True)
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
        score = (len(actors & cluster.actors), bool(cluster.days() & set(days)))
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


def _entry(cluster: _Cluster, date_text_of: DateTextOf,
           labels: Mapping[str, str] | None) -> tuple[TimelineEntry, list[int]]:
    support: dict[date, float] = defaultdict(float)
    claims: list[DateClaim] = []
    seen_claims: set[tuple[str, str]] = set()
    for _, event, days in cluster.members:
        weight = 1.0 if event.date.basis == "timex" else WEAK_CLAIM_WEIGHT
        for day in set(days):
            support[day] += weight
        value = _claim_text(days)
        if (value, event.doc) not in seen_claims:
            seen_claims.add((value, event.doc))
            claims.append(DateClaim(value, event.doc))
    # The day the reports that date the event support most; among equals, the one most sources
    # support, then the earliest (a multi-day event starts then). A report dated only by the day
    # it was printed says when it was printed, not when the event happened.
    dated = Counter(day for _, event, days in cluster.members if event.date.basis == "timex" for day in set(days))
    day = min(support, key=lambda d: (-dated[d], -support[d], d))
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
    return judge_salience(entry, [event for _, event, _ in cluster.members], date_text_of, labels), ids


def judge_salience(entry: TimelineEntry, reports: Sequence[Event], date_text_of: DateTextOf = lambda event: "",
                   labels: Mapping[str, str] | None = None) -> TimelineEntry:
    """The entry with its salience points and, when a reader would not want it, the rule it fails.

    ``reports`` are the entry's events with their canonical ``source_actor``/``target_actor``;
    ``entry.actors`` are all the names written around them; ``labels`` the NER label of each actor.
    """
    labels = labels or {}
    dated_sources = _dated_sources(reports)
    weak_sources = len(entry.sources) - dated_sources
    doers = {e.source_actor for e in reports if e.source_actor}
    participants = doers | {e.target_actor for e in reports if e.target_actor}
    # Nationalities stand for their country, which the clause's names already hold ("Russian"
    # → Russia): counting both would make one party look like two.
    parties = {actor for actor in participants | set(entry.actors) if labels.get(actor) not in UNCOUNTED_PARTY_LABELS}
    timex_dated = [date_text_of(e) for e in reports if e.date.basis == "timex"]
    calendar_dated = any(CALENDAR_DATE.search(text) for text in timex_dated)
    only_deictic = bool(timex_dated) and all(DEICTIC_DATE.search(text) for text in timex_dated)
    points = (min(dated_sources + WEAK_CLAIM_WEIGHT * weak_sources, MAX_COUNTED_SOURCES)
              + PARTICIPANT_POINTS * (bool(doers) + bool(participants - doers))
              + CALENDAR_DATE_POINTS * calendar_dated)
    lone = dated_sources < CORROBORATING_SOURCES
    filtered = None
    if not participants and not (timex_dated and not only_deictic and len(parties) >= MIN_PARTIES):
        filtered = NO_NAMED_ACTOR
    elif lone and entry.category in TWO_PARTY_CATEGORIES and len(parties) < MIN_PARTIES:
        filtered = NO_COUNTERPART
    elif lone and only_deictic and not doers and len(parties) < MIN_PARTIES:
        filtered = VAGUE_LONE_REPORT
    elif lone and only_deictic and entry.mode == "ongoing":
        filtered = PRESENT_TENSE_STATEMENT
    elif lone and only_deictic and entry.mode != "happened" and reports and all(
            e.source is not None and e.source.text.lower() in SPEAKER_PRONOUNS for e in reports):
        filtered = SPEAKER_INTENTION
    return replace(entry, salience=points, filtered=filtered)


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
