"""Export a store as JSON Lines or CSV: the stable exchange format of Storyline.

JSONL: one object per line with a ``type``:

- ``document``: ``id, source, title, outlet, url, published, published_basis, text, removed``;
  ``removed`` lists ``{start, end, reason, text}`` with offsets into the raw input;
- ``entity``: ``id, name, label, aliases, roles, alias_links, mentions``; each mention is
  ``{doc, start, end, text}`` and ``text == document.text[start:end]``;
- ``error``: ``source, stage, code, reason`` for every item that failed.

CSV flattens the same records into one table with a ``type`` column; an entity becomes one
``mention`` row per mention.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterator, Literal, TextIO

from storyline.store import Store

ExportFormat = Literal["jsonl", "csv"]
CSV_COLUMNS = ("type", "id", "doc", "source", "title", "outlet", "url", "published", "published_basis",
               "start", "end", "text", "label", "entity", "name", "stage", "code", "reason")


def records(store: Store) -> Iterator[dict[str, Any]]:
    """Every exportable record of the store, documents first."""
    for listed in store.documents():
        doc = store.document(listed.id)
        yield {
            "type": "document", "id": doc.id, "source": doc.source, "title": doc.title, "outlet": doc.outlet,
            "url": doc.url, "published": doc.published, "published_basis": doc.published_basis,
            "text": doc.text,
            "removed": [{"start": s.start, "end": s.end, "reason": s.reason, "text": s.text} for s in doc.removed],
        }
    mentions_by_actor: dict[str, list[dict[str, Any]]] = {}
    for mention, actor in store.mentions():
        if actor is not None:
            mentions_by_actor.setdefault(actor, []).append(
                {"doc": mention.doc, "start": mention.start, "end": mention.end, "text": mention.text})
    for actor in store.actors():
        yield {
            "type": "entity", "id": actor.id, "name": actor.name, "label": actor.label,
            "aliases": [link.alias for link in actor.aliases], "roles": list(actor.roles),
            "alias_links": [{"alias": a.alias, "rule": a.rule, "evidence": a.evidence} for a in actor.aliases],
            "mentions": mentions_by_actor.get(actor.id, []),
        }
    for failure in store.failures():
        yield {"type": "error", "source": failure.source, "stage": failure.stage, "code": failure.code,
               "reason": failure.reason}


def write_jsonl(store: Store, out: TextIO) -> int:
    count = 0
    for record in records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records(store):
        if record["type"] == "entity":
            for mention in record["mentions"]:
                writer.writerow({"type": "mention", "entity": record["id"], "name": record["name"],
                                 "label": record["label"], **mention})
                count += 1
        else:
            writer.writerow(record)
            count += 1
    return count


def export(store: Store, out: TextIO, fmt: ExportFormat = "jsonl") -> int:
    """Write the store to ``out``; return the number of records (rows) written."""
    return write_csv(store, out) if fmt == "csv" else write_jsonl(store, out)
