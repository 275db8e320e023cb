"""Stage 2, check: the stated limits of one brief, checked before anything costly is done with it.

A brief is read, converted and rendered into every page that lists it, and its body is
copied into the feed of each actor, round and topic it names, so what one brief may ask
for is bounded. The limits are far above what a real brief needs (the sample's largest
has 7 actors, 4 sources, 9 citations and a 0.5 KB body); the README lists them.
"""

from __future__ import annotations

import re

from ..model import Problem
from ..read.load import Document
from .citations import CITATION_PATTERN

MAX_ACTORS = 100
MAX_SOURCES = 100
MAX_CITATIONS = 1000
MAX_BODY_BYTES = 200_000
_CITATION = re.compile(CITATION_PATTERN)


def _line_of(data, key: str, default: int = 1) -> int:
    return data.line_of(key) if hasattr(data, "line_of") and key in data else default


def limit_problems(document: Document) -> list[Problem]:
    """An error for each limit the brief goes over, at the line of what is too long."""
    data, path, problems = document.data, document.path, []
    if not isinstance(data, dict):
        return problems
    for key, limit in (("actors", MAX_ACTORS), ("sources", MAX_SOURCES)):
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            problems.append(Problem(path, _line_of(data, key), "error",
                                    f"{key}: {len(items):,} listed; a brief may have at most {limit:,} (see Limits in the README)"))
    size = len(document.body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        problems.append(Problem(path, document.body_line, "error", f"body: {size:,} bytes; a brief's body may have at most "
                                f"{MAX_BODY_BYTES:,} (see Limits in the README): split it into several briefs"))
        return problems  # citations are not counted in a body that will not be read
    citations = sum(len(match.group(1).split(",")) for match in _CITATION.finditer(document.body))
    if citations > MAX_CITATIONS:
        problems.append(Problem(path, document.body_line, "error", f"body: {citations:,} citations; a brief may have at "
                                f"most {MAX_CITATIONS:,} (see Limits in the README)"))
    return problems
