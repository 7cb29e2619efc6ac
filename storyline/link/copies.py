"""Near-copies: the same wire story with other chrome, a trimmed or an extended version.

An exact copy of a stored text is already one document with several publications (records.text_id).
A near-copy is another document whose text is mostly the same: twenty outlets run one wire story
with their own standfirst and footer, one outlet cuts two paragraphs, another adds a quote. Each
is marked as a copy of the earliest document of its group, with its similarity; it stays stored and
analysed (nothing it adds is lost), and stories count it with its canonical document.

**The measure** is the overlap coefficient of word 5-shingles, |A ∩ B| / min(|A|, |B|): the share
of the smaller text's shingles the larger one holds. Jaccard, |A ∩ B| / |A ∪ B|, punishes the size
difference itself: a version cut to half of the original has a Jaccard of 0.5 with it although
every sentence is the original's, and a wire story with a long added section falls below any
useful Jaccard threshold. The overlap coefficient is 1.0 for both, and stays low for two
articles on one event written apart (they share names and phrases, not runs of five words).
It is symmetric, so which of the two was published first does not change whether they are copies.
Texts under MIN_SHINGLES shingles are left out: a two-line brief is "contained" in every long
report that quotes it.

**Finding candidates** in near-linear time: datasketch's MinHash LSH, indexed for Jaccard at
LSH_THRESHOLD. A pair with overlap ≥ 0.8 whose smaller text is at least a share r of the larger has
Jaccard ≥ 0.8·r / (1 + 0.2·r): at LSH_THRESHOLD = 0.3 that reaches versions down to r ≈ 0.4 of
the other (a story cut to its first 40 %). datasketch's LSH Ensemble indexes containment directly,
but took 20-30 times as long to index (70 s against 3 s on 15,000 articles): benchmarks/copies.py.
Every candidate is then verified exactly on the shingle sets (LSH alone returns pairs below the
threshold, and misses a few above it with a small probability).

**The canonical document** is a function of the documents: they are taken by publication date
(undated last), then id; a document is a copy of the earliest earlier document it is verified
against that is not itself a copy, and otherwise canonical. So a copy's similarity is always
measured against its canonical document, never through a chain.

    >>> wire = "The council of Korvath voted on Tuesday to reopen the river bridge after two years of repairs. " * 3
    >>> found = find_copies([("a", "2021-04-08", wire), ("b", "2021-04-09", "Korvath Courier. " + wire)],
    ...                     min_shingles=5)
    >>> [(c.doc, c.canonical, round(c.similarity, 2)) for c in found]
    [('b', 'a', 1.0)]
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.records import Copy

# A copy holds this share of the smaller text's word shingles in the larger (the 80 %).
COPY_THRESHOLD = 0.8
# Words per shingle: five words in a row rarely recur between independently written reports
# (names and stock phrases are shorter), while a copy shares almost all of them.
SHINGLE_WORDS = 5
# Texts shorter than this many shingles (about 30 words) are never copies or canonicals.
MIN_SHINGLES = 25
# MinHash permutations: 128 gives a Jaccard estimate within ±0.09 (two standard errors).
NUM_PERM = 128
# The Jaccard the LSH index is built for; see the module docstring for why it is far below 0.8.
LSH_THRESHOLD = 0.3
# A fixed seed: the same texts give the same signatures, so the same candidates, in every run.
SEED = 1

WORD = re.compile(r"\w+", re.UNICODE)
_MASK = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(1_000_003)


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the text's word ``size``-shingles (case folded,
    punctuation and white space ignored, so a reflowed copy has the same shingles)."""
    hashes = [zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in WORD.findall(text.lower())]
    if len(hashes) < size:
        return np.zeros(0, dtype=np.uint64)
    words = np.array(hashes, dtype=np.uint64)
    n = len(words) - size + 1
    combined = np.zeros(n, dtype=np.uint64)
    for i in range(size):
        combined = combined * _MIX + words[i:i + n]  # wraps modulo 2**64: a polynomial hash
    return np.unique(combined & _MASK)


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / min(|A|, |B|) of two shingle sets as returned by :func:`shingles`."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def _signature(hashes: np.ndarray) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
    minhash.update_batch(hashes)
    return minhash


def candidate_pairs(sets: Sequence[np.ndarray]) -> set[tuple[int, int]]:
    """Index pairs (i < j) the LSH index proposes; texts under MIN_SHINGLES are left out by the caller."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    with lsh.insertion_session() as session:
        for i, hashes in enumerate(sets):
            if len(hashes):
                signatures[i] = _signature(hashes)
                session.insert(i, signatures[i], check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for i, signature in signatures.items():
        for j in lsh.query(signature):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def find_copies(docs: Iterable[tuple[str, str | None, str]], *, threshold: float = COPY_THRESHOLD,
                min_shingles: int = MIN_SHINGLES) -> list[Copy]:
    """The near-copies among ``docs`` (id, publication date or None, text), by document id.

    A function of the documents: any order of ``docs`` gives the same copies (see the module
    docstring for the measure and the canonical choice).
    """
    ordered = sorted(docs, key=lambda d: (d[1] is None, (d[1] or "")[:10], d[0]))
    sets = []
    for _, _, text in ordered:
        hashes = shingles(text)
        sets.append(hashes if len(hashes) >= min_shingles else np.zeros(0, dtype=np.uint64))
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for i, j in candidate_pairs(sets):
        similarity = overlap(sets[i], sets[j])
        if similarity >= threshold:
            neighbours.setdefault(j, []).append((i, similarity))  # i < j: i comes first
    canonical_of: dict[int, tuple[int, float]] = {}
    for j in sorted(neighbours):
        earlier = sorted((i, s) for i, s in neighbours[j] if i not in canonical_of)
        if earlier:
            canonical_of[j] = earlier[0]
    return sorted((Copy(ordered[j][0], ordered[i][0], round(s, 4)) for j, (i, s) in canonical_of.items()),
                  key=lambda c: c.doc)
