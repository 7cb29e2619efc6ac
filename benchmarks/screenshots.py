"""Screenshots of every page of the web UI, at 1280 px and 390 px wide, into docs/screenshots/.

    python benchmarks/screenshots.py [--db storyline.db]    # default: builds the seeds into a temp store

Drives Debian's Chromium through Playwright (its own browser download is not used). The browser
tests launch the browser with :func:`launch` too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Headless, and nothing that reaches out: no QUIC, no component updates, no sync, no first-run pages.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"wide": 1280, "narrow": 390}
# A screenshot shows the top of a page, as a reader first sees it, not all of a long page.
HEIGHT = {"wide": 900, "narrow": 844}
# Screenshots are kept in the repository: pngquant (Debian's package, when installed) cuts each to
# a 64-colour palette, a third of its size or less, with text still sharp.
PNGQUANT = shutil.which("pngquant")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, through Playwright; fails saying how to install it when missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def pages(store: Any) -> dict[str, str]:
    """Each page to show, by name: its path, with the store's own ids filled in."""
    actor = store.actors(label="PERSON", limit=1) or store.actors(limit=1)
    doc = store.timeline(limit=1)
    shown = {"overview": "/", "timeline": "/timeline", "quotes": "/quotes", "actors": "/actors",
             "positions": "/positions", "search": "/search?q=security+guarantees"}
    if actor:
        shown["actor"] = f"/actors/{actor[0].id}"
    stories = store.stories(limit=1)
    if stories:
        shown["stories"] = "/stories"
        shown["story"] = f"/stories/{stories[0].id}"
    if doc and doc[0].events:
        event = doc[0].events[0]
        shown["document"] = f"/documents/{event.doc}"
        shown["evidence"] = f"/documents/{event.doc}#c{event.start}-{event.end}"
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store to show (default: the seeds, built now)")
    parser.add_argument("--only", action="append", default=[], help="retake only this page (repeatable): search, ...")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from storyline.builder import build
    from storyline.serve.api import create_app
    from storyline.serve.web.app import serving

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "seeds.db"
            build([SEEDS], db=db)
        app = create_app(str(db))
        OUT.mkdir(parents=True, exist_ok=True)
        with serving(app) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            for width_name, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": HEIGHT[width_name]})
                for name, path in pages(app.state.store).items():
                    if args.only and name not in args.only:
                        continue
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    if name == "positions" and page.locator(".cell details").count():
                        page.locator(".cell details summary").first.click()
                    target = OUT / f"{name}-{width}.png"
                    page.screenshot(path=str(target))
                    if PNGQUANT:
                        subprocess.run([PNGQUANT, "--force", "--skip-if-larger", "--output", str(target), "64",
                                        str(target)], check=False)
                    print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB", file=sys.stderr)
                page.close()
            browser.close()
        app.state.store.close()
        if not PNGQUANT:
            print("pngquant is not installed (apt-get install pngquant): the screenshots are full size",
                  file=sys.stderr)


if __name__ == "__main__":
    main()
