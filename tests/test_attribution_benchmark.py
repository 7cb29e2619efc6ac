"""The attribution benchmark's reader convention, on invented text (the PolNeAR data is not needed)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from attribution import Gold, continuation_golds, quoted_positions, reader_units  # noqa: E402


def test_a_quote_interrupted_by_its_cue_is_two_quotes_for_a_reader() -> None:
    text = "“We will not give up,” Anna Varga said, “not this year and not next year.”"
    units = reader_units(text, [(0, len(text))])
    assert [text[a:b] for a, b in units] == ["“We will not give up,”", "“not this year and not next year.”"]


def test_reported_speech_with_a_quoted_fragment_stays_one() -> None:
    text = "Anna Varga said the plan was “a disaster” and that the council would “think again” about it soon."
    assert reader_units(text, [(0, len(text))]) == [(0, len(text))]


def test_a_whole_quoted_paragraph_after_a_sourced_quotation_is_a_continuation() -> None:
    text = "“We will not give up,” Anna Varga said.\n\n“Especially not now.”\n\n“Never.”\n\nThe vote is on Monday.\n\n“Later.”"
    source = (text.index("Anna"), text.index(" said"))
    gold = [Gold(((0, text.index(" Anna")),), source, None, "")]
    added = continuation_golds(text, gold, quoted_positions(text))
    assert [text[g.content[0][0]:g.content[0][1]] for g in added] == ["“Especially not now.”", "“Never.”"]
    assert all(g.source == source for g in added)


def test_a_resolved_name_matches_the_name_in_the_gold_source() -> None:
    from attribution import names_match
    assert names_match("Jens Stoltenberg", "Stoltenberg")
    assert names_match("David Perdue", "Sen. David Perdue (R-Ga.)")
    assert not names_match("Anna Varga", "Tomas Berg")
    assert not names_match(None, "Tomas Berg")
