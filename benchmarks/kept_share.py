"""Kept share: how much of each input item the Clean stage keeps, over a corpus, by collection.

Every item is read as ``storyline build`` reads it (``storyline.ingest.readers``) and cleaned by
the Clean stage, nothing else (no spaCy: the whole ukraine corpus takes seconds). Two shares per
item, both over the lines of the input (the cleaner's unit: every non-blank line is kept or
removed whole), white space left out:

- **body share** (the headline figure): the characters of *body-like* lines that were kept, over
  the body-like characters of the input. A body-like line has at least BODY_MIN_WORDS words and
  ends like a sentence: a paragraph a reader would miss. Menus, datelines, labels, share bars and
  bare picture credits count on neither side, so a page whose header outweighs a short article
  kept whole scores 1, and what lowers the score is prose the cleaner judged not to be the
  article: exactly the decisions a reader should be able to check.
- **input share**: the kept characters over all the input's characters, the measure the Clean
  stage's W200 warning is raised on (below 50 %).

Lines removed as the headline (``title``) count on neither side of either share: the headline is
kept, as the document's title.

The measure is written here, not taken from the cleaner, so that the same script scores any
version of the code: run it in a worktree of an older commit with ``PYTHONPATH`` pointing there.
An item the stage refuses ("no article text left") scores 0 on both shares. HTML items are not
scored (their input is markup). The last line printed is one JSON object.

Run from the project root::

    .venv/bin/python benchmarks/kept_share.py [PATH ...] [--as-text] [--list-below 0.5] [--show N]
    git worktree add /tmp/base HEAD && PYTHONPATH=/tmp/base .venv/bin/python benchmarks/kept_share.py
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import storyline
from storyline.clean.cleaner import Clean
from storyline.errors import ExtractionError
from storyline.ingest.readers import read_paths
from storyline.records import Article, Failure, RawDocument

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "corpus" / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"
# A paragraph a reader would miss: a sentence of this many words or more (the cleaner's own bound
# for a line that is prose on its own, PROSE_MIN_WORDS, held fixed here so versions compare), or
# a line of LONG_LINE_WORDS words whatever its end (a paragraph that lost its full stop; the
# cleaner's UNPUNCTUATED_PROSE_MIN_WORDS).
BODY_MIN_WORDS = 8
LONG_LINE_WORDS = 20
# Documents below this share are listed with what they lost (the W200 warning's bound).
LIST_BELOW = 0.5
# The bounds the table counts documents under.
UNDER = (0.5, 0.05)

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]\W*$")


@dataclass
class Scored:
    source: str
    collection: str
    title: str
    input_chars: int
    body_share: float
    input_share: float
    removed: Counter[str] = field(default_factory=Counter)  # characters per reason
    warnings: tuple[str, ...] = ()
    refused: str = ""


def body_like(line: str) -> bool:
    words = len(_WORD.findall(line))
    return words >= LONG_LINE_WORDS or (words >= BODY_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def _share(kept: int, total: int) -> float:
    return kept / total if total else 1.0


def score(article: Article, stage: Clean) -> Scored:
    raw = article.raw
    collection = str(raw.fields.get("collection") or Path(raw.source.rsplit(":", 1)[0]).parent.name)
    given_title = raw.fields.get("title")
    try:
        cleaned = stage.process(article)  # the Article with its clean text and removed spans
    except ExtractionError as error:
        lines = [line.strip() for line in raw.content.splitlines() if line.strip()]
        return Scored(raw.source, collection, str(given_title or ""), sum(map(len, lines)), 0.0, 0.0,
                      Counter({"refused": sum(map(len, lines))}), refused=str(error))
    kept = [p for p in (cleaned.text or "").split("\n\n") if p]
    # The headline is kept too, as the document's title: it counts on neither side.
    removed = [span.text for span in cleaned.removed if span.reason != "title"]
    kept_chars, removed_chars = sum(map(len, kept)), sum(map(len, removed))
    kept_body = sum(len(p) for p in kept if body_like(p))
    removed_body = sum(len(t) for t in removed if body_like(t))
    by_reason: Counter[str] = Counter()
    for span in cleaned.removed:
        by_reason[span.reason] += len(span.text)
    warnings = tuple(w.reason for w in cleaned.warnings if w.stage == stage.name)
    return Scored(raw.source, collection, str(cleaned.title or given_title or ""), kept_chars + removed_chars,
                  _share(kept_body, kept_body + removed_body), _share(kept_chars, kept_chars + removed_chars),
                  by_reason, warnings)


def as_scraped_file(record: RawDocument) -> RawDocument:
    """A record as the .txt file a scraper would have saved: its title, a blank line, its text.

    The page cleaner's rules (body region, clusters, repeats) then judge text that is all article:
    what they drop from it is what they would wrongly drop from a clean scraped file.
    """
    title = record.fields.get("title")
    content = f"{title.strip()}\n\n{record.content}" if isinstance(title, str) and title.strip() else record.content
    fields = {"collection": record.fields.get("collection"), "title": title}
    return RawDocument(source=record.source, format="text", content=content, fields=fields)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    return values[max(0, math.ceil(p * len(values)) - 1)]


def summary(shares: list[float]) -> dict[str, float]:
    values = sorted(shares)
    return {
        "n": len(values),
        "p5": percentile(values, 0.05),
        "p25": percentile(values, 0.25),
        "median": percentile(values, 0.5),
        **{f"under_{round(bound * 100)}": sum(1 for v in values if v < bound) for bound in UNDER},
    }


def _table(title: str, by_collection: dict[str, list[Scored]], attr: str) -> list[str]:
    out = [f"{title}", "| collection | n | p5 | p25 | median | under 50 % | under 5 % |", "|---|---|---|---|---|---|---|"]
    everything = [getattr(s, attr) for group in by_collection.values() for s in group]
    for name, group in [*sorted(by_collection.items()), ("all", None)]:
        stats = summary(everything if group is None else [getattr(s, attr) for s in group])
        out.append(f"| {name} | {stats['n']} | {stats['p5']:.3f} | {stats['p25']:.3f} | {stats['median']:.3f} "
                   f"| {stats['under_50']} | {stats['under_5']} |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_DATA], help="files or folders to read")
    parser.add_argument("--list-below", type=float, default=LIST_BELOW,
                        help="list the documents whose input or body share is below this")
    parser.add_argument("--show", type=int, default=0, help="print the first N characters of each listed one")
    parser.add_argument("--as-text", action="store_true",
                        help="clean each record as a scraped .txt file of its title and text")
    args = parser.parse_args(argv)

    stage = Clean()
    by_collection: dict[str, list[Scored]] = defaultdict(list)
    inputs: dict[str, str] = {}
    for item in read_paths(args.paths):
        if isinstance(item, Failure) or item.format == "html":
            continue
        if args.as_text and item.format == "record":
            item = as_scraped_file(item)
        scored = score(Article(raw=item), stage)
        by_collection[scored.collection].append(scored)
        inputs[item.source] = item.content

    print(f"storyline from {Path(storyline.__file__).resolve().parent}")
    print("\n".join(_table("Body share (body-like characters kept):", by_collection, "body_share")))
    print()
    print("\n".join(_table("Input share (all characters kept):", by_collection, "input_share")))
    low = sorted((s for group in by_collection.values() for s in group
                  if min(s.input_share, s.body_share) < args.list_below),
                 key=lambda s: (s.input_share, s.body_share))
    print(f"\n{len(low)} documents keep less than {args.list_below:.0%} of their input or of its body-like text:")
    for s in low:
        lost = ", ".join(f"{reason} {chars:,}" for reason, chars in s.removed.most_common(3))
        print(f"- {s.source.rsplit('/', 1)[-1]} [{s.collection}] {s.input_chars:,} chars, kept {s.input_share:.1%}"
              f" (body {s.body_share:.1%}); removed: {lost}; {s.refused or (s.warnings[0] if s.warnings else 'no warning')}"
              f"\n    title: {s.title[:100]}")
        if args.show:
            print("    " + inputs[s.source][: args.show].replace("\n", " ⏎ "))
    result = {
        "body_share": {name: summary([s.body_share for s in group]) for name, group in sorted(by_collection.items())},
        "input_share": {name: summary([s.input_share for s in group]) for name, group in sorted(by_collection.items())},
        "below": len(low),
        "below_without_warning": sum(1 for s in low if not s.warnings and not s.refused),
    }
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
