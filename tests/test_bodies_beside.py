"""Bodies converted in a second process while the check goes on (generator.check.bodies_beside):
the corpus and the problems are those of a check that converts every body itself, a body the
other process cannot convert is reported as before, and without a second process every body
is converted here."""

from __future__ import annotations

import pytest

from conftest import brief_text
from generator.check import bodies_beside
from generator.check.validate import validate
from generator.read.load import load_corpus
from test_bodies import RICH, STARS

BRIEFS = 13


@pytest.fixture
def briefs(corpus, monkeypatch):
    """Thirteen briefs (links, citations, tables, a body Python-Markdown cannot convert), and a
    threshold low enough that a second process takes them in chunks of two."""
    for n in range(BRIEFS - 1):
        body = RICH if n % 3 else f"See [the first brief](b0.md), and the source [@1]. Brief {n}.\n\n## Part {n}\n"
        corpus.write(f"b{n}.md", brief_text(title=f"Brief {n}", body=body))
    corpus.write("broken.md", brief_text(title="Broken", body=STARS))
    monkeypatch.setattr(bodies_beside, "BESIDE_FROM", 2)
    monkeypatch.setattr(bodies_beside, "CHUNK", 2)
    return corpus


def _checked(corpus, processes: int, monkeypatch) -> tuple:
    taken: list = []
    take = bodies_beside.BodiesBeside.take
    monkeypatch.setattr(bodies_beside.BodiesBeside, "take", lambda self, path: taken.append(take(self, path)) or taken[-1])
    checked, problems = validate(load_corpus(corpus.briefs), processes=processes)
    return checked, problems, [body for body in taken if body is not None]


def test_bodies_converted_beside_are_those_converted_here(briefs, monkeypatch):
    here, problems_here, none_beside = _checked(briefs, 1, monkeypatch)
    beside, problems_beside, taken = _checked(briefs, 2, monkeypatch)
    assert not none_beside and taken, "the second process converted no body"
    assert len(here.briefs) == len(beside.briefs) == BRIEFS - 1
    assert here.briefs == beside.briefs
    assert problems_here == problems_beside
    assert [p.message.split(":")[0] for p in problems_beside if p.severity == "error"] == ["body"]
    assert all(brief.body_html for brief in beside.briefs)


def test_without_a_second_process_every_body_is_converted_here(briefs, monkeypatch):
    def no_process(*args, **named):
        raise OSError("no more processes")

    here, problems_here, _ = _checked(briefs, 1, monkeypatch)
    monkeypatch.setattr(bodies_beside, "ProcessPoolExecutor", no_process)
    alone, problems_alone, taken = _checked(briefs, 2, monkeypatch)
    assert not taken
    assert here.briefs == alone.briefs and problems_here == problems_alone
