"""The site's search: a Pagefind index in ``pagefind/``, made beside the engine's rendering.

Pagefind reads what the templates mark: ``data-pagefind-body`` on brief
content and on the name block of actor, round and topic pages, with filters,
sort key and metadata beside it. The records it reads come from the
generator's pages (:mod:`.search_records`), not from the built site, so the
index is written while the engine renders, into a bundle beside the staged
site that :func:`place_bundle` moves in. The index is in shards
(:mod:`.search_shards`): a build re-indexes the shards holding a record it
changed or removed and links the others from the published site, and an
incremental build writes the same bytes as a clean one.
Shards are indexed in threads (:class:`ShardRuns`), each as soon as its
records exist, so that what is left once the engine is done is about one shard.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..errors import BuildError
from ..urls import SEARCH_BUNDLE, page_output
from .pagefind_order import canonicalise
from .search_records import RECORDS_DIR, RecordMaker, update_records as update_page_records
from .search_shards import MOST_SHARDS, index_shard, shard_folder, shard_groups, shard_of, write_shards

ENTRY_FILE = "pagefind-entry.json"
PAGES_DIR = "search-pages"  # in the cache folder: one record per indexed page
MANIFEST = "search-pages.json"  # in the cache folder: every page the records were read from
# Pagefind runs at once while the engine's workers run: each holds about 165 MiB for a shard of 1,300
# pages and adds that to the build's peak; one at 10,000 briefs halves the wait after the engine.
BESIDE_ENGINE = 1
EXCLUDED = [".headerlink"]  # the ¶ after each heading
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_CONTENT = (re.compile(r"<article\b.*?</article>", re.DOTALL), re.compile(r"<main\b.*?</main>", re.DOTALL))


def page_record(html: str) -> str | None:
    """The part of a page Pagefind reads: its <html> tag (the language) and its
    <article> (else <main>); None for a page that search does not cover."""
    if "data-pagefind-body" not in html:
        return None
    tag = _HTML_TAG.search(html)
    content = next((found for pattern in _CONTENT if (found := pattern.search(html))), None)
    if not tag or not content:
        return None
    return f"{tag.group(0)}<body>{content.group(0)}</body></html>"


def html_pages(site_dir: Path) -> list[str]:
    """Every page of the site (``briefs/x/index.html``), sorted."""
    pages = []
    for folder, _, names in os.walk(site_dir):
        if "index.html" in names:
            pages.append(Path(folder, "index.html").relative_to(site_dir).as_posix())
    return sorted(pages)


def update_records(site_dir: Path, records_dir: Path, fresh: set[str] | None) -> set[str] | None:
    """Bring ``records_dir`` in line with the site, reading only the ``fresh`` pages
    and pages it has never seen (all of them if ``fresh`` is None); return the records
    read or removed (None: all of them)."""
    manifest_path = records_dir.with_name(MANIFEST)
    seen: set[str] = set()
    if fresh is None:
        shutil.rmtree(records_dir, ignore_errors=True)
    else:
        try:
            seen = set(json.loads(manifest_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return update_records(site_dir, records_dir, None)
    manifest_path.unlink(missing_ok=True)
    pages = html_pages(site_dir)
    touched = seen.difference(pages)
    for page in sorted(touched):
        (records_dir / page).unlink(missing_ok=True)
    for page in pages:
        if fresh is None or page in fresh or page not in seen:
            touched.add(page)
            record = page_record((site_dir / page).read_text(encoding="utf-8"))
            target = records_dir / page
            if record is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record, encoding="utf-8")
    manifest_path.write_text(json.dumps(pages), encoding="utf-8")
    return None if fresh is None else touched


def _run_pagefind(records_dir: Path, bundle: Path) -> None:
    """Run the Pagefind binary that the ``pagefind[bin]`` wheel carries over the records."""
    command = [sys.executable, "-m", "pagefind", "--site", str(records_dir), "--output-path", str(bundle), "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or not (bundle / ENTRY_FILE).is_file():
        raise BuildError(f"search index failed: {(run.stderr or run.stdout).strip() or f'pagefind exited {run.returncode}'}")


def write_bundle(records_dir: Path, bundle: Path) -> bytes:
    """Index ``records_dir`` into a new folder ``bundle``; return the bundle's entry file."""
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        _run_pagefind(records_dir.resolve(), bundle.resolve())
        canonicalise(bundle)
        return (bundle / ENTRY_FILE).read_bytes()
    except (OSError, ValueError, BuildError) as error:
        shutil.rmtree(bundle, ignore_errors=True)
        raise error if isinstance(error, BuildError) else BuildError(f"search index failed: {error}") from error


def bundle_beside(site_dir: Path) -> Path:
    """Where the bundle for ``site_dir`` is written before it is moved in."""
    return site_dir.parent / f".{site_dir.name}.{SEARCH_BUNDLE}.new"


def place_bundle(site_dir: Path) -> None:
    """Move the bundle written beside ``site_dir`` in as its ``pagefind/``."""
    bundle = site_dir / SEARCH_BUNDLE
    retired = site_dir.parent / f".{site_dir.name}.{SEARCH_BUNDLE}.old"
    if bundle.exists():
        os.replace(bundle, retired)
    os.replace(bundle_beside(site_dir), bundle)
    shutil.rmtree(retired, ignore_errors=True)


class ShardRuns:
    """Runs shards' indexing in threads, at most ``bound`` at once: ``busy`` while the engine's
    workers hold the cores, every core once :meth:`engine_done` says they are free."""

    def __init__(self, busy: int = BESIDE_ENGINE):
        self._pool = ThreadPoolExecutor(MOST_SHARDS, thread_name_prefix="pagefind")
        self._turn = threading.Condition()
        self._bound, self._running = busy, 0

    def __enter__(self) -> ShardRuns:
        return self

    def __exit__(self, *_) -> None:
        self.engine_done()
        self._pool.shutdown()

    def engine_done(self) -> None:
        with self._turn:
            self._bound = max(self._bound, os.cpu_count() or 1)
            self._turn.notify_all()

    def submit(self, function: Callable, *args) -> Future:
        return self._pool.submit(self._in_turn, function, args)

    def _in_turn(self, function: Callable, args: tuple):
        with self._turn:
            self._turn.wait_for(lambda: self._running < self._bound)
            self._running += 1
        try:
            return function(*args)
        finally:
            with self._turn:
                self._running -= 1
                self._turn.notify()


def index_pages(
    cache_dir: Path, config_path: Path, pages: Mapping[str, str], changed: list[str], removed: list[str], full: bool, bundle: Path,
    published: Path | None = None, runs: ShardRuns | None = None, searched: Iterable[str] = (),
) -> bytes:
    """Make the records of the ``changed`` pages and index the shards they touch into ``bundle``,
    linking the others from the ``published`` site: the work that runs beside the engine. A full
    build given the pages that get a record (``searched``, see :func:`.search_records.searched_pages`)
    makes the records shard by shard and starts indexing each shard once its records exist."""
    records_dir, started = cache_dir / RECORDS_DIR, {}
    guess = shard_groups([page_output(page) for page in searched] if full and runs else [])
    waiting = {shard: set(records) for shard, records in guess.items()}

    def made(page: str) -> None:
        shard = shard_of(page_output(page), len(guess))
        waiting[shard].discard(page_output(page))
        if runs and not waiting[shard] and shard not in started and guess[shard]:
            started[shard] = runs.submit(index_shard, records_dir, guess[shard], shard_folder(bundle, shard), write_bundle)

    in_order = sorted(changed, key=lambda page: shard_of(page_output(page), len(guess)))
    records_dir, touched = update_page_records(cache_dir, RecordMaker(config_path), pages, in_order, removed, full, made)
    shards_from = None if full or published is None else published / SEARCH_BUNDLE
    return write_shards(records_dir, bundle, None if full else touched, shards_from, write_bundle, started,
                        *([runs.submit] if runs else []))


def index_site(site_dir: Path, cache_dir: Path, fresh: set[str] | None = None) -> bytes:
    """Index a built site from its HTML pages (the benchmark times Pagefind this way);
    ``fresh``: the pages written since the last index, as ``briefs/x/index.html``."""
    records_dir = cache_dir / PAGES_DIR
    records_dir.mkdir(parents=True, exist_ok=True)
    touched = update_records(site_dir, records_dir, fresh)
    entry = write_shards(records_dir, bundle_beside(site_dir), touched, site_dir / SEARCH_BUNDLE, write_bundle)
    place_bundle(site_dir)
    return entry
