"""Finding one's way: the active tab, breadcrumbs, previous and next brief, the order of
every list and the line that states it.

Expectations come from the raw briefs and registries (navigation_pages.py), never from the generator."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import article, brief_text
from markup import PAYLOADS, write_markup_corpus
from navigation_pages import active_tabs, breadcrumbs, in_date_order, listed_briefs, page_html, raw_briefs, registry, text


def test_breadcrumbs_lead_home_through_the_section(sample_site):
    briefs = raw_briefs()
    for slug, brief in briefs.items():
        year = str(brief["date"].year)
        assert breadcrumbs(sample_site, f"briefs/{slug}/") == [
            ("Home", "", False), ("Timeline", "timeline/", False), (year, f"timeline/#{year}", False), (brief["title"], None, True)
        ], slug
        assert f'id="{year}"' in page_html(sample_site, "timeline/")
    for kind, section in (("actors", "Actors"), ("rounds", "Rounds"), ("topics", "Topics")):
        assert breadcrumbs(sample_site, f"{kind}/") == [("Home", "", False), (section, None, True)]
        for entry in registry(kind):
            assert breadcrumbs(sample_site, f"{kind}/{entry['id']}/") == [
                ("Home", "", False), (section, f"{kind}/", False), (entry["name"], None, True)
            ]
    assert breadcrumbs(sample_site, "timeline/") == [("Home", "", False), ("Timeline", None, True)]
    assert "breadcrumbs" not in page_html(sample_site, "")


def test_the_tab_of_each_pages_section_is_active_and_no_navigation_sidebar(sample_site):
    expected = {"": "Home", "timeline/": "Timeline", "sources/": "Sources", "about/": "About", "search/": None}
    expected.update({f"briefs/{slug}/": "Timeline" for slug in raw_briefs()})
    for kind, section in (("actors", "Actors"), ("rounds", "Rounds"), ("topics", "Topics")):
        expected[f"{kind}/"] = section
        expected.update({f"{kind}/{entry['id']}/": section for entry in registry(kind)})
    for location, section in expected.items():
        assert active_tabs(sample_site, location) == ([section] if section else []), location
    for page in sample_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        sidebar = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', html)
        assert sidebar is None or "hidden" in sidebar.group(0), page


def test_each_brief_links_its_previous_and_next_brief_by_date(sample_site):
    briefs = raw_briefs()
    order = in_date_order(briefs, briefs)
    for number, slug in enumerate(order):
        html = page_html(sample_site, f"briefs/{slug}/")
        nav = re.search(r'<nav class="brief-neighbours" aria-label="Previous and next brief"[^>]*>(.*?)</nav>', html, re.DOTALL)
        found = {rel: (target, text(inner)) for target, rel, inner in re.findall(r'<a [^>]*href="[^"]*briefs/([^/"]+)/" rel="(prev|next)">(.*?)</a>', nav.group(1), re.DOTALL)}
        expected = {}
        if number > 0:
            expected["prev"] = order[number - 1]
        if number + 1 < len(order):
            expected["next"] = order[number + 1]
        assert {rel: target for rel, (target, _) in found.items()} == expected, slug
        for rel, (target, shown) in found.items():
            assert shown.endswith(briefs[target]["title"]), (slug, rel)


def test_lists_are_newest_first_but_a_rounds_and_say_so(sample_site):
    briefs = raw_briefs()
    newest = lambda slugs: list(reversed(in_date_order(briefs, slugs)))  # noqa: E731
    pages = {"timeline/": newest(briefs)}  # the home page's newest briefs: tests/test_state_of_play.py
    for actor in registry("actors"):
        pages[f"actors/{actor['id']}/"] = newest(s for s, b in briefs.items() if actor["id"] in b["actors"])
    for topic in registry("topics"):
        pages[f"topics/{topic['id']}/"] = newest(s for s, b in briefs.items() if topic["id"] in b.get("topics", []))
    for round in registry("rounds"):
        pages[f"rounds/{round['id']}/"] = in_date_order(briefs, (s for s, b in briefs.items() if b.get("round") == round["id"]))
    for location, expected in pages.items():
        content = article(sample_site / location / "index.html")
        assert listed_briefs(content) == expected, location
        line = "In date order." if location.startswith("rounds/") else "Newest first."
        if expected:
            assert f'<p class="list-order">{line}</p>' in content, location
            assert content.index(line) < content.index('<li class="brief-item'), location


def test_new_navigation_shows_authors_values_as_text(engine_corpus):
    corpus = engine_corpus
    write_markup_corpus(corpus)
    corpus.registry("actors", (corpus.briefs / "actors.yml").read_text(encoding="utf-8") + "  sort_name: '<i>sort</i>'\n")
    corpus.write("second.md", brief_text(title="<b>Second</b> *brief*", date="2025-05-17", actors="[evil]"))
    site = corpus.build()
    assert breadcrumbs(site, "briefs/payload/")[-1] == (PAYLOADS["title"], None, True)
    assert breadcrumbs(site, "actors/evil/")[-1] == (PAYLOADS["actor_name"], None, True)
    html = page_html(site, "briefs/second/")
    assert PAYLOADS["title"] in text(re.search(r'<nav class="brief-neighbours".*?</nav>', html, re.DOTALL).group(0))
    assert "<b>Second</b>" in text(page_html(site, "briefs/payload/"))
    for page in site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<b>Second</b>" not in raw and "<i>sort</i>" not in raw and PAYLOADS["title"] not in raw, page


def neighbour_links(site: Path, slug: str) -> dict[str, str]:
    html = page_html(site, f"briefs/{slug}/")
    return {rel: target for target, rel in re.findall(r'href="[^"]*briefs/([^/"]+)/" rel="(prev|next)"', html)}


def test_editing_a_date_or_title_updates_the_neighbours_like_a_clean_build(corpus, tmp_path):
    from test_build import tree_digest
    from test_incremental import clean_build

    for name, date in [("a", "2025-05-01"), ("b", "2025-05-02"), ("c", "2025-05-03"), ("d", "2025-05-04")]:
        corpus.write(f"{name}.md", brief_text(title=f"Brief {name}", date=date))
    site = corpus.build()
    assert neighbour_links(site, "a") == {"next": "b"} and neighbour_links(site, "c") == {"prev": "b", "next": "d"}
    corpus.write("b.md", brief_text(title="Brief b, renamed", date="2025-05-05"))
    site = corpus.build()
    assert neighbour_links(site, "a") == {"next": "c"} and neighbour_links(site, "d") == {"prev": "c", "next": "b"}
    assert "Brief b, renamed" in page_html(site, "briefs/d/")
    assert tree_digest(site) == tree_digest(clean_build(corpus, tmp_path))
