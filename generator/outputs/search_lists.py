"""Stage 5, outputs: the lists a search without words reads instead of Pagefind's index.

A search with filters and no words ranks nothing: it needs the matching briefs, newest
first, and each facet's counts, and Pagefind would load every chunk of its index for them
(5.6 MB at 10,000 briefs). So the build writes, beside the search page:

- ``search/lists/facets.json`` (:data:`~generator.urls.SEARCH_LISTS`): each facet's values
  (the ids the search page's URL takes) and each brief's values as short codes, briefs
  numbered newest first. The search page finds the matching briefs and every count from it.
- pages of :data:`PAGE_SIZE` briefs, newest first, each brief as ``[URL, title, date,
  status]``: every brief (:func:`~generator.urls.search_all_page`), and the briefs of each
  actor, round and topic (:func:`~generator.urls.search_list_page`). The page shows rows
  from the shortest of these lists among the filters chosen, so that a screen of results
  costs one or two files, not one per brief. Status and year need no lists of their own: a
  status holds a quarter of the briefs, and a year's briefs stand together in the list of all.

Codes are base-64 digits of a fixed ``width``: value ``k`` of a facet's list is ``k + 1``
(``0`` is no value). A facet a brief has at most one value of (``single``) is one code per
brief; the others are a brief's codes run together, briefs separated by commas.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..pages.index import SiteIndex
from ..pages.render import search_facets
from ..urls import SEARCH_LISTS, brief_page, page_location, search_all_page, search_list_page
from .site_files import replace_file

PAGE_SIZE = 200
LISTED = ("actor", "round", "topic")  # the facets with lists of their own briefs
SINGLE = ("round", "status", "year")  # a brief has at most one value of these
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def brief_values(brief) -> dict[str, tuple[str, ...]]:
    """A brief's value ids for each facet, as the search page's URL takes them."""
    return {
        "actor": tuple(brief.actors),
        "round": (brief.round,) if brief.round else (),
        "topic": tuple(brief.topics),
        "status": (brief.status,),
        "year": (str(brief.date.year),),
    }


def width(values: int) -> int:
    """Digits a code needs for ``values`` values and the code 0."""
    digits = 1
    while len(DIGITS) ** digits <= values:
        digits += 1
    return digits


def code(number: int, digits: int) -> str:
    """``number`` in ``digits`` base-64 digits, most significant first.

    >>> code(0, 1), code(65, 2)
    ('0', '11')
    """
    return "".join(DIGITS[number // len(DIGITS) ** k % len(DIGITS)] for k in reversed(range(digits)))


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _pages(briefs: list) -> list[bytes]:
    rows = [[page_location(brief_page(b.slug)), b.title, b.date.isoformat(), b.status] for b in briefs]
    return [_json(rows[start : start + PAGE_SIZE]) for start in range(0, len(rows), PAGE_SIZE)]


def search_lists(index: SiteIndex) -> dict[str, bytes]:
    """Every file of the lists, by its path in the site."""
    briefs = list(index.newest_first)
    values = [brief_values(brief) for brief in briefs]
    files: dict[str, bytes] = {}
    for number, data in enumerate(_pages(briefs), 1):
        files[search_all_page(number)] = data
    facets = {}
    for name, entries in search_facets(index).items():
        ids = [id for id, _ in entries]
        position = {id: k + 1 for k, id in enumerate(ids)}
        digits = width(len(ids))
        codes = ["".join(code(position[id], digits) for id in brief[name]) or code(0, digits) for brief in values]
        facets[name] = {"values": ids, "width": digits, "single": name in SINGLE,
                        "codes": ("" if name in SINGLE else ",").join(codes)}
        if name in LISTED:
            having: dict[str, list] = {}
            for brief, own in zip(briefs, values):
                for id in own[name]:
                    having.setdefault(id, []).append(brief)
            for id, its_briefs in having.items():
                for number, data in enumerate(_pages(its_briefs), 1):
                    files[search_list_page(name, id, number)] = data
    version = hashlib.sha256(b"".join(path.encode() + data for path, data in sorted(files.items()))).hexdigest()[:12]
    files[SEARCH_LISTS] = _json({
        "version": version,  # asked with every page, so that no cached page of another build is read
        "total": len(briefs),
        "pageSize": PAGE_SIZE,
        "all": search_all_page("{page}"),
        "list": search_list_page("{facet}", "{value}", "{page}"),
        "listed": list(LISTED),
        "facets": facets,
    })
    return files


def write_search_lists(site: Path, index: SiteIndex) -> None:
    """Write the lists; remove those of a value that has no briefs any more (an incremental
    build starts from a copy of the published site)."""
    files = search_lists(index)
    for path, data in files.items():
        replace_file(site / path, data)
    folder = site / Path(SEARCH_LISTS).parent
    for stale in folder.rglob("*.json"):
        if stale.relative_to(site).as_posix() not in files:
            stale.unlink()
