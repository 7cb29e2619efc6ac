"""Search by meaning from the in-memory matrix (storyline.store.vectors): the same top k as reading
the rows from the table, ties included, and read again after a write. Random vectors stand in for
sentences: the ranking, not the model, is under test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.analyse.embeddings import pack, unit_rows
from storyline.records import SentenceVectors
from storyline.store import Store
from storyline.store.vectors import SentenceMatrix

MODEL = "test-model"
WIDTH = 16


def _store_with_vectors(path: Path, vectors_by_doc: dict[str, np.ndarray]) -> Store:
    store = Store.open(path)
    store.connection.execute("PRAGMA foreign_keys=OFF")  # vectors without their documents' rows
    with store.transaction():
        for doc, vectors in vectors_by_doc.items():
            store.set_sentence_vectors(doc, SentenceVectors(MODEL, WIDTH, pack(vectors)))
    return store


def _random_docs(seed: int, count: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    docs = {f"doc-{n:03d}": unit_rows(rng.standard_normal((int(rng.integers(1, 8)), WIDTH)).astype(np.float32))
            for n in range(count)}
    docs["doc-copy"] = docs["doc-007"]  # a sentence two documents share: equal cosines
    docs["doc-blank"] = np.zeros((2, WIDTH), dtype=np.float32)  # zero rows score 0, never NaN
    return docs


def _float64_cosines(docs: dict[str, np.ndarray], query: np.ndarray) -> dict[tuple[str, int], float]:
    """Each stored (int8) row's cosine with ``query``, in float64."""
    found = {}
    for doc, vectors in docs.items():
        stored = np.frombuffer(pack(vectors), dtype=np.int8).reshape(-1, WIDTH).astype(np.float64)
        norms = np.linalg.norm(stored, axis=1)
        for n, (row, norm) in enumerate(zip(stored, norms)):
            found[(doc, n)] = float(row @ query / norm) if norm else 0.0
    return found


@pytest.mark.parametrize("limit", [1, 5, 40, 10_000])
def test_the_matrix_gives_the_same_top_k_as_reading_the_rows(tmp_path: Path, limit: int) -> None:
    docs = _random_docs(3, 60)
    store = _store_with_vectors(tmp_path / "s.db", docs)
    rows = sum(len(v) for v in docs.values())
    rng = np.random.default_rng(limit)
    with store:
        for query in unit_rows(rng.standard_normal((20, WIDTH)).astype(np.float32)):
            exact = _float64_cosines(docs, query)
            fast = store._nearest_sentences(query, MODEL, limit, None)
            slow = store._scan_nearest_sentences(query, MODEL, limit, None)
            assert len(fast) == len(slow) == min(limit, rows)
            assert np.allclose([s for _, s in fast], [s for _, s in slow], atol=1e-5)
            # The same sentence at each place, but where two score alike to the last float bits
            # (the table scan's BLAS product rounds one row of a shared sentence differently).
            for (fast_key, fast_score), (slow_key, _) in zip(fast, slow):
                assert fast_key == slow_key or abs(fast_score - exact[slow_key]) < 1e-5
            copies = [n for n, (key, _) in enumerate(fast) if key[0] == "doc-copy"]
            for n in copies:  # equal cosines: the original first, by document id
                assert fast[n - 1] == (("doc-007", fast[n][0][1]), fast[n][1])


def test_equal_cosines_are_ranked_by_document_then_sentence() -> None:
    row = pack(np.eye(WIDTH, dtype=np.float32)[:1])
    matrix = SentenceMatrix.from_rows(MODEL, 0, [("b", WIDTH, row * 2), ("a", WIDTH, row)])
    found = matrix.nearest(np.eye(WIDTH, dtype=np.float32)[0], 2)
    assert [key for key, _ in found] == [("a", 0), ("b", 0)]
    assert [key for key, _ in matrix.nearest(np.eye(WIDTH, dtype=np.float32)[0], 3)] == [("a", 0), ("b", 0), ("b", 1)]


def test_a_write_makes_the_next_search_read_the_vectors_again(tmp_path: Path) -> None:
    docs = _random_docs(5, 10)
    store = _store_with_vectors(tmp_path / "s.db", docs)
    with store:
        first = store.sentence_matrix(MODEL)
        assert store.sentence_matrix(MODEL) is first  # read once per revision
        target = unit_rows(np.ones((1, WIDTH), dtype=np.float32))
        with store.transaction():
            store.set_sentence_vectors("doc-new", SentenceVectors(MODEL, WIDTH, pack(target)))
        assert store.sentence_matrix(MODEL) is not first
        assert store._nearest_sentences(target[0], MODEL, 1, None)[0][0] == ("doc-new", 0)


def test_a_search_within_documents_keeps_to_them(tmp_path: Path) -> None:
    store = _store_with_vectors(tmp_path / "s.db", _random_docs(9, 30))
    query = unit_rows(np.ones((1, WIDTH), dtype=np.float32))[0]
    with store:
        within = store._nearest_sentences(query, MODEL, 50, {"doc-001", "doc-002"})
    assert within and {doc for (doc, _), _ in within} <= {"doc-001", "doc-002"}


def test_an_empty_store_finds_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        assert store._nearest_sentences(np.ones(WIDTH, dtype=np.float32), MODEL, 5, None) == []


def test_a_word_search_with_a_nul_character_finds_nothing_instead_of_failing(tmp_path: Path) -> None:
    # Found by the HTTP API's schema run (GET /api/search?q=%00): FTS5 read the NUL as the end of
    # a quoted string and raised "unterminated string".
    with Store.open(tmp_path / "s.db") as store:
        assert store.search("\x00") == [] and store.search("rates\x00 rise") == []
