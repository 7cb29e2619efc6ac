"""Score :func:`storyline.analyse.time.extract_timexes` on TimeML data, TempEval-3 Task A style.

Usage::

    .venv/bin/python benchmarks/tempeval.py [--data DIR] [--limit N] [--workers N] [--errors N]

For every ``.tml`` file under ``--data`` (searched recursively) the content of the ``TEXT`` element
becomes plain text (tags stripped, entities decoded), the gold TIMEX3 spans keep their exact
character offsets in that text, and the TIMEX3 with ``functionInDocument="CREATION_TIME"`` gives
the publication date. The creation-time timex sits outside ``TEXT`` and so is never gold.

Scores follow the TempEval-3 timex evaluation (UzZaman et al. 2013, ``TE3-evaluation.py``):

* **strict**: a system span matches a gold span only when both offsets are equal;
* **relaxed**: a system span matches a gold span when they overlap (one-to-one pairing);
* P = matched system timexes / system timexes, R = matched gold timexes / gold timexes;
* **value F1** and **type F1** are attribute F1s: the relaxed F1 times the share of relaxed-matched
  pairs whose attribute is equal (equivalently P = correct/system, R = correct/gold);
* **type accuracy** is that share for the type attribute.

The last printed line is one JSON object, so a quality gate can parse it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from storyline.records import Timex

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tempeval3" / "TBAQ-cleaned"
# Examples of each error class shown in the report: enough to see the pattern, short enough to read.
EXAMPLES_PER_CLASS = 3

_MONTH_RE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b\.?", re.I)
_WEEKDAY_RE = re.compile(r"\b(mon|tues?|wednes|thu(rs)?|fri|satur|sun)(day)?\b", re.I)
_NUMBER_WORD_RE = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|several|few|a|an)\b", re.I)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    published: dt.date | None
    gold: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class SystemTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str


def read_tml(path: Path) -> Document:
    """Plain text of the TEXT element with the gold TIMEX3 spans at exact offsets."""
    root = ET.parse(path).getroot()
    published: dt.date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            match = re.match(r"(\d{4})-(\d{2})-(\d{2})", timex.get("value", ""))
            if match:
                published = dt.date(*map(int, match.groups()))
            break
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no TEXT element")
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            gold.append(GoldTimex(start, length, "", element.get("type", ""), element.get("value", "")))

    walk(text_element)
    text = "".join(pieces)
    gold_with_text = tuple(
        GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value)
        for g in sorted(gold, key=lambda g: g.start))
    return Document(path.stem, text, published, gold_with_text)


_NLP: Any = None


def run_document(document: Document) -> tuple[SystemTimex, ...]:
    global _NLP
    from storyline.analyse.nlp import load_model
    from storyline.analyse.time import extract_timexes

    if _NLP is None:
        _NLP = load_model()
    doc = _NLP(document.text)
    return tuple(member for timex in extract_timexes(document.name, doc, document.published)
                 for member in timeml_members(timex))


# where a list or range of dates joins its members: "24 and 25", "9, 10 and 11", "10-13", "10 to 13"
# (not the comma before a year: "March 5, 1946")
_LIST_JOINT = re.compile(r",?\s+(?:and|or|to|through|until|till)\s+|,(?!\s*\d{4})\s*|\s*[-–—]\s*")


def timeml_members(timex: Timex) -> tuple[SystemTimex, ...]:
    """Storyline keeps "April 24 and 25" as one expression listing both days; TimeML gives each
    member its own TIMEX3 ("April 24", "25"). A list splits into one timex per day, a range
    ("10 to 13 January") into its two ends."""
    whole = SystemTimex(timex.start, timex.end, timex.text, timex.type, timex.value, timex.rule)
    if len(timex.values) < 2:
        return (whole,)
    cuts = [0, *(i for joint in _LIST_JOINT.finditer(timex.text) for i in joint.span()), len(timex.text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    if len(pieces) == len(timex.values):
        values = list(timex.values)
    elif len(pieces) == 2:
        values = [timex.values[0], timex.values[-1]]
    else:
        return (whole,)
    return tuple(
        SystemTimex(timex.start + a, timex.start + b, timex.text[a:b], timex.type, value, timex.rule)
        for (a, b), value in zip(pieces, values))


def shape(text: str) -> str:
    """An error class key: the expression with months, weekdays and numbers abstracted."""
    key = text.lower().strip()
    key = _MONTH_RE.sub("MONTH", key)
    key = _WEEKDAY_RE.sub("WEEKDAY", key)
    key = re.sub(r"\d+", "9", key)
    key = _NUMBER_WORD_RE.sub("N", key)
    return key


def pair(gold: Iterable[GoldTimex], system: Iterable[SystemTimex], *, strict: bool,
         ) -> list[tuple[GoldTimex, SystemTimex]]:
    """One-to-one pairs; relaxed pairing prefers the largest overlap."""
    used: set[int] = set()
    pairs: list[tuple[GoldTimex, SystemTimex]] = []
    system = list(system)
    for g in gold:
        best, best_overlap = -1, 0
        for index, s in enumerate(system):
            if index in used:
                continue
            if strict:
                if s.start == g.start and s.end == g.end:
                    best = index
                    break
            else:
                overlap = min(g.end, s.end) - max(g.start, s.start)
                if overlap > best_overlap:
                    best, best_overlap = index, overlap
        if best >= 0:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def prf(matched: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = matched / n_system if n_system else 0.0
    r = matched / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N files")
    parser.add_argument("--workers", type=int, default=1, help="processes (each loads spaCy)")
    parser.add_argument("--errors", type=int, default=12, help="error classes to list per kind")
    args = parser.parse_args(argv)

    files = sorted(args.data.rglob("*.tml"))
    if not files:
        print(f"no .tml files under {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    if args.limit:
        files = files[: args.limit]
    started = time.perf_counter()
    documents = [read_tml(path) for path in files]
    if args.workers > 1:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            outputs = list(pool.map(run_document, documents, chunksize=4))
    else:
        outputs = [run_document(document) for document in documents]
    elapsed = time.perf_counter() - started

    n_gold = n_system = strict_matched = relaxed_matched = value_ok = type_ok = 0
    by_type: dict[str, Counter[str]] = {}
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    boundary: Counter[str] = Counter()
    wrong_value: Counter[str] = Counter()
    wrong_type: Counter[str] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}

    def note(kind: str, counter: Counter[str], key: str, example: str) -> None:
        counter[key] += 1
        bucket = examples.setdefault((kind, key), [])
        if len(bucket) < EXAMPLES_PER_CLASS:
            bucket.append(example)

    for document, system in zip(documents, outputs):
        gold = document.gold
        n_gold += len(gold)
        n_system += len(system)
        strict_pairs = pair(gold, system, strict=True)
        relaxed_pairs = pair(gold, system, strict=False)
        strict_matched += len(strict_pairs)
        relaxed_matched += len(relaxed_pairs)
        strict_ids = {(g.start, g.end) for g, _ in strict_pairs}
        matched_gold = {(g.start, g.end) for g, _ in relaxed_pairs}
        matched_system = {(s.start, s.end) for _, s in relaxed_pairs}
        for g in gold:
            stats = by_type.setdefault(g.type, Counter())
            stats["gold"] += 1
        for g, s in relaxed_pairs:
            stats = by_type[g.type]
            stats["relaxed"] += 1
            if (g.start, g.end) in strict_ids:
                stats["strict"] += 1
            else:
                note("boundary", boundary, shape(g.text),
                     f"{document.name}: gold {g.text!r} system {s.text!r}")
            if g.value == s.value:
                value_ok += 1
                stats["value"] += 1
            else:
                note("value", wrong_value, shape(g.text),
                     f"{document.name} ({document.published}): {g.text!r} gold {g.value} system {s.value} [{s.rule}]")
            if g.type == s.type:
                type_ok += 1
            else:
                note("type", wrong_type, f"{g.type}->{s.type}", f"{document.name}: {g.text!r} ({g.value})")
        for g in gold:
            if (g.start, g.end) not in matched_gold:
                context = document.text[max(0, g.start - 30):g.end + 30].replace("\n", " ")
                note("missed", missed, shape(g.text), f"{document.name}: {g.text!r} ({g.type} {g.value}) …{context}…")
        for s in system:
            if (s.start, s.end) not in matched_system:
                context = document.text[max(0, s.start - 30):s.end + 30].replace("\n", " ")
                note("spurious", spurious, shape(s.text), f"{document.name}: {s.text!r} ({s.type} {s.value}) …{context}…")
                by_type.setdefault(s.type, Counter())["spurious"] += 1

    sp, sr, sf = prf(strict_matched, n_system, n_gold)
    rp, rr, rf = prf(relaxed_matched, n_system, n_gold)
    vp, vr, vf = prf(value_ok, n_system, n_gold)
    tp_, tr_, tf = prf(type_ok, n_system, n_gold)
    type_acc = type_ok / relaxed_matched if relaxed_matched else 0.0
    value_acc = value_ok / relaxed_matched if relaxed_matched else 0.0

    print(f"TempEval-3 Task A timex scores on {len(documents)} files from {args.data}")
    print(f"gold timexes {n_gold}, system timexes {n_system}, {elapsed:.1f} s\n")
    print(f"{'':10} {'P':>7} {'R':>7} {'F1':>7}")
    for name, (p, r, f) in (("strict", (sp, sr, sf)), ("relaxed", (rp, rr, rf)),
                            ("value", (vp, vr, vf)), ("type", (tp_, tr_, tf))):
        print(f"{name:10} {p:7.3f} {r:7.3f} {f:7.3f}")
    print(f"value accuracy over relaxed matches {value_acc:.3f}; type accuracy {type_acc:.3f}\n")
    print(f"{'type':10} {'gold':>6} {'relaxR':>7} {'strictR':>8} {'valAcc':>7} {'spurious':>9}")
    for name in sorted(by_type):
        stats = by_type[name]
        gold_count = stats["gold"]
        print(f"{name:10} {gold_count:6d} {stats['relaxed'] / gold_count if gold_count else 0:7.3f} "
              f"{stats['strict'] / gold_count if gold_count else 0:8.3f} "
              f"{stats['value'] / stats['relaxed'] if stats['relaxed'] else 0:7.3f} {stats['spurious']:9d}")
    for kind, counter in (("missed", missed), ("spurious", spurious), ("boundary", boundary),
                          ("value", wrong_value), ("type", wrong_type)):
        print(f"\nworst {kind} classes ({sum(counter.values())} in all):")
        for key, count in counter.most_common(args.errors):
            print(f"  {count:4d}  {key}")
            for example in examples[(kind, key)][:2]:
                print(f"          {example[:160]}")
    print(json.dumps({
        "files": len(documents), "gold": n_gold, "system": n_system,
        "strict_p": round(sp, 4), "strict_r": round(sr, 4), "strict_f1": round(sf, 4),
        "relaxed_p": round(rp, 4), "relaxed_r": round(rr, 4), "relaxed_f1": round(rf, 4),
        "value_p": round(vp, 4), "value_r": round(vr, 4), "value_f1": round(vf, 4),
        "type_f1": round(tf, 4), "type_acc": round(type_acc, 4), "value_acc": round(value_acc, 4),
        "seconds": round(elapsed, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
