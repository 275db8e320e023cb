"""Every front-matter and registry field, with its type and whether it is required.

A schema maps a key to a :class:`Field` (its parser comes from :mod:`generator.check.fields`). :func:`read_record` turns one
YAML mapping into plain Python values and a list of problems, so that one bad
field never hides the others::

    >>> from generator.read.strict_yaml import load
    >>> values, problems = read_record(load("name: Türkiye\\nid: turkiye\\ntype: state"), ACTOR, "actors.yml")
    >>> values["name"], problems
    ('Türkiye', [])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .fields import (  # noqa: F401  (RESERVED_IDS is read from here)
    RESERVED_IDS, FieldError, _describe, boolean, choice, code, counting_number, date, entry_list, http_url, identifier,
    source_reference, text, text_list,
)
from ..model import ACTOR_TYPES, BRIEF_STATUSES, PUBLISHER_TYPES, ROUND_STATUSES, STANCES, Problem
from .names import did_you_mean
from ..read.strict_yaml import LineDict, LineList, control_characters

@dataclass(frozen=True)
class Field:
    parse: Callable[[Any], Any]
    required: bool = False
    non_empty: bool = False
    records: dict[str, "Field"] | None = None  # a list of mappings, each read with this schema


SOURCE = {
    "id": Field(identifier),  # for citations: [@id]
    "publisher": Field(text, required=True),
    "title": Field(text),
    "url": Field(http_url),
    "archived": Field(http_url),  # a snapshot of url, such as the Wayback Machine's or archive.today's
    "published": Field(date),
}

CORRECTION = {
    "date": Field(date, required=True),
    "note": Field(text, required=True),
}

# One change of a brief's status (status_history.py checks the order, the dates and the source).
STATUS_CHANGE = {
    "date": Field(date, required=True),
    "status": Field(choice(*BRIEF_STATUSES), required=True),
    "reason": Field(text, required=True),
    "source": Field(source_reference, required=True),  # a source number or id of this brief
}

# Where an actor stands on a topic; checked against the brief's own actors, topics and sources (positions.py).
POSITION = {
    "actor": Field(text, required=True),
    "topic": Field(text, required=True),
    "stance": Field(choice(*STANCES), required=True),
    "statement": Field(text, required=True),
    "source": Field(counting_number),  # the 1-based number of one of the brief's sources
}

BRIEF = {
    "title": Field(text, required=True),
    "date": Field(date, required=True),
    "summary": Field(text, required=True),
    "actors": Field(text_list, required=True, non_empty=True),
    "round": Field(text),
    "topics": Field(text_list),
    "status": Field(choice(*BRIEF_STATUSES)),
    "sources": Field(entry_list, required=True, non_empty=True, records=SOURCE),
    "draft": Field(boolean),
    "updated": Field(date),
    "corrections": Field(entry_list, records=CORRECTION),
    "status_history": Field(entry_list, non_empty=True, records=STATUS_CHANGE),
    "positions": Field(entry_list, records=POSITION),
}

ACTOR = {
    "id": Field(identifier, required=True),
    "name": Field(text, required=True),
    "type": Field(choice(*ACTOR_TYPES), required=True),
    "aliases": Field(text_list),
    "role": Field(text),
    "affiliation": Field(text),
    "sort_name": Field(text),  # where the actor sorts; by default a person's family name
    "alias_lang": Field(code("[a-z]{2}", "an ISO 639-1 language code in lowercase, such as uk or ru")),  # of its Cyrillic aliases
}

ROUND = {
    "id": Field(identifier, required=True),
    "name": Field(text, required=True),
    "start": Field(date, required=True),
    "end": Field(date),
    "venue": Field(text),
    "status": Field(choice(*ROUND_STATUSES)),
    "participants": Field(text_list),
    "outcome": Field(text),
}

# state-media said more than most sources do: it is now state-owned or state-aligned.
RETIRED_PUBLISHER_TYPES = {
    "state-media": "write state-owned if the sources establish that a state owns or controls the outlet, "
                   "state-aligned if they say only that it follows a state's line",
}

PUBLISHER = {
    "id": Field(identifier, required=True),
    "name": Field(text, required=True),
    "aliases": Field(text_list),
    "type": Field(choice(*PUBLISHER_TYPES, retired=RETIRED_PUBLISHER_TYPES)),
    "country": Field(code("[A-Z]{2}", "an ISO 3166-1 alpha-2 country code in capitals, such as RU or UA")),
    "language": Field(code("[a-z]{2}", "an ISO 639-1 language code in lowercase, such as ru or uk")),
    "url": Field(http_url),
}

TOPIC = {
    "id": Field(identifier, required=True),
    "name": Field(text, required=True),
    "description": Field(text),
}


def read_record(
    data: LineDict, schema: dict[str, Field], path: str, what: str = ""
) -> tuple[dict[str, Any], list[Problem]]:
    """Read ``data`` against ``schema``; keys that fail are left out of the values."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def report(line: int, message: str) -> None:
        problems.append(Problem(path, line, "error", f"{what}{message}"))

    for key, raw in data.items():
        line = data.line_of(key)
        field = schema.get(key)
        if field is None:
            report(line, f"unknown key '{key}'{did_you_mean(str(key), schema)}")
            continue
        if raw is None:
            if field.required:
                report(line, f"'{key}' is required but empty")
            continue
        if field.records is None:
            control = control_characters(raw, data.value_line_of(key))
            for value_line, character in control:
                report(value_line, f"'{key}' contains the control character U+{ord(character):04X}; remove it")
            if control:
                continue
        try:
            value = field.parse(raw)
        except FieldError as error:
            report(line, f"'{key}' {error}")
            continue
        if field.non_empty and not value:
            report(line, f"'{key}' needs at least one entry")
            continue
        if field.records is not None:
            value, nested = _read_records(value, field.records, path, f"{what}{key}")
            problems.extend(nested)
        values[key] = value
    for key, field in schema.items():
        if field.required and key not in data:
            report(data.line, f"missing required key '{key}'")
    return values, problems


def _read_records(
    items: list, schema: dict[str, Field], path: str, what: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    records, problems = [], []
    lines = items.line_of if isinstance(items, LineList) else (lambda index: 1)
    for index, item in enumerate(items):
        label = f"{what}[{index + 1}]: "
        if not isinstance(item, LineDict):
            problems.append(
                Problem(path, lines(index), "error", f"{label}must be a mapping of keys, got {_describe(item)}")
            )
            continue
        values, nested = read_record(item, schema, path, label)
        problems.extend(nested)
        if not nested:
            records.append(values)
    return records, problems
