"""Every position of the published briefs, grouped for the /positions/ matrix, the
"Positions" sections of actor and topic pages, and the round packs.

A history is oldest first: by the brief's date, then its slug, then the position's
place in the brief. A position from a retracted brief stays in the history, flagged
(:attr:`Stated.retracted`, which the pages strike through), but is never current: an
actor's *latest* stance on a topic is the last of its history that is not retracted.
It *moved* when an earlier such position has another stance: the cell then shows the
last such stance (``previous``) and the date of the first position of the current
stance after it (``changed``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from ..model import Brief, Corpus, Position


@dataclass(frozen=True)
class Stated:
    """A position with the brief that records it."""

    brief: Brief
    position: Position

    @property
    def date(self) -> datetime.date:
        return self.brief.date

    @property
    def retracted(self) -> bool:
        """The brief that records it is retracted: shown struck through, never as current."""
        return self.brief.status == "retracted"


@dataclass(frozen=True)
class Cell:
    """What the matrix shows for one actor and topic."""

    latest: Stated
    previous: Stated | None = None  # the last position with another stance, if the stance moved
    changed: datetime.date | None = None  # when the current stance was first recorded after it


class Positions:
    def __init__(self, corpus: Corpus, chronological: tuple[Brief, ...]):
        self.corpus = corpus
        history: dict[tuple[str, str], list[Stated]] = defaultdict(list)
        for brief in chronological:  # (date, slug): oldest first
            for position in brief.positions:
                history[(position.actor, position.topic)].append(Stated(brief, position))
        self.history = {key: tuple(entries) for key, entries in history.items()}
        self.standing = {key: tuple(e for e in entries if not e.retracted) for key, entries in self.history.items()}
        # Rows in the actors page's order (people by family name); columns by name.
        standing = [key for key, entries in self.standing.items() if entries]
        self.actors = sorted({actor for actor, _ in standing}, key=lambda id: (corpus.actors[id].sort_key, id))
        self.topics = sorted({topic for _, topic in standing}, key=lambda id: (corpus.topics[id].name.casefold(), id))

    def cell(self, actor: str, topic: str) -> Cell | None:
        entries = self.standing.get((actor, topic))
        if not entries:
            return None
        latest = entries[-1]
        stance = latest.position.stance
        for index in range(len(entries) - 2, -1, -1):
            if entries[index].position.stance != stance:
                return Cell(latest, entries[index], entries[index + 1].date)
        return Cell(latest)

    def topic_cells(self, topic: str) -> list[tuple[str, Cell]]:
        """Each actor with a position on ``topic`` and its cell, in the rows' order."""
        return [(actor, cell) for actor in self.actors if (cell := self.cell(actor, topic))]

    def latest_stances(self, topic: str) -> dict[str, int]:
        """How many actors' latest stance on ``topic`` is each stance, most common first."""
        counts: dict[str, int] = defaultdict(int)
        for _, cell in self.topic_cells(topic):
            counts[cell.latest.position.stance] += 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def last_recorded(self, topic: str) -> datetime.date:
        return max(entries[-1].date for (_, other), entries in self.history.items() if other == topic)

    @property
    def cells(self) -> int:
        """The size of the full matrix, actors × topics."""
        return len(self.actors) * len(self.topics)

    def of_actor(self, actor: str) -> list[Stated]:
        """Every position of ``actor``, oldest first, across topics."""
        return self._merged(key for key in self.history if key[0] == actor)

    def of_topic(self, topic: str) -> list[Stated]:
        return self._merged(key for key in self.history if key[1] == topic)

    def as_of(self, actor: str, day: datetime.date) -> list[Stated]:
        """``actor``'s latest position on each topic recorded before ``day`` and not retracted, by topic name."""
        latest = []
        for topic in self.topics:
            before = [entry for entry in self.standing.get((actor, topic), ()) if entry.date < day]
            if before:
                latest.append(before[-1])
        return latest

    def between(self, actor: str, start: datetime.date, end: datetime.date) -> list[Stated]:
        """``actor``'s positions recorded from ``start`` to ``end``, both included, oldest first."""
        return [entry for entry in self.of_actor(actor) if start <= entry.date <= end]

    def previous(self, entry: Stated) -> Stated | None:
        """The position not retracted recorded just before ``entry`` for the same actor and topic."""
        entries = self.history[(entry.position.actor, entry.position.topic)]
        earlier = [e for e in entries[: entries.index(entry)] if not e.retracted]
        return earlier[-1] if earlier else None

    def _merged(self, keys) -> list[Stated]:
        order = self._order()
        entries = [entry for key in keys for entry in self.history[key]]
        return sorted(entries, key=lambda e: (order[e.brief.slug], e.brief.positions.index(e.position)))

    def _briefs(self) -> list[Brief]:
        if not hasattr(self, "_chronological"):
            seen: dict[str, Brief] = {}
            for entries in self.history.values():
                for entry in entries:
                    seen[entry.brief.slug] = entry.brief
            self._chronological = sorted(seen.values(), key=lambda b: (b.date, b.slug))
        return self._chronological

    def _order(self) -> dict[str, int]:
        """Each brief's place in :meth:`_briefs`: made once, since every actor's and topic's list sorts by it."""
        if not hasattr(self, "_places"):
            self._places = {brief.slug: index for index, brief in enumerate(self._briefs())}
        return self._places
