"""What the whole-site outputs (feeds, data files) share: the site's address and a safe write.

    >>> import datetime
    >>> SiteAddress(None, "S", datetime.date(2025, 1, 1)).link("briefs/x/", "actors/y/feed.xml")
    '../../briefs/x/'
    >>> SiteAddress("https://e.org/s/", "S", datetime.date(2025, 1, 1)).link("briefs/x/", "feed.xml")
    'https://e.org/s/briefs/x/'
"""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteAddress:
    site_url: str | None  # absolute, ending in "/"; None: links are relative
    site_name: str
    newest: datetime.date  # what a feed with no entries gives as its ``updated``

    @property
    def identity(self) -> str:
        """What names the site in feed ids: its address, or its name when it has none."""
        return self.site_url or f"briefing:{self.site_name}:"

    def link(self, target: str, from_file: str) -> str:
        """``target`` (relative to the site root) as linked from the file ``from_file``."""
        if self.site_url:
            return self.site_url + target
        return "../" * from_file.count("/") + target or "./"


def warn_without_site_url(config_file: Path, site_url: str | None) -> None:
    """Said once per build: without ``site_url``, feeds and data files cannot link absolutely."""
    if not site_url:
        print(f"{config_file}: warning: site_url is not set; feeds and data files link relative to themselves", file=sys.stderr)


def replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``target``: the old one may be a hard link into the
    published site, so it is replaced, never written in place. An unchanged file is left alone."""
    try:
        if target.read_bytes() == data:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".new")
    temporary.write_bytes(data)
    os.replace(temporary, target)
