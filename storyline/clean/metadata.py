"""Metadata: outlet, URL and publication date, each with the basis it rests on.

The publication date comes, in order of trust, from the input's own fields (``given``: a JSONL
or CSV ``published`` field; ``feed``: a feed entry's ``pubDate``/``published``/``updated``), from
the page's metadata (``metadata``: HTML meta tags, JSON-LD, URL, via trafilatura/htmldate), or
from a dateline in the scraped text (``dateline``: "Posted on January 7 2022, 18:48pm", "11:48
14.11.2023"). A web archive's crawl date is not a publication date and is never used as one.
When none is found it stays empty: a later stage infers it and says so, so a guess is never
presented as a stated date.

A field that should hold a date and does not ("2022-02-30", "soon", an epoch number from the year
2500) leaves the document undated and adds an :class:`~storyline.records.ItemWarning` (code
``W110``) naming the field and the value, so a bad feed is seen instead of silently undated.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from storyline.analyse.lexicon.calendar import MONTHS
from storyline.errors import DATE_FIELD_NOT_A_DATE, FEED_ENTRY_INCOMPLETE
from storyline.pipeline import Stage
from storyline.records import Article, DateBasis, ItemWarning, PageMetadata

# The bases a reader may state for a record's date field (RawDocument.fields["published_basis"]).
READER_BASES = frozenset({"given", "feed"})
# Datelines sit near the top or bottom of a scraped page; a date deep inside the body is part
# of the story ("On February 24, Russia launched ..."), not the publication date.
DATELINE_SEARCH_LINES = 12
# A dateline is a short line that is mostly a date; a sentence that contains a date is longer.
DATELINE_MAX_CHARS = 80
# Publication dates before the web or after tomorrow are misreadings (a year in a headline).
# These bounds hold for every publication date Storyline parses: given fields, page metadata,
# datelines (see plausible_date).
EARLIEST_YEAR = 1990
# "Tomorrow" rather than today: a page published just after midnight in UTC+14 is dated ahead
# of a UTC clock.
LATEST_DAYS_AHEAD = 1
# Epoch timestamps: a number this large is milliseconds, not seconds (1e11 seconds is the year
# 5138; 1e11 milliseconds is 1973), so no plausible date is read the wrong way.
EPOCH_MILLISECONDS_FROM = 10**11
# A YYYYMMDD number (20220110) is a day written as digits, not a timestamp: as seconds it would
# fall in 1970, before EARLIEST_YEAR, so the two readings never compete.
COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d])")
EPOCH_DIGITS = re.compile(r"^\d{9,13}(?:\.\d+)?$")

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


class DateFieldError(ValueError):
    """A metadata field meant to hold a publication date holds something else."""


def parse_given_date(value: Any) -> date | None:
    """A date from a metadata field, or None when the field is empty or not a plausible date.

    Accepts ISO 8601 with or without time ("2022-01-12T10:00:00Z"), a day written as digits
    (20220110 or "20220110"), epoch seconds or milliseconds, and dateline-like strings
    ("Posted on January 7 2022"). See :func:`read_given_date` for the reason a value is refused.
    """
    try:
        return read_given_date(value)
    except DateFieldError:
        return None


def read_given_date(value: Any) -> date | None:
    """Like :func:`parse_given_date`, but a value that is present and not a plausible date
    raises :class:`DateFieldError` saying why; None and blank strings are simply no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise DateFieldError(f"a {type(value).__name__}, not a date")
    text = str(value).strip()
    compact = COMPACT_DATE.match(text)
    if compact:
        return _stated_day(compact, text)
    if isinstance(value, (int, float)) or EPOCH_DIGITS.match(text):
        return _epoch_day(float(text) if isinstance(value, str) else value, text)
    iso = ISO_DATE.match(text)
    if iso:
        return _stated_day(iso, text)
    found = parse_dateline(text)
    if found is None:
        raise DateFieldError(f"{text[:40]!r} is not a date Storyline can read (use YYYY-MM-DD)")
    return found


def plausible_date(found: date) -> bool:
    """Whether a publication date is possible: from EARLIEST_YEAR up to tomorrow."""
    return date(EARLIEST_YEAR, 1, 1) <= found <= latest_plausible_date()


def latest_plausible_date() -> date:
    return date.today() + timedelta(days=LATEST_DAYS_AHEAD)


def _stated_day(match: re.Match[str], text: str) -> date:
    try:
        found = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise DateFieldError(f"{text[:40]!r} names no such day") from None
    if not plausible_date(found):
        raise DateFieldError(f"{text[:40]!r} is outside {EARLIEST_YEAR} .. tomorrow")
    return found


def _epoch_day(number: float, text: str) -> date:
    if number != number or number in (float("inf"), float("-inf")):
        raise DateFieldError(f"{text[:40]!r} is not a number of seconds")
    seconds = number / 1000 if abs(number) >= EPOCH_MILLISECONDS_FROM else number
    try:
        found = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        raise DateFieldError(f"{text[:40]!r} is not a plausible timestamp") from None
    if not plausible_date(found):
        raise DateFieldError(
            f"{text[:40]!r} read as a timestamp is {found.isoformat()}, outside {EARLIEST_YEAR} .. tomorrow")
    return found


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
    return found if plausible_date(found) else None


class Metadata(Stage):
    """Outlet, URL and publication date (with its basis) from fields, page metadata or datelines.

    A date field that holds no plausible date adds a ``W110`` warning to the article; the date
    then comes from a dateline, or stays empty for the corpus-level inference.
    """

    name = "metadata"
    requires = frozenset({"raw", "text", "page"})
    assigns = frozenset({"outlet", "url", "published", "published_basis", "warnings"})

    def process(self, article: Article) -> Article:
        fields = article.raw.fields
        url = _text_field(fields.get("url"))
        outlet = _text_field(fields.get("outlet"))
        published: date | None = None
        basis: DateBasis | None = None
        warnings: tuple[ItemWarning, ...] = ()
        stated = fields.get("published_basis")
        if article.raw.format == "record":
            # A reader may say where its date field came from (a feed entry's date: "feed");
            # anything else a record carries is a given field.
            published, basis, warnings = _field_date(article, stated if stated in READER_BASES else "given")
            if fields.get("feed_missing"):
                warnings += (_incomplete_entry(article, fields["feed_missing"]),)
        elif article.raw.format == "html":
            # What the page declares, read by the cleaner when it parsed the page: not parsed again.
            page = article.page or PageMetadata(None, None, None, None, None)
            url = url or page.url
            outlet = outlet or page.outlet
            if stated in READER_BASES and fields.get("published"):
                # A page its reader dated (a followed feed entry's date): that field is trusted
                # before the page's own metadata, as for a record. A WARC's crawl date never is.
                published, basis, warnings = _field_date(article, stated)
            if published is None and page.published:
                published, basis = date.fromisoformat(page.published), "metadata"
        if published is None:
            published = find_dateline(_visible_text(article))
            basis = "dateline" if published else None
        return replace(
            article,
            url=url,
            outlet=outlet or outlet_from_url(url),
            published=published.isoformat() if published else None,
            published_basis=basis,
            warnings=article.warnings + warnings,
        )


def _field_date(article: Article, basis: DateBasis) -> tuple[date | None, DateBasis | None, tuple[ItemWarning, ...]]:
    """The date the reader's ``published`` field holds, with ``basis``; a field that holds no
    plausible date gives none, and a ``W110`` warning naming it."""
    value = article.raw.fields.get("published")
    try:
        published = read_given_date(value)
    except DateFieldError as error:
        return None, None, (_bad_date(article, "published", value, error),)
    return published, (basis if published else None), ()


def _incomplete_entry(article: Article, missing: Any) -> ItemWarning:
    names = [str(name) for name in missing] if isinstance(missing, (list, tuple)) else [str(missing)]
    return ItemWarning(
        source=article.source,
        stage="metadata",
        code=FEED_ENTRY_INCOMPLETE,
        reason=f"the feed entry has no {', no '.join(names)}; the document is kept without "
               f"{'it' if len(names) == 1 else 'them'}" + ("; an undated entry is dated by its dateline or by "
                                                           "date inference" if "published" in names else ""),
        doc=article.id,
        detail={"missing": names},
    )


def _bad_date(article: Article, field_name: str, value: Any, error: DateFieldError) -> ItemWarning:
    return ItemWarning(
        source=article.source,
        stage="metadata",
        code=DATE_FIELD_NOT_A_DATE,
        reason=f"the {field_name!r} field is not a publication date: {error}; the document is dated "
               "by its dateline or left undated for date inference. Fix the field to YYYY-MM-DD.",
        doc=article.id,
        detail={"field": field_name, "value": repr(value)[:200]},
    )


def _text_field(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _visible_text(article: Article) -> str:
    if article.raw.format == "html":
        return article.text or ""
    return article.raw.content

