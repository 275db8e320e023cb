"""The round pack within the page budget (3,000 elements) at 10,000 briefs, by arithmetic:
a 10,000-brief build is too slow for CI, so the elements of each brief's part of the pack
are counted on a small demo corpus, parsed from the HTML, and multiplied out."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build, check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options

PROJECT = Path(__file__).resolve().parent.parent
ELEMENT_BUDGET = 3000
BRIEFS_PER_ROUND = 100  # 10,000 demo briefs over 100 rounds: the largest round holds 81, a third have none


class Elements(HTMLParser):
    """Counts the elements of a page, and those inside each brief's section and the list of all sources."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.total, self.sections, self.all_sources = 0, [], 0
        self.open: list[tuple[str, str | None]] = []  # (tag, the part it counts toward)

    def handle_starttag(self, tag, attrs):
        self.total += 1
        classes = (dict(attrs).get("class") or "").split()
        part = self.open[-1][1] if self.open else None
        if "pack-brief" in classes:
            self.sections.append(0)
            part = "brief"
        elif "pack-sources" in classes:
            part = "sources"
        if part == "brief":
            self.sections[-1] += 1
        elif part == "sources":
            self.all_sources += 1
        if tag not in self.VOID:
            self.open.append((tag, part))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> list[Elements]:
    root = tmp_path_factory.mktemp("pack-budget")
    write_demo_corpus(150, root / "briefs")
    options = Options(briefs_dir=root / "briefs", out_dir=root / "site", config_file=PROJECT / "mkdocs.yml")
    checked = check(options)
    assert not checked.failed(strict=False)
    build(options, checked)
    counted = []
    for page in sorted((options.out_dir / "rounds").glob("*/pack/index.html")):
        elements = Elements()
        elements.feed(page.read_text(encoding="utf-8"))
        counted.append(elements)
    return [elements for elements in counted if elements.sections]


def test_the_largest_pack_at_10000_briefs_holds_the_element_budget(packs):
    # page = fixed part (chrome, round facts, positions) + per brief (its section + its sources
    # in the list of all sources); at 10,000 briefs a round holds at most BRIEFS_PER_ROUND briefs.
    per_brief = max(max(p.sections) + -(-p.all_sources // len(p.sections)) for p in packs)
    fixed = max(p.total - sum(p.sections) - p.all_sources for p in packs)
    assert fixed + BRIEFS_PER_ROUND * per_brief <= ELEMENT_BUDGET, (fixed, per_brief)

