"""A real browser (Debian's Chromium through Playwright) on the built site, served on localhost."""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import Corpus, content_links, header_results
from markup import write_markup_corpus

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def sample_url(sample_site):
    server, url = serve(sample_site)
    yield url
    server.shutdown()


def test_alias_search_finds_actor_briefs_and_brief_links_to_round(browser, sample_url, sample_site):
    umerov_briefs = {
        link.split("/")[-2] for link in content_links(sample_site / "actors" / "umerov" / "index.html") if "/briefs/" in link
    }
    page = browser.new_page()
    page.goto(sample_url)
    search = page.locator("input.bsearch__input")
    search.click()
    search.press_sequentially("Umierov", delay=30)
    paths = header_results(page, "Umierov")
    assert "/actors/umerov/" in paths
    brief_hits = {path.split("/")[-2] for path in paths if path.startswith("/briefs/")}
    assert len(brief_hits) >= 3 and brief_hits <= umerov_briefs, (brief_hits, umerov_briefs)

    page.locator(".bsearch__panel a[href*='delegations-named']").first.click()
    page.wait_for_url(re.compile(r".*/briefs/2025-05-16-delegations-named/.*"))
    assert page.locator("article h1").inner_text().rstrip("¶") == "Who sat at the table in round 1"
    page.locator("article a", has_text="Istanbul talks, round 1").first.click()
    page.wait_for_url(re.compile(r".*/rounds/istanbul-2025-1/$"))
    assert page.locator("article h1").inner_text().rstrip("¶") == "Istanbul talks, round 1"
    assert page.locator("article a[href*='delegations-named']").count() == 1
    page.close()


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory, engine):
    """A site built by each engine from the markup payloads (tests/markup.py), served: (site folder, URL)."""
    corpus = Corpus(tmp_path_factory.mktemp(f"markup-{engine}"), engine)
    write_markup_corpus(corpus)
    site = corpus.build()
    server, url = serve(site)
    yield site, url
    server.shutdown()


def test_markup_payloads_fire_no_dialog_on_any_page(browser, markup_site):
    site, url = markup_site
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    page.close()
    assert dialogs == []
