"""What a built site holds: ``.briefing-manifest.json``, the list of its files and their SHA-256.

The manifest is written last into the staging folder, so a site that has one
is whole. It is also how a build knows what in ``--out`` is its own: a build
replaces ``--out`` only if every file there is listed (files edited or deleted
by hand are replaced, by a full build), and refuses when anything else is
there. Change detection is cheap: a file whose (inode, size, mtime) is as the
last build recorded is taken as unchanged; any other is hashed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

MANIFEST = ".briefing-manifest.json"
GENERATOR = "briefing"
SHOWN = 8  # unexpected files named in a refusal

Stat = list  # [inode, size, mtime_ns]


def file_hash(path: str | Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def _stat(entry: os.DirEntry) -> Stat:
    status = entry.stat(follow_symlinks=False)
    return [status.st_ino, status.st_size, status.st_mtime_ns]


def scan(root: str) -> tuple[dict[str, Stat], list[str]]:
    """Every regular file below ``root`` with its stat, and whatever else is there (links, devices, empty folders)."""
    files: dict[str, Stat] = {}
    others: list[str] = []
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(os.path.join(root, relative)) as entries:
            found = False
            for entry in entries:
                found = True
                name = f"{relative}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    stack.append(name + "/")
                elif entry.is_file(follow_symlinks=False):
                    files[name] = _stat(entry)
                else:
                    others.append(name)
            if not found and relative:
                others.append(relative)
    return files, others


def _safe_path(path: object) -> bool:
    return isinstance(path, str) and bool(path) and not path.startswith("/") and "\\" not in path and all(
        part not in ("", ".", "..") for part in path.split("/")
    )


def read_manifest(data: bytes) -> dict[str, str] | None:
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(manifest, dict) or manifest.get("generator") != GENERATOR or not isinstance(manifest.get("files"), dict):
        return None
    files = manifest["files"]
    if not all(_safe_path(path) and isinstance(value, str) for path, value in files.items()):
        return None
    return files


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Published:
    """The site now in ``--out``: its manifest (path → hash), its files' stats, the manifest's digest."""

    root: Path
    files: dict[str, str] = field(default_factory=dict)
    stats: dict[str, Stat] = field(default_factory=dict)
    digest: str = ""

    def intact(self, recorded: dict[str, Stat]) -> bool:
        """Whether every listed file is there as built: same stat as recorded, or else same hash."""
        if len(self.stats) != len(self.files) or not all(path in self.stats for path in self.files):
            return False
        for path, expected in self.files.items():
            if recorded.get(path) != self.stats[path] and file_hash(self.root / path) != expected:
                return False
        return True


def _refuse(out: Path, why: str, names: list[str]) -> BuildError:
    shown = ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")
    return BuildError(f"refusing to replace {out}: {why}: {shown}; move them away or choose another --out")


def inspect(root: Path, shown: Path) -> Published | None:
    """The site in ``root`` if it is one this tool built (None if absent or empty); refuse anything else."""
    if not os.path.lexists(root):
        return None
    if not root.is_dir():
        raise BuildError(f"refusing to replace {shown}: it is not a folder")
    try:
        stats, others = scan(str(root))
        data = (root / MANIFEST).read_bytes() if MANIFEST in stats else None
    except OSError as error:
        raise BuildError(f"cannot read {shown}: {error.strerror} ({error.filename})") from None
    if not stats and not others:
        return None
    files = read_manifest(data) if data is not None else None
    if files is None:
        why = "it holds files this tool did not write (no readable " + MANIFEST + ")"
        raise _refuse(shown, why, sorted(stats)[:SHOWN] + others)
    stats.pop(MANIFEST)
    folders = {path[:slash] for path in files for slash in range(len(path)) if path[slash] == "/"}
    unexpected = sorted(path for path in stats if path not in files) + [o for o in others if o.rstrip("/") not in folders]
    if unexpected:
        raise _refuse(shown, "it holds files this tool did not write", unexpected)
    return Published(root, files, stats, digest(data))


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str]
    stats: dict[str, Stat]
    digest: str


def write_manifest(site: Path, previous: Published | None) -> Manifest:
    """List every file of the finished site in its manifest (written last); a file still linked
    to the published one keeps its known hash, any other is hashed."""
    stats, others = scan(str(site))
    if others:
        raise BuildError(f"the built site holds things that are not files: {', '.join(others[:SHOWN])}")
    stats.pop(MANIFEST, None)
    known = previous.files if previous else {}
    files = {}
    for path in sorted(stats):
        same = path in known and previous is not None and previous.stats.get(path) == stats[path]
        files[path] = known[path] if same else file_hash(site / path)
    data = json.dumps({"generator": GENERATOR, "files": files}, indent=0, sort_keys=True).encode("utf-8") + b"\n"
    with open(site / MANIFEST, "xb") as stream:
        stream.write(data)
    return Manifest(files, stats, digest(data))
