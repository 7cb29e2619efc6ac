"""Clean: from a raw input item to the article's title and clean body text.

- scraped text: the headline is the first line that is not chrome, when it reads as one (a full
  sentence is the first paragraph, not a headline); the body is what the plain-text cleaner
  keeps, and every line it drops is recorded with its reason;
- HTML: trafilatura finds the main text and the title;
- JSONL records: the given title and text. The text was already cut out of its page by whoever
  made the file, so the plain-text cleaner removes only lines that are chrome by their own
  wording ("Read also", share prompts, picture credits, live-blog stamps), never a line for where
  it sits: a page's body region has no meaning in a text that is all body.

Nothing is lost silently: a text or record that keeps less than half of its input carries a
``W200`` warning with the share kept and the characters removed per reason.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.clean import html as html_extraction
from storyline.clean.plaintext import CleanedText, clean_plain_text, reads_as_headline
from storyline.errors import ExtractionError, KEPT_UNDER_HALF
from storyline.pipeline import Stage
from storyline.records import Article, ItemWarning

# A document that keeps less than this share of its input's text is flagged: most of what was
# given was judged not to be the article, which a reader should be able to check. Chrome rarely
# outweighs a news article (the seeds keep 91-99 %, the ukraine corpus's median is 99 %).
LOW_KEPT_SHARE = 0.5


def headline(raw: str) -> str | None:
    """The headline of a scraped article: its first line that is not chrome or a dateline.

    Scrapers put the title first, but blog chrome ("Edit post Follow this blog"), site names and
    datelines often come before it, and pages repeat their headline above the body. The headline
    is the first repeated line before the body; or else the first line that the cleaner did not
    drop for its wording, which is the line above the body (the cleaner, given no title, leaves
    a short headline outside the body) or the body's own first line; and only if it reads as a
    headline. Taking the body's first line when the headline sits above it would make the first
    paragraph the title, and the cleaner would then remove it as such.
    """
    cleaned = clean_plain_text(raw)
    first_line = cleaned.text.split("\n", 1)[0].strip()
    body_start = raw.find(first_line) if first_line else len(raw)
    before_body = [span for span in cleaned.removed if span.start < body_start]
    for span in before_body:
        if span.reason == "repeated-line":
            return span.text.strip()
    # "outside-body" is the one reason given for where a line sits rather than what it says.
    above = next((span.text for span in before_body if span.reason == "outside-body"), None)
    candidate = above or first_line
    return candidate if candidate and reads_as_headline(candidate) else None


def low_kept_share_warning(source: str, cleaned: CleanedText) -> ItemWarning | None:
    """A warning when the cleaner kept less than LOW_KEPT_SHARE of the input, saying what went.

    >>> from storyline.records import RemovedSpan
    >>> cleaned = CleanedText("Kept.", (RemovedSpan(0, 20, "outside-body", "x" * 20),))
    >>> low_kept_share_warning("a.txt", cleaned).reason
    'kept 20% of the input: 1 line outside-body (20 chars)'
    """
    share = cleaned.kept_share
    if share >= LOW_KEPT_SHARE:
        return None
    removed = cleaned.removed_chars()
    lines = {reason: sum(1 for span in cleaned.removed if span.reason == reason) for reason in removed}
    parts = [
        f"{lines[reason]} line{'s' if lines[reason] != 1 else ''} {reason} ({chars:,} chars)"
        for reason, chars in removed.items()
    ]
    return ItemWarning(
        source=source,
        stage=Clean.name,
        code=KEPT_UNDER_HALF,
        reason=f"kept {share:.0%} of the input: " + ", ".join(parts),
        detail={"kept_share": round(share, 4), "removed": removed},
    )


class Clean(Stage):
    """Title and clean text for every input format; removed spans with their reasons."""

    name = "clean"
    requires = frozenset({"raw"})
    assigns = frozenset({"title", "text", "removed", "page", "warnings"})

    def process(self, article: Article) -> Article:
        raw = article.raw
        if raw.format == "html":
            try:
                page = html_extraction.extract_html(raw.content, url=raw.fields.get("url"))
            except html_extraction.ExtractionError as error:
                raise ExtractionError(str(error)) from None
            return replace(article, title=page.title, text=page.text, removed=(), page=page.page)
        if raw.format == "record":
            given_title = raw.fields.get("title")
            title = given_title.strip() if isinstance(given_title, str) and given_title.strip() else None
            cleaned = clean_plain_text(raw.content, title=title, extracted=True)
        else:
            title = headline(raw.content)
            cleaned = clean_plain_text(raw.content, title=title)
        if not cleaned.text.strip():
            reasons = ", ".join(cleaned.removed_chars()) or "blank lines only"
            hint = ("" if raw.format == "record" else "; if the item does hold an article, pass it as a JSONL "
                    "record's text, which is cleaned line by line only")
            raise ExtractionError(f"no article text left after removing boilerplate (every line was {reasons}){hint}")
        warning = low_kept_share_warning(article.source, cleaned)
        warnings = article.warnings + ((warning,) if warning else ())
        return replace(article, title=title, text=cleaned.text, removed=cleaned.removed, warnings=warnings)
