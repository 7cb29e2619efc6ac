"""Stories: articles grouped by the real-world event or developing situation they report.

A story is what a reader follows: the same event, the same actors, close in time. The method is
the field's (Miranda et al. 2018, "Multilingual clustering of streaming news"; the EMM NewsBrief):
single-pass clustering against story centroids, then merging stories that grew together.

- Each article is two vectors: the TF-IDF of its words (the headline counted twice: it names the
  event; a word that names something, a name or a number, twice too) and the TF-IDF of the
  canonical actors it mentions (so "Zelensky" and "Zelenskyy" are one feature) and of the dates
  its text states. Both are L2-normalised and cut to their heaviest terms. An inferred
  publication date does not count as a day (INFERRED_DAYS).
- Articles are taken in a canonical order, publication day then id, never arrival order: the
  result is a function of the stored documents, and a store built in any order gets the same
  stories. Each joins the story whose centroid (the sum of its members' vectors) it is most
  similar to, if that similarity, discounted by the days between the article and the story's
  last article, reaches JOIN_THRESHOLD; otherwise it starts a story.
- The time discount is what keeps two events of the same kind apart (two earthquakes in one
  region, two arrests of players of one team): their words and actors agree, their days do not.
- Then stories whose centroids are as similar as MERGE_THRESHOLD, and whose days are close, are
  merged, until none are: a story first reported in two ways grows together.
- Then each article moves, all at once, to the story it is now most similar to (its own measured
  without it), REFINE_PASSES times: the pass placed it against the stories of its day, not the
  stories as they grew. An undated article's similarity is discounted by UNDATED_DISCOUNT, not
  left whole: otherwise it bridges two events of one kind.
- Articles may also carry their meaning, a mean sentence vector (VECTOR_WEIGHT; off, see there).

New articles are handled by running the pass again over the whole corpus (0.5 s for 505 articles,
about 13 s for 2,444; see docs/benchmarks.md): it keeps the result exactly independent of the
order articles arrived in, which assigning late arrivals to the existing stories would not (an
article dated before the newest ones would be placed differently). Each article's similarity to
every story comes from its dot products with the earlier articles (term postings, numpy), so
the pass grows with the articles times the postings of their terms, not with a term-by-term
comparison against every story.

Copies (storyline.link.copies) are not clustered: each joins its canonical document's story, so
twenty outlets running one wire story weigh as one article in the centroids.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Collection, Iterable, Mapping, Sequence

import numpy as np

from storyline.analyse.embeddings import unit_rows
from storyline.analyse.lexicon.calendar import CALENDAR_VALUE
from storyline.records import StoredDocument, Story, Timex

# -- tuning constants: measured on the public half of ECB+ (benchmarks/stories.py) ------------------
# How much the words and the actors count in an article's similarity to a story. Words carry
# more: actor extraction misses names (and small stories have few), while the vocabulary of the
# event ("quake", "magnitude", the place) is always there.
TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.4
# An article joins a story at this (time-discounted) similarity; below it, it starts one.
# Two stories merge when their centroids are MERGE_THRESHOLD similar (a centroid is smoother
# than an article). The time discount is similarity × exp(-days / DECAY_DAYS), days between the
# article and the nearest day of the story: the same kind of event two months later scores
# exp(-60/14) ≈ 0.014 of its similarity.
# Chosen on two corpora at once (benchmarks/stories.py --sweep on ECB+; the story sizes on the
# NATO/Ukraine corpus): ECB+ alone is best at 0.15 / 0.30 / 60 days (B-cubed F1 0.890), but on a
# corpus reported every day that setting chains 1,223 of 2,444 articles into one "story" (the
# war). 0.25 / 0.35 / 14 days scores 0.853 on ECB+ and keeps the largest Ukraine story at 47.
# How much the articles' meaning (mean sentence vectors, corpus mean taken out) counts, on top of
# words and actors. Off: on ECB+ 0.3 lifts B-cubed F1 from 0.86 to 0.88-0.89, but on the
# NATO/Ukraine corpus even 0.1 chains 311 articles into one story (press releases of one office
# read alike whatever they report): the vectors see genre as much as event.
VECTOR_WEIGHT = 0.0
# Passes moving each article to the story it is most similar to once all stories stand (refine);
# the third pass changes little (ECB+: 0.853 → 0.856 with no other change).
REFINE_PASSES = 3
# An undated article's (or story's) similarity to another is multiplied by this instead of a time
# discount: an unknown gap is not no gap. ECB+ A/B halves: 1.0 → 0.829/0.892, 0.7 → 0.850/0.902;
# the NATO/Ukraine corpus (all dated) is unchanged.
UNDATED_DISCOUNT = 0.7
JOIN_THRESHOLD = 0.25
MERGE_THRESHOLD = 0.35
DECAY_DAYS = 14.0
# The heaviest terms kept of each vector: the rest are noise and cost time.
TOP_TERMS = 120
TOP_ACTORS = 40
# A headline's words count this many times: it names the event.
TITLE_REPEAT = 2
# A word that names something (capitalised inside a sentence, or holding two digits: "Reiby",
# "Dunmore", "2009", "6.1") counts this many times: two events of one kind share their vocabulary
# ("quake", "magnitude", "arrested") and differ in their names, places and numbers. ECB+ A/B
# halves, with the two settings below: 0.850/0.902 → 0.862/0.911 (3 counts the same as 2; the
# two settings below alone 0.862/0.907).
NAME_REPEAT = 2
# The dates an article's text states (its DATE timexes with a known year, as "@2009-04-06") join
# its actors as features: the day of the event told apart where the publication date is missing.
DATES_AS_ENTITIES = True
# Whether an inferred publication date (storyline.link.dates) counts in the time discount. It does
# not: on ECB+ 42 of the 49 inferred dates fall on articles of the older event of a topic, all
# of them 2013 days months apart within one story (one IE patch: January, October, November and
# December), which splits it. Left undated, they take UNDATED_DISCOUNT. The NATO/Ukraine corpus
# states every date.
INFERRED_DAYS = False
# Words in more than this share of the documents say nothing about which story (in a corpus of
# one story, "Ukraine" everywhere); and words in only one document link nothing.
MAX_DF_SHARE = 0.5
# An incremental run places the arrivals with the corpus's document frequencies of the day, and
# leaves the stories it does not reach as they were placed, under the frequencies of their day:
# after this much growth since the last full run, the step runs in full again. On the NATO/Ukraine
# corpus, its first half clustered under its own frequencies agrees with the whole corpus's run
# at ARI 0.833, under the whole corpus's frequencies at 0.969; its first 90 % at 0.919 and 1.000
# (benchmarks/stories.py --incremental-store, which measures the growths).
REBUILD_GROWTH = 1.25
# When the stories the arrivals reach hold more than this share of the corpus's articles, the
# incremental run clusters the whole corpus instead: it costs as much, and is exact. Articles
# arriving in shuffled order reach nearly every story (NATO/Ukraine, 10 shuffled batches: a later
# batch placed incrementally took up to 21 s against 11 s for a full run).
FULL_RUN_SHARE = 0.5
# The story's actors listed: the most widespread among its articles.
STORY_ACTORS = 5

# Words, and numbers as written ("2009", "6.1", "20-13"): a year, a toll or a score tells two
# events of one kind apart as well as a name does.
WORD = re.compile(r"\w+(?:[.,'’-]\w+)*", re.UNICODE)
# What comes before a sentence's first word (whose capital says nothing): its end, or a quote.
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "“"})



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
    # The article's meaning: its mean sentence vector (storyline.analyse.embeddings), or None.
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    # The calendar values of the dates its text states (Timex.values of its DATE timexes:
    # "2009-04-06", "2009-04", "2009"), with repetition.
    times: tuple[str, ...] = ()
    # True when ``published`` was inferred (storyline.link.dates), not stated: a guess.
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class StoryParams:
    text_weight: float = TEXT_WEIGHT
    entity_weight: float = ENTITY_WEIGHT
    join_threshold: float = JOIN_THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    decay_days: float = DECAY_DAYS
    vector_weight: float = VECTOR_WEIGHT
    refine_passes: int = REFINE_PASSES
    undated_discount: float = UNDATED_DISCOUNT
    name_repeat: int = NAME_REPEAT
    dates_as_entities: bool = DATES_AS_ENTITIES
    inferred_days: bool = INFERRED_DAYS


def story_inputs(documents: Iterable[StoredDocument], actors_of: Mapping[str, Sequence[str]],
                 vectors: Mapping[str, np.ndarray] | None = None,
                 times_of: Mapping[str, Sequence[str]] | None = None) -> list[StoryInput]:
    """The clusterer's view of stored documents: ``actors_of`` maps a document id to the actor
    ids of its mentions, ``vectors`` to its mean sentence vector (Store.document_vectors),
    ``times_of`` to the dates its text states (:func:`stated_times`). An inferred date is marked
    as one (see INFERRED_DAYS: an earlier session measured the opposite, 0.890 → 0.830 with
    inferred dates left out, before the refine and the undated discount; now both halves of ECB+
    gain from leaving them out)."""
    vectors, times_of = vectors or {}, times_of or {}
    return [StoryInput(d.id, d.published, d.title, d.text, d.outlet, tuple(actors_of.get(d.id, ())),
                       vectors.get(d.id), tuple(times_of.get(d.id, ())), d.published_basis == "inferred")
            for d in documents]


def stated_times(timexes: Iterable[Timex]) -> dict[str, list[str]]:
    """Each document's calendar dates as its text states them (DATE timexes whose value has a
    known year: "2009-04-06", "2009-04", "2009"; not "XXXX-04-06", not durations)."""
    return calendar_dates((t.doc, t.values or (t.value,)) for t in timexes if t.type == "DATE")


def calendar_dates(date_values: Iterable[tuple[str, Sequence[str]]]) -> dict[str, list[str]]:
    """:func:`stated_times` from (document, values) of DATE timexes (Store.date_values)."""
    found: dict[str, list[str]] = {}
    for doc, values in date_values:
        for value in values:
            if CALENDAR_VALUE.fullmatch(value):
                found.setdefault(doc, []).append(value)
    return found


def canonical_key(d: StoryInput) -> tuple[bool, str, str]:
    return d.published is None, (d.published or "")[:10], d.id


def canonical_order(docs: Iterable[StoryInput]) -> list[StoryInput]:
    """Publication day, then id; undated articles last, by id: never the order they arrived in."""
    return sorted(docs, key=canonical_key)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def specific_words(text: str) -> list[str]:
    """The words that name something: capitalised inside a sentence (not its first word), or
    holding two digits or more (a year, a toll, a score; "3" is in every other story), lower-cased."""
    found = []
    for match in WORD.finditer(text):
        w = match.group()
        before = text[max(0, match.start() - 2):match.start()]
        sentence_start = match.start() == 0 or before.endswith("\n") or before.rstrip()[-1:] in SENTENCE_ENDS
        if sum(c.isdigit() for c in w) >= 2 or (w[0].isupper() and not sentence_start):
            found.append(w.lower())
    return found


def _tfidf(counts: Mapping[str, int], idf: Mapping[str, float], top: int) -> dict[str, float]:
    """Sublinear TF × IDF, cut to the ``top`` heaviest terms (ties by term), L2-normalised."""
    weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items() if t in idf}
    kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in kept))
    return {t: w / norm for t, w in kept} if norm else {}


def document_frequencies(bags: Iterable[Mapping[str, int]]) -> Counter[str]:
    """In how many of ``bags`` each term occurs."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    return df


def idf_of(df: Mapping[str, int], documents: int) -> dict[str, float]:
    """Smoothed IDF of the terms that can tell stories apart: in two documents at least, and in no
    more than MAX_DF_SHARE of them."""
    n = documents
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items() if 2 <= k <= max(MAX_DF_SHARE * n, 2)}


def text_bag(d: StoryInput, params: StoryParams) -> dict[str, int]:
    """An article's word counts: the headline's words TITLE_REPEAT times, a word that names
    something ``name_repeat`` times."""
    bag: dict[str, int] = {}
    for w in words(d.text) + words(d.title or "") * TITLE_REPEAT:
        bag[w] = bag.get(w, 0) + 1
    if params.name_repeat > 1:
        for w in specific_words(d.text):
            bag[w] = bag.get(w, 0) + params.name_repeat - 1
    return bag


def entity_bag(d: StoryInput, params: StoryParams) -> dict[str, int]:
    """An article's canonical actors and (``dates_as_entities``) the dates its text states, as
    "@2009-04-06", with their counts."""
    return entity_features(d.actors, d.times, params)


def entity_features(actors: Iterable[str], times: Iterable[str], params: StoryParams) -> dict[str, int]:
    """:func:`entity_bag` of an article's actor ids and stated dates, without its text."""
    bag: dict[str, int] = {}
    for a in (*actors, *(("@" + t for t in times) if params.dates_as_entities else ())):
        bag[a] = bag.get(a, 0) + 1
    return bag


@dataclass(frozen=True)
class Vocabulary:
    """The document frequencies the clusterer weighs terms by, over every canonical article of the
    corpus: an incremental run loads only some articles, and must weigh their words as a run over
    all of them would."""

    text: Mapping[str, int]
    entities: Mapping[str, int]
    documents: int

    def idf(self) -> tuple[dict[str, float], dict[str, float]]:
        return idf_of(self.text, self.documents), idf_of(self.entities, self.documents)


def story_day(d: StoryInput, params: StoryParams = StoryParams()) -> int | None:
    """The day (ordinal) the time discount counts for an article: None when undated, or when its
    date was inferred and ``params.inferred_days`` is off."""
    return day_counted(d.published, d.inferred, params)


def day_counted(published: str | None, inferred: bool, params: StoryParams = StoryParams()) -> int | None:
    """:func:`story_day` of a publication date and whether it was inferred."""
    return None if inferred and not params.inferred_days else _day(published)


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


class _Postings:
    """Sparse vectors by term, for dot products of one vector with all of them at once (numpy)."""

    def __init__(self, vectors: Sequence[Mapping[str, float]]) -> None:
        by_term: dict[str, tuple[list[int], list[float]]] = {}
        for i, vector in enumerate(vectors):
            for t, w in vector.items():
                rows, weights = by_term.setdefault(t, ([], []))
                rows.append(i)
                weights.append(w)
        self.n = len(vectors)
        self.terms = {t: (np.array(r, dtype=np.int64), np.array(w)) for t, (r, w) in by_term.items()}

    def dots(self, vector: Mapping[str, float]) -> np.ndarray:
        """``vector`` · each indexed vector."""
        hits = [(self.terms[t], w) for t, w in vector.items() if t in self.terms]
        if not hits:
            return np.zeros(self.n)
        rows = np.concatenate([r for (r, _), _ in hits])
        weights = np.concatenate([v * w for (_, v), w in hits])
        return np.bincount(rows, weights, minlength=self.n)


class _Clusterer:
    """The single pass and the merges over articles in a given order (canonical in cluster_stories).

    Centroids are sums of member vectors; an article's cosine with every story at once comes from
    its dot products with the earlier articles, summed by story (np.bincount), over the story's
    norm, kept as it grows (‖s + v‖² = ‖s‖² + 2 s·v + 1). Linear in the articles times the
    postings of their terms; no article is compared with a story term by term.
    """

    def __init__(self, docs: Sequence[StoryInput], params: StoryParams, vocabulary: Vocabulary | None = None) -> None:
        self.docs, self.p = docs, params
        bags = [text_bag(d, params) for d in docs]
        actor_bags = [entity_bag(d, params) for d in docs]
        if vocabulary is None:
            vocabulary = Vocabulary(document_frequencies(bags), document_frequencies(actor_bags), len(docs))
        self.vocabulary = vocabulary
        idf, actor_idf = vocabulary.idf()
        self.text = [_tfidf(b, idf, TOP_TERMS) for b in bags]
        self.ents = [_tfidf(b, actor_idf, TOP_ACTORS) for b in actor_bags]
        self.vectors = _centred(docs)
        days = [story_day(d, params) for d in docs]
        self.days = np.array([np.nan if day is None else float(day) for day in days])

    def run(self, standing: Sequence[Sequence[int]] = (), movable: Collection[int] | None = None) -> list[list[int]]:
        """The single pass, the merges and the refine. With ``standing`` (stories already found,
        whose articles come first in ``docs``), the pass starts from them and places only the
        articles after them; the refine moves only the ``movable`` articles (all by default)."""
        n, p = len(self.docs), self.p
        text_index, ents_index = _Postings(self.text), _Postings(self.ents)
        labels = np.full(n, -1, dtype=np.int64)
        norm_t: list[float] = []
        norm_e: list[float] = []
        first: list[float] = []
        last: list[float] = []
        sums: list[np.ndarray] = []  # each story's sum of its members' vectors
        for g, members in enumerate(standing):
            labels[list(members)] = g
            norm_t.append(_squared_norm(_sum(self.text[i] for i in members)))
            norm_e.append(_squared_norm(_sum(self.ents[i] for i in members)))
            days = self.days[list(members)]
            dated = days[~np.isnan(days)]
            first.append(float(dated.min()) if len(dated) else np.nan)
            last.append(float(dated.max()) if len(dated) else np.nan)
            sums.append(self.vectors[list(members)].sum(axis=0))
        for i in range(sum(len(g) for g in standing), n):
            k = len(norm_t)
            best = -1
            st = se = None
            if k and i:
                st = np.bincount(labels[:i], text_index.dots(self.text[i])[:i], minlength=k)
                se = np.bincount(labels[:i], ents_index.dots(self.ents[i])[:i], minlength=k)
                nt, ne = np.array(norm_t), np.array(norm_e)
                sim = (p.text_weight * np.divide(st, np.sqrt(nt), out=np.zeros(k), where=nt > 0)
                       + p.entity_weight * np.divide(se, np.sqrt(ne), out=np.zeros(k), where=ne > 0))
                if p.vector_weight:
                    centres = np.array(sums[:k])
                    norms = np.linalg.norm(centres, axis=1)
                    sim += p.vector_weight * np.divide(centres @ self.vectors[i], norms, out=np.zeros(k),
                                                       where=norms > 0)
                sim *= _discount(self.days[i], self.days[i], np.array(first), np.array(last), p)
                best = int(np.argmax(sim))  # the first of equals: the earliest story
                if sim[best] < p.join_threshold:
                    best = -1
            if best < 0:
                best = k
                norm_t.append(0.0), norm_e.append(0.0), first.append(np.nan), last.append(np.nan)
                sums.append(np.zeros(self.vectors.shape[1]))
                grow_t = grow_e = 0.0
            else:
                grow_t, grow_e = st[best], se[best]  # type: ignore[index]
            labels[i] = best
            sums[best] = sums[best] + self.vectors[i]
            norm_t[best] += 2 * grow_t + (1.0 if self.text[i] else 0.0)
            norm_e[best] += 2 * grow_e + (1.0 if self.ents[i] else 0.0)
            day = self.days[i]
            if not np.isnan(day):
                first[best] = day if np.isnan(first[best]) else min(first[best], day)
                last[best] = day if np.isnan(last[best]) else max(last[best], day)
        groups: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(int(label), []).append(i)
        merged = self.merge([groups[k] for k in sorted(groups)])
        return self.refine(merged, movable)

    def refine(self, groups: list[list[int]], movable: Sequence[int] | None = None) -> list[list[int]]:
        """Move each article to the story it is now most similar to, all at once, REFINE_PASSES
        times (k-means' step, from the single pass's stories): the pass placed an article against
        the stories as they stood when its day came; here it meets them grown. An article's own
        story is measured without it; one that reaches no story's JOIN_THRESHOLD stands alone.
        Only the ``movable`` articles move (all by default; the incremental step fixes those whose
        neighbourhood it did not load); the others still weigh in their stories' centroids.

        Each pass indexes the stories' summed vectors by term and takes one article at a time, so
        memory grows with the articles plus the stories, not with their product (a dense
        article × article table was 11 GB at 37,554 articles). Only the stories sharing a term or
        an actor with the article can reach the threshold; the rest are never scored."""
        p, n = self.p, len(self.docs)
        if not groups or n < 2:
            return groups
        rows = range(n) if movable is None else sorted(movable)
        own_t = [1.0 if v else 0.0 for v in self.text]
        own_e = [1.0 if v else 0.0 for v in self.ents]
        own_v = np.einsum("ij,ij->i", self.vectors, self.vectors)
        for _ in range(p.refine_passes):
            k = len(groups)
            labels = np.empty(n, dtype=np.int64)
            for g, members in enumerate(groups):
                labels[members] = g
            story_t = [_sum(self.text[i] for i in g) for g in groups]
            story_e = [_sum(self.ents[i] for i in g) for g in groups]
            index_t, index_e = _Postings(story_t), _Postings(story_e)
            nt = np.array([_squared_norm(s) for s in story_t])  # ‖story sum‖²
            ne = np.array([_squared_norm(s) for s in story_e])
            sums = np.zeros((k, self.vectors.shape[1]))
            np.add.at(sums, labels, self.vectors)
            nv = np.einsum("ij,ij->i", sums, sums)
            spans = [self.days[g] for g in groups]
            first = np.array([np.nanmin(x) if not np.all(np.isnan(x)) else np.nan for x in spans])
            last = np.array([np.nanmax(x) if not np.all(np.isnan(x)) else np.nan for x in spans])
            best = labels.copy()
            alone = np.zeros(n, dtype=bool)
            for i in rows:
                dt, de = index_t.dots(self.text[i]), index_e.dots(self.ents[i])
                own = int(labels[i])
                # every story a term or an actor reaches, and the article's own
                candidates = np.union1d(np.flatnonzero(dt + de), [own])
                sim = (p.text_weight * _cosines(dt[candidates], nt[candidates])
                       + p.entity_weight * _cosines(de[candidates], ne[candidates]))
                if p.vector_weight:  # the meaning reaches every story
                    candidates = np.arange(k)
                    dv = sums @ self.vectors[i]
                    sim = (p.text_weight * _cosines(dt, nt) + p.entity_weight * _cosines(de, ne)
                           + p.vector_weight * _cosines(dv, nv))
                # the article's own story without it: S - v, so S·v - v·v and ‖S‖² - 2 S·v + v·v
                at = int(np.searchsorted(candidates, own))
                sim[at] = (p.text_weight * _cosine(dt[own] - own_t[i], nt[own] - 2 * dt[own] + own_t[i])
                           + p.entity_weight * _cosine(de[own] - own_e[i], ne[own] - 2 * de[own] + own_e[i]))
                if p.vector_weight:
                    sim[at] += p.vector_weight * _cosine(dv[own] - own_v[i], nv[own] - 2 * dv[own] + own_v[i])
                sim *= _discount(self.days[i], self.days[i], first[candidates], last[candidates], p)
                top = int(np.argmax(sim))  # the first of equals: the earliest story
                best[i] = candidates[top]
                alone[i] = sim[top] < p.join_threshold
            moved: dict[int, list[int]] = {}
            for i in range(n):
                key = int(best[i]) if not alone[i] else k + i
                moved.setdefault(key, []).append(i)
            regrouped = sorted(moved.values())
            if regrouped == sorted(groups):
                break
            groups = regrouped
        return groups

    def merge(self, groups: list[list[int]]) -> list[list[int]]:
        """Merge stories whose centroids are MERGE_THRESHOLD similar (time-discounted by the gap
        between their spans), the most similar pair first, until none are."""
        p = self.p
        while True:
            text = [_unit(_sum(self.text[i] for i in g)) for g in groups]
            ents = [_unit(_sum(self.ents[i] for i in g)) for g in groups]
            spans = [self.days[g] for g in groups]
            first = np.array([np.nanmin(s) if not np.all(np.isnan(s)) else np.nan for s in spans])
            last = np.array([np.nanmax(s) if not np.all(np.isnan(s)) else np.nan for s in spans])
            text_index, ents_index = _Postings(text), _Postings(ents)
            centres = unit_rows(np.array([self.vectors[g].sum(axis=0) for g in groups]))
            pairs: list[tuple[float, int, int]] = []
            for a in range(len(groups)):
                sim = p.text_weight * text_index.dots(text[a]) + p.entity_weight * ents_index.dots(ents[a])
                if p.vector_weight:
                    sim = sim + p.vector_weight * (centres @ centres[a])
                sim *= _discount(first[a], last[a], first, last, p)
                for b in np.nonzero(sim >= p.merge_threshold)[0]:
                    if b > a:
                        pairs.append((-float(sim[b]), a, int(b)))
            if not pairs:
                return groups
            taken: set[int] = set()
            for _, a, b in sorted(pairs):
                if a not in taken and b not in taken:
                    taken |= {a, b}
                    groups[a] = sorted(groups[a] + groups[b])
                    groups[b] = []
            groups = [g for g in groups if g]


def _centred(docs: Sequence[StoryInput]) -> np.ndarray:
    """The articles' vectors less their mean, at unit length (zero rows for articles without one).

    Averaged over a whole article, sentence vectors share a large common part (any two news
    articles score about 0.5); taking the corpus's mean out leaves what tells stories apart
    (ECB+: 0.66 within a story, 0.44 between the two events of a topic, -0.03 across topics)."""
    width = next((len(d.vector) for d in docs if d.vector is not None), 1)
    vectors = np.array([d.vector if d.vector is not None else np.zeros(width) for d in docs], dtype=np.float64)
    has = np.array([d.vector is not None for d in docs])
    if has.any():
        vectors[has] -= vectors[has].mean(axis=0)
    return unit_rows(vectors.reshape(len(docs), width))


def _cosines(dots: np.ndarray, squared_norms: np.ndarray) -> np.ndarray:
    return np.divide(dots, np.sqrt(squared_norms), out=np.zeros_like(dots), where=squared_norms > 1e-12)


def _cosine(dot: float, squared_norm: float) -> float:
    """One of :func:`_cosines`: 0 against a story left empty (its norm rounds to about 0)."""
    return dot / math.sqrt(squared_norm) if squared_norm > 1e-12 else 0.0


def _discount(first_a: float, last_a: float, first: np.ndarray, last: np.ndarray, p: StoryParams) -> np.ndarray:
    """How much the days between a span (an article's day, or a story's) and each story's span
    discount their similarity: exp(-gap / decay_days), and ``undated_discount`` where either is
    undated: an unknown gap is not no gap (else an undated article bridges two events)."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(0.0, np.maximum(first - last_a, first_a - last))
    return np.where(np.isnan(gap), p.undated_discount, np.exp(-np.nan_to_num(gap) / p.decay_days))


def _sum(vectors: Iterable[Mapping[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        _grow(total, vector)
    return total


def _squared_norm(vector: Mapping[str, float]) -> float:
    return sum(w * w for w in vector.values())


def _unit(total: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(_squared_norm(total))
    return {t: w / norm for t, w in total.items()} if norm else {}


def _grow(total: dict[str, float], vector: Mapping[str, float]) -> float:
    """Add ``vector`` to ``total`` in place; return how much the squared norm grew."""
    grew = 0.0
    for t, w in vector.items():
        old = total.get(t, 0.0)
        total[t] = old + w
        grew += 2 * old * w + w * w
    return grew


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def cluster_stories(docs: Iterable[StoryInput], params: StoryParams = StoryParams()) -> list[list[str]]:
    """The stories of ``docs`` as lists of document ids, each in canonical order, the stories by
    their first document. A function of the documents alone: any order of ``docs`` gives the same.

    >>> a = StoryInput("a", "2021-03-01", "Quake hits Korvath", "A strong quake hit Korvath on Monday.")
    >>> b = StoryInput("b", "2021-03-02", "Korvath quake toll rises", "The Korvath quake toll rose.")
    >>> cluster_stories([b, a], StoryParams(join_threshold=0.1))
    [['a', 'b']]
    """
    return cluster_corpus(docs, params)[0]


def cluster_corpus(docs: Iterable[StoryInput], params: StoryParams = StoryParams()) -> tuple[list[list[str]], Vocabulary]:
    """:func:`cluster_stories`, and the vocabulary it weighed the articles' terms by."""
    ordered = canonical_order(docs)
    clusterer = _Clusterer(ordered, params)
    found = clusterer.run()
    groups = sorted(([ordered[i].id for i in members] for members in found), key=lambda ids: ordered_index(ids, ordered))
    return groups, clusterer.vocabulary


def update_stories(standing: Iterable[Sequence[StoryInput]], arrivals: Iterable[StoryInput], movable: Collection[str],
                   vocabulary: Vocabulary, params: StoryParams = StoryParams()) -> list[list[str]]:
    """The stories once ``arrivals`` join the ``standing`` ones (each given whole, as lists of its
    articles), by document ids as :func:`cluster_stories` gives them.

    The single pass starts from the standing stories and places the arrivals, in canonical order;
    the stories are merged as in a full run; the refine moves the arrivals and the ``movable``
    standing articles (the caller's: those near enough in time to the arrivals that every story
    they could move to is among the standing ones). Terms are weighed by the corpus's
    ``vocabulary``, as a full run weighs them. Whatever order the stories and arrivals come in,
    the result is the same: both are put in canonical order first.

    >>> a = StoryInput("a", "2021-03-01", "Quake hits Korvath", "A strong quake hit Korvath on Monday.")
    >>> b = StoryInput("b", "2021-03-02", "Korvath quake toll rises", "The Korvath quake toll rose.")
    >>> words_of = Vocabulary({"korvath": 2, "quake": 2, "toll": 1}, {}, 4)
    >>> update_stories([[a]], [b], (), words_of, StoryParams(join_threshold=0.1))
    [['a', 'b']]
    """
    stories = sorted((canonical_order(story) for story in standing if story), key=lambda s: canonical_key(s[0]))
    arriving = canonical_order(arrivals)
    ordered = [d for story in stories for d in story] + arriving
    spans, start = [], 0
    for story in stories:
        spans.append(range(start, start + len(story)))
        start += len(story)
    moving = {i for i, d in enumerate(ordered) if i >= start or d.id in movable}
    found = _Clusterer(ordered, params, vocabulary).run(spans, moving)
    return sorted(([ordered[i].id for i in members] for members in found), key=lambda ids: ordered_index(ids, ordered))


def reach_days(params: StoryParams = StoryParams()) -> float:
    """The most days between two dated articles, or an article and a story, that can still be
    joined or merged: a similarity is at most 1, so exp(-gap / decay_days) must reach the lower
    of the two thresholds (14 × ln 4 ≈ 19.4 days as shipped). Farther apart, they never meet."""
    return params.decay_days * math.log(1.0 / min(params.join_threshold, params.merge_threshold))


@dataclass(frozen=True)
class Neighbourhood:
    """What an incremental run loads around the arriving articles: the standing ``stories`` (by
    id) it reads whole and rewrites, and the standing articles that may move (``movable``)."""

    stories: frozenset[str]
    movable: frozenset[str]


def neighbourhood(arrival_days: Iterable[int], days: Mapping[str, int | None], story_of: Mapping[str, str],
                  params: StoryParams = StoryParams()) -> Neighbourhood:
    """The stories and articles the arrivals (on ``arrival_days``, ordinal days) can reach, from
    every standing article's day (``days``; None when undated or inferred) and story.

    An arrival joins or moves to a story only within :func:`reach_days` (R) of it, so the
    standing articles within R of an arrival are the ones whose best story may change (movable),
    and every story they could move to has an article within 2R of an arrival: those stories are
    loaded whole (a story is rewritten whole or not at all). Undated standing articles stay where
    they are unless their story is loaded; undated arrivals reach every story, and are the
    caller's to refuse (a full run)."""
    reach = reach_days(params)
    arriving = sorted(set(arrival_days))
    movable: set[str] = set()
    stories: set[str] = set()
    if not arriving:
        return Neighbourhood(frozenset(), frozenset())
    for doc, day in days.items():
        if day is None:
            continue
        at = bisect.bisect_left(arriving, day)
        gap = min(abs(day - arriving[j]) for j in (at - 1, at) if 0 <= j < len(arriving))
        if gap <= 2 * reach and doc in story_of:
            stories.add(story_of[doc])
            if gap <= reach:
                movable.add(doc)
    return Neighbourhood(frozenset(stories), frozenset(movable))


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
    most of its articles mention, then the most mentioned.
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
        articles: dict[str, int] = {}  # actor → the members that name it
        mentions: dict[str, int] = {}  # actor → its mentions in them: in a story of few articles,
        for d in members:              # most actors tie on articles, and the one named most leads
            for a in d.actors:
                mentions[a] = mentions.get(a, 0) + 1
            for a in set(d.actors):
                articles[a] = articles.get(a, 0) + 1
        names = actor_names or {}
        actors = tuple(a for a in sorted(articles, key=lambda a: (-articles[a], -mentions[a], names.get(a, a)))
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
