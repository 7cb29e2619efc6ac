"""Timelines on Timeline17: does Storyline's timeline tell the story a journalist's timeline tells?

For each topic of ../shared/eval/timeline17/ (its README gives the data and the protocol), the
articles are detokenised (they are PTB-tokenised, one sentence a line) into a JSONL file, built into
a store once (cached: ``--cache``, default /tmp/storyline-bench/timeline17), and for each reference
timeline of the topic Storyline is asked for the timeline a reader keeps: at most L days (L = the
reference's number of dates), at most k sentences a day (k = the reference's mean sentences per
date, rounded), only days inside the reference's first-last date, only from articles published in
that span (``storyline.link.timeline.reader_timeline``). Scored as news-tls does
(experiments/evaluate.py): alignment ROUGE-1 and ROUGE-2 F, many-to-one with date-content costs
(tilse's ``evaluate_align_date_content_costs_many_to_one``, stemming, stopwords removed), and date
F1 (set overlap of days); precision and recall averaged over the topic's timelines, F1 from the
averages. Two baselines from the same stores: the first sentences of the busiest publication days
(PUBCOUNT), and the stored timeline as the ``timeline`` command listed it before (``--baseline``).

    .venv/bin/python benchmarks/timelines.py [--topics finan h1n1 haiti] [--cache DIR] [--rebuild]
           [--build-only] [--workers N] [--json OUT]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "eval" / "timeline17"
TOPICS = ("finan", "h1n1", "haiti")
DEFAULT_CACHE = Path("/tmp/storyline-bench/timeline17")
# news-tls Table 4 (all of Timeline17): AR1-F, AR2-F, date F1.
PUBLISHED = {"DATEWISE": (0.120, 0.035, 0.544), "PUBCOUNT": (0.105, 0.027, 0.481)}


# -- the data ---------------------------------------------------------------------------------


def detokenise(line: str) -> str:
    """One PTB-tokenised sentence back to text ("-LRB- 10 miles -RRB-" → "(10 miles)")."""
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    return TreebankWordDetokenizer().detokenize(line.split(), convert_parentheses=True)


def articles_jsonl(topic: str, out: Path) -> Path:
    """The topic's articles as Storyline's JSONL (one article a line, its sentences a paragraph each)."""
    csv.field_size_limit(1 << 30)
    out.parent.mkdir(parents=True, exist_ok=True)
    with (T17 / topic / "articles.csv").open(encoding="utf-8", newline="") as src, \
            out.open("w", encoding="utf-8") as dst:
        for number, row in enumerate(csv.DictReader(src), 1):
            text = "\n".join(detokenise(line) for line in row["text"].splitlines() if line.strip())
            dst.write(json.dumps({"id": f"{topic}-{number}", "published": row["date"], "text": text}) + "\n")
    return out


@dataclass(frozen=True)
class Reference:
    """One journalist's timeline: its days, each with its summary sentences (tokenised)."""

    days: dict[date, list[str]]

    @property
    def first(self) -> date:
        return min(self.days)

    @property
    def last(self) -> date:
        return max(self.days)

    @property
    def sentences_per_day(self) -> int:
        return max(1, round(sum(len(s) for s in self.days.values()) / len(self.days)))


def references(topic: str) -> list[Reference]:
    """The topic's timelines: a new one starts where a date is not later than the one before."""
    lines = (T17 / topic / "timelines.txt").read_text(encoding="utf-8").splitlines()
    timelines: list[dict[date, list[str]]] = []
    previous: date | None = None
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        day = date.fromisoformat(lines[i].strip())
        # The sentences line is one CSV field holding a Python list literal.
        sentences = ast.literal_eval(next(csv.reader([lines[i + 1]]))[0])
        if previous is None or day <= previous:
            timelines.append({})
        timelines[-1].setdefault(day, []).extend(sentences)
        previous = day
        i += 3  # date, sentences, dashes
    return [Reference(days) for days in timelines]


def topic_store(topic: str, cache: Path, *, rebuild: bool = False, workers: int | None = None) -> Path:
    """The topic's store, built once into ``cache`` (building is the slow part of the benchmark)."""
    db, done = cache / f"{topic}.db", cache / f"{topic}.built"
    if done.exists() and not rebuild:
        return db
    from storyline.builder import build

    source = articles_jsonl(topic, cache / f"{topic}.jsonl")
    done.unlink(missing_ok=True)
    if rebuild:
        for old in cache.glob(f"{topic}.db*"):
            old.unlink()
    started = time.perf_counter()  # a killed build resumes where it stopped
    report = build([source], db=db, workers=workers)
    print(f"{topic}: built {report.stored} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    done.write_text(f"{report.stored}\n")
    return db


# -- scoring (news-tls experiments/evaluate.py, through tilse) -----------------------------------


def _tokenised(sentence: str) -> str:
    """The reference sentences are PTB-tokenised, and tilse's ROUGE splits on white space."""
    from nltk.tokenize import TreebankWordTokenizer

    return " ".join(TreebankWordTokenizer().tokenize(sentence))


def rouge_evaluator(computation: str):
    from tilse.evaluation import rouge

    return rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"}, rouge_computation=computation)


def score_task(predicted: dict[date, list[str]], reference: Reference, evaluator) -> dict[str, dict[str, float]]:
    """Alignment ROUGE-1/2 (many-to-one, date-content costs) and date P/R/F of one task."""
    from tilse.data.timelines import GroundTruth, Timeline

    pred = Timeline({day: [_tokenised(s) for s in sentences] for day, sentences in predicted.items()})
    truth = GroundTruth([Timeline(reference.days)])
    scores = dict(evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth))
    shared = len(set(predicted) & set(reference.days))
    p = shared / len(predicted) if predicted else 0.0
    r = shared / len(reference.days)
    scores["date"] = {"precision": p, "recall": r, "f_score": 2 * p * r / (p + r) if p + r else 0.0}
    return scores


def average(tasks: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """Precision and recall averaged over tasks, F1 from the averages (as news-tls reports)."""
    out: dict[str, float] = {}
    for measure, name in (("rouge_1", "AR1-F"), ("rouge_2", "AR2-F"), ("date", "date-F1")):
        p = sum(t[measure]["precision"] for t in tasks) / len(tasks)
        r = sum(t[measure]["recall"] for t in tasks) / len(tasks)
        out[name] = 2 * p * r / (p + r) if p + r else 0.0
    return out


# -- the systems --------------------------------------------------------------------------------


def _in_span(store, reference: Reference) -> set[str]:
    """The documents published inside the reference's first-last date (the task's input)."""
    return {d.id for d in store.documents()
            if d.published and reference.first.isoformat() <= d.published[:10] <= reference.last.isoformat()}


def pubcount(store, reference: Reference) -> dict[date, list[str]]:
    """The first sentences of the busiest publication days (news-tls's PUBCOUNT, without its
    centroid summariser): L days, k sentences a day, the day's articles in id order."""
    docs = [d for d in store.documents() if d.id in _in_span(store, reference)]
    by_day: dict[date, list] = {}
    for d in docs:
        by_day.setdefault(date.fromisoformat(d.published[:10]), []).append(d)
    busiest = sorted(by_day, key=lambda day: (-len(by_day[day]), day))[:len(reference.days)]
    k = reference.sentences_per_day
    return {day: [s.text for d in sorted(by_day[day], key=lambda d: d.id) for s in store.sentences(d.id)[:1]][:k]
            for day in busiest}


def stored_timeline(store, reference: Reference) -> dict[date, list[str]]:
    """The timeline as the ``timeline`` command listed it before the reader's timeline: shown
    entries inside the span, the days of the most salient entries first, each day's titles."""
    inside = _in_span(store, reference)
    entries = [e for e in store.timeline(start=reference.first.isoformat(), end=reference.last.isoformat())
               if set(e.sources) & inside]
    days: dict[date, list[str]] = {}
    for entry in sorted(entries, key=lambda e: (-e.salience, e.date, e.id)):
        day = date.fromisoformat(entry.date[:10])
        if day not in days and len(days) == len(reference.days):
            continue
        if len(days.setdefault(day, [])) < reference.sentences_per_day:
            days[day].append(entry.title)
    return days


def _kept_days(store, reference: Reference):
    from storyline.link.timeline import kept_timeline

    kept = kept_timeline(store, top=len(reference.days), per_day=reference.sentences_per_day,
                         docs=_in_span(store, reference))
    return [day for day in kept if reference.first.isoformat() <= day.date <= reference.last.isoformat()]


def reader_timeline(store, reference: Reference) -> dict[date, list[str]]:
    """The timeline a reader keeps (``storyline timeline --top L``), from the articles of the span:
    its L days, each told by its summary, the k sentences that best say what its articles say of
    it (the titles of its best entries where it has none)."""
    return {date.fromisoformat(day.date): [s.text for s in day.summary] or [k.entry.title for k in day.entries]
            for day in _kept_days(store, reference)}


def entry_titles(store, reference: Reference) -> dict[date, list[str]]:
    """The same days, each told by the titles of its k best entries (the reader's timeline before
    day summaries)."""
    return {date.fromisoformat(day.date): [k.entry.title for k in day.entries] for day in _kept_days(store, reference)}


SYSTEMS = {"pubcount": pubcount, "stored": stored_timeline, "entries": entry_titles, "reader": reader_timeline}
# The systems that read the store linked again by this code (the cached store was linked by the
# code that built it: the "stored" baseline).
RELINKED = {"reader", "entries"}


def relinked_store(db: Path) -> Path:
    """A copy of the cached store with the corpus steps run again by this code (all but positions,
    which the timeline does not read)."""
    from storyline.link.corpus import Positions, default_steps
    from storyline.link.runner import CorpusRunner
    from storyline.store import Store

    copy = db.with_name(db.stem + ".relinked.db")
    for old in db.parent.glob(copy.name + "*"):
        old.unlink()
    with Store.open(db, create=False) as store:
        store.connection.execute("VACUUM INTO ?", (str(copy),))

    def no_reanalysis(doc, published, basis):  # every Timeline17 article has its date given
        raise AssertionError(f"{doc.id} would need analysing again")

    with Store.open(copy, create=False) as store:
        CorpusRunner([s for s in default_steps() if not isinstance(s, Positions)]).run(store, no_reanalysis)
    return copy


def evaluate(topic: str, db: Path, systems: list[str], evaluator) -> dict[str, dict]:
    from storyline.store import Store

    results: dict[str, dict] = {}
    relinked = relinked_store(db) if set(systems) & RELINKED else None
    for name in systems:
        with Store.open(relinked if name in RELINKED else db, create=False) as store:
            tasks = [score_task(SYSTEMS[name](store, reference), reference, evaluator)
                     for reference in references(topic)]
        results[name] = average(tasks)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", nargs="+", default=list(TOPICS), choices=TOPICS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--rebuild", action="store_true", help="build the topic stores again")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=list(SYSTEMS))
    parser.add_argument("--rouge", choices=("original", "reimpl"), default="original",
                        help="tilse's ROUGE: the Perl ROUGE-1.5.5 it ships (needs Perl's XML::Parser,"
                             " Debian libxml-parser-perl) or its approximate Python reimplementation")
    args = parser.parse_args()
    stores = {topic: topic_store(topic, args.cache, rebuild=args.rebuild, workers=args.workers)
              for topic in args.topics}
    if args.build_only:
        return
    evaluator = rouge_evaluator(args.rouge)
    figures = {topic: evaluate(topic, db, args.systems, evaluator) for topic, db in stores.items()}
    print(f"{'system':<10} {'topic':<8} {'AR1-F':>7} {'AR2-F':>7} {'date-F1':>8}")
    for name in args.systems:
        rows = [figures[topic][name] for topic in stores]
        mean = {m: sum(r[m] for r in rows) / len(rows) for m in rows[0]}
        figures.setdefault("mean", {})[name] = mean
        for topic, row in [*zip(stores, rows), ("mean", mean)]:
            print(f"{name:<10} {topic:<8} {row['AR1-F']:7.3f} {row['AR2-F']:7.3f} {row['date-F1']:8.3f}")
    for name, (r1, r2, f1) in PUBLISHED.items():
        print(f"{name:<10} {'T17 (published)':<8} {r1:7.3f} {r2:7.3f} {f1:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
