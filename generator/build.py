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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from .config import NAV, Options
from .index import SiteIndex, build_index
from .load import load_corpus
from .model import Problem
from .render import render_pages
from .validate import validate


class BuildError(Exception):
    """The site could not be built; the message says why, the old site is untouched."""


@dataclass(frozen=True)
class Checked:
    index: SiteIndex
    problems: list[Problem]

    def failed(self, strict: bool) -> bool:
        return any(p.severity == "error" or strict for p in self.problems)


def check(options: Options) -> Checked:
    """Stages 1–3: load, validate, index."""
    corpus, problems = validate(load_corpus(options.briefs_dir))
    return Checked(build_index(corpus, include_drafts=options.drafts), problems)


def write_project(index: SiteIndex, options: Options, project_dir: Path) -> Path:
    """Write a plain MkDocs project (Markdown pages, assets, mkdocs.yml); return its config path."""
    docs_dir = project_dir / "docs"
    for relative, text in render_pages(index, options.templates_dir).items():
        page = docs_dir / relative
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    assets = options.templates_dir / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs_dir / "assets", dirs_exist_ok=True)
    config = {
        "INHERIT": str(options.config_file.resolve()),
        "docs_dir": "docs",
        "nav": [{title: path} for title, path in NAV],
    }
    config_path = project_dir / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


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


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_path: Path, site_dir: Path, strict: bool, epoch: int) -> list[str]:
    """Build with MkDocs from Python; return its warnings."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    counter = _WarningCounter()
    logger.addHandler(counter)
    try:
        with _environment("SOURCE_DATE_EPOCH", str(epoch)):
            config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=strict)
            mkdocs_build(config)
    except (exceptions.MkDocsException, OSError, yaml.YAMLError) as error:
        raise BuildError(f"mkdocs build failed: {error}") from error
    finally:
        logger.removeHandler(counter)
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


def swap_in(new_site: Path, out_dir: Path) -> None:
    if out_dir.exists():
        retired = out_dir.with_name(f".{out_dir.name}.retired-{os.getpid()}")
        os.replace(out_dir, retired)
        os.replace(new_site, out_dir)
        shutil.rmtree(retired)
    else:
        os.replace(new_site, out_dir)


def build(options: Options, checked: Checked) -> list[str]:
    """Build the site from a clean check into ``options.out_dir``; return MkDocs' warnings."""
    if not options.config_file.is_file():
        raise BuildError(f"{options.config_file} not found; pass --config with the site's mkdocs.yml")
    out_dir = options.out_dir
    ensure_replaceable(out_dir, options)
    out_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.resolve().parent))
    try:
        config_path = write_project(checked.index, options, staging / "project")
        warnings = run_mkdocs(config_path, staging / "site", options.strict, build_date(checked.index))
        swap_in(staging / "site", out_dir)
        return warnings
    finally:
        shutil.rmtree(staging, ignore_errors=True)
