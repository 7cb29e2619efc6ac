"""Keyset paging (storyline.store.keyset): a listing read page by page, each page "after" the last
key, is the listing read whole, whatever the directions of its terms and the ties in them."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.store.keyset import Order

ROWS = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["", "a", "b", "ab"]), st.none() | st.sampled_from(
    ["2022-01", "2022-02"])), max_size=40)
ORDERS = st.sampled_from([
    Order.of("n", "word", "id"), Order.of("n DESC", "word", "id"), Order.of("n DESC", "word DESC", "id"),
    Order.of("n", "word DESC", "id"), Order.of("coalesce(day, '')", "n DESC", "id"), Order.of("id DESC")])


def table(rows: list[tuple[int, str, str | None]]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, word TEXT, day TEXT)")
    connection.executemany("INSERT INTO t (n, word, day) VALUES (?, ?, ?)", rows)
    return connection


@settings(max_examples=200, deadline=None)
@given(ROWS, ORDERS, st.integers(1, 5))
def test_pages_after_each_last_key_are_the_listing_read_whole(rows: list, order: Order, size: int) -> None:
    connection = table(rows)
    whole = [r["id"] for r in connection.execute(f"SELECT id FROM t {order.by()}")]
    paged: list[int] = []
    after = None
    while True:
        condition, args = order.after(after)
        page = connection.execute(f"SELECT id{order.select()} FROM t {'WHERE ' + condition if condition else ''}"
                                  f" {order.by()} LIMIT ?", [*args, size]).fetchall()
        paged += [r["id"] for r in page]
        if len(page) < size:
            break
        after = order.keys(page)[-1]
    assert paged == whole


def test_a_key_of_another_shape_is_refused() -> None:
    order = Order.of("n DESC", "word", "id")
    for key in (["a", 1], [1, "a", 2, 3], [True, "a", 1], [1, {"a": 1}, 2], [1, None, 2]):
        with pytest.raises(StoreError):
            order.after(key)
