"""Export a store as JSON Lines or CSV: the stable exchange format of Storyline.

JSONL: one object per line with a ``type`` (document, entity, quote, timex, event, timeline_entry,
error, warning, issue, position, and one briefing), each record in its projection from :mod:`storyline.serve.projections`, the same
the CLI's ``--json`` prints; README.md's "Export format" lists their fields.

Every offset indexes the ``text`` of its document. CSV flattens the same records into one table
with a ``type`` column; an entity becomes one ``mention`` row per mention; a quote its cue interrupts
("“A,” she said, “B.”") is its ``quote`` row and a ``quote_part`` row per piece, with the piece's
offsets and the quote's speaker, kind and cue class (``label``). ``timelinejs`` writes a
TimelineJS 3 document and ``markdown`` a readable cited timeline; ``positions-dna`` the positions one
statement a row for the Discourse Network Analyzer; ``graphml`` the actor–issue network (actors
and issues the nodes, an edge where an actor took positions on an issue, with its net stance).

Article text is untrusted, and each format that another program interprets gets it inert:
TimelineJS renders its text fields as HTML, so they are HTML-escaped; the Markdown timeline
escapes HTML and Markdown's link and inline syntax in every piece of article-derived text, so a
title "<script>" or "[x](javascript:…)" reads as written; and a CSV cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, which spreadsheets run as a formula, is prefixed
with a single quote (the OWASP CSV-injection defence), in every column. JSONL is data, written
as it is stored.
"""

from __future__ import annotations

import csv
import html
import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Iterator, Literal, Sequence, TextIO

from storyline.records import Publication, StoredDocument
from storyline.serve import projections
from storyline.store import Store

ExportFormat = Literal["jsonl", "csv", "timelinejs", "markdown", "positions-dna", "graphml"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "timelinejs", "markdown", "positions-dna", "graphml")
# One statement a row, as the Discourse Network Analyzer imports coded statements (its CSV import
# maps columns to a statement type's variables: actor, concept, agreement, with date and text).
DNA_COLUMNS = ("actor", "concept", "agreement", "date", "document", "start", "end", "text")
CSV_COLUMNS = ("type", "id", "doc", "source", "title", "outlet", "url", "published", "published_basis",
               "start", "end", "text", "label", "entity", "name", "kind", "category", "mode", "value",
               "confidence", "stage", "code", "reason")

# What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"): =, + and - and @,
# and tab and carriage return, which some spreadsheets skip before looking for one.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The Markdown punctuation that makes markup where article text goes (inside a line that Storyline
# starts, so line-start syntax cannot arise): the backslash itself, code spans, emphasis, link and
# image brackets, a heading's closing hashes, table pipes, GFM strikethrough, attribute braces of
# kramdown and pandoc. Each gets a backslash (CommonMark's escape). <, > and & go to html.escape:
# an entity (&lt;) shows the character and never starts HTML or an autolink. The rest of the
# punctuation stays as written, so the file reads as the article did.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")


def document_records(store: Store, documents: Sequence[StoredDocument]) -> list[dict[str, Any]]:
    """The document records of ``documents`` (read with their removed spans): with their
    publications, story and copy mark, read for all of them at once."""
    publications: dict[str, list[Publication]] = {}
    for publication in store.publications(docs=[doc.id for doc in documents]):
        publications.setdefault(publication.doc, []).append(publication)
    story_of = store.story_of()
    copy_of = {copy.doc: copy for copy in store.copies()}
    return [projections.document(doc, publications.get(doc.id, ()), story=story_of.get(doc.id),
                                 copy=copy_of.get(doc.id)) for doc in documents]


def records(store: Store, *, cue_class: str | None = None) -> Iterator[dict[str, Any]]:
    """Every exportable record of the store, documents first, each in its one projection
    (:mod:`storyline.serve.projections`), all read from one state of the store: a read transaction
    stays open on the calling thread until the records are all taken, so the caller writes nothing
    to the store from that thread meanwhile. ``cue_class`` keeps only the quotes of that class
    ("speech": what was said); None keeps every quote."""
    with store.snapshot():
        yield from document_records(store, store.documents(removed=True))
        mentions = store.actor_mentions()
        actors = store.actors()
        for actor in actors:
            yield projections.entity(actor, mentions.get(actor.id, ()))
        names = {actor.id: actor.name for actor in actors}
        for quote in store.quotes(cue_class=cue_class):
            yield projections.quote(quote, names)
        for timex in store.timexes():
            yield projections.timex(timex)
        for event in store.events():
            yield projections.event(event, names)
        for entry in store.timeline():
            yield projections.timeline_entry(entry)
        for story in store.stories():
            yield projections.story(story, names)
        for failure in store.failures():
            yield projections.error(failure)
        for warning in store.warnings():
            yield projections.warning(warning)
        issues = store.issues()
        for issue in issues:
            yield projections.issue(issue)
        labels = {issue.id: issue.label for issue in issues}
        for position in store.positions():
            yield projections.position(position, names, labels)
        from storyline.link.briefing import brief

        yield projections.briefing(brief(store))


def markdown_text(text: str | None) -> str:
    """Article-derived text as inert Markdown: one line, its HTML and Markdown syntax escaped."""
    folded = " ".join((text or "").split())
    return html.escape(MARKDOWN_SPECIAL.sub(r"\\\1", folded), quote=False)


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading formula character gets a quote before it."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def write_timelinejs(store: Store, out: TextIO) -> int:
    """A TimelineJS 3 document: one slide per timeline entry, its sources cited in the text.

    TimelineJS renders headline and text as HTML: every piece from the store is HTML-escaped.
    """
    e = html.escape
    with store.snapshot():
        titles = {doc.id: doc.title or doc.id for doc in store.documents()}
        entries = store.timeline()
    events = []
    for entry in entries:
        year, month, day = (int(part) for part in entry.date.split("-"))
        cited = "".join(f"<li>{e(titles.get(doc, doc))} <small>({e(doc)})</small></li>" for doc in entry.sources)
        claims = "; ".join(f"{c.value} ({c.doc})" for c in entry.date_claims)
        events.append({
            "unique_id": entry.id,
            "start_date": {"year": year, "month": month, "day": day},
            "text": {"headline": e(entry.title),
                     "text": f"<p>{e(entry.category.lower())}, {e(entry.mode)}</p><p>Dates given: {e(claims)}</p>"
                             f"<ul>{cited}</ul>"},
            "group": e(entry.category),
        })
    json.dump({"title": {"text": {"headline": "Storyline timeline",
                                  "text": f"{len(events)} events merged from {len(titles)} articles"}},
               "events": events}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(events)


def write_markdown(store: Store, out: TextIO) -> int:
    """A readable timeline: one section per entry, each source cited, disagreements shown."""
    md = markdown_text
    with store.snapshot():
        documents = {doc.id: doc for doc in store.documents()}
        entries = store.timeline()
    out.write(f"# Timeline\n\n{len(entries)} events from {len(documents)} articles.\n")
    for entry in entries:
        out.write(f"\n## {md(entry.date)} — {md(entry.title)}\n\n*{md(entry.category.lower())}, {md(entry.mode)}*\n\n")
        claimed = {claim.value for claim in entry.date_claims}
        if len(claimed) > 1:
            out.write("Sources disagree on the date: "
                      + "; ".join(f"{md(c.value)} ([{md(c.doc)}])" for c in entry.date_claims) + ".\n\n")
        for event in entry.events:
            doc = documents.get(event.doc)
            label = doc.title if doc and doc.title else event.doc
            dated = f", {md(doc.published)}" if doc and doc.published else ""
            out.write(f"- [{md(event.doc)}] {md(label)}{dated}: “{md(event.text)}” "
                      f"(chars {event.start}–{event.end})\n")
    return len(entries)


def write_positions_dna(store: Store, out: TextIO) -> int:
    """The positions one statement a row, for the Discourse Network Analyzer: actor, concept (the
    issue's label), agreement (1 for, 0 against: DNA's qualifier), date, document, offsets and the
    sentence. A position that takes no side (polarity 0) is not a DNA statement and is left out."""
    writer = csv.writer(out)
    writer.writerow(DNA_COLUMNS)
    count = 0
    with store.snapshot():
        names = store.actor_names()
        labels = {issue.id: issue.label for issue in store.issues()}
        positions = store.positions()
    for p in sorted(positions, key=lambda p: (p.date or "", p.doc, p.start, p.actor, p.issue)):
        if p.polarity == 0:
            continue
        writer.writerow([csv_cell(v) for v in (names.get(p.actor, p.actor), labels.get(p.issue, p.issue),
                                               1 if p.polarity > 0 else 0, p.date or "", p.doc, p.start, p.end,
                                               " ".join(p.text.split()))])
        count += 1
    return count


# The GraphML attributes of the actor–issue network: (id, for, type). Node ids are "actor:ID" and
# "issue:ID"; an edge's sign is its net stance's (+1 for, -1 against, 0 neither or even).
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# What XML 1.0 cannot hold even escaped (control characters but tab and line ends): dropped from
# article-derived names, or the file would not parse.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
GRAPHML_KEYS = (("kind", "node", "string"), ("name", "node", "string"), ("entity", "node", "string"),
                ("keywords", "node", "string"), ("net", "edge", "int"), ("sign", "edge", "int"),
                ("support", "edge", "int"), ("against", "edge", "int"), ("neutral", "edge", "int"),
                ("count", "edge", "int"), ("first", "edge", "string"), ("last", "edge", "string"))


def write_graphml(store: Store, out: TextIO) -> int:
    """The bipartite actor–issue network as GraphML: a node per actor with positions and per issue,
    an undirected edge per (actor, issue) cell of the matrix with its net stance, its sign, the
    counts for, against and neither, and the first and last day. Written with the standard
    library's XML writer (GraphML is one small XML schema; it escapes every name and label);
    networkx and Gephi read it. Returns the number of edges."""
    from storyline.link.positions import matrix

    with store.snapshot():
        actors = {a.id: a for a in store.actors()}
        issues = store.issues()
        cells = matrix(store.positions())
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key, domain, kind in GRAPHML_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": key, "for": domain, "attr.name": key, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "positions", "edgedefault": "undirected"})

    def node(node_id: str, data: dict[str, str]) -> None:
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": node_id})
        for key, value in data.items():
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": key}).text = NOT_XML.sub("", value)

    for actor_id in sorted({c.actor for c in cells}):
        actor = actors.get(actor_id)
        node(f"actor:{actor_id}", {"kind": "actor", "name": actor.name if actor else actor_id,
                                   "entity": actor.label if actor else ""})
    for issue in issues:
        node(f"issue:{issue.id}", {"kind": "issue", "name": issue.label, "keywords": " | ".join(issue.keywords)})
    for cell in cells:
        edge = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge",
                             {"source": f"actor:{cell.actor}", "target": f"issue:{cell.issue}"})
        values = {"net": cell.net, "sign": (cell.net > 0) - (cell.net < 0), "support": cell.support,
                  "against": cell.against, "neutral": cell.neutral, "count": cell.count,
                  "first": cell.first or "", "last": cell.last or ""}
        for key, value in values.items():
            ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", {"key": key}).text = str(value)
    ET.indent(root)
    out.write(ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
    return len(cells)


def write_jsonl(store: Store, out: TextIO, *, cue_class: str | None = None) -> int:
    count = 0
    for record in records(store, cue_class=cue_class):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: TextIO, *, cue_class: str | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records(store, cue_class=cue_class):
        if record["type"] == "briefing":  # a row per sentence, each with its evidence's span
            for sentence in record["sentences"]:
                writer.writerow(_cells({"type": "briefing_sentence", "kind": sentence["section"], **sentence}))
                count += 1
        elif record["type"] == "entity":
            for mention in record["mentions"]:
                writer.writerow(_cells({"type": "mention", "entity": record["id"], "name": record["name"],
                                        "label": record["label"], **mention}))
                count += 1
        elif record["type"] == "quote" and record["parts"]:
            # "“A,” she said, “B.”": the statement, then each piece a reader counts and cites alone
            writer.writerow(_cells(_flat(record)))
            for part in record["parts"]:
                writer.writerow(_cells({**_flat(record), "type": "quote_part", **part}))
            count += 1 + len(record["parts"])
        else:
            writer.writerow(_cells(_flat(record)))
            count += 1
    return count


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    return {column: csv_cell(row.get(column)) for column in CSV_COLUMNS}


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of a nested record: its speaker, date and timex type in the flat columns."""
    row = dict(record)
    if record["type"] == "quote":
        row.update(name=record["speaker"]["name"], entity=record["speaker"]["entity"], label=record["cue_class"])
    elif record["type"] == "event":
        row.update(value=record["date"]["value"], name=record["source_actor"])
    elif record["type"] == "timex":
        row.update(label=record["timex_type"])
    elif record["type"] == "timeline_entry":
        row.update(value=record["date"], text=record["title"])
    elif record["type"] == "issue":
        row.update(text=record["label"], value=" | ".join(record["keywords"]))
    elif record["type"] == "position":
        row.update(name=record["actor"]["name"], entity=record["actor"]["entity"], kind=record["stance"],
                   value=record["polarity"], label=record["issue"]["id"], published=record["date"])
    return row


def export(store: Store, out: TextIO, fmt: ExportFormat = "jsonl", *, cue_class: str | None = None) -> int:
    """Write the store to ``out``; return the number of records (rows, slides, entries) written.
    ``cue_class`` keeps only the quotes of that class in the JSONL and CSV (the formats that hold
    quotes); None, the default, exports them all."""
    if fmt in ("jsonl", "csv"):
        return (write_jsonl if fmt == "jsonl" else write_csv)(store, out, cue_class=cue_class)
    writers = {"timelinejs": write_timelinejs, "markdown": write_markdown,
               "positions-dna": write_positions_dna, "graphml": write_graphml}
    return writers[fmt](store, out)
