"""The theme's nav is drawn once per folder, not once per page (generator.engines.nav_cache):
every page MkDocs writes is the same byte for byte as with the theme drawing the nav itself,
pages in the nav and pages at every depth included, while the nav is drawn for far fewer
pages than are built."""

from __future__ import annotations

from pathlib import Path

import pytest

from built_project import built_project, project_pages
from generator.engines import mkdocs_runner, nav_cache
from generator.urls import page_output


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return built_project(tmp_path_factory.mktemp("nav"), 60)


def _count_draws(monkeypatch) -> list[int]:
    draws = [0]
    cached = nav_cache._cached

    def counting(draw, recorder):
        def counted(context):
            draws[0] += 1
            yield from draw(context)

        return cached(counted, recorder)

    monkeypatch.setattr(nav_cache, "_cached", counting)
    return draws


def test_pages_are_the_same_with_the_nav_drawn_once_per_folder(project, tmp_path, monkeypatch):
    pages = project_pages(project)
    draws = _count_draws(monkeypatch)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "cached", 0, pages, True, 1)
    folders = {str(Path(page).parent) for page in pages}
    assert 0 < draws[0] <= len(folders) + 10 < len(pages) / 4, (draws[0], len(folders), len(pages))
    monkeypatch.setattr(nav_cache, "install", lambda env: None)
    mkdocs_runner.build_pages(project / "mkdocs.yml", tmp_path / "theme", 0, pages, True, 1)
    for page in pages:
        built = (tmp_path / "cached" / page_output(page)).read_bytes()
        assert built == (tmp_path / "theme" / page_output(page)).read_bytes(), page
    assert b'class="md-nav__link md-nav__link--active"' in (tmp_path / "cached" / "index.html").read_bytes()
