"""The store is a function of the stored documents: build order, copies and reruns do not change it."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import shutil
from pathlib import Path

import pytest

from storyline.builder import build, default_stages, reanalyser
from storyline.link.corpus import default_steps
from storyline.serve.export import export
from storyline.link.runner import GENERATION, LINKED_GENERATION, CorpusRunner, mark_changed
from storyline.pipeline import split_at_parse
from storyline.store import Store

from conftest import SEEDS, SHARED

UKRAINE = SHARED / "corpus" / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz"


def exported(db: Path) -> list[str]:
    """Every exported record as canonical JSON, sorted: two stores are equal when these are."""
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, "jsonl")
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.getvalue().splitlines())


def seed_files() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")


def test_seeds_built_in_two_steps_equal_a_clean_build(tmp_path: Path, seeds_db: Path) -> None:
    # The first three seeds alone date two articles a year late (their month-day dates have no
    # dated report of the same events yet); the other two must correct that when they arrive.
    files = seed_files()
    db = tmp_path / "two-steps.db"
    build(files[:3], db=db)
    build(files, db=db)
    assert exported(db) == exported(seeds_db)
    with Store.open(db) as store:
        days = {Path(d.source).name[:3]: d.published for d in store.documents()}
    assert (days["000"], days["002"]) == ("2022-03-10", "2022-01-12")


def test_seeds_built_in_reverse_order_equal_a_clean_build(tmp_path: Path, seeds_db: Path) -> None:
    db = tmp_path / "reversed.db"
    for path in reversed(seed_files()):
        build([path], db=db)
    assert exported(db) == exported(seeds_db)


@pytest.mark.skipif(not UKRAINE.exists(), reason="needs ../shared/corpus/ukraine-2022")
def test_a_ukraine_subset_built_in_two_steps_equals_a_clean_build(tmp_path: Path) -> None:
    # Every 100th article: Guardian reports, presidency releases and undated GDELT texts alike.
    with gzip.open(UKRAINE, "rt", encoding="utf-8") as handle:
        lines = list(itertools.islice(handle, 0, None, 100))
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    clean = tmp_path / "clean.db"
    build([first, second], db=clean)
    expected = exported(clean)
    for order in ([first], [second]), ([second], [first]), ([second], [first, second]):
        stepwise = tmp_path / f"{order[0][0].stem}-then-{len(order[1])}.db"
        for paths in order:
            assert build(paths, db=stepwise).linked
        assert exported(stepwise) == expected, [p.name for paths in order for p in paths]
    with Store.open(stepwise) as store:  # each batch was linked once, and the list of what to link emptied
        assert store.unlinked_documents() == frozenset()
        assert len(store.copy_signatures()) == len(store.documents())


ARTICLE = ("Mayor Ilsa Brandvold of Korvath announced on Tuesday that the river bridge will reopen in May. "
           "\"We kept our promise,\" Brandvold told reporters in Korvath.\n\n"
           "The Korvath city council approved the repairs last year after a long debate.")


def record(outlet: str, published: str | None, text: str = ARTICLE, title: str = "Bridge to reopen") -> str:
    fields = {"outlet": outlet, "title": title, "text": text}
    if published is not None:
        fields["published"] = published
    return json.dumps(fields) + "\n"


def test_the_same_text_from_two_outlets_is_one_document_with_two_publications(tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text(record("Later Gazette", "2021-04-15") + record("Early Herald", "2021-04-08")
                    + record("Copy Daily", None, ARTICLE + "\n"), encoding="utf-8")
    db = tmp_path / "s.db"
    report = build([wire], db=db)
    assert (report.stored, report.copies, report.failed) == (1, 2, 0)
    with Store.open(db) as store:
        (doc,) = store.documents()
        publications = store.publications(doc.id)
        assert sorted(p.outlet for p in publications) == ["Copy Daily", "Early Herald", "Later Gazette"]
        # the earliest dated publication speaks for the text, whichever arrived first
        assert (doc.outlet, doc.published, doc.published_basis) == ("Early Herald", "2021-04-08", "given")
        (tuesday,) = [t for t in store.timexes(doc=doc.id) if t.text == "Tuesday"]
        assert tuesday.value == "2021-04-06"  # the Tuesday before the canonical date, a Thursday
    again = build([wire], db=db)
    assert (again.stored, again.copies, again.skipped, again.linked) == (0, 0, 3, False)


def test_a_build_that_stores_nothing_links_nothing_but_a_killed_link_is_redone(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(record("Early Herald", "2021-04-08"), encoding="utf-8")
    db = tmp_path / "s.db"
    assert build([source], db=db).linked
    assert not build([source], db=db).linked
    with Store.open(db) as store:  # as if the last build was killed after storing, before linking
        with store.transaction():
            store.set_corpus_state(LINKED_GENERATION, "0")
    report = build([source], db=db)
    assert report.linked and report.stored == 0
    with Store.open(db) as store:
        assert store.corpus_state(GENERATION) == store.corpus_state(LINKED_GENERATION)
        assert store.actors()


PAGE = """<!DOCTYPE html><html><head><title>Bridge to reopen</title>
<meta property="article:published_time" content="2021-04-08T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Bridge to reopen</h1>
<p>Mayor Ilsa Brandvold of Korvath announced on Tuesday that the river bridge will reopen in May, after two
years of repairs that closed the main road between the old town and the harbour.</p>
<p>"We kept our promise," Brandvold told reporters in Korvath, standing beside the engineers who led the work.
The council had approved the repairs last year after a long debate about their cost.</p>
<p>Shopkeepers on both banks said the closure had cut their trade by half, and welcomed the news.</p>
</article><footer>Copyright Korvath Courier</footer></body></html>"""


def test_the_same_page_with_a_comment_added_is_a_copy_not_a_second_article(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "b.html").write_text(PAGE.replace("<footer>", "<!-- served by cache 7 --><footer>"), encoding="utf-8")
    report = build([folder], db=tmp_path / "s.db")
    assert (report.stored, report.copies, report.failed) == (1, 1, 0), report.failures
    with Store.open(tmp_path / "s.db") as store:
        assert sorted(Path(p.source).name for p in store.publications()) == ["a.html", "b.html"]


def test_copies_arriving_in_either_order_give_the_same_store(tmp_path: Path) -> None:
    # The same wire text from two outlets, each with its own chrome: one document, two publications,
    # and the document's source, metadata and removed spans are its canonical publication's.
    body = ARTICLE.replace("\n\n", "\n\nShare this article\n\n")
    later, earlier = tmp_path / "later.jsonl", tmp_path / "earlier.jsonl"
    later.write_text(record("Later Gazette", "2021-04-15", body + "\n\nRead also: more news"), encoding="utf-8")
    earlier.write_text(record("Early Herald", "2021-04-08", body), encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    build([later], db=one)
    build([earlier], db=one)
    build([earlier], db=two)
    build([later], db=two)
    assert exported(one) == exported(two)
    with Store.open(one) as store:
        (doc,) = store.documents(removed=True)
        assert (Path(doc.source).name, doc.outlet) == ("earlier.jsonl:1", "Early Herald")
        assert "Read also: more news" not in {span.text.strip() for span in doc.removed}


def test_a_near_copy_arriving_in_a_later_build_is_found_as_in_one_build(tmp_path: Path) -> None:
    # A later build compares only its new texts, against the signatures the store kept.
    extended = ARTICLE + " Engineers will inspect the new deck again in the autumn, before the first winter storms."
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(record("Early Herald", "2021-04-08"), encoding="utf-8")
    second.write_text(record("Later Gazette", "2021-04-09", extended), encoding="utf-8")
    together, apart, reversed_ = tmp_path / "together.db", tmp_path / "apart.db", tmp_path / "reversed.db"
    build([first, second], db=together)
    for db, order in ((apart, (first, second)), (reversed_, (second, first))):
        for path in order:
            build([path], db=db)
        assert exported(db) == exported(together)
    with Store.open(apart) as store:
        (copy,) = store.copies()
        assert store.document(copy.canonical).outlet == "Early Herald" and copy.similarity == 1.0


def test_speakers_resolve_only_the_documents_that_changed(tmp_path: Path, seeds_db: Path) -> None:
    # One document marked changed, nothing else: the speakers step resolves that document alone,
    # and leaves the store as the from-scratch build left it.
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    reanalyse = reanalyser(split_at_parse(default_stages())[1])
    with Store.open(db) as store:
        speaking = sorted({q.doc for _, q in store.quote_rows()} | {e.doc for _, e in store.event_rows()})
        assert len(speaking) > 1
        with store.transaction():
            mark_changed(store, [speaking[0]])
        counts = CorpusRunner(default_steps()).run(store, reanalyse)
        assert counts["speaker_documents"] == 1
        everything = CorpusRunner(default_steps()).run(store, reanalyse, everything=True)
        assert everything["speaker_documents"] == len(speaking)
    assert exported(db) == exported(seeds_db)
