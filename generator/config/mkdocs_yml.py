"""The site's own ``mkdocs.yml``: read it, check what would otherwise fail deep inside MkDocs,
and take the options it sets for briefing under ``extra: briefing:``.

The generated project inherits this file (``INHERIT``) from another folder, so
paths MkDocs would resolve beside the configuration (``theme.custom_dir``,
``hooks``) are handed over as absolute paths. Those files, and every
``INHERIT`` parent, are part of the build's fingerprint. ``site_url`` is
resolved here (``!ENV`` included, as MkDocs does) and handed to the engine
resolved; other values this module does not need are left to the engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from .options import ENGINES, SITE_OPTIONS, Options
from .yaml_nodes import SiteConfigError, last, line, lookup, text
from .site_url import read_site_url

# MkDocs' own search (lunr): briefing builds the search index itself, once the whole site exists.
LUNR_PLUGINS = ("search", "mkdocs/search", "material/search")


@dataclass
class SiteConfig:
    path: Path
    files: list[Path] = field(default_factory=list)  # the configuration and its INHERIT parents
    inputs: list[Path] = field(default_factory=list)  # those, plus theme overrides and hooks
    overrides: dict[str, Any] = field(default_factory=dict)  # keys for the generated configuration
    custom_dir: Path | None = None  # the site's theme overrides, laid over briefing's own
    options: dict[str, Any] = field(default_factory=dict)  # ``extra: briefing:``
    site_url: str | None = None  # absolute, ending in "/"; None when the site sets none
    site_name: str = ""  # as the feeds and "Cite as" lines name the site


def _compose(path: Path) -> yaml.Node:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SiteConfigError(path, 1, f"cannot read: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SiteConfigError(path, raw[: error.start].count(b"\n") + 1, "not valid UTF-8; save the file as UTF-8") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SiteConfigError(path, mark.line + 1 if mark else 1, f"invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SiteConfigError(path, 1, f"invalid YAML: {error}") from None
    if not isinstance(root, yaml.MappingNode):
        found = "nothing" if root is None else {yaml.SequenceNode: "a list"}.get(type(root), "plain text")
        raise SiteConfigError(path, line(root) if root else 1, f"the site configuration must be a mapping of keys (site_name: ...), found {found}")
    return root


def _chain(path: Path) -> list[tuple[Path, yaml.MappingNode]]:
    """This file and its INHERIT parents, the furthest parent first."""
    chain: list[tuple[Path, yaml.MappingNode]] = []
    while True:
        root = _compose(path)
        chain.insert(0, (path, root))
        parent = lookup(root, "INHERIT")
        if parent is None:
            return chain
        inherited = (path.parent / text(path, parent, "INHERIT")).resolve()
        if not inherited.is_file():
            raise SiteConfigError(path, line(parent), f"INHERIT: {inherited} not found")
        if any(inherited == known for known, _ in chain):
            raise SiteConfigError(path, line(parent), f"INHERIT: {inherited} inherits itself")
        path = inherited


def _installed(group: str) -> set[str]:
    return {entry.name for entry in entry_points(group=group)}


def _check_theme(chain: list, site: SiteConfig, folder: Path) -> None:
    theme = last(chain, "theme")
    name = last(chain, "theme", "name") if theme and isinstance(theme[1], yaml.MappingNode) else theme
    if name and not (isinstance(name[1], yaml.ScalarNode) and name[1].tag.endswith(":null")):
        value = text(name[0], name[1], "theme name")
        if value not in _installed("mkdocs.themes"):
            known = ", ".join(sorted(_installed("mkdocs.themes")))
            raise SiteConfigError(name[0], line(name[1]), f"unknown theme '{value}' (installed: {known})")
    custom = last(chain, "theme", "custom_dir")
    if custom:
        directory = folder / text(custom[0], custom[1], "theme.custom_dir")
        if not directory.is_dir():
            raise SiteConfigError(custom[0], line(custom[1]), f"theme.custom_dir: folder {directory} not found")
        site.custom_dir = directory.resolve()
        site.inputs += sorted(p for p in directory.resolve().rglob("*") if p.is_file())


def _plugins(chain: list) -> tuple[Path, yaml.Node] | None:
    """The plugins setting, or None if absent or empty (then MkDocs would add its search plugin)."""
    plugins = last(chain, "plugins")
    if plugins is None or isinstance(plugins[1], yaml.ScalarNode) and plugins[1].tag.endswith(":null"):
        return None
    return plugins


def _check_plugins(chain: list) -> None:
    plugins = _plugins(chain)
    if plugins is None:
        return
    path, node = plugins
    if isinstance(node, yaml.SequenceNode):  # "- name" or "- name: {options}"
        items = [item.value[0][0] if isinstance(item, yaml.MappingNode) and item.value else item for item in node.value]
    elif isinstance(node, yaml.MappingNode):
        items = [key for key, _ in node.value]
    else:
        raise SiteConfigError(path, line(node), "plugins must be a list")
    installed = _installed("mkdocs.plugins")
    for item in items:
        name = text(path, item, "a plugin name")
        if name in LUNR_PLUGINS:
            raise SiteConfigError(path, line(item), f"plugin '{name}': remove it; briefing builds the site's search index itself")
        if name not in installed and not any(known.endswith("/" + name) for known in installed):  # "tags" is a theme's "material/tags"
            raise SiteConfigError(path, line(item), f"unknown plugin '{name}': not installed (installed: {', '.join(sorted(installed))})")


def _read_options(chain: list, site: SiteConfig) -> None:
    found = last(chain, "extra", "briefing")
    if found is None:
        return
    path, node = found
    if not isinstance(node, yaml.MappingNode):
        raise SiteConfigError(path, line(node), "extra.briefing must be a mapping of options")
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in SITE_OPTIONS:
            raise SiteConfigError(path, line(key_node), f"extra.briefing: unknown option '{key}' (known: {', '.join(SITE_OPTIONS)})")
        wanted = SITE_OPTIONS[key]
        tag = {bool: "tag:yaml.org,2002:bool", int: "tag:yaml.org,2002:int"}.get(wanted, "tag:yaml.org,2002:str")
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag != tag:
            raise SiteConfigError(path, line(value_node), f"extra.briefing.{key} must be {wanted.__name__}")
        site.options[key] = yaml.SafeLoader("").construct_object(value_node)
        if key == "feed_entries" and site.options[key] < 1:
            raise SiteConfigError(path, line(value_node), "extra.briefing.feed_entries must be at least 1")
        if key == "engine" and site.options[key] not in ENGINES:
            raise SiteConfigError(path, line(value_node), f"extra.briefing.engine: unknown engine '{value_node.value}' (known: {', '.join(ENGINES)})")


def read_site_config(path: Path) -> SiteConfig:
    """Read and check the site's configuration and its parents; SiteConfigError if unusable."""
    chain = _chain(path)
    site = SiteConfig(path, [p for p, _ in chain])
    site.inputs = list(site.files)
    folder = path.resolve().parent
    _check_theme(chain, site, folder)
    _check_plugins(chain)
    if _plugins(chain) is None:
        site.overrides["plugins"] = []
    hooks = last(chain, "hooks")
    if hooks:
        if not isinstance(hooks[1], yaml.SequenceNode):
            raise SiteConfigError(hooks[0], line(hooks[1]), "hooks must be a list of Python files")
        files = [(folder / text(hooks[0], item, "a hook"), item) for item in hooks[1].value]
        for file, item in files:
            if not file.is_file():
                raise SiteConfigError(hooks[0], line(item), f"hook {file} not found")
        site.overrides["hooks"] = [str(file.resolve()) for file, _ in files]
        site.inputs += [file for file, _ in files]
    _read_options(chain, site)
    site.site_url = read_site_url(chain)
    name = last(chain, "site_name")
    site.site_name = name[1].value if name and isinstance(name[1], yaml.ScalarNode) else ""
    site.overrides["site_url"] = site.site_url
    return site


def apply(options: Options, site: SiteConfig) -> Options:
    return dataclasses.replace(options, **site.options)
