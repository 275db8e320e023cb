"""``briefing serve``'s quick path: the edited brief's page first, before the whole build.

When the only inputs that changed since the last build are existing brief files,
their pages are checked, rendered, and put through MkDocs' theme from a config,
files and nav loaded once and kept warm in the serve process. The server hands out
the finished pages from memory in place of the site's files until the normal build
lands: the site is never written behind the build's back (its files may be hard
links shared with older copies, and a changed file would make the next build a
full one), so the normal build stays incremental. Anything else, or any
problem on the way, and the quick path gives up: the normal build follows
in every case and brings lists, feeds and search up to date.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from ..build import build_date, check
from ..config.mkdocs_yml import apply, read_site_config
from ..config.site_url import SiteAddress
from ..config.options import Options
from ..engines.mkdocs_config import load_config
from ..pages.render import render_pages
from ..publish.cache import SiteCache
from ..urls import brief_page, page_output

Snapshot = dict  # path -> (mtime_ns, size)


def snapshot(options: Options) -> Snapshot:
    """Every watched input's stats: briefs, registries, templates and mkdocs.yml."""
    stats: Snapshot = {}
    for root in (options.briefs_dir, options.templates_dir, options.config_file):
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else ()
        for path in paths:
            try:
                found = path.stat()
            except OSError:
                continue
            stats[str(path.resolve())] = (found.st_mtime_ns, found.st_size)
    return stats


def edited_briefs(before: Snapshot, after: Snapshot, options: Options) -> list[Path] | None:
    """The brief files edited in place, if nothing else changed (no file added or removed,
    no registry, template or config); else None."""
    if before.keys() != after.keys():
        return None
    changed = [Path(path) for path in after if after[path] != before[path]]
    briefs = options.briefs_dir.resolve()
    if not changed or any(path.suffix != ".md" or briefs not in path.parents for path in changed):
        return None
    return changed


class _Everything(frozenset):
    """Every page but ``wanted``: ``render_pages`` skips what is in it."""

    def __new__(cls, wanted: set[str]):
        made = super().__new__(cls)
        made.wanted = wanted
        return made

    def __contains__(self, page: object) -> bool:
        return page not in self.wanted


class WarmTheme:
    """MkDocs' config, files, nav and Jinja environment over the generated project, loaded once."""

    def __init__(self, config_path: Path) -> None:
        from mkdocs.commands.build import get_navigation
        from mkdocs.structure.files import get_files, set_exclusions

        self.site_dir = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        config = load_config(config_file=str(config_path), site_dir=str(self.site_dir), strict=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        self.nav = config.plugins.on_nav(nav, config=config, files=files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.files = config, files

    def page_html(self, source: str, markdown: str) -> bytes:
        """The finished HTML of the page ``source`` (under docs/) with ``markdown`` as its text."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.pages import Page

        file = self.files.get_file_from_path(source)
        if file is None:
            raise LookupError(source)
        file.content_string = markdown
        if file.page is None:
            Page(None, file, self.config)
        _populate_page(file.page, self.config, self.files)
        _build_page(file.page, self.config, self.files.documentation_pages(), self.nav, self.env)
        built = Path(file.abs_dest_path)
        try:
            return built.read_bytes()
        finally:
            built.unlink()


def show_edited(
    options: Options, engine: str | None, theme: WarmTheme | None, edited: list[Path]
) -> tuple[WarmTheme, dict[str, bytes]] | None:
    """The edited briefs' finished pages, ``{file under the site: HTML}``, and the warm theme;
    None if the quick path gave up (the normal build then shows whatever is wrong)."""
    site_config = read_site_config(options.config_file)
    options = apply(options, site_config)
    options = replace(options, engine=engine or options.engine)
    if options.engine != "mkdocs":
        return None
    cache = SiteCache(options.out_dir)
    checked = check(options, cache)
    if checked.failed(options.strict):
        return None
    slugs = {str(Path(brief.path).resolve()): brief.slug for brief in checked.index.newest_first}
    if any(str(path) not in slugs for path in edited):  # a draft, or a brief not published
        return None
    wanted = {brief_page(slugs[str(path)]) for path in edited}
    newest = max((brief.last_changed for brief in checked.index.newest_first), default=datetime.date(1970, 1, 1))
    address = SiteAddress(site_config.site_url, site_config.site_name, newest)
    pages = render_pages(checked.index, options.templates_dir, skip=_Everything(wanted), address=address,
                         split_threshold=options.split_threshold, month_threshold=options.month_threshold)
    theme = theme or WarmTheme(cache.project / "mkdocs.yml")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(build_date(checked.index))
    logging.getLogger("mkdocs").disabled = True  # its warnings come again, in order, from the normal build
    try:
        return theme, {page_output(page): theme.page_html(page, pages[page]) for page in sorted(wanted)}
    finally:
        logging.getLogger("mkdocs").disabled = False
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
