"""The pipeline: read, check, render, build with the engine, add the outputs, publish whole.

The next site is assembled complete in a staging folder beside ``--out``: for
a full build MkDocs writes all of it; for an incremental one (see
:mod:`generator.publish.cache`) MkDocs writes the changed pages, which replace their
names in a hard-linked copy of the published site. The search index is made
beside the engine, from the generator's pages, and moved in; then the
manifest is written, the cache saved, and the site swapped in at once
(:mod:`generator.publish.publish`). ``--out`` changes only in that last step.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import progress
from .config.mkdocs_yml import SiteConfig, read_site_config
from .config.options import Options, gc_paused, give_back_freed_memory
from .config.site_url import SiteAddress
from .read.load import RawCorpus, load_corpus
from .check.validate import validate
from .pages.index import SiteIndex, build_index
from .pages.render import render_pages
from .engines import runner
from .engines.project import ProjectPages, generated_config, write_project
from .outputs.build_stamp import write_build_stamp
from .outputs.calendars import write_calendars
from .outputs.data_files import data_files, write_data_files
from .outputs.feeds import write_feeds
from .outputs.schemas import write_published_schemas
from .outputs.search import ShardRuns, bundle_beside, index_pages, place_bundle
from .outputs.search_records import recorded, searched_pages
from .outputs.search_lists import write_search_lists
from .outputs.site_files import OutputKeys, warn_without_site_url
from .publish.cache import Plan, SiteCache, fingerprint
from .publish.linked_copy import link_copy, move_over
from .publish.lock import locked
from .publish.manifest import Published, inspect, write_manifest
from .publish.publish import NEW, Place, clean_stale, place_of, prune_empty_folders, staging, swap_in
from .errors import BuildError
from .model import Problem, fails
from .urls import DATA_PAGE, brief_page, page_output

CORPUS_OUTPUTS = "/corpus"  # the key, among the outputs', of those made from every brief's front matter
LATEST_EPOCH = 2**32 - 1  # gzip (sitemap.xml.gz) stores the build date in 32 bits


class StrictFailure(BuildError):
    """MkDocs warned and ``--strict`` was given; ``warnings`` says where and what."""

    def __init__(self, warnings: list[Problem]):
        super().__init__(f"{len(warnings)} MkDocs warning(s) with --strict")
        self.warnings = warnings


@dataclass(frozen=True)
class Checked:
    index: SiteIndex
    problems: list[Problem]
    loaded: RawCorpus

    def failed(self, strict: bool) -> bool:
        return fails(self.problems, strict)


def check(options: Options, cache: SiteCache | None = None) -> Checked:
    """Stages 1–3: load (reusing the cache's parsed files), validate, index."""
    with gc_paused():
        progress.stage("load")
        loaded = load_corpus(options.briefs_dir, cache.parsed() if cache else None)
        progress.stage("check")
        corpus, problems = validate(loaded, unsafe_html=options.unsafe_html)
        return Checked(build_index(corpus, include_drafts=options.drafts), problems, loaded)


def build_date(index: SiteIndex) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the newest brief: never the clock.
    Kept within 1970–2106, which is what the sitemap's gzip header can hold."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    else:
        newest = index.newest_first[0].date if index.newest_first else datetime.date(1970, 1, 1)
        epoch = (newest - datetime.date(1970, 1, 1)).days * 86400
    return min(max(epoch, 0), LATEST_EPOCH)


def refuse_inputs(place: Place, options: Options) -> None:
    """Refuse an --out that holds the inputs."""
    for out in {place.out, place.site}:
        for input_path in (Path.cwd(), options.briefs_dir, options.config_file, options.templates_dir):
            resolved = input_path.resolve()
            if resolved == out or out in resolved.parents:
                raise BuildError(f"refusing to build into {options.out_dir}: it contains {input_path}")


def index_for_search(
    beside: ThreadPoolExecutor, runs: ShardRuns, site: Path, cache: SiteCache, pages: Mapping[str, str], plan: Plan, config_path: Path,
    published: Published | None, searched: list[str],
) -> Future:
    """THE place for the search index, started beside the engine: records from the generator's
    pages, indexed by Pagefind shard by shard in ``runs`` into a bundle beside ``site`` (the complete
    next site, in staging), which :func:`~.outputs.search.place_bundle` moves in once the engine is done."""
    return beside.submit(index_pages, cache.root, config_path, pages, plan.changed, plan.removed, plan.full, bundle_beside(site),
                         published.root if published else None, runs, searched)


def _shown(warnings: dict[str | None, list[str]], sources: dict[str, str]) -> list[Problem]:
    """MkDocs' warnings as problems of the brief (or page) they come from; MkDocs gives no line."""
    return [
        Problem(sources.get(page, page) if page else "mkdocs", None, "warning", message)
        for page in sorted(warnings, key=lambda page: page or "")
        for message in warnings[page]
    ]


def build(options: Options, checked: Checked, cache: SiteCache | None = None) -> list[str]:
    """Build the site from a clean check and publish it at ``options.out_dir``; return
    MkDocs' warnings as problems of the brief they come from. Nothing at ``--out`` changes
    unless every stage succeeds, and then all of it changes at once."""
    if not options.config_file.is_file():
        raise BuildError(f"{options.config_file} not found; pass --config with the site's mkdocs.yml")
    site_config = read_site_config(options.config_file)
    place = place_of(options.out_dir)
    refuse_inputs(place, options)
    cache = cache or SiteCache(options.out_dir)
    try:
        with locked(place):
            clean_stale(place)
            published = inspect(place.site, options.out_dir)
            with staging(place) as stage:
                return _build_in(stage, place, published, options, checked, cache, site_config)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise BuildError(f"{error.strerror or error}{where}") from None


def _build_in(
    stage: Path, place: Place, published: Published | None, options: Options, checked: Checked, cache: SiteCache, site_config: SiteConfig
) -> list[Problem]:
    config_text = generated_config(options, site_config)
    print_ = fingerprint(options, config_text, site_config.inputs)
    engine = runner(options.engine)
    cache.load()
    reusable = cache.reusable(print_, published, config_text) and not engine.WHOLE_SITE and recorded(cache.root) is not None
    unchanged = cache.unchanged_pages(checked.index, checked.loaded) if reusable else set()
    progress.stage("render")
    newest = max((brief.last_changed for brief in checked.index.newest_first), default=datetime.date(1970, 1, 1))
    address = SiteAddress(site_config.site_url, site_config.site_name, newest)
    corpus_key = cache.corpus_key(checked.loaded, reusable)
    keys = OutputKeys(repr((print_, checked.loaded.registry_digest, options.unsafe_html, address.site_url,
                            address.site_name)), cache.output_keys(reusable))
    # Data files, search lists and calendars depend on front matter only: a body edit leaves them linked.
    same_corpus = keys.unchanged(CORPUS_OUTPUTS, (corpus_key, address.newest))
    downloads = [] if same_corpus and DATA_PAGE in unchanged else data_files(checked.index, address)
    # A full build's engine processes import MkDocs while the pages render; an edit's few pages need none.
    pool = None if reusable else engine.prestart(options.jobs, len(checked.index.newest_first))
    try:
        with gc_paused():
            pages = render_pages(checked.index, options.templates_dir, skip=unchanged, split_threshold=options.split_threshold,
                                 month_threshold=options.month_threshold,
                                 address=address, downloads=downloads, encode=True)
        hashes = cache.page_hashes(pages, unchanged)
        plan = cache.plan(reusable, hashes)
        cache.invalidate()
        config_path = write_project(cache.project, pages, plan, options, config_text, site_config)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    # Written: the search records read the pages from the project, and their text is given
    # back before the engine's processes grow (the build's peak would be both at once).
    written_pages = ProjectPages(config_path.parent / "docs", engine.source_path, pages)
    searched = searched_pages(pages, plan.changed) if plan.full else []
    del pages
    give_back_freed_memory()
    site = stage / NEW
    fresh = site if plan.full else stage / "fresh"
    warnings: dict = cache.page_warnings(plan)
    named = {engine.source_path(page): page for page in hashes}
    epoch = build_date(checked.index)
    warn_without_site_url(options.config_file, address.site_url)
    digests = {path: entry[0] for path, entry in checked.loaded.parsed.items()}

    def write_outputs() -> None:
        """The incremental site's links first, then the whole-site outputs into it: the data
        files first of all, since they are held from render on and the engine's processes are still growing."""
        if not plan.full:
            assert published is not None
            link_copy(published, site, {page_output(page) for page in plan.removed}, place.spare)
        if not same_corpus:
            write_data_files(site, downloads)
        downloads.clear()
        give_back_freed_memory()
        write_build_stamp(site, epoch)
        write_feeds(site, checked.index, address, options.feed_entries, keys, digests)
        if not same_corpus:
            write_calendars(site, checked.index.corpus, address)
            write_search_lists(site, checked.index)
        write_published_schemas(site)
        give_back_freed_memory()

    with ShardRuns() as shard_runs, ThreadPoolExecutor(2) as beside:
        search = index_for_search(beside, shard_runs, site, cache, written_pages, plan, config_path, published, searched)
        # MkDocs writes into ``fresh`` (``site`` itself when full, dirty: never emptied) and runs
        # in other processes, so the outputs are written meanwhile; Zensical replaces the site.
        written = None if engine.WHOLE_SITE else beside.submit(write_outputs)
        progress.stage("pages", total=len(plan.changed))
        for page, message in engine.build_pages(config_path, fresh, epoch, plan.changed, plan.full, options.jobs, pool):
            warnings.setdefault(named.get(page, page), []).append(message)
        shard_runs.engine_done()
        shown = _shown(warnings, {brief_page(brief.slug): brief.path for brief in checked.index.newest_first})
        if options.strict and shown:
            raise StrictFailure(shown)
        write_outputs() if written is None else written.result()
        if not plan.full:
            move_over(fresh, site)
        progress.stage("search index")
        search.result()
    place_bundle(site)
    progress.stage("publish")
    prune_empty_folders(site)
    manifest = write_manifest(site, None if plan.full else published)
    try:
        cache.save(print_, hashes, checked.loaded, manifest, {page: w for page, w in warnings.items() if page}, plan,
                   keys.keys, corpus_key)
    except OSError as error:
        raise BuildError(f"cannot save the build cache in {cache.root}: {error.strerror} ({error.filename})") from None
    swap_in(stage, place, f"{place.out.name}-{manifest.digest[:12]}")
    return shown
