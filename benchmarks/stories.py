"""Stories on ECB+: which articles report the same real-world event (storyline.link.stories).

Builds ../shared/eval/ecbplus/articles.jsonl into a store (or reuses one with --reuse), runs the
story clustering over it exactly as the corpus step does (canonical documents, their canonical
actors, their stored or inferred dates), and scores the stories against the gold ``story`` and,
coarser, ``topic`` labels: B-cubed precision, recall and F1 (Bagga and Baldwin 1998) and the
adjusted Rand index. Then it scores the clustering run in other arrival orders: through
``cluster_stories`` (which sorts into the canonical order first: identical by construction), and
the same single pass fed the shuffled order as is, to show what the canonical order buys.
``--batches N`` (default 5) also feeds the corpus in N shuffled batches, the story step run after
each batch as a build runs it today (over everything stored so far), and gives the ARI of the
last batch's stories with one full run and the story step's time per batch: the baseline an
incremental story step (issue 14) is measured against.

The README defines one half (the sister half is held out), so the figures are also given for the
two halves of its topics, alternate topics by number (A: 1, 5, 9, …; B: 3, 7, 11, …), each
clustered as a corpus of its own: a setting chosen on one half is checked on the other.
``--vector-weight W`` adds the articles' mean sentence vectors (storyline.analyse.embeddings).
``--other-store PATH`` also counts the stories of another built store (NATO/Ukraine) with the
setting before this session's signals and the shipped one: the check against chaining.

    .venv/bin/python benchmarks/stories.py [--store /tmp/storyline-ecbplus.db] [--reuse] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

from storyline.analyse.embeddings import WordLlamaEmbedder, embed_stored
from storyline.link.stories import (FULL_RUN_SHARE, REBUILD_GROWTH, StoryInput, StoryParams, Vocabulary, _Clusterer,
                                    canonical_order, cluster_stories, document_frequencies, entity_bag, neighbourhood,
                                    stated_times, story_day, story_inputs, text_bag, update_stories)
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "eval" / "ecbplus"


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering ``pred`` (item → cluster) against ``gold``."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in gold:
        same = len(by_pred[pred[item]] & by_gold[gold[item]])
        p += same / len(by_pred[pred[item]])
        r += same / len(by_gold[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def ari(a: dict[str, str], b: dict[str, str]) -> float:
    """Adjusted Rand index (Hubert and Arabie 1985) of two clusterings of the same items."""
    items = sorted(a)
    pairs = Counter((a[i], b[i]) for i in items)
    comb = lambda n: n * (n - 1) / 2  # noqa: E731
    index = sum(comb(n) for n in pairs.values())
    sa = sum(comb(n) for n in Counter(a[i] for i in items).values())
    sb = sum(comb(n) for n in Counter(b[i] for i in items).values())
    expected = sa * sb / comb(len(items))
    top = (sa + sb) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def load(store_path: Path, reuse: bool) -> tuple[list[StoryInput], dict[str, str], dict[str, str], float]:
    """The articles as the story step sees them, each document's gold story and topic, build time."""
    seconds = 0.0
    if not (reuse and store_path.exists()):
        from storyline.builder import build
        store_path.unlink(missing_ok=True)
        started = time.perf_counter()
        build([ECB / "articles.jsonl"], db=store_path)
        seconds = time.perf_counter() - started
    lines = (ECB / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    gold_by_article = json.loads((ECB / "gold.json").read_text(encoding="utf-8"))
    story: dict[str, str] = {}
    topic: dict[str, str] = {}
    with Store.open(store_path, create=False) as store:
        # Every input line's document: the gold labels are by line (two pairs of lines are one text).
        for doc, source in store.connection.execute("SELECT doc, source FROM publications ORDER BY id"):
            article = json.loads(lines[int(source.rsplit(":", 1)[1]) - 1])["id"]
            story.setdefault(doc, gold_by_article[article]["story"])
            topic.setdefault(doc, gold_by_article[article]["topic"])
        actors: dict[str, list[str]] = {}
        for mention, actor in store.mentions():
            if actor is not None:
                actors.setdefault(mention.doc, []).append(actor)
        embed_stored(store)  # a store built before sentence vectors were kept
        docs = story_inputs(store.documents(), actors, store.document_vectors(WordLlamaEmbedder.name),
                            stated_times(store.timexes()))
    return docs, story, topic, seconds


def score(groups: list[list[str]], story: dict[str, str], topic: dict[str, str]) -> dict[str, float]:
    pred = {doc: str(n) for n, group in enumerate(groups) for doc in group}
    p, r, f = bcubed(pred, story)
    tp, tr, tf = bcubed(pred, topic)
    return {"stories": len(groups), "p": p, "r": r, "f1": f, "ari": ari(pred, story), "topic_f1": tf,
            "topic_ari": ari(pred, topic)}


def halves(docs: list[StoryInput], topic: dict[str, str]) -> dict[str, list[StoryInput]]:
    """The articles of alternate topics, by topic number: A gets the 1st, 3rd, … topic, B the rest."""
    numbers = sorted({int(t) for t in topic.values()})
    a = {str(t) for t in numbers[0::2]}
    return {"A": [d for d in docs if topic[d.id] in a], "B": [d for d in docs if topic[d.id] not in a]}


def in_arrival_order(docs: list[StoryInput], params: StoryParams) -> list[list[str]]:
    """The single pass and merges fed ``docs`` as they come (no canonical order)."""
    return [[docs[i].id for i in group] for group in _Clusterer(docs, params).run()]


def in_batches(docs: list[StoryInput], params: StoryParams, batches: int, seed: int) -> tuple[list[list[str]], list[float]]:
    """The corpus arriving in ``batches`` shuffled batches, the story step run after each as a
    build runs it today (over every document stored so far): the last batch's stories and each
    batch's story-step seconds. The baseline an incremental story step is measured against."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    size = math.ceil(len(order) / batches)
    groups: list[list[str]] = []
    seconds: list[float] = []
    for end in range(size, len(order) + size, size):
        started = time.perf_counter()
        groups = cluster_stories(order[:end], params)
        seconds.append(time.perf_counter() - started)
    return groups, seconds


def incrementally(docs: list[StoryInput], params: StoryParams, batches: int, seed: int | None,
                  growth: float | None = REBUILD_GROWTH) -> tuple[list[list[str]], list[float], int]:
    """The corpus arriving in ``batches`` (shuffled by ``seed``, or in publication order when it
    is None), each batch placed as the incremental story step places it (update_stories around
    the arrivals, the vocabulary kept as counts), with a full run where the step makes one: no
    stories yet, an undated arrival, arrivals reaching stories of more than FULL_RUN_SHARE of the
    articles, or the corpus grown ``growth`` times since the last full run (None: never).
    Gives the last batch's stories, each batch's seconds and how many batches ran in full."""
    order = list(docs) if seed is None else random.Random(seed).sample(docs, len(docs))
    if seed is None:
        order = canonical_order(order)
    size = math.ceil(len(order) / batches)
    stored: list[StoryInput] = []
    groups: list[list[str]] = []
    text_df: Counter[str] = Counter()
    entity_df: Counter[str] = Counter()
    seconds: list[float] = []
    full_at = full_runs = 0
    for start in range(0, len(order), size):
        arriving = order[start:start + size]
        started = time.perf_counter()
        text_df.update(document_frequencies(text_bag(d, params) for d in arriving))
        entity_df.update(document_frequencies(entity_bag(d, params) for d in arriving))
        everyone = stored + arriving
        if (not groups or (growth is not None and len(everyone) >= growth * full_at)
                or any(story_day(d, params) is None for d in arriving)):
            groups, full_at, full_runs = cluster_stories(everyone, params), len(everyone), full_runs + 1
        else:
            story_of = {doc: group[0] for group in groups for doc in group}
            hood = neighbourhood([story_day(d, params) for d in arriving],
                                 {d.id: story_day(d, params) for d in stored}, story_of, params)
            by_id = {d.id: d for d in stored}
            standing = [[by_id[doc] for doc in group] for group in groups if group[0] in hood.stories]
            if sum(map(len, standing)) + len(arriving) > FULL_RUN_SHARE * len(everyone):
                groups, full_at, full_runs = cluster_stories(everyone, params), len(everyone), full_runs + 1
            else:
                found = update_stories(standing, arriving, hood.movable, Vocabulary(text_df, entity_df, len(everyone)),
                                       params)
                groups = [group for group in groups if group[0] not in hood.stories] + found
        seconds.append(time.perf_counter() - started)
        stored = everyone
    return groups, seconds, full_runs


def store_inputs(path: Path) -> list[StoryInput]:
    """A built store's canonical documents as the story step sees them."""
    with Store.open(path, create=False) as store:
        actors: dict[str, list[str]] = {}
        for mention, actor in store.mentions():
            if actor is not None:
                actors.setdefault(mention.doc, []).append(actor)
        copies = {copy.doc for copy in store.copies()}
        return [d for d in story_inputs(store.documents(), actors, None, stated_times(store.timexes()))
                if d.id not in copies]


def incremental_figures(docs: list[StoryInput], params: StoryParams, batches: int,
                        growths: Sequence[float | None] = (REBUILD_GROWTH,)) -> dict[str, float]:
    """The incremental step against one full run over ``docs``: ARI and B-cubed F1 of the last
    batch's stories with the full run's, in publication order and in 3 shuffled orders, for each
    rebuild ``growths`` (None: never rebuilt); the later batches' seconds as a share of the full
    run's, and how many batches ran in full."""
    started = time.perf_counter()
    full = {doc: group[0] for group in cluster_stories(docs, params) for doc in group}
    full_seconds = time.perf_counter() - started
    figures: dict[str, float] = {"documents": len(docs), "full_seconds": round(full_seconds, 2)}
    for growth in growths:
        aris, f1s, shares, fulls, results = [], [], [], [], []
        for seed in (None, 0, 1, 2):
            groups, seconds, full_runs = incrementally(docs, params, batches, seed, growth)
            found = {doc: group[0] for group in groups for doc in group}
            results.append(found)
            aris.append(ari(full, found))
            f1s.append(bcubed(found, full)[2])
            shares.append(max(seconds[1:]) / full_seconds)
            fulls.append(full_runs)
            label = "in publication order" if seed is None else f"shuffled ({seed})"
            print(f"  {batches} batches {label}, rebuilt at growth {growth}: ARI with one full run {aris[-1]:.3f}, "
                  f"B-cubed F1 {f1s[-1]:.3f}; {full_runs} full runs; later batches "
                  f"{', '.join(f'{s:.2f}' for s in seconds[1:])} s (full run {full_seconds:.2f} s)")
        between = [ari(a, b) for n, a in enumerate(results) for b in results[n + 1:]]
        print(f"  between the 4 arrival orders: ARI {min(between):.3f}–{max(between):.3f}")
        key = f"growth_{growth}"
        figures[f"{key}_ari_between_orders_min"] = round(min(between), 4)
        figures.update({f"{key}_ari_chronological": round(aris[0], 4), f"{key}_ari_shuffled_min": round(min(aris[1:]), 4),
                        f"{key}_bcubed_chronological": round(f1s[0], 4), f"{key}_bcubed_shuffled_min": round(min(f1s[1:]), 4),
                        f"{key}_batch_share_chronological_max": round(shares[0], 3),
                        f"{key}_full_runs_chronological": fulls[0], f"{key}_full_runs_shuffled_max": max(fulls[1:])})
    return figures


def stories_of_store(path: Path, params: StoryParams) -> list[tuple[int, str]]:
    """Another corpus's stories (e.g. a NATO/Ukraine store) as (size, title), largest first: the
    check that a setting chosen on ECB+ does not chain a corpus reported every day."""
    from storyline.link.stories import describe_stories  # noqa: PLC0415

    docs = store_inputs(path)
    found = describe_stories(cluster_stories(docs, params), docs)
    return sorted(((len(s.docs), s.title) for s in found), key=lambda st: -st[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "storyline-ecbplus.db")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--sweep", action="store_true", help="also score a grid of thresholds and weights")
    parser.add_argument("--vector-weight", type=float, default=None, help="weight of the articles' meaning")
    parser.add_argument("--other-store", type=Path, action="append", default=[],
                        help="also count the stories of this built store, before and after this session's signals")
    parser.add_argument("--batches", type=int, default=5,
                        help="also build the stories in this many shuffled batches and compare with one full run")
    parser.add_argument("--incremental-store", type=Path, action="append", default=[],
                        help="also measure the incremental story step on this built store's documents")
    args = parser.parse_args()
    for path in args.incremental_store:
        print(f"{path.name}: the incremental story step, {args.batches} batches")
        print(json.dumps(incremental_figures(store_inputs(path), StoryParams(), args.batches)))
    for path in args.other_store:
        before = StoryParams(name_repeat=1, dates_as_entities=False, inferred_days=True)
        for label, params in (("before", before), ("shipped", StoryParams())):
            started = time.perf_counter()
            found = stories_of_store(path, params)
            print(f"{path.name} {label}: {len(found)} stories, largest {[n for n, _ in found[:10]]} "
                  f"({time.perf_counter() - started:.1f} s)")
            for n, title in found[:20] if label == "shipped" else ():
                print(f"  {n:4d}  {title[:100]}")

    docs, story, topic, build_seconds = load(args.store, args.reuse)
    chosen = StoryParams() if args.vector_weight is None else StoryParams(vector_weight=args.vector_weight)
    started = time.perf_counter()
    groups = cluster_stories(docs, chosen)
    seconds = time.perf_counter() - started
    figures = {"documents": len(docs), "gold_stories": len(set(story.values())), **score(groups, story, topic),
               "seconds": round(seconds, 2)}
    if build_seconds:
        figures["build_seconds"] = round(build_seconds, 1)
    pred = {doc: str(n) for n, group in enumerate(groups) for doc in group}
    shuffled = list(docs)
    order_ari, raw_ari, raw_f1 = [], [], []
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        again = {doc: str(n) for n, group in enumerate(cluster_stories(shuffled, chosen)) for doc in group}
        order_ari.append(ari(pred, again))
        raw = in_arrival_order(shuffled, chosen)
        raw_pred = {doc: str(n) for n, group in enumerate(raw) for doc in group}
        raw_ari.append(ari(pred, raw_pred))
        raw_f1.append(score(raw, story, topic)["f1"])
    figures.update(order_ari_min=min(order_ari), raw_order_ari_min=min(raw_ari),
                   raw_order_f1_min=min(raw_f1), raw_order_f1_max=max(raw_f1))
    batch_ari, batch_seconds = [], []
    for seed in range(3):
        batched, seconds_per_batch = in_batches(docs, chosen, args.batches, seed)
        batch_ari.append(ari(pred, {doc: str(n) for n, group in enumerate(batched) for doc in group}))
        batch_seconds.append(max(seconds_per_batch[1:] or seconds_per_batch))
    figures.update(batches=args.batches, batch_order_ari_min=min(batch_ari),
                   batch_step_seconds_max=round(max(batch_seconds), 3))
    for name, part in halves(docs, topic).items():
        ids = {d.id for d in part}
        found = score(cluster_stories(part, chosen), {i: story[i] for i in ids}, {i: topic[i] for i in ids})
        figures[f"half_{name}"] = {k: round(v, 4) for k, v in found.items()}
        print(f"half {name} ({len(part)} articles): B-cubed P {found['p']:.3f} R {found['r']:.3f} F1 {found['f1']:.3f}, "
              f"ARI {found['ari']:.3f}")
    print(f"{figures['documents']} documents, {figures['gold_stories']} gold stories → {figures['stories']} stories "
          f"in {seconds:.2f} s")
    print(f"stories: B-cubed P {figures['p']:.3f} R {figures['r']:.3f} F1 {figures['f1']:.3f}, ARI {figures['ari']:.3f}")
    print(f"topics:  B-cubed F1 {figures['topic_f1']:.3f}, ARI {figures['topic_ari']:.3f}")
    print(f"5 shuffled arrival orders: ARI with the canonical run ≥ {min(order_ari):.3f} (canonical order); "
          f"fed as they come, ARI ≥ {min(raw_ari):.3f}, F1 {min(raw_f1):.3f}–{max(raw_f1):.3f}")
    print(f"{args.batches} shuffled batches (3 orders): ARI with one full run ≥ {min(batch_ari):.3f}; "
          f"story step per later batch ≤ {max(batch_seconds):.2f} s (full run {seconds:.2f} s)")
    if args.sweep:
        print("\njoin  merge  text  decay   F1     ARI   stories")
        for join in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            for merge in (0.3, 0.35, 0.4, 0.5, 1.1):
                for text in (0.5, 0.7, 1.0):
                    for decay in (7.0, 14.0, 30.0, math.inf):
                        params = StoryParams(text, 1 - text, join, merge, decay)
                        s = score(cluster_stories(docs, params), story, topic)
                        print(f"{join:4.2f}  {merge:4.2f}  {text:4.2f}  {decay:5.0f}  {s['f1']:.3f}  {s['ari']:.3f}  "
                              f"{s['stories']}")
                        sys.stdout.flush()
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
