"""Search by meaning: what the sentence vectors cost the store and the build, and what a query costs.

Reads a built store (``--store``; e.g. ``storyline build ../shared/corpus/ukraine-2022 --db X``) and,
on copies of it in a temporary folder (the store itself is never written):

- **growth**: the store's file size with its sentence vectors and without them (both VACUUMed), per
  article and per sentence;
- **build cost**: the time to embed the stored articles' sentences (``embed_stored``) against the time
  the spaCy analysis takes on a sample of the same articles, in one run (a ratio: the machine is shared);
- **int8 against float32**: for each query, the share of the float32 top 10 the stored int8 vectors
  also rank in their top 10, on a sample of documents;
- **query time**: the median over the queries of ``fts``, ``semantic`` and ``hybrid``, at the store's
  size and on a copy whose vector rows are replicated up to ``--scale`` documents (37,554: the allsides
  corpus), so the scan at that size is measured, not extrapolated; the store's size at that many
  articles is extrapolated from the growth per article (say so when quoting it);
- **matrix against table scan** at that size: the time to load the in-memory matrix
  (storyline.store.vectors) once, a query read from the table row by row instead (the ratio of the
  two query times, in one run), and whether both give the same top 20.

    .venv/bin/python benchmarks/search.py --store /tmp/ukraine.db [--scale 37554] [--sample 60]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from storyline.analyse.embeddings import WordLlamaEmbedder, default_embedder, embed_stored, unpack
from storyline.store import Store

QUERIES = (
    "security guarantees for Ukraine", "sanctions on Russian banks", "Finland and Sweden apply to join the alliance",
    "peace talks in Istanbul", "grain exports through the Black Sea", "attack on a nuclear power plant",
    "refugees crossing the border", "weapons deliveries from the United States", "the president spoke by phone",
    "gas supplies to Europe cut off",
)


def file_size(path: Path) -> int:
    connection = sqlite3.connect(path)
    connection.execute("VACUUM")
    connection.close()
    return path.stat().st_size


def time_queries(store: Store, mode: str, repeat: int = 1) -> float:
    """Median seconds of one query in ``mode`` over QUERIES."""
    return time_queries_wall_and_cpu(store, mode, repeat)[0]


def time_queries_wall_and_cpu(store: Store, mode: str, repeat: int = 1) -> tuple[float, float]:
    """Median wall and CPU seconds of one query in ``mode`` over QUERIES: on a shared machine the
    wall time counts the other processes' turns too, the process's CPU time only its own work."""
    times, cpu = [], []
    for query in QUERIES:
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            store.search(query, mode=mode)  # type: ignore[arg-type]
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(cpu)


def analysis_seconds(store: Store, sample: int) -> tuple[float, float, int]:
    """Seconds per article of the spaCy parse and of the embedding, on the first ``sample`` documents."""
    from storyline.analyse.nlp import load_model  # noqa: PLC0415

    ids = [r[0] for r in store.connection.execute("SELECT id FROM documents ORDER BY id LIMIT ?", (sample,))]
    texts = [r[0] for r in store.connection.execute("SELECT text FROM documents ORDER BY id LIMIT ?", (sample,))]
    sentences = store.sentence_texts(ids)
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    parse = (time.perf_counter() - started) / len(ids)
    embedder = default_embedder()
    started = time.perf_counter()
    embedder.embed([t for i in ids for t in sentences[i]])
    embed = (time.perf_counter() - started) / len(ids)
    return parse, embed, len(ids)


def int8_agreement(store: Store, docs: int) -> float:
    """Mean share of the float32 top 10 that the stored int8 vectors also rank top 10."""
    ids = [r[0] for r in store.connection.execute("SELECT doc FROM sentence_vectors ORDER BY doc LIMIT ?", (docs,))]
    texts = store.sentence_texts(ids)
    embedder = default_embedder()
    exact = embedder.embed([t for i in ids for t in texts[i]])
    stored = np.concatenate([unpack(r[0], r[1]) for r in store.connection.execute(
        "SELECT vectors, dimensions FROM sentence_vectors ORDER BY doc LIMIT ?", (docs,))])
    shares = []
    for q in embedder.embed(list(QUERIES)):
        a = set(np.argsort(-(exact @ q))[:10].tolist())
        b = set(np.argsort(-(stored @ q))[:10].tolist())
        shares.append(len(a & b) / 10)
    return float(np.mean(shares))


def scan_against_matrix(store: Store) -> tuple[float, int, int]:
    """The median ms of a semantic query read from the table row by row (the path before the
    in-memory matrix; what a search within a story still does); for how many QUERIES its top 20
    is the matrix's sentence for sentence, and for how many its 20 cosines are (to 1e-5). The
    replicated rows are copies, so equal cosines abound, and the table scan's BLAS product can
    round one copy's cosine differently from another's: where the two differ, see the second."""
    embedder = default_embedder()
    times, same, same_scores = [], 0, 0
    for query in QUERIES:
        vector = embedder.embed([query])[0]
        started = time.perf_counter()
        scanned = store._scan_nearest_sentences(vector, embedder.name, 20, None)
        times.append(time.perf_counter() - started)
        fast = store._nearest_sentences(vector, embedder.name, 20, None)
        same += [key for key, _ in scanned] == [key for key, _ in fast]
        same_scores += bool(np.allclose([s for _, s in scanned], [s for _, s in fast], atol=1e-5))
    return statistics.median(times) * 1000, same, same_scores


def replicate_vectors(path: Path, documents: int) -> int:
    """Copy the vector rows under new document ids until the store holds ``documents`` of them."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    rows = connection.execute("SELECT doc, model, dimensions, vectors FROM sentence_vectors ORDER BY doc").fetchall()
    have, copy = len(rows), 0
    while have < documents:
        batch = rows[:documents - have]
        connection.executemany("INSERT INTO sentence_vectors VALUES (?, ?, ?, ?)",
                               [(f"{doc}~{copy}", model, dims, blob) for doc, model, dims, blob in batch])
        have += len(batch)
        copy += 1
    connection.commit()
    connection.close()
    return have


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=37554, help="documents to replicate the vectors up to")
    parser.add_argument("--sample", type=int, default=60, help="articles parsed for the build-cost ratio")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="storyline-search-"))
    try:
        with_vectors = work / "with.db"
        shutil.copy(args.store, with_vectors)
        with Store.open(with_vectors) as store:
            store.connection.execute("DELETE FROM sentence_vectors")
            started = time.perf_counter()
            embedded = len(embed_stored(store))
            embed_all = time.perf_counter() - started
            docs, sentences = store.connection.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences)").fetchone()
            vector_bytes = store.connection.execute("SELECT sum(length(vectors)) FROM sentence_vectors").fetchone()[0]
            parse, embed, sampled = analysis_seconds(store, args.sample)
            agreement = int8_agreement(store, 300)
            for mode in ("fts", "semantic", "hybrid"):  # warm: the model loads, pages are cached
                store.search(QUERIES[0], mode=mode)  # type: ignore[arg-type]
            query = {mode: time_queries(store, mode) for mode in ("fts", "semantic", "hybrid")}
        without = work / "without.db"
        shutil.copy(with_vectors, without)
        connection = sqlite3.connect(without)
        connection.execute("DELETE FROM sentence_vectors")
        connection.commit()
        connection.close()
        size_with, size_without = file_size(with_vectors), file_size(without)
        without.unlink()
        scaled = replicate_vectors(with_vectors, args.scale)
        with Store.open(with_vectors) as store:
            store.search(QUERIES[0], mode="fts")  # the model loads, outside the matrix's time
            started = time.perf_counter()
            matrix = store.sentence_matrix(WordLlamaEmbedder.name)
            matrix_load = time.perf_counter() - started
            scaled_timed = {mode: time_queries_wall_and_cpu(store, mode, repeat=3) for mode in ("semantic", "hybrid")}
            scaled_query = {mode: wall for mode, (wall, _) in scaled_timed.items()}
            scaled_cpu = {mode: cpu for mode, (_, cpu) in scaled_timed.items()}
            scan_ms, same_top, same_scores = scan_against_matrix(store)
        growth = (size_with - size_without) / docs
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "documents": docs, "sentences": sentences, "model": WordLlamaEmbedder.name,
        "vector_bytes_per_sentence": round(vector_bytes / sentences, 1),
        "store_bytes_without_vectors": size_without, "store_bytes_with_vectors": size_with,
        "growth_bytes_per_article": round(growth), "growth_share": round((size_with - size_without) / size_without, 3),
        "embed_seconds_all": round(embed_all, 2), "embedded_documents": embedded,
        "parse_s_per_article": round(parse, 4), "embed_s_per_article": round(embed, 5),
        "embed_to_parse_ratio": round(embed / parse, 4), "ratio_sample": sampled,
        "int8_top10_agreement": round(agreement, 3),
        "query_ms": {m: round(s * 1000, 1) for m, s in query.items()},
        "scaled_documents": scaled, "scaled_query_ms": {m: round(s * 1000, 1) for m, s in scaled_query.items()},
        "scaled_sentences": len(matrix.rows), "matrix_mb": round(matrix.nbytes / 1e6, 1),
        "matrix_load_s": round(matrix_load, 2), "scaled_scan_ms": round(scan_ms, 1),
        "scan_to_matrix_ratio": round(scan_ms / (scaled_query["semantic"] * 1000), 1),
        "same_top20_as_scan": same_top, "same_top20_cosines_as_scan": same_scores,
        "scaled_query_cpu_ms": {m: round(s * 1000, 1) for m, s in scaled_cpu.items()},
        "estimated_growth_mb_at_scale": round(growth * args.scale / 1e6, 1),
    }
    print(f"{docs} documents, {sentences} sentences: vectors add {growth / 1024:.1f} KiB an article "
          f"({figures['growth_share']:.1%} of the store); embedding is {embed / parse:.2%} of the parse's time")
    print(f"int8 keeps {agreement:.1%} of float32's top 10; query ms at {docs} docs: {figures['query_ms']}; "
          f"at {scaled} docs (vectors replicated): {figures['scaled_query_ms']}")
    print(f"at {scaled} docs ({len(matrix.rows)} sentences): the matrix ({figures['matrix_mb']} MB in memory) "
          f"loads in {matrix_load:.1f} s; reading the rows from the table instead takes {scan_ms:.0f} ms a query "
          f"({figures['scan_to_matrix_ratio']}× the matrix); same top 20 in {same_top} of {len(QUERIES)} queries, "
          f"the same 20 cosines in {same_scores}; CPU ms a query: {figures['scaled_query_cpu_ms']}")
    print(f"estimated growth at {args.scale} articles: {figures['estimated_growth_mb_at_scale']} MB (extrapolated)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
