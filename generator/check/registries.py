"""Registries as checked records: each entry read against its schema, ids and names claimed once.

``Report`` collects problems; ``Entry`` says where an entry or brief field stands, for messages.
"""

from __future__ import annotations

from typing import Any, Callable

from . import schema
from ..read.load import Document
from ..model import Problem
from .names import NameIndex
from ..read.strict_yaml import LineDict


class Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, "error", message))

    def warning(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, "warning", message))


class Entry:
    """Where one registry entry or brief field stands, for messages."""

    def __init__(self, path: str, data: LineDict, label: str):
        self.path, self.data, self.label = path, data, label
        self.line = data.line

    def line_of(self, key: str, index: int | None = None) -> int:
        value = self.data.get(key)
        if index is not None and hasattr(value, "line_of"):
            return value.line_of(index)
        return self.data.line_of(key)


def read_registry(
    document: Document | None,
    fields: dict[str, schema.Field],
    kind: str,
    names: NameIndex,
    report: Report,
    names_of: Callable[[dict[str, Any]], list[str]],
) -> dict[str, tuple[dict[str, Any], Entry]]:
    entries: dict[str, tuple[dict[str, Any], Entry]] = {}
    if document is None:
        return entries
    for index, item in enumerate(document.data):
        line = document.data.line_of(index)
        if not isinstance(item, LineDict):
            report.error(document.path, line, f"{kind} entry {index + 1} must be a mapping (id: ..., name: ...)")
            continue
        label = f"{kind} '{item['id']}': " if isinstance(item.get("id"), str) else f"{kind} entry {index + 1}: "
        values, problems = schema.read_record(item, fields, document.path, label)
        report.problems.extend(problems)
        if problems:
            continue
        id = values["id"]
        if id in entries:
            report.error(document.path, line, f"duplicate {kind} id '{id}' (first on line {entries[id][1].line})")
            continue
        for clash in names.add(id, names_of(values)):
            report.error(document.path, line, f"{label}{clash}")
        entries[id] = (values, Entry(document.path, item, label))
    return entries
