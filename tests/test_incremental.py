"""An incremental build gives the same bytes as a clean build, and reuses what did not change."""

from __future__ import annotations

import shutil

import pytest

from generator.build import BuildError
from generator.cache import SEARCH_INDEX
from generator.demo import write_demo_corpus

from conftest import PROJECT, Corpus, brief_text, pagefind_records
from test_build import tree_digest


@pytest.fixture
def demo(tmp_path):
    corpus = Corpus(tmp_path)
    for registry in ("actors", "rounds", "topics"):
        (corpus.briefs / f"{registry}.yml").unlink()
    write_demo_corpus(40, corpus.briefs)
    return corpus


def clean_build(corpus: Corpus, tmp_path, **options):
    out = tmp_path / "clean" / "site"
    shutil.rmtree(out.parent, ignore_errors=True)
    return corpus.build(out_dir=out, **options)


def first_brief(corpus: Corpus):
    return sorted(p for p in corpus.briefs.rglob("*.md"))[0]


def search_locations(site):
    return set(pagefind_records(site))


def searchable_pages(site):
    """Briefs and each actor, round and topic: the pages search covers."""
    return {f"/{kind}/{page.parent.name}/" for kind in ("briefs", "actors", "rounds", "topics") for page in (site / kind).glob("*/index.html")}


def test_edit_rebuilds_only_what_changed_and_matches_clean(demo, tmp_path):
    site = demo.build()
    brief = first_brief(demo)
    untouched = site / "briefs" / sorted(p.stem for p in demo.briefs.rglob("*.md"))[-1] / "index.html"
    inode_before = untouched.stat().st_ino
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nAn edited first paragraph.\n\n", 1))

    site = demo.build()
    edited = (site / "briefs" / brief.stem / "index.html").read_text()
    assert "An edited first paragraph." in edited
    assert untouched.stat().st_ino == inode_before, "an unchanged page was rebuilt"
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))


@pytest.mark.parametrize("change", ["add", "delete", "registry", "retitle", "draft"])
def test_incremental_equals_clean_after_corpus_changes(demo, tmp_path, change):
    demo.build()
    if change == "retitle":
        brief = first_brief(demo)
        brief.write_text(brief.read_text().replace("title: '", "title: 'Retitled ", 1))
    elif change == "draft":
        brief = first_brief(demo)
        brief.write_text(brief.read_text().replace("\nstatus:", "\ndraft: true\nstatus:", 1))
    elif change == "add":
        (demo.briefs / "2020" / "zz-added.md").write_text(brief_text(title="Added brief", actors="[state-0]"))
    elif change == "delete":
        first_brief(demo).unlink()
    else:
        actors = demo.briefs / "actors.yml"
        actors.write_text(actors.read_text().replace("name: 'Aldora'", "name: 'Aldora renamed'"))
    site = demo.build()
    clean = clean_build(demo, tmp_path)
    assert tree_digest(site) == tree_digest(clean)
    assert search_locations(site) == searchable_pages(site)


def test_publishing_drafts_rebuilds_the_indexes(demo, tmp_path):
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("\nstatus:", "\ndraft: true\nstatus:", 1))
    demo.build()
    site = demo.build(drafts=True)
    assert (site / "briefs" / brief.stem / "index.html").is_file()
    assert f"briefs/{brief.stem}/" in (site / "timeline" / "index.html").read_text()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path, drafts=True))


def test_template_change_forces_full_build(tmp_path):
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text())
    templates = shutil.copytree(PROJECT / "site_templates", tmp_path / "templates")
    site = corpus.build(templates_dir=templates)
    brief_page = templates / "brief.md.j2"
    brief_page.write_text(brief_page.read_text().replace("Bottom line:", "In short:"))
    site = corpus.build(templates_dir=templates)
    assert "In short:" in (site / "briefs" / "a" / "index.html").read_text()
    assert tree_digest(site) == tree_digest(clean_build(corpus, tmp_path, templates_dir=templates))


def test_search_index_holds_every_page_after_incremental_build(demo):
    site = demo.build()
    before = search_locations(site)
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("title: '", "title: 'Retitled ", 1))
    site = demo.build()
    after = search_locations(site)
    assert after == before
    assert pagefind_records(site)[f"/briefs/{brief.stem}/"]["meta"]["title"].startswith("Retitled ")


def test_failed_incremental_build_leaves_site_and_next_build_is_clean(demo, tmp_path, monkeypatch):
    site = demo.build()
    before = tree_digest(site)
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nChanged.\n\n", 1))

    import mkdocs.commands.build as mkdocs_build

    def fail(*args, **kwargs):
        raise OSError("injected failure")

    monkeypatch.setattr(mkdocs_build, "_build_page", fail)
    with pytest.raises(BuildError):
        demo.build()
    assert tree_digest(site) == before
    monkeypatch.undo()
    site = demo.build()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))


def test_out_folder_changed_by_hand_forces_full_build(demo, tmp_path):
    site = demo.build()
    (site / SEARCH_INDEX).write_text("{}")  # the Pagefind entry file
    site = demo.build()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))
