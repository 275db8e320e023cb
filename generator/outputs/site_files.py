"""What the whole-site outputs (feeds, data files) share: a warning and a safe write."""

from __future__ import annotations

import os
import sys
from pathlib import Path


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
