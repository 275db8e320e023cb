"""End to end: build the shipped sample briefs and read the generated HTML."""

from __future__ import annotations

import re

import yaml

from generator.build import build, check
from generator.config.options import Options

from conftest import PROJECT, article, broken_links, content_links, front_matter, linked_briefs, parse_page
from year_pages import check_site

BRIEFS = PROJECT / "briefs"


def _expected():
    """An independent reading of the sample: which briefs belong on which page."""
    names = {}
    for actor in yaml.safe_load((BRIEFS / "actors.yml").read_text()):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[name.casefold()] = actor["id"]
    rounds = {r["id"] for r in yaml.safe_load((BRIEFS / "rounds.yml").read_text())}
    pages: dict[str, set[str]] = {}
    slugs = set()
    for path in BRIEFS.rglob("*.md"):
        meta = front_matter(path)
        slugs.add(path.stem)
        for actor in meta["actors"]:
            pages.setdefault(f"actors/{names[actor.casefold()]}", set()).add(path.stem)
        if meta.get("round"):
            assert meta["round"] in rounds
            pages.setdefault(f"rounds/{meta['round']}", set()).add(path.stem)
        for topic in meta.get("topics", []):
            pages.setdefault(f"topics/{topic}", set()).add(path.stem)
    return slugs, pages, names


def test_every_contract_url_exists(sample_site):
    slugs, pages, _ = _expected()
    assert len(slugs) >= 12
    for url in ["", "actors", "rounds", "topics", "timeline", "sources", *pages, *(f"briefs/{s}" for s in slugs)]:
        assert (sample_site / url / "index.html").is_file(), url
    for kind in ("actors", "rounds", "topics"):
        registry = yaml.safe_load((BRIEFS / f"{kind}.yml").read_text())
        for entry in registry:
            assert (sample_site / kind / entry["id"] / "index.html").is_file()


def test_each_index_page_lists_exactly_its_briefs(sample_site):
    slugs, pages, _ = _expected()
    for kind in ("actors", "rounds", "topics"):
        for entry in (sample_site / kind).iterdir():
            if entry.is_dir():
                key = f"{kind}/{entry.name}"
                assert linked_briefs(entry / "index.html") == pages.get(key, set()), key
    assert linked_briefs(sample_site / "timeline" / "index.html") == slugs


def test_alias_in_front_matter_lands_on_canonical_actor_page(sample_site):
    meta = front_matter(next(BRIEFS.rglob("2025-05-16-delegations-named.md")))
    assert "Umierov" in meta["actors"]
    assert "2025-05-16-delegations-named" in linked_briefs(sample_site / "actors" / "umerov" / "index.html")


def test_brief_page_header_links_round_actors_topics_and_sources(sample_site):
    page = sample_site / "briefs" / "2025-06-02-round-2-agreements" / "index.html"
    links = content_links(page)
    assert "../../rounds/istanbul-2025-2/" in links
    assert {"../../actors/umerov/", "../../actors/medinsky/"} <= set(links)
    assert "../../topics/prisoner-exchanges/" in links
    meta = front_matter(next(BRIEFS.rglob("2025-06-02-round-2-agreements.md")))
    assert [s["url"] for s in meta["sources"]] == [link for link in links if link.startswith("http")]
    text = article(page)
    assert "<h2 id=\"sources\">Sources" in text and "<ol class=\"brief-sources\">" in text


def test_rounds_are_newest_first_and_actor_profile_lists_rounds(sample_site):
    rounds_page = article(sample_site / "rounds" / "index.html")
    positions = [rounds_page.index(f"istanbul-2025-{n}/") for n in (3, 2, 1)]
    assert positions == sorted(positions) and "Newest first" in rounds_page
    profile = sample_site / "actors" / "umerov" / "index.html"
    assert {"../../rounds/istanbul-2025-1/", "../../rounds/istanbul-2025-3/"} <= set(content_links(profile))
    assert "Umierov" in article(profile)


def test_actor_briefs_newest_first_round_briefs_in_date_order(sample_site):
    def dated(page):  # the dates of the brief list's entries (the Positions section above it runs oldest first)
        listed = article(page).split('<ul class="brief-list">', 1)[1].split("</ul>", 1)[0]
        return [s[:10] for s in re.findall(r"briefs/([^/]+)/", listed)]

    actor = dated(sample_site / "actors" / "umerov" / "index.html")
    assert actor == sorted(actor, reverse=True)
    round = dated(sample_site / "rounds" / "istanbul-2025-2" / "index.html")
    assert round == sorted(round)


def test_sources_page_lists_every_cited_link(sample_site):
    cited = {s["url"] for p in BRIEFS.rglob("*.md") for s in front_matter(p)["sources"] if "url" in s}
    links = set(content_links(sample_site / "sources" / "index.html"))
    assert cited <= links


def test_nav_lists_index_pages_only(sample_site):
    for page in sample_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        outside = html.replace(article(page), "") if 'md-content__inner' in html else html
        assert not re.search(r'href="[^"]*briefs/[^"]+"', outside), page


def test_every_internal_link_resolves(sample_site):
    assert broken_links(sample_site) == []


def test_title_tag_uses_brief_title(sample_site):
    page = parse_page(sample_site / "briefs" / "2025-05-16-delegations-named" / "index.html")
    assert page.title.startswith("Who sat at the table in round 1 - ")


def test_sample_stays_on_single_pages(sample_site):
    assert not list(sample_site.glob("*/*/[0-9][0-9][0-9][0-9]")) and not list(sample_site.glob("timeline/*/"))
    assert not list((sample_site / "sources").glob("*/"))


def test_split_sample_puts_every_brief_on_its_year_page(tmp_path):
    """With a threshold of 3 every long page splits; each brief is on the year page of its
    date for every index it belongs to, and the main page shows the newest three."""
    options = Options(
        briefs_dir=BRIEFS, out_dir=tmp_path / "site", config_file=PROJECT / "mkdocs.yml", strict=True, split_threshold=3
    )
    build(options, check(options))
    check_site(options.out_dir, BRIEFS, threshold=3)
    assert (options.out_dir / "actors" / "umerov" / "2025" / "index.html").is_file()
    assert (options.out_dir / "sources" / "ukrainska-pravda" / "2025" / "index.html").is_file()
    assert broken_links(options.out_dir) == []
