"""`positions:` in front matter: each rule of check, with its message and line."""

from __future__ import annotations

import pytest

from conftest import brief_text


def positions_brief(item: str, actors: str = "[umerov, Medinsky]", topics: str = "[prisoners]") -> str:
    """A brief whose one position is ``item`` (lines under '- '); the item starts on line 8."""
    extra = f"topics: {topics}\npositions:\n  - {item}\n"
    return brief_text(actors=actors, extra=extra)


GOOD = "actor: Umierov\n    topic: Prisoners\n    stance: supports\n    statement: Ukraine wants all for all.\n    source: 1"


def test_a_valid_position_is_accepted_by_name_or_alias(corpus):
    corpus.write("a.md", positions_brief(GOOD))
    assert corpus.problems() == []


@pytest.mark.parametrize(
    "change, line, message",
    [
        (("actor: Umierov", "actor: Umerow"), 8,
         "positions[1]: actor: unknown actor 'Umerow'; did you mean 'umerov'?"),
        (("topic: Prisoners", "topic: Prisoner"), 9,
         "positions[1]: topic: unknown topic 'Prisoner'; did you mean 'prisoners'?"),
        (("stance: supports", "stance: suports"), 10,
         "positions[1]: 'stance' must be one of supports, opposes, conditional, proposes, rejects, unclear; "
         "got 'suports'; did you mean 'supports'?"),
        (("source: 1", "source: 2"), 12,
         "positions[1]: source 2 is out of range: the brief has 1 source"),
        (("source: 1", "source: first"), 12,
         "positions[1]: 'source' must be a whole number from 1 up, got 'first'"),
        (("source: 1", "source: 0"), 12,
         "positions[1]: 'source' must be a whole number from 1 up, got 0"),
        (("actor: Umierov", "actor: Zelenskyy"), 8,
         "positions[1]: actor 'Zelenskyy' is not among the brief's actors (umerov, medinsky); add it to 'actors' first"),
        (("topic: Prisoners", "topic: territory"), 9,
         "positions[1]: topic 'territory' is not among the brief's topics (prisoners); add it to 'topics' first"),
        (("    statement: Ukraine wants all for all.\n", ""), 8,
         "positions[1]: missing required key 'statement'"),
        (("stance: supports", "stance: supports\n    stand: firm"), 11,
         "positions[1]: unknown key 'stand'; did you mean 'stance'?"),
    ],
    ids=["unknown-actor", "unknown-topic", "unknown-stance", "source-out-of-range", "source-not-a-number",
         "source-zero", "actor-not-in-brief", "topic-not-in-brief", "missing-statement", "unknown-key"],
)
def test_each_rule_is_an_error_on_its_line(corpus, change, line, message):
    path = corpus.write("a.md", positions_brief(GOOD.replace(*change)))
    problems = [(p.path, p.line, p.severity, p.message) for p in corpus.problems()]
    assert problems == [(str(path), line, "error", message)]


def test_an_actor_outside_the_brief_names_the_brief_s_own(corpus):
    corpus.write("a.md", positions_brief(GOOD.replace("actor: Umierov", "actor: ukraine"), actors="[Zelenskyy, umerov]"))
    (problem,) = corpus.problems()
    assert problem.message == "positions[1]: actor 'ukraine' is not among the brief's actors (zelensky, umerov); add it to 'actors' first"


def test_a_position_without_topics_in_the_brief_is_refused(corpus):
    text = brief_text(extra="positions:\n  - " + GOOD + "\n")
    corpus.write("a.md", text)
    assert [(p.line, p.message) for p in corpus.problems()] == [
        (8, "positions[1]: topic 'Prisoners' is not in the brief: it has no topics; add it to 'topics' first")
    ]


def test_positions_must_be_a_list_of_mappings(corpus):
    corpus.write("a.md", brief_text(extra="positions: supports\n"))
    corpus.write("b.md", brief_text(extra="topics: [prisoners]\npositions:\n  - supports\n"))
    messages = sorted((p.path.rsplit("/", 1)[-1], p.line, p.message) for p in corpus.problems())
    assert messages == [
        ("a.md", 6, "'positions' must be a list of entries, each starting with '- '; got 'supports'"),
        ("b.md", 8, "positions[1]: must be a mapping of keys, got 'supports'"),
    ]


def test_every_rule_exits_1_from_the_command_line(corpus):
    from test_hostile_inputs import run_cli

    path = corpus.write("a.md", positions_brief(GOOD.replace("stance: supports", "stance: maybe")))
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"{path}:10: error: positions[1]: 'stance' must be one of")
