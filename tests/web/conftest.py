"""Browser test fixtures: the app on a real uvicorn server on 127.0.0.1 (a free port, in a
thread) over the demo store, and Debian's Chromium driven by Playwright. Everything skips,
with the reason, when Chromium or Playwright is missing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("KRONIKA_CHROMIUM", "/usr/bin/chromium"))
# as on this machine's closed network: no background calls home, no sandbox (root)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(browser, demo_store) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from kronika.api import create_app
    from kronika.api.server import background_server

    with background_server(create_app(demo_store.path)) as url:
        yield url


@dataclass
class Watched:
    """A page with what went wrong on it: script errors, failed loads, dialogs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser) -> Iterator[Watched]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    w = Watched(page)
    page.on("pageerror", lambda exc: w.errors.append(f"pageerror: {exc}"))
    page.on(
        "console", lambda m: w.errors.append(f"console: {m.text}") if m.type == "error" else None
    )

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield w
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save their screenshots."""
    return tmp_path_factory.mktemp("screenshots")
