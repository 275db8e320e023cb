"""JSON Schemas (draft-07) for a brief's front matter and for each registry, made from
the declarations in :mod:`generator.check.schema`, so that an editor and ``check`` agree.

Each field's parser maps to a schema by its name (``choice`` and ``code`` carry
their allowed values and pattern in their closure). A schema says what one value
may be; what needs the other files (unknown actors, duplicate ids, citations) is
left to ``check``. Dates are text, as YAML 1.2 editors read them::

    >>> field_schema(schema.BRIEF["date"])["pattern"]
    '^\\\\s*\\\\d{4}-\\\\d{2}-\\\\d{2}\\\\s*$'
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any, Callable

from . import schema
from .fields import ID_PATTERN, RESERVED_IDS
from ..read.walk import REGISTRIES

DRAFT = "http://json-schema.org/draft-07/schema#"
BRIEF_SCHEMA = "brief"
UNKNOWN_PARSER = "checked by briefing check only"  # the description of a field whose parser has no mapping

# C0 (but tab and newline), DEL and C1 are refused in values; some character must not be blank.
_ALLOWED = r"[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]"
_TEXT_PATTERN = rf"^{_ALLOWED}*[^\s\u0000-\u001f\u007f-\u009f]{_ALLOWED}*$"
_TEXT = {"$ref": "#/definitions/text"}  # defined once in each schema, as its pattern is long
_DEFINITIONS = {"text": {"type": "string", "pattern": _TEXT_PATTERN, "description": "text, not blank"}}
_DATE = {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$", "format": "date",
         "description": "a date written YYYY-MM-DD"}


def _plain(parser: Callable) -> dict[str, Any] | None:
    name = parser.__name__
    if name == "text":
        return dict(_TEXT)
    if name == "date":
        return dict(_DATE)
    if name == "boolean":
        return {"type": "boolean"}
    if name == "identifier":
        return {"type": "string", "pattern": ID_PATTERN.pattern, "not": {"enum": sorted(RESERVED_IDS)},
                "description": "lowercase letters, digits and single hyphens"}
    if name == "http_url":
        return {"type": "string", "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*\s*$",
                "description": "an http:// or https:// link"}
    if name == "text_list":
        return {"type": "array", "items": dict(_TEXT)}
    if name == "entry_list":
        return {"type": "array", "items": {"type": "object"}}
    if name == "counting_number":
        return {"type": "integer", "minimum": 1}
    if name == "source_reference":
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": ID_PATTERN.pattern}],
                "description": "a source's number (from 1) or its id"}
    return None


def _made(parser: Callable) -> dict[str, Any] | None:
    """Parsers made by a factory in fields.py, read from the values they close over."""
    factory = parser.__qualname__.split(".<locals>.")[0]
    captured = inspect.getclosurevars(parser).nonlocals
    if factory == "choice":
        return {"enum": list(captured["allowed"])}
    if factory == "code":
        return {"type": "string", "pattern": rf"^\s*{captured['pattern']}\s*$", "description": captured["what"]}
    return None


def field_schema(field: schema.Field) -> dict[str, Any]:
    described = _plain(field.parse) or _made(field.parse) or {"description": UNKNOWN_PARSER}
    if field.records is not None:
        described["items"] = record_schema(field.records)
    if field.non_empty:
        described["minItems"] = 1
    return described


def _or_empty(described: dict[str, Any]) -> dict[str, Any]:
    """An optional key may be left empty (``round:``): ``check`` reads it as absent."""
    if "$ref" in described:
        return {"anyOf": [described, {"type": "null"}]}
    if "enum" in described:
        return {**described, "enum": [*described["enum"], None]}
    if "type" in described:
        return {**described, "type": [described["type"], "null"]}
    return described


def record_schema(fields: dict[str, schema.Field]) -> dict[str, Any]:
    """One mapping: its keys, those required, and no others."""
    return {
        "type": "object",
        "properties": {key: field_schema(field) if field.required else _or_empty(field_schema(field))
                       for key, field in fields.items()},
        "required": [key for key, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def registry_fields(name: str) -> dict[str, schema.Field]:
    """``actors`` → ``schema.ACTOR``: each registry is a list of its entries."""
    return getattr(schema, name.removesuffix("s").upper())


def json_schemas() -> dict[str, dict[str, Any]]:
    """Each schema by its name: ``brief`` and one per registry."""
    made = {BRIEF_SCHEMA: {"$schema": DRAFT, "title": "briefing: a brief's front matter",
                           **record_schema(schema.BRIEF), "definitions": _DEFINITIONS}}
    for name in REGISTRIES:
        made[name] = {
            "$schema": DRAFT,
            "title": f"briefing: the {name} registry ({name}.yml), a list of entries",
            "type": "array",
            "items": record_schema(registry_fields(name)),
            "definitions": _DEFINITIONS,
        }
    return made


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_files() -> dict[str, str]:
    """File name → text, the same bytes every time."""
    return {file_name(name): json.dumps(made, indent=2, ensure_ascii=False) + "\n" for name, made in json_schemas().items()}
