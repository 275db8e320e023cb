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


def test_new_writes_a_skeleton_that_passes_check(corpus):
    result = run_cli(
        "new", "Talks resume: round 2!", "--briefs", str(corpus.briefs), "--date", "2025-06-02",
        "--actor", "Umierov", "--actor", "ZELENSKYY", "--round", "Round two",
    )
    assert result.returncode == 0, result.stderr
    path = corpus.briefs / "2025" / "2025-06-02-talks-resume-round-2.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text()
    assert "actors:\n- umerov\n- zelensky\n" in text and "round: round-2" in text
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    again = run_cli("new", "Talks resume: round 2!", "--briefs", str(corpus.briefs), "--date", "2025-06-02", "--actor", "umerov")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_refuses_unknown_actor_with_suggestion(corpus):
    result = run_cli("new", "Title", "--briefs", str(corpus.briefs), "--actor", "Zelenskyj")
    assert result.returncode == 1
    assert "unknown actor 'Zelenskyj'; did you mean" in result.stderr
    assert not list(corpus.briefs.rglob("*.md"))
