"""The JSON Schemas for a brief's front matter and each registry, published at
``/data/schemas/`` so that an editor can point at the site (see :mod:`generator.json_schema`)."""

from __future__ import annotations

from pathlib import Path

from ..json_schema import write_schemas
from ..urls import JSON_SCHEMAS


def write_published_schemas(site: Path) -> None:
    """Into the staged ``site``: each file is new and renamed over its name, never
    written in place (it may be a hard link into the published site)."""
    write_schemas(site / JSON_SCHEMAS)
