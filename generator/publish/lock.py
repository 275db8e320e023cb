"""One build at a time per ``--out``: an ``flock`` on a lock file beside it.

A second build into the same folder waits, and says so; the lock is re-entrant
within one process (``build`` takes it again inside ``briefing build``)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator

from ..errors import BuildError
from .publish import Place, prepare_folder

try:
    import fcntl
except ImportError:  # not POSIX: no locking
    fcntl = None  # type: ignore[assignment]

_held: dict[str, int] = {}


@contextlib.contextmanager
def locked(place: Place) -> Iterator[None]:
    """Hold the lock beside ``--out`` (re-entrant in one process); wait, saying so, if another build holds it."""
    key = str(place.lock)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    prepare_folder(place)
    try:
        fd = os.open(place.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise BuildError(f"cannot create the lock file {place.lock}: {error.strerror}") from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"{place.out}: waiting for another build into this folder to finish ({place.lock})", file=sys.stderr)
                fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)
    finally:
        os.close(fd)
