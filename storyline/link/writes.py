"""The writes the corpus steps ask for; only the runner (storyline.link.runner) applies them.

Each is a small record of one change to the store, so a step states what it changed without
touching the store itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from storyline.records import Actor, Event, Issue, Placement, Position, Publication, TimelineEntry, Timex
from storyline.store import Store


@dataclass(frozen=True)
class SetCanonicalPublication:
    """A document speaks with this publication: its source, title, outlet, URL and metadata."""

    doc: str
    publication: Publication

    def apply(self, store: Store) -> None:
        store.set_canonical_publication(self.doc, self.publication)


@dataclass(frozen=True)
class SetPublished:
    doc: str
    published: str | None
    basis: str | None
    confidence: float | None = None
    evidence: str | None = None

    def apply(self, store: Store) -> None:
        store.set_published(self.doc, self.published, self.basis, confidence=self.confidence, evidence=self.evidence)


@dataclass(frozen=True)
class ReplaceDatedAnalysis:
    doc: str
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]

    def apply(self, store: Store) -> None:
        store.replace_dated_analysis(self.doc, self.timexes, self.events)


@dataclass(frozen=True)
class SetUndatedAnalysis:
    doc: str
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]

    def apply(self, store: Store) -> None:
        store.set_undated_analysis(self.doc, self.timexes, self.events)


@dataclass(frozen=True)
class UpdateActors:
    """The actors a relink changed (with their digests) and the ids it no longer finds."""

    changed: tuple[tuple[Actor, str], ...]
    removed: tuple[str, ...]

    def apply(self, store: Store) -> None:
        store.update_actors(self.changed, self.removed)


@dataclass(frozen=True)
class SetQuoteActors:
    rows: tuple[tuple[int, str | None], ...]

    def apply(self, store: Store) -> None:
        store.set_quote_actors(self.rows)


@dataclass(frozen=True)
class SetEventActors:
    rows: tuple[tuple[int, str | None, str | None], ...]

    def apply(self, store: Store) -> None:
        store.set_event_actors(self.rows)


@dataclass(frozen=True)
class ReplaceTimeline:
    entries: tuple[tuple[TimelineEntry, tuple[int, ...]], ...]

    def apply(self, store: Store) -> None:
        store.replace_timeline(self.entries)


@dataclass(frozen=True)
class ReplaceCopies:
    copies: tuple[Copy, ...]

    def apply(self, store: Store) -> None:
        store.replace_copies(self.copies)


@dataclass(frozen=True)
class AddCopySignatures:
    signatures: tuple[tuple[str, bytes | None], ...]

    def apply(self, store: Store) -> None:
        store.add_copy_signatures(self.signatures)


@dataclass(frozen=True)
class AddCopyPairs:
    pairs: tuple[tuple[str, str, float], ...]

    def apply(self, store: Store) -> None:
        store.add_copy_pairs(self.pairs)


@dataclass(frozen=True)
class ReplaceStories:
    """The stored stories: all of them, or (``replacing``) only the stories of those ids."""

    stories: tuple[Story, ...]
    replacing: frozenset[str] | None = None

    def apply(self, store: Store) -> None:
        store.replace_stories(self.stories, self.replacing)


@dataclass(frozen=True)
class ReplaceStoryVocabulary:
    """The stories step's document frequencies, counted afresh over ``docs``."""

    df: Mapping[str, int]
    docs: frozenset[str]

    def apply(self, store: Store) -> None:
        store.replace_story_vocabulary(self.df, self.docs)


@dataclass(frozen=True)
class UpdateStoryVocabulary:
    """The stories step's document frequencies, with documents counted in and out."""

    added: Mapping[str, int]
    removed: Mapping[str, int]
    counted: frozenset[str]
    uncounted: frozenset[str]

    def apply(self, store: Store) -> None:
        store.update_story_vocabulary(self.added, self.removed, self.counted, self.uncounted)


@dataclass(frozen=True)
class ReplaceIssues:
    """The stored issues: all of them, or with ``induced`` only the induced or the given ones."""

    issues: tuple[Issue, ...]
    induced: bool | None = None

    def apply(self, store: Store) -> None:
        store.replace_issues(self.issues, induced=self.induced)


@dataclass(frozen=True)
class ReplacePositions:
    positions: tuple[Position, ...]

    def apply(self, store: Store) -> None:
        store.replace_positions(self.positions)


@dataclass(frozen=True)
class UpdateTimeline:
    """The timeline entries a merge changed: those it no longer finds and those it wrote again."""

    removed: tuple[str, ...]
    added: tuple[tuple[TimelineEntry, tuple[int, ...]], ...]

    def apply(self, store: Store) -> None:
        store.update_timeline(self.removed, self.added)


@dataclass(frozen=True)
class ReplaceTimelinePlacements:
    """Where the merge put the events of ``docs`` (None: of every document)."""

    docs: tuple[str, ...] | None
    placements: tuple[tuple[int, Placement], ...]

    def apply(self, store: Store) -> None:
        store.replace_timeline_placements(self.docs, self.placements)


@dataclass(frozen=True)
class SetCorpusState:
    key: str
    value: str

    def apply(self, store: Store) -> None:
        store.set_corpus_state(self.key, self.value)


@dataclass(frozen=True)
class UpdateIssues:
    """The issues a run no longer finds, dropped, and those it changed or found, written (each
    takes its stored positions with it)."""

    removed: tuple[str, ...]
    changed: tuple[Issue, ...]

    def apply(self, store: Store) -> None:
        store.update_issues(self.removed, self.changed)


@dataclass(frozen=True)
class ReplacePositionsOf:
    """The positions of ``docs`` and of the issues just written again, replacing theirs; every
    other position stays."""

    docs: tuple[str, ...]
    positions: tuple[Position, ...]

    def apply(self, store: Store) -> None:
        store.replace_positions_of(self.docs, self.positions)
