"""A text cut at the offsets of the items found in it, so that each piece can be shown marked.

Items overlap (a mention inside a quote inside an event's sentence), and HTML elements cannot, so
the text is cut at every item's start and end: each :class:`Piece` is a stretch of text covered by
the same items, and says which kinds cover it. The template writes each piece as one element and
an anchor ``c{start}-{end}`` where each item starts, which a link to the item's evidence targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple

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


class Piece(NamedTuple):
    """A stretch of text covered by the same marks (a tuple: a live blog has thousands of them,
    and a frozen dataclass is several times slower to make)."""

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
    return [Piece(a, b, text[a:b], kinds, labels, anchors) for a, b, kinds, labels, anchors in _cut(text, marks)]


def marked_html(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` cut as :func:`pieces` cuts it, written as HTML at once (no piece is made): each
    stretch a ``<span class="piece k-KIND…" title data-s data-e>`` of its escaped text, after an
    empty ``<a class="anchor" id="c…">`` for each mark starting there. Written here rather than in
    a template loop: a long live blog has thousands of pieces, and this is ten times faster.
    Every piece of text and every label goes through ``escape``; the classes and title of a set of
    covering marks are written once for all the pieces it covers."""
    out = []
    opening: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
    for a, b, kinds, labels, anchors in _cut(text, marks):
        if anchors:
            out.extend(f'<a class="anchor" id="{escape(name)}"></a>' for name in anchors)
        attributes = opening.get((kinds, labels))
        if attributes is None:
            classes = "".join(f" k-{escape(k)}" for k in kinds if k not in UNMARKED)
            title = f' title="{escape("; ".join(labels))}"' if labels else ""
            attributes = opening[kinds, labels] = f'class="piece{classes}"{title}'
        out.append(f'<span {attributes} data-s="{a}" data-e="{b}">{escape(text[a:b])}</span>')
    return Markup("".join(out))


def _cut(text: str, marks: Iterable[Mark]) -> Iterator[tuple[int, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """The walk over the cuts: each stretch's start and end, the sorted kinds and the labels of the
    marks covering it (in the order they opened), and the anchors of the marks starting there."""
    kept = list(dict.fromkeys(m for m in marks if 0 <= m.start < m.end <= len(text)))
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    # Marks by their place in ``kept`` (an int hashes at once; a dataclass hashes all its fields).
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, m in enumerate(kept):
        starting.setdefault(m.start, []).append(i)
        ending.setdefault(m.end, []).append(i)
    covering: dict[int, None] = {}  # the marks open at the cut, in the order they opened
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    for a, b in zip(cuts, cuts[1:]):
        ended, started = ending.get(a), starting.get(a)
        for i in ended or ():
            del covering[i]
        for i in started or ():
            covering[i] = None
        if ended or started:  # what covers the text changes only at a mark's start or end
            kinds = tuple(sorted({kept[i].kind for i in covering}))
            labels = tuple(dict.fromkeys(kept[i].label for i in covering if kept[i].label))
        anchors = tuple(dict.fromkeys(anchor(kept[i].start, kept[i].end) for i in started)) if started else ()
        yield a, b, kinds, labels, anchors
