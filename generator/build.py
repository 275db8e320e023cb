"""Stage 5: write the MkDocs project, build it with MkDocs, and swap the site in.

``mkdocs build`` empties its site_dir before it writes, so it builds into a
staging folder beside ``--out``; the old site is replaced only on success.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from .cache import Plan, SiteCache, fingerprint, page_output
from .config import NAV, Options
from .index import SiteIndex, build_index
from .load import RawCorpus, load_corpus
from .model import Problem
from .render import render_pages
from .validate import validate


class BuildError(Exception):
    """The site could not be built; the message says why, the old site is untouched."""


@dataclass(frozen=True)
class Checked:
    index: SiteIndex
    problems: list[Problem]
    loaded: RawCorpus

    def failed(self, strict: bool) -> bool:
        return any(p.severity == "error" or strict for p in self.problems)


def check(options: Options, cache: SiteCache | None = None) -> Checked:
    """Stages 1–3: load (reusing the cache's parsed files), validate, index."""
    loaded = load_corpus(options.briefs_dir, cache.parsed() if cache else None)
    corpus, problems = validate(loaded)
    return Checked(build_index(corpus, include_drafts=options.drafts), problems, loaded)


def generated_config(options: Options) -> str:
    """The generated project's mkdocs.yml: the site's own config plus pages and nav."""
    config = {
        "INHERIT": str(options.config_file.resolve()),
        "docs_dir": "docs",
        "use_directory_urls": True,
        "nav": [{title: path} for title, path in NAV],
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def write_project(project_dir: Path, pages: dict[str, str], plan: Plan, options: Options, config_text: str) -> Path:
    """Write the plain MkDocs project (Markdown pages, assets, mkdocs.yml); return its config path."""
    docs_dir = project_dir / "docs"
    if plan.full:
        shutil.rmtree(project_dir, ignore_errors=True)
        assets = options.templates_dir / "assets"
        if assets.is_dir():
            shutil.copytree(assets, docs_dir / "assets")
        (project_dir / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    for relative in plan.changed:
        page = docs_dir / relative
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(pages[relative], encoding="utf-8")
    for relative in plan.removed:
        (docs_dir / relative).unlink(missing_ok=True)
    return project_dir / "mkdocs.yml"


def build_date(index: SiteIndex) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the newest brief: never the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    newest = index.newest_first[0].date if index.newest_first else datetime.date(1970, 1, 1)
    return int(datetime.datetime(newest.year, newest.month, newest.day, tzinfo=datetime.timezone.utc).timestamp())


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
    """MkDocs warns on every --dirty build; ours merges the search index, so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def _fresh_inodes() -> Iterator[None]:
    """Make MkDocs replace files instead of writing into them.

    An incremental build starts from hard links to the published site; writing
    into a linked file would change the published site before the swap.
    """
    from mkdocs import utils

    write_file, copy_file = utils.write_file, utils.copy_file

    def replace_then(original):
        def wrapper(source, output_path: str) -> None:
            if os.path.isfile(output_path):
                os.unlink(output_path)
            original(source, output_path)

        return wrapper

    utils.write_file, utils.copy_file = replace_then(write_file), replace_then(copy_file)
    try:
        yield
    finally:
        utils.write_file, utils.copy_file = write_file, copy_file


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_path: Path, site_dir: Path, strict: bool, epoch: int, dirty: bool = False) -> list[str]:
    """Build with MkDocs from Python; return its warnings."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    counter, dirty_warning = _WarningCounter(), _DropDirtyWarning()
    logger.addHandler(counter)
    logging.getLogger("mkdocs.commands.build").addFilter(dirty_warning)
    try:
        with _environment("SOURCE_DATE_EPOCH", str(epoch)), _fresh_inodes():
            config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=strict)
            mkdocs_build(config, dirty=dirty)
    except (exceptions.MkDocsException, OSError, yaml.YAMLError) as error:
        raise BuildError(f"mkdocs build failed: {error}") from error
    finally:
        logger.removeHandler(counter)
        logging.getLogger("mkdocs.commands.build").removeFilter(dirty_warning)
    return counter.messages


def ensure_replaceable(out_dir: Path, options: Options) -> None:
    """Refuse an --out that is not a site this tool built, or that holds the inputs."""
    out = out_dir.resolve()
    for input_path in (Path.cwd(), options.briefs_dir, options.config_file, options.templates_dir):
        resolved = input_path.resolve()
        if resolved == out or out in resolved.parents:
            raise BuildError(f"refusing to build into {out_dir}: it contains {input_path}")
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / "sitemap.xml").exists())):
        raise BuildError(f"refusing to replace {out_dir}: it exists and does not look like a built site")


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links: instant, and safe while nothing writes into the links."""
    for folder, _, names in os.walk(source):
        destination = target / os.path.relpath(folder, source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(os.path.join(folder, name), destination / name)


def drop_rebuilt(site: Path, plan: Plan) -> None:
    """In a linked copy of the published site, drop what this build rewrites or removes."""
    for relative in plan.changed + plan.removed:
        (site / page_output(relative)).unlink(missing_ok=True)
    for relative in plan.removed:
        with contextlib.suppress(OSError):
            (site / page_output(relative)).parent.rmdir()
    (site / "sitemap.xml.gz").unlink(missing_ok=True)


def swap_in(new_site: Path, out_dir: Path, retired: Path) -> None:
    """Put the new site in place; the old one moves to ``retired`` for deletion."""
    if out_dir.exists():
        os.replace(out_dir, retired)
    os.replace(new_site, out_dir)


class _Background:
    """File-system work (hard-linking or deleting a whole site) that runs while Python works.

    ``cp -al`` and ``rm -rf`` run as processes, so they do not compete for the
    GIL; where they are missing, the same work runs in a thread.
    """

    def __init__(self, command: list[str], fallback, *args):
        self.process: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.fallback, self.args = fallback, args
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError:
            self._start_thread()

    def _start_thread(self) -> None:
        def run() -> None:
            try:
                self.fallback(*self.args)
            except BaseException as error:  # re-raised by wait()
                self.error = error

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.process is not None:
            _, stderr = self.process.communicate()
            process, self.process = self.process, None
            if process.returncode != 0:
                self._start_thread()
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            raise BuildError(f"could not prepare the build folder: {self.error}")


def link_in_background(source: Path, target: Path) -> _Background:
    return _Background(["cp", "-al", "--", str(source), str(target)], _relink, source, target)


def _relink(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    link_tree(source, target)


def delete_in_background(folder: Path) -> _Background:
    return _Background(["rm", "-rf", "--", str(folder)], shutil.rmtree, folder)


def build(options: Options, checked: Checked, cache: SiteCache | None = None) -> list[str]:
    """Build the site from a clean check into ``options.out_dir``; return MkDocs' warnings.

    Reuses the previous build where it can (see :mod:`generator.cache`).
    """
    if not options.config_file.is_file():
        raise BuildError(f"{options.config_file} not found; pass --config with the site's mkdocs.yml")
    out_dir = options.out_dir
    ensure_replaceable(out_dir, options)
    config_text = generated_config(options)
    print_ = fingerprint(options.templates_dir, options.config_file, config_text)
    cache = cache or SiteCache(out_dir)
    reusable = cache.reusable(print_, out_dir)
    out_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.resolve().parent))
    site = staging / "site"
    linking = link_in_background(out_dir, site) if reusable else None
    try:
        unchanged = cache.unchanged_brief_pages(checked.index, checked.loaded) if reusable else set()
        pages = render_pages(checked.index, options.templates_dir, skip=unchanged)
        hashes = cache.page_hashes(pages, unchanged)
        plan = cache.plan(reusable, hashes)
        cache.invalidate()
        config_path = write_project(cache.project, pages, plan, options, config_text)
        if linking is not None:
            linking.wait()
            drop_rebuilt(site, plan)
        warnings = run_mkdocs(config_path, site, options.strict, build_date(checked.index), dirty=not plan.full)
        search_index = cache.merge_search(site, plan, list(hashes))
        swap_in(site, out_dir, staging / "retired")
        cleanup = delete_in_background(staging)
        cache.save(print_, hashes, search_index, checked.loaded)
        cleanup.wait()
        return warnings
    finally:
        if linking is not None:
            with contextlib.suppress(BuildError):
                linking.wait()
        shutil.rmtree(staging, ignore_errors=True)
