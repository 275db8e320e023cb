"""Stage 5: write the MkDocs project, build it with MkDocs, and put the site in place.

``mkdocs build`` empties its site_dir before it writes, so MkDocs always
builds into a staging folder beside ``--out``, and ``--out`` changes only
after every stage has succeeded.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .cache import Plan, SiteCache, fingerprint
from .config import NAV, Options, gc_paused
from .index import SiteIndex, build_index
from .load import RawCorpus, load_corpus
from .mkdocs_runner import BuildError, build_pages
from .model import Problem
from .render import render_pages
from .urls import page_output
from .validate import validate


@dataclass(frozen=True)
class Checked:
    index: SiteIndex
    problems: list[Problem]
    loaded: RawCorpus

    def failed(self, strict: bool) -> bool:
        return any(p.severity == "error" or strict for p in self.problems)


def check(options: Options, cache: SiteCache | None = None) -> Checked:
    """Stages 1–3: load (reusing the cache's parsed files), validate, index."""
    with gc_paused():
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


def ensure_replaceable(out_dir: Path, options: Options) -> None:
    """Refuse an --out that is not a site this tool built, or that holds the inputs."""
    out = out_dir.resolve()
    for input_path in (Path.cwd(), options.briefs_dir, options.config_file, options.templates_dir):
        resolved = input_path.resolve()
        if resolved == out or out in resolved.parents:
            raise BuildError(f"refusing to build into {out_dir}: it contains {input_path}")
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / "sitemap.xml").exists())):
        raise BuildError(f"refusing to replace {out_dir}: it exists and does not look like a built site")


def swap_in(new_site: Path, out_dir: Path, retired: Path) -> None:
    """Replace the whole site: the old one moves to ``retired`` for deletion."""
    if out_dir.exists():
        os.replace(out_dir, retired)
    os.replace(new_site, out_dir)


def apply_changes(new_files: Path, out_dir: Path, removed: list[str]) -> None:
    """Move the rebuilt files into the published site, one atomic rename each, and
    delete the pages that are gone. Search index and sitemap go last."""
    moves = [Path(folder, name) for folder, _, names in os.walk(new_files) for name in names]
    moves.sort(key=lambda path: path.name in ("search_index.json", "sitemap.xml", "sitemap.xml.gz"))
    for source in moves:
        target = out_dir / source.relative_to(new_files)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    for relative in removed:
        page = out_dir / page_output(relative)
        page.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            page.parent.rmdir()


def build(options: Options, checked: Checked, cache: SiteCache | None = None) -> list[str]:
    """Build the site from a clean check into ``options.out_dir``; return MkDocs' warnings.

    A full build goes to a staging folder that replaces ``--out`` whole. An
    incremental one (see :mod:`generator.cache`) builds only the changed pages,
    then moves them in. Either way nothing in ``--out`` changes until every
    stage has succeeded.
    """
    if not options.config_file.is_file():
        raise BuildError(f"{options.config_file} not found; pass --config with the site's mkdocs.yml")
    out_dir = options.out_dir
    ensure_replaceable(out_dir, options)
    config_text = generated_config(options)
    print_ = fingerprint(options, config_text)
    cache = cache or SiteCache(out_dir)
    reusable = cache.reusable(print_, out_dir)
    out_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.resolve().parent))
    site = staging / "site"
    try:
        unchanged = cache.unchanged_pages(checked.index, checked.loaded) if reusable else set()
        with gc_paused():
            pages = render_pages(checked.index, options.templates_dir, skip=unchanged, split_threshold=options.split_threshold)
        hashes = cache.page_hashes(pages, unchanged)
        plan = cache.plan(reusable, hashes)
        cache.invalidate()
        config_path = write_project(cache.project, pages, plan, options, config_text)
        warnings, indexes = build_pages(
            config_path, site, options.strict, build_date(checked.index), plan.changed, plan.full, options.jobs
        )
        search_index = cache.merge_search(indexes, plan, list(hashes))
        if plan.full:
            swap_in(site, out_dir, staging / "retired")
        else:
            apply_changes(site, out_dir, plan.removed)
        cache.save(print_, hashes, search_index, checked.loaded)
        return warnings
    finally:
        shutil.rmtree(staging, ignore_errors=True)
