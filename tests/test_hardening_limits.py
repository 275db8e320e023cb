"""Stated limits per brief: actors, sources, citations and body size, each a clear error on its
line, stated in the README; the huge brief of issue 22 is refused before it is built."""

from __future__ import annotations

import re

from generator.check import limits
from generator.cli import main

from conftest import ACTORS, PROJECT, brief_text


def huge_brief(actors: int, sources: int, citations: int) -> str:
    names = ", ".join(f"actor-{n}" for n in range(actors))
    listed = "".join(f"  - publisher: Wire {n}\n    url: https://news.example.org/{n}\n" for n in range(sources))
    body = " ".join(f"[@{n % sources + 1}]" for n in range(citations))
    return f"---\ntitle: Huge\ndate: 2025-05-16\nsummary: Too much.\nactors: [{names}]\nsources:\n{listed}---\n{body}\n"


def line_of(path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))


def test_the_huge_brief_of_issue_22_is_refused_with_clear_errors_and_no_site(corpus, capsys):
    corpus.registry("actors", ACTORS + "".join(f"- id: actor-{n}\n  name: Actor {n}\n  type: person\n" for n in range(2000)))
    path = corpus.write("huge.md", huge_brief(2000, 2000, 10_000))
    code = main(["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(corpus.root / "site")])
    err = capsys.readouterr().err
    assert code == 1 and not (corpus.root / "site").exists()
    assert f"{path}:{line_of(path, 'actors:')}: error: actors: 2,000 listed; a brief may have at most {limits.MAX_ACTORS}" in err
    assert f"{path}:{line_of(path, 'sources:')}: error: sources: 2,000 listed; a brief may have at most {limits.MAX_SOURCES}" in err
    assert f"{path}:{line_of(path, '[@1]')}: error: body: 10,000 citations; a brief may have at most {limits.MAX_CITATIONS:,}" in err
    assert "Traceback" not in err


def test_at_the_limits_a_brief_is_fine_and_one_more_is_an_error(corpus):
    corpus.registry("actors", ACTORS + "".join(f"- id: actor-{n}\n  name: Actor {n}\n  type: person\n" for n in range(limits.MAX_ACTORS + 1)))
    corpus.write("edge.md", huge_brief(limits.MAX_ACTORS, limits.MAX_SOURCES, limits.MAX_CITATIONS))
    assert not [p for p in corpus.problems() if p.severity == "error"]
    corpus.write("edge.md", huge_brief(limits.MAX_ACTORS + 1, limits.MAX_SOURCES + 1, limits.MAX_CITATIONS + 1))
    assert [p.message.split(":")[0] for p in corpus.problems() if p.severity == "error"] == ["actors", "sources", "body"]


def test_a_body_over_the_size_limit_is_an_error_on_its_first_line(corpus):
    path = corpus.write("long.md", brief_text(body="word " * (limits.MAX_BODY_BYTES // 5 + 1)))
    [problem] = [p for p in corpus.problems() if p.severity == "error"]
    assert problem.line == line_of(path, "word") and problem.message.startswith(
        f"body: {len(('word ' * (limits.MAX_BODY_BYTES // 5 + 1)) + chr(10)):,} bytes; a brief's body may have at most")


def test_the_readme_states_every_limit():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Limits"):]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    assert f"{limits.MAX_ACTORS:,} actors" in section and f"{limits.MAX_SOURCES:,} sources" in section
    assert f"{limits.MAX_CITATIONS:,} citations" in section and f"{limits.MAX_BODY_BYTES:,} bytes" in section
    assert re.search(r"check.*error", section)
