"""Stories: articles grouped by the real-world event or developing situation they report.

A story is what a reader follows: the same event, the same actors, close in time. The method is
the field's (Miranda et al. 2018, "Multilingual clustering of streaming news"; the EMM NewsBrief):
single-pass clustering against story centroids, then merging stories that grew together.

- Each article is two vectors: the TF-IDF of its words (the headline counted twice: it names the
  event) and the TF-IDF of the canonical actors it mentions (so "Zelensky" and "Zelenskyy" are one
  feature). Both are L2-normalised and cut to their heaviest terms.
- Articles are taken in a canonical order, publication day then id, never arrival order: the
  result is a function of the stored documents, and a store built in any order gets the same
  stories. Each joins the story whose centroid (the sum of its members' vectors) it is most
  similar to, if that similarity, discounted by the days between the article and the story's
  last article, reaches JOIN_THRESHOLD; otherwise it starts a story.
- The time discount is what keeps two events of the same kind apart (two earthquakes in one
  region, two arrests of players of one team): their words and actors agree, their days do not.
- Then stories whose centroids are as similar as MERGE_THRESHOLD, and whose days are close, are
  merged, until none are: a story first reported in two ways grows together.

New articles are handled by running the pass again over the whole corpus: it is linear in the
articles times the stories active in the time window (under a second for 505 articles, a few
seconds for 2,500; see docs/benchmarks.md), and it keeps the result exactly independent of the
order articles arrived in, which an incremental assignment of late arrivals would not.

Copies (storyline.link.copies) are not clustered: each joins its canonical document's story, so
twenty outlets running one wire story weigh as one article in the centroids.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping, Sequence

from storyline.records import StoredDocument, Story

# -- tuning constants: measured on the public half of ECB+ (benchmarks/stories.py) ------------------
# How much the words and the actors count in an article's similarity to a story. Words carry
# more: actor extraction misses names (and small stories have few), while the vocabulary of the
# event ("quake", "magnitude", the place) is always there.
TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.4
# An article joins a story at this (time-discounted) similarity; below it, it starts one.
# Swept 0.15-0.25 on ECB+ (benchmarks/stories.py --sweep): F1 0.853-0.890, best at 0.15.
JOIN_THRESHOLD = 0.15
# Two stories merge when their centroids are this similar: above the join threshold, since
# two stories of one topic (the hard case) have close centroids. 0.30-0.35 score alike.
MERGE_THRESHOLD = 0.3
# The time discount: similarity × exp(-days / DECAY_DAYS), days between the article and the
# nearest day of the story. A story reported for weeks keeps taking articles; the same kind of
# event half a year later does not (exp(-180/60) ≈ 0.05). 60 beat 14 and 30 on ECB+ by 0.01-0.03.
DECAY_DAYS = 60.0
# The heaviest terms kept of each vector: the rest are noise and cost time.
TOP_TERMS = 120
TOP_ACTORS = 40
# A headline's words count this many times: it names the event.
TITLE_REPEAT = 2
# Words in more than this share of the documents say nothing about which story (in a corpus of
# one story, "Ukraine" everywhere); and words in only one document link nothing.
MAX_DF_SHARE = 0.5
# The story's actors listed: the most widespread among its articles.
STORY_ACTORS = 5

# Words, and numbers as written ("2009", "6.1", "20-13"): a year, a toll or a score tells two
# events of one kind apart as well as a name does.
WORD = re.compile(r"\w+(?:[.,'’-]\w+)*", re.UNICODE)



@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the clusterer sees it: id, day (ISO or None), headline, text, outlet and the
    canonical actors it mentions (with repetition)."""

    id: str
    published: str | None
    title: str | None
    text: str
    outlet: str | None = None
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryParams:
    text_weight: float = TEXT_WEIGHT
    entity_weight: float = ENTITY_WEIGHT
    join_threshold: float = JOIN_THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    decay_days: float = DECAY_DAYS


def story_inputs(documents: Iterable[StoredDocument], actors_of: Mapping[str, Sequence[str]]) -> list[StoryInput]:
    """The clusterer's view of stored documents: ``actors_of`` maps a document id to the actor
    ids of its mentions. An inferred date counts as a stated one: on ECB+, leaving inferred dates
    out of the time discount lowered B-cubed F1 from 0.890 to 0.830 (undated articles bridge the
    two events of a topic)."""
    return [StoryInput(d.id, d.published, d.title, d.text, d.outlet,
                       tuple(actors_of.get(d.id, ()))) for d in documents]


def canonical_order(docs: Iterable[StoryInput]) -> list[StoryInput]:
    """Publication day, then id; undated articles last, by id: never the order they arrived in."""
    return sorted(docs, key=lambda d: (d.published is None, (d.published or "")[:10], d.id))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _tfidf(counts: Mapping[str, int], idf: Mapping[str, float], top: int) -> dict[str, float]:
    """Sublinear TF × IDF, cut to the ``top`` heaviest terms (ties by term), L2-normalised."""
    weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items() if t in idf}
    kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in kept))
    return {t: w / norm for t, w in kept} if norm else {}


def _idf(bags: Sequence[Mapping[str, int]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            df[term] = df.get(term, 0) + 1
    n = len(bags)
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items() if k >= 2 and k <= MAX_DF_SHARE * n}


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


@dataclass
class _Cluster:
    """A story being built: its members and the sums of their vectors (the centroids)."""

    members: list[int]
    text: dict[str, float] = field(default_factory=dict)
    ents: dict[str, float] = field(default_factory=dict)
    text_norm2: float = 0.0
    ents_norm2: float = 0.0
    first: int | None = None
    last: int | None = None
    alive: bool = True

    def add(self, text: Mapping[str, float], ents: Mapping[str, float], day: int | None) -> None:
        self.text_norm2 += _grow(self.text, text)
        self.ents_norm2 += _grow(self.ents, ents)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


def _grow(total: dict[str, float], vector: Mapping[str, float]) -> float:
    """Add ``vector`` to ``total`` in place; return how much the squared norm grew."""
    grew = 0.0
    for t, w in vector.items():
        old = total.get(t, 0.0)
        total[t] = old + w
        grew += 2 * old * w + w * w
    return grew


def _cosine(vector: Mapping[str, float], total: Mapping[str, float], norm2: float) -> float:
    if norm2 <= 0:
        return 0.0
    return sum(w * total.get(t, 0.0) for t, w in vector.items()) / math.sqrt(norm2)


def _gap(day: int | None, first: int | None, last: int | None) -> float:
    """Days from ``day`` to the nearest day of a story's span (0 when either is undated)."""
    if day is None or first is None or last is None:
        return 0.0
    return max(0.0, first - day, day - last)


class _Clusterer:
    def __init__(self, docs: Sequence[StoryInput], params: StoryParams) -> None:
        self.docs, self.p = docs, params
        bags = []
        for d in docs:
            bag: dict[str, int] = {}
            for w in words(d.text) + words(d.title or "") * TITLE_REPEAT:
                bag[w] = bag.get(w, 0) + 1
            bags.append(bag)
        actor_bags = []
        for d in docs:
            abag: dict[str, int] = {}
            for a in d.actors:
                abag[a] = abag.get(a, 0) + 1
            actor_bags.append(abag)
        idf, actor_idf = _idf(bags), _idf(actor_bags)
        self.text = [_tfidf(b, idf, TOP_TERMS) for b in bags]
        self.ents = [_tfidf(b, actor_idf, TOP_ACTORS) for b in actor_bags]
        self.days = [_day(d.published) for d in docs]
        # The window beyond which the time discount alone keeps an article out of a story.
        self.window = params.decay_days * math.log(1 / max(params.join_threshold, 1e-6))

    def similarity(self, i: int, c: _Cluster) -> float:
        p = self.p
        raw = (p.text_weight * _cosine(self.text[i], c.text, c.text_norm2)
               + p.entity_weight * _cosine(self.ents[i], c.ents, c.ents_norm2))
        return raw * math.exp(-_gap(self.days[i], c.first, c.last) / p.decay_days)

    def run(self) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        postings: dict[str, set[int]] = {}  # term → clusters whose centroid has it
        for i in range(len(self.docs)):
            candidates: set[int] = set()
            for t in self.text[i]:
                candidates |= postings.get(t, set())
            best, best_sim = None, self.p.join_threshold
            for k in sorted(candidates):
                c = clusters[k]
                if self.days[i] is not None and c.last is not None and _gap(self.days[i], c.first, c.last) > self.window:
                    continue
                sim = self.similarity(i, c)
                if sim >= best_sim and (best is None or sim > best_sim):
                    best, best_sim = k, sim
            if best is None:
                best = len(clusters)
                clusters.append(_Cluster([]))
            clusters[best].members.append(i)
            clusters[best].add(self.text[i], self.ents[i], self.days[i])
            for t in self.text[i]:
                postings.setdefault(t, set()).add(best)
        return self.merge(clusters)

    def merge(self, clusters: list[_Cluster]) -> list[_Cluster]:
        """Merge stories whose centroids are MERGE_THRESHOLD similar and whose spans are close,
        most similar pair first, until none are."""
        p = self.p
        changed = True
        while changed:
            changed = False
            live = [k for k, c in enumerate(clusters) if c.alive]
            unit = {k: _unit(clusters[k].text, clusters[k].text_norm2) for k in live}
            unit_e = {k: _unit(clusters[k].ents, clusters[k].ents_norm2) for k in live}
            postings: dict[str, list[int]] = {}
            for k in live:
                for t in _top(unit[k], TOP_TERMS):
                    postings.setdefault(t, []).append(k)
            pairs: list[tuple[float, int, int]] = []
            for a in live:
                near = sorted({b for t in _top(unit[a], TOP_TERMS) for b in postings[t] if b > a})
                for b in near:
                    ca, cb = clusters[a], clusters[b]
                    gap = 0.0 if ca.first is None or cb.first is None else max(
                        0.0, ca.first - cb.last, cb.first - ca.last)  # type: ignore[operator]
                    sim = (p.text_weight * _dot(unit[a], unit[b]) + p.entity_weight * _dot(unit_e[a], unit_e[b]))
                    sim *= math.exp(-gap / p.decay_days)
                    if sim >= p.merge_threshold:
                        pairs.append((-sim, a, b))
            taken: set[int] = set()
            for _, a, b in sorted(pairs):
                if a in taken or b in taken:
                    continue
                taken |= {a, b}
                ca, cb = clusters[a], clusters[b]
                for i in cb.members:
                    ca.members.append(i)
                ca.text_norm2 += _merge_into(ca.text, cb.text)
                ca.ents_norm2 += _merge_into(ca.ents, cb.ents)
                for day in (cb.first, cb.last):
                    if day is not None:
                        ca.first = day if ca.first is None else min(ca.first, day)
                        ca.last = day if ca.last is None else max(ca.last, day)
                cb.alive = False
                changed = True
        return [c for c in clusters if c.alive]


def _unit(total: Mapping[str, float], norm2: float) -> dict[str, float]:
    norm = math.sqrt(norm2)
    return {t: w / norm for t, w in total.items()} if norm else {}


def _top(vector: Mapping[str, float], n: int) -> list[str]:
    return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _merge_into(total: dict[str, float], other: Mapping[str, float]) -> float:
    grew = 0.0
    for t, w in other.items():
        old = total.get(t, 0.0)
        total[t] = old + w
        grew += 2 * old * w + w * w
    return grew


def cluster_stories(docs: Iterable[StoryInput], params: StoryParams = StoryParams()) -> list[list[str]]:
    """The stories of ``docs`` as lists of document ids, each in canonical order, the stories by
    their first document. A function of the documents alone: any order of ``docs`` gives the same.

    >>> a = StoryInput("a", "2021-03-01", "Quake hits Korvath", "A strong quake hit Korvath on Monday.")
    >>> b = StoryInput("b", "2021-03-02", "Korvath quake toll rises", "The Korvath quake toll rose.")
    >>> cluster_stories([b, a], StoryParams(join_threshold=0.1))
    [['a', 'b']]
    """
    ordered = canonical_order(docs)
    clusterer = _Clusterer(ordered, params)
    found = [sorted(c.members) for c in clusterer.run()]
    return sorted(([ordered[i].id for i in members] for members in found), key=lambda ids: ordered_index(ids, ordered))


def ordered_index(ids: list[str], ordered: list[StoryInput]) -> int:
    position = {d.id: n for n, d in enumerate(ordered)}
    return min(position[i] for i in ids)


def describe_stories(groups: Sequence[Sequence[str]], docs: Iterable[StoryInput],
                     copies: Mapping[str, str] | None = None,
                     actor_names: Mapping[str, str] | None = None) -> list[Story]:
    """Each group of canonical documents as a :class:`Story`, with the copies of its documents
    (``copies``: copy id → canonical id) among its members.

    The id is ``story-`` + the earliest document's id (stable while that article leads it); the
    title is the headline of its most central article (the one most similar to the story's
    centroid, ties by order); first and last are its articles' days; its actors are those the
    most of its articles mention.
    """
    by_id = {d.id: d for d in docs}
    copies_of: dict[str, list[str]] = {}
    for copy, canonical in sorted((copies or {}).items()):
        copies_of.setdefault(canonical, []).append(copy)
    stories: list[Story] = []
    for group in groups:
        members = canonical_order(by_id[i] for i in group)
        everyone = canonical_order([*members, *(by_id[c] for i in group for c in copies_of.get(i, ()) if c in by_id)])
        days = sorted(d.published[:10] for d in everyone if d.published)
        counts: dict[str, int] = {}
        for d in members:
            for a in set(d.actors):
                counts[a] = counts.get(a, 0) + 1
        names = actor_names or {}
        actors = tuple(a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
                       if names.get(a, a))[:STORY_ACTORS]
        stories.append(Story(
            id=f"story-{members[0].id}", title=_central_title(members), first=days[0] if days else None,
            last=days[-1] if days else None, docs=tuple(d.id for d in everyone),
            outlets=tuple(sorted({d.outlet for d in everyone if d.outlet})), actors=actors))
    return stories


def _central_title(members: Sequence[StoryInput]) -> str:
    """The headline of the member whose words are nearest the others' (its first line if none)."""
    bags = []
    for d in members:
        bag: dict[str, int] = {}
        for w in words(d.title or "") + words(d.text[:2000]):
            bag[w] = bag.get(w, 0) + 1
        bags.append(bag)
    idf = {t: 1.0 for bag in bags for t in bag}
    vectors = [_tfidf(b, idf, TOP_TERMS) for b in bags]
    total: dict[str, float] = {}
    for v in vectors:
        _grow(total, v)
    titled = [(n, d) for n, d in enumerate(members) if d.title]
    if not titled:
        first = members[0].text.strip().split("\n", 1)[0]
        return first[:120]
    best = max(titled, key=lambda nd: (_dot(vectors[nd[0]], total), -nd[0]))
    return best[1].title or ""
