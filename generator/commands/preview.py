"""``briefing serve``'s quick path: the edited brief's page first, before the whole build.

When the only inputs that changed since the last build are existing brief files,
their pages are checked, rendered, and put through MkDocs' theme from a config,
files and nav loaded once and kept warm in the serve process. The corpus is kept
warm too: loaded and checked once after a good build, then only the edited files
are read and checked again over it (the registries, and the set of files, are
unchanged, or the quick path would not run), so an edit costs one brief's check,
an index and one page, not a load of every brief. The server hands out
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
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import Checked, build_date, check
from ..check.validate import validate
from ..config.mkdocs_yml import SiteConfig, apply, read_site_config
from ..config.options import Options, gc_paused
from ..config.site_url import SiteAddress
from ..engines.mkdocs_config import load_config
from ..pages.index import build_index
from ..pages.render import render_pages
from ..read.load import RawCorpus
from ..read.reload import reload_briefs
from ..publish.cache import SiteCache
from ..urls import brief_page, page_output

Snapshot = dict  # path -> (mtime_ns, size)


def _walk(root: Path, stats: Snapshot) -> None:
    """Every file under ``root`` into ``stats``, by the path the briefs' loader gives it
    (``root / ...``, links followed, each folder once): a scandir, no path resolved."""
    try:
        found = root.stat()
    except OSError:
        return
    if not root.is_dir():
        stats[str(root)] = (found.st_mtime_ns, found.st_size)
        return
    seen, folders = {(found.st_dev, found.st_ino)}, [root]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                found = entry.stat()
            except OSError:
                continue
            path = folder / entry.name
            if entry.is_dir():
                if (found.st_dev, found.st_ino) not in seen:
                    seen.add((found.st_dev, found.st_ino))
                    folders.append(path)
            else:
                stats[str(path)] = (found.st_mtime_ns, found.st_size)


def snapshot(options: Options) -> Snapshot:
    """Every watched input's stats: briefs, registries, templates and mkdocs.yml."""
    stats: Snapshot = {}
    for root in (options.briefs_dir, options.templates_dir, options.config_file):
        _walk(root, stats)
    return stats


def links_a_folder(options: Options) -> bool:
    """Whether a watched folder holds a symbolic link to a folder: file-system events are
    not reported below one, so such inputs are watched by polling."""
    for root in (options.briefs_dir, options.templates_dir):
        for folder, folders, _ in os.walk(root):
            if any(os.path.islink(os.path.join(folder, name)) for name in folders):
                return True
    return False


def edited_briefs(before: Snapshot, after: Snapshot, options: Options) -> list[Path] | None:
    """The brief files edited in place, if nothing else changed (no file added or removed,
    no registry, template or config); else None."""
    if before.keys() != after.keys():
        return None
    changed = [Path(path) for path in after if after[path] != before[path]]
    if not changed or any(path.suffix != ".md" or options.briefs_dir not in path.parents for path in changed):
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

    def __init__(self, config_path: Path, site_dir: Path) -> None:
        from mkdocs.commands.build import get_navigation
        from mkdocs.structure.files import get_files, set_exclusions

        self.site_dir = site_dir
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


@dataclass
class Warm:
    """What the quick path keeps between edits: the corpus as last loaded and checked
    (its briefs' parses, conversions and checks), and MkDocs' theme."""

    loaded: RawCorpus
    theme: WarmTheme


def _site_options(options: Options, engine: str | None) -> tuple[Options, SiteConfig]:
    site_config = read_site_config(options.config_file)
    options = apply(options, site_config)
    return replace(options, engine=engine or options.engine), site_config


def warm_up(options: Options, engine: str | None) -> Warm | None:
    """Load and check the corpus as it is now (reusing the last build's cache) and load the
    theme, for the next edit; None if the site cannot be previewed this way."""
    options, _ = _site_options(options, engine)
    if options.engine != "mkdocs":
        return None
    cache = SiteCache(options.out_dir)
    checked = check(options, cache)
    if checked.failed(options.strict):
        return None
    return Warm(checked.loaded, WarmTheme(cache.project / "mkdocs.yml", options.out_dir.with_name("preview")))


def show_edited(options: Options, engine: str | None, warm: Warm, edited: list[Path]) -> tuple[Warm, dict[str, bytes]] | None:
    """The edited briefs' finished pages, ``{file under the site: HTML}``, and what to keep for
    the next edit; None if the quick path gave up (the normal build then shows whatever is wrong).
    Only the edited files are read and checked again: ``warm`` holds the rest as they were."""
    options, site_config = _site_options(options, engine)
    loaded = reload_briefs(warm.loaded, edited)
    if loaded is None or options.engine != "mkdocs":
        return None
    with gc_paused():
        corpus, problems = validate(loaded, unsafe_html=options.unsafe_html)
        checked = Checked(build_index(corpus, include_drafts=options.drafts), problems, loaded)
    if checked.failed(options.strict):
        return None
    slugs = {brief.path: brief.slug for brief in checked.index.newest_first}
    if any(str(path) not in slugs for path in edited):  # a draft, or a brief not published
        return None
    wanted = {brief_page(slugs[str(path)]) for path in edited}
    newest = max((brief.last_changed for brief in checked.index.newest_first), default=datetime.date(1970, 1, 1))
    address = SiteAddress(site_config.site_url, site_config.site_name, newest)
    pages = render_pages(checked.index, options.templates_dir, skip=_Everything(wanted), address=address,
                         split_threshold=options.split_threshold, month_threshold=options.month_threshold)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(build_date(checked.index))
    logging.getLogger("mkdocs").disabled = True  # its warnings come again, in order, from the normal build
    try:
        shown = {page_output(page): warm.theme.page_html(page, pages[page]) for page in sorted(wanted)}
    finally:
        logging.getLogger("mkdocs").disabled = False
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return Warm(loaded, warm.theme), shown
