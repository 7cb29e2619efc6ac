"""Score main-text extraction on the article-extraction benchmark (scrapinghub, 181 pages).

Scoring follows the benchmark's own evaluation method: texts are tokenised as ``\\w+`` runs
(case kept), turned into 4-gram shingles with multiplicity, and per page TP/FP/FN are counted
between predicted and gold ``articleBody`` shingles and normalised to sum 1 (so long pages do not
weigh more). Precision is the mean over pages that predicted something, recall the mean over
pages with a gold body, and F1 is the harmonic mean of those two means.

Two figures:

- ``html``: each ``html/<id>.html.gz`` (raw bytes, encoding detected by trafilatura) through
  :func:`storyline.clean.html.extract_html`.
- ``text``: the benchmark's ``output/html-text.json`` (each page's visible text flattened to
  lines) through :func:`storyline.clean.plaintext.clean_plain_text`. The cleaner is given the
  first non-blank line as ``title``: that line is the page's ``<title>`` as the flattening wrote
  it, i.e. something derived from the input alone, exactly like the corpus seeds whose first
  line is the headline. Nothing else (no URL, no markup) is passed.

Baselines printed for comparison: the raw html-text, the stored ``output/trafilatura.json``
and trafilatura's published figure. The last line printed is one JSON object.

Run from the project root::

    .venv/bin/python benchmarks/extraction.py [--data DIR] [--worst N] [--only text|html]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "eval" / "article-extraction-benchmark"
# trafilatura's own published F1 on this benchmark (README of trafilatura's evaluation).
TRAFILATURA_PUBLISHED_F1 = 0.958
# The benchmark's shingle size.
NGRAM = 4

_TOKEN = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # Like the benchmark: a text shorter than n tokens still yields its one (short) shingle.
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def match_counts(true: str, pred: str) -> Counts:
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summarise(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def page_f1(c: Counts) -> float:
    p, r = _precision(*c), _recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


# --- systems ----------------------------------------------------------------------------------


def _html_one(args: tuple[Path, str | None]) -> str:
    from storyline.clean.html import ExtractionError, extract_html

    path, url = args
    data = gzip.decompress(path.read_bytes())
    try:
        return extract_html(data, url=url).text
    except ExtractionError:
        return ""


def run_html(data_dir: Path, gold: dict[str, dict], workers: int) -> dict[str, str]:
    keys = sorted(gold)
    jobs = [(data_dir / "html" / f"{key}.html.gz", gold[key].get("url")) for key in keys]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        texts = list(pool.map(_html_one, jobs, chunksize=4))
    return dict(zip(keys, texts, strict=True))


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def run_text(pages: dict[str, str]) -> dict[str, str]:
    from storyline.clean.plaintext import clean_plain_text

    return {key: clean_plain_text(text, title=first_line(text)).text for key, text in pages.items()}


# --- report -----------------------------------------------------------------------------------


def score(gold: dict[str, dict], predicted: dict[str, str]) -> tuple[dict[str, float], dict[str, Counts]]:
    per_page = {k: match_counts(gold[k].get("articleBody", ""), predicted.get(k, "")) for k in gold}
    return summarise(list(per_page.values())), per_page


def _load(path: Path) -> dict:
    with path.open(encoding="utf8") as handle:
        return json.load(handle)


def _bodies(output_json: dict) -> dict[str, str]:
    items = output_json.get("output", output_json)
    return {key: (value or {}).get("articleBody", "") or "" for key, value in items.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--worst", type=int, default=0, help="print the N worst pages per system")
    parser.add_argument("--only", choices=("html", "text"), help="run one system only")
    parser.add_argument("--workers", type=int, default=2, help="processes for HTML extraction")
    args = parser.parse_args(argv)

    data_dir: Path = args.data.resolve()
    gold = _load(data_dir / "ground-truth.json")
    raw_text = _bodies(_load(data_dir / "output" / "html-text.json"))
    rows: list[tuple[str, dict[str, float], float]] = []
    results: dict[str, dict[str, float]] = {}
    per_system: dict[str, dict[str, Counts]] = {}

    for name, stored in (("html-text (raw input)", raw_text),
                         ("trafilatura.json (stored)", _bodies(_load(data_dir / "output" / "trafilatura.json")))):
        metrics, _ = score(gold, stored)
        rows.append((name, metrics, 0.0))

    if args.only in (None, "html"):
        began = time.perf_counter()
        html_out = run_html(data_dir, gold, args.workers)
        elapsed = time.perf_counter() - began
        metrics, per_page = score(gold, html_out)
        rows.append(("storyline extract_html (HTML)", metrics, elapsed))
        results["html"], per_system["html"] = metrics, per_page

    if args.only in (None, "text"):
        began = time.perf_counter()
        text_out = run_text(raw_text)
        elapsed = time.perf_counter() - began
        metrics, per_page = score(gold, text_out)
        rows.append(("storyline clean_plain_text (text)", metrics, elapsed))
        results["text"], per_system["text"] = metrics, per_page

    print(f"{'system':<36} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8}")
    for name, metrics, elapsed in rows:
        print(f"{name:<36} {metrics['precision']:9.3f} {metrics['recall']:7.3f} "
              f"{metrics['f1']:7.3f} {elapsed:8.1f}")
    print(f"{'trafilatura (published)':<36} {'':>9} {'':>7} {TRAFILATURA_PUBLISHED_F1:7.3f}")

    for system, per_page in per_system.items():
        if args.worst <= 0:
            continue
        print(f"\nworst {args.worst} pages for {system}:")
        for key, counts in sorted(per_page.items(), key=lambda kv: page_f1(kv[1]))[: args.worst]:
            print(f"  F1={page_f1(counts):.3f} P={_precision(*counts):.3f} R={_recall(*counts):.3f} "
                  f"{key[:12]} {gold[key].get('url', '')}")

    summary: dict[str, float | None] = {}
    for system in ("html", "text"):
        metrics = results.get(system)
        for field in ("f1", "precision", "recall"):
            summary[f"{system}_{field}"] = round(metrics[field], 4) if metrics else None
    summary["pages"] = len(gold)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
