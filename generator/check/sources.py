"""A brief's sources: their publishers resolved against publishers.yml, and what check says about them."""

from __future__ import annotations

from typing import Any, Callable

from ..model import Problem, PublisherRecord, Source
from .citations import IN_LINK_TEXT, REMOVED
from .names import NameIndex, did_you_mean


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


def citation_problems(
    sources: tuple[Source, ...], citations: tuple[tuple[str, int, int], ...], line_of: Callable[[int], int], path: str
) -> list[Problem]:
    """Citations of sources the brief does not have (errors), duplicate source ids and ids made
    of digits, which would read as positions (errors), and, in a body that cites, sources it
    never cites (warnings)."""
    problems = []
    first: dict[str, int] = {}
    for index, source in enumerate(sources):
        if source.id is not None and source.id.isdigit():
            problems.append(Problem(path, line_of(index), "error", f"source {index + 1}: id '{source.id}' looks like a number, "
                                    f"but [@{source.id}] always means source {int(source.id)} by position; "
                                    "give an id with a letter in it"))
        elif source.id is not None and first.setdefault(source.id, index) != index:
            problems.append(Problem(path, line_of(index), "error", f"source {index + 1}: id '{source.id}' is also source {first[source.id] + 1}'s; ids must differ"))
    known = [str(number) for number in range(1, len(sources) + 1)] + list(first)
    for key, number, line in citations:
        if number == IN_LINK_TEXT:
            problems.append(Problem(path, line, "error", f"citation '[{key}]' is inside a link's text: a citation is a link "
                                    "of its own; put it after the link"))
        elif number == REMOVED:
            problems.append(Problem(path, line, "error", f"citation '[@{key}]' is inside HTML that the site removes "
                                    "(such as <textarea> or <script>): put it in the text"))
        elif not number:
            problems.append(Problem(path, line, "error", f"citation '[@{key}]': this brief has no source {key!r} "
                                    f"(sources are numbered 1 to {len(sources)}{', or named by id' if first else ''}){did_you_mean(key, known)}"))
    cited = {number for _, number, _ in citations if number > 0}
    if cited:
        for index, source in enumerate(sources):
            if index + 1 not in cited:
                problems.append(Problem(path, line_of(index), "warning", f"source {index + 1} ({source.publisher}) is never cited in the body"))
    return problems
