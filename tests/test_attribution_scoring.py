"""The attribution benchmark's scorer, on a hand-written text: the figures in docs rest on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmark_scripts import load_benchmark

TEXT = "Mara Velt said the bridge would reopen. The council denied it, Ivo Brandt wrote."

bench = load_benchmark("attribution")


def span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def gold(content: str, source: str | None) -> object:
    return bench.Gold((span(content),), span(source) if source else None, None, "")


VELT = gold("the bridge would reopen", "Mara Velt")
COUNCIL = gold("The council denied it", "Ivo Brandt")


def test_an_annotation_scored_against_itself_agrees_fully() -> None:
    counts = Counter()
    bench.score(TEXT, [VELT, COUNCIL], [bench.Claim.of_gold(TEXT, g) for g in (VELT, COUNCIL)], counts)
    assert all(f == 1.0 for _, _, f in bench.measures(counts).values())


def test_a_wrong_source_costs_the_attribution_but_not_the_content() -> None:
    counts = Counter()
    wrong_source = bench.Gold(VELT.content, span("Ivo Brandt"), None, "")
    bench.score(TEXT, [VELT], [bench.Claim.of_gold(TEXT, wrong_source)], counts)
    figures = bench.measures(counts)
    assert figures["content overlap"][2] == 1.0
    assert figures["attribution"][2] == 0.0


def test_the_majority_keeps_what_more_than_half_the_annotators_marked_once() -> None:
    shorter = gold("the bridge would reopen", "Velt")
    annotators = {Path("a"): [VELT, COUNCIL], Path("b"): [shorter], Path("c"): [VELT]}
    kept = bench.majority(TEXT, annotators)
    assert kept == [VELT]


def test_boundaries_bucket_what_lies_between_the_edges() -> None:
    text = "Mara Velt, the mayor, said that the bridge would reopen, though not soon."
    start = text.index("the bridge")
    g = bench.Gold(((start, text.index(", though")),), (0, 9), (22, 26), "")
    with_that = bench.Claim(((text.index("that"), len(text)),), (0, 20))
    buckets = {b for _, b, _ in bench.boundary_differences(text, g, with_that, [g])}
    assert buckets == {"start, pred longer: “that” only", "end, pred longer: trailing clause",
                       "end, pred longer: apposition or clause after the name"}
    with_cue = bench.Claim(((text.index("said"), text.index(", though") + 1),), (0, 9))
    buckets = {b for _, b, _ in bench.boundary_differences(text, g, with_cue, [g])}
    assert buckets == {"start, pred longer: its own cue or source", "end, pred longer: punctuation only"}
