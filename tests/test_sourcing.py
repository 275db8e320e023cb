"""How firm each claim is and where it comes from: status badges, the About page, the build date, source labels."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PROJECT, Corpus, article, parse_page
from markup import write_markup_corpus

STATUSES = ["reported", "confirmed", "disputed", "retracted"]
BRIEFS = {  # slug: (date, status or None for the default)
    "plain": ("2025-05-20", None),
    "firm": ("2025-05-18", "confirmed"),
    "contested": ("2025-05-17", "disputed"),
    "wrong": ("2025-05-16", "retracted"),
}
UNTITLED_URL = "https://www.news.example.org/2025/05/20/a-very-long-path-" + "x" * 120
ABOUT = "# Our rules\n\nWe cite **every** figure.<script>alert('about')</script>\n"


def _brief(slug: str, date: str, status: str | None) -> str:
    status_line = f"status: {status}\n" if status else ""
    return (
        f"---\ntitle: Brief {slug}\ndate: {date}\nsummary: About {slug}.\nactors: [umerov]\nround: round-1\n"
        f"topics: [prisoners]\n{status_line}sources:\n"
        f"  - publisher: Example Wire\n    url: {UNTITLED_URL}\n    published: 2025-05-20\n"
        f"  - publisher: Other Paper\n    title: A titled item\n    url: https://paper.example.com/a\n---\nBody of {slug}.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    corpus = Corpus(tmp_path_factory.mktemp("sourcing"))
    for slug, (date, status) in BRIEFS.items():
        corpus.write(f"2025/05/{slug}.md", _brief(slug, date, status))
    corpus.write("about.md", ABOUT)
    return corpus.build()


def _status_links(html: str) -> dict[str, str]:
    """Each brief linked in ``html``'s lists → the status its badge links to."""
    found = {}
    for item in re.findall(r"<li[^>]*>(.*?)</li>", html, re.DOTALL):
        brief = re.search(r'href="[./]*briefs/([^/]+)/"', item)
        badge = re.search(r'href="[./]*about/#status-([a-z]+)"[^>]*>([a-z]+)</a>', item)
        if brief:
            found[brief.group(1)] = badge and badge.group(1) == badge.group(2) and badge.group(1)
    return found


def _expected_status(slug: str) -> str:
    return BRIEFS[slug][1] or "reported"


@pytest.mark.parametrize("page", ["index.html", "timeline/index.html", "actors/umerov/index.html",
                                  "rounds/round-1/index.html", "topics/prisoners/index.html"])
def test_every_list_shows_each_briefs_status_linked_to_its_explanation(site, page):
    shown = _status_links(article(site / page))
    assert shown == {slug: _expected_status(slug) for slug in BRIEFS}


def test_year_pages_show_status_badges(corpus):
    for slug, (date, status) in BRIEFS.items():
        corpus.write(f"2025/05/{slug}.md", _brief(slug, date, status))
    corpus.write("2024/05/old.md", _brief("old", "2024-05-01", "disputed"))
    site = corpus.build(split_threshold=1)
    assert _status_links(article(site / "timeline" / "2025" / "index.html")) == {s: _expected_status(s) for s in BRIEFS}
    assert _status_links(article(site / "actors" / "umerov" / "2024" / "index.html")) == {"old": "disputed"}


def test_disputed_and_retracted_stand_out_and_retracted_is_struck_through(site):
    css = (PROJECT / "site_templates" / "assets" / "briefing.css").read_text()
    for status in ("disputed", "retracted"):
        rule = re.search(r"\.status-badge\.status-%s \{([^}]*)\}" % status, css)
        assert rule and "background" in rule.group(1) and "font-weight: 700" in rule.group(1)
    assert re.search(r"\.brief-item\.status-retracted[^{]*\{[^}]*line-through", css)
    home = article(site / "index.html")
    assert re.search(r'<li class="brief-item status-retracted"><a href="[^"]*briefs/wrong/"', home)
    wrong = article(site / "briefs" / "wrong" / "index.html")
    assert 'class="retraction-notice"' in wrong and "Retracted." in wrong
    for slug in ("plain", "firm", "contested"):
        assert "retraction-notice" not in article(site / "briefs" / slug / "index.html")


def test_each_brief_page_shows_its_status_badge(site):
    for slug in BRIEFS:
        status = _expected_status(slug)
        page = article(site / "briefs" / slug / "index.html")
        assert re.search(rf'<strong>Status:</strong> <a class="status-badge status-{status}" href="\.\./\.\./about/#status-{status}"', page)


def test_about_page_explains_every_status_and_renders_the_sites_text_sanitized(site):
    about = site / "about" / "index.html"
    text = article(about)
    for status in STATUSES:
        assert f'id="status-{status}"' in text
    assert "<strong>every</strong> figure" in text
    assert "alert('about')" not in about.read_text()
    assert "Corrections policy" not in text  # the site's own text replaces the default
    nav = parse_page(site / "index.html").links
    assert "about/" in nav


def test_about_page_has_a_default_without_about_md(corpus):
    corpus.write("a.md", _brief("a", "2025-05-16", None))
    text = article(corpus.build() / "about" / "index.html")
    assert "Sourcing rules" in text and "Corrections policy" in text
    assert all(f'id="status-{status}"' in text for status in STATUSES)


def test_about_md_is_not_a_brief_and_a_change_to_it_reaches_the_site(corpus):
    corpus.write("a.md", _brief("a", "2025-05-16", None))
    corpus.write("about.md", "First version.\n")
    assert corpus.problems() == []
    site = corpus.build()
    assert "First version." in article(site / "about" / "index.html")
    corpus.write("about.md", "Second version.\n")
    assert "Second version." in article(corpus.build() / "about" / "index.html")


def built_line(site, page):
    """The footer's "Last built" line as a reader sees it: the page's hidden line, filled in by assets/built.js."""
    html = (site / page).read_text()
    assert '<div class="md-footer-built" data-briefing-built hidden><div class="md-grid">Last built <time></time>' in html
    script = re.search(r'<script src="([^"]*assets/built\.js)"></script>', html).group(1)
    stamp = ((site / page).parent / script).resolve().read_text()
    return "Last built " + json.loads(re.search(r"textContent = (\".*?\");", stamp).group(1))


def test_footer_says_when_the_site_was_built(site, corpus, monkeypatch):
    newest = max(datetime.date.fromisoformat(date) for date, _ in BRIEFS.values())
    expected = f"Last built {newest.day} {newest:%B} {newest.year}"
    for page in ("index.html", "about/index.html", "briefs/wrong/index.html", "timeline/index.html"):
        assert built_line(site, page) == expected
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 1, 2, 12, tzinfo=datetime.timezone.utc).timestamp())))
    corpus.write("a.md", _brief("a", "2025-05-16", None))
    assert built_line(corpus.build(), "index.html") == "Last built 2 January 2026"


def test_a_newer_brief_moves_the_build_date_without_rebuilding_every_page(corpus):
    corpus.write("a.md", _brief("a", "2025-05-16", None))
    corpus.write("c.md", _brief("c", "2025-06-01", None))  # b will be c's next brief, not a's
    site = corpus.build()
    untouched = site / "briefs" / "a" / "index.html"
    inode = untouched.stat().st_ino
    unrelated = _brief("b", "2025-06-20", None).replace("actors: [umerov]\nround: round-1\ntopics: [prisoners]", "actors: [medinsky]\ntopics: [territory]")
    corpus.write("b.md", unrelated)  # shares no actor, round or topic with a: not among a's related briefs
    site = corpus.build()
    assert built_line(site, "index.html") == "Last built 20 June 2025"
    assert untouched.stat().st_ino == inode, "a new brief rebuilt an unrelated brief page"


def test_sources_read_as_title_or_publisher_domain_date_never_a_raw_url(site):
    for page in ["briefs/plain/index.html", "sources/index.html"]:
        html = article(site / page)
        texts = dict(re.findall(r'<a href="(https?://[^"]+)">([^<]*)</a>', html))
        assert texts[UNTITLED_URL] == f"Example Wire, {urlsplit(UNTITLED_URL).hostname.removeprefix('www.')}, 20 May 2025"
        assert texts["https://paper.example.com/a"] == "A titled item"
        assert not [text for text in texts.values() if text.startswith("http")]
    css = (PROJECT / "site_templates" / "assets" / "briefing.css").read_text()
    assert re.search(r"\.brief-sources[^{]*\{[^}]*overflow-wrap: anywhere", css)


def test_markup_in_the_about_page_is_sanitized(corpus):
    write_markup_corpus(corpus)
    corpus.write("about.md", "<img src=x onerror=alert('about')> [x](javascript:alert(6)) Text & <b>more</b>\n")
    page = parse_page(corpus.build() / "about" / "index.html")
    assert "onerror" not in page.attributes
    assert not [link for link in page.links if link.lower().startswith("javascript:")]
    assert "Text & more" in "".join(page.text)
