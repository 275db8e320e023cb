"""`briefing serve` shows an edited brief's page before the whole rebuild, which then brings
the site to what a clean build of the edited corpus gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

from generator.commands.demo_corpus import write_demo_corpus

from conftest import PROJECT, Corpus
from test_build import tree_digest
from test_serve import fetch_until, free_port

GATE = PROJECT / "tests" / "serve_gate.py"


def wait_for(path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.1)


def test_an_edited_brief_shows_before_the_rebuild_and_the_rebuild_equals_a_clean_build(tmp_path):
    corpus = Corpus(tmp_path / "corpus", "mkdocs")
    for registry in ("actors", "rounds", "topics"):
        (corpus.briefs / f"{registry}.yml").unlink()
    write_demo_corpus(30, corpus.briefs)
    brief = sorted(corpus.briefs.rglob("*.md"))[3]
    gate, scratch = tmp_path / "gate", tmp_path / "tmp"
    gate.mkdir()
    scratch.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(GATE), str(gate), "serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--dev-addr", f"127.0.0.1:{port}", "--engine", "mkdocs"],
        env=dict(os.environ, PYTHONPATH=str(PROJECT), TMPDIR=str(scratch)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(gate / "built-1")
        url = f"http://127.0.0.1:{port}/briefs/{brief.stem}/"
        assert "A sentence the author just saved." not in urllib.request.urlopen(url, timeout=30).read().decode()
        brief.write_text(brief.read_text(encoding="utf-8") + "\nA sentence the author just saved.\n", encoding="utf-8")
        fetch_until(url, "A sentence the author just saved.", seconds=120)
        assert not (gate / "built-2").exists()  # the normal build is still held at the gate
        (gate / "open").touch()
        wait_for(gate / "built-2")
        assert (gate / "built-2").read_text() == "None"
        served = next(scratch.glob("briefing-serve-*")) / "site"
        clean = tmp_path / "clean" / "site"
        corpus.build(out_dir=clean)
        assert tree_digest(served) == tree_digest(clean)
    finally:
        server.terminate()
        server.wait(timeout=30)
    shutil.rmtree(scratch, ignore_errors=True)
