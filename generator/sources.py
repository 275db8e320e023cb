"""A brief's sources: their publishers resolved against publishers.yml, and what check says about them."""

from __future__ import annotations

from typing import Any, Callable

from .model import Problem, PublisherRecord, Source
from .names import NameIndex


def read_sources(
    records: list[dict[str, Any]],
    line_of: Callable[[int], int],
    path: str,
    publishers: dict[str, PublisherRecord] | None,
    names: NameIndex,
) -> tuple[tuple[Source, ...], list[Problem]]:
    """The sources of one brief. With a registry (``publishers`` not None), a publisher
    written as an id, name or alias takes the registry's name; any other is a warning."""
    sources, problems = [], []
    for index, record in enumerate(records):
        line = line_of(index)
        id = names.resolve(record["publisher"]) if publishers is not None else None
        if id is not None:
            record = {**record, "publisher": publishers[id].name, "publisher_id": id}
        elif publishers is not None:
            problems.append(Problem(path, line, "warning", f"source {index + 1}: {names.unknown(record['publisher'])}"))
        source = Source(**record)
        if source.title is None and source.url is None:
            problems.append(Problem(path, line, "warning", f"source {index + 1} ({source.publisher}) has neither title nor url"))
        sources.append(source)
    return tuple(sources), problems
