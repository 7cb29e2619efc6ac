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


# --- honest dates ----------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from storyline.clean.html import page_metadata, strip_site_name  # noqa: E402
from storyline.clean.metadata import Metadata  # noqa: E402
from storyline.records import Article, RawDocument  # noqa: E402

STORY = [
    "Velmora's army crossed the border on February 24, 2022, and two years later the war "
    "goes on along a front that has hardly moved since the first winter of the fighting.",
    "The two foreign ministers last met in 2019, when Ivo Renn and Asta Kolm agreed to reopen "
    "the consulates that had been shut for a decade, and they have not spoken since then.",
    "Diplomats in Tarn say neither side expects talks this year, although the harvest and the "
    "grain corridor through the southern ports give both a reason to keep a channel open.",
]


def page(head: str = "", body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (f"<html><head><title>Two years of war in Velmora</title>{head}</head><body><article>"
            f"<h1>Two years of war in Velmora</h1>{body}{paragraphs}</article></body></html>")


def test_a_date_in_the_body_is_not_the_publication_date() -> None:
    undated = page()
    assert extract_html(undated).published is None
    assert page_metadata(undated).published is None
    extracted = extract_html(undated)
    article = Metadata().process(Article(raw=RawDocument("p.html", "html", undated), text=extracted.text,
                                         page=extracted.page))
    assert (article.published, article.published_basis) == (None, None)


@pytest.mark.parametrize(
    ("head", "body", "url"),
    [
        ('<meta property="article:published_time" content="2024-02-25T08:00:00Z">', "", None),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Two years of war in '
         'Velmora", "datePublished": "2024-02-25T08:00:00Z", "image": [{"@type": "ImageObject", '
         '"datePublished": "2019-03-01"}]}</script>', "", None),
        ("", '<time datetime="2024-02-25T08:00:00Z" pubdate="pubdate">25 February 2024</time>', None),
        ("", "", "https://post.example/2024/02/25/two-years-of-war"),
    ],
)
def test_a_date_the_page_states_is_its_publication_date(head: str, body: str, url: str | None) -> None:
    assert page_metadata(page(head, body), url=url).published == "2024-02-25"
    assert extract_html(page(head, body), url=url).published == "2024-02-25"


def test_the_articles_own_json_ld_date_comes_before_an_images() -> None:
    head = ('<script type="application/ld+json">{"@graph": [{"@type": "ImageObject", "datePublished": '
            '"2024-02-20"}, {"@type": "ReportageNewsArticle", "datePublished": "2024-02-25T08:00Z"}]}</script>')
    assert page_metadata(page(head)).published == "2024-02-25"


def test_a_stated_date_outside_the_plausible_bounds_is_no_date() -> None:
    head = '<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
    assert page_metadata(page(head)).published is None


# --- titles without the site's name ---------------------------------------------------------

@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Lock to reopen in June | Dunmere Gazette", ["Dunmere Gazette"], "Lock to reopen in June"),
        ("Dunmere Gazette - Lock to reopen in June", ["Dunmere Gazette"], "Lock to reopen in June"),
        ("Lock to reopen in June - The Dunmere Gazette", ["dunmeregazette"], "Lock to reopen in June"),  # a host label
        ("Lock to reopen | Barge News - Gazette.example", ["gazette.example"], "Lock to reopen | Barge News"),
        ("Lock to reopen in June | Gazette | by Ada Brennholt", ["Gazette", "by Ada Brennholt"], "Lock to reopen in June"),
        # a segment that is not the site's name stays, and so does a hyphen inside a word
        ("Solar-powered lights: Tarn votes - and wins", ["Dunmere Gazette"], "Solar-powered lights: Tarn votes - and wins"),
        ("Dunmere Gazette", ["Dunmere Gazette"], "Dunmere Gazette"),
    ],
)
def test_site_name_segments_are_stripped(title: str, names: list[str], expected: str) -> None:
    assert strip_site_name(title, names) == expected


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:site_name" content="Dunmere Gazette">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Dunmere Gazette"}}</script>',
        '<link rel="canonical" href="https://www.dunmeregazette.example/news/1">',
    ],
)
def test_the_title_loses_the_suffix_that_names_its_site(head: str) -> None:
    html = page(head).replace("<title>Two years of war in Velmora</title>",
                              "<title>Two years of war in Velmora | Dunmere Gazette</title>")
    assert extract_html(html).title == "Two years of war in Velmora"
    assert page_metadata(html).title == "Two years of war in Velmora"


def test_the_articles_json_ld_headline_is_its_title() -> None:
    head = ('<meta property="og:title" content="War: two years on">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Two years of war in Velmora &#8216;without end&#8217;"}</script>')
    assert extract_html(page(head)).title == "Two years of war in Velmora ‘without end’"


# --- no article --------------------------------------------------------------------------------

NOT_FOUND = """<html><head><title>Page not found | Dunmere Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><h1>Page not found</h1><p>Sorry, the page you were looking for does not exist or has been moved.
Try the <a href="/">home page</a> or search the archive of the Dunmere Gazette for the story you want.</p>
<ul><li><a href="/a">Lock to reopen in June after eight months of repairs to its gates</a></li>
<li><a href="/b">Grain haulers ask the river authority of Dunmere for a firm timetable</a></li></ul></main>
</body></html>"""
NAVIGATION = """<html><head><title>Dunmere Gazette</title></head><body><nav><ul>
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav><footer>© Dunmere Gazette</footer></body></html>"""
PAYWALL = f"""<html><head><title>Lock to reopen in June | Dunmere Gazette</title></head><body><article>
<h1>Lock to reopen in June</h1><p>{PARAGRAPHS[0]}</p>
<p>Subscribe to continue reading. Already a subscriber? Log in.</p></article></body></html>"""


@pytest.mark.parametrize("html", [NOT_FOUND, NAVIGATION, PAYWALL], ids=["404", "navigation", "paywall"])
def test_a_page_without_an_article_is_refused(html: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_html(html)
    assert str(info.value).startswith("no article")


def test_a_short_real_article_is_kept() -> None:
    html = f"<html><body><article><h1>Lock to reopen</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article></body></html>"
    assert PARAGRAPHS[1] in extract_html(html).text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_an_extraction_or_an_extraction_error(text: str) -> None:
    try:
        extract_html(f"<html><head><title>{text}</title></head><body><p>{text}</p></body></html>")
    except ExtractionError as error:
        assert str(error).startswith("no article")
    found = page_metadata(text)
    assert found.published is None or len(found.published) == 10


def test_the_page_is_parsed_once_for_text_and_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura.core
    import trafilatura.metadata

    import storyline.clean.html as html_module

    parses = []
    real_load_html = html_module.load_html

    def counting_load_html(page, *args):
        if isinstance(page, (str, bytes)):  # a tree handed on is not parsed again
            parses.append(page)
        return real_load_html(page, *args)

    for module in (html_module, trafilatura.core, trafilatura.metadata):
        monkeypatch.setattr(module, "load_html", counting_load_html)
    result = extract_html(PAGE)
    assert len(parses) == 1
    assert result.title and result.text
