"""Sentence vectors, for search by meaning (``storyline search --mode semantic|hybrid``).

The model is WordLlama's ``l2_supercat`` at 256 dimensions: token embeddings distilled from large
language models, averaged over a sentence. Its weights (16 MB) and tokenizer ship inside the
``wordllama`` wheel and it needs no torch, so nothing is downloaded, ever: :class:`WordLlamaEmbedder`
points WordLlama's cache at the package's own folder and disables its downloads, so a missing file
is an error, not a request. (``model2vec`` and ``fastembed`` fetch their models when they run.)

Vectors are stored per document, one int8 row per sentence (:func:`pack`): a quarter of float32's
size, and cosine ranking from int8 rows keeps the float32 ranking (benchmarks/search.py measures
how closely). The model behind one narrow interface (:class:`Embedder`) so tests and users can
swap it.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence

import numpy as np

from storyline.errors import ModelError
from storyline.pipeline import Stage
from storyline.records import Article, SentenceVectors

if TYPE_CHECKING:
    from storyline.store import Store

# WordLlama's configuration and its width: 256 is the width whose weights the wheel ships.
WORDLLAMA_CONFIG = "l2_supercat"
DIMENSIONS = 256
# Texts embedded per call to the model: WordLlama pads a batch to its longest text, so a large
# batch of uneven sentences wastes work; 64 is its own default.
BATCH = 64
# int8 holds -127..127: each vector is scaled so its largest component is 127 (a per-row scale
# is not stored: the cosine ranking divides it out).
INT8_MAX = 127


class Embedder(Protocol):
    """Turns texts into unit vectors; ``name`` tells stored vectors of different models apart."""

    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array (len(texts), dimensions) of unit rows (zero rows for empty texts)."""
        ...


class WordLlamaEmbedder:
    """WordLlama's bundled model, loaded from the installed package only."""

    name = f"wordllama-{WORDLLAMA_CONFIG}-{DIMENSIONS}"
    dimensions = DIMENSIONS

    def __init__(self) -> None:
        wordllama = _import_wordllama()
        package = Path(wordllama.__file__).parent
        try:
            # The package holds weights/<config>_256.safetensors and tokenizers/<config>_tokenizer_config.json;
            # WordLlama looks for the tokenizer in "tokenizer/" first (no such folder), then in
            # <cache_dir>/tokenizers/: the package folder as cache finds both, and with downloads
            # disabled a missing file raises instead of reaching for the network.
            self._model = wordllama.WordLlama.load(WORDLLAMA_CONFIG, cache_dir=package, dim=DIMENSIONS,
                                                   disable_download=True)
        except FileNotFoundError as error:
            raise ModelError(f"the wordllama package lacks its bundled model ({error}); "
                                "reinstall it: pip install --force-reinstall wordllama==0.4.0.post1") from None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._model.embed(list(texts), norm=False, batch_size=BATCH)
        return unit_rows(np.asarray(vectors, dtype=np.float32))


def _import_wordllama():  # type: ignore[no-untyped-def]
    """Import wordllama without its import-time ``logging.basicConfig(level=INFO)``, which would
    give the whole program a root handler and level it never asked for."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama  # noqa: PLC0415 — loaded on first use: most commands never embed
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return wordllama


@functools.cache
def default_embedder() -> Embedder:
    """The model every build and search uses, loaded once per process (about a second)."""
    return WordLlamaEmbedder()


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row divided by its length; zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def pack(vectors: np.ndarray) -> bytes:
    """Rows as int8, each scaled so its largest component is ±127: what the store keeps."""
    peak = np.abs(vectors).max(axis=1, keepdims=True) if len(vectors) else np.zeros((0, 1))
    scaled = np.divide(vectors * INT8_MAX, peak, out=np.zeros_like(vectors), where=peak > 0)
    return np.rint(scaled).astype(np.int8).tobytes()


def cosines(blob: bytes, dimensions: int, query: np.ndarray) -> np.ndarray:
    """The cosine of each stored row with the unit vector ``query``, without building unit rows."""
    rows = np.frombuffer(blob, dtype=np.int8).reshape(-1, dimensions).astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
    return np.divide(rows @ query, norms, out=np.zeros(len(rows), dtype=np.float32), where=norms > 0)


def unpack(blob: bytes, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Stored rows back as float32 unit vectors (the int8 scale divided out)."""
    return unit_rows(np.frombuffer(blob, dtype=np.int8).reshape(-1, dimensions).astype(np.float32))


class Embed(Stage):
    """One vector per sentence, in sentence order, packed for the store (:func:`pack`)."""

    name = "embed"
    requires = frozenset({"sentences"})
    assigns = frozenset({"sentence_vectors"})

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        return self._embedder or default_embedder()

    def process(self, article: Article) -> Article:
        return self.process_batch([article])[0]  # type: ignore[return-value]

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:  # type: ignore[override]
        """All the batch's sentences in one call to the model: it pads per call, not per article."""
        texts = [s.text for a in articles for s in a.sentences]
        vectors = self.embedder.embed(texts)
        out, at = [], 0
        for article in articles:
            n = len(article.sentences)
            packed = SentenceVectors(self.embedder.name, self.embedder.dimensions, pack(vectors[at:at + n]))
            out.append(replace(article, sentence_vectors=packed))
            at += n
        return out


def embed_stored(store: "Store", embedder: Embedder | None = None, *, batch: int = 200) -> list[str]:
    """Give every stored document that lacks them its sentence vectors from ``embedder`` (a store
    built before vectors were kept, or with stages that do not embed); one transaction a batch, so
    a killed run keeps what it finished. Returns the ids of the documents embedded."""
    # Which documents lack vectors is asked before the model loads: most builds find none.
    missing = store.documents_without_vectors(embedder.name if embedder else WordLlamaEmbedder.name)
    if not missing:
        return []
    embedder = embedder or default_embedder()
    for at in range(0, len(missing), batch):
        chunk = missing[at:at + batch]
        texts = store.sentence_texts(chunk)
        vectors = embedder.embed([t for doc in chunk for t in texts.get(doc, ())])
        with store.transaction():
            row = 0
            for doc in chunk:
                n = len(texts.get(doc, ()))
                store.set_sentence_vectors(doc, SentenceVectors(embedder.name, embedder.dimensions,
                                                                pack(vectors[row:row + n])))
                row += n
    return missing
