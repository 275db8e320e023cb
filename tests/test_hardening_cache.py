"""The build cache heals from any damage (a notice and a full build), and a leftover empty
folder in --out never fails a build: the build's own goes, a stranger's is refused and named.
Switching corpora into the same --out works."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import brief_text
from generator.errors import BuildError
from test_build import tree_digest


def cache_of(corpus):
    return corpus.root / ".site.briefing-cache"


def make_file(path):
    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else None
    path.write_text("not what belongs here\n", encoding="utf-8")


def make_folder(path):
    path.unlink(missing_ok=True)
    (path / "stray").mkdir(parents=True)


def shard_folder(cache):
    shard = next((cache / "parsed").iterdir())
    shard.unlink()
    shard.mkdir()


def project_link(cache, elsewhere):
    shutil.rmtree(cache / "project")
    os.symlink(elsewhere, cache / "project")


DAMAGE = {
    "cache folder is a file": lambda cache, elsewhere: (shutil.rmtree(cache), make_file(cache)),
    "state file is a folder": lambda cache, elsewhere: make_folder(cache / "state.json"),
    "parsed folder is a file": lambda cache, elsewhere: make_file(cache / "parsed"),
    "a parsed shard is a folder": lambda cache, elsewhere: shard_folder(cache),
    "project folder is a file": lambda cache, elsewhere: make_file(cache / "project"),
    "project folder is a link": project_link,
    "search records folder is a file": lambda cache, elsewhere: make_file(cache / "search-pages"),
    "state temporary file is a folder": lambda cache, elsewhere: make_folder(cache / "state.json.tmp"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_any_damage_to_the_cache_means_a_notice_and_a_full_build(corpus, tmp_path, damage, capsys):
    corpus.write("a.md", brief_text(title="First"))
    corpus.build()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    DAMAGE[damage](cache_of(corpus), elsewhere)
    corpus.write("b.md", brief_text(title="Second", date="2025-05-17"))
    capsys.readouterr()
    site = corpus.build()
    assert "note: cache dropped" in capsys.readouterr().err
    assert tree_digest(site) == tree_digest(corpus.build(out_dir=tmp_path / "clean" / "site"))
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"  # a link's target is never touched
    corpus.write("c.md", brief_text(title="Third", date="2025-05-18"))
    corpus.build()  # and the cache written anew works
    assert "cache dropped" not in capsys.readouterr().err


def empty_folders(site):
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_dir() and not any(p.iterdir()))


def test_switching_corpora_into_the_same_out_works(corpus, tmp_path):
    corpus.write("a.md", brief_text(title="First", extra="round: round-2\ntopics: [territory]\n"))
    site = corpus.build()
    assert (site / "rounds" / "round-2" / "feed.xml").is_file()
    # Another corpus (another branch): round-2 and the territory topic are gone.
    (corpus.briefs / "a.md").unlink()
    corpus.registry("rounds", "- id: round-1\n  name: Round one\n  start: 2025-05-16\n  status: held\n")
    corpus.registry("topics", "- id: prisoners\n  name: Prisoners\n")
    corpus.write("b.md", brief_text(title="Other", extra="topics: [prisoners]\n"))
    site = corpus.build()
    assert not (site / "rounds" / "round-2").exists() and not (site / "topics" / "territory").exists()
    assert not empty_folders(site)
    assert tree_digest(site) == tree_digest(corpus.build(out_dir=tmp_path / "clean" / "site"))


def test_an_emptied_folder_of_our_own_is_rebuilt_and_a_strangers_is_refused_by_name(corpus):
    corpus.write("a.md", brief_text(title="First", extra="round: round-2\n"))
    site = corpus.build()
    for page in (site / "rounds" / "round-2").rglob("*"):
        if page.is_file():
            page.unlink()
    corpus.build()
    assert (site / "rounds" / "round-2" / "index.html").is_file() and not empty_folders(site)
    (site / "stranger" / "inside").mkdir(parents=True)
    with pytest.raises(BuildError, match=r"stranger/inside/"):
        corpus.build()
