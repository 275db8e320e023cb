"""One Markdown pass: MkDocs converts generated pages with their raw HTML set aside,
and the result is the HTML Python-Markdown gives for the whole page; the table of
contents lists the body's headings too."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest

from conftest import PROJECT, brief_text
from generator.engines.raw_html import put_back, set_aside

EXTENSIONS = ["tables", "toc"]
CONFIGS = {"toc": {"permalink": True}}

PAGES = [
    "<nav class='x'><ol><li>a</li></ol></nav>\n\n# Title\n\n<div class=\"d\">\n<p>b</p>\n\n<p>after a blank</p>\n</div>\n\n## Next\n",
    "<div>a</div>\n<p>b</p>\n\nfoo *bar*\n",  # two blocks on consecutive lines
    "<div>a</div>\ntext on the next line\n\n<ul><li>x</li></ul>\n",  # a block with a tail Markdown must see
    "para line\n<div>no blank line before</div>\n\n<div>ok</div>",
    "<div><div>nested</div>\n<!-- </div> in a comment -->\n</div>\n\n# H",
    "<div title=\"a > b\">quoted &gt;</div> trailing\n\n<section>\n\n# inside\n\n</section>\n",
    "<hr>\n\n<div>unclosed\n\n# heading\n",
    "<p>briefingrawblock0x</p>\n\n<div>the placeholder word in a page</div>\n",
    "<span>inline at line start</span>\n\n<DIV>upper</DIV>\n\n   <div>indented</div>\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n<table><tr><td>raw</td></tr></table>\n\nend",
]


def whole(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def in_one_pass(text: str) -> str:
    kept, blocks = set_aside(text)
    return put_back(markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(kept), blocks)


@pytest.mark.parametrize("text", PAGES)
def test_setting_raw_html_aside_changes_no_byte(text):
    assert in_one_pass(text) == whole(text)


def test_the_blocks_of_a_generated_page_are_set_aside(sample_site_project):
    """The speed-up is real: nearly all of a brief page's bytes bypass Markdown."""
    page = next((sample_site_project / "docs" / "briefs").glob("*.md")).read_text(encoding="utf-8")
    body = page.split("---\n", 2)[2]
    kept, blocks = set_aside(body)
    assert whole(body) == in_one_pass(body)
    assert sum(map(len, blocks)) > 0.8 * len(body)


@pytest.fixture
def sample_site_project(corpus):
    corpus.write("a.md", brief_text(body="Text.\n\n## Background\n\nMore.\n\n### Detail <em>x</em>\n\nEnd."))
    corpus.build()
    return corpus.root / ".site.briefing-cache" / "project"


def test_the_table_of_contents_lists_the_body_headings(corpus):
    corpus.write("a.md", brief_text(body="Text.\n\n## Background\n\nMore.\n\n### Detail & more\n\nEnd."))
    page = (corpus.build() / "briefs" / "a" / "index.html").read_text(encoding="utf-8")
    toc = page[page.index('<nav class="md-nav md-nav--secondary"'):]
    toc = toc[: toc.index("<article")]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors.index("background") < anchors.index("detail-more") < anchors.index("sources")
    assert "Detail &amp; more" in toc
