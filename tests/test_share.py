"""Sharing: Open Graph tags and schema.org NewsArticle JSON-LD in the <head> of brief pages, and
website tags on the others, on both engines; expectations read from the raw files (share_expected)."""

from __future__ import annotations

import datetime
import json
import os
import re

import pytest
import yaml

from generator.model import Actor, Brief, Corpus as Registries, Source
from generator.pages.share import share_meta

from conftest import PROJECT, Corpus, brief_text
from markup import PAYLOADS, write_markup_corpus
from share_expected import Expected, Head, site_setting
from test_hostile_inputs import LOADERS, UNPRINTABLE
from site_browser import serve

SITE_URL = "https://briefs.example.org/"
PUBLISHERS = """\
- id: wire
  name: Example Wire
  url: https://wire.example.org/
"""
SHARED = brief_text(
    title="\"Prisoners: 'first' exchange & <more>\"", actors="[Umierov, ukraine]",
    extra=(
        "topics: [prisoners, Territory]\nround: round-1\n"
        "sources:\n  - publisher: Other Daily\n    title: Talks \"resume\"\n    url: https://daily.example.net/x?a=1&b=2\n"
        "    published: 2025-05-15\n"
    ),
).replace("sources:\n  - publisher: Example Wire", "  - publisher: Example Wire")


def _set_site_url(corpus: Corpus, site_url: str | None) -> None:
    """``site_url`` set (or removed) on every site_url line of the corpus' mkdocs.yml."""
    setting = f"site_url: {site_url}\n" if site_url else ""
    corpus.config.write_text(re.sub(r"(?m)^site_url:.*\n", setting, corpus.config.read_text(encoding="utf-8")), encoding="utf-8")


def _shared_corpus(corpus: Corpus, site_url: str | None = SITE_URL) -> Corpus:
    _set_site_url(corpus, site_url)
    corpus.registry("publishers", PUBLISHERS)
    corpus.write("2025/shared.md", SHARED)
    corpus.write("2025/plain.md", brief_text(title="Plain", date="2025-05-17", actors="[medinsky]"))
    return corpus


def _article(head: Head) -> dict:
    (block,) = head.json_ld
    return json.loads(block)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("characters", ["".join(UNPRINTABLE), *"<>&'\"\\/"], ids=lambda c: repr(c[:3]))
def test_the_share_meta_is_a_yaml_scalar_whose_json_ld_gives_back_every_character(loader, characters):
    value = f"a{characters}b </script><!-- <script> ' &amp;"
    source = Source(publisher=value, title=value, url="https://x.example/?a=1&b=</script>")
    brief = Brief("s", "s.md", value, datetime.date(2025, 5, 16), value, ("a",), (source,))
    line = f"share: {share_meta(brief, Registries(actors={'a': Actor('a', value, 'person')}), None)}\n"
    assert not [c for c in line[:-1] if c in UNPRINTABLE]
    head = Head("<head>" + yaml.load(line, loader)["share"] + "</head>")
    assert head.tags == ["head"] + ["meta"] * 5 + ["script"]
    shown = re.sub("[\ud800-\udfff]", "\ufffd", value)  # no lone surrogate can be written as UTF-8
    (block,) = head.json_ld
    assert not re.search("[<>&\u2028\u2029]", block)  # nothing that HTML (or old JavaScript) reads in a script
    article = json.loads(block)
    assert [article["headline"], article["about"][0]["name"], article["citation"][0]["name"]] == [shown] * 3
    assert article["citation"][0]["url"] == source.url
    (title,) = head.property("og:title")  # an unprintable character is a character reference, which HTML may map
    assert title == shown if len(characters) == 1 else title.endswith(value[-30:])


def test_a_brief_page_shares_title_summary_dates_actors_topics_and_sources(engine_corpus):
    site = _shared_corpus(engine_corpus).build()
    expected = Expected(engine_corpus.briefs, engine_corpus.config, SITE_URL)
    properties, article = expected.brief(engine_corpus.briefs / "2025" / "shared.md")
    assert [name for name, _ in properties].count("article:tag") == 4 and len(article["citation"]) == 2
    head = Head(site / "briefs" / "shared" / "index.html")
    assert head.properties == properties
    assert _article(head) == article
    assert article["about"][0] == {"@type": "Person", "name": "Rustem Umerov", "url": SITE_URL + "actors/umerov/"}
    assert article["citation"][1]["publisher"]["url"] == "https://wire.example.org/"
    plain = Head(site / "briefs" / "plain" / "index.html")
    assert (plain.properties, _article(plain)) == expected.brief(engine_corpus.briefs / "2025" / "plain.md")


def test_other_pages_share_as_a_website(engine_corpus):
    site = _shared_corpus(engine_corpus).build()
    expected = Expected(engine_corpus.briefs, engine_corpus.config, SITE_URL)
    description = site_setting(engine_corpus.config, "site_description")
    for page, title in [("", "Home"), ("actors/", "Actors"), ("actors/umerov/", "Rustem Umerov"), ("topics/prisoners/", "Prisoners")]:
        head = Head(site / page / "index.html")
        assert head.properties == [
            ("og:site_name", expected.site_name), ("og:type", "website"), ("og:title", title),
            ("og:description", description), ("og:url", SITE_URL + page),
        ], page
        assert head.json_ld == []


def test_without_a_site_url_no_tag_claims_an_address(engine_corpus):
    site = _shared_corpus(engine_corpus, None).build()
    properties, article = Expected(engine_corpus.briefs, engine_corpus.config, None).brief(engine_corpus.briefs / "2025" / "shared.md")
    head = Head(site / "briefs" / "shared" / "index.html")
    assert (head.properties, _article(head)) == (properties, article)
    assert "url" not in article and all("url" not in actor for actor in article["about"])
    for page in site.rglob("*.html"):
        assert Head(page).property("og:url") == [], page


def test_every_brief_of_the_sample_site_shares_what_its_file_says(sample_site):
    site_url = os.environ.get("SITE_URL") or None  # the sample's site_url is !ENV SITE_URL
    expected = Expected(PROJECT / "briefs", PROJECT / "mkdocs.yml", site_url and site_url.rstrip("/") + "/")
    files = sorted((PROJECT / "briefs").rglob("*.md"))
    assert len(files) >= 15
    for path in files:
        head = Head(sample_site / "briefs" / path.stem / "index.html")
        assert (head.properties, _article(head)) == expected.brief(path), path


def test_payloads_stay_values_in_share_tags(engine_corpus):
    """Markup in the title, summary, actor, topic, source title and publisher names: the tags and the
    JSON-LD hold them as text, and the page has exactly the elements of a brief without markup."""
    _set_site_url(engine_corpus, SITE_URL)
    write_markup_corpus(engine_corpus)
    payload = engine_corpus.briefs / "payload.md"
    twin = payload.read_text(encoding="utf-8")
    for value in (PAYLOADS["title"], PAYLOADS["summary"], PAYLOADS["source_title"]):
        twin = twin.replace(value.replace("'", "''"), "plain text")
    engine_corpus.write("twin.md", twin)
    site = engine_corpus.build()
    head = Head(site / "briefs" / "payload" / "index.html")
    properties, article = Expected(engine_corpus.briefs, engine_corpus.config, SITE_URL).brief(payload)
    assert head.properties == properties
    assert head.property("og:title") == [PAYLOADS["title"]] and PAYLOADS["actor_name"] in head.property("article:tag")
    assert _article(head) == article
    assert article["citation"][0]["name"] == PAYLOADS["source_title"]
    assert not re.search("[<>&\u2028\u2029]", head.json_ld[0])
    assert head.tags == Head(site / "briefs" / "twin" / "index.html").tags


@pytest.mark.browser
def test_chromium_reads_the_payloads_as_values(browser, tmp_path, engine):
    corpus = Corpus(tmp_path, engine)
    _set_site_url(corpus, SITE_URL)
    write_markup_corpus(corpus)
    server, url = serve(corpus.build())
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url + "briefs/payload/")
        read = page.evaluate(
            """() => ({
                scripts: document.head.querySelectorAll('script[type="application/ld+json"]').length,
                headline: JSON.parse(document.head.querySelector('script[type="application/ld+json"]').textContent).headline,
                title: document.head.querySelector('meta[property="og:title"]').content,
                tags: [...document.head.querySelectorAll('meta[property="article:tag"]')].map(m => m.content),
                strays: document.querySelectorAll('head img, head svg, head iframe, head b, head u, body > img').length,
            })"""
        )
    finally:
        page.close()
        server.shutdown()
    assert read == {
        "scripts": 1, "headline": PAYLOADS["title"], "title": PAYLOADS["title"],
        "tags": [PAYLOADS["actor_name"], PAYLOADS["topic_name"]], "strays": 0,
    }
    assert dialogs == []
