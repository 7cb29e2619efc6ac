"""The HTTP API over a store built from the seeds: each record in its one projection, pages with
cursors, ETags, checked parameters, one error shape on every route, writes behind a token."""

from __future__ import annotations

import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.readers import SUPPORTED_SUFFIXES
from storyline.serve.api import create_app
from storyline.serve.api.builds import upload_suffix
from storyline.serve.export import export
from storyline.store import Store

TOKEN = "test-token-Quillan"
# Two articles invented for these tests, as one JSON Lines upload.
ARTICLES = [
    {"id": "tarrow-1", "url": "https://example.org/tarrow-1", "outlet": "Tarrow Gazette", "published": "2024-05-02",
     "title": "Mayor Quillan opens the Tarrow bridge",
     "text": "Mayor Edda Quillan opened the new Tarrow bridge on Thursday. \"We built it together,\" "
             "Quillan said at the ceremony. The council of Tarrow approved the bridge in 2021."},
    {"id": "tarrow-2", "url": "https://example.org/tarrow-2", "outlet": "Vell Courier", "published": "2024-05-03",
     "title": "Tarrow bridge draws crowds",
     "text": "Thousands crossed the Tarrow bridge on Friday. Engineer Orrin Baske told reporters that the "
             "bridge would carry trams next year. \"It is the longest in the valley,\" Baske said."},
]
JSONL = "".join(json.dumps(a) + "\n" for a in ARTICLES).encode()


@pytest.fixture(scope="module")
def client(seeds_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(seeds_db)), raise_server_exceptions=False) as test_client:
        yield test_client


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a store to write into (the seeds store is shared by other tests)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def all_items(client: TestClient, url: str, limit: int = 3) -> list[dict[str, Any]]:
    """Every record of a listing, page by page."""
    items: list[dict[str, Any]] = []
    joiner = "&" if "?" in url else "?"
    page = client.get(f"{url}{joiner}limit={limit}").json()
    while True:
        items += page["items"]
        if page["next"] is None:
            return items
        assert len(page["items"]) == limit
        page = client.get(f"{url}{joiner}limit={limit}&cursor={page['next']}").json()


def exported(db: Path, kind: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, "jsonl")
    return [r for r in map(json.loads, out.getvalue().splitlines()) if r["type"] == kind]


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


# -- records in their one projection, page by page ------------------------------------------------

@pytest.mark.parametrize(("url", "kind"), [("/api/quotes?cue_class=all", "quote"), ("/api/events", "event"),
                                           ("/api/timeline", "timeline_entry"), ("/api/positions", "position"),
                                           ("/api/issues", "issue"), ("/api/documents", "document"),
                                           ("/api/actors", "entity"), ("/api/errors", "error")])
def test_a_listing_read_page_by_page_is_the_exports_records(client: TestClient, seeds_db: Path, url: str,
                                                           kind: str) -> None:
    listed = all_items(client, url, limit=4)
    expected = exported(seeds_db, kind)
    if kind == "entity":  # the listing leaves each actor's mentions to /api/actors/{id}
        expected = [{k: v for k, v in r.items() if k != "mentions"} for r in expected]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(map(key, listed)) == sorted(map(key, expected))
    if kind in ("quote", "event", "document", "entity", "timeline_entry"):
        assert len(listed) > 4, "the seeds must give more than one page"


def test_stories_list_their_outlets_and_one_story_its_articles_and_timeline(client: TestClient) -> None:
    stories = all_items(client, "/api/stories")
    assert stories and all("outlets" in s and s["type"] == "story" for s in stories)
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert [d["id"] for d in story["documents"]] == stories[0]["docs"]
    assert all(e["type"] == "timeline_entry" for e in story["timeline"])
    by_prefix = client.get(f"/api/stories/{stories[0]['id'][6:14]}").json()
    assert by_prefix["id"] == stories[0]["id"]
    assert {e["id"] for e in all_items(client, f"/api/timeline?story={stories[0]['id']}")} == {
        e["id"] for e in story["timeline"]}
    assert_error(client.get("/api/timeline?story=story-0000"), 404, "not_found")


def test_a_story_carries_what_its_page_shows_each_item_from_its_own_documents(client: TestClient) -> None:
    stories = all_items(client, "/api/stories")
    details = [client.get(f"/api/stories/{s['id']}").json() for s in stories]
    assert any(d["quotes"] for d in details), "the seeds' stories must carry speech"
    for detail in details:
        members = set(detail["docs"])
        assert len(detail["actor_ids"]) == len(detail["actors"])
        assert all(client.get(f"/api/actors/{a}").status_code == 200 for a in detail["actor_ids"])
        assert all(q["doc"] in members and q["cue_class"] == "speech" for q in detail["quotes"])
        assert all(p["doc"] in members for p in detail["positions"])


def test_one_document_carries_its_text_and_every_item_with_offsets_into_it(client: TestClient) -> None:
    first = client.get("/api/documents?limit=1").json()["items"][0]
    doc = client.get(f"/api/documents/{first['id']}").json()
    assert doc["text"] == first["text"] and doc["publications"]
    for name in ("mentions", "quotes", "events", "timexes", "positions"):
        for item in doc[name]:
            assert item["doc"] == doc["id"]
            assert doc["text"][item["start"]:item["end"]] == item["text"], (name, item)
    assert doc["mentions"] and doc["quotes"]


def test_an_actor_has_its_aliases_with_the_evidence_of_each_link(client: TestClient, seeds_db: Path) -> None:
    person = client.get("/api/actors?label=PERSON&limit=1").json()["items"][0]
    actor = client.get(f"/api/actors/{person['id']}").json()
    assert actor == {**person, "mentions_url": f"/api/actors/{person['id']}/mentions"}
    mentions = all_items(client, actor["mentions_url"], limit=2)
    assert {**person, "mentions": mentions} in exported(seeds_db, "entity")
    assert len(mentions) == actor["mention_count"] > 2
    assert_error(client.get("/api/actors/000000000000/mentions"), 404, "not_found")
    assert actor["alias_links"] and all(link["evidence"] for link in actor["alias_links"])
    assert_error(client.get("/api/actors/000000000000"), 404, "not_found")


def test_quote_filters_narrow_the_listing(client: TestClient) -> None:
    every = all_items(client, "/api/quotes?cue_class=all", limit=50)
    speakers = [q["speaker"]["name"] for q in every if q["speaker"]["name"]]
    name = max(set(speakers), key=speakers.count)
    by_speaker = all_items(client, f"/api/quotes?cue_class=all&speaker={name}", limit=50)
    assert by_speaker and {q["speaker"]["name"] for q in by_speaker} == {name}
    direct = all_items(client, "/api/quotes?cue_class=all&kind=direct", limit=50)
    assert direct and {q["kind"] for q in direct} == {"direct"} and len(direct) < len(every)
    speech = all_items(client, "/api/quotes", limit=50)
    assert {q["cue_class"] for q in speech} == {"speech"}
    word = every[0]["text"].split()[0].strip("“”\"',.")
    found = all_items(client, f"/api/quotes?cue_class=all&q={word}", limit=50)
    assert found and all(word.lower() in q["text"].lower() for q in found)
    doc = every[0]["doc"]
    in_doc = all_items(client, f"/api/quotes?cue_class=all&doc={doc}", limit=50)
    assert in_doc and {q["doc"] for q in in_doc} == {doc}
    dated = all_items(client, "/api/quotes?cue_class=all&from=2022-01&to=2022-01", limit=50)
    published = {d["id"]: d["published"] for d in all_items(client, "/api/documents", limit=50)}
    assert dated and all(published[q["doc"]].startswith("2022-01") for q in dated)
    assert len(dated) < len(every)


def test_timeline_and_positions_filter_by_date_and_actor(client: TestClient) -> None:
    entries = all_items(client, "/api/timeline?from=2022-01-10&to=2022-01", limit=20)
    assert entries and all("2022-01-10" <= e["date"] <= "2022-01-31" for e in entries)
    positions = all_items(client, "/api/positions", limit=50)
    actor = positions[0]["actor"]["name"]
    own = all_items(client, f"/api/positions?actor={actor}", limit=50)
    assert own and {p["actor"]["name"] for p in own} == {actor}


def test_the_positions_matrix_is_the_clis(client: TestClient, seeds_db: Path) -> None:
    from typer.testing import CliRunner

    from storyline.serve.cli import app

    printed = CliRunner().invoke(app, ["positions", "--matrix", "--json", "--top", "3", "--db", str(seeds_db)])
    assert printed.exit_code == 0, printed.output
    served = client.get("/api/positions/matrix?top=3").json()
    assert served == json.loads(printed.stdout) and served["cells"]
    with Store.open(seeds_db) as store:  # the sides the store reads are the positions' own
        sides = store.position_sides(actor="Stoltenberg")
        assert sides and sides == [(p.actor, p.issue, p.polarity, p.date) for p in store.positions(actor="Stoltenberg")]
    assert len({c["entity"] for c in served["cells"]}) <= 3


def test_search_finds_sentences_with_their_offsets(client: TestClient) -> None:
    hits = all_items(client, "/api/search?q=NATO", limit=5)
    assert len(hits) > 5 and all("nato" in h["text"].lower() for h in hits)
    assert client.get("/api/search?q=%22unbalanced").status_code == 200  # not FTS5 syntax: its words


def test_search_by_meaning_pages_too_and_its_mode_is_checked(client: TestClient) -> None:
    # "alliance chief" is in no seed sentence as written; by meaning it finds NATO's leader speaking
    words = client.get("/api/search?q=alliance%20chief%20talks&mode=fts").json()["items"]
    meaning = all_items(client, "/api/search?q=alliance%20chief%20talks&mode=semantic", limit=5)
    assert len(meaning) > len(words) and all(0 <= h["start"] < h["end"] for h in meaning)
    assert len({(h["doc"], h["sentence"]) for h in meaning}) == len(meaning)
    ranks = [h["rank"] for h in meaning]
    assert ranks == sorted(ranks, reverse=True)  # a cosine: the best first
    fts_cursor = client.get("/api/search?q=NATO&limit=2").json()["next"]
    assert_error(client.get(f"/api/search?q=NATO&mode=hybrid&cursor={fts_cursor}"), 422, "invalid_cursor")
    assert_error(client.get("/api/search?q=NATO&mode=regex"), 422, "invalid_request")


# -- pages, ETags, validation ------------------------------------------------------------------------

# What names one record of each listing across a write (a projection's other fields, such as an
# actor's mention count or a story's size, may change when the build relinks).
IDENTITY = {"documents": ("id",), "actors": ("id",), "quotes?cue_class=all": ("doc", "start", "end"),
            "events": ("doc", "start", "end", "category", "trigger", "mode"), "timeline": ("id",), "stories": ("id",),
            "positions": ("id",), "issues": ("id",)}


def identity(listing: str, item: dict[str, Any]) -> str:
    return json.dumps([item[field] for field in IDENTITY[listing]])


def test_paging_while_a_build_writes_neither_fails_nor_repeats_nor_skips(seeds_db: Path, tmp_path: Path) -> None:
    """Two pages read, then a build of two more articles (every corpus step rewrites its tables),
    then the rest: every record there before and still there after is seen exactly once."""
    from storyline.builder import build

    db = copy_store(seeds_db, tmp_path / "copy.db")
    (tmp_path / "more.jsonl").write_bytes(JSONL)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as client:
        before = {listing: [identity(listing, i) for i in all_items(client, f"/api/{listing}", limit=200)]
                  for listing in IDENTITY}
        halfway = {}
        for listing in IDENTITY:
            joiner = "&" if "?" in listing else "?"
            first = client.get(f"/api/{listing}{joiner}limit=2").json()
            halfway[listing] = (first["items"], first["next"])
        revision = client.get("/api/status").json()["revision"]
        report = build([tmp_path / "more.jsonl"], db=db)
        assert report.stored == 2 and client.get("/api/status").json()["revision"] != revision
        for listing, (items, cursor) in halfway.items():
            joiner = "&" if "?" in listing else "?"
            while cursor is not None:
                page = client.get(f"/api/{listing}{joiner}limit=2&cursor={cursor}")
                assert page.status_code == 200, page.text
                items, cursor = items + page.json()["items"], page.json()["next"]
            seen = [identity(listing, i) for i in items]
            after = {identity(listing, i) for i in all_items(client, f"/api/{listing}", limit=200)}
            assert len(seen) == len(set(seen)), f"{listing}: a record seen twice"
            assert {i for i in before[listing] if i in after} <= set(seen), f"{listing}: a record skipped"
        # the write added records (the invented articles' quotes): the listing read after paging shows them
        assert len(all_items(client, "/api/documents", limit=200)) == len(before["documents"]) + 2


def test_a_forged_or_misplaced_cursor_is_a_422_in_the_one_shape(client: TestClient) -> None:
    from storyline.serve.api.paging import cursor_for

    quotes_cursor = client.get("/api/quotes?limit=2").json()["next"]
    assert client.get(f"/api/quotes?limit=2&cursor={quotes_cursor}").status_code == 200
    assert_error(client.get(f"/api/events?limit=2&cursor={quotes_cursor}"), 422, "invalid_cursor")
    assert_error(client.get("/api/quotes?cursor=eyJvIjotMSwiciI6MX0"), 422, "invalid_cursor")
    assert_error(client.get(f"/api/quotes?cursor={cursor_for('quotes', key=['a', 1])}"), 422, "invalid_cursor")
    assert_error(client.get(f"/api/quotes?cursor={cursor_for('quotes', offset=3)}"), 422, "invalid_cursor")
    assert_error(client.get(f"/api/quotes?cursor={cursor_for('quotes', key=['a', 10**30, 1])}"), 422,
                 "invalid_cursor")
    assert_error(client.get(f"/api/issues?cursor={cursor_for('issues', key=[5])}"), 422, "invalid_cursor")
    assert_error(client.get(f"/api/search?q=NATO&cursor={cursor_for('search', offset=10**30)}"), 422,
                 "invalid_cursor")
    # a well-formed key past the last record is an empty page, not an error
    assert client.get(f"/api/quotes?cursor={cursor_for('quotes', key=['~', 0, 0])}").json() == \
        {"items": [], "next": None}


def test_search_pages_by_offset_and_a_write_does_not_refuse_its_cursor(seeds_db: Path, tmp_path: Path) -> None:
    db = copy_store(seeds_db, tmp_path / "copy.db")
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as client:
        first = client.get("/api/search?q=NATO&limit=3").json()
        with Store.open(db) as store, store.transaction():
            store.add_failure(__import__("storyline").Failure("invented.txt", "read", "invented failure", "E100"))
        second = client.get(f"/api/search?q=NATO&limit=3&cursor={first['next']}")
        assert second.status_code == 200
        assert not {json.dumps(h) for h in first["items"]} & {json.dumps(h) for h in second.json()["items"]}


def test_a_kept_read_answers_as_rendered_until_the_store_changes(seeds_db: Path, tmp_path: Path) -> None:
    db = copy_store(seeds_db, tmp_path / "copy.db")
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as client:
        story = client.get("/api/stories?limit=1").json()["items"][0]["id"]
        first, again = client.get(f"/api/stories/{story}"), client.get(f"/api/stories/{story}")
        assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
        assert again.headers["content-type"] == "application/json"
        assert client.get(f"/api/stories/{story}", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        with Store.open(db) as store, store.transaction():
            store.connection.execute("UPDATE stories SET title = 'Vell harbour story' WHERE id = ?", (story,))
        changed = client.get(f"/api/stories/{story}")
        assert changed.json()["title"] == "Vell harbour story" and changed.headers["etag"] != first.headers["etag"]


def test_a_read_answers_304_for_its_etag_until_the_store_changes(seeds_db: Path, tmp_path: Path) -> None:
    db = copy_store(seeds_db, tmp_path / "copy.db")
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as client:
        first = client.get("/api/timeline?limit=5")
        etag = first.headers["etag"]
        again = client.get("/api/timeline?limit=5", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert client.get("/api/timeline?limit=6").headers["etag"] != etag  # another request, another tag
        with Store.open(db) as store, store.transaction():
            store.set_corpus_state("invented", "1")
        changed = client.get("/api/timeline?limit=5", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


@pytest.mark.parametrize("url", ["/api/quotes?from=2022-02-32", "/api/quotes?to=22-01", "/api/quotes?kind=shouted",
                                 "/api/quotes?cue_class=gossip", "/api/documents?limit=0", "/api/documents?limit=201",
                                 "/api/timeline?all=perhaps", "/api/search", "/api/search?q=", "/api/actors?label=P%20R",
                                 "/api/quotes?speaker=" + "x" * 201, "/api/quotes?doc=../../etc/passwd",
                                 "/api/positions?issue=a%20b", "/api/documents?cursor=***"])
def test_a_parameter_that_does_not_validate_is_a_422_saying_which(client: TestClient, url: str) -> None:
    error = assert_error(client.get(url), 422)
    assert error["message"]


# -- one error shape, every route ---------------------------------------------------------------------

def api_routes(app: Any) -> list[tuple[str, set[str]]]:
    """Every /api/ route of the app's OpenAPI schema, with its methods."""
    return [(path, {m.upper() for m in operations}) for path, operations in app.openapi()["paths"].items()
            if path.startswith("/api/")]


def query_parameters(app: Any, path: str) -> set[str]:
    operation = app.openapi()["paths"][path].get("get", {})
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


def concrete(path: str) -> str:
    """A route's path with each parameter an id that no record has."""
    return re.sub(r"\{build_id\}", "0" * 32, re.sub(r"\{(?!build_id)[a-z_]+\}", "unknown-id", path))


def test_every_api_route_answers_its_errors_in_the_one_shape(client: TestClient, seeds_db: Path,
                                                             tmp_path: Path) -> None:
    routes = api_routes(client.app)
    assert len(routes) >= 18
    for path, methods in routes:
        url = concrete(path)
        for method in ("PUT", "DELETE", "PATCH"):  # no route takes these
            assert_error(client.request(method, url), 405, "method_not_allowed")
        if "{" in path:
            assert_error(client.get(url), 404, "not_found")
        elif "GET" in methods and query_parameters(client.app, path):  # /api/status takes none
            assert_error(client.get(url + "?limit=-1&top=-1&q=x"), 422)
        if "POST" in methods:
            assert_error(client.post(url, content=JSONL, headers={"content-type": "application/x-ndjson"}),
                         401, "writes_off")
    assert_error(client.get("/api/no-such-route"), 404, "not_found")

    # a server fault in any read: the store gone under the routes
    db = copy_store(seeds_db, tmp_path / "broken.db")
    broken = create_app(str(db))
    with TestClient(broken, raise_server_exceptions=False) as faulty:
        broken.state.store = None
        for path, methods in api_routes(broken):
            if "GET" in methods and "build_id" not in path:
                assert_error(faulty.get(concrete(path) + "?q=x"), 500, "internal_error")


def test_pages_outside_the_api_keep_their_own_errors(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "error" not in response.json()


# -- writes ---------------------------------------------------------------------------------------------

@pytest.fixture()
def writable(seeds_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = copy_store(seeds_db, tmp_path / "writable.db")
    with TestClient(create_app(str(db), token=TOKEN, max_upload=64 * 1024), raise_server_exceptions=False) as client:
        yield client, db


def wait_for(client: TestClient, build: str, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/api/builds/{build}").json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"build {build} did not end in {timeout} s")


def test_writes_need_the_token(writable: tuple[TestClient, Path]) -> None:
    client, _ = writable
    body = {"content": JSONL, "headers": {"content-type": "application/x-ndjson"}}
    assert_error(client.post("/api/documents", **body), 401, "unauthorized")
    wrong = client.post("/api/documents", content=JSONL,
                        headers={"content-type": "application/x-ndjson", "authorization": "Bearer guess"})
    assert_error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"


def test_an_upload_over_the_limit_is_a_413_and_other_bodies_are_refused(writable: tuple[TestClient, Path]) -> None:
    client, db = writable
    auth = {"authorization": f"Bearer {TOKEN}"}
    big = b"x" * (64 * 1024 + 1)
    assert_error(client.post("/api/documents", content=big, headers={**auth, "content-type": "application/x-ndjson"}),
                 413, "too_large")
    chunked = client.post("/api/documents", content=iter([big[:40000], big[40000:]]),
                          headers={**auth, "content-type": "application/x-ndjson"})
    assert_error(chunked, 413, "too_large")
    assert_error(client.post("/api/documents", content=b"{}", headers={**auth, "content-type": "text/csv"}),
                 415, "unsupported_media_type")
    refused = client.post("/api/documents", files={"files": ("../../evil.exe", b"MZ")}, headers=auth)
    assert assert_error(refused, 422, "unsupported_file")["detail"] == {"files": ["../../evil.exe"]}
    assert not Path(f"{db}.uploads").exists() or not any(Path(f"{db}.uploads").iterdir())


def test_an_upload_is_built_in_the_background_and_streams_its_progress(writable: tuple[TestClient, Path]) -> None:
    client, db = writable
    auth = {"authorization": f"Bearer {TOKEN}"}
    before = client.get("/api/status").json()["documents"]
    started = client.post("/api/documents", content=JSONL, headers={**auth, "content-type": "application/x-ndjson"})
    assert started.status_code == 202, started.text
    build = started.json()["id"]
    assert started.headers["location"] == f"/api/builds/{build}"
    during = []  # reads while the build runs: each answers at once
    while client.get(f"/api/builds/{build}").json()["state"] in ("queued", "running"):
        during.append(client.get("/api/quotes?limit=5").status_code)
    assert during and set(during) == {200}
    with client.stream("GET", f"/api/builds/{build}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = [json.loads(line[5:]) for line in stream.iter_lines() if line.startswith("data:")]
    assert events[-1]["state"] == "done" and events[-1]["stored"] == 2, events[-1]
    assert [e["processed"] for e in events] == sorted(e["processed"] for e in events)
    assert client.get("/api/status").json()["documents"] == before + 2
    titles = {d["title"] for d in all_items(client, "/api/documents", limit=50)}
    assert {a["title"] for a in ARTICLES} <= titles
    # the same articles again: nothing stored twice; files are kept by their content, not their name
    files = client.post("/api/documents", headers=auth,
                        files=[("files", ("my articles.jsonl", JSONL, "application/octet-stream"))])
    again = wait_for(client, files.json()["id"])
    assert (again["state"], again["stored"], again["skipped"]) == ("done", 0, 2), again
    kept = sorted(p.name for p in Path(f"{db}.uploads").iterdir())
    assert len(kept) == 1 and re.fullmatch(r"[0-9a-f]{32}\.jsonl", kept[0])
    assert_error(client.get(f"/api/builds/{'f' * 32}"), 404, "not_found")


def test_reads_answer_while_another_connection_holds_the_write_lock(writable: tuple[TestClient, Path]) -> None:
    client, db = writable
    with Store.open(db) as writer, writer.transaction():
        writer.set_corpus_state("invented", "mid-write")  # a build's batch, uncommitted
        started = time.monotonic()
        response = client.get("/api/documents?limit=2")
        assert response.status_code == 200 and len(response.json()["items"]) == 2
        assert time.monotonic() - started < 5, "a read waited for the writer"


# -- the offline docs and the command ----------------------------------------------------------------

def test_the_docs_load_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert "validatorUrl" in page and not re.search(r"https?://", page)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/openapi.json").json()["paths"]["/api/quotes"]["get"]["responses"]["422"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_storyline_serve_answers_on_127_0_0_1_read_only(seeds_db: Path) -> None:
    import httpx

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "storyline.serve.cli", "serve", "--db", str(seeds_db),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**__import__("os").environ, "STORYLINE_TOKEN": ""})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=2).json()
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status["documents"] == 5 and status["writes"] is False
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output and "this machine only" in output and "read-only" in output


# -- parsers of untrusted input -------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_cursor_is_a_page_or_a_clear_422(cursor: str) -> None:
    from storyline.serve.api.errors import ApiError
    from storyline.serve.api.paging import decode

    try:
        assert isinstance(decode(cursor)["l"], str)
    except ApiError as error:
        assert error.status == 422 and error.code == "invalid_cursor"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.sampled_from(SUPPORTED_SUFFIXES).map(lambda s: "../a b" + s.upper())))
def test_an_uploaded_name_gives_a_known_extension_or_none(name: str) -> None:
    suffix = upload_suffix(name)
    assert suffix is None or (suffix in SUPPORTED_SUFFIXES and name.lower().endswith(suffix))
