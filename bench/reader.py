"""What a reader meets, measured in headless Chromium over loopback: the heaviest
pages of a built site, and search (bytes fetched, time to the first result,
indexing time). Used by ``benchmark.py``."""

from __future__ import annotations

import functools
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOAD_TIME = "(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventStart - n.startTime; })()"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed while it still fetched something


def _location(page: Path, site: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return "" if folder == "." else folder + "/"


def _load(browser, url: str, repeat: int = 3) -> tuple[int, float]:
    """Load ``url`` with a cold cache ``repeat`` times; return its DOM elements and the median
    ms to the ``load`` event."""
    times = []
    for _ in range(repeat):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="load")
        dom = page.evaluate("document.getElementsByTagName('*').length")
        times.append(page.evaluate(LOAD_TIME))
        context.close()
    return dom, statistics.median(times)


def largest_pages(site: Path, candidates: int = 10) -> dict:
    """The heaviest pages of a built site: the largest HTML file, and, each loaded cold in
    headless Chromium over loopback, the largest DOM (elements) and the slowest median time
    to the ``load`` event among the ``candidates`` pages with the most bytes and the most tags."""
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    sizes = {p: p.stat().st_size for p in pages}
    tags = {p: len(re.findall(rb"<[a-zA-Z]", p.read_bytes())) for p in pages}
    heaviest = max(pages, key=sizes.__getitem__)
    figures: dict = {"largest_bytes": sizes[heaviest], "largest_bytes_page": _location(heaviest, site)}
    lightest = min(pages, key=sizes.__getitem__)  # its load time is the floor: theme, scripts, machine
    chosen = set(sorted(pages, key=sizes.__getitem__)[-candidates:]) | set(sorted(pages, key=tags.__getitem__)[-candidates:])
    chosen.add(lightest)
    if not Path(CHROMIUM).exists():
        return figures
    from playwright.sync_api import sync_playwright

    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    loads: dict[str, tuple[int, float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            browser.new_page().goto(base, wait_until="load")  # start-up costs are not a page's
            for location in sorted(_location(page, site) for page in chosen):
                loads[location] = _load(browser, base + location)
            browser.close()
    finally:
        server.shutdown()
    for name, column in (("largest_dom", 0), ("slowest_load_ms", 1)):
        worst = max(loads, key=lambda location: loads[location][column])
        figures[name], figures[f"{name}_page"] = loads[worst][column], worst
    figures["lightest_load_ms"] = loads[_location(lightest, site)][1]
    figures["pages_loaded"] = len(loads)
    return figures


# One-word queries: a demo-corpus word in most briefs (the worst case: Pagefind scores every
# match), and a surname in about a tenth of them.
SEARCH_WORDS = ("ceasefire", "Kovalenko")
WATCH_FIRST_RESULT = """() => {
  const seen = () => document.querySelector('.bsearch__panel:not([hidden]) .bsearch-result');
  new MutationObserver(() => { if (seen() && !window.firstResultAt) window.firstResultAt = performance.now(); })
    .observe(document.body, {childList: true, subtree: true, attributes: true});
}"""


def measure_index(site: Path) -> dict:
    """Seconds to index a built site: in full, then again after one page changed."""
    sys.path.insert(0, str(PROJECT))
    from generator.outputs.search import index_site

    with tempfile.TemporaryDirectory(prefix="briefing-bench-search-") as cache:
        started = time.perf_counter()
        index_site(site, Path(cache))
        full = time.perf_counter() - started
        page = sorted((site / "briefs").glob("*/index.html"))[0].relative_to(site).as_posix()
        started = time.perf_counter()
        index_site(site, Path(cache), {page})
        return {"index_full": full, "index_one_page": time.perf_counter() - started}


def _fetched_bytes(request) -> int:
    """Body and headers of a finished request; 0 if the page closed before Playwright could tell."""
    try:
        sizes = request.sizes()
    except Exception:  # Playwright's TargetClosedError: a request still finishing as the browser closes
        return 0
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def measure_query(site: Path, word: str, pause: float = 0.0) -> dict:
    """In headless Chromium on a brief page: the bytes fetched for search (search.js and
    css, Pagefind's files) up to the first result of a one-word query in the header
    field, and the seconds from typing to that result; ``pause``: seconds between
    focusing the field (which starts loading Pagefind) and typing."""
    from playwright.sync_api import sync_playwright

    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    brief = sorted((site / "briefs").glob("*/index.html"))[0].parent.name
    fetched: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.on("requestfinished", lambda request: fetched.append((request.url, _fetched_bytes(request))))
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/briefs/{brief}/")
            tab.wait_for_load_state("networkidle")
            tab.evaluate(WATCH_FIRST_RESULT)
            tab.locator(".bsearch__input").focus()
            tab.wait_for_timeout(pause * 1000)
            typed = tab.evaluate("performance.now()")
            tab.keyboard.type(word)
            tab.wait_for_function("window.firstResultAt", timeout=60000)
            seconds = (tab.evaluate("window.firstResultAt") - typed) / 1000
            browser.close()
    finally:
        server.shutdown()
    search_files = [(url, size) for url, size in fetched if "/pagefind/" in url or "/assets/search." in url]
    if os.environ.get("BENCH_VERBOSE"):
        print("\n".join(f"{size:>8} {url}" for url, size in search_files))
    return {"first_result_s": seconds, "search_bytes": sum(size for _, size in search_files), "search_requests": len(search_files)}


def measure_search(site: Path) -> dict:
    """Index time, and per query word: bytes fetched and seconds to the first result."""
    figures = measure_index(site)
    for word in SEARCH_WORDS:
        query = measure_query(site, word)
        figures[f"{word}_bytes"], figures[f"{word}_requests"] = query["search_bytes"], query["search_requests"]
        figures[f"{word}_first_s"] = query["first_result_s"]
        figures[f"{word}_after_focus_s"] = measure_query(site, word, pause=1.0)["first_result_s"]
    figures["bundle_bytes"] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return figures


def search_line(row: dict) -> str:
    queries = "; ".join(
        f"“{word}”: {row[f'{word}_bytes'] / 1024:.0f} KiB in {row[f'{word}_requests']} requests, "
        f"first result {row[f'{word}_first_s']:.2f} s after typing at once on focus, "
        f"{row[f'{word}_after_focus_s']:.2f} s when typed a second after focus"
        for word in SEARCH_WORDS
    )
    return (
        f"index {row['index_full']:.1f} s (again after one page changed: {row['index_one_page']:.1f} s); "
        f"{queries}; bundle on disk {row['bundle_bytes'] / 2**20:.1f} MiB"
    )


def search_table(rows: list[dict]) -> str:
    words = " | ".join(f"“{w}”: bytes | first result" for w in SEARCH_WORDS)
    lines = [f"| briefs | index (full) | index after one edit | {words} | lunr index |",
             "|---:|---:|---:|" + "---:|---:|" * len(SEARCH_WORDS) + "---:|"]
    for r in rows:
        cells = " | ".join(f"{r[f'{w}_bytes'] / 1024:.0f} KiB | {r[f'{w}_after_focus_s']:.2f} s" for w in SEARCH_WORDS)
        lines.append(f"| {r['size']:,} | {r['index_full']:.1f} s | {r['index_one_page']:.1f} s | {cells} | "
                     f"{r['lunr_index_bytes'] / 2**20:.1f} MiB |")
    return "\n".join(lines)


def pages_table(rows: list[dict]) -> str:
    lines = [
        "| briefs | largest page | bytes | largest DOM | elements | slowest `load` | ms | lightest page's `load` |",
        "|---:|---|---:|---|---:|---|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | /{r['largest_bytes_page']} | {r['largest_bytes']:,} | /{r.get('largest_dom_page', '–')} | "
            f"{r.get('largest_dom', 0):,} | /{r.get('slowest_load_ms_page', '–')} | {r.get('slowest_load_ms', 0):.0f} | "
            f"{r.get('lightest_load_ms', 0):.0f} |"
        )
    return "\n".join(lines)


# Issue 21: what a reader waits for and downloads at scale. A word in most demo briefs, a two-word
# query, and a surname in about a tenth of them; latency is from the last keystroke to the header
# panel's results for the whole query.
LATENCY_QUERIES = ("prisoners", "grain corridor", "Kovalenko")
WATCH_LAST_KEY = """() => {
  window.lastKeyAt = 0; window.doneAt = 0;
  document.addEventListener('keydown', () => { window.lastKeyAt = performance.now(); }, true);
}"""
RESULTS_FOR = """(q) => { const all = document.querySelector('.bsearch__panel:not([hidden]) .bsearch__all');
  if (all && all.getAttribute('href').endsWith('?q=' + encodeURIComponent(q)) && !window.doneAt) window.doneAt = performance.now();
  return window.doneAt; }"""
FILTERS_ONLY = ("search/", "search/?year=2025", "search/?topic=topic-3&status=confirmed")


def measure_reader(site: Path) -> dict:
    """In headless Chromium: seconds from the last keystroke to results for each of
    ``LATENCY_QUERIES`` (typed at 20 ms a key after Pagefind has loaded), bytes of Pagefind
    files and search lists a filters-only search page fetches, and the largest pages (see :func:`largest_pages`)
    with /positions/ measured by itself."""
    from playwright.sync_api import sync_playwright

    figures: dict = {}
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in LATENCY_QUERIES:
                tab = browser.new_context().new_page()
                tab.goto(base + "about/", wait_until="load")
                tab.evaluate(WATCH_LAST_KEY)
                field = tab.locator(".bsearch__input")
                field.focus()
                tab.wait_for_timeout(1500)  # Pagefind loaded, as after a reader's first look at the field
                field.press_sequentially(query, delay=20)
                tab.wait_for_function(RESULTS_FOR, arg=query, timeout=120000)
                figures[f"latency_s[{query}]"] = round(tab.evaluate("(window.doneAt - window.lastKeyAt) / 1000"), 3)
                tab.context.close()
            for location in FILTERS_ONLY:
                fetched: list[int] = []
                tab = browser.new_context().new_page()
                tab.on("requestfinished", lambda request: fetched.append(_fetched_bytes(request)) if "/pagefind/" in request.url or "/search/lists/" in request.url else None)
                tab.goto(base + location, wait_until="load")
                tab.wait_for_function("document.getElementById('bsearch-page').getAttribute('aria-busy') === 'false'", timeout=120000)
                tab.wait_for_load_state("networkidle")
                figures[f"filters_only_bytes[{location}]"] = sum(fetched)
                tab.context.close()
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(base + "positions/", wait_until="load")
            figures["positions_bytes"] = (site / "positions" / "index.html").stat().st_size
            figures["positions_elements"] = tab.evaluate("document.getElementsByTagName('*').length")
            context.close()
            browser.close()
    finally:
        server.shutdown()
    figures.update(largest_pages(site))
    return figures


if __name__ == "__main__":  # python bench/reader.py SITE: the figures of issue 21, as JSON
    import json

    print(json.dumps(measure_reader(Path(sys.argv[1])), indent=1))
