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
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Collection, Iterable, Mapping, Sequence

from storyline.analyse.lexicon.reference import OWN_VOICE_WORDS, SPEAKER_PRONOUNS
from storyline.analyse.lexicon.cues import CLOSE_MARKS, OPEN_MARKS, STRAIGHT
from storyline.link.dates import calendar_day
from storyline.link.stories import words
from typing import TYPE_CHECKING

from storyline.records import CitedSentence, DateClaim, Event, KeptDay, KeptEntry, Placement, Span, TimelineEntry, Timex

if TYPE_CHECKING:
    from storyline.store import Store

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
# A title is the sentence of the entry's most central report, cut at a word boundary when longer
# than this (a sentence of 50 words): long enough to stand alone.
TITLE_CHARS = 320
# News is written lead first: a report in one of an article's first sentences is what the article
# is about, and its sentence says the event plainly; later ones are background and reactions.
LEAD_SENTENCES = 3
# A headline is 3 to 20 words; a lead restates at least half of its longer words. A headline
# never ends in a word that waits for its noun ("The President congratulated the | President of
# the Council ..." is one sentence), and a lead never starts with a word followed by a comma
# ("On the Day of Russian | Parliamentarism, the President met ...").
GLUED_HEADLINE_WORDS = (3, 20)
GLUED_HEADLINE_SHARE = 0.5
NOT_A_HEADLINE_END = frozenset({"a", "an", "the", "of", "for", "with", "to", "by", "from", "and", "or", "his",
                                "her", "its", "their", "our", "this", "that"})
# A sentence reads as a title on its own when it has this many words (fewer is a caption or a
# heading) and at most the second bound (more is a run-on, a list or a glued headline).
TITLE_WORDS = (6, 60)
# Datelines and page chrome before a sentence: "CARACAS | Thu Mar 3, 2011 11:45 am EST",
# "WASHINGTON (Reuters) -", "PORT-AU-PRINCE, Haiti —", "LONDON:". A place in capitals, perhaps
# with its region, then a stamp after a bar, an agency in brackets, or a dash or colon.
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*"
    r"(?:\|[^|]{0,60}?(?:\s(?:[AP]M|am|pm|EST|EDT|GMT|UTC|BST|CET)\b)+\s*(?:\|\s*)?"
    r"|\((?:[A-Za-z ]{2,30})\)\s*[-–—:]?\s*|[-–—:]\s+)")

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
# A report with no date of its own is dated by the day its article was printed: one such article
# is a statement of that day, two that report the same happening make it an event of it.
UNDATED_LONE_REPORT = "one source, dated only by its article's day"

ActorsOf = Callable[[Event], frozenset[str]]
DateTextOf = Callable[[Event], str]
SentenceOf = Callable[[Event], "Span | None"]


@dataclass
class Cluster:
    number: int  # creation order: ties between equally good clusters go to the older one
    members: list[tuple[int, Event, tuple[date, ...]]] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    creator: int = -1  # the id of the event that started it: the cluster's name from one merge to the next
    claimed: set[date] = field(default_factory=set)  # every day a member claims
    _days: set[date] | None = None
    _anchor: set[date] | None = None

    def days(self) -> set[date]:
        """The days most members claim: comparing against every claimed day would let a chain
        of neighbouring days pull separate events into one entry."""
        if self._days is None:
            support = Counter(day for _, _, days in self.members for day in set(days))
            top = max(support.values())
            self._days = {day for day, n in support.items() if n == top}
        return self._days

    def anchor_days(self) -> set[date]:
        """The days a report dated only by its printing day is compared with: those the reports
        that date the event themselves claim most, or the first report's when none does. Weakly
        dated reports never move them: articles printed on consecutive days would otherwise
        chain a week of a president's meetings into one entry, one tied day at a time."""
        if self._anchor is None:
            self._anchor = anchor_days([(event.date.basis == "timex", days) for _, event, days in self.members])
        return self._anchor


def event_key(event: Event) -> str:
    """A digest of what the merge reads of an event besides its days and actors: an event id
    the store gives again to another event (a re-dated document's) does not pass for the old one."""
    read = (event.doc, event.start, event.sentence, event.trigger, event.category, event.mode, event.confidence,
            event.date)
    return hashlib.sha256(repr(read).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def anchor_days(members: Sequence[tuple[bool, Sequence[date]]]) -> set[date]:
    """:meth:`Cluster.anchor_days` of members given as (dated by a time expression, days), in
    the order they joined."""
    dated = Counter(day for timex_dated, days in members if timex_dated for day in set(days))
    if not dated:
        return set(members[0][1])
    top = max(dated.values())
    return {day for day, n in dated.items() if n == top}


class _ClusterIndex:
    """Clusters by category and by every day a member claims, so a report is compared only with
    the clusters near its own days — not with every cluster of the corpus (quadratic on large
    corpora). The days most members claim are among the claimed days, so nothing is missed."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.by_creator: dict[int, Cluster] = {}
        self._by_day: dict[date, list[Cluster]] = defaultdict(list)

    def new(self) -> Cluster:
        cluster = Cluster(len(self.clusters))
        self.clusters.append(cluster)
        return cluster

    def near(self, days: Sequence[date], tolerance_days: int) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        for day in days:
            for shift in range(-tolerance_days, tolerance_days + 1):
                for cluster in self._by_day.get(day + timedelta(days=shift), ()):
                    found[cluster.number] = cluster
        return [found[number] for number in sorted(found)]

    def join(self, cluster: Cluster, item: tuple[int, Event, tuple[date, ...]], actors_of: ActorsOf) -> None:
        if not cluster.members:
            cluster.creator = item[0]
            self.by_creator[item[0]] = cluster
        cluster.members.append(item)
        cluster.actors |= actors_of(item[1])
        cluster._days = cluster._anchor = None
        for day in set(item[2]) - cluster.claimed:
            self._by_day[day].append(cluster)
        cluster.claimed |= set(item[2])


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
    sentence_of: SentenceOf = lambda event: None,
) -> list[tuple[TimelineEntry, list[int]]]:
    """Timeline entries in date order, each with the ids of the events it merges.

    ``events`` are (event id, event) pairs from every document, with ``source_actor`` and
    ``target_actor`` linked; ``actors_of`` gives the canonical actor ids named around an event;
    ``values_of`` the full list of values of its temporal expression and ``date_text_of`` its
    text; ``labels`` the NER label of each actor id; ``sentence_of`` the sentence an event was
    found in (the entry's title is the best such sentence). Every entry is returned, salient or
    not: ``entry.filtered`` says why one is not.
    """
    clusters = cluster_events(events, actors_of, values_of)
    entries = [cluster_entry(cluster, date_text_of, labels, sentence_of) for cluster in clusters]
    entries.sort(key=lambda pair: (pair[0].date, pair[0].id))
    return entries


def cluster_events(events: Iterable[tuple[int, Event]], actors_of: ActorsOf,
                   values_of: Callable[[Event], Sequence[str]] = lambda event: (), *,
                   previous: "PreviousMerge | None" = None) -> list[Cluster]:
    """The clusters of :func:`merge_timeline` (the echoes folded into their landmarks), in the
    order they were started.

    With ``previous`` (what the last merge decided, and which documents changed since), a report
    whose every visible cluster is as the last merge left it is placed where that merge placed
    it, without comparing it again; ``previous.dirty`` then names the clusters that differ from
    the last merge's. The clusters are the same as without it (see :class:`PreviousMerge`).
    """
    usable = []
    for i, e in events:
        if e.mode not in TIMELINE_MODES or e.confidence < MIN_CONFIDENCE:
            continue
        if previous is None:
            usable.append((i, e, claimed_days(e, values_of(e))))
        elif (placed := previous.known(i, e)) is not None:
            usable.append((i, e, placed.days))
        elif e.doc in previous.redo:  # unchanged events the last merge left out stay out
            days = claimed_days(e, values_of(e))
            if days:
                previous.read_again(i, e, days, actors_of(e))
            usable.append((i, e, days))
    in_order = lambda item: (min(item[2]), item[1].doc, item[1].start)  # noqa: E731 - content, never arrival
    anchored = sorted(((i, e, d) for i, e, d in usable if d and e.date.basis == "timex"), key=in_order)
    published = sorted(((i, e, d) for i, e, d in usable if d and e.date.basis != "timex"), key=in_order)
    index = _ClusterIndex()
    for item in anchored:
        cluster = _best_cluster(index.near(item[2], 0), item[1], item[2], actors_of)
        if cluster is None:
            cluster = index.new()
        index.join(cluster, item, actors_of)
    echoes = _absorb_echoes(index, actors_of)
    if previous is not None:
        previous.compare_dated(index, echoes)
    # A report dated only by its article's day joins the entry it matches, or starts its own:
    # most reports of a story's events carry no date of their own ("a jury found him guilty").
    for item in published:
        if item[1].trigger.text.lower() in ONGOING_STATES:
            continue
        placed = previous.reusable(item) if previous is not None else None
        cluster = None
        if placed is not None:
            cluster = index.new() if placed.cluster == item[0] else index.by_creator.get(placed.cluster)
            if cluster is not None and cluster.number in echoes:
                cluster = None
        if cluster is None:
            near = [c for c in index.near(item[2], WEAK_DATE_TOLERANCE_DAYS) if c.number not in echoes]
            if previous is not None:
                near = previous.contenders(item, near)
            # An entry that some article dates itself first: it is the event the report speaks of.
            dated = [c for c in near if any(m.date.basis == "timex" for _, m, _ in c.members)]
            dated_numbers = {c.number for c in dated}
            cluster = (_best_cluster(dated, item[1], item[2], actors_of, weakly_dated=True)
                       or _best_cluster([c for c in near if c.number not in dated_numbers], item[1], item[2],
                                        actors_of, weakly_dated=True))
            if cluster is None:
                cluster = index.new()
            index.join(cluster, item, actors_of)
            if previous is not None:
                previous.decided(item, cluster, index)
        else:
            index.join(cluster, item, actors_of)
    return [cluster for cluster in index.clusters if cluster.number not in echoes]


def placements(clusters: Iterable[Cluster], actors_of: ActorsOf, clause_of: Callable[[int, Event], str],
               docs: Collection[str] | None = None) -> list[tuple[int, Placement]]:
    """What the next merge needs to know of this one (:class:`PreviousMerge`): where each event
    of ``docs`` (None: of every document) was put, by event id."""
    return [(i, Placement(e.doc, event_key(e), cluster.creator, n, days, e.date.basis == "timex", actors_of(e),
                          clause_of(i, e)))
            for cluster in clusters for n, (i, e, days) in enumerate(cluster.members)
            if docs is None or e.doc in docs]


class PreviousMerge:
    """The last merge's placements, and the documents whose events must be placed again (stored,
    re-dated, or with other actors around their events since): what lets :func:`cluster_events`
    place every other report where the last merge did, as long as nothing it can see changed.

    Why that gives the same clusters as a merge from scratch. The dated reports are clustered
    again in full (they are few). A report dated only by its article's day is compared with the
    clusters whose anchor days (:meth:`Cluster.anchor_days`) lie within a day of its own, as
    they stand when its turn comes (reports are taken in content order, the same in both runs);
    its placement is a function of itself and of those clusters, their members in order, and
    their order of creation (by their first report, the same in both runs). A cluster is *dirty*
    from the moment it may differ from the last merge's: it has a dated member the last merge did
    not give it, or a member of a changed document, or a report the last merge placed elsewhere
    (or started a cluster the last merge did not, or did not start one the last merge started).
    A dirty cluster is registered on its anchor days in both merges. So a report of an unchanged
    document with no dirty cluster within a day of its own sees exactly what it saw in the last
    merge and is placed there; every other report is compared as a merge from scratch compares it.
    The dirt spreads only as far as placements actually change (a day or two past a new report,
    in news), which is what makes a merge of a few new articles proportional to what they touch.
    """

    def __init__(self, placements: Mapping[int, Placement], redo: Collection[str]) -> None:
        self.placements = placements
        self.redo = frozenset(redo)
        self.dirty: set[int] = set()
        self._read_alike: dict[int, Placement] = {}
        self._dirty_at: dict[date, set[int]] = defaultdict(set)
        self._members: dict[int, list[tuple[int, Placement]]] = defaultdict(list)
        for event_id, placed in placements.items():
            self._members[placed.cluster].append((event_id, placed))
        for listed in self._members.values():
            listed.sort(key=lambda pair: pair[1].ordinal)

    def known(self, event_id: int, event: Event) -> Placement | None:
        """Where the last merge put an event that reads as it read then."""
        if event.doc in self.redo:
            return self._read_alike.get(event_id)
        placed = self.placements.get(event_id)
        return placed if placed is not None and placed.doc == event.doc else None

    def read_again(self, event_id: int, event: Event, days: tuple[date, ...], actors: frozenset[str]) -> None:
        """An event of a document placed again: if the merge reads of it what the last one read
        (the same event, days and actors), it is compared as an unchanged one."""
        placed = self.placements.get(event_id)
        if placed is not None and (placed.doc, placed.key, placed.days, placed.actors) == (
                event.doc, event_key(event), days, actors):
            self._read_alike[event_id] = placed

    def members(self, name: int) -> list[tuple[int, Placement]]:
        """The last merge's members of the cluster ``name``, in the order they joined."""
        return self._members.get(name, [])

    def compare_dated(self, index: _ClusterIndex, echoes: set[int]) -> None:
        """Mark the clusters whose dated members differ from the last merge's, and those that hold
        an event of a changed document, in either merge."""
        now = {cluster.creator: cluster for cluster in index.clusters if cluster.number not in echoes}
        before = {name: [i for i, placed in listed if placed.dated] for name, listed in self._members.items()}
        for name in now.keys() | {name for name, ids in before.items() if ids}:
            cluster = now.get(name)
            if cluster is None or [i for i, _, _ in cluster.members] != before.get(name) \
                    or any(self.known(i, event) is None for i, event, _ in cluster.members):
                self.mark(name, index)
        for name, listed in self._members.items():
            if any(placed.doc in self.redo and i not in self._read_alike for i, placed in listed):
                self.mark(name, index)

    def reusable(self, item: tuple[int, Event, tuple[date, ...]]) -> Placement | None:
        """The last merge's placement of a report, when no cluster it can see may have changed."""
        placed = self.known(item[0], item[1])
        if placed is None:
            return None
        for day in item[2]:
            for shift in range(-WEAK_DATE_TOLERANCE_DAYS, WEAK_DATE_TOLERANCE_DAYS + 1):
                if self._dirty_at.get(day + timedelta(days=shift)):
                    return None
        return placed

    def contenders(self, item: tuple[int, Event, tuple[date, ...]], near: list[Cluster]) -> list[Cluster]:
        """The clusters of ``near`` that may win an unchanged report compared again: the dirty ones
        and the one the last merge chose (or none, if it started its own), when that one is clean.

        Why the rest cannot: a cluster wins as the first (by creation) that holds the report's
        own sentence, else the first of the highest score, dated clusters before the others. A
        clean cluster is evaluated as in the last merge, where it did not beat the winner (or, the
        report starting its own, did not qualify); so it beats neither the winner nor, the winner
        beating it, any dirty cluster the winner does not beat.
        """
        placed = self.known(item[0], item[1])
        if placed is None or placed.cluster in self.dirty:
            return near
        winner = None if placed.cluster == item[0] else placed.cluster
        kept = [c for c in near if c.creator in self.dirty or c.creator == winner]
        if winner is not None and not any(c.creator == winner for c in kept):
            return near  # (never, for a clean winner is where it was)
        return kept

    def decided(self, item: tuple[int, Event, tuple[date, ...]], cluster: Cluster, index: _ClusterIndex) -> None:
        """A report compared again joined ``cluster``: where it differs from the last merge, both
        the cluster it joined and the one it left are dirty."""
        placed = self.known(item[0], item[1])
        if placed is None or placed.cluster != cluster.creator:
            self.mark(cluster.creator, index)
            if placed is not None:
                self.mark(placed.cluster, index)

    def mark(self, name: int, index: _ClusterIndex) -> None:
        """``name``'s cluster may differ from the last merge's: register it on its anchor days in
        both merges."""
        if name not in self.dirty and self._members.get(name):
            before = self._members[name]
            for day in anchor_days([(placed.dated, placed.days) for _, placed in before]):
                self._dirty_at[day].add(name)
        self.dirty.add(name)
        cluster = index.by_creator.get(name)
        if cluster is not None and cluster.members:
            for day in cluster.anchor_days():
                self._dirty_at[day].add(name)


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
            other for other in index.near(sorted(cluster.days()), 0)
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


def _best_cluster(clusters: Sequence[Cluster], event: Event, days: tuple[date, ...],
                  actors_of: ActorsOf, *, weakly_dated: bool = False) -> Cluster | None:
    # More shared names win; among equals, a cluster on the report's own day beats one a day
    # away (the tolerance is for a report printed the day after, not a reason to prefer it).
    best, best_score = None, (MIN_SHARED_ACTORS - 1, True)
    actors = actors_of(event)
    for cluster in clusters:
        tolerance = WEAK_DATE_TOLERANCE_DAYS if weakly_dated else 0
        cluster_days = cluster.anchor_days() if weakly_dated else cluster.days()
        if not _compatible(cluster_days, days, tolerance):
            continue
        if any(member.doc == event.doc and member.sentence == event.sentence for _, member, _ in cluster.members):
            return cluster  # one sentence read as several happenings ("died after he was rushed …")
        # One real event whatever category each report got, when the reports name the same
        # kind of happening; a report dated only by its day must use the same word.
        if not any(_same_word(event.trigger.text, member.trigger.text)
                   or (not weakly_dated and member.category == event.category)
                   for _, member, _ in cluster.members):
            continue
        if any(member.doc == event.doc and set(member_days) != set(days)
               for _, member, member_days in cluster.members):
            continue  # one article giving two dates is describing two events
        score = (len(actors & cluster.actors), bool(cluster_days & set(days)))
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


def cluster_entry(cluster: Cluster, date_text_of: DateTextOf, labels: Mapping[str, str] | None,
           sentence_of: SentenceOf) -> tuple[TimelineEntry, list[int]]:
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
    members = [event for _, event, _ in cluster.members]
    # The title is a report of the entry's own day when there is one: a report printed the day
    # after may be of the next day's happening, and would put it under the wrong date.
    of_the_day = [event for _, event, days in cluster.members if day in days]
    title = best_title(of_the_day or members, sentence_of)
    modes = Counter(event.mode for _, event, _ in cluster.members)
    categories = Counter(event.category for _, event, _ in cluster.members)
    ids = sorted(i for i, _, _ in cluster.members)
    entry = TimelineEntry(
        id=entry_id(cluster),
        date=day.isoformat(),
        title=title,
        # Ties between categories go to the first in name order: never to arrival order.
        category=min(categories, key=lambda c: (-categories[c], c)),
        mode=modes.most_common(1)[0][0],
        sources=sources,
        date_claims=tuple(claims),
        actors=tuple(sorted(cluster.actors)),
    )
    return judge_salience(entry, [event for _, event, _ in cluster.members], date_text_of, labels), ids


def entry_id(cluster: Cluster) -> str:
    """An entry's id: a hash of its members' places in their documents, so the same members
    make the same entry whatever the merge that found them."""
    key = "|".join(f"{event.doc}:{event.trigger.start}" for _, event, _ in sorted(
        cluster.members, key=lambda m: (m[1].doc, m[1].trigger.start)))
    return hashlib.sha256(key.encode()).hexdigest()[:12]


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
    elif dated_sources == 0 and len(entry.sources) < CORROBORATING_SOURCES:
        filtered = UNDATED_LONE_REPORT
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


def readable_title(text: str) -> str:
    """A sentence as a title: white space folded, a leading dateline or stamp cut, a headline
    glued before it cut, long ones cut at a word boundary."""
    text = " ".join(text.split())
    text = DATELINE.sub("", text, count=1) if DATELINE.match(text) and len(DATELINE.sub("", text, count=1)) > 20 else text
    text = without_glued_headline(text)
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def without_glued_headline(text: str) -> str:
    """The sentence without a headline scraped onto its front ("Committee launches appeal The
    Committee has launched an appeal ..."): a capitalised word starts a new sentence where the
    words before it, no longer than a headline, are mostly said again after it (a lead restates
    its headline)."""
    tokens = text.split(" ")
    best, best_shared = None, 0
    for cut in range(GLUED_HEADLINE_WORDS[0], min(GLUED_HEADLINE_WORDS[1], len(tokens) - TITLE_WORDS[0]) + 1):
        before, word = tokens[cut - 1], tokens[cut]
        if not word[:1].isupper() or before[-1:] in ".!?:;,\"”'’)" or not before[:1].isalnum() \
                or before.lower() in NOT_A_HEADLINE_END or word.endswith(","):
            continue
        head = {w for w in words(" ".join(tokens[:cut])) if len(w) > 3}
        shared = len(head & set(words(" ".join(tokens[cut:]))))
        if head and shared >= GLUED_HEADLINE_SHARE * len(head) and shared > best_shared:
            best, best_shared = cut, shared  # the cut that leaves most of the headline said again
    return text if best is None else " ".join(tokens[best:])


def reads_alone(text: str) -> bool:
    """Whether a sentence stands alone: it starts as a sentence starts (a capital, a digit or a
    quote), ends as one ends, and is neither a heading nor a run-on."""
    words = len(text.split())
    return (bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")
            and text.rstrip("\"”’' )").endswith((".", "!", "?")) and TITLE_WORDS[0] <= words <= TITLE_WORDS[1])


def best_title(reports: Sequence[Event], sentence_of: SentenceOf) -> str:
    """The title of an entry: the sentence, of those its reports were found in, that reads alone
    and shares most words with the others (the report nearest what they all say); a report that
    dates the event itself, then the surest, break ties. An article's first sentence is passed
    over when another will do: in scraped text the headline is often glued onto it."""
    candidates = []
    for event in reports:
        span = sentence_of(event)
        candidates.append((event, readable_title(span.text if span is not None else event.text)))
    bags = [set(words(text)) for _, text in candidates]
    shared = Counter(w for bag in bags for w in bag)

    def rank(n: int) -> tuple:
        event, text = candidates[n]
        centrality = sum(shared[w] - 1 for w in bags[n]) / (len(bags[n]) or 1)
        return (reads_alone(text), -min(event.sentence, LEAD_SENTENCES), round(centrality, 6), event.date.basis == "timex",
                event.confidence, -len(text), event.doc, -event.start)

    return candidates[max(range(len(candidates)), key=rank)][1]



# -- the timeline a reader keeps ------------------------------------------------------------------


def day_references(timexes: Iterable[Timex], canonical_of: Mapping[str, str],
                   docs: Collection[str] | None = None) -> dict[str, set[str]]:
    """Each calendar day with the independent articles (copies counted once, by their canonical
    document) whose text names it: "on 12 January", "yesterday", "last Tuesday" all refer to a
    day. DATEWISE's lesson (news-tls 2020): a day matters when many articles refer to it, not
    when many were printed on it. ``docs`` limits the articles counted (a story's, a span's)."""
    found: dict[str, set[str]] = defaultdict(set)
    for timex in timexes:
        if docs is not None and timex.doc not in docs:
            continue
        for value in timex.values or (timex.value,):
            day = calendar_day(value)
            if day is not None:
                found[day.isoformat()].add(canonical_of.get(timex.doc, timex.doc))
    return found


def keep_timeline(entries: Iterable[TimelineEntry], references: Mapping[str, set[str]],
                  canonical_of: Mapping[str, str], publications_of: Mapping[str, int], *,
                  top: int, per_day: int, docs: Collection[str] | None = None) -> list[KeptDay]:
    """The ``top`` days a reader's timeline keeps, in date order, each with its ``per_day`` best
    entries.

    A day's weight is how many independent articles refer to it: those whose text names it
    (``references``, from :func:`day_references`) and those that report one of its events. An
    entry's weight is its independent reports (a wire story in twenty outlets is one). Entries
    the salience rules show come first; a report of a named actor's act that only its own
    article dates (:data:`UNDATED_LONE_REPORT`) may stand for a day that has nothing better.
    ``docs`` keeps only the entries and references of those articles (a story's, a span's)."""
    by_day: dict[str, list[KeptEntry]] = defaultdict(list)
    for entry in entries:
        if entry.filtered not in (None, UNDATED_LONE_REPORT):
            continue
        sources = [doc for doc in entry.sources if docs is None or doc in docs]
        if not sources:
            continue
        kept = KeptEntry(entry, sum(publications_of.get(doc, 1) for doc in sources),
                         len({canonical_of.get(doc, doc) for doc in sources}))
        by_day[entry.date[:10]].append(kept)
    referring = {day: set(references.get(day, ())) | {canonical_of.get(doc, doc) for kept in kept_entries
                                                       for doc in kept.entry.sources
                                                       if docs is None or doc in docs}
                 for day, kept_entries in by_day.items()}
    days = sorted(by_day, key=lambda day: (-len(referring[day]), day))[:top]
    central = _centrality(by_day, days)
    def best_first(kept: KeptEntry) -> tuple:
        # Shown entries first; then those that articles lead with (news is written lead first),
        # then the independently reported, then the one nearest what the day's entries say.
        leads = len({e.doc for e in kept.entry.events if e.sentence < LEAD_SENTENCES})
        return (kept.entry.filtered is not None, -leads, -kept.independent, -central[kept.entry.id], kept.entry.id)

    return [KeptDay(day, len(referring[day]), tuple(sorted(by_day[day], key=best_first)[:per_day]))
            for day in sorted(days)]


def _centrality(by_day: Mapping[str, Sequence[KeptEntry]], kept_days: Collection[str]) -> dict[str, float]:
    """How near each entry of ``kept_days`` is to what its day's entries say together: the cosine
    of its title's words with the day's, each word weighted by how few days use it (a centroid
    summary, as DATEWISE picks a day's sentences; every day counts for the weights, only the kept
    days' entries are ranked). Titles of more independent reports weigh more."""
    bags = {k.entry.id: Counter(words(k.entry.title)) for kept in by_day.values() for k in kept}
    day_bags = {}
    for day, kept in by_day.items():
        total: Counter[str] = Counter()
        for k in kept:
            for w in bags[k.entry.id]:
                total[w] += k.independent
        day_bags[day] = total
    df = Counter(w for total in day_bags.values() for w in total)
    idf = {w: math.log((1 + len(day_bags)) / (1 + n)) for w, n in df.items()}
    central: dict[str, float] = {}
    for day in kept_days:
        kept = by_day[day]
        centroid = {w: n * idf[w] for w, n in day_bags[day].items()}
        for k in kept:
            central[k.entry.id] = _cosine({w: n * idf[w] for w, n in bags[k.entry.id].items()}, centroid)
    return central


def kept_timeline(store: "Store", *, top: int, per_day: int, story: str | None = None,
                  docs: Collection[str] | None = None, summarise: bool = True) -> list[KeptDay]:
    """The reader's timeline of the store (or of one story's articles, or of ``docs``): see
    :func:`keep_timeline`; each day with its summary (:func:`summarise_days`) unless not
    ``summarise`` (the briefing cites entries, and reads every day)."""
    with store.snapshot():
        story_id = None
        if story is not None:
            found = store.story(story)
            story_id, docs = found.id, set(found.docs) if docs is None else set(found.docs) & set(docs)
        canonical_of = {copy.doc: copy.canonical for copy in store.copies()}
        publications_of = Counter(publication.doc for publication in store.publications(docs=docs))
        # A story's reads are its own: the rest of the store is left out by the statements.
        timexes = store.timexes(story=story_id)
        references = day_references(timexes, canonical_of, docs)
        entries = store.timeline(include_filtered=True, story=story_id)
        kept = keep_timeline(entries, references, canonical_of, publications_of, top=top, per_day=per_day, docs=docs)
        if not summarise:
            return kept
        published = {doc: day for doc, day in store.publication_days().items() if docs is None or doc in docs}
        wanted = summary_candidates(timexes, published, [day.date for day in kept])
        spans = store.sentence_spans(list(wanted))
    candidates: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for doc, sentences in wanted.items():
        for index, days in sentences.items():
            if index < len(spans[doc]):
                for day in days:
                    candidates[day].append((doc, spans[doc][index]))
    summaries = summarise_days(candidates, per_day)
    return [replace(day, summary=summaries.get(day.date, ())) for day in kept]


# -- what a day's articles say of it --------------------------------------------------------------
# A day of the reader's timeline is told in its articles' own sentences, chosen as DATEWISE
# (news-tls 2020) chooses a day's summary: the candidates are the sentences that name the day, in
# articles printed on it or up to SUMMARY_LAG_DAYS after (later ones look back on it and say what
# came of it), and the lead sentences of the articles printed on it (news is written lead first).
# The best candidates are those nearest the centroid of all the day's candidates (a sentence
# several articles print counts for each), each word
# weighted by how few candidates of the whole timeline use it (words every day uses tell no day
# apart), skipping one that says a chosen one again (cosine above SUMMARY_REDUNDANCY) or that an
# earlier day already told. Measured on Timeline17 (docs/benchmarks.md): it is what lifted
# alignment ROUGE on all three topics, against the titles of the day's entries.
SUMMARY_LAG_DAYS = 7
SUMMARY_REDUNDANCY = 0.5
# A day is told by what happened in it. A sentence in quotation marks or in someone's own voice
# ("we must act", "I watched as this mess unfolded": a quote, a letter, an op-ed) is what
# somebody said of it, which a journalist's timeline seldom keeps: its closeness to the centroid
# counts this much. Measured on Timeline17 (docs/benchmarks.md): 0.5 helps all three topics.
OWN_VOICE_WEIGHT = 0.5


def summary_candidates(timexes: Iterable[Timex], published: Mapping[str, str],
                       days: Collection[str]) -> dict[str, dict[int, set[str]]]:
    """Which sentences may tell which of ``days``: for each document (of ``published``, its
    publication day), each sentence index with the days it may tell."""
    wanted = set(days)
    found: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for timex in timexes:
        printed = published.get(timex.doc)
        if printed is None:
            continue
        for value in timex.values or (timex.value,):
            day = calendar_day(value)
            if day is not None and day.isoformat() in wanted \
                    and 0 <= (date.fromisoformat(printed) - day).days <= SUMMARY_LAG_DAYS:
                found[timex.doc][timex.sentence].add(day.isoformat())
    for doc, printed in published.items():
        if printed in wanted:
            for index in range(LEAD_SENTENCES):
                found[doc][index].add(printed)
    return {doc: dict(sentences) for doc, sentences in found.items()}


def title_span(sentence: Span) -> Span:
    """The part of a sentence that reads as a title: without its dateline or a glued headline
    (:func:`readable_title` without the cut at TITLE_CHARS), still a span of the text."""
    text = sentence.text
    kept = without_glued_headline(text)
    stripped = DATELINE.sub("", kept, count=1) if DATELINE.match(kept) else kept
    if len(stripped) > 20:
        kept = stripped
    kept = kept.strip()
    at = text.find(kept)
    return sentence if at < 0 else Span(sentence.start + at, sentence.start + at + len(kept), kept)


def summarise_days(candidates: Mapping[str, Sequence[tuple[str, Span]]], per_day: int) -> dict[str, tuple[CitedSentence, ...]]:
    """Each day's ``per_day`` sentences that best say what its articles say of it (see above).
    ``candidates`` are (document, sentence) pairs by day; one sentence printed by several
    articles (copies of a wire story) is one candidate citing all of them. Deterministic: the
    result does not depend on the order of the candidates."""
    told: dict[str, dict[str, list[tuple[str, Span]]]] = {}
    for day, pairs in candidates.items():
        by_text: dict[str, list[tuple[str, Span]]] = defaultdict(list)
        for doc, sentence in sorted(pairs, key=lambda pair: (pair[0], pair[1].start)):
            span = title_span(sentence)
            if TITLE_WORDS[0] <= len(span.text.split()) <= TITLE_WORDS[1]:
                by_text[" ".join(span.text.split())].append((doc, span))
        told[day] = by_text
    bags = {text: Counter(words(text)) for by_text in told.values() for text in by_text}
    df = Counter(w for bag in bags.values() for w in bag)
    idf = {w: math.log((1 + len(bags)) / (1 + n)) for w, n in df.items()}

    def vector(text: str) -> dict[str, float]:
        return {w: n * idf[w] for w, n in bags[text].items()}

    out: dict[str, tuple[CitedSentence, ...]] = {}
    used: set[str] = set()
    for day in sorted(told):
        centroid: Counter[str] = Counter()
        for text, printings in told[day].items():  # a sentence several articles print weighs more
            for w in bags[text]:
                centroid[w] += idf[w] * len(printings)
        weight = {text: OWN_VOICE_WEIGHT if in_own_voice(text) else 1.0 for text in told[day]}
        ranked = sorted(told[day], key=lambda text: (-_cosine(vector(text), centroid) * weight[text], text))
        chosen: list[str] = []
        for text in ranked:
            if len(chosen) == per_day:
                break
            if text in used or any(_cosine(vector(text), vector(other)) > SUMMARY_REDUNDANCY for other in chosen):
                continue
            chosen.append(text)
            used.add(text)
        out[day] = tuple(_cited(told[day][text]) for text in chosen)
    return out


def in_own_voice(text: str) -> bool:
    """Whether a sentence quotes or speaks in the first or second person ("we", "your", "I"; not
    "US", the country): somebody's words, not the report of what happened."""
    if any(mark in text for mark in OPEN_MARKS + CLOSE_MARKS + STRAIGHT):
        return True
    return any(word == "I" or (word.lower() in OWN_VOICE_WORDS and not word.isupper())
               for word in re.findall(r"[A-Za-z]+", text))


def _cited(printings: Sequence[tuple[str, Span]]) -> CitedSentence:
    doc, span = printings[0]
    return CitedSentence(span.text, doc, span.start, span.end, tuple(dict.fromkeys(d for d, _ in printings)))


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return sum(v * b.get(w, 0.0) for w, v in a.items()) / norm if norm else 0.0
