"""Once the project is written, a build reads its pages back from it (and lets go of the rendered
text): what it reads is exactly what was rendered, and only the pages it wrote are there."""

from __future__ import annotations

import pytest

from generator.config.mkdocs_yml import read_site_config
from generator.config.options import Options
from generator.engines import runner
from generator.engines.project import ProjectPages, write_project
from generator.publish.cache import Plan

from conftest import PROJECT


def test_pages_read_from_the_project_are_the_rendered_text_exactly(tmp_path):
    pages = {
        "index.md": "---\ntitle: Home\n---\n# Ångström — Київ\r\n\rline\r\n".encode("utf-8"),
        "briefs/a.md": b"# A\n\n<div>x</div>\n",
        "briefs/b.md": b"# B, not rebuilt\n",
    }
    options = Options(config_file=PROJECT / "mkdocs.yml")
    site = read_site_config(options.config_file)
    engine = runner("mkdocs")
    config = write_project(tmp_path / "project", pages, Plan(full=True, changed=["index.md", "briefs/a.md"]), options, "site_name: x\n", site)
    read = ProjectPages(config.parent / "docs", engine.source_path, ["index.md", "briefs/a.md"])
    assert dict(read) == {"index.md": pages["index.md"].decode("utf-8"), "briefs/a.md": pages["briefs/a.md"].decode("utf-8")}
    with pytest.raises(KeyError):
        read["briefs/b.md"]
