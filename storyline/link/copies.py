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
from typing import Callable, Iterable, Mapping

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
# datasketch's permutation scheme, named because signatures are stored and compared across builds
# (and datasketch may change its default).
SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32  # the scheme's hash values, as stored

WORD = re.compile(r"\w+", re.UNICODE)
_MASK = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(1_000_003)

# A verified near-copy pair: two document ids (the smaller first) and their overlap.
Pair = tuple[str, str, float]


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
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)
    minhash.update_batch(hashes)
    return minhash


def signature(hashes: np.ndarray, *, min_shingles: int = MIN_SHINGLES) -> bytes | None:
    """A text's MinHash signature as stored, from its :func:`shingles`; None for a text too short
    to be a copy or a canonical."""
    return _signature(hashes).hashvalues.astype(SIGNATURE_DTYPE).tobytes() if len(hashes) >= min_shingles else None


def _minhash(stored: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=np.frombuffer(stored, dtype=SIGNATURE_DTYPE), scheme=SCHEME)


def new_pairs(new: Mapping[str, bytes | None], known: Mapping[str, bytes | None],
              shingles_of: Callable[[str], np.ndarray], *, threshold: float = COPY_THRESHOLD) -> list[Pair]:
    """The verified near-copy pairs (a < b by id, similarity) with at least one document in ``new``.

    ``new`` and ``known`` map document ids to their :func:`signature`. A pair is a property of
    its two texts alone: LSH proposes two texts when a band of their signatures agrees, and the
    exact overlap decides. So the pairs of a corpus are the union of the pairs found as its
    documents arrive, each new document compared with all before it and with the others new.
    """
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for doc, stored in sorted({**known, **new}.items()):
            if stored is not None:
                session.insert(doc, _minhash(stored), check_duplication=False)
    candidates = {tuple(sorted((doc, other))) for doc, stored in sorted(new.items()) if stored is not None
                  for other in lsh.query(_minhash(stored)) if other != doc}
    found = []
    for a, b in sorted(candidates):
        similarity = overlap(shingles_of(a), shingles_of(b))
        if similarity >= threshold:
            found.append((a, b, similarity))
    return found


def canonical_copies(pairs: Iterable[Pair], published: Mapping[str, str | None]) -> list[Copy]:
    """Each copy with its canonical document, by copy id, from the verified pairs and the dates.

    Documents are taken by publication date (undated last), then id; a document is a copy of the
    earliest earlier document it was verified against that is not itself a copy.
    """
    def place(doc: str) -> tuple[bool, str, str]:
        date = published.get(doc)
        return (date is None, (date or "")[:10], doc)

    earlier_of: dict[str, list[tuple[tuple[bool, str, str], str, float]]] = {}
    for a, b, similarity in pairs:
        first, then = (a, b) if place(a) < place(b) else (b, a)
        earlier_of.setdefault(then, []).append((place(first), first, similarity))
    canonical_of: dict[str, tuple[str, float]] = {}
    for doc in sorted(earlier_of, key=place):
        earlier = sorted(candidate for candidate in earlier_of[doc] if candidate[1] not in canonical_of)
        if earlier:
            canonical_of[doc] = (earlier[0][1], earlier[0][2])
    return sorted((Copy(doc, canonical, round(similarity, 4)) for doc, (canonical, similarity) in canonical_of.items()),
                  key=lambda c: c.doc)


def find_copies(docs: Iterable[tuple[str, str | None, str]], *, threshold: float = COPY_THRESHOLD,
                min_shingles: int = MIN_SHINGLES) -> list[Copy]:
    """The near-copies among ``docs`` (id, publication date or None, text), by document id.

    A function of the documents: any order of ``docs`` gives the same copies (see the module
    docstring for the measure and the canonical choice).
    """
    texts = {doc: (published, text) for doc, published, text in docs}
    sets = {doc: shingles(text) for doc, (_, text) in texts.items()}
    signatures = {doc: signature(hashes, min_shingles=min_shingles) for doc, hashes in sets.items()}
    pairs = new_pairs(signatures, {}, sets.__getitem__, threshold=threshold)
    return canonical_copies(pairs, {doc: published for doc, (published, _) in texts.items()})
