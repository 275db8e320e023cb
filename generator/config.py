"""Every option of the generator, with its type and default, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "site_templates"

# The nav lists index pages only: Material renders the whole nav into every
# page, so one entry per brief makes the build quadratic.
NAV = (
    ("Home", "index.md"),
    ("Timeline", "timeline.md"),
    ("Rounds", "rounds/index.md"),
    ("Actors", "actors/index.md"),
    ("Topics", "topics/index.md"),
    ("Sources", "sources.md"),
)

LATEST_ON_HOME = 10


@dataclass(frozen=True)
class Options:
    briefs_dir: Path = Path("briefs")
    out_dir: Path = Path("site")
    config_file: Path = Path("mkdocs.yml")
    templates_dir: Path = TEMPLATES_DIR
    strict: bool = False
    drafts: bool = False
    jobs: int = min(os.cpu_count() or 1, 4)  # MkDocs processes for large builds
