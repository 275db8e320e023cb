"""The JSON Schemas for a brief's front matter and each registry, written into a folder
(``briefing schema DIR``) or published at ``/data/schemas/`` so that an editor can point at
the site (see :mod:`generator.check.json_schema`)."""

from __future__ import annotations

from pathlib import Path

from ..check.json_schema import schema_files
from ..urls import JSON_SCHEMAS
from .site_files import replace_file


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``, each as a new file renamed over the old name."""
    files = schema_files()
    for name, text in files.items():
        replace_file(folder / name, text.encode("utf-8"))
    return [folder / name for name in files]


def write_published_schemas(site: Path) -> None:
    """Into the staged ``site``: each file is new and renamed over its name, never
    written in place (it may be a hard link into the published site)."""
    write_schemas(site / JSON_SCHEMAS)
