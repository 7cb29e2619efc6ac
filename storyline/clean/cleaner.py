"""Clean: from a raw input item to the article's title and clean body text.

- scraped text: the headline is the first line that is not chrome; the body is what the
  plain-text cleaner keeps, and every line it drops is recorded with its reason;
- HTML: trafilatura finds the main text and the title;
- JSONL records: the given title and text; the text still passes the plain-text cleaner, because
  scraped collections carry the same chrome ("Read also", share prompts) as scraped files.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.clean import html as html_extraction
from storyline.clean.plaintext import clean_plain_text
from storyline.errors import ExtractionError
from storyline.pipeline import Stage
from storyline.records import Article


def headline(raw: str) -> str | None:
    """The headline of a scraped article: its first line that is not chrome or a dateline.

    Scrapers put the title first, but blog chrome ("Edit post Follow this blog"), site names and
    datelines often come before it, and pages repeat their headline above the body; the cleaner
    recognises all of these, so the headline is the first repeated line before the body, or else
    the body's first line.
    """
    cleaned = clean_plain_text(raw)
    first_line = cleaned.text.split("\n", 1)[0].strip()
    body_start = raw.find(first_line) if first_line else len(raw)
    for span in cleaned.removed:
        if span.reason == "repeated-line" and span.start < body_start:
            return span.text.strip()
    return first_line or None


class Clean(Stage):
    """Title and clean text for every input format; removed spans with their reasons."""

    name = "clean"
    requires = frozenset({"raw"})
    assigns = frozenset({"title", "text", "removed"})

    def process(self, article: Article) -> Article:
        raw = article.raw
        if raw.format == "html":
            try:
                page = html_extraction.extract_html(raw.content, url=raw.fields.get("url"))
            except html_extraction.ExtractionError as error:
                raise ExtractionError(str(error)) from None
            return replace(article, title=page.title, text=page.text, removed=())
        if raw.format == "record":
            given_title = raw.fields.get("title")
            title = given_title.strip() if isinstance(given_title, str) and given_title.strip() else None
        else:
            title = headline(raw.content)
        cleaned = clean_plain_text(raw.content, title=title)
        if not cleaned.text.strip():
            raise ExtractionError("no article text left after removing boilerplate")
        return replace(article, title=title, text=cleaned.text, removed=cleaned.removed)
