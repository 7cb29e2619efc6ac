"""SharedReads: a store whose reads are each made once within a page (storyline.store.shared)."""

from __future__ import annotations

from pathlib import Path

from storyline.link.briefing import brief
from storyline.link.timeline import kept_timeline
from storyline.store import Store
from storyline.store.shared import SharedReads


class Counting:
    """A store that counts the statements its connection runs."""

    def __init__(self, store: Store) -> None:
        self.statements = 0
        store.connection.set_trace_callback(lambda _: self.count())

    def count(self) -> None:
        self.statements += 1


def test_a_read_asked_twice_is_made_once_and_each_asker_gets_its_own_copy(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store, store.snapshot():
        story = store.stories(limit=1)[0]
        counting = Counting(store)
        reads = SharedReads(store)
        first = reads.timeline(include_filtered=True, story=story.id)
        made = counting.statements
        second = reads.timeline(include_filtered=True, story=story.id)
        assert counting.statements == made and second == first and second is not first
        second.clear()  # the next asker's answer is whole
        assert reads.timeline(include_filtered=True, story=story.id) == first
        assert reads.publications(docs={story.docs[0]}) == reads.publications(docs=[story.docs[0]])
        assert reads.timeline(story=story.id) != [] and counting.statements > made  # other arguments: read


def test_a_storys_reads_shared_answer_as_the_store_does_with_fewer_statements(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store, store.snapshot():
        story = max(store.stories(), key=lambda s: s.size)
        counting = Counting(store)
        alone = (kept_timeline(store, top=5, per_day=2, story=story.id), brief(store, story=story.id, sentences=6))
        unshared, counting.statements = counting.statements, 0
        reads = SharedReads(store)
        shared = (kept_timeline(reads, top=5, per_day=2, story=story.id),  # type: ignore[arg-type]
                  brief(reads, story=story.id, sentences=6))  # type: ignore[arg-type]
        assert shared == alone and counting.statements < unshared
