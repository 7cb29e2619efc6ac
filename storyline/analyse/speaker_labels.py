"""Transcript speaker labels: the name (and role) before a colon that opens a turn.

"PENCE: Well, look, …", "President of Velmora Ivo Marek: We have agreed …", "Question: …".
Quote attribution (:mod:`storyline.analyse.quotes.cueless`) reads a label opening a segment as
the speaker of what follows; pronoun sources (:mod:`storyline.link.pronouns`) read the labels of
a document as the turns its "I" and "we" belong to. Both ask this module, so what counts as a
label is written once.
"""

from __future__ import annotations

import re

__all__ = [
    "ANY_LABEL",
    "CAPITALS_LABEL",
    "LABEL_JOINING_WORDS",
    "MAX_LABEL_ROLE_WORDS",
    "capitals_label_at",
    "label_start",
]

# "PENCE: Well, look, …" — the speaker's name in capitals, then a colon: a transcript line whose
# label is unmistakably a name (a capitalised "Asked about it: …" is not one).
CAPITALS_LABEL = re.compile(r"[\"“]?([A-Z][A-Z.\'’\- ]{1,40}[A-Z.]):\s")
# Any label ends the turn before it, a person's or not ("Question:", "Sergei Naryshkin:"): up to
# seven capitalised words, an optional bracketed aside, then a colon, at a paragraph start or
# after a sentence end.
ANY_LABEL = re.compile(r"(?:^|\n|(?<=[.?!…*>])\s)\s*((?:[A-Z][\w.'’-]*\s+){0,6}[A-Z][\w.'’-]*(?:\s\([^)]{1,40}\))?):\s",
                       re.MULTILINE)
# A label is a name with its role before it that opens a paragraph or follows a sentence end:
# "President of Velmora Ivo Marek: ...". At most this many words of role precede the name, each
# capitalised or a joining word, so a sentence ending in a name and a colon ("... as Marek
# said:") is not a label.
MAX_LABEL_ROLE_WORDS = 8
LABEL_JOINING_WORDS = frozenset({"of", "the", "and", "for", "de", "von", "der"})


def capitals_label_at(text: str, pos: int) -> re.Match[str] | None:
    """The capitals label ("PENCE: ") starting at ``pos`` (group 1 is the name), or None."""
    return CAPITALS_LABEL.match(text, pos)


def label_start(text: str, name_start: int) -> int | None:
    """Where a label holding the name at ``name_start`` begins (its role words included), or None
    when the words before the name on its line, since the last sentence end, are not a role."""
    line_start = text.rfind("\n", 0, name_start) + 1
    before = text[line_start:name_start]
    for cut in reversed([0, *(m.end() for m in re.finditer(r"[.?!…*>]\s", before))]):
        role = before[cut:]
        words = role.split()
        if len(words) > MAX_LABEL_ROLE_WORDS:
            return None
        if all(w[:1].isupper() or w.lower() in LABEL_JOINING_WORDS for w in words):
            return line_start + cut + (len(role) - len(role.lstrip()))
        return None
    return None
