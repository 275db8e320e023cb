"""Stage 5, outputs: the search index in shards, each its own Pagefind bundle, merged in the browser.

Pagefind cannot update an index, so one bundle means every edit re-indexes
every page. Here a page's shard is a hash of its record's path (an edit moves
no page), and the number of shards grows with the site in powers of two, so
a small site has one. A build runs Pagefind only over the shards that hold a
changed or removed record; the others are hard-linked from the published
bundle. Shard 0 is ``pagefind/``, shard k ``pagefind/shard-k/``, and
``pagefind/shards.json`` lists the other shards for search.js's
``mergeIndex``. Pagefind ranks a sorted search by each page's position in
its own shard, which says nothing across shards, so ``shard-dates.json``
holds each shard's dates in its sort order for search.js to merge by. Each shard's bytes depend only on its records, so an
incremental build still writes what a clean one does.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..urls import SEARCH_BUNDLE, SEARCH_SHARD_DATES, SEARCH_SHARDS, search_shard

PAGES_PER_SHARD = 500  # a shard is re-indexed in about a fifth of a second
MOST_SHARDS = 8  # each merged shard costs the reader a few requests per search
_SORT_DATE = re.compile(r'data-pagefind-sort="date:(\d{4})-(\d{2})-(\d{2})"')
EPOCH = datetime.date(1970, 1, 1).toordinal()


def shard_count(records: int) -> int:
    """How many shards a site of ``records`` indexed pages has: 1, 2, 4 or 8."""
    count = 1
    while count < MOST_SHARDS and count * 2 * PAGES_PER_SHARD <= records:
        count *= 2
    return count


def shard_of(record: str, count: int) -> int:
    """The shard of a record (``briefs/x/index.html``): a hash, so it never moves while ``count`` holds."""
    return int.from_bytes(hashlib.sha256(record.encode("utf-8")).digest()[:8], "big") % count


def folder(shard: int) -> str:
    """A shard's folder inside ``pagefind/``: '' for shard 0."""
    return search_shard(shard)[len(SEARCH_BUNDLE) + 1 :]


def listed(bundle: Path) -> list[str] | None:
    """The other shards' folders that ``bundle``'s shards.json lists, or None."""
    try:
        value = json.loads((bundle / SEARCH_SHARDS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, list) and all(isinstance(name, str) for name in value) else None


def sort_dates(records_dir: Path, records: list[str]) -> list[int]:
    """The sort dates of a shard's records in Pagefind's order (oldest first), as runs:
    days since 1970 from the last run (the first from 0), then how many pages have that date."""
    days: dict[int, int] = {}
    for record in records:
        found = _SORT_DATE.search((records_dir / record).read_text(encoding="utf-8"))
        if found:
            day = datetime.date(*map(int, found.groups())).toordinal() - EPOCH
            days[day] = days.get(day, 0) + 1
    runs, last = [], 0
    for day in sorted(days):
        runs += [day - last, days[day]]
        last = day
    return runs


def _published_dates(published: Path | None, shards: int) -> list | None:
    try:
        value = json.loads(((published or Path("/nonexistent")) / SEARCH_SHARD_DATES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, list) and len(value) == shards else None


def records_in(records_dir: Path) -> list[str]:
    """Every record in ``records_dir``, as ``briefs/x/index.html``, sorted."""
    found = []
    for where, _, names in os.walk(records_dir):
        found += [Path(where, name).relative_to(records_dir).as_posix() for name in names if name.endswith(".html")]
    return sorted(found)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _reuse(published: Path, shard: int, target: Path) -> None:
    """Hard-link a published shard's bundle into ``target``, leaving out the shards inside shard 0."""
    source = published / folder(shard) if shard else published
    own = {folder(k) for k in range(1, MOST_SHARDS)} | {SEARCH_SHARDS, SEARCH_SHARD_DATES}
    shutil.copytree(source, target, copy_function=_link, dirs_exist_ok=True,
                    ignore=lambda where, names: own.intersection(names) if Path(where) == source and shard == 0 else [])


@dataclass(frozen=True)
class Indexed:
    """One shard's bundle, written into ``folder`` from ``records``."""

    records: tuple[str, ...]
    dates: list[int]
    folder: Path
    entry: bytes


def shard_groups(records: list[str]) -> dict[int, list[str]]:
    """The records of each shard (every shard, empty or not), for a site of these ``records``."""
    count = shard_count(len(records))
    groups: dict[int, list[str]] = {shard: [] for shard in range(count)}
    for record in sorted(records):
        groups[shard_of(record, count)].append(record)
    return groups


def index_shard(records_dir: Path, records: list[str], target: Path, index: Callable[[Path, Path], bytes]) -> Indexed:
    """Index a shard's ``records`` into a new folder ``target``, through a hard-linked scratch folder beside it."""
    dates = sort_dates(records_dir, records)
    scratch = target.with_name(f"{target.name}.records")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        for record in records:
            os.makedirs(scratch / os.path.dirname(record), exist_ok=True)
            _link(str(records_dir / record), str(scratch / record))
        scratch.mkdir(parents=True, exist_ok=True)
        return Indexed(tuple(records), dates, target, index(scratch, target))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def shard_folder(bundle: Path, shard: int) -> Path:
    """Where a shard is indexed before it moves into ``bundle``: beside it, so that shards can be indexed at once."""
    return bundle.with_name(f"{bundle.name}.shard-{shard}")


def _now(function: Callable, *args) -> Future:
    done: Future = Future()
    try:
        done.set_result(function(*args))
    except Exception as error:
        done.set_exception(error)
    return done


def _settle(jobs: list[Future]) -> None:
    """Wait for every job, and remove the folders of those that will not be moved in."""
    for job in jobs:
        if job.exception() is None:
            shutil.rmtree(job.result().folder, ignore_errors=True)


def write_shards(
    records_dir: Path, bundle: Path, dirty: set[str] | None, published: Path | None, index: Callable[[Path, Path], bytes],
    started: dict[int, Future] | None = None, submit: Callable[..., Future] = _now,
) -> bytes:
    """Write the sharded bundle of ``records_dir`` into a new folder ``bundle``, indexing
    (``index(records, bundle)``) the shards that hold a ``dirty`` record (every shard if None)
    and linking the others from the ``published`` bundle; return shard 0's entry file.
    ``submit`` runs the indexing of a shard (at once by default); ``started`` holds shards whose
    indexing began before every record was made, each used only if its records turn out to be the shard's."""
    groups = shard_groups(records_in(records_dir))
    shards = [0] + [shard for shard in range(1, len(groups)) if groups[shard]]
    others = [folder(shard) for shard in shards[1:]]
    dates_before = _published_dates(published, len(shards))
    reusable = dirty is not None and published is not None and listed(published) == others and dates_before is not None
    stale = {shard_of(record, len(groups)) for record in dirty} if reusable and dirty is not None else set(groups)
    early = dict(started or {})
    jobs = {shard: early.pop(shard, None) or submit(index_shard, records_dir, groups[shard], shard_folder(bundle, shard), index)
            for shard in shards if shard in stale}
    shutil.rmtree(bundle, ignore_errors=True)
    dates, entry = [], b""
    try:
        for shard in shards:
            target = bundle / folder(shard) if shard else bundle
            if shard not in jobs:
                assert published is not None and dates_before is not None
                _reuse(published, shard, target)
                dates.append(dates_before[len(dates)])
                continue
            made = jobs[shard].result()
            if made.records != tuple(groups[shard]):  # begun on a guess at the shards that did not hold
                made = index_shard(records_dir, groups[shard], made.folder, index)
            os.replace(made.folder, target)
            dates.append(made.dates)
            entry = made.entry if shard == 0 else entry
    finally:
        _settle(list(jobs.values()) + list(early.values()))
    (bundle / SEARCH_SHARDS).write_text(json.dumps(others), encoding="utf-8")
    (bundle / SEARCH_SHARD_DATES).write_text(json.dumps(dates, separators=(",", ":")), encoding="utf-8")
    return entry or (bundle / "pagefind-entry.json").read_bytes()
