"""Chromium on a small generated corpus (tests/wayfinding_corpus.py): every page type viewed
with its request log (no sitemap.xml, no 404), the state-of-play home page within one desktop
screen and two phone screens, /rounds/ newest first, the calendars and the year files fetched
from their links, and the bottom line in the text's own colour."""

from __future__ import annotations

import datetime

import pytest
import yaml

from conftest import Corpus
from request_log import RequestLog
from site_browser import DESKTOP, PHONE, new_page, served, visit
from wayfinding_corpus import write_wayfinding_corpus

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "timeline": "timeline/",
    "brief": "briefs/b03-round-two/",
    "actors": "actors/",
    "actor": "actors/umerov/",
    "rounds": "rounds/",
    "round": "rounds/round-2/",
    "round pack": "rounds/round-2/pack/",
    "topics": "topics/",
    "topic": "topics/territory/",
    "positions": "positions/",
    "sources": "sources/",
    "about": "about/",
    "data": "data/",
    "search page": "search/?q=Umerov",
    "timeline year": "timeline/2025/",  # the kinds of page a split index has (split_threshold below)
    "actor year": "actors/umerov/2025/",
}


@pytest.fixture(scope="module")
def wayfinding_site(tmp_path_factory, engine):
    """The corpus built by each engine (with site_url set, as every deployment has it), its
    index pages split by year past 2 entries, served."""
    corpus = Corpus(tmp_path_factory.mktemp(f"wayfinding-{engine}"), engine)
    write_wayfinding_corpus(corpus)
    site = corpus.build(split_threshold=2)
    with served(site) as url:
        yield corpus, site, url


def test_no_page_view_requests_a_sitemap_or_meets_a_404(browser, wayfinding_site):
    _, _, url = wayfinding_site
    page = new_page(browser, DESKTOP)
    log = RequestLog().watch(page)
    seen = {}
    for name, path in PAGE_TYPES.items():
        before = len(log.responses)
        visit(page, url + path)
        page.wait_for_timeout(200)  # what the theme's script fetches after the load event
        seen[name] = len(log.responses) - before
    page.close()
    assert all(seen.values()), seen
    assert [path for path in log.paths() if path.endswith("sitemap.xml") or path.endswith("sitemap.xml.gz")] == []
    assert log.errors() == [] and log.failed == []


def box_bottoms(page, selectors: list[str]) -> dict[str, float]:
    return page.evaluate(
        "(selectors) => Object.fromEntries(selectors.map((s) => [s, document.querySelector(s).getBoundingClientRect().bottom + window.scrollY]))",
        selectors,
    )


def test_home_key_content_fits_one_desktop_screen_and_two_phone_screens(browser, wayfinding_site):
    _, _, url = wayfinding_site
    desktop = new_page(browser, DESKTOP)
    visit(desktop, url)
    height = desktop.evaluate("window.innerHeight")
    cards = box_bottoms(desktop, [".sop-round", ".sop-changes", ".sop-newest"])
    desktop.close()
    assert max(cards.values()) <= height, (cards, height)
    phone = new_page(browser, PHONE)
    visit(phone, url)
    height = phone.evaluate("window.innerHeight")
    cards = box_bottoms(phone, [".sop-round", ".sop-changes"])
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    phone.close()
    assert max(cards.values()) <= 2 * height, (cards, height)
    assert widths[0] <= widths[1]


def test_every_count_on_the_home_page_leads_to_what_it_counts(browser, wayfinding_site):
    _, _, url = wayfinding_site
    page = new_page(browser, DESKTOP)
    visit(page, url)
    page.locator("table.sop-counts tr", has_text="Position moves").locator("a").last.click()
    page.wait_for_function("() => location.hash === '#position-moves'")
    in_view = page.evaluate("() => { const r = document.getElementById('position-moves').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    moves = page.locator("#position-moves + ul li").all_inner_texts()
    page.locator("table.sop-counts tr", has_text="New briefs").locator("a").first.click()
    page.wait_for_url(url + "timeline/")
    page.close()
    assert in_view and moves and all(" moved from conditional to rejects on Territory" in move for move in moves)


def test_rounds_are_newest_first_and_say_so(browser, wayfinding_site):
    corpus, _, url = wayfinding_site
    rounds = yaml.safe_load((corpus.briefs / "rounds.yml").read_text(encoding="utf-8"))
    expected = [r["name"] for r in sorted(rounds, key=lambda r: datetime.date.fromisoformat(str(r["start"])), reverse=True)]
    page = new_page(browser, PHONE)
    visit(page, url + "rounds/")
    shown = page.locator("article tbody tr td:first-child a").all_inner_texts()
    order = page.locator("article .list-order").inner_text()
    first_card_top = page.locator("article tbody tr").first.bounding_box()["y"]
    page.close()
    assert shown == expected and order.startswith("Newest first")
    assert first_card_top < 2 * 780  # the latest round is near the top on a phone


def test_calendars_and_year_files_download_from_their_links(browser, wayfinding_site):
    icalendar = pytest.importorskip("icalendar")
    _, _, url = wayfinding_site
    page = new_page(browser, DESKTOP)
    fetched = {}
    for path, selector in (("", "a[href$='rounds.ics']"), ("", "a[href$='calendar.ics']"), ("rounds/", "a[href$='rounds.ics']"),
                           ("rounds/round-3/", "a[href$='calendar.ics']"), ("data/", "a[href$='briefs-2025.json']"),
                           ("data/", "a[href$='briefs-2025.csv']")):
        visit(page, url + path)
        href = page.locator(f"article {selector}").first.evaluate("a => a.href")
        response = page.request.get(href)
        fetched[(path, selector)] = (response.status, response.headers.get("content-type", ""), response.body())
    page.close()
    assert {key: status for key, (status, _, _) in fetched.items()} == {key: 200 for key in fetched}
    for (_, selector), (_, kind, body) in fetched.items():
        if selector.endswith(".ics']"):
            assert kind.startswith("text/calendar")
            assert icalendar.Calendar.from_ical(body).walk("VEVENT")


def test_the_bottom_line_is_in_the_text_colour(browser, wayfinding_site):
    _, _, url = wayfinding_site
    page = new_page(browser, DESKTOP)
    visit(page, url + "briefs/b03-round-two/")
    colours = page.evaluate(
        "() => [getComputedStyle(document.querySelector('.brief-summary p')).color, getComputedStyle(document.querySelector('article.md-typeset')).color]")
    page.close()
    assert colours[0] == colours[1], colours
