"""How long an author waits for a saved edit in ``briefing serve``, measured in headless
Chromium: the brief's page is open, a sentence is appended to the brief file, and the clock
stops when the reloaded page shows it. Used by ``benchmark.py``."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reader import CHROMIUM, CHROMIUM_ARGS, PROJECT

SHOWS = "(sentence) => document.body && document.body.innerText.includes(sentence)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 1800) -> None:
    """Until ``url`` answers 200 (the first build is in), or the server exits."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"briefing serve exited ({process.returncode}) before its first page")
        try:
            if urllib.request.urlopen(url, timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"briefing serve never answered {url}")


def measure_serve(briefs: Path, config: Path, repeat: int = 3, settle: float = 20.0) -> dict:
    """Median seconds from saving an edit to the open page showing it, over ``repeat`` edits
    of different briefs; ``settle``: at most this many seconds for the background rebuild
    of the previous edit to finish before the next one (each round waits for it)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--briefs", str(briefs), "--config", str(config),
         "--dev-addr", f"127.0.0.1:{port}", "--engine", "mkdocs"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    files = sorted(briefs.rglob("*.md"))
    seconds = []
    try:
        _wait_for(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for number in range(repeat):
                brief = files[(len(files) // 3 + 7 * number) % len(files)]
                tab = browser.new_page()
                tab.goto(f"http://127.0.0.1:{port}/briefs/{brief.stem}/", wait_until="load")
                tab.wait_for_timeout(1000)  # livereload's long poll is open
                sentence = f"Serve benchmark sentence number {number} for {brief.stem}."
                saved = time.perf_counter()
                brief.write_text(brief.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
                tab.wait_for_function(SHOWS, arg=sentence, timeout=600000, polling=50)
                seconds.append(time.perf_counter() - saved)
                tab.close()
                time.sleep(settle)  # the background rebuild lands before the next edit
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # stopped in the middle of a long build: the figures stand
            server.kill()
            server.wait(timeout=60)
    return {"serve_edit_s": statistics.median(seconds), "serve_edit_rounds": seconds}


if __name__ == "__main__":  # python bench/serve_latency.py BRIEFS [CONFIG]
    print(measure_serve(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else PROJECT / "mkdocs.yml"))
