"""Finding one's way: the active tab, breadcrumbs, previous and next brief, the order of
every list and the line that states it, counts, actor order, aliases, the timeline.

Expectations come from the raw briefs and registries (``raw_*`` below), never from the generator."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import yaml

from conftest import PROJECT, article, brief_text, pagefind_records
from markup import PAYLOADS, write_markup_corpus

BRIEFS = PROJECT / "briefs"


def registry(name: str, folder: Path = BRIEFS) -> list[dict]:
    return yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8")) or []


def raw_briefs(folder: Path = BRIEFS) -> dict[str, dict]:
    """Every published brief's front matter, by slug, with its actors as ids."""
    names = {}
    for actor in registry("actors", folder):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[str(name).casefold()] = actor["id"]
    briefs = {}
    for path in folder.rglob("*.md"):
        if path.name == "about.md":
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        if not meta.get("draft"):
            meta["actors"] = [names[str(a).casefold()] for a in meta["actors"]]
            briefs[path.stem] = meta
    return briefs


def in_date_order(briefs: dict[str, dict], slugs) -> list[str]:
    """Oldest first; one day's briefs by slug (the timeline's order)."""
    return sorted(slugs, key=lambda slug: (briefs[slug]["date"], slug))


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page_html(site: Path, location: str) -> str:
    return (site / location / "index.html").read_text(encoding="utf-8")


def breadcrumbs(site: Path, location: str) -> list[tuple[str, str | None, bool]]:
    """(text, link target from the site root or None, marked current) of each breadcrumb."""
    html = page_html(site, location)
    navs = re.findall(r'<nav class="breadcrumbs" aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html, re.DOTALL)
    assert len(navs) == 1, location
    crumbs = []
    for item in re.findall(r"<li>(.*?)</li>", navs[0], re.DOTALL):
        link = re.search(r'<a href="([^"]*)"', item)
        target = urljoin(f"http://site/{location}", unescape(link.group(1)))[len("http://site/") :] if link else None
        crumbs.append((text(item).lstrip("› "), target, 'aria-current="page"' in item))
    return crumbs


def active_tabs(site: Path, location: str) -> list[str]:
    html = page_html(site, location)
    return [text(tab) for tab in re.findall(r'md-tabs__item--active">(.*?)</li>', html, re.DOTALL)]


def listed_briefs(html: str) -> list[str]:
    return re.findall(r'<li class="brief-item[^"]*"><a href="[^"]*briefs/([^/"]+)/"', html)


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
    pages = {"": newest(briefs)[:10], "timeline/": newest(briefs)}
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
            assert content.index(line) < content.index(f"briefs/{expected[0]}/"), location


def test_counts_agree_with_their_number(sample_site):
    briefs = raw_briefs()
    actors_page = text(article(sample_site / "actors" / "index.html"))
    seen = set()
    for actor in registry("actors"):
        count = sum(actor["id"] in b["actors"] for b in briefs.values())
        seen.add(min(count, 2))
        assert f"{actor['name']}{' · ' + actor['role'] if actor.get('role') else ''} · {count} brief{'' if count == 1 else 's'}" in actors_page
    assert seen == {0, 1, 2}, "the sample should show 0, 1 and several briefs"
    home = text(article(sample_site / "index.html"))
    assert f"{len(briefs)} briefs on {len(registry('rounds'))} rounds and {len(registry('actors'))} actors." in home
    for page in sample_site.rglob("index.html"):
        assert not re.search(r"\b1 (briefs|sources|rounds|actors|citations)\b", text(article(page))), page


def test_people_sort_by_family_name_or_sort_name(sample_site):
    people = [a for a in registry("actors") if a["type"] == "person"]
    key = lambda a: (str(a.get("sort_name") or a["name"].split()[-1]).casefold(), a["name"].casefold())  # noqa: E731
    expected = [a["name"] for a in sorted(people, key=key)]
    html = article(sample_site / "actors" / "index.html")
    section = html[html.index("People") : html.index("</ul>", html.index("People"))]
    assert [text(name) for name in re.findall(r'<a href="[^"]*">(.*?)</a>', section)] == expected
    assert expected.index("Hakan Fidan") < expected.index("Galuzin")


def test_aliases_show_on_the_actors_page_only_and_search_still_finds_them(sample_site):
    actors = {a["id"]: a for a in registry("actors")}
    briefs = raw_briefs()
    records = pagefind_records(sample_site)
    for slug, brief in briefs.items():
        html = article(sample_site / "briefs" / slug / "index.html")
        assert "Also written" not in html, slug
        hidden = re.search(r'<div class="search-aliases" hidden>(.*?)</div>', html, re.DOTALL)
        aliases = [alias for id in brief["actors"] for alias in actors[id].get("aliases", [])]
        assert (hidden is not None) == bool(aliases), slug
        words = set(re.findall(r"\w+", records[f"/briefs/{slug}/"]["content"]))
        for alias in aliases:
            assert set(re.findall(r"\w+", alias)) <= words, (slug, alias)
    for id, actor in actors.items():
        html = article(sample_site / "actors" / id / "index.html")
        for alias in actor.get("aliases", []):
            assert ("Also written" in html) and alias in text(html), id
    zelensky = article(sample_site / "actors" / "zelensky" / "index.html")
    assert '<span lang="uk">Зеленський</span>' in zelensky


def timeline_entries(html: str) -> list[tuple]:
    """The timeline's entries in page order: ("brief", slug) or (edge, round id)."""
    entries = []
    for item in re.findall(r"<li class=\"((?:brief-item|timeline-marker)[^\"]*)\">(.*?)</li>", html, re.DOTALL):
        classes, inner = item
        if classes.startswith("brief-item"):
            entries.append(("brief", re.search(r"briefs/([^/\"]+)/", inner).group(1), text(inner)))
        else:
            edge = "start" if "begins" in text(inner) else "end"
            entries.append((edge, re.search(r"rounds/([^/\"]+)/", inner).group(1), text(inner)))
    return entries


def test_timeline_entries_show_summary_status_and_round_markers(sample_site):
    briefs = raw_briefs()
    entries = timeline_entries(article(sample_site / "timeline" / "index.html"))
    for kind, slug, shown in entries:
        if kind == "brief":
            assert briefs[slug]["summary"] in shown and briefs[slug].get("status", "reported") in shown, slug
    rounds = [r for r in registry("rounds") if r.get("status", "held") != "cancelled"]
    assert {(k, id) for k, id, _ in entries if k != "brief"} == {(e, r["id"]) for r in rounds for e in ("start", "end")}
    position = {(kind, id): number for number, (kind, id, _) in enumerate(entries)}
    for round in rounds:
        start, end = round["start"], round.get("end") or round["start"]
        for slug, brief in briefs.items():
            before_start = position[("brief", slug)] < position[("start", round["id"])]
            assert before_start == (brief["date"] >= start), (round["id"], slug)
            before_end = position[("brief", slug)] < position[("end", round["id"])]
            assert before_end == (brief["date"] > end), (round["id"], slug)


def test_markers_go_on_the_year_page_of_their_date(corpus):
    corpus.registry("rounds", """\
        - id: round-1
          name: Round one
          start: 2024-05-16
          end: 2024-05-17
        - id: round-2
          name: Round two
          start: 2025-12-31
          end: 2026-01-02
        """)
    for name, date in [("a", "2024-05-16"), ("b", "2025-06-01"), ("c", "2026-01-01"), ("d", "2026-02-01")]:
        corpus.write(f"{name}.md", brief_text(title=name, date=date))
    site = corpus.build(split_threshold=1)
    found = {year: {(k, id) for k, id, _ in timeline_entries(article(site / "timeline" / str(year) / "index.html")) if k != "brief"}
             for year in (2024, 2025, 2026)}
    assert found == {2024: {("start", "round-1"), ("end", "round-1")}, 2025: {("start", "round-2")}, 2026: {("end", "round-2")}}
    assert breadcrumbs(site, "briefs/c/") == [("Home", "", False), ("Timeline", "timeline/", False), ("2026", "timeline/2026/", False), ("c", None, True)]
    assert breadcrumbs(site, "timeline/2025/") == [("Home", "", False), ("Timeline", "timeline/", False), ("2025", None, True)]
    assert breadcrumbs(site, "actors/umerov/2024/")[1:] == [("Actors", "actors/", False), ("Rustem Umerov", "actors/umerov/", False), ("2024", None, True)]


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


def test_sort_name_overrides_the_family_name(corpus):
    corpus.registry("actors", """\
        - id: umerov
          name: Rustem Umerov
          type: person
        - id: medinsky
          name: Vladimir Medinsky
          type: person
          sort_name: Zzz
        - id: mao
          name: Mao Zedong
          type: person
          sort_name: Mao
        - id: ukraine
          name: Ukraine
          type: state
          sort_name: "Zz Ukraine"
        - id: russia
          name: Russia
          type: state
        """)
    corpus.write("a.md", brief_text())
    html = article(corpus.build() / "actors" / "index.html").split("</nav>", 1)[1]
    names = [text(name) for name in re.findall(r'<a href="[^"]*">(.*?)</a>', html)]
    assert names == ["Mao Zedong", "Rustem Umerov", "Vladimir Medinsky", "Russia", "Ukraine"]


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
