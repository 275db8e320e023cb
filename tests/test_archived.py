"""A source's `archived:` copy: http(s) only (a path:line error otherwise), shown as "archived copy"
beside the source's link, and carried by briefs.json and sources.csv."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from conftest import article, front_matter

ARCHIVED = 'https://web.archive.org/web/20250602/https://news.example.org/a?q="<b>'


def _brief(archived: str, url: str = "    url: https://news.example.org/a\n") -> str:
    return ("---\ntitle: A brief\ndate: 2025-05-16\nsummary: What happened.\nactors: [umerov]\nsources:\n"
            f"  - publisher: Example Wire\n{url}    archived: '{archived}'\n  - publisher: Other Paper\n"
            "    url: https://paper.example.org/b\n---\nBody [@1, @2].\n")


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.anchors, self._href = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None:
            self.anchors.append((data, self._href))
            self._href = None


@pytest.mark.parametrize("archived", ["ftp://archive.example.org/a", "javascript:alert(1)", "web.archive.org/web/a", "https://"])
def test_an_archived_link_that_is_not_http_is_an_error_at_its_line(corpus, archived):
    path = corpus.write("a.md", _brief(archived))
    line = path.read_text(encoding="utf-8").splitlines().index(f"    archived: '{archived}'") + 1
    assert [(p.line, p.severity, p.message) for p in corpus.problems()] == [
        (line, "error", f"sources[1]: 'archived' '{archived}' is not an http(s) link; only http:// and https:// are accepted")]


@pytest.mark.parametrize("url", ["    url: https://news.example.org/a\n", ""])
def test_the_page_shows_the_archived_copy_beside_the_link_and_the_data_carry_it(corpus, url):
    path = corpus.write("a.md", _brief(ARCHIVED, url))
    meta = front_matter(path)
    site = corpus.build()
    page = article(site / "briefs" / "a" / "index.html")
    first, second = page.split('id="source-1"', 1)[1].split('id="source-2"', 1)
    assert "<b>" not in first
    parser = _Anchors()
    parser.feed(first)
    copies = [href for text, href in parser.anchors if text == "archived copy"]
    assert [unquote(href) for href in copies] == [meta["sources"][0]["archived"]]
    assert "archived copy" not in second
    briefs = json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))
    assert [s["archived"] for s in briefs[0]["sources"]] == [meta["sources"][0]["archived"], None]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "sources.csv").read_text(encoding="utf-8"), newline="")))
    assert [row["archived"] for row in rows] == [meta["sources"][0]["archived"], ""]
