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
import os
from pathlib import Path

from ..render import long_date
from ..urls import BUILD_STAMP


def stamp_script(epoch: int) -> str:
    built = long_date(datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date())
    return (
        'document.querySelectorAll("[data-briefing-built]").forEach(function (line) {\n'
        f'  line.querySelector("time").textContent = {json.dumps(built)};\n'
        "  line.hidden = false;\n"
        "});\n"
    )


def write_build_stamp(site: Path, epoch: int) -> None:
    """Write the script into the staged ``site`` as a new file (the old one may be a hard
    link into the published site, so it is replaced, never written in place)."""
    target = site / BUILD_STAMP
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".new")
    temporary.write_text(stamp_script(epoch), encoding="utf-8")
    os.replace(temporary, target)
