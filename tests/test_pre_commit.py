"""The `briefing-check` pre-commit hook, run as another repository would run it: through
`pre-commit try-repo` on this checkout (its tracked files, edits included). Each run
installs briefing into a new virtualenv from PyPI (about a minute): this test needs PyPI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import PROJECT, brief_text

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_hook_passes_a_good_brief_and_fails_a_bad_one(corpus, tmp_path):
    repo = corpus.root
    corpus.write("good.md", brief_text())
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")

    def run_hook():
        git(repo, "add", "-A")
        return subprocess.run([*PRE_COMMIT, "try-repo", str(PROJECT), "briefing-check", "--all-files"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    good = run_hook()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "briefing check" in good.stdout and "Passed" in good.stdout

    text = brief_text(actors="[nobody]")
    corpus.write("bad.md", text)
    line = text.splitlines().index("actors: [nobody]") + 1
    bad = run_hook()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert f"briefs/bad.md:{line}: error: actors: unknown actor 'nobody'" in bad.stdout
    assert "FAILED: 2 briefs checked, 1 error(s), 0 warning(s)" in bad.stdout
