"""Pipeline stages over the parsed article: time, quotes, events and stance readings.

Each stage is a thin wrapper: the extractor (a plain function over the spaCy ``Doc``) does the
work; the stage declares what it needs and what it adds to the article. The extractors are
English rules (cue words, month names, reporting verbs, tense), so each stage passes a document in
another language on untouched (``has_rules_for``): it keeps the sentences and entities its own
pipeline gave, and gets no time expressions, quotes or events rather than wrong ones.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from storyline.analyse.events import extract_events
from storyline.analyse.language import has_rules_for
from storyline.analyse.quotes import extract_quotes
from storyline.analyse.stance import read_sentences
from storyline.analyse.time import extract_timexes
from storyline.pipeline import Stage
from storyline.records import Article


def published_date(article: Article) -> date | None:
    return date.fromisoformat(article.published) if article.published else None


class TimeExpressions(Stage):
    """Temporal expressions normalised against the publication date (tense decides direction).

    English documents only; others pass untouched."""

    name = "time"
    requires = frozenset({"parsed", "published", "language"})
    assigns = frozenset({"timexes"})

    def process(self, article: Article) -> Article:
        if not has_rules_for(article):
            return article
        return replace(article, timexes=extract_timexes(article.id, article.parsed, published_date(article)))


class Quotes(Stage):
    """Direct, indirect and mixed quotations with speaker, cue and content.

    English documents only; others pass untouched."""

    name = "quotes"
    requires = frozenset({"parsed", "mentions", "language"})
    assigns = frozenset({"quotes"})

    def process(self, article: Article) -> Article:
        if not has_rules_for(article):
            return article
        return replace(article, quotes=extract_quotes(article.id, article.parsed, article.mentions))


class Events(Stage):
    """Dated PLOVER events with actors, place and mode.

    English documents only; others pass untouched."""

    name = "events"
    requires = frozenset({"parsed", "mentions", "timexes", "published", "language"})
    assigns = frozenset({"events"})

    def process(self, article: Article) -> Article:
        if not has_rules_for(article):
            return article
        events = extract_events(article.id, article.parsed, article.mentions, article.timexes,
                                published_date(article))
        return replace(article, events=events)


class StanceReadings(Stage):
    """Each sentence's stance reading, for whatever issue is asked of it later: what the grammar
    above each token does to what is written there (negators, reversals, stance words, who holds
    them). The positions step only matches issues' keywords against these readings, so it never
    parses; they hold no date, so a re-dated document keeps them.

    English documents only; others pass untouched."""

    name = "stance"
    requires = frozenset({"parsed", "sentences", "language"})
    assigns = frozenset({"stances"})

    def process(self, article: Article) -> Article:
        if not has_rules_for(article):
            return article
        return replace(article, stances=read_sentences(article.id, article.parsed))
