"""What the browser tests share: Debian's Chromium through Playwright, a built site served
on localhost, and the page types of the sample site to visit (`make screenshot` uses them too)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = 1366, 360  # viewport widths, px
HEIGHT = {DESKTOP: 900, PHONE: 780}

# One of each kind of page, by URL path. PAGE_TYPES are pages of the sample site; the kinds
# only a split index has (year pages, publisher pages) are pages of the sample split by year
# (the split_sample_site fixture). A new kind of page is one line here: the axe and layout
# tests visit every page listed.
PAGE_TYPES = {
    "home": "",
    "timeline": "timeline/",
    "brief": "briefs/2025-05-16-round-1-outcome/",
    "actors": "actors/",
    "actor": "actors/umerov/",
    "rounds": "rounds/",
    "round": "rounds/istanbul-2025-1/",
    "topics": "topics/",
    "topic": "topics/prisoner-exchanges/",
    "sources": "sources/",
    "about": "about/",
    "search page": "search/?q=Umerov",
    "positions": "positions/",
    "round pack": "rounds/istanbul-2025-1/pack/",
    "data": "data/",
}
SPLIT_PAGE_TYPES = {
    "split timeline": "timeline/",
    "timeline year": "timeline/2025/",
    "split sources": "sources/",
    "publisher": "sources/tass/",
    "actor year": "actors/umerov/2025/",
}


def launch(playwright):
    """Chromium from Debian, headless; None if it is not installed."""
    if not shutil.which(CHROMIUM):
        return None
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root: Path):
    """Serve ``root`` over HTTP on a free local port: (server, base URL); shut it down after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def served(root: Path):
    server, url = serve(root)
    try:
        yield url
    finally:
        server.shutdown()


def new_page(browser, width: int):
    return browser.new_page(viewport={"width": width, "height": HEIGHT.get(width, 900)})


def visit(page, url: str) -> None:
    """Open ``url`` and wait until the page has drawn what scripts add (the search page's results)."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => { const results = document.getElementById('bsearch-page');"
        " return !results || results.getAttribute('aria-busy') === 'false'; }",
        timeout=30000,
    )


def open_header_search(page, term: str) -> None:
    """Type ``term`` into the header field and wait for its results to show."""
    from conftest import header_results

    field = page.locator("input.bsearch__input")
    field.click()
    field.press_sequentially(term, delay=20)
    header_results(page, term)
