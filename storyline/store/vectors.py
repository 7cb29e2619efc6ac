"""Every stored sentence vector of one model as one matrix in memory, for search by meaning.

Reading the vectors from SQLite on every query made a semantic search at 37,554 articles take
8-10 s: some 330 MB of rows read, converted to float32 and their norms taken, each time. A
:class:`SentenceMatrix` reads them once into one contiguous int8 array (the stored bytes, a
quarter of float32's size) with each row's inverse norm beside it, so a query is one pass of
numpy over that array: an exact scan, the same cosines and the same ranking as reading the rows
(the int8 values are the stored ones; only the order of the float additions differs).

The store keeps one per model and revision (:meth:`Store.sentence_matrix`): a long-running
reader (the HTTP API) loads it on its first semantic query and again only after a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:
    import sqlite3

# Rows whose norms are taken at once while loading: the int32 squares of 65,536 rows of 256 are
# 64 MB, a bounded working set beside the matrix itself.
NORM_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class SentenceMatrix:
    """One model's sentence vectors: row r is sentence ``sentence[r]`` of document
    ``docs[doc[r]]``; ``docs`` is sorted, and the rows follow it, so the row order is the
    (document id, sentence index) order ties are broken by."""

    model: str
    revision: int
    docs: tuple[str, ...]
    rows: np.ndarray  # int8 (n, dimensions), as stored
    inverse_norms: np.ndarray  # float32 (n,), 0 for a zero row
    doc: np.ndarray  # int32 (n,): index into docs
    sentence: np.ndarray  # int32 (n,)

    @classmethod
    def load(cls, connection: "sqlite3.Connection", model: str, revision: int) -> "SentenceMatrix":
        """Read every row of ``model`` from the ``sentence_vectors`` table."""
        cursor = connection.execute(
            "SELECT doc, dimensions, vectors FROM sentence_vectors WHERE model = ?", (model,))  # table order: sequential reads
        return cls.from_rows(model, revision, cursor)

    @classmethod
    def from_rows(cls, model: str, revision: int, rows: Iterable[tuple[str, int, bytes]]) -> "SentenceMatrix":
        """From (document id, dimensions, packed int8 rows), in any order."""
        docs: list[str] = []
        blobs: list[bytes] = []
        counts: list[int] = []
        width = 0
        # Sorted here, not trusted to the caller: the row order is the tie-break.
        for doc, dimensions, blob in sorted(rows, key=lambda row: row[0]):
            if not blob:
                continue
            if width and dimensions != width:
                raise ValueError(f"sentence vectors of {model} have two widths ({width} and {dimensions})")
            width = dimensions
            docs.append(doc)
            blobs.append(blob)
            counts.append(len(blob) // dimensions)
        matrix = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(-1, width or 1)
        inverse = np.zeros(len(matrix), dtype=np.float32)
        for start in range(0, len(matrix), NORM_CHUNK):
            part = matrix[start:start + NORM_CHUNK]
            squares = np.einsum("ij,ij->i", part, part, dtype=np.int32).astype(np.float32)
            np.divide(1.0, np.sqrt(squares), out=inverse[start:start + len(part)], where=squares > 0)
        sizes = np.array(counts, dtype=np.int64)
        starts = np.cumsum(sizes) - sizes
        owner = np.repeat(np.arange(len(docs), dtype=np.int32), sizes)
        sentence = (np.arange(len(matrix), dtype=np.int64) - np.repeat(starts, sizes)).astype(np.int32)
        return cls(model, revision, tuple(docs), matrix, inverse, owner, sentence)

    @property
    def nbytes(self) -> int:
        return int(self.rows.nbytes + self.inverse_norms.nbytes + self.doc.nbytes + self.sentence.nbytes)

    def nearest(self, query: np.ndarray, limit: int) -> list[tuple[tuple[str, int], float]]:
        """The ``limit`` sentences nearest the unit vector ``query``, as ((doc, sentence index),
        cosine), best first, equal cosines by (doc, index): what reading the rows one by one gives."""
        if limit < 1 or not len(self.rows):
            return []
        # int8 × float32 summed as float32 without a float copy of the matrix (four times its size).
        scores = np.einsum("ij,j->i", self.rows, query.astype(np.float32), dtype=np.float32, casting="unsafe")
        scores *= self.inverse_norms
        if len(scores) > limit:
            kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
            top = np.nonzero(scores >= kth)[0]  # ties at the limit-th kept, then cut by (doc, index)
        else:
            top = np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))][:limit]  # rows follow (doc, index): the row number breaks ties
        return [((self.docs[self.doc[r]], int(self.sentence[r])), float(scores[r])) for r in top]
