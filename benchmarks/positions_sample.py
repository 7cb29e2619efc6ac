"""Draw positions from a store for a careful reader to judge: actor, issue, polarity and sentence.

The ``--n`` positions are drawn at random with ``--seed`` from the store's positions in their
stable order (actor, issue, date, document, offset), so the same store and seed give the same
sample. Each is printed with its number, actor, issue, polarity, stance, cue, rule, confidence and
where its actor came from (quote, event or the stance word's holder), and the sentence; the
reader writes down which are right on actor, issue and polarity, and why the others are wrong
(docs/benchmarks.md). The last line is one JSON object: the sample's position
ids, to find them again.

    .venv/bin/python benchmarks/positions_sample.py --store PATH [--n 50] [--seed 18]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from storyline.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    with Store.open(args.store) as store:
        positions = store.positions()
        names = store.actor_names()
        labels = {issue.id: issue.label for issue in store.issues()}
    sample = random.Random(args.seed).sample(positions, min(args.n, len(positions)))
    for number, p in enumerate(sample, 1):
        print(f"{number:>2}. {names.get(p.actor, p.actor)} | {labels.get(p.issue, p.issue)} | polarity {p.polarity:+d} "
              f"| {p.stance} | cue {p.cue.text if p.cue else '-'} | {p.rule} | {p.doc[:8]}:{p.start} "
              f"| confidence {p.confidence:.2f} via {'quote' if p.quote is not None else 'event' if p.event is not None else 'holder'}")
        print("    " + " ".join(p.text.split()))
    print(json.dumps({"positions": len(positions), "sample": [p.id for p in sample], "seed": args.seed}))


if __name__ == "__main__":
    main()
