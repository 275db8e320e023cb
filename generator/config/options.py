"""Every option of the generator, with its type and default, in one place."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


def _templates_dir() -> Path:
    """The page templates: inside the package when installed from a wheel, at the top of a checkout otherwise."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "site_templates"
    return shipped if shipped.is_dir() else package.parent / "site_templates"


TEMPLATES_DIR = _templates_dir()

# The nav lists index pages only: Material renders the whole nav into every
# page, so one entry per brief makes the build quadratic.
NAV = (
    ("Home", "index.md"),
    ("Timeline", "timeline.md"),
    ("Rounds", "rounds/index.md"),
    ("Actors", "actors/index.md"),
    ("Topics", "topics/index.md"),
    ("Positions", "positions.md"),
    ("Sources", "sources.md"),
    ("Data", "data.md"),
    ("About", "about.md"),
)

LATEST_ON_HOME = 8  # the newest briefs the home page lists: its three cards fit one desktop screen


@dataclass(frozen=True)
class Options:
    briefs_dir: Path = Path("briefs")
    out_dir: Path = Path("site")
    config_file: Path = Path("mkdocs.yml")
    templates_dir: Path = TEMPLATES_DIR
    strict: bool = False
    drafts: bool = False
    jobs: int = min(os.cpu_count() or 1, 4)  # MkDocs processes for large builds
    unsafe_html: bool = False  # publish raw HTML in brief bodies as written
    split_threshold: int = 200  # index pages listing more entries than this are split by year
    month_threshold: int = 400  # year pages listing more entries than this list their months, each on a page
    engine: str = "mkdocs"  # what builds the generated project: one of ENGINES
    feed_entries: int = 50  # the newest briefs each Atom feed holds


# The options a site sets in its mkdocs.yml under ``extra: briefing:``, with their types.
SITE_OPTIONS: dict[str, type] = {
    "unsafe_html": bool,
    "split_threshold": int,
    "month_threshold": int,
    "engine": str,
    "feed_entries": int,
}

# The static-site generators that can build the generated project (``--engine``).
ENGINES = ("mkdocs", "zensical")


# Python's cyclic GC rescans every live object on each full collection; with
# 10,000 briefs' worth of objects alive that cost more than a third of the
# generator stage, while the pipeline makes almost no cyclic garbage.
GC_THRESHOLDS = (100_000, 50, 1_000)
# glibc gives each thread that allocates a heap of its own (up to 8 per core), and keeps the
# freed blocks scattered over them: 20 MiB of the main process at 10,000 briefs. The threads
# here mostly wait on the GIL or on a subprocess, so two heaps cost them nothing.
MALLOC_HEAPS = 2
_M_ARENA_MAX = -8  # mallopt's parameter, from glibc's malloc.h


def tune_process() -> None:
    """Collect rarely, since this is a batch process that holds many long-lived objects; and
    keep glibc's heaps few (elsewhere than glibc, only the first)."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, MALLOC_HEAPS)
    except (OSError, AttributeError):
        pass


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system. glibc keeps the blocks of freed objects
    (strings of tens of KB included) in the heap, so without this a process stays as large
    as it ever was; elsewhere than glibc, nothing happens."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection during a stage that builds long-lived data and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
