"""Positions in a parsed document, read once: its text, its sentences, token ends, word counts.

The quote package and the reference resolver read offsets through these; none re-joins
``doc.text`` or re-splits sentences itself (spaCy recomputes both on every access).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.records import Span

_TEXT_KEY = "storyline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy re-joins every token on each access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of non-blank lines: the paragraphs of a news text, where a quote must end and a pronoun looks first."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.end()))
    return out


@dataclass(frozen=True, slots=True)
class Sent:
    """Token range of one sentence (``Token.sent`` re-splits the whole doc on every call)."""

    start: int
    end: int


def sentence_ranges(doc: Doc) -> list[Sent]:
    """The sentence of every token, computed once per doc."""
    out: list[Sent] = []
    for sent in doc.sents:
        rng = Sent(sent.start, sent.end)
        out.extend([rng] * (sent.end - sent.start))
    return out


def tok_end(token: Token) -> int:
    """Character offset just past ``token``."""
    return token.idx + len(token.text)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char``, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def tokens_overlapping(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens with a character in ``[start, end)``, in order, found from the range itself:
    a scan of the whole document for each range made reading a long article's quotes quadratic."""
    span = doc.char_span(start, end, alignment_mode="expand")
    candidates = span if span is not None else doc
    return [t for t in candidates if t.idx < end and t.idx + len(t) > start]


def rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved left past white space, never before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def paragraph_start(doc: Doc, i: int, floor: int) -> int:
    """First token of token ``i``'s paragraph, never before ``floor``: the small model's
    sentences sometimes run across a paragraph break, content never does."""
    k = i
    while k > floor and not (doc[k - 1].is_space and "\n" in doc[k - 1].text) and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    return k


def line_break_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def char_span(text: str, a: int, b: int) -> Span:
    """The record of ``text[a:b]`` with its offsets."""
    return Span(a, b, text[a:b])


class SentenceIndex:
    """Which sentence a character offset is in, by binary search over the sentence starts."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [s.start_char for s in doc.sents]

    def of(self, char: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)
