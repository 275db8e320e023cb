"""`briefing serve` shows an edited brief's page before the whole rebuild, byte for byte the page
that rebuild then writes, and the rebuild brings the site to what a clean build of the edited
corpus gives. The second edit is shown from the corpus the serve process kept from the first."""

from __future__ import annotations

import os
import re
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


LIVERELOAD = re.compile(rb"<script>\s*var livereload = function\((?:(?!</script>).)*livereload\(\d+, \d+\);\s*</script>", re.DOTALL)


def without_livereload(page: bytes) -> bytes:
    """The page as the server's file holds it: the server adds its reload script to every page."""
    assert len(LIVERELOAD.findall(page)) == 1
    return LIVERELOAD.sub(b"", page)


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
        served = next(scratch.glob("briefing-serve-*")) / "site"
        url = f"http://127.0.0.1:{port}/briefs/{brief.stem}/"
        for number, saved in enumerate(("A sentence the author just saved.", "And a second one, on the kept corpus."), 2):
            assert saved not in fetch_until(url, "</html>", seconds=120)  # the server listens once the first build is in
            brief.write_text(brief.read_text(encoding="utf-8") + f"\n{saved}\n", encoding="utf-8")
            fetch_until(url, saved, seconds=120)
            quick_page = without_livereload(urllib.request.urlopen(url, timeout=30).read())
            assert not (gate / f"built-{number}").exists()  # the normal build is still held at the gate
            (gate / "open").touch()
            wait_for(gate / f"built-{number}")
            assert (gate / f"built-{number}").read_text() == "None"
            assert quick_page == (served / "briefs" / brief.stem / "index.html").read_bytes()
        clean = tmp_path / "clean" / "site"
        corpus.build(out_dir=clean)
        assert tree_digest(served) == tree_digest(clean)
    finally:
        server.terminate()
        server.wait(timeout=30)
    shutil.rmtree(scratch, ignore_errors=True)
