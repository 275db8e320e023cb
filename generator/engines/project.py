"""Stage 4, engines: the generated project the engine builds, written and read back.

The project is a plain MkDocs project in the cache folder: the site's
``mkdocs.yml`` inherited with pages, nav and theme overrides set
(:func:`generated_config`), the rendered pages as Markdown files, assets and
overrides (:func:`write_project`). Once it is written, a build lets go of its
rendered pages, and what still needs them reads them here (:class:`ProjectPages`).

>>> config_path = write_project(cache.project, pages, plan, options, generated_config(options), site)  # doctest: +SKIP
>>> ProjectPages(config_path.parent / "docs", runner("mkdocs").source_path, pages)["index.md"][:3]  # doctest: +SKIP
'---'
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Callable, Protocol

import yaml

from ..config.mkdocs_yml import SiteConfig, read_site_config
from ..config.options import NAV, Options
from . import runner

THEME_OVERRIDES = "overrides"  # in site_templates/ and in the generated project


class Changes(Protocol):
    """What to write: every page (``full``) or only the ``changed`` ones, and what to remove."""

    full: bool
    changed: list[str]
    removed: list[str]


def generated_config(options: Options, site: SiteConfig | None = None) -> str:
    """The generated project's mkdocs.yml: the site's own config plus pages and nav."""
    site = site or read_site_config(options.config_file)
    engine = runner(options.engine)
    config = {
        "INHERIT": str(options.config_file.resolve()),
        "docs_dir": "docs",
        "use_directory_urls": True,
        "nav": [{title: engine.source_path(path)} for title, path in NAV],
        **site.overrides,
        "theme": {"custom_dir": THEME_OVERRIDES},
        **engine.settings(site.overrides),
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def write_project(
    project_dir: Path, pages: Mapping[str, bytes], plan: Changes, options: Options, config_text: str, site: SiteConfig
) -> Path:
    """Write the plain MkDocs project (Markdown pages as UTF-8, assets, theme overrides, mkdocs.yml);
    return its config path. The site's own ``custom_dir`` is laid over briefing's overrides."""
    docs_dir = project_dir / "docs"
    if plan.full:
        shutil.rmtree(project_dir, ignore_errors=True)
        assets = options.templates_dir / "assets"
        if assets.is_dir():
            shutil.copytree(assets, docs_dir / "assets")
        for overrides in (options.templates_dir / THEME_OVERRIDES, site.custom_dir):
            if overrides is not None and overrides.is_dir():
                shutil.copytree(overrides, project_dir / THEME_OVERRIDES, dirs_exist_ok=True)
        (project_dir / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    source_path = runner(options.engine).source_path
    for relative in plan.changed:
        page = docs_dir / source_path(relative)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(pages[relative])
    for relative in plan.removed:
        (docs_dir / source_path(relative)).unlink(missing_ok=True)
    return project_dir / "mkdocs.yml"


class ProjectPages(Mapping):
    """The ``pages`` as written in the project's ``docs`` folder, each read when asked for
    (about 330 MiB of text at 10,000 briefs that a build need not hold)."""

    def __init__(self, docs_dir: Path, source_path: Callable[[str], str], pages: Iterable[str]) -> None:
        self.docs_dir, self.source_path, self.pages = docs_dir, source_path, frozenset(pages)

    def __getitem__(self, page: str) -> str:
        if page not in self.pages:
            raise KeyError(page)
        return (self.docs_dir / self.source_path(page)).read_bytes().decode("utf-8")  # as written: no newline translation

    def __iter__(self) -> Iterator[str]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)
