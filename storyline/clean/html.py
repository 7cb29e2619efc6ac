"""HTML page -> main article text and metadata, via trafilatura.

One job: given a downloaded page, return the article body (paragraphs joined by a blank line)
and the metadata the page declares (title, publication date, site name, canonical URL, author).
Boilerplate removal for pages that arrive already flattened to text lives in
:mod:`storyline.clean.plaintext`; this module never sees plain text.

Example::

    >>> page = extract_html(html_string, url="https://example.org/news/1")  # doctest: +SKIP
    >>> page.text.split("\\n\\n")[0]                                           # doctest: +SKIP
    'First paragraph of the article.'

The publication date is only ever one the page states as its publication date (meta tags,
JSON-LD, ``<time>`` elements, the URL path); a date merely written in the body ("Russia invaded
Ukraine on February 24, 2022") is never taken for it, so an undated page stays undated and the
corpus-level inference dates it, saying so. The title is the page's declared headline with a
site-name segment (" | TechCrunch") removed when that segment names the page's own site.

Errors: :class:`ExtractionError` (a ``ValueError``) when the page holds no article: no main text,
too little of it, or an error page or paywall stub; its message begins "no article".
"""

from __future__ import annotations

import html as html_entities
import json
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Iterator
from urllib.parse import urlsplit

import trafilatura
from htmldate.core import (
    Extractor,
    examine_abbr_elements,
    examine_header,
    examine_time_elements,
    extract_url_date,
    json_search,
)
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.utils import load_html

from storyline.clean.metadata import EARLIEST_YEAR, latest_plausible_date, parse_given_date
from storyline.records import PageMetadata

__all__ = ["ExtractionError", "HtmlExtraction", "PageMetadata", "extract_html", "page_metadata",
           "stated_date", "strip_site_name"]

# Comments are not the article: on the article-extraction benchmark, include_comments=False scores
# 0.960 F1 against 0.953 with comments, and reader comments would pollute quotes and entities.
INCLUDE_COMMENTS = False
# Boilerplate in the body pollutes quotes and entities downstream more than a missed sentence
# hurts; on the benchmark favor_precision also scores higher (F1 0.964 vs 0.960: precision 0.958
# vs 0.942 for recall 0.971 vs 0.978).
FAVOR_PRECISION = True
# Tables inside news bodies are usually data the article refers to (results, figures); the
# benchmark's gold bodies include them, and dropping them costs recall.
INCLUDE_TABLES = True
# trafilatura's fallback extractors (readability, jusText) rescue pages its own heuristics miss;
# they cost time only on pages where the first pass finds little, so keep them on.
NO_FALLBACK = False
# trafilatura emits one paragraph per line; lines that are only whitespace carry nothing.
_LINE_SPLIT = re.compile(r"\s*\n\s*")

# --- no article -----------------------------------------------------------------------------
# trafilatura's own link-density and boilerplate tests already drop navigation blocks, so what a
# page without an article leaves is short. The shortest real article bodies measured: 261
# characters (article-extraction-benchmark, 181 pages) and 370 (html-fundus, 258 pages in 41
# countries, a Japanese page); a 404 page or a paywall stub leaves a sentence or two.
MIN_ARTICLE_CHARS = 200
# An error page or a paywall stub may carry a few teaser lines past MIN_ARTICLE_CHARS; below this
# length a body whose title or text reads as one is refused. Every real article measured above
# that says "subscribe" in its text is longer than this.
STUB_MAX_CHARS = 600
# How a page says it is an error page, in its title or its first line.
ERROR_PAGE = re.compile(
    r"\b(?:404|410|page not found|not found|page (?:does not|doesn't) exist|no longer available|"
    r"access denied|forbidden|server error|error \d{3})\b", re.IGNORECASE)
# How a paywall or login wall asks for the rest of the article.
PAYWALL = re.compile(
    r"\b(?:subscribe (?:now |today )?to (?:continue|read|keep reading|unlock)|subscribers? only|"
    r"already a subscriber|(?:log|sign) ?in to (?:continue|read|keep reading)|"
    r"to continue reading|create a free account to (?:continue|read))\b", re.IGNORECASE)

# --- the title --------------------------------------------------------------------------------
# What sites put between a headline and their own name: "Headline | Site", "Site - Headline".
# A bare hyphen between words ("Solar-powered") is not one; it must stand between spaces.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•*:]{1,2})\s+")
# A site's name is a few words ("The Times of India", "Globalnews.ca"); a longer segment is part
# of the headline even when it happens to start like the site's name.
MAX_SITE_NAME_WORDS = 5
# Host labels that name no site ("www", country and generic domains), so "www.bbc.co.uk" names
# "bbc" and a segment "UK" is not taken for the site.
NON_SITE_LABELS = frozenset({"www", "m", "amp", "com", "co", "org", "net", "news", "uk", "us", "ca",
                             "au", "in", "za", "de", "info", "online"})
# schema.org types whose "headline" is the article's own headline (an Article and its subtypes).
ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|LiveBlogPosting)$")

# --- the date ---------------------------------------------------------------------------------
# The article object's own datePublished in JSON-LD comes first: it is the one statement that is
# about this article, where a page's first "datePublished" may be an image's (html-fundus: CBC)
# and its header may carry a live blog's latest entry (the Mirror). Then htmldate's stated-date
# sources only (header meta tags, JSON-LD, <abbr>/<time> elements and the
# URL); its free-text search is never run. original=True asks for the first publication, not
# the last update.
_DATE_FORMAT = "%Y-%m-%d"


class ExtractionError(ValueError):
    """The page holds no article: no main text trafilatura can find (empty page, pure
    navigation, script app shell, not HTML at all), too little text to be one, or an error page
    or paywall stub. Check the input is the article page itself, not a redirect, error page or
    consent wall, or pass the page's visible text to ``clean_plain_text`` instead."""


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What one HTML page yields: its body text and declared metadata.

    ``published`` is an ISO date (YYYY-MM-DD) or None; ``outlet`` is the site name the page
    declares (og:site_name and similar) or None.
    """

    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    author: str | None

    @property
    def page(self) -> PageMetadata:
        """What the page declares, as :func:`page_metadata` reads it: the later stages read it
        from the article instead of parsing the page again."""
        return PageMetadata(self.title, self.published, self.outlet, self.url, self.author)


# The largest page trafilatura itself accepts (its MAX_FILE_SIZE setting): a page parsed here
# before trafilatura sees it is held to the same bound.
_MAX_PAGE_BYTES = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")


def extract_html(html: str | bytes, url: str | None = None) -> HtmlExtraction:
    """Extract the main text and metadata of an article page.

    ``html`` may be a decoded string or the raw bytes as downloaded (trafilatura then detects the
    encoding from the page itself). ``url``, when known, helps date and site-name detection and is
    returned when the page does not declare a canonical URL.

    Raises :class:`ExtractionError` when the page holds no article.
    """
    if not (html.strip() if isinstance(html, str) else html.strip()):
        raise ExtractionError("no article: the page is empty, there is no HTML to extract text from.")
    # The page is parsed once: trafilatura extracts from a copy of this tree (it copies a tree it
    # is handed) and the declared metadata is read from the same tree afterwards.
    try:
        tree = load_html(html, _MAX_PAGE_BYTES)
        doc = None if tree is None else trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=INCLUDE_COMMENTS,
            include_tables=INCLUDE_TABLES,
            favor_precision=FAVOR_PRECISION,
            no_fallback=NO_FALLBACK,
            with_metadata=True,
        )
    except (ValueError, TypeError) as err:  # malformed markup trafilatura's parser rejects
        raise ExtractionError(f"no article: could not parse the page as HTML ({err})") from err
    if doc is None:
        raise ExtractionError(
            "no article: no main text found; the page looks like navigation, an app shell or a consent wall."
        )
    body = getattr(doc, "text", None) or ""
    paragraphs = [line for line in _LINE_SPLIT.split(body.strip()) if line]
    if not paragraphs:
        raise ExtractionError("no article: trafilatura found no main text.")
    text = "\n\n".join(paragraphs)
    declared = _declared(tree, url=_clean(getattr(doc, "url", None)) or url,
                         sitename=_clean(getattr(doc, "sitename", None)),
                         author=_clean(getattr(doc, "author", None)),
                         fallback_title=_clean(getattr(doc, "title", None)))
    _refuse_non_article(text, declared.title)
    return HtmlExtraction(
        text=text,
        title=declared.title,
        published=declared.published,
        outlet=declared.outlet,
        url=declared.url,
        author=declared.author,
    )


def page_metadata(html: str | bytes, url: str | None = None) -> PageMetadata:
    """What a page declares: headline, stated publication date, site name, URL and author.

    Never raises: a page that cannot be parsed declares nothing.
    """
    tree = load_html(html) if (html.strip() if isinstance(html, str) else html.strip()) else None
    if tree is None:
        return PageMetadata(None, None, None, url, None)
    try:
        # extensive=False: its own date (discarded, see stated_date) costs less to find
        found = trafilatura.extract_metadata(tree, default_url=url, extensive=False)
    except Exception:  # noqa: BLE001 — broken pages give no metadata, not a failed document
        found = None
    return _declared(tree, url=_clean(getattr(found, "url", None)) or url,
                     sitename=_clean(getattr(found, "sitename", None)),
                     author=_clean(getattr(found, "author", None)),
                     fallback_title=_clean(getattr(found, "title", None)))


def stated_date(tree: HtmlElement, url: str | None = None) -> str | None:
    """The publication date the page states (YYYY-MM-DD), or None.

    Read from the article's JSON-LD, the URL path, header meta tags, other JSON-LD, and
    ``<abbr>``/``<time>`` elements, within the plausible bounds of
    :mod:`storyline.clean.metadata`; never from the body's text.
    """
    for article in _json_ld_articles(tree):
        for key in ("datePublished", "dateCreated"):
            found = parse_given_date(article.get(key)) if isinstance(article.get(key), str) else None
            if found:
                return found.isoformat()
    options = Extractor(
        extensive=False,
        max=datetime.combine(latest_plausible_date(), time.max),
        min=datetime(EARLIEST_YEAR, 1, 1),
        original=True,
        format=_DATE_FORMAT,
    )
    if url is None:
        canonical = tree.find('.//link[@rel="canonical"]')
        url = canonical.get("href") if canonical is not None else None
    for source in (lambda: extract_url_date(url, options), lambda: examine_header(tree, options),
                   lambda: json_search(tree, options), lambda: examine_abbr_elements(tree, options),
                   lambda: examine_time_elements(tree, options)):
        try:
            found = source()
        except (ValueError, TypeError, AttributeError):  # a malformed attribute in one source
            continue
        if found:
            return _iso_date(found)
    return None


def strip_site_name(title: str, site_names: list[str]) -> str:
    """The title without segments that name the page's own site or byline.

    "How RPA vendors aim to remain relevant | TechCrunch" → "How RPA vendors aim to remain
    relevant" when a site name is "TechCrunch" or the host is techcrunch.com; a segment is only
    removed from either end, and never when it would leave nothing.
    """
    names = {_fold_name(name) for name in site_names if name} - {""}
    if not names:
        return title
    segments = TITLE_SEPARATOR.split(title)
    separators = TITLE_SEPARATOR.findall(title)
    while len(segments) > 1 and _names_site(segments[-1], names):
        segments.pop()
        separators.pop()
    while len(segments) > 1 and _names_site(segments[0], names):
        segments.pop(0)
        separators.pop(0)
    rebuilt = segments[0]
    for separator, segment in zip(separators, segments[1:]):
        rebuilt += separator + segment
    return rebuilt.strip()


def _declared(tree: HtmlElement | None, *, url: str | None, sitename: str | None, author: str | None,
              fallback_title: str | None) -> PageMetadata:
    if tree is None:
        return PageMetadata(fallback_title, None, sitename, url, author)
    articles = list(_json_ld_articles(tree))
    headline = next((_clean(html_entities.unescape(str(obj["headline"]))) for obj in articles
                     if isinstance(obj.get("headline"), str) and obj["headline"].strip()), None)
    publishers = [_publisher_name(obj) for obj in articles]
    title = headline or fallback_title
    if title:
        names = [sitename, *publishers, *_host_names(url)]
        if author:
            names.append(f"by {author}")
        title = strip_site_name(" ".join(title.split()), [name for name in names if name])
    return PageMetadata(title or None, stated_date(tree, url), sitename, url, author)


def _json_ld_articles(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """The article objects of the page's JSON-LD blocks (nested in lists and @graph too)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(kind, str) and ARTICLE_TYPES.search(kind) for kind in kinds):
                    yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _publisher_name(article: dict[str, Any]) -> str | None:
    publisher = article.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return publisher["name"]
    return publisher if isinstance(publisher, str) else None


def _host_names(url: str | None) -> list[str]:
    """The site names a URL's host spells: the host without www ("globalnews.ca") and each
    label that names a site ("timesofindia" from timesofindia.indiatimes.com)."""
    if not url:
        return []
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return []
    labels = [label for label in host.split(".") if label]
    return [host.removeprefix("www.")] + [label for label in labels if label not in NON_SITE_LABELS]


def _fold_name(name: str) -> str:
    folded = re.sub(r"[\W_]+", "", name.casefold())
    return folded.removeprefix("the") if len(folded) > 3 else folded


def _names_site(segment: str, names: set[str]) -> bool:
    if len(segment.split()) > MAX_SITE_NAME_WORDS:
        return False
    folded = _fold_name(segment)
    return bool(folded) and folded in names


def _refuse_non_article(text: str, title: str | None) -> None:
    """Raise ExtractionError when what trafilatura found is not an article."""
    size = len(text)
    if size < MIN_ARTICLE_CHARS:
        raise ExtractionError(
            f"no article: only {size} characters of main text (an article has at least "
            f"{MIN_ARTICLE_CHARS}); the page looks like navigation, an error page or a stub.")
    if size < STUB_MAX_CHARS:
        first_line = text.split("\n", 1)[0]
        if ERROR_PAGE.search(title or "") or ERROR_PAGE.search(first_line):
            raise ExtractionError("no article: the page is an error page (its title or text says so).")
        if PAYWALL.search(text):
            raise ExtractionError("no article: the page is a paywall or login stub; save the full article.")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _iso_date(value: object) -> str | None:
    # htmldate writes dates as YYYY-MM-DD; keep only a well-formed date prefix.
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    return match.group(0) if match else None
