"""``site_url`` must be an address every absolute link can start with: http(s), a host, a
valid port, no query, no fragment, no credentials; else an error on its line in mkdocs.yml.
And MkDocs' canonical link agrees with briefing's own absolute links.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from generator.cli import main

from conftest import brief_text

BAD = [
    "https://example.org/sub#top", "'https://example.org/?q=1'", "https://example.org:99999/",
    "https://user:secret@example.org/", "https://example.org:0/", "'https://:80/'", "https://example.org:port/",
]


def set_site_url(corpus, value: str) -> int:
    """Write ``site_url: value`` as the config's last line; return its line number."""
    text = re.sub(r"(?m)^site_url:.*\n", "", corpus.config.read_text(encoding="utf-8"))
    corpus.config.write_text(text + f"site_url: {value}\n", encoding="utf-8")
    return len(corpus.config.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("value", BAD)
def test_a_site_url_that_would_break_links_or_leak_is_an_error_on_its_line(corpus, value, capsys):
    corpus.write("a.md", brief_text())
    line = set_site_url(corpus, value)
    code = main(["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(corpus.root / "site")])
    err = capsys.readouterr().err
    assert code == 1 and f"{corpus.config}:{line}: error: site_url" in err, err
    assert "Traceback" not in err and not (corpus.root / "site").exists()


@pytest.mark.parametrize("site_url", ["https://example.org:8443/sub", "http://example.org/"])
def test_mkdocs_canonical_link_and_ours_agree(corpus, site_url):
    corpus.write("talks-open.md", brief_text(title="Talks open"))
    set_site_url(corpus, site_url)
    site = corpus.build()
    html = (site / "briefs" / "talks-open" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html).group(1)
    expected = site_url.rstrip("/") + "/briefs/talks-open/"
    assert canonical == expected
    cite_as = re.search(r'class="cite-as-text">.*?(https?://\S+?)</span>', html, re.S).group(1)
    og = re.findall(r'<meta property="og:url" content="([^"]*)"', html)
    [row] = csv.DictReader(io.StringIO((site / "data" / "briefs.csv").read_text(encoding="utf-8"), newline=""))
    assert {cite_as, row["url"], *og} == {canonical}
