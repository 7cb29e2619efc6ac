"""RSS and Atom feeds: every entry one raw document, every entry that cannot be one a failure.

A feed (RSS 0.9x, 1.0, 2.0 or Atom, parsed by feedparser) yields one ``record`` per entry:

- **text**: the entry's full content (``content:encoded``, Atom ``<content>``) when it has one,
  else its summary (``<description>``, ``<summary>``). Entry HTML is turned into plain text here,
  paragraph by paragraph (:func:`html_to_text`), and the entry becomes a ``record`` like a JSONL
  line, not an ``html`` page: an entry is a fragment the publisher already cut out of its page, so
  there is no chrome for trafilatura to strip, and trafilatura's page heuristics drop short
  fragments (a two-sentence summary) as "no article". The record's text is then cleaned line by
  line like any record's. feedparser has already sanitised the HTML (scripts, styles, event
  handlers removed) and resolved relative links.
- **fields**: ``title``, ``url`` (the entry's link), ``published`` (its ``published`` or ``updated``
  date, read in the time zone the feed wrote it in, so 00:30+02:00 stays that day) with the date
  basis ``feed``, ``outlet`` (the entry's ``<source>`` title, else the feed's own title), the
  entry's ``source_id`` (guid / Atom id), and ``feed_missing``: the fields the entry lacks, which
  the metadata stage reports as a warning on the kept document.
- **source**: ``path#ID`` with the entry's id (guid / Atom id), else its link, else its position
  (``path#entry-3``): stable across reruns, and for a feed fetched again with new entries on top,
  an entry keeps its source.

An entry with no text at all (no content, no summary, nothing left of its HTML) is a failure for
``path#...``; one that lacks a title, link or date is kept.

**Safety.** The feed's prolog is parsed first by defusedxml's expat reader, up to the root element:
a feed that declares entities (the "billion laughs" and quadratic blow-up attacks live there) or
refers to an external DTD or entity is refused before feedparser sees it. feedparser is only ever
handed bytes in memory, never a string it might take for a URL or a file name.
"""

from __future__ import annotations

import io
import re
import xml.sax
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterator

from storyline.errors import InputError
from storyline.records import Failure, RawDocument

# A news feed is tens to hundreds of kilobytes; feedparser holds the whole feed in memory (about
# ten times its size), so a feed past this is refused rather than read.
MAX_FEED_BYTES = 32 * 1024 * 1024
# The prolog (XML declaration, DOCTYPE, comments) is read in pieces this large until the root
# element starts; a prolog longer than MAX_PROLOG_BYTES is not a feed.
PROLOG_CHUNK_BYTES = 16 * 1024
MAX_PROLOG_BYTES = 1024 * 1024
# Root elements of feeds: RSS 2.0/0.9x <rss>, RSS 1.0 <rdf:RDF>, Atom <feed>.
FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
# Content types feedparser reports for entry text that is markup.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
# Elements after which a line ends when entry HTML becomes text.
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "figure", "figcaption", "section", "article", "header", "footer", "hr", "dd", "dt",
})
# Fields an entry should carry; each one it lacks is named in the document's warning.
EXPECTED_FIELDS = ("title", "url", "published")
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")
TAGS = re.compile(r"<[^>]*>")
LOCALISED_RFC822 = re.compile(r"^(?:[^\W\d]+\.?,?\s*)?(?P<day>\d{1,2})\s+(?P<month>[^\W\d]{3,5}\.?)\s+(?P<year>\d{4})\b")

ReadOutcome = RawDocument | Failure


class _RootFound(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _StopAtRoot(xml.sax.handler.ContentHandler):
    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: Any) -> None:
        raise _RootFound(name[1])

    def startElement(self, name: str, attrs: Any) -> None:
        raise _RootFound(name.rpartition(":")[2])


def root_element(data: bytes) -> str:
    """The local name of the document's root element ("rss", "RDF", "feed", ...), read safely.

    Raises InputError when the prolog declares entities or refers to an external DTD or entity,
    or is not XML at all."""
    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    parser = DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setContentHandler(_StopAtRoot())
    try:
        for start in range(0, min(len(data), MAX_PROLOG_BYTES), PROLOG_CHUNK_BYTES):
            parser.feed(data[start:start + PROLOG_CHUNK_BYTES])
        parser.close()
    except _RootFound as found:
        return found.name
    except DefusedXmlException as error:
        raise InputError(f"unsafe XML refused: {_defused_reason(error)}") from None
    except xml.sax.SAXException as error:
        raise InputError(f"not well-formed XML before its root element ({error.getMessage()})") from None
    raise InputError("no root element found in the first "
                     f"{MAX_PROLOG_BYTES // 1024} kB; not an XML feed")


def _defused_reason(error: Exception) -> str:
    name = type(error).__name__
    if name == "EntitiesForbidden":
        return "the document declares XML entities (entity expansion is how 'billion laughs' attacks work)"
    if name in ("ExternalReferenceForbidden", "DTDForbidden"):
        return "the document refers to an external DTD or entity, which Storyline never fetches"
    return str(error)


def is_feed(data: bytes) -> bool:
    """Whether an XML document is an RSS or Atom feed, by its root element (False when unsure)."""
    try:
        return root_element(data) in FEED_ROOTS
    except InputError:
        return False


def read_feed(path: Path, *, sniffed: bool = False) -> Iterator[ReadOutcome]:
    """Every entry of the feed file at ``path``; ``sniffed``: an ``.xml`` file, refused with a
    failure when its root element is not a feed's."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FEED_BYTES + 1)
    except OSError as error:
        yield _failure(source, InputError(f"cannot read file: {error.strerror or error}"))
        return
    if len(data) > MAX_FEED_BYTES:
        yield _failure(source, InputError(
            f"larger than {MAX_FEED_BYTES // (1024 * 1024)} MB; a feed this large is not read (split it)"))
        return
    yield from parse_feed(data, source, sniffed=sniffed)


def parse_feed(data: bytes, source: str, *, sniffed: bool = False) -> Iterator[ReadOutcome]:
    """The entries of a feed held in ``data`` (bytes, its encoding as declared), each a raw
    document with source ``{source}#{id}``, or a failure for that entry; a failure for ``source``
    when the whole feed cannot be read."""
    import feedparser

    if not data.strip():
        yield _failure(source, InputError("empty file"))
        return
    try:
        root = root_element(data)
    except InputError as error:
        yield _failure(source, error)
        return
    if root not in FEED_ROOTS:
        what = "an XML file" if sniffed else "this feed"
        yield _failure(source, InputError(
            f"{what} is not an RSS or Atom feed (its root element is <{root}>, not <rss>, <rdf:RDF> or <feed>)"))
        return
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if parsed.get("bozo") and problem else ""
        yield _failure(source, InputError(f"feed has no entries{detail}"))
        return
    feed_title = _plain(parsed.get("feed", {}).get("title"))
    used: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        entry_source = f"{source}#{_entry_key(entry, number, used)}"
        try:
            yield entry_document(entry, entry_source, feed_title=feed_title)
        except InputError as error:
            yield _failure(entry_source, error)


def _entry_key(entry: Any, number: int, used: set[str]) -> str:
    key = _plain(entry.get("id")) or _plain(entry.get("link")) or f"entry-{number}"
    if key in used or len(key) > 2000:
        key = f"entry-{number}"
    used.add(key)
    return key


def entry_document(entry: Any, source: str, *, feed_title: str | None = None) -> RawDocument:
    """One feed entry (a feedparser entry dict) as a raw record; InputError when it has no text."""
    text = entry_text(entry)
    if not text:
        raise InputError("feed entry has no text: no content and no summary (or nothing but markup)")
    title = _plain(entry.get("title"))
    url = _plain(entry.get("link"))
    published = entry_date(entry)
    outlet = _plain((entry.get("source") or {}).get("title")) or feed_title
    fields: dict[str, Any] = {"title": title, "url": url, "published": published,
                              "published_basis": "feed" if published else None, "outlet": outlet}
    fields = {key: value for key, value in fields.items() if value}
    entry_id = _plain(entry.get("id"))
    if entry_id:
        fields["source_id"] = entry_id
    missing = [name for name in EXPECTED_FIELDS if name not in fields]
    if missing:
        fields["feed_missing"] = missing
    return RawDocument(source=source, format="record", content=text, fields=fields)


def entry_text(entry: Any) -> str:
    """The entry's fullest text: its longest content, else its summary, as plain text."""
    candidates = [(item.get("type"), item.get("value")) for item in entry.get("content") or []]
    candidates.sort(key=lambda pair: len(pair[1] or ""), reverse=True)
    summary = entry.get("summary_detail") or {}
    candidates.append((summary.get("type", "text/html"), entry.get("summary")))
    for kind, value in candidates:
        if not isinstance(value, str) or not value.strip():
            continue
        text = html_to_text(value) if (kind or "text/html") in HTML_TYPES else _normalise(value)
        if text:
            return text
    return ""


def entry_date(entry: Any) -> str | None:
    """The entry's publication date as YYYY-MM-DD in the feed's own time zone: ``published``,
    else ``updated``; None when it has neither or neither reads as a date."""
    for name in ("published", "updated"):
        raw = entry.get(name)
        if isinstance(raw, str) and raw.strip():
            stated = _stated_date(raw.strip())
            if stated:
                return stated
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _stated_date(raw: str) -> str | None:
    # RFC 3339 (Atom) and RFC 822 (RSS) keep their own offset: the day as the outlet wrote it.
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _localised_rfc822_date(raw)


def _localised_rfc822_date(raw: str) -> str | None:
    """An RFC 822 date written with another language's names ("Seg, 24 Set 2018 19:42 -0300")."""
    from storyline.analyse.lexicon.calendar import FOREIGN_MONTH_ABBREVIATIONS, MONTHS

    match = LOCALISED_RFC822.match(raw)
    if not match:
        return None
    word = match["month"].lower().rstrip(".")
    month = FOREIGN_MONTH_ABBREVIATIONS.get(word) or MONTHS.get(word)
    try:
        return date(int(match["year"]), month, int(match["day"])).isoformat() if month else None
    except ValueError:
        return None


def html_to_text(markup: str) -> str:
    """Entry HTML as plain text: one line per paragraph, list item or heading; entities decoded."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _normalise(TAGS.sub(" ", markup))
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.text = ""
            continue
        if element.tag in ("script", "style"):
            element.text = ""
        if element.tag in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return _normalise(root.text_content())


def _normalise(text: str) -> str:
    lines = (SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = _normalise(TAGS.sub("", value)) if "<" in value else _normalise(value)
    return " ".join(text.split()) or None


def _failure(source: str, error: InputError) -> Failure:
    return Failure(source=source, stage="read", reason=error.message, code=error.code)
