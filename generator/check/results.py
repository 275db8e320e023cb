"""Stage 2, check: one brief's validation result, kept with its parsed file and reused.

A brief's result (its :class:`~generator.model.Brief`, or None, and its problems) depends on
its own text, the registries, the check code and the day (a date "in the future" is a
warning today and fine tomorrow). The result is reused when the file's bytes are unchanged
(the parsed file it is kept with is keyed by their hash) and :func:`check_key` is unchanged:
a hash of the body converter's key (versions, ``unsafe_html``), every registry's and
``about.md``'s text, the source of this package and of the model. The day enters only as
``day > today`` for the brief's own days: :class:`Today` remembers them, so the result holds
for every day that compares with them alike, and the key it is kept under names those days.
Checks across briefs (slugs, links between briefs) always run over all of them.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from .. import model

_CODE = [*sorted(Path(__file__).parent.glob("*.py")), Path(model.__file__)]


def check_key(converter_key: str, registry_digest: str) -> str:
    parts = [converter_key, registry_digest, *(path.read_bytes() for path in _CODE)]
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


class Today:
    """Today's date for ``day > today`` (and ``today < day``) only; any other use is a TypeError,
    so that no use of the day escapes :meth:`key`."""

    def __init__(self, date: datetime.date):
        self.date = date
        self.since = datetime.date.min  # the latest day compared that is not after today
        self.until = datetime.date.max  # the earliest day compared that is after today

    def __lt__(self, day: datetime.date) -> bool:
        if not isinstance(day, datetime.date):
            return NotImplemented
        if day > self.date:
            self.until = min(self.until, day)
            return True
        self.since = max(self.since, day)
        return False

    def __gt__(self, other: object) -> bool:
        raise TypeError("compare the day with today only as 'day > today'")

    __le__ = __ge__ = __gt__

    def __eq__(self, other: object) -> bool:
        raise TypeError("compare the day with today only as 'day > today'")

    __hash__ = None  # type: ignore[assignment]

    def key(self, check_key: str) -> str:
        """``check_key`` with the days on which every comparison made goes as it went today."""
        return f"{check_key}|{self.since.isoformat()}|{self.until.isoformat()}"


def still_holds(kept_key: str, check_key: str, today: datetime.date) -> bool:
    """Whether a result kept under ``kept_key`` (see :meth:`Today.key`) holds under ``check_key`` today."""
    key, _, days = kept_key.partition("|")
    since, _, until = days.partition("|")
    try:
        return key == check_key and datetime.date.fromisoformat(since) <= today < datetime.date.fromisoformat(until)
    except ValueError:
        return False
