"""Near-copy detection (storyline.link.copies): precision, recall and time.

Data: the AllSides corpus (37,554 articles, 491 outlets) and the NATO/Ukraine corpus (2,506), as
texts (copy detection alone; no store). Copies made here, of ``--made`` articles of 80+ words
drawn with a fixed seed from both corpora: site chrome added above and below, the last paragraph
cut, a paragraph of another article added, white space reflowed. Each made copy is dated a day
after its original. A made copy counts as found when it is marked a copy of its original (or of
the original's own canonical); precision counts, among the copies marked on a made copy or on its
original, those that are right (a made copy of an article that has real copies may rightly join
them). The real cross-outlet copies found are counted and the closest ones printed for reading.

    .venv/bin/python benchmarks/copies.py [--made 1000] [--show 10]
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import random
import time
from pathlib import Path

from storyline.link.copies import find_copies

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CHROME_TOP = "Home | News | World | Politics | Subscribe | Sign in\n\nAdvertisement\n\n"
CHROME_BOTTOM = ("\n\nShare this article on Facebook Twitter Email. Read more: the latest headlines, "
                 "sign up for our newsletter. Comments are closed. © 2020 All rights reserved.")


def read(path: str) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def variants(text: str, other: str) -> dict[str, str]:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return {
        "chrome": CHROME_TOP + text + CHROME_BOTTOM,
        "trimmed": "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else " ".join(text.split()[: len(text.split()) * 3 // 4]),
        "extended": text + "\n\n" + " ".join(other.split()[:60]),
        "whitespace": "  ".join(text.split()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--made", type=int, default=1000)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()

    allsides = [r for path in sorted(glob.glob(str(CORPUS / "allsides" / "*.jsonl.gz"))) for r in read(path)]
    ukraine = read(str(CORPUS / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"))
    by_id = {r["id"]: r for r in allsides + ukraine}

    started = time.perf_counter()
    real = find_copies((r["id"], r.get("published"), r["text"]) for r in allsides)
    allsides_seconds = time.perf_counter() - started
    started = time.perf_counter()
    real_ukraine = find_copies((r["id"], (r.get("published") or "")[:10] or None, r["text"]) for r in ukraine)
    ukraine_seconds = time.perf_counter() - started
    cross = [c for c in real if by_id[c.doc]["outlet"] != by_id[c.canonical]["outlet"]]
    print(f"AllSides: {len(allsides)} articles, {len(real)} near-copies ({len(cross)} across outlets) "
          f"in {allsides_seconds:.1f} s; NATO/Ukraine: {len(ukraine)} articles, {len(real_ukraine)} near-copies "
          f"in {ukraine_seconds:.1f} s")
    for c in sorted(cross, key=lambda c: c.similarity)[: args.show]:
        print(f"  {c.similarity:.3f}  {by_id[c.canonical]['outlet']} → {by_id[c.doc]['outlet']}: "
              f"{(by_id[c.doc].get('title') or '')[:70]}")

    rng = random.Random(14)
    pool = [r for r in allsides + ukraine if len(r["text"].split()) >= 80 and r.get("published")]
    originals = rng.sample(pool, args.made)
    docs = [(r["id"], r["published"][:10], r["text"]) for r in pool]
    made: dict[str, tuple[str, str]] = {}
    for n, r in enumerate(originals):
        kind, text = rng.choice(sorted(variants(r["text"], rng.choice(pool)["text"]).items()))
        day = r["published"][:10]
        later = f"{int(day[:4]) + (day[5:] == '12-31'):04d}" + day[4:8] + f"{min(int(day[8:]) + 1, 28):02d}" \
            if day[5:] != "12-31" else day
        copy_id = f"made-{n:05d}"
        made[copy_id] = (r["id"], kind)
        docs.append((copy_id, later if later > day else day, text))
    started = time.perf_counter()
    found = {c.doc: c for c in find_copies(docs)}
    seconds = time.perf_counter() - started
    canonical = {c.doc: c.canonical for c in found.values()}

    def root(doc: str) -> str:
        return canonical.get(doc, doc)

    hit = {copy: root(copy) == root(original) for copy, (original, _) in made.items()}
    recall_by_kind: dict[str, list[bool]] = {}
    for copy, (_, kind) in made.items():
        recall_by_kind.setdefault(kind, []).append(hit[copy])
    involved = {o for o, _ in made.values()} | set(made)
    marked = [c for c in found.values() if c.doc in involved or c.canonical in involved]
    right = [c for c in marked if c.doc not in made or hit[c.doc]]
    precision = len(right) / len(marked) if marked else 1.0
    recall = sum(hit.values()) / len(hit)
    print(f"made copies: {len(made)} among {len(pool)} articles; precision {precision:.3f}, recall {recall:.3f} "
          f"({seconds:.1f} s)")
    for kind, hits in sorted(recall_by_kind.items()):
        print(f"  {kind:10s} recall {sum(hits) / len(hits):.3f} ({len(hits)})")
    print(json.dumps({"allsides_articles": len(allsides), "allsides_copies": len(real), "allsides_cross_outlet": len(cross),
                      "allsides_seconds": round(allsides_seconds, 1), "ukraine_copies": len(real_ukraine),
                      "ukraine_seconds": round(ukraine_seconds, 1), "made": len(made), "precision": round(precision, 4),
                      "recall": round(recall, 4),
                      **{f"recall_{k}": round(sum(h) / len(h), 4) for k, h in recall_by_kind.items()}}))


if __name__ == "__main__":
    main()
