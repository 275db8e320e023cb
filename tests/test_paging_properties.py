"""Nothing lost on split pages: random corpora over several years, built with a low
threshold, put every brief on the year page of its date for every index it belongs to,
and every citation on its publisher's year page."""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Corpus, broken_links
from year_pages import check_site

ACTOR_IDS = ["a1", "a2", "a3"]
ROUND_IDS = ["r1", "r2"]
TOPIC_IDS = ["t1", "t2"]

names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=16).filter(
    lambda s: s.strip() and s == " ".join(s.split())
)
# Names whose slugs clash, non-Latin names, and a name whose slug is reserved.
publisher = st.one_of(names, st.sampled_from(["Wire-One", "Wire One 2", "Дейлі", "index", "Index", "…"]))
ALWAYS = ["Wire One", "wire one"]  # two publishers, one slug: every corpus has a clash to resolve
brief = st.fixed_dictionaries(
    {
        "title": names,
        "date": st.dates(datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)),
        "actors": st.lists(st.sampled_from(ACTOR_IDS), min_size=1, max_size=2, unique=True),
        "round": st.one_of(st.none(), st.sampled_from(ROUND_IDS)),
        "topics": st.lists(st.sampled_from(TOPIC_IDS), max_size=2, unique=True),
        "sources": st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4)), min_size=1, max_size=2),
    }
)


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write(corpus: Corpus, briefs: list[dict], publishers: list[str]) -> None:
    corpus.registry("actors", "".join(f"- id: {id}\n  name: Actor {id}\n  type: person\n" for id in ACTOR_IDS))
    corpus.registry("rounds", "".join(f"- id: {id}\n  name: Round {id}\n  start: 2023-05-15\n" for id in ROUND_IDS))
    corpus.registry("topics", "".join(f"- id: {id}\n  name: Topic {id}\n" for id in TOPIC_IDS))
    for number, item in enumerate(briefs):
        extra = f"round: {item['round']}\n" if item["round"] else ""
        if item["topics"]:
            extra += f"topics: [{', '.join(item['topics'])}]\n"
        sources = ""
        for which, link in item["sources"]:
            name = publishers[which % len(publishers)]
            # One title per link, so that a link is one cited item.
            sources += f"  - publisher: {quoted(name)}\n    title: Item {which}-{link}\n    url: https://example.org/{which}/{link}\n"
        corpus.write(
            f"b{number}.md",
            f"---\ntitle: {quoted(item['title'])}\ndate: {item['date']}\nsummary: {quoted(item['title'])}\n"
            f"actors: [{', '.join(item['actors'])}]\n{extra}sources:\n{sources}---\nBody {number}.\n",
        )


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    briefs=st.lists(brief, min_size=1, max_size=12),
    publishers=st.lists(publisher, min_size=1, max_size=4, unique=True),
    threshold=st.integers(1, 4),
)
def test_split_pages_lose_nothing(briefs, publishers, threshold):
    root = Path(tempfile.mkdtemp())
    try:
        corpus = Corpus(root)
        write(corpus, briefs, ALWAYS + [name for name in publishers if name not in ALWAYS])
        site = corpus.build(split_threshold=threshold)
        check_site(site, corpus.briefs, threshold)
        assert broken_links(site) == []
    finally:
        shutil.rmtree(root)
