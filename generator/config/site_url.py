"""The site's ``site_url``, resolved (``!ENV`` included) as MkDocs resolves it, and
:class:`SiteAddress`, the one object pages and outputs link through.

Both engines get the resolved value, and briefing's own outputs (sitemap,
feeds, share tags, "Cite as") use the same one.

    >>> import datetime
    >>> SiteAddress(None, "S", datetime.date(2025, 1, 1)).link("briefs/x/", "actors/y/feed.xml")
    '../../briefs/x/'
    >>> SiteAddress("https://e.org/s/", "S", datetime.date(2025, 1, 1)).link("briefs/x/", "feed.xml")
    'https://e.org/s/briefs/x/'
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from .yaml_nodes import SiteConfigError, last, line, text
from ..urls import absolute_url


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
    problem = address_problem(value)
    if problem:
        raise SiteConfigError(path, line(node), f"site_url '{value}' {problem}")
    return value if value.endswith("/") else value + "/"


def address_problem(value: str) -> str | None:
    """Why ``value`` cannot be the site's address, or None. Every absolute link is the address
    followed by a page's path, so a query or fragment would swallow the path, and credentials
    would be published on every page.

    >>> [address_problem(v) for v in ("https://e.org/sub", "https://e.org/#top", "https://u:p@e.org/")]
    [None, 'must have no fragment (#…)', 'must have no user name or password (…@)']
    """
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in value for c in UNSAFE):
        return "must be an absolute http(s) URL"
    if "@" in parts.netloc:
        return "must have no user name or password (…@)"
    if not parts.hostname:
        return "must name a host"
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or parts.netloc.endswith(":"):
        return "must have a port from 1 to 65535, if any"
    if "?" in value:
        return "must have no query (?…)"
    if "#" in value:
        return "must have no fragment (#…)"
    return None


@dataclass(frozen=True)
class SiteAddress:
    site_url: str | None = None  # absolute, ending in "/"; None: links are relative
    site_name: str = ""
    newest: datetime.date = datetime.date(1970, 1, 1)  # what a feed with no entries gives as its ``updated``

    @property
    def identity(self) -> str:
        """What names the site in feed ids: its address, or its name when it has none."""
        return self.site_url or f"briefing:{self.site_name}:"

    def link(self, target: str, from_file: str) -> str:
        """``target`` (relative to the site root) as linked from the file ``from_file``."""
        if self.site_url:
            return self.site_url + target
        return "../" * from_file.count("/") + target or "./"

    def page_url(self, page: str) -> str | None:
        """A page's absolute address (``briefs/x.md`` → ``https://…/briefs/x/``), or None without ``site_url``."""
        return absolute_url(self.site_url, page)
