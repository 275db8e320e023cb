"""Run Zensical, the successor of Material for MkDocs, over the generated project.

Zensical reads the same mkdocs.yml, but refuses a ``site_dir`` outside the
project's folder: it builds into ``ZENSICAL_SITE`` there, and the result is
renamed into staging (the project lives in the build cache, beside ``--out``,
so on the same file system). Every build is a full build: briefing's
incremental builds need an engine that renders only the pages asked for, and
Zensical's own cache (``.cache/`` in the project) would also make briefing's
cache see a changed project. Zensical runs in a
child process: its Rust runtime keeps state between builds and reports errors
as Python exceptions with tracebacks, which become one-line messages here.

Zensical reads a relative link in raw HTML as relative to the Markdown file
and rewrites it for the page's folder URL (``briefs/x.md`` becomes
``briefs/x/``, so it adds a ``../``); briefing writes links relative to the
page's URL, as MkDocs leaves them. So each page is written where its URL is
(``briefs/x/index.md``, see ``source_path``): then both readings agree.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import BuildError
from .mkdocs_runner import Warning
from ..urls import page_location

ZENSICAL_SITE = "_zensical_site"  # inside the project: Zensical's site_dir must lie there
INSTALL = "pip install 'briefing[zensical]'"
WHOLE_SITE = True  # every build is a full build (see above)

# "Warning: message" then a frame "╭─[ page.md:line:column ]" naming the page.
_WARNING = re.compile(r"^Warning: (?P<message>.+)\n\s*╭─\[ (?P<page>.+?):\d+:\d+ \]", re.MULTILINE)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def require() -> None:
    """BuildError saying how to install Zensical, if it is not installed."""
    if importlib.util.find_spec("zensical") is None:
        raise BuildError(f"the zensical engine is not installed; install it with: {INSTALL}")


def settings(site_overrides: dict | None = None) -> dict:
    """Keys of the generated configuration for Zensical: where it writes, and no search.json items
    (briefing indexes the site with Pagefind; Zensical still writes an empty search.json)."""
    return {"site_dir": ZENSICAL_SITE, "plugins": [{"search": {"enabled": False}}]}


def source_path(page: str) -> str:
    """Where a page is written in the project: the folder of its URL (``briefs/x.md`` → ``briefs/x/index.md``)."""
    return page_location(page) + "index.md"


def _reason(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line.split(": ", 1)[1] for line in lines if re.match(r"^\w*(Error|Exception): ", line)]
    return errors[-1] if errors else (lines[-1] if lines else "no message")


def prestart(jobs: int, briefs: int) -> None:
    """Zensical starts no processes ahead (the MkDocs runner's interface)."""
    return None


def build_pages(config_path: Path, site_dir: Path, epoch: int, pages: list[str], full: bool, jobs: int, pool: None = None) -> list[Warning]:
    """Build the whole site into ``site_dir`` (which must not exist yet); return Zensical's warnings.
    ``pages``, ``full``, ``jobs`` and ``pool`` are accepted for the MkDocs runner's interface."""
    require()
    built = config_path.parent / ZENSICAL_SITE
    shutil.rmtree(built, ignore_errors=True)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_path)]
    done = subprocess.run(command, cwd=config_path.parent, env=environment, capture_output=True, text=True, encoding="utf-8", errors="replace")
    output = _ANSI.sub("", done.stderr)
    if done.returncode != 0 or not built.is_dir():
        raise BuildError(f"zensical build failed: {_reason(output)}")
    if site_dir.exists():
        site_dir.rmdir()  # staging made it, empty
    os.replace(built, site_dir)
    return [(match["page"], match["message"]) for match in _WARNING.finditer(output)]
