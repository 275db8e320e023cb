"""Search, positions and year pages on a demo corpus built small but split like a large one
(issue 21): positions as a summary and a page per topic, year pages by month, the order of
search results, excerpts without the alias block, one search per pause in typing, and
distinct names for the two search landmarks. Expectations come from the raw files."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import header_results
from generator.build import build, check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options
from site_browser import DESKTOP, PHONE, new_page, served, visit

PROJECT = Path(__file__).resolve().parent.parent
BRIEFS = 160


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(briefs folder, built site): 160 briefs over ten years, index pages split past 20
    entries, year pages by month past 8, and more actor × topic cells than the matrix holds."""
    root = tmp_path_factory.mktemp("wayfinding-demo")
    write_demo_corpus(BRIEFS, root / "briefs")
    options = Options(briefs_dir=root / "briefs", out_dir=root / "site", config_file=PROJECT / "mkdocs.yml",
                      split_threshold=20, month_threshold=8)
    checked = check(options)
    assert not checked.failed(strict=False)
    build(options, checked)
    return root / "briefs", options.out_dir


def raw_briefs(folder: Path) -> list[dict]:
    briefs = []
    for path in sorted(folder.rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        meta["slug"] = path.stem
        briefs.append(meta)
    return briefs


def latest_stances(folder: Path) -> dict[tuple[str, str], str]:
    """(actor, topic) → the stance of its last position, by date then slug."""
    latest = {}
    for brief in sorted(raw_briefs(folder), key=lambda b: (b["date"], b["slug"])):
        for position in brief.get("positions", []):
            latest[(position["actor"], position["topic"])] = position["stance"]
    return latest


def test_positions_index_is_a_summary_with_a_page_per_topic(demo, browser):
    folder, site = demo
    latest = latest_stances(folder)
    topics = {topic for _, topic in latest}
    html = (site / "positions" / "index.html").read_text(encoding="utf-8")
    assert "positions-matrix" not in html.split("<article")[1]
    linked = set(re.findall(r'href="\.\./positions/([a-z0-9-]+)/"', html.split('class="positions-summary"')[1].split("</table>")[0]))
    assert linked == topics
    with served(site) as url:
        for width in (DESKTOP, PHONE):
            page = new_page(browser, width)
            topic = sorted(topics)[0]
            visit(page, f"{url}positions/{topic}/")
            rows = page.eval_on_selector_all(
                "table.positions-table tbody tr",
                "rows => rows.map(r => [r.querySelector('th a').getAttribute('href'), r.dataset.stance])")
            expected = {actor: stance for (actor, other), stance in latest.items() if other == topic}
            assert {href.split("/")[-2]: stance for href, stance in rows} == expected
            if width == DESKTOP:  # the header row and the actor column stay in view
                assert page.eval_on_selector("table.positions-table thead th", "th => getComputedStyle(th).position") == "sticky"
                assert page.eval_on_selector("table.positions-table tbody th", "th => getComputedStyle(th).position") == "sticky"
            stance = Counter(expected.values()).most_common(1)[0][0]
            page.select_option("form.positions-filter select", stance)
            visible = page.eval_on_selector_all("table.positions-table tbody tr", "rows => rows.filter(r => r.offsetParent).length")
            assert visible == sum(1 for s in expected.values() if s == stance)
            assert page.locator("form.positions-filter input").bounding_box()["width"] > 0.8 * width - 80 or width == DESKTOP
            page.close()


def test_long_years_list_their_months_each_on_a_page(demo, browser):
    folder, site = demo
    by_month: dict[tuple[int, int], set[str]] = {}
    for brief in raw_briefs(folder):
        by_month.setdefault((brief["date"].year, brief["date"].month), set()).add(brief["slug"])
    year = max({y for y, _ in by_month}, key=lambda y: sum(len(s) for (yy, _), s in by_month.items() if yy == y))
    with served(site) as url:
        page = new_page(browser, PHONE)
        visit(page, f"{url}timeline/{year}/")
        links = page.eval_on_selector_all("nav.month-nav a", "links => links.map(a => a.href)")
        assert len(links) == sum(1 for y, _ in by_month if y == year)
        assert page.locator("nav.month-nav").is_visible()  # a phone can move between months
        assert not page.eval_on_selector_all("article a[href*='/briefs/']", "links => links.length")
        for link in links:
            month = int(link.rstrip("/").split("/")[-1])
            visit(page, link)
            shown = set(page.eval_on_selector_all("article ul.timeline a[href*='/briefs/']",
                                                  "links => links.map(a => a.getAttribute('href').split('/').slice(-2)[0])"))
            assert shown == by_month[(year, month)]
            assert page.locator("nav.month-nav [aria-current='page']").first.is_visible()
        page.close()


def test_search_order_is_stated_and_differs(demo, browser):
    _, site = demo
    with served(site) as url:
        page = new_page(browser, DESKTOP)
        orders = {}
        for sort, said in (("relevance", "by relevance"), ("date", "newest first"), ("oldest", "oldest first")):
            visit(page, f"{url}search/?q=ceasefire+talks&sort={sort}")
            assert page.locator(".bsearch-page__summary").inner_text().endswith(f"{said}.")
            orders[sort] = page.eval_on_selector_all(".bsearch-page__results .bsearch-result__link", "links => links.map(a => a.getAttribute('href'))")
        assert orders["relevance"] != orders["date"] and orders["date"] != orders["oldest"]
        dates = [re.search(r"(\d{4}-\d{2}-\d{2})", href).group(1) for href in orders["oldest"]]
        assert dates == sorted(dates)
        landmarks = page.eval_on_selector_all("[role=search]", "forms => forms.map(f => f.getAttribute('aria-label'))")
        assert len(landmarks) == 2 and len(set(landmarks)) == 2 and all(landmarks)
        page.close()


def test_excerpts_leave_out_the_alias_block(demo, browser):
    folder, site = demo
    actors = yaml.safe_load((folder / "actors.yml").read_text(encoding="utf-8"))
    aliases = [alias for actor in actors for alias in actor.get("aliases", [])]
    with served(site) as url:
        page = new_page(browser, DESKTOP)
        visit(page, f"{url}search/?q=Republic")  # a word in the aliases of every state
        excerpts = page.eval_on_selector_all(".bsearch-page__results .bsearch-excerpt", "ps => ps.map(p => p.textContent)")
        assert excerpts
        for text in excerpts:
            assert not any(alias in text for alias in aliases), text
        page.close()


def test_one_search_per_pause_in_typing(demo, browser):
    _, site = demo
    with served(site) as url:
        page = new_page(browser, DESKTOP)
        visit(page, f"{url}about/")
        page.evaluate("""() => { window.redraws = 0;
          const list = document.getElementById('bsearch-listbox');
          new MutationObserver(() => { window.redraws += 1; }).observe(list, {childList: true}); }""")
        field = page.locator("input.bsearch__input")
        field.click()
        field.press_sequentially("ceasefire", delay=30)
        header_results(page, "ceasefire")
        page.wait_for_timeout(800)
        assert page.evaluate("window.redraws") == 1  # the partial words drew nothing
        page.close()


def test_a_long_facet_can_be_searched(demo, browser):
    folder, site = demo
    actors = yaml.safe_load((folder / "actors.yml").read_text(encoding="utf-8"))
    assert len(actors) > 100
    with served(site) as url:
        page = new_page(browser, DESKTOP)
        visit(page, f"{url}search/")
        finder = page.locator("input.bsearch-page__find")
        assert finder.count() == 1  # the actors; rounds, topics, statuses and years are short lists
        surname = actors[-1]["name"].split()[1]
        finder.fill(surname)
        shown = page.eval_on_selector_all("select[name=actor] option",
                                          "options => options.filter(o => o.value && !o.hidden).map(o => o.value)")
        with_briefs = set(page.eval_on_selector_all("select[name=actor] option",
                                                    "options => options.filter(o => o.dataset.empty === 'false').map(o => o.value)"))
        expected = {a["id"] for a in actors if surname.casefold() in a["name"].casefold()} & with_briefs
        assert expected and set(shown) == expected
        # the label still names the list, and the field has a name of its own
        assert page.eval_on_selector("select[name=actor]", "s => s.labels[0].querySelector('span').textContent") == "Actor"
        assert finder.evaluate("f => f.labels.length") == 0 and finder.get_attribute("aria-label")
        page.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_new_page_types_have_no_axe_violation(demo, browser, width):
    """The pages the split adds, which the sample site does not have: a topic's positions, a month."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    folder, site = demo
    topic = sorted({topic for _, topic in latest_stances(folder)})[0]
    month = sorted(p.parent.relative_to(site).as_posix() for p in (site / "timeline").glob("*/*/index.html"))[-1]
    with served(site) as url:
        for path in ("positions/", f"positions/{topic}/", f"{month}/", "search/?q=ceasefire"):
            page = new_page(browser, width)
            visit(page, url + path)
            found = axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]
            assert [violation["id"] for violation in found] == [], path
            page.close()
