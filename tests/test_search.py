"""Site search (Pagefind): the index read from its files, and the header field and
search page driven in Chromium. Expectations come from the raw brief files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import PROJECT, Corpus, brief_text, header_results, pagefind_records, parse_page
from markup import PAYLOADS
from site_browser import serve
from test_browser import markup_site  # noqa: F401 (a fixture)

BRIEFS = PROJECT / "briefs"


def raw_briefs(folder: Path = BRIEFS) -> dict[str, dict]:
    """Each brief's facets, from its front matter and the registries, by slug."""
    names = {}
    for actor in yaml.safe_load((folder / "actors.yml").read_text(encoding="utf-8")):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[name.casefold()] = actor["id"]
    briefs = {}
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        briefs[path.stem] = {
            "actor": {names[str(a).casefold()] for a in meta["actors"]},
            "round": {meta["round"]} if meta.get("round") else set(),
            "topic": set(meta.get("topics", [])),
            "status": {meta.get("status", "reported")},
            "year": {str(meta["date"])[:4]},
            "date": str(meta["date"]),
            "title": meta["title"],
        }
    return briefs


def matching(briefs: dict[str, dict], **facets: str) -> set[str]:
    return {slug for slug, brief in briefs.items() if all(value in brief[name] for name, value in facets.items())}


# ---- The index, read from Pagefind's files ----


def test_index_holds_every_brief_with_its_facets_and_the_index_pages(sample_site):
    records = pagefind_records(sample_site)
    briefs = raw_briefs()
    registry_pages = {
        f"/{kind}/{entry['id']}/"
        for kind in ("actors", "rounds", "topics")
        for entry in yaml.safe_load((BRIEFS / f"{kind}.yml").read_text(encoding="utf-8"))
    }
    assert set(records) == {f"/briefs/{slug}/" for slug in briefs} | registry_pages
    for slug, brief in briefs.items():
        record = records[f"/briefs/{slug}/"]
        for facet in ("actor", "round", "topic", "status", "year"):
            assert set(record["filters"].get(facet, [])) == brief[facet], (slug, facet)
        assert record["meta"]["title"] == brief["title"]
        assert record["meta"]["date"] == brief["date"]
    zelensky = records["/actors/zelensky/"]
    assert zelensky["filters"] == {"kind": ["page"]}
    assert {"Zelenskiy", "Зеленський"} <= set(re.findall(r"\w+", zelensky["content"]))

def test_a_briefs_record_holds_its_own_text_not_its_related_briefs_or_citation(sample_site):
    """A brief is found by what it says, not by the titles of the briefs listed under it."""
    records = pagefind_records(sample_site)
    briefs = raw_briefs()
    for slug in briefs:
        page = (sample_site / "briefs" / slug / "index.html").read_text(encoding="utf-8")
        related = re.search(r'<ul class="brief-list related-briefs"[^>]*>(.*?)</ul>', page, re.S)
        content = records[f"/briefs/{slug}/"]["content"]
        assert "Cite as" not in content, slug
        for other in re.findall(r'briefs/([^/"]+)/"', related.group(1) if related else ""):
            if briefs[other]["title"] not in page.replace(related.group(0), ""):
                assert briefs[other]["title"] not in content, (slug, other)


def test_no_lunr_index_and_every_script_is_served_by_the_site(sample_site):
    assert not (sample_site / "search" / "search_index.json").exists()
    for page in sample_site.rglob("*.html"):
        for src in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page.read_text(encoding="utf-8")):
            assert not urlsplit(src).netloc, (page, src)
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert (sample_site / "search" / "index.html").is_file()
    assert "/search/" not in " ".join(parse_page(sample_site / "index.html").links)  # not in the nav


def test_failed_index_leaves_the_published_site_untouched(tmp_path, monkeypatch):
    from generator.build import BuildError
    from generator.outputs import search
    from test_build import tree_digest

    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text())
    site = corpus.build()
    before = tree_digest(site)
    corpus.write("b.md", brief_text(title="Another"))
    shutil.rmtree(site.parent / f".{site.name}.briefing-cache")  # a full build, staged beside --out
    monkeypatch.setattr(search, "EXCLUDED", ["::not a selector"])
    with pytest.raises(BuildError, match="search index failed"):
        corpus.build()
    assert tree_digest(site) == before


def test_the_index_made_beside_the_engine_equals_an_index_of_the_built_pages(sample_site, tmp_path):
    """The records come from the generator's pages, not the built HTML: indexing the built
    pages' <article>s instead (as the benchmark does) gives the same bundle, file for file."""
    from generator.outputs.search import SEARCH_BUNDLE, index_site

    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns(SEARCH_BUNDLE))
    index_site(site, tmp_path / "cache")
    built, from_html = (sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.rglob("*") if p.is_file())
                        for root in (sample_site / SEARCH_BUNDLE, site / SEARCH_BUNDLE))
    assert [name for name, _ in built] == [name for name, _ in from_html]
    assert built == from_html


# ---- In the browser ----


def open_search(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#bsearch-page[aria-busy=false]", timeout=20000)


def listed(page) -> list[str]:
    """Slugs of every brief the search page lists, after asking for more until done."""
    more = page.locator(".bsearch-page__more")
    while more.is_visible():
        count = page.locator(".bsearch-page__results li").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.bsearch-page__results li').length > {count}")
    links = page.locator(".bsearch-page__results a.bsearch-result__link")
    return [urlsplit(links.nth(k).get_attribute("href")).path.split("/")[-2] for k in range(links.count())]


def type_in_header(page, text: str) -> list[str]:
    page.keyboard.press("/")
    page.keyboard.type(text, delay=20)
    return header_results(page, text)


@pytest.mark.browser
@pytest.mark.parametrize("alias,actor", [("Umierov", "umerov"), ("Zelenskiy", "zelensky"), ("Зеленський", "zelensky")])
def test_each_alias_finds_its_actors_briefs(browser, sample_url, alias, actor):
    briefs = raw_briefs()
    page = browser.new_page()
    open_search(page, f"{sample_url}search/?q={alias}")
    found = set(listed(page))
    assert found == matching(briefs, actor=actor)
    assert f"/actors/{actor}/" in [
        urlsplit(a.get_attribute("href")).path for a in page.locator(".bsearch-page__pages a").all()
    ]
    page.goto(f"{sample_url}timeline/")
    paths = type_in_header(page, alias)
    brief_paths = [p for p in paths if p.startswith("/briefs/")]
    assert brief_paths and {p.split("/")[-2] for p in brief_paths} <= matching(briefs, actor=actor)
    assert paths.index(f"/actors/{actor}/") > max(paths.index(p) for p in brief_paths)  # pages rank below briefs
    page.close()


FILTER_CASES = [
    {"actor": "umerov"},
    {"actor": "zelensky"},
    {"round": "istanbul-2025-2"},
    {"topic": "prisoner-exchanges"},
    {"status": "reported"},
    {"year": "2025"},
    {"actor": "umerov", "round": "istanbul-2025-2"},
    {"actor": "medinsky", "topic": "memoranda", "year": "2025"},
    {"round": "istanbul-2025-1", "topic": "delegations", "status": "reported"},
]


@pytest.mark.browser
def test_each_filter_alone_and_combined_lists_exactly_its_briefs_with_counts(browser, sample_url):
    briefs = raw_briefs()
    page = browser.new_page()
    for facets in FILTER_CASES:
        query = "&".join(f"{name}={value}" for name, value in facets.items())
        open_search(page, f"{sample_url}search/?{query}")
        expected = matching(briefs, **facets)
        assert expected, facets
        shown = listed(page)
        assert set(shown) == expected and len(shown) == len(expected), facets
        dates = [briefs[slug]["date"] for slug in shown]
        assert dates == sorted(dates, reverse=True)  # no query: newest first
        for name in ("actor", "topic", "year"):  # each option counts the briefs it would leave
            others = {key: value for key, value in facets.items() if key != name}
            for option in page.locator(f"select[name={name}] option:not([value=''])").all():
                count = len(matching(briefs, **others, **{name: option.get_attribute("value")}))
                assert option.inner_text().endswith(f"({count})"), (facets, option.inner_text(), count)
    page.close()


@pytest.mark.browser
def test_deep_link_restores_query_and_filters_and_changes_update_the_url(browser, sample_url):
    briefs = raw_briefs()
    page = browser.new_page()
    open_search(page, f"{sample_url}search/?q=memorandum&actor=umerov&sort=date")
    assert page.locator("#bsearch-page input[name=q]").input_value() == "memorandum"
    assert page.locator("select[name=actor]").input_value() == "umerov"
    assert page.locator("select[name=sort]").input_value() == "date"
    shown = listed(page)
    assert shown and set(shown) <= matching(briefs, actor="umerov")
    assert [briefs[s]["date"] for s in shown] == sorted((briefs[s]["date"] for s in shown), reverse=True)

    page.select_option("select[name=round]", "istanbul-2025-2")
    page.wait_for_url(re.compile(r".*round=istanbul-2025-2.*"))
    page.wait_for_selector("#bsearch-page[aria-busy=false]")
    assert set(listed(page)) <= matching(briefs, actor="umerov", round="istanbul-2025-2")
    page.fill("#bsearch-page input[name=q]", "")
    page.wait_for_function("!location.search.includes('q=')")
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"actor": ["umerov"], "round": ["istanbul-2025-2"], "sort": ["date"]}
    page.wait_for_selector("#bsearch-page[aria-busy=false]")
    page.reload()
    page.wait_for_selector("#bsearch-page[aria-busy=false]")
    assert set(listed(page)) == matching(briefs, actor="umerov", round="istanbul-2025-2")
    page.close()


@pytest.mark.browser
def test_keyboard_slash_arrows_and_enter_open_a_result(browser, sample_url):
    page = browser.new_page()
    page.goto(f"{sample_url}briefs/2025-05-16-delegations-named/")
    paths = type_in_header(page, "memorandum")
    assert page.evaluate("document.activeElement.classList.contains('bsearch__input')")
    assert len(paths) >= 2
    for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowDown"):
        page.keyboard.press(key)
    active = page.locator(".bsearch__panel a.bsearch--active")
    assert active.count() == 1 and urlsplit(active.get_attribute("href")).path == paths[1]
    title = active.locator(".bsearch-result__title").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(".*" + re.escape(paths[1]) + "$"))
    assert page.locator("article h1").inner_text().rstrip("¶") == title
    page.close()


@pytest.mark.browser
def test_result_link_opens_its_brief(browser, sample_url):
    briefs = raw_briefs()
    page = browser.new_page()
    open_search(page, f"{sample_url}search/?q=Lavrov")
    first = page.locator(".bsearch-page__results a.bsearch-result__link").first
    slug = urlsplit(first.get_attribute("href")).path.split("/")[-2]
    first.click()
    page.wait_for_url(re.compile(f".*/briefs/{slug}/$"))
    assert page.locator("article h1").inner_text().rstrip("¶") == briefs[slug]["title"]
    page.close()


@pytest.mark.browser
def test_search_after_incremental_build_and_cyrillic_body_words(browser, tmp_path):
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text(title="First brief", body="Переговори у Стамбулі тривали дві години."))
    corpus.write("b.md", brief_text(title="Second brief", actors="[zelensky]"))
    site = corpus.build()
    corpus.write("b.md", brief_text(title="Second brief, retitled", actors="[zelensky]", body="Quixotic wording."))
    corpus.write("c.md", brief_text(title="Third brief", actors="[Зеленський]", date="2025-06-01"))
    site = corpus.build()
    server, url = serve(site)
    try:
        page = browser.new_page()
        for query, expected in [("Стамбулі", ["a"]), ("quixotic", ["b"]), ("Zelenskiy", ["c", "b"])]:
            open_search(page, f"{url}search/?q={query}&sort=date")
            assert listed(page) == expected, query
        titles = page.locator(".bsearch-page__results .bsearch-result__title").all_inner_texts()
        assert titles == ["Third brief", "Second brief, retitled"]
        page.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_markup_in_results_and_filter_labels_shows_as_text(browser, markup_site):
    _, url = markup_site
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_search(page, f"{url}search/?q=plain&actor=evil")
    result = page.locator(".bsearch-page__results li").first
    assert result.locator(".bsearch-result__title").inner_text() == PAYLOADS["title"]
    labels = {
        name: page.locator(f"select[name={name}] option:not([value=''])").first.inner_text()
        for name in ("actor", "round", "topic")
    }
    assert labels == {
        "actor": f"{PAYLOADS['actor_name']} (1)",
        "round": f"{PAYLOADS['round_name']} (1)",
        "topic": f"{PAYLOADS['topic_name']} (1)",
    }
    assert page.locator(".bsearch-page script, .bsearch-page img, .bsearch-page iframe, .bsearch-page b").count() == 0
    page.goto(url)
    paths = type_in_header(page, "alias")
    assert "/actors/evil/" in paths
    panel = page.locator(".bsearch__panel").inner_text()
    assert PAYLOADS["actor_name"] in panel and PAYLOADS["alias"] in panel
    assert page.locator(".bsearch__panel script, .bsearch__panel b, .bsearch__panel img").count() == 0
    page.goto(url)
    type_in_header(page, "onerror")
    assert PAYLOADS["summary"] in page.locator(".bsearch__panel .bsearch-excerpt").first.inner_text()
    page.wait_for_timeout(300)
    page.close()
    assert dialogs == []
