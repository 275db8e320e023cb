"""`briefing serve` rebuilds the preview when a brief changes, on each engine."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib import metadata

from conftest import PROJECT, brief_text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, wanted: str, seconds: float = 180) -> str:
    """The body at ``url`` once it holds ``wanted``; ``seconds`` only bounds a hang (a build on a loaded machine is slow)."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=2).read().decode()
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{wanted!r} never appeared at {url}")


def test_serve_rebuilds_after_an_edit(engine_corpus, engine):
    corpus = engine_corpus
    brief = corpus.write("a.md", brief_text(title="First title"))
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--dev-addr", f"127.0.0.1:{port}", "--engine", engine],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/briefs/a/"
        page = fetch_until(url, "First title")
        assert f'<meta name="generator" content="{engine}-{metadata.version(engine)}' in page  # built by that engine
        entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        pages = json.loads(fetch_until(entry, "page_count"))["languages"]["en"]["page_count"]
        brief.write_text(brief_text(title="Second title"), encoding="utf-8")
        assert f'content="{engine}-{metadata.version(engine)}' in fetch_until(url, "Second title")
        corpus.write("b.md", brief_text(title="Added brief"))
        fetch_until(f"http://127.0.0.1:{port}/timeline/", "Added brief")
        fetch_until(entry, f'"page_count":{pages + 1}')  # search covers the added brief
        fetch_until(f"http://127.0.0.1:{port}/search/", 'id="bsearch-page"')
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_removes_its_temporary_folder_on_sigterm(corpus, tmp_path):
    corpus.write("a.md", brief_text(title="First title"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--dev-addr", f"127.0.0.1:{port}"],
        env=dict(os.environ, PYTHONPATH=str(PROJECT), TMPDIR=str(scratch)),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        fetch_until(f"http://127.0.0.1:{port}/briefs/a/", "First title")
        assert [p.name for p in scratch.iterdir() if p.name.startswith("briefing-serve-")]  # it was made here
    finally:
        server.terminate()  # SIGTERM, as a service manager or a test stops it
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors.decode()
    assert list(scratch.iterdir()) == []
