"""Citations are recognised only in text: never in a link's address, an image's alt text or
code; one in a link's text is an error with its line; every back-link has its target.

Expectations come from the raw bodies written here and the built HTML read by the test's own parser.
"""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import article
from test_citations import cited_brief, lines_of

BODY = (
    "Search [results](https://example.org/search?q=[@1]) first.\n\n"
    "![chart [@2]](https://example.org/chart.png)\n\n"
    "Code `[@1]` and <https://example.org/[@3]>, then cited [@1] and [@2, @3].\n\n"
    "## Heading [@1]\n\n| a |\n|---|\n| *in a table* [@two-0602] |\n"
)


class Anchors(HTMLParser):
    """Every id on a page and every same-page link target."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.fragments: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and (attrs.get("href") or "").startswith("#") and len(attrs["href"]) > 1:
            self.fragments.append(attrs["href"][1:])


def dangling_fragments(site) -> dict[str, list[str]]:
    """Each page's ``href="#…"`` links whose target id is not on the page."""
    dangling = {}
    for path in site.rglob("*.html"):
        anchors = Anchors()
        anchors.feed(path.read_text(encoding="utf-8"))
        missing = [f for f in anchors.fragments if f not in anchors.ids]
        if missing:
            dangling[str(path.relative_to(site))] = missing
    return dangling


def test_every_same_page_link_of_the_sample_site_has_its_target(sample_site):
    assert not dangling_fragments(sample_site)


def test_citations_only_in_text_and_every_same_page_link_has_its_target(corpus):
    corpus.write("a.md", cited_brief(BODY))
    site = corpus.build()
    page = article(site / "briefs" / "a" / "index.html")
    assert 'href="https://example.org/search?q=[@1]"' in page  # the address as written
    assert 'alt="chart [@2]"' in page and "<code>[@1]</code>" in page
    assert 'href="https://example.org/[@3]"' in page
    # Rendered: [@1], [@2, @3], [@1] in the heading, [@two-0602] (source 2) in the table.
    assert page.count('class="citation-ref"') == 5
    assert not dangling_fragments(site)
    backlinks = Anchors()
    backlinks.feed(page)
    assert sorted(f for f in backlinks.fragments if f.startswith("cite-")) == ["cite-1-1", "cite-1-2", "cite-2-1", "cite-2-2", "cite-3-1"]


def test_a_citation_inside_a_link_text_is_an_error_on_its_line(corpus):
    path = corpus.write("a.md", cited_brief("Intro [@1].\n\nSee [the report [@2]](https://example.org/r) and [@3].\n"))
    problems = [p for p in corpus.problems() if p.severity == "error"]
    assert [(p.path, p.line) for p in problems] == [(str(path), lines_of(path, "See [the report"))]
    assert "inside a link's text" in problems[0].message and "[@2]" in problems[0].message


def test_a_citation_the_sanitizer_removes_is_an_error(corpus):
    path = corpus.write("a.md", cited_brief("Intro [@1] [@3].\n\nA <textarea>[@2]</textarea> box.\n"))
    problems = [p for p in corpus.problems() if p.severity == "error"]
    assert [(p.line, "removes" in p.message) for p in problems] == [(lines_of(path, "<textarea>"), True)]
