"""Typed, immutable records that flow through the pipeline.

An input item becomes a :class:`RawDocument` (ingest), then an :class:`Article` that each stage
extends with what it produces (clean text, metadata, sentences, entity mentions). Every extracted
fact carries its provenance: the document id and character offsets into the article's clean
``text``. Corpus-level linking turns mentions into canonical :class:`Actor` records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

InputFormat = Literal["text", "html", "record"]
DateBasis = Literal["given", "metadata", "dateline", "inferred"]


def content_id(fmt: str, content: str) -> str:
    """A document's identity is its content: the same article read twice is stored once."""
    digest = hashlib.sha256(f"{fmt}\0{content}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input item as read: decoded content plus the metadata its container gave."""

    source: str  # "path" or "path:line" for one line of a JSONL file
    format: InputFormat
    content: str  # decoded page, scraped text, or the record's article text
    fields: Mapping[str, Any] = field(default_factory=dict)  # given metadata (url, outlet, ...)

    @property
    def id(self) -> str:
        return content_id(self.format, self.content)


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span the cleaner dropped from the raw input, and why.

    Offsets index the raw input (``RawDocument.content`` for text; the extracted page text for
    HTML), because removed text is by definition absent from the clean text.
    """

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity mention with its offsets into the clean text of document ``doc``.

    ``role`` is a title or role written next to the name ("NATO Secretary General" before
    "Jens Stoltenberg"), with its own offsets, when the text gives one.
    """

    doc: str
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    sentence: int  # index into the article's sentences
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None


@dataclass(frozen=True, slots=True)
class AliasLink:
    """Why a surface form was linked to an actor: the evidence a reader can check."""

    alias: str
    rule: str  # e.g. "exact", "surname", "acronym", "misspelling"
    evidence: str  # human-readable: "edit distance 2 from 'Stoltenberg', same label"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of the corpus: one person, organisation or place across all articles."""

    id: str
    name: str
    label: str
    aliases: tuple[AliasLink, ...]
    mentions: tuple[EntityMention, ...]
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An item that could not be processed: where it came from, which stage, and why."""

    source: str
    stage: str
    reason: str
    code: str
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The record a pipeline run builds up, one stage at a time.

    Stages never mutate an article; they return ``dataclasses.replace(article, ...)`` with the
    fields they assign. ``parsed`` holds the spaCy ``Doc`` for stages later in the same run; it
    is never stored.
    """

    raw: RawDocument
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD)
    published_basis: DateBasis | None = None
    text: str | None = None
    removed: tuple[RemovedSpan, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    parsed: Any = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.raw.id

    @property
    def source(self) -> str:
        return self.raw.source
