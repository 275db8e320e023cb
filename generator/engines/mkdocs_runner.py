"""Run MkDocs from Python: warnings counted, a fixed build date, and optionally in parallel.

``build_pages`` runs MkDocs over the whole project but renders only the pages
asked for: under ``--dirty``, ``File.is_modified`` decides what is built, and
here it answers "yes" for those pages only. So every page sees the same files
and nav as in a full build, and an edit rebuilds one page. MkDocs renders one
page after another on one core, so a large set of pages is split among
processes; the first writes the theme's files, the sitemap and the 404 page,
the others' pages are moved in beside them. Processes are spawned, not forked:
``serve`` builds while its server threads run; :func:`prestart` spawns them
early. A page of the shape :mod:`.fast_markdown` proves skips Python-Markdown,
and a process holds one page at a time (:mod:`.one_page_at_a_time`).

Each warning comes with the page MkDocs was reading or writing when it was
logged, so that a cached page's warnings can be shown again (``--strict``
gives the same result warm or cold); MkDocs itself never runs strict here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

import yaml

from ..config.options import tune_process
from ..errors import BuildError
from ..urls import page_output
from . import fast_markdown
from .mkdocs_config import load_config
from .one_page_at_a_time import one_page_at_a_time

# Below this many pages a second process costs more than it saves.
PARALLEL_FROM_PAGES = 100
WHOLE_SITE = False  # builds only the pages asked for (see generator.engines)
HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


def source_path(page: str) -> str:
    """Where a page is written in the project: as it is named."""
    return page


def settings(site_overrides: dict | None = None) -> dict:
    """The hooks that hand MkDocs each page with its raw HTML set aside (see :mod:`.raw_html`),
    beside the site's own hooks; their event priorities let the site's hooks see the page's
    whole Markdown and its finished HTML."""
    return {"hooks": [str(HOOKS), *(site_overrides or {}).get("hooks", [])]}


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every --dirty build; ours rebuilds every page that changed, so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


Warning = tuple  # (page under docs/ or None, message)


class _Collector(logging.Handler):
    """Warnings with the page they come from; errors, to say why a build failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[Warning] = []
        self.errors: list[str] = []
        self.config = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
            return
        page = getattr(self.config, "_current_page", None)
        self.warnings.append((page.file.src_uri if page is not None else None, record.getMessage()))


def run_mkdocs(config_path: Path, site_dir: Path, epoch: int) -> list[Warning]:
    """Build with MkDocs from Python, as ``--dirty`` (see ``_only_these_pages``); return its warnings."""
    from jinja2 import TemplateSyntaxError
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build

    logger = logging.getLogger("mkdocs")
    collector, dirty_warning = _Collector(), _DropDirtyWarning()
    logger.addHandler(collector)
    logging.getLogger("mkdocs.commands.build").addFilter(dirty_warning)
    try:
        with _environment("SOURCE_DATE_EPOCH", str(epoch)):
            config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=False)
            collector.config = config
            mkdocs_build(config, dirty=True)
    except TemplateSyntaxError as error:
        raise BuildError(f"mkdocs build failed: {error.filename}:{error.lineno}: {error.message}") from error
    except (exceptions.MkDocsException, OSError, yaml.YAMLError) as error:
        reasons = "; ".join(dict.fromkeys(collector.errors)) or str(error)
        raise BuildError(f"mkdocs build failed: {reasons}") from error
    finally:
        logger.removeHandler(collector)
        logging.getLogger("mkdocs.commands.build").removeFilter(dirty_warning)
    return collector.warnings


@contextlib.contextmanager
def _only_these_pages(pages: set[str], with_static_files: bool) -> Iterator[None]:
    from mkdocs.structure.files import File

    original = File.is_modified

    def is_modified(self: File) -> bool:
        if self.is_documentation_page():
            return self.src_uri in pages
        return with_static_files and original(self)

    File.is_modified = is_modified
    try:
        yield
    finally:
        File.is_modified = original


@contextlib.contextmanager
def _fast_markdown() -> Iterator[None]:
    """Pages of the shape :mod:`.fast_markdown` proves get its HTML; every other page MkDocs' ``render``."""
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    original = Page.render

    def render(self: Page, config, files) -> None:
        permalink = fast_markdown.permalink_of(config)
        rendered = None if permalink is None or self.markdown is None else fast_markdown.render(self.markdown, permalink)
        if rendered is None:
            return original(self, config, files)
        self.content, self.toc = rendered.content, get_toc(rendered.toc_tokens)
        self._title_from_render, self.present_anchor_ids = rendered.title, rendered.anchor_ids
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            links = {anchor: f"#{anchor}" for anchor in sorted(rendered.anchor_ids)} if permalink else {}
            self.links_to_anchors = {self.file: links} if links else {}

    Page.render = render
    try:
        yield
    finally:
        Page.render = original


@contextlib.contextmanager
def _theme_templates(wanted: bool) -> Iterator[None]:
    """The sitemap and 404 page (the theme's static templates), or none: another process writes them."""
    from mkdocs.commands import build

    original = build._build_theme_template
    if not wanted:
        build._build_theme_template = lambda *args: None
    try:
        yield
    finally:
        build._build_theme_template = original


def _build_share(
    config_path: Path, site_dir: Path, epoch: int, pages: set[str], static_files: bool, theme_templates: bool = True
) -> list[Warning]:
    tune_process()
    with _only_these_pages(pages, with_static_files=static_files), _theme_templates(theme_templates):
        with _fast_markdown(), one_page_at_a_time():
            return run_mkdocs(config_path, site_dir, epoch)


def _import_mkdocs() -> None:
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401


def prestart(jobs: int, briefs: int) -> ProcessPoolExecutor | None:
    """Processes for :func:`build_pages` that import MkDocs and Material (half a second each)
    while the build is still loading, checking and rendering; None for one job, or for fewer
    ``briefs`` than make a site worth splitting (a bigger site's pool is then spawned when needed)."""
    if jobs < 2 or briefs < PARALLEL_FROM_PAGES:
        return None
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_import_mkdocs)
    for _ in range(jobs):  # a process is spawned when a task finds none idle
        pool.submit(int)
    return pool


def build_pages(
    config_path: Path, site_dir: Path, epoch: int, pages: list[str], full: bool, jobs: int, pool: ProcessPoolExecutor | None = None
) -> list[Warning]:
    """Build ``pages`` into the empty ``site_dir``, with the theme's files if ``full``, and
    always the sitemap and 404 page; return MkDocs' warnings. ``pool`` (from :func:`prestart`)
    is used if the pages are split among processes, and shut down in any case."""
    jobs = 1 if len(pages) < PARALLEL_FROM_PAGES else jobs
    shares = [set(pages[k::jobs]) for k in range(jobs)]
    if jobs == 1:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return _build_share(config_path, site_dir, epoch, shares[0], full)
    sites = [site_dir] + [site_dir.with_name(f"{site_dir.name}-{k}") for k in range(1, jobs)]
    pool = pool or ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
    with pool:
        futures = [
            pool.submit(_build_share, config_path, sites[k], epoch, shares[k], full and k == 0, k == 0) for k in range(jobs)
        ]
        warnings = [warning for future in futures for warning in future.result()]
    for k in range(1, jobs):
        for page in shares[k]:
            target = site_dir / page_output(page)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(sites[k] / page_output(page), target)
    return warnings
