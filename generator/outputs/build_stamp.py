"""The footer's "Last built" date, as a small script that every page loads.

The date is written here, not into the pages: a brief newer than all others
moves the build date, and a date in every page would make that edit rebuild
every page. Each page's footer holds an empty, hidden line
(``site_templates/overrides/main.html``) that this script fills in::

    >>> stamp_script(1753228800)[:60]
    'document.querySelectorAll("[data-briefing-built]").forEach('
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..pages.render import long_date
from ..urls import BUILD_STAMP
from .site_files import replace_file


def stamp_script(epoch: int) -> str:
    built = long_date(datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date())
    return (
        'document.querySelectorAll("[data-briefing-built]").forEach(function (line) {\n'
        f'  line.querySelector("time").textContent = {json.dumps(built)};\n'
        "  line.hidden = false;\n"
        "});\n"
    )


def write_build_stamp(site: Path, epoch: int) -> None:
    """Write the script into the staged ``site`` (see :func:`.site_files.replace_file`)."""
    replace_file(site / BUILD_STAMP, stamp_script(epoch).encode("utf-8"))
