"""Reading a MkDocs configuration as YAML nodes, so every problem has its file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import BuildError


class SiteConfigError(BuildError):
    """``path:line: error: message``."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: error: {message}")


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def lookup(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """A key's value; of duplicate keys the last, as MkDocs' YAML loader keeps it."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in reversed(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def text(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value:
        raise SiteConfigError(path, line(node), f"{what} must be text")
    return node.value


def last(chain: list[tuple[Path, yaml.MappingNode]], *keys: str) -> tuple[Path, yaml.Node] | None:
    """The value of a key path as MkDocs merges the chain (mappings deep, the rest replaced)."""
    for path, root in reversed(chain):
        node: yaml.Node | None = root
        for key in keys:
            node = lookup(node, key)
        if node is not None:
            return path, node
    return None
