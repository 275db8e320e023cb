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
    assert result.stdout == ""
    assert "OK: 1 brief(s) checked" in result.stderr


def test_check_prints_path_line_severity_and_exits_1(corpus):
    path = corpus.write("bad.md", brief_text(actors="[Umerow]"))
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:5: error: actors: unknown actor 'Umerow'; did you mean 'umerov'?"
    ]
    assert "Traceback" not in result.stderr


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
    assert checked.stdout.splitlines() == [
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
