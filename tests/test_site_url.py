"""``site_url`` from the environment (``!ENV``), as the GitHub workflow sets it: the sitemap
then lists every page by its absolute address, on both engines."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import Corpus, brief_text

def _env_corpus(corpus: Corpus, setting: str) -> Corpus:
    text = corpus.config.read_text(encoding="utf-8")
    corpus.config.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {setting}", text), encoding="utf-8")
    corpus.write("2025/talks-open.md", brief_text(title="Talks open"))
    return corpus


def _pages(site) -> set[str]:
    """Every page of the built site, as its directory URL path ("" for the home page)."""
    return {
        page.parent.relative_to(site).as_posix() if page.parent != site else ""
        for page in site.rglob("index.html")
        if "pagefind" not in page.parts
    }


def _sitemap_paths(site, prefix: str) -> set[str]:
    locations = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert all(location.startswith(prefix) for location in locations), locations
    return {location[len(prefix):].rstrip("/") for location in locations}


def test_the_sitemap_lists_every_page_when_site_url_is_set(engine_corpus, monkeypatch):
    monkeypatch.setenv("BRIEFING_TEST_SITE_URL", "https://example.github.io/briefing")
    site = _env_corpus(engine_corpus, "!ENV BRIEFING_TEST_SITE_URL").build()
    pages = _pages(site)
    assert len(pages) > 5 and "briefs/talks-open" in pages
    assert _sitemap_paths(site, "https://example.github.io/briefing/") == pages
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.github.io/briefing/">' in home


def test_an_unset_variable_falls_back_to_the_default_then_to_none(corpus, monkeypatch):
    monkeypatch.delenv("BRIEFING_TEST_SITE_URL", raising=False)
    site = _env_corpus(corpus, "!ENV [BRIEFING_TEST_SITE_URL, 'https://fallback.example.org/']").build()
    assert "briefs/talks-open" in _sitemap_paths(site, "https://fallback.example.org/")
    _env_corpus(corpus, "!ENV BRIEFING_TEST_SITE_URL")
    site = corpus.build()
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org/", "'/briefing/'", "'https://x.org/\"><script>'"])
def test_a_site_url_that_is_not_an_address_is_an_error_with_its_line(corpus, value):
    _env_corpus(corpus, value)
    lines = corpus.config.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index(f"site_url: {value}")  # the last one, as YAML keeps it
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
         "--out", str(corpus.root / "site")],
        capture_output=True, text=True, cwd=corpus.root,
    )
    assert result.returncode == 1, result.stderr
    assert f"{corpus.config}:{line}: error: site_url" in result.stderr
    assert "Traceback" not in result.stderr
