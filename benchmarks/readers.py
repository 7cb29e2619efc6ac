"""Readers for feeds, CSV and web archives: what they read, and how fast, reading alone.

    python benchmarks/readers.py [--repeat 20] [--json]

* **Feeds**: every entry of every feed in ``../shared/corpus/feeds`` — per feed: entries, entries
  with a title, a link and a date, and failures (an entry with no text at all).
* **WARC round trip**: the 258 pages of ``../shared/corpus/html-fundus`` written into one gzipped
  WARC by warcio, then read back: how many pages come back as the same raw item (same bytes decoded
  the same way) as reading the page file, and, through the Clean and Metadata stages, how many give
  the same text, title and publication date.
* **Throughput**, reading alone (no cleaning, no analysis), on one core: documents per second of
  the feed reader (the feeds, ``--repeat`` times), the CSV reader (the first 5,000 articles of
  ``allsides-00.jsonl.gz`` written as CSV) and the WARC reader (the fundus WARC, ``--repeat``
  times). JSONL is measured beside them as the reference.
* **WARC parsers** (issue 18: "resiliparse where it is faster — measure"): the container alone —
  every response record's body read, nothing decoded — by warcio (what Storyline uses) and by
  FastWARC (Resiliparse's WARC parser), interleaved in one run, so their ratio holds on a loaded
  machine.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.cleaner import Clean
from storyline.clean.metadata import Metadata
from storyline.errors import StorylineError
from storyline.ingest.feeds import read_feed
from storyline.ingest.readers import read_file, read_jsonl
from storyline.ingest.tables import read_csv
from storyline.ingest.warc import read_warc
from storyline.records import Article, Failure, RawDocument

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FEEDS = CORPUS / "feeds"
FUNDUS = CORPUS / "html-fundus"
ALLSIDES = CORPUS / "allsides" / "allsides-00.jsonl.gz"
CSV_ARTICLES = 5000


def feed_table() -> list[dict[str, object]]:
    rows = []
    for path in sorted(FEEDS.iterdir()):
        if path.suffix not in (".rss", ".atom", ".xml"):
            continue
        items = list(read_feed(path))
        docs = [item for item in items if isinstance(item, RawDocument)]
        rows.append({"feed": path.name, "entries": len(items),
                     "with_title": sum("title" in d.fields for d in docs),
                     "with_link": sum("url" in d.fields for d in docs),
                     "with_date": sum("published" in d.fields for d in docs),
                     "failures": sum(isinstance(item, Failure) for item in items)})
    return rows


def write_fundus_warc(target: Path) -> list[dict[str, str]]:
    manifest = [json.loads(line) for line in (FUNDUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for row in manifest:
            body = gzip.decompress((FUNDUS / row["html"]).read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                row["url"], "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": row["crawl_date"].replace(" ", "T")[:19] + "Z"}))
    return manifest


def prepared(raw: RawDocument) -> tuple[object, ...] | str:
    try:
        article = Metadata().process(Clean().process(Article(raw=raw)))
    except StorylineError as error:
        return f"failed: {error.code}"
    return (article.id, article.title, article.published, article.published_basis)


def warc_round_trip(warc: Path, manifest: list[dict[str, str]]) -> dict[str, object]:
    archived = [item for item in read_warc(warc)]
    pages = [item for item in archived if isinstance(item, RawDocument)]
    direct = [next(iter(read_file(FUNDUS / row["html"]))) for row in manifest]
    same_item = sum(isinstance(d, RawDocument) and a.id == d.id for a, d in zip(pages, direct))
    both = [(prepared(a), prepared(d)) for a, d in zip(pages, direct) if isinstance(d, RawDocument)]
    same_doc = sum(x == y for x, y in both)
    extracted = sum(x == y and not isinstance(x, str) for x, y in both)
    return {"pages": len(manifest), "read_back": len(pages),
            "failures": sum(isinstance(item, Failure) for item in archived),
            "same_raw_item": same_item, "same_outcome": same_doc, "same_article_extracted": extracted,
            "url_is_target_uri": sum(a.fields.get("url") == row["url"] for a, row in zip(pages, manifest))}


def warcio_bodies(warc: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as stream:
        return sum(len(record.content_stream().read()) > 0
                   for record in ArchiveIterator(stream) if record.rec_type == "response")


def fastwarc_bodies(warc: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with warc.open("rb") as stream:
        return sum(len(record.reader.read()) > 0
                   for record in ArchiveIterator(stream, record_types=WarcRecordType.response))


def warc_parsers(warc: Path, rounds: int) -> dict[str, object]:
    """Records per second of each parser, alternating rounds so both see the same machine."""
    seconds = {"warcio": 0.0, "fastwarc": 0.0}
    records = {"warcio": 0, "fastwarc": 0}
    for _ in range(rounds):
        for name, parse in (("warcio", warcio_bodies), ("fastwarc", fastwarc_bodies)):
            started = time.perf_counter()
            records[name] += parse(warc)
            seconds[name] += time.perf_counter() - started
    rates = {name: round(records[name] / seconds[name], 1) for name in seconds}
    return {"records": records, "records_per_s": rates,
            "fastwarc_over_warcio": round(rates["fastwarc"] / rates["warcio"], 2)}


def rate(read, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    count = 0
    for _ in range(repeat):
        count += sum(1 for item in read() if isinstance(item, RawDocument))
    seconds = time.perf_counter() - started
    return {"docs": count, "seconds": round(seconds, 3), "docs_per_s": round(count / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="only the JSON line")
    args = parser.parse_args()
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        feeds = feed_table()
        warc = Path(tmp) / "fundus.warc.gz"
        manifest = write_fundus_warc(warc)
        result["feeds"] = feeds
        result["warc_round_trip"] = warc_round_trip(warc, manifest)

        table = Path(tmp) / "allsides.csv"
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as lines, table.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["title", "text", "published", "url", "outlet"])
            for line in islice(lines, CSV_ARTICLES):
                record = json.loads(line)
                writer.writerow([record.get(k, "") for k in ("title", "text", "published", "url", "outlet")])
        shard = Path(tmp) / "allsides.jsonl"
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as lines:
            shard.write_text("".join(islice(lines, CSV_ARTICLES)), encoding="utf-8")
        feed_files = [p for p in sorted(FEEDS.iterdir()) if p.suffix in (".rss", ".atom")]
        result["throughput"] = {
            "feeds": rate(lambda: (item for path in feed_files for item in read_feed(path)), args.repeat),
            "csv": rate(lambda: read_csv(table), 1),
            "warc": rate(lambda: read_warc(warc), max(1, args.repeat // 4)),
            "jsonl": rate(lambda: read_jsonl(shard), 1),
        }
        result["warc_parsers"] = warc_parsers(warc, max(2, args.repeat // 2))
    if not args.json:
        print(f"{'feed':<26}{'entries':>8}{'title':>7}{'link':>6}{'date':>6}{'failed':>8}")
        for row in feeds:
            print(f"{row['feed']:<26}{row['entries']:>8}{row['with_title']:>7}{row['with_link']:>6}"
                  f"{row['with_date']:>6}{row['failures']:>8}")
        print("WARC round trip:", result["warc_round_trip"])
        for name, figures in result["throughput"].items():  # type: ignore[union-attr]
            print(f"{name:>6}: {figures['docs']} docs in {figures['seconds']} s = {figures['docs_per_s']} docs/s")
        print("WARC parsers, container alone:", result["warc_parsers"])
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
