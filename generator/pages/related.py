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

from collections import Counter, defaultdict

from ..model import Brief

RELATED_COUNT = 5
ACTOR_WEIGHT = 3
TOPIC_WEIGHT = 2
ROUND_WEIGHT = 3
CLOSE_IN_DATE_WEIGHT = 1
CLOSE_IN_DATE_DAYS = 7


class RelatedBriefs:
    """``related(brief)`` for the briefs of one site, from postings built once.

    The shared-feature scores are counted by :class:`~collections.Counter` (in C); only the
    briefs that can still reach the top after the date bonus are ranked in Python."""

    def __init__(self, briefs: tuple[Brief, ...]):
        self.by_slug = {brief.slug: brief for brief in briefs}
        self.postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        for brief in briefs:
            for key, _ in _features(brief):
                self.postings[key].append(brief.slug)

    def __call__(self, brief: Brief) -> list[Brief]:
        shared: Counter[str] = Counter()
        for key, weight in _features(brief):
            for _ in range(weight):
                shared.update(self.postings.get(key, ()))
        shared.pop(brief.slug, None)
        if not shared:
            return []
        values = sorted(shared.values(), reverse=True)
        floor = values[min(RELATED_COUNT, len(values)) - 1] - CLOSE_IN_DATE_WEIGHT
        scores = {}
        for slug, score in shared.items():
            if score >= floor:
                other = self.by_slug[slug]
                close = abs((other.date - brief.date).days) <= CLOSE_IN_DATE_DAYS
                scores[slug] = score + (CLOSE_IN_DATE_WEIGHT if close else 0)
        ranked = sorted(scores, key=lambda slug: (-scores[slug], -self.by_slug[slug].date.toordinal(), slug))
        return [self.by_slug[slug] for slug in ranked[:RELATED_COUNT]]


def _features(brief: Brief) -> list[tuple[tuple[str, str], int]]:
    features = [(("actor", id), ACTOR_WEIGHT) for id in brief.actors]
    features += [(("topic", id), TOPIC_WEIGHT) for id in brief.topics]
    if brief.round:
        features.append((("round", brief.round), ROUND_WEIGHT))
    return features
