"""The pages of the web UI: server-rendered HTML over the store, usable without JavaScript.

Each handler reads one state of the store (``request.app.state.store``, a :class:`Store` that
threads may share) through the same listings the CLI uses, turns the records into their JSON
projections (:mod:`storyline.serve.projections`, the shapes ``--json`` prints) and renders them
with an autoescaping template: article text reaches the page only as escaped text. Every item
links to its evidence, ``/documents/{id}#c{start}-{end}``, where that span is marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Iterable, Literal, Optional, Sequence
from urllib.parse import urlencode

from fastapi import APIRouter, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from storyline.analyse.lexicon.verbs import cue_class_rank
from storyline.errors import StoreError
from storyline.link.briefing import SECTION_HEADINGS, brief
from storyline.link.positions import conflicts, matrix
from storyline.link.timeline import kept_timeline
from storyline.serve import projections
from storyline.serve.export import document_records
from storyline.serve.cache import kept
from storyline.serve.web.marks import Mark, anchor, marked_html, pieces
from storyline.serve.web.security import PageRoute
from storyline.store import Store
from storyline.store.shared import SharedReads
from storyline.store.sqlite import SearchMode

HERE = Path(__file__).parent
templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                        trim_blocks=True, lstrip_blocks=True)

# Page sizes: a page stays quick to render and to read on a phone; the next page is a link.
TIMELINE_PAGE = 100
QUOTES_PAGE = 100
MAX_PAGE_SIZE = 500
OVERVIEW_STORIES = 50
STORIES_PAGE = 100
# A story's page: its briefing's length, the days of its reader's timeline (each with this many
# sentences and entries), and the speech quotes shown (then a link to all of them).
STORY_BRIEFING = 8
STORY_DAYS = 15
STORY_PER_DAY = 2
STORY_QUOTES = 50
OVERVIEW_DOCUMENTS = 100
ACTORS_PAGE = 200
ACTOR_ITEMS = 100  # quotes, events, mentions shown on an actor's page, each (then a link to all)
ACTOR_POSITIONS_PER_ISSUE = 10  # the latest on each issue (then a link to the matrix cell's page)
MATRIX_ACTORS = 15
# A matrix cell opens on its latest sentences; all of them are a page of their own.
CELL_SENTENCES = 5
CELL_PAGE = 100
SEARCH_HITS = 50
# The lists under a document's text, by the name in their URL (/documents/{id}/{kind}), with their
# headings; the page shows the first DOCUMENT_ITEMS of each (a live blog has a thousand names, all
# marked in the text already), and each list's own page all of them.
ItemKind = Literal["quotes", "events", "timexes", "mentions"]
ITEM_KINDS: dict[ItemKind, str] = {"quotes": "Quotes", "events": "Events", "timexes": "Time expressions",
                                   "mentions": "Names"}
DOCUMENT_ITEMS = 100
# The search modes as the search form names them (Store.search says what each does).
SEARCH_MODE_WORDS = {"fts": "the words", "semantic": "the meaning", "hybrid": "both"}

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DOC_PATTERN = r"^[0-9a-f]{4,64}$"
STORY_PATTERN = r"^(story-)?[0-9a-f]{4,64}$"
SPAN_PATTERN = r"^\d{1,9}-\d{1,9}$"
ISSUE_PATTERN = r"^[0-9A-Za-z_.-]{1,100}$"
WORD_PATTERN = r"^[A-Za-z_]{1,30}$"
ACTOR_PATTERN = r"^[0-9A-Za-z_-]{1,64}$"
# What the 422 page says a parameter that does not match its pattern should be.
PATTERN_WORDS = {DATE_PATTERN: "a date: YYYY, YYYY-MM or YYYY-MM-DD", DOC_PATTERN: "a document id (hex digits)",
                 WORD_PATTERN: "a word of letters", ACTOR_PATTERN: "an actor id",
                 STORY_PATTERN: "a story id (story- and hex digits)", SPAN_PATTERN: "character offsets START-END"}
DatePrefix = Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Page = Annotated[int, Query(ge=1, le=10_000)]
Text = Annotated[Optional[str], Query(max_length=200)]
Zoom = Literal["year", "month", "day"]
ZOOM_LENGTH = {"year": 4, "month": 7, "day": 10}
ZOOM_IN: dict[str, Zoom] = {"year": "month", "month": "day", "day": "day"}

router = APIRouter(route_class=PageRoute)


def query_string(query: dict[str, Any], **changes: Any) -> str:
    """The URL query of a page with some parameters changed (None drops one)."""
    merged = {**query, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def sources_of(record: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """Each source document of a timeline entry with the first event it reports (its evidence)."""
    seen: dict[str, dict[str, Any]] = {}
    for event in record["events"]:
        seen.setdefault(event["doc"], event)
    return [(doc, seen[doc]) for doc in record["sources"] if doc in seen]


templates.globals.update(anchor=anchor, query_string=query_string, sources_of=sources_of)


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def render_invalid(request: Request, invalid: RequestValidationError) -> HTMLResponse:
    problems = [{"where": ".".join(str(part) for part in error.get("loc", ())), "why": why(error)}
                for error in invalid.errors()]
    return render("error.html", 422, title="Invalid request", problems=problems,
                  message="Some of this page's query parameters cannot be read.")


def why(error: dict[str, Any]) -> str:
    """What is wrong with one parameter, in words, with what was given."""
    pattern = error.get("ctx", {}).get("pattern")
    said = f"should be {PATTERN_WORDS[pattern]}" if pattern in PATTERN_WORDS else error.get("msg", "")
    given = error.get("input")
    return f"{said} (given: {given!r})" if isinstance(given, str) else said


PageRoute.render_invalid = staticmethod(render_invalid)  # type: ignore[assignment]


def not_found(error: StoreError) -> HTMLResponse:
    return render("error.html", 404, title="Not found", problems=[], message=str(error))


def store_of(request: Request) -> Store:
    return request.app.state.store



# -- overview --------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview(request: Request) -> HTMLResponse:
    store = store_of(request)
    with store.snapshot():
        counts = store.counts()
        items = store.item_counts()
        found = store.stories(limit=OVERVIEW_STORIES)
        names = store.actor_names(a for s in found for a in s.actors)
        documents = store.documents(limit=OVERVIEW_DOCUMENTS)
    return render("overview.html", title="Overview", counts=counts, items=items,
                  stories=[projections.story(s, names) for s in found],
                  documents=[projections.document(d) for d in documents])


# -- stories ---------------------------------------------------------------------------------


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories(request: Request, page: Page = 1) -> HTMLResponse:
    store = store_of(request)
    with store.snapshot():
        found = store.stories(limit=STORIES_PAGE + 1, offset=(page - 1) * STORIES_PAGE)
        names = store.actor_names(a for s in found for a in s.actors)
    more, found = len(found) > STORIES_PAGE, found[:STORIES_PAGE]
    return render("stories.html", title="Stories", stories=[projections.story(s, names, outlets=True) for s in found],
                  page=page, more=more)


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
@kept
def story(request: Request, story_id: Annotated[str, PathParam(pattern=STORY_PATTERN)]) -> HTMLResponse:
    """One story: its briefing, the days its articles refer to most, its articles and their
    copies, who spoke in it and where they stand — every sentence linked to its evidence."""
    store = store_of(request)
    try:
        with store.snapshot():
            # The reader's timeline, the briefing (which makes its own reader's timeline) and the
            # entries read the same rows: each read is made once and shared.
            reads: Any = SharedReads(store)
            found = reads.story(story_id)
            members = set(found.docs)
            documents = {d.id: d for d in store.documents(ids=members)}
            copies = {c.doc: c for c in reads.copies() if c.doc in members}
            entries = [e for e in reads.timeline(include_filtered=True, story=found.id) if e.filtered is None]
            days = kept_timeline(reads, top=STORY_DAYS, per_day=STORY_PER_DAY, story=found.id)
            briefing = brief(reads, story=found.id, sentences=STORY_BRIEFING)
            said = [q for q in reads.story_quotes(found.id) if q.cue_class == "speech"]
            stands = reads.positions(story=found.id)
            names = store.actor_names([*found.actors, *(q.actor for q in said), *(p.actor for p in stands),
                                       *(a for e in entries for a in e.actors)])
            labels = {i.id: i.label for i in store.issues()}
            titles = store.document_titles(members)
    except StoreError as error:
        return not_found(error)
    record = projections.story_detail(found, names, documents, copies, entries)
    sections: list[tuple[str, list[Any]]] = []
    for sentence in briefing.sentences:
        if not sections or sections[-1][0] != sentence.section:
            sections.append((sentence.section, []))
        sections[-1][1].append(sentence)
    return render("story.html", title=found.title, story=record, actor_ids=list(found.actors), names=names,
                  briefing=[(SECTION_HEADINGS[section].format(since=briefing.since), listed)
                            for section, listed in sections],
                  days=[projections.kept_day(day) for day in days], titles=titles,
                  quotes=[projections.quote(q, names) for q in said[:STORY_QUOTES]], quote_count=len(said),
                  positions=[projections.position(p, names, labels)
                             for p in sorted(stands, key=lambda p: (p.actor, p.issue, p.date or "", p.doc, p.start))])


# -- timeline --------------------------------------------------------------------------------


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
@kept
def timeline(request: Request, actor: Text = None, category: Annotated[Optional[str], Query(pattern=WORD_PATTERN)] = None,
             start: Annotated[DatePrefix, Query(alias="from")] = None, end: Annotated[DatePrefix, Query(alias="to")] = None,
             zoom: Zoom = "month", page: Page = 1,
             size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = TIMELINE_PAGE) -> HTMLResponse:
    store = store_of(request)
    filters = {"start": start, "end": end, "actor": actor or None, "category": category or None}
    with store.snapshot():
        periods = store.timeline_periods(ZOOM_LENGTH[zoom], **filters)
        entries = store.timeline(**filters, limit=size + 1, offset=(page - 1) * size)
        categories = store.timeline_categories()
        names = store.actor_names(a for e in entries for a in e.actors)
        titles = store.document_titles(d for e in entries for d in e.sources)
    more, entries = len(entries) > size, entries[:size]
    records = [projections.timeline_entry(e) for e in entries]
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for record, entry in zip(records, entries):
        record["actor_names"] = [(a, names[a]) for a in entry.actors if a in names]
        record["conflict"] = len({c["value"] for c in record["date_claims"]}) > 1
        period = record["date"][:ZOOM_LENGTH[zoom]]
        if not groups or groups[-1][0] != period:
            groups.append((period, []))
        groups[-1][1].append(record)
    widest = max((n for _, n in periods), default=1)
    total = sum(n for _, n in periods)
    query = {k: v for k, v in (("actor", actor), ("category", category), ("from", start), ("to", end)) if v}
    return render("timeline.html", title="Timeline", groups=groups, titles=titles, categories=categories,
                  periods=[(p, n, round(10 * n / widest)) for p, n in periods], zoom=zoom, zoom_in=ZOOM_IN[zoom],
                  query=query, page=page, more=more, total=total, pages=-(-total // size),
                  pager_query={**query, "zoom": zoom, "size": size if size != TIMELINE_PAGE else None})


# -- documents -------------------------------------------------------------------------------


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
@kept
def document(request: Request, doc_id: Annotated[str, PathParam(pattern=DOC_PATTERN)],
             at: Annotated[Optional[str], Query(pattern=SPAN_PATTERN)] = None) -> HTMLResponse:
    """One document, every item marked at its offsets; ``at=START-END`` marks a span cited from
    elsewhere (a briefing's or a day summary's sentence, which need not be an item of its own)."""
    store = store_of(request)
    try:
        with store.snapshot():
            doc = store.document(doc_id)
            record = document_records(store, [doc])[0]
            found = {kind: items_of(store, doc.id, kind) for kind in ITEM_KINDS}
            quotes, events, timexes, mentions = found["quotes"], found["events"], found["timexes"], found["mentions"]
            names = store.actor_names([a for kind, listed in found.items() for a in actors_of(kind, listed)])
            warnings = store.warnings(doc=doc.id)
            sentences = store.sentences(doc.id)
    except StoreError as error:
        return not_found(error)
    cited = [Mark("cited", int(a), int(b), "cited") for a, b in [at.split("-")]] if at else []
    marks = [
        *cited,
        # every sentence gets its anchor too: search hits and positions link to sentences
        *(Mark("sentence", x.start, x.end) for x in sentences),
        *(Mark("event", e.start, e.end, f"event: {e.category.lower()}, {e.mode}") for e in events),
        *(Mark("quote", q.start, q.end, f"quote ({q.kind}) by {names.get(q.actor or '') or 'unresolved'}")
          for q in quotes),
        *(Mark("cue", q.cue.start, q.cue.end, "cue") for q in quotes if q.cue),
        *(Mark("timex", t.start, t.end, f"time: {t.value}") for t in timexes),
        *(Mark("mention", m.start, m.end, f"{m.label}: {names.get(a or '') or m.text}") for m, a in mentions),
    ]
    return render("document.html", title=doc.title or doc.id, doc=record, text=marked_html(doc.text, marks),
                  item_kinds=list(ITEM_KINDS.items()), counts={kind: len(listed) for kind, listed in found.items()},
                  shown={kind: item_records(kind, listed[:DOCUMENT_ITEMS], names) for kind, listed in found.items()},
                  warnings=[projections.warning(w) for w in warnings])


@router.get("/documents/{doc_id}/{kind}", response_class=HTMLResponse, include_in_schema=False)
def document_items(request: Request, doc_id: Annotated[str, PathParam(pattern=DOC_PATTERN)],
                   kind: ItemKind) -> HTMLResponse:
    """Every item of one kind found in a document, in the order of its text: the whole of a list
    its page shows the first DOCUMENT_ITEMS of."""
    store = store_of(request)
    try:
        with store.snapshot():
            doc = store.document(doc_id)
            listed = items_of(store, doc.id, kind)
            names = store.actor_names(actors_of(kind, listed))
    except StoreError as error:
        return not_found(error)
    return render("document_items.html", title=f"{ITEM_KINDS[kind]}: {doc.title or doc.id}", doc=projections.document(doc),
                  kind=kind, heading=ITEM_KINDS[kind], items=item_records(kind, listed, names))


def items_of(store: Store, doc: str, kind: ItemKind) -> Sequence[Any]:
    """A document's items of one kind, in the order of its text."""
    read = {"quotes": store.quotes, "events": store.events, "timexes": store.timexes, "mentions": store.mentions}[kind]
    return read(doc=doc)


def actors_of(kind: str, items: Iterable[Any]) -> list[str | None]:
    """The actors a document's items of one kind name (their names are shown with them)."""
    if kind == "quotes":
        return [q.actor for q in items]
    if kind == "events":
        return [a for e in items for a in (e.source_actor, e.target_actor)]
    if kind == "mentions":
        return [a for _, a in items]
    return []


def item_records(kind: str, items: Sequence[Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """A document's items of one kind in the projections its lists show (macros.html, item_list)."""
    if kind == "quotes":
        return [projections.quote(q, names) for q in items]
    if kind == "events":
        return [projections.event(e, names) for e in items]
    if kind == "timexes":
        return [projections.timex(t) for t in items]
    return [{**projections.mention(m), "label": m.label, "entity": a, "name": names.get(a or "")} for m, a in items]


# -- actors ----------------------------------------------------------------------------------


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors(request: Request, label: Annotated[Optional[str], Query(pattern=WORD_PATTERN)] = None) -> HTMLResponse:
    store = store_of(request)
    with store.snapshot():
        found = store.actors(label=label or None, limit=ACTORS_PAGE)
        labels = store.actor_labels()
    return render("actors.html", title="Actors", actors=[projections.entity(a, ()) | {"mention_count": a.mention_count}
                                                         for a in found], labels=labels, label=label)


@router.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
@kept
def actor(request: Request, actor_id: Annotated[str, PathParam(pattern=ACTOR_PATTERN)]) -> HTMLResponse:
    store = store_of(request)
    try:
        with store.snapshot():
            summary = store.actor(actor_id)
            mentions = store.actor_mentions([actor_id]).get(actor_id, [])[:ACTOR_ITEMS]
            quotes = store.quotes(actor=actor_id, limit=ACTOR_ITEMS)
            events = store.events(actor=actor_id, limit=ACTOR_ITEMS)
            found = [p for p in store.positions(actor=summary.name) if p.actor == actor_id]
            names = store.actor_names([actor_id, *(e.source_actor for e in events), *(e.target_actor for e in events)])
            labels = {i.id: i.label for i in store.issues()}
            titles = store.document_titles({m.doc for m in mentions} | {q.doc for q in quotes})
    except StoreError as error:
        return not_found(error)
    by_class: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        by_class.setdefault(q.cue_class or "unknown", []).append(projections.quote(q, names))
    record = projections.entity(summary, mentions)
    record["mention_count"] = summary.mention_count
    return render("actor.html", title=summary.name, actor=record, titles=titles, shown=ACTOR_ITEMS,
                  quotes_by_class=sorted(by_class.items(), key=lambda kv: cue_class_rank(kv[0])),
                  events=[projections.event(e, names) for e in events],
                  positions=positions_by_issue(found, names, labels))


def positions_by_issue(found: list[Any], names: dict[str, str], labels: dict[str, str]) -> list[dict[str, Any]]:
    """An actor's positions, issue by issue: each issue's latest ACTOR_POSITIONS_PER_ISSUE in date
    order, with how many it has (its matrix cell's page lists them all)."""
    by_issue: dict[str, list[Any]] = {}
    for p in sorted(found, key=lambda p: (p.issue, p.date or "", p.doc, p.start)):
        by_issue.setdefault(p.issue, []).append(p)
    return [{"issue": projections.issue_ref(issue, labels), "total": len(listed),
             "positions": [projections.position(p, names, labels) for p in listed[-ACTOR_POSITIONS_PER_ISSUE:]]}
            for issue, listed in by_issue.items()]


# -- quotes ----------------------------------------------------------------------------------


@router.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
def quotes(request: Request, speaker: Text = None, kind: Optional[Literal["direct", "indirect", "mixed"]] = None,
           cue_class: Annotated[Literal["speech", "stance", "cognition", "perception", "all"], Query(alias="class")] = "speech",
           start: Annotated[DatePrefix, Query(alias="from")] = None, end: Annotated[DatePrefix, Query(alias="to")] = None,
           doc: Annotated[Optional[str], Query(pattern=DOC_PATTERN)] = None, q: Text = None,
           page: Page = 1, size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = QUOTES_PAGE) -> HTMLResponse:
    store = store_of(request)
    try:
        with store.snapshot():
            doc_id = store.document(doc).id if doc else None
            found = store.quotes(doc=doc_id, speaker=speaker or None, kind=kind,
                                 cue_class=None if cue_class == "all" else cue_class, start=start, end=end,
                                 text=q or None, limit=size + 1, offset=(page - 1) * size)
            names = store.actor_names(x.actor for x in found)
            titles = store.document_titles(x.doc for x in found)
    except StoreError as error:
        return not_found(error)
    more, found = len(found) > size, found[:size]
    query = {k: v for k, v in (("speaker", speaker), ("kind", kind), ("class", cue_class), ("from", start),
                               ("to", end), ("doc", doc), ("q", q)) if v}
    return render("quotes.html", title="Quotes", quotes=[projections.quote(x, names) for x in found], titles=titles,
                  query=query, page=page, more=more, size=size)


# -- positions -------------------------------------------------------------------------------


@router.get("/positions", response_class=HTMLResponse, include_in_schema=False)
@kept
def positions(request: Request, top: Annotated[int, Query(ge=1, le=50)] = MATRIX_ACTORS) -> HTMLResponse:
    store = store_of(request)
    with store.snapshot():
        cells = matrix(store.position_sides())
        names = store.actor_names({c.actor for c in cells})
        issues = store.issues()
        table = projections.positions_matrix(cells, conflicts(cells), names, top)
        chosen = list(dict.fromkeys(row["entity"] for row in table["cells"]))
        found = store.latest_positions(chosen, CELL_SENTENCES)
    labels = {i.id: i.label for i in issues}
    shown_issues = [i for i in issues if any(row["issue"] == i.id for row in table["cells"])]
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in found:
        sentences.setdefault((p.actor, p.issue), []).append(projections.position(p, names, labels))
    grid = {(row["entity"], row["issue"]): row for row in table["cells"]}
    return render("positions.html", title="Positions", actors=[(a, names.get(a, a)) for a in chosen],
                  issues=[projections.issue(i) for i in shown_issues], grid=grid, sentences=sentences, top=top)


@router.get("/positions/{actor_id}/{issue_id}", response_class=HTMLResponse, include_in_schema=False)
def position_cell(request: Request, actor_id: Annotated[str, PathParam(pattern=ACTOR_PATTERN)],
                  issue_id: Annotated[str, PathParam(pattern=ISSUE_PATTERN)], page: Page = 1) -> HTMLResponse:
    """One cell of the matrix: every sentence of one actor on one issue, latest first."""
    store = store_of(request)
    try:
        with store.snapshot():
            summary = store.actor(actor_id)
            issues = {i.id: i for i in store.issues()}
            if issue_id not in issues:
                raise StoreError(f"no issue {issue_id!r}; /positions shows the issues")
            found = [p for p in store.positions(actor=summary.name, issue=issue_id) if p.actor == actor_id]
    except StoreError as error:
        return not_found(error)
    found.sort(key=lambda p: (p.date or "", p.doc, p.start), reverse=True)
    shown = found[(page - 1) * CELL_PAGE:page * CELL_PAGE]
    labels = {i.id: i.label for i in issues.values()}
    return render("position_cell.html", title=f"{summary.name} on {labels[issue_id]}", actor=(actor_id, summary.name),
                  issue=projections.issue(issues[issue_id]), total=len(found), page=page,
                  more=page * CELL_PAGE < len(found),
                  positions=[projections.position(p, {actor_id: summary.name}, labels) for p in shown])


# -- search ----------------------------------------------------------------------------------


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search(request: Request, q: Text = None, mode: SearchMode = "fts",
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = SEARCH_HITS) -> HTMLResponse:
    store = store_of(request)
    hits = store.search(q, limit=limit, mode=mode) if q and q.strip() else []
    # A hit found by meaning alone has no matched words to mark: it is shown whole.
    shown = [{**projections.search_hit(hit),
              "pieces": pieces(hit.text, [Mark("hit", a, b) for a, b in hit.marks])} for hit in hits]
    return render("search.html", title="Search", q=q or "", hits=shown, mode=mode, modes=SEARCH_MODE_WORDS)
