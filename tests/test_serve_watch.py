"""`briefing serve` notices every kind of watched input change: a brief, mkdocs.yml (a single
file), and a brief in a folder reached through a symbolic link (watched by polling, since
file-system events are not reported below a link)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from conftest import PROJECT, brief_text

from test_serve import fetch_until, free_port


def serving(corpus, log=subprocess.DEVNULL):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--dev-addr", f"127.0.0.1:{port}", "--engine", "mkdocs"],
        env=dict(os.environ, PYTHONPATH=str(PROJECT)), stdout=subprocess.DEVNULL, stderr=log,
    )
    return server, f"http://127.0.0.1:{port}"


def test_serve_sees_an_edited_brief_and_an_edited_config_and_rests_between(corpus, tmp_path):
    brief = corpus.write("2025/a.md", brief_text(title="First title"))
    log = tmp_path / "serve.log"
    with log.open("wb") as written:
        server, root = serving(corpus, written)
    builds = lambda: log.read_text(encoding="utf-8").count("OK: built")  # noqa: E731
    try:
        fetch_until(f"{root}/briefs/a/", "First title", seconds=120)
        brief.write_text(brief_text(title="Second title"), encoding="utf-8")
        fetch_until(f"{root}/briefs/a/", "Second title", seconds=120)
        corpus.config.write_text(corpus.config.read_text(encoding="utf-8") + "copyright: Edited while serving\n", encoding="utf-8")
        fetch_until(f"{root}/briefs/a/", "Edited while serving", seconds=120)
        time.sleep(2)  # on a loaded machine an edit's write may come as two changes, and two builds
        built = builds()
        time.sleep(3)  # a build reads every input: if reading were taken for a change, it would build again
        assert builds() == built and 3 <= built <= 6
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_sees_a_brief_edited_below_a_linked_folder(corpus, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    brief = elsewhere / "linked.md"
    brief.write_text(brief_text(title="First title"), encoding="utf-8")
    (corpus.briefs / "2025").symlink_to(elsewhere, target_is_directory=True)
    server, root = serving(corpus)
    try:
        fetch_until(f"{root}/briefs/linked/", "First title", seconds=120)
        brief.write_text(brief_text(title="Second title"), encoding="utf-8")
        fetch_until(f"{root}/briefs/linked/", "Second title", seconds=120)
    finally:
        server.terminate()
        server.wait(timeout=30)
