"""The timeline's entries: the briefs, newest first, with a marker where each round
starts and ends (from the rounds registry; a round without an ``end`` ends the day it
starts; cancelled rounds have none).

Newest first, on one day the end of a round comes first, then that day's briefs, then
its start, so that a round's briefs stand between its two markers. A page lists the
markers that fall within the days it covers: a year page those of its year.

    >>> import datetime; from types import SimpleNamespace as E
    >>> day = lambda d: datetime.date(2025, 5, d)
    >>> r = E(id="r1", name="Round 1", start=day(16), end=None, status="held")
    >>> briefs = [E(slug="b", date=day(20)), E(slug="a", date=day(16))]
    >>> [getattr(e, "slug", getattr(e, "edge", "")) for _, e in timeline_entries(briefs, [r])]
    ['b', 'end', 'a', 'start']
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Round
from .paging import Dated, Month, by_month

EDGE_RANK = {"end": 0, "brief": 1, "start": 2}  # their order on one day, newest first


@dataclass(frozen=True)
class Marker:
    round: Round
    edge: str  # "start" or "end"
    date: datetime.date


def markers(rounds: Iterable[Round]) -> list[Marker]:
    found = []
    for round in rounds:
        if round.status != "cancelled":
            found.append(Marker(round, "start", round.start))
            found.append(Marker(round, "end", round.end or round.start))
    return found


def timeline_entries(
    briefs: Sequence, rounds: Iterable[Round], since: datetime.date | None = None, until: datetime.date | None = None
) -> list[Dated]:
    """``briefs`` (newest first) and the round markers dated from ``since`` to ``until`` (each
    unbounded if None), merged newest first; the briefs of one day keep their order."""
    entries = [(brief.date, EDGE_RANK["brief"], brief) for brief in briefs]
    entries += [
        (marker.date, EDGE_RANK[marker.edge], marker)
        for marker in markers(rounds)
        if (since is None or marker.date >= since) and (until is None or marker.date <= until)
    ]
    entries.sort(key=lambda entry: (-entry[0].toordinal(), entry[1]))  # stable: briefs keep their order
    return [(date, entry) for date, _, entry in entries]


def timeline_months(briefs: Sequence, rounds: Iterable[Round], year: int | None = None, whole: bool = False) -> tuple[Month, ...]:
    """The entries of a timeline page by month: a year page's (``year``), the whole timeline
    (``whole``), or the newest briefs of a split timeline, with the markers since the oldest shown."""
    if year is not None:
        since, until = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    else:
        since, until = (None if whole or not briefs else briefs[-1].date), None
    return by_month(timeline_entries(briefs, rounds, since, until))


def is_marker(entry) -> bool:
    return isinstance(entry, Marker)
