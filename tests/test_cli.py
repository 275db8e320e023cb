"""The command line, run as authors and CI run it: exit codes and printed problems."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from generator.cli import main

from conftest import PROJECT, brief_text


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_check_clean_exits_0(corpus):
    corpus.write("a.md", brief_text())
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == "OK: 1 brief checked, 0 error(s), 0 warning(s)\n"


def test_check_prints_path_line_severity_and_exits_1(corpus):
    path = corpus.write("bad.md", brief_text(actors="[Umerow]"))
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:5: error: actors: unknown actor 'Umerow'; did you mean 'umerov'?"
    ]
    assert result.stdout == "FAILED: 1 brief checked, 1 error(s), 0 warning(s)\n"


def test_strict_turns_warnings_into_failure(corpus):
    corpus.write("a.md", brief_text(date="2099-01-01"))
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    assert main(["check", "--briefs", str(corpus.briefs), "--strict"]) == 1


def test_github_and_json_formats(corpus):
    path = corpus.write("bad.md", brief_text(actors="[nobody]"))
    github = run_cli("check", "--briefs", str(corpus.briefs), "--format", "github")
    assert github.returncode == 1
    assert github.stdout.startswith(f"::error file={path},line=5::actors: unknown actor 'nobody'")
    as_json = run_cli("check", "--briefs", str(corpus.briefs), "--format", "json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == [
        {"path": str(path), "line": 5, "severity": "error", "message": "actors: unknown actor 'nobody'"}
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--briefs", "/no/such/folder"],
        ["check", "--format", "xml"],
        ["frobnicate"],
        ["build", "--config", "/no/such/mkdocs.yml"],
        ["new", "Title", "--date", "2025-02-30"],
    ],
)
def test_usage_mistakes_exit_2(args):
    result = run_cli(*args, cwd=PROJECT)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def test_build_command_builds_and_reports(corpus):
    corpus.write("a.md", brief_text())
    out = corpus.root / "out"
    result = run_cli("build", "--briefs", str(corpus.briefs), "--out", str(out), "--config", str(corpus.config))
    assert result.returncode == 0, result.stderr
    assert (out / "briefs" / "a" / "index.html").is_file()


def test_new_writes_a_skeleton_that_fails_check_until_filled_in(corpus):
    result = run_cli(
        "new", "Talks resume: round 2!", "--briefs", str(corpus.briefs), "--date", "2025-06-02",
        "--actor", "Umierov", "--actor", "ZELENSKYY", "--round", "Round two",
    )
    assert result.returncode == 0, result.stderr
    path = corpus.briefs / "2025" / "06" / "2025-06-02-talks-resume-round-2.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text()
    assert "actors:\n- umerov\n- zelensky\n" in text and "round: round-2" in text
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if fragment in line)

    checked = run_cli("check", "--briefs", str(corpus.briefs))
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"{path}:{line_of('summary:')}: error: placeholder left in 'summary'; replace it",
        f"{path}:{line_of('publisher:')}: error: placeholder left in 'publisher' of source 1; replace it",
        f"{path}:{line_of('  title:')}: error: placeholder left in 'title' of source 1; replace it",
        f"{path}:{line_of('Write what happened')}: error: placeholder left in the body; replace it",
    ]
    filled = (
        text.replace("One or two sentences: the bottom line.", "Talks resumed.")
        .replace("Publisher name", "Example Wire")
        .replace("Article title", "Talks resume")
        .replace("Write what happened here, in your own words.", "The delegations met.")
    )
    path.write_text(filled)
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    again = run_cli("new", "Talks resume: round 2!", "--briefs", str(corpus.briefs), "--date", "2025-06-02", "--actor", "umerov")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_placeholder_in_an_indented_body_line_is_still_an_error(corpus):
    path = corpus.write("a.md", brief_text(body="First line.\n\n  Write what happened here, in your own words."))
    problem = [p for p in corpus.problems() if p.severity == "error"]
    body_start = path.read_text().splitlines().index("---", 1) + 2
    assert [(p.line, p.message) for p in problem] == [(body_start + 2, "placeholder left in the body; replace it")]


def test_new_refuses_unknown_actor_with_suggestion(corpus):
    result = run_cli("new", "Title", "--briefs", str(corpus.briefs), "--actor", "Zelenskyj")
    assert result.returncode == 1
    assert "unknown actor 'Zelenskyj'; did you mean" in result.stderr
    assert not list(corpus.briefs.rglob("*.md"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["demo-corpus", "5", "{file}"], "exists and is not a folder"),
        (["demo-corpus", "-5", "{folder}"], "argument count: '-5' is not a whole number of at least 1"),
        (["demo-corpus", "0", "{folder}"], "argument count: '0' is not a whole number of at least 1"),
        (["serve", "--dev-addr", "127.0.0.1:99999"], "'127.0.0.1:99999' is not host:port with a port from 1 to 65535"),
        (["serve", "--dev-addr", "8000"], "'8000' is not host:port"),
        (["build", "--jobs", "0"], "argument --jobs: '0' is not a whole number of at least 1"),
        (["serve", "--jobs", "-3"], "argument --jobs: '-3' is not a whole number of at least 1"),
        (["build", "--jobs", "many"], "argument --jobs: 'many' is not a whole number of at least 1"),
    ],
)
def test_cli_mistakes_exit_2_with_a_message(tmp_path, args, message):
    existing = tmp_path / "file.txt"
    existing.write_text("x")
    args = [a.format(file=existing, folder=tmp_path / "new") for a in args]
    result = run_cli(*args, cwd=PROJECT)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()


def test_serve_on_a_port_in_use_exits_with_a_message(corpus):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
                         "--dev-addr", f"127.0.0.1:{port}")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"briefing: error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another --dev-addr"
    )


def test_jobs_above_the_core_count_are_capped():
    from generator import cli

    cores = os.cpu_count() or 1
    assert cli._parser().parse_args(["build", "--jobs", str(cores + 7)]).jobs == cores
    assert cli._parser().parse_args(["build", "--jobs", "1"]).jobs == 1
    help_text = run_cli("build", "--help").stdout
    assert "capped to the core count" in " ".join(help_text.split())


def test_check_counts_every_brief_file_broken_ones_too(corpus):
    for number in range(20):
        corpus.write(f"b{number:02d}.md", brief_text() if number != 7 else "no front matter at all\n")
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 1
    assert result.stdout == "FAILED: 20 briefs checked, 1 error(s), 0 warning(s)\n"


def test_problems_come_sorted_by_file_then_line(corpus):
    """Validation finds a bad status (line 6) and an unknown key (7) before an unknown
    actor (5); the files are written in the reverse of their sorted order."""
    bad = brief_text(actors="[ghost]", extra="status: maybe\ntopic: [x]\n")
    paths = [corpus.write(name, bad) for name in ("z.md", "m.md", "a.md")]
    lines = run_cli("check", "--briefs", str(corpus.briefs)).stderr.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{path}:{line}" for path in sorted(map(str, paths)) for line in (5, 6, 7)
    ]


@pytest.mark.parametrize("value", ["2025-02-30", "2025/05/16", "16 May 2025", "2025-5-16"])
def test_new_and_check_word_a_bad_date_alike(corpus, value):
    corpus.write("a.md", brief_text(date=f"'{value}'"))
    checked = run_cli("check", "--briefs", str(corpus.briefs)).stderr
    (problem,) = [line for line in checked.splitlines() if "'date'" in line]
    check_words = problem.split("'date' ", 1)[1]
    made = run_cli("new", "Title", "--briefs", str(corpus.briefs), "--date", value)
    assert made.returncode == 2
    assert made.stderr.splitlines()[-1].endswith(f"argument --date: {check_words}")
