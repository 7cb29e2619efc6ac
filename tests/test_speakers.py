"""Golden end-to-end: the seeds' quotes attributed to canonical speakers across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.records import Quote
from storyline.store import Store


@pytest.fixture(scope="module")
def quotes(seeds_db: Path) -> list[tuple[Quote, str | None]]:
    with Store.open(seeds_db) as store:
        names = {a.id: a.name for a in store.actors()}
        return [(q, names.get(q.actor or "")) for q in store.quotes()]


def speaker_of(quotes: list[tuple[Quote, str | None]], fragment: str, kind: str | None = None) -> str | None:
    found = [(q, name) for q, name in quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert found, f"no quote containing {fragment!r}"
    return found[0][1]


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("Therefore, we call on Russia to conduct negotiations in good faith", "Jens Stoltenberg"),  # "he added"
        ("It is still too early to say", "Jen Psaki"),
        ("NATO’s relationship with Ukraine is an issue", "Jen Psaki"),  # "she added"
        ("I intend to convey to our partners", "Olha Stefanishyna"),  # "– she said"
        ("We continue to provide support for Ukraine", "Jens Stoltenberg"),  # "– Stoltenberg said"
        ("Dialogue does not mean making concessions", "Emmanuel Macron"),
        ("We must also be prepared for the possibility that diplomacy will fail", "Jens Stoltenberg"),
        ("The situation has reached a critical point", "Dmitry Peskov"),
    ],
)
def test_direct_quotes_have_their_canonical_speaker(quotes, fragment: str, speaker: str) -> None:
    assert speaker_of(quotes, fragment) == speaker


def test_misspelt_speaker_of_indirect_quote_is_the_canonical_actor(quotes) -> None:
    (quote, name), *_ = [(q, n) for q, n in quotes if "reflected Moscow’s credibility" in q.text]
    assert quote.kind == "indirect" and quote.speaker is not None and quote.speaker.text == "Stoltberg"
    assert name == "Jens Stoltenberg"


def test_mixed_quote_and_evidence_offsets(quotes, seeds_db: Path) -> None:
    assert any(q.kind == "mixed" and "in good faith and on substance" in q.text for q, _ in quotes)
    with Store.open(seeds_db) as store:
        texts = {d.id: d.text for d in store.documents()}
    for quote, _ in quotes:
        text = texts[quote.doc]
        assert text[quote.start:quote.end] == quote.text
        for span in (quote.cue, quote.speaker, quote.speaker_ref):
            if span is not None:
                assert text[span.start:span.end] == span.text
        assert 0.0 <= quote.confidence <= 1.0
