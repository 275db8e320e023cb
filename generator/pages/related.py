"""Related briefs: the few other briefs a reader of one brief most likely wants next.

Score of brief B for brief A (only briefs sharing at least one actor, topic or round qualify):

- 3 for each actor they share,
- 2 for each topic they share,
- 3 if they belong to the same round,
- 1 if their dates are at most 7 days apart (a small bonus for closeness in time).

The highest scores come first; ties go to the newer brief, then to the smaller slug.
At most :data:`RELATED_COUNT` are shown. Only front matter counts, so a body edit
changes no related list; a front-matter edit re-renders every page (see cache.py).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import combinations

from ..model import Brief

RELATED_COUNT = 5
ACTOR_WEIGHT = 3
TOPIC_WEIGHT = 2
ROUND_WEIGHT = 3
CLOSE_IN_DATE_WEIGHT = 1
CLOSE_IN_DATE_DAYS = 7
# Past this many topics and round, every brief sharing one of them is scored (2^n lists otherwise).
MOST_COMMON_FEATURES = 4


class RelatedBriefs:
    """``related(brief)`` for the briefs of one site, from postings built once.

    An actor is shared by few briefs, a topic or a round by a large part of a big site. So
    only three kinds of brief are scored: those sharing an actor, those close in date, and,
    for each set S of the brief's topics and round, the first few briefs having all of S,
    newest first. That is exact: a brief B of neither of the first two kinds scores by exactly
    the set S it shares, and each brief listed before it under S scores at least as much and
    wins a tie, so B can only be among the first :data:`RELATED_COUNT` if it is first under S.
    Scoring all briefs sharing a topic instead made the stage grow with the square of the site."""

    def __init__(self, briefs: tuple[Brief, ...]):
        self.by_slug = {brief.slug: brief for brief in briefs}
        newest_first = sorted(briefs, key=lambda brief: (-brief.date.toordinal(), brief.slug))
        self.actors: dict[str, list[str]] = defaultdict(list)
        self.having: dict[frozenset, list[str]] = {}  # briefs having every topic and round of the key, newest first
        self.common = {brief.slug: frozenset(_common(brief)) for brief in briefs}
        for brief in newest_first:
            for actor in brief.actors:
                self.actors[actor].append(brief.slug)
            for feature in _common(brief):
                self.having.setdefault(frozenset([feature]), []).append(brief.slug)
        self.topic_bits = {key: 1 << number for number, key in enumerate(sorted({t for b in briefs for t in b.topics}))}
        # (topic bits, round, day) of each brief: what its score needs, read once per candidate
        self.facts = {b.slug: (self._topic_mask(b), b.round, b.date.toordinal()) for b in briefs}
        self.by_date = sorted(briefs, key=lambda brief: brief.date)
        self.days = [brief.date.toordinal() for brief in self.by_date]

    def _topic_mask(self, brief: Brief) -> int:
        return sum(self.topic_bits[topic] for topic in brief.topics)

    def __call__(self, brief: Brief) -> list[Brief]:
        shared: Counter[str] = Counter()  # the actors' part of each score, counted in C
        for actor in brief.actors:
            for _ in range(ACTOR_WEIGHT):
                shared.update(self.actors[actor])
        common = sorted(_common(brief))
        if len(common) > MOST_COMMON_FEATURES:
            candidates = {*shared, *(slug for feature in common for slug in self.having[frozenset([feature])])}
        else:
            day = brief.date.toordinal()
            close = self.by_date[bisect_left(self.days, day - CLOSE_IN_DATE_DAYS):bisect_right(self.days, day + CLOSE_IN_DATE_DAYS)]
            candidates = {*shared, *(other.slug for other in close)}
            for size in range(1, len(common) + 1):
                for subset in combinations(common, size):
                    candidates.update(self._having(frozenset(subset))[:RELATED_COUNT + 1])  # +1: the brief itself
        return self._first(brief, shared, candidates)

    def _first(self, brief: Brief, shared: Counter[str], candidates: set[str]) -> list[Brief]:
        facts = self.facts
        topics, round, day = facts[brief.slug]
        candidates.discard(brief.slug)
        ranked = []
        for slug in candidates:
            their_topics, their_round, their_day = facts[slug]
            score = shared.get(slug, 0) + TOPIC_WEIGHT * (topics & their_topics).bit_count()
            if round is not None and their_round == round:
                score += ROUND_WEIGHT
            if score:
                if -CLOSE_IN_DATE_DAYS <= their_day - day <= CLOSE_IN_DATE_DAYS:
                    score += CLOSE_IN_DATE_WEIGHT
                ranked.append((-score, -their_day, slug))
        return [self.by_slug[slug] for *_, slug in heapq.nsmallest(RELATED_COUNT, ranked)]

    def _having(self, features: frozenset) -> list[str]:
        if features not in self.having:
            *rest, last = sorted(features)
            self.having[features] = [slug for slug in self._having(frozenset(rest)) if last in self.common[slug]]
        return self.having[features]


def _common(brief: Brief) -> list[tuple[str, str]]:
    """The brief's topics and round: the features many briefs share."""
    return [("topic", topic) for topic in brief.topics] + ([("round", brief.round)] if brief.round else [])
