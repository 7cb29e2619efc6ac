"""Tests for storyline.clean.html with small hand-written pages (no network)."""

from __future__ import annotations

import pytest

from storyline.clean.html import ExtractionError, HtmlExtraction, extract_html

PARAGRAPHS = [
    "The river authority of Dunmere confirmed on Monday that the eastern lock will reopen in June "
    "after eight months of repairs to its gates and the surrounding embankment walls.",
    "Chief engineer Marta Koval told reporters that the new gates were tested under full load "
    "last week and that barge traffic would resume gradually over the first fortnight.",
    "Local shipping firms, which had rerouted cargo through the southern canal at considerable "
    "cost, welcomed the announcement but asked the authority for a firm timetable.",
    "“We have lost almost a season of trade, so a date we can plan around matters more to us than "
    "anything else,” said Piet Lorrin, who runs a grain haulage company in the town.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Dunmere lock to reopen in June | Dunmere Gazette</title>
  <meta property="og:title" content="Dunmere lock to reopen in June">
  <meta property="og:site_name" content="Dunmere Gazette">
  <meta property="og:url" content="https://gazette.example/news/lock-reopens">
  <meta property="article:published_time" content="2023-03-14T09:30:00Z">
  <meta name="author" content="Ada Brennholt">
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav></header>
  <main>
    <article>
      <h1>Dunmere lock to reopen in June</h1>
      {''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}
    </article>
    <section class="comments" id="comments">
      <h3>3 Comments</h3>
      <div class="comment"><p>Barge fan 99: finally some good news for the town, about time too
      honestly, I have waited all winter for this announcement.</p></div>
    </section>
  </main>
  <footer><p>© 2023 Dunmere Gazette. All rights reserved.</p></footer>
</body>
</html>"""


def test_extracts_body_paragraphs_joined_by_blank_lines() -> None:
    result = extract_html(PAGE)
    assert isinstance(result, HtmlExtraction)
    paragraphs = result.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert "Home" not in paragraphs
    assert "All rights reserved" not in result.text


def test_comments_are_excluded() -> None:
    assert "Barge fan" not in extract_html(PAGE).text


def test_metadata() -> None:
    result = extract_html(PAGE, url="https://gazette.example/news/lock-reopens")
    assert result.title == "Dunmere lock to reopen in June"
    assert result.published == "2023-03-14"
    assert result.outlet == "Dunmere Gazette"
    assert result.url == "https://gazette.example/news/lock-reopens"
    assert result.author == "Ada Brennholt"


def test_accepts_bytes() -> None:
    result = extract_html(PAGE.encode("utf-8"))
    assert PARAGRAPHS[3] in result.text  # the curly quotes survive decoding


def test_given_url_is_returned_when_page_declares_none() -> None:
    page = PAGE.replace('<meta property="og:url" content="https://gazette.example/news/lock-reopens">', "")
    result = extract_html(page, url="https://mirror.example/a/1")
    assert result.url == "https://mirror.example/a/1"


@pytest.mark.parametrize(
    "html",
    ["", "   \n", b"", "<html><head><title>x</title></head><body></body></html>"],
)
def test_pages_without_main_text_raise(html: str | bytes) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_html(html)
    assert isinstance(info.value, ValueError)
    assert str(info.value)  # the message says why
