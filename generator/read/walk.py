"""Find the brief files below the briefs folder, and say what cannot be read.

Symbolic links are followed and each folder is read once (by device and
inode, so a link loop ends). Nothing is skipped silently: what cannot be
walked becomes a :class:`~generator.model.Problem`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import Problem
from ..urls import ABOUT_SOURCE

REGISTRIES = ("actors", "rounds", "topics", "publishers")  # beside the briefs; publishers.yml is optional
REGISTRY_FILES = {f"{name}.yml" for name in REGISTRIES}
# Would-be briefs under another extension (or case) are reported, not silently skipped.
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext"}
FILE_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket"}


def _is_utf8(name: str) -> bool:
    """False for a name whose bytes were not UTF-8 (``os.fsdecode`` keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def brief_paths(briefs_dir: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every ``*.md`` file below the folder, in a stable order, skipping hidden entries.

    Symbolic links are followed, each folder read once (by device and inode, so a
    link loop ends). What cannot be walked is added to ``problems``, never skipped
    silently: unreadable or too deeply nested folders, broken links and link loops,
    ``*.md`` that are not regular files, and ``X.MD`` or ``x.markdown`` files.
    """
    problems = [] if problems is None else problems
    found: list[Path] = []
    root = os.stat(briefs_dir)
    seen = {(root.st_dev, root.st_ino): str(briefs_dir)}
    folders = [briefs_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                names = sorted(entry.name for entry in listing if not entry.name.startswith("."))
        except OSError as error:
            problems.append(Problem(str(folder), 1, "error", f"cannot read the folder: {error.strerror}; its briefs are not checked"))
            continue
        for name in names:
            path = folder / name
            if folder == briefs_dir and (name in REGISTRY_FILES or name == ABOUT_SOURCE):
                continue  # read, and reported, as registries or the About page
            suffix = os.path.splitext(name)[1]
            looks_like_brief = suffix.lower() in _MARKDOWN_SUFFIXES
            try:
                status = os.stat(path)
            except OSError as error:
                if os.path.islink(path):  # broken, or a loop
                    severity, message = "error" if looks_like_brief else "warning", "a symbolic link that cannot be followed"
                else:
                    severity, message = "error", "cannot be read"
                problems.append(Problem(str(path), 1, severity, f"{message} ({error.strerror}); if it holds briefs, they are not checked"))
                continue
            if (looks_like_brief or stat.S_ISDIR(status.st_mode)) and not _is_utf8(name):
                problems.append(Problem(str(path), 1, "error", "the name is not valid UTF-8; rename it (not read)"))
            elif stat.S_ISDIR(status.st_mode):
                first = seen.setdefault((status.st_dev, status.st_ino), str(path))
                if first != str(path):
                    problems.append(Problem(str(path), 1, "warning", f"the same folder as {first} (through a symbolic link); read once, there"))
                else:
                    folders.append(path)
            elif suffix == ".md" and stat.S_ISREG(status.st_mode):
                found.append(path)
            elif suffix == ".md":
                kind = FILE_KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
                problems.append(Problem(str(path), 1, "error", f"is {kind}, not a file; not read"))
            elif looks_like_brief:
                problems.append(Problem(str(path), 1, "error", f"not read as a brief: only '.md' files are briefs; rename it '{name[: -len(suffix)]}.md'"))
    return sorted(found)
