"""Stage 3, pages: where things stand, for the home page: the latest round held, what changed
in the last 7 and 30 days (new briefs, status changes, corrections, position moves), the rounds
to come, and the newest briefs.

The windows end on the newest date in the data (a brief's date, update or correction), never
on the clock: equal inputs give equal pages, and the page names that day. A window of 7 days
holds that day and the 6 before it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import takewhile

from ..model import Brief, Correction, Round
from .index import SiteIndex
from .stances import Positions

WINDOWS = (7, 30)  # days
UPCOMING = ("proposed", "scheduled")
LISTED = 5  # items a card or list shows before it links to the rest


@dataclass(frozen=True)
class StatusChange:
    """A brief's status as of ``date``; ``previous`` is the status it moved from, when known;
    ``reason`` is what the brief's status history says, if it has one."""

    date: datetime.date
    brief: Brief
    status: str
    previous: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Move:
    """An actor's stance on a topic that differs from the one recorded before it."""

    date: datetime.date
    actor: str
    topic: str
    previous: str
    stance: str
    brief: Brief  # the brief that records the new stance


@dataclass(frozen=True)
class Changes:
    """What changed from ``since`` to the state's ``as_of``, both included; newest first."""

    days: int
    since: datetime.date
    new_briefs: tuple[Brief, ...]
    status_changes: tuple[StatusChange, ...]
    corrections: tuple[tuple[Brief, Correction], ...]
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class StateOfPlay:
    as_of: datetime.date | None  # the newest date in the data; None for a site without briefs
    newest_change: Brief | None  # the brief that date comes from
    latest_round: Round | None  # the latest round held
    latest_round_briefs: tuple[Brief, ...]
    upcoming: tuple[Round, ...]  # proposed and scheduled rounds, soonest first
    windows: tuple[Changes, ...]  # one per WINDOWS, shortest first
    newest: tuple[Brief, ...]

    @property
    def changes(self) -> Changes | None:
        """The longest window: the one the page lists item by item."""
        return self.windows[-1] if self.windows else None


def status_changes(brief: Brief) -> list[StatusChange]:
    """Every dated change of the brief's status, oldest first.

    A brief that records its ``status_history`` (entries with a ``date``, the ``status`` it
    became and a ``reason``) gives each entry, with the status of the entry before it as
    ``previous`` (none for the first: the history does not say what it moved from). Without
    one, the only dated fact is an ``updated`` date on a brief whose status is no longer the
    first one a brief gets ("reported"): it is given as the status the brief stands at since.
    """
    history = sorted(getattr(brief, "status_history", None) or (), key=lambda entry: entry.date)
    if history:
        befores = [None, *(entry.status for entry in history)]
        return [StatusChange(entry.date, brief, entry.status, before, getattr(entry, "reason", None) or "")
                for before, entry in zip(befores, history) if entry.status != before]
    if brief.updated and brief.status != "reported":
        return [StatusChange(brief.updated, brief, brief.status)]
    return []


def position_moves(positions: Positions, since: datetime.date) -> list[Move]:
    """Every move recorded on or after ``since``, newest first, then by actor and topic."""
    moves = []
    for (actor, topic), entries in positions.history.items():
        for before, entry in zip(entries, entries[1:]):
            if entry.date >= since and entry.position.stance != before.position.stance:
                moves.append(Move(entry.date, actor, topic, before.position.stance, entry.position.stance, entry.brief))
    return sorted(moves, key=lambda move: (-move.date.toordinal(), move.brief.slug, move.actor, move.topic))


def _first_day(days: int, as_of: datetime.date) -> datetime.date:
    """The first of the ``days`` days that end on ``as_of``, no earlier than the calendar's first day."""
    return as_of - datetime.timedelta(days=min(days - 1, as_of.toordinal() - 1))


def _window(days: int, as_of: datetime.date, briefs: tuple[Brief, ...], statuses: list[StatusChange],
            corrections: list[tuple[Brief, Correction]], moves: list[Move]) -> Changes:
    since = _first_day(days, as_of)
    return Changes(
        days, since,
        tuple(takewhile(lambda brief: brief.date >= since, briefs)),  # briefs: newest first
        tuple(change for change in statuses if change.date >= since),
        tuple((brief, correction) for brief, correction in corrections if correction.date >= since),
        tuple(move for move in moves if move.date >= since),
    )


def state_of_play(index: SiteIndex, positions: Positions, newest: int) -> StateOfPlay:
    """The home page's state of play; ``newest`` is how many of the newest briefs it lists."""
    rounds = index.corpus.rounds.values()
    held = [round for round in rounds if round.status == "held"]
    latest_round = max(held, key=lambda r: (r.end or r.start, r.start, r.id), default=None)
    upcoming = tuple(sorted((r for r in rounds if r.status in UPCOMING), key=lambda r: (r.start, r.id)))
    briefs = index.newest_first
    round_briefs = index.by_round.get(latest_round.id, ()) if latest_round else ()
    if not briefs:
        return StateOfPlay(None, None, latest_round, round_briefs, upcoming, (), ())
    newest_change = max(briefs, key=lambda brief: (brief.last_changed, brief.date, brief.slug))
    as_of = newest_change.last_changed
    earliest = _first_day(max(WINDOWS), as_of)
    statuses = sorted((change for brief in briefs for change in status_changes(brief) if change.date >= earliest),
                      key=lambda change: (-change.date.toordinal(), change.brief.slug))
    corrections = sorted(((brief, correction) for brief in briefs for correction in brief.corrections if correction.date >= earliest),
                         key=lambda item: (-item[1].date.toordinal(), item[0].slug))
    moves = position_moves(positions, earliest)
    windows = tuple(_window(days, as_of, briefs, statuses, corrections, moves) for days in WINDOWS)
    return StateOfPlay(as_of, newest_change, latest_round, round_briefs, upcoming, windows, briefs[:newest])
