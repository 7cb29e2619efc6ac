"""The read routes of the HTTP API: every record in its one projection
(:mod:`storyline.serve.projections`, the same the CLI's ``--json`` and the export write), a listing a
page at a time (:mod:`storyline.serve.api.paging`), every query parameter checked (422).

Each route reads the store through its core API (:class:`storyline.store.Store`), a fixed number of
statements a page. Route functions are plain ``def``: FastAPI runs them in its thread pool, and the
store gives each thread its own connection, so reads run side by side and never wait for a build
(WAL).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Sequence

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from storyline.errors import StoreError
from storyline.records import CueClass, QuoteKind
from storyline.serve import projections
from storyline.serve.api.errors import ERROR_RESPONSES, ApiError
from storyline.serve.api.paging import Page, Paging, conditional, reply
from storyline.serve.export import document_records
from storyline.serve.params import PARTIAL_DATE_PATTERN
from storyline.serve.cache import kept
from storyline.store import Store
from storyline.store.sqlite import SearchMode

router = APIRouter(prefix="/api", tags=["reads"], dependencies=[Depends(conditional)], responses={
    **ERROR_RESPONSES, 304: {"description": "Not modified: the `If-None-Match` ETag is current"}})

# The ids in a path: document and actor ids are hex, story ids "story-" and hex, issue ids slugs.
ID = r"^[A-Za-z0-9._-]{1,100}$"
# A free-text filter (a name, words to find): longer is no name and only makes the query slower.
MAX_TEXT = 200
PagingDep = Annotated[Paging, Depends()]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]


def store_of(request: Request) -> Store:
    return request.app.state.store


DateFrom = Annotated[str | None, Query(alias="from", pattern=PARTIAL_DATE_PATTERN,
                                       description="First date, YYYY[-MM[-DD]].")]
DateTo = Annotated[str | None, Query(alias="to", pattern=PARTIAL_DATE_PATTERN, description="Last date, YYYY[-MM[-DD]].")]


def found(read: Any, *args: Any, **kwargs: Any) -> Any:
    """A record looked up by id, or 404 saying what the store said (no such id, an ambiguous prefix)."""
    try:
        return read(*args, **kwargs)
    except StoreError as error:
        raise ApiError(404, "not_found", str(error)) from None


@router.get("/status", summary="The store: its revision and counts, and whether writes are on")
def status(request: Request) -> JSONResponse:
    store = store_of(request)
    counts = store.counts()
    return reply(request, {"revision": store.revision, "schema_version": store.schema_version,
                           "documents": counts.documents, "sentences": counts.sentences, "actors": counts.actors,
                           "failures": counts.failures, "writes": request.app.state.token is not None})


@router.get("/documents", response_model=Page, summary="Documents in publication order, each with its text")
def documents(request: Request, paging: PagingDep) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        return paging.page("documents", lambda after, count: store.documents(limit=count, after=after, removed=True),
                           lambda docs: document_records(store, docs), request)


@router.get("/documents/{doc_id}", summary="One document: its record, and every item extracted from it")
def document(request: Request, doc_id: Annotated[str, Path(pattern=ID)]) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        doc = found(store.document, doc_id)
        mentions = store.mentions(doc=doc.id)
        quotes = store.quotes(doc=doc.id)
        events = store.events(doc=doc.id)
        positions = store.positions(doc=doc.id)
        names = store.actor_names([actor for _, actor in mentions] + [q.actor for q in quotes]
                                  + [a for e in events for a in (e.source_actor, e.target_actor)]
                                  + [p.actor for p in positions])
        labels = {issue.id: issue.label for issue in store.issues()}
        return reply(request, {
            **document_records(store, [doc])[0],
            "mentions": [projections.document_mention(m, actor, names) for m, actor in mentions],
            "quotes": [projections.quote(q, names) for q in quotes],
            "events": [projections.event(e, names) for e in events],
            "timexes": [projections.timex(t) for t in store.timexes(doc=doc.id)],
            "positions": [projections.position(p, names, labels) for p in positions],
        })


@router.get("/actors", response_model=Page,
            summary="Canonical actors, most mentioned first (without their mentions: /api/actors/{id} has them)")
def actors(request: Request, paging: PagingDep,
           label: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,20}$", description="PERSON, ORG, GPE, ...")] = None,
           doc: Annotated[str | None, Query(pattern=ID, description="Only actors mentioned in this document.")] = None,
           ) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        doc_id = found(store.document, doc).id if doc else None
        return paging.page("actors", lambda after, count: store.actors(label=label, doc=doc_id, limit=count, after=after),
                           lambda listed: [projections.entity(a, None) for a in listed], request)


def _actor(store: Store, actor_id: str) -> Any:
    listed = store.actors(ids=[actor_id])
    if not listed:
        raise ApiError(404, "not_found", f"no actor {actor_id!r}; /api/actors lists the actors")
    return listed[0]


@router.get("/actors/{actor_id}", summary="One actor: names, aliases with the evidence for each link, roles")
def actor(request: Request, actor_id: Annotated[str, Path(pattern=ID)]) -> JSONResponse:
    # Its mentions are a listing of their own: the most named actor of a corpus has thousands.
    store = store_of(request)
    with store.snapshot():
        return reply(request, {**projections.entity(_actor(store, actor_id), None),
                               "mentions_url": f"/api/actors/{actor_id}/mentions"})


@router.get("/actors/{actor_id}/mentions", response_model=Page, summary="Where an actor is named, in document order")
def actor_mentions(request: Request, paging: PagingDep, actor_id: Annotated[str, Path(pattern=ID)]) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        _actor(store, actor_id)
        return paging.page("mentions", lambda after, count: store.mentions(actor=actor_id, limit=count, after=after),
                           lambda listed: [projections.mention(m) for m, _ in listed], request)


@router.get("/quotes", response_model=Page, summary="Quotes in document order, with cue and speaker")
def quotes(request: Request, paging: PagingDep, speaker: Text = None, kind: QuoteKind | None = None,
           cue_class: CueClass | Literal["all"] = Query("speech", description="What the quotes report (all: every class)."),
           start: DateFrom = None, end: DateTo = None,
           doc: Annotated[str | None, Query(pattern=ID)] = None,
           q: Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT, description="Words in the quote.")] = None,
           ) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        doc_id = found(store.document, doc).id if doc else None
        wanted = None if cue_class == "all" else cue_class

        def listed(records: Sequence[Any]) -> list[dict[str, Any]]:
            names = store.actor_names(r.actor for r in records)
            return [projections.quote(r, names) for r in records]

        return paging.page("quotes", lambda after, count: store.quotes(
            doc=doc_id, speaker=speaker, kind=kind, cue_class=wanted, start=start, end=end, text=q, limit=count,
            after=after), listed, request)


@router.get("/events", response_model=Page, summary="Events as each document reports them")
def events(request: Request, paging: PagingDep, doc: Annotated[str | None, Query(pattern=ID)] = None,
           category: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,30}$")] = None) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        doc_id = found(store.document, doc).id if doc else None

        def listed(records: Sequence[Any]) -> list[dict[str, Any]]:
            names = store.actor_names(a for e in records for a in (e.source_actor, e.target_actor))
            return [projections.event(e, names) for e in records]

        return paging.page("events", lambda after, count: store.events(
            doc=doc_id, category=category and category.upper(), limit=count, after=after), listed, request)


@router.get("/timeline", response_model=Page, summary="The timeline: events merged across sources, by date")
@kept  # a page of 200 entries carries their events: 300 KB of JSON, the costliest read after the matrix
def timeline(request: Request, paging: PagingDep, start: DateFrom = None, end: DateTo = None, actor: Text = None,
             all: bool = Query(False, description="Also the entries the salience rules leave out, with why."),
             story: Annotated[str | None, Query(pattern=ID)] = None) -> JSONResponse:
    store = store_of(request)
    project = lambda entries: [projections.timeline_entry(e, filtered=all) for e in entries]  # noqa: E731
    with store.snapshot():
        story_id = found(store.story, story).id if story else None
        return paging.page("timeline", lambda after, count: store.timeline(
            start=start, end=end, actor=actor, include_filtered=all, story=story_id, limit=count, after=after),
            project, request)


@router.get("/stories", response_model=Page, summary="Stories, the largest first")
def stories(request: Request, paging: PagingDep) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        def listed(records: Sequence[Any]) -> list[dict[str, Any]]:
            names = store.actor_names(a for s in records for a in s.actors)
            return [projections.story(s, names, outlets=True) for s in records]

        return paging.page("stories", lambda after, count: store.stories(limit=count, after=after), listed, request)


@router.get("/stories/{story_id}",
            summary="One story: its articles and their copies, its timeline, its actors, its speech, its positions")
@kept
def story(request: Request, story_id: Annotated[str, Path(pattern=ID)]) -> JSONResponse:
    # What the story page shows, each item in its one projection with its document and offsets.
    store = store_of(request)
    with store.snapshot():
        found_story = found(store.story, story_id)
        members = set(found_story.docs)
        documents = {d.id: d for d in store.documents(ids=members)}
        copies = {c.doc: c for c in store.copies() if c.doc in members}
        said = [q for q in store.story_quotes(found_story.id) if q.cue_class == "speech"]
        stands = store.positions(story=found_story.id)
        names = store.actor_names([*found_story.actors, *(q.actor for q in said), *(p.actor for p in stands)])
        labels = {i.id: i.label for i in store.issues()}
        return reply(request, {
            **projections.story_detail(found_story, names, documents, copies, store.story_timeline(found_story.id)),
            # The story's "actors" are names; their ids open /api/actors/{id}, in the same order.
            "actor_ids": list(found_story.actors),
            "quotes": [projections.quote(q, names) for q in said],
            "positions": [projections.position(p, names, labels) for p in stands]})


@router.get("/positions", response_model=Page, summary="Where each actor stands on each issue, with the sentence")
def positions(request: Request, paging: PagingDep, actor: Text = None,
              issue: Annotated[str | None, Query(pattern=ID)] = None, start: DateFrom = None, end: DateTo = None,
              doc: Annotated[str | None, Query(pattern=ID)] = None) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        doc_id = found(store.document, doc).id if doc else None
        labels = {i.id: i.label for i in store.issues()}

        def listed(records: Sequence[Any]) -> list[dict[str, Any]]:
            names = store.actor_names(p.actor for p in records)
            return [projections.position(p, names, labels) for p in records]

        return paging.page("positions", lambda after, count: store.positions(
            actor=actor, issue=issue, start=start, end=end, doc=doc_id, limit=count, after=after),
                           listed, request)


@router.get("/positions/matrix", summary="Actor × issue: net stance, counts, first and last date; opposite sides")
@kept
def positions_matrix(request: Request, actor: Text = None, issue: Annotated[str | None, Query(pattern=ID)] = None,
                     start: DateFrom = None, end: DateTo = None,
                     top: int = Query(10, ge=1, le=100, description="The actors with the most positions.")
                     ) -> JSONResponse:
    # Imported here: the positions module imports spaCy, which a server only needs for this route.
    from storyline.link.positions import conflicts, matrix

    store = store_of(request)
    with store.snapshot():
        cells = matrix(store.position_sides(actor=actor, issue=issue, start=start, end=end))
        names = store.actor_names(c.actor for c in cells)
    return reply(request, projections.positions_matrix(cells, conflicts(cells), names, top))


@router.get("/issues", response_model=Page, summary="The issues positions are read on")
def issues(request: Request, paging: PagingDep) -> JSONResponse:
    return paging.slice("issues", store_of(request).issues(), lambda listed: [projections.issue(i) for i in listed],
                        request, key=lambda i: (i.id,))


@router.get("/search", response_model=Page, summary="Search over sentences, best first: by words, meaning, or both")
def search(request: Request, paging: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="Words or an FTS5 query.")],
           mode: SearchMode = Query("fts", description="fts: the words (rank: BM25, lower is better); semantic: the "
                                    "meaning (rank: cosine); hybrid: both, fused by rank (higher is better)."),
           ) -> JSONResponse:
    store = store_of(request)
    return paging.ranked(f"search-{mode}", lambda offset, count: store.search(q, limit=count, offset=offset, mode=mode),
                       lambda hits: [projections.search_hit(h) for h in hits], request)


@router.get("/errors", response_model=Page, summary="Items that failed, then items kept with a warning")
def errors(request: Request, paging: PagingDep) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        records = [projections.error(f) for f in store.failures()] + [projections.warning(w) for w in store.warnings()]
    return paging.slice("errors", records, list, request)


@router.get("/duplicates", response_model=Page, summary="Groups of near-copies: the canonical document, its copies")
def duplicates(request: Request, paging: PagingDep) -> JSONResponse:
    store = store_of(request)
    with store.snapshot():
        copies = store.copies()
        outlets = {d.id: d.outlet for d in store.documents(ids={c.doc for c in copies} | {c.canonical for c in copies})}
    groups: dict[str, list[Any]] = {}
    for copy in copies:
        groups.setdefault(copy.canonical, []).append(copy)
    return paging.slice("duplicates", list(groups.items()),
                        lambda listed: [projections.duplicate_group(c, members, outlets) for c, members in listed],
                        request, key=lambda group: (group[0],))
