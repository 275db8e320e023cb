"""Stage 3, pages: group the validated briefs for every index page of the site."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Brief, Corpus, Round, Source
from .paging import publisher_slugs


@dataclass(frozen=True)
class CitedSource:
    """One source (same publisher, title and link) and every brief that cites it."""

    source: Source
    briefs: tuple[Brief, ...]


@dataclass(frozen=True)
class Publisher:
    """A publisher, the name of its page, and the items the briefs cite from it,
    cited most recently first."""

    name: str
    slug: str
    items: tuple[CitedSource, ...]


@dataclass(frozen=True)
class SiteIndex:
    corpus: Corpus
    chronological: tuple[Brief, ...]
    newest_first: tuple[Brief, ...]
    by_actor: dict[str, tuple[Brief, ...]]
    by_round: dict[str, tuple[Brief, ...]]
    by_topic: dict[str, tuple[Brief, ...]]
    rounds_of_actor: dict[str, tuple[Round, ...]]
    members: dict[str, tuple[str, ...]]
    publishers: tuple[Publisher, ...]


def _chronological(brief: Brief) -> tuple:
    return (brief.date, brief.slug)


def build_index(corpus: Corpus, include_drafts: bool = False) -> SiteIndex:
    briefs = sorted((b for b in corpus.briefs if include_drafts or not b.draft), key=_chronological)
    newest_first = tuple(reversed(briefs))

    by_actor: dict[str, list[Brief]] = defaultdict(list)
    by_topic: dict[str, list[Brief]] = defaultdict(list)
    by_round: dict[str, list[Brief]] = defaultdict(list)
    citations: dict[tuple, tuple[Source, list[Brief]]] = {}
    for brief in briefs:
        for actor in brief.actors:
            by_actor[actor].append(brief)
        for topic in brief.topics:
            by_topic[topic].append(brief)
        if brief.round:
            by_round[brief.round].append(brief)
        for source in brief.sources:
            _, cited = citations.setdefault((source.publisher, source.url or "", source.title or ""), (source, []))
            if brief not in cited[-1:]:
                cited.append(brief)

    rounds_of_actor: dict[str, list[Round]] = defaultdict(list)
    for round in sorted(corpus.rounds.values(), key=lambda r: (r.start, r.id)):
        for actor in round.participants:
            rounds_of_actor[actor].append(round)

    members: dict[str, list[str]] = defaultdict(list)
    for actor in sorted(corpus.actors.values(), key=lambda a: a.sort_key):
        if actor.affiliation:
            members[actor.affiliation].append(actor.id)

    def latest_citation_first(entry: tuple) -> tuple:
        key, (_, citing) = entry
        return (-citing[-1].date.toordinal(), key)

    cited_from: dict[str, list[CitedSource]] = defaultdict(list)
    for _, (source, citing) in sorted(citations.items(), key=latest_citation_first):
        cited_from[source.publisher].append(CitedSource(source, tuple(reversed(citing))))
    slugs = publisher_slugs(cited_from)
    publishers = tuple(
        Publisher(name, slugs[name], tuple(cited_from[name]))
        for name in sorted(cited_from, key=lambda name: (name.casefold(), name))
    )

    return SiteIndex(
        corpus=corpus,
        chronological=tuple(briefs),
        newest_first=newest_first,
        by_actor={id: tuple(reversed(items)) for id, items in by_actor.items()},
        by_round={id: tuple(items) for id, items in by_round.items()},
        by_topic={id: tuple(reversed(items)) for id, items in by_topic.items()},
        rounds_of_actor={id: tuple(items) for id, items in rounds_of_actor.items()},
        members={id: tuple(items) for id, items in members.items()},
        publishers=publishers,
    )
