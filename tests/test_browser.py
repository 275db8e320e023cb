"""A real browser (Debian's Chromium through Playwright) on the built site, served on localhost."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT, Corpus, content_links, header_results
from markup import write_markup_corpus
from site_browser import DESKTOP, PAGE_TYPES, PHONE, SPLIT_PAGE_TYPES, new_page, serve, visit

pytestmark = pytest.mark.browser


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


# ---- Phone layout ----

ALL_PAGES = [("sample", name, path) for name, path in PAGE_TYPES.items()] + [
    ("split", name, path) for name, path in SPLIT_PAGE_TYPES.items()
]


def test_no_page_scrolls_sideways_on_a_phone(browser, sample_url, split_url):
    page = new_page(browser, PHONE)
    wide = {}
    for site, name, path in ALL_PAGES:
        visit(page, (sample_url if site == "sample" else split_url) + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            wide[name] = widths
    page.close()
    assert wide == {}, "page wider than the screen (scrollWidth, clientWidth)"


def test_site_name_is_whole_in_the_phone_header_and_drawer(browser, sample_url):
    site_name = re.search(r"^site_name: (.*)$", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1).strip()
    page = new_page(browser, PHONE)
    visit(page, sample_url)
    places = page.evaluate(
        """() => [document.querySelector('.md-header__topic .md-ellipsis'), document.querySelector('label.md-nav__title[for="__drawer"]')]
             .map((e) => [e.textContent.trim(), e.scrollWidth <= e.clientWidth])"""
    )
    page.close()
    assert places == [[site_name, True], [site_name, True]]


def test_generated_tables_are_cards_on_a_phone_and_tables_on_a_desktop(browser, sample_url, sample_site):
    headings = re.findall(r"<th>([^<]*)</th>", (sample_site / "rounds" / "index.html").read_text(encoding="utf-8"))
    assert len(headings) == 6
    layouts = {}
    for width in (PHONE, DESKTOP):
        page = new_page(browser, width)
        visit(page, sample_url + "rounds/")
        layouts[width] = page.evaluate(
            """() => [...document.querySelectorAll('article tbody tr')].map((row) => [...row.cells].map((cell) => ({
                 top: cell.getBoundingClientRect().top, left: cell.getBoundingClientRect().left,
                 shown: cell.getBoundingClientRect().width > 0, label: getComputedStyle(cell, '::before').content })))"""
        )
        page.close()
    assert layouts[PHONE] and len(layouts[PHONE]) == len(layouts[DESKTOP])
    for card in layouts[PHONE]:
        shown = [cell for cell in card if cell["shown"]]  # an empty cell (no venue) is left out
        assert [cell["left"] for cell in shown] == [shown[0]["left"]] * len(shown)  # one above the other
        assert [cell["top"] for cell in shown] == sorted(cell["top"] for cell in shown)
        assert [cell["label"] for cell in card[1:]] == [f'"{heading}: "' for heading in headings[1:]]
    for row in layouts[DESKTOP]:
        assert len({cell["top"] for cell in row}) == 1 and [cell["label"] for cell in row] == ["none"] * 6
