"""A YAML loader for hand-written front matter and registries.

PyYAML speaks YAML 1.1, where ``NO`` loads as False, ``1:30`` as 90 and
``2025-02-30`` raises a bare ValueError; duplicate keys silently keep the last
value and aliases allow exponential expansion. This loader keeps only the
YAML 1.2 core scalars (true/false, null, decimal numbers), leaves dates as
text for the schema to check, refuses duplicate keys, anchors and aliases,
and remembers the line of every key::

    >>> data = load("title: Talks\\ndate: 2025-05-16\\n", first_line=2)
    >>> data["date"], data.lines["date"]
    ('2025-05-16', 3)
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """The text is not acceptable YAML; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict):
    """A mapping that knows the file line of itself and of each key."""

    line: int = 1

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence that knows the file line of itself and of each item."""

    line: int = 1

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers: dict = {}
    first_line = 1

    def file_line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line


_CORE_SCALARS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _CORE_SCALARS:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = loader.file_line(node)
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
        if key in data:
            raise ConstructorError(
                None,
                None,
                f"duplicate key '{key}' (first on line {data.lines[key]})",
                key_node.start_mark,
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = loader.file_line(key_node)


def _construct_sequence(loader: StrictLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = loader.file_line(node)
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(loader.file_line(item))


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _refuse_aliases(loader: StrictLoader, root: yaml.Node) -> None:
    """An alias makes the node graph share a node; find any shared node."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlProblem(
                "anchors and aliases (&name, *name) are not allowed; write the value out",
                loader.file_line(node),
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def load(text: str, first_line: int = 1) -> Any:
    """Load one YAML document; ``first_line`` is the file line the text starts on."""
    loader = StrictLoader(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(loader, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem(f"invalid YAML: {message}", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}", first_line) from None
    except RecursionError:
        raise YamlProblem("invalid YAML: nested too deeply", first_line) from None
    finally:
        loader.dispose()
