"""`build` shows its stages: a bar on a terminal, plain lines otherwise, timings with
--verbose, and nothing but errors with --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from conftest import PROJECT, brief_text

STAGES = ["load", "check", "render", "pages", "search index", "publish"]


def build_args(corpus, *extra):
    return [sys.executable, "-m", "generator", "build", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
            "--out", str(corpus.root / "site"), *extra]


def run_build(corpus, *extra):
    return subprocess.run(build_args(corpus, *extra), capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(PROJECT)))


def pages_built(site) -> int:
    """Every page of the site is one Markdown page built: index.html files, the 404 page aside."""
    return sum(1 for _ in site.rglob("index.html") if "pagefind" not in _.parts)


def test_stage_lines_when_stderr_is_not_a_terminal(corpus):
    corpus.write("a.md", brief_text())
    result = run_build(corpus)
    assert result.returncode == 0, result.stderr
    count = pages_built(corpus.root / "site")
    assert count > 5
    assert result.stderr.splitlines() == [
        "load", "check", "render", f"pages: {count} to build", "search index", "publish",
        f"OK: built 1 brief(s) into {corpus.root / 'site'}",
    ]


def test_verbose_adds_each_stages_time(corpus):
    corpus.write("a.md", brief_text())
    lines = run_build(corpus, "--verbose").stderr.splitlines()
    timed = [line for line in lines if re.fullmatch(r"[a-z ]+: \d+\.\d\d s", line)]
    assert [line.split(":")[0] for line in timed] == STAGES + ["total"]
    assert lines.index(timed[0]) == 1  # each time follows its stage's line


def test_quiet_prints_errors_only(corpus):
    corpus.write("a.md", brief_text(date="2099-01-01"))  # a warning: a date in the future
    quiet = run_build(corpus, "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert "is in the future" in run_build(corpus).stderr  # without --quiet it is shown
    bad = corpus.write("b.md", brief_text(actors="[nobody]"))
    failed = run_build(corpus, "--quiet")
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        f"{bad}:5: error: actors: unknown actor 'nobody'",
        f"FAILED: 1 error(s), 1 warning(s); {corpus.root / 'site'} left as it was",
    ]


def test_a_bar_counts_the_pages_on_a_terminal(corpus):
    corpus.write("a.md", brief_text())
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen(build_args(corpus), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
                             env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert child.wait(timeout=120) == 0
    os.close(leader)
    screen = shown.decode("utf-8", "replace")
    count = pages_built(corpus.root / "site")
    assert re.search(rf"pages: +\d+%\|.*\| \d+/{count} ", screen), screen
    assert [stage for stage in STAGES if stage != "pages" and f"{stage}…" in screen] == [s for s in STAGES if s != "pages"]
    assert "\r" in screen  # redrawn in place, not one line per step
