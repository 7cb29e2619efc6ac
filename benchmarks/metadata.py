"""Score page metadata (title and publication date) on the English pages of the fundus test pages.

Data: ``../shared/corpus/html-fundus`` — news pages saved by the fundus project's parser tests,
with ``manifest.jsonl`` pairing each page with the title and publication date fundus's
hand-written parser for that publisher extracts (see the folder's ``SOURCE.txt``). A page is
English when its ``<html lang>`` (or, failing that, its Content-Language meta) starts with "en".

Each page is read as a build reads it (the file's bytes, decoded by the reader, no URL given,
because a folder of saved pages has none) and scored three ways:

* **storyline**: the Clean and Metadata stages, i.e. the title and date a build stores;
* **trafilatura**: ``trafilatura.bare_extraction(with_metadata=True)`` alone, default options;
* **htmldate**: ``htmldate.find_date`` alone, default options (dates only).

A title is right when it equals the gold title with white space folded; a date when its day
equals the gold day (the gold keeps the page's own UTC offset, so the day is the page's day).
A date left empty counts as wrong, like a wrong date: the goal is the share of pages dated right.

Run from the project root::

    .venv/bin/python benchmarks/metadata.py [--data DIR] [--errors]

The last printed line is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "corpus" / "html-fundus"
# The language declaration sits in the page's first bytes; 50 kB covers the longest <head>
# preamble in the set.
LANGUAGE_SEARCH_BYTES = 50_000

_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.I)
_CONTENT_LANGUAGE = re.compile(r"http-equiv=[\"']?content-language[\"']?\s+content=[\"']?([A-Za-z_-]+)", re.I)


@dataclass(frozen=True)
class Page:
    path: Path
    title: str
    published: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Guess:
    title: str | None
    published: str | None


def declared_language(html: str) -> str | None:
    head = html[:LANGUAGE_SEARCH_BYTES]
    found = _HTML_LANG.search(head) or _CONTENT_LANGUAGE.search(head)
    return found.group(1).lower() if found else None


def english_pages(data: Path) -> list[Page]:
    pages = []
    for line in (data / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        path = data / row["html"]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        if (declared_language(html) or "").startswith("en") and row.get("published"):
            pages.append(Page(path, row["title"], row["published"][:10]))
    return pages


def _page_text(path: Path) -> str:
    from storyline.ingest.readers import decode_html, read_bytes

    return decode_html(read_bytes(path))


def storyline_guess(path: Path) -> Guess:
    from storyline.clean.cleaner import Clean
    from storyline.clean.metadata import Metadata
    from storyline.errors import StorylineError
    from storyline.records import Article, RawDocument

    article = Article(raw=RawDocument(source=str(path), format="html", content=_page_text(path)))
    try:
        article = Metadata().process(Clean().process(article))
    except StorylineError:
        return Guess(None, None)
    return Guess(article.title, article.published)


def trafilatura_guess(path: Path) -> Guess:
    import trafilatura

    doc = trafilatura.bare_extraction(_page_text(path), with_metadata=True)
    return Guess(getattr(doc, "title", None), getattr(doc, "date", None)) if doc else Guess(None, None)


def htmldate_guess(path: Path) -> Guess:
    from htmldate import find_date

    return Guess(None, find_date(_page_text(path)))


SYSTEMS: dict[str, Callable[[Path], Guess]] = {
    "storyline": storyline_guess,
    "trafilatura alone": trafilatura_guess,
    "htmldate alone": htmldate_guess,
}


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())


def keeps_site_segment(title: str | None, gold: str) -> bool:
    """Whether a title is the gold title plus a separated segment before or after it
    ("… | TechCrunch"): the site-name defect, told apart from a different headline."""
    title, gold = _fold(title), _fold(gold)
    if not title or title == gold or gold not in title:
        return False
    rest = title.replace(gold, "\0", 1).split("\0")
    return any(part.strip() and part.strip()[0 if part is rest[1] else -1] in "|-–—·•*:" for part in rest)


def score(pages: list[Page], system: Callable[[Path], Guess]) -> tuple[int, int, int, int, list[str]]:
    """Right titles, right dates, empty dates, titles keeping a site segment, and the errors."""
    titles = dates = empty = suffixed = 0
    errors = []
    for page in pages:
        guess = system(page.path)
        if _fold(guess.title) == _fold(page.title):
            titles += 1
        elif guess.title is not None:
            suffixed += keeps_site_segment(guess.title, page.title)
            errors.append(f"title {page.path.name}: {guess.title!r} ≠ {page.title!r}")
        if guess.published == page.published:
            dates += 1
        else:
            empty += guess.published is None
            errors.append(f"date  {page.path.name}: {guess.published} ≠ {page.published}")
    return titles, dates, empty, suffixed, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the html-fundus folder")
    parser.add_argument("--errors", action="store_true", help="print every wrong title and date")
    args = parser.parse_args(argv)

    pages = english_pages(args.data.resolve())
    summary: dict[str, object] = {"pages": len(pages)}
    print(f"{len(pages)} English pages\n")
    print(f"{'system':<20} {'titles right':>13} {'site segment kept':>18} {'dates right':>12} "
          f"{'dates empty':>12} {'seconds':>8}")
    for name, system in SYSTEMS.items():
        began = time.perf_counter()
        titles, dates, empty, suffixed, errors = score(pages, system)
        elapsed = time.perf_counter() - began
        has_titles = name != "htmldate alone"
        title_cell = f"{titles}/{len(pages)}" if has_titles else "—"
        suffix_cell = str(suffixed) if has_titles else "—"
        print(f"{name:<20} {title_cell:>13} {suffix_cell:>18} {f'{dates}/{len(pages)}':>12} {empty:>12} "
              f"{elapsed:8.1f}")
        key = name.split()[0]
        summary[f"{key}_dates"] = round(dates / len(pages), 4)
        if has_titles:
            summary[f"{key}_titles"] = round(titles / len(pages), 4)
            summary[f"{key}_site_segment_kept"] = suffixed
        if args.errors:
            for line in errors:
                if has_titles or line.startswith("date"):
                    print(f"    {line}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
