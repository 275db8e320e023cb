"""Nothing lost: random valid corpora, built for real, put every brief exactly where it belongs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Corpus, broken_links, linked_briefs, parse_page

ACTOR_IDS = ["a1", "a2", "a3", "a4"]
ROUND_IDS = ["r1", "r2"]
TOPIC_IDS = ["t1", "t2", "t3"]

names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=20).filter(
    lambda s: s.strip() and s == " ".join(s.split())
)
brief = st.fixed_dictionaries(
    {
        "title": names,
        "day": st.integers(1, 28),
        "actors": st.lists(st.sampled_from(ACTOR_IDS), min_size=1, max_size=3, unique=True),
        "round": st.one_of(st.none(), st.sampled_from(ROUND_IDS)),
        "topics": st.lists(st.sampled_from(TOPIC_IDS), max_size=2, unique=True),
        "folder": st.sampled_from(["", "x/", "x/y/"]),
    }
)


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write(corpus: Corpus, briefs: list[dict], actor_names: list[str]) -> None:
    corpus.registry(
        "actors",
        "".join(f"- id: {id}\n  name: {quoted(name + ' ' + id)}\n  type: person\n" for id, name in zip(ACTOR_IDS, actor_names)),
    )
    corpus.registry("rounds", "".join(f"- id: {id}\n  name: Round {id}\n  start: 2025-05-15\n" for id in ROUND_IDS))
    corpus.registry("topics", "".join(f"- id: {id}\n  name: Topic {id}\n" for id in TOPIC_IDS))
    for number, item in enumerate(briefs):
        extra = f"round: {item['round']}\n" if item["round"] else ""
        if item["topics"]:
            extra += f"topics: [{', '.join(item['topics'])}]\n"
        corpus.write(
            f"{item['folder']}b{number}.md",
            f"---\ntitle: {quoted(item['title'])}\ndate: 2025-05-{item['day']:02d}\nsummary: {quoted(item['title'])}\n"
            f"actors: [{', '.join(item['actors'])}]\n{extra}sources:\n  - publisher: {quoted(item['title'])}\n"
            f"    url: https://example.org/{number}\n---\nBody {number}.\n",
        )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs=st.lists(brief, min_size=1, max_size=8), actor_names=st.lists(names, min_size=4, max_size=4))
def test_every_brief_is_exactly_where_it_belongs(briefs, actor_names):
    root = Path(tempfile.mkdtemp())
    try:
        corpus = Corpus(root)
        write(corpus, briefs, actor_names)
        site = corpus.build()
        expected: dict[str, set[str]] = {}
        for number, item in enumerate(briefs):
            slug = f"b{number}"
            keys = [f"actors/{a}" for a in item["actors"]] + [f"topics/{t}" for t in item["topics"]]
            keys += [f"rounds/{item['round']}"] if item["round"] else []
            for key in keys:
                expected.setdefault(key, set()).add(slug)
            page = parse_page(site / "briefs" / slug / "index.html")
            assert page.title.startswith(item["title"])
        assert linked_briefs(site / "timeline" / "index.html") == {f"b{n}" for n in range(len(briefs))}
        for key in [f"actors/{a}" for a in ACTOR_IDS] + [f"rounds/{r}" for r in ROUND_IDS] + [f"topics/{t}" for t in TOPIC_IDS]:
            assert linked_briefs(site / key / "index.html") == expected.get(key, set()), key
        assert broken_links(site) == []
    finally:
        shutil.rmtree(root)
