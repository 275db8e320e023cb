"""The next site, assembled from the published one without writing into any of its files.

An incremental build starts from a copy of ``--out`` made of hard links, then
replaces names (``os.replace``), never the linked files' contents. Removing a
folder is slow on some file systems (milliseconds each), so the old site
retired by the last swap is kept as a *spare* and brought level with ``--out``
file by file: a name whose inode is ``--out``'s stays, any other is relinked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .manifest import Published, scan

# Hard links impossible here (EPERM, EXDEV, EMLINK, EOPNOTSUPP): copy instead.
_NO_LINKS = (1, 18, 31, 95)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        shutil.copy2(source, target)


def link_copy(published: Published, destination: Path, leave_out: set[str], spare: Path | None = None) -> None:
    """Make ``destination`` hold every file of the published site but ``leave_out``, as hard
    links; start from ``spare`` (a tree of our own files) if there is one."""
    source, target = str(published.root), str(destination)
    wanted = [path for path in published.files if path not in leave_out]
    have: dict[str, list] = {}
    emptied: set[str] = set()
    if spare is not None and spare.is_dir() and not spare.is_symlink():
        os.rename(spare, destination)
        have, others = scan(target)
        keep = set(wanted)
        for path in [p for p in have if p not in keep] + [o for o in others if not o.endswith("/")]:
            os.unlink(os.path.join(target, path))
            emptied.add(os.path.dirname(path))
        emptied |= {o.rstrip("/") for o in others if o.endswith("/")}
    made = {os.path.dirname(path) for path in have}
    for path in wanted:
        now = have.get(path)
        if now is not None and now[0] == published.stats[path][0]:
            continue  # already a link to the published file
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(os.path.join(target, folder), exist_ok=True)
            made.add(folder)
        if now is not None:
            os.unlink(os.path.join(target, path))
        _link(os.path.join(source, path), os.path.join(target, path))
    os.makedirs(target, exist_ok=True)
    for folder in sorted(emptied, key=len, reverse=True):
        while folder and os.path.isdir(os.path.join(target, folder)) and not os.listdir(os.path.join(target, folder)):
            os.rmdir(os.path.join(target, folder))
            folder = os.path.dirname(folder)


def move_over(fresh: Path, site: Path) -> None:
    """Move every file of ``fresh`` into ``site``: each a new inode replacing a link by name."""
    for folder, _, names in os.walk(fresh):
        into = os.path.join(site, os.path.relpath(folder, fresh))
        os.makedirs(into, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), os.path.join(into, name))
