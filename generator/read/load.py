"""Stage 1, read: read the briefs folder into raw YAML documents, with their lines.

Nothing is interpreted here beyond text and YAML: a UTF-8 BOM and CRLF line
ends are accepted (python-frontmatter silently drops front matter after a
BOM, so the split is done here), and every file that cannot be read becomes a
:class:`~generator.model.Problem` instead of an exception.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import strict_yaml
from ..model import Problem
from ..urls import ABOUT_SOURCE
from .walk import FILE_KINDS, REGISTRIES, brief_paths

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)


@dataclass
class Document:
    """One file's YAML data (and, for a brief, its Markdown body)."""

    path: str
    data: Any
    body: str = ""
    body_line: int = 1  # the line of the file the body starts on
    # (converter key, result) of the body's last conversion (see generator.check.body): it is
    # kept with the parsed file, so an unchanged brief is not converted again.
    converted: Any = field(default=None, compare=False, repr=False)
    # (check key, Brief or None, its problems) of the last validation (see generator.check.results):
    # reused while the file, the registries, the check code and the day are unchanged.
    checked: Any = field(default=None, compare=False, repr=False)


@dataclass
class RawCorpus:
    briefs_dir: Path
    registries: dict[str, Document | None] = field(default_factory=dict)
    briefs: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # What each brief file parsed to, keyed by path, with a hash of the file's bytes:
    # a later load reuses an entry whose file did not change.
    parsed: dict[str, tuple[str, Document | Problem]] = field(default_factory=dict)
    fresh: set[str] = field(default_factory=set)  # brief paths parsed by this load, not reused
    rechecked: set[str] = field(default_factory=set)  # brief paths validated again: their cache shard is rewritten
    # False when every brief is as the previous load left it but for Markdown bodies:
    # then only the edited briefs' own pages can differ.
    front_matter_changed: bool = True
    registry_digest: str = ""
    about: Document | None = None  # briefs/about.md, the About page's Markdown


class LoadError(Exception):
    """A file that cannot be used; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _read_regular_file(path: Path, shown: str) -> bytes:
    """The file's bytes; a device or pipe (``/dev/zero``) is refused before any read can hang."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    kind = stat.S_IFMT(os.fstat(descriptor).st_mode)
    if kind != stat.S_IFREG:
        os.close(descriptor)
        raise LoadError(Problem(shown, 1, "error", f"is {FILE_KINDS.get(kind, 'not a regular file')}, not a file; not read"))
    with open(descriptor, "rb") as file:
        return file.read()


def read_text(path: Path, shown: str) -> str:
    """Decode UTF-8 (BOM allowed) and normalise line ends; raise Problem-carrying errors."""
    try:
        raw = _read_regular_file(path, shown)
    except OSError as error:
        raise LoadError(Problem(shown, 1, "error", f"cannot read the file: {error.strerror or error}")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LoadError(
            Problem(shown, line, "error", f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); save the file as UTF-8")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_brief(text: str, shown: str) -> Document:
    """Split front matter from body and load the front matter strictly."""
    if not text.strip():
        raise LoadError(Problem(shown, 1, "error", "empty file; a brief starts with '---' front matter"))
    match = _FRONT_MATTER.match(text)
    if match is None:
        message = (
            "front matter is not closed: add a line '---' after it"
            if text.startswith("---")
            else "no front matter: a brief must start with a line '---', its YAML fields, and '---'"
        )
        raise LoadError(Problem(shown, 1, "error", message))
    try:
        data = strict_yaml.load(match.group("yaml"), first_line=2)
    except strict_yaml.YamlProblem as problem:
        raise LoadError(Problem(shown, problem.line, "error", problem.message)) from None
    if not isinstance(data, strict_yaml.LineDict):
        found = "nothing" if data is None else type(data).__name__
        raise LoadError(Problem(shown, 2, "error", f"front matter must be a mapping of keys (title: ...), found {found}"))
    return Document(shown, data, text[match.end():], text.count("\n", 0, match.end()) + 1)


def parse_registry(text: str, shown: str) -> Document:
    try:
        data = strict_yaml.load(text)
    except strict_yaml.YamlProblem as problem:
        raise LoadError(Problem(shown, problem.line, "error", problem.message)) from None
    if data is None:
        data = strict_yaml.LineList()
    if not isinstance(data, strict_yaml.LineList):
        raise LoadError(Problem(shown, 1, "error", "a registry must be a YAML list of entries (- id: ...)"))
    return Document(shown, data)


def _parse_brief_file(path: Path) -> Document | Problem:
    try:
        return parse_brief(read_text(path, str(path)), str(path))
    except LoadError as error:
        return error.problem


def load_corpus(briefs_dir: Path, parsed: dict | None = None) -> RawCorpus:
    """Read registries and briefs; ``parsed`` is a previous load's ``parsed`` to reuse."""
    raw = RawCorpus(briefs_dir)
    registry_texts = []
    for name in REGISTRIES:
        path = briefs_dir / f"{name}.yml"
        raw.registries[name] = None
        if not os.path.lexists(path) and os.path.lexists(path.with_suffix(".yaml")):
            raw.problems.append(Problem(str(path.with_suffix(".yaml")), 1, "error", f"registries are read from {name}.yml; rename it"))
        if os.path.lexists(path):
            try:
                text = read_text(path, str(path))
                registry_texts.append(f"{name}\0{text}")
                raw.registries[name] = parse_registry(text, str(path))
            except LoadError as error:
                raw.problems.append(error.problem)
    about = briefs_dir / ABOUT_SOURCE
    if os.path.lexists(about):
        try:
            text = read_text(about, str(about))
            registry_texts.append(f"about\0{text}")  # every page links to it: a change renders all
            raw.about = Document(str(about), None, text)
        except LoadError as error:
            raw.problems.append(error.problem)
    raw.registry_digest = hashlib.blake2b("\0".join(registry_texts).encode("utf-8"), digest_size=16).hexdigest()
    previous = parsed or {}
    raw.front_matter_changed = not previous
    for path in brief_paths(briefs_dir, raw.problems):
        shown = str(path)
        try:
            key = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            key = ""  # unreadable: parsed again, and the parse reports why
        entry = previous.get(shown)
        if entry is not None and key and entry[0] == key:
            result = entry[1]
        else:
            result = _parse_brief_file(path)
            raw.fresh.add(shown)
            before = entry[1] if entry is not None else None
            if not (isinstance(before, Document) and isinstance(result, Document) and before.data == result.data):
                raw.front_matter_changed = True
        raw.parsed[shown] = (key, result)
        if isinstance(result, Problem):
            raw.problems.append(result)
        else:
            raw.briefs.append(result)
    if set(previous) != set(raw.parsed):
        raw.front_matter_changed = True
    return raw
