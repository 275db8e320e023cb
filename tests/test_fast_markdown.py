"""Generated pages skip Python-Markdown: for every page of the sample site and of a demo
corpus, the fast path's HTML, table of contents, title and anchors are those of MkDocs'
own ``Page.render``; a page it cannot prove goes through ``Page.render``; the built site
is the same byte for byte with and without it, and with processes started ahead (prestart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from conftest import PROJECT
from generator.build import build, check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options
from generator.engines import fast_markdown, mkdocs_runner
from generator.engines.raw_html import set_aside
from generator.urls import page_output


def _build(briefs: Path, out: Path) -> Path:
    options = Options(briefs_dir=briefs, out_dir=out, config_file=PROJECT / "mkdocs.yml", engine="mkdocs")
    checked = check(options)
    assert not checked.failed(strict=False), [str(p) for p in checked.problems]
    build(options, checked)
    return out


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("fast")
    write_demo_corpus(200, root / "demo")
    _build(PROJECT / "briefs", root / "sample" / "site")
    _build(root / "demo", root / "demo-site" / "site")
    return [root / folder / ".site.briefing-cache" / "project" for folder in ("sample", "demo-site")]


def _toc(items) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _rendered(config, files, file, fast: bool) -> tuple:
    page = Page(None, file, config)
    page.read_source(config)
    page.markdown, _ = set_aside(page.markdown)
    _rendered.fast += fast and fast_markdown.render(page.markdown, True) is not None
    if fast:
        with mkdocs_runner._fast_markdown():
            page.render(config, files)
    else:
        page.render(config, files)
    return page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids, page.links_to_anchors


def test_the_fast_path_renders_every_page_as_python_markdown_does(projects):
    for project in projects:
        config = load_config(config_file=str(project / "mkdocs.yml"))
        files = get_files(config)
        pages = [file for file in files if file.is_documentation_page()]
        _rendered.fast = 0
        for file in pages:
            assert _rendered(config, files, file, fast=True) == _rendered(config, files, file, fast=False), file.src_uri
        assert _rendered.fast >= 0.9 * len(pages), (project, _rendered.fast, len(pages))


@pytest.mark.parametrize(
    "markdown",
    [
        "# Same\n\n## Same\n\nbriefingrawblock0x\n## Same\n### Same 1\n",
        "## briefs\\.json\n\n## BSS \\(AFP\\) \\- Ünï — x > y & z\n\n## TASS (state-aligned, RU)  \n",
        "briefingrawblock0x\n\n# Not first\n\n###### Six\n",
    ],
)
def test_headings_and_placeholders_render_as_python_markdown_renders_them(markdown):
    md = Markdown(extensions=["toc", "tables", "fenced_code"], extension_configs={"toc": {"permalink": True}})
    rendered = fast_markdown.render(markdown, True)
    assert rendered is not None
    assert (rendered.content, rendered.toc_tokens) == (md.convert(markdown), md.toc_tokens)


@pytest.mark.parametrize(
    "markdown",
    [
        "# Title\n\nbriefingrawblock0x\n\n## With *emphasis*\n",
        "## A [link](other.md)\n",
        "## Code `x`\n",
        "## An &amp; entity\n",
        "briefingrawblock0x\nbriefingrawblock1x\n",
        "Plain paragraph\n",
        "## Closed ##\n",
    ],
)
def test_a_page_the_fast_path_cannot_prove_goes_through_python_markdown(markdown):
    assert fast_markdown.render(markdown, True) is None


def test_a_site_with_other_markdown_settings_goes_through_python_markdown(tmp_path):
    for extensions, toc in ((["toc", "tables", "attr_list"], {"permalink": True}), (["toc"], {"permalink": "#"}), (["toc"], {"toc_depth": 2})):
        config = {"markdown_extensions": extensions, "mdx_configs": {"toc": toc}}
        assert fast_markdown.permalink_of(config) is None
    assert fast_markdown.permalink_of({"markdown_extensions": ["toc", "tables", "fenced_code"], "mdx_configs": {"toc": {"permalink": True}}}) is True


def test_the_built_site_is_the_same_without_the_fast_path(tmp_path, monkeypatch):
    fast = _build(PROJECT / "briefs", tmp_path / "fast" / "site")
    monkeypatch.setattr(fast_markdown, "render", lambda markdown, permalink: None)
    slow = _build(PROJECT / "briefs", tmp_path / "slow" / "site")
    fast_files = sorted(path.relative_to(fast) for path in fast.rglob("*") if path.is_file())
    assert fast_files == sorted(path.relative_to(slow) for path in slow.rglob("*") if path.is_file())
    for path in fast_files:
        assert (fast / path).read_bytes() == (slow / path).read_bytes(), path


def test_pages_built_by_prestarted_processes_are_those_of_one_process(projects, tmp_path, monkeypatch):
    project = projects[0]
    pages = sorted(str(path.relative_to(project / "docs")) for path in (project / "docs").rglob("*.md"))
    assert mkdocs_runner.prestart(1, 1000) is None and mkdocs_runner.prestart(2, 99) is None
    monkeypatch.setattr(mkdocs_runner, "PARALLEL_FROM_PAGES", 2)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "two", 0, pages, True, 2, pool=mkdocs_runner.prestart(2, 1000))
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "one", 0, pages, True, 1)
    for page in pages:
        assert (tmp_path / "two" / page_output(page)).read_bytes() == (tmp_path / "one" / page_output(page)).read_bytes(), page
