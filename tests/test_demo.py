"""The synthetic corpus behind the benchmark: deterministic, valid, and shaped like real work."""

from __future__ import annotations

from generator.commands.demo_corpus import write_demo_corpus
from generator.read.load import load_corpus
from generator.check.validate import validate

from test_build import tree_digest


def test_same_seed_writes_the_same_bytes(tmp_path):
    write_demo_corpus(120, tmp_path / "one")
    write_demo_corpus(120, tmp_path / "two")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
    write_demo_corpus(120, tmp_path / "three", seed=7)
    assert tree_digest(tmp_path / "one") != tree_digest(tmp_path / "three")


def test_corpus_is_valid_and_realistic(tmp_path):
    write_demo_corpus(300, tmp_path)
    corpus, problems = validate(load_corpus(tmp_path))
    assert problems == []
    assert len(corpus.briefs) == 300
    assert len(corpus.actors) >= 200 and sum(bool(a.aliases) for a in corpus.actors.values()) >= 200
    assert len(corpus.rounds) >= 24 and len(corpus.topics) >= 24
    assert len({brief.path.split("/")[-2] for brief in corpus.briefs}) >= 5  # folders by year
    words = sorted(len(brief.body.split()) for brief in corpus.briefs)
    assert words[len(words) // 2] >= 100
