"""Pipeline stages over the parsed article: time, quotes and events.

Each stage is a thin wrapper: the extractor (a plain function over the spaCy ``Doc``) does the
work; the stage declares what it needs and what it adds to the article.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from storyline.analyse.events import extract_events
from storyline.analyse.quotes import extract_quotes
from storyline.analyse.timex import extract_timexes
from storyline.pipeline import Stage
from storyline.records import Article


def published_date(article: Article) -> date | None:
    return date.fromisoformat(article.published) if article.published else None


class TimeExpressions(Stage):
    """Temporal expressions normalised against the publication date (tense decides direction)."""

    name = "time"
    requires = frozenset({"parsed", "published"})
    assigns = frozenset({"timexes"})

    def process(self, article: Article) -> Article:
        return replace(article, timexes=extract_timexes(article.id, article.parsed, published_date(article)))


class Quotes(Stage):
    """Direct, indirect and mixed quotations with speaker, cue and content."""

    name = "quotes"
    requires = frozenset({"parsed", "mentions"})
    assigns = frozenset({"quotes"})

    def process(self, article: Article) -> Article:
        return replace(article, quotes=extract_quotes(article.id, article.parsed, article.mentions))


class Events(Stage):
    """Dated PLOVER events with actors, place and mode."""

    name = "events"
    requires = frozenset({"parsed", "mentions", "timexes", "published"})
    assigns = frozenset({"events"})

    def process(self, article: Article) -> Article:
        events = extract_events(article.id, article.parsed, article.mentions, article.timexes,
                                published_date(article))
        return replace(article, events=events)
