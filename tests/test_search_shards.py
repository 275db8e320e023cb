"""The search index in shards: every page in exactly one shard chosen by a hash of its path,
an edit re-indexes only its shard, and the browser searches every shard as one index.
Shards are read from Pagefind's files; expectations come from the raw brief files."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from generator.commands.demo_corpus import write_demo_corpus

from conftest import Corpus
from site_browser import serve
from test_build import tree_digest
from test_search import listed, matching, open_search, raw_briefs

PAGES_PER_SHARD = 10  # small, so that a 40-brief corpus has every shard
EDIT = "Zanzibarian quorum wording."


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.outputs.search_shards.PAGES_PER_SHARD", PAGES_PER_SHARD)
    corpus = Corpus(tmp_path)
    for registry in ("actors", "rounds", "topics"):
        (corpus.briefs / f"{registry}.yml").unlink()
    write_demo_corpus(40, corpus.briefs)
    return corpus


def shard_folders(site: Path) -> list[Path]:
    """pagefind/ and each shard that its shards.json lists."""
    bundle = site / "pagefind"
    return [bundle] + [bundle / name for name in json.loads((bundle / "shards.json").read_text(encoding="utf-8"))]


def shard_urls(folder: Path) -> dict[str, dict]:
    """The pages of one shard, by URL, from its fragment files (gzip over pagefind_dcd + JSON)."""
    records = {}
    for fragment in (folder / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        records[data["url"]] = data
    return records


def expected_shard(url: str, count: int) -> int:
    """A page's shard as the brief states it: sha256 of ``briefs/x/index.html``, first 8 bytes, mod count."""
    record = f"{url.strip('/')}/index.html"
    return int.from_bytes(hashlib.sha256(record.encode()).digest()[:8], "big") % count


def searchable_pages(site: Path) -> set[str]:
    return {f"/{kind}/{page.parent.name}/" for kind in ("briefs", "actors", "rounds", "topics") for page in (site / kind).glob("*/index.html")}


def edit_body(brief: Path) -> None:
    brief.write_text(brief.read_text(encoding="utf-8").replace("\n---\n", f"\n---\n{EDIT}\n\n", 1), encoding="utf-8")


def test_every_page_is_in_exactly_the_shard_its_path_hashes_to(demo):
    site = demo.build()
    folders = shard_folders(site)
    assert len(folders) == 8  # 80-odd pages at 10 a shard: the most shards there are
    seen: list[str] = []
    for number, folder in enumerate(folders):
        urls = shard_urls(folder)
        assert urls, folder
        assert {expected_shard(url, len(folders)) for url in urls} == {number}, folder
        seen += urls
    assert len(seen) == len(set(seen)) and set(seen) == searchable_pages(site)


def test_an_edit_reindexes_only_its_shard_and_equals_a_clean_build(demo, tmp_path):
    site = demo.build()
    before = {folder.name: (folder / "pagefind-entry.json").stat().st_ino for folder in shard_folders(site)}
    brief = sorted(demo.briefs.rglob("*.md"))[3]
    edit_body(brief)
    site = demo.build()
    url = f"/briefs/{brief.stem}/"
    folders = shard_folders(site)
    home = folders[expected_shard(url, len(folders))]
    assert EDIT.split()[0] in shard_urls(home)[url]["content"]
    after = {folder.name: (folder / "pagefind-entry.json").stat().st_ino for folder in folders}
    assert {name for name in after if after[name] != before[name]} == {home.name}
    clean = tmp_path / "clean" / "site"
    assert tree_digest(site) == tree_digest(demo.build(out_dir=clean))


@pytest.mark.browser
def test_the_browser_searches_every_shard_as_one_index(browser, demo):
    site = demo.build()
    briefs = raw_briefs(demo.briefs)
    folders = shard_folders(site)
    brief = next(path for path in sorted(demo.briefs.rglob("*.md")) if expected_shard(f"/briefs/{path.stem}/", len(folders)) == 5)
    edit_body(brief)
    site = demo.build()
    server, url = serve(site)
    try:
        page = browser.new_page()
        open_search(page, f"{url}search/?q=zanzibarian")
        assert listed(page) == [brief.stem]
        actor = sorted(briefs[brief.stem]["actor"])[0]
        open_search(page, f"{url}search/?actor={actor}")
        assert set(listed(page)) == matching(briefs, actor=actor)
        for option in page.locator("select[name=year] option:not([value=''])").all():
            count = len(matching(briefs, actor=actor, year=option.get_attribute("value")))
            assert option.inner_text().endswith(f"({count})"), option.inner_text()
        open_search(page, f"{url}search/")
        shown = listed(page)
        assert set(shown) == set(briefs) and len(shown) == len(briefs)
        dates = [briefs[slug]["date"] for slug in shown]
        assert dates == sorted(dates, reverse=True)  # no words: newest first, across shards
        open_search(page, f"{url}search/?actor={actor}&sort=oldest")
        dates = [briefs[slug]["date"] for slug in listed(page)]
        assert dates == sorted(dates)
        page.close()
    finally:
        server.shutdown()
