"""Choosing the engine: the command line, mkdocs.yml, a missing engine, and failures on every engine."""

from __future__ import annotations

import importlib.util
import json

import pytest
import yaml

from generator.build import BuildError
from generator.cli import main

from conftest import brief_text
from test_build import tree_digest


def _argv(corpus, *extra: str) -> list[str]:
    return ["build", "--briefs", str(corpus.briefs), "--out", str(corpus.root / "site"), "--config", str(corpus.config), *extra]


def _generator(site) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return html.split('name="generator" content="', 1)[1].split('"', 1)[0]


def test_missing_engine_names_the_install_command_and_exits_1(corpus, monkeypatch, capsys):
    corpus.write("a.md", brief_text())
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real_find_spec(name, *a))
    assert main(_argv(corpus, "--engine", "zensical")) == 1
    assert "pip install 'briefing[zensical]'" in capsys.readouterr().err
    assert not (corpus.root / "site").exists()


def test_unknown_engine_in_mkdocs_yml_is_an_error_with_its_line(corpus, capsys):
    corpus.write("a.md", brief_text())
    corpus.config.write_text(corpus.config.read_text() + "extra:\n  briefing:\n    engine: hugo\n")
    assert main(_argv(corpus)) == 1
    line = len(corpus.config.read_text().splitlines())
    assert f"{corpus.config}:{line}: error: extra.briefing.engine: unknown engine 'hugo'" in capsys.readouterr().err


def test_engine_from_mkdocs_yml_and_the_command_line_wins(corpus, engine):
    other = "mkdocs" if engine != "mkdocs" else "zensical"
    corpus.write("a.md", brief_text())
    corpus.config.write_text(corpus.config.read_text() + f"extra:\n  briefing:\n    engine: {engine}\n")
    assert main(_argv(corpus)) == 0
    assert _generator(corpus.root / "site").startswith(engine)
    if importlib.util.find_spec(other) is not None:
        assert main(_argv(corpus, "--engine", other)) == 0
        assert _generator(corpus.root / "site").startswith(other)


def test_a_broken_theme_override_fails_and_leaves_the_site(engine_corpus):
    corpus = engine_corpus
    corpus.write("a.md", brief_text())
    site = corpus.build()
    before = tree_digest(site)
    overrides = corpus.root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block content %}\n')
    corpus.config.write_text(corpus.config.read_text().replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n"))
    with pytest.raises(BuildError, match="main.html"):
        corpus.build()
    assert tree_digest(site) == before
    assert [p.name for p in site.parent.iterdir() if ".staging-" in p.name] == []


def test_zensicals_own_search_index_is_left_empty(sample_site):
    """Pagefind is the site's search; Zensical's search plugin is off (it still writes an empty search.json)."""
    index = sample_site / "search.json"
    assert not index.exists() or json.loads(index.read_text(encoding="utf-8"))["items"] == []


def test_zensical_warnings_name_their_page(tmp_path):
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical not installed (pip install -e '.[zensical]')")
    from generator.engines import zensical_runner

    (tmp_path / "docs" / "briefs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "briefs" / "x.md").write_text("# X\n\n[gone](nowhere.md)\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "t", **zensical_runner.settings()}))
    warnings = zensical_runner.build_pages(config, tmp_path / "out", 0, [], True, 1)
    assert [page for page, _ in warnings] == ["briefs/x.md"]
    assert (tmp_path / "out" / "briefs" / "x" / "index.html").is_file()
    assert not (tmp_path / zensical_runner.ZENSICAL_SITE).exists()
