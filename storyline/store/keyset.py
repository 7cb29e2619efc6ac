"""Keyset paging: a listing's order written once, and "the rows after this one" in that order.

A store listing orders its rows by a key that ends in a unique column (its :class:`Order`). A page
read with ``after=KEY`` holds the rows whose key comes after KEY, so paging goes on where the last
page ended whatever was written in between: a row inserted before the cursor is not seen, one
inserted after it is, and no row present when paging began is repeated or skipped (an OFFSET
would shift by the rows inserted before it). The one exception is a row whose own key changes
between pages (an actor's mention count, a story's size, recomputed by linking): it moves in the
order, as it would in any listing sorted by that value.

The keys are read in the same statement as the rows (:meth:`Order.select`), so a record needs no
field for them: :class:`Listing` carries them beside the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence, TypeVar

from storyline.errors import StoreError

T = TypeVar("T")
# The column aliases the key terms are read under; no table has a column named so.
KEY_ALIAS = "_key{}"
# A key value is one SQL scalar: text, integer or real (bool is an int to Python, not to a client).
KEY_TYPES = (str, int, float)


class Listing(list[T]):
    """The records of one listing read, in its order, and the ordering key of each
    (``keys[i]`` is ``self[i]``'s): pass ``keys[-1]`` as ``after=`` to read what follows."""

    def __init__(self, records: Sequence[T] = (), keys: Sequence[tuple[Any, ...]] = ()) -> None:
        super().__init__(records)
        self.keys: list[tuple[Any, ...]] = list(keys)


@dataclass(frozen=True)
class Order:
    """A listing's ORDER BY: its terms, each an SQL expression and whether it runs descending.

    The last term must be unique among the listed rows (an id), so that a key names one row. A
    nullable column is given as ``coalesce(column, X)`` with X sorting where NULL would, because
    NULL compares as unknown and a row with it would never come "after" anything.
    """

    terms: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, *terms: str) -> "Order":
        """``Order.of("q.doc", "q.start", "q.id")``; a term ending in " DESC" runs descending."""
        return cls(tuple((t.removesuffix(" DESC"), t.endswith(" DESC")) for t in terms))

    def by(self) -> str:
        """The ORDER BY clause."""
        return "ORDER BY " + ", ".join(f"{expr} DESC" if down else expr for expr, down in self.terms)

    def select(self) -> str:
        """The key terms as extra result columns (to append to a SELECT list)."""
        return "".join(f", {expr} AS {KEY_ALIAS.format(i)}" for i, (expr, _) in enumerate(self.terms))

    def keys(self, rows: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The key of each row read with :meth:`select`."""
        names = [KEY_ALIAS.format(i) for i in range(len(self.terms))]
        return [tuple(row[name] for name in names) for row in rows]

    def after(self, key: Sequence[Any] | None) -> tuple[str, list[Any]]:
        """A condition (or "" for no key) and its arguments: the row's key comes after ``key``.

        Terms of one direction compare as one row value, ``(a, b) > (?, ?)``, which SQLite answers
        from an index on those columns; a change of direction splits the comparison in two
        (``a < ? OR (a = ? AND (b, c) > (?, ?))``).
        """
        if key is None:
            return "", []
        if len(key) != len(self.terms) or not all(isinstance(v, KEY_TYPES) and not isinstance(v, bool) for v in key):
            raise StoreError(f"a key of this listing is {len(self.terms)} texts or numbers, not {list(key)!r}")
        return _after(self.terms, list(key))


def _after(terms: Sequence[tuple[str, bool]], key: list[Any]) -> tuple[str, list[Any]]:
    run = 1
    while run < len(terms) and terms[run][1] == terms[0][1]:
        run += 1
    exprs = [expr for expr, _ in terms[:run]]
    left = exprs[0] if run == 1 else "(" + ", ".join(exprs) + ")"
    right = "?" if run == 1 else "(" + ", ".join("?" * run) + ")"
    beyond = f"{left} {'<' if terms[0][1] else '>'} {right}"
    if run == len(terms):
        return beyond, key
    rest, rest_args = _after(terms[run:], key[run:])
    return f"({beyond} OR ({left} = {right} AND {rest}))", [*key[:run], *key[:run], *rest_args]
