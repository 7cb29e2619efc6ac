"""Metadata: outlet, URL and publication date, each with the basis it rests on.

The publication date comes, in order of trust, from the input's own fields (``given``: a JSONL
``published`` field), from the page's metadata (``metadata``: HTML meta tags, JSON-LD, URL, via
trafilatura/htmldate), or from a dateline in the scraped text (``dateline``: "Posted on January 7
2022, 18:48pm", "11:48 14.11.2023"). When none is found it stays empty: a later stage infers it and
says so, so a guess is never presented as a stated date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from storyline.pipeline import Stage
from storyline.records import Article

# Datelines sit near the top or bottom of a scraped page; a date deep inside the body is part
# of the story ("On February 24, Russia launched ..."), not the publication date.
DATELINE_SEARCH_LINES = 12
# A dateline is a short line that is mostly a date; a sentence that contains a date is longer.
DATELINE_MAX_CHARS = 80
# Publication dates before the web or after tomorrow are misreadings (a year in a headline).
EARLIEST_YEAR = 1990

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
LEAD = r"(?:(?:posted|published|updated|last updated|first published|date)\s*(?:on|:)?\s*)?"
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"

# Each pattern must match the whole (stripped) line, so body sentences never qualify.
DATELINE_PATTERNS = [
    re.compile(rf"^{LEAD}{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}(?:[,\s]+(?:at\s+)?{TIME})?[\s|]*$", re.I),
    re.compile(rf"^{LEAD}{WEEKDAY}{DAY}\s+{MONTH},?\s+{YEAR}(?:[,\s]+(?:at\s+)?{TIME})?[\s|]*$", re.I),
    re.compile(rf"^{LEAD}(?:{TIME}[,\s]+)?(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{YEAR}(?:[,\s]+{TIME})?$", re.I),
    re.compile(rf"^{LEAD}(?:{TIME}[,\s]+)?{YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T\s]+{TIME})?$", re.I),
]


def parse_dateline(line: str) -> date | None:
    """The date of a dateline such as "Posted on January 7 2022, 18:48pm", else None."""
    line = line.strip()
    if not line or len(line) > DATELINE_MAX_CHARS:
        return None
    for pattern in DATELINE_PATTERNS:
        match = pattern.match(line)
        if match:
            month = match.group("month")
            month_number = MONTHS[month.lower().rstrip(".")] if month.isalpha() else int(month)
            return _valid_date(int(match.group("year")), month_number, int(match.group("day")))
    return None


def find_dateline(text: str) -> date | None:
    """The first dateline among the first and last lines of a scraped text."""
    lines = [line for line in text.splitlines() if line.strip()]
    candidates = lines[:DATELINE_SEARCH_LINES] + lines[-DATELINE_SEARCH_LINES:]
    for line in candidates:
        found = parse_dateline(line)
        if found:
            return found
    return None


def parse_given_date(value: Any) -> date | None:
    """A date from a metadata field: ISO 8601 with or without time, or a dateline-like string."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.utcfromtimestamp(value).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return _valid_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    return parse_dateline(text)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found.year < EARLIEST_YEAR or found > date.today().replace(year=date.today().year + 1):
        return None
    return found


class Metadata(Stage):
    """Outlet, URL and publication date (with its basis) from fields, page metadata or datelines."""

    name = "metadata"
    requires = frozenset({"raw", "text"})
    assigns = frozenset({"outlet", "url", "published", "published_basis"})

    def process(self, article: Article) -> Article:
        fields = article.raw.fields
        url = _text_field(fields.get("url"))
        outlet = _text_field(fields.get("outlet"))
        published: date | None = None
        basis = None
        if article.raw.format == "record":
            published = parse_given_date(fields.get("published"))
            basis = "given" if published else None
        elif article.raw.format == "html":
            page = _html_metadata(article.raw.content)
            url = url or page.get("url")
            outlet = outlet or page.get("sitename")
            published = parse_given_date(page.get("date"))
            basis = "metadata" if published else None
        if published is None:
            published = find_dateline(_visible_text(article))
            basis = "dateline" if published else None
        return replace(
            article,
            url=url,
            outlet=outlet or outlet_from_url(url),
            published=published.isoformat() if published else None,
            published_basis=basis,
        )


def _text_field(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _visible_text(article: Article) -> str:
    if article.raw.format == "html":
        return article.text or ""
    return article.raw.content


def _html_metadata(html: str) -> dict[str, Any]:
    from trafilatura import extract_metadata

    try:
        found = extract_metadata(html)
    except Exception:  # noqa: BLE001 — broken pages give no metadata, not a failed document
        return {}
    return found.as_dict() if found is not None else {}
