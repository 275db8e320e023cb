"""Parsed brief files as JSON, so that the cache never runs code when read.

Front matter is YAML loaded into :class:`~generator.read.strict_yaml.LineDict` and
``LineList`` (values that remember their lines); each becomes a tagged JSON
object (``m`` a mapping as ``[key, value, line]`` triples, ``s`` a sequence),
and a file's result is a ``doc`` (:class:`~generator.read.load.Document`) or a
``problem`` (:class:`~generator.model.Problem`); a body kept as HTML is a
``body`` (the converter's key, the HTML, the links to briefs). A validation result is
``checked`` (the check key, the brief or None, the problems): a brief is ``brief``, its
fields in order but the body's four, which come from its document (the Markdown and
the ``body``); its sources, positions, corrections and status changes are ``item``
(the kind, the fields), a date ``date``. Anything else in a shard makes it unreadable.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import fields
from typing import Any

from ..check.body import Body
from ..read.load import Document
from ..model import Brief, Correction, Position, Problem, Source, StatusChange
from ..read.strict_yaml import LineDict, LineList

ITEMS = {kind.__name__: kind for kind in (Source, Position, Correction, StatusChange)}
BODY_FIELDS = ("body", "body_html", "body_links", "citations")  # from the document, not stored twice
BRIEF_FIELDS = tuple(f.name for f in fields(Brief) if f.name not in BODY_FIELDS)
SHAPE = ";".join(",".join(f.name for f in fields(kind)) for kind in (Document, Problem, Body, Brief, *ITEMS.values()))


class ShardError(ValueError):
    pass


def _value(value: Any) -> Any:
    if isinstance(value, LineDict):
        return {"m": [[key, _value(item), value.line_of(key)] for key, item in value.items()], "line": value.line}
    if isinstance(value, LineList):
        return {"s": [_value(item) for item in value], "lines": list(value.lines), "line": value.line}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Body):
        key, body = value
        return {"body": [key, body.html, [list(link) for link in body.links], [list(c) for c in body.citations]]}
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], (Brief, type(None))) and isinstance(value[0], str):
        key, brief, problems = value
        stored = None if brief is None else {"brief": [_value(getattr(brief, name)) for name in BRIEF_FIELDS]}
        return {"checked": [key, stored, [_result(problem) for problem in problems]]}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    if type(value).__name__ in ITEMS and isinstance(value, ITEMS[type(value).__name__]):
        return {"item": [type(value).__name__, [_value(getattr(value, f.name)) for f in fields(value)]]}
    raise ShardError(f"cannot store a {type(value).__name__}")


def _result(result: Document | Problem) -> dict:
    tag = "doc" if isinstance(result, Document) else "problem"
    return {tag: [_value(getattr(result, f.name)) for f in fields(result)]}


def _mapping(obj: dict) -> LineDict:
    data = LineDict()
    data.line = obj["line"]
    lines = data.lines
    for key, value, line in obj["m"]:
        data[key] = value
        lines[key] = line
    return data


def _sequence(obj: dict) -> LineList:
    data = LineList(obj["s"])
    data.lines, data.line = obj["lines"], obj["line"]
    return data


def _body(obj: dict) -> tuple:
    key, html, links, citations = obj["body"]
    return (key, Body(html, tuple((slug, line) for slug, line in links), tuple(tuple(c) for c in citations)))


class _StoredBrief:
    """A brief's stored fields, made a :class:`Brief` once its document's body is known."""

    __slots__ = ("values",)

    def __init__(self, obj: dict):
        self.values = obj["brief"]


def _checked(obj: dict) -> tuple:
    key, brief, problems = obj["checked"]
    if not (brief is None or isinstance(brief, _StoredBrief)) or not all(isinstance(p, Problem) for p in problems):
        raise ShardError("malformed check result")
    return (key, brief, tuple(problems))


def _item(obj: dict) -> Any:
    kind, values = obj["item"]
    return ITEMS[kind](*values)


# Each object's first key names its kind (as _value writes it); the object must have exactly these keys.
_KINDS = {
    "m": ({"m", "line"}, _mapping),
    "s": ({"s", "lines", "line"}, _sequence),
    "body": ({"body"}, _body),
    "checked": ({"checked"}, _checked),
    "brief": ({"brief"}, _StoredBrief),
    "item": ({"item"}, _item),
    "date": ({"date"}, lambda obj: datetime.date.fromisoformat(obj["date"])),
    "doc": ({"doc"}, lambda obj: _with_body(Document(*obj["doc"]))),
    "problem": ({"problem"}, lambda obj: Problem(*obj["problem"])),
    "shape": ({"shape", "entries"}, lambda obj: obj),
}


def _object(obj: dict) -> Any:
    kind = _KINDS.get(next(iter(obj), ""))
    if kind is None or obj.keys() != kind[0]:
        raise ShardError(f"unexpected object with keys {sorted(obj.keys())}")
    return kind[1](obj)


def _tuples(value: Any) -> Any:
    return tuple([item if type(item) is not list else _tuples(item) for item in value])


def _with_body(document: Document) -> Document:
    """A kept brief gets its body's four fields back from the document it was checked from."""
    checked = document.checked
    if checked is not None and checked[1] is not None:
        if document.converted is None:
            raise ShardError("a checked brief without its converted body")
        body = document.converted[1]
        brief = Brief(**dict(zip(BRIEF_FIELDS, _tuples(checked[1].values), strict=True)), body=document.body, body_html=body.html,
                      body_links=body.links, citations=tuple([number for _, number, _ in body.citations]))
        document.checked = (checked[0], brief, checked[2])
    return document


def dumps(entries: dict[str, tuple[str, Document | Problem]]) -> str:
    listed = [[path, key, _result(result)] for path, (key, result) in sorted(entries.items())]
    return json.dumps({"shape": SHAPE, "entries": listed}, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> dict[str, tuple[str, Document | Problem]]:
    """The entries of a shard; ShardError if it is not exactly what :func:`dumps` writes."""
    try:
        shard = json.loads(text, object_hook=_object)
        if not isinstance(shard, dict) or shard.get("shape") != SHAPE:
            raise ShardError("written by another version")
        entries = {}
        for path, key, result in shard["entries"]:
            if not (isinstance(path, str) and isinstance(key, str) and isinstance(result, (Document, Problem))):
                raise ShardError("malformed entry")
            entries[path] = (key, result)
        return entries
    except ShardError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        raise ShardError(str(error) or type(error).__name__) from None
