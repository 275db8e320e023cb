"""axe-core, run in Debian's Chromium, finds no violation of any impact on any page type, at
desktop and phone width, on each engine; and every Tab stop is visible.

axe-core is the version the Makefile pins (AXE_VERSION), which `make test` installs with npm
into .axe/; without it, the older copy bundled with axe-playwright-python, and
test_axe_core_is_the_pinned_version says so (skipped locally, failed in CI). Page types are
listed once, in tests/site_browser.py."""

from __future__ import annotations

import json
import os
import re

import pytest

from conftest import PROJECT
from site_browser import DESKTOP, PAGE_TYPES, PHONE, SPLIT_PAGE_TYPES, new_page, open_header_search, visit

pytestmark = pytest.mark.browser

WIDTHS = [DESKTOP, PHONE]
PAGES = [pytest.param("sample", path, id=name) for name, path in PAGE_TYPES.items()] + [
    pytest.param("split", path, id=name) for name, path in SPLIT_PAGE_TYPES.items()
]


NPM_AXE = PROJECT / ".axe" / "node_modules" / "axe-core"


def pinned_axe_version() -> str:
    """The axe-core series the Makefile installs, e.g. "4.14"."""
    return re.search(r"^AXE_VERSION := (\S+)$", (PROJECT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)


@pytest.fixture(scope="module")
def axe():
    """axe-core from npm (.axe/) when `make test` installed it, else the copy axe-playwright-python bundles."""
    sync_axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    script = NPM_AXE / "axe.min.js"
    return sync_axe.Axe(script.read_text(encoding="utf-8")) if script.is_file() else sync_axe.Axe()


def test_axe_core_is_the_pinned_version(browser, axe):
    pinned = pinned_axe_version()
    if not (NPM_AXE / "axe.min.js").is_file():
        reason = f"axe-core {pinned} not in .axe/ (make test installs it with npm): the bundled, older axe-core ran"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    page = browser.new_page()
    page.set_content("<!doctype html><title>t</title><main>text</main>")
    page.evaluate(axe.axe_script)
    running = page.evaluate("axe.version")
    page.close()
    installed = json.loads((NPM_AXE / "package.json").read_text(encoding="utf-8"))["version"]
    assert running == installed and running.startswith(pinned + "."), (running, installed, pinned)


def violations(axe, page) -> list[str]:
    """Every axe violation on the page as it is now, one line per rule and element."""
    results = axe.run(page, options={"resultTypes": ["violations"]}).response
    return [
        f"{rule['id']} ({rule['impact']}) {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site, path", PAGES)
def test_page_has_no_axe_violation(browser, axe, sample_url, split_url, site, path, width):
    page = new_page(browser, width)
    visit(page, (sample_url if site == "sample" else split_url) + path)
    found = violations(axe, page)
    page.close()
    assert found == []


@pytest.mark.parametrize("width", WIDTHS)
def test_open_header_search_has_no_axe_violation(browser, axe, sample_url, width):
    page = new_page(browser, width)
    visit(page, sample_url)
    open_header_search(page, "Umerov")
    assert page.locator(".bsearch__panel [role=option]").count() >= 2
    found = violations(axe, page)
    page.keyboard.press("ArrowDown")  # a result chosen: the field points at it
    chosen = page.evaluate("document.querySelector('.bsearch__input').getAttribute('aria-activedescendant')")
    assert chosen and page.locator(f"#{chosen}[aria-selected=true]").count() == 1
    found += violations(axe, page)
    page.close()
    assert found == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_before_the_content_is_visible(browser, sample_url, width):
    """From the top of the page to the first link in the article, Tab lands only on elements
    a reader can see (no zero-size control such as a theme's hidden radio button)."""
    page = new_page(browser, width)
    visit(page, sample_url + "about/")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => { const e = document.activeElement, box = e.getBoundingClientRect();
                 return {html: e.outerHTML.slice(0, 80), seen: box.width > 0 && box.height > 0 && e.checkVisibility(),
                         content: !!e.closest('article')}; }"""
        )
        if stop["content"]:
            break
        stops.append(stop)
    page.close()
    assert stops and [stop["html"] for stop in stops if not stop["seen"]] == []
    assert any("bsearch__input" in stop["html"] for stop in stops)
