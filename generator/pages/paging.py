"""Long index pages, split by year.

An index page (an actor's, a round's, a topic's, a publisher's, the timeline)
that would list more than ``split_threshold`` entries keeps its URL but shows
only the newest entries and a table of years with counts. Each year gets a
page of its own, ``<page>/<year>/``, listing all of that year's entries by
month, so every entry is one click from the main page. A year page depends
only on that year's entries and on which years exist, so an edit re-renders
the year pages it touches and leaves the others byte-for-byte the same.

    >>> import datetime; from types import SimpleNamespace as E
    >>> entries = [E(date=datetime.date(y, m, 1)) for y, m in [(2025, 3), (2025, 1), (2023, 5)]]
    >>> listing = paginate("actors/x.md", entries, threshold=2, newest_first=True)
    >>> [(y.year, y.count, y.path) for y in listing.years], len(listing.shown)
    ([(2025, 2, 'actors/x/2025.md'), (2023, 1, 'actors/x/2023.md')], 2)
    >>> listing.years[0].previous_path, listing.years[0].next_path
    ('actors/x/2023.md', None)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any, Iterable, Sequence

from anyascii import anyascii

from ..urls import month_page, year_page

Dated = tuple[datetime.date, Any]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    entries: tuple


@dataclass(frozen=True)
class Year:
    """One year of a split page: what its page lists, by month, and its neighbours."""

    main: str  # the path of the page that was split
    year: int
    months: tuple[Month, ...]
    previous: int | None
    following: int | None

    @property
    def path(self) -> str:
        return year_page(self.main, self.year)

    @property
    def count(self) -> int:
        return sum(len(month.entries) for month in self.months)

    def month_path(self, month: Month) -> str:
        """The page of one ``month`` of a year too long for one page (see :func:`month_pages`)."""
        return month_page(self.main, self.year, month.month)

    @property
    def previous_path(self) -> str | None:
        return year_page(self.main, self.previous) if self.previous is not None else None

    @property
    def next_path(self) -> str | None:
        return year_page(self.main, self.following) if self.following is not None else None


@dataclass(frozen=True)
class Listing:
    """What one index page lists: all its entries, or, split, the newest and its years."""

    main: str
    total: int
    shown: tuple
    years: tuple[Year, ...] = ()
    newest_first: bool = True  # the order of its lists, which the page states

    @property
    def split(self) -> bool:
        return bool(self.years)


def by_month(dated: Iterable[Dated]) -> tuple[Month, ...]:
    """Consecutive entries of the same month, in the order given (which is by date)."""
    return tuple(
        Month(year, month, tuple(entry for _, entry in group))
        for (year, month), group in groupby(dated, key=lambda pair: (pair[0].year, pair[0].month))
    )


def dated_briefs(briefs: Iterable) -> list[Dated]:
    return [(brief.date, brief) for brief in briefs]


def paginate(
    main: str, entries: Sequence, threshold: int, newest_first: bool, dated: Sequence[Dated] | None = None
) -> Listing:
    """Split ``entries`` (in page order, by date) by year if there are more than ``threshold``.

    The year pages list ``dated``, the (date, entry) pairs in page order; by
    default each entry with its own ``date``.
    """
    entries = tuple(entries)
    if len(entries) <= threshold:
        return Listing(main, len(entries), entries, newest_first=newest_first)
    months = by_month(dated if dated is not None else dated_briefs(entries))
    numbers = sorted({month.year for month in months})
    earlier = dict(zip(numbers[1:], numbers))
    later = dict(zip(numbers, numbers[1:]))
    years = tuple(
        Year(main, year, tuple(group), earlier.get(year), later.get(year))
        for year, group in groupby(months, key=lambda month: month.year)
    )
    shown = entries[:threshold] if newest_first else entries[len(entries) - threshold :]
    return Listing(main, len(entries), shown, years, newest_first)


def month_pages(year: Year, threshold: int) -> bool:
    """Whether ``year`` lists more than ``threshold`` entries, so that its page lists its
    months with counts and each month gets a page of its own (``<page>/<year>/<month>/``)."""
    return year.count > threshold


def citations_by_month(items: Iterable) -> list[Dated]:
    """A publisher's cited items as year pages list them, newest first: one entry per
    item and month, with the briefs of that month that cite it, so that each brief
    is on the page of its own year. Items have ``source`` and ``briefs`` (newest first)."""
    pieces = []
    for item in items:
        for _, group in groupby(item.briefs, key=lambda brief: (brief.date.year, brief.date.month)):
            briefs = tuple(group)
            pieces.append((briefs[0].date, replace(item, briefs=briefs)))
    pieces.sort(key=lambda pair: (-pair[0].toordinal(), pair[1].source.url or "", pair[1].source.title or ""))
    return pieces


RESERVED_SLUGS = frozenset({"index"})  # sources/index.md would be /sources/ itself
SLUG_LENGTH = 60


def slugify(name: str) -> str:
    """A name as lowercase ASCII words joined by hyphens: ``Українська правда`` → ``ukrainska-pravda``."""
    ascii = anyascii(name).lower().replace("'", "")  # anyascii writes the soft sign as '
    words = re.sub(r"[^a-z0-9]+", "-", ascii).strip("-")
    return words[:SLUG_LENGTH].rstrip("-") or "publisher"


def publisher_slugs(names: Iterable[str]) -> dict[str, str]:
    """A page name for each publisher. When names make the same slug, the first in
    sorted order keeps it and the others take ``-2``, ``-3``…, skipping any slug
    another name makes by itself, so the result depends only on the set of names."""
    names = sorted(set(names))
    natural = {name: slugify(name) for name in names}
    taken = set(natural.values()) | RESERVED_SLUGS
    slugs: dict[str, str] = {}
    assigned: set[str] = set()
    for name in names:
        slug = natural[name]
        if slug in assigned or slug in RESERVED_SLUGS:
            number = 2
            while f"{slug}-{number}" in taken:
                number += 1
            slug = f"{slug}-{number}"
            taken.add(slug)
        assigned.add(slug)
        slugs[name] = slug
    return slugs
