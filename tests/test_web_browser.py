"""The web UI as a person uses it: Debian's Chromium driven by Playwright over pages served by
uvicorn on 127.0.0.1, over the seeds store. One browser for the module.

Chromium must be installed (`apt-get install -y chromium`; .ci/run does it): without it these
tests fail, saying so, rather than skip.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from benchmark_scripts import load_benchmark
from conftest import SCRIPT
from storyline.serve.api import create_app
from storyline.serve.web.app import serving

playwright_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
screenshots = load_benchmark("screenshots")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = screenshots.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(seeds_db: Path) -> Iterator[str]:
    app = create_app(str(seeds_db))
    with serving(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every policy violation and error the browser reports."""
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.problems = []
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    yield opened
    assert opened.problems == []  # no Content-Security-Policy violation, no script error
    opened.close()


def test_follow_a_timeline_entry_to_its_evidence(page: Any, site: str) -> None:
    page.goto(f"{site}/timeline")
    first = page.locator(".entry").first
    what = first.locator(".what").inner_text()
    first.locator("a.evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+#c\d+-\d+$"))
    start, end = map(int, re.search(r"#c(\d+)-(\d+)$", page.url).groups())  # type: ignore[union-attr]
    marked = page.locator(".text .piece.target")
    assert marked.count() > 0 and marked.first.is_visible()
    shown = "".join(marked.all_inner_texts())
    assert len(shown) == end - start
    # the entry's title is taken from the evidence it links to
    assert " ".join(what.rstrip(" …").split())[:40] in " ".join(shown.split())


def test_open_a_story_and_follow_its_briefing_to_an_article(page: Any, site: str) -> None:
    page.goto(site)
    page.locator("table.list a[href^='/stories/']").first.click()
    page.wait_for_url(re.compile(r"/stories/story-[0-9a-f]+$"))
    said = page.locator("ul.briefing li").first
    text = said.inner_text()
    said.locator("a.evidence").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+\?at=\d+-\d+#c\d+-\d+$"))
    start, end = map(int, re.search(r"#c(\d+)-(\d+)$", page.url).groups())  # type: ignore[union-attr]
    shown = "".join(page.locator(".text .piece.target").all_inner_texts())
    # exactly the cited span is marked, and it is the briefing's sentence
    assert len(shown) == end - start and " ".join(shown.split()) in " ".join(text.split())


def test_filter_quotes_by_speaker(page: Any, site: str) -> None:
    page.goto(f"{site}/quotes?class=all")
    every = page.locator("li.quote").count()
    page.fill("input[name=speaker]", "Stoltenberg")
    page.click(".filters button[type=submit]")
    page.wait_for_url(re.compile(r"speaker=Stoltenberg"))
    speakers = page.locator("li.quote .meta a[href^='/actors/']").all_inner_texts()
    assert 0 < len(speakers) < every
    assert set(speakers) == {"Jens Stoltenberg"}


def test_open_an_actor_page(page: Any, site: str) -> None:
    page.goto(f"{site}/actors")
    page.click("text=Jens Stoltenberg")
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("h1").inner_text().startswith("Jens Stoltenberg")
    aliases = page.locator("section:has(h2:text('Names')) tbody tr").all_inner_texts()
    assert any(row.startswith("Stoltenberg") for row in aliases)
    assert page.locator("ol.quotes li.quote").count() > 0


def test_run_a_search(page: Any, site: str) -> None:
    page.goto(site)
    page.fill(".top input[name=q]", "security guarantees")
    page.press(".top input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=security"))
    marks = {m.lower() for m in page.locator(".hit mark").all_inner_texts()}
    assert {"security", "guarantees"} <= marks
    page.locator(".hit a.evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert "security guarantees" in " ".join(page.locator(".piece.target").all_inner_texts())


def test_search_by_meaning_from_the_search_form(page: Any, site: str) -> None:
    page.goto(f"{site}/search")
    form = page.locator("main form.filters")
    form.locator("input[name=q]").fill("alliance chief talks")
    form.locator("select[name=mode]").select_option("semantic")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search\?q=alliance.*mode=semantic"))
    assert page.locator(".hit").count() > 0
    assert form.locator("select[name=mode]").input_value() == "semantic"
    page.locator(".hit a.evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator(".piece.target").count() > 0


def test_a_positions_cell_opens_its_sentences(page: Any, site: str) -> None:
    page.goto(f"{site}/positions")
    cell = page.locator(".cell details").first
    assert not cell.locator("li").first.is_visible()
    cell.locator("summary").click()
    assert cell.locator("li").first.is_visible()
    assert cell.locator("a.evidence").count() == cell.locator("li").count()


def test_hostile_text_does_not_run(browser: Any, hostile_db: Path) -> None:
    app = create_app(str(hostile_db))
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        with serving(app) as url:
            doc = app.state.store.documents()[0].id
            for path in ("/", f"/documents/{doc}", "/quotes?class=all", "/search?q=pier"):
                page.goto(url + path)
                assert SCRIPT in page.locator("main").inner_text(), path
                assert page.locator("main img").count() == 0
    finally:
        page.close()
        app.state.store.close()
    assert dialogs == []


def test_the_pages_work_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/timeline")
        page.select_option("select[name=zoom]", "day")
        page.click(".filters button[type=submit]")
        page.wait_for_url(re.compile(r"zoom=day"))
        days = page.locator(".period-group h2").all_inner_texts()
        assert days and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in days)
        page.locator(".periods a").first.click()
        assert page.locator(".entry").count() == int(page.locator(".summary").inner_text().split()[0])
        page.goto(f"{site}/positions")
        page.locator(".cell details summary").first.click()
        assert page.locator(".cell details li").first.is_visible()
        page.locator(".cell details a.evidence").first.click()
        page.wait_for_url(re.compile(r"#c\d+-\d+$"))
        assert page.locator(".anchor:target").count() == 1
    finally:
        context.close()
