"""Near-copies and stories: invented articles, the same result whatever order they arrive in."""

from __future__ import annotations

import json
import random
from pathlib import Path

from storyline.link.copies import canonical_copies, find_copies, new_pairs, overlap, shingles, signature
from storyline.link.stories import StoryInput, cluster_stories, describe_stories
from storyline.records import Copy, Story
from storyline.store import Store

WIRE = [
    "The council of Korvath voted on Tuesday to reopen the river bridge after two years of repairs that closed "
    "the main road between the old town and the harbour.",
    "Mayor Ilsa Brandvold said the first cars would cross in May, once the engineers had tested the new deck "
    "under a full load of lorries and buses.",
    "Shopkeepers on both banks said the closure had cut their trade by half, and several of them welcomed the "
    "vote with a toast outside the town hall.",
    "The repairs cost eleven million crowns, a third more than planned, and the opposition asked for an "
    "inquiry into the contracts awarded by the previous council.",
]
ORIGINAL = "\n\n".join(WIRE)
CHROME = "Korvath Courier | Local news | Subscribe now\n\n" + ORIGINAL + "\n\nShare this article. Comments (12)"
TRIMMED = "\n\n".join(WIRE[:2])
EXTENDED = ORIGINAL + ("\n\n“We waited long enough,” said Piet Alvarsen, who runs the bakery at the north end of "
                       "the bridge and has lost most of his morning customers.")
OTHER = ("A fire destroyed a warehouse in the harbour of Korvath on Tuesday night; the council said nobody was "
         "hurt and that the cause was not yet known. Firefighters from three towns fought the flames until "
         "dawn, and the road to the harbour stayed closed all morning while the mayor visited the site.")


def test_a_copy_with_other_chrome_is_found_with_its_similarity() -> None:
    (copy,) = find_copies([("a", "2021-04-08", ORIGINAL), ("b", "2021-04-09", CHROME), ("c", "2021-04-09", OTHER)])
    assert (copy.doc, copy.canonical) == ("b", "a")
    assert copy.similarity == 1.0  # every shingle of the original is in the copy with chrome
    assert overlap(shingles(ORIGINAL), shingles(OTHER)) < 0.1


def test_trimmed_and_extended_versions_are_copies_of_the_earliest() -> None:
    docs = [("late-trim", "2021-04-12", TRIMMED), ("ext", "2021-04-10", EXTENDED), ("first", "2021-04-08", ORIGINAL)]
    found = {c.doc: c for c in find_copies(docs)}
    assert {doc: c.canonical for doc, c in found.items()} == {"ext": "first", "late-trim": "first"}
    assert found["late-trim"].similarity == 1.0  # all of the trimmed text is in the original
    assert 0.8 <= found["ext"].similarity < 1.0 or found["ext"].similarity == 1.0
    # Jaccard would not call the trimmed version a copy: it holds half of the original's shingles
    small, large = shingles(TRIMMED), shingles(ORIGINAL)
    assert len(set(small) & set(large)) / len(set(small) | set(large)) < 0.6


def test_the_canonical_copy_is_the_earliest_then_the_smallest_id_and_undated_comes_last() -> None:
    found = find_copies([("z", None, ORIGINAL), ("m", "2021-04-09", CHROME), ("b", "2021-04-09", EXTENDED)])
    assert {c.doc: c.canonical for c in found} == {"m": "b", "z": "b"}


def test_copies_do_not_depend_on_the_order_documents_arrive_in() -> None:
    docs = [("a", "2021-04-08", ORIGINAL), ("b", "2021-04-09", CHROME), ("c", "2021-04-10", TRIMMED),
            ("d", None, EXTENDED), ("e", "2021-04-09", OTHER)]
    expected = find_copies(docs)
    for seed in range(5):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert find_copies(shuffled) == expected


def test_copies_found_batch_by_batch_equal_copies_found_at_once() -> None:
    # Each batch is compared with the signatures kept from the batches before, as a build into an
    # existing store does; the pairs found add up to those of one pass over everything.
    docs = [("a", "2021-04-08", ORIGINAL), ("b", "2021-04-09", CHROME), ("c", "2021-04-10", TRIMMED),
            ("d", None, EXTENDED), ("e", "2021-04-09", OTHER), ("f", "2021-04-07", "Too short to compare.")]
    texts = {doc: text for doc, _, text in docs}
    dates = {doc: published for doc, published, _ in docs}
    for batches in ([docs[3:], docs[:3]], [docs[:1], docs[1:2], docs[2:]], [docs[::2], docs[1::2]]):
        known: dict[str, bytes | None] = {}
        pairs: list[tuple[str, str, float]] = []
        for batch in batches:
            new = {doc: signature(shingles(text)) for doc, _, text in batch}
            pairs += new_pairs(new, known, lambda doc: shingles(texts[doc]))
            known.update(new)
        assert known["f"] is None  # kept as compared, never a candidate
        assert canonical_copies(pairs, dates) == find_copies(docs)
    assert {c.doc for c in find_copies(docs)} == {"b", "c", "d"}


def _quake(i: int, day: str, town: str, victim: str) -> StoryInput:
    text = (f"A strong earthquake struck near {town} on the coast of Velmoria, killing at least {3 + i} people. "
            f"Rescue teams searched collapsed houses in {town} through the night, and {victim}, the regional "
            f"governor, said the quake had destroyed the old harbour wall. Aftershocks shook {town} again.")
    return StoryInput(f"{town[:2].lower()}{i}", day, f"Earthquake hits {town}", text, "Velmoria Times",
                      ("velmoria", town.lower(), victim.lower()))


EVENTS = ([_quake(i, f"2021-03-0{1 + i}", "Ostrel", "Mara Quint") for i in range(4)]
          + [_quake(i, f"2021-08-1{i}", "Ostrel", "Mara Quint") for i in range(4, 8)])
# Other news of the same months, so that word weights mean what they mean in a real corpus.
TOPICS = ["the football league final in Brask", "a strike at the Dunmoor steel works", "the opening of a new museum",
          "a drought that ruined the wheat harvest", "an election for the mayor of Tarvik", "a new railway timetable",
          "the price of bread at the markets", "a famous violinist touring the northern cities"]
BACKGROUND = [StoryInput(f"bg{i}", f"2021-0{3 + i % 6}-2{i % 8}", f"News about {topic}",
                         f"Reporters wrote about {topic} this week. " * 3, "Tarvik Daily", ())
              for i, topic in enumerate(TOPICS)]


def test_two_events_of_one_kind_with_the_same_actors_months_apart_are_two_stories() -> None:
    stories = [s for s in cluster_stories(EVENTS + BACKGROUND) if s[0].startswith("os")]
    assert stories == [[d.id for d in EVENTS[:4]], [d.id for d in EVENTS[4:]]]


def test_stories_do_not_depend_on_the_order_documents_arrive_in() -> None:
    docs = EVENTS + BACKGROUND + [StoryInput("fire", "2021-03-02", "Warehouse fire", OTHER, "Korvath Courier",
                                             ("korvath",))]
    expected = cluster_stories(docs)
    for seed in range(5):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled) == expected


def test_a_story_is_named_dated_and_counts_its_copies() -> None:
    docs = EVENTS[:4] + [StoryInput("copy", "2021-03-09", "Quake copy", EVENTS[0].text, "Other Post")]
    (group,) = [g for g in cluster_stories(EVENTS[:4] + BACKGROUND) if g[0].startswith("os")]
    (story,) = describe_stories([group], docs, {"copy": EVENTS[0].id}, {"ostrel": "Ostrel"})
    assert story.id == f"story-{EVENTS[0].id}"
    assert (story.first, story.last, story.size) == ("2021-03-01", "2021-03-09", 5)
    assert story.title == "Earthquake hits Ostrel" and story.outlets == ("Other Post", "Velmoria Times")
    assert set(story.actors) == {"velmoria", "ostrel", "mara quint"}



def test_a_story_s_actors_are_those_most_articles_name_then_the_most_mentioned() -> None:
    # One article: every actor ties on articles, so the one it names most leads, not the alphabet.
    lone = StoryInput("lone", "2021-04-02", "Harbour talks", "Talks in Vell.", "Velmoria Times",
                      ("aldo brin", "vell", "vell", "vell", "castavia", "castavia"))
    (story,) = describe_stories([["lone"]], [lone], {}, {"vell": "Vell", "aldo brin": "Aldo Brin", "castavia": "Castavia"})
    assert story.actors == ("vell", "castavia", "aldo brin")
    # Two articles: the actor both name comes first, however often one of them names another.
    other = StoryInput("other", "2021-04-03", "Harbour talks go on", "Aldo Brin again.", "Velmoria Times", ("aldo brin",))
    (story,) = describe_stories([["lone", "other"]], [lone, other], {}, {})
    assert story.actors[0] == "aldo brin"

def test_the_store_keeps_copies_and_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        assert store.schema_version >= 7
        with store.transaction():
            for doc in ("a", "b", "c"):
                store.connection.execute("INSERT INTO documents (id, source, format, text) VALUES (?, ?, 'text', ?)",
                                         (doc, f"{doc}.txt", doc))
            store.replace_copies([Copy("b", "a", 0.93)])
            store.replace_stories([Story("story-a", "Bridge to reopen", "2021-04-08", "2021-04-09", ("a", "b"),
                                         ("Korvath Courier",)), Story("story-c", "Fire", None, None, ("c",))])
        assert store.copies() == [Copy("b", "a", 0.93)]
        assert [s.id for s in store.stories()] == ["story-a", "story-c"]
        assert store.story("a").docs == ("a", "b") and store.story("story-c").title == "Fire"
        assert store.story_of() == {"a": "story-a", "b": "story-a", "c": "story-c"}
        with store.transaction():
            store.replace_copies([])
        assert store.copies() == []
        assert json.loads(store.connection.execute("SELECT outlets FROM stories WHERE id = 'story-a'").fetchone()[0]) \
            == ["Korvath Courier"]


def test_an_unknown_gap_is_discounted_as_neither_none_nor_far() -> None:
    import numpy as np

    from storyline.link.stories import StoryParams, _discount

    p = StoryParams(decay_days=10.0, undated_discount=0.7)
    first, last = np.array([100.0, 130.0, np.nan]), np.array([110.0, 140.0, np.nan])
    found = _discount(105.0, 105.0, first, last, p)  # inside the first span, 25 days before the second
    assert np.allclose(found, [1.0, np.exp(-2.5), 0.7])
    assert np.allclose(_discount(np.nan, np.nan, first, last, p), [0.7, 0.7, 0.7])


def test_refining_keeps_stories_independent_of_arrival_order() -> None:
    from storyline.link.stories import StoryParams

    docs = [StoryInput(f"q{i}", f"2021-03-0{i + 1}", "Quake hits Korvath", f"A quake hit Korvath; report {i}.")
            for i in range(4)]
    docs += [StoryInput(f"f{i}", f"2021-03-0{i + 2}", "Flood in Velmar", f"The river flooded Velmar; note {i}.")
             for i in range(4)]
    params = StoryParams(join_threshold=0.1, refine_passes=3)
    expected = cluster_stories(docs, params)
    assert sorted(map(sorted, expected)) == [[f"f{i}" for i in range(4)], [f"q{i}" for i in range(4)]]
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled, params) == expected
