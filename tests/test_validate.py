import datetime

import pytest

from generator.cli import main
from generator.read.load import load_corpus
from generator.check.validate import validate

from conftest import brief_text


def only(problems, severity="error"):
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def front_matter(*lines: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\nBody\n"


BASE = [
    "title: T",
    "date: 2025-05-16",
    "summary: S",
    "actors: [umerov]",
    "sources:",
    "  - publisher: P",
    "    url: https://example.org/x",
]


def replace_line(index: int, new: str) -> list[str]:
    lines = list(BASE)
    lines[index] = new
    return lines


@pytest.mark.parametrize(
    "lines, line, message",
    [
        (BASE + ["actor: [umerov]"], 9, "unknown key 'actor'; did you mean 'actors'?"),
        (BASE[1:], 2, "missing required key 'title'"),
        (replace_line(0, "title: 1986"), 2, "'title' must be text, got the number 1986; put it in quotes"),
        (replace_line(1, "date: 16/05/2025"), 3, "'date' must be a date written YYYY-MM-DD"),
        (replace_line(1, "date: 2025-02-30"), 3, "'2025-02-30' is not a real date"),
        (BASE + ["status: NO"], 9, "'status' must be one of reported, confirmed, disputed, retracted; got 'NO'"),
        (BASE + ["draft: yes"], 9, "'draft' must be true or false, got 'yes' (YAML 1.1 spelling)"),
        (replace_line(3, "actors: umerov"), 5, "'actors' must be a list"),
        (replace_line(3, "actors: []"), 5, "'actors' needs at least one entry"),
        (replace_line(3, "actors: [Umerow]"), 5, "unknown actor 'Umerow'; did you mean 'umerov'"),
        (BASE + ["round: round-3"], 9, "unknown round 'round-3'; did you mean"),
        (BASE + ["topics: [prisoner]"], 9, "unknown topic 'prisoner'; did you mean 'prisoners'?"),
        (replace_line(6, "    url: javascript:alert(1)"), 8, "'url' 'javascript:alert(1)' is not an http(s) link"),
        (replace_line(6, "    url: data:text/html,hi"), 8, "is not an http(s) link"),
        (replace_line(5, "  - title: no publisher"), 7, "sources[1]: missing required key 'publisher'"),
        (BASE[:4] + ["sources: []"], 6, "'sources' needs at least one entry"),
        (BASE[:4] + ["sources: Reuters"], 6, "'sources' must be a list of entries, each starting with '- '; got 'Reuters'"),
        (BASE + ["title: again"], 9, "duplicate key 'title' (first on line 2)"),
    ],
)
def test_brief_errors_name_line_and_fix(corpus, lines, line, message):
    path = corpus.write("b.md", front_matter(*lines))
    problem = only(corpus.problems())
    assert problem.path == str(path)
    assert problem.line == line
    assert message in problem.message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


def test_all_problems_reported_in_one_run(corpus):
    corpus.write("a.md", front_matter(*replace_line(1, "date: 2025-13-01"), "actor: x"))
    corpus.write("b.md", "no front matter\n")
    corpus.write("c.md", brief_text(actors="[nobody]"))
    problems = [p for p in corpus.problems() if p.severity == "error"]
    assert sorted({p.path.rsplit("/", 1)[-1] for p in problems}) == ["a.md", "b.md", "c.md"]
    assert len(problems) == 4


def test_aliases_resolve_in_any_case_and_script(corpus):
    corpus.write("a.md", brief_text(actors="[ZELENSKYY, зеленський, Volodymyr  Zelensky, umierov]"))
    corpus_model, problems = validate(load_corpus(corpus.briefs))
    assert problems == []
    assert corpus_model.briefs[0].actors == ("zelensky", "umerov")


def test_same_slug_in_two_folders_names_both(corpus):
    first = corpus.write("2024/talks.md", brief_text())
    second = corpus.write("2025/talks.md", brief_text())
    problem = only(corpus.problems())
    assert problem.path == str(second)
    assert str(first) in problem.message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize("name", ["My Brief.md", "index.md", "-dash.md"])
def test_file_name_that_is_not_an_address(corpus, name):
    path = corpus.write(name, brief_text())
    problem = only(corpus.problems())
    assert (problem.path, problem.line) == (str(path), 1)
    assert "cannot be a page address" in problem.message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize(
    "registry, text, line, message",
    [
        ("actors", "- id: a\n  name: A\n  type: person\n- id: a\n  name: B\n  type: person\n", 4, "duplicate actor id 'a' (first on line 1)"),
        ("actors", "- id: a\n  name: Same\n  type: person\n- id: b\n  name: B\n  type: person\n  aliases: [same]\n", 4, "'same' is already a name of actor 'a'"),
        ("actors", "- id: ../etc\n  name: A\n  type: person\n", 1, "'../etc' is not an id"),
        ("actors", "- id: a\n  name: A\n  type: human\n", 3, "'type' must be one of person, state, organization, delegation"),
        ("actors", "- id: a\n  name: A\n  type: person\n  affiliation: nowhere\n", 4, "affiliation: unknown actor 'nowhere'"),
        ("actors", "- id: a\n  name: A: B\n", 2, "invalid YAML"),
        ("actors", "id: a\nname: A\n", 1, "must be a YAML list"),
        ("rounds", "- id: r\n  name: R\n  start: 2025-01-01\n  participants: [ghost]\n", 4, "participants: unknown actor 'ghost'"),
        ("rounds", "- id: r\n  name: R\n  start: 2025-01-02\n  end: 2025-01-01\n", 1, "end 2025-01-01 is before start 2025-01-02"),
        ("topics", "- id: Bad_Id\n  name: T\n", 1, "'Bad_Id' is not an id"),
        ("topics", "- id: index\n  name: T\n", 1, "'index' is reserved"),
    ],
)
def test_registry_errors(corpus, registry, text, line, message):
    if registry == "actors":
        corpus.registry("rounds", "")
    path = corpus.registry(registry, text)
    problem = only(corpus.problems())
    assert (problem.path, problem.line) == (str(path), line)
    assert message in problem.message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize(
    "text, message",
    [
        (brief_text(date="2025-09-01", extra="round: round-1\n"), "more than 30 days outside round 'round-1'"),
        (brief_text(date="2099-01-01"), "is in the future"),
        (
            "---\ntitle: T\ndate: 2025-05-16\nsummary: S\nactors: [umerov]\nsources:\n  - publisher: Only a name\n---\n",
            "has neither title nor url",
        ),
    ],
)
def test_warnings_are_not_errors(corpus, text, message):
    corpus.write("w.md", text)
    problem = only(corpus.problems(), "warning")
    assert message in problem.message
    assert not [p for p in corpus.problems() if p.severity == "error"]


def test_valid_brief_becomes_typed_model(corpus):
    corpus.write(
        "a.md",
        brief_text(extra="round: Round One\ntopics: [Prisoners]\nstatus: confirmed\n"),
    )
    model, problems = validate(load_corpus(corpus.briefs), today=datetime.date(2026, 1, 1))
    assert problems == []
    (brief,) = model.briefs
    assert (brief.slug, brief.date, brief.round, brief.topics, brief.status) == (
        "a", datetime.date(2025, 5, 16), "round-1", ("prisoners",), "confirmed"
    )
    assert brief.sources[0].url == "https://news.example.org/a"
    assert model.rounds["round-1"].participants == ("umerov", "medinsky")


@pytest.mark.parametrize(
    "name, content, line, message",
    [
        ("empty.md", b"", 1, "empty file"),
        ("plain.md", b"Just text\n", 1, "no front matter"),
        ("latin1.md", "---\ntitle: caf\xe9\n---\n".encode("latin-1"), 2, "not valid UTF-8"),
        ("list.md", b"---\n- a\n---\n", 2, "must be a mapping"),
        ("syntax.md", b"---\ntitle: a: b\n---\n", 2, "invalid YAML"),
        ("bomb.md", b"---\na: &a [x, x]\nb: [*a, *a]\n---\n", 2, "aliases"),
    ],
)
def test_unreadable_brief_files_exit_1_with_file_and_line(corpus, name, content, line, message):
    path = corpus.write(name, content)
    problem = only(corpus.problems())
    assert (problem.path, problem.line) == (str(path), line)
    assert message in problem.message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize("value", ["!!timestamp 2025-02-30", "!!float abc", "!!int abc", "!!bool maybe", "!mine x"])
def test_explicit_tags_in_briefs_and_registries_are_errors(corpus, value, capsys):
    brief = corpus.write("b.md", front_matter(*replace_line(1, f"date: {value}")))
    registry = corpus.registry("topics", f"- id: t\n  name: T\n  description: {value}\n")
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1
    tag = value.split()[0]
    message = f"error: the YAML tag '{tag}' is not allowed; write the plain value (in quotes for text)"
    assert capsys.readouterr().err.splitlines() == [f"{path}:3: {message}" for path in sorted(map(str, (registry, brief)))]


NFC, NFD = "\u00d6mer \u00c7elik", "O\u0308mer C\u0327elik"


def test_names_match_across_unicode_normal_forms(corpus):
    assert NFC != NFD
    corpus.registry("actors", f"- id: celik\n  name: {NFC}\n  type: person\n")
    corpus.registry("rounds", "")
    corpus.write("a.md", brief_text(actors=f"[{NFD}, '{NFD.upper()}']"))
    model, problems = validate(load_corpus(corpus.briefs))
    assert problems == []
    assert model.briefs[0].actors == ("celik",)


def test_one_name_in_two_normal_forms_is_a_clash(corpus):
    corpus.registry("rounds", "")
    path = corpus.registry("actors", f"- id: a\n  name: {NFC}\n  type: person\n- id: b\n  name: {NFD}\n  type: person\n")
    problem = only(corpus.problems())
    assert (problem.path, problem.line) == (str(path), 4)
    assert problem.message == f"actor 'b': '{NFD}' is already a name of actor 'a'"


def test_year_typo_is_a_warning_in_check(corpus):
    path = corpus.write("a.md", brief_text(date="2205-05-16"))
    problem = only(corpus.problems(), "warning")
    assert (problem.path, problem.line, problem.message) == (str(path), 3, "date 2205-05-16 is in the future")
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    assert main(["check", "--briefs", str(corpus.briefs), "--strict"]) == 1
