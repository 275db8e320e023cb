"""`briefing serve` in a browser: a failed rebuild shows its problems over the page, as
text, and the next good build takes them away. On each engine."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import PROJECT, brief_text
from markup import PAYLOADS

from test_serve import free_port, fetch_until

pytestmark = pytest.mark.browser

PANEL = "#briefing-build-errors"


def yaml_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def test_a_failed_rebuild_shows_its_problems_until_the_next_good_build(browser, engine_corpus):
    corpus = engine_corpus
    brief = corpus.write("a.md", brief_text(title="First title"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--dev-addr", f"127.0.0.1:{port}", "--engine", corpus.engine],
        env=dict(os.environ, PYTHONPATH=str(PROJECT)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/briefs/a/"
        fetch_until(url, "First title", seconds=120)
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url)
        assert page.locator(PANEL).count() == 0

        payload = PAYLOADS["title"]
        bad = brief_text(title="Second title", actors=f"[{yaml_quoted(payload)}]", extra="status: sure\n")
        line = bad.splitlines().index("status: sure") + 1
        brief.write_text(bad, encoding="utf-8")
        panel = page.locator(PANEL)
        panel.wait_for(state="visible", timeout=120_000)  # the page reloads itself after the rebuild
        text = panel.inner_text()
        assert f"{brief}:5: error: actors: unknown actor '{payload}'" in text
        assert f"{brief}:{line}: error: 'status' must be one of" in text
        assert panel.locator("script, img, svg, a, em").count() == 0  # the payload is text
        assert "First title" in page.title()  # the last good build, under the panel

        brief.write_text(brief_text(title="Third title"), encoding="utf-8")
        page.wait_for_function("document.title.includes('Third title')", timeout=120_000)
        assert page.locator(PANEL).count() == 0
        assert dialogs == []
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
