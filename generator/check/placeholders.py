"""The text ``briefing new`` writes for the author to replace; ``check`` refuses any left in place."""

from __future__ import annotations

from ..read.load import Document
from ..model import Problem
from ..read.strict_yaml import LineDict

SUMMARY = "One or two sentences: the bottom line."
PUBLISHER = "Publisher name"
SOURCE_TITLE = "Article title"
BODY = "Write what happened here, in your own words."


def _same(value: object, placeholder: str) -> bool:
    return isinstance(value, str) and value.strip() == placeholder


def placeholder_problems(document: Document) -> list[Problem]:
    """One error per placeholder still in ``document``, on the line it stands."""
    found: list[tuple[int, str]] = []  # (line, what)
    data = document.data
    if isinstance(data, LineDict):
        if _same(data.get("summary"), SUMMARY):
            found.append((data.value_line_of("summary"), "'summary'"))
        sources = data.get("sources")
        for index, source in enumerate(sources if isinstance(sources, list) else ()):
            for key, placeholder in (("publisher", PUBLISHER), ("title", SOURCE_TITLE)):
                if isinstance(source, LineDict) and _same(source.get(key), placeholder):
                    found.append((source.value_line_of(key), f"'{key}' of source {index + 1}"))
    for offset, line in enumerate(document.body.splitlines()):
        if BODY in line:
            found.append((document.body_line + offset, "the body"))
    return [Problem(document.path, line, "error", f"placeholder left in {what}; replace it") for line, what in found]
