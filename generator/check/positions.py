"""A brief's ``positions:``: who stands where on which topic, checked against the brief itself.

The fields of each item are declared in :data:`generator.check.schema.POSITION` and read
(with their own messages) by :func:`generator.check.schema.read_record`; this module
resolves the names and checks what only the brief can tell: each position's actor
must be among the brief's ``actors``, its topic among its ``topics``, and its
``source`` one of its sources. That keeps every index page consistent: a position
shown on an actor's page comes from a brief listed on that page.
"""

from __future__ import annotations

from typing import Any

from . import schema
from ..model import Position, Problem
from .names import NameIndex
from ..read.strict_yaml import LineDict, LineList


def read_positions(
    data: LineDict,
    path: str,
    names: dict[str, NameIndex],
    actors: tuple[str, ...],
    topics: tuple[str, ...],
    source_count: int,
) -> tuple[tuple[Position, ...], list[Problem]]:
    """The brief's positions and the problems of reference; items whose fields are wrong
    were reported by the schema already and are skipped here."""
    items = data.get("positions")
    if not isinstance(items, LineList):
        return (), []
    positions: list[Position] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        if not isinstance(item, LineDict):
            continue
        values, wrong = schema.read_record(item, schema.POSITION, path)
        if wrong:
            continue
        label = f"positions[{index + 1}]: "

        def error(key: str, message: str) -> None:
            problems.append(Problem(path, item.line_of(key), "error", label + message))

        actor = _resolve(values["actor"], "actor", names["actor"], actors, error)
        topic = _resolve(values["topic"], "topic", names["topic"], topics, error)
        source = values.get("source")
        if source is not None and source > source_count:
            error("source", f"source {source} is out of range: the brief has {_count(source_count)}")
        if actor and topic and not (source is not None and source > source_count):
            positions.append(Position(actor, topic, values["stance"], values["statement"], source))
    return tuple(positions), problems


def _resolve(name: str, kind: str, names: NameIndex, listed: tuple[str, ...], error: Any) -> str | None:
    """The id ``name`` stands for, if it is one of the brief's own ``listed`` ids."""
    id = names.resolve(name)
    if id is None:
        error(kind, f"{kind}: {names.unknown(name)}")
        return None
    if id not in listed:
        among = f"among the brief's {kind}s ({', '.join(listed)})" if listed else f"in the brief: it has no {kind}s"
        error(kind, f"{kind} '{name}' is not {among}; add it to '{kind}s' first")
        return None
    return id


def _count(number: int) -> str:
    return f"{number} source" if number == 1 else f"{number} sources"
