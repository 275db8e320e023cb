"""What the whole-site outputs (feeds, data files) share: a warning, a safe write, and the
keys that let an edit leave an output whose inputs did not change as it is."""

from __future__ import annotations

import hashlib
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


class OutputKeys:
    """The key of each output file: a digest of everything it is made from. An incremental
    build starts from hard links to the published site, whose outputs had the ``previous``
    keys; an output whose key is unchanged is left as that link, not made again. A full
    build passes no previous keys, so it writes everything and records the keys."""

    def __init__(self, base: str, previous: dict[str, str] | None = None):
        self.base = base  # what shapes every output: the build's fingerprint, registries, site address
        self.previous = previous or {}
        self.keys: dict[str, str] = {}

    def unchanged(self, path: str, inputs: object) -> bool:
        """Record ``path``'s key from ``inputs`` (a repr-stable value); whether it is as before."""
        key = hashlib.blake2b(repr((self.base, inputs)).encode("utf-8"), digest_size=16).hexdigest()
        self.keys[path] = key
        return self.previous.get(path) == key
