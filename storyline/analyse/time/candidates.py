"""Proposing candidates: every match of every rule at every start, trimmed of a swallowed full
stop, unless it is (part of) a title."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storyline.analyse.time.document import Document
from storyline.analyse.time.rules import Rule
from storyline.analyse.time.words import LOWER_CASE_TEMPORAL


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def propose(document: Document, rules: Sequence[Rule]) -> Iterator[Candidate]:
    """The candidates of ``rules`` in ``document``, rule by rule in registry order."""
    text = document.text
    for rule in rules:
        position = 0
        # every start, not finditer's non-overlapping walk: when a reading refuses "the
        # third-quarter" the shorter "third-quarter" must still be on offer
        while (match := rule.pattern.search(text, position)) is not None:
            position = match.start() + 1
            start, end = match.span()
            end = _trim_end(text, start, end, document.sentence_ends)
            if end > start and text[start:end].strip() and not _is_title(document, start, end):
                yield Candidate(start, end, rule, match)


def _trim_end(text: str, start: int, end: int, sentence_ends: frozenset[int]) -> int:
    """Give back a sentence-final full stop that a trailing abbreviation ("p.m.") swallowed."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[end - 1] == "." and (end in sentence_ends or end == len(text.rstrip())
                                 or re.match(r"\s*(?:\n|$)", text[end:end + 2])):
        if re.search(r"[ap]\.m\.$", text[start:end], re.I) or re.search(r"\b[A-Z][a-z]{2,3}\.$", text[start:end]):
            return end - 1
    return end


_WORD = re.compile(r"[A-Za-z]+")


def _is_title(document: Document, start: int, end: int) -> bool:
    """True when a normally lower-case temporal word in ``text[start:end]`` is capitalised away
    from the start of its sentence, so that the phrase is (part of) a title or name."""
    text = document.text
    for word in _WORD.finditer(text, start, end):
        token = word.group()
        if token.lower() not in LOWER_CASE_TEMPORAL or not token[0].isupper() or token.isupper():
            continue
        sentence_start = document.sentence_starts[document.sentence(word.start())]
        before = text[sentence_start:word.start()].rstrip(" \t\n\"'`“‘([")
        # first in its sentence, or after a dateline dash or a colon: an ordinary capital
        if not before or before[-1] in ".!?:;-–—_)]":
            continue
        return True
    return False
