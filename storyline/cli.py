"""The command line: a thin layer over the core API (build, Store, export).

Every command takes ``--db``; every listing prints a table, or JSON with ``--json``.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline.analyse.nlp import DEFAULT_MODEL
from storyline.build import build as build_corpus
from storyline.build import count_items
from storyline.errors import StorylineError
from storyline.export import FORMATS, quote_record, timeline_record
from storyline.export import export as export_store
from storyline.records import Quote
from storyline.store import Store

app = typer.Typer(help="Storyline: who said what, what happened when — from raw news articles.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
errors = Console(stderr=True)

DbOption = typer.Option("storyline.db", "--db", help="SQLite database file.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


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
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt, .html[.gz], .jsonl[.gz])."),
    db: str = DbOption,
    model: str = typer.Option(DEFAULT_MODEL, help="Installed spaCy pipeline (package name or path)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read, clean, analyse and store articles; skip what is already stored."""
    total = count_items(paths)
    columns = [TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(), TimeElapsedColumn()]
    with Progress(*columns, console=errors, disable=quiet, transient=False) as bar:
        task = bar.add_task("build", total=total)
        report = build_corpus(paths, db=db, model=model, progress=lambda n: bar.advance(task, n))
    console.print(
        f"[green]stored {report.stored}[/], skipped {report.skipped} already stored, "
        f"[red]failed {report.failed}[/] — {report.docs_per_s:.1f} docs/s; {report.actors} actors, "
        f"{report.inferred_dates} dates inferred, {report.timeline_entries} timeline entries; into {db}"
    )
    for failure in report.failures[:20]:
        errors.print(f"  [red]✗[/] {failure.source} ({failure.stage}): {failure.reason}")
    if len(report.failures) > 20:
        errors.print(f"  … and {len(report.failures) - 20} more: `storyline errors --db {db}` lists them all")


@app.command()
@reports_errors
def docs(db: str = DbOption, as_json: bool = JsonOption,
         limit: Optional[int] = typer.Option(None, help="At most this many.")) -> None:
    """List the stored documents."""
    with open_store(db) as store:
        listed = store.documents(limit=limit)
    if as_json:
        print_json([{k: v for k, v in asdict(d).items() if k not in ("text", "removed", "fields")} for d in listed])
        return
    table = Table("id", "published", "basis", "outlet", "title", title=f"{len(listed)} documents")
    for d in listed:
        basis = d.published_basis or "—"
        if d.published_confidence is not None:
            basis += f" ({d.published_confidence:.2f})"
        table.add_row(d.id, d.published or "—", basis, d.outlet or "—", d.title or "—")
    console.print(table)


@app.command()
@reports_errors
def show(doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
         db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Show one document: metadata, clean text, removed lines, entities."""
    with open_store(db) as store:
        doc = store.document(doc_id)
        mentions = store.mentions(doc=doc.id)
        names = {a.id: a.name for a in store.actors(doc=doc.id)}
    if as_json:
        print_json({**asdict(doc), "mentions": [
            {**asdict(m), "entity": actor, "entity_name": names.get(actor or "")} for m, actor in mentions]})
        return
    console.rule(doc.title or doc.id)
    console.print(f"id {doc.id} · source {doc.source} · outlet {doc.outlet or '—'} · "
                  f"published {doc.published or '—'} ({doc.published_basis or 'unknown'})")
    console.print()
    console.print(doc.text, markup=False, highlight=False)
    console.print()
    removed = Table("reason", "removed text", title=f"{len(doc.removed)} removed spans")
    for span in doc.removed:
        removed.add_row(span.reason, span.text[:100])
    console.print(removed)
    entities = Table("text", "label", "actor", "role", "offsets", title=f"{len(mentions)} entity mentions")
    for mention, actor in mentions:
        entities.add_row(mention.text, mention.label, names.get(actor or "", "—"), mention.role or "",
                         f"{mention.start}–{mention.end}")
    console.print(entities)


@app.command()
@reports_errors
def entities(
    db: str = DbOption,
    label: Optional[str] = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only actors mentioned in this document."),
    as_json: bool = JsonOption,
    limit: int = typer.Option(50, help="At most this many rows in the table."),
) -> None:
    """Canonical actors with mention counts, aliases and roles."""
    with open_store(db) as store:
        doc_id = store.document(doc).id if doc else None
        actors = store.actors(label=label, doc=doc_id)
    if as_json:
        print_json([{"id": a.id, "name": a.name, "label": a.label, "mentions": a.mention_count,
                     "aliases": [asdict(link) for link in a.aliases], "roles": list(a.roles)} for a in actors])
        return
    table = Table("actor", "type", "mentions", "aliases", "roles", title=f"{len(actors)} actors")
    for a in actors[:limit]:
        table.add_row(a.name, a.label, str(a.mention_count),
                      ", ".join(link.alias for link in a.aliases if link.alias != a.name),
                      "; ".join(a.roles[:3]))
    console.print(table)


@app.command()
@reports_errors
def search(query: str = typer.Argument(..., help="Words or an FTS5 query."), db: str = DbOption,
           limit: int = typer.Option(20, help="At most this many hits."), as_json: bool = JsonOption) -> None:
    """Full-text search over sentences, best first, with document and offsets."""
    with open_store(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        print_json([asdict(hit) for hit in hits])
        return
    table = Table("doc", "offsets", "sentence", title=f"{len(hits)} hits for {query!r}")
    for hit in hits:
        table.add_row(hit.doc, f"{hit.start}–{hit.end}", hit.text)
    console.print(table)


@app.command()
@reports_errors
def quotes(
    db: str = DbOption,
    speaker: Optional[str] = typer.Option(None, help="Only quotes by this actor (name or alias, any case)."),
    kind: Optional[str] = typer.Option(None, help="direct, indirect or mixed."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only quotes in this document."),
    as_json: bool = JsonOption,
) -> None:
    """Who said what: quotes grouped by canonical speaker, with cue and evidence offsets."""
    with open_store(db) as store:
        doc_id = store.document(doc).id if doc else None
        found = store.quotes(doc=doc_id, speaker=speaker, kind=kind)
        names = {actor.id: actor.name for actor in store.actors()}
    if as_json:
        print_json([quote_record(quote, names) for quote in found])
        return
    def speaker_of(quote: Quote) -> str:
        if quote.actor in names:
            return names[quote.actor or ""]
        return f"(unresolved: {quote.speaker.text})" if quote.speaker else "(no speaker)"

    table = Table(title=f"{len(found)} quotes", expand=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", ratio=1)
    table.add_column("said", ratio=6)
    table.add_column("doc · offsets", no_wrap=True)
    for quote in sorted(found, key=lambda q: (speaker_of(q).startswith("("), speaker_of(q), q.doc, q.start)):
        # a quote interrupted by its cue shows its pieces: “A,” … “B.”
        said = " ".join((" … ".join(part.text for part in quote.parts) if quote.parts else quote.text).split())
        table.add_row(speaker_of(quote), quote.kind, quote.cue.text if quote.cue else "—",
                      said if len(said) <= 160 else said[:157] + "…", f"{quote.doc[:8]} {quote.start}–{quote.end}")
    console.print(table)


@app.command()
@reports_errors
def timeline(
    db: str = DbOption,
    start: Optional[str] = typer.Option(None, "--from", help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    actor: Optional[str] = typer.Option(None, help="Only events involving this actor."),
    show_all: bool = typer.Option(False, "--all", help="Also entries the salience rules filtered out, with why."),
    as_json: bool = JsonOption,
) -> None:
    """What happened when: events merged across sources, in date order, each with its sources."""
    with open_store(db) as store:
        entries = store.timeline(start=start, end=end, actor=actor, include_filtered=show_all)
    if as_json:
        print_json([{**timeline_record(entry), "filtered": entry.filtered}
                    if show_all else timeline_record(entry) for entry in entries])
        return
    table = Table(title=f"{len(entries)} timeline entries", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("what", ratio=6)
    table.add_column("sources", no_wrap=True)
    table.add_column("dates given", no_wrap=True)
    for entry in entries:
        claims = sorted({c["value"] for c in entry.date_claims})
        what = Text(entry.title)
        if entry.filtered is not None:
            what.append(f"\nfiltered: {entry.filtered}", style="dim")
        table.add_row(entry.date, f"{entry.category.lower()}\n{entry.mode}", what,
                      "\n".join(doc[:8] for doc in entry.sources),
                      "\n".join(claims) if len(claims) > 1 else "")
    console.print(table)


@app.command("errors")
@reports_errors
def list_errors(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Items that failed, with file, stage and reason."""
    with open_store(db) as store:
        failures = store.failures()
    if as_json:
        print_json([asdict(f) for f in failures])
        return
    table = Table("source", "stage", "code", "reason", title=f"{len(failures)} failed items")
    for f in failures:
        table.add_row(f.source, f.stage, f.code, f.reason)
    console.print(table)


@app.command()
@reports_errors
def export(db: str = DbOption,
           fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, timelinejs or markdown."),
           out: Optional[Path] = typer.Option(None, "--out", help="File to write (default: stdout).")) -> None:
    """Export everything (JSON Lines or CSV), or the timeline (TimelineJS 3 or Markdown)."""
    if fmt not in FORMATS:
        errors.print(f"[bold red]error[/] unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(code=2)
    with open_store(db) as store:
        if out is None:
            count = export_store(store, sys.stdout, fmt)  # type: ignore[arg-type]
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                count = export_store(store, handle, fmt)  # type: ignore[arg-type]
            errors.print(f"wrote {count} records to {out}")


if __name__ == "__main__":
    app()
