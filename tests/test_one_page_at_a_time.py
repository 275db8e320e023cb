"""MkDocs holds one page outside the nav at a time (generator.engines.one_page_at_a_time):
while a page is themed, no other page outside the nav holds its Markdown, HTML, front matter
or table of contents, and the pages written are the same byte for byte as when MkDocs reads
every page first; and of the processes sharing the pages, only the first draws the sitemap
and 404 page."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build

from built_project import built_project, project_pages
from generator.engines import mkdocs_runner
from generator.urls import page_output


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return built_project(tmp_path_factory.mktemp("held"), 40)


def _nav_pages(project: Path) -> int:
    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        nav = yaml.safe_load(config)["nav"]
    return len(nav)


def test_one_page_outside_the_nav_is_held_at_a_time(project, tmp_path, monkeypatch):
    pages = project_pages(project)
    theme, held = mkdocs_build._build_page, {"html": [], "front matter": [], "contents": []}

    def counting(page, config, doc_files, *rest, **named):
        read = [file.page for file in doc_files if file.page is not None]
        held["html"].append(sum(page.content is not None for page in read))
        held["front matter"].append(sum(bool(page.meta) for page in read))
        held["contents"].append(sum(bool(page.toc) for page in read))
        return theme(page, config, doc_files, *rest, **named)

    monkeypatch.setattr(mkdocs_build, "_build_page", counting)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "streamed", 0, pages, True, 1)
    assert len(held["html"]) == len(pages) > 10 * _nav_pages(project)
    for kind, counts in held.items():
        assert max(counts) <= _nav_pages(project) + 1, (kind, max(counts))
    assert max(held["front matter"]) > 0 and max(held["contents"]) > 0
    monkeypatch.setattr(mkdocs_runner, "one_page_at_a_time", contextlib.nullcontext)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "whole", 0, pages, True, 1)
    for page in pages:
        assert (tmp_path / "streamed" / page_output(page)).read_bytes() == (tmp_path / "whole" / page_output(page)).read_bytes(), page


def test_only_the_first_process_draws_the_sitemap_and_404_page(project, tmp_path, monkeypatch):
    pages = project_pages(project)
    monkeypatch.setattr(mkdocs_runner, "PARALLEL_FROM_PAGES", 2)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "two", 0, pages, True, 2)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "one", 0, pages, True, 1)
    for name in ("sitemap.xml", "404.html"):
        assert not (tmp_path / "two-1" / name).exists(), name
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
