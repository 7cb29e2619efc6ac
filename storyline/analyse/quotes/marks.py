"""Quote marks: the quoted segments of a text, paired and repaired, by character offsets.

Each paragraph is scanned for quoted segments (curly or straight double quotes; a curly mark
typed the wrong way round is read as used: ``here,“ said``). A segment whose closing mark is
missing runs to the end of its paragraph, or to a cue that follows it (``"…, said Kessel``); one
whose opening mark is missing starts at the paragraph start. Either is marked in ``repair``.
Works on the text alone: no parse is read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.analyse.lexicon.cues import CLOSE_MARKS, OPEN_MARKS, STRAIGHT
from storyline.analyse.lexicon.verbs import ADDRESSEE_VERBS, CUE_FORMS
from storyline.analyse.text import rstrip

# Marks that can open a quote, straight or curly.
OPENING = OPEN_MARKS + STRAIGHT


@dataclass(frozen=True, slots=True)
class Segment:
    """A quoted segment: character offsets including the quote marks."""

    start: int
    end: int
    paragraph: int
    repair: str | None = None


def inside(segments: Sequence[Segment], char: int) -> Segment | None:
    """The segment whose marks enclose ``char`` (strictly), if any."""
    for seg in segments:
        if seg.start < char < seg.end:
            return seg
    return None


# In a quote left open, ", said Kessel" or ", Kessel said" is where its closing mark was forgotten.
# "…, said Kessel" / "…, Kessel said": a cue right after a comma; "told" only before its speaker
# (after one, "Kessel told" wants its listener).
_CUE_FORMS = "|".join(form for forms in CUE_FORMS.values() for form in forms)
_CUE_FORMS_AFTER_SPEAKER = "|".join(form for lemma, forms in CUE_FORMS.items() if lemma not in ADDRESSEE_VERBS
                                    for form in forms)
_UNCLOSED_CUE = re.compile(r",(?=\s+(?:" + _CUE_FORMS + r")\s+[A-Z]|\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:"
                           + _CUE_FORMS_AFTER_SPEAKER + r")\b)")


def quote_segments(text: str, paragraphs: list[tuple[int, int]]) -> list[Segment]:
    """Every quoted segment of ``text`` (longer than its two marks), paragraph by paragraph."""
    segments: list[Segment] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        floor = p_start  # a segment with a missing opening mark starts after the previous one
        i = p_start
        while i < p_end:
            ch = text[i]
            # Two apostrophes stand for a straight double quote in some wire copy (NYT: ''…'').
            width = 2 if text.startswith("''", i) else 1
            if ch == STRAIGHT or width == 2:
                before = text[i - 1] if i > p_start else " "
                after = text[i + width] if i + width < p_end else " "
                opening_like = (before.isspace() or before in "([—–-:") and not after.isspace()
                if open_at is None and opening_like:
                    open_at = i
                elif open_at is not None:
                    segments.append(Segment(open_at, i + width, index))
                    open_at, floor = None, i + width
                else:
                    segments.append(_missing_open(text, floor, i + width - 1, index))
                    floor = i + width
                i += width
                continue
            if ch in OPEN_MARKS + CLOSE_MARKS:
                ch = _mark_role(text, i, p_start, p_end)
            if ch in OPEN_MARKS:
                if open_at is not None:  # a new opening before a close: the earlier one never closed
                    segments.append(Segment(open_at, rstrip(text, open_at, i), index,
                                            "missing closing quote: content runs to the next quote"))
                open_at = i
            elif ch in CLOSE_MARKS:
                if open_at is not None:
                    segments.append(Segment(open_at, i + 1, index))
                    open_at, floor = None, i + 1
                else:
                    segments.append(_missing_open(text, floor, i, index))
                    floor = i + 1
            i += 1
        if open_at is not None:
            end = rstrip(text, open_at, p_end)
            continues = index + 1 < len(paragraphs) and (
                text[paragraphs[index + 1][0]] in OPENING
                or text.startswith("''", paragraphs[index + 1][0]))
            repair = ("quote continues in the next paragraph" if continues
                      else "missing closing quote: content runs to end of paragraph")
            cue = _UNCLOSED_CUE.search(text, open_at, end)
            if cue is not None:
                end, repair = cue.start() + 1, "missing closing quote: content ends before its cue"
            segments.append(Segment(open_at, end, index, repair))
    return [s for s in segments if s.end - s.start > 2]


def _mark_role(text: str, i: int, p_start: int, p_end: int) -> str:
    """A curly mark as it is used, which typing slips can invert: "”get close" opens a quote
    and "here,“ said Clyburn" closes one. Returns an opening or a closing mark."""
    ch = text[i]
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if ch in CLOSE_MARKS and before.isspace() and after.isalnum():
        return OPEN_MARKS[0]
    if ch in OPEN_MARKS and not before.isspace() and before not in "([—–-:" and (after.isspace() or after in ".,;"):
        return CLOSE_MARKS[0]
    return ch


def _missing_open(text: str, floor: int, close: int, paragraph: int) -> Segment:
    start = floor
    if floor > 0 and text[floor - 1] in CLOSE_MARKS + STRAIGHT + "'":
        # A quote closed earlier in the paragraph: the unopened one starts at the next sentence
        # ("“A,” she said in Brussels. B.”"), not right after the cue.
        ends = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z“\"])", text[floor:close])]
        if ends:
            start = floor + ends[-1]
    while start < close and text[start].isspace():
        start += 1
    return Segment(start, close + 1, paragraph, "missing opening quote: content starts at paragraph start")
