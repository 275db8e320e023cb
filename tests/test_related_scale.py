"""Related briefs on demo corpora, against the independent reading (expected_analysis.py):
the ranking that scores only some briefs must equal scoring every brief."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from expected_analysis import Reading
from generator.build import check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options
from generator.pages.related import MOST_COMMON_FEATURES, RelatedBriefs

from conftest import PROJECT


def related_of_every_brief(briefs: Path) -> dict[str, list[str]]:
    checked = check(Options(briefs_dir=briefs, config_file=PROJECT / "mkdocs.yml"))
    assert not [str(problem) for problem in checked.problems if problem.severity == "error"]
    related = RelatedBriefs(checked.index.chronological)
    return {brief.slug: [other.slug for other in related(brief)] for brief in checked.index.chronological}


def crowd_topics(briefs: Path, seed: int) -> None:
    """Give every brief up to six more of the same six topics and one of two rounds: scores tie
    all over, and many briefs have more topics and round than the short path takes."""
    rng = random.Random(seed)
    for path in sorted(briefs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        added = rng.sample([f"topic-{number}" for number in range(1, 7)], rng.randint(0, 6))
        listed = re.search(r"^topics: \[(.*)\]$", text, flags=re.MULTILINE)
        topics = dict.fromkeys([*(listed.group(1).split(", ") if listed else []), *added])  # positions name the first ones
        text = re.sub(r"^topics: .*$", f"topics: [{', '.join(topics)}]", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^round: .*$", f"round: round-{rng.randint(1, 2)}", text, count=1, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("crowded", [False, True], ids=["demo", "crowded topics"])
def test_related_briefs_equal_scoring_every_brief(tmp_path, crowded):
    write_demo_corpus(400, tmp_path)
    if crowded:
        crowd_topics(tmp_path, seed=3)
    reading = Reading(tmp_path)
    if crowded:
        assert any(len(b["topics"]) + bool(b["round"]) > MOST_COMMON_FEATURES for b in reading.briefs)
        assert any(len(b["topics"]) + bool(b["round"]) <= MOST_COMMON_FEATURES for b in reading.briefs)
    found = related_of_every_brief(tmp_path)
    assert len(found) == len(reading.briefs) == 400
    for brief in reading.briefs:
        assert found[brief["slug"]] == reading.related(brief["slug"]), brief["slug"]
