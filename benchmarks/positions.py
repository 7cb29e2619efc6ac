"""What the positions step costs on a built store: its stored stance readings against parsing again.

Before the ``stance`` stage, the positions step parsed every sentence that might name an issue
(alone, the entity recogniser left out) and read it; now each sentence's reading is stored when
its document is analysed, and the step only matches issues against the stored readings. This
script times, in one run on the same store and issues:

* **parse**: the step as it was: the candidate sentences parsed again and read
  (:func:`storyline.analyse.stance.read_sentence` on each sentence's own parse), then matched;
* **stored**: the step as it is (:class:`storyline.link.positions.Positions`), over the stored
  readings.

Both end in the same :func:`~storyline.link.positions.read_positions`; the script prints how many
positions each found and how many differ (a sentence parsed alone can be parsed differently from
the same sentence in its document, which is what the stage reads). The store must have stance
readings (a store built before them gets them on its first link, e.g. ``storyline issues
--rename``); the script works on a copy of it. The model load is left out of the parse time.

    .venv/bin/python benchmarks/positions.py --store PATH --issues FILE [--repeat 3]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from storyline.analyse.nlp import DEFAULT_MODEL, load_model
from storyline.analyse.stance import MAX_SENTENCE_CHARS, read_sentence
from storyline.link.issues import load_issues
from storyline.link.positions import Positions, issue_filter, linked_corpus, read_positions
from storyline.records import Event, Position, Quote
from storyline.store import Store


def parse_again(store: Store, corpus: object, nlp: object) -> list[Position]:
    """The positions step as it was before stored readings: parse the candidate sentences again."""
    issues = store.issues(induced=False)
    names = issue_filter(issues)
    documents = {d.id: d for d in store.documents()}
    quotes: dict[str, list[tuple[int, Quote]]] = {}
    for row, quote in store.quote_rows():
        quotes.setdefault(quote.doc, []).append((row, quote))
    events: dict[tuple[str, int], list[tuple[int, Event]]] = {}
    for row, event in store.event_rows():
        events.setdefault((event.doc, event.sentence), []).append((row, event))
    wanted = [(doc, i, s) for doc in sorted(documents) for i, s in enumerate(store.sentences(doc))
              if len(s.text) <= MAX_SENTENCE_CHARS and names(s.text)]
    parsed = nlp.pipe([s.text for _, _, s in wanted], batch_size=256, disable=["ner"])  # type: ignore[attr-defined]
    readings = [read_sentence(p, doc=doc, index=i, offset=s.start) for (doc, i, s), p in zip(wanted, parsed)]
    return read_positions(readings, issues, quotes, events, corpus.facts["mention_index"],  # type: ignore[attr-defined]
                          {d.id: d.published for d in documents.values()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--issues", type=Path, required=True, help="the issues file (TOML) to read positions on")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = parser.parse_args()

    nlp = load_model(DEFAULT_MODEL)
    work = Path(tempfile.mkdtemp(prefix="storyline-positions-")) / "store.db"
    with sqlite3.connect(args.store) as source, sqlite3.connect(work) as copy:
        source.backup(copy)  # the issues are stored in a copy: the store read stays as it was
    with Store.open(work) as store:
        if store.unread_for_stance():
            raise SystemExit(f"{args.store} has {len(store.unread_for_stance())} documents without stance readings; "
                             "link it once (storyline issues --rename …) or rebuild it")
        with store.transaction():
            store.replace_issues(load_issues(args.issues))
        corpus = linked_corpus(store)
        documents = len(store.documents())
        times: dict[str, list[float]] = {"parse": [], "stored": []}
        for _ in range(args.repeat):
            started = time.perf_counter()
            before = parse_again(store, corpus, nlp)
            times["parse"].append(time.perf_counter() - started)
            started = time.perf_counter()
            after = Positions(lambda texts: ()).run(corpus).facts["positions"]
            times["stored"].append(time.perf_counter() - started)
    key = lambda p: (p.id, p.polarity, p.stance)  # noqa: E731
    differ = len({key(p) for p in before} ^ {key(p) for p in after})
    figures = {"documents": documents, "positions_parse": len(before), "positions_stored": len(after),
               "differing": differ, "parse_s": round(min(times["parse"]), 2),
               "stored_s": round(min(times["stored"]), 2),
               "ratio": round(min(times["parse"]) / min(times["stored"]), 1)}
    print(f"parse again: {figures['parse_s']} s, {len(before)} positions; stored readings: {figures['stored_s']} s, "
          f"{len(after)} positions ({differ} differ); {figures['ratio']}x faster")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
