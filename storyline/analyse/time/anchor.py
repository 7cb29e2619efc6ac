"""What a rule resolves an expression against: the publication date (the document creation time,
"DCT"), the story's time so far, and the direction the tense gives, over the parsed text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyse.time import direction as _direction
from storyline.analyse.time.document import Document
from storyline.analyse.time.story import REFERENCE_SENTENCES, StoryTime


@dataclass(frozen=True, slots=True)
class Anchor:
    document: Document
    dct: dt.date | None  # the publication date; None: relative expressions stay underspecified
    story: StoryTime

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def doc(self) -> Doc:
        return self.document.doc

    def sentence(self, start: int) -> int:
        return self.document.sentence(start)

    def span(self, start: int, end: int) -> Span | None:
        return self.document.span(start, end)

    def token(self, start: int, end: int) -> Token | None:
        return self.document.token(start, end)

    def direction(self, start: int, end: int) -> int:
        """-1 when ``text[start:end]`` lies in the past of the publication date by its tense,
        +1 in the future, 0 when the text does not say (:mod:`~storyline.analyse.time.direction`)."""
        return _direction.direction(self.document, start, end)

    def reference_date(self, precision: str, start: int, reach: int = REFERENCE_SENTENCES,
                       ) -> dt.date | None:
        """The story's date at ``start``, when at least as precise as ``precision``."""
        return self.story.reference_date(precision, self.sentence(start), reach)

    def quarter_near(self, start: int) -> tuple[int, int] | None:
        """The quarter the report is about at ``start``, when named in the last sentences."""
        return self.story.quarter_near(self.sentence(start))
