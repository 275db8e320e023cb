"""Inline citations: [@2], [@2, @4], [@id] link to the brief's sources, and each source links back."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from generator.cli import main

from conftest import PROJECT, article, brief_text

SOURCES = (
    "sources:\n"
    "  - publisher: One\n    url: https://one.example.org/a\n"
    "  - publisher: Two\n    id: two-0602\n    url: https://two.example.org/a\n"
    "  - publisher: Three\n    url: https://three.example.org/a\n"
)
RAW_CITATION = re.compile(r"\[(@[^\s\[\],@]+(?:\s*,\s*@[^\s\[\],@]+)*)\]")


def cited_brief(body: str, sources: str = SOURCES) -> str:
    return brief_text(body=body).replace(
        "sources:\n  - publisher: Example Wire\n    url: https://news.example.org/a\n", sources
    )


def lines_of(path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_citations_link_to_sources_and_sources_link_back(corpus):
    corpus.write("a.md", cited_brief("First [@1]. Both [@1, @3]. By id [@two-0602]. Code `[@2]` stays.\n\n    [@2] in a code block\n"))
    page = article(corpus.build() / "briefs" / "a" / "index.html")
    refs = re.findall(r'<a class="citation-ref" href="#source-(\d)" id="cite-(\d)-(\d)">(\d)</a>', page)
    assert refs == [("1", "1", "1", "1"), ("1", "1", "2", "1"), ("3", "3", "1", "3"), ("2", "2", "1", "2")]
    assert "<code>[@2]</code>" in page
    assert "<code>[@2] in a code block" in page
    for number, backlinks in {1: ["cite-1-1", "cite-1-2"], 2: ["cite-2-1"], 3: ["cite-3-1"]}.items():
        item = re.search(rf'<li id="source-{number}">(.*?)</li>', page, re.DOTALL).group(1)
        assert re.findall(r'href="#(cite-[^"]+)"', item) == backlinks


def test_a_body_without_citations_renders_no_backlinks_and_warns_nothing(corpus):
    corpus.write("a.md", cited_brief("No citations here; [@ not one] nor [x]."))
    assert corpus.problems() == []
    page = article(corpus.build() / "briefs" / "a" / "index.html")
    assert "citation-ref" not in page and "citation-backlinks" not in page


def test_citing_a_missing_source_is_an_error_on_its_line(corpus):
    path = corpus.write("a.md", cited_brief("Fine [@1, @2, @3].\n\nThen [@4] and [@tow-0602].\n"))
    errors = [(p.line, p.message) for p in corpus.problems() if p.severity == "error"]
    line = lines_of(path, "Then [@4]")
    assert errors == [
        (line, "citation '[@4]': this brief has no source '4' (sources are numbered 1 to 3, or named by id)"),
        (line, "citation '[@tow-0602]': this brief has no source 'tow-0602' (sources are numbered 1 to 3, or named by id); did you mean 'two-0602'?"),
    ]
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


def test_a_source_never_cited_in_a_citing_body_is_a_warning(corpus):
    path = corpus.write("a.md", cited_brief("Only [@1] and [@two-0602]."))
    problems = [(p.severity, p.line, p.message) for p in corpus.problems()]
    assert problems == [("warning", lines_of(path, "publisher: Three"), "source 3 (Three) is never cited in the body")]
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    assert main(["check", "--strict", "--briefs", str(corpus.briefs)]) == 1


def test_duplicate_source_id_is_an_error(corpus):
    sources = SOURCES.replace("  - publisher: Three\n", "  - publisher: Three\n    id: two-0602\n")
    path = corpus.write("a.md", cited_brief("All [@1, @2, @3].", sources))
    errors = [(p.line, p.message) for p in corpus.problems() if p.severity == "error"]
    assert errors == [(lines_of(path, "publisher: Three"), "source 3: id 'two-0602' is also source 2's; ids must differ")]
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize("value", ["<b>x</b>", "Two 0602", "[@1]"])
def test_a_source_id_is_an_id_so_markup_never_reaches_a_page(corpus, value):
    sources = SOURCES.replace("id: two-0602", f"id: '{value}'")
    corpus.write("a.md", cited_brief("All [@1, @2, @3].", sources))
    errors = [p.message for p in corpus.problems() if p.severity == "error"]
    assert len(errors) == 1 and f"'id' '{value}' is not an id" in errors[0]


def test_a_publisher_type_outside_the_list_never_reaches_a_page(corpus):
    corpus.registry("publishers", "- id: x\n  name: X\n  type: '<script>alert(1)</script>'\n")
    corpus.write("a.md", brief_text().replace("Example Wire", "X"))
    assert ["'type' must be one of" in p.message for p in corpus.problems() if p.severity == "error"] == [True]


def test_sample_citations_match_the_raw_bodies(sample_site):
    """Computed from the raw files: each brief's citations, by source number, and the backlinks."""
    checked = 0
    for path in (PROJECT / "briefs").rglob("2*.md"):
        _, front, body = path.read_text().split("---\n", 2)
        sources = yaml.safe_load(front)["sources"]
        keys = {str(i + 1): i + 1 for i in range(len(sources))} | {s["id"]: i + 1 for i, s in enumerate(sources) if "id" in s}
        cited = [keys[key.strip()[1:]] for group in RAW_CITATION.findall(body) for key in group.split(",")]
        page = article(sample_site / "briefs" / path.stem / "index.html")
        assert [int(n) for n in re.findall(r'class="citation-ref" href="#source-(\d+)"', page)] == cited, path.name
        counts = Counter(cited)
        for number in range(1, len(sources) + 1):
            item = re.search(rf'<li id="source-{number}">(.*?)</li>', page, re.DOTALL).group(1)
            assert len(re.findall(r'href="#cite-', item)) == counts[number], (path.name, number)
        checked += bool(cited)
    assert checked >= 15
