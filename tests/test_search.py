"""Search by meaning: the bundled model loads with the network off, vectors are stored compactly,
and semantic and hybrid search find paraphrases full-text search misses. Invented sentences."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from storyline.analyse.embeddings import DIMENSIONS, Embed, WordLlamaEmbedder, default_embedder, pack, unpack
from storyline.records import Article, RawDocument, SentenceVectors, Span
from storyline.serve.cli import app
from storyline.store import Store

from conftest import BACKENDS, store_location

ARTICLES = {
    "cup.txt": "Rovers lift the cup\n\nThe Dunmore Rovers won the cup final by two goals on Saturday. "
               "Their captain Tomas Reiby scored twice in the second half.",
    "bank.txt": "Bank of Velmar moves\n\nThe central bank of Velmar raised interest rates by half a point on "
                "Thursday. Its governor Anja Sollberg said prices were rising too fast.",
    "clinic.txt": "Clinics busy in Ostrava Vale\n\nDoctors in Ostrava Vale vaccinated thousands of children "
                  "against measles this week. The health office opened four new clinics.",
}


@pytest.fixture(scope="module", params=BACKENDS)
def search_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    from storyline.builder import build

    folder = tmp_path_factory.mktemp("search")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = store_location(request, folder)("search")
    report = build([folder], db=db, workers=1)
    assert report.stored == 3, report.failures
    return db


def test_the_model_loads_from_the_package_with_the_network_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedder tried to reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = WordLlamaEmbedder()  # a fresh load, not the cached one
    vectors = embedder.embed(["The council met on Monday.", ""])
    assert vectors.shape == (2, DIMENSIONS) and vectors.dtype == np.float32
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-5


def test_importing_the_model_leaves_the_programs_logging_alone() -> None:
    code = ("import logging; from storyline.analyse.embeddings import default_embedder; default_embedder(); "
            "root = logging.getLogger(); print(len(root.handlers), root.level)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.stdout.split() == ["0", str(logging.WARNING)]


def test_int8_rows_keep_the_cosine_ranking() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(200, DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    blob = pack(vectors)
    assert len(blob) == 200 * DIMENSIONS  # one byte a dimension: a quarter of float32
    restored = unpack(blob)
    assert np.min(np.sum(vectors * restored, axis=1)) > 0.999
    query = vectors[0] + 0.5 * vectors[1]
    assert list(np.argsort(-(vectors @ query))[:10]) == list(np.argsort(-(restored @ query))[:10])


def test_stored_vectors_must_be_whole_rows() -> None:
    with pytest.raises(ValueError):
        SentenceVectors("m", 4, b"\x01\x02\x03")
    assert SentenceVectors("m", 4, bytes(8)).rows == 2


def test_the_embed_stage_gives_one_row_per_sentence() -> None:
    sentences = (Span(0, 20, "The ferry sank today."), Span(21, 40, "Nobody was hurt."))
    article = Article(raw=RawDocument("x.txt", "text", "ferry"), text="ferry", sentences=sentences)
    (out,) = Embed().process_batch([article])
    assert out.sentence_vectors is not None and out.sentence_vectors.rows == 2
    assert out.sentence_vectors.model == default_embedder().name


def test_a_build_stores_one_vector_per_sentence(search_db: str) -> None:
    with Store.open(search_db, create=False) as store:
        rows = store.connection.execute(
            "SELECT v.dimensions, length(v.vectors) AS size, (SELECT count(*) FROM sentences s WHERE s.doc = v.doc) AS n"
            " FROM sentence_vectors v").fetchall()
    assert len(rows) == 3
    assert all(r["size"] == r["n"] * r["dimensions"] for r in rows)


@pytest.mark.parametrize(("query", "finds"), [
    ("soccer championship", "won the cup final"),
    ("immunisation campaign", "vaccinated thousands of children"),
    ("borrowing costs", "raised interest rates"),
])
def test_semantic_search_finds_a_paraphrase_full_text_search_misses(search_db: str, query: str, finds: str) -> None:
    with Store.open(search_db, create=False) as store:
        assert store.search(query) == []  # none of the words is in the corpus
        (best, *rest) = store.search(query, mode="semantic")
        assert finds in best.text
        assert best.rank > rest[0].rank
        doc = store.document(best.doc)
        assert doc.text[best.start:best.end] == best.text  # provenance: the offsets index the clean text


def test_hybrid_search_ranks_what_both_agree_on_first(search_db: str) -> None:
    with Store.open(search_db, create=False) as store:
        words = store.search("captain scored")
        hybrid = store.search("captain scored", mode="hybrid")
        semantic = store.search("captain scored", mode="semantic")
    assert "Reiby scored twice" in words[0].text
    assert hybrid[0].text == words[0].text
    assert {h.text for h in semantic} <= {h.text for h in hybrid}  # every sentence carries a vector


def test_search_keeps_to_the_documents_given(search_db: str) -> None:
    with Store.open(search_db, create=False) as store:
        cup = next(h.doc for h in store.search("Rovers"))
        for mode in ("fts", "semantic", "hybrid"):
            hits = store.search("interest rates", mode=mode, docs=[cup])  # type: ignore[arg-type]
            assert {h.doc for h in hits} <= {cup}


def test_the_search_command_takes_a_mode_and_a_story(search_db: str) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["search", "immunisation campaign", "--mode", "semantic", "--json", "--db", str(search_db)])
    assert out.exit_code == 0, out.output
    hits = json.loads(out.output)
    assert "vaccinated" in hits[0]["text"] and {"doc", "start", "end", "rank"} <= set(hits[0])
    with Store.open(search_db, create=False) as store:
        story = next(s for s in store.stories() if any("Rovers" in (store.document(d).title or "") for d in s.docs))
    out = runner.invoke(app, ["search", "measles", "--story", story.id, "--json", "--db", str(search_db)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == []  # measles is in another story
    out = runner.invoke(app, ["search", "x", "--mode", "nearest", "--db", str(search_db)])
    assert out.exit_code != 0


def test_positions_keep_to_a_story(seeds_db: Path) -> None:
    runner = CliRunner()
    everything = json.loads(runner.invoke(app, ["positions", "--json", "--db", str(seeds_db)]).output)
    with Store.open(seeds_db, create=False) as store:
        story = max(store.stories(), key=lambda s: len(s.docs))
    out = runner.invoke(app, ["positions", "--story", story.id, "--json", "--db", str(seeds_db)])
    assert out.exit_code == 0, out.output
    kept = json.loads(out.output)
    assert {p["doc"] for p in kept} <= set(story.docs)
    assert [p for p in everything if p["doc"] in story.docs] == kept


def test_a_page_of_word_hits_is_the_one_the_plain_order_gives_ties_included(tmp_path: Path) -> None:
    # Over the whole store the page is ranked in two steps (storyline.store.dialect); restricted to
    # documents it is one ORDER BY. Both must give the same page, however many hits tie.
    with Store.open(tmp_path / "ties.db") as store, store.transaction():
        sentences = ["The ferry to Kessa sailed late.", "The ferry sailed.", "A ferry, a ferry and a ferry.",
                     "Nothing about boats here.", "The ferry to Kessa sailed late."]
        docs = []
        for n in range(12):
            doc = f"doc{n:02d}"
            docs.append(doc)
            text = " ".join(sentences[(n + k) % len(sentences)] for k in range(3))
            store.connection.execute("INSERT INTO documents (id, source, format, text) VALUES (?, ?, 'text', ?)",
                                     (doc, f"{doc}.txt", text))
            start = 0
            for idx in range(3):
                sentence = sentences[(n + idx) % len(sentences)]
                store.connection.execute("INSERT INTO sentences (doc, idx, start, end, text) VALUES (?, ?, ?, ?, ?)",
                                         (doc, idx, start, start + len(sentence), sentence))
                start += len(sentence) + 1
    with Store.open(tmp_path / "ties.db") as store:
        for query in ("ferry", "Kessa", "ferry sailed", "boats", "absent"):
            for limit, offset in ((1, 0), (3, 0), (5, 2), (7, 7), (40, 0), (4, 30)):
                whole = store.search(query, limit=limit, offset=offset)
                within = store.search(query, limit=limit, offset=offset, docs=docs)
                assert [(h.doc, h.sentence, h.rank, h.marks) for h in whole] == \
                    [(h.doc, h.sentence, h.rank, h.marks) for h in within], (query, limit, offset)
        assert len(store.search("ferry", limit=100)) == 12 * 3 - sum(
            1 for n in range(12) for k in range(3) if "ferry" not in sentences[(n + k) % len(sentences)])
