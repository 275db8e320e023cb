"""``briefing schema DIR``: write the JSON Schemas for briefs and registries into DIR."""

from __future__ import annotations

import sys
from pathlib import Path

from ..outputs.schemas import write_schemas


def run(folder: Path) -> int:
    try:
        written = write_schemas(folder)
    except OSError as error:
        print(f"briefing: error: cannot write the schemas into {folder}: {error.strerror or error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
