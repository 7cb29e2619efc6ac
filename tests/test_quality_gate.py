"""Quality gate: the plain-text cleaner must not fall below its measured floor.

The figure comes from benchmarks/extraction.py on the article-extraction benchmark's flattened
pages (measured 0.926 F1 when this gate was set; docs/benchmarks.md). A change that costs more
than the margin fails here instead of silently in the next benchmark run. Only the plain-text
half runs here: it takes seconds; the HTML half (trafilatura) is left to the benchmark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "article-extraction-benchmark"
TEXT_F1_FLOOR = 0.91


@pytest.mark.skipif(not DATA.exists(), reason="the shared evaluation data is not beside the project")
def test_plain_text_cleaner_stays_above_its_floor() -> None:
    bench = load_benchmark("extraction")
    gold = bench._load(DATA / "ground-truth.json")
    pages = bench._bodies(bench._load(DATA / "output" / "html-text.json"))
    figures, _ = bench.score(gold, bench.run_text(pages))
    assert figures["f1"] >= TEXT_F1_FLOOR, figures
