"""A demo corpus built once, for tests of the engine: the generated MkDocs project and its pages."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT
from generator.build import build, check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options


def built_project(root: Path, briefs: int) -> Path:
    """The generated MkDocs project of ``briefs`` demo briefs built under ``root``."""
    write_demo_corpus(briefs, root / "demo")
    options = Options(briefs_dir=root / "demo", out_dir=root / "site", config_file=PROJECT / "mkdocs.yml", engine="mkdocs")
    checked = check(options)
    assert not checked.failed(strict=False), [str(p) for p in checked.problems]
    build(options, checked)
    return root / ".site.briefing-cache" / "project"


def project_pages(project: Path) -> list[str]:
    """Every page of the project, as MkDocs names them under docs/."""
    return sorted(str(path.relative_to(project / "docs")) for path in (project / "docs").rglob("*.md"))
