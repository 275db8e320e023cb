"""Putting a built site in place at ``--out``: a lock, staging folders, and one atomic swap.

The next site is built whole in a staging folder beside ``--out`` and made
visible in one step: ``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two
renames with SIGINT/SIGTERM held back, and the next build puts back a site a
kill left half-moved. A symlinked ``--out`` is followed: the new site goes
beside its target and a new link replaces the old. One build at a time per
``--out`` (:mod:`generator.publish.lock`), so a staging folder found under the lock is a dead
build's. What in ``--out`` is ours is said by its manifest (:mod:`generator.publish.manifest`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .manifest import MANIFEST
from ..errors import BuildError

NEW, RETIRED, NOTE = "site", "retired", "links.json"


@dataclass(frozen=True)
class Place:
    """Where a site is published: ``out`` as named, ``site`` the real folder it stands for."""

    out: Path
    site: Path
    link: bool

    @property
    def lock(self) -> Path:
        return self.out.parent / f".{self.out.name}.briefing-lock"

    @property
    def spare(self) -> Path:
        """The site the last swap retired, kept to start the next copy from (see :mod:`generator.publish.linked_copy`)."""
        return self.site.parent / f".{self.out.name}.briefing-spare"

    @property
    def prefix(self) -> str:
        return f".{self.out.name}.staging-"

    def stale(self) -> list[Path]:
        """Staging folders and temporary links that only a dead build can have left."""
        folders = {self.out.parent, self.site.parent}
        return sorted(Path(p) for folder in folders for p in glob.glob(os.path.join(glob.escape(str(folder)), glob.escape(self.prefix) + "*")))


def place_of(out_dir: Path) -> Place:
    out = Path(os.path.abspath(out_dir))
    out = out.parent.resolve() / out.name if out.name else out
    link = out.is_symlink()
    return Place(out, Path(os.path.realpath(out)) if link else out, link)


def prepare_folder(place: Place) -> None:
    """Create the folder that will hold the site; a message, not a traceback, if impossible."""
    folder = place.site.parent
    existing = next(p for p in (folder, *folder.parents) if os.path.lexists(p))
    if not existing.is_dir():
        raise BuildError(f"cannot publish to {place.out}: {existing} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder {folder}: {error.strerror}") from None


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (main thread, POSIX)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def remove_path(path: Path) -> None:
    """Remove a file, a link (not what it points to) or a folder with all it holds."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def prune_empty_folders(site: Path) -> None:
    """Remove the staged site's empty folders (a removed page's, a removed feed's): the staged
    site is the build's own, and a folder with no file is no part of a site."""
    for folder, subfolders, files in os.walk(site, topdown=False):
        if not files and folder != str(site) and not os.listdir(folder):
            os.rmdir(folder)


def _recover(stage: Path, place: Place) -> None:
    """Undo what a build killed while publishing left: never leave ``--out`` missing, nor an orphan site."""
    if not place.link and not os.path.lexists(place.site):
        for candidate in (stage / NEW, stage / RETIRED):
            if (candidate / MANIFEST).is_file() or candidate.name == RETIRED and candidate.is_dir():
                os.rename(candidate, place.site)
                break
    with contextlib.suppress(OSError, ValueError, TypeError):
        current = os.path.realpath(place.out)
        for orphan in json.loads((stage / NOTE).read_text(encoding="utf-8")):
            if orphan != current and (Path(orphan) / MANIFEST).is_file():
                shutil.rmtree(orphan, ignore_errors=True)


def _keep_spare(stage: Path, place: Place) -> None:
    """Keep a tree left in ``stage`` as the spare: deleting it would cost a slow rmdir per folder."""
    for tree in (stage / RETIRED, stage / NEW):
        if tree.is_dir() and not tree.is_symlink() and not os.path.lexists(place.spare):
            os.rename(tree, place.spare)


def clean_stale(place: Place) -> None:
    """Remove what dead builds left (call with the lock held)."""
    for path in place.stale():
        if path.is_dir() and not path.is_symlink():
            _recover(path, place)
            with contextlib.suppress(OSError):
                _keep_spare(path, place)
        remove_path(path)


@contextlib.contextmanager
def staging(place: Place) -> Iterator[Path]:
    """A new staging folder beside the site, removed afterwards whatever happens."""
    stage = Path(tempfile.mkdtemp(prefix=place.prefix, dir=place.site.parent))
    try:
        yield stage
    finally:
        with signals_held():
            _recover(stage, place)
            with contextlib.suppress(OSError):
                _keep_spare(stage, place)
            shutil.rmtree(stage, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2, glibc ≥ 2.28); False if unsupported here."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _flip_link(stage: Path, place: Place, name: str) -> None:
    """Move the new site beside the link's target, point a new link at it, replace the old link."""
    old = place.site
    new = old.parent / name
    if new == old:
        return  # the same site, byte for byte
    for number in range(2, 1000):
        if not os.path.lexists(new):
            break
        new = old.parent / f"{name}-{number}"
    (stage / NOTE).write_text(json.dumps([str(new), str(old)]), encoding="utf-8")
    previous = os.readlink(place.out)
    target = str(new) if os.path.isabs(previous) else os.path.relpath(new, place.out.parent)
    temporary = place.out.parent / f"{place.prefix}link-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    with signals_held():
        os.rename(stage / NEW, new)
        os.symlink(target, temporary)
        os.replace(temporary, place.out)
        if old.is_dir():
            os.rename(old, stage / RETIRED)


def swap_in(stage: Path, place: Place, name: str) -> None:
    """Make ``stage/site`` the published site in one visible step; the old one stays in ``stage``."""
    new = stage / NEW
    if place.link and os.path.lexists(place.site):
        _flip_link(stage, place, name)
    elif not os.path.lexists(place.site):
        os.rename(new, place.site)
    elif not _exchange(new, place.site):  # else ``stage/site`` now holds the old site
        with signals_held():
            os.rename(place.site, stage / RETIRED)
            os.rename(new, place.site)
