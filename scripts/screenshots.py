"""Take the README's screenshots of the web UI: ingest the bundled examples (outlet RT) into a
temporary store (or use ``--db``), serve it on a free loopback port, and drive Debian's
Chromium with Playwright through the library, the timeline, one chronicle event, its article
with the event highlighted, the map and the actor network.

    python scripts/screenshots.py            # writes docs/screenshots/*.png
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import kronika
from kronika.api import create_app
from kronika.api.server import background_server
from kronika.core import user_metadata

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def build_store(path: Path) -> None:
    with kronika.open(path) as k:
        k.ingest([str(ROOT / "examples" / "articles")], overrides=user_metadata(outlet="RT"))


def take(base: str, out: Path, chromium: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})

        def shot(name: str) -> None:
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            page.screenshot(path=out / f"{name}.png")
            written.append(out / f"{name}.png")

        page.goto(base + "/")
        shot("library")
        page.goto(base + "/timeline?since=2022-06-01")  # the examples' own months
        shot("timeline")
        # an event told by more than one report, for the side-by-side view
        page.goto(base + "/api/chronicle?limit=500")
        events = page.evaluate("() => JSON.parse(document.body.innerText).items")
        merged = max(events, key=lambda e: (len(e["reports"]), e["type"] == "MOBILIZE"))
        page.goto(f"{base}/chronicle/{merged['id']}")
        shot("event")
        page.locator("a.open-article").first.click()
        page.wait_for_url(re.compile(r"/documents/"))
        shot("article")
        page.goto(base + "/map")
        page.wait_for_selector("#map[data-ready='1']")
        shot("map")
        page.goto(base + "/network")
        page.wait_for_selector("#network[data-ready='1']")
        shot("network")
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: the examples)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "examples.duckdb"
            build_store(db)
        with background_server(create_app(db)) as base:
            for path in take(base, args.out, args.chromium):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
