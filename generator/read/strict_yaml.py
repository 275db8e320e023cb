"""A YAML loader for hand-written front matter and registries.

PyYAML speaks YAML 1.1, where ``NO`` loads as False, ``1:30`` as 90 and
``2025-02-30`` raises a bare ValueError; duplicate keys silently keep the last
value and aliases allow exponential expansion. This loader keeps only the
YAML 1.2 core scalars (true/false, null, decimal numbers), leaves dates as
text for the schema to check, refuses duplicate keys, anchors, aliases and
explicit tags (``!!timestamp 2025-02-30`` would raise a bare ValueError), and
remembers the line of every key::

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
        self.value_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)

    def value_line_of(self, key: Any) -> int:
        """The line the value starts on (``title:\n  "..."`` puts it below its key)."""
        return self.value_lines.get(key, self.line_of(key))


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


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_RESOLVERS: dict = StrictLoader.yaml_implicit_resolvers  # first character -> [(tag, pattern)]
_SCALARS = {
    "tag:yaml.org,2002:bool": StrictLoader.construct_yaml_bool,
    "tag:yaml.org,2002:int": StrictLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": StrictLoader.construct_yaml_float,
    "tag:yaml.org,2002:null": StrictLoader.construct_yaml_null,
}
# PyYAML's recursive constructor gave up at about 490 levels (two frames a level); this one
# takes a frame a level, so it stops at a fixed depth instead of at the stack's end.
MAX_DEPTH = 450


def _resolve(loader: StrictLoader, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """PyYAML's ``Resolver.resolve`` for this loader (core scalars only, no path resolvers),
    without its per-call list building: the parser calls it for every node."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, pattern in _RESOLVERS.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


StrictLoader.resolve = _resolve
assert None not in _RESOLVERS and not StrictLoader.yaml_path_resolvers


def _construct(loader: StrictLoader, node: yaml.Node, depth: int = 0) -> Any:
    """The value of a node whose tags :func:`_refuse_aliases_and_tags` let through: text, a core
    scalar, a :class:`LineDict` or a :class:`LineList`, with their lines."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if depth > MAX_DEPTH:
        raise RecursionError
    if tag == _MAP:
        data = LineDict()
        data.line = loader.file_line(node)
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, depth + 1)
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
            data[key] = _construct(loader, value_node, depth + 1)
            data.lines[key] = loader.file_line(key_node)
            data.value_lines[key] = loader.file_line(value_node)
        return data
    if tag == _SEQ:
        data = LineList()
        data.line = loader.file_line(node)
        for item in node.value:
            data.append(_construct(loader, item, depth + 1))
            data.lines.append(loader.file_line(item))
        return data
    return _SCALARS[tag](loader, node)


_COLLECTION_TAGS = {yaml.MappingNode: _MAP, yaml.SequenceNode: _SEQ}


def _explicit_tag(loader: StrictLoader, node: yaml.Node) -> bool:
    """Whether the author wrote a tag (``!!int``, ``!x``) that changes what the node would be."""
    if type(node) is yaml.ScalarNode:
        plain = not node.style
        return node.tag != _resolve(loader, yaml.ScalarNode, node.value, (plain, not plain))
    return node.tag != _COLLECTION_TAGS[type(node)]


def _refuse_aliases_and_tags(loader: StrictLoader, root: yaml.Node) -> None:
    """An alias makes the node graph share a node; find any shared node, and any explicit tag."""
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
        if _explicit_tag(loader, node):
            raise YamlProblem(
                f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
                "write the plain value (in quotes for text)",
                loader.file_line(node),
            )
        kind = type(node)
        if kind is yaml.MappingNode:
            for key_node, value_node in node.value:
                stack.append(key_node)
                stack.append(value_node)
        elif kind is yaml.SequenceNode:
            stack.extend(node.value)


# C0 but tab and newline, DEL and C1: escapes ("\x7f") let them into values, and no
# author means them; in a page's meta block they once made MkDocs drop the meta.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(value: Any, line: int) -> list[tuple[int, str]]:
    """(line, first control character) of each text in ``value``, however deeply nested."""
    if isinstance(value, str):
        found = _CONTROL_CHARACTER.search(value)
        return [(line, found.group())] if found else []
    if isinstance(value, LineList):
        return [hit for index, item in enumerate(value) for hit in control_characters(item, value.line_of(index))]
    if isinstance(value, LineDict):
        return [hit for key, item in value.items() for hit in control_characters(item, value.value_line_of(key))]
    return []


def load(text: str, first_line: int = 1) -> Any:
    """Load one YAML document; ``first_line`` is the file line the text starts on."""
    loader = StrictLoader(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases_and_tags(loader, node)
        return _construct(loader, node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem(f"invalid YAML: {message}", line) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        raise YamlProblem(f"invalid YAML: character U+{error.character:04X} is not allowed ({error.reason}); remove it", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}", first_line) from None
    except (ValueError, OverflowError) as error:  # e.g. an integer of more than 4300 digits
        raise YamlProblem(f"invalid YAML value: {error}", first_line) from None
    except RecursionError:
        raise YamlProblem("invalid YAML: nested too deeply", first_line) from None
    finally:
        loader.dispose()
