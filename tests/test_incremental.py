"""An incremental build gives the same bytes as a clean build, and reuses what did not change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from generator.build import BuildError
from generator.commands.demo_corpus import write_demo_corpus
from generator.publish.manifest import MANIFEST

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


def cache_root(site):
    return site.parent / f".{site.name}.briefing-cache"


def edit_body_keeping_size_and_mtime(path):
    text = path.read_text()
    status = path.stat()
    path.write_text(text.replace("\n---\n", "\n---\nX", 1)[:-1])
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size


def swap_contents(first, second):
    one, two = first.read_bytes(), second.read_bytes()
    times = [(p.stat().st_atime_ns, p.stat().st_mtime_ns) for p in (first, second)]
    first.write_bytes(two)
    second.write_bytes(one)
    for path, ns in zip((first, second), times):
        os.utime(path, ns=ns)


def test_an_edit_that_keeps_size_and_mtime_is_seen(demo, tmp_path):
    demo.build()
    brief = first_brief(demo)
    edit_body_keeping_size_and_mtime(brief)
    site = demo.build()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))


def test_two_briefs_of_one_size_swapped_are_seen(demo, tmp_path):
    demo.write("2020/zz-one.md", brief_text(title="First twin", actors="[state-0]"))
    demo.write("2020/zz-two.md", brief_text(title="Other twin", actors="[state-0]"))
    demo.build()
    swap_contents(demo.briefs / "2020/zz-one.md", demo.briefs / "2020/zz-two.md")
    site = demo.build()
    assert "Other twin" in (site / "briefs" / "zz-one" / "index.html").read_text()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))


def delete_a_page(site):
    shutil.rmtree(next((site / "briefs").iterdir()))


def delete_assets(site):
    shutil.rmtree(site / "assets")


def edit_a_page(site):
    page = site / "timeline" / "index.html"
    page.write_text(page.read_text().replace("<body", "<body data-edited", 1))


def replace_a_page_same_bytes(site):
    page = site / "timeline" / "index.html"
    data = page.read_bytes()
    page.unlink()
    page.write_bytes(data)


@pytest.mark.parametrize("change", [delete_a_page, delete_assets, edit_a_page, replace_a_page_same_bytes])
def test_out_folder_changed_by_hand_is_rebuilt_whole(demo, tmp_path, change):
    site = demo.build()
    change(site)
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nChanged.\n\n", 1))
    site = demo.build()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))


def test_a_stray_file_in_out_is_refused_and_kept(demo):
    site = demo.build()
    (site / "briefs" / "notes.txt").write_text("mine")
    before = tree_digest(site)
    with pytest.raises(BuildError, match="did not write: briefs/notes.txt"):
        demo.build()
    assert tree_digest(site) == before


def corrupt_state_null(cache):
    (cache / "state.json").write_text("null")


def corrupt_state_truncated(cache):
    state = cache / "state.json"
    state.write_bytes(state.read_bytes()[:100])


def corrupt_shard_truncated(cache):
    shard = sorted((cache / "parsed").iterdir())[0]
    shard.write_bytes(shard.read_bytes()[:-40])


def corrupt_shard_garbage(cache):
    sorted((cache / "parsed").iterdir())[0].write_bytes(b"\x80\x04garbage")


def corrupt_shard_wrong_entries(cache):
    shard = sorted((cache / "parsed").iterdir())[0]
    shard.write_text(shard.read_text().replace('"doc":[', '"doc":[1,', 1))


def delete_project_docs(cache):
    shutil.rmtree(cache / "project" / "docs")


def edit_project_page(cache):
    page = next((cache / "project" / "docs" / "briefs").iterdir())
    page.write_text(page.read_text() + "\nPlanted.\n")


CORRUPTIONS = [
    corrupt_state_null, corrupt_state_truncated, corrupt_shard_truncated, corrupt_shard_garbage,
    corrupt_shard_wrong_entries, delete_project_docs, edit_project_page,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_a_broken_cache_is_dropped_with_a_notice(demo, tmp_path, capsys, corrupt):
    site = demo.build()
    corrupt(cache_root(site))
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nChanged.\n\n", 1))
    capsys.readouterr()
    site = demo.build()
    assert "cache dropped" in capsys.readouterr().err
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))
    capsys.readouterr()
    demo.build()
    assert "note:" not in capsys.readouterr().err


def test_the_cache_holds_no_pickle(demo):
    site = demo.build()
    for path in cache_root(site).rglob("*"):
        assert not path.name.endswith((".pickle", ".pkl"))
        if path.is_file() and path.parent.name in ("parsed", cache_root(site).name):
            json.loads(path.read_text(encoding="utf-8"))  # data, not code


def site_inputs(corpus, tmp_path):
    """A site configuration with a parent, theme overrides and a hook, all relative."""
    parent = tmp_path / "shared" / "base.yml"
    parent.parent.mkdir()
    parent.write_text("copyright: Shared parent one\n")
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "copyright.html").write_text("<div class='md-copyright'>{{ config.copyright }} / override one</div>\n")
    (tmp_path / "hooks.py").write_text("def on_page_content(html, **kwargs):\n    return html + '<p>hook one</p>'\n")
    text = corpus.config.read_text().replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    corpus.config.write_text(f"INHERIT: shared/base.yml\nhooks: [hooks.py]\n{text}")
    return parent, overrides / "partials" / "copyright.html", tmp_path / "hooks.py"


def cli_build(corpus, out):
    """A build in its own process: MkDocs loads a hook module once per process."""
    argv = [sys.executable, "-m", "generator", "build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(out)]
    subprocess.run(argv, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    return out


@pytest.mark.parametrize("which", [0, 1, 2])
def test_parent_config_theme_overrides_and_hooks_are_in_the_fingerprint(tmp_path, which):
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text())
    inputs = site_inputs(corpus, tmp_path)
    page = cli_build(corpus, tmp_path / "site") / "briefs" / "a" / "index.html"
    assert all(word in page.read_text() for word in ("Shared parent one", "override one", "hook one"))
    inputs[which].write_text(inputs[which].read_text().replace(" one", " number two"))
    site = cli_build(corpus, tmp_path / "site")
    assert ("Shared parent number two", "override number two", "hook number two")[which] in page.read_text()
    assert tree_digest(site) == tree_digest(cli_build(corpus, tmp_path / "clean"))
