"""A text cut at the offsets of the items found in it, so that each piece can be shown marked.

Items overlap (a mention inside a quote inside an event's sentence), and HTML elements cannot, so
the text is cut at every item's start and end: each :class:`Piece` is a stretch of text covered by
the same items, and says which kinds cover it. The template writes each piece as one element and
an anchor ``c{start}-{end}`` where each item starts, which a link to the item's evidence targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup, escape


# Kinds that give anchors but no look: a sentence is linked to (search hits, positions), not marked.
UNMARKED = frozenset({"sentence"})


@dataclass(frozen=True, slots=True)
class Mark:
    """One item to mark: its kind (the CSS class) and offsets into the text; ``label`` says what it is."""

    kind: str
    start: int
    end: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    text: str
    kinds: tuple[str, ...]  # the kinds of the marks covering it, sorted
    labels: tuple[str, ...]  # what those marks are
    anchors: tuple[str, ...]  # ``c{start}-{end}`` of the marks that start here


def anchor(start: int, end: int) -> str:
    """The fragment id of a piece of evidence: ``/documents/{id}#c{start}-{end}`` links to it."""
    return f"c{start}-{end}"


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut at every mark's boundaries; marks outside the text are left out."""
    kept = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    starting: dict[int, list[Mark]] = {}
    ending: dict[int, list[Mark]] = {}
    for m in kept:
        starting.setdefault(m.start, []).append(m)
        ending.setdefault(m.end, []).append(m)
    covering: dict[Mark, None] = {}  # the marks open at the cut, in the order they opened
    found = []
    for a, b in zip(cuts, cuts[1:]):
        for m in ending.get(a, ()):
            covering.pop(m, None)
        for m in starting.get(a, ()):
            covering[m] = None
        found.append(Piece(a, b, text[a:b], tuple(sorted({m.kind for m in covering})),
                           tuple(dict.fromkeys(m.label for m in covering if m.label)),
                           tuple(dict.fromkeys(anchor(m.start, m.end) for m in starting.get(a, ())))))
    return found


def pieces_html(cut: Iterable[Piece]) -> Markup:
    """The pieces as HTML: each a ``<span class="piece k-KIND…" data-s data-e>`` of its escaped
    text, after an empty ``<a class="anchor" id="c…">`` for each mark starting there. Written here
    rather than in a template loop: a long live blog has thousands of pieces, and this is ten
    times faster. Every piece of text and every label goes through ``escape``."""
    out = []
    for p in cut:
        out.extend(f'<a class="anchor" id="{escape(a)}"></a>' for a in p.anchors)
        classes = "".join(f" k-{escape(k)}" for k in p.kinds if k not in UNMARKED)
        title = f' title="{escape("; ".join(p.labels))}"' if p.labels else ""
        out.append(f'<span class="piece{classes}" data-s="{p.start}" data-e="{p.end}"{title}>{escape(p.text)}</span>')
    return Markup("".join(out))
