"""The web UI's pages over a real store, through FastAPI's test client: what each page shows,
that hostile article text stays text, the security headers, and clear 404 and 422 pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from conftest import ATTRIBUTE, SCRIPT
from storyline.serve.api import create_app
from storyline.serve.web.marks import Mark, marked_html, pieces
from storyline.serve.web.pages import CELL_SENTENCES
from storyline.serve.web.security import CONTENT_SECURITY_POLICY
from storyline.store import Store


@pytest.fixture(scope="module")
def seeds(seeds_db: Path) -> Iterator[TestClient]:
    app = create_app(str(seeds_db))
    yield TestClient(app)
    app.state.store.close()


@pytest.fixture(scope="module")
def hostile(hostile_db: Path) -> Iterator[TestClient]:
    app = create_app(str(hostile_db))
    yield TestClient(app)
    app.state.store.close()


def hostile_pages(store: Store) -> list[str]:
    doc = store.documents()[0]
    actor = store.actors(label="PERSON")[0]
    return ["/", "/timeline", "/quotes?class=all", "/quotes?q=pier", "/actors", f"/actors/{actor.id}",
            f"/documents/{doc.id}", "/search?q=pier", "/search?q=" + SCRIPT, "/positions", "/stories",
            *(f"/stories/{s.id}" for s in store.stories()),
            "/timeline?actor=" + SCRIPT, "/timeline?from=" + ATTRIBUTE]


def test_hostile_text_is_shown_as_text_on_every_page(hostile: TestClient) -> None:
    store = hostile.app.state.store  # type: ignore[attr-defined]
    shown_somewhere = set()
    for url in hostile_pages(store):
        response = hostile.get(url)
        assert response.status_code in (200, 422), url
        html = response.text
        # the only script is the package's own file; no tag carries a handler
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/storyline.js" defer>'], url
        assert not re.search(r"<[^>]*\sonerror\s*=", html, re.IGNORECASE), url
        assert "<img" not in html, url
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in html:
            shown_somewhere.add(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    # the text is there, escaped, on the pages that show it
    doc = store.documents()[0]
    actor = store.actors(label="PERSON")[0]
    for url in ("/", "/timeline", "/quotes?class=all", f"/actors/{actor.id}", f"/documents/{doc.id}",
                "/search?q=pier", "/search?q=" + SCRIPT, "/timeline?actor=" + SCRIPT):
        assert url in shown_somewhere, url
    # the 422 page says what was given, escaped
    assert "onerror=alert(1)&gt;" in hostile.get("/timeline?from=" + ATTRIBUTE).text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in hostile.get(f"/documents/{doc.id}").text


def test_the_policy_allows_nothing_inline() -> None:
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    templates = Path(__file__).resolve().parents[1] / "storyline" / "serve" / "web" / "templates"
    for template in templates.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle\s*=|\son[a-z]+\s*=|<style|<script>", text), template.name


def test_static_files_are_served_with_the_headers(seeds: TestClient) -> None:
    for path, kind in (("/static/storyline.css", "text/css"), ("/static/storyline.js", "javascript")):
        response = seeds.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert response.headers["x-content-type-options"] == "nosniff"
    assert seeds.get("/static/../pages.py").status_code == 404


@pytest.mark.parametrize("url, where", [
    ("/timeline?from=yesterday", "from"), ("/timeline?zoom=week", "zoom"), ("/timeline?size=100000", "size"),
    ("/quotes?kind=shouted", "kind"), ("/quotes?page=0", "page"), ("/search?limit=-1", "limit"),
    ("/positions?top=1000", "top"), ("/quotes?doc=not-hex", "doc"),
])
def test_an_invalid_parameter_is_a_clear_422_page(seeds: TestClient, url: str, where: str) -> None:
    response = seeds.get(url)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert f"<code>query.{where}</code>" in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_an_unknown_document_or_actor_is_a_404_page(seeds: TestClient) -> None:
    for url in ("/documents/ffffffffffff", "/actors/nobody"):
        response = seeds.get(url)
        assert response.status_code == 404 and "<h1>Not found</h1>" in response.text


def test_the_timeline_groups_entries_and_links_each_to_its_evidence(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    entries = store.timeline()
    html = seeds.get("/timeline?zoom=month").text
    for entry in entries:
        event = next(e for e in entry.events if e.doc == entry.sources[0])
        assert f'href="/documents/{event.doc}#c{event.start}-{event.end}"' in html
    months = sorted({e.date[:7] for e in entries})
    assert re.findall(r'<h2 id="p([0-9-]+)">', html) == months
    # a conflict of dates is shown with each source's date
    conflicted = [e for e in entries if len({c.value for c in e.date_claims}) > 1]
    assert conflicted and html.count("Sources give different dates") == len(conflicted)


def test_the_timeline_pages_and_filters(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    every = store.timeline()
    first = seeds.get("/timeline?size=4").text
    assert first.count('class="entry') == 4 and "page=2" in first
    last_page = (len(every) + 3) // 4
    last = seeds.get(f"/timeline?size=4&page={last_page}").text
    assert last.count('class="entry') == len(every) - 4 * (last_page - 1) and "next →" not in last
    category = every[0].category
    filtered = seeds.get(f"/timeline?category={category.lower()}").text
    assert filtered.count('class="entry') == sum(1 for e in every if e.category == category)
    day = every[0].date
    assert seeds.get(f"/timeline?from={day}&to={day}").text.count('class="entry') == \
        sum(1 for e in every if e.date == day)


def test_the_document_view_marks_every_item_at_its_offsets(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    doc = store.documents()[0]
    html = seeds.get(f"/documents/{doc.id}").text
    for quote in store.quotes(doc=doc.id):
        assert f'id="c{quote.start}-{quote.end}"' in html
    for timex in store.timexes(doc=doc.id):
        assert f'id="c{timex.start}-{timex.end}"' in html
    # the pieces put together are the clean text, each piece at its own offsets
    found = re.findall(r'data-s="(\d+)" data-e="(\d+)"', html)
    assert found[0][0] == "0" and int(found[-1][1]) == len(doc.text)
    assert all(a[1] == b[0] for a, b in zip(found, found[1:]))
    assert doc.published_basis in html


def test_quotes_filter_by_speaker_words_and_date(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    html = seeds.get("/quotes?speaker=stoltenberg&class=all&size=500").text
    expected = store.quotes(speaker="stoltenberg")
    assert html.count('<li class="quote">') == len(expected) > 0
    word = "negotiations"
    with_word = [q for q in store.quotes(cue_class=None) if word in q.text.lower()]
    assert seeds.get(f"/quotes?q={word}&class=all&size=500").text.count('<li class="quote">') == len(with_word) > 0
    assert seeds.get("/quotes?from=2030&class=all").text.count('<li class="quote">') == 0


def test_the_actor_page_shows_names_with_their_evidence(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    actor = next(a for a in store.actors(label="PERSON") if len(a.aliases) > 1)
    html = seeds.get(f"/actors/{actor.id}").text
    for link in actor.aliases:
        assert link.rule in html
    assert len(store.quotes(actor=actor.id)) > 0 and "<h3>speech" in html


def test_search_marks_the_matched_words(seeds: TestClient) -> None:
    html = seeds.get("/search?q=security+guarantees").text
    assert "<mark>security</mark>" in html and "<mark>guarantees</mark>" in html
    assert seeds.get("/search?q=%22unbalanced").status_code == 200


def test_search_by_meaning_shows_sentences_without_the_words(seeds: TestClient) -> None:
    html = seeds.get("/search?q=alliance+chief+talks&mode=semantic").text
    assert '<option value="semantic" selected>' in html
    assert html.count('class="hit"') > seeds.get("/search?q=alliance+chief+talks").text.count('class="hit"')
    assert seeds.get("/search?q=NATO&mode=regex").status_code == 422


def latest_first(found: list) -> list:
    """Positions by date, the latest first (undated last), then in document order."""
    in_order = sorted(found, key=lambda p: (p.doc, p.start))
    dated = sorted((p for p in in_order if p.date), key=lambda p: p.date, reverse=True)
    return dated + [p for p in in_order if not p.date]


def test_the_positions_matrix_opens_each_cell_on_its_sentences(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    html = seeds.get("/positions").text
    cells: dict[tuple[str, str], list] = {}
    for p in store.positions():
        cells.setdefault((p.actor, p.issue), []).append(p)
    assert html.count("<details>") == len(cells)
    for (actor, issue), found in cells.items():
        # a cell opens on its latest sentences, and links to the page of all of them
        for p in latest_first(found)[:CELL_SENTENCES]:
            assert f"#c{p.start}-{p.end}" in html
        assert f'href="/positions/{actor}/{issue}"' in html
        page = seeds.get(f"/positions/{actor}/{issue}").text
        for p in found:
            assert f"#c{p.start}-{p.end}" in page
    assert seeds.get("/positions/nobody/no-issue").status_code == 404


def test_the_latest_positions_of_each_cell(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        every = store.positions()
        actors = sorted({p.actor for p in every})
        for per_cell in (1, 2):
            latest = store.latest_positions(actors, per_cell)
            cells: dict[tuple[str, str], list] = {}
            for p in every:
                cells.setdefault((p.actor, p.issue), []).append(p)
            wanted = [p for found in cells.values() for p in latest_first(found)[:per_cell]]
            assert {(p.doc, p.start, p.actor, p.issue) for p in latest} \
                == {(p.doc, p.start, p.actor, p.issue) for p in wanted}
            assert latest == sorted(latest, key=lambda p: (p.actor, p.issue, p.date or "", p.doc, p.start))


def test_pieces_cut_the_text_at_every_mark() -> None:
    text = "Ilsa Marn said the dam holds."
    cut = pieces(text, [Mark("quote", 15, 28), Mark("mention", 0, 9, "Ilsa Marn"), Mark("event", 0, 29),
                        Mark("timex", 40, 45)])
    assert "".join(p.text for p in cut) == text
    assert [(p.start, p.end, p.kinds) for p in cut] == [
        (0, 9, ("event", "mention")), (9, 15, ("event",)), (15, 28, ("event", "quote")), (28, 29, ("event",))]
    assert cut[0].anchors == ("c0-9", "c0-29") and cut[2].anchors == ("c15-28",)


def test_the_empty_fields_of_a_filter_form_are_no_filter(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    response = seeds.get("/quotes?speaker=stoltenberg&q=&kind=&class=all&from=&to=&size=500")
    assert response.status_code == 200
    assert response.text.count('<li class="quote">') == len(store.quotes(speaker="stoltenberg"))
    assert seeds.get("/timeline?actor=&category=&from=&to=&zoom=month").status_code == 200


def test_the_store_reads_behind_the_pages(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        every = store.timeline()
        assert store.timeline(offset=3, limit=2) == every[3:5]
        assert sum(n for _, n in store.timeline_periods(7)) == len(every)
        assert store.timeline_periods(4) == sorted(
            {(y, sum(1 for e in every if e.date[:4] == y)) for y in {e.date[:4] for e in every}})
        actor = store.actors(label="PERSON", limit=1)[0]
        assert all(q.actor == actor.id for q in store.quotes(actor=actor.id)) and store.quotes(actor=actor.id)
        assert all(actor.id in (e.source_actor, e.target_actor) for e in store.events(actor=actor.id))
        dated = store.quotes(cue_class=None, start="2022-03", end="2022-03")
        titles = store.document_titles(q.doc for q in dated)
        assert dated and all(titles[q.doc][2].startswith("2022-03") for q in dated)
        hit = store.search("security guarantees")[0]
        assert [hit.text[a:b].lower() for a, b in hit.marks] == ["security", "guarantees"]
        assert store.actor(actor.id) == actor


def test_pieces_are_written_as_escaped_html() -> None:
    text = f"Teo Brandt wrote {SCRIPT} and {ATTRIBUTE}."
    marks = [Mark("mention", 0, 10, ATTRIBUTE), Mark("quote", 17, 17 + len(SCRIPT))]
    html = str(marked_html(text, marks))
    assert "<script>" not in html and "<img" not in html
    assert html.count('<span class="piece') == 4 and 'id="c0-10"' in html and 'class="piece k-quote"' in html
    assert 'title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in html
    # the HTML is the pieces, each written once, in order
    cut = pieces(text, marks)
    assert [p.text for p in cut] == ["Teo Brandt", " wrote ", SCRIPT, f" and {ATTRIBUTE}."]
    assert html.count("data-s=") == len(cut) and all(f'data-s="{p.start}" data-e="{p.end}"' in html for p in cut)


def test_pieces_nest_and_overlap_as_the_marks_do() -> None:
    text = "Ada Vrell said the talks would resume on Monday."
    said, monday = text.index("the talks"), text.index("Monday")
    quote = Mark("quote", said, monday + 6, "quote")
    cut = pieces(text, [quote, Mark("mention", 0, 9, "PERSON"), Mark("timex", monday, monday + 6, "time"),
                        Mark("sentence", 0, len(text)), quote])
    assert [(p.text, p.kinds) for p in cut] == [
        ("Ada Vrell", ("mention", "sentence")), (" said ", ("sentence",)),
        ("the talks would resume on ", ("quote", "sentence")), ("Monday", ("quote", "sentence", "timex")),
        (".", ("sentence",))]
    assert cut[0].anchors == ("c0-9", f"c0-{len(text)}") and cut[3].labels == ("quote", "time")


def test_every_link_to_evidence_has_its_anchor(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    pages: dict[str, str] = {}
    links = [(p.doc, p.start, p.end) for p in store.positions()]
    links += [(h.doc, h.start, h.end) for h in store.search("NATO", limit=20)]
    links += [(e.doc, e.start, e.end) for entry in store.timeline() for e in entry.events]
    for doc, start, end in links:
        html = pages.setdefault(doc, seeds.get(f"/documents/{doc}").text)
        assert f'id="c{start}-{end}"' in html, (doc, start, end)


def test_the_http_api_app_serves_the_pages_beside_the_api(seeds_db: Path) -> None:
    from storyline.serve.api.app import create_app

    app = create_app(str(seeds_db))
    try:
        client = TestClient(app)
        page = client.get("/timeline?zoom=week")
        assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert client.get("/static/storyline.js").status_code == 200
        api = client.get("/api/timeline?from=yesterday")
        assert api.status_code == 422 and set(api.json()) == {"error"}
    finally:
        app.state.store.close()


def test_the_story_page_briefs_the_story_and_links_every_sentence_to_its_evidence(seeds: TestClient) -> None:
    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    story = store.stories()[0]
    overview = seeds.get("/").text
    assert f'href="/stories/{story.id}"' in overview  # the overview's stories open their page
    assert f'href="/stories/{story.id}"' in seeds.get("/stories").text
    response = seeds.get(f"/stories/{story.id}")
    assert response.status_code == 200
    html = response.text
    for doc in story.docs:
        assert f'href="/documents/{doc}"' in html
    assert "<h2>Briefing</h2>" in html and "What happened" in html
    # every cited span opens its document with that span marked, and the anchor exists there
    cited = re.findall(r'href="/documents/([0-9a-f]+)\?at=(\d+)-(\d+)#c(\d+)-(\d+)"', html)
    assert cited
    for doc, start, end, a, b in cited[:10]:
        assert (start, end) == (a, b)
        page = seeds.get(f"/documents/{doc}?at={start}-{end}").text
        assert f'id="c{start}-{end}"' in page and "k-cited" in page
        text = store.document(doc).text[int(start):int(end)]
        assert text.split()[0] in html
    # a story's page is reached by a prefix of its id too; an unknown one is a 404, a malformed one a 422
    assert seeds.get(f"/stories/{story.id[6:14]}").status_code == 200
    assert seeds.get("/stories/story-ffffffffffff").status_code == 404
    assert seeds.get("/stories/not a story").status_code in (404, 422)
    assert seeds.get(f"/documents/{story.docs[0]}?at=12").status_code == 422


def test_a_heavy_page_is_kept_until_the_store_changes(seeds_db: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "copy.db"
    with sqlite3.connect(seeds_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    app = create_app(str(db))
    with TestClient(app) as client:
        store: Store = app.state.store
        doc = store.documents()[0]
        first = client.get(f"/documents/{doc.id}")
        # A change that bypasses the store's transactions leaves the revision where it was: the
        # kept page is answered, byte for byte, with the page's security headers.
        with sqlite3.connect(db) as behind:
            behind.execute("UPDATE documents SET title = 'Harbour of Vell renamed' WHERE id = ?", (doc.id,))
        again = client.get(f"/documents/{doc.id}")
        assert again.content == first.content and again.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "Harbour of Vell renamed" in client.get(f"/documents/{doc.id}?at=0-5").text  # another URL: rendered
        with store.transaction():  # a write moves the revision on: the page is rendered again
            store.connection.execute("UPDATE documents SET title = 'Vell harbour reopens' WHERE id = ?", (doc.id,))
        assert "Vell harbour reopens" in client.get(f"/documents/{doc.id}").text
        assert client.get("/documents/0000dead").status_code == 404  # not kept: rendered each time


def test_a_documents_long_lists_open_on_their_own_pages(seeds: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.serve.web import pages

    store: Store = seeds.app.state.store  # type: ignore[attr-defined]
    doc = max(store.documents(), key=lambda d: len(store.mentions(doc=d.id)))
    names, quotes = store.mentions(doc=doc.id), store.quotes(doc=doc.id)
    monkeypatch.setattr(pages, "DOCUMENT_ITEMS", 2)
    monkeypatch.setattr(seeds.app.state, "pages", None)  # rendered now, not a page kept by an earlier test
    html = seeds.get(f"/documents/{doc.id}").text
    assert f'<a href="/documents/{doc.id}/mentions">All {len(names)} names</a>' in html
    assert html.count('<ol class="quotes">') == 1 and html.count('<li class="quote">') == min(2, len(quotes))
    for m, _ in names:  # every name is still marked in the text
        assert f'id="c{m.start}-{m.end}"' in html
    listed = seeds.get(f"/documents/{doc.id}/mentions").text
    assert all(f'href="/documents/{doc.id}#c{m.start}-{m.end}"' in listed for m, _ in names)
    assert seeds.get(f"/documents/{doc.id}/quotes").text.count('<li class="quote">') == len(quotes)
    assert seeds.get(f"/documents/{doc.id}/sentences").status_code == 422
    assert seeds.get("/documents/0000dead/events").status_code == 404
