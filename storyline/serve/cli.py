"""The command line: a thin layer over the core API (build, Store, export).

Every command takes ``--db``; every listing prints a table, or JSON with ``--json``: a list of the
records it lists, each in its one projection (:mod:`storyline.serve.projections`), the same the
export writes for that record.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Literal, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline import __version__
from storyline.errors import StorylineError
from storyline.serve import projections
from storyline.serve.params import is_partial_date
from storyline.serve.export import FORMATS, document_records
from storyline.serve.export import export as export_store
from storyline.analyse.lexicon.verbs import cue_class_rank
from storyline.records import Quote, QuoteKind
from storyline.store import Store
from storyline.store.sqlite import SearchMode
from storyline.store.check import Problem, check_database
from storyline.store.dialect import shown_location

# `storyline quotes --class`: a cue class (storyline.records.CueClass) or all of them.
CueClassOption = Literal["speech", "stance", "cognition", "perception", "all"]

app = typer.Typer(help="Storyline: who said what, what happened when — from raw news articles.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
errors = Console(stderr=True)

DbOption = typer.Option("storyline.db", "--db",
                        help="SQLite database file, or a PostgreSQL database: postgresql://user@host/name.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")

# A terminal table of thousands of rows is unreadable, and on a large store slow to read and draw:
# a table shows this many unless --limit says; JSON gives them all unless --limit says.
TABLE_ROWS = 50
LimitOption = typer.Option(None, min=1, help=f"At most this many (default: all with --json, {TABLE_ROWS} in the table).")
# A store broken everywhere would print a problem per row; the first ones say what is wrong.
SHOWN_PROBLEMS = 50
# Control characters an article can carry into a terminal: ESC starts colour, cursor and
# hyperlink sequences, CR overwrites the line, C1 codes are escapes on some terminals. Tab and
# newline are text.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str | None, empty: str = "—") -> Text:
    """Article-derived text for the terminal: never read as rich markup ("[/b]" would crash a
    table, "[link=…]" make a hyperlink), its control characters shown as \ufffd."""
    return Text(TERMINAL_UNSAFE.sub("\ufffd", text) if text else empty)


def calendar_prefix(value: str | None) -> str | None:
    """A --from/--to value: YYYY, YYYY-MM or YYYY-MM-DD that names a real calendar date."""
    if value is None or is_partial_date(value):
        return value
    raise typer.BadParameter(f"{value!r} is not a calendar date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-02-24)")


def output_file(out: Path | None) -> Path | None:
    """An --out file whose folder exists (the export never creates folders)."""
    if out is None:
        return None
    if out.is_dir():
        raise typer.BadParameter(f"{out} is a folder; give a file in it, e.g. {out / 'storyline.jsonl'}")
    if not out.parent.is_dir():
        raise typer.BadParameter(f"the folder {out.parent} does not exist; create it first or write elsewhere")
    return out


def print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"storyline {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=print_version,
                                 help="Print Storyline's version and exit."),
) -> None:
    """Storyline: who said what, what happened when — from raw news articles."""


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn Storyline's named errors into one clean line and exit code 2, not a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except StorylineError as error:
            errors.print(f"[bold red]error[/] {error}", markup=True, highlight=False)
            raise typer.Exit(code=2) from None

    return run


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def open_store(db: str) -> Store:
    return Store.open(db, create=False)


class DocsPerSecond(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Any) -> Text:
        speed = task.completed / task.elapsed if task.elapsed else 0.0
        return Text(f"{speed:5.1f} docs/s", style="cyan")


@app.command()
@reports_errors
def build(
    paths: list[str] = typer.Argument(..., help="Files or folders (.txt, .html[.gz], .jsonl[.gz], .rss, .atom, "
                                                 "feed .xml, .csv, .tsv, .warc[.gz]), http(s) URLs of pages or "
                                                 "feeds, or a .txt list of URLs (one a line)."),
    db: str = DbOption,
    model: Optional[list[str]] = typer.Option(
        None, help="Installed spaCy pipeline (package name or path) for English, default: the one Storyline "
                   "installs; or LANG=NAME for another language (--model de=de_core_news_sm). Repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Processes that analyse articles (default: every core)."),
    issues: Optional[Path] = typer.Option(None, "--issues", help="Issues file (TOML): the propositions whose "
                                          "positions to read; without one, issues are induced from the corpus."),
    csv_map: Optional[str] = typer.Option(
        None, "--csv-map", help="CSV/TSV columns of Storyline's fields, FIELD=COLUMN,... (text=body,published=date); "
                                "fields: text, title, published, url, outlet, source_id."),
    follow: bool = typer.Option(False, "--follow", help="For a feed given by URL, fetch each entry's page "
                                                        "and read it instead of the entry's own text."),
    allow_private_hosts: bool = typer.Option(
        False, "--allow-private-hosts", help="Fetch URLs on loopback, private and link-local hosts too "
                                             "(refused by default: a URL must not reach into your network)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine's processes) or dask (the "
                                                         "workers of a Dask cluster: --scheduler, or --workers N "
                                                         "started here)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler to run on, tcp://HOST:8786."),
    parquet_out: Optional[Path] = typer.Option(None, "--out", help="Also write the built store as Parquet "
                                                                   "datasets into this new or empty folder."),
    stories: str = typer.Option("exact", "--stories", help="exact (the corpus clustered into stories again on "
                                                            "every build) or incremental (new articles placed into "
                                                            "the stories within reach of their days: faster on a "
                                                            "large corpus, close to the exact stories)."),
) -> None:
    """Read, clean, analyse and store articles; skip what is already stored.

    Exits 1 when items failed and nothing was stored or recorded (every input failed).
    """
    # The build machinery imports spaCy (over a second): only this command imports it, so the read
    # commands start in a fraction of that.
    from storyline.analyse.nlp import DEFAULT_MODEL, parse_model_option
    from storyline.builder import build as build_corpus
    from storyline.builder import count_items
    from storyline.ingest.readers import ReadOptions
    from storyline.ingest.tables import parse_column_map

    models = parse_model_option(model) if model else DEFAULT_MODEL
    if parquet_out is not None:
        from storyline.serve.parquet import writable_target

        writable_target(parquet_out)  # refused before the build, not after it
    columns = [TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(), TimeElapsedColumn()]
    with Progress(*columns, console=errors, disable=quiet, transient=False) as bar:
        task = bar.add_task("build", total=None)
        total = 0

        def more_items(count: int) -> None:  # a URL counted as one item was a feed of many
            nonlocal total
            total += count
            bar.update(task, total=total)

        read_options = ReadOptions(csv_columns=parse_column_map(csv_map), allow_private_hosts=allow_private_hosts,
                                   follow=follow, on_more_items=more_items)
        total = count_items(paths, read_options=read_options)
        bar.update(task, total=total)
        report = build_corpus(paths, db=db, model=models, progress=lambda n: bar.advance(task, n),
                              on_wait=lambda message: errors.print(f"[yellow]{message}[/]"), workers=workers,
                              issues=issues, read_options=read_options, engine=engine, scheduler=scheduler,
                              stories=stories)
    console.print(
        f"[green]stored {report.stored}[/], {report.copies} copies of stored texts recorded, "
        f"skipped {report.skipped} already stored, "
        f"[red]failed {report.failed}[/] — {report.docs_per_s:.1f} docs/s; {report.actors} actors, "
        f"{report.inferred_dates} dates inferred, {report.timeline_entries} timeline entries; into {shown_location(db)}"
    )
    for failure in report.failures[:20]:
        errors.print(Text("  ✗ ", style="red") + plain(f"{failure.source} ({failure.stage}): {failure.reason}"))
    if len(report.failures) > 20:
        errors.print(f"  … and {len(report.failures) - 20} more: `storyline errors --db {shown_location(db)}` lists them all")
    if parquet_out is not None:
        from storyline.serve.parquet import write_parquet

        with open_store(db) as store:
            counts = write_parquet(store, parquet_out)
        errors.print(plain(f"wrote {sum(counts.values())} rows in {len(counts)} datasets to {parquet_out}"))
    if report.failed and not (report.stored or report.copies or report.skipped):
        errors.print("[red]nothing stored: every input failed[/]")
        raise typer.Exit(code=1)


def page_size(limit: int | None, as_json: bool) -> int | None:
    """How many rows a listing reads: what --limit says, else all for JSON and a page for a table."""
    return limit if limit is not None or as_json else TABLE_ROWS


def listed_title(count: int, noun: str, limit: int | None) -> str:
    """A table's title, saying when it shows only the first page."""
    return f"{count} {noun}" + (f", the first {count} (--limit shows more)" if limit is None and count == TABLE_ROWS else "")


@app.command()
@reports_errors
def docs(db: str = DbOption, as_json: bool = JsonOption, limit: Optional[int] = LimitOption) -> None:
    """List the stored documents."""
    with open_store(db) as store, store.snapshot():
        listed = store.documents(limit=page_size(limit, as_json), removed=as_json)
        records = document_records(store, listed) if as_json else []
    if as_json:
        print_json(records)
        return
    table = Table("id", "published", "basis", "language", "outlet", "title",
                  title=listed_title(len(listed), "documents", limit))
    for d in listed:
        basis = d.published_basis or "—"
        if d.published_confidence is not None:
            basis += f" ({d.published_confidence:.2f})"
        table.add_row(d.id, d.published or "—", plain(basis), plain(d.language), plain(d.outlet), plain(d.title))
    console.print(table)


@app.command()
@reports_errors
def show(doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
         db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Show one document: metadata, clean text, removed lines, entities."""
    with open_store(db) as store, store.snapshot():
        doc = store.document(doc_id)
        mentions = store.mentions(doc=doc.id)
        names = store.actor_names(actor for _, actor in mentions)
        record = document_records(store, [doc])[0] if as_json else {}
    if as_json:
        # the document's record, with every entity mention in it (linked to an actor or not)
        print_json({**record, "mentions": [projections.document_mention(m, actor, names) for m, actor in mentions]})
        return
    console.rule(plain(doc.title, doc.id))
    console.print(plain(f"id {doc.id} · source {doc.source} · outlet {doc.outlet or '—'} · "
                        f"published {doc.published or '—'} ({doc.published_basis or 'unknown'})"))
    console.print()
    console.print(plain(doc.text), highlight=False)
    console.print()
    removed = Table("reason", "removed text", title=f"{len(doc.removed)} removed spans")
    for span in doc.removed:
        removed.add_row(span.reason, plain(span.text[:100]))
    console.print(removed)
    entities = Table("text", "label", "actor", "role", "offsets", title=f"{len(mentions)} entity mentions")
    for mention, actor in mentions:
        entities.add_row(plain(mention.text), mention.label, plain(names.get(actor or "")), plain(mention.role, ""),
                         f"{mention.start}–{mention.end}")
    console.print(entities)


@app.command()
@reports_errors
def entities(
    db: str = DbOption,
    label: Optional[str] = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only actors mentioned in this document."),
    as_json: bool = JsonOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """Canonical actors with mention counts, aliases and roles.

    With --doc, the actors mentioned in that document, most mentioned there first; the table counts
    their mentions in it, and --json gives each actor's whole record (every mention in the store).
    """
    with open_store(db) as store, store.snapshot():
        doc_id = store.document(doc).id if doc else None
        actors = store.actors(label=label, doc=doc_id, limit=page_size(limit, as_json))
        if label and not actors:
            known = store.actor_labels()
            if label.upper() not in known:
                raise typer.BadParameter(
                    f"no actor has the type {label!r}; "
                    + (f"this store's types are {', '.join(known)}" if known else "this store has no actors yet"),
                    param_hint="'--type'")
        mentions = store.actor_mentions([a.id for a in actors]) if as_json else {}
    if as_json:
        print_json([projections.entity(a, mentions.get(a.id, ())) for a in actors])
        return
    table = Table("actor", "type", "mentions", "aliases", "roles", title=listed_title(len(actors), "actors", limit))
    for a in actors:
        table.add_row(plain(a.name), a.label, str(a.mention_count),
                      plain(", ".join(link.alias for link in a.aliases if link.alias != a.name), ""),
                      plain("; ".join(a.roles[:3]), ""))
    console.print(table)


@app.command()
@reports_errors
def search(query: str = typer.Argument(..., help="Words, an FTS5 query, or (semantic, hybrid) what you mean."),
           db: str = DbOption, limit: int = typer.Option(20, min=1, help="At most this many hits."),
           mode: SearchMode = typer.Option("fts", "--mode", help="fts: the words; semantic: the meaning "
                                                 "(\"stepped down\" finds \"resigned\"); hybrid: both, fused by rank."),
           story: Optional[str] = typer.Option(None, "--story", help="Only sentences of this story's articles."),
           as_json: bool = JsonOption) -> None:
    """Search sentences, best first, with document and offsets."""
    with open_store(db) as store, store.snapshot():
        docs = store.story(story).docs if story else None
        hits = store.search(query, limit=limit, mode=mode, docs=docs)
    if as_json:
        print_json([projections.search_hit(hit) for hit in hits])
        return
    table = Table("doc", "offsets", "sentence", title=plain(f"{len(hits)} hits for {query!r}"))
    for hit in hits:
        table.add_row(hit.doc, f"{hit.start}–{hit.end}", plain(hit.text))
    console.print(table)


@app.command()
@reports_errors
def quotes(
    db: str = DbOption,
    speaker: Optional[str] = typer.Option(None, help="Only quotes by this actor (name or alias, any case)."),
    kind: Optional[QuoteKind] = typer.Option(None, help="direct, indirect or mixed."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only quotes in this document."),
    story: Optional[str] = typer.Option(None, "--story", help="Only quotes in the articles of this story."),
    cue_class: CueClassOption = typer.Option(
        "speech", "--class", help="What the quotes report: speech (said, told), stance (decided, urged), "
                                  "cognition (believes), perception (found, showed), or all."),
    pieces: bool = typer.Option(False, "--pieces", help="A row per piece of a quote its cue interrupts "
                                "(“A,” she said, “B.” is two), each with its own offsets: quotes as a reader "
                                "counts and cites them."),
    as_json: bool = JsonOption,
    limit: Optional[int] = typer.Option(None, min=1, help="At most this many quotes, the first in document order"
                                        f" (default: all with --json, {TABLE_ROWS} in the table)."),
) -> None:
    """Who said what: quotes grouped by canonical speaker, with cue and evidence offsets. Only
    what was said unless --class says otherwise; with several classes, speech comes first and
    each class is listed under its own name."""
    with open_store(db) as store, store.snapshot():
        doc_id = store.document(doc).id if doc else None
        wanted_class = None if cue_class == "all" else cue_class
        rows = page_size(limit, as_json)
        if story:
            in_story = set(store.story(story).docs)
            found = [q for q in store.quotes(doc=doc_id, speaker=speaker, kind=kind, cue_class=wanted_class)
                     if q.doc in in_story][:rows]
        else:
            found = store.quotes(doc=doc_id, speaker=speaker, kind=kind, limit=rows, cue_class=wanted_class)
        names = store.actor_names(quote.actor for quote in found)
    if as_json:
        print_json([projections.quote(quote, names) for quote in found])
        return
    def speaker_of(quote: Quote) -> str:
        if quote.actor in names:
            return names[quote.actor or ""]
        return f"(unresolved: {quote.speaker.text})" if quote.speaker else "(no speaker)"

    title = listed_title(len(found), "quotes", limit)
    if pieces:
        title += f", {sum(len(q.pieces()) for q in found)} as a reader counts them"
    table = Table(title=title, expand=True)
    classes = {q.cue_class for q in found}
    if len(classes) > 1:
        table.add_column("class", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", ratio=1)
    table.add_column("said", ratio=6)
    table.add_column("doc · offsets", no_wrap=True)
    for quote in sorted(found, key=lambda q: (cue_class_rank(q.cue_class), speaker_of(q).startswith("("),
                                              speaker_of(q), q.doc, q.start)):
        if pieces:
            shown = [(part.text, part) for part in quote.pieces()]
        else:  # a quote interrupted by its cue shows its pieces: “A,” … “B.”
            shown = [(" … ".join(part.text for part in quote.pieces()), quote)]
        for words, span in shown:
            said = " ".join(words.split())
            row = [plain(speaker_of(quote)), quote.kind, plain(quote.cue.text if quote.cue else None),
                   plain(said if len(said) <= 160 else said[:157] + "…"), f"{quote.doc[:8]} {span.start}–{span.end}"]
            table.add_row(*([quote.cue_class or "unclassed"] if len(classes) > 1 else []), *row)
    console.print(table)


@app.command()
@reports_errors
def timeline(
    db: str = DbOption,
    start: Optional[str] = typer.Option(None, "--from", callback=calendar_prefix,
                                        help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--to", callback=calendar_prefix,
                                      help="Last date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    actor: Optional[str] = typer.Option(None, help="Only events involving this actor."),
    show_all: bool = typer.Option(False, "--all", help="Also entries the salience rules filtered out, with why."),
    story: Optional[str] = typer.Option(None, "--story", help="Only entries reported by articles of this story."),
    as_json: bool = JsonOption,
    limit: Optional[int] = typer.Option(None, min=1, help="At most this many entries, the earliest"
                                        f" (default: all with --json, {TABLE_ROWS} in the table)."),
    top: Optional[int] = typer.Option(None, min=1, help="The timeline a reader keeps: the N days most"
                                      " articles refer to, each with its best entries."),
    per_day: int = typer.Option(3, "--per-day", min=1, help="With --top: at most this many entries a day."),
) -> None:
    """What happened when: events merged across sources, in date order, each with its sources."""
    if top is not None:
        _kept_timeline(db, top, per_day, story, as_json)
        return
    rows = page_size(limit, as_json)
    with open_store(db) as store, store.snapshot():
        if story:
            in_story = {entry.id for entry in store.story_timeline(story, include_filtered=show_all)}
            entries = [entry for entry in store.timeline(start=start, end=end, actor=actor, include_filtered=show_all)
                       if entry.id in in_story][:rows]
        else:
            entries = store.timeline(start=start, end=end, actor=actor, include_filtered=show_all, limit=rows)
    if as_json:
        print_json([projections.timeline_entry(entry, filtered=show_all) for entry in entries])
        return
    table = Table(title=listed_title(len(entries), "timeline entries", limit), expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("what", ratio=6)
    table.add_column("sources", no_wrap=True)
    table.add_column("dates given", no_wrap=True)
    for entry in entries:
        claims = sorted({c.value for c in entry.date_claims})
        what = plain(entry.title)
        if entry.filtered is not None:
            what.append(f"\nfiltered: {entry.filtered}", style="dim")
        table.add_row(entry.date, f"{entry.category.lower()}\n{entry.mode}", what,
                      "\n".join(doc[:8] for doc in entry.sources),
                      "\n".join(claims) if len(claims) > 1 else "")
    console.print(table)


def _italic(text: Text) -> Text:
    text.stylize("italic")
    return text


def _kept_timeline(db: str, top: int, per_day: int, story: str | None, as_json: bool) -> None:
    from storyline.link.timeline import kept_timeline

    with open_store(db) as store:
        days = kept_timeline(store, top=top, per_day=per_day, story=story)
        names = {a.id: a.name for a in store.actors()}
    if as_json:
        print_json([projections.kept_day(day) for day in days])
        return
    table = Table(title=f"the {len(days)} days most referred to", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("what", ratio=6)
    table.add_column("who", ratio=2)
    table.add_column("sources", no_wrap=True)
    for day in days:
        # The day in its articles' own words first, then the events it holds.
        for n, said in enumerate(day.summary):
            table.add_row(f"{day.date}\n{day.references} articles" if n == 0 else "", _italic(plain(said.text)),
                          "", f"{said.doc[:8]} {said.start}–{said.end}"
                          + (f"\n+{len(said.sources) - 1} printing(s)" if len(said.sources) > 1 else ""))
        for n, kept in enumerate(day.entries):
            what = plain(kept.entry.title)
            if kept.entry.filtered is not None:
                what.append(f"\n({kept.entry.filtered})", style="dim")
            table.add_row(f"{day.date}\n{day.references} articles" if n == 0 and not day.summary else "", what,
                          plain(", ".join(names.get(a, a) for a in kept.entry.actors[:4])),
                          f"{kept.independent} independent\n{kept.publications} publications\n"
                          + "\n".join(doc[:8] for doc in kept.entry.sources))
    console.print(table)


@app.command("actor")
@reports_errors
def actor_command(name: str = typer.Argument(..., help="A canonical name or an alias."), db: str = DbOption,
                  as_json: bool = JsonOption, limit: int = typer.Option(10, min=1, help="At most this many items a list.")) -> None:
    """One actor: who they are (roles, aliases with evidence), what they said, did and stand for, over time."""
    from storyline.link.profiles import actor_page

    with open_store(db) as store:
        page = actor_page(store, name)
        names = {a.id: a.name for a in store.actors()}
        labels = {issue.id: issue.label for issue in store.issues()}
    record = projections.actor_page(page, names, labels)
    if as_json:
        print_json(record)
        return
    a = page.actor
    console.print(f"[bold]{plain(a.name)}[/bold] ({a.label}, {a.mention_count} mentions)")
    if a.roles:
        console.print("roles: " + ", ".join(a.roles))
    for link in a.aliases[:limit]:
        console.print(plain(f"  also “{link.alias}” ({link.rule}: {link.evidence})"))
    for cue_class, quotes in record["said"].items():
        table = Table("day", f"said ({cue_class})", "doc · offsets", title=f"{len(quotes)} {cue_class} quotes", expand=True)
        for q in quotes[:limit]:
            table.add_row(q["published"] or "", plain(" ".join(q["text"].split())[:200]), f"{q['doc'][:8]} {q['start']}–{q['end']}")
        console.print(table)
    table = Table("date", "did", "doc · offsets", title=f"{len(page.events)} events", expand=True)
    for e in page.events[:limit]:
        table.add_row(e.date.value or page.published.get(e.doc) or "", plain(f"{e.category.lower()}: {' '.join(e.text.split())[:200]}"),
                      f"{e.doc[:8]} {e.start}–{e.end}")
    console.print(table)
    table = Table("date", "issue", "stands", "doc · offsets", title=f"{len(page.positions)} positions", expand=True)
    for p in page.positions[:limit]:
        table.add_row(p.date or "", plain(labels.get(p.issue, p.issue)), plain(f"{p.stance} ({p.polarity:+d}): {' '.join(p.text.split())[:160]}"),
                      f"{p.doc[:8]} {p.start}–{p.end}")
    console.print(table)


@app.command("brief")
@reports_errors
def brief_command(
    db: str = DbOption,
    story: Optional[str] = typer.Option(None, "--story", help="The briefing of this story (default: the store)."),
    since: Optional[str] = typer.Option(None, "--since", callback=calendar_prefix,
                                        help="Also what changed since this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    sentences: int = typer.Option(8, "--sentences", min=1, help="About this many sentences."),
    fmt: str = typer.Option("text", "--format", help="text, markdown, html or json."),
) -> None:
    """A short account of the story; every sentence is a span of an article, cited by document and offsets."""
    from storyline.link.briefing import SECTION_HEADINGS, brief

    if fmt not in ("text", "markdown", "html", "json"):
        raise typer.BadParameter("text, markdown, html or json", param_hint="--format")
    with open_store(db) as store:
        found = brief(store, story=story, since=since, sentences=sentences)
    if fmt == "json":
        print_json(projections.briefing(found))
        return
    import html as html_escape
    from storyline.serve.export import markdown_text

    lines: list[str] = []
    section = None
    for s in found.sentences:
        cite = f"{s.doc}:{s.start}-{s.end}" + (f" (+{len(s.sources) - 1} more)" if len(s.sources) > 1 else "")
        if s.section != section:
            section = s.section
            heading = SECTION_HEADINGS[section].format(since=found.since)
            lines.append({"text": f"\n{heading}", "markdown": f"\n## {heading}\n",
                          "html": f"<h2>{html_escape.escape(heading)}</h2>"}[fmt])
        lines.append({"text": f"- {s.text} [{cite}]",
                      "markdown": f"- {markdown_text(s.text)} [`{cite}`]",
                      "html": f"<p>{html_escape.escape(s.text)} <cite>{html_escape.escape(cite)}</cite></p>"}[fmt])
    print("\n".join(lines).lstrip("\n"))


@app.command("issues")
@reports_errors
def list_issues(
    db: str = DbOption, as_json: bool = JsonOption,
    rename: Optional[tuple[str, str]] = typer.Option(None, "--rename", help="ID LABEL: give an issue a new label."),
    merge: Optional[list[str]] = typer.Option(None, "--merge", help="ID (repeatable) to merge into --into."),
    into: Optional[str] = typer.Option(None, "--into", help="The issue --merge merges into."),
) -> None:
    """The issues positions are read on: given (build --issues) or induced from the corpus.

    --rename and --merge reshape them (an induced set becomes a given one, so rebuilds keep it) and
    read the positions again.
    """
    from storyline.link.issues import merge_issues, rename_issue
    from storyline.link.positions import reread_positions

    with open_store(db) as store:
        found = store.issues()
        if rename or merge:
            if merge and not into:
                raise typer.BadParameter("say which issue to merge into with --into ID", param_hint="'--merge'")
            reshaped = rename_issue(found, *rename) if rename else tuple(found)
            if merge:
                reshaped = merge_issues(reshaped, merge, into or "")
            reread_positions(store, reshaped)
            found = store.issues()
    if as_json:
        print_json([projections.issue(issue) for issue in found])
        return
    table = Table("id", "label", "keywords", "induced", title=f"{len(found)} issues")
    for issue in found:
        table.add_row(plain(issue.id), plain(issue.label), plain(", ".join(issue.keywords)),
                      "yes" if issue.induced else "")
    console.print(table)


@app.command()
@reports_errors
def positions(
    db: str = DbOption,
    actor: Optional[str] = typer.Option(None, help="Only this actor's positions (name or alias, any case)."),
    issue: Optional[str] = typer.Option(None, help="Only positions on this issue (its id)."),
    start: Optional[str] = typer.Option(None, "--from", callback=calendar_prefix, help="First date (YYYY[-MM[-DD]])."),
    end: Optional[str] = typer.Option(None, "--to", callback=calendar_prefix, help="Last date (YYYY[-MM[-DD]])."),
    show_matrix: bool = typer.Option(False, "--matrix", help="The actor × issue table: net stance, counts, dates."),
    as_csv: bool = typer.Option(False, "--csv", help="With --matrix: the table as CSV."),
    show_changes: bool = typer.Option(False, "--changes", help="Reversals and softenings, each with its two sentences."),
    top: int = typer.Option(10, min=1, help="With --matrix: the actors with the most positions."),
    story: Optional[str] = typer.Option(None, "--story", help="Only positions taken in the articles of this story."),
    as_json: bool = JsonOption,
) -> None:
    """Where each party stands: positions of actors on issues, in date order, each with its sentence."""
    from storyline.link.positions import changes, conflicts, matrix

    with open_store(db) as store, store.snapshot():
        found = store.positions(actor=actor, issue=issue, start=start, end=end,
                                story=store.story(story).id if story else None)
        names = store.actor_names()
        labels = {i.id: i.label for i in store.issues()}
    if show_matrix:
        cells = matrix(found)
        table_record = projections.positions_matrix(cells, conflicts(cells), names, top)
        rows = table_record["cells"]
        chosen = {row["entity"] for row in rows}
        if as_json:
            print_json(table_record)
        elif as_csv:
            import csv as csv_module

            from storyline.serve.export import csv_cell
            writer = csv_module.writer(sys.stdout)
            writer.writerow(["actor", "entity", "issue", "net", "for", "against", "neutral", "first", "last"])
            for row in rows:
                writer.writerow([csv_cell(v) for v in row.values()])
        else:
            table = Table("actor", "issue", "net", "for", "against", "neutral", "first", "last",
                          title=f"positions of the {len(chosen)} most active actors")
            for row in rows:
                table.add_row(plain(row["actor"]), plain(row["issue"]), f"{row['net']:+d}", str(row["for"]),
                              str(row["against"]), str(row["neutral"]), row["first"] or "—", row["last"] or "—")
            console.print(table)
        return
    if show_changes:
        moves = changes(found)
        if as_json:
            print_json([{"actor": names.get(m.actor), "entity": m.actor, "issue": m.issue, "kind": m.kind,
                         "before": projections.position(m.before, names, labels),
                         "after": projections.position(m.after, names, labels)} for m in moves])
            return
        table = Table("actor", "issue", "change", "before", "after", title=f"{len(moves)} changes", expand=True)
        for m in moves:
            table.add_row(plain(names.get(m.actor)), plain(m.issue), m.kind,
                          plain(f"{m.before.date} {m.before.stance} {m.before.polarity:+d}: {' '.join(m.before.text.split())}"),
                          plain(f"{m.after.date} {m.after.stance} {m.after.polarity:+d}: {' '.join(m.after.text.split())}"))
        console.print(table)
        return
    if as_json:
        print_json([projections.position(p, names, labels) for p in found])
        return
    table = Table(title=f"{len(found)} positions", expand=True)
    for column, ratio in (("actor", 2), ("issue", 2), ("stance", 1), ("±", 1), ("date", 1), ("said", 8)):
        table.add_column(column, ratio=ratio)
    for p in found:
        said = " ".join(p.text.split())
        when = (p.date or "—") + (f" (about {p.about})" if p.about else "")  # said when, and about when
        table.add_row(plain(names.get(p.actor)), plain(p.issue), p.stance, f"{p.polarity:+d}", when,
                      plain(said if len(said) <= 200 else said[:197] + "…"))
    console.print(table)


@app.command()
@reports_errors
def stories(db: str = DbOption, as_json: bool = JsonOption, limit: Optional[int] = LimitOption) -> None:
    """Stories, the largest first: title, first and last day, articles, outlets, top actors."""
    with open_store(db) as store, store.snapshot():
        found = store.stories(limit=page_size(limit, as_json))
        names = store.actor_names(a for s in found for a in s.actors)
    if as_json:
        print_json([projections.story(s, names, outlets=True) for s in found])
        return
    table = Table("story", "first", "last", "articles", "outlets", "title", "actors",
                  title=listed_title(len(found), "stories", limit))
    for s in found:
        table.add_row(s.id[6:14], s.first or "—", s.last or "—", str(s.size), str(len(s.outlets)), plain(s.title),
                      plain(", ".join(names.get(a, a) for a in s.actors), ""))
    console.print(table)


@app.command("story")
@reports_errors
def show_story(story_id: str = typer.Argument(..., help="Story id (or a unique prefix, with or without story-)."),
               db: str = DbOption, as_json: bool = JsonOption) -> None:
    """One story: its articles and their copies, its timeline entries, its actors."""
    with open_store(db) as store, store.snapshot():
        story = store.story(story_id)
        documents = {d.id: d for d in store.documents() if d.id in set(story.docs)}
        copies = {c.doc: c for c in store.copies() if c.doc in documents}
        entries = store.story_timeline(story.id)
        names = store.actor_names(story.actors)
    if as_json:
        print_json(projections.story_detail(story, names, documents, copies, entries))
        return
    console.rule(plain(story.title))
    console.print(plain(f"{story.id} · {story.first or '—'} to {story.last or '—'} · {story.size} articles from "
                        f"{len(story.outlets)} outlets · {', '.join(names.get(a, a) for a in story.actors)}"))
    table = Table("doc", "published", "outlet", "title", "copy of", title=f"{story.size} articles")
    for d in story.docs:
        doc, copy = documents.get(d), copies.get(d)
        table.add_row(d[:8], doc.published if doc and doc.published else "—", plain(doc.outlet if doc else None),
                      plain(doc.title if doc else None), f"{copy.canonical[:8]} ({copy.similarity:.2f})" if copy else "")
    console.print(table)
    timeline_table = Table("date", "event", "what", title=f"{len(entries)} timeline entries")
    for entry in entries:
        timeline_table.add_row(entry.date, entry.category.lower(), plain(entry.title))
    console.print(timeline_table)


@app.command()
@reports_errors
def duplicates(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Groups of near-copies: the canonical document, its copies with their similarity, and outlets."""
    with open_store(db) as store, store.snapshot():
        found = store.copies()
        documents = {d.id: d for d in store.documents()}
    groups: dict[str, list[Any]] = {}
    for copy in found:
        groups.setdefault(copy.canonical, []).append(copy)
    outlet = lambda doc: documents[doc].outlet if doc in documents else None  # noqa: E731
    if as_json:
        outlets = {doc: documents[doc].outlet for doc in documents}
        print_json([projections.duplicate_group(canonical, copies, outlets) for canonical, copies in groups.items()])
        return
    table = Table("canonical", "outlet", "copies (similarity, outlet)", "title",
                  title=f"{len(groups)} groups of copies, {len(found)} copies")
    for canonical, copies in groups.items():
        title = documents[canonical].title if canonical in documents else None
        table.add_row(canonical[:8], plain(outlet(canonical)),
                      plain("\n".join(f"{c.doc[:8]} ({c.similarity:.2f}, {outlet(c.doc) or '—'})" for c in copies)),
                      plain(title))
    console.print(table)


@app.command("errors")
@reports_errors
def list_errors(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Items that failed (file, stage, reason), then items kept with a warning."""
    with open_store(db) as store, store.snapshot():
        failures = store.failures()
        warnings = store.warnings()
    if as_json:
        print_json([projections.error(f) for f in failures] + [projections.warning(w) for w in warnings])
        return
    table = Table("source", "stage", "code", "reason", title=f"{len(failures)} failed items")
    for f in failures:
        table.add_row(plain(f.source), f.stage, f.code, plain(f.reason))
    console.print(table)
    if warnings:
        kept = Table("source", "doc", "stage", "code", "reason", title=f"{len(warnings)} items kept with a warning")
        for w in warnings:
            kept.add_row(plain(w.source), (w.doc or "—")[:8], w.stage, w.code, plain(w.reason))
        console.print(kept)


def export_target(ctx: typer.Context, out: Path | None) -> Path | None:
    """--out of the export: a file, or for Parquet the folder of its datasets (new or empty)."""
    if ctx.params.get("fmt") == "parquet":
        if out is None:
            raise typer.BadParameter("Parquet is a folder of datasets: give --out DIR")
        return out
    return output_file(out)


@app.command()
@reports_errors
def export(db: str = DbOption,
           fmt: str = typer.Option("jsonl", "--format",
                                   help="jsonl, csv, timelinejs, markdown, positions-dna, graphml or parquet."),
           out: Optional[Path] = typer.Option(None, "--out", callback=export_target,
                                              help="File to write (default: stdout); its folder must exist. "
                                                   "For parquet: a new or empty folder."),
           cue_class: CueClassOption = typer.Option(
               "all", "--class", help="Only the quotes of this class in jsonl and csv: speech (said, told), "
                                      "stance, cognition, perception, or all (the default).")) -> None:
    """Export everything (JSON Lines, CSV or Parquet datasets), the timeline (TimelineJS 3 or
    Markdown), or the positions (DNA statements, or the actor–issue network as GraphML)."""
    wanted_class = None if cue_class == "all" else cue_class
    if wanted_class is not None and fmt not in ("jsonl", "csv"):
        raise typer.BadParameter(f"{fmt} holds no quotes to filter; --class is for jsonl and csv", param_hint="'--class'")
    if fmt == "parquet":
        from storyline.serve.parquet import write_parquet  # pyarrow loads in a second: only when asked

        assert out is not None  # export_target requires it
        with open_store(db) as store:
            counts = write_parquet(store, out)
        errors.print(plain(f"wrote {sum(counts.values())} rows in {len(counts)} datasets to {out}"))
        return
    if fmt not in FORMATS:
        errors.print(f"[bold red]error[/] unknown format {fmt!r}; use one of {', '.join(FORMATS)}, parquet")
        raise typer.Exit(code=2)
    with open_store(db) as store:
        if out is None:
            count = export_store(store, sys.stdout, fmt, cue_class=wanted_class)  # type: ignore[arg-type]
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = export_store(store, handle, fmt, cue_class=wanted_class)  # type: ignore[arg-type]
            except OSError as error:
                raise typer.BadParameter(f"cannot write {out}: {error.strerror or error}", param_hint="'--out'") from None
            errors.print(plain(f"wrote {count} records to {out}"))


@app.command()
@reports_errors
def load(source: Path = typer.Argument(..., help="A folder written by `storyline export --format parquet`."),
         db: str = DbOption) -> None:
    """Load Parquet datasets into a new store: the same items as the store they were exported from."""
    from storyline.serve.parquet import load_parquet

    with Store.open(db) as store:
        counts = load_parquet(source, store)
    console.print(f"loaded {sum(counts.values())} rows in {len(counts)} datasets into {shown_location(db)}")


@app.command("check")
@reports_errors
def check_store(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Verify the store: every offset against its document's text, the full-text index, foreign
    keys, SQLite's integrity and the schema version. Exits 1 when anything is wrong."""
    report = check_database(db)
    if as_json:
        print_json({"ok": report.ok, "documents": report.documents, "offsets": report.offsets,
                    "problems": [asdict(problem) for problem in report.problems]})
    elif report.ok:
        console.print(f"ok: {report.documents} documents, {report.offsets} offsets checked", highlight=False)
    else:
        for problem in report.problems[:SHOWN_PROBLEMS]:
            console.print(plain(describe(problem)), highlight=False)
        if len(report.problems) > SHOWN_PROBLEMS:
            console.print(f"… and {len(report.problems) - SHOWN_PROBLEMS} more (--json lists them all)")
        console.print(f"[red]{len(report.problems)} problems[/] in {shown_location(db)}: {report.documents} documents, "
                      f"{report.offsets} offsets checked", highlight=False)
    if not report.ok:
        raise typer.Exit(code=1)


def describe(problem: Problem) -> str:
    where = " ".join(part for part in (problem.table, f"row {problem.row}" if problem.row is not None else "",
                                       f"(doc {problem.doc})" if problem.doc else "") if part)
    return f"✗ {problem.check}: {where + ': ' if where else ''}{problem.message}"


@app.command()
@reports_errors
def serve(db: str = DbOption,
          host: str = typer.Option("127.0.0.1", help="Address to listen on; 127.0.0.1 is this machine only."),
          port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on.")) -> None:
    """Serve the store over HTTP: the API under /api/ (docs at /docs). Read-only unless the
    environment has STORYLINE_TOKEN, the token a write (POST /api/documents) must carry."""
    import uvicorn

    from storyline.serve.api import create_app
    from storyline.serve.api.app import TOKEN_VARIABLE

    web_app = create_app(db)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    local = host in ("127.0.0.1", "localhost", "::1")
    console.print(plain(f"serving {shown_location(db)} at {url}/ (API {url}/api/, docs {url}/docs)"))
    console.print(plain(f"listening on {host}: " + ("this machine only" if local else
                                                   "reachable from other machines; --host 127.0.0.1 keeps it local")))
    console.print(plain("writes on: POST /api/documents needs the token of STORYLINE_TOKEN" if web_app.state.token
                       else f"read-only: set {TOKEN_VARIABLE} to allow uploads"))
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
