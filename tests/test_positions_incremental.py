"""Positions, related briefs and packs depend on other briefs: an incremental build after
an edit that moves them gives the same bytes as a clean build."""

from __future__ import annotations

import pytest

from conftest import Corpus
from test_build import tree_digest
from test_incremental import clean_build


def brief(title: str, date: str, actors: str, topics: str, round: str, positions: str = "", body: str = "Body.") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\nsummary: What happened.\nactors: {actors}\ntopics: {topics}\n"
        f"round: {round}\n{positions}sources:\n  - publisher: Example Wire\n    url: https://news.example.org/{title[0]}\n"
        f"---\n{body}\n"
    )


def position(actor: str, topic: str, stance: str, statement: str) -> str:
    return f"positions:\n  - actor: {actor}\n    topic: {topic}\n    stance: {stance}\n    statement: {statement}\n    source: 1\n"


@pytest.fixture
def corpus(tmp_path):
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief("Alpha", "2025-05-10", "[umerov]", "[prisoners]", "round-1", position("umerov", "prisoners", "supports", "All for all.")))
    corpus.write("b.md", brief("Bravo", "2025-05-16", "[umerov, medinsky]", "[prisoners, territory]", "round-1",
                               position("medinsky", "territory", "proposes", "Four regions.")))
    corpus.write("c.md", brief("Charlie", "2025-06-02", "[medinsky]", "[territory]", "round-2",
                               position("medinsky", "territory", "conditional", "Talks first.")))
    corpus.write("d.md", brief("Delta", "2025-06-03", "[zelensky]", "[territory]", "round-2"))
    return corpus


def related_of(site, slug: str) -> str:
    page = (site / "briefs" / slug / "index.html").read_text(encoding="utf-8")
    return page.split('class="brief-list related-briefs"')[1].split("</ul>")[0]


EDITS = {
    "stance": ("c.md", "stance: conditional", "stance: rejects"),
    "statement": ("a.md", "All for all.", "Only the wounded."),
    "topic": ("d.md", "topics: [territory]", "topics: [prisoners]"),
    "date": ("d.md", "date: 2025-06-03", "date: 2025-05-11"),
    "round": ("a.md", "round: round-1", "round: round-2"),
    "body": ("b.md", "Body.", "A new body for the pack."),
}


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_equals_clean_after_an_edit_that_moves_positions_or_related_lists(corpus, tmp_path, edit):
    site = corpus.build()
    before = {slug: related_of(site, slug) for slug in "abcd"}
    matrix = (site / "positions" / "index.html").read_text(encoding="utf-8")
    name, old, new = EDITS[edit]
    path = corpus.briefs / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    site = corpus.build()
    assert tree_digest(site) == tree_digest(clean_build(corpus, tmp_path))
    after = {slug: related_of(site, slug) for slug in "abcd"}
    if edit in ("topic", "date", "round"):
        assert after != before, "the edit was meant to move a related list"
    if edit in ("stance", "statement"):
        assert (site / "positions" / "index.html").read_text(encoding="utf-8") != matrix
    if edit == "body":
        assert "A new body for the pack." in (site / "rounds" / "round-1" / "pack" / "index.html").read_text(encoding="utf-8")
