"""The parsed text the rules read: its sentences, and the span or token at character offsets.

Made once per document: ``Token.sent`` re-walks the doc, so the sentences are listed here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Document:
    doc: Doc
    text: str
    sentence_starts: list[int]
    sentence_ends: frozenset[int]
    sentences: list[Span]

    @classmethod
    def of(cls, doc: Doc) -> Document:
        # a pipeline without parser or sentencizer still gets timexes, all in sentence 0 and
        # with directions left to the defaults
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else []
        return cls(doc, doc.text, [sentence.start_char for sentence in sentences] or [0],
                   frozenset(sentence.end_char for sentence in sentences), sentences)

    def sentence(self, start: int) -> int:
        """The index of the sentence that character ``start`` is in."""
        return max(0, bisect_right(self.sentence_starts, start) - 1)

    def sentence_span(self, start: int, token: Token) -> Span:
        """The sentence at ``start`` (``token``'s own when the doc has no sentence boundaries)."""
        return self.sentences[self.sentence(start)] if self.sentences else token.sent

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def token(self, start: int, end: int) -> Token | None:
        span = self.span(start, end)
        return span.root if span is not None and len(span) else None
