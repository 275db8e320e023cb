"""Nothing lost: random valid corpora, built for real, put every brief exactly where it belongs;
an incremental build after a random edit, with the cache or --out damaged, equals a clean one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import BuildError

from conftest import Corpus, broken_links, linked_briefs, parse_page
from test_build import tree_digest

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


def _cache(site: Path) -> Path:
    return site.parent / f".{site.name}.briefing-cache"


DAMAGE = {
    "state null": lambda site: (_cache(site) / "state.json").write_text("null"),
    "state truncated": lambda site: (_cache(site) / "state.json").write_bytes((_cache(site) / "state.json").read_bytes()[:50]),
    "shard garbage": lambda site: next((_cache(site) / "parsed").iterdir()).write_bytes(b"\x80\x04garbage"),
    "project docs gone": lambda site: shutil.rmtree(_cache(site) / "project" / "docs"),
    "page gone": lambda site: (site / "timeline" / "index.html").unlink(),
    "assets gone": lambda site: shutil.rmtree(site / "assets"),
    "page edited": lambda site: (site / "index.html").write_text("edited by hand"),
    "stray file": lambda site: (site / "briefs" / "notes.txt").write_text("mine"),
}
REFUSED = {"stray file"}


def _edit(corpus: Corpus, kind: str, pick: int) -> None:
    files = sorted(corpus.briefs.rglob("b*.md"))
    path = files[pick % len(files)]
    text = path.read_text(encoding="utf-8")
    if kind == "body":
        status = path.stat()
        path.write_text(text.replace("\n---\nBody", "\n---\nbody", 1), encoding="utf-8")  # same size
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    elif kind == "retitle":
        path.write_text(text.replace("title: '", "title: 'Re ", 1), encoding="utf-8")
    elif kind == "delete" and len(files) > 1:
        path.unlink()
    elif kind == "add":
        (corpus.briefs / "zz-added.md").write_text(text.replace("url: https://example.org/", "url: https://example.org/z"), encoding="utf-8")
    elif kind == "swap" and len(files) > 1:
        other = files[(pick + 1) % len(files)]
        one, two = path.read_bytes(), other.read_bytes()
        path.write_bytes(two)
        other.write_bytes(one)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    briefs=st.lists(brief, min_size=2, max_size=5),
    actor_names=st.lists(names, min_size=4, max_size=4),
    edit=st.sampled_from(["body", "retitle", "delete", "add", "swap"]),
    pick=st.integers(0, 10),
    damage=st.lists(st.sampled_from(sorted(DAMAGE)), max_size=2, unique=True),
)
def test_incremental_build_after_edit_and_damage_equals_clean(briefs, actor_names, edit, pick, damage):
    root = Path(tempfile.mkdtemp())
    try:
        corpus = Corpus(root)
        write(corpus, briefs, actor_names)
        site = corpus.build()
        _edit(corpus, edit, pick)
        for name in damage:
            DAMAGE[name](site)
        if REFUSED & set(damage):
            before = tree_digest(site)
            with pytest.raises(BuildError, match="did not write"):
                corpus.build()
            assert tree_digest(site) == before
            return
        site = corpus.build()
        assert tree_digest(site) == tree_digest(corpus.build(out_dir=root / "clean" / "site"))
    finally:
        shutil.rmtree(root)
