"""Stage 2, check: one brief's validation result, kept with its parsed file and reused.

A brief's result (its :class:`~generator.model.Brief`, or None, and its problems) depends on
its own text, the registries, the check code and the day (a date "in the future" is a
warning today and fine tomorrow). The result is reused when the file's bytes are unchanged
(the parsed file it is kept with is keyed by their hash) and :func:`check_key` is unchanged:
a hash of the body converter's key (versions, ``unsafe_html``), every registry's and
``about.md``'s text, the source of this package and of the model, and today's date.
Checks across briefs (slugs, links between briefs) always run over all of them.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from .. import model

_CODE = [*sorted(Path(__file__).parent.glob("*.py")), Path(model.__file__)]


def check_key(converter_key: str, registry_digest: str, today: datetime.date) -> str:
    parts = [converter_key, registry_digest, today.isoformat(), *(path.read_bytes() for path in _CODE)]
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()
