"""Long index pages split by year: page names, every entry on its year page, escaping, incremental builds."""

from __future__ import annotations

import shutil

from generator.pages.paging import publisher_slugs, slugify

from conftest import article, brief_text, broken_links, content_links, parse_page
from markup import PAYLOADS, write_markup_corpus
from test_build import tree_digest
from test_incremental import demo  # noqa: F401  (40 demo briefs over ten years)
from year_pages import check_listing, check_site, expected_pages, resolve

THRESHOLD = 3


def test_publisher_slugs_are_ascii_words():
    assert slugify("Ukrainska Pravda") == "ukrainska-pravda"
    assert slugify("Українська правда") == "ukrainska-pravda"
    assert slugify("ТАСС") == "tass"
    assert slugify("Zürich Zeitung & Co.") == "zurich-zeitung-co"
    assert slugify("<>…") == "publisher"
    assert len(slugify("A very long name " * 10)) <= 60


def test_publisher_slug_clashes_are_resolved_whatever_the_order():
    names = ["Wire One", "wire one", "WIRE-ONE", "Wire One 2", "index", "Index"]
    slugs = publisher_slugs(names)
    assert publisher_slugs(reversed(names)) == slugs
    assert len(set(slugs.values())) == len(names)
    assert slugs["Wire One 2"] == "wire-one-2"  # a name's own slug is never taken by a clash
    assert {slugs["WIRE-ONE"], slugs["Wire One"], slugs["wire one"]} == {"wire-one", "wire-one-3", "wire-one-4"}
    assert "index" not in slugs.values()  # sources/index.md would be /sources/ itself


def test_demo_corpus_split_by_year_loses_nothing(demo):
    site = demo.build(split_threshold=THRESHOLD)
    check_site(site, demo.briefs, THRESHOLD)
    assert len(list((site / "timeline").glob("20*/index.html"))) == 10
    assert broken_links(site) == []


def test_year_pages_link_neighbours_and_main_page(demo):
    site = demo.build(split_threshold=THRESHOLD)
    page = site / "timeline" / "2020" / "index.html"
    assert {"timeline/2019", "timeline/2021", "timeline"} <= {resolve("timeline/2020", link) for link in content_links(page)}
    assert parse_page(page).title.startswith("Timeline — 2020")
    first = site / "timeline" / "2016" / "index.html"
    assert 'rel="prev"' not in article(first)
    assert "timeline/2017" in {resolve("timeline/2016", link) for link in content_links(first)}


def test_exactly_the_threshold_stays_on_one_page(corpus):
    for number in range(THRESHOLD):
        corpus.write(f"b{number}.md", brief_text(title=f"B{number}", date=f"202{number}-05-16"))
    site = corpus.build(split_threshold=THRESHOLD)
    assert not (site / "timeline" / "2020").exists()
    corpus.write("b9.md", brief_text(title="B9", date="2019-01-02"))
    site = corpus.build(out_dir=corpus.root / "other", split_threshold=THRESHOLD)
    pages, _ = expected_pages(corpus.briefs)
    check_listing(site, "actors/umerov", pages["actors/umerov"], THRESHOLD, "Rustem Umerov")
    assert "b9" not in article(site / "actors" / "umerov" / "index.html")


def test_payloads_on_split_pages_show_as_text(corpus):
    write_markup_corpus(corpus)
    payload = (corpus.briefs / "payload.md").read_text()
    corpus.write("payload-2024.md", payload.replace("date: 2025-05-16", "date: 2024-03-01").replace("example.org/a", "example.org/b"))
    site = corpus.build(split_threshold=1)
    pages = [site / "actors" / "evil" / "2024", site / "topics" / "t" / "2025", site / "rounds" / "r" / "2024"]
    publisher = next(p for p in (site / "sources").iterdir() if p.is_dir() and p.name.startswith("svg"))  # the source with a title
    pages += [publisher, publisher / "2024", site / "timeline" / "2025"]
    for folder in pages:
        raw = (folder / "index.html").read_text(encoding="utf-8")
        text = " ".join(" ".join(parse_page(folder / "index.html").text).split())
        for name, value in PAYLOADS.items():
            if "<" in value:
                assert value not in raw, (name, folder)
        assert not [a for a in parse_page(folder / "index.html").attributes if a.startswith("on")], folder
        assert PAYLOADS["title"] in text, folder
    assert parse_page(site / "actors" / "evil" / "2024" / "index.html").title.startswith(f"{PAYLOADS['actor_name']} — 2024")
    assert parse_page(publisher / "2024" / "index.html").title.startswith(f"{PAYLOADS['publisher']} — 2024")
    assert publisher.name == "svg-onload-alert-publisher-p-javascript-alert-2"


def test_incremental_build_rebuilds_only_the_year_pages_that_changed(demo, tmp_path):
    site = demo.build(split_threshold=THRESHOLD)
    untouched = site / "timeline" / "2020" / "index.html"
    inode = untouched.stat().st_ino
    (demo.briefs / "2016" / "zz-added.md").write_text(brief_text(title="Added brief", date="2016-02-03", actors="[state-0]"))
    site = demo.build(split_threshold=THRESHOLD)
    assert "Added brief" in article(site / "timeline" / "2016" / "index.html")
    assert untouched.stat().st_ino == inode, "a year page that did not change was rebuilt"
    clean = tmp_path / "clean" / "site"
    assert tree_digest(site) == tree_digest(demo.build(out_dir=clean, split_threshold=THRESHOLD))
    check_site(site, demo.briefs, THRESHOLD)


def test_year_pages_go_when_their_briefs_go(demo, tmp_path):
    demo.build(split_threshold=THRESHOLD)
    for brief in (demo.briefs / "2016").glob("*.md"):
        brief.unlink()
    shutil.rmtree(demo.briefs / "2016")
    site = demo.build(split_threshold=THRESHOLD)
    assert not (site / "timeline" / "2016" / "index.html").exists()
    assert not list(site.glob("*/*/2016/index.html")) and not list(site.glob("sources/*/2016/index.html"))
    check_site(site, demo.briefs, THRESHOLD)
    assert tree_digest(site) == tree_digest(demo.build(out_dir=tmp_path / "clean" / "site", split_threshold=THRESHOLD))


def test_a_source_cited_in_several_months_is_under_each_with_its_briefs(corpus):
    for slug, date in [("jan", "2024-01-05"), ("mar", "2024-03-07"), ("old", "2023-06-01"), ("new", "2025-01-01")]:
        corpus.write(f"{slug}.md", brief_text(title=slug, date=date))
    corpus.write("other.md", brief_text(title="other", date="2024-03-08").replace("example.org/a", "example.org/b"))
    site = corpus.build(split_threshold=1)
    check_site(site, corpus.briefs, threshold=1)
    year = article(site / "sources" / "example-wire" / "2024" / "index.html")
    assert year.count('href="https://news.example.org/a"') == 2
