"""The site's ``site_url``, resolved (``!ENV`` included) as MkDocs resolves it.

Both engines get the resolved value, and briefing's own outputs (sitemap,
feeds, share tags) use the same one.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import yaml

from .config_nodes import SiteConfigError, last, line, text


ENV_TAG = "!ENV"
# Both themes print the canonical link raw: an address must not be able to leave its attribute.
UNSAFE = set('"<>\'`\\ \t\n')


def _env_value(node: yaml.Node) -> str | None:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, resolved as MkDocs resolves it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [node.value], None
    else:
        items = [item.value for item in node.value if isinstance(item, yaml.ScalarNode)]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


def read_site_url(chain: list) -> str | None:
    found = last(chain, "site_url")
    if found is None:
        return None
    path, node = found
    if node.tag == ENV_TAG:
        value = _env_value(node)
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        value = None
    else:
        value = text(path, node, "site_url")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in UNSAFE):
        raise SiteConfigError(path, line(node), f"site_url '{value}' must be an absolute http(s) URL")
    return value if value.endswith("/") else value + "/"
